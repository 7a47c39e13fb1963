//! Live sync: one tab (the Web Locks leader) keeps the workspace in sync: a round
//! of pull + push, then a longpoll on the server's `_changes` raced against local
//! changes; transient failures retry with exponential backoff and jitter; while
//! the browser is offline it waits, and resumes by itself when back online.
//! The leader posts each status on a BroadcastChannel; the other tabs show it.

use super::{sync_once, Options, Remote, SyncError};
use crate::domain::replication::{backoff_ms, Seq};
use crate::store::Store;
use futures::channel::oneshot;
use futures::future::{select, Either};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// What live sync is doing, for the status indicator.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveStatus {
    /// Another tab leads sync; this one waits to take over, and shows the leader's
    /// last status when it has heard one.
    Follower {
        /// The leading tab's status.
        leader: Option<Box<LiveStatus>>,
    },
    /// A round is running.
    Syncing,
    /// The last round succeeded.
    Synced {
        /// When it ended (ms since the epoch).
        at_ms: f64,
        /// Revisions received.
        pulled: usize,
        /// Revisions sent.
        pushed: usize,
    },
    /// The browser is offline; sync resumes when it is back.
    Offline,
    /// A transient failure; the next try is scheduled.
    Retrying {
        /// What failed.
        error: SyncError,
        /// Milliseconds until the next try.
        in_ms: u64,
    },
    /// A failure retrying cannot fix (credentials refused, database missing…).
    Failed(SyncError),
}

#[derive(Default)]
struct Wake {
    pending: bool,
    tx: Option<oneshot::Sender<()>>,
}

struct Inner {
    stopped: Cell<bool>,
    wake: RefCell<Wake>,
    release: RefCell<Option<js_sys::Function>>,
}

impl Inner {
    fn wake(&self) {
        let mut w = self.wake.borrow_mut();
        match w.tx.take() {
            Some(tx) => {
                let _ = tx.send(());
            }
            None => w.pending = true,
        }
    }

    /// Resolves at the next wake (at once if one is pending).
    fn woken(&self) -> oneshot::Receiver<()> {
        let (tx, rx) = oneshot::channel();
        let mut w = self.wake.borrow_mut();
        if std::mem::take(&mut w.pending) {
            let _ = tx.send(());
        } else {
            w.tx = Some(tx);
        }
        rx
    }
}

/// A running live sync; stops when dropped.
pub struct LiveSync {
    inner: Rc<Inner>,
    /// The remote the runner uses, revoked when this stops.
    remote: Remote,
    /// Wakes the runner the moment the browser goes offline or online, so the
    /// status and the pending count change at once and sync resumes at once.
    network: Option<Closure<dyn FnMut()>>,
}

const NETWORK_EVENTS: [&str; 2] = ["online", "offline"];

impl LiveSync {
    /// Starts live sync of `store` with `remote`, reporting every status change.
    /// `lock_name` should name the workspace, so one tab per workspace leads.
    pub fn start(
        store: Store,
        remote: Remote,
        lock_name: &str,
        on_status: impl Fn(LiveStatus) + 'static,
    ) -> LiveSync {
        let inner = Rc::new(Inner {
            stopped: Cell::new(false),
            wake: RefCell::default(),
            release: RefCell::default(),
        });
        spawn_local(run(
            inner.clone(),
            store,
            remote.clone(),
            lock_name.to_string(),
            on_status,
        ));
        let weak = Rc::downgrade(&inner);
        let network = web_sys::window().map(|w| {
            let wake = Closure::<dyn FnMut()>::new(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.wake();
                }
            });
            for event in NETWORK_EVENTS {
                let _ = w.add_event_listener_with_callback(event, wake.as_ref().unchecked_ref());
            }
            wake
        });
        LiveSync {
            inner,
            remote,
            network,
        }
    }

    /// Asks for a round soon (e.g. after a local change).
    pub fn wake(&self) {
        self.inner.wake();
    }
}

