//! Session RPE (Foster et al. 2001): the CR-10 rating of the whole session times its minutes,
//! in arbitrary units (AU). A session logged without a rating takes rulebook §7 C23's default
//! for its kind ([`runlift_model::Kind::default_rpe`], the one table the linter also uses).

use crate::input::Session;

/// Seconds in a minute: sRPE counts minutes.
pub const SECONDS_PER_MINUTE: f64 = 60.0;

/// Seconds in an hour (sleep is logged in seconds, judged in hours).
pub const SECONDS_PER_HOUR: f64 = 3600.0;

/// Days in a week (rebuild weeks, trends per week).
pub const DAYS_PER_WEEK: i32 = 7;

/// Highest CR-10 rating (Foster's modified scale: 10 = maximal).
pub const CR10_MAX: f64 = 10.0;

/// The rating a session's load is computed from: the logged one, clamped to 0–10, or C23's
/// default for the kind.
pub fn session_rating(s: &Session) -> f64 {
    s.rpe
        .filter(|r| r.is_finite())
        .map_or(f64::from(s.kind.default_rpe()), |r| r.clamp(0.0, CR10_MAX))
}

/// sRPE = CR-10 × minutes (AU). Negative or non-finite durations count as zero.
pub fn srpe(s: &Session) -> f64 {
    let minutes = if s.seconds.is_finite() {
        s.seconds.max(0.0) / SECONDS_PER_MINUTE
    } else {
        0.0
    };
    session_rating(s) * minutes
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::Kind;

    #[test]
    fn fellrnr_rpe_6_for_120_minutes_is_720_au() {
        // science.md §4 [PUB]: RPE 6 × 120 min = 720 AU (fellrnr.com/wiki/TRIMP).
        let s = Session::new(Kind::RunLong, 120.0 * 60.0, Some(6.0));
        assert_eq!(srpe(&s), 720.0);
    }

    #[test]
    fn unrated_sessions_take_the_c23_default() {
        // §7 C23: RUN_TEMPO 7, STR_HEAVY 7, MOB 1.
        assert_eq!(srpe(&Session::new(Kind::RunTempo, 2400.0, None)), 280.0);
        assert_eq!(srpe(&Session::new(Kind::StrHeavy, 2400.0, None)), 280.0);
        assert_eq!(srpe(&Session::new(Kind::Mob, 600.0, None)), 10.0);
        assert_eq!(
            srpe(&Session::new(Kind::RunEasy, 2700.0, Some(14.0))),
            450.0
        );
        assert_eq!(srpe(&Session::new(Kind::RunEasy, -60.0, Some(4.0))), 0.0);
    }
}
