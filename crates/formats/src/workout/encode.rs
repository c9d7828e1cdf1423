//! The FIT workout-file encoder: `file_id` (type workout), one `workout` message and one
//! `workout_step` per step, with a 14-byte header (header CRC) and the file CRC. Field numbers,
//! types and scales follow Garmin's profile (FIT SDK 21.218, `garmin_fit_sdk/profile.py`).

use crate::fit::crc::crc16;
use std::io::Write;

use super::{Action, Duration, Intensity, Sport, Step, Target, Workout};

/// Why a workout could not be encoded; `step` is the zero-based step index.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    #[error("the workout has no steps")]
    NoSteps,
    #[error("the workout has {0} steps; FIT allows at most 65534")]
    TooManySteps(usize),
    #[error("step {step}: {what}")]
    Step { step: usize, what: String },
    #[error("{field}: text must not contain a NUL character")]
    Nul { field: String },
    #[error("time_created {0} is before 1989-12-31 or after 2126")]
    Created(i64),
    #[error("writing the FIT file: {0}")]
    Io(#[from] std::io::Error),
}

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
const FIT_EPOCH_UNIX: i64 = 631_065_600;
/// FIT protocol 2.0, profile 21.218 (the SDK the field numbers were taken from).
const PROTOCOL_VERSION: u8 = 0x20;
const PROFILE_VERSION: u16 = 21_218;
/// Longest text written, in bytes, before the terminating NUL.
const MAX_TEXT: usize = 254;

// Base types (FIT protocol).
const ENUM: u8 = 0x00;
const STRING: u8 = 0x07;
const UINT16: u8 = 0x84;
const UINT32: u8 = 0x86;

// Global message numbers.
const MESG_FILE_ID: u16 = 0;
const MESG_WORKOUT: u16 = 26;
const MESG_WORKOUT_STEP: u16 = 27;

// Enum values from the profile.
const FILE_WORKOUT: u8 = 5;
const MANUFACTURER_DEVELOPMENT: u16 = 255;
const SPORT_RUNNING: u8 = 1;
const SPORT_TRAINING: u8 = 10;
const SUB_SPORT_GENERIC: u8 = 0;
const SUB_SPORT_STRENGTH: u8 = 20;
const DUR_TIME: u8 = 0;
const DUR_DISTANCE: u8 = 1;
const DUR_OPEN: u8 = 5;
const DUR_REPEAT_UNTIL_STEPS_CMPLT: u8 = 6;
const DUR_REPS: u8 = 29;
const TARGET_SPEED: u8 = 0;
const TARGET_HEART_RATE: u8 = 1;
const TARGET_OPEN: u8 = 2;
/// `workout_hr`: values above 100 are beats per minute + 100.
const BPM_OFFSET: u32 = 100;
const UNIT_KILOGRAM: u16 = 1;

const INVALID_ENUM: u8 = 0xFF;
const INVALID_U16: u16 = 0xFFFF;
const INVALID_U32: u32 = 0xFFFF_FFFF;

/// Encode `w` as a FIT workout file into `out`.
pub fn encode(w: &Workout, out: &mut impl Write) -> Result<(), EncodeError> {
    out.write_all(&to_bytes(w)?)?;
    Ok(())
}

