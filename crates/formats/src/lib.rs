//! Activity file formats: FIT, GPX and TCX decoders and the FIT workout encoder. Pure: bytes in,
//! values and diagnostics out; finding files, archives and progress bars live in the CLI.

pub mod activity;
pub mod fit;
pub mod geo;
pub mod gpx;
pub mod sniff;
pub mod tcx;
mod track;
pub mod workout;
pub mod xml;

pub use activity::{
    Activity, Diagnostic, Format, Lap, Samples, SessionSummary, Severity, Streams, StrengthSet,
};
pub use sniff::{AnyError, Sniffed, decode_any, sniff};
pub use xml::XmlError;
