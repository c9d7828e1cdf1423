//! Integration tests of the `runlift` binary.

mod atomic;
mod check;
mod import;
mod inspect;
mod paces;
