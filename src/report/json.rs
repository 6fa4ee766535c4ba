//! `--format json` (`shared/spec/json-output.md`).

use serde_json::{Value, json as j};

use crate::Report;
use crate::rules::Severity;

pub fn json(report: &Report) -> String {
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|f| {
            let mut v = j!({
                "path": f.path,
                "format": f.format.map(|x| x.as_str()),
                "projects": f.projects,
                "error": f.error.as_ref().map(|e| e.message.clone()),
            });
            if let Some(e) = &f.error {
                v["error_line"] = j!(e.line);
            }
            v
        })
        .collect();
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            j!({
                "code": d.code,
                "rule": d.rule,
                "severity": d.severity.as_str(),
                "message": d.message,
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "end_line": d.end_line,
                "end_column": d.end_column,
                "project": d.project,
                "project_index": d.project_index,
                "indicator_index": d.indicator_index,
                "field": d.field,
            })
        })
        .collect();
    let out = j!({
        "tool": {"name": "jxlint", "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "diagnostics": diagnostics,
        "summary": {
            "files": report.files.len(),
            "projects": report.projects(),
            "indicators": report.indicators(),
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "infos": report.count(Severity::Info),
            "skipped": report.skipped,
        },
    });
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}
