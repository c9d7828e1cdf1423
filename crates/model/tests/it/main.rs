//! runlift-model's integration tests: one binary, a module per topic.

mod paces;
