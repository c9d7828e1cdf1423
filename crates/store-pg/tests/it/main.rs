//! Integration tests of the stores: the conformance story on SQLite and on PostgreSQL, whose
//! exports must be identical.

mod conformance;
mod sets;
