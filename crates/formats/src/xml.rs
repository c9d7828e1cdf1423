//! Pieces shared by the GPX and TCX readers: the error type, line numbers from byte offsets,
//! XML timestamps and number parsing, all over borrowed bytes.

use quick_xml::Reader;

/// An XML activity file (GPX or TCX) that cannot be read at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line} (byte {offset}): {message}")]
pub struct XmlError {
    /// 1-based line of the problem.
    pub line: u32,
    /// Byte offset into the file as given (BOM included).
    pub offset: u64,
    pub message: String,
}

/// Strips a UTF-8 byte order mark and whitespace before the first `<`, returning the rest and how
/// many bytes were skipped.
pub(crate) fn skip_preamble(bytes: &[u8]) -> (&[u8], usize) {
    let mut start = 0;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        start = 3;
    }
    while start < bytes.len() && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    (&bytes[start..], start)
}

/// A quick-xml reader over the document with the settings both formats use.
pub(crate) fn reader(doc: &[u8]) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(doc);
    let cfg = r.config_mut();
    cfg.trim_text(true);
    cfg.check_end_names = true;
    cfg.expand_empty_elements = false;
    r
}

/// Turns byte offsets into 1-based line numbers; cheap when offsets grow, as they do in one pass.
#[derive(Debug)]
pub(crate) struct Lines<'a> {
    file: &'a [u8],
    at: usize,
    line: u32,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(file: &'a [u8]) -> Self {
        Lines {
            file,
            at: 0,
            line: 1,
        }
    }

    /// The line holding byte `offset` of the whole file.
    pub(crate) fn line_of(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.file.len());
        if offset < self.at {
            self.at = 0;
            self.line = 1;
        }
        let newlines = self.file[self.at..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line = self
            .line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.at = offset;
        self.line
    }

    /// An error at byte `offset` of the whole file.
    pub(crate) fn error(&mut self, offset: usize, message: impl Into<String>) -> XmlError {
        XmlError {
            line: self.line_of(offset),
            offset: offset as u64,
            message: message.into(),
        }
    }
}

/// A point in time read from XML: whole UTC seconds and the fraction of a second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Instant {
    pub secs: i64,
    pub frac: f64,
}

impl Instant {
    /// Seconds from `earlier` to `self`, keeping the fraction.
    pub(crate) fn since(self, earlier: Instant) -> f64 {
        (self.secs - earlier.secs) as f64 + (self.frac - earlier.frac)
    }

    pub(crate) fn min(self, other: Instant) -> Instant {
        if (other.secs, other.frac) < (self.secs, self.frac) {
            other
        } else {
            self
        }
    }

    pub(crate) fn max(self, other: Instant) -> Instant {
        if (other.secs, other.frac) > (self.secs, self.frac) {
            other
        } else {
            self
        }
    }
}

/// Parses an XML Schema `dateTime` (`2019-03-02T09:14:05.250+01:00`, `...Z`, or no zone = UTC).
pub(crate) fn parse_time(text: &[u8]) -> Option<Instant> {
    let t = text.trim_ascii();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = t.get(range)?;
        let mut v: i64 = 0;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(d - b'0');
        }
        Some(v)
    };
    let year = num(0..4)?;
    if t.get(4) != Some(&b'-')
        || t.get(7) != Some(&b'-')
        || !matches!(t.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    if t.get(13) != Some(&b':') || t.get(16) != Some(&b':') {
        return None;
    }
    let (month, day) = (num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 24
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut frac = 0.0;
    if t.get(i) == Some(&b'.') || t.get(i) == Some(&b',') {
        i += 1;
        let start = i;
        let mut scale = 0.1;
        while let Some(&d) = t.get(i) {
            if !d.is_ascii_digit() {
                break;
            }
            frac += f64::from(d - b'0') * scale;
            scale /= 10.0;
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset_s = match t.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == t.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = num(i + 1..i + 3)?;
            let om = match t.get(i + 3) {
                Some(b':') if t.len() == i + 6 => num(i + 4..i + 6)?,
                None => 0,
                Some(_) if t.len() == i + 5 => num(i + 3..i + 5)?,
                _ => return None,
            };
            let s = oh * 3600 + om * 60;
            if sign == b'-' { -s } else { s }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_s;
    Some(Instant { secs, frac })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses a decimal number from element text or an attribute value.
pub(crate) fn parse_f64(text: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(text.trim_ascii()).ok()?;
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Parses a whole number that must fit in `u8` (heart rate, cadence), rounding decimals.
pub(crate) fn parse_u8(text: &[u8]) -> Option<u8> {
    let v = parse_f64(text)?.round();
    (0.0..=255.0).contains(&v).then_some(v as u8)
}

/// Parses a whole number that must fit in `u16` (power), rounding decimals.
pub(crate) fn parse_u16(text: &[u8]) -> Option<u16> {
    let v = parse_f64(text)?.round();
    (0.0..=65535.0).contains(&v).then_some(v as u16)
}

/// Maps a sport word used by GPX `<type>` or TCX `Sport` to the FIT profile's sport name.
pub(crate) fn sport_name(text: &str) -> Option<&'static str> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.replace([' ', '-'], "_");
    Some(match t.as_str() {
        "running" | "run" | "trail_running" | "treadmill_running" | "street_running" | "9" => {
            "running"
        }
        "cycling" | "biking" | "ride" | "bike" | "road_biking" | "mountain_biking"
        | "virtual_ride" | "1" => "cycling",
        "walking" | "walk" | "10" => "walking",
        "hiking" | "hike" | "4" => "hiking",
        "swimming" | "swim" | "open_water_swimming" | "lap_swimming" => "swimming",
        "strength_training" | "weight_training" | "training" => "training",
        "rowing" | "row" => "rowing",
        "other" | "generic" => "generic",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_every_zone_form() {
        let z = parse_time(b"2019-03-02T09:14:05Z").map(|t| t.secs);
        assert_eq!(z, Some(1_551_518_045));
        assert_eq!(parse_time(b"2019-03-02T10:14:05+01:00").map(|t| t.secs), z);
        assert_eq!(parse_time(b"2019-03-02T04:14:05-0500").map(|t| t.secs), z);
        assert_eq!(parse_time(b"2019-03-02T09:14:05").map(|t| t.secs), z);
        let f = parse_time(b"2015-12-11T15:43:13.994+01:00")
            .map(|t| t.frac)
            .unwrap_or(0.0);
        assert!((f - 0.994).abs() < 1e-9);
        assert_eq!(parse_time(b"1970-01-01T00:00:00Z").map(|t| t.secs), Some(0));
        assert_eq!(
            parse_time(b"1901-12-13T20:45:52Z").map(|t| t.secs),
            Some(-2_147_483_648)
        );
    }

    #[test]
    fn bad_times_are_none() {
        for bad in [
            &b""[..],
            b"yesterday",
            b"2019-13-02T09:14:05Z",
            b"2019-03-02 09:14",
            b"2019-03-02T09:14:05Q",
        ] {
            assert_eq!(parse_time(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn lines_count_newlines_before_offset() {
        let text = b"a\nb\nc";
        let mut l = Lines::new(text);
        assert_eq!(l.line_of(0), 1);
        assert_eq!(l.line_of(2), 2);
        assert_eq!(l.line_of(4), 3);
        assert_eq!(l.line_of(1), 1);
    }
}
