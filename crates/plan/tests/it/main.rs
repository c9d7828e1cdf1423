//! Integration tests of the planner: example athletes, tapers, round trips through the plan
//! readers and the linter, and the property test over random profiles.

mod common;
mod examples;
mod props;
mod snapshots;
mod tapers;
// `props_strict.rs`: every plan of 1,000 random profiles lints with zero errors. About 1 in 2,000
// random profiles still end with an error (docs/planner.md "Known gaps"), so it is not compiled
// into the suite yet. Run it with
// `sed -i 's|^// mod props_strict;|mod props_strict;|' crates/plan/tests/it/main.rs && cargo test -p runlift-plan props_strict`
// mod props_strict;
