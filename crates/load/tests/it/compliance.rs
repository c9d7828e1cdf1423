//! Planned versus done over a worked week: same-day matches by family and start, a run moved
//! within the week, strength counted by sets and volume load, missed, unplanned and upcoming
//! sessions, and the week's colour; and the strength history the planner takes its maxes from.

use jiff::civil::{Date, date};
use runlift_load::compliance::{How, Measure, Status, compliance, match_sessions, status_of};
use runlift_load::maxes::StrengthHistory;
use runlift_model::Kind;
use runlift_model::library::library;
use runlift_model::log::{
    DoneSession, Id, LiftSet, Load, Manual, Start, TestEntry, TestResult, parse_set,
};
use runlift_model::planned::PlannedSession;

fn planned(id: &str, d: Date, start_h: u16, kind: Kind, minutes: f64) -> PlannedSession {
    PlannedSession {
        id: id.into(),
        date: d,
        start_min: start_h * 60,
        kind,
        minutes,
        distance_m: None,
        sets: 0,
        volume_kg: None,
    }
}

fn done(id: &str, d: Date, start_h: Option<u16>, kind: Kind, minutes: f64) -> DoneSession {
    let mut s = DoneSession::new(d, kind, minutes * 60.0);
    s.id = Id(id.into());
    s.start = start_h.map(|h| Start {
        minute: h * 60,
        utc_offset_min: 0,
    });
    s
}

fn sets(texts: &[&str]) -> Vec<LiftSet> {
    texts.iter().map(|t| parse_set(t).expect("set")).collect()
}

/// Mon 30 Nov – Sun 6 Dec 2026.
fn week() -> (Vec<PlannedSession>, Vec<DoneSession>) {
    let mut lift = planned("p_tue", date(2026, 12, 1), 18, Kind::StrHeavy, 40.0);
    lift.sets = 3;
    lift.volume_kg = Some(3.0 * 5.0 * 80.0);
    let plan = vec![
        planned("p_mon", date(2026, 11, 30), 7, Kind::RunEasy, 45.0),
        lift,
        planned("p_wed", date(2026, 12, 2), 7, Kind::RunInt, 60.0),
        planned("p_thu", date(2026, 12, 3), 7, Kind::RunEasy, 40.0),
        planned("p_sat", date(2026, 12, 5), 8, Kind::RunLong, 90.0),
        planned("p_sun", date(2026, 12, 6), 9, Kind::Mob, 20.0),
    ];
    let mut tue = done("s_tue", date(2026, 12, 1), Some(18), Kind::StrHeavy, 40.0);
    tue.sets = sets(&["back-squat:5x80", "back-squat:5x80"]);
    let log = vec![
        done("s_mon", date(2026, 11, 30), Some(7), Kind::RunEasy, 50.0),
        tue,
        done("s_thu", date(2026, 12, 3), None, Kind::RunInt, 55.0),
        done("s_fri", date(2026, 12, 4), Some(17), Kind::RunLong, 100.0),
        done("s_sun", date(2026, 12, 6), Some(8), Kind::StrLight, 20.0),
    ];
    (plan, log)
}

