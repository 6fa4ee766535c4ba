//! Fields of work for the relevance rules: which 类 of the functional classification a project
//! is in, and whether an indicator belongs to another 类 the project has nothing to do with.
//!
//! Two sources of knowledge, the hand lexicon (`rules/domains.yaml`, on top) and the indicator
//! library ([`crate::library`]), read as a multinomial model of each 类's wording: the
//! probability of a term in a 类 is its share of that 类's library words, smoothed towards its
//! share of the whole library (an informative prior) and by a constant (so that a term seen
//! once says little). A text's score for a 类 is the log-likelihood of its terms there.
//! - A project is placed by its 功能分类科目 code (certain), by the lexicon's `words` in its
//!   name, use, goals and department, and by the 类 whose score for that text is within
//!   `place_margin` of the best (several 类 may apply; an unplaced project is never judged).
//! - An indicator is foreign when its best 类 is not one of the project's and beats the
//!   project's best by `foreign_margin` (odds of e^margin to one), or when a lexicon
//!   `distinctive` term marks it and the library does not side with the project; and nothing
//!   in it belongs to the project: no lexicon word of the project's fields, no word of the
//!   project's own text. Only whole dictionary words of two characters or more count, never
//!   generic ones (used by many 类, or listed in `never_foreign`), and the term quoted as the
//!   mark must be a noun or a lexicon term.

use std::rc::Rc;

use crate::data::RuleData;
use crate::lexicon::{Lexicon, Token};
use crate::library::{self, CLASSES, Term};

/// The 类 of the classification ([`CLASSES`]) followed by the lexicon's cross-cutting classes
/// (培训, 信息化, 宣传 …) that are no 类 of their own.
pub struct ClassSpace {
    pub names: Vec<String>,
    /// For each lexicon field (by index), its class in this space.
    pub field_class: Vec<usize>,
}

impl ClassSpace {
    pub fn new(lex: &Lexicon) -> ClassSpace {
        let mut names: Vec<String> = CLASSES.iter().map(|c| c.name.to_string()).collect();
        let mut field_class = Vec::new();
        for (_, def) in &lex.fields {
            let c = names
                .iter()
                .position(|n| n == &def.class || n.trim_end_matches('等') == def.class)
                .unwrap_or_else(|| {
                    names.push(def.class.clone());
                    names.len() - 1
                });
            field_class.push(c);
        }
        ClassSpace { names, field_class }
    }

    /// [`ClassSpace::new`] of a lexicon, built once per thread and lexicon (every project asks).
    pub fn of(lex: &Lexicon) -> std::rc::Rc<ClassSpace> {
        thread_local! {
            static SPACE: std::cell::RefCell<Option<(u64, std::rc::Rc<ClassSpace>)>> =
                const { std::cell::RefCell::new(None) };
        }
        SPACE.with(|s| {
            let mut s = s.borrow_mut();
            match &*s {
                Some((id, space)) if *id == lex.id() => space.clone(),
                _ => {
                    let space = std::rc::Rc::new(ClassSpace::new(lex));
                    *s = Some((lex.id(), space.clone()));
                    space
                }
            }
        })
    }

    /// The display name of a class (the official names of three 类 end in 等).
    pub fn name(&self, c: usize) -> &str {
        self.names[c].trim_end_matches('等')
    }
}

/// Where a project stands: its classes, in the order the evidence names them.
#[derive(Debug, Default)]
pub struct Placement {
    pub classes: Vec<usize>,
    /// The 类 named to the user: those its code or the lexicon place it in, else the library's
    /// best (the other 类 within `place_margin` only keep indicators from being called foreign).
    pub named: Vec<usize>,
    /// The project's own text (folded), whose words indicators may share.
    pub text: String,
    /// The 款 of its first 类 (class, index in the class's `kuan`), when its 功能分类 code or its
    /// wording names one with confidence (see [`place_kuan`]).
    pub kuan: Option<(usize, usize)>,
    /// The lexicon fields whose words the project's own text uses.
    pub fields: Vec<usize>,
    /// Of those, the fields a whole word of the text names, or a word inside one that the
    /// library files under the field's 类 too (林业 in 森林公园, 教育 in 宣传教育): an indicator
    /// using any word of such a field belongs. A field named only inside a longer word of
    /// another kind (学生 in 医学生) lends only the words the project's text uses.
    pub firm_fields: Vec<usize>,
}

impl Placement {
    pub fn has(&self, c: usize) -> bool {
        self.classes.contains(&c)
    }
    /// Whether a lexicon field is the project's: its 类 is one of the project's, or the
    /// project's own text names the field.
    pub fn owns_field(&self, space: &ClassSpace, field: usize) -> bool {
        self.has(space.field_class[field]) || self.fields.contains(&field)
    }
    /// The project's 类 that a text has scores for (of `n`: cross-cutting activities have none).
    fn scored(&self, n: usize) -> Vec<usize> {
        self.classes.iter().copied().filter(|&c| c < n).collect()
    }
    /// Whether a lexicon word of an indicator (`term`, of `field`) is the project's: its 类 is
    /// one of the project's, or the field is one of `firm_fields`, or the project's text names
    /// the field otherwise and uses this word (or a part of it).
    fn owns_hit(&self, data: &RuleData, space: &ClassSpace, field: usize, term: &str) -> bool {
        self.hit_route(data, space, field, term).is_some()
    }
    /// By which route [`Placement::owns_hit`] owns a lexicon word, if it does: `类` (the
    /// field's 类 is the project's), `领域` (a field its text names), `用词` (its text uses the
    /// word or a part of it).
    fn hit_route(
        &self,
        data: &RuleData,
        space: &ClassSpace,
        field: usize,
        term: &str,
    ) -> Option<&'static str> {
        if self.has(space.field_class[field]) && !self.names_other_field(space, field) {
            Some("类")
        } else if self.firm_fields.contains(&field) {
            Some("领域")
        } else if self.fields.contains(&field)
            && (self.uses(data, term) || shares_part(data, self, term))
        {
            Some("用词")
        } else {
            None
        }
    }
    /// Whether the project's text names another lexicon field of `field`'s 类 and not `field`
    /// itself, where the 类 has several (农业、林业、水利 of 农林水; 民政、就业、社会保险、
    /// 退役军人、残疾人 of 社会保障和就业): the project is that other field's, and a word of
    /// `field` is not its own by the 类 alone (林业有害生物 in a 动物疫病防控 project). A project
    /// whose text names no field of the 类 (placed there by its code or the library) owns them
    /// all.
    pub fn names_other_field(&self, space: &ClassSpace, field: usize) -> bool {
        let c = space.field_class[field];
        !self.fields.contains(&field)
            && self
                .fields
                .iter()
                .any(|&g| g != field && space.field_class[g] == c)
    }
    /// Whether the project's own text uses a word: it occurs there, and not only inside one of
    /// the lexicon's whole terms (`terms` of rules/domains.yaml): 卫生 inside 公共卫生间 is no
    /// use of 卫生.
    pub fn uses(&self, data: &RuleData, word: &str) -> bool {
        self.text.match_indices(word).any(|(i, _)| {
            !data.domains.terms.iter().any(|w| {
                w.len() > word.len()
                    && occurrences(w, word).any(|j| {
                        i >= j
                            && self
                                .text
                                .get(i - j..)
                                .is_some_and(|t| t.starts_with(w.as_str()))
                    })
            })
        })
    }
    fn add(&mut self, c: usize) {
        if !self.classes.contains(&c) {
            self.classes.push(c);
        }
    }
}

