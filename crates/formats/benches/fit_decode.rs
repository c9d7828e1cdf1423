//! FIT decoding throughput: runlift's decoder against the `fitparser` and `rustyfit` crates on the
//! same in-memory corpus: the FIT files of `../shared/data/fit` that all three decode without
//! error, copied one after another into one buffer of at least 100 MB.
//!
//! Run: `cargo bench -p runlift-formats --bench fit_decode`. Each benchmark reports MB/s.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use rustyfit::StreamingIterator;

const TARGET_BYTES: usize = 100 * 1000 * 1000;

/// One big buffer and the (start, end) of each file copy in it.
struct Corpus {
    buf: Vec<u8>,
    files: Vec<(usize, usize)>,
}

impl Corpus {
    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.files.iter().map(|&(s, e)| &self.buf[s..e])
    }
}

/// `../shared/data/fit` (runlift-testkit): the benchmark measures the real corpus, so it needs it.
fn data_dir() -> PathBuf {
    runlift_testkit::shared_dir()
        .expect("the FIT benchmark reads ../shared/data/fit (or RUNLIFT_SHARED)")
        .join("data/fit")
}

fn ours_ok(b: &[u8]) -> bool {
    runlift_formats::fit::decode(b).is_ok_and(|a| a.diagnostics.is_empty())
}

fn rustyfit_ok(b: &[u8]) -> bool {
    let mut dec = rustyfit::Decoder::new();
    let mut r: &[u8] = b;
    loop {
        match dec.decode(&mut r) {
            Ok(Some(_)) => {}
            Ok(None) => return true,
            Err(_) => return false,
        }
    }
}

/// The valid files, or `None` when the data directory is missing or empty.
fn load() -> Option<Corpus> {
    let mut unique = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(data_dir())
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for p in paths {
        if p.extension().is_some_and(|x| x == "fit") {
            let Ok(b) = std::fs::read(&p) else { continue };
            if ours_ok(&b) && rustyfit_ok(&b) && fitparser::from_bytes(&b).is_ok() {
                unique.push(b);
            }
        }
    }
    let unique_bytes: usize = unique.iter().map(Vec::len).sum();
    if unique_bytes == 0 {
        return None;
    }
    let copies = TARGET_BYTES.div_ceil(unique_bytes);
    let mut buf = Vec::with_capacity(copies * unique_bytes);
    let mut files = Vec::new();
    for _ in 0..copies {
        for f in &unique {
            files.push((buf.len(), buf.len() + f.len()));
            buf.extend_from_slice(f);
        }
    }
    eprintln!(
        "corpus: {} valid FIT files ({} bytes) x {copies} = {} bytes",
        unique.len(),
        unique_bytes,
        buf.len()
    );
    Some(Corpus { buf, files })
}

fn corpus() -> &'static Corpus {
    load_once().expect("main checked that the corpus loads")
}

fn bytes() -> BytesCount {
    BytesCount::new(corpus().buf.len())
}

/// runlift: bytes to a full `Activity` (sessions, laps, sample columns, sets).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn runlift(b: divan::Bencher) {
    let c = corpus();
    b.counter(bytes()).bench(|| {
        let mut n = 0usize;
        for f in c.iter() {
            if let Ok(a) = runlift_formats::fit::decode(divan::black_box(f)) {
                n += a.samples.len() + a.sessions.len();
            }
        }
        n
    });
}

/// rustyfit 0.11, streaming: every message decoded (fields, component expansion, CRC), records
/// counted; no `Activity` is built, so this is an upper bound for an adapter over rustyfit.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn rustyfit_stream(b: divan::Bencher) {
    let c = corpus();
    b.counter(bytes()).bench(|| {
        let mut n = 0usize;
        let mut dec = rustyfit::Decoder::new();
        for f in c.iter() {
            let mut stream = dec.stream(divan::black_box(f));
            while let Some(Ok(ev)) = stream.next() {
                if let rustyfit::DecoderEvent::Message(m) = ev {
                    n += m.fields.len();
                }
            }
        }
        n
    });
}

/// fitparser 0.11: `from_bytes`, every message to named, scaled values.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn fitparser(b: divan::Bencher) {
    let c = corpus();
    b.counter(bytes()).bench(|| {
        let mut n = 0usize;
        for f in c.iter() {
            if let Ok(recs) = fitparser::from_bytes(divan::black_box(f)) {
                n += recs.len();
            }
        }
        n
    });
}

fn main() {
    if !data_dir().is_dir() {
        eprintln!(
            "fit_decode: {} not found; nothing to benchmark",
            data_dir().display()
        );
        return;
    }
    if load_once().is_none() {
        eprintln!(
            "fit_decode: no valid FIT files in {}; nothing to benchmark",
            data_dir().display()
        );
        return;
    }
    divan::main();
}

fn load_once() -> Option<&'static Corpus> {
    static C: OnceLock<Option<Corpus>> = OnceLock::new();
    C.get_or_init(load).as_ref()
}
