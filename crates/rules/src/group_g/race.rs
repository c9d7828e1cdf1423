//! Group G rules: R-RACE-WEEK, R-TAPER-A v2, R-POST-RACE v2, R-LONG, R-LONG-SPACING, R-HARD-SEQ, R-RACE-PACE.

use crate::ctx::Ctx;
use crate::finding::Out;

/// Run this part's rules on the plan.
pub(super) fn check(_ctx: &Ctx, _out: &mut Out) {}
