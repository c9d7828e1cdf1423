//! GPX 1.0/1.1 reader: one session per `trk`, samples from `trkpt` with the Garmin
//! TrackPointExtension (`hr`, `cad`) and common power/speed extensions. Pure: bytes in.

use quick_xml::events::{BytesStart, Event};

use crate::activity::{Activity, Diagnostic, Format, SessionSummary, Severity};
use crate::track::{Point, TrackBuilder};
use crate::xml::{self, Lines, XmlError};

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

/// Decodes a GPX document. Malformed XML is an error naming the line and byte offset; odd values
/// (a latitude that is not a number) become warnings and the value is left out.
pub fn decode(bytes: &[u8]) -> Result<Activity, XmlError> {
    let mut lines = Lines::new(bytes);
    let (doc, skipped) = xml::skip_preamble(bytes);
    let mut reader = xml::reader(doc);
    let mut act = Activity::new(Format::Gpx);
    let mut track = TrackBuilder::default();

    let mut depth: u32 = 0;
    let mut root_seen = false;
    let mut in_trk = false;
    let mut trk_type: Option<String> = None;
    let mut in_trkpt = false;
    let mut point = Point::default();
    let mut field: Option<(Field, u32)> = None;
    let mut text: Vec<u8> = Vec::new();
    let (mut route_points, mut waypoints) = (0usize, 0usize);

    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = skipped + reader.error_position() as usize;
                return Err(lines.error(at, format!("malformed XML: {e}")));
            }
        };
        // Where the markup just read starts (its `<`), for line numbers in messages.
        let after = (reader.buffer_position() as usize).min(doc.len());
        let pos = skipped + doc[..after].iter().rposition(|&b| b == b'<').unwrap_or(0);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref().as_bytes();
                if !root_seen {
                    if name != b"gpx" {
                        let shown = String::from_utf8_lossy(name);
                        return Err(
                            lines.error(pos, format!("not a GPX file: root element is <{shown}>"))
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
                        read_position(e, &mut point, &mut lines, pos, &mut act.diagnostics)?;
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
            Event::Text(t) if field.is_some() => text.extend_from_slice(t.as_bytes()),
            Event::CData(t) if field.is_some() => text.extend_from_slice(t.as_bytes()),
            Event::GeneralRef(r) if field.is_some() => {
                // Entities in numbers are nonsense; keep them so the value fails to parse.
                text.push(b'&');
                text.extend_from_slice(r.as_bytes());
            }
            Event::End(e) => {
                if let Some((f, d)) = field
                    && d == depth
                {
                    field = None;
                    store(
                        f,
                        &text,
                        &mut point,
                        &mut trk_type,
                        &mut lines,
                        pos,
                        &mut act.diagnostics,
                    );
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
    let end = bytes.len();
    if !root_seen {
        return Err(lines.error(end, "not a GPX file: no <gpx> element"));
    }
    if depth > 0 {
        return Err(lines.error(
            end,
            format!("unexpected end of file with {depth} element(s) still open (truncated?)"),
        ));
    }
    if route_points + waypoints > 0 {
        act.diagnostics.push(Diagnostic {
            severity: Severity::Info,
            offset: None,
            line: None,
            message: format!("{route_points} route point(s) and {waypoints} waypoint(s) are not track points; left out"),
        });
    }
    act.samples = track.into_samples();
    act.sport = act.sessions.first().and_then(|s| s.sport.clone());
    act.start_time = act.sessions.iter().filter_map(|s| s.start_time).min();
    Ok(act)
}

fn warn(diags: &mut Vec<Diagnostic>, lines: &mut Lines<'_>, pos: usize, message: String) {
    diags.push(Diagnostic {
        severity: Severity::Warning,
        offset: Some(pos as u64),
        line: Some(lines.line_of(pos)),
        message,
    });
}

fn read_position(
    e: &BytesStart<'_>,
    p: &mut Point,
    lines: &mut Lines<'_>,
    pos: usize,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), XmlError> {
    let (mut lat, mut lon) = (None, None);
    for attr in e.attributes() {
        let attr =
            attr.map_err(|err| lines.error(pos, format!("malformed XML: bad attribute: {err}")))?;
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
        _ => warn(
            diags,
            lines,
            pos,
            "track point without a valid lat/lon; position left out".into(),
        ),
    }
    Ok(())
}

fn store(
    f: Field,
    text: &[u8],
    p: &mut Point,
    trk_type: &mut Option<String>,
    lines: &mut Lines<'_>,
    pos: usize,
    diags: &mut Vec<Diagnostic>,
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
        warn(
            diags,
            lines,
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
