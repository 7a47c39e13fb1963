//! The notification inbox (`/inbox`, docs/domain.md#following): notices about
//! the records this device's user follows, and the header link with the unread
//! count. The Follow button itself is shared (`ui::common::FollowButton`).

mod page;

pub use page::{InboxLink, InboxPage};
