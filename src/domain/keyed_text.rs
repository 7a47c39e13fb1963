//! Stored keys shown as words. Some fields store a key that rules match on (a
//! lead source group `paid_social`, a contact role `buyer`): the person sees
//! the key's label in the app's language, and typing or picking that label
//! stores the key again. Any other text is stored as typed — a group or a
//! role of their own — and shown as typed.

use super::search::normalise;

/// What a field holding `key` shows: its label when `known` has one.
pub fn shown(key: &str, known: &[(&str, String)]) -> String {
    known
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| key.to_string(), |(_, label)| label.clone())
}

/// What a field stores for `text`: the key whose label (or the key itself)
/// it spells, case and accents aside, else the text as typed.
pub fn stored(text: &str, known: &[(&str, String)]) -> String {
    let typed = normalise(text.trim());
    known
        .iter()
        .find(|(k, label)| normalise(label) == typed || normalise(k) == typed)
        .map_or_else(|| text.to_string(), |(k, _)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> Vec<(&'static str, String)> {
        vec![("buyer", "Người mua".into()), ("admin", "Quản trị".into())]
    }

    #[test]
    fn a_known_key_shows_its_label_and_the_label_stores_the_key() {
        assert_eq!(shown("buyer", &roles()), "Người mua");
        assert_eq!(stored("Người mua", &roles()), "buyer");
        assert_eq!(stored("  nguoi MUA ", &roles()), "buyer");
        assert_eq!(stored("buyer", &roles()), "buyer");
    }

    #[test]
    fn other_text_is_kept_as_typed() {
        assert_eq!(shown("kế toán trưởng", &roles()), "kế toán trưởng");
        assert_eq!(stored("Kế toán trưởng", &roles()), "Kế toán trưởng");
        assert_eq!(stored("Người mu", &roles()), "Người mu");
        assert_eq!(stored("", &roles()), "");
    }
}
