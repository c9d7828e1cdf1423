//! Pieces shared by the GPX and TCX readers: the error type, line numbers from byte offsets,
//! XML timestamps and number parsing, all over borrowed bytes.

use std::io::{BufRead, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::activity::{Diagnostic, Severity};

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

/// The bytes of the file not yet consumed are held here, at most this many at a time.
const CHUNK: usize = 64 * 1024;

/// How many newlines `bytes` holds.
fn newlines_in(bytes: &[u8]) -> u32 {
    u32::try_from(memchr::memchr_iter(b'\n', bytes).count()).unwrap_or(u32::MAX)
}

/// A `BufRead` in front of the file that remembers where it is: its own buffer of up to [`CHUNK`]
/// bytes, the newlines before that buffer, and the last `<` before it. Consuming costs an
/// addition; newlines and `<`s are counted once per buffer, and a position is only turned into a
/// line when a message needs one, so line numbers need neither the whole file nor a second pass.
#[derive(Debug)]
struct Tracked<R> {
    inner: R,
    buf: Vec<u8>,
    /// How much of `buf` is consumed.
    pos: usize,
    /// Byte offset of `buf[0]` in the file.
    start: u64,
    /// Newlines in the bytes before `buf`.
    newlines_before: u32,
    /// The last `<` before `buf` and the newlines before it.
    last_lt_before: (u64, u32),
}

impl<R: BufRead> Tracked<R> {
    fn new(inner: R) -> Self {
        Tracked {
            inner,
            buf: Vec::new(),
            pos: 0,
            start: 0,
            newlines_before: 0,
            last_lt_before: (0, 0),
        }
    }

    /// Bytes consumed so far.
    fn consumed(&self) -> u64 {
        self.start + self.pos as u64
    }

    /// Newlines in the bytes consumed so far.
    fn newlines(&self) -> u32 {
        self.newlines_before
            .saturating_add(newlines_in(&self.buf[..self.pos]))
    }

    /// The last `<` consumed (the start of the markup just read) and the newlines before it.
    fn last_lt(&self) -> (u64, u32) {
        match memchr::memrchr(b'<', &self.buf[..self.pos]) {
            Some(i) => (
                self.start + i as u64,
                self.newlines_before
                    .saturating_add(newlines_in(&self.buf[..i])),
            ),
            None => self.last_lt_before,
        }
    }

    /// Forgets the consumed buffer, keeping its counts.
    fn retire(&mut self) {
        if let Some(i) = memchr::memrchr(b'<', &self.buf) {
            self.last_lt_before = (
                self.start + i as u64,
                self.newlines_before
                    .saturating_add(newlines_in(&self.buf[..i])),
            );
        }
        self.newlines_before = self.newlines_before.saturating_add(newlines_in(&self.buf));
        self.start += self.buf.len() as u64;
        self.buf.clear();
        self.pos = 0;
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos == self.buf.len() {
            self.retire();
            let more = self.inner.fill_buf()?;
            let n = more.len().min(CHUNK);
            self.buf.extend_from_slice(&more[..n]);
            self.inner.consume(n);
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.buf.len());
    }
}

/// Where the event just read came from, turned into a byte offset and a line by
/// [`Source::locate`] only when a message needs it (and before the next event is read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    consumed: u64,
}

/// An XML document read as a stream with the settings both formats use: the parser, and the
/// positions and lines of what it reads, in memory bounded by the largest element, not the file.
#[derive(Debug)]
pub(crate) struct Source<R> {
    reader: Reader<Tracked<R>>,
    /// Bytes of byte order mark and whitespace before the first `<`.
    skipped: u64,
}

impl<R: BufRead> Source<R> {
    /// Starts reading after a UTF-8 byte order mark and any whitespace before the first `<`.
    pub(crate) fn new(inner: R) -> Result<Self, XmlError> {
        let mut t = Tracked::new(inner);
        let io = |e: std::io::Error| XmlError {
            line: 1,
            offset: 0,
            message: format!("cannot read: {e}"),
        };
        let mut first = true;
        loop {
            let buf = t.fill_buf().map_err(io)?;
            if buf.is_empty() {
                break;
            }
            let mut n = 0;
            if first && buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
                n = 3;
            }
            first = false;
            n += buf[n..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            let done = n < buf.len();
            t.consume(n);
            if done {
                break;
            }
        }
        let skipped = t.consumed();
        let mut reader = Reader::from_reader(t);
        let cfg = reader.config_mut();
        cfg.trim_text(true);
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        Ok(Source { reader, skipped })
    }

