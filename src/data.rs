//! Word lists and thresholds from `rules/*.yaml`, embedded in the binary and extended or
//! changed by configuration (`.jxlint.yaml`: `params` and `words`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::model::{Class1, Class2};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    pub percent: Vec<String>,
    pub money: Vec<String>,
    pub count: Vec<String>,
    pub time: Vec<String>,
    pub measure: Vec<String>,
    /// What a unit measures (V004).
    pub dimensions: BTreeMap<String, Vec<String>>,
    /// For a name ending so, the dimensions that can measure it (V004).
    pub name_dimensions: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Percent,
    Money,
    Count,
    Time,
    Measure,
}

impl Units {
    pub fn kind(&self, unit: &str) -> Option<UnitKind> {
        let lists = [
            (&self.percent, UnitKind::Percent),
            (&self.money, UnitKind::Money),
            (&self.count, UnitKind::Count),
            (&self.time, UnitKind::Time),
            (&self.measure, UnitKind::Measure),
        ];
        lists
            .into_iter()
            .find(|(l, _)| l.iter().any(|u| u == unit))
            .map(|(_, k)| k)
            .or_else(|| {
                // A rate unit such as 元/人 or 万元/公里 is money.
                let head = unit.split('/').next().unwrap_or("");
                (unit.contains('/') && self.money.iter().any(|u| u == head))
                    .then_some(UnitKind::Money)
            })
    }

    /// The dimension a unit measures (people, events, length, area …), if V004 knows it.
    pub fn dimension(&self, unit: &str) -> Option<&str> {
        self.dimensions
            .iter()
            .find(|(_, us)| us.iter().any(|u| u == unit))
            .map(|(d, _)| d.as_str())
    }

    /// For a name, the dimensions that can measure it (by its ending), if V004 knows them.
    pub fn name_dimensions(&self, name: &str) -> Option<(&str, &[String])> {
        self.name_dimensions
            .iter()
            .filter(|(suffix, _)| name.ends_with(suffix.as_str()))
            .max_by_key(|(suffix, _)| suffix.len())
            .map(|(s, d)| (s.as_str(), d.as_slice()))
    }

    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.percent
            .iter()
            .chain(&self.money)
            .chain(&self.count)
            .chain(&self.time)
            .chain(&self.measure)
            .map(String::as_str)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    pub bounded_rate_suffixes: Vec<String>,
    pub unbounded_rates: Vec<String>,
    pub satisfaction_words: Vec<String>,
    pub satisfaction_max: f64,
    pub qualitative_words: Vec<String>,
    pub vague_words: Vec<String>,
    pub capability_verbs: Vec<String>,
    pub capability_objects: Vec<String>,
    pub count_name_suffixes: Vec<String>,
    pub household_words: Vec<String>,
    pub money_name_words: Vec<String>,
    pub count_name_units: Vec<String>,
    pub unit_blank_marks: Vec<String>,
    pub negative_indicators: Vec<String>,
    pub negative_tails: Vec<String>,
    pub positive_indicators: Vec<String>,
    pub direction_exceptions: Vec<String>,
    pub benefit_words: Vec<String>,
    pub compliance_terms: Vec<String>,
    pub excel_serial_min: f64,
    pub excel_serial_max: f64,
}

/// A 一级 name of the framework: its class, the 二级 classes it may hold, and, for a legacy
/// name, what the current framework calls it (S009).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level1 {
    pub class: Class1,
    pub level2: Vec<Class2>,
    #[serde(default)]
    pub legacy: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level2 {
    pub class: Class2,
    #[serde(default)]
    pub legacy: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub level1: BTreeMap<String, Level1>,
    pub level2: BTreeMap<String, Level2>,
    pub category_names: Vec<String>,
    pub people_words: Vec<String>,
}

