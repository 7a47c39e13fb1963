//! Why a replication step failed.

use crate::domain::replication::ProtocolError;
use crate::store::StoreError;

/// A failed replication step. Nothing after the last checkpoint is assumed done.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SyncError {
    /// The server could not be reached (offline, DNS, refused, or CORS blocked the reply).
    #[error("the server could not be reached: {0}")]
    Network(String),
    /// The server answered with an HTTP error.
    #[error("the server answered {status}: {reason}")]
    Http {
        /// HTTP status.
        status: u16,
        /// CouchDB's `error: reason`, or the status text.
        reason: String,
    },
    /// The reply did not have the protocol's shape.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The sync running in another tab failed; its message, as that tab reported it.
    #[error("{0}")]
    Elsewhere(String),
}

impl SyncError {
    /// True for failures worth retrying later (network, 5xx, 429); 401/403/409/412 are not.
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Network(_) => true,
            SyncError::Http { status, .. } => *status >= 500 || *status == 429 || *status == 408,
            _ => false,
        }
    }
}
