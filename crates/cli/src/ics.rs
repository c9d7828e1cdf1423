//! iCalendar (RFC 5545) export of a plan: one VEVENT per session with a stable UID, local times in
//! the athlete's time zone (with a VTIMEZONE built from the bundled tz database), and the
//! prescription and the reasons in the description. Written by hand: CRLF line ends, TEXT escaping
//! and line folding at 75 octets (docs/paces.md, "Calendar export").

use std::collections::HashMap;

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use runlift_model::paces::{self, Paces};
use runlift_model::plan::{AthleteRef, ExerciseRx, Plan, Session};
use runlift_model::profile::{Profile, SlotTimes};
use runlift_model::structure::{self, Zone};

/// One session to export, with the planner's reasons for it (empty for a hand-written plan).
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    pub session: &'a Session,
    pub why: &'a [String],
}

/// The plan as an iCalendar file, stamped now. The athlete is `profile`, else the plan's inline
/// athlete; without one, times are UTC at the default slot times (07:00 and 18:00).
// `runlift plan --format ics` calls `events_to_ics` (with each session's why); this is for a plan
// read from a file, which has no why.
#[allow(dead_code)]
pub fn plan_to_ics(plan: &Plan, profile: Option<&Profile>) -> String {
    let inline = match &plan.athlete {
        Some(AthleteRef::Inline(p)) => Some(p.as_ref()),
        _ => None,
    };
    let events: Vec<Event> = plan
        .sessions
        .iter()
        .map(|s| Event {
            session: s,
            why: &[],
        })
        .collect();
    events_to_ics(&events, profile.or(inline), Timestamp::now())
}

/// The sessions as an iCalendar file, with `stamp` as DTSTAMP (and, in whole minutes since 2020,
/// as SEQUENCE, so a regenerated plan supersedes the events of an earlier import).
pub fn events_to_ics(events: &[Event], profile: Option<&Profile>, stamp: Timestamp) -> String {
    let zone = profile
        .and_then(|p| p.tz.as_deref())
        .and_then(|name| TimeZone::get(name).ok().map(|tz| (name, tz)));
    let times = profile.map(|p| p.times).unwrap_or_default();
    let paces = profile.and_then(athlete_paces);
    let athlete = profile.and_then(|p| p.name.as_deref()).map(slug);

    let mut ics = Ics::default();
    ics.line("BEGIN:VCALENDAR");
    ics.line("VERSION:2.0");
    ics.line("PRODID:-//runlift//runlift plan//EN");
    ics.line("CALSCALE:GREGORIAN");
    ics.line("METHOD:PUBLISH");
    // Readers disagree on whether X- properties are escaped TEXT: keep the name free of the
    // characters that would need it.
    let cal_name = match profile.and_then(|p| p.name.as_deref()) {
        Some(n) => format!("runlift plan: {n}")
            .chars()
            .filter(|c| !matches!(c, ',' | ';' | '\\') && !c.is_control())
            .collect(),
        None => "runlift plan".to_string(),
    };
    ics.prop("X-WR-CALNAME", &cal_name);

    let placed = place(events, &times);
    if let Some((name, tz)) = &zone {
        ics.prop("X-WR-TIMEZONE", name);
        if let (Some(first), Some(last)) = (
            placed.iter().map(|p| p.start).min(),
            placed.iter().map(|p| p.end).max(),
        ) {
            vtimezone(&mut ics, name, tz, first, last);
        }
    }

    let dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ").to_string();
    let sequence = (stamp.as_second() - 1_577_836_800).max(0) / 60;
    let mut ordinals: HashMap<(Date, &str, &str), u32> = HashMap::new();
    for (ev, p) in events.iter().zip(&placed) {
        let s = ev.session;
        let n = ordinals
            .entry((s.date, s.slot.word(), s.kind.code()))
            .or_insert(0);
        *n += 1;
        ics.line("BEGIN:VEVENT");
        ics.prop("UID", &uid(s, *n, athlete.as_deref()));
        ics.prop("DTSTAMP", &dtstamp);
        ics.prop("SEQUENCE", &sequence.to_string());
        match &zone {
            Some((name, _)) => {
                ics.prop(&format!("DTSTART;TZID={name}"), &local(p.start));
                ics.prop(&format!("DTEND;TZID={name}"), &local(p.end));
            }
            None => {
                ics.prop("DTSTART", &format!("{}Z", local(p.start)));
                ics.prop("DTEND", &format!("{}Z", local(p.end)));
            }
        }
        ics.prop("SUMMARY", &text(&summary(s)));
        ics.prop(
            "DESCRIPTION",
            &text(&description(s, ev.why, paces.as_ref())),
        );
        let category = if s.kind.is_run() {
            "Running"
        } else if s.kind == runlift_model::Kind::Mob {
            "Mobility"
        } else {
            "Strength"
        };
        ics.prop("CATEGORIES", category);
        ics.line("TRANSP:OPAQUE");
        ics.line("END:VEVENT");
    }
    ics.line("END:VCALENDAR");
    ics.out
}

