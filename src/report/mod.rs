//! Emitters: they only format a [`Report`]; checking is done before. One file per format, and
//! one place ([`emitter`]) that maps a format name to its emitter.

mod concise;
mod github;
mod gitlab;
mod html;
mod human;
mod json;
pub mod keys;
pub mod place;
pub mod sarif;
mod statistics;
mod xlsx;

pub use concise::Concise;
pub use github::Github;
pub use gitlab::Gitlab;
pub use html::Html;
pub use human::Human;
pub use json::Json;
pub use sarif::Sarif;
pub use statistics::{JsonStatistics, Statistics};

use crate::diagnostic::{Report, Severity};

/// The first line of a report jxlint writes to a file (`-o`) in a text format: a folder walk
/// passes over files that begin with it, so a report saved among the inputs is never read as
/// one.
pub const REPORT_MARKER: &str = "# jxlint 检查报告";

/// Whether the bytes are a report jxlint wrote: a text report (its first line), an HTML report
/// (its generator `<meta>` near the top) or a workbook (the comment in its document
/// properties).
pub fn is_own_report(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if b.starts_with(REPORT_MARKER.as_bytes()) {
        return true;
    }
    if b.starts_with(b"PK\x03\x04") {
        return xlsx::is_own_workbook(bytes);
    }
    let head = &b[..b.len().min(1024)];
    let marker = html::GENERATOR.as_bytes();
    head.windows(marker.len()).any(|w| w == marker)
}

/// The reviewer reports of `jxlint report -o FILE`, by the extension of FILE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFile {
    Xlsx,
    Html,
}

impl ReportFile {
    /// The report an output path asks for, or why none.
    pub fn for_path(path: &std::path::Path) -> Result<ReportFile, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("xlsx") => Ok(ReportFile::Xlsx),
            Some("html" | "htm") => Ok(ReportFile::Html),
            _ => Err(
                "报告的格式由文件扩展名决定：请用 .xlsx（Excel 工作簿）或 .html（网页），\
                 如 -o 检查报告.xlsx"
                    .into(),
            ),
        }
    }

    /// The report's bytes. The documents must have been kept (`Options::keep_documents`) for
    /// the tables to be drawn and the rows quoted.
    pub fn render(self, report: &Report) -> Result<Vec<u8>, String> {
        match self {
            ReportFile::Xlsx => xlsx::workbook(report),
            ReportFile::Html => Ok(Html.emit(report).into_bytes()),
        }
    }
}

/// Why a run checked no target document at all, or `None` when it checked one.
pub fn nothing_checked(report: &Report) -> Option<String> {
    if report.checked() > 0 {
        return None;
    }
    let n = report.files.len();
    let unsupported = report.unsupported().len();
    let skipped = report.skipped();
    let unread = report.unread();
    let all = |what: &str| {
        if n == 1 {
            format!("找到的文件{what}")
        } else {
            format!("找到的 {n} 个文件都{what}")
        }
    };
    Some(if n == 0 {
        "没有找到可检查的文件：目录是空的，或其中没有 jxlint 能读的格式（.docx、.xlsx、.pdf、.html、.txt、.yaml 等）"
            .into()
    } else if unsupported == n {
        all("是暂不支持的格式")
    } else if skipped == n {
        all("不是绩效目标表")
    } else if unread == n {
        all("无法读取")
    } else {
        format!("{unread} 个文件无法读取，{unsupported} 个暂不支持，{skipped} 个不是绩效目标表")
    })
}

/// Formats a report.
pub trait Emitter {
    fn emit(&self, report: &Report) -> String;

    /// Write the report to `w`, the same bytes as [`Emitter::emit`]; an emitter that can
    /// stream does so, so that a large batch's report is never held whole in memory.
    fn write_to(&self, report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        w.write_all(self.emit(report).as_bytes())
    }
}

/// How the report is to be shown.
#[derive(Clone, Copy, Debug, Default)]
pub struct EmitOptions {
    /// Colour the human output.
    pub color: bool,
    /// Only the number of findings of each rule.
    pub statistics: bool,
}

/// The output formats, by name (`--format`).
pub const FORMATS: &[&str] = &["human", "concise", "json", "sarif", "github", "gitlab"];

/// The formats for CI systems, which have no statistics form.
pub const CI_FORMATS: &[&str] = &["sarif", "github", "gitlab"];

