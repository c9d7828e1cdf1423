//! Integration tests of runlift-formats against the real files in `shared/data`.

mod gpx;
mod tcx;
mod truth;
mod workout;
