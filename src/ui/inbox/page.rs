//! The notification inbox and the header link with its unread count.

use crate::actions::follows;
use crate::domain::notices::{notices, Notice, NoticeKind};
use crate::domain::records::Follow;
use crate::domain::RecordType;
use crate::domain::Timestamp;
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::clock;
use crate::ui::common::date;
use crate::ui::common::routes;
use crate::ui::common::{field_label, number_locale, use_workspace, Loading, ReadError, Reads};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::collections::{HashMap, HashSet};

/// What the inbox reads: follows, the events that become notices, and the read marks.
fn inbox_reads() -> Reads {
    Reads::types(&[
        RecordType::Follow,
        RecordType::RecordChange,
        RecordType::StageTransition,
    ])
    .setting(follows::INBOX_SEEN)
}

/// Notices for the follows of this device, with the names of their records and which were seen.
#[derive(Clone, Debug, Default, PartialEq)]
struct Inbox {
    notices: Vec<Notice>,
    names: HashMap<String, String>,
    seen: HashSet<String>,
}

async fn load(store: Store) -> Result<Inbox, StoreError> {
    // Every follow made on this device counts; each is news only when someone
    // other than its follower made the change.
    let follows: Vec<Follow> = store
        .records_of::<Follow>()
        .await?
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    let Some(since) = follows.iter().map(|f| f.since).min() else {
        return Ok(Inbox::default());
    };
    // Events are found through the time index, from the oldest follow on.
    let docs = store
        .occurred_between(since, Timestamp(i64::MAX / 4))
        .await?;
    let list = notices(&follows, &docs);
    let mut names = HashMap::new();
    for f in &follows {
        if let Some(d) = store.get(&f.subject_id).await? {
            let name = ["name", "title"]
                .iter()
                .find_map(|k| d.body.get(*k).and_then(|v| v.as_str()))
                .unwrap_or(&f.subject_id)
                .to_string();
            names.insert(f.subject_id.clone(), name);
        }
    }
    let seen = follows::seen(&store).await?.into_iter().collect();
    Ok(Inbox {
        notices: list,
        names,
        seen,
    })
}

fn link_of(subject: &str) -> String {
    routes::record(subject).unwrap_or_else(|| "/".into())
}

/// "Notifications" in the header, with the unread count.
#[component]
pub fn InboxLink() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let inbox = ws.read(inbox_reads(), load);
    let unread = move || {
        inbox
            .get()
            .and_then(|r| r.ok())
            .map(|i| {
                i.notices
                    .iter()
                    .filter(|n| !i.seen.contains(&n.key))
                    .count()
            })
            .unwrap_or(0)
    };
    view! {
        <A
            href="/inbox"
            attr:class="inbox-link"
            attr:aria-label=move || {
                let n = unread();
                if n == 0 {
                    t_string!(i18n, inbox.title).to_string()
                } else {
                    t_string!(
                        i18n, inbox.unread_label, n = number_locale(i18n).format_count(n as u64)
                    )
                }
            }
        >
            {t!(i18n, inbox.title)}
            {move || {
                (unread() > 0)
                    .then(|| {
                        view! {
                            <span class="badge count" aria-hidden="true">
                                {number_locale(i18n).format_count(unread() as u64)}
                            </span>
                        }
                    })
            }}
        </A>
    }
}

/// The inbox page: `/inbox`.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let inbox = ws.read(inbox_reads(), load);
    let mark_read = move |_| {
        let Some(store) = ws.store() else { return };
        let Some(Ok(i)) = inbox.get_untracked() else {
            return;
        };
        let keys = i.notices.into_iter().map(|n| n.key).collect();
        // The read marks' change reaches every view of the inbox by itself.
        spawn_local(async move {
            let _ = follows::mark_read(&store, keys).await;
        });
    };
    view! {
        <div class="page-head">
            <h1>{t!(i18n, inbox.title)}</h1>
            <button type="button" on:click=mark_read>
                {t!(i18n, inbox.mark_read)}
            </button>
        </div>
        <p class="muted">{t!(i18n, inbox.hint)}</p>
        <Transition fallback=Loading>
            {move || {
                inbox
                    .get()
                    .map(|r| match r {
                        Err(error) => view! { <ReadError error /> }.into_any(),
                        Ok(i) if i.notices.is_empty() => {
                            view! { <p class="card empty">{t!(i18n, inbox.empty)}</p> }.into_any()
                        }
                        Ok(i) => {
                            view! {
                                <ul class="inbox" aria-label=move || t_string!(i18n, inbox.title)>
                                    {i
                                        .notices
                                        .iter()
                                        .map(|n| {
                                            let name = i
                                                .names
                                                .get(&n.subject_id)
                                                .cloned()
                                                .unwrap_or_else(|| n.subject_id.clone());
                                            let who = if n.by.is_empty() {
                                                t_string!(i18n, inbox.someone).to_string()
                                            } else {
                                                n.by.clone()
                                            };
                                            let what = match &n.kind {
                                                NoticeKind::Edited(changes) => {
                                                    changes
                                                        .iter()
                                                        .map(|c| {
                                                            format!(
                                                                "{}: {} → {}",
                                                                field_label(i18n, &c.field),
                                                                c.from,
                                                                c.to,
                                                            )
                                                        })
                                                        .collect::<Vec<_>>()
                                                        .join("; ")
                                                }
                                                NoticeKind::Moved { from, to } => {
                                                    format!("{} → {}", from.clone().unwrap_or_default(), to)
                                                }
                                                NoticeKind::SupportLead { note } => note.clone(),
                                            };
                                            let unread = !i.seen.contains(&n.key);
                                            let when = format!("{} {}", date(i18n, n.at), clock(n.at));
                                            let verb = match n.kind {
                                                NoticeKind::Edited(_) => t_string!(i18n, inbox.edited),
                                                NoticeKind::Moved { .. } => t_string!(i18n, inbox.moved),
                                                NoticeKind::SupportLead { .. } => {
                                                    t_string!(i18n, inbox.lead)
                                                }
                                            };
                                            view! {
                                                <li class=if unread {
                                                    "notice unread"
                                                } else {
                                                    "notice"
                                                }>
                                                    {unread
                                                        .then(|| {
                                                            view! {
                                                                <span class="badge">{t!(i18n, inbox.unread_badge)}</span>
                                                            }
                                                        })} <p>
                                                        <strong>{who}</strong>
                                                        " "
                                                        {verb}
                                                        " "
                                                        <A href=link_of(&n.subject_id)>{name}</A>
                                                    </p> <p>{what}</p> <p class="muted">{when}</p>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
