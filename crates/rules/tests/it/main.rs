//! Integration tests of runlift-rules (one test binary).

mod data_driven;
mod example_block;
mod props;
