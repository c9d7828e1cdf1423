//! The FIT framing layer shared by the fast decoder and the message view: file headers, chained
//! files, CRCs, definition messages and the slicing of data messages. It hands each message to a
//! [`Visitor`]; it never looks inside data messages.

use super::DecodeError;
use super::crc;
use crate::activity::{Diagnostic, Severity};

/// One field of a definition message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FieldDef {
    pub num: u8,
    pub size: u8,
    pub base_type: u8,
}

/// A definition message: what the data messages of one local type look like.
#[derive(Clone, Debug, Default)]
pub(crate) struct Definition {
    pub global: u16,
    pub big_endian: bool,
    pub fields: Vec<FieldDef>,
    /// Total size of the developer fields, which follow the regular ones.
    pub dev_size: usize,
    /// Size of a data message's content (without its header byte).
    pub size: usize,
}

/// Receives what the walker reads, in file order.
pub(crate) trait Visitor {
    /// A new FIT file starts (the first one, or the next of a chained file) at `offset`.
    fn file_start(&mut self, offset: usize);
    /// Local type `local` was (re)defined.
    fn definition(&mut self, local: u8, def: &Definition);
    /// A data message of local type `local`: its content (`def.size` bytes) starts at `offset`.
    /// `time_offset` is the 5-bit time offset of a compressed-timestamp header.
    fn data(
        &mut self,
        local: u8,
        def: &Definition,
        offset: usize,
        content: &[u8],
        time_offset: Option<u8>,
    );
}

/// What a walk read before it stopped.
#[derive(Debug, Default)]
pub(crate) struct WalkSummary {
    pub files: usize,
    pub data_messages: usize,
}

/// Smallest FIT file header.
const MIN_HEADER: usize = 12;

/// Walks all FIT files chained in `bytes`. Warnings (CRC mismatches) go to `diags`. On a fatal
/// problem returns the error together with what was read before it.
pub(crate) fn walk<V: Visitor>(
    bytes: &[u8],
    v: &mut V,
    diags: &mut Vec<Diagnostic>,
) -> Result<WalkSummary, (DecodeError, WalkSummary)> {
    let mut summary = WalkSummary::default();
    let mut defs: [Option<Definition>; 16] = Default::default();
    let mut pos = 0usize;
    while pos < bytes.len() || summary.files == 0 {
        match walk_file(bytes, pos, v, &mut defs, diags, &mut summary) {
            Ok(next) => pos = next,
            Err(e) => return Err((e, summary)),
        }
    }
    Ok(summary)
}

fn warn(diags: &mut Vec<Diagnostic>, offset: usize, message: String) {
    diags.push(Diagnostic {
        severity: Severity::Warning,
        offset: Some(offset as u64),
        line: None,
        message,
    });
}

/// Walks the FIT file whose header starts at `start`; returns the offset just past its CRC.
fn walk_file<V: Visitor>(
    bytes: &[u8],
    start: usize,
    v: &mut V,
    defs: &mut [Option<Definition>; 16],
    diags: &mut Vec<Diagnostic>,
    summary: &mut WalkSummary,
) -> Result<usize, DecodeError> {
    let header = bytes.get(start..).unwrap_or(&[]);
    if header.len() < MIN_HEADER {
        if header.get(8..).is_some_and(|s| !b".FIT".starts_with(s)) {
            return Err(DecodeError::NotFit {
                offset: start as u64 + 8,
                what: "missing '.FIT' signature",
            });
        }
        return Err(DecodeError::Truncated {
            offset: start as u64,
            what: "file header",
        });
    }
    if &header[8..12] != b".FIT" {
        return Err(DecodeError::NotFit {
            offset: start as u64 + 8,
            what: "missing '.FIT' signature",
        });
    }
    let header_size = usize::from(header[0]);
    if header_size < MIN_HEADER {
        return Err(DecodeError::NotFit {
            offset: start as u64,
            what: "header size below 12 bytes",
        });
    }
    if header.len() < header_size {
        return Err(DecodeError::Truncated {
            offset: start as u64,
            what: "file header",
        });
    }
    if header_size >= 14 {
        let stored = u16::from_le_bytes([header[12], header[13]]);
        // A header CRC of 0x0000 means "not computed" (FIT protocol), so it is valid.
        let computed = crc::crc16(&header[..12]);
        if stored != 0 && stored != computed {
            warn(
                diags,
                start + 12,
                format!(
                    "header CRC mismatch: stored 0x{stored:04X}, computed 0x{computed:04X}; data kept"
                ),
            );
        }
    }
    let data_size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
    let data_start = start + header_size;
    // Never trust the declared size beyond the bytes actually present.
    let declared_end = data_start.saturating_add(data_size);
    let data_end = declared_end.min(bytes.len());

    summary.files += 1;
    v.file_start(start);
    for d in defs.iter_mut().flatten() {
        d.size = usize::MAX; // marks "undefined in this file" while keeping the allocation
    }

    let mut pos = data_start;
    while pos < data_end {
        let h = bytes[pos];
        if h & 0x80 != 0 {
            // Compressed-timestamp header: local type in bits 5-6, time offset in bits 0-4.
            let local = (h >> 5) & 0x03;
            pos = data_message(bytes, pos, data_end, local, Some(h & 0x1F), defs, v)?;
            summary.data_messages += 1;
        } else if h & 0x40 != 0 {
            pos = definition(bytes, pos, data_end, h, defs, v)?;
        } else {
            pos = data_message(bytes, pos, data_end, h & 0x0F, None, defs, v)?;
            summary.data_messages += 1;
        }
    }
    if declared_end > bytes.len() {
        return Err(DecodeError::Truncated {
            offset: bytes.len() as u64,
            what: "file: data ends early",
        });
    }
    let Some(stored) = bytes.get(data_end..data_end + 2) else {
        return Err(DecodeError::Truncated {
            offset: data_end as u64,
            what: "file CRC",
        });
    };
    let stored = u16::from_le_bytes([stored[0], stored[1]]);
    let computed = crc::crc16(&bytes[start..data_end]);
    if stored != computed {
        warn(
            diags,
            data_end,
            format!(
                "file CRC mismatch: stored 0x{stored:04X}, computed 0x{computed:04X}; data kept"
            ),
        );
    }
    Ok(data_end + 2)
}