#[test]
fn a_worked_week() {
    let (plan, log) = week();
    let weeks = compliance(&plan, &log, date(2026, 12, 6));
    assert_eq!(weeks.len(), 1);
    let w = &weeks[0];
    assert_eq!(w.monday, date(2026, 11, 30));
    let row = |id: &str| {
        w.sessions
            .iter()
            .find(|s| {
                s.planned.as_deref() == Some(id) || s.done.as_ref().map(|d| d.as_str()) == Some(id)
            })
            .unwrap_or_else(|| panic!("{id}"))
    };
    // Monday: 50 of 45 minutes = 111 %: green.
    let mon = row("p_mon");
    assert_eq!((mon.status, mon.how), (Status::Green, Some(How::SameDay)));
    assert!((mon.ratio.expect("ratio") - 50.0 / 45.0).abs() < 1e-9);
    // Tuesday: 2 of 3 sets and 800 of 1200 kg: 67 %, yellow, measured by sets.
    let tue = row("p_tue");
    assert_eq!(
        (tue.status, tue.measure),
        (Status::Yellow, Some(Measure::Sets))
    );
    let s = tue.sets.expect("sets");
    assert_eq!((s.planned_sets, s.done_sets, s.done_kg), (3, 2, 800.0));
    // Thursday's intervals are Thursday's run (same day, same family): 55 of 40 = 138 %.
    let thu = row("p_thu");
    assert_eq!(thu.done.as_ref().map(Id::as_str), Some("s_thu"));
    assert_eq!(thu.status, Status::Yellow);
    // Friday's long run was Saturday's, moved (its own kind before Wednesday's nearer run).
    let sat = row("p_sat");
    assert_eq!(sat.done.as_ref().map(Id::as_str), Some("s_fri"));
    assert_eq!((sat.how, sat.status), (Some(How::Moved), Status::Green));
    assert_eq!(sat.date, date(2026, 12, 4));
    assert_eq!(row("p_wed").status, Status::Missed);
    // Today's mobility is not done yet: upcoming, not counted in the week.
    assert_eq!(row("p_sun").status, Status::Upcoming);
    // The light lift on Sunday has no strength session planned that day.
    assert_eq!(row("s_sun").status, Status::Unplanned);
    let c = w.counts;
    assert_eq!(
        (
            c.green,
            c.yellow,
            c.red,
            c.missed,
            c.unplanned,
            c.upcoming,
            c.moved
        ),
        (2, 2, 0, 1, 1, 1, 1)
    );
    // Week: 265 minutes done of 275 planned (45 + 40 + 60 + 40 + 90) = 96 %: green.
    assert_eq!((w.planned_minutes, w.done_minutes), (275.0, 265.0));
    assert_eq!(w.status, Some(Status::Green));
    // Rows in date order.
    let dates: Vec<Date> = w.sessions.iter().map(|s| s.date).collect();
    assert!(dates.windows(2).all(|p| p[0] <= p[1]), "{dates:?}");
}

#[test]
fn the_nearest_start_wins_on_a_day_with_two_runs() {
    let d = date(2026, 12, 2);
    let plan = vec![
        planned("am", d, 7, Kind::RunEasy, 30.0),
        planned("pm", d, 18, Kind::RunTempo, 50.0),
    ];
    // Done in the evening first, then the morning: each goes to the nearer start.
    let log = vec![
        done("late", d, Some(19), Kind::RunEasy, 30.0),
        done("early", d, Some(6), Kind::RunTempo, 50.0),
    ];
    let m = match_sessions(&plan, &log);
    assert_eq!(m.planned_of, vec![Some(1), Some(0)]);
    // Without starts the kind breaks the tie.
    let log = vec![
        done("a", d, None, Kind::RunTempo, 50.0),
        done("b", d, None, Kind::RunEasy, 30.0),
    ];
    assert_eq!(
        match_sessions(&plan, &log).planned_of,
        vec![Some(1), Some(0)]
    );
}

#[test]
fn links_corrected_kinds_and_other_weeks() {
    let plan = vec![
        planned("p1", date(2026, 12, 2), 7, Kind::RunInt, 60.0),
        planned("p2", date(2026, 12, 9), 7, Kind::RunInt, 60.0),
    ];
    // A link wins over the same-day match.
    let mut a = done("a", date(2026, 12, 2), Some(7), Kind::RunInt, 60.0);
    a.planned = Some("p2".into());
    // A strength session recorded by the watch, corrected to a run, is matched as a run.
    let mut b = done("b", date(2026, 12, 2), Some(7), Kind::StrLight, 58.0);
    b.manual = Manual {
        kind: Some(Kind::RunInt),
        ..Manual::default()
    };
    let m = match_sessions(&plan, &[a, b.clone()]);
    assert_eq!(m.planned_of, vec![Some(1), Some(0)]);
    assert_eq!(m.matches[0].how, How::Linked);
    // A run in the next week is not moved from this one.
    let c = done("c", date(2026, 12, 7), Some(7), Kind::RunInt, 60.0);
    assert_eq!(match_sessions(&plan[..1], &[c]).planned_of, vec![None]);
    // Lifts are not moved across days.
    let mut lift = planned("l", date(2026, 12, 1), 18, Kind::StrHeavy, 40.0);
    lift.sets = 3;
    let l = done("l", date(2026, 12, 2), Some(18), Kind::StrHeavy, 40.0);
    assert_eq!(match_sessions(&[lift], &[l]).planned_of, vec![None]);
}

