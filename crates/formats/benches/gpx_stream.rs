//! GPX summaries of a big file: the streaming reader (`gpx::decode_from` with `Streams::NONE`,
//! what `runlift inspect` uses) against reading the file into memory and decoding every column
//! (`std::fs::read` + `gpx::decode`, the reader as it was), on a generated 3-million-point GPX of
//! about 240 MB written to a temporary folder at bench time (never committed), plus the stream
//! that keeps heart rate only. Before the timings, each variant runs once under a counting
//! allocator and its peak heap is printed.
//!
//! Run: `cargo bench -p runlift-formats --bench gpx_stream`.
#![allow(unsafe_code)] // the counting allocator below; nothing else

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use runlift_formats::{Activity, Streams, gpx};

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const POINTS: usize = 3_000_000;

/// The generated file, written once per run.
fn big_gpx() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("runlift-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("big.gpx");
        let mut w = BufWriter::new(std::fs::File::create(&path).expect("create"));
        let mut put = || -> std::io::Result<()> {
            writeln!(w, "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\"><trk><type>running</type><trkseg>")?;
            for i in 0..POINTS {
                let (h, m, s) = (i / 3600 % 24, i / 60 % 60, i % 60);
                let lat = 51.0 + (i % 100_000) as f64 * 1e-5;
                writeln!(
                    w,
                    "<trkpt lat=\"{lat:.5}\" lon=\"-0.1\"><time>2026-11-24T{h:02}:{m:02}:{s:02}Z</time><hr>{}</hr></trkpt>",
                    120 + i % 60
                )?;
            }
            writeln!(w, "</trkseg></trk></gpx>")?;
            w.flush()
        };
        put().expect("write the big GPX");
        path
    })
}

fn in_memory_all() -> Activity {
    let bytes = std::fs::read(big_gpx()).expect("read");
    gpx::decode(&bytes).expect("decodes")
}

fn streamed(streams: Streams) -> Activity {
    let f = std::fs::File::open(big_gpx()).expect("open");
    gpx::decode_from(BufReader::with_capacity(64 * 1024, f), streams).expect("decodes")
}

fn peak_mb(f: impl FnOnce() -> Activity) -> (f64, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let a = f();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    (peak as f64 / 1e6, a.points)
}

fn main() {
    let size = std::fs::metadata(big_gpx()).expect("generated").len();
    println!(
        "generated {} ({:.1} MB, {POINTS} points)",
        big_gpx().display(),
        size as f64 / 1e6
    );
    for (name, f) in [
        ("in_memory_all", in_memory_all as fn() -> Activity),
        ("stream_summary", || streamed(Streams::NONE)),
        ("stream_heart_rate", || streamed(Streams::HEART_RATE)),
    ] {
        let (mb, points) = peak_mb(f);
        println!("peak heap {name}: {mb:.1} MB ({points} points)");
    }
    divan::main();
    if let Some(dir) = big_gpx().parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn read_in_memory_all_columns() -> Activity {
    in_memory_all()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stream_summary() -> Activity {
    streamed(Streams::NONE)
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stream_heart_rate() -> Activity {
    streamed(Streams::HEART_RATE)
}
