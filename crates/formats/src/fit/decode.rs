//! The fast FIT → [`Activity`] decoder. Each definition message is compiled once into a plan:
//! the few fields runlift uses, as (offset, width, base type, slot). A data message then costs a
//! handful of direct reads into a small stack array, and records are pushed into column vectors.

use super::base::{self, Kind};
use super::names;
use super::profile::{lap, record, session, set, sport};
use super::walk::{Definition, Visitor};
use crate::activity::{
    Activity, Diagnostic, Format, Lap, Samples, SessionSummary, Severity, StrengthSet,
};

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
pub(crate) const FIT_EPOCH: i64 = 631_065_600;
/// FIT `date_time` values below this are device-relative (seconds since power-on), not UTC.
pub(crate) const RELATIVE_LIMIT: u64 = 0x1000_0000;
/// The time of a record that has no timestamp (the GPX/TCX convention too).
const NO_TIME: i64 = Samples::NO_TIME;
const SEMICIRCLE_DEG: f64 = 180.0 / 2_147_483_648.0;

/// Which messages the decoder turns into `Activity` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum MsgKind {
    #[default]
    Other,
    Record,
    Session,
    Lap,
    Set,
    Sport,
}

/// Slots of the per-message value array. Slot 0 is the `timestamp` field (253) of every message.
mod slot {
    pub const N: usize = 16;
    pub const TS: u8 = 0;
    // record
    pub const LAT: u8 = 1;
    pub const LON: u8 = 2;
    pub const ALT: u8 = 3;
    pub const ENH_ALT: u8 = 4;
    pub const HR: u8 = 5;
    pub const CADENCE: u8 = 6;
    pub const DIST: u8 = 7;
    pub const SPEED: u8 = 8;
    pub const ENH_SPEED: u8 = 9;
    pub const POWER: u8 = 10;
    /// compressed_speed_distance: 12-bit speed, then 12-bit distance in the next slot.
    pub const CSD_SPEED: u8 = 11;
    pub const CSD_DIST: u8 = 12;
    // session, lap, set, sport
    pub const START: u8 = 1;
    pub const SPORT: u8 = 2;
    pub const SUB_SPORT: u8 = 3;
    pub const ELAPSED: u8 = 4;
    pub const TIMER: u8 = 5;
    pub const TOTAL_DIST: u8 = 6;
    pub const AVG_HR: u8 = 7;
    pub const MAX_HR: u8 = 8;
    pub const DURATION: u8 = 9;
    pub const REPS: u8 = 10;
    pub const WEIGHT: u8 = 11;
    pub const SET_TYPE: u8 = 12;
    pub const CATEGORY: u8 = 13;
}

fn kind_of(global: u16) -> MsgKind {
    match global {
        record::NUM => MsgKind::Record,
        session::NUM => MsgKind::Session,
        lap::NUM => MsgKind::Lap,
        set::NUM => MsgKind::Set,
        sport::NUM => MsgKind::Sport,
        _ => MsgKind::Other,
    }
}

