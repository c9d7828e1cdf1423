//! TCX (Garmin TrainingCenterDatabase v2) reader: one session per `Activity` (and per `Course`),
//! laps from `Lap`, samples from `Trackpoint` with heart rate, cadence and the ActivityExtension
//! `TPX` values (`Speed`, `RunCadence`, `Watts`). Pure: bytes in.

use quick_xml::events::{BytesStart, Event};

use std::io::BufRead;

use crate::activity::{Activity, Format, Lap, SessionSummary, Streams};
use crate::track::{Point, Totals, TrackBuilder};
use crate::xml::{self, XmlError};

/// Which value the text of the current element holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Id,
    LapTime,
    LapDistance,
    LapAvgHr,
    LapMaxHr,
    Time,
    Lat,
    Lon,
    Alt,
    Distance,
    Hr,
    Cadence,
    RunCadence,
    Speed,
    Watts,
}

/// Which heart-rate element a `Value` child belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HrCtx {
    Point,
    LapAvg,
    LapMax,
}

/// One lap being read: the lap, its element depth and its maximum heart rate.
#[derive(Debug)]
struct LapAcc {
    lap: Lap,
    depth: u32,
    max_hr: Option<u8>,
}

/// One session being read, with what its laps say.
#[derive(Debug, Default)]
struct SessionAcc {
    depth: u32,
    course: bool,
    sport: Option<String>,
    id_time: Option<i64>,
    first_lap: usize,
    lap_max_hr: Option<u8>,
}

/// Decodes a TCX document held in memory, keeping every sample column. Malformed XML is an error
/// naming the line and byte offset; odd values become warnings and the value is left out.
pub fn decode(bytes: &[u8]) -> Result<Activity, XmlError> {
    decode_from(bytes, Streams::ALL)
}

