//! GPX 1.0/1.1 reader: one session per `trk`, samples from `trkpt` with the Garmin
//! TrackPointExtension (`hr`, `cad`) and common power/speed extensions. Pure: bytes in.

use quick_xml::events::{BytesStart, Event};

use std::io::BufRead;

use crate::activity::{Activity, Format, SessionSummary, Streams};
use crate::track::{Point, TrackBuilder};
use crate::xml::{self, XmlError};

/// Which value the text of the current element holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Ele,
    Time,
    Hr,
    Cad,
    Power,
    Speed,
    TrkType,
}

/// Decodes a GPX document held in memory, keeping every sample column. Malformed XML is an error
/// naming the line and byte offset; odd values (a latitude that is not a number) become warnings
/// and the value is left out.
pub fn decode(bytes: &[u8]) -> Result<Activity, XmlError> {
    decode_from(bytes, Streams::ALL)
}

/// Decodes a GPX document as a stream, keeping only the sample columns in `streams`: memory is a
/// constant plus those columns, whatever the file's size (`Streams::NONE` for a summary).
pub fn decode_from<R: BufRead>(input: R, streams: Streams) -> Result<Activity, XmlError> {
    let mut src = xml::Source::new(input)?;
    let mut act = Activity::new(Format::Gpx);
    let mut diags = xml::Diagnostics::default();
    let mut track = TrackBuilder::new(streams);

    let mut depth: u32 = 0;
    let mut root_seen = false;
    let mut in_trk = false;
    let mut trk_type: Option<String> = None;
    let mut in_trkpt = false;
    let mut point = Point::default();
    let mut field: Option<(Field, u32)> = None;
    let mut text: Vec<u8> = Vec::new();
    let (mut route_points, mut waypoints) = (0usize, 0usize);
    let mut buf = Vec::new();

    loop {
        buf.clear();
        // `pos`: where the markup just read starts (its `<`), for line numbers in messages.
        let (event, pos) = src.next(&mut buf)?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref().as_bytes();
                if !root_seen {
                    if name != b"gpx" {
                        let shown = String::from_utf8_lossy(name);
                        return Err(
                            src.error(pos, format!("not a GPX file: root element is <{shown}>"))
                        );
                    }
                    root_seen = true;
                }
                if !empty {
                    depth += 1;
                }
                match name {
                    b"trk" if !empty => {
                        in_trk = true;
                        trk_type = None;
                        track.start_segment();
                    }
                    b"trkseg" if in_trk => track.start_segment(),
                    b"trkpt" if in_trk => {
                        point = Point::default();
                        read_position(e, &mut point, &src, pos, &mut diags)?;
                        if empty {
                            track.push(&point, false);
                        } else {
                            in_trkpt = true;
                        }
                    }
                    b"rtept" => route_points += 1,
                    b"wpt" => waypoints += 1,
                    _ if !empty && field.is_none() => {
                        let f = if in_trkpt {
                            match name {
                                b"ele" => Some(Field::Ele),
                                b"time" => Some(Field::Time),
                                b"hr" | b"heartrate" | b"heart_rate" => Some(Field::Hr),
                                b"cad" | b"cadence" => Some(Field::Cad),
                                b"power" | b"watts" | b"PowerInWatts" => Some(Field::Power),
                                b"speed" => Some(Field::Speed),
                                _ => None,
                            }
                        } else if in_trk && name == b"type" && depth == 3 {
                            Some(Field::TrkType)
                        } else {
                            None
                        };
                        if let Some(f) = f {
                            field = Some((f, depth));
                            text.clear();
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if field.is_some() => xml::append_text(&mut text, t.as_bytes()),
            Event::CData(t) if field.is_some() => xml::append_text(&mut text, t.as_bytes()),
            Event::GeneralRef(r) if field.is_some() => xml::append_entity(&mut text, r.as_bytes()),
            Event::End(e) => {
                if let Some((f, d)) = field
                    && d == depth
                {
                    field = None;
                    store(f, &text, &mut point, &mut trk_type, &src, pos, &mut diags);
                }
                match e.local_name().as_ref().as_bytes() {
                    b"trkpt" if in_trkpt => {
                        in_trkpt = false;
                        track.push(&point, false);
                    }
                    b"trk" if in_trk => {
                        in_trk = false;
                        let totals = track.finish_session();
                        if totals.points > 0 {
                            act.sessions.push(SessionSummary {
                                sport: trk_type
                                    .as_deref()
                                    .and_then(xml::sport_name)
                                    .map(str::to_owned),
                                sub_sport: None,
                                start_time: totals.first.map(|t| t.secs),
                                total_distance_m: Some(totals.haversine_m),
                                total_timer_time_s: totals.elapsed_s().map(|_| totals.moving_s),
                                total_elapsed_time_s: totals.elapsed_s(),
                                avg_heart_rate: totals.avg_hr(),
                                max_heart_rate: totals.max_hr,
                            });
                        }
                    }
                    _ => {}
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(src.error_at_end("not a GPX file: no <gpx> element"));
    }
    if depth > 0 {
        return Err(src.error_at_end(format!(
            "unexpected end of file with {depth} element(s) still open (truncated?)"
        )));
    }
    if route_points + waypoints > 0 {
        diags.info(format!("{route_points} route point(s) and {waypoints} waypoint(s) are not track points; left out"));
    }
    act.diagnostics = diags.finish();
    act.points = track.points;
    act.samples = track.into_samples();
    act.sport = act.sessions.first().and_then(|s| s.sport.clone());
    act.start_time = act.sessions.iter().filter_map(|s| s.start_time).min();
    Ok(act)
}

fn read_position<R: BufRead>(
    e: &BytesStart<'_>,
    p: &mut Point,
    src: &xml::Source<R>,
    pos: xml::Mark,
    diags: &mut xml::Diagnostics,
) -> Result<(), XmlError> {
    let (mut lat, mut lon) = (None, None);
    for attr in e.attributes() {
        let attr =
            attr.map_err(|err| src.error(pos, format!("malformed XML: bad attribute: {err}")))?;
        match attr.key.local_name().as_ref().as_bytes() {
            b"lat" => lat = Some(xml::parse_f64(attr.value.as_bytes())),
            b"lon" => lon = Some(xml::parse_f64(attr.value.as_bytes())),
            _ => {}
        }
    }
    match (lat, lon) {
        (Some(Some(la)), Some(Some(lo)))
            if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) =>
        {
            p.lat = la;
            p.lon = lo;
        }
        _ => diags.warn(
            src,
            pos,
            "track point without a valid lat/lon; position left out".into(),
        ),
    }
    Ok(())
}

fn store<R: BufRead>(
    f: Field,
    text: &[u8],
    p: &mut Point,
    trk_type: &mut Option<String>,
    src: &xml::Source<R>,
    pos: xml::Mark,
    diags: &mut xml::Diagnostics,
) {
    let ok = match f {
        Field::Ele => xml::parse_f64(text).map(|v| p.ele = v).is_some(),
        Field::Time => xml::parse_time(text).map(|v| p.time = Some(v)).is_some(),
        Field::Hr => xml::parse_u8(text).map(|v| p.hr = Some(v)).is_some(),
        Field::Cad => xml::parse_u8(text).map(|v| p.cad = Some(v)).is_some(),
        Field::Power => xml::parse_u16(text).map(|v| p.power = Some(v)).is_some(),
        Field::Speed => xml::parse_f64(text).map(|v| p.speed = v).is_some(),
        Field::TrkType => {
            *trk_type = Some(String::from_utf8_lossy(text).into_owned());
            true
        }
    };
    if !ok {
        let shown: String = String::from_utf8_lossy(text).chars().take(40).collect();
        diags.warn(
            src,
            pos,
            format!("unreadable {f:?} value {shown:?}; left out"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_track_with_extensions() {
        let doc = br#"<?xml version="1.0"?>
<gpx version="1.1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <trk><type>running</type><trkseg>
  <trkpt lat="0" lon="0"><time>2020-01-01T00:00:00Z</time>
   <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>120</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>
  <trkpt lat="0.001" lon="0"><time>2020-01-01T00:00:10Z</time></trkpt>
 </trkseg></trk></gpx>"#;
        let a = decode(doc).expect("decodes");
        assert_eq!(a.samples.len(), 2);
        assert_eq!(a.samples.heart_rate, vec![Some(120), None]);
        assert_eq!(a.samples.cadence, vec![Some(85), None]);
        assert_eq!(a.sessions.len(), 1);
        assert_eq!(a.sport.as_deref(), Some("running"));
        assert_eq!(a.sessions[0].total_elapsed_time_s, Some(10.0));
        let d = a.sessions[0].total_distance_m.unwrap_or(0.0);
        assert!((d - 111.195).abs() < 0.01, "{d}");
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let doc = b"<gpx>\n<trk>\n<trkseg></trk>\n</gpx>";
        let e = decode(doc).expect_err("mismatched end tag");
        assert_eq!(e.line, 3, "{e}");
    }

    #[test]
    fn truncated_file_is_an_error() {
        let doc = b"<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\">";
        let e = decode(doc).expect_err("truncated");
        assert!(e.message.contains("truncated"), "{e}");
    }

    #[test]
    fn bom_and_whitespace_before_declaration() {
        let doc = b"\xEF\xBB\xBF \n <?xml version=\"1.0\"?><gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>";
        let a = decode(doc).expect("decodes");
        assert_eq!(a.samples.len(), 1);
    }
}
