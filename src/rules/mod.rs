//! The rule registry. Each rule carries its code, name, 标题, default severity and Chinese
//! documentation beside the function that checks it; `jxlint rules` and `jxlint rule` read
//! them from here.

pub(crate) mod budget;
pub(crate) mod completeness;
mod consistency;
mod goals;
mod relevance;
mod structure;
mod suppression;
mod values;

use crate::data::{RuleData, lenient};
pub use crate::diagnostic::Severity;
use crate::model::{Class1, Class2, Field, FieldKind, Indicator, Project};
use crate::source::Span;

/// Chinese documentation of a rule: 检查什么 / 为什么 / 错误示例 / 正确示例. The examples are
/// small YAML target documents (Chinese keys), or for the D rules small disclosures in Word
/// text: `jxlint rule` prints them, and a test runs them — the bad one must fire the rule, the
/// good one must not (as clippy compiles its examples).
pub struct RuleDoc {
    pub what: &'static str,
    pub why: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
}

impl RuleDoc {
    /// The examples of the D rules are whole disclosures in Word's text export (tab-led
    /// cells), not YAML target documents.
    pub fn examples_are_text(&self) -> bool {
        self.bad.lines().any(|l| l.starts_with('\t'))
    }

    /// What the examples are, for the documentation: "YAML 目标文档" or Word text.
    pub fn example_label(&self) -> &'static str {
        if self.examples_are_text() {
            "Word 导出的文本：每个单元格一行，以制表符开头，空行分隔表格行"
        } else {
            "YAML 目标文档"
        }
    }

    /// The language of a fenced block that holds an example.
    pub fn example_fence(&self) -> &'static str {
        if self.examples_are_text() {
            "text"
        } else {
            "yaml"
        }
    }
}

pub type ProjectCheck = fn(&Ctx, &Project, &mut Vec<Finding>);
pub type DocumentCheck = fn(&DocCtx, &crate::model::Document, &mut Vec<Finding>);
pub type InputCheck = fn(&InputCtx, &CopyIndex, &mut Vec<(usize, Finding)>);

pub use relevance::{CopyDigest, CopyIndex, boilerplate_of, copy_digest};

/// How a rule looks at the input: one project at a time, a whole document at once (the parts
/// of a disclosure against each other; findings that belong to no project), every project
/// of every file at once (copying across projects), or at the `# jxlint:` comments of a YAML
/// document once every other rule has run (U001, made by `crate::suppress`).
#[derive(Clone, Copy)]
pub enum Check {
    Project(ProjectCheck),
    Document(DocumentCheck),
    Input(InputCheck),
    Comments,
}

/// What a document-wide rule sees besides the document.
pub struct DocCtx<'a> {
    pub data: &'a RuleData,
    pub enabled: &'a dyn Fn(&str) -> bool,
}

/// What an input-wide rule sees besides the projects.
pub struct InputCtx<'a> {
    pub data: &'a RuleData,
    /// Whether another rule is enabled (a rule that leaves a case to another falls back when
    /// that one is off).
    pub enabled: &'a dyn Fn(&str) -> bool,
}

pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub doc: RuleDoc,
    /// The parameters and word lists of `rules/*.yaml` the rule uses (shown by `jxlint rule`).
    pub data: &'static [&'static str],
    /// Rules this one leaves a row to: a finding of this rule on a row where one of these
    /// (enabled) rules also reports is dropped (V009 does not tune the value of an indicator
    /// that R001 says should go).
    pub yields_to: &'static [&'static str],
    pub check: Check,
}

/// What a rule sees besides the project: the rule data in force and the document's amount
/// unit.
pub struct Ctx<'a> {
    pub data: &'a RuleData,
    /// 金额单位 of budget amounts: "万元" unless the document says otherwise.
    pub amount_unit: &'a str,
    /// The document's department (单位名称), if given.
    pub department: Option<&'a str>,
    /// The document was read from a received table, not a YAML target document
    /// ([`crate::model::Document::from_table`]).
    pub from_table: bool,
    /// The parsed 指标值 of each row of the project being checked, parsed once for all rules.
    pub values: Vec<crate::value::Value>,
    /// Whether a rule is enabled for this file (by code).
    pub enabled: &'a dyn Fn(&str) -> bool,
    /// What R001 and R002 both need of the project (its placement, its library suggestions),
    /// computed on first use; start with `Default::default()`.
    pub relevance: std::cell::OnceCell<relevance::ProjectRelevance>,
    /// Which rows are boilerplate (R002's; R001 passes over them), found once for both rules;
    /// start with `Default::default()`.
    pub boilerplate: std::cell::OnceCell<Vec<Option<relevance::BoilerKind>>>,
    /// The classes of the 一级 and 二级 texts met so far in the document (a table repeats a
    /// few names on every row, and every rule asks); start with `Default::default()`, or
    /// with the previous project's (the same rule data).
    pub levels: std::cell::RefCell<LevelMemo>,
}

