//! Bounds on every date and horizon a profile or plan may hold, defined once and checked at the
//! boundary (the file readers, the planner's entry), so that no calendar arithmetic below ever sees
//! a date it was not written for. The decisions are documented in docs/inputs.md.

use jiff::civil::{Date, date};

use crate::plan::Plan;
use crate::profile::{Profile, ProfileIssue};

/// The first date a profile or plan may name.
pub const FIRST_DATE: Date = date(2000, 1, 1);
/// The last date a profile or plan may name.
pub const LAST_DATE: Date = date(2199, 12, 31);
/// The longest plan: six years (`--weeks`, the last race after the start, a plan file's span).
pub const MAX_PLAN_WEEKS: u16 = 312;
/// A race further ahead than this (two years) is planned, with a warning: usually a wrong year.
pub const FAR_AHEAD_DAYS: i32 = 730;
/// Birth years are refused outside these ages at the plan's start.
pub const MIN_AGE: i16 = 5;
pub const MAX_AGE: i16 = 110;
/// The range a `birth_year` may hold before the plan's start is known.
pub const BIRTH_YEARS: std::ops::RangeInclusive<i16> = 1890..=2195;

/// Refuse a date outside `FIRST_DATE..=LAST_DATE`.
pub fn check_date(d: Date) -> Result<Date, String> {
    if (FIRST_DATE..=LAST_DATE).contains(&d) {
        Ok(d)
    } else {
        Err(format!(
            "{d} is outside the dates runlift plans for: {FIRST_DATE} to {LAST_DATE}"
        ))
    }
}

/// Refuse a number of plan weeks outside `1..=MAX_PLAN_WEEKS`.
pub fn check_weeks(weeks: usize) -> Result<usize, String> {
    if (1..=usize::from(MAX_PLAN_WEEKS)).contains(&weeks) {
        Ok(weeks)
    } else {
        Err(format!(
            "must be between 1 and {MAX_PLAN_WEEKS} weeks (six years), got {weeks}"
        ))
    }
}

fn days_between(from: Date, to: Date) -> i32 {
    // Both dates are inside FIRST_DATE..=LAST_DATE, so the span fits easily.
    from.until(to).map_or(i32::MAX, |s| s.get_days())
}

/// What the profile's dates say about a plan starting on `start`: errors refuse the plan,
/// warnings are printed with it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DateCheck {
    pub errors: Vec<ProfileIssue>,
    pub warnings: Vec<ProfileIssue>,
}

impl DateCheck {
    fn error(&mut self, field: String, message: String) {
        self.errors.push(ProfileIssue { field, message });
    }
    fn warning(&mut self, field: String, message: String) {
        self.warnings.push(ProfileIssue { field, message });
    }
}

/// Check every date of `profile` against the plan's first day `start` (the profile's
/// `plan_start`, or the one the caller chose).
pub fn profile_dates(profile: &Profile, start: Date) -> DateCheck {
    let mut c = DateCheck::default();
    let start_field = if profile.plan_start == Some(start) {
        "plan_start"
    } else {
        "start"
    };
    if let Err(m) = check_date(start) {
        c.error(start_field.to_string(), m);
        return c;
    }
    let horizon_days = i32::from(MAX_PLAN_WEEKS) * 7;
    for (i, r) in profile.races.iter().enumerate() {
        let field = format!("race[{i}].date");
        let ahead = days_between(start, r.date);
        if let Err(m) = check_date(r.date) {
            c.error(field, m);
        } else if ahead < 0 {
            c.error(
                field,
                format!(
                    "{} is before the plan's start {start}: a plan cannot prepare for a race that is over; fix the year, or remove the race (a result belongs in `recent_race`)",
                    r.date
                ),
            );
        } else if ahead > horizon_days {
            c.error(
                field,
                format!(
                    "{} is {ahead} days after the plan's start {start}: races must fall within {MAX_PLAN_WEEKS} weeks (six years) of it",
                    r.date
                ),
            );
        } else if ahead > FAR_AHEAD_DAYS {
            c.warning(
                field,
                format!(
                    "{} is more than two years after the plan's start {start} ({ahead} days): is the year right?",
                    r.date
                ),
            );
        }
    }
    if let Some(rr) = &profile.recent_race
        && let Some(d) = rr.date
    {
        if let Err(m) = check_date(d) {
            c.error("recent_race.date".into(), m);
        } else if d > start {
            c.error(
                "recent_race.date".into(),
                format!("{d} is after the plan's start {start}: a recent race has been run"),
            );
        }
    }
    if let Some(t) = &profile.technique_change
        && let Err(m) = check_date(t.start_date)
    {
        c.error("technique_change.start_date".into(), m);
    }
    for (i, inj) in profile.injuries.iter().enumerate() {
        if let Some(since) = inj.since {
            let field = format!("injury[{i}].since");
            if let Err(m) = check_date(since) {
                c.error(field, m);
            } else if since > start {
                c.error(
                    field,
                    format!("{since} is after the plan's start {start}: give the day it began"),
                );
            }
        }
    }
    if let Some(b) = profile.birth_year {
        let (young, old) = (start.year() - MIN_AGE, start.year() - MAX_AGE);
        if !(old..=young).contains(&b) {
            c.error(
                "birth_year".into(),
                format!(
                    "{b} makes the athlete {} at the plan's start in {}: give a year from {old} to {young} (ages {MIN_AGE} to {MAX_AGE})",
                    start.year() - b,
                    start.year()
                ),
            );
        }
    }
    c
}

/// Check a plan file's dates: each in range (the readers refuse those already), and all of them
/// within `MAX_PLAN_WEEKS` of the first.
pub fn plan_dates(plan: &Plan) -> Option<ProfileIssue> {
    let dates = plan
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("session[{i}].date"), s.date))
        .chain(
            plan.weeks
                .iter()
                .enumerate()
                .map(|(i, w)| (format!("week[{i}].start"), w.start)),
        )
        .chain(
            plan.dropped
                .iter()
                .enumerate()
                .map(|(i, d)| (format!("dropped[{i}].week"), d.week)),
        );
    let mut first: Option<Date> = None;
    let mut last: Option<(String, Date)> = None;
    for (field, d) in dates {
        if let Err(message) = check_date(d) {
            return Some(ProfileIssue { field, message });
        }
        first = Some(first.map_or(d, |f| f.min(d)));
        if last.as_ref().is_none_or(|(_, l)| d > *l) {
            last = Some((field, d));
        }
    }
    let (first, (field, last)) = (first?, last?);
    let span = days_between(first, last);
    (span >= i32::from(MAX_PLAN_WEEKS) * 7).then(|| ProfileIssue {
        field,
        message: format!(
            "{last} is {span} days after the plan's first date {first}: a plan may span at most {MAX_PLAN_WEEKS} weeks (six years)"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_the_range_are_refused_with_the_range() {
        assert!(check_date(date(2026, 11, 23)).is_ok());
        let e = check_date(date(9999, 12, 31)).unwrap_err();
        assert!(e.contains("2000-01-01 to 2199-12-31"), "{e}");
        assert!(check_date(date(1999, 12, 31)).is_err());
        assert!(check_weeks(0).is_err());
        assert!(check_weeks(313).unwrap_err().contains("between 1 and 312"));
        assert_eq!(check_weeks(312), Ok(312));
    }
}
