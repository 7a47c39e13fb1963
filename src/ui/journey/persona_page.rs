//! A persona's page: who they are (every docs/domain.md#personas field), the rule
//! that assigns contacts to them, a local avatar, and how many contacts they
//! cover with their current-stage distribution.

use super::data::load_index;
use crate::actions::records;
use crate::domain::journey::metrics::stage_distribution;
use crate::domain::records::{JourneyMap, Persona, PersonaRule, RecordType, AVATAR_MAX_BYTES};
use crate::domain::Doc;
use crate::i18n::*;
use crate::store::Store;
use crate::ui::common::edit_ui::{show_save_result, start_delete, use_edit_form, FormStatus};
use crate::ui::common::form_field::text_field;
use crate::ui::common::image::shrink_image;
use crate::ui::common::journey_stage_label;
use crate::ui::common::Reads;
use crate::ui::common::{number_locale, routes, use_workspace, Loading, RecordPage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::collections::HashMap;

/// The routed page: `/journeys/persona/:id`.
#[component]
pub fn PersonaPage() -> impl IntoView {
    let id = routes::use_record_id(RecordType::Persona);
    move || {
        let id = id.get();
        view! { <PersonaView id /> }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    name: String,
    segment: String,
    role: String,
    location: String,
    age_group: String,
    industry: String,
    goals: String,
    needs: String,
    barriers: String,
    motivations: String,
    interests: String,
    rule_segments: String,
    rule_industries: String,
    rule_roles: String,
    avatar: String,
}

fn lines(v: &[String]) -> String {
    v.join("\n")
}

fn split_lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn split_commas(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

impl Form {
    fn of(p: &Persona) -> Self {
        Form {
            name: p.name.clone(),
            segment: p.segment.clone(),
            role: p.role.clone(),
            location: p.location.clone(),
            age_group: p.age_group.clone(),
            industry: p.industry.clone(),
            goals: lines(&p.goals),
            needs: lines(&p.needs),
            barriers: lines(&p.barriers),
            motivations: lines(&p.motivations),
            interests: lines(&p.interests),
            rule_segments: p.rule.segments.join(", "),
            rule_industries: p.rule.industries.join(", "),
            rule_roles: p.rule.roles.join(", "),
            avatar: p.avatar.clone(),
        }
    }
    fn apply(&self, p: &mut Persona) {
        p.name = self.name.trim().into();
        p.segment = self.segment.trim().into();
        p.role = self.role.trim().into();
        p.location = self.location.trim().into();
        p.age_group = self.age_group.trim().into();
        p.industry = self.industry.trim().into();
        p.goals = split_lines(&self.goals);
        p.needs = split_lines(&self.needs);
        p.barriers = split_lines(&self.barriers);
        p.motivations = split_lines(&self.motivations);
        p.interests = split_lines(&self.interests);
        p.rule = PersonaRule {
            segments: split_commas(&self.rule_segments),
            industries: split_commas(&self.rule_industries),
            roles: split_commas(&self.rule_roles),
        };
        p.avatar = self.avatar.clone();
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Loaded {
    doc: Doc,
    persona: Persona,
    maps: Vec<(String, String)>,
}

async fn load(store: Store, id: String) -> Result<Option<Loaded>, crate::store::StoreError> {
    let Some(doc) = store.get(&id).await? else {
        return Ok(None);
    };
    let Ok(persona) = doc.record::<Persona>() else {
        return Ok(None);
    };
    if doc.deleted {
        return Ok(None);
    }
    let maps = store
        .records_of::<JourneyMap>()
        .await?
        .into_iter()
        .filter(|(_, m)| m.persona_id == id)
        .map(|(mid, m)| (mid, m.title))
        .collect();
    Ok(Some(Loaded { doc, persona, maps }))
}

fn textarea(
    form: RwSignal<Form>,
    label: String,
    get: fn(&Form) -> String,
    set: fn(&mut Form, String),
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <textarea
                rows="3"
                prop:value=move || form.with(get)
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
            ></textarea>
        </label>
    }
}

#[component]
fn PersonaView(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let load_id = id.clone();
    let data = ws.read(
        Reads::types(&[RecordType::Persona, RecordType::JourneyMap]),
        move |store| load(store, load_id.clone()),
    );
    let current = Memo::new(move |_| data.get().and_then(|r| r.ok()).flatten());
    let (form, errors, status) = use_edit_form(move || current.get().map(|d| Form::of(&d.persona)));
    let deleted = RwSignal::new(None::<Doc>);
    // Coverage follows the saved rule (not other persona fields), and the
    // contacts, accounts and stage moves it is computed from.
    const COVERAGE: [RecordType; 3] = [
        RecordType::Contact,
        RecordType::Account,
        RecordType::StageTransition,
    ];
    let people = ws.changes(Reads::types(&COVERAGE));
    let rule = Memo::new(move |_| {
        current.with(|d| {
            d.as_ref()
                .map(|d| (d.doc.id.clone(), d.persona.rule.clone()))
        })
    });
    let coverage = LocalResource::new(move || {
        people.track();
        let rule = rule.get();
        let stages = ws.settings.get().journey_stages;
        let store = ws.store();
        async move {
            let (Some(store), Some((id, rule))) = (store, rule) else {
                return None;
            };
            let index = load_index(&store, &COVERAGE, &stages).await.ok()?;
            let members = index.members(&id, &rule);
            Some((members.len(), stage_distribution(&index, &members)))
        }
    });
    let avatar_error = RwSignal::new(false);
    let pick_avatar = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        spawn_local(async move {
            match shrink_image(&file, 160).await {
                Some(url) if url.len() <= AVATAR_MAX_BYTES => {
                    avatar_error.set(false);
                    form.update(|f| f.avatar = url);
                }
                _ => avatar_error.set(true),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = current.get_untracked() else {
            return;
        };
        let mut p = d.persona.clone();
        form.get_untracked().apply(&mut p);
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            errors.set(HashMap::new());
            let result = records::save_edit(&actor, &d.doc, &p, None, None).await;
            show_save_result(i18n, result, errors, status);
        });
    };
    let remove = move |_| {
        if let Some(d) = current.get_untracked() {
            start_delete(ws, i18n, d.doc.clone(), deleted, status);
        }
    };
    let field = move |key: &'static str,
                      label: String,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String)| {
        text_field(form, errors, key, label, "text", get, set)
    };
    view! {
        <RecordPage
            back_href="/journeys"
            back_label=Signal::derive(move || t_string!(i18n, journey.back_to_journeys).to_string())
            data
            deleted
            not_found=Signal::derive(move || t_string!(i18n, journey.persona_not_found).to_string())
            header=move || {
                view! {
                    <header class="record-head persona-head">
                        {move || {
                            let url = form.with(|f| f.avatar.clone());
                            (!url.is_empty())
                                .then(|| view! { <img class="avatar" src=url alt="" /> })
                        }} <h1>{move || current.get().map(|d| d.persona.name)}</h1>
                    </header>
                }
            }
            side=move || {
                view! {
                    <form
                        class="record-form"
                        on:submit=submit
                        aria-labelledby="persona-h"
                        novalidate
                    >
                        <h2 id="persona-h">{t!(i18n, journey.persona_details)}</h2>
                        {field(
                            "name",
                            t_string!(i18n, common.field_name).to_string(),
                            |f| f.name.clone(),
                            |f, v| f.name = v,
                        )}
                        {field(
                            "segment",
                            t_string!(i18n, common.field_segment).to_string(),
                            |f| f.segment.clone(),
                            |f, v| f.segment = v,
                        )}
                        {field(
                            "role",
                            t_string!(i18n, common.field_role).to_string(),
                            |f| f.role.clone(),
                            |f, v| f.role = v,
                        )}
                        {field(
                            "location",
                            t_string!(i18n, journey.persona_location).to_string(),
                            |f| f.location.clone(),
                            |f, v| f.location = v,
                        )}
                        {field(
                            "age_group",
                            t_string!(i18n, journey.persona_age_group).to_string(),
                            |f| f.age_group.clone(),
                            |f, v| f.age_group = v,
                        )}
                        {field(
                            "industry",
                            t_string!(i18n, common.field_industry).to_string(),
                            |f| f.industry.clone(),
                            |f, v| f.industry = v,
                        )}
                        {textarea(
                            form,
                            t_string!(i18n, journey.persona_goals).to_string(),
                            |f| f.goals.clone(),
                            |f, v| f.goals = v,
                        )}
                        {textarea(
                            form,
                            t_string!(i18n, journey.persona_needs).to_string(),
                            |f| f.needs.clone(),
                            |f, v| f.needs = v,
                        )}
                        {textarea(
                            form,
                            t_string!(i18n, journey.persona_barriers).to_string(),
                            |f| f.barriers.clone(),
                            |f, v| f.barriers = v,
                        )}
                        {textarea(
                            form,
                            t_string!(i18n, journey.persona_motivations).to_string(),
                            |f| f.motivations.clone(),
                            |f, v| f.motivations = v,
                        )}
                        {textarea(
                            form,
                            t_string!(i18n, journey.persona_interests).to_string(),
                            |f| f.interests.clone(),
                            |f, v| f.interests = v,
                        )}
                        <fieldset>
                            <legend>{t!(i18n, journey.persona_rule)}</legend>
                            <p class="muted">{t!(i18n, journey.persona_rule_help)}</p>
                            {field(
                                "rule_segments",
                                t_string!(i18n, journey.persona_rule_segments).to_string(),
                                |f| f.rule_segments.clone(),
                                |f, v| f.rule_segments = v,
                            )}
                            {field(
                                "rule_industries",
                                t_string!(i18n, journey.persona_rule_industries).to_string(),
                                |f| f.rule_industries.clone(),
                                |f, v| f.rule_industries = v,
                            )}
                            {field(
                                "rule_roles",
                                t_string!(i18n, journey.persona_rule_roles).to_string(),
                                |f| f.rule_roles.clone(),
                                |f, v| f.rule_roles = v,
                            )}
                        </fieldset>
                        <div class="field-wrap">
                            <label class="field">
                                <span>{t!(i18n, journey.persona_avatar)}</span>
                                <input
                                    type="file"
                                    accept="image/*"
                                    on:change=pick_avatar
                                    aria-describedby=move || {
                                        avatar_error.get().then_some("avatar-err")
                                    }
                                />
                            </label>
                            {move || {
                                avatar_error
                                    .get()
                                    .then(|| {
                                        view! {
                                            <p class="field-error" id="avatar-err">
                                                {t!(i18n, journey.persona_avatar_bad)}
                                            </p>
                                        }
                                    })
                            }}
                            {move || {
                                form.with(|f| !f.avatar.is_empty())
                                    .then(|| {
                                        view! {
                                            <button
                                                type="button"
                                                on:click=move |_| form.update(|f| f.avatar.clear())
                                            >
                                                {t!(i18n, journey.persona_avatar_remove)}
                                            </button>
                                        }
                                    })
                            }}
                        </div>
                        <div class="form-actions">
                            <button type="submit">{t!(i18n, common.save)}</button>
                            <button type="button" class="danger" on:click=remove>
                                {t!(i18n, journey.persona_delete)}
                            </button>
                        </div>
                        <FormStatus status />
                    </form>
                }
            }
            main=move || {
                view! {
                    <section aria-labelledby="coverage-h">
                        <h2 id="coverage-h">{t!(i18n, journey.persona_coverage)}</h2>
                        <Suspense fallback=Loading>
                            {move || {
                                coverage
                                    .get()
                                    .flatten()
                                    .map(|(n, dist)| {
                                        let nl = number_locale(i18n);
                                        let total = n.max(1) as f64;
                                        view! {
                                            <p role="status">
                                                {t_string!(
                                                    i18n, journey.persona_covers, count = n, n = nl.format_count(n as u64)
                                                )}
                                            </p>
                                            <table class="list stage-dist">
                                                <caption class="sr-only">
                                                    {t!(i18n, journey.persona_stage_dist)}
                                                </caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{t!(i18n, common.tl_stage)}</th>
                                                        <th scope="col" class="num">
                                                            {t!(i18n, common.col_contacts)}
                                                        </th>
                                                        <th scope="col">{t!(i18n, journey.persona_share)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {dist
                                                        .into_iter()
                                                        .map(|(stage, c)| {
                                                            let label = if stage.is_empty() {
                                                                t_string!(i18n, journey.persona_no_stage).to_string()
                                                            } else {
                                                                ws.settings
                                                                    .with_untracked(|s| journey_stage_label(i18n, s, &stage))
                                                            };
                                                            let pct = c as f64 / total * 100.0;
                                                            view! {
                                                                <tr>
                                                                    <th scope="row">{label}</th>
                                                                    <td class="num">{nl.format_count(c as u64)}</td>
                                                                    <td>
                                                                        <span class="bar" style:width=format!("{pct:.1}%")></span>
                                                                        {format!(" {}%", nl.format_decimal(pct, 0))}
                                                                    </td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        }
                                    })
                            }}
                        </Suspense>
                    </section>
                    <section aria-labelledby="pmaps-h">
                        <h2 id="pmaps-h">{t!(i18n, journey.maps)}</h2>
                        {move || {
                            current
                                .get()
                                .map(|d| {
                                    view! {
                                        <ul class="plain">
                                            {d
                                                .maps
                                                .into_iter()
                                                .map(|(mid, title)| {
                                                    view! {
                                                        <li>
                                                            <A href=routes::map(&mid)>{title}</A>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                })
                        }}
                        {move || {
                            current
                                .get()
                                .map(|d| {
                                    view! {
                                        <super::new_map::NewMapButton persona_id=d.doc.id.clone() />
                                    }
                                })
                        }}
                    </section>
                }
            }
        />
    }
}
