//! Deserializers with clear messages for the hand-written file formats: dates, times, positive
//! minutes, and words that suggest the nearest valid spelling.

use jiff::civil::Date;
use serde::de::{self, Deserialize, Deserializer};

use crate::suggest::unknown_word;

/// Parse `YYYY-MM-DD`, rejecting dates that do not exist or lie outside the dates runlift plans
/// for (`crate::bounds`).
pub fn parse_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!("\"{s}\" is not a date: expected YYYY-MM-DD"));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<i16>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7) as i8, num(8..10) as i8);
    let date = Date::new(y, m, d)
        .map_err(|_| format!("\"{s}\" is not a date: {y:04}-{m:02} has no day {d}"))?;
    crate::bounds::check_date(date)
}

/// A birth year inside `crate::bounds::BIRTH_YEARS`.
pub fn opt_birth_year<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i16>, D::Error> {
    let y = i64::deserialize(d)?;
    let range = crate::bounds::BIRTH_YEARS;
    i16::try_from(y)
        .ok()
        .filter(|y| range.contains(y))
        .map(Some)
        .ok_or_else(|| {
            de::Error::custom(format!(
                "must be a year from {} to {}, got {y}",
                range.start(),
                range.end()
            ))
        })
}

pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let s = String::deserialize(d)?;
    parse_date(&s).map_err(de::Error::custom)
}

pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    date(d).map(Some)
}

/// Parse `HH:MM` into minutes after midnight.
pub fn parse_time(s: &str) -> Result<u16, String> {
    let err = || format!("\"{s}\" is not a time: expected HH:MM (00:00–23:59)");
    let (h, m) = s.split_once(':').ok_or_else(err)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(err());
    }
    let h: u16 = h.parse().map_err(|_| err())?;
    let m: u16 = m.parse().map_err(|_| err())?;
    if h > 23 || m > 59 {
        return Err(err());
    }
    Ok(h * 60 + m)
}

pub fn opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    let s = String::deserialize(d)?;
    parse_time(&s).map(Some).map_err(de::Error::custom)
}

/// A duration in whole minutes that must be positive and at most a day.
pub fn minutes<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let v = f64::deserialize(d)?;
    if v.is_nan() || v <= 0.0 {
        return Err(de::Error::custom(format!(
            "minutes must be greater than 0, got {v}"
        )));
    }
    if v > 1440.0 || v.fract() != 0.0 {
        return Err(de::Error::custom(format!(
            "minutes must be a whole number up to 1440, got {v}"
        )));
    }
    Ok(v as u16)
}

/// A non-negative number (kg, metres, seconds).
pub fn non_negative<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let v = f64::deserialize(d)?;
    if !v.is_finite() || v < 0.0 {
        return Err(de::Error::custom(format!("must be a number ≥ 0, got {v}")));
    }
    Ok(Some(v))
}

/// Deserialize a word from a fixed vocabulary, suggesting the nearest one when misspelt.
pub fn word<'de, D, T>(
    d: D,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    all: impl Iterator<Item = &'static str> + Clone,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let s = String::deserialize(d)?;
    parse(&s).ok_or_else(|| de::Error::custom(unknown_word(what, &s, all)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert!(parse_date("2026-11-24").is_ok());
        assert!(
            parse_date("2027-02-29")
                .unwrap_err()
                .contains("has no day 29")
        );
        assert!(parse_date("2026-1-4").is_err());
        assert!(
            parse_date("9999-12-31")
                .unwrap_err()
                .contains("2000-01-01 to 2199-12-31")
        );
        assert_eq!(parse_time("06:30"), Ok(390));
        assert!(parse_time("24:00").is_err());
        assert!(parse_time("7").is_err());
    }
}
