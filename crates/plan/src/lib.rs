//! runlift-plan
