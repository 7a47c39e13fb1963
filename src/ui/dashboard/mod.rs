//! Dashboard: what the workspace holds, counted from the local database, and the
//! first-start offer of sample data.

use crate::domain::records::RecordType;
use crate::i18n::*;
use crate::ui::common::{
    number_locale, record_type_label, start_sample_load, use_workspace, Loading, ReadError,
    SampleProgress, StoreErrorAlert,
};
use leptos::prelude::*;

/// The dashboard screen.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let counts = ws.read(|store| async move {
        let types: Vec<RecordType> = RecordType::ALL
            .into_iter()
            .filter(|t| *t != RecordType::Settings)
            .collect();
        let (counts, seq) = store.stats(&types).await?;
        let out: Vec<(RecordType, u32)> = types.into_iter().zip(counts).collect();
        Ok((out, seq))
    });
    let progress = RwSignal::new(None);
    let error = RwSignal::new(None::<crate::store::StoreError>);
    view! {
        <h1>{t!(i18n, dashboard_title)}</h1>
        <Transition fallback=Loading>
            {move || counts.get().map(|r| match r {
                Err(error) => view! { <ReadError error/> }.into_any(),
                Ok((rows, seq)) => {
                    let total: u32 = rows.iter().map(|(_, n)| n).sum();
                    let empty = total == 0;
                    view! {
                        <Show when=move || empty && progress.get().is_none()>
                            <section class="card empty" aria-labelledby="empty-title">
                                <h2 id="empty-title">{t!(i18n, empty_title)}</h2>
                                <p>{t!(i18n, empty_body)}</p>
                                <button type="button" class="primary"
                                    on:click=move |_| start_sample_load(progress, error)>
                                    {t!(i18n, create_sample)}
                                </button>
                            </section>
                        </Show>
                        <table class="counts" aria-label=move || t_string!(i18n, counts_title)>
                            <caption>{t!(i18n, counts_caption)}</caption>
                            <thead><tr>
                                <th scope="col">{t!(i18n, record_type)}</th>
                                <th scope="col" class="num">{t!(i18n, count)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(t, n)| view! {
                                    <tr data-type=t.as_str()>
                                        <th scope="row">{move || record_type_label(i18n, t)}</th>
                                        <td class="num">{move || number_locale(i18n).format_count(n as u64)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p class="muted">{t!(i18n, local_changes, seq = move || number_locale(i18n).format_count(seq))}</p>
                    }
                }.into_any(),
            })}
        </Transition>
        <SampleProgress progress=progress/>
        <StoreErrorAlert error=error/>
    }
}
