//! The HTML report (`jxlint report … -o FILE.html`): one self-contained page for a reviewer —
//! styles inline, no script, no font or image from anywhere — that prints on A4. At the top a
//! summary (verdicts, findings by rule, projects worst first, each linking to its section);
//! then every project's table drawn from its cells as written (name, budget, schedule, goals,
//! indicator rows), each flagged cell highlighted by severity and numbered, and the findings
//! beside their row; findings about no project (document-wide ones) have a section of their own,
//! and so have the files that were not checked (unreadable, unsupported or skipped as no target
//! table), each named with the reason.
//!
//! Each finding is an `<li class="finding">` in the same table row as the cell it flags, with
//! `data-path`, `data-project`, `data-row`, `data-field`, `data-code`, `data-line` and
//! `data-column`; its rule code is its own element (`<code class="rule">`). The page names
//! jxlint as its generator, so a folder walk passes over it.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::Emitter;
use super::place::{self, Cell};
use crate::diagnostic::{Diagnostic, FileReport, ProjectSummary, Report, Severity, Verdict};
use crate::model::{Document, Field, FieldKind, Project};

/// The marker a folder walk looks for (in the first bytes of the page).
pub const GENERATOR: &str = r#"<meta name="generator" content="jxlint">"#;

pub struct Html;

impl Emitter for Html {
    fn emit(&self, report: &Report) -> String {
        let mut out = String::with_capacity(64 * 1024);
        out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(GENERATOR);
        out.push_str(
            "\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        );
        out.push_str("<title>绩效目标表检查报告</title>\n<style>\n");
        out.push_str(CSS);
        out.push_str("</style>\n</head>\n<body>\n");
        summary(&mut out, report);
        unchecked_files(&mut out, report);
        unplaced(&mut out, report);
        let several_files = report.checked() > 1;
        let mut current_file = None;
        for p in &report.projects {
            if several_files && current_file != Some(p.file) {
                current_file = Some(p.file);
                file_heading(&mut out, report, p.file);
            }
            project(&mut out, report, p);
        }
        let _ = writeln!(
            out,
            "<footer>由 jxlint {} 生成 · 规则说明：<code>jxlint rule 代码</code></footer>",
            env!("CARGO_PKG_VERSION")
        );
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// Text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn sev_class(s: Severity) -> &'static str {
    s.as_str()
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::SendBack => "v-sendback",
        Verdict::Revise => "v-revise",
        Verdict::Pass => "v-pass",
    }
}

fn verdict_badge(v: Verdict) -> String {
    format!(
        "<span class=\"verdict {}\">{}</span>",
        verdict_class(v),
        v.zh()
    )
}

/// The column or row name of a field, as the forms print it.
pub fn field_zh(k: FieldKind) -> &'static str {
    match k {
        FieldKind::Name => "项目名称",
        FieldKind::Code => "项目编码",
        FieldKind::Budget => "预算",
        FieldKind::Purpose => "资金用途",
        FieldKind::Schedule => "资金支出计划",
        FieldKind::Goals => "绩效目标",
        FieldKind::Level1 => "一级指标",
        FieldKind::Level2 => "二级指标",
        FieldKind::Level3 => "三级指标",
        FieldKind::Description => "指标内容",
        FieldKind::Value => "指标值",
        FieldKind::Unit => "计量单位",
        FieldKind::Basis => "指标值确定依据",
    }
}

