//! Builds sample columns and per-session totals from track points, for the GPX and TCX readers.

use crate::activity::{Samples, Streams};
use crate::geo::haversine_m;
use crate::xml::Instant;

/// One track point as read; missing values are NaN / `None`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Point {
    pub time: Option<Instant>,
    pub lat: f64,
    pub lon: f64,
    pub ele: f64,
    /// The file's own cumulative distance (TCX `DistanceMeters`).
    pub dist: f64,
    pub speed: f64,
    pub hr: Option<u8>,
    pub cad: Option<u8>,
    pub power: Option<u16>,
}

impl Default for Point {
    fn default() -> Self {
        Point {
            time: None,
            lat: f64::NAN,
            lon: f64::NAN,
            ele: f64::NAN,
            dist: f64::NAN,
            speed: f64::NAN,
            hr: None,
            cad: None,
            power: None,
        }
    }
}

/// Totals of one session's points.
#[derive(Clone, Debug, Default)]
pub(crate) struct Totals {
    pub points: usize,
    pub first: Option<Instant>,
    pub last: Option<Instant>,
    /// Haversine along positioned points within each segment.
    pub haversine_m: f64,
    /// Sum of each segment's time span (pauses between segments left out).
    pub moving_s: f64,
    /// Largest file-given cumulative distance.
    pub max_file_distance_m: Option<f64>,
    hr_sum: u64,
    hr_n: u64,
    pub max_hr: Option<u8>,
}

impl Totals {
    pub(crate) fn avg_hr(&self) -> Option<u8> {
        if self.hr_n == 0 {
            return None;
        }
        u8::try_from((self.hr_sum + self.hr_n / 2) / self.hr_n).ok()
    }

    pub(crate) fn elapsed_s(&self) -> Option<f64> {
        Some(self.last?.since(self.first?))
    }
}

/// Accumulates points into [`Samples`] (the columns asked for) and the running session's
/// [`Totals`].
#[derive(Debug)]
pub(crate) struct TrackBuilder {
    pub samples: Samples,
    streams: Streams,
    /// Points pushed, kept or not.
    pub points: usize,
    totals: Totals,
    prev_pos: Option<(f64, f64)>,
    seg_first: Option<Instant>,
    seg_last: Option<Instant>,
    /// Cumulative haversine distance within the session, for the distance column of GPX.
    cum_m: f64,
}

impl TrackBuilder {
    pub(crate) fn new(streams: Streams) -> Self {
        TrackBuilder {
            samples: Samples::default(),
            streams,
            points: 0,
            totals: Totals::default(),
            prev_pos: None,
            seg_first: None,
            seg_last: None,
            cum_m: 0.0,
        }
    }

    /// Marks the start of a segment: no distance is summed from the previous point.
    pub(crate) fn start_segment(&mut self) {
        self.close_segment();
        let n = self.samples.len();
        if n > 0 && self.samples.segment_starts.last() != Some(&n) {
            self.samples.segment_starts.push(n);
        }
        self.prev_pos = None;
    }

    fn close_segment(&mut self) {
        if let (Some(a), Some(b)) = (self.seg_first.take(), self.seg_last.take()) {
            self.totals.moving_s += b.since(a);
        }
    }

    /// Adds a point; `distance_from_file` picks the distance column source (TCX) or the running
    /// haversine (GPX).
    pub(crate) fn push(&mut self, p: &Point, distance_from_file: bool) {
        let t = &mut self.totals;
        let positioned = !p.lat.is_nan() && !p.lon.is_nan();
        if positioned {
            if let Some((la, lo)) = self.prev_pos {
                let d = haversine_m(la, lo, p.lat, p.lon);
                t.haversine_m += d;
                self.cum_m += d;
            }
            self.prev_pos = Some((p.lat, p.lon));
        }
        if let Some(time) = p.time {
            t.first = Some(t.first.map_or(time, |f| f.min(time)));
            t.last = Some(t.last.map_or(time, |l| l.max(time)));
            self.seg_first = Some(self.seg_first.map_or(time, |f| f.min(time)));
            self.seg_last = Some(self.seg_last.map_or(time, |l| l.max(time)));
        }
        if !p.dist.is_nan() {
            t.max_file_distance_m = Some(t.max_file_distance_m.map_or(p.dist, |m| m.max(p.dist)));
        }
        if let Some(hr) = p.hr.filter(|&h| h > 0) {
            t.hr_sum += u64::from(hr);
            t.hr_n += 1;
            t.max_hr = Some(t.max_hr.map_or(hr, |m| m.max(hr)));
        }
        t.points += 1;
        self.points += 1;
        self.keep(p, distance_from_file, positioned);
    }

    /// Appends the point's values to the columns asked for.
    fn keep(&mut self, p: &Point, distance_from_file: bool, positioned: bool) {
        let (s, want) = (&mut self.samples, self.streams);
        if want.is_none() {
            return;
        }
        s.time.push(p.time.map_or(Samples::NO_TIME, |t| t.secs));
        if want.has(Streams::DISTANCE) {
            s.distance_m.push(if distance_from_file {
                p.dist
            } else if positioned || self.prev_pos.is_some() {
                self.cum_m
            } else {
                f64::NAN
            });
        }
        if want.has(Streams::SPEED) {
            s.speed_m_s.push(p.speed);
        }
        if want.has(Streams::HEART_RATE) {
            s.heart_rate.push(p.hr);
        }
        if want.has(Streams::CADENCE) {
            s.cadence.push(p.cad);
        }
        if want.has(Streams::POWER) {
            s.power_w.push(p.power);
        }
        if want.has(Streams::ALTITUDE) {
            s.altitude_m.push(p.ele);
        }
        if want.has(Streams::POSITION) {
            s.lat.push(if positioned { p.lat } else { f64::NAN });
            s.lon.push(if positioned { p.lon } else { f64::NAN });
        }
    }

    /// Ends the running session and returns its totals.
    pub(crate) fn finish_session(&mut self) -> Totals {
        self.close_segment();
        self.prev_pos = None;
        self.cum_m = 0.0;
        let n = self.samples.len();
        if n > 0 && self.samples.segment_starts.last() != Some(&n) {
            self.samples.segment_starts.push(n);
        }
        std::mem::take(&mut self.totals)
    }

    /// The samples, without a segment start that points past the last sample.
    pub(crate) fn into_samples(mut self) -> Samples {
        let n = self.samples.len();
        while self.samples.segment_starts.last().is_some_and(|&s| s >= n) {
            self.samples.segment_starts.pop();
        }
        self.samples
    }
}