impl Framework {
    /// Whether a 三级指标's normalised name ([`crate::text::norm_name`]) is only a category: an
    /// 一级 or 二级 name, or one of `category_names` (S008's; R002 leaves such a row to it).
    pub fn is_category(&self, name: &str) -> bool {
        self.level1.contains_key(name)
            || self.level2.contains_key(name)
            || self.category_names.iter().any(|c| c == name)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Placeholders {
    pub marks: Vec<String>,
    pub leading: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetData {
    pub tolerance: f64,
    pub amount_max: f64,
    pub schedule_blank_marks: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoalsData {
    pub restate_similarity: f64,
    pub restate_verbs: Vec<String>,
    pub restate_modifiers: Vec<String>,
    pub restate_tails: Vec<String>,
    pub deadline_words: Vec<String>,
    pub scope_words: Vec<String>,
    pub population_words: Vec<String>,
    pub delimited_populations: Vec<String>,
    pub zero_targets: Vec<String>,
    pub measure_words: String,
}

/// A set of words built on first use from lists of the data. A clone starts empty, so data
/// cloned and then extended by a configuration never sees the set of the lists before.
#[derive(Debug, Default, Clone)]
pub struct WordSet(Cached<rustc_hash::FxHashSet<String>>);

impl WordSet {
    pub fn get<'a, 'w>(
        &'a self,
        lists: impl IntoIterator<Item = &'w Vec<String>>,
    ) -> &'a rustc_hash::FxHashSet<String> {
        self.0
            .get(|| lists.into_iter().flatten().cloned().collect())
    }
}

/// A value computed on first use from the data around it. A clone starts empty, so data cloned
/// and then changed by a configuration never sees the value computed before.
#[derive(Debug)]
pub struct Cached<T>(std::sync::OnceLock<T>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached(std::sync::OnceLock::new())
    }
}

impl<T> Clone for Cached<T> {
    fn clone(&self) -> Self {
        Cached::default()
    }
}

impl<T> Cached<T> {
    pub fn get(&self, init: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(init)
    }
}

/// A word list of the structural slogan test, indexed by the character its words end with (a
/// suffix list) or begin with (a prefix list): the test asks every row for its longest match
/// in nine lists of up to a few hundred words, and most words cannot match at all.
#[derive(Debug)]
pub struct Affix {
    by_char: rustc_hash::FxHashMap<char, Vec<Box<str>>>,
    suffix: bool,
}

impl Affix {
    pub fn new(list: &[String], suffix: bool) -> Affix {
        let mut by_char: rustc_hash::FxHashMap<char, Vec<Box<str>>> = Default::default();
        for w in list {
            let c = if suffix {
                w.chars().next_back()
            } else {
                w.chars().next()
            };
            if let Some(c) = c {
                by_char.entry(c).or_default().push(w.as_str().into());
            }
        }
        Affix { by_char, suffix }
    }

    /// The byte length of the longest word of the list the text ends (or begins) with.
    pub fn longest(&self, s: &str) -> Option<usize> {
        let c = if self.suffix {
            s.chars().next_back()
        } else {
            s.chars().next()
        }?;
        self.by_char
            .get(&c)?
            .iter()
            .filter(|w| {
                if self.suffix {
                    s.ends_with(&***w)
                } else {
                    s.starts_with(&***w)
                }
            })
            .map(|w| w.len())
            .max()
    }
}

/// The word lists of the structural slogan test as [`Affix`] indexes (built once per rule data,
/// after the configuration has extended them).
#[derive(Debug)]
pub struct SloganLists {
    pub measure_suffixes: Affix,
    pub slogan_tails: Affix,
    pub slogan_heads: Affix,
    pub slogan_bare_heads: Affix,
    pub slogan_subjects: Affix,
    pub slogan_adverbs: Affix,
    pub slogan_verbs: Affix,
    pub slogan_strong_verbs: Affix,
    pub slogan_purposes: Affix,
    pub head_values: Affix,
    pub situation_values: Affix,
    /// The measure suffixes of two characters or more that are no slogan head, in list order:
    /// those R002's measure test looks for inside a clause (filtered once, not per clause).
    pub inner_measures: Vec<Box<str>>,
}

/// The stock phrases of R002, squeezed (blank ones dropped), each with its place in
/// `boilerplate_phrases`, and an automaton that finds them all in one pass over a text.
#[derive(Debug)]
pub struct PhraseSet {
    pub phrases: Vec<(String, usize)>,
    pub automaton: aho_corasick::AhoCorasick,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Relevance {
    pub boilerplate_phrases: Vec<String>,
    pub copy_similarity: f64,
    pub copy_min_chars: f64,
    pub subject_similarity: f64,
    pub generic_indicators: Vec<String>,
    pub template_descriptions: Vec<String>,
    pub template_description_similarity: f64,
    pub ecological_words: Vec<String>,
    pub smooth_add: f64,
    pub smooth_prior: f64,
    pub place_margin: f64,
    pub place_lift: f64,
    pub foreign_margin: f64,
    pub kuan_place_margin: f64,
    pub kuan_margin: f64,
    pub kuan_min_count: f64,
    pub generic_classes: f64,
    pub generic_max_z: f64,
    pub topical_share: f64,
    pub topical_z: f64,
    pub exclusive_min_count: f64,
    pub exclusive_share: f64,
    pub foreign_min_count: f64,
    pub name_match_min: f64,
    pub name_match_gap: f64,
    pub belongs_min_count: f64,
    pub place_min_count: f64,
    pub mark_pos: Vec<String>,
    pub never_foreign: Vec<String>,
    /// `never_foreign` and the lexicon's `terms` as a set, built on first use (R001 asks it of
    /// every word it weighs).
    #[serde(skip)]
    pub generic_words: WordSet,
    /// `boilerplate_phrases` ready for searching, built on first use.
    #[serde(skip)]
    pub phrase_set: Cached<PhraseSet>,
    /// The structural slogan test's word lists, indexed, built on first use.
    #[serde(skip)]
    pub slogan_lists: Cached<SloganLists>,
    pub slogan_verbs: Vec<String>,
    pub slogan_heads: Vec<String>,
    pub slogan_tails: Vec<String>,
    pub slogan_adverbs: Vec<String>,
    pub slogan_subjects: Vec<String>,
    pub slogan_bare_heads: Vec<String>,
    pub slogan_strong_verbs: Vec<String>,
    pub slogan_purposes: Vec<String>,
    pub slogan_outcomes: Vec<String>,
    pub outcome_adverbs: Vec<String>,
    pub frame_heads: Vec<String>,
    pub slogan_anchors: Vec<String>,
    pub effect_heads: Vec<String>,
    pub grade_values: Vec<String>,
    pub slogan_values: Vec<String>,
    pub head_values: Vec<String>,
    pub situation_heads: Vec<String>,
    pub situation_values: Vec<String>,
    pub checkable_heads: Vec<String>,
    pub slogan_echo_verbs: Vec<String>,
    pub echo_nouns: Vec<String>,
    pub state_values: Vec<String>,
    pub measure_comparators: Vec<String>,
    pub object_max_chars: f64,
    pub measured_objects: Vec<String>,
    pub quantity_heads: Vec<String>,
    pub activity_words: Vec<String>,
    pub dui_compounds: Vec<String>,
    pub measure_suffixes: Vec<String>,
}

/// D001–D005 (`rules/disclosure.yaml`): how the rest of a 部门预算公开 document is read (titles,
/// labels, header cells: built in, read when a file is read) and what the D rules compare
/// (configurable).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureData {
    /// Title phrases by table kind (`TableKind::key`).
    pub titles: BTreeMap<String, Vec<String>>,
    pub department_labels: Vec<String>,
    pub year_labels: Vec<String>,
    pub unit_labels: Vec<String>,
    pub code_markers: Vec<String>,
    pub name_headers: Vec<String>,
    pub department_abbreviations: Vec<String>,
    pub department_suffixes: Vec<String>,
    pub department_similarity: f64,
    pub county_place_suffixes: Vec<String>,
    pub county_foreign_words: Vec<String>,
    pub city_place_suffixes: Vec<String>,
    pub city_foreign_words: Vec<String>,
    pub district_place_suffixes: Vec<String>,
    pub district_foreign_words: Vec<String>,
    pub list_prefixes: Vec<String>,
    pub narrative_copy_similarity: f64,
    pub narrative_copy_min_chars: f64,
    pub narrative_figures: Vec<String>,
    pub narrative_figure_skip: Vec<String>,
}

/// All rule data in force.
#[derive(Debug, Clone)]
pub struct RuleData {
    pub units: Units,
    pub values: Values,
    pub framework: Framework,
    pub placeholders: Placeholders,
    pub budget: BudgetData,
    pub goals: GoalsData,
    pub relevance: Relevance,
    pub disclosure: DisclosureData,
    /// Fields of work for the relevance rules (rules/domains.yaml).
    pub domains: crate::lexicon::Domains,
    lexicon: crate::lexicon::LexiconCell,
    /// This data's number among those the process made (keys per-thread caches of results
    /// that depend on it); a clone, which a configuration may change, gets a new one.
    id: Cached<u64>,
}

/// The rule data of `rules/*.yaml` (all but `headers.yaml`, which `headers.rs` reads with the
/// first file) as one JSON document (`rules/embedded.json`), generated from the YAML by
/// `JXLINT_BLESS=1 cargo test --test embedded` and checked fresh by that test: parsing it takes a
/// fraction of what parsing the YAML took at every start (the YAML parser was a third of a small
/// file's cold run).
const EMBEDDED_JSON: &str = include_str!("../rules/embedded.json");

/// The parts of [`RuleData`] that `rules/*.yaml` hold, as `rules/embedded.json` stores them.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Embedded {
    units: Units,
    values: Values,
    framework: Framework,
    placeholders: Placeholders,
    budget: BudgetData,
    goals: GoalsData,
    relevance: Relevance,
    disclosure: DisclosureData,
    domains: crate::lexicon::Domains,
}

impl RuleData {
    /// The embedded defaults. They are tested to parse, so this cannot fail at run time.
    pub fn embedded() -> &'static RuleData {
        static DATA: LazyLock<RuleData> = LazyLock::new(|| {
            let e: Embedded = serde_json::from_str(EMBEDDED_JSON).expect("rules/embedded.json");
            RuleData::from_embedded(e)
        });
        &DATA
    }

