//! Integration tests of the `runlift` binary.

mod atomic;
mod check;
mod cli;
mod import;
mod inspect;
mod json;
mod kill;
mod log;
mod mistakes;
mod paces;
mod store;
mod today;
