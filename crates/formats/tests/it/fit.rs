//! FIT decoder tests: every FIT file of `../shared/data` against the `truth.json` consensus of
//! three reference decoders, the files where they disagree or all give up, and synthetic files
//! for the corners real files do not cover (byte order, huge declared sizes, rollovers).

use std::path::PathBuf;

use proptest::prelude::*;
use runlift_formats::fit::{self, DecodeError, Value};
use runlift_formats::{Activity, Samples, Severity};
use serde_json::Value as Json;

const UNIX_FROM_FIT: i64 = 631_065_600;

/// `../shared/data`; every test that reads it calls [`corpus`] first.
fn data_dir() -> PathBuf {
    runlift_testkit::shared_dir()
        .expect("corpus() is checked first")
        .join("data")
}

/// True when the shared corpus is there; otherwise the test is reported as skipped (or fails on
/// CI, where nothing may be skipped).
fn corpus() -> bool {
    runlift_testkit::shared_data().is_some()
}

fn read(rel: &str) -> Vec<u8> {
    let p = data_dir().join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn truth() -> Json {
    let p = data_dir().join("truth.json");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).expect("truth.json parses")
}

/// FIT files listed in MANIFEST.tsv (path relative to the data dir).
fn manifest_fit_files() -> Vec<String> {
    let p = data_dir().join("MANIFEST.tsv");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    text.lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter(|f| f.ends_with(".fit"))
        .map(str::to_string)
        .collect()
}

/// "2013-02-06T12:11:14Z" → Unix seconds (days-from-civil, proleptic Gregorian).
fn iso_to_unix(s: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| s[r].parse::<i64>().expect("digits");
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    let (hh, mm, ss) = (n(11..13), n(14..16), n(17..19));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400 + hh * 3600 + mm * 60 + ss
}

/// fitdecode writes device-relative times (< 0x10000000) as plain integers.
fn truth_time(v: &Json) -> Option<i64> {
    match v {
        Json::String(s) => Some(iso_to_unix(s)),
        Json::Number(n) => n.as_i64().map(|t| t + UNIX_FROM_FIT),
        _ => None,
    }
}

fn close(a: Option<f64>, b: &Json, what: &str) {
    match (a, b.as_f64()) {
        (None, None) => {}
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "{what}: ours {a}, truth {b}"),
        (a, _) => panic!("{what}: ours {a:?}, truth {b}"),
    }
}

fn errors(a: &Activity) -> Vec<&str> {
    a.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect()
}

