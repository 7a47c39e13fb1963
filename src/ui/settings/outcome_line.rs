//! One line saying how an action ended: a status when it went well, an alert
//! (read out at once) when it did not.

use leptos::prelude::*;

/// `text` as a status line (`ok`) or an alert.
pub fn outcome_line(ok: bool, text: String) -> AnyView {
    match ok {
        true => view! {
            <p role="status" class="ok">
                {text}
            </p>
        }
        .into_any(),
        false => view! {
            <p role="alert" class="error">
                {text}
            </p>
        }
        .into_any(),
    }
}
