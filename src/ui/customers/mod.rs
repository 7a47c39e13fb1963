//! Customers: the list of accounts and contacts, their pages, and new leads
//! (including leads that arrive with a campaign link).

mod account;
mod contact;
pub mod contact_data;
mod list;
mod new_account;
pub mod new_contact;
mod privacy;
mod recurring;
mod source_view;
mod stage_path;
mod survey_dialog;
mod ticket_list;

pub use account::AccountPage;
pub use contact::ContactPage;
pub use list::CustomersPage;
