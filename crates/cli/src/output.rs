//! Shared output helpers for the subcommands.
