//! `--format concise`: `path:line:col: 级别 CODE message` (for a table format `path:项目2!F9:` or
//! `path:表3 第5行 第4列:`), one line per finding. Stdout holds findings only, so that every
//! line parses the same way (editors, pre-commit, problem matchers); the files that could not
//! be read or were not checked are named on stderr, one line each (`jxlint: 错误：PATH: why`,
//! `jxlint: 未检查：PATH: why`).

use super::Emitter;
use crate::diagnostic::Report;

pub struct Concise;

impl Emitter for Concise {
    fn emit(&self, report: &Report) -> String {
        let mut out = String::new();
        for d in &report.diagnostics {
            let l = &d.location;
            // Table formats name the cell; text formats the line and column.
            let at = match &l.cell {
                Some(c) => c.label(),
                None => format!("{}:{}", l.line, l.column),
            };
            out.push_str(&format!(
                "{}:{at}: {} {} {}\n",
                d.path,
                d.severity.zh(),
                d.code,
                d.full_message()
            ));
        }
        out
    }
}
