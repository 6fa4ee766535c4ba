//! Chinese place names (`rules/places.txt`, compiled in by build.rs), for finding whether a text
//! names a place.

include!(concat!(env!("OUT_DIR"), "/places.rs"));

/// A name with its administrative suffix (六安市, 五桂镇) stands on its own; a short name (六安)
/// only before a word that makes it a place, since two characters occur inside ordinary words
/// ("资金安全" holds 金安).
fn is_full(name: &str) -> bool {
    name.ends_with(['省', '市', '县', '区', '旗', '盟', '州', '镇', '乡', '村'])
        || name.ends_with("街道")
        || name.ends_with("社区")
}

const AFTER_SHORT: &[&str] = &[
    "城", "市", "县", "区", "镇", "乡", "村", "地区", "人民", "籍", "境内", "全域", "各地", "辖区",
    "，", ",", "。", "、", "的",
];

/// The first place name in a text (the longest at the earliest position), if any.
pub fn find(text: &str) -> Option<&'static str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for i in 0..chars.len() {
        let start = chars[i].0;
        // Longest first: "六安市" before "六安".
        for len in (2..=9).rev() {
            if i + len > chars.len() {
                continue;
            }
            let end = chars.get(i + len).map(|c| c.0).unwrap_or(text.len());
            let cand = &text[start..end];
            let Ok(k) = PLACES.binary_search(&cand) else {
                continue;
            };
            let rest = &text[end..];
            if is_full(cand) || rest.is_empty() || AFTER_SHORT.iter().any(|a| rest.starts_with(a)) {
                return Some(PLACES[k]);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_places() {
        assert_eq!(super::find("提升六安城市的知名度"), Some("六安"));
        assert_eq!(super::find("五桂镇村干部补助"), Some("五桂镇"));
        assert_eq!(super::find("提高农民收入"), None);
        assert_eq!(super::find("确保资金安全"), None);
        assert!(super::PLACES.len() > 30_000);
    }
}
