//! The run `structure` language (formats.md "Run structure"): parse text such as
//! `2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E` into segments, write it back in canonical form,
//! and estimate a session's distance and duration from training paces.
//!
//! Grammar (whitespace between tokens is optional, `x` may also be written `×`):
//!
//! ```text
//! structure := segment ("+" segment)*
//! segment   := [COUNT "x"] amount ["@"] [zone] ["(" amount mode ")"]
//! amount    := NUMBER unit              unit := m | km | mi | min | s
//! zone      := E | M | T | I | R | easy (easy = E; any letter case)
//! mode      := jog | walk | rest
//! ```
//!
//! Distances are whole metres, durations whole seconds (`1 mi` = 1609 m, `1.5 min` = 90 s).

use std::fmt;

// Training paces live in `paces`; re-exported here, where they were first defined.
pub use crate::paces::{PaceRange, Paces, vdot_from_race};

/// A parsed run structure: one segment or more, run in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Structure {
    pub segments: Vec<Segment>,
}

/// `[N x] AMOUNT [@ ZONE] [(RECOVERY)]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Segment {
    /// How many times the amount is run (1 when no `N x` is written).
    pub repeat: u16,
    pub amount: Amount,
    /// The Daniels training zone; `None` when the text gives none (run by feel).
    pub zone: Option<Zone>,
    /// The recovery between repetitions.
    pub recovery: Option<Recovery>,
}

/// A distance or a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Amount {
    Metres(u32),
    Seconds(u32),
}

/// Daniels' training zones: easy, marathon, threshold, interval, repetition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Zone {
    E,
    M,
    T,
    I,
    R,
}

/// The recovery between repetitions, e.g. `3 min jog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Recovery {
    pub amount: Amount,
    pub mode: RecoveryMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecoveryMode {
    Jog,
    Walk,
    Rest,
}

/// Why a structure text could not be read: where (1-based column, counted in characters) and what
/// was expected there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: expected {expected}, found {found}")]
pub struct StructureError {
    /// 1-based column of the offending character, counted in Unicode scalar values.
    pub column: usize,
    /// What the parser expected there, in words.
    pub expected: String,
    /// What it found (a short excerpt, or "end of text").
    pub found: String,
}

/// Parse a structure text (see the module documentation for the grammar).
pub fn parse(s: &str) -> Result<Structure, StructureError> {
    Parser {
        chars: s.chars().collect(),
        pos: 0,
    }
    .structure()
}

impl std::str::FromStr for Structure {
    type Err = StructureError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl Zone {
    pub const ALL: [Zone; 5] = [Zone::E, Zone::M, Zone::T, Zone::I, Zone::R];

    pub fn letter(self) -> char {
        match self {
            Zone::E => 'E',
            Zone::M => 'M',
            Zone::T => 'T',
            Zone::I => 'I',
            Zone::R => 'R',
        }
    }

    fn from_word(w: &str) -> Option<Zone> {
        match w.to_ascii_lowercase().as_str() {
            "e" | "easy" => Some(Zone::E),
            "m" => Some(Zone::M),
            "t" => Some(Zone::T),
            "i" => Some(Zone::I),
            "r" => Some(Zone::R),
            _ => None,
        }
    }
}

impl RecoveryMode {
    pub fn word(self) -> &'static str {
        match self {
            RecoveryMode::Jog => "jog",
            RecoveryMode::Walk => "walk",
            RecoveryMode::Rest => "rest",
        }
    }

    fn from_word(w: &str) -> Option<RecoveryMode> {
        match w.to_ascii_lowercase().as_str() {
            "jog" => Some(RecoveryMode::Jog),
            "walk" => Some(RecoveryMode::Walk),
            "rest" => Some(RecoveryMode::Rest),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Canonical text

impl fmt::Display for Amount {
    /// Whole kilometres from 2 km up are written in km (`1000 m` stays in metres, as track coaches
    /// write it), whole minutes from 2 min up in min (`60 s`, `90 s`); everything else in m or s.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Amount::Metres(m) if m >= 2000 && m % 1000 == 0 => write!(f, "{} km", m / 1000),
            Amount::Metres(m) => write!(f, "{m} m"),
            Amount::Seconds(s) if s >= 120 && s % 60 == 0 => write!(f, "{} min", s / 60),
            Amount::Seconds(s) => write!(f, "{s} s"),
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

impl fmt::Display for Recovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.mode.word())
    }
}

impl fmt::Display for Segment {
    /// `5 x 1000 m @ I (3 min jog)`; an easy zone is written bare (`2 km E`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.repeat != 1 {
            write!(f, "{} x ", self.repeat)?;
        }
        write!(f, "{}", self.amount)?;
        match self.zone {
            Some(Zone::E) => write!(f, " E")?,
            Some(z) => write!(f, " @ {z}")?,
            None => {}
        }
        if let Some(r) = self.recovery {
            write!(f, " ({r})")?;
        }
        Ok(())
    }
}

