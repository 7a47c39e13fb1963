//! What a `<waypoint-view>` element asks for, read from its attributes (which the
//! element sends as one JSON object of strings). Everything is checked here, so a
//! host page that writes a bad attribute gets one clear message and nothing else
//! happens. Credentials never come through here: attributes are visible in the
//! page's markup, so the element takes them as a property (see README).

use crate::domain::board::BoardQuery;
use crate::domain::timeline::Scope;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Which Waypoint screen an element shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmbedView {
    /// A pipeline board; `None` = the workspace's first pipeline.
    Board {
        /// Pipeline document id.
        pipeline: Option<String>,
    },
    /// The timeline of one contact or account.
    Timeline(Scope),
    /// One journey map, read-only, as a table of lanes × stages.
    Journey {
        /// Journey map document id.
        map: String,
    },
    /// The workspace's record counts.
    Dashboard,
}

/// Where an embed syncs from and to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedSync {
    /// Server URL, `http(s)://…`, without the database.
    pub server: String,
    /// Database name.
    pub database: String,
}

/// A parsed, checked element configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedConfig {
    /// The screen.
    pub view: EmbedView,
    /// UI language: `vi` or `en`; `None` follows the workspace settings.
    pub locale: Option<String>,
    /// No edit controls, and the store refuses writes from this element.
    pub read_only: bool,
    /// Only these accounts (document ids) and what belongs to them; empty = all.
    pub accounts: BTreeSet<String>,
    /// The IndexedDB database this element uses (`waypoint-embed-` + the name).
    pub workspace: String,
    /// Live sync with a server, when both `server` and `database` are given.
    pub sync: Option<EmbedSync>,
}

/// Why an element's attributes were refused; the attribute is named.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmbedError {
    /// The element sent something that is not a JSON object (a bug in the loader).
    #[error("the element's configuration is not a JSON object")]
    NotAnObject,
    /// `view` is missing or not one of board, timeline, journey, dashboard.
    #[error("view=\"{0}\" is not one of board, timeline, journey, dashboard")]
    UnknownView(String),
    /// A view needs an attribute that is missing.
    #[error("view=\"{view}\" needs the {attribute} attribute")]
    Missing {
        /// The view.
        view: &'static str,
        /// The missing attribute.
        attribute: &'static str,
    },
    /// An attribute's value cannot be used.
    #[error("{attribute}=\"{value}\" is not valid: {why}")]
    Invalid {
        /// The attribute.
        attribute: &'static str,
        /// Its value.
        value: String,
        /// What is expected.
        why: &'static str,
    },
}

/// The IndexedDB name prefix of embedded workspaces (never the app's own `waypoint`).
pub const WORKSPACE_PREFIX: &str = "waypoint-embed-";

fn text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    }
}

fn invalid(attribute: &'static str, value: &str, why: &'static str) -> EmbedError {
    EmbedError::Invalid {
        attribute,
        value: value.to_string(),
        why,
    }
}

/// A document id of `kind` (`contact:…`), also accepted without its prefix.
fn doc_id(attribute: &'static str, kind: &str, value: &str) -> Result<String, EmbedError> {
    let bare = value.strip_prefix(&format!("{kind}:")).unwrap_or(value);
    if bare.is_empty() || bare.contains(char::is_whitespace) || bare.contains(':') {
        return Err(invalid(attribute, value, "expected a record id"));
    }
    Ok(format!("{kind}:{bare}"))
}

