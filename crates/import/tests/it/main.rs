//! Integration tests of runlift-import: real data folders, zip and gzip exports, archive safety.

mod archive;
mod folder;
mod support;
