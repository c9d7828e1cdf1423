//! Fuzz target: the GPX decoder must never panic and must keep its sample columns aligned,
//! whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = runlift_formats::gpx::decode(data) {
        let s = &a.samples;
        let n = s.len();
        assert!(s.lat.len() == n && s.lon.len() == n && s.distance_m.len() == n);
        assert!(s.heart_rate.len() == n && s.cadence.len() == n && s.power_w.len() == n);
        assert!(s.segment_starts.iter().all(|&i| i < n));
    }
    let _ = runlift_formats::decode_any(data);
});
