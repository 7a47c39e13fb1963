//! The table of record counts per type, for the whole workspace or for the
//! records of some accounts (an embed's partner scope).

use crate::domain::records::RecordType;
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::Reads;
use crate::ui::common::{number_locale, record_type_label, use_workspace, Loading, ReadError};
use leptos::prelude::*;
use std::collections::{BTreeSet, HashSet};

/// Counts per record type (settings left out) and the local sequence. With a
/// scope, only those accounts and the records linked to them are counted.
async fn count_records(
    store: &Store,
    scope: &BTreeSet<String>,
) -> Result<(Vec<(RecordType, u32)>, u64), StoreError> {
    let types: Vec<RecordType> = RecordType::ALL
        .into_iter()
        .filter(|t| *t != RecordType::Settings)
        .collect();
    if scope.is_empty() {
        let (counts, seq) = store.stats(&types).await?;
        return Ok((types.into_iter().zip(counts).collect(), seq));
    }
    let mut seen = HashSet::new();
    let mut counts = vec![0u32; types.len()];
    let mut count = |doc: &crate::domain::Doc| {
        if doc.deleted || !seen.insert(doc.id.clone()) {
            return;
        }
        if let Some(i) = doc
            .record_type()
            .and_then(|t| types.iter().position(|x| *x == t))
        {
            counts[i] += 1;
        }
    };
    for account in scope {
        if let Some(doc) = store.get(account).await? {
            count(&doc);
        }
        for doc in store.by_account(account).await? {
            count(&doc);
        }
    }
    Ok((
        types.into_iter().zip(counts).collect(),
        store.local_seq().await?,
    ))
}

/// The counts table, re-read after every change.
#[component]
pub fn Counts(
    /// Only these accounts and their records; empty = the whole workspace.
    scope: BTreeSet<String>,
    /// Receives the number of records counted, each time they are read.
    #[prop(optional)]
    total: Option<RwSignal<Option<u32>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let whole = scope.is_empty();
    let counts = ws.read(Reads::everything(), move |store| {
        let scope = scope.clone();
        async move { count_records(&store, &scope).await }
    });
    if let Some(total) = total {
        Effect::new(move |_| {
            if let Some(Ok((rows, _))) = counts.get() {
                total.set(Some(rows.iter().map(|(_, n)| n).sum()));
            }
        });
    }
    view! {
        <Transition fallback=Loading>
            {move || {
                counts
                    .get()
                    .map(|r| match r {
                        Err(error) => view! { <ReadError error /> }.into_any(),
                        Ok((rows, seq)) => {
                            view! {
                                <table
                                    class="counts"
                                    aria-label=move || t_string!(i18n, dashboard.counts_title)
                                >
                                    <caption>{t!(i18n, dashboard.counts_caption)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, dashboard.record_type)}</th>
                                            <th scope="col" class="num">
                                                {t!(i18n, dashboard.count)}
                                            </th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rows
                                            .into_iter()
                                            .map(|(t, n)| {
                                                view! {
                                                    <tr data-type=t.as_str()>
                                                        <th scope="row">{move || record_type_label(i18n, t)}</th>
                                                        <td class="num">
                                                            {move || number_locale(i18n).format_count(n as u64)}
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                {whole
                                    .then(|| {
                                        view! {
                                            <p class="muted">
                                                {t!(
                                                    i18n, dashboard.local_changes, seq = move || number_locale(i18n).format_count(seq)
                                                )}
                                            </p>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
