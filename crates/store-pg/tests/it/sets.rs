//! Sessions read with their own sets whatever the size of the range: a few sessions (each read by
//! id), a few hundred (read by lists of ids) and the whole log (the athlete's sets at once), on a
//! SQLite file and on a fresh PostgreSQL database.

use jiff::civil::{Date, date};
use runlift_model::Kind;
use runlift_model::log::{DoneSession, parse_set};
use runlift_store::Store;
use runlift_store_pg::{PgStore, ScratchDb};
use runlift_store_sqlite::SqliteStore;

const DAYS: i64 = 1600;
const FIRST: Date = date(2020, 1, 1);

fn day(n: i64) -> Date {
    FIRST.checked_add(jiff::Span::new().days(n)).unwrap()
}

/// Day `n`'s lift: `n % 7 + 1` sets of `n % 20 + 1` reps, so that each session's sets are its own.
fn lift(n: i64) -> DoneSession {
    let mut s = DoneSession::new(day(n), Kind::StrHeavy, 1800.0);
    let set = parse_set(&format!("back-squat:{}x60", n % 20 + 1)).unwrap();
    s.sets = vec![set; (n % 7 + 1) as usize];
    s
}

async fn check(store: &dyn Store) {
    let a = store
        .add_athlete("Ada", "name = \"Ada\"\n", 0)
        .await
        .unwrap();
    for n in 0..DAYS {
        store.add_session(&a.id, lift(n), 0).await.unwrap();
    }
    for (lo, hi) in [(100, 109), (200, 899), (0, DAYS - 1)] {
        let got = store
            .sessions(&a.id, Some(day(lo)), Some(day(hi)))
            .await
            .unwrap();
        assert_eq!(got.len() as i64, hi - lo + 1, "days {lo}–{hi}");
        for (k, s) in got.iter().enumerate() {
            let n = lo + k as i64;
            assert_eq!(s.date, day(n));
            assert_eq!(
                s.sets.len() as i64,
                n % 7 + 1,
                "day {n} of {lo}–{hi}: {:?}",
                s.sets
            );
            assert!(
                s.sets.iter().all(|x| i64::from(x.reps) == n % 20 + 1),
                "day {n} of {lo}–{hi}: {:?}",
                s.sets
            );
        }
    }
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

#[test]
fn every_range_reads_each_sessions_own_sets_on_sqlite() {
    let tmp = tempfile::tempdir().unwrap();
    block_on(async {
        let store = SqliteStore::open(&tmp.path().join("runlift.db"))
            .await
            .unwrap();
        check(&store).await;
    });
}

#[test]
fn every_range_reads_each_sessions_own_sets_on_postgres() {
    let Some(admin) = runlift_testkit::postgres("sets by range on PostgreSQL") else {
        return;
    };
    block_on(async {
        let scratch = ScratchDb::create(&admin).await.unwrap();
        let store = PgStore::open(scratch.url()).await.unwrap();
        check(&store).await;
        store.close().await;
        scratch.drop_db().await.unwrap();
    });
}
