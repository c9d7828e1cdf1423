//! Integration tests of runlift-load: the daily table over logs, properties of the models,
//! readiness scenarios, and the cross-check against the pandas reference (tools/).

mod compliance;
mod daily;
mod oracle;
mod props;
mod reference;
mod scenarios;
mod synth;