impl fmt::Display for Structure {
    /// The canonical text: `parse(&s.to_string()) == Ok(s)` for every structure `parse` returns.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str(" + ")?;
            }
            write!(f, "{seg}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for Structure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Structure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// Parser

const ZONE_WORDS: &str = "a zone (E, M, T, I, R or easy)";
const UNIT_WORDS: &str = "a unit (m, km, mi, min or s)";
const METRES_PER_MILE: f64 = 1609.344;

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// An error at character `at` (0-based) saying what was expected.
    fn error_at(&self, at: usize, expected: impl Into<String>) -> StructureError {
        let found = match self.chars.get(at) {
            None => "end of text".to_string(),
            Some(c) if !is_word_char(*c) && !c.is_ascii_digit() => format!("`{c}`"),
            Some(_) => {
                let token: String = self.chars[at..]
                    .iter()
                    .take_while(|c| is_word_char(**c) || c.is_ascii_digit() || **c == '.')
                    .take(16)
                    .collect();
                format!("`{token}`")
            }
        };
        StructureError {
            column: at + 1,
            expected: expected.into(),
            found,
        }
    }

    fn error(&self, expected: impl Into<String>) -> StructureError {
        self.error_at(self.pos, expected)
    }

    fn structure(mut self) -> Result<Structure, StructureError> {
        let mut segments = Vec::new();
        loop {
            segments.push(self.segment()?);
            self.skip_ws();
            match self.peek() {
                None => return Ok(Structure { segments }),
                Some('+') => self.pos += 1,
                Some(_) => {
                    let last = segments.last().copied();
                    let expected = match last {
                        Some(Segment {
                            zone: None,
                            recovery: None,
                            ..
                        }) => {
                            format!("{ZONE_WORDS}, `(`, `+` or the end")
                        }
                        Some(Segment { recovery: None, .. }) => "`(`, `+` or the end".into(),
                        _ => "`+` or the end".into(),
                    };
                    return Err(self.error(expected));
                }
            }
        }
    }

    fn segment(&mut self) -> Result<Segment, StructureError> {
        self.skip_ws();
        let start = self.pos;
        let first = self.number("a repeat count or an amount (e.g. `5 x`, `400 m`, `20 min`)")?;
        self.skip_ws();
        let (repeat, amount) = if self.at_times_sign() {
            self.pos += 1;
            let count = first
                .integer()
                .filter(|n| (1..=u64::from(u16::MAX)).contains(n))
                .ok_or_else(|| {
                    self.error_at(
                        start,
                        format!("a whole repeat count from 1 to {}", u16::MAX),
                    )
                })?;
            self.skip_ws();
            let amount_start = self.pos;
            let value = self.number("an amount (e.g. `400 m`, `3 min`)")?;
            let amount = self.unit(value, amount_start)?;
            (u16::try_from(count).unwrap_or(u16::MAX), amount)
        } else {
            (1, self.unit(first, start)?)
        };

        self.skip_ws();
        let zone = if self.peek() == Some('@') {
            self.pos += 1;
            self.skip_ws();
            let at = self.pos;
            let word = self.word();
            Some(Zone::from_word(&word).ok_or_else(|| self.error_at(at, ZONE_WORDS))?)
        } else if self.peek().is_some_and(is_word_char) {
            let at = self.pos;
            let word = self.word();
            Some(Zone::from_word(&word).ok_or_else(|| {
                self.error_at(at, format!("{ZONE_WORDS}, `@`, `(`, `+` or the end"))
            })?)
        } else {
            None
        };

        self.skip_ws();
        let recovery = if self.peek() == Some('(') {
            self.pos += 1;
            self.skip_ws();
            let at = self.pos;
            let value = self.number("a recovery amount (e.g. `3 min jog`, `200 m jog`)")?;
            let amount = self.unit(value, at)?;
            self.skip_ws();
            let at = self.pos;
            let word = self.word();
            let mode = RecoveryMode::from_word(&word)
                .ok_or_else(|| self.error_at(at, "a recovery mode (jog, walk or rest)"))?;
            self.skip_ws();
            if self.peek() != Some(')') {
                return Err(self.error("`)`"));
            }
            self.pos += 1;
            Some(Recovery { amount, mode })
        } else {
            None
        };
        Ok(Segment {
            repeat,
            amount,
            zone,
            recovery,
        })
    }

    /// `x`, `X` or `×` standing alone (not the start of a word such as `xyz`).
    fn at_times_sign(&self) -> bool {
        match self.peek() {
            Some('×') => true,
            Some('x' | 'X') => !self.peek_at(1).is_some_and(is_word_char),
            _ => false,
        }
    }

    fn word(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(is_word_char) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn number(&mut self, expected: &str) -> Result<Number, StructureError> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let int_end = self.pos;
        if int_end == start {
            return Err(self.error(expected));
        }
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        let value: f64 = text.parse().map_err(|_| self.error_at(start, expected))?;
        Ok(Number {
            value,
            fractional: self.pos != int_end,
        })
    }

    /// Read the unit after a number that began at `start`, giving the amount.
    fn unit(&mut self, n: Number, start: usize) -> Result<Amount, StructureError> {
        self.skip_ws();
        let at = self.pos;
        let word = self.word();
        let (scaled, metres) = match word.as_str() {
            "m" => (n.value, true),
            "km" => (n.value * 1000.0, true),
            "mi" => (n.value * METRES_PER_MILE, true),
            "min" => (n.value * 60.0, false),
            "s" => (n.value, false),
            _ => return Err(self.error_at(at, UNIT_WORDS)),
        };
        let rounded = scaled.round();
        if !(1.0..=f64::from(u32::MAX)).contains(&rounded) {
            let what = if rounded < 1.0 {
                "an amount of at least 1 m or 1 s"
            } else {
                "a smaller amount"
            };
            return Err(self.error_at(start, what));
        }
        // In range and rounded: the conversion is exact.
        let v = rounded as u32;
        Ok(if metres {
            Amount::Metres(v)
        } else {
            Amount::Seconds(v)
        })
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() && c != '×'
}

#[derive(Debug, Clone, Copy)]
struct Number {
    value: f64,
    fractional: bool,
}

impl Number {
    fn integer(self) -> Option<u64> {
        if self.fractional || self.value > 1e15 {
            None
        } else {
            Some(self.value as u64)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Estimates

/// A session's estimated distance and duration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub metres: f64,
    pub seconds: f64,
}

/// Walking pace assumed for `walk` recoveries, in seconds per kilometre (6 km/h).
pub const WALK_S_PER_KM: f64 = 600.0;

impl Structure {
    /// Estimated distance and duration at the middle of each zone's pace range. A segment without
    /// a zone is run at E pace; `jog` recoveries at the slow end of E, `walk` at
    /// [`WALK_S_PER_KM`], `rest` covers no distance. Recoveries fall between repetitions, so
    /// `N x` has N − 1 of them (at least one when N = 1 and a recovery is written).
    pub fn estimate(&self, paces: &Paces) -> Estimate {
        let mut total = Estimate {
            metres: 0.0,
            seconds: 0.0,
        };
        for seg in &self.segments {
            let pace = paces.zone(seg.zone.unwrap_or(Zone::E)).mid_s_per_km();
            let work = leg(seg.amount, pace);
            let n = f64::from(seg.repeat);
            total.metres += work.metres * n;
            total.seconds += work.seconds * n;
            if let Some(r) = seg.recovery {
                let count = f64::from(seg.repeat.saturating_sub(1).max(1));
                let rec = match r.mode {
                    RecoveryMode::Jog => leg(r.amount, f64::from(paces.e.slow_s_per_km)),
                    RecoveryMode::Walk => leg(r.amount, WALK_S_PER_KM),
                    RecoveryMode::Rest => match r.amount {
                        Amount::Seconds(s) => Estimate {
                            metres: 0.0,
                            seconds: f64::from(s),
                        },
                        // A rest given as a distance is taken as a walk of that distance.
                        Amount::Metres(_) => leg(r.amount, WALK_S_PER_KM),
                    },
                };
                total.metres += rec.metres * count;
                total.seconds += rec.seconds * count;
            }
        }
        total
    }

    /// True when any segment asks for M, T, I or R pace.
    pub fn has_quality(&self) -> bool {
        self.segments
            .iter()
            .any(|s| matches!(s.zone, Some(z) if z != Zone::E))
    }
}

/// One leg of `amount` at `pace` seconds per kilometre.
fn leg(amount: Amount, pace_s_per_km: f64) -> Estimate {
    match amount {
        Amount::Metres(m) => Estimate {
            metres: f64::from(m),
            seconds: f64::from(m) / 1000.0 * pace_s_per_km,
        },
        Amount::Seconds(s) => {
            let pace = pace_s_per_km.max(1.0);
            Estimate {
                metres: f64::from(s) / pace * 1000.0,
                seconds: f64::from(s),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seg(repeat: u16, amount: Amount, zone: Option<Zone>, recovery: Option<Recovery>) -> Segment {
        Segment {
            repeat,
            amount,
            zone,
            recovery,
        }
    }

    #[test]
    fn parses_the_formats_md_examples() {
        let s = parse("2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E").unwrap();
        let jog3 = Recovery {
            amount: Amount::Seconds(180),
            mode: RecoveryMode::Jog,
        };
        assert_eq!(
            s.segments,
            vec![
                seg(1, Amount::Metres(2000), Some(Zone::E), None),
                seg(5, Amount::Metres(1000), Some(Zone::I), Some(jog3)),
                seg(1, Amount::Metres(2000), Some(Zone::E), None),
            ]
        );
        let s = parse("15 min E + 3 x 10 min @ T (2 min jog) + 10 min E").unwrap();
        assert_eq!(s.segments[1].repeat, 3);
        assert_eq!(s.segments[1].amount, Amount::Seconds(600));
        assert_eq!(
            s.segments[1].recovery,
            Some(Recovery {
                amount: Amount::Seconds(120),
                mode: RecoveryMode::Jog
            })
        );
        assert_eq!(s.segments[2].amount, Amount::Seconds(600));
        let s = parse("2 km E + 8 x 400 m @ R (400 m jog) + 2 km E").unwrap();
        assert_eq!(s.segments[1].zone, Some(Zone::R));
        assert_eq!(
            s.segments[1].recovery,
            Some(Recovery {
                amount: Amount::Metres(400),
                mode: RecoveryMode::Jog
            })
        );
    }

    #[test]
    fn accepts_variants_of_spacing_units_and_signs() {
        let a = parse("5×1000m@I(90s rest)").unwrap();
        let b = parse("  5 x 1000 m @ I ( 90 s rest )  ").unwrap();
        let c = parse("5 X 1 km @ i (1.5 min REST)").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(
            a.segments[0].recovery.map(|r| r.mode),
            Some(RecoveryMode::Rest)
        );
        assert_eq!(
            parse("1 mi easy").unwrap().segments[0],
            seg(1, Amount::Metres(1609), Some(Zone::E), None)
        );
        assert_eq!(
            parse("20 min").unwrap().segments[0],
            seg(1, Amount::Seconds(1200), None, None)
        );
        assert_eq!(parse("10 min @ M").unwrap().segments[0].zone, Some(Zone::M));
        assert_eq!(
            parse("6 x 20 s @ R (60 s walk)").unwrap().segments[0]
                .recovery
                .map(|r| r.mode),
            Some(RecoveryMode::Walk)
        );
    }

    #[test]
    fn canonical_text() {
        let cases = [
            (
                "2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E",
                "2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E",
            ),
            (
                "15 min E+3x10min@T(2min jog)+10 min easy",
                "15 min E + 3 x 10 min @ T (2 min jog) + 10 min E",
            ),
            ("1 x 3000 m @ T", "3 km @ T"),
            ("5x1km@i(1.5 min rest)", "5 x 1000 m @ I (90 s rest)"),
            ("4 x 30 s @ R (60 s walk)", "4 x 30 s @ R (60 s walk)"),
            ("40 min", "40 min"),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input).unwrap().to_string(), want, "input {input:?}");
        }
    }

    #[track_caller]
    fn check_err(input: &str, column: usize, expected_fragment: &str) {
        let e = parse(input).unwrap_err();
        assert_eq!(e.column, column, "{input:?}: {e}");
        assert!(e.expected.contains(expected_fragment), "{input:?}: {e}");
    }

    #[test]
    fn errors_name_the_column_and_what_was_expected() {
        check_err("", 1, "repeat count or an amount");
        check_err("2 km E +", 9, "repeat count or an amount");
        check_err("2 km E + 5 x 1000 @ I", 19, "a unit");
        check_err("5 x 400 m @ Q", 13, "a zone");
        check_err("5 x 400 m @ I (2 min)", 21, "recovery mode");
        check_err("5 x 400 m @ I (2 min jog", 25, "`)`");
        check_err("5 x 400 m @ I (2 min jog) 3", 27, "`+` or the end");
        check_err("0 x 400 m", 1, "repeat count");
        check_err("70000 x 400 m", 1, "repeat count");
        check_err("2.5 x 400 m", 1, "repeat count");
        check_err("0 m", 1, "at least 1");
        check_err("5 x 400 furlongs", 9, "a unit");
        check_err("10 min fast", 8, "a zone");
        check_err("99999999999 km", 1, "smaller amount");
        let e = parse("5 x 400 m @ Q").unwrap_err();
        assert_eq!(
            e.to_string(),
            "column 13: expected a zone (E, M, T, I, R or easy), found `Q`"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        check_err("5 × 400 m @ Ü", 13, "a zone");
    }

    #[test]
    fn serde_uses_the_canonical_text() {
        #[derive(serde::Deserialize)]
        struct Doc {
            structure: Structure,
        }
        let d: Doc = toml::from_str("structure = \"3 x 1 mi @ T (1 min jog)\"").unwrap();
        assert_eq!(d.structure.to_string(), "3 x 1609 m @ T (60 s jog)");
        let bad = toml::from_str::<Doc>("structure = \"3 x 1 mi @ Z\"");
        assert!(bad.is_err());
    }

    fn paces() -> Paces {
        Paces {
            e: PaceRange {
                slow_s_per_km: 363,
                fast_s_per_km: 323,
            },
            m: PaceRange::around(297, 0),
            t: PaceRange::around(278, 0),
            i: PaceRange::around(256, 0),
            r: PaceRange::around(235, 0),
        }
    }

    #[test]
    fn estimate_adds_work_and_recoveries_between_reps() {
        let s = parse("2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E").unwrap();
        let e = s.estimate(&paces());
        // 4 km at 343 s/km, 5 km at 256 s/km, 4 jogs of 180 s at 363 s/km.
        let jog_m = 180.0 / 363.0 * 1000.0;
        assert!((e.metres - (9000.0 + 4.0 * jog_m)).abs() < 1e-6, "{e:?}");
        assert!(
            (e.seconds - (4.0 * 343.0 + 5.0 * 256.0 + 4.0 * 180.0)).abs() < 1e-6,
            "{e:?}"
        );
        let rest = parse("3 x 10 min @ T (2 min rest)")
            .unwrap()
            .estimate(&paces());
        assert!((rest.seconds - (1800.0 + 240.0)).abs() < 1e-6);
        assert!((rest.metres - 1800.0 / 278.0 * 1000.0).abs() < 1e-6);
        assert!(s.has_quality());
        assert!(!parse("40 min E").unwrap().has_quality());
    }

    fn amount() -> impl Strategy<Value = Amount> {
        prop_oneof![
            (1u32..=200_000).prop_map(Amount::Metres),
            (1u32..=36_000).prop_map(Amount::Seconds)
        ]
    }

    fn segment() -> impl Strategy<Value = Segment> {
        let zone = proptest::option::of(proptest::sample::select(Zone::ALL.to_vec()));
        let mode = proptest::sample::select(vec![
            RecoveryMode::Jog,
            RecoveryMode::Walk,
            RecoveryMode::Rest,
        ]);
        let recovery = proptest::option::of(
            (amount(), mode).prop_map(|(amount, mode)| Recovery { amount, mode }),
        );
        (1u16..=u16::MAX, amount(), zone, recovery).prop_map(|(repeat, amount, zone, recovery)| {
            Segment {
                repeat,
                amount,
                zone,
                recovery,
            }
        })
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(segments in proptest::collection::vec(segment(), 1..8)) {
            let s = Structure { segments };
            let text = s.to_string();
            prop_assert_eq!(parse(&text), Ok(s), "text {}", text);
        }

        #[test]
        fn random_text_never_panics(text in "\\PC{0,40}") {
            if let Ok(s) = parse(&text) {
                prop_assert_eq!(parse(&s.to_string()), Ok(s));
            }
        }

        #[test]
        fn near_miss_text_never_panics(
            tokens in proptest::collection::vec(
                proptest::sample::select(vec![
                    "5", "x", "×", "400", "1.5", ".", "m", "km", "mi", "min", "s", "@", "E", "I",
                    "easy", "(", ")", "jog", "rest", "+", " ", "0", "99999999999", "é",
                ]),
                0..14,
            )
        ) {
            let text: String = tokens.concat();
            match parse(&text) {
                Ok(s) => prop_assert_eq!(parse(&s.to_string()), Ok(s)),
                Err(e) => prop_assert!(e.column >= 1 && e.column <= text.chars().count() + 1, "{}", e),
            }
        }
    }
}
