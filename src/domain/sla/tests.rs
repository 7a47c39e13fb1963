use super::*;

/// A UTC instant; every call site's comment gives the local time.
fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap_or_else(|| panic!("bad time {s}"))
}

fn hm(h: u16, m: u16) -> u16 {
    h * 60 + m
}

const VN: i32 = 7 * 60;
const NEW_YORK_WINTER: i32 = -5 * 60;
const KIRIBATI: i32 = 14 * 60;

/// Mon–Fri 08:00–17:00 (540 minutes a day) at `offset`.
fn office(offset: i32) -> BusinessHours {
    BusinessHours::weekdays(OpenHours::new(hm(8, 0), hm(17, 0)).unwrap(), offset).unwrap()
}

#[test]
fn always_counts_wall_clock_minutes() {
    let h = BusinessHours::always();
    // Mon 2026-03-02 10:00 → Wed 2026-03-04 10:30 = 2 × 1440 + 30 = 2910.
    assert_eq!(
        h.business_minutes(t("2026-03-02T10:00Z"), t("2026-03-04T10:30Z"), &[]),
        2910
    );
    // Backwards or empty ranges count nothing.
    assert_eq!(
        h.business_minutes(t("2026-03-04T10:30Z"), t("2026-03-02T10:00Z"), &[]),
        0
    );
    assert_eq!(
        h.business_minutes(t("2026-03-02T10:00Z"), t("2026-03-02T10:00Z"), &[]),
        0
    );
    // 59.999 s is not yet a minute (rounded down).
    assert_eq!(
        h.business_minutes(t("2026-03-02T10:00Z"), t("2026-03-02T10:00:59.999Z"), &[]),
        0
    );
    // Due 90 minutes after 23:00 is 00:30 the next day.
    assert_eq!(
        h.due_at(t("2026-03-02T23:00Z"), 90, &[]),
        Due::At(t("2026-03-03T00:30Z"))
    );
    // A zero target is due at the start.
    assert_eq!(
        h.due_at(t("2026-03-02T23:00Z"), 0, &[]),
        Due::At(t("2026-03-02T23:00Z"))
    );
}

#[test]
fn office_hours_skip_the_weekend() {
    let h = office(VN);
    // Fri 2026-03-06 15:00 local (08:00Z) → Mon 2026-03-09 10:00 local (03:00Z):
    // Fri 15:00–17:00 = 120, Sat + Sun closed, Mon 08:00–10:00 = 120 → 240.
    assert_eq!(
        h.business_minutes(t("2026-03-06T08:00Z"), t("2026-03-09T03:00Z"), &[]),
        240
    );
    // Local midnight Mon 2026-03-02 (2026-03-01T17:00Z) → local midnight
    // Mon 2026-03-09 (2026-03-08T17:00Z): one week = 5 × 540 = 2700.
    assert_eq!(
        h.business_minutes(t("2026-03-01T17:00Z"), t("2026-03-08T17:00Z"), &[]),
        2700
    );
    // Due 240 minutes after Fri 15:00 local: 120 on Friday, 120 on Monday →
    // Mon 10:00 local = 03:00Z.
    assert_eq!(
        h.due_at(t("2026-03-06T08:00Z"), 240, &[]),
        Due::At(t("2026-03-09T03:00Z"))
    );
    // Target ending exactly at closing time is due at 17:00, not next morning:
    // Fri 08:00 local (01:00Z) + 540 = Fri 17:00 local (10:00Z).
    assert_eq!(
        h.due_at(t("2026-03-06T01:00Z"), 540, &[]),
        Due::At(t("2026-03-06T10:00Z"))
    );
}

#[test]
fn ticket_opened_after_hours_on_friday() {
    let h = office(VN);
    // Fri 2026-03-06 19:00 local = 12:00Z; nothing counts until Mon 08:00 local.
    // → Mon 2026-03-09 09:30 local (02:30Z): Mon 08:00–09:30 = 90.
    let opened = t("2026-03-06T12:00Z");
    assert_eq!(h.business_minutes(opened, t("2026-03-09T02:30Z"), &[]), 90);
    // A 60-minute target is due Mon 09:00 local = 02:00Z.
    assert_eq!(h.due_at(opened, 60, &[]), Due::At(t("2026-03-09T02:00Z")));
    // Opened before opening: Mon 06:00 local (Sun 23:00Z) → Mon 08:30 local
    // (01:30Z) = 08:00–08:30 = 30.
    assert_eq!(
        h.business_minutes(t("2026-03-08T23:00Z"), t("2026-03-09T01:30Z"), &[]),
        30
    );
}