/// Where `needle` occurs in the short `hay` (a lexicon term), as `hay.match_indices(needle)`
/// gives them — leftmost first, not overlapping — by comparing bytes at each place: for a
/// haystack of a few characters this costs less than building a two-way searcher, which
/// [`Placement::uses`] did for every term at every use of a word. (A match of valid UTF-8 in
/// valid UTF-8 starts on a character boundary, so the byte positions are the same.)
fn occurrences<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut j = 0;
    let mut empty_done = false;
    std::iter::from_fn(move || {
        if n.is_empty() {
            // As `match_indices("")`: every character boundary, the end included.
            if empty_done {
                return None;
            }
            let at = j;
            match hay[j..].chars().next() {
                Some(c) => j += c.len_utf8(),
                None => empty_done = true,
            }
            return Some(at);
        }
        while j + n.len() <= h.len() {
            if h[j..].starts_with(n) {
                let at = j;
                j += n.len();
                return Some(at);
            }
            j += 1;
        }
        None
    })
}

/// The tokens of a (folded) text that can be terms.
pub fn tokens<'a>(lex: &Lexicon, text: &'a str) -> Vec<Token<'a>> {
    lex.tokens(text)
        .into_iter()
        .filter(|t| library::learn::is_term(t.word))
        .collect()
}

/// Whether a word is generic: used by library indicators of many 类, or listed as never
/// foreign.
pub fn generic(data: &RuleData, word: &str, term: Option<&Term>) -> bool {
    let rel = &data.relevance;
    let listed = rel
        .generic_words
        .get([&rel.never_foreign, &data.domains.terms]);
    // A collocation of two generic words is generic (补助+人数).
    if let Some(t) = term
        && t.pos == "col"
        && word.char_indices().skip(1).any(|(i, _)| {
            let (a, b) = word.split_at(i);
            [a, b].iter().all(|p| {
                library::term(p).is_some_and(|pt| pt.pos != "col" && generic(data, p, Some(pt)))
                    || listed.contains(*p)
            })
        })
    {
        return true;
    }
    listed.contains(word)
        || term.is_some_and(|t| {
            t.classes.len() as f64 >= rel.generic_classes
                && !t
                    .classes
                    .iter()
                    .any(|&(_, _, z)| f64::from(z) >= rel.generic_max_z)
        })
}

/// The library as a model of each 类's wording (computed once from the embedded tables).
pub struct Model {
    /// Library words per 类.
    words: Vec<f64>,
    /// Library words in all.
    total: f64,
    /// Distinct terms.
    vocabulary: f64,
}

/// Builds the embedded lexicon (its segmenter holds every library term: the largest start-up
/// cost of the relevance rules) and the model on a thread of their own, so that reading and
/// the other rules need not wait for them. A run whose configuration changes the lexicon
/// builds its own; this one is then unused.
pub fn prewarm() {
    std::thread::spawn(|| {
        crate::data::RuleData::embedded().lexicon();
        Model::get();
        library::term("");
    });
}

impl Model {
    pub fn get() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| {
            let mut words = vec![0.0; CLASSES.len()];
            for t in library::TERMS {
                for &(c, n, _) in t.classes {
                    words[c as usize] += f64::from(n);
                }
            }
            Model {
                total: words.iter().sum(),
                words,
                vocabulary: library::TERMS.len() as f64,
            }
        })
    }

    /// log P(term | 类) for each 类, computed once per thread, term and smoothing (every
    /// project and row weighs the same few hundred terms).
    fn log_probs(&self, data: &RuleData, t: &'static Term) -> Rc<[f64]> {
        type Key = (*const Term, u64, u64);
        thread_local! {
            static CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Key, Rc<[f64]>>> =
                Default::default();
        }
        let rel = &data.relevance;
        let key: Key = (t, rel.smooth_add.to_bits(), rel.smooth_prior.to_bits());
        CACHE.with(|c| {
            if let Some(lp) = c.borrow().get(&key) {
                return lp.clone();
            }
            let lp: Rc<[f64]> = self.compute_log_probs(data, t).into();
            c.borrow_mut().insert(key, lp.clone());
            lp
        })
    }

    fn compute_log_probs(&self, data: &RuleData, t: &Term) -> Vec<f64> {
        let rel = &data.relevance;
        let mut counts = vec![0.0; CLASSES.len()];
        for &(c, n, _) in t.classes {
            counts[c as usize] = f64::from(n);
        }
        let overall: f64 = counts.iter().sum::<f64>() / self.total;
        counts
            .iter()
            .zip(&self.words)
            .map(|(y, n)| {
                ((y + rel.smooth_add + rel.smooth_prior * overall)
                    / (n + rel.smooth_add * self.vocabulary + rel.smooth_prior))
                    .ln()
            })
            .collect()
    }
}

/// A text's terms that the model weighs: non-generic library terms, each with its
/// log-probabilities per 类.
fn weighed<'a>(
    data: &RuleData,
    lex: &Lexicon,
    text: &'a str,
) -> Vec<(Token<'a>, &'static Term, Rc<[f64]>)> {
    weigh(data, library_terms(lex, text))
}

/// Of a text's library terms, those [`weighed`] keeps, with their log-probabilities.
fn weigh<'a>(
    data: &RuleData,
    terms: Vec<(Token<'a>, &'static Term)>,
) -> Vec<(Token<'a>, &'static Term, Rc<[f64]>)> {
    let model = Model::get();
    terms
        .into_iter()
        .filter(|(t, term)| !generic(data, t.word, Some(term)) && topical(data, term))
        .map(|(t, term)| (t, term, model.log_probs(data, term)))
        .collect()
}

