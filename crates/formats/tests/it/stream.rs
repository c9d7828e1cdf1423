//! The streaming readers (`gpx::decode_from`, `tcx::decode_from`) against the in-memory ones:
//! the same sessions, laps, diagnostics (lines included) and point counts whatever the buffer
//! size, only the sample columns asked for, and warnings capped so memory stays bounded.

use std::io::BufReader;

use runlift_formats::{Activity, Samples, Streams, gpx, tcx};

use super::truth::{data_dir, manifest_files};

type Reader = fn(&[u8], Streams, usize) -> Result<Activity, runlift_formats::XmlError>;

fn gpx_stream(b: &[u8], s: Streams, cap: usize) -> Result<Activity, runlift_formats::XmlError> {
    gpx::decode_from(BufReader::with_capacity(cap, b), s)
}

fn tcx_stream(b: &[u8], s: Streams, cap: usize) -> Result<Activity, runlift_formats::XmlError> {
    tcx::decode_from(BufReader::with_capacity(cap, b), s)
}

/// Streams `bytes` with small and large buffers and compares with the in-memory reader.
fn same_as_in_memory(
    name: &str,
    bytes: &[u8],
    full: Result<Activity, runlift_formats::XmlError>,
    read: Reader,
) {
    for cap in [5, 4096] {
        let summary = read(bytes, Streams::NONE, cap);
        let full = match (&full, summary) {
            (Err(a), Err(b)) => {
                assert_eq!(a, &b, "{name}: the same error");
                continue;
            }
            (Ok(full), Ok(summary)) => {
                assert_eq!(summary.sessions, full.sessions, "{name} ({cap}): sessions");
                assert_eq!(summary.laps, full.laps, "{name}: laps");
                assert_eq!(summary.diagnostics, full.diagnostics, "{name}: diagnostics");
                assert_eq!(
                    (summary.sport.clone(), summary.start_time),
                    (full.sport.clone(), full.start_time)
                );
                assert_eq!(summary.points, full.samples.len(), "{name}: points");
                assert_eq!(full.points, full.samples.len());
                assert_eq!(summary.samples, Samples::default(), "{name}: no track held");
                full
            }
            (a, b) => panic!(
                "{name}: in memory {:?}, streamed {:?}",
                a.as_ref().err(),
                b.err()
            ),
        };
        let hr = read(bytes, Streams::HEART_RATE, cap).expect("read once");
        assert_eq!(
            hr.samples.time, full.samples.time,
            "{name}: time comes with a stream"
        );
        assert_eq!(
            hr.samples.heart_rate, full.samples.heart_rate,
            "{name}: heart rate"
        );
        assert!(hr.samples.lat.is_empty() && hr.samples.power_w.is_empty());
        assert_eq!(hr.samples.segment_starts, full.samples.segment_starts);
    }
}

const GPX: &str = r#"<?xml version="1.0"?>
<gpx version="1.1">
 <trk><type>running</type>
  <trkseg>
   <trkpt lat="51.5" lon="-0.1"><ele>10</ele><time>2026-11-24T07:00:00Z</time><extensions><hr>120</hr></extensions></trkpt>
   <trkpt lat="51.501" lon="-0.1"><time>2026-11-24T07:00:10Z</time><extensions><hr>ab</hr></extensions></trkpt>
  </trkseg>
  <trkseg>
   <trkpt lat="north"
          lon="-0.1"><time>2026-11-24T07:05:00Z</time></trkpt>
   <trkpt lat="51.502" lon="-0.1"/>
  </trkseg>
 </trk>
 <wpt lat="1" lon="1"/>
</gpx>
"#;

const TCX: &str = r#"<?xml version="1.0"?>
<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2026-11-24T07:00:00Z</Id>
<Lap StartTime="2026-11-24T07:00:00Z"><TotalTimeSeconds>20</TotalTimeSeconds><DistanceMeters>50</DistanceMeters>
<Track>
<Trackpoint><Time>2026-11-24T07:00:00Z</Time><Position><LatitudeDegrees>51.5</LatitudeDegrees><LongitudeDegrees>-0.1</LongitudeDegrees></Position><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>130</Value></HeartRateBpm></Trackpoint>
<Trackpoint><Time>2026-11-24T07:00:10Z</Time><Position><LatitudeDegrees>51.5001</LatitudeDegrees></Position><DistanceMeters>x</DistanceMeters></Trackpoint>
<Trackpoint/>
</Track></Lap></Activity></Activities></TrainingCenterDatabase>
"#;

#[test]
fn hand_written_documents_stream_as_they_read_in_memory() {
    same_as_in_memory(
        "gpx",
        GPX.as_bytes(),
        gpx::decode(GPX.as_bytes()),
        gpx_stream,
    );
    same_as_in_memory(
        "tcx",
        TCX.as_bytes(),
        tcx::decode(TCX.as_bytes()),
        tcx_stream,
    );
    let a = gpx::decode(GPX.as_bytes()).expect("reads");
    let lines: Vec<Option<u32>> = a.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![Some(6), Some(9), None], "{:?}", a.diagnostics);
    // Broken documents fail the same way, on the same line.
    for cut in [40, 200, GPX.len() - 10] {
        let b = &GPX.as_bytes()[..cut];
        same_as_in_memory("cut gpx", b, gpx::decode(b), gpx_stream);
    }
    let b = TCX.replace("</Lap>", "</Lapx>");
    same_as_in_memory(
        "bad tcx",
        b.as_bytes(),
        tcx::decode(b.as_bytes()),
        tcx_stream,
    );
}

#[test]
fn warnings_are_capped_and_counted() {
    let mut doc = String::from("<gpx><trk><trkseg>\n");
    for _ in 0..1500 {
        doc.push_str("<trkpt lat=\"x\" lon=\"0\"/>\n");
    }
    doc.push_str("</trkseg></trk></gpx>");
    let a = gpx::decode_from(doc.as_bytes(), Streams::NONE).expect("reads");
    assert_eq!(a.points, 1500);
    assert_eq!(a.diagnostics.len(), 1001);
    let last = a.diagnostics.last().map(|d| d.message.as_str());
    assert_eq!(last, Some("500 more warning(s) like these left out"));
}

#[test]
fn a_huge_text_node_is_cut_not_held() {
    let doc = format!(
        "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"1\"><ele>{}</ele></trkpt></trkseg></trk></gpx>",
        "9".repeat(100_000)
    );
    let a = gpx::decode(doc.as_bytes()).expect("reads");
    assert_eq!(
        a.diagnostics.len(),
        1,
        "the cut value is unreadable: {:?}",
        a.diagnostics
    );
    assert!(a.samples.altitude_m[0].is_nan());
}

#[test]
fn every_corpus_file_streams_as_it_reads_in_memory() {
    let Some(dir) = data_dir() else {
        return;
    };
    for (kind, read, decode) in [
        ("gpx", gpx_stream as Reader, gpx::decode as fn(&[u8]) -> _),
        ("tcx", tcx_stream as Reader, tcx::decode as fn(&[u8]) -> _),
    ] {
        for name in manifest_files(kind) {
            let bytes = std::fs::read(dir.join(&name)).expect("read data file");
            same_as_in_memory(&name, &bytes, decode(&bytes), read);
        }
    }
}