/// The slot a field goes to, if the decoder uses it.
fn slot_of(kind: MsgKind, field: u8) -> Option<u8> {
    use slot::*;
    if field == 253 && kind != MsgKind::Set {
        return Some(TS);
    }
    Some(match (kind, field) {
        (MsgKind::Record, record::POSITION_LAT) => LAT,
        (MsgKind::Record, record::POSITION_LONG) => LON,
        (MsgKind::Record, record::ALTITUDE) => ALT,
        (MsgKind::Record, record::ENHANCED_ALTITUDE) => ENH_ALT,
        (MsgKind::Record, record::HEART_RATE) => HR,
        (MsgKind::Record, record::CADENCE) => CADENCE,
        (MsgKind::Record, record::DISTANCE) => DIST,
        (MsgKind::Record, record::SPEED) => SPEED,
        (MsgKind::Record, record::ENHANCED_SPEED) => ENH_SPEED,
        (MsgKind::Record, record::POWER) => POWER,
        (MsgKind::Record, record::COMPRESSED_SPEED_DISTANCE) => CSD_SPEED,
        (MsgKind::Session, session::START_TIME) => START,
        (MsgKind::Session, session::SPORT) => SPORT,
        (MsgKind::Session, session::SUB_SPORT) => SUB_SPORT,
        (MsgKind::Session, session::TOTAL_ELAPSED_TIME) => ELAPSED,
        (MsgKind::Session, session::TOTAL_TIMER_TIME) => TIMER,
        (MsgKind::Session, session::TOTAL_DISTANCE) => TOTAL_DIST,
        (MsgKind::Session, session::AVG_HEART_RATE) => AVG_HR,
        (MsgKind::Session, session::MAX_HEART_RATE) => MAX_HR,
        (MsgKind::Lap, lap::START_TIME) => START,
        (MsgKind::Lap, lap::TOTAL_TIMER_TIME) => TIMER,
        (MsgKind::Lap, lap::TOTAL_DISTANCE) => TOTAL_DIST,
        (MsgKind::Lap, lap::AVG_HEART_RATE) => AVG_HR,
        (MsgKind::Set, set::START_TIME) => START,
        (MsgKind::Set, set::DURATION) => DURATION,
        (MsgKind::Set, set::REPETITIONS) => REPS,
        (MsgKind::Set, set::WEIGHT) => WEIGHT,
        (MsgKind::Set, set::SET_TYPE) => SET_TYPE,
        (MsgKind::Set, set::CATEGORY) => CATEGORY,
        (MsgKind::Sport, sport::SPORT) => SPORT,
        (MsgKind::Sport, sport::SUB_SPORT) => SUB_SPORT,
        _ => return None,
    })
}

/// One compiled field read.
#[derive(Clone, Copy, Debug)]
struct Op {
    offset: u32,
    read: Read,
    slot: u8,
    invalid: u64,
}

/// How an op reads its bytes: one code per (width, signedness) so the hot loop does a single
/// dispatch and converts through i64 (one instruction to f64).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Read {
    U8,
    S8,
    U16,
    S16,
    U32,
    S32,
    U64,
    S64,
    F32,
    F64,
    /// compressed_speed_distance: 3 bytes, 12-bit speed then 12-bit distance.
    Csd,
}

impl Read {
    fn of(kind: Kind, width: u8) -> Option<Read> {
        Some(match (kind, width) {
            (Kind::Unsigned, 1) => Read::U8,
            (Kind::Signed, 1) => Read::S8,
            (Kind::Unsigned, 2) => Read::U16,
            (Kind::Signed, 2) => Read::S16,
            (Kind::Unsigned, 4) => Read::U32,
            (Kind::Signed, 4) => Read::S32,
            (Kind::Unsigned, 8) => Read::U64,
            (Kind::Signed, 8) => Read::S64,
            (Kind::Float, 4) => Read::F32,
            (Kind::Float, 8) => Read::F64,
            _ => return None,
        })
    }
}

/// `N` bytes at `off`; the plan guarantees they are there (all 0xFF otherwise: invalid).
#[inline(always)]
fn bytes_at<const N: usize>(c: &[u8], off: usize) -> [u8; N] {
    c.get(off..off + N)
        .and_then(|s| s.try_into().ok())
        .unwrap_or([0xFF; N])
}

