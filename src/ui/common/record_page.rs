//! The frame every record's page shares (account, contact, persona): the way
//! back, the "deleted — Undo" banner, loading, a read error or "not found",
//! and — once the record is loaded — its header and two columns.

use super::edit_ui::DeletedBanner;
use super::{Loading, ReadError};
use crate::domain::Doc;
use crate::store::StoreError;
use leptos::prelude::*;
use leptos_router::components::A;

/// A record's page around its own content.
#[component]
pub fn RecordPage<T>(
    /// Where "back" leads (the list the record belongs to).
    back_href: &'static str,
    /// The back link's text.
    #[prop(into)]
    back_label: Signal<String>,
    /// The record as read; `Ok(None)` when there is no such record.
    data: LocalResource<Result<Option<T>, StoreError>>,
    /// The record once deleted, for the Undo banner.
    deleted: RwSignal<Option<Doc>>,
    /// The heading shown when there is no such record (and it was not just deleted).
    #[prop(into)]
    not_found: Signal<String>,
    /// The header: name, follow button, how to reach them.
    #[prop(into)]
    header: ViewFn,
    /// The side column: the details form and related sections.
    #[prop(into)]
    side: ViewFn,
    /// The main column: what happened (log and timeline) or what it covers.
    #[prop(into)]
    main: ViewFn,
) -> impl IntoView
where
    T: Clone + 'static,
{
    let loaded = Memo::new(move |_| data.with(|r| matches!(r, Some(Ok(Some(_))))));
    view! {
        <p>
            <A href=back_href>{back_label}</A>
        </p>
        <DeletedBanner deleted />
        <Transition fallback=Loading>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(error) => view! { <ReadError error /> }.into_any(),
                        Ok(None) if deleted.get().is_none() => {
                            view! { <h1>{not_found}</h1> }.into_any()
                        }
                        _ => ().into_any(),
                    })
            }}
        </Transition>
        <Show when=move || {
            loaded.get()
        }>
            {header.run()} <div class="record-page">
                <div class="record-side">{side.run()}</div>
                <div class="record-main">{main.run()}</div>
            </div>
        </Show>
    }
}
