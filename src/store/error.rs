//! Typed store errors the UI can show.

use crate::domain::WriteError;

/// Why a store operation failed. A failed write has changed nothing.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// The browser has no IndexedDB (private mode in some browsers, or disabled).
    #[error("this browser offers no IndexedDB storage")]
    Unavailable,
    /// The origin's storage quota is used up.
    #[error("the browser's storage for Waypoint is full")]
    QuotaExceeded,
    /// A key or index constraint was violated.
    #[error("a storage constraint was violated: {0}")]
    Constraint(String),
    /// The transaction was aborted.
    #[error("the storage transaction was aborted")]
    Aborted,
    /// A schema migration failed; the old schema is still in place.
    #[error("upgrading the local database failed: {0}")]
    Migration(String),
    /// The write was refused by the revision or validation rules.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// This handle is read-only (an embed in read-only mode); nothing was written.
    #[error("this view is read-only")]
    ReadOnly,
    /// Stored data could not be read back.
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    /// Any other IndexedDB error.
    #[error("storage error {name}: {message}")]
    Idb {
        /// DOMException name.
        name: String,
        /// Its message.
        message: String,
    },
}

impl From<crate::domain::DocError> for StoreError {
    /// A document that cannot be built or validated is a refused write.
    fn from(e: crate::domain::DocError) -> Self {
        StoreError::Write(WriteError::Invalid(e))
    }
}

impl StoreError {
    /// Maps a DOMException name to a typed error.
    pub fn from_dom(name: &str, message: &str) -> Self {
        match name {
            "QuotaExceededError" => StoreError::QuotaExceeded,
            "ConstraintError" => StoreError::Constraint(message.into()),
            "AbortError" => StoreError::Aborted,
            _ => StoreError::Idb {
                name: name.into(),
                message: message.into(),
            },
        }
    }
}
