//! Traditional → Simplified characters (OpenCC data, `rules/t2s.txt`), compiled in by build.rs.

include!(concat!(env!("OUT_DIR"), "/t2s.rs"));

/// The Simplified form of a Traditional character, if it has a different one.
pub fn lookup(c: char) -> Option<char> {
    T2S.binary_search_by_key(&c, |p| p.0).ok().map(|i| T2S[i].1)
}
