//! Tells FIT, GPX and TCX apart by their content (not their name) and decodes any of them.

use crate::activity::{Activity, Format};
use crate::xml::{self, XmlError};

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Activity(Format),
    /// gzip-compressed data (`.fit.gz` and friends): decompress first.
    Gzip,
    /// A zip archive (an export): open it as an archive.
    Zip,
    Unknown,
}

/// Looks at the start of `bytes` to tell what it holds.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.len() >= 12 && matches!(bytes[0], 12 | 14) && &bytes[8..12] == b".FIT" {
        return Sniffed::Activity(Format::Fit);
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Sniffed::Gzip;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    let (doc, _) = xml::skip_preamble(bytes);
    if !doc.starts_with(b"<") {
        return Sniffed::Unknown;
    }
    let head = &doc[..doc.len().min(64 * 1024)];
    let gpx = find(head, b"<gpx").or_else(|| find(head, b":gpx "));
    let tcx = find(head, b"TrainingCenterDatabase");
    match (gpx, tcx) {
        (Some(g), Some(t)) if g < t => Sniffed::Activity(Format::Gpx),
        (Some(_), None) => Sniffed::Activity(Format::Gpx),
        (_, Some(_)) => Sniffed::Activity(Format::Tcx),
        (None, None) => Sniffed::Unknown,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Why [`decode_any`] gave up on a file.
#[derive(Debug, thiserror::Error)]
pub enum AnyError {
    #[error("FIT: {0}")]
    Fit(#[source] crate::fit::DecodeError),
    #[error("GPX: {0}")]
    Gpx(#[source] XmlError),
    #[error("TCX: {0}")]
    Tcx(#[source] XmlError),
    #[error("gzip-compressed data: decompress before decoding")]
    Compressed,
    #[error("a zip archive, not an activity file")]
    Archive,
    #[error("not a FIT, GPX or TCX file (byte 0)")]
    Unknown,
}

impl AnyError {
    /// Byte offset of the problem, when known.
    pub fn offset(&self) -> Option<u64> {
        match self {
            AnyError::Fit(e) => Some(e.offset()),
            AnyError::Gpx(e) | AnyError::Tcx(e) => Some(e.offset),
            _ => Some(0),
        }
    }

    /// 1-based line of the problem (XML formats).
    pub fn line(&self) -> Option<u32> {
        match self {
            AnyError::Gpx(e) | AnyError::Tcx(e) => Some(e.line),
            _ => None,
        }
    }
}

/// Decodes a FIT, GPX or TCX file, chosen by content.
pub fn decode_any(bytes: &[u8]) -> Result<Activity, AnyError> {
    match sniff(bytes) {
        Sniffed::Activity(Format::Fit) => crate::fit::decode(bytes).map_err(AnyError::Fit),
        Sniffed::Activity(Format::Gpx) => crate::gpx::decode(bytes).map_err(AnyError::Gpx),
        Sniffed::Activity(Format::Tcx) => crate::tcx::decode(bytes).map_err(AnyError::Tcx),
        Sniffed::Gzip => Err(AnyError::Compressed),
        Sniffed::Zip => Err(AnyError::Archive),
        Sniffed::Unknown => Err(AnyError::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_formats_apart() {
        assert_eq!(
            sniff(b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\x00\x00"),
            Sniffed::Activity(Format::Fit)
        );
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">"),
            Sniffed::Activity(Format::Gpx)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><TrainingCenterDatabase>"),
            Sniffed::Activity(Format::Tcx)
        );
        assert_eq!(sniff(b"\x1f\x8b\x08"), Sniffed::Gzip);
        assert_eq!(sniff(b"PK\x03\x04"), Sniffed::Zip);
        assert_eq!(sniff(b"hello"), Sniffed::Unknown);
        assert_eq!(sniff(b""), Sniffed::Unknown);
    }
}
