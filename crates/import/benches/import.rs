//! End-to-end `import --dry-run` of a folder of ≥ 100 MB of real FIT files (the shared FIT files
//! copied over and over into a temp dir), on 1 thread and on every core, against the `fitparser`
//! crate decoding the same files on one thread.
//!
//! Run: `cargo bench -p runlift-import --bench import`

use std::path::PathBuf;
use std::sync::LazyLock;

use runlift_import::{Options, import};

fn main() {
    divan::main();
    let _ = std::fs::remove_dir_all(corpus_dir());
}

fn corpus_dir() -> PathBuf {
    std::env::temp_dir().join(format!("runlift-import-bench-{}", std::process::id()))
}

const TARGET_BYTES: u64 = 100_000_000;

/// The benchmark folder, built once.
static CORPUS: LazyLock<(PathBuf, Vec<PathBuf>, u64)> = LazyLock::new(build_corpus);

fn build_corpus() -> (PathBuf, Vec<PathBuf>, u64) {
    let src = runlift_testkit::shared_dir()
        .expect("the import benchmark reads ../shared/data/fit (or RUNLIFT_SHARED)")
        .join("data/fit");
    let dst = corpus_dir();
    let _ = std::fs::remove_dir_all(&dst);
    let mut originals: Vec<PathBuf> = std::fs::read_dir(&src)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    originals.sort();
    assert!(!originals.is_empty(), "no FIT files in {}", src.display());
    let (mut files, mut total) = (Vec::new(), 0u64);
    let mut round = 0;
    while total < TARGET_BYTES {
        let dir = dst.join(format!("copy{round:03}"));
        std::fs::create_dir_all(&dir).expect("create bench dir");
        for f in &originals {
            let to = dir.join(f.file_name().unwrap_or_default());
            total += std::fs::copy(f, &to).expect("copy FIT file");
            files.push(to);
        }
        round += 1;
    }
    eprintln!(
        "bench corpus: {} files, {:.1} MB in {}",
        files.len(),
        total as f64 / 1e6,
        dst.display()
    );
    (dst, files, total)
}

fn thread_counts() -> Vec<usize> {
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    if all > 1 { vec![1, all] } else { vec![1] }
}

#[divan::bench(args = thread_counts(), sample_count = 5, sample_size = 1)]
fn import_dry_run(bencher: divan::Bencher, threads: usize) {
    let (dir, _, total) = &*CORPUS;
    let opts = Options {
        threads,
        ..Options::default()
    };
    bencher
        .counter(divan::counter::BytesCount::new(*total))
        .bench(|| {
            let report = import(std::slice::from_ref(dir), &opts, &mut |_| {}).expect("import");
            divan::black_box(report.outcomes.len())
        });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn fitparser_single_thread(bencher: divan::Bencher) {
    let (_, files, total) = &*CORPUS;
    bencher
        .counter(divan::counter::BytesCount::new(*total))
        .bench(|| {
            let mut records = 0usize;
            for f in files {
                let bytes = std::fs::read(f).expect("read");
                if let Ok(r) = fitparser::from_bytes(&bytes) {
                    records += r.len();
                }
            }
            divan::black_box(records)
        });
}
