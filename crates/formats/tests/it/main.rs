//! Integration tests of runlift-formats: the real files of `../shared/data` (skipped when it is
//! absent) and the project's own small files in `test_data/activity/`.

mod fit;
mod gpx;
mod own_files;
mod stream;
mod tcx;
mod truth;
mod workout;
