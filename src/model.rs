//! The parsed form of a target document: projects with their budget, schedule, goals and
//! indicator rows. Every text field keeps the exact text of its cell and its source span.

use serde::Deserialize;

use crate::source::Span;

/// The text of one cell or YAML value, exactly as written, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

impl Field {
    /// The span of `[start, end)` bytes of the text, when the text stands in the source as
    /// written (so offsets agree); the whole field otherwise (a quoted YAML string with an
    /// escape, `"\n0元"`, is shorter than its source).
    pub fn sub_span(&self, start: usize, end: usize) -> Span {
        if self.span.len() == self.text.len() && start <= end && end <= self.text.len() {
            Span::new(self.span.start + start, self.span.start + end)
        } else {
            self.span
        }
    }

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

pub use crate::text::{is_blank, trim};

/// True when the field is absent or blank.
pub fn blank(f: &Option<Field>) -> bool {
    f.as_ref().is_none_or(Field::is_blank)
}

/// Which reader produced a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The plain text of a Word document (each cell a tab-led line).
    Text,
    Yaml,
    Docx,
    /// Legacy Word 97–2003, converted by LibreOffice.
    Doc,
    Xlsx,
    Xls,
    Ods,
    Html,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Yaml => "yaml",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }

    /// A format of tables (cells have a row and column), not of lines.
    pub fn is_grid(self) -> bool {
        !matches!(self, Format::Text | Format::Yaml)
    }
}

/// The part of a project a finding is about (`field` in the JSON report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldKind {
    Name,
    Code,
    Budget,
    Purpose,
    Schedule,
    Goals,
    Level1,
    Level2,
    Level3,
    Description,
    Value,
    Unit,
    Basis,
}

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Name => "name",
            FieldKind::Code => "code",
            FieldKind::Budget => "budget",
            FieldKind::Purpose => "purpose",
            FieldKind::Schedule => "schedule",
            FieldKind::Goals => "goals",
            FieldKind::Level1 => "level1",
            FieldKind::Level2 => "level2",
            FieldKind::Level3 => "level3",
            FieldKind::Description => "description",
            FieldKind::Value => "value",
            FieldKind::Unit => "unit",
            FieldKind::Basis => "basis",
        }
    }
}

