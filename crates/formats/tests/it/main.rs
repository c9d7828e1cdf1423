//! Integration tests of runlift-formats against the real files in `shared/data`.

mod fit;
mod gpx;
mod stream;
mod tcx;
mod truth;
mod workout;
