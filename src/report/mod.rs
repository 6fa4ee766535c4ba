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
    let unread = report.files.iter().filter(|f| f.error.is_some()).count();
    let mut s = format!(
        "检查了 {} 个文件、{} 个项目、{} 条指标",
        report.files.len() - unread,
        report.projects(),
        report.indicators()
    );
    if unread > 0 {
        s.push_str(&format!("；{unread} 个文件无法读取"));
    }
    if report.skipped > 0 {
        s.push_str(&format!("；跳过 {} 个不是绩效目标表的文件", report.skipped));
    }
    if report.files.len() == unread {
        // Nothing was read: there is nothing to say about findings.
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