impl serde::Serialize for FieldKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The canonical 一级 classes of the indicator framework (`rules/framework.yaml`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
pub enum Class1 {
    #[serde(rename = "产出")]
    Output,
    #[serde(rename = "成本")]
    Cost,
    #[serde(rename = "效益")]
    Benefit,
    #[serde(rename = "满意度")]
    Satisfaction,
}

impl Class1 {
    pub const ALL: [Class1; 4] = [
        Class1::Output,
        Class1::Cost,
        Class1::Benefit,
        Class1::Satisfaction,
    ];

    pub fn from_zh(s: &str) -> Option<Class1> {
        Self::ALL.into_iter().find(|c| c.zh() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Class1::Output => "产出",
            Class1::Cost => "成本",
            Class1::Benefit => "效益",
            Class1::Satisfaction => "满意度",
        }
    }
}

/// The canonical 二级 classes of the indicator framework.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
pub enum Class2 {
    #[serde(rename = "数量")]
    Quantity,
    #[serde(rename = "质量")]
    Quality,
    #[serde(rename = "时效")]
    Timeliness,
    /// 成本 written as a 二级 under 产出 (older tables).
    #[serde(rename = "成本")]
    Cost,
    #[serde(rename = "经济成本")]
    EconomicCost,
    #[serde(rename = "社会成本")]
    SocialCost,
    #[serde(rename = "生态环境成本")]
    EcologicalCost,
    #[serde(rename = "经济效益")]
    EconomicBenefit,
    #[serde(rename = "社会效益")]
    SocialBenefit,
    #[serde(rename = "生态效益")]
    EcologicalBenefit,
    #[serde(rename = "可持续影响")]
    Sustainability,
    #[serde(rename = "服务对象满意度")]
    Satisfaction,
}

impl Class2 {
    pub const ALL: [Class2; 12] = [
        Class2::Quantity,
        Class2::Quality,
        Class2::Timeliness,
        Class2::Cost,
        Class2::EconomicCost,
        Class2::SocialCost,
        Class2::EcologicalCost,
        Class2::EconomicBenefit,
        Class2::SocialBenefit,
        Class2::EcologicalBenefit,
        Class2::Sustainability,
        Class2::Satisfaction,
    ];

    pub fn from_zh(s: &str) -> Option<Class2> {
        Self::ALL.into_iter().find(|c| c.zh() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Class2::Quantity => "数量",
            Class2::Quality => "质量",
            Class2::Timeliness => "时效",
            Class2::Cost => "成本",
            Class2::EconomicCost => "经济成本",
            Class2::SocialCost => "社会成本",
            Class2::EcologicalCost => "生态环境成本",
            Class2::EconomicBenefit => "经济效益",
            Class2::SocialBenefit => "社会效益",
            Class2::EcologicalBenefit => "生态效益",
            Class2::Sustainability => "可持续影响",
            Class2::Satisfaction => "服务对象满意度",
        }
    }

    /// The 一级 class a 二级 class belongs to.
    pub fn class1(self) -> Class1 {
        match self {
            Class2::Quantity | Class2::Quality | Class2::Timeliness => Class1::Output,
            Class2::Cost | Class2::EconomicCost | Class2::SocialCost | Class2::EcologicalCost => {
                Class1::Cost
            }
            Class2::EconomicBenefit
            | Class2::SocialBenefit
            | Class2::EcologicalBenefit
            | Class2::Sustainability => Class1::Benefit,
            Class2::Satisfaction => Class1::Satisfaction,
        }
    }

    pub fn is_cost(self) -> bool {
        self.class1() == Class1::Cost
    }
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub department: Option<Field>,
    pub year: Option<Field>,
    /// 金额单位 of budget amounts (万元 when not given).
    pub unit: Option<Field>,
    pub projects: Vec<Project>,
    /// The rest of a 部门预算公开 document (budget tables, narrative), for grid inputs that
    /// hold more than target tables; `None` for YAML documents and lone target tables.
    pub disclosure: Option<Disclosure>,
    /// Indicator headers the recogniser could not read (see [`UnreadHeader`]), in order.
    pub unread_headers: Vec<UnreadHeader>,
    /// Read from a received table (docx, xlsx, xls, ods, html, pdf or a Word text export)
    /// through the form recogniser, not from a YAML target document: a section missing from
    /// such a table is missing from the department's template (B003 on a form without a
    /// 资金支出计划), not left out by whoever filled it in.
    pub from_table: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Budget {
    /// 预算数
    pub total: Option<Field>,
    /// 其中：财政资金
    pub fiscal: Option<Field>,
    /// 其他资金
    pub other: Option<Field>,
    /// The amount unit the budget's own label or column heading names (“年度预算安排（元）”,
    /// “年度资金总额 | 金额(万元)”): its amounts are in it, whatever the document's unit,
    /// but for a part whose own label names another (`fiscal_unit`, `other_unit`).
    pub unit: Option<String>,
    /// The unit the 财政资金 label names when it is not the budget's (“年度预算安排（元）”
    /// beside “其中：财政资金（万元）”): the 财政资金 is in it.
    pub fiscal_unit: Option<String>,
    /// The unit the 其他资金 label names when it is not the budget's.
    pub other_unit: Option<String>,
    /// A 自评表's 上年结转资金 (tables only; a YAML document has no key for it): a third part of
    /// the budget beside 财政资金 and 其他资金, in the budget's unit.
    pub carryover: Option<Field>,
    /// The 财政资金 given by level (a 转移支付 自评表's 中央资金 | 省级资金 | 地方资金; tables
    /// only), each with its label as written: the parts of the budget in place of 财政资金 when
    /// the table has none (beside a 财政资金, they are its breakdown).
    pub fiscal_sources: Vec<(String, Field)>,
}

impl Budget {
    /// The unit of the budget's amounts (the 预算数's): its own, else the document's.
    pub fn unit_or<'a>(&'a self, doc_unit: &'a str) -> &'a str {
        self.unit.as_deref().unwrap_or(doc_unit)
    }

    /// The unit of the 财政资金: its label's own, else the budget's, else the document's.
    pub fn fiscal_unit_or<'a>(&'a self, doc_unit: &'a str) -> &'a str {
        self.fiscal_unit
            .as_deref()
            .unwrap_or_else(|| self.unit_or(doc_unit))
    }

    /// The unit of the 其他资金: its label's own, else the budget's, else the document's.
    pub fn other_unit_or<'a>(&'a self, doc_unit: &'a str) -> &'a str {
        self.other_unit
            .as_deref()
            .unwrap_or_else(|| self.unit_or(doc_unit))
    }

    /// The three amounts with their labels and units (预算数, 财政资金, 其他资金), in that order.
    /// The 财政资金 by level that stand in for a 财政资金 the table does not give (none when it
    /// gives one: they are its breakdown).
    pub fn fiscal_by_level(&self) -> &[(String, Field)] {
        if self.fiscal.as_ref().is_none_or(|f| f.is_blank()) {
            &self.fiscal_sources
        } else {
            &[]
        }
    }

    pub fn amounts<'a>(
        &'a self,
        doc_unit: &'a str,
    ) -> [(&'static str, &'a Option<Field>, &'a str); 3] {
        [
            ("预算数", &self.total, self.unit_or(doc_unit)),
            ("财政资金", &self.fiscal, self.fiscal_unit_or(doc_unit)),
            ("其他资金", &self.other, self.other_unit_or(doc_unit)),
        ]
    }
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
    /// Every cell of the row with its field, in column order.
    pub fn cells(&self) -> [(FieldKind, &Option<Field>); 7] {
        [
            (FieldKind::Level1, &self.level1),
            (FieldKind::Level2, &self.level2),
            (FieldKind::Level3, &self.level3),
            (FieldKind::Description, &self.description),
            (FieldKind::Value, &self.value),
            (FieldKind::Unit, &self.unit),
            (FieldKind::Basis, &self.basis),
        ]
    }

    /// The indicator's name: its 三级指标; when blank, its description; when both are blank,
    /// its 二级指标 (rules.md, "Terms").
    pub fn name(&self) -> Option<&Field> {
        self.name_with_field().map(|(_, f)| f)
    }

    /// The indicator's name and which cell it is.
    pub fn name_with_field(&self) -> Option<(FieldKind, &Field)> {
        [
            (FieldKind::Level3, &self.level3),
            (FieldKind::Description, &self.description),
            (FieldKind::Level2, &self.level2),
        ]
        .into_iter()
        .find_map(|(k, f)| f.as_ref().filter(|f| !f.is_blank()).map(|f| (k, f)))
    }

    /// The cell that names the indicator for findings about its wording: the 三级指标 when
    /// filled in, else the description.
    pub fn name_field(&self) -> FieldKind {
        if self.level3.as_ref().is_some_and(|f| !f.is_blank()) {
            FieldKind::Level3
        } else {
            FieldKind::Description
        }
    }

    /// The 三级指标 and description, where filled in (what relevance rules read).
    pub fn wording(&self) -> impl Iterator<Item = (FieldKind, &Field)> {
        [
            (FieldKind::Level3, &self.level3),
            (FieldKind::Description, &self.description),
        ]
        .into_iter()
        .filter_map(|(n, f)| f.as_ref().filter(|f| !f.is_blank()).map(|f| (n, f)))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Project {
    /// Where the project starts (its title, first table cell or YAML mapping).
    pub span: Span,
    pub code: Option<Field>,
    pub name: Option<Field>,
    /// 主管部门 of this project's table, where it has its own.
    pub department: Option<Field>,
    /// The project's table named no department while another table of the file named one (a
    /// workbook of one project per sheet): the document's department is another project's,
    /// not this one's.
    pub no_document_department: bool,
    /// 实施单位.
    pub agency: Option<Field>,
    pub budget: Budget,
    pub purpose: Option<Field>,
    /// 功能分类科目 (code, or "code name"), where the document gives it.
    pub function_code: Option<Field>,
    /// `None` when the table has no 资金支出计划 at all.
    pub schedule: Option<Schedule>,
    pub goals: Option<Goals>,
    pub indicators: Vec<Indicator>,
    /// The table has a 计量单位 column (YAML: some indicator has a `unit` key).
    pub has_unit_column: bool,
    /// The table has a 指标值确定依据 column (YAML: some indicator has a `basis` key).
    pub has_basis_column: bool,
    /// An indicator header the recogniser could not read (it names indicator levels but has no
    /// column jxlint takes for the value or the 一级指标), when the project has no indicators.
    pub unread_header: Option<UnreadHeader>,
    /// What kind of form the table is (its title says): a project's target table, a
    /// 自评表 or a 部门整体 table, whose templates have no 资金支出计划 by design.
    pub kind: FormKind,
}

/// The kind of form a table is, as its title names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormKind {
    /// A project's 绩效目标表 (申报表, 批复表 …), and every YAML document.
    #[default]
    Project,
    /// A 项目支出绩效自评表: the year's results judged against its targets.
    SelfEvaluation,
    /// A 部门整体(支出)绩效目标表: the department's targets, not one project's.
    Department,
}

impl FormKind {
    /// The kind a title or heading names, if any (“项目支出绩效自评表（2024年度）”, “部门整体绩效目标”).
    pub fn named_by(text: &str) -> Option<FormKind> {
        let t = crate::text::norm_label(text);
        if t.contains("自评表") || t.contains("绩效自评") {
            Some(FormKind::SelfEvaluation)
        } else if t.contains("部门整体") && (t.contains("绩效目标") || t.contains("支出"))
        {
            Some(FormKind::Department)
        } else {
            None
        }
    }
}

/// A row that names indicator levels (一级指标, 二级指标 …) but lacks a column the indicator
/// table needs, so that no indicator under it could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadHeader {
    /// The header row.
    pub span: Span,
    /// Its non-blank cells, as written.
    pub cells: Vec<String>,
    /// What it lacks: “指标值”, “一级指标”.
    pub missing: Vec<&'static str>,
}

impl UnreadHeader {
    /// “表头“一级指标｜二级指标｜三级指标｜预期数值”里没有认得的指标值列”.
    pub fn message(&self) -> String {
        let missing: Vec<String> = self.missing.iter().map(|m| format!("“{m}”")).collect();
        format!(
            "指标表头“{}”里没有 jxlint 认得的{}列，其下的指标一行也没有读到",
            self.cells.join("｜"),
            missing.join("和")
        )
    }

    /// How to write the headers it lacks.
    pub fn advice(missing: &[&str]) -> String {
        let mut parts = Vec::new();
        if missing.contains(&"指标值") {
            parts.push("指标值列的表头请写“指标值”“年度指标值”“目标值”或“指标值及单位”等");
        }
        if missing.contains(&"一级指标") {
            parts.push("一级指标列的表头请写“一级指标”");
        }
        format!(
            "{}；jxlint 认得的表头写法见 rules/headers.yaml",
            parts.join("，")
        )
    }
}

impl Document {
    /// 金额单位 of the document's budget amounts, folded: 万元 when not given.
    pub fn amount_unit(&self) -> String {
        self.unit
            .as_ref()
            .map(|u| crate::text::norm_value(&u.text))
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "万元".to_string())
    }

    /// The department of a project: its own, else the document's (unless its table stands
    /// apart from the one that named the document's).
    pub fn department_of<'a>(&'a self, p: &'a Project) -> Option<&'a Field> {
        p.department.as_ref().or(if p.no_document_department {
            None
        } else {
            self.department.as_ref()
        })
    }
}

impl Project {
    /// The project name for messages and reports ("" when missing).
    pub fn display_name(&self) -> &str {
        self.name.as_ref().map(Field::trimmed).unwrap_or("")
    }
}

// ---------------------------------------------------------------------------------------------
// The rest of a budget disclosure (部门预算公开): filled by `crate::disclosure` from the grid,
// read by the D rules (`rules/consistency.rs`).

/// The parts of a 部门预算公开 document other than its target tables' contents: every table
/// (known kinds read into amount rows, the others kept as unknown) and the paragraphs outside
/// tables, all with their spans.
#[derive(Clone, Debug, Default)]
pub struct Disclosure {
    /// Every table, in document order; target tables appear as [`TableKind::Target`] with
    /// only their department, year and unit.
    pub tables: Vec<DisclosureTable>,
    /// Paragraphs outside tables (headings and narrative, 情况说明), in order.
    pub paragraphs: Vec<Field>,
}

/// What a disclosure table is, by its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableKind {
    /// 部门预算收支总表 (income on the left, expenditure on the right).
    Summary,
    /// 部门预算收入总表.
    Income,
    /// 部门预算支出总表.
    Expenditure,
    /// 财政拨款收支总表 (two sides).
    FiscalSummary,
    /// 一般公共预算财政拨款支出表.
    GeneralExpenditure,
    /// 一般公共预算财政拨款基本支出表 (economic classification).
    BasicExpenditure,
    /// 政府性基金预算财政拨款支出表.
    FundExpenditure,
    /// 国有资本经营预算财政拨款支出表.
    CapitalExpenditure,
    /// 财政拨款“三公”经费支出表.
    ThreePublic,
    /// 项目支出表 / 项目支出明细表: the department's projects with their amounts.
    ProjectList,
    /// 政府采购预算表.
    Procurement,
    /// A performance-target table (read by `crate::form`; only its preamble is kept here).
    Target,
    /// A table jxlint does not know: kept, never guessed at.
    Unknown,
}

