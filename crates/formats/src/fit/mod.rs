//! FIT decoding: [`decode`] turns a FIT file (or several chained ones) into an [`Activity`] in
//! one fast pass; [`messages`] lists every data message for inspection.
//!
//! Robustness rules: a file CRC mismatch is a Warning and the data is kept (like fitdecode); a
//! header CRC of 0x0000 is valid ("not computed"); a file that breaks off (truncated, undefined
//! local type, corrupt chained header) gives what was decoded so far with an Error diagnostic,
//! and only a file where no data message could be read is an `Err`. No allocation is sized from
//! a length field beyond the bytes actually present.

mod base;
pub(crate) mod crc;
mod decode;
mod messages;
mod names;
#[rustfmt::skip]
pub mod profile;
mod walk;

pub use messages::{Field, Message, Messages, Value, messages};
pub use names::{exercise_category, message_name};

use crate::activity::{Activity, Diagnostic, Severity};

/// Why a FIT file could not be read; each variant says at which byte offset.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("not a FIT file: {what} at offset {offset}")]
    NotFit { offset: u64, what: &'static str },
    #[error("truncated {what} at offset {offset}")]
    Truncated { offset: u64, what: &'static str },
    #[error(
        "data message at offset {offset} uses local message type {local}, which is not defined"
    )]
    UndefinedLocal { offset: u64, local: u8 },
    #[error("bad definition message at offset {offset}: {what}")]
    BadDefinition { offset: u64, what: String },
}

impl DecodeError {
    /// Byte offset the error refers to.
    pub fn offset(&self) -> u64 {
        match self {
            DecodeError::NotFit { offset, .. }
            | DecodeError::Truncated { offset, .. }
            | DecodeError::UndefinedLocal { offset, .. }
            | DecodeError::BadDefinition { offset, .. } => *offset,
        }
    }
}

/// Decodes a FIT activity file (chained files: every part, sessions in order).
pub fn decode(bytes: &[u8]) -> Result<Activity, DecodeError> {
    let mut decoder = decode::Decoder::new(bytes.len());
    let mut diags = Vec::new();
    if let Err((e, summary)) = walk::walk(bytes, &mut decoder, &mut diags) {
        if summary.data_messages == 0 {
            return Err(e);
        }
        diags.push(Diagnostic {
            severity: Severity::Error,
            offset: Some(e.offset()),
            line: None,
            message: e.to_string(),
        });
    }
    Ok(decoder.finish(diags))
}