impl EmbedConfig {
    /// Reads the element's attributes (a JSON object of strings).
    pub fn parse(json: &str) -> Result<Self, EmbedError> {
        let value: Value = serde_json::from_str(json).map_err(|_| EmbedError::NotAnObject)?;
        let obj = value.as_object().ok_or(EmbedError::NotAnObject)?;
        let view_name = text(obj, "view").unwrap_or_default();
        let view = match view_name.as_str() {
            "board" => EmbedView::Board {
                pipeline: text(obj, "pipeline")
                    .map(|p| doc_id("pipeline", "pipeline", &p))
                    .transpose()?,
            },
            "timeline" => {
                let record = text(obj, "record").ok_or(EmbedError::Missing {
                    view: "timeline",
                    attribute: "record",
                })?;
                if record.starts_with("account:") {
                    EmbedView::Timeline(Scope::Account(doc_id("record", "account", &record)?))
                } else if record.starts_with("contact:") {
                    EmbedView::Timeline(Scope::Contact(doc_id("record", "contact", &record)?))
                } else {
                    return Err(invalid(
                        "record",
                        &record,
                        "expected contact:… or account:…",
                    ));
                }
            }
            "journey" => EmbedView::Journey {
                map: doc_id(
                    "map",
                    "journey_map",
                    &text(obj, "map").ok_or(EmbedError::Missing {
                        view: "journey",
                        attribute: "map",
                    })?,
                )?,
            },
            "dashboard" => EmbedView::Dashboard,
            _ => return Err(EmbedError::UnknownView(view_name)),
        };
        let locale = match text(obj, "locale") {
            None => None,
            Some(l) if l == "vi" || l == "en" => Some(l),
            Some(l) => return Err(invalid("locale", &l, "expected vi or en")),
        };
        // A boolean attribute: present means on, unless it says "false".
        let read_only = match obj.get("readonly") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s.trim() != "false",
            Some(_) => true,
        };
        let accounts = match text(obj, "accounts") {
            None => BTreeSet::new(),
            Some(list) => list
                .split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(|a| doc_id("accounts", "account", a))
                .collect::<Result<_, _>>()?,
        };
        let name = text(obj, "workspace").unwrap_or_else(|| "default".into());
        if name.len() > 64
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(invalid(
                "workspace",
                &name,
                "use up to 64 letters, digits, - or _",
            ));
        }
        let sync = match (text(obj, "server"), text(obj, "database")) {
            (None, None) => None,
            (Some(server), Some(database)) => {
                if !(server.starts_with("https://") || server.starts_with("http://")) {
                    return Err(invalid("server", &server, "expected an http(s):// URL"));
                }
                if server.contains('@') {
                    return Err(invalid(
                        "server",
                        &server,
                        "credentials belong in the credentials property, not the URL",
                    ));
                }
                Some(EmbedSync {
                    server: server.trim_end_matches('/').to_string(),
                    database,
                })
            }
            (Some(_), None) => {
                return Err(EmbedError::Missing {
                    view: "sync",
                    attribute: "database",
                })
            }
            (None, Some(_)) => {
                return Err(EmbedError::Missing {
                    view: "sync",
                    attribute: "server",
                })
            }
        };
        Ok(EmbedConfig {
            view,
            locale,
            read_only,
            accounts,
            workspace: format!("{WORKSPACE_PREFIX}{name}"),
            sync,
        })
    }

    /// The board view this configuration starts with.
    pub fn board_query(&self) -> BoardQuery {
        match &self.view {
            EmbedView::Board { pipeline } => BoardQuery {
                pipeline: pipeline.clone(),
                ..BoardQuery::default()
            },
            _ => BoardQuery::default(),
        }
    }

    /// Whether an account is inside this element's scope.
    pub fn shows_account(&self, account: Option<&str>) -> bool {
        self.accounts.is_empty() || account.is_some_and(|a| self.accounts.contains(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<EmbedConfig, EmbedError> {
        EmbedConfig::parse(json)
    }

    #[test]
    fn a_read_only_board_scoped_to_one_partner() {
        let c = parse(
            r#"{"view":"board","pipeline":"pipeline:sales","readonly":"","accounts":"account:a1, a2","workspace":"partner-a","locale":"en"}"#,
        )
        .unwrap();
        assert_eq!(
            c.view,
            EmbedView::Board {
                pipeline: Some("pipeline:sales".into())
            }
        );
        assert!(c.read_only);
        assert_eq!(
            c.accounts.iter().cloned().collect::<Vec<_>>(),
            ["account:a1", "account:a2"]
        );
        assert_eq!(c.workspace, "waypoint-embed-partner-a");
        assert_eq!(c.locale.as_deref(), Some("en"));
        assert_eq!(c.sync, None);
        assert!(c.shows_account(Some("account:a2")));
        assert!(!c.shows_account(Some("account:b")));
        assert!(!c.shows_account(None));
        assert_eq!(c.board_query().pipeline.as_deref(), Some("pipeline:sales"));
    }

    #[test]
    fn defaults_are_an_editable_unscoped_default_workspace() {
        let c = parse(r#"{"view":"dashboard"}"#).unwrap();
        assert!(!c.read_only);
        assert!(c.accounts.is_empty());
        assert!(c.shows_account(None));
        assert_eq!(c.workspace, "waypoint-embed-default");
        assert_eq!(c.locale, None);
        let c = parse(r#"{"view":"board","readonly":"false"}"#).unwrap();
        assert!(!c.read_only);
        assert_eq!(c.view, EmbedView::Board { pipeline: None });
    }

    #[test]
    fn timeline_and_journey_name_their_record() {
        let c = parse(r#"{"view":"timeline","record":"contact:c9"}"#).unwrap();
        assert_eq!(
            c.view,
            EmbedView::Timeline(Scope::Contact("contact:c9".into()))
        );
        let c = parse(r#"{"view":"timeline","record":"account:a1"}"#).unwrap();
        assert_eq!(
            c.view,
            EmbedView::Timeline(Scope::Account("account:a1".into()))
        );
        let c = parse(r#"{"view":"journey","map":"m1"}"#).unwrap();
        assert_eq!(
            c.view,
            EmbedView::Journey {
                map: "journey_map:m1".into()
            }
        );
        assert_eq!(
            parse(r#"{"view":"journey"}"#),
            Err(EmbedError::Missing {
                view: "journey",
                attribute: "map"
            })
        );
        assert_eq!(
            parse(r#"{"view":"timeline"}"#),
            Err(EmbedError::Missing {
                view: "timeline",
                attribute: "record"
            })
        );
        assert!(matches!(
            parse(r#"{"view":"timeline","record":"deal:d1"}"#),
            Err(EmbedError::Invalid {
                attribute: "record",
                ..
            })
        ));
    }

    #[test]
    fn bad_attributes_are_named() {
        assert_eq!(
            parse(r#"{"view":"kanban"}"#),
            Err(EmbedError::UnknownView("kanban".into()))
        );
        assert_eq!(parse(r#"{}"#), Err(EmbedError::UnknownView(String::new())));
        assert_eq!(parse("[1]"), Err(EmbedError::NotAnObject));
        for (json, attribute) in [
            (r#"{"view":"board","locale":"fr"}"#, "locale"),
            (r#"{"view":"board","workspace":"../x"}"#, "workspace"),
            (r#"{"view":"board","accounts":"account:a b:c"}"#, "accounts"),
            (
                r#"{"view":"board","server":"ftp://x","database":"crm"}"#,
                "server",
            ),
            (
                r#"{"view":"board","server":"https://u:p@x","database":"crm"}"#,
                "server",
            ),
        ] {
            match parse(json) {
                Err(EmbedError::Invalid { attribute: a, .. }) => assert_eq!(a, attribute, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
        }
        assert_eq!(
            parse(r#"{"view":"board","server":"https://x"}"#),
            Err(EmbedError::Missing {
                view: "sync",
                attribute: "database"
            })
        );
        let msg = parse(r#"{"view":"board","locale":"fr"}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(msg, "locale=\"fr\" is not valid: expected vi or en");
    }

    #[test]
    fn sync_needs_server_and_database() {
        let c = parse(r#"{"view":"board","server":"http://127.0.0.1:5984/","database":"crm"}"#)
            .unwrap();
        assert_eq!(
            c.sync,
            Some(EmbedSync {
                server: "http://127.0.0.1:5984".into(),
                database: "crm".into()
            })
        );
    }
}
