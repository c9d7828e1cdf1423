//! Group G rules: R-RUN-FLOOR, R-RUN-VOLUME, R-EASY-SHARE, R-STR-SHARE v2.

use crate::ctx::Ctx;
use crate::finding::Out;

/// Run this part's rules on the plan.
pub(super) fn check(_ctx: &Ctx, _out: &mut Out) {}
