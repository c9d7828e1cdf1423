//! Integration tests of the `runlift` binary.

mod check;
mod import;
mod inspect;
mod paces;
