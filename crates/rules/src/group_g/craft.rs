//! Group G rules: R-LIGHT-IS-LIGHT, R-STR-PROG, R-INJURY, R-HONEST, R-WORKOUT-PROG.

use crate::ctx::Ctx;
use crate::finding::Out;

/// Run this part's rules on the plan.
pub(super) fn check(_ctx: &Ctx, _out: &mut Out) {}
