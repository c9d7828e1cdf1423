//! Impact load: what the legs' tendons and bones absorb. Running distance in metres plus
//! plyometric contacts converted to metres of running by their intensity tier (rulebook §7 C16).
//! Contacts not logged are estimated by the rules crate's one definition
//! ([`runlift_rules::estimated_contacts`]). No published equivalence exists between a landing and
//! a metre of running: the factors are a runlift decision (docs/load/impact.md).

use runlift_model::library::Tier;
use serde::{Deserialize, Serialize};

use crate::input::{LiftSet, Session};

/// Metres of running one low-intensity contact (pogo hops, skips, box jumps) stands for: about
/// three running foot strikes (a runlift decision, docs/load/impact.md).
pub const LOW_CONTACT_M: f64 = 4.0;
/// Moderate contacts (jump squats, jumping lunges): twice a low one.
pub const MODERATE_CONTACT_M: f64 = 8.0;
/// High contacts (bounding, drop jumps): four times a low one.
pub const HIGH_CONTACT_M: f64 = 16.0;

/// Metres of running one contact of a tier stands for.
pub fn contact_metres(tier: Tier) -> f64 {
    match tier {
        Tier::Low => LOW_CONTACT_M,
        Tier::Moderate => MODERATE_CONTACT_M,
        Tier::High => HIGH_CONTACT_M,
    }
}

/// A day's or a session's impact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Impact {
    /// Running distance, metres.
    pub run_m: f64,
    /// Plyometric contacts.
    pub contacts: u32,
    /// The contacts as metres of running.
    pub contact_m: f64,
}

impl Impact {
    /// The impact load: metres of running equivalent.
    pub fn load(&self) -> f64 {
        self.run_m + self.contact_m
    }

    pub fn add(&mut self, o: Impact) {
        self.run_m += o.run_m;
        self.contacts = self.contacts.saturating_add(o.contacts);
        self.contact_m += o.contact_m;
    }
}

/// Contacts of a logged set: as logged, else estimated for plyometric and tiered exercises,
/// else none; with the tier they are weighted by (untiered plyometrics count as moderate, as
/// R-PLYO-VOL counts them).
pub fn set_contacts(set: &LiftSet) -> Option<(u32, Tier)> {
    let e = set.exercise.get();
    if !(e.is_plyo() || e.tier.is_some()) {
        return None;
    }
    let n = set.contacts.unwrap_or_else(|| {
        runlift_rules::estimated_contacts(e, 1, Some(u32::from(set.reps)), None)
    });
    Some((n, e.tier.unwrap_or(Tier::Moderate)))
}

/// A session's impact: its distance when it is a run, and its sets' contacts.
pub fn session_impact(s: &Session) -> Impact {
    let run_m = if s.kind.is_run() {
        s.distance_m
            .filter(|d| d.is_finite() && *d > 0.0)
            .unwrap_or(0.0)
    } else {
        0.0
    };
    let mut out = Impact {
        run_m,
        ..Impact::default()
    };
    for (n, tier) in s.sets.iter().filter_map(set_contacts) {
        out.contacts = out.contacts.saturating_add(n);
        out.contact_m += f64::from(n) * contact_metres(tier);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::Kind;
    use runlift_model::library::library;

    fn set(id: &str, reps: u16, contacts: Option<u32>) -> LiftSet {
        LiftSet {
            exercise: library().id(id).expect(id),
            reps,
            kg: 0.0,
            rpe: None,
            contacts,
        }
    }

    #[test]
    fn runs_count_metres_and_plyos_count_contacts() {
        let mut run = Session::new(Kind::RunEasy, 2700.0, Some(4.0));
        run.distance_m = Some(8210.0);
        assert_eq!(session_impact(&run).load(), 8210.0);
        let mut plyo = Session::new(Kind::StrPlyo, 1200.0, None);
        plyo.distance_m = Some(500.0); // not a run: distance ignored
        plyo.sets = vec![
            set("pogo-hops", 10, Some(20)),
            set("bounding", 8, None),
            set("back-squat", 5, None),
        ];
        let i = session_impact(&plyo);
        assert_eq!(i.run_m, 0.0);
        // Bounding alternates legs: 8 reps a leg are 16 contacts (group_e's counting).
        assert_eq!(i.contacts, 20 + 16);
        assert_eq!(i.contact_m, 20.0 * LOW_CONTACT_M + 16.0 * HIGH_CONTACT_M);
    }

    #[test]
    fn per_leg_reps_are_doubled_as_the_rules_count_them() {
        // formats.md: jumping lunge 4 × 3 = 24 contacts, i.e. 6 a set.
        let s = set("jumping-lunge", 3, None);
        assert_eq!(set_contacts(&s).map(|c| c.0), Some(6));
    }
}