/// Encode `w` as the bytes of a FIT workout file.
pub fn to_bytes(w: &Workout) -> Result<Vec<u8>, EncodeError> {
    let steps = encode_steps(w)?;
    let mut data = Vec::with_capacity(64 + steps.len() * 64);

    // file_id (local 0)
    let created = match w.created_unix_s {
        None => INVALID_U32,
        Some(t) => t
            .checked_sub(FIT_EPOCH_UNIX)
            .and_then(|s| u32::try_from(s).ok())
            .filter(|s| *s != INVALID_U32)
            .ok_or(EncodeError::Created(t))?,
    };
    define(
        &mut data,
        0,
        MESG_FILE_ID,
        &[(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (4, 4, UINT32)],
    );
    data.push(0);
    data.push(FILE_WORKOUT);
    put_u16(&mut data, MANUFACTURER_DEVELOPMENT);
    put_u16(&mut data, 0);
    put_u32(&mut data, created);

    // workout (local 1)
    let name = text("workout name", &w.name)?;
    let (sport, sub_sport) = match w.sport {
        Sport::Running => (SPORT_RUNNING, SUB_SPORT_GENERIC),
        Sport::Training => (SPORT_TRAINING, SUB_SPORT_STRENGTH),
    };
    let name_len = name.len() + 1;
    // `steps.len()` was checked to fit below 0xFFFF.
    let count = u16::try_from(steps.len()).unwrap_or(INVALID_U16);
    define(
        &mut data,
        1,
        MESG_WORKOUT,
        &[
            (8, field_size(name_len), STRING),
            (4, 1, ENUM),
            (11, 1, ENUM),
            (6, 2, UINT16),
        ],
    );
    data.push(1);
    put_text(&mut data, name, name_len);
    data.push(sport);
    data.push(sub_sport);
    put_u16(&mut data, count);

    // workout_step (local 2): one definition sized for the longest texts.
    let name_len = steps
        .iter()
        .map(|s| s.name.map_or(0, |t| t.len() + 1))
        .max()
        .unwrap_or(0);
    let notes_len = steps
        .iter()
        .map(|s| s.notes.map_or(0, |t| t.len() + 1))
        .max()
        .unwrap_or(0);
    let strength = steps.iter().any(|s| s.strength);
    let mut fields: Vec<(u8, u8, u8)> = vec![(254, 2, UINT16)];
    if name_len > 0 {
        fields.push((0, field_size(name_len), STRING));
    }
    fields.extend([(1, 1, ENUM), (2, 4, UINT32), (3, 1, ENUM), (4, 4, UINT32)]);
    fields.extend([(5, 4, UINT32), (6, 4, UINT32), (7, 1, ENUM)]);
    if notes_len > 0 {
        fields.push((8, field_size(notes_len), STRING));
    }
    if strength {
        fields.extend([
            (10, 2, UINT16),
            (11, 2, UINT16),
            (12, 2, UINT16),
            (13, 2, UINT16),
        ]);
    }
    define(&mut data, 2, MESG_WORKOUT_STEP, &fields);
    for (i, s) in steps.iter().enumerate() {
        data.push(2);
        put_u16(&mut data, u16::try_from(i).unwrap_or(INVALID_U16));
        if name_len > 0 {
            put_text(&mut data, s.name.unwrap_or(""), name_len);
        }
        data.push(s.duration_type);
        put_u32(&mut data, s.duration_value);
        data.push(s.target_type);
        put_u32(&mut data, s.target_value);
        put_u32(&mut data, s.custom_low);
        put_u32(&mut data, s.custom_high);
        data.push(s.intensity);
        if notes_len > 0 {
            put_text(&mut data, s.notes.unwrap_or(""), notes_len);
        }
        if strength {
            put_u16(&mut data, s.category);
            put_u16(&mut data, s.exercise_name);
            put_u16(&mut data, s.weight);
            put_u16(&mut data, s.weight_unit);
        }
    }

    let data_len = u32::try_from(data.len()).map_err(|_| EncodeError::TooManySteps(steps.len()))?;
    let mut file = Vec::with_capacity(14 + data.len() + 2);
    file.push(14);
    file.push(PROTOCOL_VERSION);
    put_u16(&mut file, PROFILE_VERSION);
    put_u32(&mut file, data_len);
    file.extend_from_slice(b".FIT");
    let header_crc = crc16(&file);
    put_u16(&mut file, header_crc);
    file.extend_from_slice(&data);
    let file_crc = crc16(&file);
    put_u16(&mut file, file_crc);
    Ok(file)
}

/// One `workout_step` message's values, already in FIT units.
struct StepFields<'a> {
    name: Option<&'a str>,
    notes: Option<&'a str>,
    duration_type: u8,
    duration_value: u32,
    target_type: u8,
    target_value: u32,
    custom_low: u32,
    custom_high: u32,
    intensity: u8,
    strength: bool,
    category: u16,
    exercise_name: u16,
    weight: u16,
    weight_unit: u16,
}

