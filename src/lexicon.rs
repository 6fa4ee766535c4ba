//! Domain lexicons and segmentation for the relevance rules (`rules/domains.yaml`).
//!
//! Segmentation is jieba's (`segment.rs`) with a dictionary made only of our own terms (every
//! lexicon word, the budget terms and the indicator library's vocabulary), not jieba's 350 000-word
//! default dictionary: the rules only ask which lexicon terms a text contains, with word
//! boundaries respected where our terms overlap, and the small dictionary is built in a fraction
//! of a millisecond.

use std::collections::BTreeMap;

use crate::segment::Segmenter;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub class: String,
    pub words: Vec<String>,
    pub distinctive: Vec<String>,
}

/// The lexicon as written in rules/domains.yaml (and extended by configuration).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Domains {
    pub fields: BTreeMap<String, FieldDef>,
    pub terms: Vec<String>,
}

/// A lexicon built on first use and shared by the clones of one configuration's data.
#[derive(Clone, Default)]
pub struct LexiconCell(std::sync::Arc<std::sync::OnceLock<Lexicon>>);

impl std::fmt::Debug for LexiconCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "LexiconCell(built)"
        } else {
            "LexiconCell"
        })
    }
}

impl LexiconCell {
    pub fn get(&self, domains: &Domains) -> &Lexicon {
        self.0.get_or_init(|| Lexicon::build(domains.clone()))
    }
}

/// A lexicon term's meaning: which field, and whether it is distinctive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sense {
    pub field: usize,
    pub distinctive: bool,
}

/// A term found in a text, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    pub term: &'a str,
    pub start: usize,
    pub end: usize,
    pub sense: Sense,
}

/// A line's lexicon hits: byte ranges within the line and senses.
type LineHits = std::rc::Rc<[(u32, u32, Sense)]>;

/// The lines of a text split at `\n`, each with its byte offset; the whole text as one line
/// when it holds a `\r` (the segmenter keeps `\r\n` together as one word).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let whole = text.contains('\r');
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rest = &text[at..];
        let end = if whole { None } else { rest.find('\n') };
        let start = at;
        match end {
            Some(e) => {
                at += e + 1;
                Some((start, &rest[..e]))
            }
            None => {
                done = true;
                Some((start, rest))
            }
        }
    })
}

/// A word of a text with its byte range.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub word: &'a str,
    pub start: usize,
    pub end: usize,
}

pub struct Lexicon {
    /// Field names (社会保险, 文化 …) and their classes, by index.
    pub fields: Vec<(String, FieldDef)>,
    senses: rustc_hash::FxHashMap<String, Vec<Sense>>,
    /// The budget terms of `rules/domains.yaml` (人民政府, 满意度 …): words that are never looked
    /// inside (人民政府 holds 民政, but names no 民政 work).
    whole: rustc_hash::FxHashSet<String>,
    /// This lexicon's number among those built by the process (keys the segmentation cache).
    id: u64,
    segmenter: Segmenter,
    /// The length in characters of its longest term (a hit inside a word is no longer).
    longest: usize,
}

/// The segmentation dictionary of a lexicon, in the order jieba's `add_word` would take it (a
/// word given twice keeps its last frequency): the indicator library's vocabulary with jieba's
/// frequencies, the lexicon's words and budget terms, and the lone first characters.
pub fn dictionary<'a>(
    senses: &'a rustc_hash::FxHashMap<String, Vec<Sense>>,
    whole: &'a rustc_hash::FxHashSet<String>,
) -> Vec<(&'a str, u64)> {
    // The dictionary: the indicator library's vocabulary with jieba's frequencies, so that
    // its terms are found as whole words; then our own terms, longer ones with a higher
    // frequency so that they win over their parts (where a library term is one of them too,
    // this frequency counts).
    let mut dict: Vec<(&str, u64)> = crate::library::TERMS
        .iter()
        .map(|t| (t.term, u64::from(t.freq)))
        .collect();
    let own: Vec<(&str, u64)> = senses
        .keys()
        .chain(whole.iter())
        .map(|w| {
            let n = w.chars().count() as u64;
            (w.as_str(), 1000 * n * n)
        })
        .collect();
    dict.extend(own);
    // The first character of every longer term is a word of its own too (the rarest):
    // jieba offers a lone character only where no dictionary word starts, so without it
    // 县乡 (a library term) would take the 乡 of 乡村振兴 in 县乡村振兴 and leave 村 振 兴.
    let mut firsts = vec![0u64; 0x3_0000 / 64];
    let mut ones: Vec<&str> = Vec::new();
    for w in crate::library::TERMS
        .iter()
        .map(|t| t.term)
        .chain(senses.keys().map(String::as_str))
    {
        let mut cs = w.chars();
        if let (Some(c), Some(_)) = (cs.next(), cs.next())
            && (c as usize) < 0x3_0000
            && firsts[c as usize / 64] & (1 << (c as usize % 64)) == 0
        {
            firsts[c as usize / 64] |= 1 << (c as usize % 64);
            let one = &w[..c.len_utf8()];
            if !senses.contains_key(one) && crate::library::term(one).is_none() {
                ones.push(one);
            }
        }
    }
    dict.extend(ones.into_iter().map(|w| (w, 1)));
    dict
}

