//! Group G's race-facing rules (rulebook v2 §8.2): R-HARD-SEQ, R-RACE-WEEK and R-POST-RACE v2 so far
//! (R-TAPER-A v2, R-LONG, R-LONG-SPACING and R-RACE-PACE follow). Decisions where the rulebook
//! is silent are in docs/rules/group-g.md ("Race-facing rules").

pub(crate) mod hard_seq;
pub mod post_race;
pub mod race_week;

use crate::ctx::Ctx;
use crate::finding::Out;

/// Run the race-facing rules on the plan.
pub(super) fn check(ctx: &Ctx, out: &mut Out) {
    hard_seq::check(ctx, out);
    race_week::check(ctx, out);
    post_race::check(ctx, out);
}
