//! FIT workout encoder: what we write is read back by a small independent reader here (header,
//! CRCs, definitions, field bytes) and by Garmin's own SDK through `tools/check_fit_workout.py`
//! (integrity, no decode errors, and every step's fields as Garmin's profile names them).

use std::io::Write as _;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use runlift_formats::workout::{
    Action, Duration, EncodeError, FIT_EXERCISES, Intensity, Sport, Step, StrengthItem, Target,
    Workout, encode, fit_exercise, from_run, from_strength, to_bytes,
};
use runlift_model::structure::{PaceRange, Paces, parse};
use serde_json::Value;

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tools/check_fit_workout.py"
);

fn paces() -> Paces {
    Paces {
        e: PaceRange {
            slow_s_per_km: 363,
            fast_s_per_km: 323,
        },
        m: PaceRange::around(297, 5),
        t: PaceRange::around(278, 5),
        i: PaceRange::around(256, 5),
        r: PaceRange::around(235, 5),
    }
}

// ---------------------------------------------------------------------------------------------
// Garmin's SDK

/// Garmin's SDK's reading of `bytes` (see tools/check_fit_workout.py), asserting integrity; `None`
/// (the cross-check reported as skipped) without the pinned tools of tools/requirements.txt.
fn garmin(bytes: &[u8]) -> Option<Value> {
    let python = runlift_testkit::python("cross-check with Garmin's FIT SDK")?;
    let mut child = Command::new(&python)
        .arg(SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {} tools/check_fit_workout.py: {e}", python.display()));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(bytes)
        .expect("write FIT bytes to python");
    let out = child.wait_with_output().expect("wait for python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "Garmin's SDK rejected the file:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_str(&stdout).expect("script prints JSON"))
}

fn f64_of(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn interval_run_reads_back_in_garmin_sdk() {
    let s = parse("2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E").unwrap();
    let mut w = from_run(&s, &paces(), "Tue 5 x 1000 m @ I");
    w.created_unix_s = Some(1_790_000_000);
    let Some(g) = garmin(&to_bytes(&w).unwrap()) else {
        return;
    };

    assert_eq!(g["integrity"], true);
    assert_eq!(
        g["errors"].as_array().map(Vec::len),
        Some(0),
        "{}",
        g["errors"]
    );
    let file_id = &g["file_id"][0];
    assert_eq!(file_id["type"], "workout");
    assert_eq!(file_id["manufacturer"], "development");
    assert!(
        file_id["time_created"]
            .as_str()
            .unwrap()
            .starts_with("2026-09-21"),
        "{file_id}"
    );
    let workout = &g["workout"][0];
    assert_eq!(workout["wkt_name"], "Tue 5 x 1000 m @ I");
    assert_eq!(workout["sport"], "running");
    assert_eq!(workout["num_valid_steps"], 5);

    let steps = g["workout_step"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s["message_index"], i);
    }
    let speed = |s_per_km: f64| 1000.0 / s_per_km;
    let close = |v: &Value, want: f64| (f64_of(v) - want).abs() < 0.0015;

    let warm = &steps[0];
    assert_eq!(warm["wkt_step_name"], "2 km E");
    assert_eq!(warm["duration_type"], "distance");
    assert_eq!(f64_of(&warm["duration_distance"]), 2000.0);
    assert_eq!(warm["target_type"], "speed");
    assert!(
        close(&warm["custom_target_speed_low"], speed(363.0)),
        "{warm}"
    );
    assert!(
        close(&warm["custom_target_speed_high"], speed(323.0)),
        "{warm}"
    );
    assert_eq!(warm["intensity"], "warmup");

    let work = &steps[1];
    assert_eq!(work["wkt_step_name"], "1000 m @ I");
    assert_eq!(f64_of(&work["duration_distance"]), 1000.0);
    assert!(
        close(&work["custom_target_speed_low"], speed(261.0)),
        "{work}"
    );
    assert!(
        close(&work["custom_target_speed_high"], speed(251.0)),
        "{work}"
    );
    assert_eq!(work["intensity"], "active");

    let jog = &steps[2];
    assert_eq!(jog["wkt_step_name"], "3 min jog");
    assert_eq!(jog["duration_type"], "time");
    assert_eq!(f64_of(&jog["duration_time"]), 180.0);
    assert_eq!(jog["target_type"], "open");
    assert_eq!(jog["intensity"], "recovery");

    let repeat = &steps[3];
    assert_eq!(repeat["duration_type"], "repeat_until_steps_cmplt");
    assert_eq!(repeat["duration_step"], 1);
    assert_eq!(repeat["repeat_steps"], 5);

    assert_eq!(steps[4]["intensity"], "cooldown");
    assert_eq!(f64_of(&steps[4]["duration_distance"]), 2000.0);
}

#[test]
fn every_library_exercise_reads_back_with_garmin_words() {
    let items: Vec<StrengthItem> = FIT_EXERCISES
        .iter()
        .map(|x| StrengthItem {
            name: x.id.to_string(),
            exercise: fit_exercise(x.id),
            sets: 3,
            work: Duration::Reps(5),
            kg: Some(20.5),
            rest_s: Some(90),
            notes: Some(format!("{} @ RIR 2", x.id)),
        })
        .collect();
    let w = from_strength("All exercises", &items);
    let Some(g) = garmin(&to_bytes(&w).unwrap()) else {
        return;
    };
    assert_eq!(g["workout"][0]["sport"], "training");
    assert_eq!(g["workout"][0]["sub_sport"], "strength_training");
    let steps = g["workout_step"].as_array().unwrap();
    assert_eq!(steps.len(), 3 * FIT_EXERCISES.len());
    for (x, chunk) in FIT_EXERCISES.iter().zip(steps.chunks(3)) {
        let (work, rest, repeat) = (&chunk[0], &chunk[1], &chunk[2]);
        let (category, name) = match x.garmin.split_once('/') {
            Some((c, n)) => (c, Some(n)),
            None => (x.garmin, None),
        };
        assert_eq!(work["wkt_step_name"], x.id);
        assert_eq!(work["exercise_category"], category, "{}", x.id);
        assert_eq!(
            work["exercise_name_word"].as_str(),
            name,
            "{}: {work}",
            x.id
        );
        assert_eq!(work["duration_type"], "reps");
        assert_eq!(work["duration_reps"], 5);
        assert_eq!(f64_of(&work["exercise_weight"]), 20.5);
        assert_eq!(work["weight_display_unit"], "kilogram");
        assert_eq!(work["notes"], format!("{} @ RIR 2", x.id));
        assert_eq!(rest["intensity"], "rest");
        assert_eq!(f64_of(&rest["duration_time"]), 90.0);
        assert_eq!(repeat["repeat_steps"], 3);
    }
}

#[test]
fn heart_rate_open_and_time_steps_read_back_in_garmin_sdk() {
    let w = Workout {
        name: "Mixed".into(),
        sport: Sport::Running,
        steps: vec![
            Step::Action(Action::new(
                Intensity::Active,
                Duration::Time { seconds: 1200 },
                Target::HeartRate {
                    lo_bpm: 140,
                    hi_bpm: 150,
                },
            )),
            Step::Action(Action::new(Intensity::Rest, Duration::Open, Target::Open)),
        ],
        created_unix_s: None,
    };
    let Some(g) = garmin(&to_bytes(&w).unwrap()) else {
        return;
    };
    let s = &g["workout_step"][0];
    assert_eq!(s["target_type"], "heart_rate");
    assert_eq!(s["custom_target_heart_rate_low"], 240);
    assert_eq!(s["custom_target_heart_rate_high"], 250);
    assert_eq!(f64_of(&s["duration_time"]), 1200.0);
    assert_eq!(g["workout_step"][1]["duration_type"], "open");
    assert!(g["file_id"][0].get("time_created").is_none());
}

// ---------------------------------------------------------------------------------------------
// An independent little reader

/// A CRC-16/ARC written bit by bit (unlike the encoder's nibble table).
fn crc_bitwise(bytes: &[u8]) -> u16 {
    let mut crc = 0u16;
    for &b in bytes {
        crc ^= u16::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
    }
    crc
}

/// A data message: global message number, and (field number, raw bytes) for each field.
type RawMessage = (u16, Vec<(u8, Vec<u8>)>);
/// A definition: global message number, and (field number, size) for each field.
type RawDefinition = (u16, Vec<(u8, u8)>);

/// Every data message, after checking the header, both CRCs and that every byte is accounted
/// for.
fn read_fit(bytes: &[u8]) -> Vec<RawMessage> {
    assert_eq!(bytes[0], 14, "header size");
    assert_eq!(&bytes[8..12], b".FIT");
    let data_len = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
    assert_eq!(bytes.len(), 14 + data_len + 2, "data size");
    assert_eq!(
        u16::from_le_bytes([bytes[12], bytes[13]]),
        crc_bitwise(&bytes[..12]),
        "header CRC"
    );
    assert_eq!(crc_bitwise(bytes), 0, "file CRC");
    let mut defs: [Option<RawDefinition>; 16] = Default::default();
    let mut out = Vec::new();
    let mut p = 14;
    while p < 14 + data_len {
        let h = bytes[p];
        assert_eq!(h & 0x80, 0, "no compressed timestamps");
        assert_eq!(h & 0x20, 0, "no developer data");
        let local = usize::from(h & 0x0F);
        p += 1;
        if h & 0x40 != 0 {
            assert_eq!(bytes[p + 1], 0, "little-endian");
            let global = u16::from_le_bytes([bytes[p + 2], bytes[p + 3]]);
            let n = usize::from(bytes[p + 4]);
            p += 5;
            let fields = (0..n)
                .map(|i| (bytes[p + 3 * i], bytes[p + 3 * i + 1]))
                .collect();
            p += 3 * n;
            defs[local] = Some((global, fields));
        } else {
            let (global, fields) = defs[local].as_ref().expect("data before its definition");
            let mut values = Vec::new();
            for &(num, size) in fields {
                values.push((num, bytes[p..p + usize::from(size)].to_vec()));
                p += usize::from(size);
            }
            out.push((*global, values));
        }
    }
    assert_eq!(p, 14 + data_len, "messages end where the header says");
    out
}

fn field(msg: &RawMessage, num: u8) -> Option<&[u8]> {
    msg.1
        .iter()
        .find(|(n, _)| *n == num)
        .map(|(_, b)| b.as_slice())
}

fn u32_of(b: &[u8]) -> u32 {
    u32::from_le_bytes(b.try_into().unwrap())
}

#[test]
fn own_reader_finds_header_crcs_and_fit_units() {
    let s = parse("15 min E + 3 x 10 min @ T (2 min jog) + 10 min E").unwrap();
    let w = from_run(&s, &paces(), "Tempo");
    let bytes = to_bytes(&w).unwrap();
    let msgs = read_fit(&bytes);
    let globals: Vec<u16> = msgs.iter().map(|m| m.0).collect();
    assert_eq!(globals, [0, 26, 27, 27, 27, 27, 27]);
    assert_eq!(field(&msgs[0], 0), Some(&[5u8][..]), "file type workout");
    assert_eq!(field(&msgs[1], 8).map(|b| &b[..6]), Some(&b"Tempo\0"[..]));
    // 15 min in ms; T pace 283–273 s/km in mm/s.
    assert_eq!(field(&msgs[2], 2).map(u32_of), Some(900_000));
    assert_eq!(field(&msgs[3], 5).map(u32_of), Some(3534));
    assert_eq!(field(&msgs[3], 6).map(u32_of), Some(3663));
    // The repeat step: back to step 1, three times.
    assert_eq!(field(&msgs[5], 1), Some(&[6u8][..]));
    assert_eq!(field(&msgs[5], 2).map(u32_of), Some(1));
    assert_eq!(field(&msgs[5], 4).map(u32_of), Some(3));
    // No strength fields in a run.
    assert!(field(&msgs[2], 10).is_none());
}

#[test]
fn encode_writes_the_same_bytes_as_to_bytes() {
    let w = from_run(&parse("40 min E").unwrap(), &paces(), "Easy");
    let mut out = Vec::new();
    encode(&w, &mut out).unwrap();
    assert_eq!(out, to_bytes(&w).unwrap());
}

#[test]
fn bad_workouts_are_refused_with_the_step() {
    let action = |d, t| Step::Action(Action::new(Intensity::Active, d, t));
    let w = |steps| Workout {
        name: "x".into(),
        sport: Sport::Running,
        steps,
        created_unix_s: None,
    };
    let err = |w: Workout| to_bytes(&w).unwrap_err().to_string();

    assert!(matches!(to_bytes(&w(vec![])), Err(EncodeError::NoSteps)));
    let open = action(Duration::Open, Target::Open);
    assert_eq!(
        err(w(vec![
            open.clone(),
            Step::Repeat {
                from_step: 1,
                count: 2
            }
        ])),
        "step 1: repeat from step 1, which is not before it"
    );
    assert!(
        err(w(vec![
            open.clone(),
            Step::Repeat {
                from_step: 0,
                count: 0
            }
        ]))
        .contains("step 1")
    );
    let bad_pace = Target::Pace {
        slow_s_per_km: 250,
        fast_s_per_km: 300,
    };
    assert!(
        err(w(vec![open.clone(), action(Duration::Open, bad_pace)])).starts_with("step 1: pace")
    );
    assert!(
        err(w(vec![action(
            Duration::Time { seconds: 5_000_000 },
            Target::Open
        )]))
        .contains("out of range")
    );
    assert!(
        err(w(vec![action(
            Duration::Distance { metres: 0 },
            Target::Open
        )]))
        .contains("out of range")
    );
    let heavy = Step::Action(Action {
        weight_kg: Some(700.0),
        ..Action::new(Intensity::Active, Duration::Reps(1), Target::Open)
    });
    assert!(err(w(vec![heavy])).contains("weight"));
    let mut named = w(vec![open]);
    named.name = "a\0b".into();
    assert!(err(named).contains("NUL"));
}

fn any_structure_text() -> impl Strategy<Value = String> {
    let seg = (
        1u16..30,
        1u32..30_000,
        0usize..6,
        proptest::option::of((1u32..600, 0usize..3)),
    );
    proptest::collection::vec(seg, 1..6).prop_map(|segs| {
        segs.into_iter()
            .map(|(n, m, z, rec)| {
                let zone = ["", " E", " @ M", " @ T", " @ I", " @ R"][z];
                let rec = rec.map_or(String::new(), |(s, mode)| {
                    format!(" ({s} s {})", ["jog", "walk", "rest"][mode])
                });
                format!("{n} x {m} m{zone}{rec}")
            })
            .collect::<Vec<_>>()
            .join(" + ")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_run_structure_encodes_to_a_well_formed_file(text in any_structure_text()) {
        let s = parse(&text).unwrap();
        let w = from_run(&s, &paces(), &text);
        let bytes = to_bytes(&w).unwrap();
        let msgs = read_fit(&bytes);
        let steps: Vec<_> = msgs.iter().filter(|m| m.0 == 27).collect();
        prop_assert_eq!(steps.len(), w.steps.len());
        // Every repeat points back to an earlier step.
        for (i, m) in steps.iter().enumerate() {
            if field(m, 1) == Some(&[6u8][..]) {
                prop_assert!((field(m, 2).map(u32_of).unwrap() as usize) < i);
            }
        }
    }
}

#[test]
fn strength_items_without_exercise_numbers_encode() {
    let items = [StrengthItem {
        name: "Mystery".into(),
        exercise: None,
        sets: 1,
        work: Duration::Time { seconds: 30 },
        kg: None,
        rest_s: None,
        notes: None,
    }];
    let bytes = to_bytes(&from_strength("S", &items)).unwrap();
    let msgs = read_fit(&bytes);
    assert_eq!(msgs.iter().filter(|m| m.0 == 27).count(), 2);
}

#[test]
fn every_library_exercise_has_a_fit_mapping() {
    let lib = runlift_model::library::library();
    assert_eq!(lib.exercises.len(), FIT_EXERCISES.len());
    for ex in &lib.exercises {
        assert!(
            fit_exercise(&ex.id).is_some(),
            "no FIT exercise for {}",
            ex.id
        );
    }
}

#[test]
fn runlift_fit_reader_lists_what_we_wrote() {
    use runlift_formats::fit::{Value as FitValue, messages};
    let s = parse("2 km E + 8 x 400 m @ R (400 m jog) + 2 km E").unwrap();
    let w = from_run(&s, &paces(), "Reps");
    let m = messages(&to_bytes(&w).unwrap()).unwrap();
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let names: Vec<_> = m.messages.iter().map(|x| x.name.unwrap_or("?")).collect();
    assert_eq!(
        names,
        [
            "file_id",
            "workout",
            "workout_step",
            "workout_step",
            "workout_step",
            "workout_step",
            "workout_step"
        ]
    );
    let value = |msg: usize, num: u8| {
        m.messages[msg]
            .fields
            .iter()
            .find(|f| f.number == num)
            .map(|f| f.value.clone())
    };
    assert_eq!(value(1, 8), Some(FitValue::Text("Reps".into())));
    // The recovery: 400 m, i.e. 40 000 cm raw (duration_value has no scale of its own).
    let d = value(4, 2).expect("duration_value");
    assert!(
        matches!(d, FitValue::Int(40_000) | FitValue::Float(_)),
        "{d:?}"
    );
}
