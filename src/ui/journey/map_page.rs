//! The journey map editor page: `/journeys/map/:id`. Loads the map, its persona
//! and the figures' index; the grid, curve and panels share [`Editor`].

use super::data::{load_index, FIGURE_SOURCES};
use super::editor::Editor;
use crate::domain::journey::metrics::{compute, DateRange};
use crate::domain::records::{JourneyMap, Persona};
use crate::domain::RecordType;
use crate::domain::Timestamp;
use crate::i18n::*;
use crate::ui::common::routes;
use crate::ui::common::Reads;
use crate::ui::common::{number_locale, use_workspace, Loading};
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// The routed page.
#[component]
pub fn MapPage() -> impl IntoView {
    let id = routes::use_record_id(RecordType::JourneyMap);
    move || {
        let id = id.get();
        view! { <MapView id /> }
    }
}

fn parse_date(s: &str) -> Option<Timestamp> {
    Timestamp::parse(s)
}

#[component]
fn MapView(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let index = RwSignal::new(None::<Arc<crate::domain::journey::metrics::JourneyIndex>>);
    let range = RwSignal::new(DateRange::default());
    let persona = RwSignal::new(None::<(String, Persona)>);
    let members = Memo::new(move |_| {
        let idx = index.get()?;
        persona.with(|p| p.as_ref().map(|(id, p)| Arc::new(idx.members(id, &p.rule))))
    });
    let figures = Memo::new(move |_| {
        let idx: Arc<crate::domain::journey::metrics::JourneyIndex> = index.get()?;
        let m = members.get()?;
        Some(Arc::new(compute(&idx, &m, range.get())))
    });
    let editor = Editor::new(index, persona, members, figures);
    provide_context(editor);

    let map_id = id.clone();
    let map_changes = ws.changes(Reads::nothing().doc(map_id));
    let read_id = id.clone();
    let map_doc = LocalResource::new(move || {
        map_changes.track();
        let store = ws.store();
        let id = read_id.clone();
        async move { store?.get(&id).await.ok().flatten() }
    });
    let missing = RwSignal::new(false);
    let deleted = RwSignal::new(None::<crate::domain::Doc>);
    let remove = move |_| {
        if let Some(doc) = editor.doc.get_untracked() {
            crate::ui::common::edit_ui::start_delete(ws, i18n, doc, deleted, editor.status);
        }
    };
    Effect::new(move |_| match map_doc.get() {
        Some(Some(doc)) if !doc.deleted && doc.record::<JourneyMap>().is_ok() => {
            missing.set(false);
            editor.adopt(doc);
        }
        Some(_) => missing.set(true),
        None => {}
    });
    // The persona follows the map's persona id and its own edits.
    let persona_id = Memo::new(move |_| editor.map.with(|m| m.persona_id.clone()));
    let persona_changes = ws.changes(Reads::types(&[RecordType::Persona]));
    let persona_doc = LocalResource::new(move || {
        persona_changes.track();
        let id = persona_id.get();
        let store = ws.store();
        async move {
            let doc = store?.get(&id).await.ok().flatten()?;
            let p = doc.record::<Persona>().ok()?;
            Some((id, p))
        }
    });
    Effect::new(move |_| {
        if let Some(p) = persona_doc.get() {
            editor.persona.set(p);
        }
    });
    // The figures' index: rebuilt only when the records it reads change.
    let data_changes = ws.changes(Reads::types(&FIGURE_SOURCES));
    let loading = RwSignal::new(true);
    let index_res = LocalResource::new(move || {
        data_changes.track();
        let stages = ws.settings.get().journey_stages;
        let store = ws.store();
        async move { load_index(&store?, &FIGURE_SOURCES, &stages).await.ok() }
    });
    Effect::new(move |_| {
        if let Some(Some(idx)) = index_res.get() {
            index.set(Some(Arc::new(idx)));
            loading.set(false);
        }
    });
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        let typing = crate::ui::common::typing(&ev);
        if (ev.ctrl_key() || ev.meta_key())
            && !ev.shift_key()
            && ev.key().eq_ignore_ascii_case("z")
            && !typing
        {
            ev.prevent_default();
            editor.undo();
        }
    };
    view! {
        <div class="map-page" on:keydown=keys>
            <p class="no-print">
                <A href="/journeys">{t!(i18n, journey.back_to_journeys)}</A>
            </p>
            <crate::ui::common::edit_ui::DeletedBanner deleted />
            <Show when=move || missing.get() && deleted.get().is_none()>
                <h1>{t!(i18n, journey.map_not_found)}</h1>
            </Show>
            <Show
                when=move || !missing.get() && editor.doc.with(|d| d.is_some())
                fallback=move || {
                    (!missing.get() && deleted.get().is_none()).then(|| view! { <Loading /> })
                }
            >
                <header class="map-head">
                    <super::title::MapTitle />
                    <p class="map-persona">
                        {t!(i18n, journey.col_persona)}": "
                        {move || {
                            editor
                                .persona
                                .get()
                                .map(|(id, p)| view! { <A href=routes::persona(&id)>{p.name}</A> })
                        }}
                        {move || {
                            figures
                                .get()
                                .map(|f| {
                                    let n = number_locale(i18n).format_count(f.members as u64);
                                    view! {
                                        " · "
                                        {t_string!(
                                            i18n, journey.persona_covers, count = f.members, n = n
                                        )}
                                    }
                                })
                        }}
                    </p>
                </header>
                <div
                    class="map-toolbar no-print"
                    role="group"
                    aria-label=move || t_string!(i18n, journey.map_toolbar)
                >
                    <label class="field">
                        <span>{t!(i18n, journey.map_from)}</span>
                        <input
                            type="date"
                            on:change=move |ev| {
                                range.update(|r| r.from = parse_date(&event_target_value(&ev)))
                            }
                        />
                    </label>
                    <label class="field">
                        <span>{t!(i18n, journey.map_to)}</span>
                        <input
                            type="date"
                            on:change=move |ev| {
                                range
                                    .update(|r| {
                                        r.to = parse_date(&event_target_value(&ev))
                                            .map(|t| t.plus_days(1));
                                    })
                            }
                        />
                    </label>
                    <button
                        type="button"
                        on:click=move |_| editor.undo()
                        disabled=move || editor.undo.with(|u| u.is_empty())
                        aria-keyshortcuts="Control+Z"
                    >
                        {t!(i18n, journey.map_undo)}
                    </button>
                    <super::export_ui::ExportButtons />
                    <button type="button" class="danger" on:click=remove>
                        {t!(i18n, journey.map_delete)}
                    </button>
                    <p class="map-status" role="status">
                        {move || {
                            editor
                                .status
                                .get()
                                .map(|s| match s {
                                    Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                                    Err(m) => view! { <span class="error">{m}</span> }.into_any(),
                                })
                        }}
                    </p>
                </div>
                {move || {
                    loading
                        .get()
                        .then(|| {
                            view! {
                                <p class="muted" role="status">
                                    {t!(i18n, journey.map_computing)}
                                </p>
                            }
                        })
                }}
                <super::live::PersonaFiguresBar />
                <super::grid::MapGrid />
                <div class="map-panels no-print">
                    <super::comments::CommentsPanel />
                    <super::snapshots::SnapshotsPanel />
                </div>
                <super::drill::DrillDialog />
            </Show>
        </div>
    }
}
