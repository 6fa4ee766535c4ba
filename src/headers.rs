//! Header labels and YAML keys (`rules/headers.yaml`): the one list the grid recogniser and
//! the YAML reader share, so that a label accepted in a Word table is accepted as a key too.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::text::norm_label;

/// Keys of the top level of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKey {
    Department,
    Year,
    Unit,
    Projects,
}

/// Keys (and table labels) of a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKey {
    Code,
    Name,
    Department,
    Agency,
    Budget,
    Purpose,
    FunctionCode,
    Schedule,
    Goals,
    Indicators,
}

/// Keys inside 预算规模.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetKey {
    Total,
    Fiscal,
    Other,
}

/// Columns of an indicator table (the first seven are also the keys of a YAML indicator).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Level1,
    Level2,
    Level3,
    Description,
    Value,
    Unit,
    Basis,
    Symbol,
    MidValue,
    Weight,
    Direction,
}

impl Column {
    /// A column a YAML indicator may have as a key.
    pub fn is_yaml_key(self) -> bool {
        !matches!(
            self,
            Column::Symbol | Column::MidValue | Column::Weight | Column::Direction
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableLabel {
    BudgetBlock,
    AmountHeading,
    IndicatorsEnd,
    AnnualBudget,
    ExecutionColumn,
    SelfEvaluation,
    GradeHeading,
    GoalHeading,
    Section,
    BatchName,
    BatchGoals,
    Carryover,
    FiscalSource,
    Footer,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    document: BTreeMap<DocKey, Vec<String>>,
    project: BTreeMap<ProjectKey, Vec<String>>,
    budget: BTreeMap<BudgetKey, Vec<String>>,
    indicator: BTreeMap<Column, Vec<String>>,
    table_columns: BTreeMap<Column, Vec<String>>,
    table_fallbacks: BTreeMap<Column, Vec<String>>,
    table_labels: BTreeMap<TableLabel, Vec<String>>,
}

/// One section: English key → labels, and every folded label → key.
pub struct Section<K> {
    /// In file order, with the English key first in each list.
    pub keys: Vec<(K, &'static str, Vec<String>)>,
    by_label: HashMap<String, K>,
}

impl<K: Copy> Section<K> {
    fn new(
        entries: impl IntoIterator<Item = (K, Vec<String>)>,
        english: impl Fn(K) -> &'static str,
    ) -> Section<K> {
        let mut by_label = HashMap::new();
        let mut keys = Vec::new();
        for (k, labels) in entries {
            by_label.insert(english(k).to_string(), k);
            for l in &labels {
                by_label.insert(norm_label(l), k);
            }
            keys.push((k, english(k), labels));
        }
        Section { keys, by_label }
    }

    /// The key a label or YAML key names: the English key as written, or a label after
    /// folding, with or without a trailing bracket ("资金总额（万元）").
    pub fn find(&self, label: &str) -> Option<K> {
        if let Some(k) = self.by_label.get(label.trim()) {
            return Some(*k);
        }
        let l = norm_label(label);
        if let Some(k) = self.by_label.get(&l) {
            return Some(*k);
        }
        if let Some(k) = strip_bracket(&l).and_then(|s| self.by_label.get(s)) {
            return Some(*k);
        }
        // A required-field mark: “*年度绩效总目标”, “项目名称＊” (full-width folded).
        let bare = l.trim_matches('*');
        if bare.len() < l.len() && !bare.is_empty() {
            return self.find(bare);
        }
        None
    }

    /// The known key or label closest to a misspelt one, if it is close: two edits for English
    /// keys of four letters or more, most characters shared for Chinese labels.
    pub fn nearest(&self, label: &str) -> Option<&str> {
        let l = label.trim();
        let ascii = l.is_ascii();
        self.keys
            .iter()
            .flat_map(|(_, en, labels)| {
                std::iter::once(*en).chain(labels.iter().map(|s| s.as_str()))
            })
            .filter(|cand| cand.is_ascii() == ascii)
            .filter_map(|cand| {
                let close = if ascii {
                    l.len() >= 4
                        && cand.len() >= 4
                        && strsim::damerau_levenshtein(&l.to_ascii_lowercase(), cand) <= 2
                } else {
                    strsim::normalized_levenshtein(l, cand) >= 0.6
                };
                close.then(|| (strsim::normalized_levenshtein(l, cand), cand))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c)
    }

    /// The key a label names and the label's place in its key's list (for choosing among
    /// several cells by the order the list gives); English keys are not matched.
    pub fn rank(&self, label: &str) -> Option<(K, usize)>
    where
        K: PartialEq,
    {
        let k = self.find(label)?;
        let l = norm_label(label);
        let bare = strip_bracket(&l).unwrap_or(&l);
        let (_, _, labels) = self.keys.iter().find(|(key, _, _)| *key == k)?;
        labels
            .iter()
            .map(|c| norm_label(c))
            .position(|c| c == l || c == bare)
            .map(|i| (k, i))
    }

    /// The labels of a key (English first), for messages.
    pub fn names(&self, k: K) -> Vec<&str>
    where
        K: PartialEq,
    {
        self.keys
            .iter()
            .filter(|(key, _, _)| *key == k)
            .flat_map(|(_, en, labels)| {
                std::iter::once(*en).chain(labels.iter().map(|s| s.as_str()))
            })
            .collect()
    }
}

/// "资金总额(万元)" → "资金总额".
fn strip_bracket(l: &str) -> Option<&str> {
    let l = l.strip_suffix([')', '）'])?;
    let open = l.rfind(['(', '（'])?;
    Some(&l[..open]).filter(|s| !s.is_empty())
}

pub struct Headers {
    pub document: Section<DocKey>,
    pub project: Section<ProjectKey>,
    pub budget: Section<BudgetKey>,
    /// Indicator columns that are also YAML keys.
    pub indicator: Section<Column>,
    /// Every column a table may have (the YAML keys and the table-only ones).
    pub columns: Section<Column>,
    /// Labels that name a column only when a header row has none under `columns`.
    pub fallbacks: Section<Column>,
    pub labels: Section<TableLabel>,
}

const HEADERS_YAML: &str = include_str!("../rules/headers.yaml");

pub fn headers() -> &'static Headers {
    static H: LazyLock<Headers> = LazyLock::new(|| {
        let raw: Raw = serde_saphyr::from_str(HEADERS_YAML).expect("rules/headers.yaml");
        let mut all = raw.indicator.clone();
        all.extend(raw.table_columns);
        Headers {
            document: Section::new(raw.document, |k| match k {
                DocKey::Department => "department",
                DocKey::Year => "year",
                DocKey::Unit => "unit",
                DocKey::Projects => "projects",
            }),
            project: Section::new(raw.project, |k| match k {
                ProjectKey::Code => "code",
                ProjectKey::Name => "name",
                ProjectKey::Department => "department",
                ProjectKey::Agency => "agency",
                ProjectKey::Budget => "budget",
                ProjectKey::Purpose => "purpose",
                ProjectKey::FunctionCode => "function_code",
                ProjectKey::Schedule => "schedule",
                ProjectKey::Goals => "goals",
                ProjectKey::Indicators => "indicators",
            }),
            budget: Section::new(raw.budget, |k| match k {
                BudgetKey::Total => "total",
                BudgetKey::Fiscal => "fiscal",
                BudgetKey::Other => "other",
            }),
            indicator: Section::new(raw.indicator, column_key),
            columns: Section::new(all, column_key),
            fallbacks: Section::new(raw.table_fallbacks, column_key),
            labels: Section::new(raw.table_labels, |k| match k {
                TableLabel::BudgetBlock => "budget_block",
                TableLabel::AmountHeading => "amount_heading",
                TableLabel::IndicatorsEnd => "indicators_end",
                TableLabel::AnnualBudget => "annual_budget",
                TableLabel::ExecutionColumn => "execution_column",
                TableLabel::SelfEvaluation => "self_evaluation",
                TableLabel::GradeHeading => "grade_heading",
                TableLabel::GoalHeading => "goal_heading",
                TableLabel::Section => "section",
                TableLabel::BatchName => "batch_name",
                TableLabel::BatchGoals => "batch_goals",
                TableLabel::Carryover => "carryover",
                TableLabel::Footer => "footer",
                TableLabel::FiscalSource => "fiscal_source",
            }),
        }
    });
    &H
}

fn column_key(c: Column) -> &'static str {
    match c {
        Column::Level1 => "level1",
        Column::Level2 => "level2",
        Column::Level3 => "level3",
        Column::Description => "description",
        Column::Value => "value",
        Column::Unit => "unit",
        Column::Basis => "basis",
        Column::Symbol => "symbol",
        Column::MidValue => "mid_value",
        Column::Weight => "weight",
        Column::Direction => "direction",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_keys() {
        let h = headers();
        assert_eq!(h.project.find("项 目 名 称："), Some(ProjectKey::Name));
        assert_eq!(h.project.find("name"), Some(ProjectKey::Name));
        assert_eq!(h.budget.find("其中：财政资金"), Some(BudgetKey::Fiscal));
        assert_eq!(h.budget.find("资金总额（万元）"), Some(BudgetKey::Total));
        assert_eq!(h.indicator.find("年度指标值"), Some(Column::Value));
        assert_eq!(h.indicator.find("指標名稱"), Some(Column::Level3));
        assert_eq!(h.columns.find("指标性质"), Some(Column::Symbol));
        assert_eq!(h.indicator.find("指标性质"), None);
        assert_eq!(h.document.find("on"), None);
        assert_eq!(h.project.nearest("indicatorz"), Some("indicators"));
        assert_eq!(h.indicator.nearest("三级指票"), Some("三级指标"));
        assert_eq!(h.project.nearest("on"), None);
        assert_eq!(h.project.nearest("jobs"), None);
    }

    #[test]
    fn fallback_labels() {
        let h = headers();
        assert_eq!(h.columns.find("指标内容"), Some(Column::Description));
        assert_eq!(h.fallbacks.rank("指标内容"), Some((Column::Level3, 0)));
        assert_eq!(h.fallbacks.rank("绩效指标"), Some((Column::Level3, 1)));
        assert_eq!(
            h.fallbacks.rank("绩效标准（含单位）"),
            Some((Column::Value, 0))
        );
        assert_eq!(h.fallbacks.rank("level3"), None);
        assert_eq!(h.columns.find("指标值及单位"), Some(Column::Value));
        assert_eq!(h.columns.find("当年预期实现值"), Some(Column::Value));
    }

    #[test]
    fn no_column_label_is_listed_twice() {
        let h = headers();
        let mut seen = std::collections::HashSet::new();
        for (_, _, labels) in &h.columns.keys {
            for l in labels {
                assert!(seen.insert(norm_label(l)), "{l}");
            }
        }
        // A fallback label is no main label of the column it falls back to.
        for (k, _, labels) in &h.fallbacks.keys {
            for l in labels {
                assert_ne!(h.columns.find(l), Some(*k), "{l}");
            }
        }
    }

    #[test]
    fn no_label_means_two_things_in_one_context() {
        let h = headers();
        // A table's project block reads project and budget labels together.
        for (_, _, labels) in &h.project.keys {
            for l in labels {
                assert!(h.budget.find(l).is_none(), "{l}");
            }
        }
    }
}
