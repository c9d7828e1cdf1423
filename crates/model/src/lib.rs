//! runlift's domain vocabulary (rulebook §1–§2): session kinds, intensity classes, muscle regions,
//! equipment, the exercise library, the athlete profile and the plan. Pure values: no IO.

pub mod bounds;
pub mod intensity;
pub mod kind;
pub mod library;
pub mod log;
pub mod paces;
pub mod plan;
pub mod planned;
pub mod profile;
pub mod region;
pub mod serde_util;
pub mod structure;
pub mod suggest;
pub mod units;

pub use kind::{Class, Kind};
pub use region::{Equipment, EquipmentSet, Region, Regions};
