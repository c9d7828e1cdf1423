//! The format-neutral `Activity` every decoder produces, and the diagnostics that go with it.

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Something a decoder noticed: where (byte offset for binary files, line for XML) and what.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Byte offset into the file (FIT) or `None` when a line is given instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// 1-based line (XML formats).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub message: String,
}

/// The file format an activity came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Fit,
    Gpx,
    Tcx,
}

/// One session (FIT `session` message, GPX track, TCX activity). Times are UTC seconds since the
/// Unix epoch; distances in metres; durations in seconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SessionSummary {
    /// FIT profile sport name (`running`, `cycling`, ...), or `None` when the file does not say.
    pub sport: Option<String>,
    pub sub_sport: Option<String>,
    pub start_time: Option<i64>,
    pub total_distance_m: Option<f64>,
    pub total_timer_time_s: Option<f64>,
    pub total_elapsed_time_s: Option<f64>,
    pub avg_heart_rate: Option<u8>,
    pub max_heart_rate: Option<u8>,
}

/// One lap.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Lap {
    pub start_time: Option<i64>,
    pub total_distance_m: Option<f64>,
    pub total_timer_time_s: Option<f64>,
    pub avg_heart_rate: Option<u8>,
}

/// One strength set (FIT `set` message).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StrengthSet {
    pub start_time: Option<i64>,
    pub duration_s: Option<f64>,
    pub reps: Option<u16>,
    pub weight_kg: Option<f64>,
    /// FIT exercise category number (profile `exercise_category`).
    pub category: Option<u16>,
    /// `true` for an active set, `false` for rest.
    pub active: bool,
}

/// Samples stored as columns, all of the same length (`time.len()`); a missing value is NaN for
/// floats and `None` for the small integer columns.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Samples {
    /// UTC seconds since the Unix epoch; [`Samples::NO_TIME`] when the sample has none.
    pub time: Vec<i64>,
    pub distance_m: Vec<f64>,
    pub speed_m_s: Vec<f64>,
    pub heart_rate: Vec<Option<u8>>,
    pub cadence: Vec<Option<u8>>,
    pub power_w: Vec<Option<u16>>,
    pub altitude_m: Vec<f64>,
    /// Degrees; NaN when the sample has no position.
    pub lat: Vec<f64>,
    pub lon: Vec<f64>,
    /// Indices where a new track segment starts (GPX `trkseg`, TCX `Track`); distance is not
    /// summed across a segment start. Empty for FIT.
    pub segment_starts: Vec<usize>,
}

impl Samples {
    /// The `time` value of a sample that has no timestamp (GPX/TCX points without `<time>`).
    pub const NO_TIME: i64 = i64::MIN;

    pub fn len(&self) -> usize {
        self.time.len()
    }
    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }
}

/// Which sample columns a decoder keeps. Every session's totals (distance, time, heart rate) are
/// computed whatever is kept; a column not asked for stays empty, and `time` is kept whenever
/// any other column is. Summaries ask for [`Streams::NONE`] and hold no track at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Streams(u8);

impl Streams {
    pub const NONE: Streams = Streams(0);
    pub const TIME: Streams = Streams(1);
    pub const DISTANCE: Streams = Streams(1 << 1);
    pub const SPEED: Streams = Streams(1 << 2);
    pub const HEART_RATE: Streams = Streams(1 << 3);
    pub const CADENCE: Streams = Streams(1 << 4);
    pub const POWER: Streams = Streams(1 << 5);
    pub const ALTITUDE: Streams = Streams(1 << 6);
    /// Latitude and longitude.
    pub const POSITION: Streams = Streams(1 << 7);
    pub const ALL: Streams = Streams(u8::MAX);

    /// Both sets.
    pub const fn with(self, other: Streams) -> Streams {
        Streams(self.0 | other.0)
    }
    /// Whether every column of `other` is kept.
    pub const fn has(self, other: Streams) -> bool {
        self.0 & other.0 == other.0
    }
    pub const fn is_none(self) -> bool {
        self.0 == 0
    }
}

/// What a decoder read from one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Activity {
    pub format: Format,
    pub sport: Option<String>,
    pub sub_sport: Option<String>,
    pub start_time: Option<i64>,
    pub sessions: Vec<SessionSummary>,
    pub laps: Vec<Lap>,
    pub samples: Samples,
    /// Samples (track points, FIT records) the file holds, whether or not their columns were
    /// kept (`samples.len()` when every stream is).
    pub points: usize,
    pub sets: Vec<StrengthSet>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Activity {
    pub fn new(format: Format) -> Self {
        Activity {
            format,
            sport: None,
            sub_sport: None,
            start_time: None,
            sessions: Vec::new(),
            laps: Vec::new(),
            samples: Samples::default(),
            points: 0,
            sets: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}