#[test]
fn holiday_in_the_middle_counts_nothing() {
    let plain = office(VN);
    let h = plain.clone().with_holidays(&["2026-03-11"]).unwrap();
    // Tue 2026-03-10 16:00 local (09:00Z) → Thu 2026-03-12 09:00 local (02:00Z).
    let (from, to) = (t("2026-03-10T09:00Z"), t("2026-03-12T02:00Z"));
    // Without the holiday: Tue 60 + Wed 540 + Thu 60 = 660.
    assert_eq!(plain.business_minutes(from, to, &[]), 660);
    // Wed 2026-03-11 is a holiday: 60 + 0 + 60 = 120.
    assert_eq!(h.business_minutes(from, to, &[]), 120);
    // So a 120-minute target from Tue 16:00 local is due Thu 09:00 local.
    assert_eq!(h.due_at(from, 120, &[]), Due::At(to));
    assert_eq!(h.holidays(), vec!["2026-03-11".to_string()]);
}

#[test]
fn pause_spanning_a_night() {
    let h = office(VN);
    // Mon 2026-03-09 16:00 local (09:00Z) → Tue 10:00 local (03:00Z):
    // Mon 16:00–17:00 = 60 + Tue 08:00–10:00 = 120 → 180 without pauses.
    let (from, to) = (t("2026-03-09T09:00Z"), t("2026-03-10T03:00Z"));
    assert_eq!(h.business_minutes(from, to, &[]), 180);
    // Paused Mon 16:30 local (09:30Z) → Tue 09:00 local (02:00Z). Paused business
    // time is Mon 16:30–17:00 (30) + Tue 08:00–09:00 (60) = 90; the closed night
    // inside the pause is not subtracted again: 180 − 90 = 90.
    let pauses = [Pause::closed(
        t("2026-03-09T09:30Z"),
        t("2026-03-10T02:00Z"),
    )];
    assert_eq!(h.business_minutes(from, to, &pauses), 90);
    // 90 minutes from Mon 16:00 local with that pause is due Tue 10:00 local.
    assert_eq!(h.due_at(from, 90, &pauses), Due::At(to));
}

#[test]
fn overlapping_pauses_are_not_subtracted_twice() {
    let h = office(VN);
    // Mon 2026-03-09 08:00 local (01:00Z) → 17:00 local (10:00Z) = 540.
    let (from, to) = (t("2026-03-09T01:00Z"), t("2026-03-09T10:00Z"));
    let pauses = [
        // 16:30–19:00 local, half outside hours: 30 in hours.
        Pause::closed(t("2026-03-09T09:30Z"), t("2026-03-09T12:00Z")),
        // 10:00–11:00, 10:30–12:00 and 11:30–11:45 local: union 10:00–12:00 = 120.
        Pause::closed(t("2026-03-09T03:00Z"), t("2026-03-09T04:00Z")),
        Pause::closed(t("2026-03-09T03:30Z"), t("2026-03-09T05:00Z")),
        Pause::closed(t("2026-03-09T04:30Z"), t("2026-03-09T04:45Z")),
        // A duplicate and an empty/backwards one change nothing.
        Pause::closed(t("2026-03-09T03:00Z"), t("2026-03-09T04:00Z")),
        Pause::closed(t("2026-03-09T07:00Z"), t("2026-03-09T06:00Z")),
    ];
    // 540 − 120 − 30 = 390.
    assert_eq!(h.business_minutes(from, to, &pauses), 390);
    // Adjacent pauses 13:00–14:00 and 14:00–15:00 local merge into 120.
    let adjacent = [
        Pause::closed(t("2026-03-09T06:00Z"), t("2026-03-09T07:00Z")),
        Pause::closed(t("2026-03-09T07:00Z"), t("2026-03-09T08:00Z")),
    ];
    assert_eq!(h.business_minutes(from, to, &adjacent), 420);
}

