//! Suggestions from the indicator library: indicators of the project's own 类 and of the
//! 二级 class a row (or a missing class) needs, the ones closest to the project's own words
//! first. Used by R001 and R002 in their help, and by `jxlint suggest`.

use crate::data::RuleData;
use crate::fields::{self, ClassSpace, Placement};
use crate::lexicon::Lexicon;
use crate::library::{ENTRIES, Entry};
use crate::model::{Class2, Document, Project};
use crate::text::{fold, squeeze};

/// How the library writes a 二级 class: as the framework names it, 成本 as 经济成本.
pub fn library_level2(c: Class2) -> &'static str {
    match c {
        Class2::Cost => Class2::EconomicCost.zh(),
        c => c.zh(),
    }
}

/// For every 类 and character the library entries of that 类 whose name holds it (ascending
/// ids), and the entries of every (类, 款): built on first use, so that a project's words are
/// looked for only in the names of its 类 that hold their rarest character.
struct Index {
    by_char: rustc_hash::FxHashMap<(u8, char), Vec<u32>>,
    /// The entries of each (类, 款).
    by_kuan: rustc_hash::FxHashMap<(u8, u8), Vec<u32>>,
}

fn index() -> &'static Index {
    static INDEX: std::sync::LazyLock<Index> = std::sync::LazyLock::new(|| {
        let mut by_char: rustc_hash::FxHashMap<(u8, char), Vec<u32>> = Default::default();
        let mut by_kuan: rustc_hash::FxHashMap<(u8, u8), Vec<u32>> = Default::default();
        for (i, e) in ENTRIES.iter().enumerate() {
            by_kuan.entry((e.class, e.kuan)).or_default().push(i as u32);
            for ch in e.name.chars() {
                let list = by_char.entry((e.class, ch)).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        Index { by_char, by_kuan }
    });
    &INDEX
}

/// What ranking library indicators for one project needs, computed once per project: the
/// project's own specific words and how much each 款 of its 类 shares with them.
pub struct Suggester {
    /// The entries that may be offered, computed once: (index in [`ENTRIES`], rank of its 类
    /// in the placement, shared words, its 款's score).
    candidates: Vec<(usize, usize, usize, usize)>,
    /// The squeezed names of the project's rows (never offered again).
    existing: Vec<String>,
}

/// The entries of 类 `c` whose name uses `word`, found among the entries holding the word's
/// rarest character; kept per thread (a batch's projects share most of their words).
fn naming(idx: &Index, c: u8, word: &str) -> std::rc::Rc<[u32]> {
    type Found = rustc_hash::FxHashMap<Box<str>, std::rc::Rc<[u32]>>;
    thread_local! {
        static CACHE: std::cell::RefCell<Vec<Found>> = Default::default();
    }
    CACHE.with(|cache| {
        if let Some(v) = cache.borrow().get(usize::from(c)).and_then(|m| m.get(word)) {
            return v.clone();
        }
        let lists: Option<Vec<&Vec<u32>>> =
            word.chars().map(|ch| idx.by_char.get(&(c, ch))).collect();
        let found: std::rc::Rc<[u32]> =
            match lists.and_then(|l| l.into_iter().min_by_key(|l| l.len())) {
                Some(list) => list
                    .iter()
                    .copied()
                    .filter(|&i| ENTRIES[i as usize].name.contains(word))
                    .collect(),
                None => std::rc::Rc::from([]),
            };
        // Only words that name something are kept: the rest cost one search and would make
        // the cache grow with a batch's vocabulary.
        if found.is_empty() {
            return found;
        }
        let mut cache = cache.borrow_mut();
        if cache.len() <= usize::from(c) {
            cache.resize_with(usize::from(c) + 1, Found::default);
        }
        cache[usize::from(c)].insert(word.into(), found.clone());
        found
    })
}

impl Suggester {
    pub fn new(data: &RuleData, lex: &Lexicon, place: &Placement, p: &Project) -> Self {
        let mut words: Vec<&str> = fields::tokens(lex, &place.text)
            .iter()
            .map(|t| t.word)
            .filter(|w| {
                w.chars().count() >= 2 && !fields::generic(data, w, crate::library::term(w))
            })
            .collect();
        words.sort_unstable();
        words.dedup();
        // Each entry of the project's 类: how many of the project's words its name uses. A
        // word is looked for only in the names holding its rarest character.
        let idx = index();
        let mut rank_of = vec![usize::MAX; crate::library::CLASSES.len()];
        for (r, &c) in place.named.iter().enumerate() {
            if c < rank_of.len() && rank_of[c] == usize::MAX {
                rank_of[c] = r;
            }
        }
        // How many of the project's words each entry's name uses: counts by entry in a
        // buffer of the thread (every entry), the entries counted listed in `used`.
        thread_local! {
            static COUNTS: std::cell::RefCell<Vec<u32>> = Default::default();
        }
        let mut uses = COUNTS.with(|c| std::mem::take(&mut *c.borrow_mut()));
        uses.resize(ENTRIES.len(), 0);
        let mut used: Vec<u32> = Vec::new();
        for (r, &c) in place.named.iter().enumerate() {
            if c >= rank_of.len() || rank_of[c] != r {
                continue;
            }
            for w in &words {
                for &i in naming(idx, c as u8, w).iter() {
                    if uses[i as usize] == 0 {
                        used.push(i);
                    }
                    uses[i as usize] += 1;
                }
            }
        }
        // The 款 the project speaks of most: the sum of its entries' shared words (计划生育事务
        // before 基层医疗卫生机构 for a 特别扶助 project), whatever their 二级 class.
        let mut kuan_score: rustc_hash::FxHashMap<(u8, u8), usize> = Default::default();
        for &i in &used {
            let e = &ENTRIES[i as usize];
            if e.kuan != crate::library::WHOLE_CLASS {
                *kuan_score.entry((e.class, e.kuan)).or_default() += uses[i as usize] as usize;
            }
        }
        let best = kuan_score.values().copied().max().unwrap_or(0);
        let kuan_of = |e: &Entry| kuan_score.get(&(e.class, e.kuan)).copied().unwrap_or(0);
        // Only entries that share a word with the project or come from the 款 it speaks of
        // most: library order alone would offer anything of the 类. (The order of the
        // candidates does not matter: for_class sorts them on keys ending with the entry.)
        let mut candidates: Vec<(usize, usize, usize, usize)> = used
            .iter()
            .map(|&i| {
                let e = &ENTRIES[i as usize];
                (
                    i as usize,
                    rank_of[e.class as usize],
                    uses[i as usize] as usize,
                    kuan_of(e),
                )
            })
            .collect();
        if best > 0 {
            for (&(c, k), _) in kuan_score.iter().filter(|&(_, &v)| v == best) {
                for &i in idx.by_kuan.get(&(c, k)).map_or(&[][..], |v| v.as_slice()) {
                    if uses[i as usize] == 0 {
                        candidates.push((i as usize, rank_of[c as usize], 0, best));
                    }
                }
            }
        }
        for &i in &used {
            uses[i as usize] = 0;
        }
        COUNTS.with(|c| *c.borrow_mut() = uses);
        Suggester {
            candidates,
            existing: p
                .indicators
                .iter()
                .filter_map(|i| i.level3.as_ref().map(|f| squeeze(&f.text)))
                .collect(),
        }
    }

    /// Up to `n` library indicators of the 类 the project is named in (in the placement's
    /// order) and, when given, of the 二级 class; none whose name the project already has.
    /// Ranked by how many of the project's own specific words the entry's name uses, then by
    /// how much the entry's 款 shares with the project, then by 类 order and library order:
    /// deterministic. Only entries that share a word with the project, or belong to the 款
    /// that shares most, are offered: none rather than any indicator of the 类.
    pub fn for_class(&self, class2: Option<Class2>, n: usize) -> Vec<&'static Entry> {
        self.ranked(class2, n, false)
    }

    /// As [`Suggester::for_class`], but only entries whose name shares a word with the project
    /// (not the rest of the 款 it speaks of most): an example for its own goal.
    pub fn sharing_a_word(&self, class2: Option<Class2>, n: usize) -> Vec<&'static Entry> {
        self.ranked(class2, n, true)
    }

    fn ranked(&self, class2: Option<Class2>, n: usize, sharing: bool) -> Vec<&'static Entry> {
        let level2 = class2.map(library_level2);
        let mut scored: Vec<(usize, usize, usize, usize)> = self
            .candidates
            .iter()
            .filter(|&&(i, ..)| level2.is_none_or(|l| l == ENTRIES[i].level2))
            .filter(|&&(_, _, w, _)| !sharing || w > 0)
            .map(|&(i, rank, w, k)| (usize::MAX - w, usize::MAX - k, rank, i))
            .collect();
        // The `n` best not already in the project, best first: picked one at a time (the keys
        // are distinct, each entry once; a full sort cost more for the few that are asked).
        let mut picked = Vec::with_capacity(n);
        while picked.len() < n
            && let Some((at, &(.., i))) = scored.iter().enumerate().min_by_key(|&(_, key)| key)
        {
            scored.swap_remove(at);
            if !self.existing.contains(&squeeze(ENTRIES[i].name)) {
                picked.push(&ENTRIES[i]);
            }
        }
        picked
    }
}