/// Whether a format's report is JSON (written to a file without the report marker line).
pub fn is_json(name: &str) -> bool {
    matches!(name, "json" | "sarif" | "gitlab")
}

/// The emitter for a format name, or `None` for an unknown name (or `--statistics` with a CI
/// format).
pub fn emitter(name: &str, opts: EmitOptions) -> Option<Box<dyn Emitter>> {
    Some(match (name, opts.statistics) {
        ("human" | "concise", true) => Box::new(Statistics),
        ("json", true) => Box::new(JsonStatistics),
        ("human", false) => Box::new(Human { color: opts.color }),
        ("concise", false) => Box::new(Concise),
        ("json", false) => Box::new(Json),
        ("sarif", false) => Box::new(Sarif),
        ("github", false) => Box::new(Github),
        ("gitlab", false) => Box::new(Gitlab),
        _ => return None,
    })
}

/// Whether a file of the report is in a table format (Word, spreadsheet, HTML, PDF): its
/// findings' lines and columns count rows of jxlint's rendering of the tables, not lines of the
/// file, so CI formats name the cell instead (see [`cell_label`]).
pub fn is_rendered(report: &Report, path: &str) -> bool {
    report
        .files
        .iter()
        .find(|f| f.path == path)
        .and_then(|f| f.format)
        .is_some_and(|f| f.is_grid())
}

/// How a reader finds a cell of a table format (`项目2!F9`, `第3页 表3 第5行 第4列`), if the
/// location has one.
pub fn cell_label(l: &crate::diagnostic::Location) -> Option<String> {
    l.cell.as_ref().map(|c| c.label())
}

/// A path as CI systems want it, relative to where jxlint ran: the path as given, without a
/// leading `./`.
pub fn ci_path(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.trim_start_matches('/');
    }
    p
}

/// The checked projects, worst first: verdict, then errors, then warnings; ties in file and
/// project order.
pub fn worst_first(report: &Report) -> Vec<&crate::diagnostic::ProjectSummary> {
    let mut rows: Vec<&crate::diagnostic::ProjectSummary> = report.projects.iter().collect();
    rows.sort_by(|a, b| {
        (b.verdict, b.errors, b.warnings)
            .cmp(&(a.verdict, a.errors, a.warnings))
            .then((a.file, a.project_index).cmp(&(b.file, b.project_index)))
    });
    rows
}

/// The per-project verdict table that ends the human output, worst first: project, verdict,
/// errors, warnings, the most serious finding.
pub fn verdict_table(report: &Report) -> String {
    use unicode_width::UnicodeWidthStr;
    if report.projects.is_empty() {
        return String::new();
    }
    let rows = worst_first(report);
    let several_files = report
        .projects
        .iter()
        .any(|p| p.file != report.projects[0].file);
    let name_of = |p: &crate::diagnostic::ProjectSummary| {
        let name = if p.project.is_empty() {
            "（项目名称为空）"
        } else {
            p.project.as_str()
        };
        let short = shorten(name, 28);
        if several_files {
            let file = p.path.rsplit('/').next().unwrap_or(&p.path);
            format!("{} {}：{short}", file, p.project_index)
        } else {
            format!("{}：{short}", p.project_index)
        }
    };
    let names: Vec<String> = rows.iter().map(|p| name_of(p)).collect();
    let width = names.iter().map(|n| n.width()).max().unwrap_or(0).max(4);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
    let mut out = format!(
        "{}  结论      错误  警告  最严重的问题\n",
        pad("项目", width)
    );
    for (p, name) in rows.iter().zip(&names) {
        let worst = p
            .worst
            .map(|w| {
                let d = &report.diagnostics[w];
                format!("{} {}", d.code, shorten(&d.message, 40))
            })
            .unwrap_or_else(|| "—".into());
        out.push_str(&format!(
            "{}  {}  {:>4}  {:>4}  {worst}\n",
            pad(name, width),
            pad(p.verdict.zh(), 8),
            p.errors,
            p.warnings
        ));
    }
    let count = |v| report.projects.iter().filter(|p| p.verdict == v).count();
    use crate::diagnostic::Verdict::*;
    out.push_str(&format!(
        "退回修改 {} 个项目，建议修改 {} 个，通过 {} 个\n",
        count(SendBack),
        count(Revise),
        count(Pass)
    ));
    out
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_string()
    }
}

