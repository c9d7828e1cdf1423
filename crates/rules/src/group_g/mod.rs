//! Group G, running craft (rulebook v2 §8): the rules that make a plan a running coach would sign.
//! Split by theme so that each part has one home: race-facing rules (`race`), running volume and
//! the sports' shares (`volume`), and the craft of the sessions themselves (`craft`).

mod craft;
pub(crate) mod race;
mod volume;

pub use craft::light::light_window_days;
pub use craft::light::{LIGHT_RIR, RULE as LIGHT_RULE};

use crate::ctx::Ctx;
use crate::finding::Out;

/// Run every group G rule on the plan.
pub(crate) fn check(ctx: &Ctx, out: &mut Out) {
    race::check(ctx, out);
    volume::check(ctx, out);
    craft::check(ctx, out);
}
