//! The "create sample data" action with a progress bar, shared by the empty
//! dashboard and the settings page.

use crate::i18n::*;
use crate::store::StoreError;
use crate::ui::common::{number_locale, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Progress of a running sample load, `(written, total)`; `None` when idle.
pub type Progress = RwSignal<Option<(usize, usize)>>;

/// Starts replacing the workspace with sample data; errors land in `error`.
pub fn start_sample_load(progress: Progress, error: RwSignal<Option<StoreError>>) {
    let ws = use_workspace();
    error.set(None);
    progress.set(Some((0, 0)));
    spawn_local(async move {
        match ws.replace_with_sample(progress).await {
            // The device now holds records worth keeping: ask the browser not to evict them.
            Ok(()) => {
                crate::store::quota::request_persist().await;
            }
            Err(e) => error.set(Some(e)),
        }
    });
}

/// A progress bar with a live text, shown while sample data is written.
#[component]
pub fn SampleProgress(
    /// The running load's progress.
    progress: Progress,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        progress.get().map(|(done, total)| {
            let nl = number_locale(i18n);
            let (d, t) = (nl.format_count(done as u64), nl.format_count(total as u64));
            view! {
                <div class="progress">
                    <progress
                        max=total.max(1)
                        value=done
                        aria-label=move || t_string!(i18n, common.progress_label)
                    ></progress>
                    <p role="status">
                        {t!(
                            i18n, common.writing_progress, done = d.clone(), count = move || total, total = t.clone()
                        )}
                    </p>
                </div>
            }
        })
    }
}
