//! The FIT CRC (CRC-16/ARC: reflected polynomial 0xA001, initial value 0), computed sixteen
//! bytes at a time ("slicing by 16") so checking a file costs little next to decoding it.

const fn make_tables() -> [[u16; 256]; 16] {
    let mut t = [[0u16; 256]; 16];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u16;
        let mut k = 0;
        while k < 8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
            k += 1;
        }
        t[0][i] = crc;
        i += 1;
    }
    let mut s = 1;
    while s < 16 {
        let mut i = 0;
        while i < 256 {
            let prev = t[s - 1][i];
            t[s][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            i += 1;
        }
        s += 1;
    }
    t
}

static TABLES: [[u16; 256]; 16] = make_tables();

/// Continues a FIT CRC over `bytes`.
pub(crate) fn update(mut crc: u16, bytes: &[u8]) -> u16 {
    let t = &TABLES;
    let mut chunks = bytes.chunks_exact(16);
    for c in &mut chunks {
        let c: &[u8; 16] = c.try_into().unwrap_or(&[0; 16]);
        let lo = crc ^ u16::from_le_bytes([c[0], c[1]]);
        crc = (t[15][usize::from(lo & 0xFF)] ^ t[14][usize::from(lo >> 8)])
            ^ (t[13][usize::from(c[2])] ^ t[12][usize::from(c[3])])
            ^ (t[11][usize::from(c[4])] ^ t[10][usize::from(c[5])])
            ^ (t[9][usize::from(c[6])] ^ t[8][usize::from(c[7])])
            ^ (t[7][usize::from(c[8])] ^ t[6][usize::from(c[9])])
            ^ (t[5][usize::from(c[10])] ^ t[4][usize::from(c[11])])
            ^ (t[3][usize::from(c[12])] ^ t[2][usize::from(c[13])])
            ^ (t[1][usize::from(c[14])] ^ t[0][usize::from(c[15])]);
    }
    for &b in chunks.remainder() {
        crc = (crc >> 8) ^ t[0][usize::from((crc ^ u16::from(b)) & 0xFF)];
    }
    crc
}

/// The FIT CRC of `bytes`.
pub(crate) fn crc16(bytes: &[u8]) -> u16 {
    update(0, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Garmin's reference implementation: four bits at a time.
    fn nibble_crc(bytes: &[u8]) -> u16 {
        const T: [u16; 16] = [
            0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
            0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
        ];
        let mut crc = 0u16;
        for &b in bytes {
            let mut tmp = T[usize::from(crc & 0xF)];
            crc = (crc >> 4) & 0x0FFF;
            crc = crc ^ tmp ^ T[usize::from(b & 0xF)];
            tmp = T[usize::from(crc & 0xF)];
            crc = (crc >> 4) & 0x0FFF;
            crc = crc ^ tmp ^ T[usize::from((b >> 4) & 0xF)];
        }
        crc
    }

    #[test]
    fn matches_garmin_nibble_crc_and_check_value() {
        // CRC-16/ARC check value.
        assert_eq!(crc16(b"123456789"), 0xBB3D);
        let data: Vec<u8> = (0..1000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in [0, 1, 7, 8, 9, 63, 64, 999, 1000] {
            assert_eq!(crc16(&data[..len]), nibble_crc(&data[..len]), "len {len}");
        }
    }
}
