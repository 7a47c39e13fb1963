//! One remote database and the protocol requests Waypoint sends it.

use super::SyncError;
use crate::domain::replication::{
    self, bulk_get_body, parse_bulk_docs, parse_bulk_get, parse_changes, parse_revisions,
    revs_diff_body, since_param, ChangesPage, Checkpoint, FetchError, Incoming, ProtocolError,
    RevMap, Seq,
};
use gloo_net::http::{Method, RequestBuilder};
use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::{RequestCache, RequestCredentials};

/// How to authenticate.
#[derive(Clone, Debug, PartialEq)]
pub enum Auth {
    /// No credentials (an open database, e.g. a local PouchDB Server).
    None,
    /// HTTP Basic; kept in memory only.
    Basic {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
    /// A cookie session from `POST /_session`; the browser keeps and sends the
    /// cookie. With a password, Waypoint signs in before its first request and
    /// again once when the session has expired; without one it relies on a
    /// session the browser already holds.
    Session {
        /// User name.
        user: String,
        /// Password, in memory only; `None` when only the browser's cookie is used.
        password: Option<String>,
    },
    /// `Authorization: Bearer` (CouchDB's JWT authentication), from a page that
    /// embeds Waypoint; kept in memory only.
    Bearer {
        /// The token.
        token: String,
    },
}

/// A remote database: server URL, database name, credentials.
#[derive(Clone, Debug)]
pub struct Remote {
    server: String,
    db: String,
    auth: Auth,
    /// Set once a `POST /_session` succeeded (shared by clones of this remote).
    signed_in: Rc<Cell<bool>>,
    /// Set when its user signed out or its live sync stopped: it never signs in
    /// again (shared by clones of this remote).
    revoked: Rc<Cell<bool>>,
    /// Cuts every request of this remote (and its clones) still in flight when
    /// it is revoked: a reply arriving after a sign-out could otherwise bring a
    /// refreshed session cookie back.
    in_flight: Option<web_sys::AbortController>,
}

/// Aborts its request when dropped (after the answer, aborting does nothing).
struct AbortOnDrop(web_sys::AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Two remotes are the same when they name the same database with the same
/// credentials; their session state is not part of what they are.
impl PartialEq for Remote {
    fn eq(&self, other: &Self) -> bool {
        (&self.server, &self.db, &self.auth) == (&other.server, &other.db, &other.auth)
    }
}

thread_local! {
    /// Aborts every request that carries the session cookie; replaced by a new
    /// one at each sign-out (see [`Remote::sign_out`]).
    static COOKIE_REQUESTS: std::cell::RefCell<Option<web_sys::AbortController>> =
        std::cell::RefCell::new(web_sys::AbortController::new().ok());
}

/// Cuts every cookie request in flight; later ones are not affected.
fn cut_cookie_requests() {
    COOKIE_REQUESTS.with_borrow_mut(|c| {
        if let Some(old) = std::mem::replace(c, web_sys::AbortController::new().ok()) {
            old.abort();
        }
    });
}

/// A signal that fires with `own` or at the next sign-out; `None` (use `own`
/// alone) in a browser without `AbortSignal.any` when `own` is given.
fn cookie_signal(own: Option<&web_sys::AbortSignal>) -> Option<web_sys::AbortSignal> {
    let session =
        COOKIE_REQUESTS.with_borrow(|c| c.as_ref().map(web_sys::AbortController::signal))?;
    let Some(own) = own else {
        return Some(session);
    };
    let any = js_sys::Reflect::get(&js_sys::global(), &"AbortSignal".into())
        .and_then(|ctor| js_sys::Reflect::has(&ctor, &"any".into()))
        .unwrap_or(false);
    any.then(|| web_sys::AbortSignal::any(&js_sys::Array::of2(&session, own)))
}

fn enc(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

impl Remote {
    /// A remote at `server` (e.g. `http://127.0.0.1:5984`) and database `db`.
    pub fn new(server: &str, db: &str, auth: Auth) -> Self {
        Remote {
            server: server.trim_end_matches('/').to_string(),
            db: db.to_string(),
            auth,
            signed_in: Rc::default(),
            revoked: Rc::default(),
            in_flight: web_sys::AbortController::new().ok(),
        }
    }

    /// Never signs in again, and cuts what is in flight: a round still running
    /// when its live sync stops (or its user signs out) must not open or renew a
    /// session behind the user's back.
    pub fn revoke(&self) {
        self.revoked.set(true);
        if let Some(c) = &self.in_flight {
            c.abort();
        }
    }

    /// How this remote authenticates.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The user this remote authenticates as, if any.
    pub fn user(&self) -> Option<&str> {
        match &self.auth {
            Auth::None | Auth::Bearer { .. } => None,
            Auth::Basic { user, .. } | Auth::Session { user, .. } => Some(user),
        }
    }

    /// The server's URL (without the database).
    pub fn server_url(&self) -> &str {
        &self.server
    }

    /// The database URL, part of the replication id.
    pub fn db_url(&self) -> String {
        format!("{}/{}", self.server, enc(&self.db))
    }

    pub(super) async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, SyncError> {
        self.call_with(method, path, body, None).await
    }

    async fn call_with(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<Value, SyncError> {
        let url = format!("{}{path}", self.db_url());
        let Auth::Session {
            user,
            password: Some(password),
        } = &self.auth
        else {
            return self.send(&url, method, body, abort).await;
        };
        if !self.signed_in.get() {
            self.sign_in(user, password).await?;
        }
        match self.send(&url, method.clone(), body, abort).await {
            // The session expired (CouchDB's default lifetime is ten minutes of
            // inactivity): sign in again once, then repeat the request.
            Err(SyncError::Http { status: 401, .. }) => {
                self.signed_in.set(false);
                self.sign_in(user, password).await?;
                self.send(&url, method, body, abort).await
            }
            other => other,
        }
    }

    /// `POST /_session` with a name and password; the browser stores the cookie.
    /// Refused once this remote was [revoked](Remote::revoke).
    async fn sign_in(&self, user: &str, password: &str) -> Result<(), SyncError> {
        if self.revoked.get() {
            return Err(SyncError::Http {
                status: 401,
                reason: "signed out".into(),
            });
        }
        let url = format!("{}/_session", self.server);
        let body = json!({"name": user, "password": password});
        self.send(&url, Method::POST, Some(&body), None).await?;
        self.signed_in.set(true);
        Ok(())
    }

    /// The user name of the browser's current session with this server
    /// (`GET /_session`), `None` when it holds none.
    pub async fn session_user(&self) -> Result<Option<String>, SyncError> {
        let url = format!("{}/_session", self.server);
        let reply = self.send(&url, Method::GET, None, None).await?;
        Ok(reply
            .pointer("/userCtx/name")
            .and_then(Value::as_str)
            .map(str::to_string))
    }

    /// Signs in (session auth with a password) and returns the user the server
    /// now knows this browser as: the test-connection step of the settings.
    pub async fn check_session(&self) -> Result<Option<String>, SyncError> {
        if let Auth::Session {
            user,
            password: Some(password),
        } = &self.auth
        {
            self.sign_in(user, password).await?;
        }
        self.session_user().await
    }

    /// Ends the browser's session with this server (`DELETE /_session`).
    ///
    /// Every cookie request still in flight, from any remote, is cut first: the
    /// server answers each cookie request with a refreshed cookie (PouchDB Server
    /// always, CouchDB once a tenth of the timeout has passed), and one answered
    /// after the `DELETE` would sign the browser back in.
    pub async fn sign_out(&self) -> Result<(), SyncError> {
        self.signed_in.set(false);
        let url = format!("{}/_session", self.server);
        // A request sent between the cut and the `DELETE` can still renew the
        // cookie: the server is asked again until it sees nobody.
        for _ in 0..3 {
            cut_cookie_requests();
            self.send(&url, Method::DELETE, None, None).await?;
            if self.session_user().await?.is_none() {
                return Ok(());
            }
        }
        Err(
            ProtocolError("the server still holds this browser's session after signing out".into())
                .into(),
        )
    }

    /// A request with this remote's credentials; never answered from a cache
    /// (replication must not see a stale `_changes` or `_local`).
    fn request(
        &self,
        url: &str,
        method: Method,
        abort: Option<&web_sys::AbortSignal>,
    ) -> RequestBuilder {
        let own = self
            .in_flight
            .as_ref()
            .map(web_sys::AbortController::signal);
        let signal = abort.or(own.as_ref());
        let req = RequestBuilder::new(url)
            .method(method)
            .cache(RequestCache::NoStore);
        match &self.auth {
            Auth::None => req.abort_signal(signal),
            Auth::Session { .. } => {
                let both = cookie_signal(signal);
                req.abort_signal(both.as_ref().or(signal))
                    .credentials(RequestCredentials::Include)
            }
            Auth::Basic { user, password } => req
                .abort_signal(signal)
                .header("Authorization", &replication::basic_auth(user, password)),
            Auth::Bearer { token } => req
                .abort_signal(signal)
                .header("Authorization", &format!("Bearer {token}")),
        }
    }

    pub(super) async fn send(
        &self,
        url: &str,
        method: Method,
        body: Option<&Value>,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<Value, SyncError> {
        let path = url.strip_prefix(&self.server).unwrap_or(url);
        let req = self
            .request(url, method, abort)
            .header("Accept", "application/json");
        let sent = match body {
            Some(b) => {
                req.json(b)
                    .map_err(|e| SyncError::Network(e.to_string()))?
                    .send()
                    .await
            }
            None => req.send().await,
        };
        let resp = sent.map_err(|e| SyncError::Network(e.to_string()))?;
        let status = resp.status();
        let text = resp
            .text()
            .await
            .map_err(|e| SyncError::Network(e.to_string()))?;
        let value: Value = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).map_err(|e| {
                let start: String = text.chars().take(120).collect();
                ProtocolError(format!("{path}: HTTP {status}, not JSON ({e}): {start}"))
            })?
        };
        if !(200..300).contains(&status) {
            let reason = match (value.get("error"), value.get("reason")) {
                (Some(e), Some(r)) => {
                    format!("{}: {}", e.as_str().unwrap_or(""), r.as_str().unwrap_or(""))
                }
                _ => resp.status_text(),
            };
            return Err(SyncError::Http { status, reason });
        }
        Ok(value)
    }

    /// `GET /db`: checks the database exists and is readable.
    pub async fn info(&self) -> Result<Value, SyncError> {
        self.call(Method::GET, "", None).await
    }

    /// How many live documents the database holds (`doc_count` of `GET /db`).
    pub async fn doc_count(&self) -> Result<u64, SyncError> {
        let info = self.info().await?;
        info.get("doc_count")
            .and_then(Value::as_u64)
            .ok_or_else(|| ProtocolError("database info without doc_count".into()).into())
    }

    /// `PUT /db`: creates the database (when the user asked and may).
    pub async fn create(&self) -> Result<(), SyncError> {
        self.call(Method::PUT, "", None).await.map(|_| ())
    }

    /// One page of `_changes?style=all_docs` after `since`; with `docs`, each row
    /// carries its document (`include_docs`), so a first revision needs no fetch
    /// of its own (see [`replication::first_revisions`]). Worth it only where
    /// most rows are wanted (a pull into an empty store): otherwise it downloads
    /// bodies that are held already or fetched again with their history.
    pub async fn changes(
        &self,
        since: &Seq,
        limit: u32,
        docs: bool,
    ) -> Result<ChangesPage, SyncError> {
        let since = since_param(since);
        // `seq_interval` as CouchDB's own replicator sends it: a cluster computes
        // the (costly) sequence of every Nth row only; rows between carry `null`,
        // and only `last_seq` is read here.
        let interval = match limit {
            0..=2 => String::new(),
            n => format!("&seq_interval={}", n - 1),
        };
        let path = format!(
            "/_changes?style=all_docs{}&limit={limit}{interval}&since={}",
            if docs { "&include_docs=true" } else { "" },
            enc(&since)
        );
        Ok(parse_changes(&self.call(Method::GET, &path, None).await?)?)
    }

    /// Waits (longpoll) until the database has changes after `since`, or about
    /// `timeout_ms` passed. A client-side deadline 10 s later aborts a request that a
    /// proxy or a dead connection left hanging. Returns the sequence to wait from
    /// next, when no change arrived; `None` when changes arrived.
    ///
    /// No `heartbeat` is sent: CouchDB 3 refuses anything but `true` or a positive
    /// number of milliseconds (`chttpd_db.erl`, `parse_changes_query`), and its
    /// default for a longpoll is none, so `timeout` alone bounds the wait.
    pub async fn wait_for_changes(
        &self,
        since: &Seq,
        timeout_ms: u32,
    ) -> Result<Option<Seq>, SyncError> {
        let since = since_param(since);
        let path = format!(
            "/_changes?feed=longpoll&style=all_docs&limit=1&timeout={timeout_ms}&since={}",
            enc(&since)
        );
        let controller =
            web_sys::AbortController::new().map_err(|e| SyncError::Network(format!("{e:?}")))?;
        let deadline = {
            let controller = controller.clone();
            gloo_timers::callback::Timeout::new(timeout_ms + 10_000, move || controller.abort())
        };
        // A wait given up (a local change wins the race) ends its request too, so
        // one tab never holds two longpolls.
        let _abandon = AbortOnDrop(controller.clone());
        let reply = self
            .call_with(Method::GET, &path, None, Some(&controller.signal()))
            .await;
        drop(deadline);
        let page = parse_changes(&reply?)?;
        Ok(page.rows.is_empty().then_some(page.last_seq))
    }

    /// `_revs_diff`: of the revisions offered, those the server lacks.
    pub async fn revs_diff(&self, offered: &RevMap) -> Result<RevMap, SyncError> {
        if offered.is_empty() {
            return Ok(RevMap::new());
        }
        let reply = self
            .call(Method::POST, "/_revs_diff", Some(&revs_diff_body(offered)))
            .await?;
        Ok(replication::parse_revs_diff(&reply)?)
    }

    /// Fetches revisions with their history: `_bulk_get`, or one
    /// `GET ?open_revs` per document when the server has no `_bulk_get`.
    pub async fn fetch(
        &self,
        plan: &RevMap,
    ) -> Result<(Vec<Incoming>, Vec<FetchError>), SyncError> {
        if plan.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        match self
            .call(
                Method::POST,
                "/_bulk_get?revs=true&latest=true",
                Some(&bulk_get_body(plan)),
            )
            .await
        {
            Ok(reply) => Ok(parse_bulk_get(&reply)?),
            Err(SyncError::Http {
                status: 400 | 404 | 405 | 501,
                ..
            }) => self.fetch_open_revs(plan).await,
            Err(e) => Err(e),
        }
    }

    /// Every leaf the server holds of document `id`, each with its history
    /// (`GET ?open_revs=all&revs=true`); empty when the server has no such document.
    pub async fn leaves_of(&self, id: &str) -> Result<Vec<Incoming>, SyncError> {
        let path = format!("/{}?revs=true&open_revs=all", enc(id));
        let reply = match self.call(Method::GET, &path, None).await {
            // The same 404 says the database is gone: only with the database
            // there does it mean the document never reached it.
            Err(SyncError::Http { status: 404, .. }) => {
                self.info().await?;
                return Ok(Vec::new());
            }
            other => other?,
        };
        let items = reply
            .as_array()
            .ok_or_else(|| ProtocolError("open_revs reply is not an array".into()))?;
        match parse_revisions(id, items) {
            (good, bad) if bad.is_empty() => Ok(good),
            (_, bad) => Err(ProtocolError(format!("{id}: {}", bad[0].reason)).into()),
        }
    }

    async fn fetch_open_revs(
        &self,
        plan: &RevMap,
    ) -> Result<(Vec<Incoming>, Vec<FetchError>), SyncError> {
        let (mut ok, mut errors) = (Vec::new(), Vec::new());
        for (id, revs) in plan {
            let list: Vec<String> = revs.iter().map(|r| r.to_string()).collect();
            let path = format!(
                "/{}?revs=true&latest=true&open_revs={}",
                enc(id),
                enc(&serde_json::to_string(&list).unwrap_or_default())
            );
            let reply = self.call(Method::GET, &path, None).await?;
            let items = reply
                .as_array()
                .ok_or_else(|| ProtocolError("open_revs reply is not an array".into()))?;
            let (good, bad) = parse_revisions(id, items);
            ok.extend(good);
            errors.extend(bad);
        }
        Ok((ok, errors))
    }

    /// The bytes of attachment `name` of revision `rev` of document `id`.
    pub async fn attachment(&self, id: &str, name: &str, rev: &str) -> Result<Vec<u8>, SyncError> {
        if let Auth::Session {
            user,
            password: Some(password),
        } = &self.auth
        {
            if !self.signed_in.get() {
                self.sign_in(user, password).await?;
            }
        }
        let url = format!(
            "{}/{}/{}?rev={}",
            self.db_url(),
            enc(id),
            enc(name),
            enc(rev)
        );
        let resp = self
            .request(&url, Method::GET, None)
            .send()
            .await
            .map_err(|e| SyncError::Network(e.to_string()))?;
        if !resp.ok() {
            return Err(SyncError::Http {
                status: resp.status(),
                reason: resp.status_text(),
            });
        }
        resp.binary()
            .await
            .map_err(|e| SyncError::Network(e.to_string()))
    }

    /// `_bulk_docs` with `new_edits:false`: per-document refusals are returned, not raised.
    pub async fn upload(&self, docs: &[Value]) -> Result<Vec<FetchError>, SyncError> {
        if docs.is_empty() {
            return Ok(Vec::new());
        }
        let reply = self
            .call(
                Method::POST,
                "/_bulk_docs",
                Some(&json!({"docs": docs, "new_edits": false})),
            )
            .await?;
        Ok(parse_bulk_docs(&reply)?)
    }

    /// The server's `max_document_size` (`GET /_node/_local/_config/couchdb/…`),
    /// when this user may read the server's configuration (admins only on CouchDB).
    pub async fn max_document_size(&self) -> Option<u64> {
        let url = format!(
            "{}/_node/_local/_config/couchdb/max_document_size",
            self.server
        );
        let reply = self.send(&url, Method::GET, None, None).await.ok()?;
        reply.as_str()?.trim().parse().ok()
    }

    /// Reads the checkpoint `_local/<rep_id>`; `None` when there is none yet.
    pub async fn checkpoint(&self, rep_id: &str) -> Result<Option<Checkpoint>, SyncError> {
        match self
            .call(Method::GET, &format!("/_local/{}", enc(rep_id)), None)
            .await
        {
            Ok(v) => Ok(Some(
                serde_json::from_value(v).map_err(|e| ProtocolError(format!("checkpoint: {e}")))?,
            )),
            Err(SyncError::Http { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes the checkpoint and returns it with the server's new `_rev`.
    pub async fn put_checkpoint(&self, cp: &Checkpoint) -> Result<Checkpoint, SyncError> {
        let rep_id = cp.id.trim_start_matches("_local/");
        let body = serde_json::to_value(cp).map_err(|e| ProtocolError(e.to_string()))?;
        let reply = self
            .call(
                Method::PUT,
                &format!("/_local/{}", enc(rep_id)),
                Some(&body),
            )
            .await?;
        let mut saved = cp.clone();
        saved.rev = reply.get("rev").and_then(Value::as_str).map(str::to_owned);
        Ok(saved)
    }
}
