//! The parsed form of a target document: projects with their budget, schedule, goals and
//! indicator rows. Every text field keeps the exact text of its cell and its source span.

use crate::source::Span;

/// The text of one cell or YAML value, exactly as written, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

impl Field {
    pub fn new(text: impl Into<String>, span: Span) -> Field {
        Field {
            text: text.into(),
            span,
        }
    }

    /// Empty after trimming white space (ASCII and ideographic).
    pub fn is_blank(&self) -> bool {
        is_blank(&self.text)
    }

    pub fn trimmed(&self) -> &str {
        trim(&self.text)
    }
}

pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

pub fn is_blank(s: &str) -> bool {
    trim(s).is_empty()
}

/// True when the field is absent or blank.
pub fn blank(f: &Option<Field>) -> bool {
    f.as_ref().is_none_or(Field::is_blank)
}

/// Which reader produced a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Yaml,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Yaml => "yaml",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub department: Option<Field>,
    pub year: Option<Field>,
    /// 金额单位 of budget amounts (万元 when not given).
    pub unit: Option<Field>,
    pub projects: Vec<Project>,
}

#[derive(Clone, Debug, Default)]
pub struct Budget {
    /// 预算数
    pub total: Option<Field>,
    /// 其中：财政资金
    pub fiscal: Option<Field>,
    /// 其他资金
    pub other: Option<Field>,
}

/// 资金支出计划: cumulative percentages by period, in table order.
#[derive(Clone, Debug, Default)]
pub struct Schedule {
    /// The label cell or key (资金支出计划（%）/ schedule).
    pub span: Span,
    pub periods: Vec<Period>,
}

#[derive(Clone, Debug)]
pub struct Period {
    /// "3月底"
    pub label: Field,
    /// "25.00"; blank when the cell is empty.
    pub value: Field,
}

/// 绩效目标: the cell (or YAML value) and the lines it holds.
#[derive(Clone, Debug, Default)]
pub struct Goals {
    pub span: Span,
    pub lines: Vec<Field>,
}

impl Goals {
    pub fn is_blank(&self) -> bool {
        self.lines.iter().all(Field::is_blank)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Indicator {
    /// The whole row (or the YAML mapping), used when a finding concerns no single cell.
    pub span: Span,
    pub level1: Option<Field>,
    pub level2: Option<Field>,
    pub level3: Option<Field>,
    pub description: Option<Field>,
    pub value: Option<Field>,
    pub unit: Option<Field>,
    pub basis: Option<Field>,
}

impl Indicator {
    /// Every cell of the row with its field name (as in the JSON report), in column order.
    pub fn cells(&self) -> [(&'static str, &Option<Field>); 7] {
        [
            ("level1", &self.level1),
            ("level2", &self.level2),
            ("level3", &self.level3),
            ("description", &self.description),
            ("value", &self.value),
            ("unit", &self.unit),
            ("basis", &self.basis),
        ]
    }

    /// The indicator's name: its 三级指标; when blank, its description; when both are blank,
    /// its 二级指标 (rules.md, "Terms").
    pub fn name(&self) -> Option<&Field> {
        [&self.level3, &self.description, &self.level2]
            .into_iter()
            .flatten()
            .find(|f| !f.is_blank())
    }
}

#[derive(Clone, Debug, Default)]
pub struct Project {
    /// Where the project starts (its title, first table cell or YAML mapping).
    pub span: Span,
    pub code: Option<Field>,
    pub name: Option<Field>,
    pub budget: Budget,
    pub purpose: Option<Field>,
    /// `None` when the table has no 资金支出计划 at all.
    pub schedule: Option<Schedule>,
    pub goals: Option<Goals>,
    pub indicators: Vec<Indicator>,
    /// The table has a 计量单位 column (YAML: some indicator has a `unit` key).
    pub has_unit_column: bool,
    /// The table has a 指标值确定依据 column (YAML: some indicator has a `basis` key).
    pub has_basis_column: bool,
}

impl Project {
    /// The project name for messages and reports ("" when missing).
    pub fn display_name(&self) -> &str {
        self.name.as_ref().map(Field::trimmed).unwrap_or("")
    }
}
