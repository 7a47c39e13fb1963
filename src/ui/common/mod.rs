//! Pieces shared by every screen: the workspace context, the shell, small widgets.

mod app_update;
mod changes;
pub mod chart;
mod create_dialog;
mod download;
pub mod edit_ui;
mod error_alert;
mod field_errors;
mod follow_button;
pub mod form_field;
mod format;
pub mod geo;
mod host;
pub mod image;
mod isolated;
mod labels;
mod live;
mod loading;
mod modal;
mod record_page;
mod root;
pub mod routes;
mod sample_button;
mod shell;
mod store_failed;
mod sync_indicator;
pub mod ticket_labels;
mod ticking_now;
mod typing;
mod user_link;
mod workspace;

pub use app_update::AppUpdate;
pub use changes::Reads;
pub use create_dialog::CreateDialog;
pub use download::download;
pub use error_alert::{ReadError, StoreErrorAlert};
pub use field_errors::{error_text, field_errors};
pub use follow_button::FollowButton;
pub use format::{clock, date, money, month, number_locale, offset_minutes};
pub use host::HostEvents;
pub use isolated::Isolated;
pub use labels::{
    activity_kind_label, channel_label, contact_role_labels, contact_role_words, decimal_count,
    emotion, field_label, journey_stage_label, record_type_label, source_group_label,
    source_group_labels, source_group_words, stage_set_label, store_error_message, survey_label,
};
pub use loading::Loading;
pub use modal::Modal;
pub use record_page::RecordPage;
pub use root::UiRoot;
pub use sample_button::{start_sample_load, Progress, SampleProgress};
pub use shell::Shell;
pub use store_failed::StoreFailed;
pub use sync_indicator::SyncIndicator;
pub use ticking_now::use_ticking_now;
pub use typing::typing;
pub use user_link::UserLink;
pub use workspace::{
    open_workspace, provide_workspace, provide_workspace_at, use_workspace, StoreStatus, Workspace,
};
// The clock and id maker every screen shares with the use cases.
pub use crate::actions::{new_local_id, now};
