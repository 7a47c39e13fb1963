//! A team on a CouchDB server: the roles Waypoint's server rules know, the
//! bundled rules' version against the one a database holds, and a member's
//! roles when they are invited again. The rules themselves are
//! `server/waypoint-design.js`; see docs/team-server.md.

use std::cmp::Ordering;

/// The part a member plays in a workspace, as a CouchDB role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Changes everything, settings and pipelines included (`waypoint-admin`).
    Admin,
    /// Works the board and the customers (`waypoint-sales`).
    Sales,
    /// Works the support queue (`waypoint-support`).
    Support,
    /// A partner's viewer: reads that partner's database, writes nothing
    /// (`waypoint-partner-<name>`).
    Partner(String),
}

/// Why a role cannot be given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    /// A partner's name must be lowercase letters, digits and `-`, 1–40 long,
    /// so that it fits a role and a database name.
    #[error("a partner's name is 1–40 lowercase letters, digits or '-', starting with a letter")]
    PartnerName,
}

impl Role {
    /// The CouchDB role name.
    pub fn couch_role(&self) -> String {
        match self {
            Role::Admin => "waypoint-admin".into(),
            Role::Sales => "waypoint-sales".into(),
            Role::Support => "waypoint-support".into(),
            Role::Partner(name) => format!("waypoint-partner-{name}"),
        }
    }

    /// A partner role for `name`, checked.
    pub fn partner(name: &str) -> Result<Role, RoleError> {
        let name = name.trim();
        let mut chars = name.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        match first_ok && rest_ok && name.len() <= 40 {
            true => Ok(Role::Partner(name.to_string())),
            false => Err(RoleError::PartnerName),
        }
    }
}

/// A member's roles after being given `role`: Waypoint's roles are replaced
/// (one part per member), any other role the server admin gave is kept.
pub fn roles_with(existing: &[String], role: &Role) -> Vec<String> {
    let mut roles: Vec<String> = existing
        .iter()
        .filter(|r| !r.starts_with("waypoint-"))
        .cloned()
        .collect();
    roles.push(role.couch_role());
    roles
}

/// Where a database's rules stand against the ones this app carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RulesState {
    /// The database has no `_design/waypoint`.
    Missing,
    /// An older version than this app's: offer to update.
    Older(String),
    /// The same version.
    Current,
    /// A newer version (another device runs a newer Waypoint): leave it.
    Newer(String),
}

/// Compares the version a database holds (`None`: no design document) with
/// the app's. Versions are `YYYY-MM-DD.N`; anything unreadable counts as older.
pub fn rules_state(on_server: Option<&str>, bundled: &str) -> RulesState {
    let Some(theirs) = on_server else {
        return RulesState::Missing;
    };
    let key = |v: &str| {
        let (date, n) = v.split_once('.')?;
        let valid = date.len() == 10 && date.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        Some((valid.then(|| date.to_string())?, n.parse::<u32>().ok()?))
    };
    match key(theirs).cmp(&key(bundled)) {
        Ordering::Less => RulesState::Older(theirs.to_string()),
        Ordering::Equal => RulesState::Current,
        Ordering::Greater => RulesState::Newer(theirs.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_couchdb_role_names_and_partner_names_are_checked() {
        assert_eq!(Role::Sales.couch_role(), "waypoint-sales");
        assert_eq!(
            Role::partner(" acme-2 ").unwrap().couch_role(),
            "waypoint-partner-acme-2"
        );
        for bad in ["", "Acme", "2acme", "acme corp", "acmé", &"a".repeat(41)] {
            assert_eq!(Role::partner(bad), Err(RoleError::PartnerName), "{bad}");
        }
    }

    #[test]
    fn a_new_role_replaces_the_waypoint_role_and_keeps_the_others() {
        let existing = vec!["waypoint-sales".to_string(), "reporting".to_string()];
        assert_eq!(
            roles_with(&existing, &Role::Support),
            vec!["reporting".to_string(), "waypoint-support".to_string()]
        );
        assert_eq!(roles_with(&[], &Role::Admin), vec!["waypoint-admin"]);
    }

    #[test]
    fn rules_versions_compare_by_date_then_number() {
        let ours = "2026-12-07.2";
        assert_eq!(rules_state(None, ours), RulesState::Missing);
        assert_eq!(rules_state(Some(ours), ours), RulesState::Current);
        assert_eq!(
            rules_state(Some("2026-12-07.1"), ours),
            RulesState::Older("2026-12-07.1".into())
        );
        assert_eq!(
            rules_state(Some("2026-11-30.9"), ours),
            RulesState::Older("2026-11-30.9".into())
        );
        assert_eq!(
            rules_state(Some("2026-12-07.10"), ours),
            RulesState::Newer("2026-12-07.10".into())
        );
        assert_eq!(
            rules_state(Some("garbage"), ours),
            RulesState::Older("garbage".into())
        );
    }
}

/// The database a partner reads: `waypoint-partner-<name>`.
pub fn partner_db(partner: &str) -> String {
    format!("waypoint-partner-{partner}")
}

/// The Mango selector of a partner's replication: the partner's accounts and
/// every record that belongs to one of them (it carries `account_id`), with the
/// pipelines a board needs to show the partner's deals (stage names, no
/// customer's data). Not the workspace settings: they name the team's people.
/// Design documents never match (they have none of these).
pub fn partner_selector(accounts: &[String]) -> serde_json::Value {
    serde_json::json!({
        "$or": [
            {"_id": {"$in": accounts}},
            {"account_id": {"$in": accounts}},
            {"type": "pipeline"}
        ]
    })
}

/// The `_security` of a partner's database: its admins administer it, and
/// only the partner's role reads it.
pub fn partner_security(partner: &Role) -> serde_json::Value {
    serde_json::json!({
        "admins": {"names": [], "roles": [Role::Admin.couch_role()]},
        "members": {"names": [], "roles": [partner.couch_role()]}
    })
}

#[cfg(test)]
mod partner_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_partner_gets_a_database_readable_by_its_role_only() {
        let acme = Role::partner("acme").unwrap();
        assert_eq!(partner_db("acme"), "waypoint-partner-acme");
        let security = partner_security(&acme);
        assert_eq!(
            security["members"]["roles"],
            json!(["waypoint-partner-acme"])
        );
        assert_eq!(security["admins"]["roles"], json!(["waypoint-admin"]));
    }

    #[test]
    fn the_selector_takes_the_accounts_and_what_belongs_to_them() {
        let s = partner_selector(&["account:a1".into(), "account:a2".into()]);
        assert_eq!(
            s,
            json!({"$or": [
                {"_id": {"$in": ["account:a1", "account:a2"]}},
                {"account_id": {"$in": ["account:a1", "account:a2"]}},
                {"type": "pipeline"}
            ]})
        );
    }
}