/// The calendar text: content lines folded at 75 octets, each ended by CRLF.
#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    fn prop(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    /// RFC 5545 §3.1: lines longer than 75 octets are split (never inside a UTF-8 character) and
    /// continued on the next line after a single space.
    fn line(&mut self, line: &str) {
        let mut room = 75;
        let mut used = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if used + len > room {
                self.out.push_str("\r\n ");
                room = 74;
                used = 0;
            }
            self.out.push(c);
            used += len;
        }
        self.out.push_str("\r\n");
    }
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// `runlift-20261124-am-run-int-1[-athlete]@runlift`: from the date, slot, kind and the ordinal of
/// that kind within the slot, so regenerating a plan keeps the UIDs of unchanged sessions.
fn uid(s: &Session, n: u32, athlete: Option<&str>) -> String {
    let mut u = format!(
        "runlift-{}-{}-{}-{n}",
        s.date.strftime("%Y%m%d"),
        s.slot.word(),
        s.kind.code().to_ascii_lowercase().replace('_', "-")
    );
    if let Some(a) = athlete.filter(|a| !a.is_empty()) {
        u.push('-');
        u.push_str(a);
    }
    u.push_str("@runlift");
    u
}

/// Lower-case ASCII letters and digits, other runs of characters as one `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A session's local start and end.
struct Placed {
    start: DateTime,
    end: DateTime,
}

/// Start times: the session's own `start`, else its slot's time, after any earlier session of the
/// same day and slot.
fn place(events: &[Event], times: &SlotTimes) -> Vec<Placed> {
    let mut cursor: HashMap<(Date, &str), DateTime> = HashMap::new();
    events
        .iter()
        .map(|ev| {
            let s = ev.session;
            let at = |m: u16| {
                let m = i64::from(m.min(24 * 60 - 1));
                s.date.at((m / 60) as i8, (m % 60) as i8, 0, 0)
            };
            let key = (s.date, s.slot.word());
            let start = match s.start {
                Some(m) => at(m),
                None => {
                    let slot = at(times.of(s.slot));
                    cursor.get(&key).map_or(slot, |c| slot.max(*c))
                }
            };
            let minutes = SignedDuration::from_mins(i64::from(s.minutes));
            let end = start.checked_add(minutes).unwrap_or(start);
            cursor.insert(key, end);
            Placed { start, end }
        })
        .collect()
}

fn local(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

/// `+0100`, `-0330`, `+005328` (seconds only when there are any).
fn utc_offset(o: Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    let mut out = format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60);
    if !a.is_multiple_of(60) {
        out.push_str(&format!("{:02}", a % 60));
    }
    out
}

