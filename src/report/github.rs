//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the files of a pull request. One line per finding,
//!
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE 标题::diagnosis：advice`
//!
//! (`warning` and `notice` for the other severities), and one `::error file=PATH::why` line
//! (with `line=` and `col=` when known) per file that could not be read, and one
//! `::notice file=PATH,title=未检查::why` line per file found but not checked (a format jxlint
//! does not read, a file that is plainly not a target document). Columns count characters and
//! `endColumn` is the character after the span, as in the other formats; GitHub takes columns
//! only on a single line, so a span over several lines gives `line` and `endLine` alone. A
//! finding in a table format (Word, spreadsheet, HTML, PDF), whose lines count rows of jxlint's
//! rendering rather than lines of the file, is a file-level annotation whose message begins
//! with the cell (`项目2!F9：…`, `第3页 表3 第5行 第4列：…`).
//! Values are escaped as the Actions toolkit does (`%` `\r` `\n` in the message; also `:` and
//! `,` in properties).
//!
//! GitHub shows at most 10 annotations of each kind per step (50 per job); the log keeps every
//! line. When a kind has more, a closing plain line says so and points to SARIF.

use super::Emitter;
use crate::diagnostic::{Report, Severity};

pub struct Github;

/// GitHub's per-step limit on annotations of one kind.
const SHOWN_PER_STEP: usize = 10;

/// Escape a message (`%`, `\r`, `\n`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`%`, `\r`, `\n`, `:`, `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Emitter for Github {
    fn emit(&self, report: &Report) -> String {
        let mut out = String::new();
        for d in &report.diagnostics {
            let l = &d.location;
            let mut props = format!("file={}", escape_property(super::ci_path(&d.path)));
            let mut message = d.full_message();
            if super::is_rendered(report, &d.path) {
                // A table format: a file-level annotation that names the cell.
                if let Some(cell) = super::cell_label(l) {
                    message = format!("{cell}：{message}");
                }
            } else if l.end_line == l.line {
                props.push_str(&format!(
                    ",line={},col={},endLine={},endColumn={}",
                    l.line, l.column, l.end_line, l.end_column
                ));
            } else {
                props.push_str(&format!(",line={},endLine={}", l.line, l.end_line));
            }
            props.push_str(&format!(
                ",title={}",
                escape_property(&format!("{} {}", d.code, d.title))
            ));
            out.push_str(&format!(
                "::{} {props}::{}\n",
                command(d.severity),
                escape_data(&message)
            ));
        }
        for f in &report.files {
            let Some(e) = &f.error else { continue };
            let line = match (e.line, e.column) {
                (Some(l), Some(c)) => format!(",line={l},col={c}"),
                (Some(l), None) => format!(",line={l}"),
                _ => String::new(),
            };
            out.push_str(&format!(
                "::error file={}{line}::{}\n",
                escape_property(super::ci_path(&f.path)),
                escape_data(&format!("无法读取：{}", e.message))
            ));
        }
        // Files found but not checked: a notice on each, so that the run accounts for every
        // file (a submission saved as .wps is not silently passed over).
        for (f, why) in super::not_checked(report) {
            out.push_str(&format!(
                "::notice file={},title={}::{}\n",
                escape_property(super::ci_path(&f.path)),
                escape_property("未检查"),
                escape_data(&why)
            ));
        }
        let over: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .filter_map(|s| {
                let n = report.count(s)
                    + if s == Severity::Error {
                        report.unread()
                    } else {
                        0
                    };
                (n > SHOWN_PER_STEP).then(|| format!("{n} 个{}", s.zh()))
            })
            .collect();
        if !over.is_empty() {
            out.push_str(&format!(
                "jxlint: 共 {}；GitHub 每个步骤每种级别只显示前 {SHOWN_PER_STEP} 条注释，\
                 其余只在日志中。要在代码扫描中看到全部问题，请用 --format sarif 并上传 SARIF 文件\n",
                over.join("、")
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        // `%` first, so an escape already in the text is not undone.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
