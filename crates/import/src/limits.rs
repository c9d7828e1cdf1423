//! Limits that keep hostile archives (zip bombs, deep nesting) from exhausting memory, and the
//! bounded reader that enforces them on the bytes actually decompressed.

use std::io::Read;

/// Per-file limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file or archive entry after decompression.
    pub max_entry_bytes: u64,
    /// Largest decompressed/compressed ratio, checked once `ratio_floor_bytes` are out.
    pub max_ratio: u64,
    pub ratio_floor_bytes: u64,
    /// Deepest archive nesting: 1 = entries of an archive given, 2 = a zip inside it.
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: 256 << 20,
            max_ratio: 100,
            ratio_floor_bytes: 1 << 20,
            max_depth: 2,
        }
    }
}

/// Reads all of `r` into memory, refusing past the size limit or the compression-ratio limit
/// (`compressed` = bytes the compressed form takes). Counts bytes as they come out, whatever
/// the headers claim.
pub(crate) fn read_bounded(
    mut r: impl Read,
    compressed: u64,
    limits: &Limits,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("read failed after {} bytes: {e}", out.len())),
        };
        out.extend_from_slice(&buf[..n]);
        let len = out.len() as u64;
        if len > limits.max_entry_bytes {
            return Err(format!(
                "larger than {} MiB once decompressed; refused (zip bomb?)",
                limits.max_entry_bytes >> 20
            ));
        }
        if len > limits.ratio_floor_bytes
            && len > compressed.max(1).saturating_mul(limits.max_ratio)
        {
            return Err(format!(
                "decompresses more than {}x ({compressed} compressed bytes gave over {len}); refused (zip bomb?)",
                limits.max_ratio
            ));
        }
    }
    Ok(out)
}

/// Reads one activity file for a single-file command (`runlift inspect`): gzip-compressed
/// content is decompressed, within the limits.
pub fn read_activity_file(path: &std::path::Path, limits: &Limits) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let bytes = read_bounded(f, u64::MAX / limits.max_ratio.max(1), limits)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(&bytes[..]);
        return read_bounded(gz, bytes.len() as u64, limits).map_err(|e| format!("gzip: {e}"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_ratio_limit_without_reading_everything() {
        let limits = Limits {
            ratio_floor_bytes: 1000,
            max_ratio: 10,
            ..Limits::default()
        };
        let endless = std::io::repeat(0);
        let e = read_bounded(endless, 50, &limits).expect_err("endless zeros");
        assert!(e.contains("10x"), "{e}");
    }

    #[test]
    fn small_files_pass() {
        let data = vec![7u8; 5000];
        assert_eq!(
            read_bounded(&data[..], 5000, &Limits::default()).map(|v| v.len()),
            Ok(5000)
        );
    }
}
