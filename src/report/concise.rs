//! `--format concise`: `path:line:col: 级别 CODE message`, one line per finding.

use super::Emitter;
use crate::diagnostic::Report;

pub struct Concise;

impl Emitter for Concise {
    fn emit(&self, report: &Report) -> String {
        let mut out = String::new();
        for d in &report.diagnostics {
            let l = &d.location;
            out.push_str(&format!(
                "{}:{}:{}: {} {} {}\n",
                d.path,
                l.line,
                l.column,
                d.severity.zh(),
                d.code,
                d.full_message()
            ));
        }
        out
    }
}
