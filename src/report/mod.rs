//! Emitters: they only format a [`Report`]; checking is done before. One file per format, and
//! one place ([`emitter`]) that maps a format name to its emitter.

mod concise;
mod human;
mod json;
mod statistics;

pub use concise::Concise;
pub use human::Human;
pub use json::Json;
pub use statistics::{JsonStatistics, Statistics};

use crate::diagnostic::{Report, Severity};

/// The first line of a report jxlint writes to a file (`-o`) in a text format: a folder walk
/// passes over files that begin with it, so a report saved among the inputs is never read as
/// one.
pub const REPORT_MARKER: &str = "# jxlint 检查报告";

/// Whether the bytes are a report jxlint wrote.
pub fn is_own_report(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    b.starts_with(REPORT_MARKER.as_bytes())
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
        "没有找到可检查的文件：目录是空的，或其中没有 jxlint 能读的格式（.txt、.yaml/.yml 等）"
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
pub const FORMATS: &[&str] = &["human", "concise", "json"];

/// The emitter for a format name, or `None` for an unknown name.
pub fn emitter(name: &str, opts: EmitOptions) -> Option<Box<dyn Emitter>> {
    Some(match (name, opts.statistics) {
        ("human" | "concise", true) => Box::new(Statistics),
        ("json", true) => Box::new(JsonStatistics),
        ("human", false) => Box::new(Human { color: opts.color }),
        ("concise", false) => Box::new(Concise),
        ("json", false) => Box::new(Json),
        _ => return None,
    })
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
    if unread > 0 {
        s.push_str(&format!("；{unread} 个文件无法读取"));
    }
    let unsupported = report.unsupported();
    if !unsupported.is_empty() {
        let names: Vec<&str> = unsupported
            .iter()
            .take(5)
            .map(|f| f.path.rsplit('/').next().unwrap_or(&f.path))
            .collect();
        let etc = if unsupported.len() > 5 { " 等" } else { "" };
        s.push_str(&format!(
            "；{} 个文件暂不支持：{}{etc}",
            unsupported.len(),
            names.join("、")
        ));
    }
    let skipped = report.skipped();
    if skipped > 0 {
        s.push_str(&format!("；跳过 {skipped} 个不是绩效目标表的文件"));
    }
    if let Some(why) = nothing_checked(report) {
        s.push_str(&format!("：没有检查任何绩效目标文档（{why}）"));
    } else if e + w + i == 0 {
        s.push_str(if unread > 0 {
            "：已读取的文件没有发现问题"
        } else {
            "：没有发现问题"
        });
    } else {
        s.push_str(&format!("：{e} 个错误，{w} 个警告，{i} 个提示"));
    }
    s
}
