//! Calendar arithmetic on day numbers (days since 1970-01-01) and absolute minutes, so the rules
//! compare integers rather than dates.

use jiff::civil::Date;

/// Days since 1970-01-01 (H. Hinnant's days_from_civil).
pub fn day_number(d: Date) -> i32 {
    let (y, m, dd) = (
        i32::from(d.year()),
        i32::from(d.month()),
        i32::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number.
pub fn date_of(n: i32) -> Date {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    Date::new(y as i16, m as i8, d as i8).unwrap_or(Date::MIN)
}

/// 0 = Monday … 6 = Sunday.
pub fn weekday(n: i32) -> usize {
    (n + 3).rem_euclid(7) as usize
}

/// The Monday on or before a day.
pub fn monday_of(n: i32) -> i32 {
    n - weekday(n) as i32
}

pub const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `Tue 19:00` for an absolute minute.
pub fn fmt_abs(min: i32) -> String {
    let day = min.div_euclid(1440);
    let m = min.rem_euclid(1440);
    format!("{} {:02}:{:02}", DAY_NAMES[weekday(day)], m / 60, m % 60)
}

/// `12 h`, `11.5 h`.
pub fn fmt_hours(min: i32) -> String {
    if min % 60 == 0 {
        format!("{} h", min / 60)
    } else {
        format!("{:.1} h", f64::from(min) / 60.0)
    }
}

/// `Tue 24 Nov`.
pub fn fmt_day(n: i32) -> String {
    let d = date_of(n);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {} {}",
        DAY_NAMES[weekday(n)],
        d.day(),
        MONTHS[(d.month() - 1) as usize]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        for n in [-800_000, -1, 0, 1, 20_000, 20_780, 1_000_000] {
            assert_eq!(day_number(date_of(n)), n);
        }
        let d = Date::new(2026, 11, 23).expect("date");
        assert_eq!(weekday(day_number(d)), 0, "2026-11-23 is a Monday");
        assert_eq!(fmt_day(day_number(d) + 1), "Tue 24 Nov");
        assert_eq!(fmt_abs(day_number(d) * 1440 + 19 * 60), "Mon 19:00");
        assert_eq!(fmt_hours(690), "11.5 h");
    }
}
