//! One timeline row: kind icon, what happened, when, channel, stage, author, emotion.

use super::labels::{kind_icon, kind_label};
use super::photo::PhotoButton;
use crate::domain::board::moves::{LOST, WON};
use crate::domain::timeline::{Detail, TimelineItem};
use crate::i18n::*;
use crate::ui::common::ticket_labels::priority_label;
use crate::ui::common::{channel_label, clock, emotion, journey_stage_label, survey_label};
use crate::ui::common::{field_label, use_workspace, Isolated};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::collections::HashMap;

/// The one-line summary of an item's content.
fn summary(
    i18n: I18nContext<Locale>,
    item: &TimelineItem,
    deal_stages: &HashMap<(String, String), String>,
) -> String {
    let ws = use_workspace();
    let stage = |id: &str| {
        ws.settings
            .with_untracked(|s| journey_stage_label(i18n, s, id))
    };
    // A stage id means something only in its deal's own pipeline.
    let deal_stage = |pipeline: &Option<String>, id: &str| match id {
        WON => t_string!(i18n, common.outcome_won).to_string(),
        LOST => t_string!(i18n, common.outcome_lost).to_string(),
        _ => pipeline
            .as_ref()
            .and_then(|p| deal_stages.get(&(p.clone(), id.to_string())))
            .cloned()
            .unwrap_or_else(|| id.to_string()),
    };
    match &item.detail {
        Detail::Notes { text, location, .. } => match location {
            Some(p) => format!("{text} (⌖ {:.4}, {:.4})", p.lat, p.lon),
            None => text.clone(),
        },
        Detail::Stage { from, to } => match from {
            Some(f) => format!("{} → {}", stage(f), stage(to)),
            None => format!("→ {}", stage(to)),
        },
        Detail::Deal {
            title,
            pipeline_id,
            from,
            to,
            ..
        } => match from {
            Some(f) => format!(
                "{title}: {} → {}",
                deal_stage(pipeline_id, f),
                deal_stage(pipeline_id, to)
            ),
            None => format!("{title}: → {}", deal_stage(pipeline_id, to)),
        },
        Detail::Ticket { subject, priority } => {
            format!("{subject} ({})", priority_label(i18n, *priority))
        }
        Detail::Survey {
            kind,
            score,
            comment,
        } => {
            let base = format!("{} {score}", survey_label(*kind));
            if comment.is_empty() {
                base
            } else {
                format!("{base} · “{comment}”")
            }
        }
        Detail::Changes(changes) => changes
            .iter()
            .map(|c| {
                let show = |v: &str| {
                    if v.is_empty() {
                        "∅".to_string()
                    } else if c.field == "status" {
                        // A ticket's status reads in words; other statuses as stored.
                        crate::domain::records::TicketStatus::parse(v)
                            .map(|st| crate::ui::common::ticket_labels::status_label(i18n, st))
                            .unwrap_or_else(|| v.to_string())
                    } else {
                        v.to_string()
                    }
                };
                format!(
                    "{}: {} → {}",
                    field_label(i18n, &c.field),
                    show(&c.from),
                    show(&c.to)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A rendered timeline item (inside the virtualised list).
#[component]
pub fn TimelineRow(
    /// The item.
    item: TimelineItem,
    /// Pipeline stage names for deal moves.
    deal_stages: std::sync::Arc<HashMap<(String, String), String>>,
    /// 1-based position among the shown items.
    pos: usize,
    /// Number of shown items.
    total: usize,
    /// Top offset in pixels.
    top: f64,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let kind = kind_label(i18n, item.kind);
    let text = summary(i18n, &item, &deal_stages);
    let mut meta = vec![clock(item.at)];
    if let Some(c) = item.channel {
        meta.push(channel_label(i18n, c));
    }
    if let Some(s) = &item.stage {
        meta.push(
            ws.settings
                .with_untracked(|st| journey_stage_label(i18n, st, s)),
        );
    }
    if !item.author.is_empty() {
        meta.push(item.author.clone());
    }
    let emo = item.emotion.map(|e| emotion(i18n, e));
    let full = format!("{kind}: {text}");
    let photo = match &item.detail {
        Detail::Notes {
            photo: Some(digest),
            ..
        } => Some(digest.clone()),
        _ => None,
    };
    view! {
        <li class="tl-item" style:top=format!("{top}px") aria-posinset=pos aria-setsize=total>
            <span class="tl-icon" aria-hidden="true">
                {kind_icon(item.kind)}
            </span>
            <div class="tl-main">
                <p class="tl-title" title=full>
                    <strong>{kind}</strong>
                    " "
                    {text}
                </p>
                <p class="tl-meta muted">
                    <Isolated parts=meta />
                </p>
            </div>
            {photo.map(|digest| view! { <PhotoButton digest=digest at=item.at /> })}
            {emo
                .map(|(mark, class, label)| {
                    view! {
                        <span class=class role="img" aria-label=label.clone() title=label>
                            {mark}
                        </span>
                    }
                })}
        </li>
    }
}
