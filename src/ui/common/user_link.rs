//! Text from a record that may be a link: clickable only when `domain::links`
//! allows its address, and then never able to reach back into this page.

use leptos::prelude::*;

/// `text`, as a link to `href` when there is one, else as plain text. Web
/// addresses open in a new tab; every link has `rel="noopener noreferrer"`.
#[component]
pub fn UserLink(
    /// What the reader sees: the record's own text, never markup.
    text: String,
    /// The checked address (`domain::links::{web_href, mail_href, tel_href}`).
    href: Option<String>,
) -> impl IntoView {
    match href {
        Some(href) => {
            let target = href.starts_with("http").then_some("_blank");
            view! {
                <a class="user-link" href=href target=target rel="noopener noreferrer">
                    {text}
                </a>
            }
            .into_any()
        }
        None => view! { <span>{text}</span> }.into_any(),
    }
}