impl Lexicon {
    pub fn build(d: Domains) -> Lexicon {
        let fields: Vec<(String, FieldDef)> = d.fields.into_iter().collect();
        let mut senses: rustc_hash::FxHashMap<String, Vec<Sense>> = Default::default();
        for (i, (_, f)) in fields.iter().enumerate() {
            for (list, distinctive) in [(&f.words, false), (&f.distinctive, true)] {
                for w in list {
                    let s = senses.entry(w.clone()).or_default();
                    let sense = Sense {
                        field: i,
                        distinctive,
                    };
                    if !s.contains(&sense) {
                        s.push(sense);
                    }
                }
            }
        }
        let whole: rustc_hash::FxHashSet<String> = d.terms.into_iter().collect();
        let segmenter = Segmenter::new(dictionary(&senses, &whole));
        let longest = senses.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        Lexicon {
            longest,
            fields,
            senses,
            whole,
            segmenter,
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        }
    }

    /// This lexicon's number among those the process built (for caches keyed by lexicon).
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn field_name(&self, i: usize) -> &str {
        &self.fields[i].0
    }

    pub fn class(&self, i: usize) -> &str {
        &self.fields[i].1.class
    }

    /// Every lexicon term in the text, in order, with its senses.
    /// The senses of a lexicon term (none for a word that is not one).
    pub fn senses(&self, word: &str) -> &[Sense] {
        self.senses.get(word).map_or(&[], Vec::as_slice)
    }