    /// The embedded data as the one `Arc` every default configuration shares (cloning the
    /// data for each cost a small file's run ~0.85 M instructions, and each clone computed its
    /// word sets and automatons again).
    pub fn shared() -> std::sync::Arc<RuleData> {
        static SHARED: LazyLock<std::sync::Arc<RuleData>> =
            LazyLock::new(|| std::sync::Arc::new(RuleData::embedded().clone()));
        SHARED.clone()
    }

    fn from_embedded(e: Embedded) -> RuleData {
        RuleData {
            units: e.units,
            values: e.values,
            framework: e.framework,
            placeholders: e.placeholders,
            budget: e.budget,
            goals: e.goals,
            relevance: e.relevance,
            disclosure: e.disclosure,
            domains: e.domains,
            lexicon: Default::default(),
            id: Default::default(),
        }
    }

    /// `rules/embedded.json` as the YAML files of `dir` (the repository's `rules/`) give it: for
    /// the test that regenerates it and fails when the committed file is stale.
    #[doc(hidden)]
    pub fn embedded_json_from(dir: &std::path::Path) -> Result<String, String> {
        fn yaml<T: serde::de::DeserializeOwned>(
            dir: &std::path::Path,
            f: &str,
        ) -> Result<T, String> {
            let p = dir.join(f);
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            serde_saphyr::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
        }
        let e = Embedded {
            units: yaml(dir, "units.yaml")?,
            values: yaml(dir, "values.yaml")?,
            framework: yaml(dir, "framework.yaml")?,
            placeholders: yaml(dir, "placeholders.yaml")?,
            budget: yaml(dir, "budget.yaml")?,
            goals: yaml(dir, "goals.yaml")?,
            relevance: yaml(dir, "relevance.yaml")?,
            disclosure: yaml(dir, "disclosure.yaml")?,
            domains: yaml(dir, "domains.yaml")?,
        };
        serde_json::to_string_pretty(&e).map_err(|e| e.to_string())
    }