/// "“乡村医生培训人数”（人，如 ≥300人）" for a help message.
pub fn describe(e: &Entry) -> String {
    // Pieces pushed, not format!: every R001 and R002 help names three entries.
    let mut s = String::with_capacity(e.name.len() + e.unit.len() + e.example.len() + 24);
    s.push('“');
    s.push_str(e.name);
    s.push_str("”（");
    if !matches!(e.unit, "" | "-") {
        s.push_str(e.unit);
        s.push('，');
    }
    s.push_str("如 ");
    s.push_str(e.example);
    s.push('）');
    s
}

/// The help sentence naming suggestions, or "" when there are none.
pub fn help_sentence(space: &ClassSpace, place: &Placement, entries: &[&Entry]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    // The 类 the suggestions come from, in the placement's order.
    let classes: Vec<&str> = place
        .named
        .iter()
        .filter(|&&c| entries.iter().any(|e| e.class as usize == c))
        .map(|&c| space.name(c))
        .collect();
    let list: Vec<String> = entries.iter().map(|e| describe(e)).collect();
    format!(
        "；可参考指标库中{}的同类指标：{}",
        classes.join("、"),
        list.join("、")
    )
}

/// The project's text for placing it: name, use, goals and department (`department`, the one
/// `Document::department_of` gives, else the project's own: counted once, whether the project
/// names it in a sheet of its own or the document does).
pub fn project_text(p: &Project, department: Option<&str>) -> String {
    let department = department.or(p.department.as_ref().map(|f| f.text.as_str()));
    let mut t = String::new();
    for f in [&p.name, &p.purpose].into_iter().flatten() {
        t.push_str(&f.text);
        t.push('\n');
    }
    if let Some(g) = &p.goals {
        for l in &g.lines {
            t.push_str(&l.text);
            t.push('\n');
        }
    }
    if let Some(d) = department {
        t.push_str(d);
    }
    fold(&t)
}