#[test]
fn open_ended_pause_stops_the_clock() {
    let h = BusinessHours::always();
    let start = t("2026-03-02T00:00Z");
    // Paused since 02:00 and still paused; an earlier closed pause 00:30–01:00.
    let pauses = [
        Pause::open(t("2026-03-02T02:00Z")),
        Pause::closed(t("2026-03-02T00:30Z"), t("2026-03-02T01:00Z")),
    ];
    // Up to 05:00: 00:00–00:30 + 01:00–02:00 = 30 + 60 = 90; nothing after 02:00.
    assert_eq!(
        h.business_minutes(start, t("2026-03-02T05:00Z"), &pauses),
        90
    );
    // 60 minutes are reached before the pause: 30 + 30 → 01:30.
    assert_eq!(
        h.due_at(start, 60, &pauses),
        Due::At(t("2026-03-02T01:30Z"))
    );
    // 90 minutes are reached exactly as the pause starts.
    assert_eq!(
        h.due_at(start, 90, &pauses),
        Due::At(t("2026-03-02T02:00Z"))
    );
    // 180 minutes: 90 used, 90 left, due time unknown.
    assert_eq!(h.due_at(start, 180, &pauses), Due::Paused { left_min: 90 });
    // Started while already paused: nothing runs.
    assert_eq!(
        h.due_at(t("2026-03-02T03:00Z"), 1, &pauses),
        Due::Paused { left_min: 1 }
    );
}

#[test]
fn negative_offset_uses_the_local_date() {
    let h = BusinessHours::weekdays(
        OpenHours::new(hm(9, 0), hm(17, 0)).unwrap(),
        NEW_YORK_WINTER,
    )
    .unwrap();
    // 2026-03-07T01:00Z is Saturday in UTC but Fri 2026-03-06 20:00 local (after
    // hours). → Mon 2026-03-09 10:00 local (15:00Z): Mon 09:00–10:00 = 60.
    assert_eq!(
        h.business_minutes(t("2026-03-07T01:00Z"), t("2026-03-09T15:00Z"), &[]),
        60
    );
    // Fri 16:30 local (21:30Z) → Fri 19:00 local (Sat 00:00Z): 16:30–17:00 = 30,
    // although the range ends on a UTC Saturday.
    let (fri, sat_utc) = (t("2026-03-06T21:30Z"), t("2026-03-07T00:00Z"));
    assert_eq!(h.business_minutes(fri, sat_utc, &[]), 30);
    // Due 60 after Fri 16:30 local: 30 on Friday, 30 on Monday → Mon 09:30 local
    // = 14:30Z.
    assert_eq!(h.due_at(fri, 60, &[]), Due::At(t("2026-03-09T14:30Z")));
    // The holiday is the local Friday.
    let h = h.with_holidays(&["2026-03-06"]).unwrap();
    assert_eq!(h.business_minutes(fri, sat_utc, &[]), 0);
}

#[test]
fn offset_plus_fourteen_uses_the_local_date() {
    let h = office(KIRIBATI);
    // 2026-03-08T19:00Z is Sunday in UTC but Mon 2026-03-09 09:00 local.
    // → 22:00Z = Mon 12:00 local: 180.
    let (from, to) = (t("2026-03-08T19:00Z"), t("2026-03-08T22:00Z"));
    assert_eq!(h.business_minutes(from, to, &[]), 180);
    // A holiday on the UTC date (Sunday 2026-03-08) changes nothing…
    let on_utc_date = h.clone().with_holidays(&["2026-03-08"]).unwrap();
    assert_eq!(on_utc_date.business_minutes(from, to, &[]), 180);
    // …one on the local date (Monday 2026-03-09) stops it all.
    let on_local_date = h.clone().with_holidays(&["2026-03-09"]).unwrap();
    assert_eq!(on_local_date.business_minutes(from, to, &[]), 0);
    // Fri 2026-03-13 16:00 local (02:00Z) → Mon 2026-03-16 09:00 local
    // (Sun 2026-03-15T19:00Z): Fri 60 + Mon 60 = 120.
    assert_eq!(
        h.business_minutes(t("2026-03-13T02:00Z"), t("2026-03-15T19:00Z"), &[]),
        120
    );
}