/// One line per file that could not be read, naming the file and the line where known.
pub fn file_errors(report: &Report) -> Vec<String> {
    report
        .files
        .iter()
        .filter_map(|f| {
            let e = f.error.as_ref()?;
            let at = match (e.line, e.column) {
                (Some(l), Some(c)) => format!(":{l}:{c}"),
                (Some(l), None) => format!(":{l}"),
                _ => String::new(),
            };
            Some(format!("{}{at}: {}", f.path, e.message))
        })
        .collect()
}

/// Each file that was read but not checked — a document format jxlint does not read, or a
/// file skipped as plainly not a target document — with what to say about it
/// (`暂不支持 .wps 文件：请另存为…`, `跳过（不是绩效目标表）：没有找到…`). Files that could not
/// be read are not here: they are errors ([`file_errors`]).
pub fn not_checked(report: &Report) -> Vec<(&crate::diagnostic::FileReport, String)> {
    use crate::diagnostic::Skip;
    report
        .files
        .iter()
        .filter(|f| f.error.is_none())
        .filter_map(|f| match f.skip.as_ref()? {
            Skip::Unsupported(why) => Some((f, why.clone())),
            Skip::NotTarget(why) => Some((f, format!("跳过（不是绩效目标表）：{why}"))),
        })
        .collect()
}

/// Why a file was not checked: what happened to it (无法读取, 暂不支持, 跳过：不是绩效目标表) and
/// the reason, as the workbook's sheet 未检查的文件 and the page's section of that name say it.
pub fn unchecked(f: &crate::diagnostic::FileReport) -> Option<(&'static str, String)> {
    use crate::diagnostic::Skip;
    match (&f.error, &f.skip) {
        // (A format jxlint does not read, named on the command line, is an error of the run
        // but unsupported all the same.)
        (_, Some(Skip::Unsupported(why))) => Some(("暂不支持", why.clone())),
        (Some(e), _) => {
            let at = e.line.map(|l| format!("第{l}行：")).unwrap_or_default();
            Some(("无法读取", format!("{at}{}", e.message)))
        }
        (None, Some(Skip::NotTarget(why))) => Some(("跳过：不是绩效目标表", why.clone())),
        (None, None) => None,
    }
}

/// The closing summary line.
pub fn summary(report: &Report) -> String {
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let unread = report.unread();
    let mut s = format!(
        "检查了 {} 个文件、{} 个项目、{} 条指标",
        report.checked(),
        report.projects(),
        report.indicators()
    );
    // The files not checked, after the counts of the files checked (so that the counts do not
    // read as if they were the last named file's).
    let mut others = String::new();
    if unread > 0 {
        others.push_str(&format!("；{unread} 个文件无法读取"));
    }
    let unsupported = report.unsupported();
    if !unsupported.is_empty() {
        let names: Vec<&str> = unsupported
            .iter()
            .take(5)
            .map(|f| f.path.rsplit('/').next().unwrap_or(&f.path))
            .collect();
        let etc = if unsupported.len() > 5 { " 等" } else { "" };
        others.push_str(&format!(
            "；{} 个文件暂不支持：{}{etc}",
            unsupported.len(),
            names.join("、")
        ));
    }
    let skipped = report.skipped();
    if skipped > 0 {
        others.push_str(&format!("；跳过 {skipped} 个不是绩效目标表的文件"));
    }
    if let Some(why) = nothing_checked(report) {
        s.push_str(&others);
        s.push_str(&format!("：没有检查任何绩效目标文档（{why}）"));
    } else {
        if e + w + i == 0 {
            s.push_str(if unread > 0 {
                "：已读取的文件没有发现问题"
            } else {
                "：没有发现问题"
            });
        } else {
            s.push_str(&format!("：{e} 个错误，{w} 个警告，{i} 个提示"));
        }
        s.push_str(&others);
    }
    s.push_str(&hidden(report));
    s
}

/// What the summary adds about findings hidden by comments and a baseline ("" when neither was
/// used).
fn hidden(report: &Report) -> String {
    let h = &report.hidden;
    let mut s = String::new();
    if h.suppressions > 0 {
        s.push_str(&format!(
            "；{} 条忽略注释隐藏了 {} 个问题",
            h.suppressions, h.suppressed
        ));
        if h.without_reason > 0 {
            s.push_str(&format!("（其中 {} 条没有写理由）", h.without_reason));
        }
    }
    if let Some(n) = h.baseline {
        s.push_str(&format!("；基线中已有的 {n} 个问题未列出"));
    }
    s
}
