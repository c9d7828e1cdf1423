//! `runlift import` of the shared device corpus (`../shared/data`: FIT, GPX and TCX files)
//! end to end, the binary as a user runs it: `--dry-run` (decode only) against storing into a
//! fresh SQLite file and a fresh PostgreSQL database, and a re-import of the same corpus (all
//! duplicates) into each. Setup (a new store with its athlete) is not timed.
//!
//! Run: `cargo bench -p runlift-cli --bench store_import` (PostgreSQL from
//! `RUNLIFT_TEST_DATABASE_URL`, by default `postgres://postgres@127.0.0.1:5432/postgres`; its
//! benches are skipped when nothing answers there).

use std::path::PathBuf;
use std::process::Command;
use std::sync::LazyLock;

fn main() {
    if runlift_testkit::shared_dir().is_none() {
        eprintln!(
            "store_import: ../shared/data is missing (set RUNLIFT_SHARED): nothing to measure"
        );
        return;
    }
    divan::main();
}

static CORPUS: LazyLock<PathBuf> = LazyLock::new(|| {
    runlift_testkit::shared_dir()
        .expect("../shared")
        .join("data")
});

static PROFILE: LazyLock<PathBuf> =
    LazyLock::new(|| runlift_testkit::repo_root().join("examples/athletes/beginner-5k.toml"));

fn runlift(db: Option<&str>, args: &[&str]) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_runlift"));
    cmd.args(args).env_remove("RUNLIFT_DB");
    if let Some(db) = db {
        cmd.args(["--db", db]);
    }
    let out = cmd.output().expect("run runlift");
    // Exit 1 is expected: the corpus holds corrupt files on purpose.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn import(db: Option<&str>, dry_run: bool) {
    let corpus = CORPUS.to_str().unwrap();
    let mut args = vec!["import", corpus, "--threads", "2", "--format", "json"];
    if dry_run {
        args.push("--dry-run");
    }
    runlift(db, &args);
}

/// A new SQLite store with its athlete, in a temp folder kept as long as the value.
struct Sqlite {
    _dir: tempfile::TempDir,
    db: String,
}

fn sqlite() -> Sqlite {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("runlift.db").display().to_string();
    runlift(
        Some(&db),
        &["athlete", "add", "--profile", PROFILE.to_str().unwrap()],
    );
    Sqlite { _dir: dir, db }
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn dry_run() {
    import(None, true);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn sqlite_first(b: divan::Bencher) {
    b.with_inputs(sqlite).bench_local_values(|s| {
        import(Some(&s.db), false);
        s
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn sqlite_again(b: divan::Bencher) {
    let s = sqlite();
    import(Some(&s.db), false);
    b.bench_local(|| import(Some(&s.db), false));
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// A fresh PostgreSQL database with the athlete; dropped with the value.
struct Pg {
    scratch: Option<runlift_store_pg::ScratchDb>,
}

impl Pg {
    fn url(&self) -> &str {
        self.scratch.as_ref().map_or("", |s| s.url())
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        if let Some(s) = self.scratch.take() {
            let _ = block_on(s.drop_db());
        }
    }
}

fn pg(admin: &str) -> Pg {
    let scratch = block_on(runlift_store_pg::ScratchDb::create(admin)).expect("scratch database");
    let pg = Pg {
        scratch: Some(scratch),
    };
    runlift(
        Some(pg.url()),
        &["athlete", "add", "--profile", PROFILE.to_str().unwrap()],
    );
    pg
}

fn pg_admin() -> Option<String> {
    runlift_testkit::postgres("the PostgreSQL import benches")
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn postgres_first(b: divan::Bencher) {
    let Some(admin) = pg_admin() else { return };
    b.with_inputs(|| pg(&admin)).bench_local_values(|p| {
        import(Some(p.url()), false);
        p
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn postgres_again(b: divan::Bencher) {
    let Some(admin) = pg_admin() else { return };
    let p = pg(&admin);
    import(Some(p.url()), false);
    b.bench_local(|| import(Some(p.url()), false));
}
