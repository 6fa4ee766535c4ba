//! The one place for text normalisation: white space, full-width forms, label and name
//! folding, value folding, phrase squeezing, template placeholders.
//!
//! Every comparison a rule or the form recogniser makes goes through one of these functions,
//! so that "项 目", "项目" and "项目：" are the same label everywhere and a rule never has to
//! know how another module folds text. Messages always quote the cell as written.

/// The longest text (in bytes, keys included) that a per-thread memo keeps: template cells
/// are short, and a long cell kept for the rest of a run would hold its memory from file to
/// file (a hostile input of 30,000-character cells).
pub const MEMO_MAX_BYTES: usize = 512;

/// How many texts a per-thread memo of cells or rows keeps before it starts afresh.
pub const MEMO_MAX_ENTRIES: usize = 8192;

/// How many lines a per-thread memo of lines keeps before it starts afresh (the lexicon's
/// words and hits of a project's lines).
pub const MEMO_MAX_LINES: usize = 4096;

/// The byte offsets of a string's characters, and its length: `s[b[i]..b[j]]` is the text of
/// characters `i..j` (the substrings of a word that the lexicon and R001 try).
pub fn char_bounds(s: &str) -> Vec<usize> {
    s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
}

/// Trim ASCII/Unicode white space and the ideographic space.
pub fn trim(s: &str) -> &str {
    // Most cells start and end with a character no white space can be (a printable ASCII
    // one, or one of three bytes led by 0xE4 or above: CJK, full-width forms): returned as
    // they are without decoding them. White space is ASCII or led by 0xC2, 0xE1, 0xE2 or 0xE3.
    let b = s.as_bytes();
    let solid = |lead: u8| (0x21..0x7F).contains(&lead) || lead >= 0xE4;
    let last_lead = b.iter().rev().take(4).find(|&&x| x & 0xC0 != 0x80).copied();
    if b.first().is_some_and(|&f| solid(f)) && last_lead.is_some_and(solid) {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// Empty after [`trim`].
pub fn is_blank(s: &str) -> bool {
    trim(s).is_empty()
}

/// Full-width ASCII forms (！ … ～) to their ASCII counterparts, U+3000 to a space.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A header or label cell for matching: no white space, full-width folded, Traditional
/// characters folded to Simplified, no trailing colon ("项 目 名 称：" → "项目名称").
pub fn norm_label(s: &str) -> String {
    let mut out: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| simplified(fold_width(c)))
        .collect();
    while out.ends_with(':') {
        out.pop();
    }
    out
}

/// An indicator or level name for comparison: no white space, full-width and Traditional
/// folded, template hints in brackets and a trailing 指标 removed ("数量指标（必填）" → "数量").
pub fn norm_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars().map(|c| simplified(fold_width(c))) {
        match c {
            '(' | '（' | '【' | '[' => depth += 1,
            ')' | '）' | '】' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    if out.len() > "指标".len() && out.ends_with("指标") {
        out.truncate(out.len() - "指标".len());
    }
    out
}

/// A 指标值 or amount for parsing: full-width ASCII to ASCII, ≧/≦ to ≥/≤, dashes and tildes
/// folded, trimmed.
pub fn norm_value(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| match c {
            '≧' => '≥',
            '≦' => '≤',
            '﹦' | '═' => '=',
            '﹤' => '<',
            '﹥' => '>',
            '～' | '〜' => '~',
            '－' | '—' | '–' => '-',
            c => simplified(fold_width(c)),
        })
        .collect();
    folded.trim().to_string()
}

/// Text for phrase matching: only letters and digits (CJK included), full-width and
/// Traditional folded; punctuation and white space removed.
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(|c| simplified(fold_width(c))).filter(|&c| {
        c.is_ascii_alphanumeric()
            || ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || (!c.is_ascii() && c.is_alphanumeric())
    }));
    out
}

/// A goal line without its numbering ("1、", "（一）", "①", "2."), punctuation and spaces.
pub fn norm_goal(s: &str) -> String {
    use std::sync::LazyLock;
    static NUM: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]+[)）、.．:：]?|[①-⑳])\s*")
            .expect("numbering")
    });
    let t: String = s.chars().map(|c| simplified(fold_width(c))).collect();
    // Numbering starts, after any spaces, with a bracket, a numeral or a circled number: a
    // line that does not is not given to the regex (searching costs more than the rest).
    let numbered = t.trim_start().chars().next().is_some_and(|c| {
        matches!(
            c,
            '(' | '（'
                | '0'..='9'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '①'..='⑳'
        )
    });
    let t = if numbered {
        NUM.replace(&t, "")
    } else {
        std::borrow::Cow::Borrowed(t.as_str())
    };
    let mut out = String::with_capacity(t.len());
    // A match, not a search of a string of the marks: this runs on every character of
    // every goal line.
    out.extend(t.chars().filter(|c| {
        !c.is_whitespace()
            && !c.is_ascii_punctuation()
            && !matches!(
                c,
                '，' | '。'
                    | '；'
                    | '：'
                    | '、'
                    | '！'
                    | '？'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '（'
                    | '）'
                    | '《'
                    | '》'
                    | '【'
                    | '】'
            )
    }));
    out
}