#[test]
fn ranges_crossing_local_midnight() {
    // 24×7 at +07:00 with a holiday on Tue 2026-03-10 (local), i.e. UTC
    // 2026-03-09T17:00Z → 2026-03-10T17:00Z counts nothing.
    let h = BusinessHours::new([Some(OpenHours::ALL_DAY); 7], VN, &["2026-03-10"]).unwrap();
    // Mon 23:00 local (16:00Z) → Wed 01:00 local (Tue 18:00Z):
    // Mon 23:00–24:00 = 60, Tue holiday, Wed 00:00–01:00 = 60 → 120.
    assert_eq!(
        h.business_minutes(t("2026-03-09T16:00Z"), t("2026-03-10T18:00Z"), &[]),
        120
    );
    // A night shift: Mon 22:00–24:00 and Tue 00:00–06:00 at UTC.
    let mut week = [None; 7];
    week[0] = Some(OpenHours::new(hm(22, 0), 1440).unwrap());
    week[1] = Some(OpenHours::new(0, hm(6, 0)).unwrap());
    let night = BusinessHours::new(week, 0, &[]).unwrap();
    // Mon 23:00 → Tue 01:00 runs through midnight: 60 + 60 = 120.
    assert_eq!(
        night.business_minutes(t("2026-03-09T23:00Z"), t("2026-03-10T01:00Z"), &[]),
        120
    );
    // A whole week of night shifts = 120 + 360 = 480; 500 minutes from Mon 22:00
    // spill into next Monday: 480 + 20 → 2026-03-16T22:20Z.
    assert_eq!(
        night.due_at(t("2026-03-09T22:00Z"), 500, &[]),
        Due::At(t("2026-03-16T22:20Z"))
    );
}

#[test]
fn leap_day_and_year_end() {
    let plain = BusinessHours::always();
    let h = plain.clone().with_holidays(&["2024-02-29"]).unwrap();
    // Wed 2024-02-28 12:00 → Fri 2024-03-01 12:00: 2 days = 2880 in 24×7;
    // with 29 February off: 720 + 0 + 720 = 1440.
    let (from, to) = (t("2024-02-28T12:00Z"), t("2024-03-01T12:00Z"));
    assert_eq!(plain.business_minutes(from, to, &[]), 2880);
    assert_eq!(h.business_minutes(from, to, &[]), 1440);
    assert_eq!(h.due_at(from, 1440, &[]), Due::At(to));
    // Office hours at +07:00, New Year's Day 2026 (Thu) off:
    // Wed 2025-12-31 16:00 local (09:00Z) → Fri 2026-01-02 09:00 local (02:00Z)
    // = 60 + 0 + 60 = 120.
    let h = office(VN).with_holidays(&["2026-01-01"]).unwrap();
    assert_eq!(
        h.business_minutes(t("2025-12-31T09:00Z"), t("2026-01-02T02:00Z"), &[]),
        120
    );
}

#[test]
fn a_ticket_open_for_two_years_is_cheap_and_exact() {
    // 2024-01-01 → 2026-01-01 = 731 days (2024 is a leap year) × 1440 = 1 052 640.
    let (from, to) = (t("2024-01-01T00:00Z"), t("2026-01-01T00:00Z"));
    let always = BusinessHours::always();
    assert_eq!(always.business_minutes(from, to, &[]), 1_052_640);
    assert_eq!(always.due_at(from, 1_052_640, &[]), Due::At(to));
    // Mon 2024-01-01 → Mon 2025-12-29 local midnight = 728 days = 104 weeks
    // × 2700 = 280 800 office minutes (+07:00: local midnight = 17:00Z the day before).
    let h = office(VN);
    let (from, to) = (t("2023-12-31T17:00Z"), t("2025-12-28T17:00Z"));
    assert_eq!(h.business_minutes(from, to, &[]), 280_800);
    // The last minute is Fri 2025-12-26 17:00 local (10:00Z).
    assert_eq!(
        h.due_at(from, 280_800, &[]),
        Due::At(t("2025-12-26T10:00Z"))
    );
}

