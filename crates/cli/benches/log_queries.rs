//! `runlift history` and `runlift compliance` over ten years of daily sessions (`ten_years =
//! true`: the whole log; `false`: the default range, four weeks and this week), the binary as a
//! user runs it (process start, opening the store, the queries, matching to the saved plan,
//! JSON out), on SQLite and on PostgreSQL. Issue 13's target: ≤ 50 ms each. Setup (a store with
//! 3,650 sessions done, a lift with sets every other day, and a saved plan of one session a day
//! for the last five years, a plan's longest being six) is written once through the store's API
//! and not timed.
//!
//! Also `runlift today` (readiness over 90 days of log and the day adapted; target ≤ 20 ms) and
//! `runlift load` of four weeks, on the same store with 120 mornings of wellness.
//!
//! Run: `cargo bench -p runlift-cli --bench log_queries` (PostgreSQL from
//! `RUNLIFT_TEST_DATABASE_URL`, by default `postgres://postgres@127.0.0.1:5432/postgres`; its
//! benches are skipped when nothing answers there).

use std::process::Command;
use std::sync::{LazyLock, Mutex, OnceLock};

use jiff::civil::{Date, date};
use runlift_model::Kind;
use runlift_model::log::{DoneSession, WellnessEntry, parse_set};
use runlift_store::Store;

fn main() {
    divan::main();
    // The scratch database goes when the benches are done.
    if let Some(Some(pg)) = POSTGRES.get()
        && let Some(scratch) = pg.scratch.lock().expect("lock").take()
    {
        let _ = block_on(scratch.drop_db());
    }
}

/// Ten years of days, the first a Monday.
const DAYS: i64 = 3650;
const FIRST: Date = date(2017, 1, 2);
/// The day `history` and `compliance` run on: the last day of the ten years.
static TODAY: LazyLock<Date> = LazyLock::new(|| day(DAYS - 1));

