//! Integration tests of runlift-import: real data folders, zip and gzip exports, archive safety.

mod archive;
mod each;
mod folder;
mod support;
