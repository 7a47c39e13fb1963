//! Pieces shared by every screen: the workspace context, the shell, small widgets.

mod app_update;
pub mod chart;
mod download;
mod error_alert;
pub mod geo;
mod host;
pub mod image;
mod isolated;
mod labels;
mod live;
mod loading;
mod modal;
mod root;
mod sample_button;
mod shell;
mod store_failed;
mod sync_indicator;
mod user_link;
mod workspace;

pub use app_update::AppUpdate;
pub use download::download;
pub use error_alert::{ReadError, StoreErrorAlert};
pub use host::HostEvents;
pub use isolated::Isolated;
pub use labels::{
    activity_kind_label, decimal_count, field_label, number_locale, record_type_label,
    stage_set_label, store_error_message,
};
pub use loading::Loading;
pub use modal::Modal;
pub use root::UiRoot;
pub use sample_button::{start_sample_load, Progress, SampleProgress};
pub use shell::Shell;
pub use store_failed::StoreFailed;
pub use sync_indicator::SyncIndicator;
pub use user_link::UserLink;
pub use workspace::{
    current_user, new_local_id, now, open_workspace, provide_workspace, provide_workspace_at,
    use_workspace, StoreStatus, Workspace,
};
