//! Several pieces of record text on one line, each isolated for the bidirectional
//! algorithm.

use leptos::prelude::*;

/// `parts` in reading order with `sep` between them, each part in its own `<bdi>`:
/// a right-to-left override or an Arabic or Hebrew name in one part (typed,
/// imported or synced) cannot reorder its neighbours or the separators.
#[component]
pub fn Isolated(
    /// The pieces of text, in reading order; empty ones are left out.
    parts: Vec<String>,
    /// What goes between two pieces.
    #[prop(default = " · ")]
    sep: &'static str,
) -> impl IntoView {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, part)| {
            view! {
                {(i > 0).then_some(sep)}
                <bdi>{part}</bdi>
            }
        })
        .collect_view()
}