/// Compares an activity with one reference decoder's view (`t` is `consensus` or a decoder).
fn check_against(name: &str, a: &Activity, t: &Json) {
    let sessions = t["sessions"].as_array().expect("sessions");
    assert_eq!(a.sessions.len(), sessions.len(), "{name}: sessions");
    for (i, (s, ts)) in a.sessions.iter().zip(sessions).enumerate() {
        let w = format!("{name} session {i}");
        assert_eq!(s.sport.as_deref(), ts["sport"].as_str(), "{w}: sport");
        assert_eq!(
            s.sub_sport.as_deref(),
            ts["sub_sport"].as_str(),
            "{w}: sub_sport"
        );
        assert_eq!(
            s.start_time,
            truth_time(&ts["start_time"]),
            "{w}: start_time"
        );
        close(
            s.total_distance_m,
            &ts["total_distance"],
            &format!("{w}: distance"),
        );
        close(
            s.total_timer_time_s,
            &ts["total_timer_time"],
            &format!("{w}: timer time"),
        );
        assert_eq!(
            s.avg_heart_rate.map(u64::from),
            ts["avg_heart_rate"].as_u64(),
            "{w}: avg HR"
        );
    }
    assert_eq!(
        a.laps.len() as u64,
        t["n_lap"].as_u64().expect("n_lap"),
        "{name}: laps"
    );
    let smp = &a.samples;
    assert_eq!(
        smp.len() as u64,
        t["n_record"].as_u64().expect("n_record"),
        "{name}: records"
    );
    for col in [
        smp.distance_m.len(),
        smp.speed_m_s.len(),
        smp.heart_rate.len(),
        smp.lat.len(),
        smp.lon.len(),
    ] {
        assert_eq!(col, smp.len(), "{name}: column lengths");
    }
    let Some(rd) = t.get("record_digest").filter(|d| d.is_object()) else {
        return;
    };
    let timed: Vec<i64> = smp
        .time
        .iter()
        .copied()
        .filter(|&t| t != Samples::NO_TIME)
        .collect();
    assert_eq!(
        timed.len() as u64,
        rd["n_with_timestamp"].as_u64().expect("n"),
        "{name}: timed records"
    );
    assert_eq!(
        timed.first().copied(),
        truth_time(&rd["first_timestamp"]),
        "{name}: first timestamp"
    );
    assert_eq!(
        timed.last().copied(),
        truth_time(&rd["last_timestamp"]),
        "{name}: last timestamp"
    );
    let with_pos = smp
        .lat
        .iter()
        .zip(&smp.lon)
        .filter(|(a, b)| !a.is_nan() && !b.is_nan())
        .count();
    assert_eq!(
        with_pos as u64,
        rd["n_with_position"].as_u64().expect("n"),
        "{name}: positions"
    );
    let hrs: Vec<u8> = smp.heart_rate.iter().flatten().copied().collect();
    assert_eq!(
        hrs.len() as u64,
        rd["n_with_heart_rate"].as_u64().expect("n"),
        "{name}: HR count"
    );
    let sum: f64 = hrs.iter().map(|&h| f64::from(h)).sum();
    close(Some(sum), &rd["sum_heart_rate"], &format!("{name}: HR sum"));
    let max_d = smp
        .distance_m
        .iter()
        .copied()
        .filter(|d| !d.is_nan())
        .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.max(d))));
    // The digest rounds distances to centimetres.
    close(
        max_d.map(|d| (d * 100.0).round() / 100.0),
        &rd["max_distance"],
        &format!("{name}: max distance"),
    );
}

