//! Where a lead first met the brand (docs/domain.md#lead-sources): UTM parameters, referrer and
//! landing page parsed from a URL, and the workspace's source-group rules that
//! classify every contact (Paid social, Organic search, Referral…).
//!
//! Input comes from the address bar, `document.referrer` or a pasted link, so it is
//! treated as hostile: only `http`/`https` URLs are accepted, values are
//! percent-decoded leniently, control characters are dropped and lengths capped.

use crate::domain::search::normalise;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Longest URL accepted (browsers cap at ~2 MB; a landing link is far shorter).
pub const MAX_URL_LEN: usize = 4096;
/// Longest stored value of one parameter, in characters.
pub const MAX_VALUE_LEN: usize = 200;

/// The first (or a later) touch that brought a lead, as stored on a contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadSource {
    /// `utm_source` (facebook, google, newsletter), or derived from the referrer.
    #[serde(default)]
    pub source: String,
    /// `utm_medium` (cpc, email, social, organic, referral, `(none)` for direct).
    #[serde(default)]
    pub medium: String,
    /// `utm_campaign`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub campaign: String,
    /// `utm_term`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub term: String,
    /// `utm_content`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub content: String,
    /// The referring page, without its query string.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub referrer: String,
    /// The landing page, without its query string.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub landing_page: String,
    /// When the touch was captured.
    pub captured_at: Timestamp,
}

/// Why a URL was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// Nothing was given.
    Empty,
    /// Longer than [`MAX_URL_LEN`].
    TooLong,
    /// Not an `http:` or `https:` URL (e.g. `javascript:`, `data:`, a bare word).
    NotHttp,
    /// No host after the scheme.
    NoHost,
}

/// A URL split into the parts a lead source needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebUrl {
    /// Lower-case host without port or credentials.
    pub host: String,
    /// `scheme://host[:port]/path`, without query or fragment.
    pub page: String,
    /// Decoded query pairs in order.
    pub query: Vec<(String, String)>,
}

impl WebUrl {
    /// Parses an absolute `http`/`https` URL.
    pub fn parse(input: &str) -> Result<WebUrl, UrlError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(UrlError::Empty);
        }
        if s.len() > MAX_URL_LEN {
            return Err(UrlError::TooLong);
        }
        let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
        let rest = if lower.starts_with("https://") {
            &s[8..]
        } else if lower.starts_with("http://") {
            &s[7..]
        } else {
            return Err(UrlError::NotHttp);
        };
        let scheme = if lower.starts_with("https") {
            "https"
        } else {
            "http"
        };
        let without_fragment = rest.split('#').next().unwrap_or("");
        let (before_query, query) = match without_fragment.split_once('?') {
            Some((a, q)) => (a, q),
            None => (without_fragment, ""),
        };
        let (authority, path) = match before_query.find('/') {
            Some(i) => (&before_query[..i], &before_query[i..]),
            None => (before_query, "/"),
        };
        let host_port = authority.rsplit('@').next().unwrap_or("");
        let host = host_port
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if host.is_empty()
            || !host
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '_')
        {
            return Err(UrlError::NoHost);
        }
        let port = host_port.split_once(':').map(|(_, p)| p).unwrap_or("");
        let port = if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) {
            format!(":{port}")
        } else {
            String::new()
        };
        let page = clean(&format!("{scheme}://{host}{port}{}", decode(path, false)));
        Ok(WebUrl {
            host,
            page: cap(&page, MAX_VALUE_LEN * 2),
            query: parse_query(query),
        })
    }

    /// The first value of a query parameter (case-insensitive name).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Decoded `key=value` pairs of a query string (`+` is a space).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .take(100)
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (
                cap(&clean(&decode(k, true)), 64),
                cap(&clean(&decode(v, true)), MAX_VALUE_LEN),
            )
        })
        .collect()
}

/// Percent-decodes leniently: a bad escape stays as typed; invalid UTF-8 becomes U+FFFD.
fn decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Drops control characters (including NUL, newlines, bidi overrides) and trims.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !('\u{202a}'..='\u{202e}').contains(c))
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .collect::<String>()
        .trim()
        .to_string()
}

fn cap(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}

const SEARCH_ENGINES: [(&str, &str); 6] = [
    ("google.", "google"),
    ("bing.", "bing"),
    ("coccoc.", "coccoc"),
    ("yahoo.", "yahoo"),
    ("duckduckgo.", "duckduckgo"),
    ("yandex.", "yandex"),
];

const SOCIAL_SITES: [(&str, &str); 9] = [
    ("facebook.", "facebook"),
    ("fb.", "facebook"),
    ("zalo.", "zalo"),
    ("tiktok.", "tiktok"),
    ("linkedin.", "linkedin"),
    ("youtube.", "youtube"),
    ("instagram.", "instagram"),
    ("t.co", "twitter"),
    ("x.com", "twitter"),
];