#[test]
fn trainingpeaks_bands() {
    for (ratio, want) in [
        (0.794, Status::Yellow),
        (0.796, Status::Green),
        (1.0, Status::Green),
        (1.204, Status::Green),
        (1.206, Status::Yellow),
        (0.5, Status::Yellow),
        (0.494, Status::Red),
        (1.5, Status::Yellow),
        (1.51, Status::Red),
        (0.0, Status::Red),
    ] {
        assert_eq!(status_of(ratio), want, "{ratio}");
    }
}

#[test]
fn heavier_but_fewer_sets_is_judged_on_the_worse() {
    let d = date(2026, 12, 1);
    let mut p = planned("p", d, 18, Kind::StrHeavy, 40.0);
    p.sets = 4;
    p.volume_kg = Some(4.0 * 5.0 * 100.0);
    let mut s = done("s", d, Some(18), Kind::StrHeavy, 40.0);
    // 4 of 4 sets (100 %), but at 40 kg: 800 of 2000 kg = 40 %: red.
    s.sets = sets(&["back-squat:5x40"; 4]);
    let w = compliance(&[p.clone()], &[s.clone()], d);
    assert_eq!(w[0].sessions[0].status, Status::Red);
    assert!((w[0].sessions[0].ratio.expect("ratio") - 0.4).abs() < 1e-9);
    // Logged without sets: the duration decides.
    s.sets.clear();
    let w = compliance(&[p], &[s], d);
    assert_eq!(w[0].sessions[0].measure, Some(Measure::Duration));
    assert_eq!(w[0].sessions[0].status, Status::Green);
}

#[test]
fn strength_history_gives_the_planner_its_maxes() {
    let squat = library().id("back-squat").expect("squat");
    let mut a = done("a", date(2026, 9, 1), None, Kind::StrHeavy, 40.0);
    // 100 × 5 @ 8 → 100 / 0.811 = 123.30 (RTS); 80 × 8 → Epley 101.33.
    a.sets = sets(&["back-squat:5x100@8", "back-squat:8x80", "push-up:8"]);
    let mut b = done("b", date(2026, 11, 20), None, Kind::StrHeavy, 40.0);
    b.sets = vec![LiftSet {
        exercise: squat,
        reps: 5,
        load: Load::Kg(90.0),
        rpe: None,
    }];
    // A 3RM of 115 kg is a set at RPE 10: 115 / 0.922 = 124.73.
    let t = TestEntry {
        id: Id("t".into()),
        date: date(2026, 11, 25),
        result: TestResult::RepMax {
            exercise: squat,
            kg: 115.0,
            reps: 3,
        },
        note: None,
    };
    let h = StrengthHistory::of(&[b, a], &[t]);
    let bests = h.day_bests(squat);
    assert_eq!(bests.len(), 3);
    assert_eq!(bests[0].date, date(2026, 9, 1));
    assert!((bests[0].e1rm_kg - 100.0 / 0.811).abs() < 1e-9);
    assert!((bests[1].e1rm_kg - 90.0 * (1.0 + 5.0 / 30.0)).abs() < 1e-9);
    assert!((bests[2].e1rm_kg - 115.0 / 0.922).abs() < 1e-9);
    // On 1 Dec the September best is outside the 90 days: the test's 124.73 → 124.5 kg.
    let maxes = h.maxes(date(2026, 12, 1));
    assert_eq!(maxes.len(), 1, "push-ups are body weight: no max");
    assert_eq!(
        (maxes[0].exercise, maxes[0].kg, maxes[0].reps),
        (squat, 124.5, 1)
    );
    // In October the September best (123.30) counts: 123.0 kg.
    assert_eq!(h.maxes(date(2026, 10, 1))[0].kg, 123.0);
}