impl Drop for LiveSync {
    fn drop(&mut self) {
        if let (Some(w), Some(wake)) = (web_sys::window(), &self.network) {
            for event in NETWORK_EVENTS {
                let _ = w.remove_event_listener_with_callback(event, wake.as_ref().unchecked_ref());
            }
        }
        self.inner.stopped.set(true);
        self.remote.revoke();
        self.inner.wake();
        if let Some(release) = self.inner.release.borrow_mut().take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

async fn sleep(ms: u64) {
    gloo_timers::future::TimeoutFuture::new(ms.min(u32::MAX as u64) as u32).await;
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Waits until this tab holds the Web Lock `name` (held until `inner` stops).
/// Without Web Locks (old browsers), every tab leads.
async fn lead(inner: &Inner, name: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let locks =
        js_sys::Reflect::get(&window.navigator(), &"locks".into()).unwrap_or(JsValue::UNDEFINED);
    let Ok(request) = js_sys::Reflect::get(&locks, &"request".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return;
    };
    let mut release_slot = None;
    let held = js_sys::Promise::new(&mut |resolve, _| release_slot = Some(resolve));
    *inner.release.borrow_mut() = release_slot;
    let mut acquired_slot = None;
    let acquired = js_sys::Promise::new(&mut |resolve, _| acquired_slot = Some(resolve));
    let on_lock = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        if let Some(resolve) = acquired_slot {
            let _ = resolve.call0(&JsValue::NULL);
        }
        held.into()
    });
    if request
        .call2(&locks, &JsValue::from_str(name), &on_lock)
        .is_ok()
    {
        let _ = JsFuture::from(acquired).await;
    }
}

/// A status as posted between tabs.
fn encode(s: &LiveStatus) -> Option<serde_json::Value> {
    use serde_json::json;
    Some(match s {
        LiveStatus::Follower { .. } => return None,
        LiveStatus::Syncing => json!({"s": "syncing"}),
        LiveStatus::Synced {
            at_ms,
            pulled,
            pushed,
        } => {
            json!({"s": "synced", "at": at_ms, "pulled": pulled, "pushed": pushed})
        }
        LiveStatus::Offline => json!({"s": "offline"}),
        LiveStatus::Retrying { error, in_ms } => {
            json!({"s": "retrying", "error": error.to_string(), "in_ms": in_ms})
        }
        LiveStatus::Failed(error) => json!({"s": "failed", "error": error.to_string()}),
    })
}

/// Reads a status another tab posted; anything else is ignored.
fn decode(v: &serde_json::Value) -> Option<LiveStatus> {
    let error = || SyncError::Elsewhere(v["error"].as_str().unwrap_or_default().to_string());
    Some(match v["s"].as_str()? {
        "syncing" => LiveStatus::Syncing,
        "synced" => LiveStatus::Synced {
            at_ms: v["at"].as_f64()?,
            pulled: v["pulled"].as_u64()? as usize,
            pushed: v["pushed"].as_u64()? as usize,
        },
        "offline" => LiveStatus::Offline,
        "retrying" => LiveStatus::Retrying {
            error: error(),
            in_ms: v["in_ms"].as_u64()?,
        },
        "failed" => LiveStatus::Failed(error()),
        _ => return None,
    })
}

type MessageHandler = Closure<dyn FnMut(web_sys::MessageEvent)>;

/// The status channel between the tabs of one workspace: followers hear the
/// leader's statuses, and ask for the current one when they start.
struct StatusChannel {
    channel: Option<web_sys::BroadcastChannel>,
    last: Rc<RefCell<Option<serde_json::Value>>>,
    listener: RefCell<Option<MessageHandler>>,
}

impl StatusChannel {
    fn open(name: &str) -> Self {
        StatusChannel {
            channel: web_sys::BroadcastChannel::new(&format!("{name}:status")).ok(),
            last: Rc::default(),
            listener: RefCell::default(),
        }
    }

    fn post(&self, v: &serde_json::Value) {
        if let Some(ch) = &self.channel {
            let _ = ch.post_message(&JsValue::from_str(&v.to_string()));
        }
    }

