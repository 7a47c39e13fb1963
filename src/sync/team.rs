//! Setting up a team database on a CouchDB server, as its admin: the `_security`
//! roles and the `_design/waypoint` rules this app carries (`server/`),
//! inviting members (`_users`), and partner databases filled by a filtered
//! server-side replication (`_replicator`). See docs/team-server.md.

use super::{Remote, SyncError};
use crate::domain::replication::ProtocolError;
use crate::domain::team::{
    partner_db, partner_security, partner_selector, roles_with, rules_state, Role, RulesState,
};
use gloo_net::http::Method;
use serde_json::{json, Value};

/// The design document this app installs, as built by `server/build-design.js`.
const RULES: &str = include_str!("../../server/waypoint-design.json");
/// The database's `_security`: who administers it and who may read and write it.
const SECURITY: &str = include_str!("../../server/security.json");

fn bundled(text: &str) -> Result<Value, SyncError> {
    serde_json::from_str(text)
        .map_err(|e| ProtocolError(format!("bundled server rules: {e}")).into())
}

/// The version of the rules this app carries.
pub fn bundled_rules_version() -> String {
    bundled(RULES)
        .ok()
        .and_then(|v| v["version"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Where the database's rules stand against this app's.
pub async fn check_rules(remote: &Remote) -> Result<RulesState, SyncError> {
    let on_server = match remote.call(Method::GET, "/_design/waypoint", None).await {
        Ok(doc) => Some(doc["version"].as_str().unwrap_or_default().to_string()),
        Err(SyncError::Http { status: 404, .. }) => None,
        Err(e) => return Err(e),
    };
    Ok(rules_state(on_server.as_deref(), &bundled_rules_version()))
}

/// Installs (or updates) the database's `_security` and `_design/waypoint`.
/// Needs a server or database admin; CouchDB refuses anyone else.
pub async fn install_rules(remote: &Remote) -> Result<(), SyncError> {
    remote
        .call(Method::PUT, "/_security", Some(&bundled(SECURITY)?))
        .await?;
    install_design(remote).await
}

/// Writes this app's `_design/waypoint` (in place of an older one).
async fn install_design(remote: &Remote) -> Result<(), SyncError> {
    let mut rules = bundled(RULES)?;
    match remote.call(Method::GET, "/_design/waypoint", None).await {
        Ok(existing) => rules["_rev"] = existing["_rev"].clone(),
        Err(SyncError::Http { status: 404, .. }) => {}
        Err(e) => return Err(e),
    }
    remote
        .call(Method::PUT, "/_design/waypoint", Some(&rules))
        .await
        .map(|_| ())
}

/// What inviting a member did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invited {
    /// A new server user with this role.
    Created,
    /// An existing user now has this role (their other roles kept).
    RoleGiven,
    /// No such user yet, and no password to create them with: nothing written.
    NeedsPassword,
}

/// Gives `name` the `role` on this server: creates the user (with `password`,
/// which a new user needs) or gives an existing one the role (and the new
/// password, when one is given). Needs a server admin.
pub async fn invite(
    remote: &Remote,
    name: &str,
    password: &str,
    role: &Role,
) -> Result<Invited, SyncError> {
    let id = format!("org.couchdb.user:{name}");
    let url = format!(
        "{}/_users/{}",
        remote.server_url(),
        String::from(js_sys::encode_uri_component(&id))
    );
    let (mut user, invited) = match remote.send(&url, Method::GET, None, None).await {
        Ok(existing) => (existing, Invited::RoleGiven),
        Err(SyncError::Http { status: 404, .. }) if password.is_empty() => {
            return Ok(Invited::NeedsPassword)
        }
        Err(SyncError::Http { status: 404, .. }) => (
            json!({"_id": id, "name": name, "type": "user", "roles": []}),
            Invited::Created,
        ),
        Err(e) => return Err(e),
    };
    let existing: Vec<String> = user["roles"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    user["roles"] = json!(roles_with(&existing, role));
    if !password.is_empty() {
        user["password"] = json!(password);
    }
    remote.send(&url, Method::PUT, Some(&user), None).await?;
    Ok(invited)
}

/// Shares the records of `accounts` with `partner`: creates the partner's
/// database (`waypoint-partner-<name>`) readable by the partner's role only,
/// installs the rules there (the partner writes nothing), and asks the server to
/// keep it filled: a continuous replication in `_replicator`, filtered by a
/// Mango selector on the server, so no record of another account ever reaches
/// it. The replication authenticates as the admin with `password`. Sharing
/// again replaces the accounts shared. Needs a server admin.
pub async fn share_with_partner(
    remote: &Remote,
    partner: &Role,
    accounts: &[String],
    password: &str,
) -> Result<(), SyncError> {
    let Role::Partner(name) = partner else {
        return Err(ProtocolError("only a partner role can be shared with".into()).into());
    };
    let admin = remote.user().unwrap_or_default().to_string();
    let db = partner_db(name);
    let target = Remote::new(remote.server_url(), &db, remote.auth().clone());
    match target.create().await {
        Ok(()) | Err(SyncError::Http { status: 412, .. }) => {}
        Err(e) => return Err(e),
    }
    target
        .call(Method::PUT, "/_security", Some(&partner_security(partner)))
        .await?;
    install_design(&target).await?;
    let endpoint = |url: String| json!({"url": url, "auth": {"basic": {"username": admin, "password": password}}});
    let mut doc = json!({
        "_id": db,
        "source": endpoint(remote.db_url()),
        "target": endpoint(target.db_url()),
        "continuous": true,
        "selector": partner_selector(accounts),
    });
    let url = format!("{}/_replicator/{db}", remote.server_url());
    match remote.send(&url, Method::GET, None, None).await {
        Ok(existing) => doc["_rev"] = existing["_rev"].clone(),
        Err(SyncError::Http { status: 404, .. }) => {}
        Err(e) => return Err(e),
    }
    remote.send(&url, Method::PUT, Some(&doc), None).await?;
    Ok(())
}
