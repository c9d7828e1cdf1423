//! What one imported file leaves behind: a small summary record (the samples are dropped), and
//! the outcome of each file.

use runlift_formats::{Activity, Format};
use serde::Serialize;

/// The summary of one decoded activity file; one JSON line of `runlift import` output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    /// File path, with `!entry` for each archive level (`export.zip!activities/1.fit.gz`).
    pub source: String,
    pub format: Format,
    pub sport: Option<String>,
    /// RFC 3339 UTC.
    pub start_time: Option<String>,
    pub distance_m: Option<f64>,
    pub duration_s: Option<f64>,
    /// xxh3-64 of the (decompressed) file content, hex.
    pub hash: String,
    pub sessions: usize,
    pub laps: usize,
    /// FIT records or GPX/TCX track points.
    pub samples: usize,
    pub bytes: u64,
    /// Warnings the decoder left (CRC mismatch, unreadable values).
    pub warnings: usize,
    /// What the import noticed about this file (an entry name that is not UTF-8).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn round(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}

/// RFC 3339 text of a Unix time, or `None` when out of range.
pub(crate) fn rfc3339(secs: i64) -> Option<String> {
    jiff::Timestamp::from_second(secs)
        .ok()
        .map(|t| t.to_string())
}

impl Record {
    pub(crate) fn new(source: String, act: &Activity, hash: u64, bytes: u64) -> Record {
        let sum = |f: fn(&runlift_formats::SessionSummary) -> Option<f64>| {
            let vals: Vec<f64> = act.sessions.iter().filter_map(f).collect();
            (!vals.is_empty()).then(|| vals.iter().sum::<f64>())
        };
        let duration = sum(|s| s.total_timer_time_s).or_else(|| sum(|s| s.total_elapsed_time_s));
        let start = act
            .start_time
            .or_else(|| act.sessions.iter().filter_map(|s| s.start_time).min());
        Record {
            source,
            format: act.format,
            sport: act
                .sport
                .clone()
                .or_else(|| act.sessions.iter().find_map(|s| s.sport.clone())),
            start_time: start.and_then(rfc3339),
            distance_m: sum(|s| s.total_distance_m).map(|d| round(d, 2)),
            duration_s: duration.map(|d| round(d, 3)),
            hash: format!("{hash:016x}"),
            sessions: act.sessions.len(),
            laps: act.laps.len(),
            samples: act.samples.len(),
            bytes,
            warnings: act
                .diagnostics
                .iter()
                .filter(|d| d.severity == runlift_formats::Severity::Warning)
                .count(),
            notes: Vec::new(),
        }
    }

    /// One line of JSON, without the newline.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

/// What happened to one file or archive entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Imported(Record),
    /// Same content as an earlier file (`of` is its source).
    Duplicate {
        record: Record,
        of: String,
    },
    /// Not imported: unreadable, corrupt, refused by a safety limit, or not an activity.
    Skipped {
        source: String,
        reason: String,
    },
}

impl Outcome {
    pub(crate) fn skipped(source: impl Into<String>, reason: impl Into<String>) -> Outcome {
        Outcome::Skipped {
            source: source.into(),
            reason: reason.into(),
        }
    }
}
