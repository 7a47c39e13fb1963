//! Field-level validation errors, so a form can show each message beside its field.

use serde::Serialize;
use std::fmt;

/// Why a field was rejected. The UI maps each code to a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A required text is empty or only whitespace.
    Required,
    /// A number that must not be negative is negative.
    Negative,
    /// A value is outside its allowed range (score, probability, emotion).
    OutOfRange,
    /// An email address is not of the form `local@domain.tld`.
    InvalidEmail,
    /// A referenced stage id is not in the stage set or pipeline.
    UnknownStage,
    /// An id is empty or has characters ids may not hold.
    InvalidId,
    /// Two items share an id that must be unique.
    Duplicate,
    /// A date range ends before it starts.
    InvalidRange,
    /// An image is not a `data:image/…` URL or is too large.
    InvalidImage,
}

/// One rejected field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as stored in the document (`name`, `value.amount`, `stages[2].id`).
    pub field: String,
    /// What is wrong with it.
    pub code: ErrorCode,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.field, self.code)
    }
}

/// All errors of one record; empty means valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// Adds an error.
    pub fn push(&mut self, field: impl Into<String>, code: ErrorCode) {
        self.0.push(FieldError {
            field: field.into(),
            code,
        });
    }

    /// Adds `Required` when `value` is blank.
    pub fn require(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, ErrorCode::Required);
        }
    }

    /// Adds `OutOfRange` when `value` is outside `lo..=hi`.
    pub fn range<T: PartialOrd>(&mut self, field: &str, value: T, lo: T, hi: T) {
        if value < lo || value > hi {
            self.push(field, ErrorCode::OutOfRange);
        }
    }

    /// True when there is no error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The error of one field, if any.
    pub fn get(&self, field: &str) -> Option<ErrorCode> {
        self.0.iter().find(|e| e.field == field).map(|e| e.code)
    }

    /// `Ok(())` when empty, else `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}

/// A pragmatic email shape check: one `@`, non-empty local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

/// The form two spellings of one email address share: trimmed, NFC, lower
/// case (how the import and the new-contact dialog recognise a known person).
/// Empty for an empty address.
pub fn email_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim().nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_keys_ignore_case_space_and_unicode_form() {
        assert_eq!(email_key("  Lan.Nguyen@CongTy.vn "), "lan.nguyen@congty.vn");
        assert_eq!(
            email_key("thu\u{0301}y@x.vn"),
            email_key("th\u{00fa}y@x.vn")
        );
        assert_ne!(email_key("a.b@x.vn"), email_key("a-b@x.vn"));
        assert_eq!(email_key("   "), "");
    }

    #[test]
    fn email_shapes() {
        assert!(is_email("lan.nguyen@congty.vn"));
        assert!(!is_email("lan.nguyen@congty"));
        assert!(!is_email("lan nguyen@congty.vn"));
        assert!(!is_email("@congty.vn"));
        assert!(!is_email("a@b@c.vn"));
        assert!(!is_email("a@.vn"));
    }
}