/// See [`Ctx::levels`].
#[derive(Default)]
pub struct LevelMemo {
    level1: Memo<Option<Class1>>,
    level2: Memo<Option<Class2>>,
}

/// Values computed per text (a hash map: a hostile table may hold thousands of distinct cells).
type Memo<C> = rustc_hash::FxHashMap<Box<str>, C>;

/// The value `memo` holds for `text`, else `of(text)`, kept.
fn memoised<C: Clone>(memo: &mut Memo<C>, text: &str, of: impl Fn(&str) -> C) -> C {
    if let Some(c) = memo.get(text) {
        return c.clone();
    }
    let c = of(text);
    if text.len() <= crate::text::MEMO_MAX_BYTES {
        // Bounded: cleared when full (the values do not depend on it).
        if memo.len() >= crate::text::MEMO_MAX_ENTRIES {
            memo.clear();
        }
        memo.insert(text.into(), c.clone());
    }
    c
}

impl Ctx<'_> {
    /// Parse the 指标值 of every row of a project (each text once per thread and rule data: a
    /// batch's template rows repeat their values across projects; the cache is cleared when
    /// full).
    pub fn parse_values(data: &RuleData, p: &Project) -> Vec<crate::value::Value> {
        type Cache = (u64, Memo<crate::value::Value>);
        thread_local! {
            static PARSED: std::cell::RefCell<Cache> = Default::default();
        }
        PARSED.with(|c| {
            let mut c = c.borrow_mut();
            if c.0 != data.id() {
                *c = (data.id(), Default::default());
            }
            p.indicators
                .iter()
                .map(|ind| {
                    let text = ind.value.as_ref().map(|f| f.text.as_str()).unwrap_or("");
                    memoised(&mut c.1, text, |t| {
                        crate::value::parse(t, &data.units, &data.values.qualitative_words)
                    })
                })
                .collect()
        })
    }

    /// The parsed 指标值 of row `k` of the project being checked.
    pub fn value(&self, k: usize) -> &crate::value::Value {
        static BLANK: crate::value::Value = crate::value::Value::Blank;
        self.values.get(k).unwrap_or(&BLANK)
    }

    /// Whether a rule is enabled for this file.
    pub fn is_enabled(&self, code: &str) -> bool {
        (self.enabled)(code)
    }

    /// The canonical class of a row's 一级 (产出, 成本, 效益, 满意度), inferred from its 二级
    /// when the 一级 is blank or unknown (a bare 成本 二级 says nothing: it stands under 产出
    /// in older tables).
    pub fn class1(&self, ind: &Indicator) -> Option<Class1> {
        let own = ind.level1.as_ref().and_then(|f| {
            memoised(&mut self.levels.borrow_mut().level1, &f.text, |t| {
                lenient(t, |n| self.data.level1(n)).map(|e| e.class)
            })
        });
        own.or_else(|| match self.class2(ind)? {
            Class2::Cost => None,
            c => Some(c.class1()),
        })
    }

    /// [`crate::text::norm_name`] of a cell's text, computed once per thread and text (the
    /// structure and value rules all ask it of the same 一级, 二级 and 三级 cells, and a
    /// batch's template rows repeat them across projects); the cache is cleared when full.
    pub fn name(&self, text: &str) -> std::rc::Rc<str> {
        thread_local! {
            static NAMES: std::cell::RefCell<Memo<std::rc::Rc<str>>> = Default::default();
        }
        NAMES.with(|m| {
            memoised(&mut m.borrow_mut(), text, |t| {
                crate::text::norm_name(t).into()
            })
        })
    }

    /// The canonical class of a row's 二级 (数量, 质量, 时效, 成本, 社会效益 …).
    pub fn class2(&self, ind: &Indicator) -> Option<Class2> {
        ind.level2.as_ref().and_then(|f| {
            memoised(&mut self.levels.borrow_mut().level2, &f.text, |t| {
                lenient(t, |n| self.data.level2(n)).map(|e| e.class)
            })
        })
    }
}