/// The VTIMEZONE of `tz` covering `first`..`last` (local times): the observance in force at the
/// start and one per transition up to the end, each with its explicit onset (no RRULE), so it is
/// exact for the plan's dates whatever the zone's history.
fn vtimezone(ics: &mut Ics, name: &str, tz: &TimeZone, first: DateTime, last: DateTime) {
    // A day either side covers any offset.
    let ts = |dt: DateTime, days: i64| {
        dt.to_zoned(TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .saturating_add(SignedDuration::from_hours(24 * days))
            .unwrap_or(Timestamp::UNIX_EPOCH)
    };
    let (from, to) = (ts(first, -1), ts(last, 1));
    ics.line("BEGIN:VTIMEZONE");
    ics.prop("TZID", name);
    let observance = |ics: &mut Ics, at: Timestamp, dst: bool, abbr: &str| {
        let before = tz.to_offset(
            at.saturating_sub(SignedDuration::from_secs(1))
                .unwrap_or(at),
        );
        let after = tz.to_offset(at);
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        ics.line(&format!("BEGIN:{kind}"));
        ics.prop("DTSTART", &local(before.to_datetime(at)));
        ics.prop("TZOFFSETFROM", &utc_offset(before));
        ics.prop("TZOFFSETTO", &utc_offset(after));
        if !abbr.is_empty() {
            ics.prop("TZNAME", &text(abbr));
        }
        ics.line(&format!("END:{kind}"));
    };
    match tz
        .preceding(
            from.saturating_add(SignedDuration::from_secs(1))
                .unwrap_or(from),
        )
        .next()
    {
        Some(t) => observance(ics, t.timestamp(), t.dst().is_dst(), t.abbreviation()),
        None => {
            // No transition before: a fixed offset since 1970.
            let info = tz.to_offset_info(from);
            let o = utc_offset(info.offset());
            ics.line("BEGIN:STANDARD");
            ics.prop("DTSTART", "19700101T000000");
            ics.prop("TZOFFSETFROM", &o);
            ics.prop("TZOFFSETTO", &o);
            if !info.abbreviation().is_empty() {
                ics.prop("TZNAME", &text(info.abbreviation()));
            }
            ics.line("END:STANDARD");
        }
    }
    for t in tz.following(from).take_while(|t| t.timestamp() <= to) {
        observance(ics, t.timestamp(), t.dst().is_dst(), t.abbreviation());
    }
    ics.line("END:VTIMEZONE");
}

/// The athlete's paces: the profile's VDOT, else its recent race.
fn athlete_paces(p: &Profile) -> Option<Paces> {
    let vdot = match (p.vdot, &p.recent_race) {
        (Some(v), _) => Some(v),
        (None, Some(r)) => paces::recent_race_vdot(r.distance.metres(), &r.time).ok(),
        _ => None,
    }?;
    paces::TrainingPaces::at(vdot).ok().map(|t| t.rounded(0))
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `Intervals · 5 x 1000 m @ I` (a hard run: its quality segments), `Long run · 100 min E + 20 min
/// @ M` (other runs: the whole structure), `Heavy lift · Back squat, Romanian deadlift` (the first
/// three exercises), else the title, else the minutes. Recoveries are left to the description.
fn summary(s: &Session) -> String {
    let head = capitalised(s.kind.name());
    let no_recovery = |g: &structure::Segment| {
        structure::Segment {
            recovery: None,
            ..*g
        }
        .to_string()
    };
    let title = s
        .title
        .as_deref()
        .filter(|t| !t.eq_ignore_ascii_case(s.kind.name()));
    let detail = if let Some(st) = s.structure.as_deref() {
        match structure::parse(st) {
            Ok(parsed) => {
                let quality: Vec<String> = parsed
                    .segments
                    .iter()
                    .filter(|g| matches!(g.zone, Some(z) if z != Zone::E))
                    .map(no_recovery)
                    .collect();
                if s.kind.is_hi_run() && !quality.is_empty() {
                    quality.join(" + ")
                } else {
                    let all: Vec<String> = parsed.segments.iter().map(no_recovery).collect();
                    all.join(" + ")
                }
            }
            Err(_) => st.to_string(),
        }
    } else if !s.exercises.is_empty() {
        let names: Vec<String> = s
            .exercises
            .iter()
            .map(|e| capitalised(&e.id.get().name))
            .take(3)
            .collect();
        let more = if s.exercises.len() > 3 { ", …" } else { "" };
        format!("{}{more}", names.join(", "))
    } else if let Some(t) = title {
        t.to_string()
    } else {
        format!("{} min", s.minutes)
    };
    format!("{head} · {detail}")
}

fn clock(s: u32) -> String {
    format!("{}:{:02}", s / 60, s % 60)
}

/// `Back squat: 3 × 5 @ 80% 1RM (60 kg), rest 3 min`.
fn exercise_line(e: &ExerciseRx) -> String {
    let mut s = format!("{}: {} × ", capitalised(&e.id.get().name), e.sets);
    match (e.reps, e.hold_s) {
        (Some(r), _) => s.push_str(&r.to_string()),
        (None, Some(h)) => s.push_str(&format!("{h} s")),
        _ => s.push('1'),
    }
    if let Some(p) = e.pct_1rm {
        s.push_str(&format!(" @ {p}% 1RM"));
    }
    if let Some(k) = e.kg {
        s.push_str(&format!(" ({k} kg)"));
    }
    if let Some(r) = e.rir {
        s.push_str(&format!(", RIR {r}"));
    }
    if let Some(r) = e.rpe {
        s.push_str(&format!(", RPE {r}"));
    }
    if let Some(t) = &e.tempo {
        s.push_str(&format!(", tempo {t}"));
    }
    if let Some(c) = e.contacts {
        s.push_str(&format!(", {c} contacts"));
    }
    if let Some(p) = e.pair {
        s.push_str(&format!(", then {}", p.get().name));
    }
    if let Some(r) = e.rest_s {
        if r >= 60 && r.is_multiple_of(60) {
            s.push_str(&format!(", rest {} min", r / 60));
        } else {
            s.push_str(&format!(", rest {r} s"));
        }
    }
    s
}

/// The prescription: kind, minutes, distance and effort; the structure with the paces of its
/// zones; the exercises; and why.
fn description(s: &Session, why: &[String], paces: Option<&Paces>) -> String {
    let mut lines = Vec::new();
    let mut head = format!(
        "{} ({}), {} min",
        capitalised(s.kind.name()),
        s.kind.code(),
        s.minutes
    );
    if let Some(d) = s.distance_m {
        head.push_str(&format!(", {:.1} km", d / 1000.0));
    }
    if let Some(r) = s.rpe {
        head.push_str(&format!(", RPE {r}"));
    }
    lines.push(head);
    if let Some(t) = s
        .title
        .as_deref()
        .filter(|t| !t.eq_ignore_ascii_case(s.kind.name()))
    {
        lines.push(t.to_string());
    }
    if let Some(st) = &s.structure {
        lines.push(format!("Structure: {st}"));
        if let (Some(p), Ok(parsed)) = (paces, structure::parse(st)) {
            let mut zones: Vec<Zone> = parsed
                .segments
                .iter()
                .map(|g| g.zone.unwrap_or(Zone::E))
                .collect();
            zones.sort();
            zones.dedup();
            let text: Vec<String> = zones
                .iter()
                .map(|z| {
                    let r = p.zone(*z);
                    if *z == Zone::E {
                        format!("E {}–{}", clock(r.fast_s_per_km), clock(r.slow_s_per_km))
                    } else {
                        format!("{z} {}", clock(r.slow_s_per_km))
                    }
                })
                .collect();
            lines.push(format!("Paces per km: {}", text.join(", ")));
        }
    }
    if let Some(t) = s.test {
        lines.push(format!("Test: {t}"));
    }
    if !s.exercises.is_empty() {
        lines.push("Exercises:".to_string());
        lines.extend(
            s.exercises
                .iter()
                .map(|e| format!("- {}", exercise_line(e))),
        );
    }
    if !why.is_empty() {
        lines.push("Why:".to_string());
        lines.extend(why.iter().map(|w| format!("- {w}")));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(json: &str) -> Plan {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn lines_fold_at_75_octets_without_splitting_characters() {
        let mut ics = Ics::default();
        let long = format!("DESCRIPTION:{}", "é→x".repeat(60));
        ics.line(&long);
        let lines: Vec<&str> = ics.out.split("\r\n").collect();
        assert_eq!(lines.last(), Some(&""));
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Unfolding gives the line back.
        assert_eq!(ics.out.replace("\r\n ", "").trim_end(), long);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn uids_count_the_kind_within_the_slot() {
        let p = plan(
            r#"{"sessions": [
                {"date": "2026-11-24", "slot": "am", "minutes": 20, "kind": "MOB"},
                {"date": "2026-11-24", "slot": "am", "minutes": 30, "kind": "MOB"}]}"#,
        );
        let ics = events_to_ics(
            &p.sessions
                .iter()
                .map(|s| Event {
                    session: s,
                    why: &[],
                })
                .collect::<Vec<_>>(),
            None,
            Timestamp::UNIX_EPOCH,
        );
        assert!(ics.contains("UID:runlift-20261124-am-mob-1@runlift\r\n"));
        assert!(ics.contains("UID:runlift-20261124-am-mob-2@runlift\r\n"));
        // UTC without a profile; the second session follows the first.
        assert!(ics.contains("DTSTART:20261124T070000Z\r\nDTEND:20261124T072000Z\r\n"));
        assert!(ics.contains("DTSTART:20261124T072000Z\r\nDTEND:20261124T075000Z\r\n"));
        assert!(!ics.contains("VTIMEZONE"));
    }
    /// Python's `icalendar` package (pinned in tools/requirements.txt, found through
    /// RUNLIFT_PYTHON) reads the file and reports what it sees as JSON; `None` (the cross-check
    /// reported as skipped, a failure on CI) without it.
    fn parse_with_python(ics: &str) -> Option<serde_json::Value> {
        use std::process::Command;
        let python = runlift_testkit::python("cross-check with Python's icalendar")?;
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("runlift-ics-{}-{n}.ics", std::process::id()));
        std::fs::write(&path, ics).unwrap();
        let script = r#"
import datetime, json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
utc = datetime.timezone.utc
# Time zones built from the file's own VTIMEZONE blocks, not looked up by name.
own = {str(t["TZID"]): t.to_tz(lookup_tzid=False) for t in cal.walk("VTIMEZONE")}
events = []
for ev in cal.walk("VEVENT"):
    s, e = ev["DTSTART"], ev["DTEND"]
    tzid = s.params.get("TZID")
    rec = {
        "uid": str(ev["UID"]),
        "tzid": tzid,
        "end_tzid": e.params.get("TZID"),
        "start_local": s.dt.replace(tzinfo=None).isoformat(),
        "start_utc": s.dt.astimezone(utc).isoformat(),
        "end_utc": e.dt.astimezone(utc).isoformat(),
        "summary": str(ev["SUMMARY"]),
        "description": str(ev["DESCRIPTION"]),
        "sequence": int(ev["SEQUENCE"]),
        "dtstamp": ev["DTSTAMP"].dt.astimezone(utc).isoformat(),
    }
    if tzid:
        rec["start_utc_own_vtimezone"] = (
            s.dt.replace(tzinfo=None).replace(tzinfo=own[tzid]).astimezone(utc).isoformat()
        )
    events.append(rec)
print(json.dumps({"calname": str(cal["X-WR-CALNAME"]), "vtimezones": sorted(own), "events": events}))
"#;
        let out = Command::new(&python)
            .arg("-c")
            .arg(script)
            .arg(&path)
            .output()
            .expect("run the tools' python");
        let _ = std::fs::remove_file(&path);
        assert!(
            out.status.success(),
            "python icalendar: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(serde_json::from_slice(&out.stdout).unwrap())
    }

    fn sample() -> (Profile, Plan) {
        let profile: Profile = serde_json::from_str(
            r#"{"name": "Ana; Test, runner", "weekly_km": 40, "goal": "10k",
                "tz": "Europe/Paris", "vdot": 45, "times": {"am": "06:30", "pm": "18:30"}}"#,
        )
        .unwrap();
        // Around the end of summer time in Paris (2026-10-25, 03:00 CEST → 02:00 CET).
        let plan = plan(
            r#"{"sessions": [
            {"date": "2026-10-24", "slot": "am", "minutes": 60, "kind": "RUN_INT",
             "distance_m": 10000, "rpe": 8,
             "structure": "2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E"},
            {"date": "2026-10-24", "slot": "pm", "minutes": 50, "kind": "STR_HEAVY",
             "exercises": [
               {"id": "back-squat", "sets": 3, "reps": 5, "pct_1rm": 80, "kg": 60, "rest_s": 180},
               {"id": "romanian-deadlift", "sets": 3, "reps": 8, "rir": 2, "rest_s": 90}]},
            {"date": "2026-10-26", "slot": "am", "minutes": 45, "kind": "RUN_EASY",
             "structure": "45 min E"},
            {"date": "2026-10-26", "slot": "am", "minutes": 15, "kind": "MOB"},
            {"date": "2026-10-27", "slot": "pm", "start": "22:30", "minutes": 120,
             "kind": "RUN_LONG", "structure": "100 min E + 20 min @ M"}]}"#,
        );
        (profile, plan)
    }

    #[test]
    fn parsed_back_by_an_independent_parser() {
        let (profile, plan) = sample();
        let why = vec![
            "Hard run in the AM and the heavy lift at least 6 h later (R-SEP-6H); keeps \
             Sunday's long run fresh — a reason long enough to need folding, with commas; \
             semicolons and a backslash \\ too"
                .to_string(),
            "Phase: preparation, week 3".to_string(),
        ];
        let events: Vec<Event> = plan
            .sessions
            .iter()
            .enumerate()
            .map(|(k, s)| Event {
                session: s,
                why: if k < 2 { &why } else { &[] },
            })
            .collect();
        let stamp: Timestamp = "2026-10-01T12:00:00Z".parse().unwrap();
        let ics = events_to_ics(&events, Some(&profile), stamp);

        // Wire format: CRLF only, no line over 75 octets, one VTIMEZONE.
        assert!(!ics.replace("\r\n", "").contains('\n'));
        assert!(ics.split("\r\n").all(|l| l.len() <= 75));
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));
        assert!(ics.contains("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"));

        let Some(got) = parse_with_python(&ics) else {
            return;
        };
        assert_eq!(got["calname"], "runlift plan: Ana Test runner");
        assert_eq!(got["vtimezones"], serde_json::json!(["Europe/Paris"]));
        let evs = got["events"].as_array().unwrap();
        assert_eq!(evs.len(), plan.sessions.len());
        let uids: Vec<&str> = evs.iter().map(|e| e["uid"].as_str().unwrap()).collect();
        assert_eq!(
            uids,
            [
                "runlift-20261024-am-run-int-1-ana-test-runner@runlift",
                "runlift-20261024-pm-str-heavy-1-ana-test-runner@runlift",
                "runlift-20261026-am-run-easy-1-ana-test-runner@runlift",
                "runlift-20261026-am-mob-1-ana-test-runner@runlift",
                "runlift-20261027-pm-run-long-1-ana-test-runner@runlift",
            ]
        );
        // Local slot times in Paris: +02:00 before the change, +01:00 after; the mobility session
        // follows the easy run; the late long run ends after midnight.
        let utc = [
            ("2026-10-24T04:30:00+00:00", "2026-10-24T05:30:00+00:00"),
            ("2026-10-24T16:30:00+00:00", "2026-10-24T17:20:00+00:00"),
            ("2026-10-26T05:30:00+00:00", "2026-10-26T06:15:00+00:00"),
            ("2026-10-26T06:15:00+00:00", "2026-10-26T06:30:00+00:00"),
            ("2026-10-27T21:30:00+00:00", "2026-10-27T23:30:00+00:00"),
        ];
        for (e, (start, end)) in evs.iter().zip(utc) {
            assert_eq!(e["tzid"], "Europe/Paris", "{e}");
            assert_eq!(e["end_tzid"], "Europe/Paris", "{e}");
            assert_eq!(e["start_utc"], start, "{e}");
            assert_eq!(e["end_utc"], end, "{e}");
            // The file's own VTIMEZONE gives the same instant as the tz database.
            assert_eq!(e["start_utc_own_vtimezone"], start, "{e}");
            assert_eq!(e["dtstamp"], "2026-10-01T12:00:00+00:00");
            assert_eq!(e["sequence"], (stamp.as_second() - 1_577_836_800) / 60);
        }
        assert_eq!(evs[0]["start_local"], "2026-10-24T06:30:00");
        assert_eq!(evs[0]["summary"], "Intervals · 5 x 1000 m @ I");
        assert_eq!(
            evs[1]["summary"],
            "Heavy lift · Back squat, Romanian deadlift"
        );
        assert_eq!(evs[2]["summary"], "Easy run · 45 min E");
        assert_eq!(evs[4]["summary"], "Long run · 100 min E + 20 min @ M");
        assert_eq!(evs[3]["summary"], "Mobility · 15 min");
        // Descriptions come back exactly as written, escapes and folds undone.
        for (e, ev) in evs.iter().zip(&events) {
            let paces = athlete_paces(&profile);
            assert_eq!(
                e["description"],
                description(ev.session, ev.why, paces.as_ref()),
                "{e}"
            );
        }
        let d0 = evs[0]["description"].as_str().unwrap();
        assert!(
            d0.starts_with("Intervals (RUN_INT), 60 min, 10.0 km, RPE 8\n"),
            "{d0}"
        );
        assert!(d0.contains("\nPaces per km: E 5:23–6:03, I 4:16\n"), "{d0}");
        assert!(d0.contains("\nWhy:\n- Hard run in the AM"), "{d0}");
        let d1 = evs[1]["description"].as_str().unwrap();
        assert!(
            d1.contains("\n- Back squat: 3 × 5 @ 80% 1RM (60 kg), rest 3 min\n"),
            "{d1}"
        );
        assert!(
            d1.contains("\n- Romanian deadlift: 3 × 8, RIR 2, rest 90 s\n"),
            "{d1}"
        );
    }

    #[test]
    fn without_a_time_zone_times_are_utc() {
        let (mut profile, plan) = sample();
        profile.tz = None;
        let events: Vec<Event> = plan
            .sessions
            .iter()
            .map(|s| Event {
                session: s,
                why: &[],
            })
            .collect();
        let ics = events_to_ics(&events, Some(&profile), Timestamp::UNIX_EPOCH);
        assert!(!ics.contains("VTIMEZONE") && !ics.contains("TZID"));
        let Some(got) = parse_with_python(&ics) else {
            return;
        };
        let evs = got["events"].as_array().unwrap();
        assert_eq!(evs.len(), 5);
        assert_eq!(evs[0]["tzid"], serde_json::Value::Null);
        assert_eq!(evs[0]["start_utc"], "2026-10-24T06:30:00+00:00");
        assert_eq!(evs[4]["end_utc"], "2026-10-28T00:30:00+00:00");
        // An unknown zone name falls back to UTC too.
        profile.tz = Some("Mars/Olympus".to_string());
        assert_eq!(
            events_to_ics(&events, Some(&profile), Timestamp::UNIX_EPOCH),
            ics
        );
    }
    #[test]
    fn plan_to_ics_uses_the_plans_inline_athlete() {
        let plan = plan(
            r#"{"athlete": {"weekly_km": 30, "goal": "5k", "tz": "Asia/Tokyo"},
                "sessions": [{"date": "2026-11-24", "slot": "pm", "minutes": 40,
                              "kind": "RUN_EASY"}]}"#,
        );
        let ics = plan_to_ics(&plan, None);
        assert!(
            ics.contains("DTSTART;TZID=Asia/Tokyo:20261124T180000\r\n"),
            "{ics}"
        );
        // No change since 1951: one observance, the last transition (JDT → JST).
        assert!(
            ics.contains("DTSTART:19510909T010000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+0900\r\n"),
            "{ics}"
        );
        assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1);
        assert!(!ics.contains("DAYLIGHT"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        let Some(got) = parse_with_python(&ics) else {
            return;
        };
        assert_eq!(got["events"][0]["start_utc"], "2026-11-24T09:00:00+00:00");
        assert_eq!(
            got["events"][0]["start_utc_own_vtimezone"],
            "2026-11-24T09:00:00+00:00"
        );
    }
}