/// What R001 asks of an indicator's text whatever the project, worked out once per thread and
/// text: two thirds of a batch's rows are template indicators copied across its projects.
struct TextFacts {
    /// [`Lexicon::hits`]: byte range and sense (the term is the text's own bytes there).
    hits: Vec<(u32, u32, crate::lexicon::Sense)>,
    /// [`weighed`].
    weighed: Vec<(u32, u32, &'static Term, Rc<[f64]>)>,
    /// The library terms [`kuan_terms`] keeps whatever the 类: non-generic nouns.
    kuan_nouns: Vec<(u32, u32, &'static Term)>,
    /// What [`TextFacts::shares_project_word`] looks for in the project's text, per word of the text.
    shared: Vec<Shared>,
}

/// A word of an indicator's text that makes the row belong when the project's text uses it
/// (`word`: a byte range of the text), or one of its `parts`.
struct Shared {
    word: Option<(u32, u32)>,
    parts: Vec<&'static str>,
}

impl TextFacts {
    fn new(data: &RuleData, lex: &Lexicon, text: &str) -> TextFacts {
        let span = |t: &Token| (t.start as u32, t.end as u32);
        let terms = library_terms(lex, text);
        let rel = &data.relevance;
        let kuan_nouns = terms
            .iter()
            .filter(|(t, term)| {
                rel.mark_pos.iter().any(|p| p == term.pos) && !generic(data, t.word, Some(term))
            })
            .map(|(t, term)| (t.start as u32, t.end as u32, *term))
            .collect();
        let mut shared: Vec<Shared> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for t in tokens(lex, text) {
            if !seen.insert(t.word) {
                continue;
            }
            let term = library::term(t.word);
            if !(term.is_some_and(|t| rel.mark_pos.iter().any(|p| p == t.pos))
                || t.word.chars().count() >= 4)
            {
                continue;
            }
            let word = (!generic(data, t.word, term)).then(|| span(&t));
            let parts = if distinctive_term(lex, t.word) {
                Vec::new()
            } else {
                specific_parts(data, t.word)
            };
            if word.is_some() || !parts.is_empty() {
                shared.push(Shared { word, parts });
            }
        }
        TextFacts {
            hits: lex
                .hits(text)
                .iter()
                .map(|h| (h.start as u32, h.end as u32, h.sense))
                .collect(),
            weighed: weigh(data, terms)
                .into_iter()
                .map(|(t, term, lp)| (t.start as u32, t.end as u32, term, lp))
                .collect(),
            kuan_nouns,
            shared,
        }
    }

    /// The facts of a text, from the thread's cache when it has them (bounded: cleared when
    /// full, as the results do not depend on it).
    fn of(data: &RuleData, lex: &Lexicon, text: &str) -> Rc<TextFacts> {
        type Cache = ((u64, u64), rustc_hash::FxHashMap<Box<str>, Rc<TextFacts>>);
        thread_local! {
            static FACTS: std::cell::RefCell<Cache> = Default::default();
        }
        if text.len() > crate::text::MEMO_MAX_BYTES {
            return Rc::new(TextFacts::new(data, lex, text));
        }
        let me = (data.id(), lex.id());
        FACTS.with(|c| {
            if let Some(f) = c.borrow().1.get(text).filter(|_| c.borrow().0 == me) {
                return f.clone();
            }
            let f = Rc::new(TextFacts::new(data, lex, text));
            let mut c = c.borrow_mut();
            if c.0 != me || c.1.len() >= crate::text::MEMO_MAX_ENTRIES {
                *c = (me, Default::default());
            }
            c.1.insert(text.into(), f.clone());
            f
        })
    }

    fn hits<'t>(&self, text: &'t str) -> Vec<crate::lexicon::Hit<'t>> {
        self.hits
            .iter()
            .map(|&(a, b, sense)| crate::lexicon::Hit {
                term: &text[a as usize..b as usize],
                start: a as usize,
                end: b as usize,
                sense,
            })
            .collect()
    }

    fn weighed<'t>(&self, text: &'t str) -> Vec<(Token<'t>, &'static Term, Rc<[f64]>)> {
        self.weighed
            .iter()
            .map(|(a, b, term, lp)| (token(text, *a, *b), *term, lp.clone()))
            .collect()
    }

    /// [`kuan_terms`] of the text for 类 `c`.
    fn kuan_terms<'t>(&self, text: &'t str, c: usize) -> Vec<(Token<'t>, &'static Term)> {
        self.kuan_nouns
            .iter()
            .filter(|(_, _, term)| term.kuan.iter().any(|&(tc, _, _)| tc as usize == c))
            .map(|&(a, b, term)| (token(text, a, b), term))
            .collect()
    }

    /// Whether the text uses a word of the project's own text, or a part of one of its words: the
    /// row belongs (婚姻登记 in a project on 不动产登记). Nouns only — 按照, 完成 in both say
    /// nothing — except that a word of four characters or more is specific whatever its tag
    /// (纪检监察 is tagged a name).
    fn shares_project_word(&self, data: &RuleData, place: &Placement, text: &str) -> bool {
        self.shared_words(data, place, text).next().is_some()
    }

    /// The words (or parts of words) of the text that the project's text uses.
    fn shared_words<'s, 't: 's>(
        &'s self,
        data: &'s RuleData,
        place: &'s Placement,
        text: &'t str,
    ) -> impl Iterator<Item = &'t str> + 's {
        self.shared.iter().flat_map(move |s| {
            s.word
                .map(|(a, b)| &text[a as usize..b as usize])
                .into_iter()
                .chain(s.parts.iter().copied())
                .filter(move |w| place.uses(data, w))
        })
    }
}

fn token(text: &str, a: u32, b: u32) -> Token<'_> {
    Token {
        word: &text[a as usize..b as usize],
        start: a as usize,
        end: b as usize,
    }
}

/// A text's tokens that are library terms, each once.
fn library_terms<'a>(lex: &Lexicon, text: &'a str) -> Vec<(Token<'a>, &'static Term)> {
    let mut seen = rustc_hash::FxHashSet::default();
    tokens(lex, text)
        .into_iter()
        .filter(|t| seen.insert(t.word))
        .filter_map(|t| Some((t, library::term(t.word)?)))
        .collect()
}

/// The scores of a text per 类 (the sums of its terms' log-probabilities).
fn scores(weighed: &[(Token, &Term, Rc<[f64]>)]) -> Vec<f64> {
    let mut s = vec![0.0; CLASSES.len()];
    for (_, _, lp) in weighed {
        for (x, l) in s.iter_mut().zip(lp.iter()) {
            *x += l;
        }
    }
    s
}

/// Whether a term speaks of some 类 in particular: one 类 holds `topical_share` of the library
/// indicators that use it, or its z-score there reaches `topical_z`. Words spread over many 类
/// (价值, 市场, 生产 …) are not weighed at all.
fn topical(data: &RuleData, t: &Term) -> bool {
    let rel = &data.relevance;
    let total: u32 = t.classes.iter().map(|&(_, n, _)| u32::from(n)).sum();
    t.classes.iter().any(|&(_, n, z)| {
        f64::from(n) >= rel.topical_share * f64::from(total) || f64::from(z) >= rel.topical_z
    })
}