fn day(n: i64) -> Date {
    FIRST
        .checked_add(jiff::Span::new().days(n))
        .expect("in range")
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// Days of the saved plan: the last five years (a plan spans at most six).
const PLAN_DAYS: i64 = 5 * 364;

/// The saved plan: a run on even days, a lift on odd days, one a day for the last five years.
fn plan_json() -> String {
    let sessions: Vec<serde_json::Value> = (DAYS - PLAN_DAYS..DAYS)
        .map(|n| {
            if n % 2 == 0 {
                serde_json::json!({"date": day(n).to_string(), "slot": "am", "minutes": 45, "kind": "RUN_EASY"})
            } else {
                serde_json::json!({"date": day(n).to_string(), "slot": "pm", "minutes": 40, "kind": "STR_HEAVY",
                    "exercises": [{"id": "back-squat", "sets": 3, "reps": 5, "kg": 80},
                                  {"id": "romanian-deadlift", "sets": 3, "reps": 8, "kg": 60}]})
            }
        })
        .collect();
    serde_json::json!({ "sessions": sessions }).to_string()
}

/// The session done on day `n`: the planned one, a little shorter or longer.
fn done(n: i64) -> DoneSession {
    let minutes = 40.0 + (n % 11) as f64;
    if n % 2 == 0 {
        let mut s = DoneSession::new(day(n), Kind::RunEasy, minutes * 60.0);
        s.distance_m = Some(minutes * 180.0);
        s.rpe = Some(3.0 + (n % 3) as f64);
        s
    } else {
        let mut s = DoneSession::new(day(n), Kind::StrHeavy, minutes * 60.0);
        s.rpe = Some(7.0);
        s.sets = [
            "back-squat:5x80@8",
            "back-squat:5x80@8",
            "romanian-deadlift:8x60",
        ]
        .iter()
        .map(|t| parse_set(t).expect("set"))
        .collect();
        s
    }
}

/// Fills `store` with the athlete, the plan and ten years of sessions.
async fn fill(store: &dyn Store) {
    let profile = std::fs::read_to_string(
        runlift_testkit::repo_root().join("examples/athletes/beginner-5k.toml"),
    )
    .expect("profile");
    let a = store
        .add_athlete("Ada", &profile, 0)
        .await
        .expect("athlete");
    store.save_plan(&a, &plan_json(), 0).await.expect("plan");
    for n in 0..DAYS {
        store.add_session(&a.id, done(n), 0).await.expect("session");
    }
    // a morning's wellness on each of the last 120 days; the last one tired (12/25), so that
    // `today` adapts the day
    for n in DAYS - 120..DAYS {
        let w = if n == DAYS - 1 {
            [2, 3, 3, 2, 2]
        } else {
            [4, 4, 3, 4, 4]
        };
        let entry = WellnessEntry {
            id: Default::default(),
            date: day(n),
            fatigue: w[0],
            sleep: w[1],
            soreness: w[2],
            stress: w[3],
            mood: w[4],
            sleep_hours: Some(7.5),
            rmssd_ms: Some(60.0 + (n % 7) as f64),
            rest_hr_bpm: Some(48.0),
            note: None,
        };
        store.add_wellness(&a.id, entry, 0).await.expect("wellness");
    }
}

/// Runs a listing; `big` listings must be long (so that a wrong range cannot pass for fast).
fn runlift(db: &str, args: &[&str], big: bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .args(["--db", db, "--format", "json"])
        .env_remove("RUNLIFT_DB")
        .env("RUNLIFT_TODAY", TODAY.to_string())
        .output()
        .expect("run runlift");
    assert!(
        out.status.success() && (!big || out.stdout.len() > 100_000) && out.stdout.len() > 200,
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `history` of all ten years, or of its default four weeks.
fn history(db: &str, all: bool) {
    let (from, to) = (FIRST.to_string(), TODAY.to_string());
    let args: &[&str] = if all {
        &["history", "--from", &from, "--to", &to]
    } else {
        &["history"]
    };
    runlift(db, args, all);
}

/// `compliance` of all ten years (522 weeks), or of this week.
fn compliance(db: &str, all: bool) {
    let args: &[&str] = if all {
        &["compliance", "--weeks", "522"]
    } else {
        &["compliance"]
    };
    runlift(db, args, all);
}

/// `today` (readiness from 90 days of log, the day adapted; issue 14's target ≤ 20 ms), or
/// `load` of the default four weeks.
fn today_or_load(db: &str, today: bool) {
    runlift(db, &[if today { "today" } else { "load" }], false);
}

/// The SQLite store, filled once for every bench.
static SQLITE: LazyLock<(tempfile::TempDir, String)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("runlift.db");
    block_on(async {
        let store = runlift_store_sqlite::SqliteStore::open(&path)
            .await
            .expect("sqlite");
        fill(&store).await;
    });
    (dir, path.display().to_string())
});

/// The filled PostgreSQL database.
struct Pg {
    url: String,
    scratch: Mutex<Option<runlift_store_pg::ScratchDb>>,
}

/// The PostgreSQL database, filled once; None when no server answers.
static POSTGRES: OnceLock<Option<Pg>> = OnceLock::new();

fn postgres() -> Option<&'static Pg> {
    POSTGRES
        .get_or_init(|| {
            let admin = runlift_testkit::postgres("the PostgreSQL log-query benches")?;
            block_on(async {
                let scratch = runlift_store_pg::ScratchDb::create(&admin)
                    .await
                    .expect("scratch database");
                let store = runlift_store_pg::PgStore::open(scratch.url())
                    .await
                    .expect("postgres");
                fill(&store).await;
                Some(Pg {
                    url: scratch.url().to_string(),
                    scratch: Mutex::new(Some(scratch)),
                })
            })
        })
        .as_ref()
}

#[divan::bench(sample_count = 20, sample_size = 1, args = [false, true])]
fn sqlite_history(b: divan::Bencher, ten_years: bool) {
    let db = &SQLITE.1;
    b.bench(|| history(db, ten_years));
}

#[divan::bench(sample_count = 20, sample_size = 1, args = [false, true])]
fn sqlite_compliance(b: divan::Bencher, ten_years: bool) {
    let db = &SQLITE.1;
    b.bench(|| compliance(db, ten_years));
}

#[divan::bench(sample_count = 20, sample_size = 1, args = [false, true])]
fn postgres_history(b: divan::Bencher, ten_years: bool) {
    let Some(pg) = postgres() else { return };
    b.bench(|| history(&pg.url, ten_years));
}

#[divan::bench(sample_count = 20, sample_size = 1, args = [false, true])]
fn postgres_compliance(b: divan::Bencher, ten_years: bool) {
    let Some(pg) = postgres() else { return };
    b.bench(|| compliance(&pg.url, ten_years));
}

#[divan::bench(sample_count = 20, sample_size = 1, args = [true, false])]
fn sqlite_today_or_load(b: divan::Bencher, today: bool) {
    let db = &SQLITE.1;
    b.bench(|| today_or_load(db, today));
}

#[divan::bench(sample_count = 20, sample_size = 1, args = [true, false])]
fn postgres_today_or_load(b: divan::Bencher, today: bool) {
    let Some(pg) = postgres() else { return };
    b.bench(|| today_or_load(&pg.url, today));
}
