//! What a failed sync means, in the user's words: one sentence per kind of failure,
//! shared by "Sync now" and the live sync state.

use crate::i18n::*;
use crate::sync::SyncError;
use crate::ui::common::store_error_message;
use leptos_i18n::I18nContext;

/// The sentence that explains `e` in the current language.
pub fn sync_error_text(i18n: I18nContext<Locale>, e: &SyncError) -> String {
    match e {
        SyncError::Http { status: 404, .. } => {
            t_string!(i18n, settings.sync_db_missing).to_string()
        }
        SyncError::Http {
            status: status @ (401 | 403),
            ..
        } => t_string!(i18n, settings.sync_unauthorized, status = *status).to_string(),
        SyncError::Network(_) => t_string!(i18n, settings.sync_unreachable).to_string(),
        SyncError::Http { status, reason } => {
            let detail = format!("{status} {reason}");
            t_string!(i18n, settings.sync_http_error, detail = detail).to_string()
        }
        SyncError::Protocol(e) => {
            t_string!(i18n, settings.sync_protocol_error, detail = e.0.clone()).to_string()
        }
        SyncError::Elsewhere(detail) => t_string!(
            i18n,
            settings.sync_failed_elsewhere,
            detail = detail.clone()
        )
        .to_string(),
        SyncError::Store(e) => {
            let detail = store_error_message(i18n, e);
            t_string!(i18n, common.write_error, error = detail).to_string()
        }
    }
}
