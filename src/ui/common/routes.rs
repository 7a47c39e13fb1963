//! Every record's address in the app, from its document id (`contact:…`) or its
//! local id: the one place that knows the routes' shapes.

use crate::domain::RecordType;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The local part of `id` for type `t` (`contact:abc` → `abc`; `abc` stays).
fn local(t: RecordType, id: &str) -> &str {
    id.strip_prefix(t.as_str())
        .and_then(|rest| rest.strip_prefix(':'))
        .unwrap_or(id)
}

/// A contact's page.
pub fn contact(id: &str) -> String {
    format!("/customers/contact/{}", local(RecordType::Contact, id))
}

/// An account's page.
pub fn account(id: &str) -> String {
    format!("/customers/account/{}", local(RecordType::Account, id))
}

/// A ticket's page.
pub fn ticket(id: &str) -> String {
    format!("/support/ticket/{}", local(RecordType::Ticket, id))
}

/// A persona's page.
pub fn persona(id: &str) -> String {
    format!("/journeys/persona/{}", local(RecordType::Persona, id))
}

/// A journey map's editor.
pub fn map(id: &str) -> String {
    format!("/journeys/map/{}", local(RecordType::JourneyMap, id))
}

/// The page of the record with document id `id`, when it has one (deals open
/// on the board).
pub fn record(id: &str) -> Option<String> {
    let (t, _) = id.split_once(':')?;
    Some(match t {
        "contact" => contact(id),
        "account" => account(id),
        "ticket" => ticket(id),
        "persona" => persona(id),
        "journey_map" => map(id),
        "deal" => "/board".to_string(),
        _ => return None,
    })
}

/// The document id of the record a routed page shows: type `t` and the
/// route's `:id` (`/customers/contact/abc` → `contact:abc`).
pub fn use_record_id(t: RecordType) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| t.doc_id(&params.read().get("id").unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn routes_take_document_or_local_ids() {
        assert_eq!(contact("contact:c1"), "/customers/contact/c1");
        assert_eq!(contact("c1"), "/customers/contact/c1");
        assert_eq!(map("journey_map:m-2"), "/journeys/map/m-2");
        assert_eq!(record("ticket:t9").as_deref(), Some("/support/ticket/t9"));
        assert_eq!(record("deal:d1").as_deref(), Some("/board"));
        assert_eq!(record("settings:workspace"), None);
        assert_eq!(record("nocolon"), None);
    }
}