/// Places a project of a document.
pub fn place_project(
    data: &RuleData,
    lex: &Lexicon,
    space: &ClassSpace,
    p: &Project,
    department: Option<&str>,
) -> Placement {
    let code = p.function_code.as_ref().map(|f| f.text.as_str());
    let department = department.or(p.department.as_ref().map(|f| f.text.as_str()));
    let core = fold(&format!(
        "{}\n{}",
        p.name.as_ref().map_or("", |f| f.text.as_str()),
        department.unwrap_or("")
    ));
    fields::place(data, lex, space, &project_text(p, department), &core, code)
}

/// The 二级 classes `jxlint suggest` looks for, in table order.
pub const WANTED: [Class2; 6] = [
    Class2::Quantity,
    Class2::Quality,
    Class2::Timeliness,
    Class2::EconomicCost,
    Class2::SocialBenefit,
    Class2::Satisfaction,
];

/// A wanted 二级 class a project lacks, with library indicators for it.
pub struct Gap {
    pub class: Class2,
    /// The class's rows when every one of them is boilerplate (R002's: “群众幸福感 | 明显提升”):
    /// the class is there in name only. Empty when the project has no row of the class.
    pub boilerplate: Vec<String>,
    pub entries: Vec<&'static Entry>,
}

/// For each project of a document: its placement and, for each wanted 二级 class it has no
/// row of (or only boilerplate rows), up to three library indicators. `boilerplate` says, for
/// each project, which of its rows are boilerplate as R002 judges them
/// (`crate::rules::boilerplate_of`; missing or empty: none).
pub fn missing(
    data: &RuleData,
    doc: &Document,
    boilerplate: &[Vec<bool>],
) -> Vec<(Placement, Vec<Gap>)> {
    let lex = data.lexicon();
    let space = ClassSpace::of(lex);
    doc.projects
        .iter()
        .enumerate()
        .map(|(k, p)| {
            // The project's own department (a sheet of its own) before the document's, as
            // the rules place it.
            let department = doc.department_of(p).map(|f| f.text.as_str());
            let place = place_project(data, lex, &space, p, department);
            let boiler: Vec<bool> = (0..p.indicators.len())
                .map(|i| {
                    boilerplate
                        .get(k)
                        .and_then(|b| b.get(i))
                        .copied()
                        .unwrap_or(false)
                })
                .collect();
            // Each row's class as `WANTED` names it (成本 as 经济成本), and whether it is
            // boilerplate.
            let have: Vec<Option<(Class2, bool)>> = p
                .indicators
                .iter()
                .zip(&boiler)
                .map(|(i, &b)| {
                    data.class2_of(i).map(|c| match c {
                        Class2::Cost => (Class2::EconomicCost, b),
                        c => (c, b),
                    })
                })
                .collect();
            let sg = Suggester::new(data, lex, &place, p);
            let lacks = WANTED
                .iter()
                .filter(|c| !have.iter().flatten().any(|&(h, b)| h == **c && !b))
                .map(|&c| Gap {
                    class: c,
                    boilerplate: p
                        .indicators
                        .iter()
                        .zip(&have)
                        .filter(|(_, h)| **h == Some((c, true)))
                        .filter_map(|(i, _)| i.name().map(|f| f.trimmed().to_string()))
                        .collect(),
                    entries: sg.for_class(Some(c), 3),
                })
                .collect();
            (place, lacks)
        })
        .collect()
}