fn encode_steps(w: &Workout) -> Result<Vec<StepFields<'_>>, EncodeError> {
    if w.steps.is_empty() {
        return Err(EncodeError::NoSteps);
    }
    if w.steps.len() >= usize::from(INVALID_U16) {
        return Err(EncodeError::TooManySteps(w.steps.len()));
    }
    w.steps
        .iter()
        .enumerate()
        .map(|(i, step)| match step {
            Step::Action(a) => action(i, a),
            Step::Repeat { from_step, count } => {
                let bad = |what: String| EncodeError::Step { step: i, what };
                if usize::from(*from_step) >= i {
                    return Err(bad(format!(
                        "repeat from step {from_step}, which is not before it"
                    )));
                }
                if *count == 0 || *count == INVALID_U32 {
                    return Err(bad(format!("repeat count {count} is out of range")));
                }
                Ok(StepFields {
                    name: None,
                    notes: None,
                    duration_type: DUR_REPEAT_UNTIL_STEPS_CMPLT,
                    duration_value: u32::from(*from_step),
                    target_type: INVALID_ENUM,
                    target_value: *count,
                    custom_low: INVALID_U32,
                    custom_high: INVALID_U32,
                    intensity: INVALID_ENUM,
                    strength: false,
                    category: INVALID_U16,
                    exercise_name: INVALID_U16,
                    weight: INVALID_U16,
                    weight_unit: INVALID_U16,
                })
            }
        })
        .collect()
}

fn action(i: usize, a: &Action) -> Result<StepFields<'_>, EncodeError> {
    let bad = |what: String| EncodeError::Step { step: i, what };
    let scaled = |v: u32, scale: u32, unit: &str| {
        v.checked_mul(scale)
            .filter(|x| *x != INVALID_U32 && v > 0)
            .ok_or_else(|| bad(format!("duration {v} {unit} is out of range")))
    };
    let (duration_type, duration_value) = match a.duration {
        Duration::Time { seconds } => (DUR_TIME, scaled(seconds, 1000, "s")?),
        Duration::Distance { metres } => (DUR_DISTANCE, scaled(metres, 100, "m")?),
        Duration::Open => (DUR_OPEN, INVALID_U32),
        Duration::Reps(n) => (DUR_REPS, scaled(n, 1, "reps")?),
    };
    let (target_type, custom_low, custom_high) = match a.target {
        Target::Open => (TARGET_OPEN, INVALID_U32, INVALID_U32),
        Target::Pace {
            slow_s_per_km,
            fast_s_per_km,
        } => {
            if fast_s_per_km == 0 || slow_s_per_km < fast_s_per_km {
                return Err(bad(format!(
                    "pace range {slow_s_per_km}–{fast_s_per_km} s/km must run slow to fast and be above 0"
                )));
            }
            // Speed in m/s × 1000 (the profile's scale), i.e. mm/s.
            let mm_per_s = |s_per_km: u32| (1_000_000.0 / f64::from(s_per_km)).round() as u32;
            (
                TARGET_SPEED,
                mm_per_s(slow_s_per_km),
                mm_per_s(fast_s_per_km),
            )
        }
        Target::HeartRate { lo_bpm, hi_bpm } => {
            if lo_bpm == 0 || lo_bpm > hi_bpm {
                return Err(bad(format!(
                    "heart-rate range {lo_bpm}–{hi_bpm} bpm is not a range"
                )));
            }
            (
                TARGET_HEART_RATE,
                u32::from(lo_bpm) + BPM_OFFSET,
                u32::from(hi_bpm) + BPM_OFFSET,
            )
        }
    };
    // A custom target (low/high given) has target_value 0.
    let target_value = if target_type == TARGET_OPEN {
        INVALID_U32
    } else {
        0
    };
    let intensity = match a.intensity {
        Intensity::Active => 0,
        Intensity::Rest => 1,
        Intensity::Warmup => 2,
        Intensity::Cooldown => 3,
        Intensity::Recovery => 4,
    };
    let (weight, weight_unit) = match a.weight_kg {
        None => (INVALID_U16, INVALID_U16),
        Some(kg) => {
            let centi = (kg * 100.0).round();
            if !(0.0..f64::from(INVALID_U16)).contains(&centi) {
                return Err(bad(format!("weight {kg} kg is out of range (0–655.34 kg)")));
            }
            (centi as u16, UNIT_KILOGRAM)
        }
    };
    let (category, exercise_name) = match a.exercise {
        None => (INVALID_U16, INVALID_U16),
        Some(e) => {
            if e.category == INVALID_U16 || e.name == Some(INVALID_U16) {
                return Err(bad("exercise number 65535 is FIT's invalid value".into()));
            }
            (e.category, e.name.unwrap_or(INVALID_U16))
        }
    };
    let name = a
        .name
        .as_deref()
        .map(|t| text(&format!("step {i} name"), t))
        .transpose()?;
    let notes = a
        .notes
        .as_deref()
        .map(|t| text(&format!("step {i} notes"), t))
        .transpose()?;
    Ok(StepFields {
        name,
        notes,
        duration_type,
        duration_value,
        target_type,
        target_value,
        custom_low,
        custom_high,
        intensity,
        strength: a.exercise.is_some() || a.weight_kg.is_some(),
        category,
        exercise_name,
        weight,
        weight_unit,
    })
}