impl TableKind {
    pub const ALL: [TableKind; 13] = [
        TableKind::Summary,
        TableKind::Income,
        TableKind::Expenditure,
        TableKind::FiscalSummary,
        TableKind::GeneralExpenditure,
        TableKind::BasicExpenditure,
        TableKind::FundExpenditure,
        TableKind::CapitalExpenditure,
        TableKind::ThreePublic,
        TableKind::ProjectList,
        TableKind::Procurement,
        TableKind::Target,
        TableKind::Unknown,
    ];

    /// The key of the kind in `rules/disclosure.yaml` and in `extract --disclosure`.
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Summary => "summary",
            TableKind::Income => "income",
            TableKind::Expenditure => "expenditure",
            TableKind::FiscalSummary => "fiscal_summary",
            TableKind::GeneralExpenditure => "general_expenditure",
            TableKind::BasicExpenditure => "basic_expenditure",
            TableKind::FundExpenditure => "fund_expenditure",
            TableKind::CapitalExpenditure => "capital_expenditure",
            TableKind::ThreePublic => "three_public",
            TableKind::ProjectList => "project_list",
            TableKind::Procurement => "procurement",
            TableKind::Target => "target",
            TableKind::Unknown => "unknown",
        }
    }

    /// Tables of amounts by row whose figures the D rules add up.
    pub fn has_amounts(self) -> bool {
        !matches!(
            self,
            TableKind::Procurement | TableKind::Target | TableKind::Unknown
        )
    }
}

