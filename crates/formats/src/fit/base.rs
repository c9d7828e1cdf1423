//! FIT base types: their sizes, invalid ("missing") values, and raw reads in either byte order.

/// How the bytes of a base type are interpreted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Unsigned,
    Signed,
    Float,
    String,
    Bytes,
}

/// One FIT base type (the low five bits of the base-type byte index [`BASE_TYPES`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct BaseType {
    pub size: u8,
    pub kind: Kind,
    /// The raw value that means "no value".
    pub invalid: u64,
}

const fn bt(_name: &'static str, size: u8, kind: Kind, invalid: u64) -> BaseType {
    BaseType {
        size,
        kind,
        invalid,
    }
}

/// Base types by number (`base_type_byte & 0x1F`).
pub(crate) const BASE_TYPES: [BaseType; 17] = [
    bt("enum", 1, Kind::Unsigned, 0xFF),
    bt("sint8", 1, Kind::Signed, 0x7F),
    bt("uint8", 1, Kind::Unsigned, 0xFF),
    bt("sint16", 2, Kind::Signed, 0x7FFF),
    bt("uint16", 2, Kind::Unsigned, 0xFFFF),
    bt("sint32", 4, Kind::Signed, 0x7FFF_FFFF),
    bt("uint32", 4, Kind::Unsigned, 0xFFFF_FFFF),
    bt("string", 1, Kind::String, 0),
    bt("float32", 4, Kind::Float, 0xFFFF_FFFF),
    bt("float64", 8, Kind::Float, u64::MAX),
    bt("uint8z", 1, Kind::Unsigned, 0),
    bt("uint16z", 2, Kind::Unsigned, 0),
    bt("uint32z", 4, Kind::Unsigned, 0),
    bt("byte", 1, Kind::Bytes, 0xFF),
    bt("sint64", 8, Kind::Signed, 0x7FFF_FFFF_FFFF_FFFF),
    bt("uint64", 8, Kind::Unsigned, u64::MAX),
    bt("uint64z", 8, Kind::Unsigned, 0),
];

/// What an unknown base-type number is read as: opaque bytes.
const UNKNOWN: BaseType = bt("unknown", 1, Kind::Bytes, 0xFF);

/// The base type for a base-type byte from a definition message.
#[inline]
pub(crate) fn base_type(byte: u8) -> BaseType {
    BASE_TYPES
        .get(usize::from(byte & 0x1F))
        .copied()
        .unwrap_or(UNKNOWN)
}

/// Reads an unsigned integer of `width` (1, 2, 4 or 8) bytes from the start of `b`.
/// The caller guarantees `b.len() >= width`; other widths read as 0.
#[inline(always)]
pub(crate) fn read_uint(b: &[u8], width: usize, big_endian: bool) -> u64 {
    match width {
        1 => u64::from(b[0]),
        2 => {
            let a = [b[0], b[1]];
            u64::from(if big_endian {
                u16::from_be_bytes(a)
            } else {
                u16::from_le_bytes(a)
            })
        }
        4 => {
            let a = [b[0], b[1], b[2], b[3]];
            u64::from(if big_endian {
                u32::from_be_bytes(a)
            } else {
                u32::from_le_bytes(a)
            })
        }
        8 => {
            let a = [b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]];
            if big_endian {
                u64::from_be_bytes(a)
            } else {
                u64::from_le_bytes(a)
            }
        }
        _ => 0,
    }
}

/// Sign-extends the low `width` bytes of `raw`.
#[inline(always)]
pub(crate) fn sign_extend(raw: u64, width: usize) -> i64 {
    let shift = 64 - 8 * width as u32;
    ((raw << shift) as i64) >> shift
}

/// Converts a raw value of `kind`/`width` to f64; NaN when it is the invalid value.
#[inline(always)]
pub(crate) fn to_f64(raw: u64, kind: Kind, width: usize, invalid: u64) -> f64 {
    if raw == invalid {
        return f64::NAN;
    }
    match kind {
        Kind::Signed => sign_extend(raw, width) as f64,
        Kind::Float if width == 4 => f64::from(f32::from_bits(raw as u32)),
        Kind::Float => f64::from_bits(raw),
        _ => raw as f64,
    }
}
