//! Fuzz target: the FIT decoder and the FIT message view must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = runlift_formats::fit::decode(data) {
        let n = a.samples.len();
        assert!(a.samples.lat.len() == n && a.samples.distance_m.len() == n);
    }
    let _ = runlift_formats::fit::messages(data);
});