/// Traditional characters folded to Simplified, nothing else changed: byte offsets into the
/// result are byte offsets into the original (the table only pairs characters of equal UTF-8
/// length), so a match found in the folded text can be underlined in the cell as written.
pub fn fold(s: &str) -> String {
    // Most cells are Simplified already: copied whole up to their first Traditional character.
    let Some((at, _)) = s.char_indices().find(|&(_, c)| simplified(c) != c) else {
        return s.to_string();
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..at]);
    out.extend(s[at..].chars().map(simplified));
    out
}

/// The first of `words` (in list order) that occurs in `hay`, as
/// `words.iter().find(|w| hay.contains(key(w)))`. Rules test short cells against word lists
/// in which nearly every word is absent: one pass over the cell's characters against the
/// words' first characters (a 4096-bit set of their hashes: the low bytes of CJK characters
/// collide too often) rules most cells out before any word is searched for.
pub fn find_word<'w, T>(hay: &str, words: &'w [T], key: impl Fn(&T) -> &str) -> Option<&'w T> {
    let mut firsts = [0u64; 64];
    for w in words {
        match key(w).chars().next() {
            Some(c) => {
                let b = first_bit(c);
                firsts[b >> 6] |= 1 << (b & 63);
            }
            // The empty word occurs everywhere.
            None => return words.iter().find(|w| hay.contains(key(w))),
        }
    }
    let maybe = hay.chars().any(|c| {
        let b = first_bit(c);
        (firsts[b >> 6] >> (b & 63)) & 1 == 1
    });
    if !maybe {
        return None;
    }
    // Only the words whose first character the cell holds are searched for.
    let set = char_set(hay);
    words
        .iter()
        .find(|w| may_occur(&set, key(w)) && hay.contains(key(w)))
}

/// A character's bit in the 4096-bit set of first characters (a multiplicative hash).
fn first_bit(c: char) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// A word list with the set of its words' first characters computed once, for testing many
/// cells against it (see [`find_word`]).
pub struct Words<'w> {
    words: &'w [String],
    firsts: [u64; 64],
    any_empty: bool,
}

impl<'w> Words<'w> {
    pub fn new(words: &'w [String]) -> Words<'w> {
        let mut firsts = [0u64; 64];
        let mut any_empty = false;
        for w in words {
            match w.chars().next() {
                Some(c) => {
                    let b = first_bit(c);
                    firsts[b >> 6] |= 1 << (b & 63);
                }
                None => any_empty = true,
            }
        }
        Words {
            words,
            firsts,
            any_empty,
        }
    }

    /// The first word (in list order) that occurs in `hay`.
    pub fn find(&self, hay: &str) -> Option<&'w String> {
        let maybe = self.any_empty
            || hay.chars().any(|c| {
                let b = first_bit(c);
                (self.firsts[b >> 6] >> (b & 63)) & 1 == 1
            });
        if !maybe {
            return None;
        }
        // Only the words whose first character the cell holds are searched for.
        let set = char_set(hay);
        self.words
            .iter()
            .find(|w| may_occur(&set, w) && hay.contains(w.as_str()))
    }
}

/// The 4096-bit set of a text's characters (by [`first_bit`]).
pub fn char_set(hay: &str) -> [u64; 64] {
    let mut set = [0u64; 64];
    for c in hay.chars() {
        let b = first_bit(c);
        set[b >> 6] |= 1 << (b & 63);
    }
    set
}

/// Whether `word` may occur in a text whose [`char_set`] is `set`: it is empty, or the set
/// holds its first character.
pub fn may_occur(set: &[u64; 64], word: &str) -> bool {
    word.chars().next().is_none_or(|c| {
        let b = first_bit(c);
        (set[b >> 6] >> (b & 63)) & 1 == 1
    })
}

/// Whether any of `words` occurs in `hay` (see [`find_word`]).
pub fn has_word(hay: &str, words: &[String]) -> bool {
    find_word(hay, words, |w| w.as_str()).is_some()
}