    /// A JSON text of the embedded form read and written again (the same text when nothing is
    /// lost on the way): for the test of `rules/embedded.json` as it is on disk.
    #[doc(hidden)]
    pub fn embedded_json_roundtrip(text: &str) -> Result<String, String> {
        let e: Embedded = serde_json::from_str(text).map_err(|e| e.to_string())?;
        serde_json::to_string_pretty(&e).map_err(|e| e.to_string())
    }

    /// This data's number among those of the process (for caches keyed by rule data).
    pub fn id(&self) -> u64 {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        *self
            .id
            .get(|| NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }

    /// The relevance lexicon of this data, built on first use.
    pub fn lexicon(&self) -> &crate::lexicon::Lexicon {
        self.lexicon.get(&self.domains)
    }

    /// The value in force of a parameter or list, for `jxlint rule`.
    pub fn describe(&self, key: &str) -> Option<String> {
        if let Some((_, v)) = self.params().into_iter().find(|(k, _)| *k == key) {
            return Some(format!("{v}"));
        }
        if key == "domains" {
            let names: Vec<String> = self
                .domains
                .fields
                .iter()
                .map(|(n, f)| {
                    format!(
                        "{n}（{}，{}+{}词）",
                        f.class,
                        f.words.len(),
                        f.distinctive.len()
                    )
                })
                .collect();
            return Some(format!(
                "{}（rules/domains.yaml；words: domains.<领域>.words / .distinctive 可扩充）",
                names.join("、")
            ));
        }
        if key == "framework" {
            let l1: Vec<&str> = self.framework.level1.keys().map(String::as_str).collect();
            let l2: Vec<&str> = self.framework.level2.keys().map(String::as_str).collect();
            return Some(format!(
                "一级：{}；二级：{}（rules/framework.yaml）",
                l1.join("、"),
                l2.join("、")
            ));
        }
        self.lists()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| l.join("、"))
    }

    /// The 一级 entry of a name as `norm_name` gives it; a score after the name (“产出指标 40
    /// 分”, as “满意度指标(10分)” in brackets) is no part of it.
    pub fn level1(&self, norm: &str) -> Option<&Level1> {
        scored_get(&self.framework.level1, norm)
    }

    /// The 二级 entry of a name as `norm_name` gives it, a score after it dropped.
    pub fn level2(&self, norm: &str) -> Option<&Level2> {
        scored_get(&self.framework.level2, norm)
    }

    /// The 二级 class of a row as the rules read it (the name leniently), else, for a 满意度 row
    /// whose 二级 cell says nothing known, 服务对象满意度.
    pub fn class2_of(&self, ind: &crate::model::Indicator) -> Option<Class2> {
        let level2 = ind
            .level2
            .as_ref()
            .and_then(|f| lenient(&f.text, |n| self.level2(n)))
            .map(|e| e.class);
        level2.or_else(|| {
            ind.level1
                .as_ref()
                .and_then(|f| lenient(&f.text, |n| self.level1(n)))
                .filter(|e| e.class == Class1::Satisfaction)
                .map(|_| Class2::Satisfaction)
        })
    }
}

/// A parameter that configuration may change (`params:` in .jxlint.yaml), with the range of
/// values that make sense: outside it a rule would be silently disabled or fire on everything.
pub struct ParamSpec {
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    /// What it does, in Chinese (for errors and `jxlint rule`).
    pub doc: &'static str,
}

/// A word list that configuration may extend (`words:` in .jxlint.yaml).
pub struct ListSpec {
    pub key: &'static str,
    pub doc: &'static str,
}

/// Declares every parameter and word list once (as clippy's `define_Conf!`): the accessors,
/// the ranges and the documentation are all generated from this table.
macro_rules! data_keys {
    (
        params { $( $pkey:literal => $($ppath:ident).+ , [$lo:expr, $hi:expr], $pdoc:literal; )* }
        lists { $( $lkey:literal => $($lpath:ident).+ , $ldoc:literal; )* }
    ) => {
        /// Every parameter, in declaration order.
        pub const PARAMS: &[ParamSpec] = &[
            $( ParamSpec { key: $pkey, min: $lo, max: $hi, doc: $pdoc }, )*
        ];
        /// Every word list, in declaration order (the relevance lexicon's lists are addressed
        /// as `domains.<领域>.words` / `.distinctive` besides these).
        pub const LISTS: &[ListSpec] = &[
            $( ListSpec { key: $lkey, doc: $ldoc }, )*
        ];

        impl RuleData {
            /// Every parameter with its value in force.
            pub fn params(&self) -> Vec<(&'static str, f64)> {
                vec![ $( ($pkey, self.$($ppath).+), )* ]
            }

            pub fn param_mut(&mut self, key: &str) -> Option<&mut f64> {
                Some(match key {
                    $( $pkey => &mut self.$($ppath).+, )*
                    _ => return None,
                })
            }

            /// Every word list with its words in force.
            pub fn lists(&self) -> Vec<(&'static str, &Vec<String>)> {
                vec![ $( ($lkey, &self.$($lpath).+), )* ]
            }

            pub fn list_mut(&mut self, key: &str) -> Option<&mut Vec<String>> {
                // "domains.<field>.words" / "domains.<field>.distinctive": the lexicon must be
                // rebuilt.
                if let Some(rest) = key.strip_prefix("domains.") {
                    let (field, tier) = rest.rsplit_once('.')?;
                    let def = self.domains.fields.get_mut(field)?;
                    self.lexicon = Default::default();
                    return match tier {
                        "words" => Some(&mut def.words),
                        "distinctive" => Some(&mut def.distinctive),
                        _ => None,
                    };
                }
                Some(match key {
                    $( $lkey => &mut self.$($lpath).+, )*
                    _ => return None,
                })
            }
        }
    };
}

