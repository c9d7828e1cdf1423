//! Great-circle distance between positions, the one formula GPX and TCX distances use.

/// Mean Earth radius (IUGG), metres; the value `truth.json` and science.md use.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Haversine distance in metres between two positions given in degrees.
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// Sum of haversine distances between consecutive positioned samples, restarting at each
/// segment start; samples without a position (NaN) are passed over.
pub fn track_distance_m(lat: &[f64], lon: &[f64], segment_starts: &[usize]) -> f64 {
    let mut total = 0.0;
    let mut prev: Option<(f64, f64)> = None;
    let mut next_seg = segment_starts.iter().peekable();
    for (i, (&la, &lo)) in lat.iter().zip(lon).enumerate() {
        while next_seg.peek().is_some_and(|&&s| s <= i) {
            if next_seg.next() == Some(&i) {
                prev = None;
            }
        }
        if la.is_nan() || lo.is_nan() {
            continue;
        }
        if let Some((pla, plo)) = prev {
            total += haversine_m(pla, plo, la, lo);
        }
        prev = Some((la, lo));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude() {
        let d = haversine_m(0.0, 0.0, 1.0, 0.0);
        assert!((d - EARTH_RADIUS_M * std::f64::consts::PI / 180.0).abs() < 1e-6);
    }

    #[test]
    fn segments_are_not_joined() {
        let lat = [0.0, 1.0, 5.0, 6.0];
        let lon = [0.0; 4];
        let one = haversine_m(0.0, 0.0, 1.0, 0.0);
        assert!((track_distance_m(&lat, &lon, &[0, 2]) - 2.0 * one).abs() < 1e-6);
        assert!((track_distance_m(&lat, &lon, &[]) - 6.0 * one).abs() < 1e-3);
    }
}