/// Places a project from its function code, the lexicon's words and the library model, and
/// in a 款 (see [`place_kuan`]).
pub fn place(
    data: &RuleData,
    lex: &Lexicon,
    space: &ClassSpace,
    text: &str,
    core: &str,
    function_code: Option<&str>,
) -> Placement {
    let mut p = Placement {
        text: text.to_string(),
        ..Placement::default()
    };
    if let Some(code) = function_code {
        match library::class_of_code(code) {
            Some(c) => p.add(c),
            // A 类 the library does not cover (外交, 202): its words would place the project
            // wrongly; it stays unplaced, so it is never judged and gets no suggestion.
            None if library::is_class_code(code) => return p,
            None => {}
        }
    }
    // A lexicon word of the name or department places the project in that word's 类; one of
    // its use or goals only in that word's field (a 老干部 project whose use names 健康讲座 is
    // not a health project, but a row on 健康讲座 belongs to it).
    let mut later = Vec::new();
    let words = lex.tokens(text);
    let hits = lex.hits_within(text);
    // The fields a whole word of the text names (a hit spanning a whole token).
    let whole: Vec<usize> = hits
        .iter()
        .filter(|h| words.iter().any(|t| t.start == h.start && t.end == h.end))
        .map(|h| h.sense.field)
        .collect();
    // A word inside a longer one names its field firmly when the library files the longer
    // word under that field's 类 too (林业 in 森林公园; not 学生 in 医学生).
    let firm_inside = |h: &crate::lexicon::Hit| {
        words
            .iter()
            .find(|t| t.start <= h.start && h.end <= t.end)
            .and_then(|t| library::term(t.word))
            .is_some_and(|t| {
                t.classes
                    .iter()
                    .any(|&(c, _, _)| c as usize == space.field_class[h.sense.field])
            })
    };
    for h in hits {
        let c = space.field_class[h.sense.field];
        // Cross-cutting activities (培训, 宣传 …) are the project's wherever its text names them.
        let named = core.contains(h.term) || c >= CLASSES.len();
        if named {
            p.add(c);
        } else {
            later.push(c);
        }
        if !p.fields.contains(&h.sense.field) {
            p.fields.push(h.sense.field);
        }
        if (named || whole.contains(&h.sense.field) || firm_inside(&h))
            && !p.firm_fields.contains(&h.sense.field)
        {
            p.firm_fields.push(h.sense.field);
        }
    }
    p.named = p.classes.clone();
    let terms = library_terms(lex, text);
    let w = weigh(data, terms.clone());
    if !w.is_empty() {
        for c in leaders(data, &scores(&w)) {
            // As for a foreign indicator, the odds need support: library indicators of that 类
            // that use the text's words (合计相符 says little of any 类).
            // Nouns only, as for a mark (相符 is no subject).
            let support: u32 = w
                .iter()
                .filter(|(_, t, _)| data.relevance.mark_pos.iter().any(|p| p == t.pos))
                .flat_map(|(_, t, _)| t.classes.iter())
                .filter(|&&(k, _, _)| k as usize == c)
                .map(|&(_, n, _)| u32::from(n))
                .sum();
            if f64::from(support) >= data.relevance.place_min_count {
                p.add(c);
                // (A cross-cutting activity the text names, 宣传 of a 麻风病防治 project, is no
                // 类: the library's 类 is still the one named.)
                if p.named.iter().all(|&n| n >= CLASSES.len()) {
                    p.named.push(c);
                }
            }
        }
    }
    // Nothing else places it in a 类 (a cross-cutting activity is no 类): the fields of its use
    // and goals do.
    if p.classes.iter().all(|&c| c >= CLASSES.len()) {
        for c in later {
            p.add(c);
        }
        p.named = p.classes.clone();
    }
    p.kuan = place_kuan(data, &p, &terms, function_code);
    p
}

/// The library's words per 款 of each 类 (summed once from the embedded term table).
fn kuan_words() -> &'static Vec<Vec<f64>> {
    static W: std::sync::OnceLock<Vec<Vec<f64>>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let mut w: Vec<Vec<f64>> = CLASSES.iter().map(|c| vec![0.0; c.kuan.len()]).collect();
        for t in library::TERMS {
            for &(c, k, n) in t.kuan {
                if let Some(x) = w.get_mut(c as usize).and_then(|v| v.get_mut(k as usize)) {
                    *x += f64::from(n);
                }
            }
        }
        w
    })
}

/// log P(term | 款) for each 款 of 类 `c`, smoothed towards the term's share of the 类; computed
/// once per thread, term, 类 and smoothing, as [`Model::log_probs`] (every project's text and
/// every row of its 类 weighs the same terms).
fn kuan_log_probs(data: &RuleData, t: &'static Term, c: usize) -> Rc<[f64]> {
    type Key = (*const Term, usize, u64, u64);
    thread_local! {
        static CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Key, Rc<[f64]>>> =
            Default::default();
    }
    let rel = &data.relevance;
    let key: Key = (t, c, rel.smooth_add.to_bits(), rel.smooth_prior.to_bits());
    CACHE.with(|cache| {
        if let Some(lp) = cache.borrow().get(&key) {
            return lp.clone();
        }
        let lp: Rc<[f64]> = compute_kuan_log_probs(data, t, c).into();
        cache.borrow_mut().insert(key, lp.clone());
        lp
    })
}

fn compute_kuan_log_probs(data: &RuleData, t: &Term, c: usize) -> Vec<f64> {
    let rel = &data.relevance;
    let words = &kuan_words()[c];
    let total: f64 = words.iter().sum();
    let mut counts = vec![0.0; words.len()];
    for &(tc, k, n) in t.kuan {
        if tc as usize == c && (k as usize) < counts.len() {
            counts[k as usize] = f64::from(n);
        }
    }
    let overall = counts.iter().sum::<f64>() / total.max(1.0);
    counts
        .iter()
        .zip(words)
        .map(|(y, n)| {
            ((y + rel.smooth_add + rel.smooth_prior * overall)
                / (n + rel.smooth_add * library::TERMS.len() as f64 + rel.smooth_prior))
                .ln()
        })
        .collect()
}

/// The nouns of a text the 款 model weighs within 类 `c`: non-generic terms that the 类's
/// 款-filed entries use.
fn kuan_terms<'a>(
    data: &RuleData,
    lex: &Lexicon,
    text: &'a str,
    c: usize,
) -> Vec<(Token<'a>, &'static Term)> {
    kuan_keep(data, &library_terms(lex, text), c)
}

/// Of a text's library terms, those [`kuan_terms`] keeps.
fn kuan_keep<'a>(
    data: &RuleData,
    terms: &[(Token<'a>, &'static Term)],
    c: usize,
) -> Vec<(Token<'a>, &'static Term)> {
    terms
        .iter()
        .copied()
        .filter(|(t, term)| {
            data.relevance.mark_pos.iter().any(|p| p == term.pos)
                && !generic(data, t.word, Some(term))
                && term.kuan.iter().any(|&(tc, _, _)| tc as usize == c)
        })
        .collect()
}