data_keys! {
    params {
        "satisfaction_max" => values.satisfaction_max, [50.0, 100.0],
            "满意度目标达到此值（%）及以上即为不切实际（V002）";
        "excel_serial_min" => values.excel_serial_min, [1.0, 2958465.0],
            "时效指标中被当作 Excel 日期序列号的最小整数（V007）";
        "excel_serial_max" => values.excel_serial_max, [1.0, 2958465.0],
            "时效指标中被当作 Excel 日期序列号的最大整数（V007）";
        "budget_tolerance" => budget.tolerance, [0.0, 100.0],
            "金额比较允许的误差，单位同金额单位（B001、B002、B005、D003、D004）";
        "amount_max" => budget.amount_max, [1.0, 1e10],
            "预算金额的合理上限，单位万元（B006）";
        "restate_similarity" => goals.restate_similarity, [0.5, 1.0],
            "绩效目标与项目名称或资金用途的相似度达到此值即视为照抄（G002）";
        "copy_similarity" => relevance.copy_similarity, [0.5, 1.0],
            "两条指标的相似度达到此值即视为复制（R003）";
        "copy_min_chars" => relevance.copy_min_chars, [1.0, 200.0],
            "参与复制比较的指标文字的最少字数（R003）";
        "object_max_chars" => relevance.object_max_chars, [4.0, 100.0],
            "只写对象的三级指标的最多字数：更长的是句子，不按“对象 + 方向”判断（R002）";
        "subject_similarity" => relevance.subject_similarity, [0.5, 1.0],
            "两个项目名称的相似度达到此值即视为同一事项（R003）";
        "department_similarity" => disclosure.department_similarity, [0.5, 1.0],
            "情况说明中的单位名称与本单位名称的相似度达到此值而又不相同，即为写错的名称（D002）";
        "narrative_copy_similarity" => disclosure.narrative_copy_similarity, [0.5, 1.0],
            "情况说明中两段文字的相似度达到此值即视为重复粘贴（D005）";
        "narrative_copy_min_chars" => disclosure.narrative_copy_min_chars, [1.0, 1000.0],
            "参与重复比较的段落的最少字数（D005）";
        "smooth_add" => relevance.smooth_add, [0.01, 100.0],
            "指标库模型的加一平滑常数：只出现过一两次的词说明不了多少（R001）";
        "smooth_prior" => relevance.smooth_prior, [0.0, 1e6],
            "指标库模型的先验强度：各类的词频向全库词频收缩的程度（R001）";
        "place_margin" => relevance.place_margin, [0.0, 100.0],
            "项目文字在某类的得分与最高得分相差不超过此值（自然对数）时，项目也属于该类（R001）";
        "place_lift" => relevance.place_lift, [0.0, 100.0],
            "项目文字在某类的得分至少比各类得分的中位数高出此值（自然对数），项目才属于该类（R001）";
        "foreign_margin" => relevance.foreign_margin, [0.0, 100.0],
            "指标在别的类的得分比在项目所属类的最高得分高出此值（自然对数）时，指标属于别的领域（R001）";
        "kuan_place_margin" => relevance.kuan_place_margin, [0.0, 100.0],
            "项目文字在所属类的某一款的得分比第二款高出此值（自然对数）、且有 kuan_min_count 条指标库指标支持时，项目属于该款（功能分类科目写到款时以科目为准）（R001）";
        "kuan_margin" => relevance.kuan_margin, [0.0, 100.0],
            "同一类中，指标在另一款的得分比在项目所属款高出此值（自然对数）时，指标属于别的款（R001）";
        "kuan_min_count" => relevance.kuan_min_count, [1.0, 100.0],
            "说明指标属于别的款的名词，在那一款至少有这么多条指标库指标用到、在项目所属款一条也没有（R001）";
        "generic_classes" => relevance.generic_classes, [2.0, 40.0],
            "指标库中这么多个类都用到、又不突出属于哪一类的词是通用词，不参与判断（R001）";
        "generic_max_z" => relevance.generic_max_z, [0.0, 100.0],
            "通用词在任何一类的加权对数几率 z 值都低于此值（R001）";
        "topical_share" => relevance.topical_share, [0.0, 1.0],
            "用到某词的指标库指标中至少有这么大比例属于同一类，该词才参与判断（R001）";
        "topical_z" => relevance.topical_z, [0.0, 100.0],
            "或者该词在某一类的 z 值达到此值，也参与判断（R001）";
        "exclusive_min_count" => relevance.exclusive_min_count, [1.0, 100.0],
            "指标库中只有一类用到的名词，至少有这么多条指标用到，就足以说明指标属于该类（R001）";
        "exclusive_share" => relevance.exclusive_share, [0.5, 1.0],
            "“只有一类用到”：用到该词的指标库指标中属于该类的比例达到此值（R001）";
        "foreign_min_count" => relevance.foreign_min_count, [1.0, 1000.0],
            "指标里偏向别的类的词，在指标库该类中合计至少出现这么多次，才凭指标库判断指标属于该类（R001）";
        "name_match_min" => relevance.name_match_min, [0.5, 1.01],
            "指标名与指标库中别的类某条指标的字符二元组相似度（Dice）达到此值，可凭此判断指标属于该类（R001）";
        "template_description_similarity" => relevance.template_description_similarity, [0.5, 1.01],
            "指标解释与模板自带的二级指标解释的字符二元组相似度（Dice）达到此值，即为模板文字（R001）";
        "name_match_gap" => relevance.name_match_gap, [0.0, 1.0],
            "且比它与项目所属类最相近的指标库指标至少高出这么多（R001）";
        "belongs_min_count" => relevance.belongs_min_count, [1.0, 1000.0],
            "项目所属类的指标库指标至少有这么多条用到的词，也是该类的词，不能说明指标属于别的类（R001）";
        "place_min_count" => relevance.place_min_count, [1.0, 1000.0],
            "项目文字里的词在指标库某类中合计至少出现这么多次，才凭指标库把项目归入该类（R001）";
    }
    lists {
        "units.percent" => units.percent, "百分比单位";
        "units.money" => units.money, "金额单位";
        "units.count" => units.count, "计数单位";
        "units.time" => units.time, "时间单位";
        "units.measure" => units.measure, "度量单位（长度、面积、重量……）";
        "bounded_rate_suffixes" => values.bounded_rate_suffixes, "以此结尾的指标是部分占整体的比率（V001）";
        "unbounded_rates" => values.unbounded_rates, "可以超过100%的比率（V001）";
        "satisfaction_words" => values.satisfaction_words, "满意度类指标（V001、V002）";
        "qualitative_words" => values.qualitative_words, "分级或可核对的定性指标值（V005、V007）";
        "vague_words" => values.vague_words, "使指标值无法衡量的词（V005）";
        "capability_verbs" => values.capability_verbs, "含糊词中的动词：后跟具体宾语（“支持国产操作系统”“支持1000人同时在线”）时说的是可核对的功能，不报告（V005、V007）";
        "capability_objects" => values.capability_objects, "系统功能的宾语词（操作系统、数据库、访问、在线……）：capability_verbs 后的宾语有数字或含其中一词（且没有 slogan_heads 的词）才算具体，“支持乡村产业”仍报告（V005、V007）";
        "count_name_suffixes" => values.count_name_suffixes, "计数指标的名称结尾（V004）";
        "household_words" => values.household_words, "按户计的指标（V004）";
        "money_name_words" => values.money_name_words, "金额类指标名称中的词：数值没有单位时建议元、万元（V003）";
        "count_name_units" => values.count_name_units, "计数指标的名称结尾=建议的计数单位，如“人数=人”“次数=次”；“=”后为空表示不是计数，如“指数=”（V003：数值没有单位时按此建议单位，不建议%）";
        "unit_blank_marks" => values.unit_blank_marks, "计量单位栏中表示“没有单位”的记号，如“-”“/”“无”：按空栏看待（V003、V004）";
        "negative_indicators" => values.negative_indicators, "越低越好的指标（V006）";
        "positive_indicators" => values.positive_indicators, "越高越好的指标（V006）";
        "direction_exceptions" => values.direction_exceptions, "含负向词却是正向的指标（V006）";
        "negative_tails" => values.negative_tails, "越低越好的词之后仍表明它是指标中心词的计量词，如“率”“占比”“支出总额”（V006：“管理费用占比”是越低越好，“住院费用实际报销比例”不是）";
        "benefit_words" => values.benefit_words, "发给对象或保障对象的标准和金额，如“补助标准”“每村办公经费”：列在成本指标下也不是越低越好的成本（V006）";
        "compliance_terms" => values.compliance_terms, "政策规定必须全部做到的事项（V009）";
        "schedule_blank_marks" => budget.schedule_blank_marks, "资金支出计划中表示“本期空着”的记号，如“/”“—”“无”（B003、B004）";
        "category_names" => framework.category_names, "只是类别名的三级指标（S008）";
        "people_words" => framework.people_words, "表明项目直接服务群众的词（S006）";
        "placeholder_marks" => placeholders.marks, "模板占位符（C005）";
        "placeholder_leading" => placeholders.leading, "出现在开头的模板占位符（C005）";
        "boilerplate_phrases" => relevance.boilerplate_phrases, "套话（R002）";
        "template_descriptions" => relevance.template_descriptions, "模板自带的二级指标解释（如“反映预期提供的公共产品或服务数量”），不凭其中的词判断指标属于别的领域（R001）";
        "generic_indicators" => relevance.generic_indicators, "各项目通用、可以相同的指标（R003；R001 不凭指标库近名判断这些指标）";
        "ecological_words" => relevance.ecological_words, "任何项目的生态效益、生态环境成本指标都可以用的环境一般词语，如“环保”“绿色”：这类行因这些词不算别的领域（R001）";
        "mark_pos" => relevance.mark_pos, "报告中可作为“属于别的领域”的词引用的词性（jieba 词性标记；lex 为领域词表中的词）（R001）";
        "slogan_verbs" => relevance.slogan_verbs, "套话中的发展动词（R002 结构判断）";
        "slogan_heads" => relevance.slogan_heads, "套话以之结尾的抽象名词（R002 结构判断）";
        "slogan_tails" => relevance.slogan_tails, "套话末尾的结果词，如“显著”“提升”（R002 结构判断）";
        "dui_compounds" => relevance.dui_compounds, "含“对”字的词，其中的“对”不是介词，如“校对”“对口”（R002 结构判断）";
        "slogan_adverbs" => relevance.slogan_adverbs, "套话开头、动词之前的状语，如“有效”“进一步”（R002 结构判断）";
        "slogan_subjects" => relevance.slogan_subjects, "套话开头的泛指主语，如“项目实施”（R002 结构判断）";
        "slogan_bare_heads" => relevance.slogan_bare_heads, "不带动词也是套话的抽象名词，如“群众幸福感”（R002 结构判断）";
        "slogan_strong_verbs" => relevance.slogan_strong_verbs, "带任何宾语都是套话的发展动词，如“推进”“巩固”（R002 结构判断）";
        "effect_heads" => relevance.effect_heads, "只说效果、没有对象的名称结尾，如“影响”“效益”（R002：“社会影响 | 良好”）";
        "grade_values" => relevance.grade_values, "只是等级的指标值，如“良好”“较好”（R002：只说效果的名称配上等级，无法核对）";
        "slogan_purposes" => relevance.slogan_purposes, "只说明好处的句子开头，如“有利于”“有助于”（R002 结构判断：其后没有计量的即套话）";
        "slogan_outcomes" => relevance.slogan_outcomes, "主语之后、含糊的状语之前表示结果的词，如“得到”“得以”（R002：“生态资源得到有效利用”）";
        "outcome_adverbs" => relevance.outcome_adverbs, "“得到”“得以”之后表明结果含糊的状语，如“有效”“进一步”（R002；“全面”“持续”不在其中：“隐患得到全面整改”可以核对）";
        "frame_heads" => relevance.frame_heads, "“以……为”之后表明是套话框架的词，如“宗旨”“抓手”（R002；“以国土调查成果为基础”不是）";
        "slogan_anchors" => relevance.slogan_anchors, "出现在名称中即表明有可以核对的对象的词，如“覆盖”“种类”（R002 结构判断不报告）";
        "quantity_heads" => relevance.quantity_heads, "既可能是抽象目标、也可能是计量对象的结尾词，如“能力”“水平”“质量”（R002：指标值只写方向时，只有宾语是人的工作、服务时才算套话，见 activity_words）";
        "activity_words" => relevance.activity_words, "表明宾语是人的工作、服务或生活的词，如“服务”“管理”“教学”“生活”（R002：“医疗服务水平 | 提高”是套话，“河道行洪能力 | 提高”只是指标值含糊）";
        "measured_objects" => relevance.measured_objects, "有计量单位的对象，如“污水处理能力”“空气质量”（R002：指标值只写“提升”时是指标值含糊（V005），不是套话）";
        "slogan_values" => relevance.slogan_values, "只说明方向的指标值，如“明显提升”“有效”（R002 结构判断：没有任何计量的目标只在指标值含这样的词、且不是否定时报告）";
        "head_values" => relevance.head_values, "抽象的宾语之后才表明只说方向或状态的指标值，如“蔚然成风”“得到维护”“健全”（R002：“社会风气 | 蔚然成风”是套话，“机房配套设施 | 完善”只是指标值含糊）";
        "situation_heads" => relevance.situation_heads, "表示形势、态势的名称结尾，如“形势”“态势”（R002：“就业形势 | 总体稳定”不论指标值写什么状态都没有可以核对的标准）";
        "situation_values" => relevance.situation_values, "形势、态势之后只说明状态的指标值用词，如“总体稳定”“良好”“平稳可控”（R002；“按月分析研判”“完成省下达目标”不是）";
        "checkable_heads" => relevance.checkable_heads, "答以状态时可以核对的名称结尾，如“要求”“条件”“问题”（R002：“抗震设防要求 | 落实到位”“积水问题 | 得到解决”不是套话）";
        "measure_comparators" => relevance.measure_comparators, "后面紧跟数字时表明指标值写明了数量的比较词，如“≥”“不少于”“达到”（R002：“提升景区吸引力 | 接待游客人次同比增长10%”按指标值核对，不是套话）";
        "state_values" => relevance.state_values, "指标值结尾表示可以核对的状态的词，如“稳定”“正常”“达标”（R002：“设备运行状况 | 持续稳定”不是只说方向）";
        "slogan_echo_verbs" => relevance.slogan_echo_verbs, "指标值只重复名称中的发展动词时即只说方向的动词，如“丰富”“保障”（R002：“加强文化阵地建设，丰富农村群众文化生活 | 丰富”）";
        "echo_nouns" => relevance.echo_nouns, "由动词构成的名词（保障性住房、引导员、引导基金、保证金）：分句以它开头时，指标值重复的不是动词，分句也不算以发展动词开头（R002）";
        "measure_suffixes" => relevance.measure_suffixes, "表明指标可以计量的名称结尾（R002 结构判断不报告）";
        "never_foreign" => relevance.never_foreign, "各领域通用、不能说明指标属于别的领域的词（R001）";
        "restate_verbs" => goals.restate_verbs, "照抄名称的目标前常加的动词（G002）";
        "restate_modifiers" => goals.restate_modifiers, "照抄名称的目标常加的修饰语（G002）";
        "restate_tails" => goals.restate_tails, "照抄名称的目标常加的结尾（G002）";
        "deadline_words" => goals.deadline_words, "表示时间或期限的词（G003）";
        "scope_words" => goals.scope_words, "划定范围的词，与人群词连用即为确定的人群（G003）";
        "population_words" => goals.population_words, "人群词（G003）";
        "delimited_populations" => goals.delimited_populations, "本身就是确定范围的人群（G003）";
        "zero_targets" => goals.zero_targets, "可核查的零目标（G003）";
        "department_abbreviations" => disclosure.department_abbreviations, "单位名称的简称=全称（D002）";
        "department_suffixes" => disclosure.department_suffixes, "单位名称的结尾（D002）";
        "county_place_suffixes" => disclosure.county_place_suffixes, "县级单位地名的结尾（D005）";
        "county_foreign_words" => disclosure.county_foreign_words, "县级单位的情况说明中不应出现的地域称谓（D005）";
        "city_place_suffixes" => disclosure.city_place_suffixes, "市级单位地名的结尾（D005）";
        "city_foreign_words" => disclosure.city_foreign_words, "市级单位的情况说明中不应出现的地域称谓（D005）";
        "district_place_suffixes" => disclosure.district_place_suffixes, "区级单位地名的结尾（D005）";
        "district_foreign_words" => disclosure.district_foreign_words, "区级单位的情况说明中不应出现的地域称谓（D005）";
        "list_prefixes" => disclosure.list_prefixes, "比较段落前去掉的列举词（D005）";
        "narrative_figures" => disclosure.narrative_figures, "情况说明中的数字说法=表中的数（D003）";
        "narrative_figure_skip" => disclosure.narrative_figure_skip, "情况说明中带这些词的数字不与表核对（D003）";
    }
}