/// Decodes a TCX document as a stream, keeping only the sample columns in `streams`: memory is a
/// constant plus those columns (and the laps), whatever the file's size.
pub fn decode_from<R: BufRead>(input: R, streams: Streams) -> Result<Activity, XmlError> {
    let mut src = xml::Source::new(input)?;
    let mut act = Activity::new(Format::Tcx);
    let mut diags = xml::Diagnostics::default();
    let mut track = TrackBuilder::new(streams);

    let mut depth: u32 = 0;
    let mut root_seen = false;
    let mut session: Option<SessionAcc> = None;
    let mut lap: Option<LapAcc> = None;
    let mut tp: Option<(Point, u32)> = None;
    let mut hr_ctx: Option<(HrCtx, u32)> = None;
    let mut field: Option<(Field, u32)> = None;
    let mut text: Vec<u8> = Vec::new();
    let mut courses = 0usize;
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
                    if name != b"TrainingCenterDatabase" {
                        let shown = String::from_utf8_lossy(name);
                        return Err(
                            src.error(pos, format!("not a TCX file: root element is <{shown}>"))
                        );
                    }
                    root_seen = true;
                }
                if empty {
                    if name == b"Trackpoint" && session.is_some() {
                        track.push(&Point::default(), true);
                    }
                    continue;
                }
                depth += 1;
                match name {
                    b"Activity" | b"Course" if session.is_none() => {
                        let course = name == b"Course";
                        courses += usize::from(course);
                        let sport = if course { None } else { sport_attr(e) };
                        track.start_segment();
                        session = Some(SessionAcc {
                            depth,
                            course,
                            sport,
                            first_lap: act.laps.len(),
                            ..SessionAcc::default()
                        });
                    }
                    b"Lap" if session.is_some() && tp.is_none() => {
                        let start_time = start_time_attr(e);
                        lap = Some(LapAcc {
                            lap: Lap {
                                start_time,
                                ..Lap::default()
                            },
                            depth,
                            max_hr: None,
                        });
                    }
                    b"Track" if session.is_some() => track.start_segment(),
                    b"Trackpoint" if session.is_some() => tp = Some((Point::default(), depth)),
                    b"HeartRateBpm" if tp.is_some() => hr_ctx = Some((HrCtx::Point, depth)),
                    b"AverageHeartRateBpm" if lap.is_some() && tp.is_none() => {
                        hr_ctx = Some((HrCtx::LapAvg, depth))
                    }
                    b"MaximumHeartRateBpm" if lap.is_some() && tp.is_none() => {
                        hr_ctx = Some((HrCtx::LapMax, depth))
                    }
                    _ if field.is_none() => {
                        let f = if tp.is_some() {
                            match name {
                                b"Time" => Some(Field::Time),
                                b"LatitudeDegrees" => Some(Field::Lat),
                                b"LongitudeDegrees" => Some(Field::Lon),
                                b"AltitudeMeters" => Some(Field::Alt),
                                b"DistanceMeters" => Some(Field::Distance),
                                b"Cadence" => Some(Field::Cadence),
                                b"RunCadence" => Some(Field::RunCadence),
                                b"Speed" => Some(Field::Speed),
                                b"Watts" => Some(Field::Watts),
                                b"Value" if hr_ctx.is_some_and(|(c, _)| c == HrCtx::Point) => {
                                    Some(Field::Hr)
                                }
                                _ => None,
                            }
                        } else if let Some(LapAcc { depth: ld, .. }) = lap {
                            match name {
                                b"TotalTimeSeconds" if depth == ld + 1 => Some(Field::LapTime),
                                b"DistanceMeters" if depth == ld + 1 => Some(Field::LapDistance),
                                b"Value" => match hr_ctx {
                                    Some((HrCtx::LapAvg, _)) => Some(Field::LapAvgHr),
                                    Some((HrCtx::LapMax, _)) => Some(Field::LapMaxHr),
                                    _ => None,
                                },
                                _ => None,
                            }
                        } else if let Some(s) = &session {
                            (name == b"Id" && depth == s.depth + 1 && !s.course)
                                .then_some(Field::Id)
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
            Event::End(_) => {
                if let Some((f, d)) = field
                    && d == depth
                {
                    field = None;
                    let ok = store(f, &text, &mut tp, &mut lap, &mut session);
                    if !ok {
                        let shown: String =
                            String::from_utf8_lossy(&text).chars().take(40).collect();
                        diags.warn(
                            &src,
                            pos,
                            format!("unreadable {f:?} value {shown:?}; left out"),
                        );
                    }
                }
                if hr_ctx.is_some_and(|(_, d)| d == depth) {
                    hr_ctx = None;
                }
                if let Some((p, d)) = tp
                    && d == depth
                {
                    tp = None;
                    if p.lat.is_nan() != p.lon.is_nan() {
                        diags.warn(
                            &src,
                            pos,
                            "track point with only one of latitude/longitude; position left out"
                                .into(),
                        );
                    }
                    track.push(&p, true);
                }
                if let Some(l) = lap.take_if(|l| l.depth == depth) {
                    if let Some(s) = &mut session {
                        s.lap_max_hr = max_opt(s.lap_max_hr, l.max_hr);
                    }
                    act.laps.push(l.lap);
                }
                if session.as_ref().is_some_and(|s| s.depth == depth)
                    && let Some(s) = session.take()
                {
                    let totals = track.finish_session();
                    if let Some(summary) = summarize(&s, &act.laps[s.first_lap..], &totals) {
                        act.sessions.push(summary);
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(src.error_at_end("not a TCX file: no <TrainingCenterDatabase> element"));
    }
    if depth > 0 {
        return Err(src.error_at_end(format!(
            "unexpected end of file with {depth} element(s) still open (truncated?)"
        )));
    }
    if courses > 0 {
        diags.info(format!(
            "{courses} course(s): a planned route, not a recorded activity"
        ));
    }
    act.diagnostics = diags.finish();
    act.points = track.points;
    act.samples = track.into_samples();
    act.sport = act.sessions.first().and_then(|s| s.sport.clone());
    act.start_time = act.sessions.iter().filter_map(|s| s.start_time).min();
    Ok(act)
}

fn max_opt(a: Option<u8>, b: Option<u8>) -> Option<u8> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn sport_attr(e: &BytesStart<'_>) -> Option<String> {
    let attr = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "Sport")?;
    let word = attr.value.into_owned();
    xml::sport_name(&word).map(str::to_owned)
}

fn start_time_attr(e: &BytesStart<'_>) -> Option<i64> {
    let attr = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "StartTime")?;
    xml::parse_time(attr.value.as_bytes()).map(|t| t.secs)
}

/// Stores one element's text; `false` when it could not be read.
fn store(
    f: Field,
    text: &[u8],
    tp: &mut Option<(Point, u32)>,
    lap: &mut Option<LapAcc>,
    session: &mut Option<SessionAcc>,
) -> bool {
    match f {
        Field::Id => {
            if let Some(s) = session {
                s.id_time = xml::parse_time(text).map(|t| t.secs);
            }
            true
        }
        Field::LapTime | Field::LapDistance | Field::LapAvgHr | Field::LapMaxHr => {
            let Some(acc) = lap else { return true };
            let l = &mut acc.lap;
            match f {
                Field::LapTime => xml::parse_f64(text)
                    .map(|v| l.total_timer_time_s = Some(v))
                    .is_some(),
                Field::LapDistance => xml::parse_f64(text)
                    .map(|v| l.total_distance_m = Some(v))
                    .is_some(),
                Field::LapAvgHr => xml::parse_u8(text)
                    .map(|v| l.avg_heart_rate = Some(v))
                    .is_some(),
                _ => xml::parse_u8(text).map(|v| acc.max_hr = Some(v)).is_some(),
            }
        }
        _ => {
            let Some((p, _)) = tp else { return true };
            match f {
                Field::Time => xml::parse_time(text).map(|v| p.time = Some(v)).is_some(),
                Field::Lat => xml::parse_f64(text)
                    .filter(|v| (-90.0..=90.0).contains(v))
                    .map(|v| p.lat = v)
                    .is_some(),
                Field::Lon => xml::parse_f64(text)
                    .filter(|v| (-180.0..=180.0).contains(v))
                    .map(|v| p.lon = v)
                    .is_some(),
                Field::Alt => xml::parse_f64(text).map(|v| p.ele = v).is_some(),
                Field::Distance => xml::parse_f64(text).map(|v| p.dist = v).is_some(),
                Field::Hr => xml::parse_u8(text).map(|v| p.hr = Some(v)).is_some(),
                Field::Cadence | Field::RunCadence => {
                    xml::parse_u8(text).map(|v| p.cad = Some(v)).is_some()
                }
                Field::Speed => xml::parse_f64(text).map(|v| p.speed = v).is_some(),
                _ => xml::parse_u16(text).map(|v| p.power = Some(v)).is_some(),
            }
        }
    }
}

/// One session from its laps and points; `None` for a course or activity with neither.
fn summarize(s: &SessionAcc, laps: &[Lap], t: &Totals) -> Option<SessionSummary> {
    if laps.is_empty() && t.points == 0 {
        return None;
    }
    let lap_dist: Option<f64> = laps
        .iter()
        .filter_map(|l| l.total_distance_m)
        .reduce(|a, b| a + b);
    let lap_time: Option<f64> = laps
        .iter()
        .filter_map(|l| l.total_timer_time_s)
        .reduce(|a, b| a + b);
    let distance = lap_dist
        .or(t.max_file_distance_m)
        .or((t.points > 0).then_some(t.haversine_m));
    let timer = lap_time
        .filter(|&v| v > 0.0)
        .or_else(|| t.elapsed_s().map(|_| t.moving_s));
    // Average heart rate: time-weighted over laps when every lap has one, else over points.
    let lap_hr = if !laps.is_empty() && laps.iter().all(|l| l.avg_heart_rate.is_some()) {
        let (mut w, mut sum) = (0.0, 0.0);
        for l in laps {
            let secs = l.total_timer_time_s.unwrap_or(0.0);
            w += secs;
            sum += secs * f64::from(l.avg_heart_rate.unwrap_or(0));
        }
        (w > 0.0).then(|| (sum / w).round().clamp(0.0, 255.0) as u8)
    } else {
        None
    };
    let start = s
        .id_time
        .or_else(|| laps.iter().find_map(|l| l.start_time))
        .or(t.first.map(|f| f.secs));
    Some(SessionSummary {
        sport: s.sport.clone(),
        sub_sport: None,
        start_time: start,
        total_distance_m: distance,
        total_timer_time_s: timer,
        total_elapsed_time_s: t.elapsed_s(),
        avg_heart_rate: lap_hr.or(t.avg_hr()),
        max_heart_rate: max_opt(s.lap_max_hr, t.max_hr),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities><Activity Sport="Running"><Id>2020-01-01T00:00:00Z</Id>
  <Lap StartTime="2020-01-01T00:00:00Z"><TotalTimeSeconds>10</TotalTimeSeconds><DistanceMeters>30</DistanceMeters>
   <AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>150</Value></MaximumHeartRateBpm>
   <Track>
    <Trackpoint><Time>2020-01-01T00:00:00Z</Time><Position><LatitudeDegrees>0</LatitudeDegrees><LongitudeDegrees>0</LongitudeDegrees></Position>
     <DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>130</Value></HeartRateBpm>
     <Extensions><TPX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Speed>3.1</Speed><RunCadence>88</RunCadence><Watts>250</Watts></TPX></Extensions></Trackpoint>
    <Trackpoint><Time>2020-01-01T00:00:10Z</Time><DistanceMeters>30</DistanceMeters><Cadence>80</Cadence></Trackpoint>
   </Track></Lap></Activity></Activities></TrainingCenterDatabase>"#;

    #[test]
    fn reads_laps_points_and_extensions() {
        let a = decode(DOC).expect("decodes");
        assert_eq!(a.sport.as_deref(), Some("running"));
        assert_eq!(a.start_time, Some(1_577_836_800));
        assert_eq!(a.laps.len(), 1);
        assert_eq!(a.samples.len(), 2);
        assert_eq!(a.samples.heart_rate, vec![Some(130), None]);
        assert_eq!(a.samples.cadence, vec![Some(88), Some(80)]);
        assert_eq!(a.samples.power_w, vec![Some(250), None]);
        assert!((a.samples.speed_m_s[0] - 3.1).abs() < 1e-9);
        assert!(a.samples.lat[1].is_nan());
        let s = &a.sessions[0];
        assert_eq!(s.total_distance_m, Some(30.0));
        assert_eq!(s.total_timer_time_s, Some(10.0));
        assert_eq!(s.avg_heart_rate, Some(140));
        assert_eq!(s.max_heart_rate, Some(150));
    }

    #[test]
    fn wrong_root_is_an_error() {
        let e = decode(b"<?xml version=\"1.0\"?>\n<gpx></gpx>").expect_err("not tcx");
        assert_eq!(e.line, 2);
    }
}
