//! runlift-model