/// The entry of a level name, else of the name without the score written after it.
fn scored_get<'a, T>(names: &'a BTreeMap<String, T>, norm: &str) -> Option<&'a T> {
    names
        .get(norm)
        .or_else(|| names.get(crate::text::norm_name(without_score(norm)?).as_str()))
}

/// A name without the score written after it (“产出指标40分” → “产出指标”), if it has one.
fn without_score(n: &str) -> Option<&str> {
    let b = n.strip_suffix('分')?;
    let name = b.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '~');
    // A score range in brackets (“成本指标(0-20)分”) is gone from the normalised name: 分 is
    // left right after 指标.
    let scored = name.len() < b.len() || name.ends_with("指标");
    // “满意度指标:10分”
    let name = name.trim_end_matches([':', '：', '-', '—']);
    (scored && !name.is_empty()).then_some(name)
}

/// A level name's framework entry for rules that only need its class: the name as normalised,
/// else with a trailing 值/目标/类 dropped ("效益值" is still 效益, though S001 reports the
/// name itself as nonstandard).
pub fn lenient<'d, T>(text: &str, lookup: impl Fn(&str) -> Option<&'d T>) -> Option<&'d T> {
    let n = crate::text::norm_name(text);
    lookup(&n).or_else(|| {
        ["值", "目标", "类"]
            .iter()
            .find_map(|s| n.strip_suffix(s))
            .filter(|b| !b.is_empty())
            .and_then(|b| lookup(&crate::text::norm_name(b)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        let d = RuleData::embedded();
        assert_eq!(d.units.kind("%"), Some(UnitKind::Percent));
        assert_eq!(d.units.kind("万元"), Some(UnitKind::Money));
        assert_eq!(d.units.kind("元/床"), Some(UnitKind::Money));
        assert_eq!(d.units.kind("个工作日"), Some(UnitKind::Time));
        assert_eq!(d.values.satisfaction_max, 99.0);
        assert_eq!(d.level1("效果").unwrap().class, Class1::Benefit);
        assert_eq!(
            d.level2("环境效益").unwrap().class,
            Class2::EcologicalBenefit
        );
        for (k, _) in d.params() {
            assert!(d.describe(k).is_some());
        }
        // Every 二级 class a 一级 may hold is itself the class of some 二级 name.
        let classes: Vec<Class2> = d.framework.level2.values().map(|e| e.class).collect();
        for e in d.framework.level1.values() {
            for c in &e.level2 {
                assert!(classes.contains(c), "{c:?}");
            }
        }
        for (name, dims) in &d.units.name_dimensions {
            for dim in dims {
                assert!(d.units.dimensions.contains_key(dim), "{name}: {dim}");
            }
        }
        for p in PARAMS {
            let v = d.params().into_iter().find(|(k, _)| *k == p.key).unwrap().1;
            assert!((p.min..=p.max).contains(&v), "{} = {v}", p.key);
        }
    }

    #[test]
    fn lists_and_params_are_addressable() {
        let mut d = RuleData::embedded().clone();
        for (k, _) in RuleData::embedded().lists() {
            assert!(d.list_mut(k).is_some(), "{k}");
        }
        for (k, _) in RuleData::embedded().params() {
            assert!(d.param_mut(k).is_some(), "{k}");
        }
        assert!(d.list_mut("nope").is_none());
    }
}
