//! Crockford base32 (no I, L, O, U: nothing to misread when a code is read aloud or typed) and
//! CRC-16/CCITT, for result codes people paste. Decoding is strict (padding bits must be zero),
//! so every single changed character changes the bytes and the checksum catches it.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn value(c: char) -> Option<u32> {
    let c = c.to_ascii_uppercase();
    let c = match c {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET.iter().position(|&a| a as char == c).map(|p| p as u32)
}

/// Why a text is not base32: the first bad character, or non-canonical trailing bits.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = vec![];
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.chars() {
        let v = value(c).ok_or_else(|| format!("“{c}” is not a character result codes use"))?;
        acc = ((acc << 5) | v) & 0xFFFF;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if bits >= 5 || acc & ((1 << bits) - 1) != 0 {
        return Err("its last characters do not fit together (was it cut off or mistyped?)".into());
    }
    Ok(out)
}

pub fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in bytes {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_is_strict() {
        for bytes in [&b""[..], b"\x00", b"\xff\x01", b"hello world", &[7u8; 33]] {
            assert_eq!(decode(&encode(bytes)).unwrap(), bytes);
        }
        assert_eq!(decode("o1l").unwrap_err().contains("fit"), true, "3 chars = 15 bits: not canonical");
        assert!(decode("AU").unwrap_err().contains("“U”"));
        // CRC-16/CCITT-FALSE check value.
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }
}
