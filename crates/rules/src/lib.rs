//! runlift-rules