/// Reads one op's value; NaN when invalid.
#[inline(always)]
fn read_op(c: &[u8], op: &Op, be: bool) -> f64 {
    let off = op.offset as usize;
    macro_rules! int {
        ($n:literal, $u:ty, $s:ty, $signed:expr) => {{
            let a = bytes_at::<$n>(c, off);
            let u = if be {
                <$u>::from_be_bytes(a)
            } else {
                <$u>::from_le_bytes(a)
            };
            if u as u64 == op.invalid {
                f64::NAN
            } else if $signed {
                (u as $s) as i64 as f64
            } else {
                u as i64 as f64
            }
        }};
    }
    match op.read {
        Read::U8 => {
            let u = c.get(off).copied().unwrap_or(0xFF);
            if u64::from(u) == op.invalid {
                f64::NAN
            } else {
                f64::from(u)
            }
        }
        Read::S8 => {
            let u = c.get(off).copied().unwrap_or(0x7F);
            if u64::from(u) == op.invalid {
                f64::NAN
            } else {
                f64::from(u as i8)
            }
        }
        Read::U16 => int!(2, u16, i16, false),
        Read::S16 => int!(2, u16, i16, true),
        Read::U32 => int!(4, u32, i32, false),
        Read::S32 => int!(4, u32, i32, true),
        Read::U64 | Read::S64 | Read::F32 | Read::F64 => {
            let (kind, width) = match op.read {
                Read::U64 => (Kind::Unsigned, 8),
                Read::S64 => (Kind::Signed, 8),
                Read::F32 => (Kind::Float, 4),
                _ => (Kind::Float, 8),
            };
            let raw = base::read_uint(c.get(off..).unwrap_or(&[]), width, be);
            if c.len() < off + width {
                f64::NAN
            } else {
                base::to_f64(raw, kind, width, op.invalid)
            }
        }
        Read::Csd => f64::NAN, // handled by the caller
    }
}

/// A compiled definition.
#[derive(Clone, Debug, Default)]
struct Plan {
    kind: MsgKind,
    big_endian: bool,
    ops: Vec<Op>,
}

/// A FIT accumulated field: a counter sent in few bits that rolls over (FIT profile
/// `is_accumulated`). Values are in the component's raw units.
#[derive(Clone, Copy, Debug, Default)]
struct Accumulator {
    total: u64,
    last: u64,
}

impl Accumulator {
    fn set(&mut self, value: u64) {
        self.total = value;
        self.last = value;
    }
    fn add(&mut self, value: u64, bits: u32) -> u64 {
        let mask = (1u64 << bits) - 1;
        self.total = self
            .total
            .wrapping_add(value.wrapping_sub(self.last) & mask);
        self.last = value;
        self.total
    }
}

/// The decoder's state while the walker feeds it.
pub(crate) struct Decoder {
    plans: [Plan; 16],
    act: Activity,
    input_len: usize,
    reserved: bool,
    last_ts: Option<u64>,
    /// Record distance in 1/16 m (the unit of compressed_speed_distance).
    distance16: Accumulator,
    relative_time_at: Option<usize>,
    sport_msg: Option<(Option<String>, Option<String>)>,
}

#[inline(always)]
fn opt_u8(v: f64) -> Option<u8> {
    if v.is_nan() { None } else { Some(v as u8) }
}

#[inline(always)]
fn opt_u16(v: f64) -> Option<u16> {
    if v.is_nan() { None } else { Some(v as u16) }
}

#[inline(always)]
fn opt_f64(v: f64, scale: f64) -> Option<f64> {
    if v.is_nan() { None } else { Some(v / scale) }
}

fn opt_time(v: f64) -> Option<i64> {
    if v.is_nan() {
        None
    } else {
        Some((v as i64).saturating_add(FIT_EPOCH))
    }
}

impl Decoder {
    pub(crate) fn new(input_len: usize) -> Self {
        Decoder {
            plans: Default::default(),
            act: Activity::new(Format::Fit),
            input_len,
            reserved: false,
            last_ts: None,
            distance16: Accumulator::default(),
            relative_time_at: None,
            sport_msg: None,
        }
    }

