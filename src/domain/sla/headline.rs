//! The one clock a short ticket list shows beside each ticket.

use super::{ClockState, TicketClocks, Urgency};

/// Which of a ticket's two SLA clocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaClock {
    /// The first-response clock.
    FirstResponse,
    /// The resolution clock.
    Resolution,
}

impl TicketClocks {
    /// The clock to show when there is room for one: while either clock
    /// runs, the more urgent one (see [`Urgency`]; a tie goes to the first
    /// response, which comes first); once both have stopped, a missed target
    /// if there was one (the resolution's first), else the resolution.
    pub fn headline(&self) -> (SlaClock, ClockState) {
        let (fr, res) = (self.first_response, self.resolution);
        match (fr.urgency(), res.urgency()) {
            (Urgency::Done, Urgency::Done) => {
                if fr.is_breached() && !res.is_breached() {
                    (SlaClock::FirstResponse, fr)
                } else {
                    (SlaClock::Resolution, res)
                }
            }
            (a, b) if b < a => (SlaClock::Resolution, res),
            _ => (SlaClock::FirstResponse, fr),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Timestamp;

    fn clocks(first_response: ClockState, resolution: ClockState) -> TicketClocks {
        TicketClocks {
            first_response,
            resolution,
        }
    }

    const AT: Timestamp = Timestamp(0);
    fn running(left_min: i64) -> ClockState {
        ClockState::Running {
            left_min,
            due_at: AT,
        }
    }
    fn met() -> ClockState {
        ClockState::Met {
            at: AT,
            margin_min: 5,
        }
    }
    fn late(over_min: i64) -> ClockState {
        ClockState::MetLate { at: AT, over_min }
    }

    #[test]
    fn a_list_shows_the_clock_that_needs_attention() {
        use SlaClock::*;
        // Not answered yet: the response is due first.
        assert_eq!(
            clocks(running(30), running(200)).headline(),
            (FirstResponse, running(30))
        );
        // Answered: the resolution clock.
        assert_eq!(
            clocks(met(), running(200)).headline(),
            (Resolution, running(200))
        );
        // A breach beats any clock still running; a running clock beats a paused one.
        let breached = ClockState::Breached { over_min: 10 };
        assert_eq!(clocks(late(5), breached).headline(), (Resolution, breached));
        assert_eq!(
            clocks(running(500), breached).headline(),
            (Resolution, breached)
        );
        let paused = ClockState::Paused { left_min: 20 };
        assert_eq!(clocks(met(), paused).headline(), (Resolution, paused));
        // Same urgency: the first response.
        assert_eq!(
            clocks(running(30), running(30)).headline(),
            (FirstResponse, running(30))
        );
        // Both stopped: a missed target is not hidden behind a met one.
        assert_eq!(
            clocks(late(40), met()).headline(),
            (FirstResponse, late(40))
        );
        assert_eq!(clocks(met(), late(3)).headline(), (Resolution, late(3)));
        assert_eq!(clocks(late(40), late(3)).headline(), (Resolution, late(3)));
        assert_eq!(clocks(met(), met()).headline(), (Resolution, met()));
    }
}