/// One finding of one rule, before the engine adds file and project.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The diagnosis: what is wrong, quoting the cell.
    pub message: String,
    /// The advice: what a good value looks like.
    pub help: Option<String>,
    pub span: Span,
    /// 0-based position of the indicator row in its project, when the finding is about a row.
    pub indicator: Option<usize>,
    /// The part of the project the finding is about (`shared/spec/json-output.md`).
    pub field: Option<FieldKind>,
    /// Overrides the rule's default severity (e.g. S007 escalates to error).
    pub severity: Option<Severity>,
    /// Further cells of the same project the finding is about (one defect on several rows).
    pub related: Vec<RelatedCell>,
    /// About a section the received table's template does not have (B003 on a form without a
    /// 资金支出计划): a rule entry under the verdict's `send_back` does not send it back (see
    /// [`crate::config::VerdictRules::of`]).
    pub template_lacks: bool,
}

/// A further cell of a finding: in the same project, or (input-wide rules) in another unit.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedCell {
    pub span: Span,
    /// 0-based row.
    pub indicator: Option<usize>,
    pub field: Option<FieldKind>,
    /// For input-wide rules: the index of the unit (project) the cell is in; `None` for the
    /// finding's own project.
    pub unit: Option<usize>,
}

impl Finding {
    pub fn project(field: FieldKind, span: Span, message: String) -> Finding {
        Finding {
            message,
            help: None,
            span,
            indicator: None,
            field: Some(field),
            severity: None,
            related: Vec::new(),
            template_lacks: false,
        }
    }

    pub fn row(index: usize, field: FieldKind, span: Span, message: String) -> Finding {
        Finding {
            indicator: Some(index),
            ..Finding::project(field, span, message)
        }
    }

    /// The advice part of the message.
    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }
}

/// Every rule, in catalogue order.
pub fn registry() -> &'static [Rule] {
    static RULES: std::sync::LazyLock<Vec<Rule>> = std::sync::LazyLock::new(|| {
        let mut v = Vec::new();
        v.extend(completeness::rules());
        v.extend(structure::rules());
        v.extend(values::rules());
        v.extend(budget::rules());
        v.extend(goals::rules());
        v.extend(relevance::rules());
        v.extend(consistency::rules());
        v.extend(suppression::rules());
        v.sort_by_key(|r| (family_order(r.code), r.code));
        v
    });
    &RULES
}

fn family_order(code: &str) -> usize {
    "CSVBGRDU".find(&code[..1]).unwrap_or(99)
}

/// Find a rule by code (case-insensitive) or kebab-case name.
pub fn find(key: &str) -> Option<&'static Rule> {
    registry()
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// The template placeholder in a cell, if any (`rules/placeholders.yaml`).
pub(crate) fn placeholder<'a>(data: &'a RuleData, text: &str) -> Option<&'a str> {
    crate::text::placeholder(text, &data.placeholders.marks, &data.placeholders.leading)
}

/// How a 三级指标 cell that names no indicator stands in for one (C004's, and so neither
/// C002's nor S007's while C004 runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoName {
    /// The template's numbering left unfilled (“指标2:”).
    Numbering,
    /// Marked not applicable (“/”, “—”, “无”, “不适用”).
    NotApplicable,
    /// Digits and signs only (“0”, “1”, “0.00%”): no words at all.
    Symbols,
}

/// Whether a 三级指标 cell names no indicator, and how (`None`: blank, or a name).
pub(crate) fn no_name(text: &str) -> Option<NoName> {
    if crate::text::is_blank(text) {
        return None;
    }
    if bare_numbering(text) {
        return Some(NoName::Numbering);
    }
    // (The words are short: a longer cell is squeezed for them never.)
    if crate::value::not_applicable(text)
        || (text.trim().chars().count() <= 6
            && matches!(
                crate::text::squeeze(text).as_str(),
                "无" | "不适用" | "不涉及" | "暂无"
            ))
    {
        return Some(NoName::NotApplicable);
    }
    (!text.chars().any(char::is_alphabetic)).then_some(NoName::Symbols)
}

/// Whether an indicator name is nothing but a template's numbering (“指标2:”, “指标1：”,
/// “指标三”): the template's row left unfilled, no indicator of its own.
pub(crate) fn bare_numbering(text: &str) -> bool {
    // 指 has no other form that folds to it (no Traditional variant, no full width): a name
    // without it is no numbering, tested before the name is squeezed (most names).
    if !text.contains('指') {
        return false;
    }
    let t = crate::text::squeeze(text);
    let Some(rest) = t.strip_prefix("指标") else {
        return false;
    };
    !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
}

/// The value cell of a row, or the row itself when the column is absent.
pub(crate) fn value_span(ind: &Indicator) -> Span {
    ind.value.as_ref().map(|f| f.span).unwrap_or(ind.span)
}

/// The row's 指标值 quoted for a message ("" when the row has no value cell).
pub(crate) fn value_cell(ind: &Indicator) -> String {
    ind.value.as_ref().map(quote).unwrap_or_default()
}

