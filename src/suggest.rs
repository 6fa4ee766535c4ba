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

/// What ranking library indicators for one project needs, computed once per project: the
/// project's own specific words and how much each 款 of its 类 shares with them.
pub struct Suggester<'p> {
    place: &'p Placement,
    words: Vec<String>,
    /// (类, 款) → the sum of shared words of its entries.
    kuan_score: Vec<((u8, u8), usize)>,
    best_kuan: usize,
    /// The squeezed names of the project's rows (never offered again).
    existing: Vec<String>,
}

impl<'p> Suggester<'p> {
    pub fn new(data: &RuleData, lex: &Lexicon, place: &'p Placement, p: &Project) -> Self {
        let mut words: Vec<String> = fields::tokens(lex, &place.text)
            .iter()
            .map(|t| t.word)
            .filter(|w| {
                w.chars().count() >= 2 && !fields::generic(data, w, crate::library::term(w))
            })
            .map(str::to_string)
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut me = Suggester {
            place,
            words,
            kuan_score: Vec::new(),
            best_kuan: 0,
            existing: p
                .indicators
                .iter()
                .filter_map(|i| i.level3.as_ref().map(|f| squeeze(&f.text)))
                .collect(),
        };
        // The 款 the project speaks of most: the sum of its entries' shared words (计划生育事务
        // before 基层医疗卫生机构 for a 特别扶助 project), whatever their 二级 class.
        for e in ENTRIES.iter() {
            if !place.named.contains(&(e.class as usize)) || e.kuan == crate::library::WHOLE_CLASS {
                continue;
            }
            let k = me.shared(e);
            if k == 0 {
                continue;
            }
            match me
                .kuan_score
                .iter_mut()
                .find(|(key, _)| *key == (e.class, e.kuan))
            {
                Some((_, v)) => *v += k,
                None => me.kuan_score.push(((e.class, e.kuan), k)),
            }
        }
        me.best_kuan = me.kuan_score.iter().map(|(_, v)| *v).max().unwrap_or(0);
        me
    }

    /// How many of the project's own specific words an entry's name uses.
    fn shared(&self, e: &Entry) -> usize {
        self.words
            .iter()
            .filter(|w| e.name.contains(w.as_str()))
            .count()
    }

    fn kuan_of(&self, e: &Entry) -> usize {
        self.kuan_score
            .iter()
            .find(|(key, _)| *key == (e.class, e.kuan))
            .map_or(0, |(_, v)| *v)
    }

    /// Up to `n` library indicators of the 类 the project is named in (in the placement's
    /// order) and, when given, of the 二级 class; none whose name the project already has.
    /// Ranked by how many of the project's own specific words the entry's name uses, then by
    /// how much the entry's 款 shares with the project, then by 类 order and library order:
    /// deterministic. Only entries that share a word with the project, or belong to the 款
    /// that shares most, are offered: none rather than any indicator of the 类.
    pub fn for_class(&self, class2: Option<Class2>, n: usize) -> Vec<&'static Entry> {
        let level2 = class2.map(library_level2);
        let mut scored: Vec<(usize, usize, usize, usize, &'static Entry)> = Vec::new();
        for (i, e) in ENTRIES.iter().enumerate() {
            let Some(rank) = self.place.named.iter().position(|&c| c == e.class as usize) else {
                continue;
            };
            if level2.is_some_and(|l| l != e.level2) {
                continue;
            }
            let (k, w) = (self.kuan_of(e), self.shared(e));
            if w == 0 && (k == 0 || k < self.best_kuan) {
                continue;
            }
            if self.existing.contains(&squeeze(e.name)) {
                continue;
            }
            scored.push((usize::MAX - w, usize::MAX - k, rank, i, e));
        }
        scored.sort_by_key(|&(s, k, r, i, _)| (s, k, r, i));
        scored
            .into_iter()
            .take(n)
            .map(|(_, _, _, _, e)| e)
            .collect()
    }
}

/// "“乡村医生培训人数”（人，如 ≥300人）" for a help message.
pub fn describe(e: &Entry) -> String {
    let unit = match e.unit {
        "" | "-" => String::new(),
        u => format!("{u}，"),
    };
    format!("“{}”（{unit}如 {}）", e.name, e.example)
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

/// The project's text for placing it: name, use, goals and department.
pub fn project_text(p: &Project, department: Option<&str>) -> String {
    let mut t = String::new();
    for f in [&p.name, &p.purpose, &p.department].into_iter().flatten() {
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
    fields::place(data, lex, space, &project_text(p, department), code)
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

/// A wanted 二级 class a project has no row of, with library indicators for it.
pub type Gap = (Class2, Vec<&'static Entry>);

/// For each project of a document: its placement and, for each wanted 二级 class it has no
/// row of, up to three library indicators.
pub fn missing(data: &RuleData, doc: &Document) -> Vec<(Placement, Vec<Gap>)> {
    let lex = data.lexicon();
    let space = ClassSpace::new(lex);
    let department = doc.department.as_ref().map(|f| f.text.as_str());
    doc.projects
        .iter()
        .map(|p| {
            let place = place_project(data, lex, &space, p, department);
            let have: Vec<Class2> = p
                .indicators
                .iter()
                .filter_map(|i| {
                    data.class2_of(i).map(|c| match c {
                        Class2::Cost => Class2::EconomicCost,
                        c => c,
                    })
                })
                .collect();
            let sg = Suggester::new(data, lex, &place, p);
            let lacks = WANTED
                .iter()
                .filter(|c| !have.contains(c))
                .map(|&c| (c, sg.for_class(Some(c), 3)))
                .collect();
            (place, lacks)
        })
        .collect()
}

/// The 二级 class as a table names it ("数量指标").
fn class2_label(c: Class2) -> String {
    format!("{}指标", library_level2(c))
}

/// `jxlint suggest`'s text for one document.
pub fn render(data: &RuleData, doc: &Document, display: &str) -> String {
    let lex = data.lexicon();
    let space = ClassSpace::new(lex);
    let mut out = format!("── {display} ──\n");
    for (i, (place, gaps)) in missing(data, doc).into_iter().enumerate() {
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
        for (c, entries) in gaps {
            if entries.is_empty() {
                out.push_str(&format!(
                    "  没有{}；指标库中{}没有这一类的指标可参考\n",
                    class2_label(c),
                    classes.join("、")
                ));
                continue;
            }
            out.push_str(&format!("  没有{}，可参考：\n", class2_label(c)));
            for e in entries {
                out.push_str(&format!("    {}\n", describe(e)));
            }
        }
    }
    out
}
