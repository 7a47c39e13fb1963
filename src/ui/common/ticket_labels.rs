//! Words for tickets: statuses, status actions, priorities and SLA clocks.

use super::number_locale;
use crate::domain::records::{TicketPriority, TicketStatus};
use crate::domain::sla::ClockState;
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// A priority's name.
pub fn priority_label(i18n: I18nContext<Locale>, p: TicketPriority) -> String {
    match p {
        TicketPriority::Low => t_string!(i18n, support.prio_low),
        TicketPriority::Normal => t_string!(i18n, support.prio_normal),
        TicketPriority::High => t_string!(i18n, support.prio_high),
        TicketPriority::Urgent => t_string!(i18n, support.prio_urgent),
    }
    .to_string()
}

/// A status's name.
pub fn status_label(i18n: I18nContext<Locale>, s: TicketStatus) -> String {
    match s {
        TicketStatus::New => t_string!(i18n, support.tk_status_new),
        TicketStatus::Open => t_string!(i18n, support.tk_status_open),
        TicketStatus::PendingCustomer => t_string!(i18n, support.tk_status_pending),
        TicketStatus::Resolved => t_string!(i18n, support.tk_status_resolved),
        TicketStatus::Closed => t_string!(i18n, support.tk_status_closed),
    }
    .to_string()
}

/// The button that moves a ticket from `from` to `to` ("Reopen", "Resolve"…).
pub fn status_action(i18n: I18nContext<Locale>, from: TicketStatus, to: TicketStatus) -> String {
    match to {
        TicketStatus::Open if from.is_done() => t_string!(i18n, support.tk_do_reopen),
        TicketStatus::Open if from == TicketStatus::New => t_string!(i18n, support.tk_do_answer),
        TicketStatus::Open => t_string!(i18n, support.tk_do_resume),
        TicketStatus::PendingCustomer => t_string!(i18n, support.tk_do_pending),
        TicketStatus::Resolved => t_string!(i18n, support.tk_do_resolve),
        TicketStatus::Closed => t_string!(i18n, support.tk_do_close),
        TicketStatus::New => t_string!(i18n, support.tk_status_new),
    }
    .to_string()
}

/// Business minutes as "50 h 15 min", "3 h" or "40 min" (never days: a
/// business day is as long as the workspace's opening hours).
pub fn duration(i18n: I18nContext<Locale>, minutes: i64) -> String {
    let m = minutes.max(0);
    let nl = number_locale(i18n);
    let (h, min) = (nl.format_count((m / 60) as u64), (m % 60).to_string());
    match (m / 60, m % 60) {
        (0, _) => t_string!(i18n, support.dur_m, m = min),
        (_, 0) => t_string!(i18n, support.dur_h, h = h),
        _ => t_string!(i18n, support.dur_hm, h = h, m = min),
    }
}

/// How urgent a clock looks: the badge's class.
pub fn clock_class(c: &ClockState) -> &'static str {
    match c {
        ClockState::Breached { .. } => "sla sla-breached",
        ClockState::MetLate { .. } => "sla sla-late",
        ClockState::Running { left_min, .. } if *left_min < 60 => "sla sla-soon",
        ClockState::Running { .. } => "sla sla-running",
        ClockState::Paused { .. } => "sla sla-paused",
        ClockState::Met { .. } => "sla sla-met",
    }
}

/// A clock in words: "2 h left", "Breached by 30 min", "Paused, 1 h left"…
pub fn clock_text(i18n: I18nContext<Locale>, c: &ClockState) -> String {
    match c {
        ClockState::Running { left_min, .. } => {
            t_string!(i18n, support.sla_left, time = duration(i18n, *left_min))
        }
        ClockState::Paused { left_min } => {
            t_string!(i18n, support.sla_paused, time = duration(i18n, *left_min))
        }
        ClockState::Breached { over_min } => {
            t_string!(i18n, support.sla_breached, time = duration(i18n, *over_min))
        }
        ClockState::Met { .. } => t_string!(i18n, support.sla_met).to_string(),
        ClockState::MetLate { over_min, .. } => {
            t_string!(i18n, support.sla_late, time = duration(i18n, *over_min))
        }
    }
}
