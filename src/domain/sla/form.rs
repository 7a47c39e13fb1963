//! The SLA settings as a person edits them: times as `HH:MM`, targets in hours,
//! the UTC offset as `+07:00`, holidays one date per line. Converting back to
//! [`SlaSettings`] names the first field that is wrong, so a form can point at
//! it and nothing is saved.

use super::{DayHours, SlaSettings, StoredTargets};

/// One weekday in the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayForm {
    /// Open that day.
    pub open: bool,
    /// Opens at, `HH:MM`.
    pub from: String,
    /// Closes at, `HH:MM` (`24:00` = midnight at the end of the day).
    pub to: String,
}

/// The whole form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlaForm {
    /// Monday..Sunday.
    pub days: [DayForm; 7],
    /// `+07:00`, `-05:00`, `+05:30`.
    pub offset: String,
    /// Holiday dates, one per line (`YYYY-MM-DD`).
    pub holidays: String,
    /// First response and resolution in hours, for urgent, high, normal, low.
    pub targets: [(String, String); 4],
}

/// The field a form error is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlaField {
    /// A weekday's opening or closing time (0 = Monday).
    Day(usize),
    /// No weekday is open.
    Week,
    /// The UTC offset.
    Offset,
    /// A holiday line (the text of the line).
    Holiday(String),
    /// A first-response target (0 = urgent … 3 = low).
    FirstResponse(usize),
    /// A resolution target (0 = urgent … 3 = low).
    Resolution(usize),
}

/// `"08:30"` → 510; `"24:00"` → 1440; anything else → `None`.
pub fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    let total = h.checked_mul(60)?.checked_add(m)?;
    (m < 60 && total <= 1440).then_some(total)
}

/// 510 → `"08:30"`.
pub fn format_hhmm(min: u16) -> String {
    format!("{:02}:{:02}", min / 60, min % 60)
}

/// Hours as typed (`"4"`, `"1.5"`, `"0,25"`) → whole minutes, more than zero
/// and at most 10,000 hours.
pub fn parse_hours(s: &str) -> Option<u32> {
    let h: f64 = s.trim().replace(',', ".").parse().ok()?;
    let min = (h * 60.0).round();
    (h.is_finite() && (1.0..=600_000.0).contains(&min)).then_some(min as u32)
}

/// 90 → `"1.5"`, 60 → `"1"`, 20 → `"0.33"`.
pub fn format_hours(min: u32) -> String {
    let s = format!("{:.2}", min as f64 / 60.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `"+07:00"`, `"-5"`, `"+0530"`, `"UTC+7"` → minutes east of UTC. Only
/// ASCII digits after one optional sign; anything else is `None`.
pub fn parse_offset(s: &str) -> Option<i32> {
    let t = s.trim().trim_start_matches("UTC").trim_start_matches("GMT");
    let (sign, rest) = if let Some(r) = t.strip_prefix('+') {
        (1, r)
    } else if let Some(r) = t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        (-1, r)
    } else {
        (1, t)
    };
    let digits = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 && rest.is_ascii() => rest.split_at(2),
        None => (rest, "0"),
    };
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    let total = h * 60 + m;
    (m < 60 && total <= 14 * 60).then_some(sign * total)
}

/// 420 → `"+07:00"`.
pub fn format_offset(min: i32) -> String {
    let sign = if min < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", min.abs() / 60, min.abs() % 60)
}

impl SlaForm {
    /// The form showing `s`.
    pub fn of(s: &SlaSettings) -> Self {
        SlaForm {
            days: std::array::from_fn(|d| match s.week[d] {
                Some(h) => DayForm {
                    open: true,
                    from: format_hhmm(h.open),
                    to: format_hhmm(h.close),
                },
                None => DayForm {
                    open: false,
                    from: "08:00".into(),
                    to: "17:00".into(),
                },
            }),
            offset: format_offset(s.utc_offset_min),
            holidays: s.holidays.join("\n"),
            targets: s
                .targets
                .map(|t| (format_hours(t.first_response), format_hours(t.resolution))),
        }
    }

