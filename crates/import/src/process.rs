//! Handles the bytes of one file or archive entry: gunzip, open a nested zip, decode, hash.

use std::io::Cursor;

use runlift_formats::{Activity, Severity, Sniffed, sniff};
use xxhash_rust::xxh3::xxh3_64;

use crate::discover::{Listed, entry_job};
use crate::limits::{Limits, read_bounded};
use crate::record::{Outcome, Record};

/// A decoded file before duplicates are known.
#[derive(Debug)]
pub(crate) enum Done {
    Decoded {
        record: Record,
        hash: u64,
        /// The activity and the file's bytes, when the caller keeps them ([`Ctx::keep`]).
        kept: Option<Box<(Activity, Vec<u8>)>>,
    },
    /// A content the caller already has ([`Ctx::known`]): not decoded.
    Known {
        source: String,
        hash: u64,
        bytes: u64,
    },
    Skipped(Outcome),
}

/// What a worker needs besides the bytes: the limits, which content hashes to pass over without
/// decoding, and whether to keep each activity and its bytes.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub limits: &'a Limits,
    pub known: Option<&'a (dyn Fn(u64) -> bool + Sync)>,
    pub keep: bool,
}

/// Processes `bytes` found at `source`, `depth` archive levels down; pushes what it finds.
pub(crate) fn process(source: &str, bytes: &[u8], depth: u32, ctx: Ctx<'_>, out: &mut Vec<Done>) {
    let limits = ctx.limits;
    match sniff(bytes) {
        Sniffed::Gzip => {
            let gz = flate2::read::MultiGzDecoder::new(bytes);
            match read_bounded(gz, bytes.len() as u64, limits) {
                Ok(inner) if matches!(sniff(&inner), Sniffed::Activity(_)) => {
                    decode(source, &inner, ctx, out)
                }
                Ok(_) => out.push(skip(source, "gzip content is not a FIT, GPX or TCX file")),
                Err(e) => out.push(skip(source, format!("gzip: {e}"))),
            }
        }
        Sniffed::Zip => nested(source, bytes, depth + 1, ctx, out),
        Sniffed::Activity(_) => decode(source, bytes, ctx, out),
        Sniffed::Unknown => out.push(skip(source, "not a FIT, GPX or TCX file (byte 0)")),
    }
}

/// Notes on records read from an entry whose name is not UTF-8.
pub(crate) fn note_cp437(done: &mut [Done]) {
    for d in done {
        if let Done::Decoded { record, .. } = d {
            record
                .notes
                .push("archive entry name is not UTF-8; read as code page 437".into());
        }
    }
}

fn skip(source: &str, reason: impl Into<String>) -> Done {
    Done::Skipped(Outcome::skipped(source, reason))
}

/// Opens a zip held in memory (an archive inside an archive) and processes its entries in turn.
fn nested(source: &str, bytes: &[u8], depth: u32, ctx: Ctx<'_>, out: &mut Vec<Done>) {
    let limits = ctx.limits;
    if depth > limits.max_depth {
        out.push(skip(
            source,
            format!(
                "archive nested deeper than {} levels; refused",
                limits.max_depth
            ),
        ));
        return;
    }
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return out.push(skip(source, format!("not a readable zip archive: {e}"))),
    };
    for index in 0..archive.len() {
        match entry_job(&mut archive, index, source) {
            Listed::Job {
                name,
                size: _,
                compressed,
                cp437,
            } => {
                let data = archive
                    .by_index(index)
                    .map_err(|e| e.to_string())
                    .and_then(|entry| read_bounded(entry, compressed, limits));
                let first = out.len();
                match data {
                    Ok(data) => process(&name, &data, depth, ctx, out),
                    Err(e) => out.push(skip(&name, e)),
                }
                if cp437 {
                    note_cp437(&mut out[first..]);
                }
            }
            Listed::Refused(o) => out.push(Done::Skipped(o)),
            Listed::Ignored => {}
        }
    }
}

/// Decodes one activity file; a file the decoder rejects, or decodes only in part (an error
/// diagnostic), is skipped with the decoder's message and offset. A content the caller already
/// has is passed over undecoded.
fn decode(source: &str, bytes: &[u8], ctx: Ctx<'_>, out: &mut Vec<Done>) {
    let hash = xxh3_64(bytes);
    if ctx.known.is_some_and(|known| known(hash)) {
        return out.push(Done::Known {
            source: source.to_string(),
            hash,
            bytes: bytes.len() as u64,
        });
    }
    let result = std::panic::catch_unwind(|| runlift_formats::decode_any(bytes));
    let act = match result {
        Ok(Ok(act)) => act,
        Ok(Err(e)) => return out.push(skip(source, e.to_string())),
        Err(_) => {
            return out.push(skip(
                source,
                "decoder failed unexpectedly (a bug); please report this file",
            ));
        }
    };
    if let Some(d) = act
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        let at = match (d.offset, d.line) {
            (Some(o), _) if !d.message.contains(&o.to_string()) => format!(" at byte {o}"),
            (_, Some(l)) if !d.message.contains("line") => format!(" at line {l}"),
            _ => String::new(),
        };
        return out.push(skip(
            source,
            format!("{}{at} (corrupt or truncated)", d.message),
        ));
    }
    let record = Record::new(source.to_string(), &act, hash, bytes.len() as u64);
    let kept = ctx.keep.then(|| Box::new((act, bytes.to_vec())));
    out.push(Done::Decoded { record, hash, kept });
}