    /// The activity, with `diags` (from the walker) and the decoder's own notes appended.
    pub(crate) fn finish(mut self, mut diags: Vec<Diagnostic>) -> Activity {
        if let Some(at) = self.relative_time_at {
            diags.push(Diagnostic {
                severity: Severity::Warning,
                offset: Some(at as u64),
                line: None,
                message:
                    "timestamps below 0x10000000 are device-relative (seconds since power-on), \
                          so dates read as 1990 and are not real; durations are right"
                        .to_string(),
            });
        }
        let a = &mut self.act;
        if let Some(first) = a.sessions.first() {
            a.sport = first.sport.clone();
            a.sub_sport = first.sub_sport.clone();
            a.start_time = first.start_time;
        } else if let Some((sport, sub)) = self.sport_msg.take() {
            a.sport = sport;
            a.sub_sport = sub;
        }
        if a.start_time.is_none() {
            a.start_time = a.samples.time.first().copied();
        }
        a.diagnostics = diags;
        a.points = a.samples.len();
        self.act
    }

    #[inline(always)]
    fn push_record(&mut self, v: &[f64; slot::N], ts: Option<u64>, offset: usize, size: usize) {
        use slot::*;
        let s = &mut self.act.samples;
        if !self.reserved {
            self.reserved = true;
            // Bounded by the bytes actually present, never by a length field.
            let n = self.input_len.saturating_sub(offset) / (size + 1).max(12);
            s.time.reserve(n);
            s.distance_m.reserve(n);
            s.speed_m_s.reserve(n);
            s.heart_rate.reserve(n);
            s.cadence.reserve(n);
            s.power_w.reserve(n);
            s.altitude_m.reserve(n);
            s.lat.reserve(n);
            s.lon.reserve(n);
        }
        let mut distance = v[DIST as usize] / 100.0;
        let mut speed = if v[ENH_SPEED as usize].is_nan() {
            v[SPEED as usize]
        } else {
            v[ENH_SPEED as usize]
        } / 1000.0;
        let csd = v[CSD_DIST as usize];
        if !csd.is_nan() {
            distance = self.distance16.add(csd as u64, 12) as f64 / 16.0;
            if speed.is_nan() {
                speed = v[CSD_SPEED as usize] / 100.0;
            }
        } else if !distance.is_nan() {
            // Non-negative, so +0.5 and truncation round (cheaper than `f64::round`).
            self.distance16.set((distance * 16.0 + 0.5) as u64);
        }
        let alt = if v[ENH_ALT as usize].is_nan() {
            v[ALT as usize]
        } else {
            v[ENH_ALT as usize]
        };
        s.time.push(ts.map_or(NO_TIME, |t| t as i64 + FIT_EPOCH));
        s.distance_m.push(distance);
        s.speed_m_s.push(speed);
        s.heart_rate.push(opt_u8(v[HR as usize]));
        s.cadence.push(opt_u8(v[CADENCE as usize]));
        s.power_w.push(opt_u16(v[POWER as usize]));
        s.altitude_m.push(alt / 5.0 - 500.0);
        s.lat.push(v[LAT as usize] * SEMICIRCLE_DEG);
        s.lon.push(v[LON as usize] * SEMICIRCLE_DEG);
    }

    fn push_other(&mut self, kind: MsgKind, v: &[f64; slot::N]) {
        use slot::*;
        let g = |s: u8| v[s as usize];
        match kind {
            MsgKind::Session => self.act.sessions.push(SessionSummary {
                sport: names::sport(g(SPORT)),
                sub_sport: names::sub_sport(g(SUB_SPORT)),
                start_time: opt_time(g(START)),
                total_distance_m: opt_f64(g(TOTAL_DIST), 100.0),
                total_timer_time_s: opt_f64(g(TIMER), 1000.0),
                total_elapsed_time_s: opt_f64(g(ELAPSED), 1000.0),
                avg_heart_rate: opt_u8(g(AVG_HR)),
                max_heart_rate: opt_u8(g(MAX_HR)),
            }),
            MsgKind::Lap => self.act.laps.push(Lap {
                start_time: opt_time(g(START)),
                total_distance_m: opt_f64(g(TOTAL_DIST), 100.0),
                total_timer_time_s: opt_f64(g(TIMER), 1000.0),
                avg_heart_rate: opt_u8(g(AVG_HR)),
            }),
            MsgKind::Set => self.act.sets.push(StrengthSet {
                start_time: opt_time(g(START)),
                duration_s: opt_f64(g(DURATION), 1000.0),
                reps: opt_u16(g(REPS)),
                weight_kg: opt_f64(g(WEIGHT), 16.0),
                category: opt_u16(g(CATEGORY)),
                // set_type: 0 = rest, 1 = active; a set that does not say counts as active.
                active: g(SET_TYPE) != 0.0,
            }),
            MsgKind::Sport => {
                if self.sport_msg.is_none() {
                    self.sport_msg = Some((names::sport(g(SPORT)), names::sub_sport(g(SUB_SPORT))));
                }
            }
            MsgKind::Record | MsgKind::Other => {}
        }
    }
}