/// The template placeholder in a cell, if any: one of `marks` anywhere, or one of `leading` at
/// the start (`rules/placeholders.yaml`).
pub fn placeholder<'a>(text: &str, marks: &'a [String], leading: &'a [String]) -> Option<&'a str> {
    placeholder_in(text, &Words::new(marks), leading)
}

/// [`placeholder`] with the marks prepared once for many cells.
pub fn placeholder_in<'a>(text: &str, marks: &Words<'a>, leading: &'a [String]) -> Option<&'a str> {
    let t = trim(text);
    marks
        .find(t)
        .or_else(|| leading.iter().find(|m| t.starts_with(m.as_str())))
        .map(String::as_str)
}

/// Traditional → Simplified for one character (identity for everything else). The table is
/// generated from OpenCC's TSCharacters (one-to-one entries only) into `rules/t2s.txt`.
pub fn simplified(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    crate::t2s::lookup(c).unwrap_or(c)
}

/// For tests: a text of `len` pieces, each drawn by a seeded linear congruential generator
/// (`seed` advances) and mapped to an index of `pieces` by `pick`.
#[cfg(test)]
pub(crate) fn random_text<S: AsRef<str>>(
    pieces: &[S],
    seed: &mut u64,
    len: usize,
    pick: impl Fn(usize) -> usize,
) -> String {
    let mut t = String::new();
    for _ in 0..len {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        t.push_str(pieces[pick((*seed >> 33) as usize)].as_ref());
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_names_values() {
        assert_eq!(norm_label(" 其中：财政资金 "), "其中:财政资金");
        assert_eq!(norm_label("项    目"), "项目");
        assert_eq!(norm_label("资金支出计划（%）"), "资金支出计划(%)");
        assert_eq!(norm_name("效果指标"), "效果");
        assert_eq!(norm_name(" 数量指标（必填硬性指标）"), "数量");
        assert_eq!(norm_name("群众满意度(%)"), "群众满意度");
        assert_eq!(norm_name("指标"), "指标");
        assert_eq!(norm_value(" ≧９０％ "), "≥90%");
        assert_eq!(squeeze("在全国、全省 产生影响。"), "在全国全省产生影响");
        assert_eq!(norm_goal("1、支付补助。"), "支付补助");
        assert_eq!(norm_goal("（二）支付补助"), "支付补助");
        assert_eq!(norm_goal("② 支付补助"), "支付补助");
        assert_eq!(norm_goal("2. 支付补助"), "支付补助");
    }

    #[test]
    fn find_word_is_find_contains() {
        let words: Vec<String> = [
            "满意",
            "率",
            "XX",
            "X",
            "≥1",
            "bd",
            "培训学员满意率啊",
            "ĀX",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let with_empty: Vec<String> = vec!["zz".into(), String::new()];
        for hay in ["", "培训学员满意率", "XX%", "≥100", "abc", "Ā", "āX"] {
            for ws in [&words[..], &words[2..], &words[..1], &[], &with_empty[..]] {
                let want = ws.iter().find(|w| hay.contains(w.as_str()));
                assert_eq!(find_word(hay, ws, |w| w.as_str()), want, "{hay} / {ws:?}");
                assert_eq!(Words::new(ws).find(hay), want, "{hay} / {ws:?}");
            }
        }
    }

    #[test]
    fn trim_is_trim_matches() {
        // Every White_Space character, its neighbours, and characters on either side of the fast
        // path's boundary (led by 0xE3 and 0xE4: 〇, 一; 0xE0: U+0800), at either end.
        let pieces: Vec<String> = [
            " ",
            "\t",
            "\n",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{1c}",
            "\u{7f}",
            "\u{85}",
            "\u{a0}",
            "\u{a1}",
            "\u{c0}",
            "\u{1680}",
            "\u{167f}",
            "\u{2000}",
            "\u{200a}",
            "\u{200b}",
            "\u{2028}",
            "\u{2029}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "\u{3001}",
            "\u{feff}",
            "\u{ff01}",
            "\u{1f600}",
            "a",
            "%",
            "满",
            "意",
            "〇",
            "一",
            "\u{800}",
            "\u{e000}",
            "ā",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        fn slow(s: &str) -> &str {
            s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        }
        let mut seed = 7;
        for len in 0..6 {
            for _ in 0..3000 {
                let t = random_text(&pieces, &mut seed, len, |r| r % pieces.len());
                assert_eq!(trim(&t), slow(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(norm_name("產出指標"), "产出");
        assert_eq!(fold("培訓學員滿意率"), "培训学员满意率");
        assert_eq!(fold("耕地地力保護補貼300萬元"), "耕地地力保护补贴300万元");
        // Folding never changes byte offsets of CJK text.
        let t = "培訓學員滿意率";
        assert_eq!(fold(t).len(), t.len());
    }
}
