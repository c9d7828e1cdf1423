//! Integration tests of the planner: example athletes, tapers, round trips through the plan
//! readers and the linter, and the property test over random profiles.

mod common;
mod examples;
mod props;
