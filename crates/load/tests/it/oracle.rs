//! Against the spec's oracle tables (`../shared/oracle/`), skipped with a message when the shared
//! folder is absent: race prediction from each published VDOT row's 10K reproduces the row's
//! other race times, and every e1RM example of the RPE chart file.

use runlift_load::input::LiftSet;
use runlift_load::race::{Effort, Performance, predict};
use runlift_load::strength::set_e1rm;
use runlift_model::library::library;
use runlift_model::paces::Race;
use serde_json::Value;

fn oracle(name: &str) -> Option<Value> {
    let path = runlift_testkit::shared(&format!("oracle/{name}"))?;
    let text = std::fs::read_to_string(&path).expect("read oracle file");
    Some(serde_json::from_str(&text).expect("oracle JSON"))
}

/// The oracle's keys for `Race::ALL`.
const KEYS: [&str; 9] = [
    "1500m",
    "mile",
    "3000m",
    "2mile",
    "5000m",
    "10K",
    "15K",
    "half_marathon",
    "marathon",
];

#[test]
fn a_tables_10k_predicts_its_other_races() {
    let Some(json) = oracle("vdot_table.json") else {
        return;
    };
    let rows = json["table"].as_array().expect("table");
    let mut checked = 0;
    for row in rows {
        let times = &row["race_times_s"];
        let Some(ten_k) = times["10K"].as_f64() else {
            continue;
        };
        let p = Performance {
            day: 0,
            metres: 10_000.0,
            seconds: ten_k,
            effort: Effort::Race,
        };
        for (race, key) in Race::ALL.into_iter().zip(KEYS) {
            let Some(table) = times[key].as_f64() else {
                continue;
            };
            let pr = predict(race, &[p], &[0], 0, false).expect("prediction");
            // The 10K's VDOT by the formula differs from the row's by the formula's error
            // and the table rounds to whole seconds: allow 0.1 % (0.05 % fails at VDOT 30).
            let err = (pr.vdot_time_s - table).abs() / table;
            assert!(
                err < 0.001,
                "VDOT {} {key}: predicted {:.0} s, table {table} s",
                row["vdot"],
                pr.vdot_time_s
            );
            checked += 1;
        }
    }
    assert!(checked >= 100, "{checked} predictions checked");
}

#[test]
fn rpe_chart_e1rm_examples() {
    let Some(json) = oracle("rpe_chart.json") else {
        return;
    };
    let squat = library().id("back-squat").expect("squat");
    let examples = json["e1rm_examples"].as_array().expect("examples");
    for ex in examples {
        let set = LiftSet {
            exercise: squat,
            reps: u16::try_from(ex["reps"].as_u64().expect("reps")).expect("reps"),
            kg: ex["weight"].as_f64().expect("weight"),
            rpe: ex["rpe"].as_f64(),
            contacts: None,
        };
        let want = ex["e1rm"].as_f64().expect("e1rm");
        let got = set_e1rm(&set).expect("e1rm");
        // The file prints two decimals.
        assert!((got - want).abs() < 0.005, "{ex}: {got}");
    }
    assert_eq!(examples.len(), 6);
}

/// The strength history of a log whose sessions are the chart's examples, typed as
/// `back-squat:REPSxKG@RPE` one a day: each day's best e1RM is the example's, and a rep-max test
/// of `kg × reps` reads the chart's RPE 10 row.
#[test]
fn rpe_chart_examples_through_the_log() {
    use jiff::civil::date;
    use runlift_load::maxes::StrengthHistory;
    use runlift_model::Kind;
    use runlift_model::log::{DoneSession, TestEntry, TestResult, parse_set};

    let Some(json) = oracle("rpe_chart.json") else {
        return;
    };
    let squat = library().id("back-squat").expect("squat");
    let examples = json["e1rm_examples"].as_array().expect("examples");
    let mut log = Vec::new();
    for (i, ex) in examples.iter().enumerate() {
        let mut s = DoneSession::new(date(2026, 1, 1 + i as i8), Kind::StrHeavy, 2400.0);
        let text = format!("back-squat:{}x{}@{}", ex["reps"], ex["weight"], ex["rpe"]);
        s.sets.push(parse_set(&text).expect("set"));
        log.push(s);
    }
    let row10 = json["rows_fraction_of_1rm"]["10"]
        .as_array()
        .expect("row 10");
    let pct_3rm = row10[2].as_f64().expect("3 reps at RPE 10");
    let test = TestEntry {
        id: Default::default(),
        date: date(2026, 2, 1),
        result: TestResult::RepMax {
            exercise: squat,
            kg: 100.0,
            reps: 3,
        },
        note: None,
    };
    let h = StrengthHistory::of(&log, &[test]);
    let bests = h.day_bests(squat);
    assert_eq!(bests.len(), examples.len() + 1);
    for (b, ex) in bests.iter().zip(examples) {
        let want = ex["e1rm"].as_f64().expect("e1rm");
        assert!((b.e1rm_kg - want).abs() < 0.005, "{ex}: {}", b.e1rm_kg);
    }
    let last = bests.last().expect("test day");
    assert!(
        (last.e1rm_kg - 100.0 / pct_3rm).abs() < 1e-9,
        "{}",
        last.e1rm_kg
    );
}
