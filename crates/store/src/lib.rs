//! The training log's store layer: the [`Store`] trait (athletes and their profile versions,
//! saved plans, imported activities with their original bytes and streams, the undo journal,
//! export, restore and check), written once over the small [`Backend`] trait that
//! `runlift-store-sqlite` and `runlift-store-pg` implement. The tables are data
//! ([`schema`]); the conformance story ([`conformance`]) is what every backend must pass.

pub mod backend;
pub mod check;
pub mod conformance;
pub mod dedup;
pub mod import;
pub mod location;
pub mod log;
pub mod records;
pub mod schema;
pub mod snapshot;
pub mod sql;
pub mod store;

pub use backend::{Backend, BackendKind, Filter, Tx};
pub use check::CheckReport;
pub use location::Location;
pub use records::{
    Activity, ActivityFile, Athlete, JournalEntry, LapSummary, NewActivity, ProfileVersion, Record,
    SavedPlan, Streams, UndoStep,
};
pub use snapshot::Snapshot;
pub use store::{Added, Store};

/// Why a store operation failed. `Invalid` names the field; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// The database said no (a lost connection, a constraint): the operation was rolled back.
    #[error("database: {0}")]
    Database(String),
    /// A value in the store or an export that is not what its column holds.
    #[error("corrupt store data: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(String),
}

impl StoreError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}
