//! Integration tests of the planner: example athletes, tapers, round trips through the plan
//! readers and the linter, and the property tests over random profiles (`props.rs`: plans for
//! every profile, sessions in given slots, everything left out explained; `props_strict.rs`: zero
//! lint errors).

mod adapt;
mod common;
mod edges;
mod examples;
mod optimal;
mod overrides;
mod props;
mod props_strict;
mod race_recovery;
mod replan;
mod snapshots;
mod tapers;