#[test]
fn due_time_is_the_inverse_of_elapsed() {
    let night_and_day = {
        let mut week = [Some(OpenHours::new(hm(6, 30), 1440).unwrap()); 7];
        week[2] = Some(OpenHours::new(0, hm(12, 0)).unwrap());
        week[6] = None;
        BusinessHours::new(week, -i32::from(hm(3, 30)), &["2026-03-04"]).unwrap()
    };
    let calendars = [
        BusinessHours::always(),
        office(VN)
            .with_holidays(&["2026-03-11", "2026-03-20"])
            .unwrap(),
        office(NEW_YORK_WINTER),
        office(KIRIBATI).with_holidays(&["2026-03-09"]).unwrap(),
        night_and_day,
    ];
    let pauses = [
        Pause::closed(t("2026-03-03T02:00Z"), t("2026-03-03T20:00Z")),
        Pause::closed(t("2026-03-10T09:10Z"), t("2026-03-12T01:30Z")),
        Pause::closed(t("2026-03-10T11:00Z"), t("2026-03-10T12:00Z")),
    ];
    let targets = [0, 1, 59, 60, 61, 479, 480, 540, 541, 2880, 5760];
    let mut checked = 0;
    for h in &calendars {
        // Starts every 37 min 17 s over three weeks, so they land at every time of
        // day, inside and outside hours and pauses, with odd seconds.
        let mut start = t("2026-03-01T00:00Z");
        while start < t("2026-03-22T00:00Z") {
            for p in [&pauses[..], &[]] {
                for &n in &targets {
                    let Due::At(due) = h.due_at(start, n, p) else {
                        panic!("no open pause, so a due time exists");
                    };
                    assert_eq!(h.business_minutes(start, due, p), i64::from(n));
                    if n > 0 {
                        // Minimal: one millisecond earlier is not yet there.
                        assert_eq!(
                            h.business_minutes(start, due.plus_ms(-1), p),
                            i64::from(n) - 1,
                            "start {start} target {n}"
                        );
                    }
                    checked += 1;
                }
            }
            start = start.plus_ms((37 * 60 + 17) * 1000);
        }
    }
    assert!(checked > 20_000, "{checked}");
}

#[test]
fn clock_states() {
    let h = office(VN);
    // Opened Mon 2026-03-09 08:00 local (01:00Z); 60-minute target due 09:00 local.
    let start = t("2026-03-09T01:00Z");
    let at = |s: &str| t(s);
    // 08:20 local: 20 used, 40 left, due 09:00 local (02:00Z).
    assert_eq!(
        h.clock(start, 60, None, &[], at("2026-03-09T01:20Z")),
        ClockState::Running {
            left_min: 40,
            due_at: at("2026-03-09T02:00Z")
        }
    );
    // One millisecond in: 59 min 59.999 s left, shown as 59 (rounded down).
    assert_eq!(
        h.clock(start, 60, None, &[], at("2026-03-09T01:00:00.001Z")),
        ClockState::Running {
            left_min: 59,
            due_at: at("2026-03-09T02:00Z")
        }
    );
    // Exactly at the target: still within (0 left).
    assert_eq!(
        h.clock(start, 60, None, &[], at("2026-03-09T02:00Z")),
        ClockState::Running {
            left_min: 0,
            due_at: at("2026-03-09T02:00Z")
        }
    );
    // One millisecond later: breached, rounded up to 1 minute.
    let late = h.clock(start, 60, None, &[], at("2026-03-09T02:00:00.001Z"));
    assert_eq!(late, ClockState::Breached { over_min: 1 });
    assert!(late.is_breached());
    // 10:30 local: 150 used → 90 over.
    assert_eq!(
        h.clock(start, 60, None, &[], at("2026-03-09T03:30Z")),
        ClockState::Breached { over_min: 90 }
    );
    // Paused (open-ended) since 08:30 local: 30 used, 30 left, frozen at noon.
    let open = [Pause::open(at("2026-03-09T01:30Z"))];
    assert_eq!(
        h.clock(start, 60, None, &open, at("2026-03-09T05:00Z")),
        ClockState::Paused { left_min: 30 }
    );
    // Paused 08:30–09:30 local; at 09:00 local it is paused with 30 left…
    let closed = [Pause::closed(
        at("2026-03-09T01:30Z"),
        at("2026-03-09T02:30Z"),
    )];
    assert_eq!(
        h.clock(start, 60, None, &closed, at("2026-03-09T02:00Z")),
        ClockState::Paused { left_min: 30 }
    );
    // …and at 09:40 local 30 + 10 = 40 used, 20 left, due 10:00 local (03:00Z).
    assert_eq!(
        h.clock(start, 60, None, &closed, at("2026-03-09T02:40Z")),
        ClockState::Running {
            left_min: 20,
            due_at: at("2026-03-09T03:00Z")
        }
    );
    // A pause that starts after `now` is not known yet and changes nothing.
    let future = [Pause::open(at("2026-03-09T03:00Z"))];
    assert_eq!(
        h.clock(start, 60, None, &future, at("2026-03-09T01:20Z")),
        ClockState::Running {
            left_min: 40,
            due_at: at("2026-03-09T02:00Z")
        }
    );
    // Stopped at 08:45 local: met with 15 to spare, whatever `now` is.
    let met = h.clock(
        start,
        60,
        Some(at("2026-03-09T01:45Z")),
        &[],
        at("2026-03-12T00:00Z"),
    );
    assert_eq!(
        met,
        ClockState::Met {
            at: at("2026-03-09T01:45Z"),
            margin_min: 15
        }
    );
    assert!(!met.is_breached());
    // Stopped exactly at the target (09:00 local): met with 0 to spare.
    assert_eq!(
        h.clock(
            start,
            60,
            Some(at("2026-03-09T02:00Z")),
            &[],
            at("2026-03-12T00:00Z")
        ),
        ClockState::Met {
            at: at("2026-03-09T02:00Z"),
            margin_min: 0
        }
    );
    // Stopped at 09:05 local: 65 used → met 5 late.
    let met_late = h.clock(
        start,
        60,
        Some(at("2026-03-09T02:05Z")),
        &[],
        at("2026-03-12T00:00Z"),
    );
    assert_eq!(
        met_late,
        ClockState::MetLate {
            at: at("2026-03-09T02:05Z"),
            over_min: 5
        }
    );
    assert!(met_late.is_breached());
    // Opened Mon 16:30 local (09:30Z), seen at 18:00 local (11:00Z): 30 used,
    // 30 left, due Tue 08:30 local (01:30Z) — running, although after hours.
    assert_eq!(
        h.clock(
            at("2026-03-09T09:30Z"),
            60,
            None,
            &[],
            at("2026-03-09T11:00Z")
        ),
        ClockState::Running {
            left_min: 30,
            due_at: at("2026-03-10T01:30Z")
        }
    );
}

