//! Snapshots of the example plans as Markdown (`snapshots/*.md`, reviewed by reading them as a
//! coach would; `UPDATE_EXPECT=1 cargo test -p runlift-plan` rewrites them after a deliberate
//! change to the planner, and the diff is the review).

use expect_test::expect_file;

use crate::common::*;

fn markdown(name: &str) -> String {
    runlift_plan::output::markdown(&planned(name))
}

#[test]
fn beginner_5k() {
    expect_file!["snapshots/beginner-5k.md"].assert_eq(&markdown("beginner-5k.toml"));
}

#[test]
fn intermediate_half() {
    expect_file!["snapshots/intermediate-half.md"].assert_eq(&markdown("intermediate-half.toml"));
}

#[test]
fn advanced_marathon() {
    expect_file!["snapshots/advanced-marathon.md"].assert_eq(&markdown("advanced-marathon.toml"));
}

#[test]
fn microdose_10k() {
    expect_file!["snapshots/microdose-10k.md"].assert_eq(&markdown("microdose-10k.toml"));
}

#[test]
fn masters_two_a_races() {
    expect_file!["snapshots/masters-two-a-races.md"]
        .assert_eq(&markdown("masters-two-a-races.toml"));
}
