//! Traditional → Simplified characters (OpenCC data, `rules/t2s.txt`), compiled in by build.rs.

include!(concat!(env!("OUT_DIR"), "/t2s.rs"));

/// One bit per character of the Basic Multilingual Plane: set where the table has an entry.
/// Nearly every character a table holds has none, and this answers for it with one load
/// instead of a binary search (the search was 8% of a batch's time).
static BMP: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < T2S.len() {
        let u = T2S[i].0 as u32;
        if u < 0x10000 {
            bits[(u >> 6) as usize] |= 1 << (u & 63);
        }
        i += 1;
    }
    bits
};

/// The Simplified form of a Traditional character, if it has a different one.
pub fn lookup(c: char) -> Option<char> {
    let u = c as u32;
    if u < 0x10000 && (BMP[(u >> 6) as usize] >> (u & 63)) & 1 == 0 {
        return None;
    }
    T2S.binary_search_by_key(&c, |p| p.0).ok().map(|i| T2S[i].1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bitmap_agrees_with_the_table() {
        for u in 0..0x11000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let searched = super::T2S
                .binary_search_by_key(&c, |p| p.0)
                .ok()
                .map(|i| super::T2S[i].1);
            assert_eq!(super::lookup(c), searched, "U+{u:04X}");
        }
        assert_eq!(super::lookup('國'), Some('国'));
        assert_eq!(super::lookup('国'), None);
    }
}
