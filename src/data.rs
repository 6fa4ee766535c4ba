//! Word lists and thresholds from `rules/*.yaml`, embedded in the binary and extended or
//! changed by configuration (`.jxlint.yaml`: `params` and `words`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    pub percent: Vec<String>,
    pub money: Vec<String>,
    pub count: Vec<String>,
    pub time: Vec<String>,
    pub measure: Vec<String>,
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    pub bounded_rate_suffixes: Vec<String>,
    pub unbounded_rates: Vec<String>,
    pub satisfaction_words: Vec<String>,
    pub satisfaction_max: f64,
    pub qualitative_words: Vec<String>,
    pub vague_words: Vec<String>,
    pub count_name_suffixes: Vec<String>,
    pub household_words: Vec<String>,
    pub negative_indicators: Vec<String>,
    pub positive_indicators: Vec<String>,
    pub direction_exceptions: Vec<String>,
    pub compliance_terms: Vec<String>,
    pub excel_serial_min: f64,
    pub excel_serial_max: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level1 {
    pub class: String,
    pub level2: Vec<String>,
    #[serde(default)]
    pub legacy: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level2 {
    pub class: String,
    #[serde(default)]
    pub legacy: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub level1: BTreeMap<String, Level1>,
    pub level2: BTreeMap<String, Level2>,
    pub category_names: Vec<String>,
    pub people_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placeholders {
    pub marks: Vec<String>,
    pub leading: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetData {
    pub tolerance: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalsData {
    pub restate_similarity: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relevance {
    pub boilerplate_phrases: Vec<String>,
    pub copy_similarity: f64,
    pub copy_min_chars: f64,
    pub subject_similarity: f64,
    pub generic_indicators: Vec<String>,
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
    /// Fields of work for the relevance rules (rules/domains.yaml).
    pub domains: crate::lexicon::Domains,
    lexicon: crate::lexicon::LexiconCell,
}

const UNITS_YAML: &str = include_str!("../rules/units.yaml");
const VALUES_YAML: &str = include_str!("../rules/values.yaml");
const FRAMEWORK_YAML: &str = include_str!("../rules/framework.yaml");
const PLACEHOLDERS_YAML: &str = include_str!("../rules/placeholders.yaml");
const BUDGET_YAML: &str = include_str!("../rules/budget.yaml");
const GOALS_YAML: &str = include_str!("../rules/goals.yaml");
const RELEVANCE_YAML: &str = include_str!("../rules/relevance.yaml");

impl RuleData {
    /// The embedded defaults. They are tested to parse, so this cannot fail at run time.
    pub fn embedded() -> &'static RuleData {
        static DATA: LazyLock<RuleData> = LazyLock::new(|| RuleData {
            units: serde_saphyr::from_str(UNITS_YAML).expect("rules/units.yaml"),
            values: serde_saphyr::from_str(VALUES_YAML).expect("rules/values.yaml"),
            framework: serde_saphyr::from_str(FRAMEWORK_YAML).expect("rules/framework.yaml"),
            placeholders: serde_saphyr::from_str(PLACEHOLDERS_YAML)
                .expect("rules/placeholders.yaml"),
            budget: serde_saphyr::from_str(BUDGET_YAML).expect("rules/budget.yaml"),
            goals: serde_saphyr::from_str(GOALS_YAML).expect("rules/goals.yaml"),
            relevance: serde_saphyr::from_str(RELEVANCE_YAML).expect("rules/relevance.yaml"),
            domains: crate::lexicon::Domains::embedded(),
            lexicon: Default::default(),
        });
        &DATA
    }

    /// Every number that configuration may change (`params:` in .jxlint.yaml).
    pub fn params(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("satisfaction_max", self.values.satisfaction_max),
            ("excel_serial_min", self.values.excel_serial_min),
            ("excel_serial_max", self.values.excel_serial_max),
            ("budget_tolerance", self.budget.tolerance),
            ("restate_similarity", self.goals.restate_similarity),
            ("copy_similarity", self.relevance.copy_similarity),
            ("copy_min_chars", self.relevance.copy_min_chars),
            ("subject_similarity", self.relevance.subject_similarity),
        ]
    }

    pub fn param_mut(&mut self, key: &str) -> Option<&mut f64> {
        Some(match key {
            "satisfaction_max" => &mut self.values.satisfaction_max,
            "excel_serial_min" => &mut self.values.excel_serial_min,
            "excel_serial_max" => &mut self.values.excel_serial_max,
            "budget_tolerance" => &mut self.budget.tolerance,
            "restate_similarity" => &mut self.goals.restate_similarity,
            "copy_similarity" => &mut self.relevance.copy_similarity,
            "copy_min_chars" => &mut self.relevance.copy_min_chars,
            "subject_similarity" => &mut self.relevance.subject_similarity,
            _ => return None,
        })
    }

    /// Every word list that configuration may extend (`words:` in .jxlint.yaml).
    pub fn lists(&self) -> Vec<(&'static str, &Vec<String>)> {
        let v = &self.values;
        vec![
            ("units.percent", &self.units.percent),
            ("units.money", &self.units.money),
            ("units.count", &self.units.count),
            ("units.time", &self.units.time),
            ("units.measure", &self.units.measure),
            ("bounded_rate_suffixes", &v.bounded_rate_suffixes),
            ("unbounded_rates", &v.unbounded_rates),
            ("satisfaction_words", &v.satisfaction_words),
            ("qualitative_words", &v.qualitative_words),
            ("vague_words", &v.vague_words),
            ("count_name_suffixes", &v.count_name_suffixes),
            ("household_words", &v.household_words),
            ("negative_indicators", &v.negative_indicators),
            ("positive_indicators", &v.positive_indicators),
            ("direction_exceptions", &v.direction_exceptions),
            ("compliance_terms", &v.compliance_terms),
            ("category_names", &self.framework.category_names),
            ("people_words", &self.framework.people_words),
            ("placeholder_marks", &self.placeholders.marks),
            ("placeholder_leading", &self.placeholders.leading),
            ("boilerplate_phrases", &self.relevance.boilerplate_phrases),
            ("generic_indicators", &self.relevance.generic_indicators),
        ]
    }

    /// The relevance lexicon of this data, built on first use.
    pub fn lexicon(&self) -> &crate::lexicon::Lexicon {
        self.lexicon.get(&self.domains)
    }

    pub fn list_mut(&mut self, key: &str) -> Option<&mut Vec<String>> {
        // "domains.<field>.words" / "domains.<field>.distinctive": the lexicon must be rebuilt.
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
        let v = &mut self.values;
        Some(match key {
            "units.percent" => &mut self.units.percent,
            "units.money" => &mut self.units.money,
            "units.count" => &mut self.units.count,
            "units.time" => &mut self.units.time,
            "units.measure" => &mut self.units.measure,
            "bounded_rate_suffixes" => &mut v.bounded_rate_suffixes,
            "unbounded_rates" => &mut v.unbounded_rates,
            "satisfaction_words" => &mut v.satisfaction_words,
            "qualitative_words" => &mut v.qualitative_words,
            "vague_words" => &mut v.vague_words,
            "count_name_suffixes" => &mut v.count_name_suffixes,
            "household_words" => &mut v.household_words,
            "negative_indicators" => &mut v.negative_indicators,
            "positive_indicators" => &mut v.positive_indicators,
            "direction_exceptions" => &mut v.direction_exceptions,
            "compliance_terms" => &mut v.compliance_terms,
            "category_names" => &mut self.framework.category_names,
            "people_words" => &mut self.framework.people_words,
            "placeholder_marks" => &mut self.placeholders.marks,
            "placeholder_leading" => &mut self.placeholders.leading,
            "boilerplate_phrases" => &mut self.relevance.boilerplate_phrases,
            "generic_indicators" => &mut self.relevance.generic_indicators,
            _ => return None,
        })
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

    /// The framework entry of a 一级 name (normalised).
    pub fn level1(&self, norm: &str) -> Option<&Level1> {
        self.framework.level1.get(norm)
    }

    pub fn level2(&self, norm: &str) -> Option<&Level2> {
        self.framework.level2.get(norm)
    }
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
        assert_eq!(d.level1("效果").unwrap().class, "效益");
        assert_eq!(d.level2("环境效益").unwrap().class, "生态效益");
        for (k, _) in d.params() {
            assert!(d.describe(k).is_some());
        }
        // Every 二级 class a 一级 may hold is itself a known 二级 class.
        let classes: Vec<&str> = d
            .framework
            .level2
            .values()
            .map(|e| e.class.as_str())
            .collect();
        for e in d.framework.level1.values() {
            for c in &e.level2 {
                assert!(classes.contains(&c.as_str()), "{c}");
            }
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
