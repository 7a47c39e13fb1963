//! The dashboard's sections, one per question the figures answer.

mod acquisition;
mod feedback;
mod journey;
mod sales;
mod support;

pub use acquisition::{AcquisitionSection, PeriodForm};
pub use feedback::FeedbackSection;
pub use journey::{FunnelSection, RetentionSection};
pub use sales::{PipelineSection, SourcesSection};
pub use support::SupportSection;