/// The scores of a text's terms per 款 of 类 `c` (sums of their log-probabilities).
fn kuan_scores(data: &RuleData, terms: &[(Token, &'static Term)], c: usize) -> Vec<f64> {
    let mut s = vec![0.0; CLASSES[c].kuan.len()];
    for (_, t) in terms {
        for (x, l) in s.iter_mut().zip(kuan_log_probs(data, t, c).iter()) {
            *x += l;
        }
    }
    s
}

/// A project's 款: by its 功能分类 code when the code names one (5 digits or more), else by its
/// wording within its first 类 when one 款 leads the others by `kuan_place_margin` with
/// `kuan_min_count` library indicators behind it. `terms`: the library terms of its text.
fn place_kuan(
    data: &RuleData,
    place: &Placement,
    terms: &[(Token, &'static Term)],
    function_code: Option<&str>,
) -> Option<(usize, usize)> {
    // The 款 of its first 类 (a row of another of its 类 is not judged by it: see judge_kuan).
    let &c = place.named.first()?;
    if c >= CLASSES.len() || CLASSES[c].kuan.len() < 2 {
        return None;
    }
    if let Some(code) = function_code {
        let digits: String = code
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.len() >= 5 && digits.starts_with(CLASSES[c].code) {
            return CLASSES[c]
                .kuan
                .iter()
                .position(|(_, k)| digits.starts_with(k))
                .map(|k| (c, k));
        }
    }
    let rel = &data.relevance;
    let terms = kuan_keep(data, terms, c);
    if terms.is_empty() {
        return None;
    }
    let s = kuan_scores(data, &terms, c);
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by(|&a, &b| s[b].total_cmp(&s[a]).then(a.cmp(&b)));
    let (best, second) = (order[0], order[1]);
    let support: u32 = terms
        .iter()
        .flat_map(|(_, t)| t.kuan.iter())
        .filter(|&&(tc, k, _)| tc as usize == c && k as usize == best)
        .map(|&(_, _, n)| u32::from(n))
        .sum();
    (s[best] - s[second] >= rel.kuan_place_margin && f64::from(support) >= rel.kuan_min_count)
        .then_some((c, best))
}

/// Judges an indicator that belongs to the project's 类 against the project's 款: foreign when
/// another 款 of the 类 leads the project's by `kuan_margin` and a noun of the indicator is
/// used by `kuan_min_count` library indicators of that 款 and by none of the project's 款, is
/// not in the project's own text and shares no part with it. Called only where [`judge`] found
/// nothing (nor anything that makes the row belong: see [`belongs`]).
pub fn judge_kuan(
    data: &RuleData,
    lex: &Lexicon,
    place: &Placement,
    texts: &[&str],
) -> Option<(usize, Foreign, usize)> {
    let (c, k) = place.kuan?;
    let mut best: Option<(f64, usize, Foreign, usize)> = None;
    for (i, text) in texts.iter().enumerate() {
        let facts = TextFacts::of(data, lex, text);
        let terms = facts.kuan_terms(text, c);
        if terms.is_empty() {
            continue;
        }
        // Only a row whose wording is that 类's above all (a project placed in two 类 has its
        // 款 in the first; a row of the second is not that 类's to judge).
        let by_class = scores(&facts.weighed(text));
        let top = (0..by_class.len())
            .max_by(|&a, &b| by_class[a].total_cmp(&by_class[b]).then(b.cmp(&a)));
        if top != Some(c) {
            continue;
        }
        let s = kuan_scores(data, &terms, c);
        let Some(x) = (0..s.len())
            .filter(|&x| x != k)
            .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
        else {
            continue;
        };
        let lead = s[x] - s[k];
        if lead < data.relevance.kuan_margin {
            continue;
        }
        // The mark: of the nouns that 款 uses kuan_min_count times and neither the project's 款
        // nor the 类 as a whole (entries filed under no 款 apply to every 款), the one it uses
        // most; a lexicon term or a dictionary noun before a collocation fragment.
        let mark = terms
            .iter()
            .filter_map(|(t, term)| {
                // Entries of 款 `kk` of the 类 using the term (of any 款: None).
                let n_at = |kk: Option<usize>| {
                    term.kuan
                        .iter()
                        .filter(|&&(tc, tk, _)| {
                            tc as usize == c && kk.is_none_or(|kk| tk as usize == kk)
                        })
                        .map(|&(_, _, n)| u32::from(n))
                        .sum::<u32>()
                };
                let in_class: u32 = term
                    .classes
                    .iter()
                    .filter(|&&(tc, _, _)| tc as usize == c)
                    .map(|&(_, n, _)| u32::from(n))
                    .sum();
                let (n_at, in_kuan) = (|kk: usize| n_at(Some(kk)), n_at(None));
                (f64::from(n_at(x)) >= data.relevance.kuan_min_count
                    && n_at(k) == 0
                    && in_class == in_kuan
                    && !place.uses(data, t.word)
                    && !shares_part(data, place, t.word))
                .then_some((term.pos != "col", n_at(x), t))
            })
            .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.start.cmp(&a.2.start)));
        if let Some((_, _, t)) = mark
            && best.as_ref().is_none_or(|b| lead > b.0)
        {
            best = Some((
                lead,
                i,
                Foreign {
                    start: t.start,
                    end: t.end,
                    class: c,
                    field: None,
                },
                x,
            ));
        }
    }
    best.map(|(_, i, f, x)| (i, f, x))
}

/// [`Lexicon::hits`] of a text, from the thread's cache of indicator texts.
pub fn hits<'t>(data: &RuleData, lex: &Lexicon, text: &'t str) -> Vec<crate::lexicon::Hit<'t>> {
    TextFacts::of(data, lex, text).hits(text)
}

/// Whether a row belongs to the project by its own words, as far as the 款 judgement goes: it
/// uses a noun (or long word) of the project's own text or shares a part with one. A lexicon
/// word of the project's field does not make it belong here: the lexicon knows fields (教育),
/// not 款 (普通教育 against 职业教育), and the 款 judgement is what decides within the 类.
pub fn belongs(data: &RuleData, lex: &Lexicon, place: &Placement, texts: &[&str]) -> bool {
    texts
        .iter()
        .any(|text| TextFacts::of(data, lex, text).shares_project_word(data, place, text))
}

/// A distinctive lexicon term speaks for itself: 家庭医生 is not 家庭 (a row on it does not
/// belong to a project on 住房困难家庭).
fn distinctive_term(lex: &Lexicon, word: &str) -> bool {
    lex.senses(word).iter().any(|s| s.distinctive)
}

/// The 类 a text's scores single out, best first: within `place_margin` of the best and at
/// least `place_lift` above the median 类. A text that speaks of nothing in particular (flat
/// scores) singles out none.
fn leaders(data: &RuleData, s: &[f64]) -> Vec<usize> {
    let margin = data.relevance.place_margin;
    let lift = data.relevance.place_lift;
    let best = s.iter().copied().fold(f64::MIN, f64::max);
    let mut sorted = s.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let mut order: Vec<usize> = (0..s.len())
        .filter(|&c| s[c] >= best - margin && s[c] >= median + lift)
        .collect();
    order.sort_by(|&a, &b| s[b].total_cmp(&s[a]).then(a.cmp(&b)));
    order
}

/// Why an indicator is foreign: the marking term, its byte range in the text judged, and the
/// class it marks.
#[derive(Debug, Clone)]
pub struct Foreign {
    pub start: usize,
    pub end: usize,
    pub class: usize,
    /// The lexicon field, when the mark is a lexicon term (its name is more specific).
    pub field: Option<usize>,
}

