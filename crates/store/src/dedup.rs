//! When two activity files are one session: the same content (hash), or the same sport started
//! within [`TWIN_WINDOW_S`] of each other (a FIT file and the GPX the same watch exported).

/// Two starts this close (seconds) with compatible sports are one session.
pub const TWIN_WINDOW_S: i64 = 60;

/// The families sports are compared in: a FIT `running` and a GPX `run` are both running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Run,
    Ride,
    Swim,
    Walk,
    Strength,
    /// A sport named but none of the above (compared by name).
    Other,
    /// The file does not say (a GPX without `<type>`): compatible with any sport.
    Unknown,
}

/// The family of a sport name as decoders give it (`running`, `trail_running`, `cycling`, `9`).
pub fn family(sport: Option<&str>) -> Family {
    let Some(s) = sport.map(str::to_ascii_lowercase) else {
        return Family::Unknown;
    };
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if s.is_empty() || s == "generic" || s == "other" || s == "all" {
        Family::Unknown
    } else if has(&["run", "jog"]) || s == "1" || s == "9" {
        Family::Run
    } else if has(&["cycl", "bik", "ride"]) || s == "2" {
        Family::Ride
    } else if has(&["swim"]) || s == "5" {
        Family::Swim
    } else if has(&["walk", "hik"]) || s == "11" || s == "17" {
        Family::Walk
    } else if has(&["strength", "training", "weight", "lift"]) || s == "10" {
        Family::Strength
    } else {
        Family::Other
    }
}

/// Whether two sports can be the same session: the same family (the same name for
/// [`Family::Other`]), or either unknown.
pub fn compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (family(a), family(b)) {
        (Family::Unknown, _) | (_, Family::Unknown) => true,
        (Family::Other, Family::Other) => {
            a.map(str::to_ascii_lowercase) == b.map(str::to_ascii_lowercase)
        }
        (fa, fb) => fa == fb,
    }
}

/// Whether an activity of `sport` started at `start` is a twin of one of `other_sport` at
/// `other_start` (Unix seconds).
pub fn twins(sport: Option<&str>, start: i64, other_sport: Option<&str>, other_start: i64) -> bool {
    (start - other_start).abs() <= TWIN_WINDOW_S && compatible(sport, other_sport)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fit_run_and_its_gpx_twin_are_one_session() {
        assert!(twins(Some("running"), 1000, Some("run"), 1030));
        assert!(twins(Some("running"), 1000, None, 1060));
        assert!(!twins(Some("running"), 1000, Some("running"), 1061));
        assert!(!twins(Some("running"), 1000, Some("cycling"), 1000));
    }

    #[test]
    fn other_sports_compare_by_name() {
        assert!(compatible(Some("rowing"), Some("Rowing")));
        assert!(!compatible(Some("rowing"), Some("golf")));
        assert_eq!(family(Some("trail_running")), Family::Run);
        assert_eq!(family(Some("generic")), Family::Unknown);
    }
}