fn anchor(file: usize, project: usize) -> String {
    format!("f{}-p{project}", file + 1)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn project_name(p: &ProjectSummary) -> &str {
    if p.project.is_empty() {
        "（项目名称为空）"
    } else {
        &p.project
    }
}

fn summary(out: &mut String, report: &Report) {
    out.push_str("<header id=\"top\">\n<h1>绩效目标表检查报告</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"lead\">{}</p>",
        escape(&super::summary(report))
    );
    let count = |v| report.projects.iter().filter(|p| p.verdict == v).count();
    out.push_str("<p class=\"verdicts\">");
    for v in [Verdict::SendBack, Verdict::Revise, Verdict::Pass] {
        let _ = write!(
            out,
            "<span class=\"tally {}\">{} <b>{}</b> 个项目</span>",
            verdict_class(v),
            v.zh(),
            count(v)
        );
    }
    out.push_str("</p>\n</header>\n<section id=\"summary\">\n");
    let several_files = report.checked() > 1;
    if !report.projects.is_empty() {
        out.push_str("<h2>项目（最需要处理的在前）</h2>\n<table class=\"list projects\">\n<thead><tr><th>项目</th>");
        if several_files {
            out.push_str("<th>文件</th>");
        }
        out.push_str("<th>主管部门</th><th>预算数</th><th>结论</th><th>错误</th><th>警告</th><th>提示</th><th>最严重的问题</th></tr></thead>\n<tbody>\n");
        for p in super::worst_first(report) {
            let _ = write!(
                out,
                "<tr><td><a href=\"#{}\">{}：{}</a></td>",
                anchor(p.file, p.project_index),
                p.project_index,
                escape(project_name(p))
            );
            if several_files {
                let _ = write!(out, "<td>{}</td>", escape(file_name(&p.path)));
            }
            let worst = p
                .worst
                .map(|w| {
                    let d = &report.diagnostics[w];
                    format!(
                        "<code class=\"rule\">{}</code> {}",
                        d.code,
                        escape(&d.message)
                    )
                })
                .unwrap_or_else(|| "—".into());
            let _ = writeln!(
                out,
                "<td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{worst}</td></tr>",
                escape(&p.department),
                escape(&p.budget),
                verdict_badge(p.verdict),
                p.errors,
                p.warnings,
                p.infos
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let rules = super::statistics::counts(report);
    if !rules.is_empty() {
        out.push_str("<h2>各规则的问题数</h2>\n<table class=\"list rules\">\n<thead><tr><th>规则</th><th>标题</th><th>级别</th><th>问题数</th></tr></thead>\n<tbody>\n");
        for r in rules {
            let sev = Severity::parse(r.severity).unwrap_or(Severity::Info);
            let _ = writeln!(
                out,
                "<tr><td><code class=\"rule\">{}</code></td><td>{}</td><td><span class=\"sev sev-{}\">{}</span></td><td class=\"num\">{}</td></tr>",
                r.code,
                escape(r.title),
                sev_class(sev),
                sev.zh(),
                r.count
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

/// Every file that was not checked — one that could not be read, of a format jxlint does not
/// read, or skipped as no target table — named with what happened and why, as the workbook's
/// sheet 未检查的文件 names them.
fn unchecked_files(out: &mut String, report: &Report) {
    let rows: Vec<(&FileReport, &'static str, String)> = report
        .files
        .iter()
        .filter_map(|f| super::unchecked(f).map(|(what, why)| (f, what, why)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section id=\"unchecked\">\n<h2>未检查的文件（{} 个）</h2>\n<table class=\"list unchecked\">\n<thead><tr><th>文件</th><th>情况</th><th>原因</th></tr></thead>\n<tbody>",
        rows.len()
    );
    for (f, what, why) in rows {
        let class = if what == "无法读取" {
            "sev-error"
        } else {
            "sev-info"
        };
        let _ = writeln!(
            out,
            "<tr class=\"file-problem\" data-path=\"{}\"><td class=\"path\">{}</td><td><span class=\"sev {class}\">{}</span></td><td>{}</td></tr>",
            escape(&f.path),
            escape(&f.path),
            escape(what),
            escape(&why)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// Findings about no project (document-wide ones).
fn unplaced(out: &mut String, report: &Report) {
    let document_wide: Vec<(usize, &Diagnostic)> = report
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| d.project_index == 0)
        .collect();
    if document_wide.is_empty() {
        return;
    }
    out.push_str("<section id=\"unplaced\">\n<h2>不属于任何项目的问题</h2>\n");
    out.push_str("<h3>关于整个文件的问题</h3>\n<table class=\"list document-wide\">\n<thead><tr><th>文件</th><th>问题</th></tr></thead>\n<tbody>\n");
    for (n, (_, d)) in document_wide.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr data-path=\"{}\"><td>{}</td><td class=\"issues\"><ol>{}</ol></td></tr>",
            escape(&d.path),
            escape(&d.path),
            finding(report, d, n + 1, "")
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn file_heading(out: &mut String, report: &Report, file: usize) {
    let f = &report.files[file];
    let _ = writeln!(
        out,
        "<h2 class=\"file-heading\" id=\"f{}\">文件：{}</h2>",
        file + 1,
        escape(&f.path)
    );
}

/// What is marked on one cell: the most serious finding on it, and the numbers of the
/// findings that flag it or name it as a related cell.
#[derive(Default)]
struct Marks {
    flag: Option<Severity>,
    own: Vec<usize>,
    related: Vec<(usize, Severity)>,
}

/// One project: its findings numbered in report order, the marks on its cells, and the
/// findings grouped by the row that shows them.
struct Drawn<'a> {
    report: &'a Report,
    file: usize,
    index: usize,
    marks: HashMap<Cell, Marks>,
    /// Finding numbers (1-based in the project) with their report index, by display row.
    rows: HashMap<RowKey, Vec<(usize, usize)>>,
}

/// A row of the drawn table.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum RowKey {
    Head(FieldKind),
    Indicator(usize),
    Project,
}

fn row_key(c: Cell) -> RowKey {
    match c {
        Cell::Head(k, _) => RowKey::Head(k),
        Cell::Row(r, _) => RowKey::Indicator(r),
        Cell::Project => RowKey::Project,
    }
}

impl<'a> Drawn<'a> {
    fn new(report: &'a Report, file: usize, index: usize, doc: Option<&Project>) -> Drawn<'a> {
        let mut drawn = Drawn {
            report,
            file,
            index,
            marks: HashMap::new(),
            rows: HashMap::new(),
        };
        let path = &report.files[file].path;
        let mine = report
            .diagnostics
            .iter()
            .enumerate()
            .filter(|(_, d)| d.file == file && d.project_index == index);
        for (n, (di, d)) in mine.enumerate() {
            let n = n + 1;
            let cell = place::of_diagnostic(doc, d).unwrap_or(Cell::Project);
            drawn.rows.entry(row_key(cell)).or_default().push((n, di));
            let m = drawn.marks.entry(cell).or_default();
            m.flag = m.flag.max(Some(d.severity));
            m.own.push(n);
            if let Some(p) = doc {
                for r in &d.related {
                    if *r.path == **path && r.project_index == index {
                        let c = place::of_related(p, r);
                        if c != cell {
                            let m = drawn.marks.entry(c).or_default();
                            m.related.push((n, d.severity));
                        }
                    }
                }
            }
        }
        drawn
    }

    /// The attributes and marks of a cell: `class`, `data-field` and the numbers shown in it.
    fn cell(
        &self,
        tag: &str,
        c: Cell,
        field: Option<FieldKind>,
        inner: &str,
        extra: &str,
    ) -> String {
        let mut class = String::from("cell");
        if !extra.is_empty() {
            class.push(' ');
            class.push_str(extra);
        }
        let mut sup = String::new();
        if let Some(m) = self.marks.get(&c) {
            if let Some(s) = m.flag {
                let _ = write!(class, " flag flag-{}", sev_class(s));
                let nums: Vec<String> = m.own.iter().map(|n| n.to_string()).collect();
                let _ = write!(sup, "<sup class=\"mark\">{}</sup>", nums.join(","));
            }
            if let Some(worst) = m.related.iter().map(|r| r.1).max() {
                let _ = write!(class, " rel rel-{}", sev_class(worst));
                let nums: Vec<String> = m.related.iter().map(|r| r.0.to_string()).collect();
                let _ = write!(sup, "<sup class=\"mark rel-mark\">{}</sup>", nums.join(","));
            }
        }
        let data = field
            .map(|k| format!(" data-field=\"{}\"", k.as_str()))
            .unwrap_or_default();
        format!("<{tag} class=\"{class}\"{data}>{inner}{sup}</{tag}>")
    }

    /// The findings shown beside a row.
    fn issues(&self, key: RowKey) -> String {
        let mut s = String::from("<td class=\"issues\">");
        if let Some(list) = self.rows.get(&key) {
            s.push_str("<ol>");
            for (n, di) in list {
                let d = &self.report.diagnostics[*di];
                let row = match key {
                    RowKey::Indicator(r) => (r + 1).to_string(),
                    _ => String::new(),
                };
                s.push_str(&finding(self.report, d, *n, &row));
            }
            s.push_str("</ol>");
        }
        s.push_str("</td>");
        s
    }
}

/// A cell's text as written; an empty cell is marked so that a flag on it shows.
fn text(f: Option<&Field>) -> (String, &'static str) {
    match f {
        Some(f) if !f.is_blank() => (escape(&f.text), ""),
        _ => (String::new(), "blank"),
    }
}

/// Where a related cell is, in words, for a finding's "另见".
fn related_place(report: &Report, d: &Diagnostic, r: &crate::diagnostic::Related) -> String {
    let what = match (r.indicator_index, r.field) {
        (Some(i), Some(k)) => format!("第{i}行{}", field_zh(k)),
        (Some(i), None) => format!("第{i}行"),
        (None, Some(k)) => field_zh(k).to_string(),
        (None, None) => "项目".to_string(),
    };
    if r.path == d.path && r.project_index == d.project_index {
        return what;
    }
    let file = report.files.iter().position(|f| *f.path == *r.path);
    let target = match (file, r.indicator_index) {
        (Some(f), Some(i)) => format!("#{}-r{i}", anchor(f, r.project_index)),
        (Some(f), None) => format!("#{}", anchor(f, r.project_index)),
        _ => String::new(),
    };
    let in_file = if r.path == d.path {
        String::new()
    } else {
        format!("{} ", file_name(&r.path))
    };
    let label = escape(&format!("{in_file}项目{} {what}", r.project_index));
    if target.is_empty() {
        label
    } else {
        format!("<a href=\"{target}\">{label}</a>")
    }
}

/// One finding as a list item: number, severity, rule code, 标题, message, advice, related.
fn finding(report: &Report, d: &Diagnostic, n: usize, row: &str) -> String {
    let field = d.field.map(|k| k.as_str()).unwrap_or("");
    let mut s = format!(
        "<li class=\"finding sev-{sev}\" data-n=\"{n}\" data-path=\"{path}\" data-project=\"{project}\" data-row=\"{row}\" data-field=\"{field}\" data-code=\"{code}\" data-line=\"{line}\" data-column=\"{column}\"><span class=\"n\">{n}</span><span class=\"sev\">{zh}</span><code class=\"rule\">{code}</code><span class=\"title\">{title}</span><span class=\"msg\">{msg}</span>",
        sev = sev_class(d.severity),
        path = escape(&d.path),
        project = if d.project_index > 0 {
            d.project_index.to_string()
        } else {
            String::new()
        },
        code = d.code,
        line = d.location.line,
        column = d.location.column,
        zh = d.severity.zh(),
        title = escape(d.title),
        msg = escape(&d.message),
    );
    if let Some(h) = &d.help {
        let _ = write!(s, "<span class=\"help\">建议：{}</span>", escape(h));
    }
    let at = match &d.location.cell {
        Some(c) => c.label(),
        None => format!("第{}行第{}列", d.location.line, d.location.column),
    };
    let _ = write!(
        s,
        "<span class=\"at\">{}：{}</span>",
        escape(file_name(&d.path)),
        escape(&at)
    );
    if !d.related.is_empty() {
        let places: Vec<String> = d
            .related
            .iter()
            .map(|r| related_place(report, d, r))
            .collect();
        let _ = write!(s, "<span class=\"also\">另见：{}</span>", places.join("、"));
    }
    s.push_str("</li>");
    s
}

fn project(out: &mut String, report: &Report, p: &ProjectSummary) {
    let doc_of_file: Option<&Document> = report.files[p.file].document.as_deref();
    let proj = place::project(report, p.file, p.project_index);
    let drawn = Drawn::new(report, p.file, p.project_index, proj);
    let id = anchor(p.file, p.project_index);
    let _ = writeln!(
        out,
        "<section class=\"project\" id=\"{id}\" data-path=\"{}\" data-project=\"{}\">",
        escape(&p.path),
        p.project_index
    );
    let _ = writeln!(
        out,
        "<h2><span class=\"pno\">项目 {}</span> {} {}</h2>",
        p.project_index,
        escape(project_name(p)),
        verdict_badge(p.verdict)
    );
    let _ = writeln!(
        out,
        "<p class=\"counts\">错误 {} · 警告 {} · 提示 {} · {} <a class=\"back\" href=\"#top\">↑ 返回概览</a></p>",
        p.errors,
        p.warnings,
        p.infos,
        escape(&p.path)
    );
    let Some(proj) = proj else {
        // Without the document (a report built from a plain check) the findings stand alone.
        let _ = writeln!(
            out,
            "<table class=\"form head\"><tbody><tr data-row=\"\">{}{}</tr></tbody></table>",
            drawn.cell("th", Cell::Project, None, "项目整体", "label"),
            drawn.issues(RowKey::Project)
        );
        out.push_str("</section>\n");
        return;
    };
    head_table(out, &drawn, proj, doc_of_file);
    indicator_table(out, &drawn, proj);
    out.push_str("</section>\n");
}

/// The cells above the indicator rows. A field of one cell (name, code, purpose) is flagged
/// on its value; a field of several parts (budget, schedule, goals) on the part a finding
/// points into, or on its label when it points at the field as a whole.
fn head_table(out: &mut String, drawn: &Drawn, p: &Project, doc: Option<&Document>) {
    out.push_str("<table class=\"form head\">\n<colgroup><col class=\"c-label\"><col class=\"c-value\"><col class=\"c-issues\"></colgroup>\n<tbody>\n");
    let row = |out: &mut String, k: FieldKind, label: &str, value: String| {
        let label = escape(label);
        let label_cell = if matches!(
            k,
            FieldKind::Budget | FieldKind::Schedule | FieldKind::Goals
        ) {
            drawn.cell("th", Cell::Head(k, None), Some(k), &label, "label")
        } else {
            format!("<th class=\"label\">{label}</th>")
        };
        let issues = drawn.issues(RowKey::Head(k));
        let _ = writeln!(
            out,
            "<tr data-row=\"\">{label_cell}<td class=\"value\">{value}</td>{issues}</tr>"
        );
    };
    let plain = |out: &mut String, label: &str, field: &str, f: &Field| {
        let _ = writeln!(
            out,
            "<tr data-row=\"\"><th class=\"label\">{label}</th><td class=\"value\"><div class=\"cell\" data-field=\"{field}\">{}</div></td><td class=\"issues\"></td></tr>",
            escape(&f.text)
        );
    };
    let single = |k: FieldKind, f: &Option<Field>| {
        let (t, blank) = text(f.as_ref());
        drawn.cell("div", Cell::Head(k, None), Some(k), &t, blank)
    };
    let part = |k: FieldKind, i: usize, label: &str, f: Option<&Field>| {
        let (t, blank) = text(f);
        let inner = format!("<span class=\"part-label\">{}</span> {t}", escape(label));
        drawn.cell("span", Cell::Head(k, Some(i)), Some(k), &inner, blank)
    };
    let shown =
        |k: FieldKind, f: &Option<Field>| f.is_some() || drawn.rows.contains_key(&RowKey::Head(k));
    row(
        out,
        FieldKind::Name,
        "项目名称",
        single(FieldKind::Name, &p.name),
    );
    if shown(FieldKind::Code, &p.code) {
        row(
            out,
            FieldKind::Code,
            "项目编码",
            single(FieldKind::Code, &p.code),
        );
    }
    if let Some(d) = match doc {
        Some(doc) => doc.department_of(p),
        None => p.department.as_ref(),
    } {
        plain(out, "主管部门", "department", d);
    }
    if let Some(a) = &p.agency {
        plain(out, "实施单位", "agency", a);
    }
    let b = &p.budget;
    let unit = b
        .unit
        .clone()
        .or_else(|| {
            doc.and_then(|d| d.unit.as_ref())
                .map(|u| u.trimmed().to_string())
        })
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "万元".into());
    let mut budget = String::from("<div class=\"parts\">");
    for (i, (label, (_, f, own))) in ["预算数", "其中：财政资金", "其他资金"]
        .into_iter()
        .zip(b.amounts(&unit))
        .enumerate()
    {
        // A part in a unit of its own (“其中：财政资金（万元）” under “预算（元）”) names it.
        let label = if own == unit {
            label.to_string()
        } else {
            format!("{label}（{own}）")
        };
        budget.push_str(&part(FieldKind::Budget, i, &label, f.as_ref()));
    }
    budget.push_str("</div>");
    row(out, FieldKind::Budget, &format!("预算（{unit}）"), budget);
    if shown(FieldKind::Purpose, &p.purpose) {
        row(
            out,
            FieldKind::Purpose,
            "资金用途",
            single(FieldKind::Purpose, &p.purpose),
        );
    }
    let schedule = match &p.schedule {
        None => "<span class=\"absent\">（表中没有资金支出计划）</span>".to_string(),
        Some(s) => {
            let mut parts = String::from("<div class=\"parts\">");
            for (i, period) in s.periods.iter().enumerate() {
                parts.push_str(&part(
                    FieldKind::Schedule,
                    i,
                    &period.label.text,
                    Some(&period.value),
                ));
            }
            parts.push_str("</div>");
            parts
        }
    };
    row(out, FieldKind::Schedule, "资金支出计划（%）", schedule);
    let goals = match &p.goals {
        None => "<span class=\"absent\">（表中没有绩效目标）</span>".to_string(),
        Some(g) => g
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let (t, blank) = text(Some(l));
                drawn.cell(
                    "div",
                    Cell::Head(FieldKind::Goals, Some(i)),
                    Some(FieldKind::Goals),
                    &t,
                    blank,
                )
            })
            .collect(),
    };
    row(out, FieldKind::Goals, "绩效目标", goals);
    if drawn.rows.contains_key(&RowKey::Project) {
        let _ = writeln!(
            out,
            "<tr class=\"project-wide\" data-row=\"\"><th class=\"label\">项目整体</th><td class=\"value\"></td>{}</tr>",
            drawn.issues(RowKey::Project)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The indicator rows, with the unit and basis columns where the table has them (or a
/// finding points into them).
fn indicator_table(out: &mut String, drawn: &Drawn, p: &Project) {
    let flagged = |k: FieldKind| {
        drawn
            .marks
            .keys()
            .any(|c| matches!(c, Cell::Row(_, Some(f)) if *f == k))
    };
    let mut columns = vec![
        FieldKind::Level1,
        FieldKind::Level2,
        FieldKind::Level3,
        FieldKind::Description,
        FieldKind::Value,
    ];
    if p.has_unit_column
        || flagged(FieldKind::Unit)
        || p.indicators.iter().any(|i| i.unit.is_some())
    {
        columns.push(FieldKind::Unit);
    }
    if p.has_basis_column
        || flagged(FieldKind::Basis)
        || p.indicators.iter().any(|i| i.basis.is_some())
    {
        columns.push(FieldKind::Basis);
    }
    out.push_str("<table class=\"form indicators\">\n<colgroup>");
    for k in &columns {
        let _ = write!(out, "<col class=\"c-{}\">", k.as_str());
    }
    out.push_str("<col class=\"c-issues\"></colgroup>\n<thead><tr>");
    for k in &columns {
        let _ = write!(out, "<th>{}</th>", field_zh(*k));
    }
    out.push_str("<th>问题</th></tr></thead>\n<tbody>\n");
    if p.indicators.is_empty() {
        let _ = writeln!(
            out,
            "<tr data-row=\"\"><td class=\"absent\" colspan=\"{}\">（表中没有绩效指标）</td><td class=\"issues\"></td></tr>",
            columns.len()
        );
    }
    let id = anchor(drawn.file, drawn.index);
    for (r, ind) in p.indicators.iter().enumerate() {
        let whole = drawn.marks.get(&Cell::Row(r, None)).and_then(|m| m.flag);
        let class = whole
            .map(|s| format!(" class=\"flag-row flag-{}\"", sev_class(s)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr id=\"{id}-r{}\" data-row=\"{}\"{class}>",
            r + 1,
            r + 1
        );
        let cells = ind.cells();
        for k in &columns {
            let f = cells.iter().find(|(kind, _)| kind == k).map(|(_, f)| *f);
            let (t, blank) = text(f.and_then(Option::as_ref));
            out.push_str(&drawn.cell("td", Cell::Row(r, Some(*k)), Some(*k), &t, blank));
        }
        out.push_str(&drawn.issues(RowKey::Indicator(r)));
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

const CSS: &str = r#":root { --error: #b3261e; --error-bg: #fde7e4; --warning: #8a5a00; --warning-bg: #fff1c9;
  --info: #0b57a0; --info-bg: #e3eefc; --line: #9aa0a6; --muted: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 16px 20px 40px; color: #1f1f1f; background: #fff;
  font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 22px; margin: 0 0 6px; }
h2 { font-size: 17px; margin: 28px 0 6px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
a { color: #0b57a0; }
code, .rule { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Consolas, monospace; }
code.rule { display: inline-block; padding: 0 4px; border: 1px solid var(--line); border-radius: 3px;
  background: #f4f4f4; font-size: 12px; line-height: 16px; margin-right: 4px; }
.lead { margin: 0 0 8px; color: #333; }
.verdicts { margin: 8px 0; }
.tally { display: inline-block; margin: 0 8px 4px 0; padding: 3px 10px; border-radius: 4px; border: 1px solid; }
.tally b { font-size: 18px; }
.verdict { display: inline-block; padding: 0 6px; border-radius: 3px; border: 1px solid; font-size: 13px;
  font-weight: bold; white-space: nowrap; }
.v-sendback { color: var(--error); background: var(--error-bg); border-color: var(--error); }
.v-revise { color: var(--warning); background: var(--warning-bg); border-color: var(--warning); }
.v-pass { color: #1e6b34; background: #e3f4e6; border-color: #1e6b34; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: #eef0f2; }
table.list thead th { white-space: nowrap; }
table.list td.num { text-align: right; white-space: nowrap; }
.form { table-layout: fixed; }
.form td.cell, .form .value .cell { white-space: pre-wrap; overflow-wrap: anywhere; }
.form th.label { width: 9em; background: #f6f7f8; font-weight: normal; }
col.c-label { width: 11em; } col.c-issues { width: 38%; }
col.c-level1, col.c-level2 { width: 6.5em; } col.c-level3 { width: 9em; } col.c-value { width: 6em; }
.indicators col.c-value { width: 6em; } .head col.c-value { width: auto; }
col.c-unit { width: 5em; } col.c-basis { width: 8em; }
.parts { display: flex; flex-wrap: wrap; gap: 4px 10px; }
.parts .cell { padding: 1px 4px; border: 1px dotted #c4c7ca; }
.part-label { color: var(--muted); }
.absent { color: var(--muted); font-style: italic; }
.cell.flag-error { background: var(--error-bg); outline: 2px solid var(--error); outline-offset: -2px; }
.cell.flag-warning { background: var(--warning-bg); outline: 2px solid #d19a00; outline-offset: -2px; }
.cell.flag-info { background: var(--info-bg); outline: 2px solid var(--info); outline-offset: -2px; }
.cell.rel:not(.flag) { outline: 2px dashed var(--line); outline-offset: -2px; }
.cell.rel-error:not(.flag) { outline-color: var(--error); }
.cell.rel-warning:not(.flag) { outline-color: #d19a00; }
.cell.rel-info:not(.flag) { outline-color: var(--info); }
tr.flag-row > td:not(.issues) { background: #fafafa; }
tr.flag-error > td:first-child { box-shadow: inset 4px 0 var(--error); }
tr.flag-warning > td:first-child { box-shadow: inset 4px 0 #d19a00; }
tr.flag-info > td:first-child { box-shadow: inset 4px 0 var(--info); }
.cell.blank.flag::before, .cell.blank.rel::before { content: "（空）"; color: var(--muted); }
sup.mark { font-size: 10px; font-weight: bold; margin-left: 2px; color: #000; }
sup.rel-mark { font-weight: normal; color: var(--muted); }
td.issues { font-size: 13px; }
td.issues ol { list-style: none; margin: 0; padding: 0; }
li.finding { margin: 0 0 5px; padding: 2px 0 2px 6px; border-left: 4px solid var(--line); }
li.finding.sev-error { border-color: var(--error); }
li.finding.sev-warning { border-color: #d19a00; }
li.finding.sev-info { border-color: var(--info); }
li.finding > span { margin-right: 4px; }
.n { display: inline-block; min-width: 1.4em; font-weight: bold; }
.sev { font-weight: bold; }
.sev-error .sev, span.sev-error { color: var(--error); }
.sev-warning .sev, span.sev-warning { color: var(--warning); }
.sev-info .sev, span.sev-info { color: var(--info); }
.title { color: var(--muted); }
.title::before { content: "（"; } .title::after { content: "）"; }
.msg { color: #000; }
.help, .at, .also { display: block; color: var(--muted); }
.at { font-size: 11px; }
.project { margin-top: 28px; border-top: 2px solid #333; }
.project h2 { margin-top: 10px; }
.pno { color: var(--muted); font-weight: normal; margin-right: 4px; }
.counts { margin: 0 0 6px; color: var(--muted); }
.back { margin-left: 10px; font-size: 12px; }
.file-heading { margin-top: 36px; padding: 4px 8px; background: #eef0f2; }
table.unchecked td.path { word-break: break-all; }
.path { font-family: monospace; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { size: A4 landscape; margin: 12mm 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  .back { display: none; }
  .project { break-before: page; border-top: none; margin-top: 0; }
  .file-heading { break-before: page; }
  .file-heading + .project { break-before: avoid; }
  thead { display: table-header-group; }
  .head tr, li.finding { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  td.issues { font-size: 8.5pt; }
}
"#;