impl Visitor for Decoder {
    fn file_start(&mut self, _offset: usize) {
        self.last_ts = None;
        self.distance16 = Accumulator::default();
    }

    fn definition(&mut self, local: u8, def: &Definition) {
        let plan = &mut self.plans[usize::from(local & 0x0F)];
        plan.kind = kind_of(def.global);
        plan.big_endian = def.big_endian;
        plan.ops.clear();
        let mut offset = 0u32;
        for f in &def.fields {
            if let Some(slot) = slot_of(plan.kind, f.num) {
                let bt = base::base_type(f.base_type);
                let size = f.size;
                if slot == slot::CSD_SPEED && plan.kind == MsgKind::Record {
                    if size >= 3 {
                        plan.ops.push(Op {
                            offset,
                            read: Read::Csd,
                            slot,
                            invalid: 0xFF_FFFF,
                        });
                    }
                } else if let Some(read) = Read::of(bt.kind, bt.size)
                    && size >= bt.size
                    && size.is_multiple_of(bt.size)
                {
                    // Arrays: the first element.
                    plan.ops.push(Op {
                        offset,
                        read,
                        slot,
                        invalid: bt.invalid,
                    });
                }
            }
            offset += u32::from(f.size);
        }
    }

    #[inline]
    fn data(
        &mut self,
        local: u8,
        _def: &Definition,
        offset: usize,
        content: &[u8],
        time_offset: Option<u8>,
    ) {
        let plan = &self.plans[usize::from(local & 0x0F)];
        if plan.ops.is_empty() && time_offset.is_none() && plan.kind == MsgKind::Other {
            return;
        }
        let mut v = [f64::NAN; slot::N];
        let be = plan.big_endian;
        for op in &plan.ops {
            let slot = usize::from(op.slot) & (slot::N - 1);
            if op.read == Read::Csd {
                let [a, b, c] = bytes_at::<3>(content, op.offset as usize);
                let raw = u64::from(a) | (u64::from(b) << 8) | (u64::from(c) << 16);
                if raw != op.invalid {
                    v[slot] = (raw & 0xFFF) as f64;
                    v[(slot + 1) & (slot::N - 1)] = (raw >> 12) as f64;
                }
            } else {
                v[slot] = read_op(content, op, be);
            }
        }
        let kind = plan.kind;
        let ts = match time_offset {
            Some(off) => self.last_ts.map(|last| {
                let off = u64::from(off);
                let low = last & 0x1F;
                (last - low) + off + if off < low { 0x20 } else { 0 }
            }),
            None => {
                let t = v[slot::TS as usize];
                // FIT times are u32; anything else (a signed or 64-bit field) is not a time.
                if (0.0..=f64::from(u32::MAX)).contains(&t) {
                    Some(t as u64)
                } else {
                    None
                }
            }
        };
        if let Some(t) = ts {
            self.last_ts = Some(t);
            if t < RELATIVE_LIMIT && self.relative_time_at.is_none() {
                self.relative_time_at = Some(offset);
            }
        }
        match kind {
            MsgKind::Record => self.push_record(&v, ts, offset, content.len()),
            MsgKind::Other => {}
            _ => self.push_other(kind, &v),
        }
    }
}