#[test]
fn every_fit_file_matches_truth_consensus() {
    if !corpus() {
        return;
    }
    let truth = truth();
    let files = manifest_fit_files();
    assert!(
        files.len() >= 50,
        "expected the 52 FIT files, got {}",
        files.len()
    );
    let mut checked = 0;
    for rel in &files {
        let t = &truth["files"][rel.as_str()];
        if !t["all_ok"].as_bool().unwrap_or(false) {
            continue; // covered one by one below
        }
        let a = fit::decode(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(errors(&a).is_empty(), "{rel}: {:?}", a.diagnostics);
        let warnings: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        assert!(warnings.is_empty(), "{rel}: {warnings:?}");
        check_against(rel, &a, &t["consensus"]);
        if let Some(s) = a.sessions.first() {
            assert_eq!(a.sport, s.sport, "{rel}: activity sport");
            assert_eq!(a.start_time, s.start_time, "{rel}: activity start");
        }
        checked += 1;
    }
    assert!(checked >= 45, "only {checked} files checked");
}

/// The files every reference decoder rejects. We return what was read before the break with an
/// Error diagnostic at the right offset; the partial content matches what the references had
/// decoded when they stopped (fitdecode's partial counts).
#[test]
fn files_every_decoder_rejects_give_partial_activity_with_error() {
    if !corpus() {
        return;
    }
    let truth = truth();
    let cases = [
        // Second (chained) header is corrupt: no '.FIT' signature 8 bytes after offset 771.
        (
            "fit/fitparse__activity-settings-corruptheader.fit",
            "not a FIT file: missing '.FIT' signature at offset 779",
        ),
        // Declares 757 bytes of data, 753 present, no CRC.
        (
            "fit/fitparse__activity-unexpected-eof.fit",
            "truncated data message at offset",
        ),
        ("fit/fitparse__nick.fit", "truncated"),
        // A data message for local type 11, never defined.
        (
            "fit/fitparse__strava-android-app-201.10-b1218918.fit",
            "data message at offset 7471 uses local message type 11, which is not defined",
        ),
    ];
    for (rel, expected) in cases {
        let t = &truth["files"][rel];
        assert_eq!(
            t["all_reject"].as_bool(),
            Some(true),
            "{rel} should be rejected by all"
        );
        let a = fit::decode(&read(rel))
            .unwrap_or_else(|e| panic!("{rel}: want partial activity, got Err({e})"));
        let errs = errors(&a);
        assert_eq!(errs.len(), 1, "{rel}: {:?}", a.diagnostics);
        assert!(
            errs[0].contains(expected),
            "{rel}: error {:?} lacks {expected:?}",
            errs[0]
        );
        let fd = &t["fitdecode"];
        assert_eq!(
            a.samples.len() as u64,
            fd["n_record"].as_u64().expect("n"),
            "{rel}: records before break"
        );
        assert_eq!(
            a.laps.len() as u64,
            fd["n_lap"].as_u64().expect("n"),
            "{rel}: laps before break"
        );
        check_against(rel, &a, fd);
    }
}

/// `activity-filecrc.fit` has a wrong file CRC. fitdecode warns and decodes; Garmin's SDK and
/// fitparser fail. We side with fitdecode: the messages frame correctly and parse to the same
/// values as the intact copy (`activity-settings.fit` minus its trailing file), so a CRC mismatch
/// is a Warning, not a reason to drop a run.
#[test]
fn bad_file_crc_is_a_warning_and_data_is_kept() {
    if !corpus() {
        return;
    }
    let rel = "fit/fitparse__activity-filecrc.fit";
    let t = &truth()["files"][rel];
    assert_eq!(t["fitdecode"]["crc_mismatch"].as_u64(), Some(1));
    let a = fit::decode(&read(rel)).expect("decodes");
    assert!(errors(&a).is_empty(), "{:?}", a.diagnostics);
    let w: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(w.len(), 1, "{:?}", a.diagnostics);
    assert!(
        w[0].message.starts_with("file CRC mismatch"),
        "{}",
        w[0].message
    );
    assert_eq!(w[0].offset, Some(769));
    check_against(rel, &a, &t["fitdecode"]);
    check_against(rel, &a, &t["garmin_fit_sdk"]);
}

/// `compressed-speed-distance.fit` (Forerunner 70): records use compressed-timestamp headers and
/// the 3-byte `compressed_speed_distance` field (12-bit speed, 12-bit accumulated distance).
/// Garmin's SDK refuses compressed timestamps (the protocol allows them); fitparser reads the
/// records but does not accumulate the 12-bit distance (max 93684 m for a 10.2 km run). fitdecode
/// is right: its max record distance 10248.69 m matches the session's 10248.67 m. The file's
/// timestamps are below 0x10000000, i.e. device-relative: fitdecode reports raw numbers, the
/// others 1990 dates. We keep the arithmetic (same numbers as Garmin/fitparser, durations right)
/// and flag the dates with a Warning.
#[test]
fn compressed_timestamps_and_accumulated_distance_follow_fitdecode() {
    if !corpus() {
        return;
    }
    let rel = "fit/fitparse__compressed-speed-distance.fit";
    let t = &truth()["files"][rel];
    let a = fit::decode(&read(rel)).expect("decodes");
    check_against(rel, &a, &t["fitdecode"]);
    assert_eq!(
        t["fitparser"]["record_digest"]["max_distance"].as_f64(),
        Some(93684.0)
    );
    let w: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(w.len(), 1, "{:?}", a.diagnostics);
    assert!(w[0].message.contains("device-relative"), "{}", w[0].message);
    assert_eq!(a.sessions[0].start_time, Some(UNIX_FROM_FIT + 17_217_864));
    // Distance never goes backwards and speed comes from the compressed field.
    let d: Vec<f64> = a
        .samples
        .distance_m
        .iter()
        .copied()
        .filter(|d| !d.is_nan())
        .collect();
    assert!(d.len() > 700);
    assert!(d.windows(2).all(|w| w[1] >= w[0]));
    assert!(a.samples.speed_m_s.iter().filter(|s| !s.is_nan()).count() > 700);
}

/// Chained files: every part's sessions, in order.
#[test]
fn chained_file_gives_sessions_of_every_part() {
    if !corpus() {
        return;
    }
    let rel = "fit/fitparse__sample_mulitple_header.fit";
    let a = fit::decode(&read(rel)).expect("decodes");
    let sports: Vec<_> = a
        .sessions
        .iter()
        .map(|s| s.sport.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(
        sports,
        ["swimming", "transition", "cycling", "transition", "running"]
    );
    let starts: Vec<_> = a
        .sessions
        .iter()
        .map(|s| s.start_time.expect("start"))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
}

#[test]
fn header_crc_zero_is_valid_and_wrong_header_crc_warns() {
    if !corpus() {
        return;
    }
    // 2013-02-06-12-11-14.fit has a 14-byte header with CRC 0x0000: no diagnostic at all.
    let bytes = read("fit/fitparse__2013-02-06-12-11-14.fit");
    assert_eq!(&bytes[12..14], &[0, 0]);
    assert!(fit::decode(&bytes).expect("decodes").diagnostics.is_empty());
    // A wrong non-zero header CRC is a Warning; the data is still read.
    let mut bad = bytes.clone();
    bad[12] = 0x34;
    bad[13] = 0x12;
    // Keep the file CRC (which covers the header) right, to see the header check alone.
    let n = bad.len();
    let crc = crc16(&bad[..n - 2]);
    bad[n - 2..].copy_from_slice(&crc.to_le_bytes());
    let a = fit::decode(&bad).expect("decodes");
    assert_eq!(a.samples.len(), 590);
    assert_eq!(a.diagnostics.len(), 1, "{:?}", a.diagnostics);
    assert!(
        a.diagnostics[0]
            .message
            .starts_with("header CRC mismatch: stored 0x1234")
    );
    assert_eq!(a.diagnostics[0].offset, Some(12));
}

// ---- synthetic files --------------------------------------------------------------------------

fn crc16(bytes: &[u8]) -> u16 {
    let mut crc = 0u16;
    for &b in bytes {
        crc ^= u16::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
    }
    crc
}

/// Builds a FIT file message by message.
struct Fit {
    data: Vec<u8>,
}

impl Fit {
    fn new() -> Self {
        Fit { data: Vec::new() }
    }
    /// Definition: local type, big endian?, global number, fields (num, size, base type).
    fn def(mut self, local: u8, be: bool, global: u16, fields: &[(u8, u8, u8)]) -> Self {
        self.data.extend([0x40 | local, 0, u8::from(be)]);
        self.data.extend(if be {
            global.to_be_bytes()
        } else {
            global.to_le_bytes()
        });
        self.data.push(fields.len() as u8);
        for &(n, s, b) in fields {
            self.data.extend([n, s, b]);
        }
        self
    }
    fn msg(mut self, header: u8, content: &[u8]) -> Self {
        self.data.push(header);
        self.data.extend(content);
        self
    }
    fn bytes(&self) -> Vec<u8> {
        let mut out = vec![14, 0x20, 0x08, 0x08];
        out.extend((self.data.len() as u32).to_le_bytes());
        out.extend(b".FIT");
        let hcrc = crc16(&out);
        out.extend(hcrc.to_le_bytes());
        out.extend(&self.data);
        let crc = crc16(&out);
        out.extend(crc.to_le_bytes());
        out
    }
}

const UINT8: u8 = 0x02;
const UINT16: u8 = 0x84;
const SINT32: u8 = 0x85;
const UINT32: u8 = 0x86;
const ENUM: u8 = 0x00;
const BYTE: u8 = 0x0D;

fn le32(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

#[test]
fn big_endian_definitions_read_the_same_values() {
    let ts = 1_000_000_000u32;
    let lat = -123_456_789i32;
    let fields = [
        (253, 4, UINT32),
        (0, 4, SINT32),
        (3, 1, UINT8),
        (5, 4, UINT32),
        (7, 2, UINT16),
    ];
    let mut be = Vec::new();
    be.extend(ts.to_be_bytes());
    be.extend(lat.to_be_bytes());
    be.push(150);
    be.extend(123_456u32.to_be_bytes());
    be.extend(250u16.to_be_bytes());
    let mut le = Vec::new();
    le.extend(ts.to_le_bytes());
    le.extend(lat.to_le_bytes());
    le.push(150);
    le.extend(123_456u32.to_le_bytes());
    le.extend(250u16.to_le_bytes());
    let a_be = fit::decode(&Fit::new().def(0, true, 20, &fields).msg(0, &be).bytes()).expect("be");
    let a_le = fit::decode(&Fit::new().def(0, false, 20, &fields).msg(0, &le).bytes()).expect("le");
    // NaN != NaN, so compare the rendered values.
    assert_eq!(format!("{a_be:?}"), format!("{a_le:?}"));
    let s = &a_be.samples;
    assert_eq!(s.time, [i64::from(ts) + UNIX_FROM_FIT]);
    assert!((s.lat[0] - f64::from(lat) * 180.0 / 2f64.powi(31)).abs() < 1e-12);
    assert!(s.lon[0].is_nan());
    assert_eq!(s.heart_rate, [Some(150)]);
    assert_eq!(s.distance_m, [1234.56]);
    assert_eq!(s.power_w, [Some(250)]);
    assert!(a_be.diagnostics.is_empty(), "{:?}", a_be.diagnostics);
}

#[test]
fn header_claiming_4_gb_of_data_is_truncated_not_allocated() {
    let file = Fit::new()
        .def(0, false, 20, &[(253, 4, UINT32), (3, 1, UINT8)])
        .msg(0, &[1, 0, 0, 0x10, 99]);
    let mut bytes = file.bytes();
    bytes.truncate(bytes.len() - 2); // no CRC: the data just runs out
    bytes[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    let a = fit::decode(&bytes).expect("partial activity");
    assert_eq!(a.samples.heart_rate, [Some(99)]);
    let errs = errors(&a);
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0],
        format!("truncated file: data ends early at offset {}", bytes.len())
    );
    // Nothing readable at all: an error, not an empty activity.
    let mut empty = Fit::new().bytes();
    empty.truncate(14);
    empty[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        fit::decode(&empty),
        Err(DecodeError::Truncated { .. })
    ));
}

#[test]
fn not_a_fit_file_is_an_error_naming_the_offset() {
    let e = fit::decode(b"<?xml version=\"1.0\"?><gpx></gpx>").expect_err("not FIT");
    assert_eq!(
        e.to_string(),
        "not a FIT file: missing '.FIT' signature at offset 8"
    );
    assert!(matches!(
        fit::decode(&[]),
        Err(DecodeError::Truncated { offset: 0, .. })
    ));
}

#[test]
fn invalid_values_are_missing_and_enhanced_fields_win() {
    // record: timestamp, altitude (u16, scale 5 offset 500), speed (u16 /1000),
    // enhanced_altitude (u32), enhanced_speed (u32), heart_rate, cadence.
    let fields = [
        (253, 4, UINT32),
        (2, 2, UINT16),
        (6, 2, UINT16),
        (78, 4, UINT32),
        (73, 4, UINT32),
        (3, 1, UINT8),
        (4, 1, UINT8),
    ];
    let mut m1 = Vec::new();
    m1.extend(le32(1_000_000_000));
    m1.extend(3000u16.to_le_bytes()); // 100 m
    m1.extend(2000u16.to_le_bytes()); // 2 m/s
    m1.extend(le32(3500)); // 200 m: preferred
    m1.extend(le32(3000)); // 3 m/s: preferred
    m1.extend([0xFF, 0xFF]); // invalid HR and cadence
    let mut m2 = Vec::new();
    m2.extend(le32(1_000_000_001));
    m2.extend(3000u16.to_le_bytes());
    m2.extend(2000u16.to_le_bytes());
    m2.extend(le32(u32::MAX)); // invalid enhanced: fall back to the 16-bit fields
    m2.extend(le32(u32::MAX));
    m2.extend([140, 85]);
    let a = fit::decode(
        &Fit::new()
            .def(3, false, 20, &fields)
            .msg(3, &m1)
            .msg(3, &m2)
            .bytes(),
    )
    .expect("ok");
    let s = &a.samples;
    assert_eq!(s.altitude_m, [200.0, 100.0]);
    assert_eq!(s.speed_m_s, [3.0, 2.0]);
    assert_eq!(s.heart_rate, [None, Some(140)]);
    assert_eq!(s.cadence, [None, Some(85)]);
    assert!(s.distance_m.iter().all(|d| d.is_nan()));
}

#[test]
fn compressed_timestamp_offset_rolls_over() {
    // A record with a full timestamp ending in 0b11110 (30), then compressed headers with
    // offsets 31, 2 (rolled over: +4 s) and 2 again (same second).
    let base = 1_000_000_030u32;
    assert_eq!(base & 0x1F, 30);
    let file = Fit::new()
        .def(0, false, 20, &[(253, 4, UINT32), (3, 1, UINT8)])
        .def(1, false, 20, &[(3, 1, UINT8)])
        .msg(0, &[&le32(base)[..], &[100]].concat())
        .msg(0x80 | (1 << 5) | 31, &[101])
        .msg(0x80 | (1 << 5) | 2, &[102])
        .msg(0x80 | (1 << 5) | 2, &[103]);
    let a = fit::decode(&file.bytes()).expect("ok");
    let t0 = i64::from(base) + UNIX_FROM_FIT;
    assert_eq!(a.samples.time, [t0, t0 + 1, t0 + 4, t0 + 4]);
    assert_eq!(
        a.samples.heart_rate,
        [Some(100), Some(101), Some(102), Some(103)]
    );
}

#[test]
fn compressed_distance_accumulates_across_12_bit_rollover() {
    // compressed_speed_distance: speed (bits 0-11, /100 m/s), distance (bits 12-23, /16 m).
    let csd = |speed: u32, dist: u32| {
        let raw = (speed & 0xFFF) | ((dist & 0xFFF) << 12);
        [raw as u8, (raw >> 8) as u8, (raw >> 16) as u8]
    };
    let mut f = Fit::new().def(0, false, 20, &[(253, 4, UINT32), (8, 3, BYTE)]);
    // 4000/16 = 250 m, then 4090, then 10 (wrapped: 4106), then 100 (4196).
    for (i, d) in [4000u32, 4090, 10, 100].into_iter().enumerate() {
        f = f.msg(
            0,
            &[&le32(1_000_000_000 + i as u32)[..], &csd(350, d)].concat(),
        );
    }
    let a = fit::decode(&f.bytes()).expect("ok");
    assert_eq!(
        a.samples.distance_m,
        [250.0, 4090.0 / 16.0, 4106.0 / 16.0, 4196.0 / 16.0]
    );
    assert_eq!(a.samples.speed_m_s, [3.5; 4]);
}

#[test]
fn sessions_laps_sets_and_sport_names() {
    let session = [
        (253, 4, UINT32),
        (2, 4, UINT32),
        (5, 1, ENUM),
        (6, 1, ENUM),
        (8, 4, UINT32),
        (9, 4, UINT32),
        (16, 1, UINT8),
    ];
    let mut s = Vec::new();
    s.extend(le32(1_000_003_600));
    s.extend(le32(1_000_000_000));
    s.extend([1, 3]); // running / trail
    s.extend(le32(3_600_500)); // 3600.5 s
    s.extend(le32(1_000_050)); // 10000.5 m
    s.push(151);
    // set: timestamp (254), duration, repetitions, weight (/16 kg), set_type, category (array).
    let set = [
        (254, 4, UINT32),
        (0, 4, UINT32),
        (3, 2, UINT16),
        (4, 2, UINT16),
        (5, 1, UINT8),
        (7, 4, UINT16),
    ];
    let mut st = Vec::new();
    st.extend(le32(1_000_000_100));
    st.extend(le32(45_000));
    st.extend(8u16.to_le_bytes());
    st.extend((60 * 16u16).to_le_bytes());
    st.push(1);
    st.extend([0, 0, 0xFF, 0xFF]); // bench_press, then invalid
    let mut rest = st.clone();
    rest[12] = 0;
    let bytes = Fit::new()
        .def(0, false, 18, &session)
        .msg(0, &s)
        .def(1, false, 225, &set)
        .msg(1, &st)
        .msg(1, &rest)
        .bytes();
    let a = fit::decode(&bytes).expect("ok");
    assert_eq!(a.sport.as_deref(), Some("running"));
    assert_eq!(a.sub_sport.as_deref(), Some("trail"));
    let ses = &a.sessions[0];
    assert_eq!(ses.start_time, Some(1_000_000_000 + UNIX_FROM_FIT));
    assert_eq!(ses.total_timer_time_s, Some(3600.5));
    assert_eq!(ses.total_distance_m, Some(10000.5));
    assert_eq!(ses.avg_heart_rate, Some(151));
    assert_eq!(a.sets.len(), 2);
    assert_eq!(a.sets[0].reps, Some(8));
    assert_eq!(a.sets[0].weight_kg, Some(60.0));
    assert_eq!(a.sets[0].duration_s, Some(45.0));
    assert_eq!(a.sets[0].category, Some(0));
    assert_eq!(fit::exercise_category(0), Some("bench_press"));
    assert!(a.sets[0].active);
    assert!(!a.sets[1].active);
}

#[test]
fn developer_fields_are_skipped_by_size() {
    // Definition with the developer flag: one regular field and two developer fields (3 + 2 bytes).
    let mut data = vec![
        0x40 | 0x20,
        0,
        0,
        20,
        0,
        2,
        253,
        4,
        UINT32,
        3,
        1,
        UINT8,
        2,
        0,
        3,
        0,
        1,
        2,
        0,
    ];
    data.push(0);
    data.extend(le32(1_000_000_000));
    data.push(120);
    data.extend([9, 9, 9, 8, 8]);
    data.push(0);
    data.extend(le32(1_000_000_001));
    data.push(121);
    data.extend([9, 9, 9, 8, 8]);
    let a = fit::decode(&Fit { data }.bytes()).expect("ok");
    assert_eq!(a.samples.heart_rate, [Some(120), Some(121)]);
    let m = fit::messages(&Fit { data: Vec::new() }.bytes()).expect("empty file is fine");
    assert!(m.messages.is_empty());
}

#[test]
fn message_view_names_and_scales_fields() {
    if !corpus() {
        return;
    }
    let m = fit::messages(&read("fit/fitparse__activity-settings.fit")).expect("ok");
    assert!(m.diagnostics.is_empty());
    assert_eq!(m.messages[0].name, Some("file_id"));
    let session = m.messages.iter().find(|m| m.global == 18).expect("session");
    let dist = session
        .fields
        .iter()
        .find(|f| f.name == Some("total_distance"))
        .expect("distance");
    assert_eq!(dist.value, Value::Float(5.73));
    assert_eq!(dist.units, "m");
    let records = m
        .messages
        .iter()
        .filter(|m| m.name == Some("record"))
        .count();
    assert_eq!(records, 14);
    // The view and the fast decoder agree on the number of data messages.
    let t = &truth()["files"]["fit/fitparse__activity-settings.fit"];
    assert_eq!(
        m.messages.len() as u64,
        t["consensus"]["n_data_messages"].as_u64().expect("n")
    );
}

#[test]
fn message_view_counts_match_truth_for_every_valid_file() {
    if !corpus() {
        return;
    }
    let truth = truth();
    for rel in manifest_fit_files() {
        let t = &truth["files"][rel.as_str()];
        if !t["all_ok"].as_bool().unwrap_or(false) {
            continue;
        }
        let m = fit::messages(&read(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(
            m.messages.len() as u64,
            t["consensus"]["n_data_messages"].as_u64().expect("n"),
            "{rel}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = fit::decode(&bytes);
        let _ = fit::messages(&bytes);
    }

    #[test]
    fn random_bytes_after_a_valid_header_never_panic(body in proptest::collection::vec(any::<u8>(), 0..600)) {
        let bytes = Fit { data: body }.bytes();
        let a = fit::decode(&bytes);
        let _ = fit::messages(&bytes);
        if let Ok(a) = a {
            prop_assert!(a.samples.time.len() == a.samples.lat.len());
        }
    }

    #[test]
    fn mutated_real_file_never_panics(pos in 0usize..819, byte in any::<u8>(), cut in 0usize..900) {
        let mut bytes = runlift_testkit::read_test_data("activity/run.fit");
        bytes[pos] = byte;
        bytes.truncate(cut);
        let _ = fit::decode(&bytes);
        let _ = fit::messages(&bytes);
    }
}