/// Reads a definition message at `pos`; returns the offset after it.
fn definition<V: Visitor>(
    bytes: &[u8],
    pos: usize,
    end: usize,
    h: u8,
    defs: &mut [Option<Definition>; 16],
    v: &mut V,
) -> Result<usize, DecodeError> {
    let local = h & 0x0F;
    let has_dev = h & 0x20 != 0;
    let truncated = DecodeError::Truncated {
        offset: pos as u64,
        what: "definition message",
    };
    let fixed = bytes
        .get(pos + 1..pos + 6)
        .filter(|_| pos + 6 <= end)
        .ok_or(truncated.clone())?;
    let big_endian = match fixed[1] {
        0 => false,
        1 => true,
        other => {
            return Err(DecodeError::BadDefinition {
                offset: pos as u64 + 2,
                what: format!("architecture byte {other} (expected 0 or 1)"),
            });
        }
    };
    let global = if big_endian {
        u16::from_be_bytes([fixed[2], fixed[3]])
    } else {
        u16::from_le_bytes([fixed[2], fixed[3]])
    };
    let n = usize::from(fixed[4]);
    let mut p = pos + 6;
    let fields_end = p + 3 * n;
    let raw = bytes
        .get(p..fields_end)
        .filter(|_| fields_end <= end)
        .ok_or(truncated.clone())?;
    p = fields_end;
    let slot = &mut defs[usize::from(local)];
    let def = slot.get_or_insert_with(Definition::default);
    def.global = global;
    def.big_endian = big_endian;
    def.fields.clear();
    let mut size = 0usize;
    for f in raw.chunks_exact(3) {
        def.fields.push(FieldDef {
            num: f[0],
            size: f[1],
            base_type: f[2],
        });
        size += usize::from(f[1]);
    }
    def.dev_size = 0;
    if has_dev {
        let nd = usize::from(*bytes.get(p).filter(|_| p < end).ok_or(truncated.clone())?);
        p += 1;
        let dev_end = p + 3 * nd;
        let dev = bytes
            .get(p..dev_end)
            .filter(|_| dev_end <= end)
            .ok_or(truncated)?;
        def.dev_size = dev.chunks_exact(3).map(|f| usize::from(f[1])).sum();
        p = dev_end;
    }
    def.size = size + def.dev_size;
    v.definition(local, def);
    Ok(p)
}

/// Hands the data message at `pos` to the visitor; returns the offset after it.
#[inline(always)]
fn data_message<V: Visitor>(
    bytes: &[u8],
    pos: usize,
    end: usize,
    local: u8,
    time_offset: Option<u8>,
    defs: &[Option<Definition>; 16],
    v: &mut V,
) -> Result<usize, DecodeError> {
    let def = match &defs[usize::from(local)] {
        Some(d) if d.size != usize::MAX => d,
        _ => {
            return Err(DecodeError::UndefinedLocal {
                offset: pos as u64,
                local,
            });
        }
    };
    let start = pos + 1;
    let stop = start + def.size;
    if stop > end {
        let what = if end == bytes.len() {
            "data message"
        } else {
            "data message (it runs past the data size declared in the file header)"
        };
        return Err(DecodeError::Truncated {
            offset: pos as u64,
            what,
        });
    }
    v.data(local, def, start, &bytes[start..stop], time_offset);
    Ok(stop)
}