/// Judges an indicator's wording (folded texts of 三级指标 and description) against the
/// project's placement. `None`: it belongs, or nothing says otherwise.
pub fn judge(
    data: &RuleData,
    lex: &Lexicon,
    space: &ClassSpace,
    place: &Placement,
    texts: &[&str],
) -> Option<(usize, Foreign)> {
    let rel = &data.relevance;
    let mut hand: Option<(usize, Foreign)> = None;
    let mut all: Weighed = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let facts = TextFacts::of(data, lex, text);
        // Lexicon words of the project's fields: it belongs.
        let hits = facts.hits(text);
        if hits
            .iter()
            .any(|h| place.owns_hit(data, space, h.sense.field, h.term))
        {
            return None;
        }
        if facts.shares_project_word(data, place, text) {
            return None;
        }
        for (t, term, lp) in facts.weighed(text) {
            if !all.iter().any(|(_, u, _, _)| u.word == t.word) {
                all.push((i, t, term, lp));
            }
        }
        if hand.is_none()
            && let Some(j) = hits.iter().position(|h| h.sense.distinctive)
            && !part_belongs(data, place, hits[j].term)
        {
            // Quote the run of adjacent terms of the same field ("公益电影" + "放映").
            let h = &hits[j];
            let mut end = h.end;
            for g in &hits[j + 1..] {
                if g.start == end && g.sense.field == h.sense.field {
                    end = g.end;
                } else if g.start > end {
                    break;
                }
            }
            hand = Some((
                i,
                Foreign {
                    start: h.start,
                    end,
                    class: space.field_class[h.sense.field],
                    field: Some(h.sense.field),
                },
            ));
        }
    }
    let s = scores(
        &all.iter()
            .map(|(_, t, term, lp)| (*t, *term, lp.clone()))
            .collect::<Vec<_>>(),
    );
    let own = place.scored(s.len());
    let own_best = own.iter().map(|&c| s[c]).fold(f64::MIN, f64::max);
    let Some(x) = (0..s.len()).max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a))) else {
        return hand;
    };
    // How far the library sides with another 类 than the project's (none: it cannot tell).
    let lead = if own.is_empty() || all.is_empty() {
        None
    } else {
        Some(s[x] - own_best)
    };
    if let Some(h) = hand {
        // A mark of a cross-cutting activity (培训, 宣传 …: every kind of unit trains its staff
        // and publicises its work) stands only when the library, too, sides with another 类
        // than the project's.
        // Nor when the row names a word of the project's own text (参训养护工人 under a road
        // upkeep project: the trainees are the project's own workers).
        if h.1.class >= CLASSES.len()
            && (!lead.is_some_and(|l| l > 0.0 && !place.has(x))
                || names_project_word(data, lex, place, texts[h.0]))
        {
            return None;
        }
        // A mark of another field of one of the project's 类 (林业 in a 农业 project: see
        // [`Placement::names_other_field`]) stands, unless library indicators of the project's
        // own 款 use the marked word (高效节水 is 水利's, but 高标准农田 entries of 农业农村 use
        // it too): the library knows 类 and 款, not fields, so only the 款 can side with the
        // project here.
        if place.has(h.1.class) {
            let words = &texts[h.0][h.1.start..h.1.end];
            let own_kuan_uses = |t: &Term| {
                place.kuan.is_some_and(|(c, k)| {
                    t.kuan
                        .iter()
                        .any(|&(tc, tk, _)| tc as usize == c && tk as usize == k)
                })
            };
            // Without a 款 the project is placed in with confidence, nothing can side with it,
            // and the mark does not stand (高效节水灌溉 in a 高标准农田 project whose 款 is unsure).
            let sided = place.kuan.is_none()
                || tokens(lex, words)
                    .iter()
                    .filter_map(|t| library::term(t.word))
                    .chain(library::term(words))
                    .any(own_kuan_uses);
            return (!sided).then_some(h);
        }
        // A lexicon mark stands unless the library sides with the project.
        return match lead {
            Some(l)
                if place.has(x) && l <= 0.0 && {
                    let second = (0..s.len())
                        .filter(|c| !place.has(*c))
                        .map(|c| s[c])
                        .fold(f64::MIN, f64::max);
                    own_best - second >= rel.foreign_margin
                } =>
            {
                None
            }
            _ => Some(h),
        };
    }
    // A noun that the library uses in one 类 only, often enough, and that 类 is not the
    // project's: as sure a mark as a lexicon term (公猪, 干警, 陪审员 …).
    let exclusive = all.iter().find(|(_, _, term, _)| {
        let total: u32 = term.classes.iter().map(|&(_, n, _)| u32::from(n)).sum();
        rel.mark_pos.iter().any(|p| p == term.pos)
            && term.classes.iter().any(|&(c, n, _)| {
                !place.has(c as usize)
                    && f64::from(n) >= rel.exclusive_min_count
                    && f64::from(n) >= rel.exclusive_share * f64::from(total)
            })
            && !term.classes.iter().any(|&(c, _, _)| place.has(c as usize))
    });
    if let Some((i, t, term, _)) = exclusive
        && !part_belongs(data, place, t.word)
        && lead.is_none_or(|l| l > 0.0)
    {
        let c = term
            .classes
            .iter()
            .max_by_key(|&&(_, n, _)| n)
            .map(|&(c, _, _)| c as usize)?;
        return Some((
            *i,
            Foreign {
                start: t.start,
                end: t.end,
                class: c,
                field: None,
            },
        ));
    }
    // A template row copied whole: its name is nearly a library indicator's of another 类, and
    // a topical noun of it leans there too (the whole name is quoted).
    for (i, t) in texts.iter().enumerate() {
        let leans = |c: usize| {
            all.iter().any(|(j, _, term, lp)| {
                *j == i
                    && rel.mark_pos.iter().any(|p| p == term.pos)
                    && !used_by(data, place, term)
                    && c < lp.len()
                    && own.iter().all(|&k| k < lp.len() && lp[c] > lp[k])
            })
        };
        // The names are compared only when some noun leans away from the project's 类, and
        // never for an indicator every project may have (满意度, 及时率: `generic_indicators`;
        // 家长满意度 is a 残疾儿童康复 project's too, whatever the library's nearest name).
        if (0..s.len()).any(|c| !place.has(c) && leans(c))
            && !rel
                .generic_indicators
                .iter()
                .any(|g| t.contains(g.as_str()))
            && let Some((c, _)) = nearest_names(place, t, rel.name_match_min, rel.name_match_gap)
            && leans(c)
        {
            return Some((
                i,
                Foreign {
                    start: 0,
                    end: t.len(),
                    class: c,
                    field: None,
                },
            ));
        }
    }
    if place.has(x) || lead.is_none_or(|l| l < rel.foreign_margin) {
        return None;
    }
    let (support, mark) = support_and_mark(data, place, &all, &s, x)?;
    if f64::from(support) < rel.foreign_min_count {
        return None;
    }
    mark.map(|(i, t)| {
        (
            i,
            Foreign {
                start: t.start,
                end: t.end,
                class: x,
                field: None,
            },
        )
    })
}

/// The weighed words of a row's texts, each once: (text index, token, term, log-probabilities).
type Weighed<'t> = Vec<(usize, Token<'t>, &'static Term, Rc<[f64]>)>;

