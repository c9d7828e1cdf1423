//! The conformance suite: the same story (runlift_store::conformance) against a SQLite file and
//! a fresh PostgreSQL database; both pass, and their export folders are identical byte for
//! byte. Without a reachable PostgreSQL the PG half is skipped (SKIPPED; a failure on CI).

use std::collections::BTreeMap;
use std::path::Path;

use runlift_store::conformance::story;
use runlift_store_pg::{PgStore, ScratchDb};
use runlift_store_sqlite::SqliteStore;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(f)
}

/// Every file under `dir` and its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

async fn sqlite_story(dir: &Path) {
    let store = SqliteStore::open(&dir.join("a/runlift.db")).await.unwrap();
    let fresh = SqliteStore::open(&dir.join("b/runlift.db")).await.unwrap();
    story(&store, &fresh, dir).await;
}

async fn pg_story(admin: &str, dir: &Path) {
    let (a, b) = (
        ScratchDb::create(admin).await.unwrap(),
        ScratchDb::create(admin).await.unwrap(),
    );
    let (store, fresh) = (
        PgStore::open(a.url()).await.unwrap(),
        PgStore::open(b.url()).await.unwrap(),
    );
    let result = story(&store, &fresh, dir);
    // Drop the scratch databases whether or not the story passed.
    let outcome = futures_catch(result).await;
    store.close().await;
    fresh.close().await;
    a.drop_db().await.unwrap();
    b.drop_db().await.unwrap();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Runs a future, catching a panic in it.
async fn futures_catch<F: std::future::Future>(f: F) -> std::thread::Result<F::Output> {
    let mut f = std::pin::pin!(f);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f.as_mut().poll(cx))) {
            Ok(std::task::Poll::Ready(v)) => std::task::Poll::Ready(Ok(v)),
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Err(p) => std::task::Poll::Ready(Err(p)),
        }
    })
    .await
}

#[test]
fn the_story_passes_on_both_stores_and_their_exports_are_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let sqlite_dir = tmp.path().join("sqlite");
    block_on(sqlite_story(&sqlite_dir));
    let sqlite_export = tree(&sqlite_dir.join("export"));
    assert!(sqlite_export.contains_key("manifest.json"));
    assert!(
        sqlite_export.contains_key("files/originals/act_1"),
        "{:?}",
        sqlite_export.keys()
    );

    let Some(admin) = runlift_testkit::postgres("the PostgreSQL half of the conformance suite")
    else {
        return;
    };
    let pg_dir = tmp.path().join("pg");
    block_on(pg_story(&admin, &pg_dir));
    let pg_export = tree(&pg_dir.join("export"));
    assert_eq!(
        pg_export.keys().collect::<Vec<_>>(),
        sqlite_export.keys().collect::<Vec<_>>(),
        "the two exports hold different files"
    );
    for (name, bytes) in &sqlite_export {
        assert!(
            pg_export[name] == *bytes,
            "{name} differs:\nsqlite: {}\npostgres: {}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&pg_export[name])
        );
    }
}