/// A text quoted for a message ([`quote_str`]) only when a message writes it: rules name the
/// row's cells before they know whether they report it, and most rows are not reported.
pub(crate) struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&quote_str(self.0))
    }
}

/// [`quote`], when written.
pub(crate) fn quoted(f: &Field) -> Quoted<'_> {
    Quoted(&f.text)
}

/// [`value_cell`], when written.
pub(crate) fn value_quoted(ind: &Indicator) -> Quoted<'_> {
    Quoted(ind.value.as_ref().map_or("", |f| f.text.as_str()))
}

/// Quote a cell for a message: its trimmed text, with inner line breaks shown as spaces and
/// long text shortened.
pub(crate) fn quote(f: &Field) -> String {
    quote_str(&f.text)
}

/// A text on one line: a line break inside a cell (“项目完成\n指标”) is dropped between two
/// Chinese characters and a space elsewhere, so that a message never spans lines.
pub(crate) fn one_line(s: &str) -> String {
    if !s.contains(['\n', '\r']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            while chars
                .peek()
                .is_some_and(|&n| n == '\n' || n == '\r' || n == ' ')
            {
                chars.next();
            }
            let before = out.trim_end().chars().last();
            while out.ends_with(' ') {
                out.pop();
            }
            let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
            if !(wide(before) && wide(chars.peek().copied())) && before.is_some() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn quote_str(s: &str) -> String {
    // Most cells are one short line: quoted as they stand.
    let t = crate::text::trim(s);
    if !t.contains(['\n', '\r']) && (t.len() <= 40 || t.chars().count() <= 40) {
        return t.to_string();
    }
    let flat = one_line(t);
    if flat.chars().count() > 40 {
        let short: String = flat.chars().take(38).collect();
        format!("{short}…")
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_templates_numbering_is_bare() {
        for yes in ["指标2:", "指标1：", "指标三", " 指标 10 "] {
            assert!(bare_numbering(yes), "{yes}");
        }
        for no in [
            "2024",
            "110",
            "一",
            "3.",
            "指标",
            "指标1:工程质量合格",
            "12345",
        ] {
            assert!(!bare_numbering(no), "{no}");
        }
    }

    #[test]
    fn a_level_name_with_a_score_is_the_frameworks() {
        let d = crate::data::RuleData::embedded();
        for yes in [
            "产出40分",
            "数量指标15分",
            "满意度指标:10分",
            "服务对象满意度指标10.5分",
            "成本指标(0-20)分",
            "产出指标 (40-50)分",
            "效益指标（20-30）分",
        ] {
            let n = crate::text::norm_name(yes);
            assert!(d.level1(&n).is_some() || d.level2(&n).is_some(), "{yes}");
        }
        // No score, or a score alone: no entry.
        for no in ["产出指标四十", "40分", "分", "质量分", "(50分)", "指标分"] {
            let n = crate::text::norm_name(no);
            assert!(d.level1(&n).is_none() && d.level2(&n).is_none(), "{no}");
        }
    }

    #[test]
    fn a_quoted_cell_is_one_line() {
        assert_eq!(quote_str("项目完成\n指标"), "项目完成指标");
        assert_eq!(quote_str("项目完成\r\n 指标"), "项目完成指标");
        assert_eq!(quote_str("≥90\n%"), "≥90 %");
        assert_eq!(quote_str("产出指标\n(50)"), "产出指标 (50)");
        assert_eq!(one_line("一行"), "一行");
    }

    #[test]
    fn registry_is_complete_and_unique() {
        let codes: Vec<&str> = registry().iter().map(|r| r.code).collect();
        let want: Vec<String> = [
            ("C", 5),
            ("S", 9),
            ("V", 9),
            ("B", 6),
            ("G", 3),
            ("R", 3),
            ("D", 5),
            ("U", 1),
        ]
        .iter()
        .flat_map(|(f, n)| (1..=*n).map(move |i| format!("{f}{i:03}")))
        .collect();
        assert_eq!(codes, want);
        let mut names: Vec<&str> = registry().iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), registry().len());
        let data = RuleData::embedded();
        for r in registry() {
            assert!(!r.doc.what.is_empty() && !r.doc.why.is_empty());
            assert!(!r.doc.bad.is_empty() && !r.doc.good.is_empty());
            // Only the D rules, which need a whole disclosure, show Word text.
            assert_eq!(
                r.doc.examples_are_text(),
                r.code.starts_with('D'),
                "{}",
                r.code
            );
            for key in r.data {
                assert!(data.describe(key).is_some(), "{}: {key}", r.code);
            }
        }
        assert_eq!(find("v001").unwrap().name, "rate-over-100");
        assert_eq!(find("schedule-missing").unwrap().code, "B003");
        assert!(find("X999").is_none());
    }
}
