//! Following records and the notification inbox (DOMAIN.md §4): the Follow
//! button on accounts, contacts and deals, the header link with the unread
//! count, and the inbox page. "Me" is the sync user name of this device.

mod inbox;

pub use inbox::{InboxLink, InboxPage};

use crate::domain::records::Follow;
use crate::domain::Doc;
use crate::domain::Record;
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::{current_user, now, store_error_message, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The live follow document of `subject_id` by this device's user, if any.
async fn my_follow(store: &Store, subject_id: &str) -> Result<Option<Doc>, StoreError> {
    let me = current_user(store).await;
    let id = Follow::TYPE.doc_id(&Follow::local_id(subject_id, &me));
    Ok(store.get(&id).await?.filter(|d| !d.deleted))
}

/// Follow / Following toggle for one record.
#[component]
pub fn FollowButton(
    /// The record to follow.
    subject_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let sid = subject_id.clone();
    let state = ws.read(move |store| {
        let sid = sid.clone();
        async move { my_follow(&store, &sid).await }
    });
    let error = RwSignal::new(None::<String>);
    let following = move || matches!(state.get(), Some(Ok(Some(_))));
    let toggle = move |_| {
        let Some(store) = ws.store() else { return };
        let subject = subject_id.clone();
        spawn_local(async move {
            let result = async {
                match my_follow(&store, &subject).await? {
                    Some(doc) => store
                        .put(doc.tombstone(now(), &current_user(&store).await))
                        .await
                        .map(|_| ()),
                    None => {
                        let me = current_user(&store).await;
                        let f = Follow {
                            subject_id: subject.clone(),
                            follower: me.clone(),
                            since: now(),
                            extra: Default::default(),
                        };
                        let doc = Doc::new(&Follow::local_id(&subject, &me), &f, now(), &me)
                            .map_err(crate::domain::WriteError::from)?;
                        store.put(doc).await.map(|_| ())
                    }
                }
            }
            .await;
            error.set(result.err().map(|e| store_error_message(i18n, &e)));
        });
    };
    view! {
        <button type="button" class="follow" aria-pressed=move || following().to_string() on:click=toggle>
            {move || if following() { t_string!(i18n, following) } else { t_string!(i18n, follow) }}
        </button>
        {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
    }
}