/// The side of a two-sided table (收支总表: income on the left, expenditure on the right).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Income,
    Expenditure,
}

impl Side {
    pub fn zh(self) -> &'static str {
        match self {
            Side::Income => "收入",
            Side::Expenditure => "支出",
        }
    }
}

#[derive(Clone, Debug)]
pub struct DisclosureTable {
    pub kind: TableKind,
    /// The title as written (a heading paragraph or a one-cell row), if any.
    pub title: Option<Field>,
    /// Where the table starts (its title, else its first row).
    pub span: Span,
    /// 部门编码及名称 (or the department cell of a target table), as written: "[323]社保局".
    pub department: Option<Field>,
    /// 预算年度 as written: "2020".
    pub year: Option<Field>,
    /// 金额单位 as written: "万元".
    pub unit: Option<Field>,
    /// The amount columns, in order.
    pub columns: Vec<AmountColumn>,
    /// The rows of amounts (data rows; header and 栏次 rows left out), in order.
    pub rows: Vec<AmountRow>,
}

impl DisclosureTable {
    /// The title for messages ("" when the table has none).
    pub fn display_title(&self) -> &str {
        self.title.as_ref().map(Field::trimmed).unwrap_or("")
    }
}

/// An amount column: its header (the lowest header cell over it, with the one above when
/// that one groups several columns: "事业收入/小计") and, in a two-sided table, its side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountColumn {
    pub name: String,
    /// The header cell above `name` when it spans several columns ("事业收入"), if any.
    pub group: Option<String>,
    pub side: Option<Side>,
}

/// One row of amounts. In a two-sided table each physical row gives up to two rows, one per
/// side.
#[derive(Clone, Debug)]
pub struct AmountRow {
    pub side: Option<Side>,
    /// 科目编码 (功能分类 or 经济分类), when the table has a code column and the cell holds one.
    pub code: Option<Field>,
    /// 科目名称 / 项目, as written.
    pub name: Field,
    /// One entry per column of the table: the cell, or `None` for columns of the other side
    /// and cells the row does not have.
    pub amounts: Vec<Option<Field>>,
    pub span: Span,
}
