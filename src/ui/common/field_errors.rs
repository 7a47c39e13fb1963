//! Validation errors as the person reads them: each rejected field's message,
//! for a form to show beside its inputs.

use crate::domain::validate::{ErrorCode, ValidationErrors};
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// Each rejected field's message by field name, for a form to show beside its inputs.
pub fn field_errors(
    i18n: I18nContext<Locale>,
    errs: &ValidationErrors,
) -> std::collections::HashMap<String, String> {
    errs.0
        .iter()
        .map(|e| (e.field.clone(), error_text(i18n, e.code)))
        .collect()
}

/// The message beside a field for a validation code.
pub fn error_text(i18n: I18nContext<Locale>, code: ErrorCode) -> String {
    match code {
        ErrorCode::Required => t_string!(i18n, common.err_required),
        ErrorCode::InvalidEmail => t_string!(i18n, common.err_email),
        _ => t_string!(i18n, common.err_invalid),
    }
    .to_string()
}
