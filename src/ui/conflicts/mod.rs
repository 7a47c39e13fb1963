//! Conflicts: every record with conflicting versions, compared field by field;
//! the user picks the value to keep for each field and resolves.

mod resolver;

use crate::i18n::*;
use crate::ui::common::{use_workspace, Loading, ReadError, Reads};
use leptos::prelude::*;
use resolver::ConflictResolver;

/// The conflicts screen.
#[component]
pub fn ConflictsPage() -> impl IntoView {
    let i18n = use_i18n();
    let entries = use_workspace().read(Reads::everything(), |store| async move {
        store.conflicted().await
    });
    let resolved = RwSignal::new(false);
    view! {
        <h1>{t!(i18n, conflicts.title)}</h1>
        {move || {
            resolved
                .get()
                .then(|| {
                    view! {
                        <p role="status" class="ok">
                            {t!(i18n, conflicts.resolved)}
                        </p>
                    }
                })
        }}
        <Transition fallback=Loading>
            {move || {
                entries
                    .get()
                    .map(|r| match r {
                        Err(error) => view! { <ReadError error /> }.into_any(),
                        Ok(list) if list.is_empty() => {
                            view! { <p>{t!(i18n, conflicts.none)}</p> }.into_any()
                        }
                        Ok(list) => {
                            view! {
                                <p class="muted">{t!(i18n, conflicts.intro)}</p>
                                {list
                                    .into_iter()
                                    .map(|entry| view! { <ConflictResolver entry resolved /> })
                                    .collect_view()}
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
