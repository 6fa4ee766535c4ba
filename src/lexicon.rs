//! Domain lexicons and segmentation for the relevance rules (`rules/domains.yaml`).
//!
//! Segmentation uses jieba-rs with a dictionary made only of our own terms (every lexicon word
//! and the budget terms), not jieba's 350 000-word default dictionary: the rules only ask
//! which lexicon terms a text contains, with word boundaries respected where our terms
//! overlap, and the small dictionary loads in about a millisecond instead of ~100 ms.

use std::collections::BTreeMap;

use jieba_rs::Jieba;
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
    jieba: Jieba,
}

impl Lexicon {
    pub fn build(d: Domains) -> Lexicon {
        let fields: Vec<(String, FieldDef)> = d.fields.into_iter().collect();
        let mut senses: rustc_hash::FxHashMap<String, Vec<Sense>> = Default::default();
        let mut jieba = Jieba::empty();
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
        // The indicator library's vocabulary, with jieba's frequencies, so that its terms are
        // found as whole words.
        for t in crate::library::TERMS {
            jieba.add_word(t.term, Some(t.freq as usize), None);
        }
        // Longer terms get a higher frequency so that they win over their parts.
        for w in senses.keys().chain(d.terms.iter()) {
            let n = w.chars().count();
            jieba.add_word(w, Some(1000 * n * n), None);
        }
        Lexicon {
            fields,
            senses,
            whole: d.terms.iter().cloned().collect(),
            jieba,
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
        let mut out = Vec::new();
        let mut push = |word: &str, start: usize, end: usize| {
            if let Some((term, senses)) = self.senses.get_key_value(word) {
                for s in senses {
                    out.push(Hit {
                        term,
                        start,
                        end,
                        sense: *s,
                    });
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
            let idx: Vec<usize> = t
                .word
                .char_indices()
                .map(|(i, _)| i)
                .chain([t.word.len()])
                .collect();
            for a in 0..idx.len() {
                for b in a + 2..idx.len() {
                    push(&t.word[idx[a]..idx[b]], t.start + idx[a], t.start + idx[b]);
                }
            }
        }
        out
    }

    /// The words of a text with their byte ranges.
    ///
    /// The rules ask for the words of the same text several times (R001's hits, its terms,
    /// R002's test, placing the project): the segmentation of the last texts of a thread is
    /// kept (a pure function of the text and the lexicon, so the output does not depend on
    /// it).
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        type Cache = (
            u64,
            rustc_hash::FxHashMap<String, std::rc::Rc<[(u32, u32)]>>,
        );
        thread_local! {
            static CUT: std::cell::RefCell<Cache> = Default::default();
        }
        let me = self.id;
        let spans = CUT.with(|c| {
            let mut c = c.borrow_mut();
            if c.0 != me || c.1.len() > 4096 {
                *c = (me, Default::default());
            }
            if let Some(s) = c.1.get(text) {
                return s.clone();
            }
            let s: std::rc::Rc<[(u32, u32)]> = self
                .jieba
                .cut(text, false)
                .into_iter()
                .map(|t| (t.byte_start as u32, t.byte_end as u32))
                .collect();
            c.1.insert(text.to_string(), s.clone());
            s
        });
        spans
            .iter()
            .map(|&(a, b)| Token {
                word: &text[a as usize..b as usize],
                start: a as usize,
                end: b as usize,
            })
            .collect()
    }

    /// The segmentation of a text (for tests and diagnostics).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.jieba
            .cut(text, false)
            .into_iter()
            .map(|t| t.word)
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