fn ticket(priority: TicketPriority, opened: &str) -> Ticket {
    let targets = SlaPolicy::default().targets(priority);
    Ticket {
        subject: "Không đăng nhập được".into(),
        description: String::new(),
        channel: None,
        status: Default::default(),
        assignee: String::new(),
        status_log: Vec::new(),
        csat_requested_at: None,
        priority,
        account_id: None,
        contact_id: None,
        sla_first_response_min: targets.first_response_min,
        sla_resolution_min: targets.resolution_min,
        opened_at: t(opened),
        first_response_at: None,
        resolved_at: None,
        extra: Default::default(),
    }
}

#[test]
fn policy_targets_and_ticket_clocks() {
    let policy = SlaPolicy::default();
    assert_eq!(policy.hours, BusinessHours::always());
    let pairs = [
        (TicketPriority::Urgent, 60, 240),
        (TicketPriority::High, 240, 1440),
        (TicketPriority::Normal, 480, 2880),
        (TicketPriority::Low, 1440, 5760),
    ];
    for (p, first, resolution) in pairs {
        assert_eq!(
            policy.targets(p),
            SlaTargets {
                first_response_min: first,
                resolution_min: resolution
            }
        );
    }
    // Urgent opened 10:00 (24×7), answered 10:40, not resolved; now 15:00:
    // first response met with 20 to spare; resolution 300 used of 240 → 60 over.
    let mut tk = ticket(TicketPriority::Urgent, "2026-03-09T10:00Z");
    tk.first_response_at = Some(t("2026-03-09T10:40Z"));
    let clocks = policy.clocks(&tk, &[], t("2026-03-09T15:00Z"));
    assert_eq!(
        clocks.first_response,
        ClockState::Met {
            at: t("2026-03-09T10:40Z"),
            margin_min: 20
        }
    );
    assert_eq!(clocks.resolution, ClockState::Breached { over_min: 60 });
    assert_eq!(clocks.urgency(), Urgency::Breached { over_min: 60 });
    // Resolved at 11:30 with no recorded response: both clocks stop at 11:30;
    // first response 90 used of 60 → 30 late, resolution 90 of 240 → 150 spare.
    let mut tk = ticket(TicketPriority::Urgent, "2026-03-09T10:00Z");
    tk.resolved_at = Some(t("2026-03-09T11:30Z"));
    let clocks = policy.clocks(&tk, &[], t("2026-03-09T15:00Z"));
    assert_eq!(
        clocks.first_response,
        ClockState::MetLate {
            at: t("2026-03-09T11:30Z"),
            over_min: 30
        }
    );
    assert_eq!(
        clocks.resolution,
        ClockState::Met {
            at: t("2026-03-09T11:30Z"),
            margin_min: 150
        }
    );
    assert_eq!(clocks.urgency(), Urgency::Done);
    // Editing the policy does not move an open ticket's deadline: the ticket keeps
    // its own 60-minute copy even if urgent becomes 30.
    let mut stricter = SlaPolicy::with_hours(BusinessHours::always());
    stricter.urgent.first_response_min = 30;
    let tk = ticket(TicketPriority::Urgent, "2026-03-09T10:00Z");
    assert_eq!(
        stricter
            .clocks(&tk, &[], t("2026-03-09T10:45Z"))
            .first_response,
        ClockState::Running {
            left_min: 15,
            due_at: t("2026-03-09T11:00Z")
        }
    );
}

