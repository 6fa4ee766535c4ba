//! `--format gitlab`: a GitLab Code Quality report (the subset of the Code Climate issue format
//! GitLab reads): a JSON array with one object per finding —
//! `description` (`CODE 标题：diagnosis：advice`), `check_name` (the code), `fingerprint`,
//! `severity` and `location` (`path`, `lines.begin`).
//!
//! A finding in a table format (Word, spreadsheet, HTML, PDF), whose lines count rows of
//! jxlint's rendering rather than lines of the file, is placed on line 1 and its description
//! names the cell (`V001 比率超过100%：项目2!F9：…`).
//!
//! Severities: error → `critical` (the table is wrong as submitted: a rate over 100%,
//! contradicting values), warning → `major`, info → `info`. `blocker` and `minor` are not used:
//! nothing jxlint finds blocks a merge by itself, and a finding is either a defect or a note.
//!
//! `fingerprint` is the hash of the finding's content key ([`super::keys`]: file name,
//! project, the row's wording, rule, the value where the rule is about it, and an occurrence
//! number for identical keys), so it is unique in a report and does not change when rows are
//! reordered or another project is edited — GitLab compares fingerprints between the source
//! and target branches to tell new findings from fixed ones.
//!
//! Files that could not be read are not issues here (the report has no place for them): they
//! are named on stderr and make the exit code 2, as with every format. Files found but not
//! checked (a format jxlint does not read, a file that is plainly not a target document) are
//! likewise named on stderr, one line each (`jxlint: 未检查：PATH: why`).

use serde::Serialize;

use super::Emitter;
use super::keys::{finding_keys, fingerprint};
use crate::diagnostic::{Report, Severity};

pub struct Gitlab;

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

/// GitLab's severity for a jxlint severity.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

impl Emitter for Gitlab {
    fn emit(&self, report: &Report) -> String {
        let keys = finding_keys(report);
        let issues: Vec<Issue> = report
            .diagnostics
            .iter()
            .zip(&keys)
            .map(|(d, k)| {
                let rendered = super::is_rendered(report, &d.path);
                let cell = super::cell_label(&d.location)
                    .filter(|_| rendered)
                    .map(|c| format!("{c}："))
                    .unwrap_or_default();
                Issue {
                    description: format!("{} {}：{cell}{}", d.code, d.title, d.full_message()),
                    check_name: d.code,
                    fingerprint: fingerprint(k),
                    severity: severity(d.severity),
                    location: IssueLocation {
                        path: super::ci_path(&d.path),
                        lines: Lines {
                            begin: if rendered { 1 } else { d.location.line },
                        },
                    },
                }
            })
            .collect();
        let mut s = serde_json::to_string_pretty(&issues).unwrap_or_default();
        s.push('\n');
        s
    }
}
