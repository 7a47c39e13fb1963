//! Rendering rich-ish cell text as elements (never as HTML).

use crate::domain::journey::rich::{parse, Block, Inline};
use leptos::prelude::*;

fn spans(s: Vec<Inline>) -> impl IntoView {
    s.into_iter()
        .map(|i| match i {
            Inline::Text(t) => t.into_any(),
            Inline::Em(t) => view! { <em>{t}</em> }.into_any(),
            Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
        })
        .collect_view()
}

/// The blocks of `text`: paragraphs and bullet lists.
pub fn rich_view(text: &str) -> impl IntoView {
    parse(text)
        .into_iter()
        .map(|b| match b {
            Block::Para(s) => view! { <p>{spans(s)}</p> }.into_any(),
            Block::List(items) => view! { <ul>{items.into_iter().map(|s| view! { <li>{spans(s)}</li> }).collect_view()}</ul> }
            .into_any(),
        })
        .collect_view()
}