#[test]
fn queue_orders_breached_then_running_then_paused_then_done() {
    let clocks = |first: ClockState, resolution: ClockState| TicketClocks {
        first_response: first,
        resolution,
    };
    let met = ClockState::Met {
        at: t("2026-03-09T10:00Z"),
        margin_min: 5,
    };
    let running = |left_min| ClockState::Running {
        left_min,
        due_at: t("2026-03-10T00:00Z"),
    };
    let paused = |left_min| ClockState::Paused { left_min };
    let breached = |over_min| ClockState::Breached { over_min };
    let rows = [
        ("ticket:done", clocks(met, met), "2026-03-01T00:00Z"),
        ("ticket:p20", clocks(met, paused(20)), "2026-03-01T00:00Z"),
        (
            "ticket:r30-late",
            clocks(met, running(30)),
            "2026-03-05T00:00Z",
        ),
        (
            "ticket:b10",
            clocks(breached(10), running(500)),
            "2026-03-01T00:00Z",
        ),
        ("ticket:p1", clocks(met, paused(1)), "2026-03-01T00:00Z"),
        (
            "ticket:r5",
            clocks(running(5), running(100)),
            "2026-03-09T00:00Z",
        ),
        (
            "ticket:r30-b",
            clocks(met, running(30)),
            "2026-03-02T00:00Z",
        ),
        (
            "ticket:r30-a",
            clocks(met, running(30)),
            "2026-03-02T00:00Z",
        ),
        ("ticket:b90", clocks(met, breached(90)), "2026-03-08T00:00Z"),
        // A paused clock is never ahead of a running one, however little is left.
        ("ticket:p0", clocks(met, paused(0)), "2026-03-01T00:00Z"),
    ];
    let mut keys: Vec<QueueKey> = rows
        .iter()
        .map(|(id, c, opened)| QueueKey::new(c, t(opened), id))
        .collect();
    keys.sort();
    let order: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "ticket:b90",      // most over first
            "ticket:b10",      // first-response breach beats resolution time left
            "ticket:r5",       // least time left among running
            "ticket:r30-a",    // 30 left, opened 03-02, id a < b
            "ticket:r30-b",    //
            "ticket:r30-late", // 30 left, opened later
            "ticket:p0",
            "ticket:p1",
            "ticket:p20",
            "ticket:done",
        ]
    );
}

#[test]
fn invalid_hours_are_rejected_with_clear_errors() {
    assert_eq!(
        OpenHours::new(600, 600),
        Err(SlaError::EmptyInterval {
            open: 600,
            close: 600
        })
    );
    assert_eq!(
        OpenHours::new(600, 500),
        Err(SlaError::EmptyInterval {
            open: 600,
            close: 500
        })
    );
    assert_eq!(
        OpenHours::new(0, 1441),
        Err(SlaError::MinuteOutOfRange(1441))
    );
    assert_eq!(
        OpenHours::new(1500, 1600),
        Err(SlaError::MinuteOutOfRange(1500))
    );
    assert_eq!(OpenHours::new(0, 1440), Ok(OpenHours::ALL_DAY));
    let day = Some(OpenHours::ALL_DAY);
    for bad in [841, -841, 24 * 60] {
        assert_eq!(
            BusinessHours::new([day; 7], bad, &[]),
            Err(SlaError::OffsetOutOfRange(bad))
        );
    }
    for ok in [840, -840, 0, 330] {
        assert_eq!(
            BusinessHours::new([day; 7], ok, &[])
                .unwrap()
                .utc_offset_min(),
            ok
        );
    }
    for bad in [
        "2026-02-29",
        "2026-3-01",
        "2026-03-01T00:00Z",
        " 2026-03-01",
        "",
        "Tết",
    ] {
        assert_eq!(
            BusinessHours::new([day; 7], 0, &[bad]),
            Err(SlaError::BadDate(bad.into())),
            "{bad:?}"
        );
    }
    assert_eq!(
        BusinessHours::new([None; 7], 0, &[]),
        Err(SlaError::NeverOpen)
    );
    // Holidays come back sorted and deduplicated; day accessors.
    let h = BusinessHours::new([day; 7], 0, &["2026-02-17", "2024-02-29", "2026-02-17"]).unwrap();
    assert_eq!(h.holidays(), ["2024-02-29", "2026-02-17"]);
    let o = office(VN);
    assert_eq!(o.day(0), OpenHours::new(480, 1020).ok());
    assert_eq!((o.day(5), o.day(6), o.day(7)), (None, None, None));
    assert_eq!(
        o.day(4).map(|d| (d.open_min(), d.close_min())),
        Some((480, 1020))
    );
    // English Display texts.
    assert_eq!(
        SlaError::EmptyInterval {
            open: 600,
            close: 500
        }
        .to_string(),
        "opening hours must close after they open (opens at minute 600, closes at minute 500)"
    );
    assert_eq!(
        SlaError::OffsetOutOfRange(900).to_string(),
        "UTC offset of 900 minutes is outside ±14 hours"
    );
    assert_eq!(
        SlaError::BadDate("x".into()).to_string(),
        "holiday \"x\" is not a YYYY-MM-DD date"
    );
}