    /// The settings this form describes, or the first field that is wrong.
    pub fn settings(&self) -> Result<SlaSettings, SlaField> {
        let mut week = [None; 7];
        for (d, day) in self.days.iter().enumerate() {
            if day.open {
                let open = parse_hhmm(&day.from).ok_or(SlaField::Day(d))?;
                let close = parse_hhmm(&day.to).ok_or(SlaField::Day(d))?;
                if close <= open {
                    return Err(SlaField::Day(d));
                }
                week[d] = Some(DayHours { open, close });
            }
        }
        if week.iter().all(Option::is_none) {
            return Err(SlaField::Week);
        }
        let utc_offset_min = parse_offset(&self.offset).ok_or(SlaField::Offset)?;
        let mut holidays = Vec::new();
        for line in self
            .holidays
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let ok = line.len() == 10 && crate::domain::Timestamp::parse(line).is_some();
            if !ok {
                return Err(SlaField::Holiday(line.to_owned()));
            }
            holidays.push(line.to_owned());
        }
        holidays.sort();
        holidays.dedup();
        let mut targets = [StoredTargets {
            first_response: 0,
            resolution: 0,
        }; 4];
        for (i, (first, resolution)) in self.targets.iter().enumerate() {
            targets[i] = StoredTargets {
                first_response: parse_hours(first).ok_or(SlaField::FirstResponse(i))?,
                resolution: parse_hours(resolution).ok_or(SlaField::Resolution(i))?,
            };
        }
        let out = SlaSettings {
            week,
            utc_offset_min,
            holidays,
            targets,
        };
        // Anything the clocks would still refuse is reported against the week.
        out.policy().map_err(|_| SlaField::Week)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_hours_and_offsets_read_and_write_back() {
        assert_eq!(parse_hhmm("08:30"), Some(510));
        assert_eq!(parse_hhmm(" 24:00 "), Some(1440));
        assert_eq!(parse_hhmm("24:01"), None);
        assert_eq!(parse_hhmm("8:60"), None);
        assert_eq!(parse_hhmm("8"), None);
        assert_eq!(format_hhmm(510), "08:30");
        assert_eq!(parse_hours("1.5"), Some(90));
        assert_eq!(parse_hours("0,25"), Some(15));
        assert_eq!(parse_hours("0"), None);
        assert_eq!(parse_hours("-1"), None);
        assert_eq!(parse_hours("abc"), None);
        assert_eq!(parse_hours("NaN"), None);
        assert_eq!(format_hours(90), "1.5");
        assert_eq!(format_hours(2880), "48");
        assert_eq!(parse_offset("+07:00"), Some(420));
        assert_eq!(parse_offset("UTC+7"), Some(420));
        assert_eq!(parse_offset("-05:00"), Some(-300));
        assert_eq!(parse_offset("+0530"), Some(330));
        assert_eq!(parse_offset("+15:00"), None);
        assert_eq!(parse_offset(""), None);
        for bad in ["+7ệ", "--5", "+-1:30", "+5:-30", "+123", "7:5:0", "+ 7"] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
        assert_eq!(format_offset(-300), "-05:00");
        assert_eq!(format_offset(330), "+05:30");
    }

    #[test]
    fn the_form_round_trips_and_names_the_wrong_field() {
        let s = SlaSettings::default();
        let form = SlaForm::of(&s);
        assert_eq!(form.offset, "+00:00");
        assert_eq!(form.targets[0], ("1".to_string(), "4".to_string()));
        assert_eq!(form.settings().unwrap(), s);

        // Vietnam office: Mon–Fri 08:00–17:30, Sat 08:00–12:00, +07:00, Tết.
        let mut f = form.clone();
        for d in 0..5 {
            f.days[d] = DayForm {
                open: true,
                from: "08:00".into(),
                to: "17:30".into(),
            };
        }
        f.days[5] = DayForm {
            open: true,
            from: "08:00".into(),
            to: "12:00".into(),
        };
        f.days[6].open = false;
        f.offset = "+07:00".into();
        f.holidays = "2027-02-06\n\n 2027-02-05 \n2027-02-05".into();
        let v = f.settings().unwrap();
        assert_eq!(
            v.week[5],
            Some(DayHours {
                open: 480,
                close: 720
            })
        );
        assert_eq!(v.week[6], None);
        assert_eq!(v.utc_offset_min, 420);
        assert_eq!(v.holidays, ["2027-02-05", "2027-02-06"]);
        assert_eq!(SlaForm::of(&v).settings().unwrap(), v);

        let mut bad = f.clone();
        bad.days[2].to = "07:00".into();
        assert_eq!(bad.settings(), Err(SlaField::Day(2)));
        let mut bad = f.clone();
        bad.days.iter_mut().for_each(|d| d.open = false);
        assert_eq!(bad.settings(), Err(SlaField::Week));
        let mut bad = f.clone();
        bad.offset = "Hà Nội".into();
        assert_eq!(bad.settings(), Err(SlaField::Offset));
        let mut bad = f.clone();
        bad.holidays = "2027-02-30".into();
        assert_eq!(bad.settings(), Err(SlaField::Holiday("2027-02-30".into())));
        let mut bad = f.clone();
        bad.targets[3].1 = "0".into();
        assert_eq!(bad.settings(), Err(SlaField::Resolution(3)));
        let mut bad = f;
        bad.targets[1].0 = "".into();
        assert_eq!(bad.settings(), Err(SlaField::FirstResponse(1)));
    }
}