    /// The next event, and a mark of the markup it came from (its `<`). `buf` holds the event's
    /// bytes; the caller clears it between events.
    pub(crate) fn next<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<(Event<'b>, Mark), XmlError> {
        match self.reader.read_event_into(buf) {
            Ok(e) => Ok((
                e,
                Mark {
                    consumed: self.reader.get_ref().consumed(),
                },
            )),
            Err(e) => {
                let at = self.skipped + self.reader.error_position();
                Err(self.error_at_offset(at, format!("malformed XML: {e}")))
            }
        }
    }

    /// Bytes read so far (the whole file's length once the end is reached).
    pub(crate) fn end(&self) -> usize {
        self.reader.get_ref().consumed() as usize
    }

    /// The byte offset and 1-based line of the markup `mark` came from.
    pub(crate) fn locate(&self, mark: Mark) -> (u64, u32) {
        let t = self.reader.get_ref();
        debug_assert_eq!(
            mark.consumed,
            t.consumed(),
            "a mark is located before the next event"
        );
        let (offset, newlines) = t.last_lt();
        (offset, newlines.saturating_add(1))
    }

    /// An error at the markup `mark` came from.
    pub(crate) fn error(&self, mark: Mark, message: impl Into<String>) -> XmlError {
        let (offset, line) = self.locate(mark);
        XmlError {
            line,
            offset,
            message: message.into(),
        }
    }

    /// An error at byte `offset`, which is the start of the markup just read, or later.
    pub(crate) fn error_at_offset(&self, offset: u64, message: impl Into<String>) -> XmlError {
        let t = self.reader.get_ref();
        let (lt, before_lt) = t.last_lt();
        let newlines = if offset > lt { t.newlines() } else { before_lt };
        XmlError {
            line: newlines.saturating_add(1),
            offset,
            message: message.into(),
        }
    }

    /// An error at the end of what was read.
    pub(crate) fn error_at_end(&self, message: impl Into<String>) -> XmlError {
        self.error_at_offset(self.end() as u64, message)
    }
}

/// Element text longer than this is cut (numbers and sport words are short), so one huge text
/// node cannot hold memory.
const MAX_TEXT: usize = 256;

/// Appends element text to a value being read, up to [`MAX_TEXT`] bytes; a longer value ends
/// in a `~` so that it is unreadable (a warning), not larger.
pub(crate) fn append_text(text: &mut Vec<u8>, more: &[u8]) {
    let room = MAX_TEXT.saturating_sub(text.len());
    if more.len() <= room {
        text.extend_from_slice(more);
    } else if text.len() <= MAX_TEXT {
        text.extend_from_slice(&more[..room]);
        text.push(b'~');
    }
}

/// Entities in numbers are nonsense; keep them so the value fails to parse.
pub(crate) fn append_entity(text: &mut Vec<u8>, name: &[u8]) {
    append_text(text, b"&");
    append_text(text, name);
}

/// At most this many warnings are kept per file; the rest are counted (memory stays bounded
/// whatever the file).
pub(crate) const MAX_WARNINGS: usize = 1000;

/// A file's diagnostics, the warnings capped at [`MAX_WARNINGS`].
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    pub list: Vec<Diagnostic>,
    warnings: usize,
}

impl Diagnostics {
    /// A warning at the markup `mark` came from.
    pub(crate) fn warn<R: BufRead>(&mut self, src: &Source<R>, mark: Mark, message: String) {
        self.warnings += 1;
        if self.warnings <= MAX_WARNINGS {
            let (offset, line) = src.locate(mark);
            self.list.push(Diagnostic {
                severity: Severity::Warning,
                offset: Some(offset),
                line: Some(line),
                message,
            });
        }
    }

    pub(crate) fn info(&mut self, message: String) {
        self.list.push(Diagnostic {
            severity: Severity::Info,
            offset: None,
            line: None,
            message,
        });
    }

    /// The diagnostics, with a note of the warnings left out.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        if self.warnings > MAX_WARNINGS {
            let more = self.warnings - MAX_WARNINGS;
            self.info(format!("{more} more warning(s) like these left out"));
        }
        self.list
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
    fn lines_and_offsets_of_markup_across_small_buffers() {
        let doc = "\u{feff}  \n<a>\n<b x=\"1\"\n y=\"2\"/>\n</a>".as_bytes();
        let mut src = Source::new(std::io::BufReader::with_capacity(2, doc)).expect("starts");
        let mut buf = Vec::new();
        let mut seen = Vec::new();
        loop {
            buf.clear();
            let (e, mark) = src.next(&mut buf).expect("reads");
            if matches!(e, Event::Eof) {
                break;
            }
            if matches!(e, Event::Start(_) | Event::Empty(_) | Event::End(_)) {
                seen.push(src.locate(mark));
            }
        }
        assert_eq!(seen, vec![(6, 2), (10, 3), (28, 5)]);
        assert_eq!(src.end(), doc.len());
    }
}
