//! runlift-planfile