fn site_of(host: &str, table: &'static [(&'static str, &'static str)]) -> Option<&'static str> {
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    table
        .iter()
        .find(|(p, _)| {
            if p.ends_with('.') {
                host.starts_with(p) || host.contains(&format!(".{p}"))
            } else {
                host == *p || host.ends_with(&format!(".{p}"))
            }
        })
        .map(|(_, name)| *name)
}

/// The lead source of a visit: UTM parameters of the landing URL win; without
/// them, click ids (`gclid`, `fbclid`), then the referrer, then "direct".
///
/// A referrer from the landing page's own host is ignored (internal navigation).
pub fn source_of_visit(landing: &WebUrl, referrer: Option<&WebUrl>, at: Timestamp) -> LeadSource {
    let referrer = referrer.filter(|r| r.host != landing.host);
    let utm = |k: &str| landing.param(k).unwrap_or("").to_string();
    let mut s = LeadSource {
        source: utm("utm_source").to_lowercase(),
        medium: utm("utm_medium").to_lowercase(),
        campaign: utm("utm_campaign"),
        term: utm("utm_term"),
        content: utm("utm_content"),
        referrer: referrer.map(|r| r.page.clone()).unwrap_or_default(),
        landing_page: landing.page.clone(),
        captured_at: at,
    };
    if s.source.is_empty() {
        if landing.param("gclid").is_some() {
            s.source = "google".into();
            s.medium = or(s.medium, "cpc");
        } else if landing.param("fbclid").is_some() {
            s.source = "facebook".into();
            s.medium = or(s.medium, "social");
        } else if let Some(r) = referrer {
            if let Some(engine) = site_of(&r.host, &SEARCH_ENGINES) {
                s.source = engine.into();
                s.medium = or(s.medium, "organic");
            } else if let Some(site) = site_of(&r.host, &SOCIAL_SITES) {
                s.source = site.into();
                s.medium = or(s.medium, "social");
            } else {
                s.source = r.host.strip_prefix("www.").unwrap_or(&r.host).into();
                s.medium = or(s.medium, "referral");
            }
        } else {
            s.source = "(direct)".into();
            s.medium = or(s.medium, "(none)");
        }
    }
    s
}

fn or(value: String, default: &str) -> String {
    if value.is_empty() {
        default.into()
    } else {
        value
    }
}

/// True when a URL carries anything worth recording as a touch (UTM or click ids).
pub fn has_campaign_params(url: &WebUrl) -> bool {
    [
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "gclid",
        "fbclid",
    ]
    .iter()
    .any(|k| url.param(k).is_some())
}

/// One rule: a contact whose source and medium match both patterns is in `group`.
///
/// Patterns are `|`-separated alternatives, case- and diacritic-insensitive, where
/// `*` matches any run of characters; an empty pattern matches anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRule {
    /// Group id (`paid_social`…) or a workspace's own group name.
    pub group: String,
    /// Pattern for the source.
    #[serde(default)]
    pub source: String,
    /// Pattern for the medium.
    #[serde(default)]
    pub medium: String,
}

/// The group of contacts no rule matches.
pub const OTHER_GROUP: &str = "other";
/// The group of contacts with no recorded source.
pub const UNKNOWN_GROUP: &str = "unknown";

/// The rules a new workspace starts with, first match wins.
pub fn default_source_rules() -> Vec<SourceRule> {
    let r = |group: &str, source: &str, medium: &str| SourceRule {
        group: group.into(),
        source: source.into(),
        medium: medium.into(),
    };
    vec![
        r("direct", "(direct)|direct", ""),
        r("email", "", "email|e-mail|newsletter"),
        r(
            "paid_social",
            "facebook|fb|instagram|tiktok|zalo|linkedin|youtube|twitter",
            "cpc|ppc|paid*|cpm|ads|display",
        ),
        r("paid_search", "", "cpc|ppc|paid*|cpm"),
        r("organic_search", "", "organic|seo"),
        r("social", "", "social|social-network|sm"),
        r("referral", "", "referral|partner|affiliate"),
    ]
}

/// Matches `text` against a `|`-separated glob pattern.
pub fn pattern_matches(pattern: &str, text: &str) -> bool {
    if pattern.trim().is_empty() {
        return true;
    }
    let text = normalise_token(text);
    pattern
        .split('|')
        .map(normalise_token)
        .filter(|p| !p.is_empty())
        .any(|p| glob(&p, &text))
}

/// Folds a pattern (or a value) the way search does, keeping `*` wildcards:
/// "(Direct)" and "direct" are the same, so are "e-mail" and "E mail".
fn normalise_token(s: &str) -> String {
    s.split('*').map(normalise).collect::<Vec<_>>().join("*")
}

fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

/// The group a lead source falls in under `rules` (first match wins).
pub fn classify(source: Option<&LeadSource>, rules: &[SourceRule]) -> String {
    let Some(s) = source else {
        return UNKNOWN_GROUP.into();
    };
    if s.source.is_empty() && s.medium.is_empty() {
        return UNKNOWN_GROUP.into();
    }
    rules
        .iter()
        .find(|r| pattern_matches(&r.source, &s.source) && pattern_matches(&r.medium, &s.medium))
        .map(|r| r.group.clone())
        .unwrap_or_else(|| OTHER_GROUP.into())
}

#[cfg(test)]
mod tests;