    fn listen(&self, f: impl FnMut(serde_json::Value) + 'static) {
        let Some(ch) = &self.channel else { return };
        let mut f = f;
        let closure =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(v) = e
                    .data()
                    .as_string()
                    .and_then(|t| serde_json::from_str(&t).ok())
                {
                    f(v);
                }
            });
        ch.set_onmessage(Some(closure.as_ref().unchecked_ref()));
        *self.listener.borrow_mut() = Some(closure);
    }

    /// While following: show what the leader posts, and ask it for its status now.
    fn follow(&self, on_status: Rc<dyn Fn(LiveStatus)>) {
        self.listen(move |v| {
            if let Some(s) = decode(&v) {
                on_status(LiveStatus::Follower {
                    leader: Some(Box::new(s)),
                });
            }
        });
        self.post(&serde_json::json!({"hello": true}));
    }

    /// While leading: answer newcomers with the last status.
    fn lead(&self) {
        let (last, channel) = (self.last.clone(), self.channel.clone());
        self.listen(move |v| {
            if v["hello"].as_bool() == Some(true) {
                if let (Some(ch), Some(s)) = (&channel, last.borrow().as_ref()) {
                    let _ = ch.post_message(&JsValue::from_str(&s.to_string()));
                }
            }
        });
    }

    /// Reports a status of the leading tab here and to the others.
    fn report(&self, on_status: &dyn Fn(LiveStatus), s: LiveStatus) {
        if let Some(v) = encode(&s) {
            self.post(&v);
            *self.last.borrow_mut() = Some(v);
        }
        on_status(s);
    }
}

impl Drop for StatusChannel {
    fn drop(&mut self) {
        if let Some(ch) = &self.channel {
            ch.set_onmessage(None);
            ch.close();
        }
    }
}

async fn run(
    inner: Rc<Inner>,
    store: Store,
    remote: Remote,
    lock_name: String,
    on_status: impl Fn(LiveStatus) + 'static,
) {
    let on_status: Rc<dyn Fn(LiveStatus)> = Rc::new(on_status);
    on_status(LiveStatus::Follower { leader: None });
    let channel = StatusChannel::open(&lock_name);
    channel.follow(on_status.clone());
    lead(&inner, &lock_name).await;
    channel.lead();
    let on_status = |s: LiveStatus| channel.report(&*on_status, s);
    let mut attempt = 0u32;
    while !inner.stopped.get() {
        if !online() {
            on_status(LiveStatus::Offline);
            let _ = select(Box::pin(sleep(3_000)), inner.woken()).await;
            continue;
        }
        on_status(LiveStatus::Syncing);
        let failed = match sync_once(&store, &remote, &Options::default()).await {
            Ok((pull, push)) => {
                attempt = 0;
                on_status(LiveStatus::Synced {
                    at_ms: js_sys::Date::now(),
                    pulled: pull.revisions_written,
                    pushed: push.revisions_written,
                });
                idle(&inner, &remote, pull.last_seq).await.err()
            }
            Err(error) => Some(error),
        };
        match failed {
            None => {}
            Some(error) if error.is_transient() => {
                attempt += 1;
                let in_ms = backoff_ms(attempt, js_sys::Math::random());
                on_status(LiveStatus::Retrying { error, in_ms });
                let _ = select(Box::pin(sleep(in_ms)), inner.woken()).await;
            }
            // Retrying cannot fix it (credentials refused, a request the server
            // rejects): live sync stops and says why, until it is started again.
            Some(error) => {
                on_status(LiveStatus::Failed(error));
                return;
            }
        }
    }
}

/// How long one longpoll waits: below the 60 s that CouchDB's `changes_timeout`
/// allows at most and that proxies commonly cut idle connections at.
const LONGPOLL_MS: u32 = 45_000;

/// Waits, with one longpoll at a time, until the server has changes after `since`
/// or this device asks for a round (a local change, the network coming back).
/// An idle tab makes about one request per [`LONGPOLL_MS`]; a failed longpoll
/// ends the wait with its error, which the caller backs off from.
async fn idle(inner: &Inner, remote: &Remote, mut since: Seq) -> Result<(), SyncError> {
    while !inner.stopped.get() {
        let remote_changes = Box::pin(remote.wait_for_changes(&since, LONGPOLL_MS));
        let reached = match select(remote_changes, inner.woken()).await {
            Either::Left((Ok(Some(reached)), _)) => reached,
            Either::Left((Ok(None), _)) | Either::Right(_) => return Ok(()),
            Either::Left((Err(error), _)) => return Err(error),
        };
        since = reached;
    }
    Ok(())
}