/// `t` cut to at most [`MAX_TEXT`] bytes at a character boundary; NUL is refused.
fn text<'a>(field: &str, t: &'a str) -> Result<&'a str, EncodeError> {
    if t.contains('\0') {
        return Err(EncodeError::Nul {
            field: field.to_string(),
        });
    }
    let mut end = t.len().min(MAX_TEXT);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    Ok(&t[..end])
}

/// A string field's size byte (texts were cut to fit).
fn field_size(len: usize) -> u8 {
    u8::try_from(len).unwrap_or(u8::MAX)
}

/// A definition message: little-endian, `fields` as (number, size, base type).
fn define(out: &mut Vec<u8>, local: u8, global: u16, fields: &[(u8, u8, u8)]) {
    out.push(0x40 | local);
    out.push(0); // reserved
    out.push(0); // little-endian
    put_u16(out, global);
    out.push(u8::try_from(fields.len()).unwrap_or(u8::MAX));
    for &(num, size, base) in fields {
        out.extend_from_slice(&[num, size, base]);
    }
}

/// `t` NUL-padded to `size` bytes (`size > t.len()`).
fn put_text(out: &mut Vec<u8>, t: &str, size: usize) {
    out.extend_from_slice(t.as_bytes());
    out.resize(out.len() + size - t.len(), 0);
}

fn put_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        // CRC-16/ARC of "123456789" is 0xBB3D; a file followed by its CRC checks to zero.
        assert_eq!(crc16(b"123456789"), 0xBB3D);
        let mut v = b"runlift".to_vec();
        let c = crc16(&v);
        v.extend_from_slice(&c.to_le_bytes());
        assert_eq!(crc16(&v), 0);
    }

    #[test]
    fn text_is_cut_at_a_char_boundary() {
        let long = "é".repeat(200);
        let cut = text("f", &long).unwrap();
        assert_eq!(cut.len(), 254);
        assert!(text("f", "a\0b").is_err());
    }
}