/// For [`judge`]'s margin path, against 类 `x`: the support (library indicators of `x` using the
/// words that side with it against the project's best 类) and the noun to quote, the one that
/// sides most with `x` (none: no noun may be quoted). None when the project has no 类 scored.
fn support_and_mark<'t>(
    data: &RuleData,
    place: &Placement,
    all: &Weighed<'t>,
    s: &[f64],
    x: usize,
) -> Option<(u32, Option<(usize, Token<'t>)>)> {
    let rel = &data.relevance;
    let pbest = place
        .scored(s.len())
        .into_iter()
        .max_by(|&a, &b| s[a].total_cmp(&s[b]))?;
    // The odds need support: enough library indicators of that 类 use the words behind them.
    let support: u32 = all
        .iter()
        .filter(|(_, _, term, lp)| lp[x] > lp[pbest] && !used_by(data, place, term))
        .map(|(_, _, term, _)| {
            term.classes
                .iter()
                .filter(|&&(c, _, _)| c as usize == x)
                .map(|&(_, n, _)| u32::from(n))
                .sum::<u32>()
        })
        .sum();
    // Quote the noun that sides most with that 类 against the project's.
    let mark = all
        .iter()
        .filter(|(_, _, term, _)| {
            rel.mark_pos.iter().any(|p| p == term.pos) && !used_by(data, place, term)
        })
        .map(|(i, t, _, lp)| (lp[x] - lp[pbest], *i, *t))
        .filter(|(d, _, t)| *d > 0.0 && !part_belongs(data, place, t.word))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i, t)| (i, t));
    Some((support, mark))
}

/// Whether a text names a word of the project's own text: a library term of any part of
/// speech (养护 is a verb) that is not generic.
fn names_project_word(data: &RuleData, lex: &Lexicon, place: &Placement, text: &str) -> bool {
    // `tokens` keeps words of two characters or more only.
    tokens(lex, text).iter().any(|t| {
        library::term(t.word).is_some_and(|term| !generic(data, t.word, Some(term)))
            && place.uses(data, t.word)
    })
}

/// Whether library indicators of one of the project's 类 use the term often enough
/// (`belongs_min_count`) for it to be that 类's word too: 家庭 is 社会保障's most of all, but
/// 卫生健康 uses it as well, so it says nothing against a 卫生健康 project.
fn used_by(data: &RuleData, place: &Placement, term: &Term) -> bool {
    term.classes
        .iter()
        .any(|&(c, n, _)| place.has(c as usize) && f64::from(n) >= data.relevance.belongs_min_count)
}

/// Whether a part of a word (two characters or more, not generic) is in the project's own text.
fn shares_part(data: &RuleData, place: &Placement, word: &str) -> bool {
    specific_parts(data, word)
        .iter()
        .any(|part| place.uses(data, part))
}

/// The parts of a word (two characters or more, shorter than the word) that are non-generic
/// library nouns.
fn specific_parts(data: &RuleData, word: &str) -> Vec<&'static str> {
    let idx = crate::text::char_bounds(word);
    let mut parts = Vec::new();
    for a in 0..idx.len() {
        for b in a + 2..idx.len() {
            let part = &word[idx[a]..idx[b]];
            if part.len() < word.len()
                && let Some(t) = library::term(part)
                && !generic(data, part, Some(t))
                && data.relevance.mark_pos.iter().any(|p| p == t.pos)
            {
                parts.push(t.term);
            }
        }
    }
    parts
}

/// Whether a part of a word (two characters or more) is a non-generic library term that the
/// library of one of the project's 类 uses: 农民增收 is not foreign to a project whose 类 speaks
/// of 增收.
fn part_belongs(data: &RuleData, place: &Placement, word: &str) -> bool {
    // A compound the library knows well speaks for itself (社区矫正 is not 社区).
    if library::term(word).is_some_and(|t| {
        t.classes.iter().map(|&(_, n, _)| f64::from(n)).sum::<f64>()
            >= data.relevance.exclusive_min_count
    }) {
        return false;
    }
    let idx = crate::text::char_bounds(word);
    for a in 0..idx.len() {
        for b in a + 2..idx.len() {
            if a == 0 && b == idx.len() - 1 {
                continue; // the word itself
            }
            let part = &word[idx[a]..idx[b]];
            // A noun of the project's 类 (带动, a verb seen once in 社会保障, says nothing).
            if let Some(t) = library::term(part)
                && !generic(data, part, Some(t))
                && data.relevance.mark_pos.iter().any(|p| p == t.pos)
                && t.classes.iter().any(|&(c, _, _)| place.has(c as usize))
            {
                return true;
            }
        }
    }
    false
}

/// How the model sees an indicator against a placement (for tuning and `--explain`-style
/// diagnostics): the project's classes, the top 类 of the indicator with their scores, and the
/// weighed terms.
pub fn explain(
    data: &RuleData,
    lex: &Lexicon,
    space: &ClassSpace,
    place: &Placement,
    text: &str,
) -> String {
    let w = weighed(data, lex, text);
    let s = scores(&w);
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by(|&a, &b| s[b].total_cmp(&s[a]));
    let own: Vec<String> = place
        .classes
        .iter()
        .map(|&c| {
            if c < s.len() {
                format!("{}({:.1})", space.name(c), s[c])
            } else {
                space.name(c).to_string()
            }
        })
        .collect();
    let top: Vec<String> = order
        .iter()
        .take(3)
        .map(|&c| format!("{}({:.1})", space.name(c), s[c]))
        .collect();
    let terms: Vec<&str> = w.iter().map(|(t, _, _)| t.word).collect();
    let kuan = match place.kuan {
        Some((c, k)) => {
            let kt = kuan_terms(data, lex, text, c);
            let s = kuan_scores(data, &kt, c);
            let mut order: Vec<usize> = (0..s.len()).collect();
            order.sort_by(|&a, &b| s[b].total_cmp(&s[a]));
            let top: Vec<String> = order
                .iter()
                .take(2)
                .map(|&x| format!("{}({:.1})", CLASSES[c].kuan[x].0, s[x]))
                .collect();
            let words: Vec<&str> = kt.iter().map(|(t, _)| t.word).collect();
            format!(
                " 款 {}({:.1}) 指标款 [{}] 款词 {:?}",
                CLASSES[c].kuan[k].0,
                s[k],
                top.join(" "),
                words
            )
        }
        None => " 款 -".to_string(),
    };
    format!(
        "项目类 [{}] 指标最高 [{}] 词 {:?}{kuan}{}",
        own.join(" "),
        top.join(" "),
        terms,
        vetoes(data, lex, space, place, text, &w, &s)
    )
}

