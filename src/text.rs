//! The one place for text normalisation: white space, full-width forms, label and name
//! folding, value folding, phrase squeezing, template placeholders.
//!
//! Every comparison a rule or the form recogniser makes goes through one of these functions,
//! so that "项 目", "项目" and "项目：" are the same label everywhere and a rule never has to
//! know how another module folds text. Messages always quote the cell as written.

/// Trim ASCII/Unicode white space and the ideographic space.
pub fn trim(s: &str) -> &str {
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
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars().map(|c| simplified(fold_width(c))) {
        match c {
            '(' | '（' | '【' | '[' => depth += 1,
            ')' | '）' | '】' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    match out.strip_suffix("指标") {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => out,
    }
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
    s.chars()
        .map(|c| simplified(fold_width(c)))
        .filter(|&c| {
            c.is_ascii_alphanumeric()
                || ('\u{4E00}'..='\u{9FFF}').contains(&c)
                || (!c.is_ascii() && c.is_alphanumeric())
        })
        .collect()
}

/// A goal line without its numbering ("1、", "（一）", "①", "2."), punctuation and spaces.
pub fn norm_goal(s: &str) -> String {
    use std::sync::LazyLock;
    static NUM: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]+[)）、.．:：]?|[①-⑳])\s*")
            .expect("numbering")
    });
    let t: String = s.chars().map(|c| simplified(fold_width(c))).collect();
    let t = NUM.replace(&t, "");
    t.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_punctuation()
                && !"，。；：、！？“”‘’（）《》【】".contains(*c)
        })
        .collect()
}

/// Traditional characters folded to Simplified, nothing else changed: byte offsets into the
/// result are byte offsets into the original (the table only pairs characters of equal UTF-8
/// length), so a match found in the folded text can be underlined in the cell as written.
pub fn fold(s: &str) -> String {
    s.chars().map(simplified).collect()
}

/// The template placeholder in a cell, if any: one of `marks` anywhere, or one of `leading` at
/// the start (`rules/placeholders.yaml`).
pub fn placeholder<'a>(text: &str, marks: &'a [String], leading: &'a [String]) -> Option<&'a str> {
    let t = trim(text);
    marks
        .iter()
        .find(|m| t.contains(m.as_str()))
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
    fn traditional_folds_to_simplified() {
        assert_eq!(norm_name("產出指標"), "产出");
        assert_eq!(fold("培訓學員滿意率"), "培训学员满意率");
        assert_eq!(fold("耕地地力保護補貼300萬元"), "耕地地力保护补贴300万元");
        // Folding never changes byte offsets of CJK text.
        let t = "培訓學員滿意率";
        assert_eq!(fold(t).len(), t.len());
    }
}