/// Counts business minutes one minute at a time, with its own calendar logic:
/// the weekday comes from a known Monday, the holiday from the local date string.
fn brute_force_minutes(
    week: &[Option<(u16, u16)>; 7],
    offset: i32,
    holidays: &[&str],
    from: Timestamp,
    to: Timestamp,
    pauses: &[Pause],
) -> i64 {
    let monday = t("2026-03-02T00:00Z");
    let mut n = 0;
    let mut m = from;
    while m < to {
        let local = m.plus_ms(i64::from(offset) * 60_000);
        let weekday = monday.days_until(local).rem_euclid(7) as usize;
        let minute = (local.0.rem_euclid(86_400_000) / 60_000) as u16;
        let open = week[weekday].is_some_and(|(a, b)| a <= minute && minute < b);
        let holiday = holidays.contains(&local.date_string().as_str());
        let paused = pauses
            .iter()
            .any(|p| p.start <= m && p.end.is_none_or(|e| m < e));
        if open && !holiday && !paused {
            n += 1;
        }
        m = m.plus_ms(60_000);
    }
    n
}

#[test]
fn elapsed_matches_a_minute_by_minute_reference() {
    let mut spec = [None; 7];
    spec[0] = Some((hm(8, 0), hm(17, 30)));
    spec[1] = Some((hm(22, 0), 1440));
    spec[2] = Some((0, hm(6, 0)));
    spec[3] = Some((hm(9, 15), hm(9, 45)));
    spec[4] = Some((0, 1440));
    spec[5] = Some((hm(10, 0), hm(14, 0)));
    let holidays = ["2026-03-06", "2026-03-12"];
    let pauses = [
        Pause::closed(t("2026-03-02T09:07Z"), t("2026-03-03T23:30Z")),
        Pause::closed(t("2026-03-05T12:00Z"), t("2026-03-05T12:01Z")),
        Pause::closed(t("2026-03-05T11:00Z"), t("2026-03-06T02:00Z")),
        Pause::open(t("2026-03-13T03:00Z")),
    ];
    let week = spec.map(|d| d.map(|(a, b)| OpenHours::new(a, b).unwrap()));
    for offset in [VN, NEW_YORK_WINTER, KIRIBATI, 0, -i32::from(hm(9, 30))] {
        let h = BusinessHours::new(week, offset, &holidays).unwrap();
        // Ranges over two weeks with odd lengths, starting every 7 h 13 min.
        let mut from = t("2026-02-28T00:00Z");
        while from < t("2026-03-14T00:00Z") {
            for len_min in [1, 61, 600, 1439, 3001, 4 * 1440 + 11] {
                let to = from.plus_ms(len_min * 60_000);
                for p in [&pauses[..], &[]] {
                    assert_eq!(
                        h.business_minutes(from, to, p),
                        brute_force_minutes(&spec, offset, &holidays, from, to, p),
                        "offset {offset} from {from} to {to}"
                    );
                }
            }
            from = from.plus_ms((7 * 60 + 13) * 60_000);
        }
    }
}