/// What keeps a row from being called another 类's, as [`judge`] checks it (for [`explain`]):
/// `否决` lists the lexicon words the project owns, with the route (see
/// [`Placement::hit_route`]), and the words the row shares with the project's text; `标志` the
/// distinctive lexicon word judge would quote first (with `属于项目` when a part of it is the
/// project's); `领先` the library's lead over the project's best 类 against `foreign_margin`, the
/// support against `foreign_min_count` and the noun the margin path would quote. Not shown: the
/// vetoes of a lexicon mark (a cross-cutting activity, the library siding with the project) and
/// the exclusive-noun and near-name paths.
fn vetoes(
    data: &RuleData,
    lex: &Lexicon,
    space: &ClassSpace,
    place: &Placement,
    text: &str,
    w: &[(Token, &'static Term, Rc<[f64]>)],
    s: &[f64],
) -> String {
    let rel = &data.relevance;
    let facts = TextFacts::of(data, lex, text);
    let hits = facts.hits(text);
    let mut out: Vec<String> = Vec::new();
    let mut push = |x: String| {
        if !out.contains(&x) {
            out.push(x);
        }
    };
    for h in &hits {
        if let Some(how) = place.hit_route(data, space, h.sense.field, h.term) {
            push(format!(
                "{}({how}:{})",
                h.term,
                lex.field_name(h.sense.field)
            ));
        }
    }
    for word in facts.shared_words(data, place, text) {
        push(format!("{word}(项目用词)"));
    }
    let mark = match hits.iter().find(|h| h.sense.distinctive) {
        Some(h) if part_belongs(data, place, h.term) => format!(" 标志 {}(属于项目)", h.term),
        Some(h) => format!(" 标志 {}", h.term),
        None => String::new(),
    };
    let own = place.scored(s.len());
    let all: Weighed = w
        .iter()
        .map(|(t, term, lp)| (0, *t, *term, lp.clone()))
        .collect();
    let x = (0..s.len()).max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)));
    let lead = match x {
        _ if own.is_empty() || all.is_empty() => " 领先 -".to_string(),
        Some(x) if !place.has(x) => {
            let own_best = own.iter().map(|&c| s[c]).fold(f64::MIN, f64::max);
            let (support, quote) = support_and_mark(data, place, &all, s, x).unwrap_or((0, None));
            format!(
                " 领先 {}({:.2}/{}) 支持 {support}/{} {}",
                space.name(x),
                s[x] - own_best,
                rel.foreign_margin,
                rel.foreign_min_count,
                quote.map_or("无可引名词".to_string(), |(_, t)| format!(
                    "可引 {}",
                    t.word
                ))
            )
        }
        _ => " 领先 项目本类".to_string(),
    };
    format!(" 否决 [{}]{mark}{lead}", out.join(" "))
}

/// A name's distinct character bigrams, sorted (white space and punctuation left out; the
/// library's are computed the same way by `build.rs` into [`library::NAME_GRAMS`]).
fn name_grams(s: &str) -> Vec<(char, char)> {
    let cs: Vec<char> = s
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !c.is_ascii_punctuation() && !"，、：；（）“”《》·".contains(*c)
        })
        .collect();
    let mut g: Vec<(char, char)> = cs.windows(2).map(|w| (w[0], w[1])).collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// The 类 of the library indicator whose name is nearest a text's (Dice over character
/// bigrams), when that is at least `min`, the indicator is of another 类 than the project's,
/// and no indicator of the project's own 类 comes within `gap` of it; with the Dice.
/// Exact, and cheap: an indicator that near must share one of the text's rarest bigrams
/// (prefix filtering), and each candidate's overlap is counted in the sorted postings.
pub fn nearest_names(place: &Placement, text: &str, min: f64, gap: f64) -> Option<(usize, f64)> {
    let g = name_grams(text);
    let n = g.len();
    if n < 3 {
        return None;
    }
    let mut post: Vec<&[u16]> = g
        .iter()
        .map(|x| {
            library::NAME_GRAMS
                .binary_search_by(|(y, _)| y.cmp(x))
                .map_or(&[][..], |k| library::NAME_GRAMS[k].1)
        })
        .collect();
    post.sort_by_key(|p| p.len());
    let dice = |i: u16| {
        let shared = post.iter().filter(|p| p.binary_search(&i).is_ok()).count();
        2.0 * shared as f64 / (n + usize::from(library::NAME_GRAM_SIZES[usize::from(i)])) as f64
    };
    // How many of the rarest bigrams a name of Dice ≥ t must share one of: it shares at least
    // t·n/(2−t) of the text's n bigrams.
    let prefix = |t: f64| {
        let shared = ((t * n as f64 / (2.0 - t)) - 1e-9).ceil().max(1.0) as usize;
        n + 1 - shared.min(n)
    };
    let class = |i: u16| usize::from(library::ENTRIES[usize::from(i)].class);
    let mut best: Option<(f64, usize)> = None;
    for p in &post[..prefix(min)] {
        for &i in p.iter() {
            let c = class(i);
            if place.has(c) {
                continue;
            }
            let d = dice(i);
            if d >= min && best.is_none_or(|(bd, bc)| d > bd || (d == bd && c < bc)) {
                best = Some((d, c));
            }
        }
    }
    let (o, c) = best?;
    let t = o - gap;
    if t <= 0.0 {
        return None;
    }
    for p in &post[..prefix(t)] {
        if p.iter().any(|&i| place.has(class(i)) && dice(i) > t) {
            return None;
        }
    }
    Some((c, o))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`occurrences`] gives what `match_indices` gives: every lexicon term against each of its
    /// substrings and some other needles (overlapping repeats, empty, longer than the term).
    #[test]
    fn occurrences_match_match_indices() {
        let data = RuleData::embedded();
        let mut hays: Vec<String> = data.domains.terms.clone();
        hays.extend(["aaaa", "ababab", "卫生卫生卫", "", "a卫a"].map(String::from));
        for hay in &hays {
            let bounds: Vec<usize> = crate::text::char_bounds(hay);
            let mut needles: Vec<String> = ["", "a", "aa", "ab", "aba", "卫", "卫生", "生卫", "x"]
                .map(String::from)
                .to_vec();
            for (x, &a) in bounds.iter().enumerate() {
                for &b in &bounds[x..] {
                    needles.push(hay[a..b].to_string());
                }
            }
            needles.push(format!("{hay}{hay}"));
            for n in &needles {
                let want: Vec<usize> = hay.match_indices(n.as_str()).map(|(i, _)| i).collect();
                let got: Vec<usize> = occurrences(hay, n).collect();
                assert_eq!(got, want, "{hay:?} {n:?}");
            }
        }
    }

    /// `build.rs` computes the library names' bigrams as [`name_grams`] does.
    #[test]
    fn generated_name_grams_match_the_runtime_ones() {
        assert_eq!(library::NAME_GRAM_SIZES.len(), library::ENTRIES.len());
        assert!(library::NAME_GRAMS.windows(2).all(|w| w[0].0 < w[1].0));
        for (i, e) in library::ENTRIES.iter().enumerate() {
            let g = name_grams(e.name);
            assert_eq!(
                usize::from(library::NAME_GRAM_SIZES[i]),
                g.len().min(255),
                "{}",
                e.name
            );
            for x in g {
                let k = library::NAME_GRAMS
                    .binary_search_by(|(y, _)| y.cmp(&x))
                    .unwrap_or_else(|_| panic!("{}: {x:?}", e.name));
                assert!(library::NAME_GRAMS[k].1.contains(&(i as u16)), "{}", e.name);
            }
        }
    }
}
