//! Dev-only helpers for runlift's tests: where the shared device corpus (`../shared`) and the
//! project's own `test_data/` are, and the Python that runs the cross-check tools. A test that
//! needs something absent is skipped with a message on the terminal; under CI (`CI=true`, or
//! `RUNLIFT_NO_SKIP=1` as `.ci/run` sets it) a missing corpus or tool is a failure instead.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file or folder under the project's own `test_data/` (always present).
pub fn test_data(rel: &str) -> PathBuf {
    repo_root().join("test_data").join(rel)
}

/// The bytes of a `test_data/` file, panicking with its path when it cannot be read.
pub fn read_test_data(rel: &str) -> Vec<u8> {
    let p = test_data(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// True when nothing may be skipped: on CI (`CI=true` or `CI=1`) or with `RUNLIFT_NO_SKIP=1`.
pub fn no_skips() -> bool {
    let on = |var: &str| {
        std::env::var(var)
            .is_ok_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
    };
    on("CI") || on("RUNLIFT_NO_SKIP")
}

/// Reports a skipped test on the terminal (past the test harness's output capture), or fails it
/// when nothing may be skipped.
pub fn skip(what: &str, why: &str) {
    if no_skips() {
        panic!("{what}: {why} (CI=true or RUNLIFT_NO_SKIP=1: nothing may be skipped)");
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    // io::stderr() directly: the harness captures eprintln! but not this.
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {what}: {why}");
}

/// The spec folder `../shared` beside the repository (or `RUNLIFT_SHARED`), if it is there.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("RUNLIFT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    dir.is_dir().then_some(dir)
}

/// `../shared/<rel>` when present; otherwise reports the skip (or fails on CI) and gives `None`.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let found = shared_dir().map(|d| d.join(rel)).filter(|p| p.exists());
    if found.is_none() {
        skip(
            &format!("needs ../shared/{rel}"),
            "the spec's shared folder is not beside this repository (set RUNLIFT_SHARED to use one elsewhere)",
        );
    }
    found
}

/// The shared device corpus `../shared/data` (FIT/GPX/TCX files, MANIFEST.tsv, truth.json), or
/// `None` after reporting the skip.
pub fn shared_data() -> Option<PathBuf> {
    shared("data")
}

/// The Python with the pinned cross-check tools of `tools/requirements.txt` installed: the one
/// `RUNLIFT_PYTHON` names (`.ci/run` makes a virtual environment and sets it). `None` after
/// reporting the skip when it is not set; nothing is installed at test time.
pub fn python(what: &str) -> Option<PathBuf> {
    match std::env::var_os("RUNLIFT_PYTHON").filter(|v| !v.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            skip(
                what,
                "RUNLIFT_PYTHON is not set (python3 -m venv .venv && .venv/bin/pip install -r tools/requirements.txt, then RUNLIFT_PYTHON=.venv/bin/python; .ci/run does this)",
            );
            None
        }
    }
}

/// The PostgreSQL server tests may use: `RUNLIFT_TEST_DATABASE_URL`, by default
/// `postgres://postgres@127.0.0.1:5432/postgres` (trust auth on loopback; `.ci/run` exports it).
/// `None` after reporting the skip (or failing, on CI) when nothing answers on its host and
/// port. Tests create their own database on it and drop it after.
pub fn postgres(what: &str) -> Option<String> {
    let url = std::env::var("RUNLIFT_TEST_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_string());
    let host_port = url
        .split_once("://")
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.split(['/', '?']).next())
        .map(|hp| hp.rsplit_once('@').map_or(hp, |(_, h)| h))
        .map(|hp| {
            if hp.contains(':') {
                hp.to_string()
            } else {
                format!("{hp}:5432")
            }
        });
    let reachable = host_port.as_deref().is_some_and(|hp| {
        use std::net::ToSocketAddrs as _;
        hp.to_socket_addrs().ok().into_iter().flatten().any(|addr| {
            std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(2)).is_ok()
        })
    });
    if !reachable {
        skip(
            what,
            &format!(
                "no PostgreSQL answers at {} (set RUNLIFT_TEST_DATABASE_URL)",
                host_port.as_deref().unwrap_or(&url)
            ),
        );
        return None;
    }
    Some(url)
}
