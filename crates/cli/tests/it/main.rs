//! Integration tests of the `runlift` binary.

mod check;
mod cli;
mod import;
mod inspect;
mod json;
mod mistakes;
mod paces;