/// The 二级 class as a table names it ("数量指标").
fn class2_label(c: Class2) -> String {
    format!("{}指标", library_level2(c))
}

/// `jxlint suggest`'s text for one document (`boilerplate` as for [`missing`]).
pub fn render(data: &RuleData, doc: &Document, display: &str, boilerplate: &[Vec<bool>]) -> String {
    let lex = data.lexicon();
    let space = ClassSpace::of(lex);
    let mut out = format!("── {display} ──\n");
    for (i, (place, gaps)) in missing(data, doc, boilerplate).into_iter().enumerate() {
        let p = &doc.projects[i];
        let classes: Vec<&str> = place.named.iter().map(|&c| space.name(c)).collect();
        let uncovered = p.function_code.as_ref().is_some_and(|f| {
            crate::library::is_class_code(&f.text)
                && crate::library::class_of_code(&f.text).is_none()
        });
        if uncovered {
            out.push_str(&format!(
                "项目 {}：{}（功能分类科目“{}”所属的类不在指标库中，没有建议）\n",
                i + 1,
                p.display_name(),
                p.function_code
                    .as_ref()
                    .map(|f| f.trimmed())
                    .unwrap_or_default()
            ));
            continue;
        }
        if classes.is_empty() {
            out.push_str(&format!(
                "项目 {}：{}（无法判断所属领域：项目名称、用途和目标里没有指标库认得的词，没有建议）\n",
                i + 1,
                p.display_name()
            ));
            continue;
        }
        out.push_str(&format!(
            "项目 {}：{}（{}）\n",
            i + 1,
            p.display_name(),
            classes.join("、")
        ));
        if gaps.is_empty() {
            out.push_str("  数量、质量、时效、成本、效益、满意度指标都有\n");
            continue;
        }
        for Gap {
            class: c,
            boilerplate,
            entries,
        } in gaps
        {
            // "没有社会效益指标", or "社会效益指标只有套话（“群众幸福感”）".
            let lack = if boilerplate.is_empty() {
                format!("没有{}", class2_label(c))
            } else {
                let names: Vec<String> = boilerplate.iter().map(|n| format!("“{n}”")).collect();
                format!(
                    "{}只有套话（{}），无法核实",
                    class2_label(c),
                    names.join("、")
                )
            };
            if entries.is_empty() {
                out.push_str(&format!(
                    "  {lack}；指标库中{}没有这一类的指标可参考\n",
                    classes.join("、")
                ));
                continue;
            }
            out.push_str(&format!("  {lack}，可参考：\n"));
            for e in entries {
                out.push_str(&format!("    {}\n", describe(e)));
            }
        }
    }
    out
}