    pub fn hits<'a>(&'a self, text: &str) -> Vec<Hit<'a>> {
        self.collect_hits(text, false)
    }

    /// [`Lexicon::hits`], and also the lexicon words inside a longer word of the segmenter's
    /// dictionary (纪检 and 监察 inside the library term 纪检监察): for placing a project,
    /// where every field its text names counts.
    pub fn hits_within<'a>(&'a self, text: &str) -> Vec<Hit<'a>> {
        self.collect_hits(text, true)
    }

    fn collect_hits<'a>(&'a self, text: &str, within: bool) -> Vec<Hit<'a>> {
        // The hits of each line, kept per thread (a token's hits depend on the token alone,
        // and the segmenter never joins characters across a line break: a project's text is
        // its name, use, goals and department, most of them lines its batch repeats).
        type Cache = (u64, [rustc_hash::FxHashMap<Box<str>, LineHits>; 2]);
        thread_local! {
            static HITS: std::cell::RefCell<Cache> = Default::default();
        }
        let mut out = Vec::new();
        for (at, line) in lines(text) {
            // The line break before the line is a word of its own (a term only if the lexicon
            // holds one: the embedded one does not, a folder's `words` may).
            if at > 0
                && let Some((term, senses)) = self.senses.get_key_value("\n")
            {
                out.extend(senses.iter().map(|&sense| Hit {
                    term,
                    start: at - 1,
                    end: at,
                    sense,
                }));
            }
            let found = HITS.with(|c| {
                let mut c = c.borrow_mut();
                if c.0 != self.id {
                    *c = (self.id, Default::default());
                }
                let memo = &mut c.1[usize::from(within)];
                if let Some(h) = memo.get(line) {
                    return h.clone();
                }
                let h: LineHits = self.line_hits(line, within).into();
                if line.len() <= crate::text::MEMO_MAX_BYTES {
                    if memo.len() >= crate::text::MEMO_MAX_LINES {
                        memo.clear();
                    }
                    memo.insert(line.into(), h.clone());
                }
                h
            });
            for &(start, end, sense) in found.iter() {
                let (start, end) = (at + start as usize, at + end as usize);
                if let Some((term, _)) = self.senses.get_key_value(&text[start..end]) {
                    out.push(Hit {
                        term,
                        start,
                        end,
                        sense,
                    });
                }
            }
        }
        out
    }

    /// [`Lexicon::collect_hits`] of one line (or of any text), as byte ranges and senses.
    fn line_hits(&self, text: &str, within: bool) -> Vec<(u32, u32, Sense)> {
        let mut out = Vec::new();
        let mut push = |word: &str, start: usize, end: usize| {
            if let Some(senses) = self.senses.get(word) {
                for s in senses {
                    out.push((start as u32, end as u32, *s));
                }
                true
            } else {
                false
            }
        };
        for t in self.tokens(text) {
            if push(t.word, t.start, t.end) || !within || self.whole.contains(t.word) {
                continue;
            }
            let idx = crate::text::char_bounds(t.word);
            // No longer than the longest term: a run of letters is one word, and trying every
            // substring of a long one is cubic (a 12 KB cell of letters took 30 s).
            for a in 0..idx.len() {
                for b in a + 2..idx.len().min(a + self.longest + 1) {
                    push(&t.word[idx[a]..idx[b]], t.start + idx[a], t.start + idx[b]);
                }
            }
        }
        out
    }

    /// The words of a text with their byte ranges.
    ///
    /// The rules ask for the words of the same text several times (R001's hits, its terms,
    /// R002's test, placing the project): the segmentation of each line of the last texts of
    /// a thread is kept (a pure function of the line and the lexicon, so the output does not
    /// depend on it). The segmenter never joins characters across a line break (a break is a
    /// word of its own, as every character it does not segment), so a text's words are its
    /// lines' words and the breaks between them; a project's text is made of lines its batch
    /// repeats (uses, goals, departments).
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        type Spans = std::rc::Rc<[(u32, u32)]>;
        // Short lines by their text; the last long one alone (a hostile cell of megabytes is
        // asked for its words several times, but never kept beside others).
        type Cache = (
            u64,
            rustc_hash::FxHashMap<Box<str>, Spans>,
            Option<(Box<str>, Spans)>,
        );
        thread_local! {
            static CUT: std::cell::RefCell<Cache> = Default::default();
        }
        // The last text of several lines as a whole (placing a project, then its suggestions,
        // ask for the words of its text in turn).
        type Whole = (u64, String, std::rc::Rc<[(u32, u32)]>);
        thread_local! {
            static WHOLE: std::cell::RefCell<Option<Whole>> = const { std::cell::RefCell::new(None) };
        }
        let me = self.id;
        let several = text.contains('\n');
        if several
            && let Some(spans) = WHOLE.with(|w| {
                w.borrow()
                    .as_ref()
                    .filter(|(id, t, _)| *id == me && t == text)
                    .map(|(_, _, s)| s.clone())
            })
        {
            return spans
                .iter()
                .map(|&(a, b)| Token {
                    word: &text[a as usize..b as usize],
                    start: a as usize,
                    end: b as usize,
                })
                .collect();
        }
        let mut out = Vec::new();
        for (at, line) in lines(text) {
            if at > 0 {
                // The line break before this line: a word of its own.
                out.push(Token {
                    word: &text[at - 1..at],
                    start: at - 1,
                    end: at,
                });
            }
            let spans = CUT.with(|c| {
                let mut c = c.borrow_mut();
                if c.0 != me {
                    *c = (me, Default::default(), None);
                }
                let long = line.len() > crate::text::MEMO_MAX_BYTES;
                let known = if long {
                    c.2.as_ref().filter(|(l, _)| **l == *line).map(|(_, s)| s)
                } else {
                    c.1.get(line)
                };
                if let Some(s) = known {
                    return s.clone();
                }
                let s: Spans = self.segmenter.cut(line).into();
                if long {
                    c.2 = Some((line.into(), s.clone()));
                } else {
                    if c.1.len() >= crate::text::MEMO_MAX_LINES {
                        c.1.clear();
                    }
                    c.1.insert(line.into(), s.clone());
                }
                s
            });
            out.extend(spans.iter().map(|&(a, b)| {
                let (a, b) = (at + a as usize, at + b as usize);
                Token {
                    word: &text[a..b],
                    start: a,
                    end: b,
                }
            }));
        }
        if several && text.len() <= 1 << 16 {
            let spans = out.iter().map(|t| (t.start as u32, t.end as u32)).collect();
            WHOLE.with(|w| *w.borrow_mut() = Some((me, text.to_string(), spans)));
        }
        out
    }

    /// The segmentation dictionary (for tests).
    pub fn dictionary(&self) -> Vec<(&str, u64)> {
        dictionary(&self.senses, &self.whole)
    }

    /// The segmentation of a text (for tests and diagnostics).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.segmenter
            .cut(text)
            .into_iter()
            .map(|(a, b)| &text[a as usize..b as usize])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> Lexicon {
        Lexicon::build(crate::data::RuleData::embedded().domains.clone())
    }

    #[test]
    fn budget_terms_stay_whole() {
        let lex = embedded();
        let words = lex.cut("一级指标产出指标社会保险公益电影放映，企业养老扩面补贴，征缴基数审核");
        for w in ["一级指标", "产出指标", "社会保险", "扩面", "征缴"] {
            assert!(words.contains(&w), "{w}: {words:?}");
        }
        assert!(
            words.contains(&"公益电影") || words.contains(&"电影放映"),
            "{words:?}"
        );
    }

    /// What the segmenter and the hits were before they were kept by line: the whole text cut
    /// at once.
    type Found = (Vec<(usize, usize)>, Vec<(String, usize, usize, Sense)>);

    fn whole_text(lex: &Lexicon, text: &str, within: bool) -> Found {
        let tokens: Vec<(usize, usize)> = lex
            .segmenter
            .cut(text)
            .into_iter()
            .map(|(a, b)| (a as usize, b as usize))
            .collect();
        let mut hits = Vec::new();
        let mut push = |word: &str, start: usize, end: usize| {
            if let Some((term, senses)) = lex.senses.get_key_value(word) {
                for s in senses {
                    hits.push((term.clone(), start, end, *s));
                }
                true
            } else {
                false
            }
        };
        for &(a, b) in &tokens {
            let word = &text[a..b];
            if push(word, a, b) || !within || lex.whole.contains(word) {
                continue;
            }
            let idx = crate::text::char_bounds(word);
            for x in 0..idx.len() {
                for y in x + 2..idx.len() {
                    push(&word[idx[x]..idx[y]], a + idx[x], a + idx[y]);
                }
            }
        }
        (tokens, hits)
    }

    #[test]
    fn lines_kept_apart_give_the_whole_texts_words_and_hits() {
        let lex = embedded();
        let pieces = [
            "白石乡高标准农田建设",
            "发放耕地地力保护补贴",
            "\n",
            "\n",
            "\r\n",
            "\r",
            " ",
            "，",
            "补贴资金按时发放到3户农户",
            "纪检监察",
            "公益电影放映",
            "abc12",
            "社会保险扩面",
            "某县农业农村局",
            "老干部健康讲座",
        ];
        let mut seed = 7u64;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // Twice: computed, then from the memos.
            for _ in 0..2 {
                for within in [false, true] {
                    let (tokens, hits) = whole_text(&lex, &text, within);
                    let got: Vec<(usize, usize)> =
                        lex.tokens(&text).iter().map(|t| (t.start, t.end)).collect();
                    assert_eq!(got, tokens, "{text:?}");
                    let got: Vec<(String, usize, usize, Sense)> = lex
                        .collect_hits(&text, within)
                        .into_iter()
                        .map(|h| (h.term.to_string(), h.start, h.end, h.sense))
                        .collect();
                    assert_eq!(got, hits, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn a_term_is_found_after_a_shorter_word_that_takes_its_first_character() {
        // 县乡 is a library term: without the lone characters in the dictionary, jieba had no
        // path through 县 alone and cut 县乡/村/振/兴, so 乡村振兴 (a word of 农业) was lost.
        let lex = embedded();
        let words = lex.cut("县乡村振兴综合服务能力提升项目");
        assert_eq!(words[..2], ["县", "乡村振兴"], "{words:?}");
        let hits = lex.hits("县乡村振兴综合服务能力提升项目");
        assert!(
            hits.iter()
                .any(|h| h.term == "乡村振兴" && lex.field_name(h.sense.field) == "农业"),
            "{hits:?}"
        );
        // A word that starts there still wins where it is the better cut.
        assert!(lex.cut("县乡道路养护").contains(&"县乡"));
    }

    #[test]
    fn hits_carry_fields() {
        let lex = embedded();
        let hits = lex.hits("当年公益电影放映任务完成情况");
        assert!(
            hits.iter()
                .any(|h| h.sense.distinctive && lex.field_name(h.sense.field) == "文化")
        );
        let hits = lex.hits("群众满意数量占总数的比例");
        assert!(hits.iter().all(|h| !h.sense.distinctive), "{hits:?}");
    }
}
