//! Group G's rules on the craft of sessions (rulebook v2 §8.2): R-LIGHT-IS-LIGHT so far
//! (R-STR-PROG, R-INJURY, R-HONEST and R-WORKOUT-PROG follow). Decisions where the rulebook is
//! silent are in docs/rules/group-g.md ("The craft of sessions").

pub(crate) mod light;

use crate::ctx::Ctx;
use crate::finding::Out;

/// Run this part's rules on the plan.
pub(super) fn check(ctx: &Ctx, out: &mut Out) {
    light::check(ctx, out);
}
