//! `--format json` (`shared/spec/json-output.md`), built from structs that mirror the spec.

use serde::Serialize;

use super::Emitter;
use crate::diagnostic::{Diagnostic, Location, Related, Report, Severity, Skip};
use crate::model::FieldKind;

pub struct Json;

#[derive(Serialize)]
pub struct Tool {
    name: &'static str,
    version: &'static str,
}

impl Default for Tool {
    fn default() -> Tool {
        Tool {
            name: "jxlint",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    format: Option<&'static str>,
    projects: usize,
    error: Option<&'a str>,
    /// Present for a file that could not be read: the line of the error, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    error_line: Option<Option<usize>>,
    /// The underlying parser's own words, when `error` translates them.
    #[serde(skip_serializing_if = "Option::is_none")]
    error_detail: Option<&'a str>,
    /// Why a walked file was passed over as not a target document.
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<&'a str>,
    /// Why a walked file of a document format jxlint cannot read was not read.
    #[serde(skip_serializing_if = "Option::is_none")]
    unsupported: Option<&'a str>,
}

/// Grid location fields, present only for a finding in a table format.
#[derive(Serialize)]
struct Grid<'a> {
    sheet: Option<&'a str>,
    table: Option<usize>,
    row: usize,
    col: usize,
    cell: Option<String>,
    page: Option<usize>,
}

fn grid(l: &Location) -> Option<Grid<'_>> {
    let c = l.cell.as_ref()?;
    Some(Grid {
        sheet: c.sheet.as_deref(),
        table: c.table,
        row: c.row,
        col: c.col,
        cell: c.sheet.as_ref().map(|_| c.a1()),
        page: c.page,
    })
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    project_index: usize,
    indicator_index: Option<usize>,
    field: Option<FieldKind>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    grid: Option<Grid<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    project: &'a str,
    /// `null` for a finding about the document as a whole.
    project_index: Option<usize>,
    indicator_index: Option<usize>,
    field: Option<FieldKind>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    grid: Option<Grid<'a>>,
}

#[derive(Serialize)]
pub struct Summary {
    files: usize,
    projects: usize,
    indicators: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Files passed over as not target documents.
    skipped: usize,
    /// Files of a document format jxlint cannot read.
    unsupported: usize,
    /// Files checked as target documents.
    checked: usize,
    /// `# jxlint: ignore` comments read, and how many give no reason.
    suppressions: usize,
    suppressions_without_reason: usize,
    /// Findings hidden by those comments.
    suppressed: usize,
    /// Findings hidden by `--baseline` (0 without one).
    baseline_hidden: usize,
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        Summary {
            files: report.files.len(),
            projects: report.projects(),
            indicators: report.indicators(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            skipped: report.skipped(),
            unsupported: report.unsupported().len(),
            checked: report.checked(),
            suppressions: report.hidden.suppressions,
            suppressions_without_reason: report.hidden.without_reason,
            suppressed: report.hidden.suppressed,
            baseline_hidden: report.hidden.baseline.unwrap_or(0),
        }
    }
}

/// A project with its verdict (`projects` in the spec).
#[derive(Serialize)]
struct JsonProject<'a> {
    path: &'a str,
    project_index: usize,
    project: &'a str,
    department: &'a str,
    code: &'a str,
    budget: &'a str,
    /// 退回修改 / 建议修改 / 通过.
    verdict: &'static str,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// The most serious finding: its code and message.
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_message: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    tool: Tool,
    files: Vec<File<'a>>,
    diagnostics: Diagnostics<'a>,
    projects: Vec<JsonProject<'a>>,
    summary: Summary,
}

/// The findings, each turned into its JSON form only while it is written.
struct Diagnostics<'a>(&'a [Diagnostic]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(diagnostic))
    }
}

fn related(r: &Related) -> JsonRelated<'_> {
    let l = &r.location;
    JsonRelated {
        path: &r.path,
        line: l.line,
        column: l.column,
        end_line: l.end_line,
        end_column: l.end_column,
        project_index: r.project_index,
        indicator_index: r.indicator_index,
        field: r.field,
        grid: grid(l),
    }
}

fn diagnostic(d: &Diagnostic) -> JsonDiagnostic<'_> {
    let l = &d.location;
    JsonDiagnostic {
        code: d.code,
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
        path: &d.path,
        line: l.line,
        column: l.column,
        end_line: l.end_line,
        end_column: l.end_column,
        project: &d.project,
        project_index: (d.project_index > 0).then_some(d.project_index),
        indicator_index: d.indicator_index,
        field: d.field,
        related: d.related.iter().map(related).collect(),
        grid: grid(l),
    }
}

impl Emitter for Json {
    fn emit(&self, report: &Report) -> String {
        let mut out = Vec::new();
        // Writing to memory fails only on serialisation errors, which these types do not have.
        let _ = self.write_to(report, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    fn write_to(&self, report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let out = JsonReport {
            tool: Tool::default(),
            files: report
                .files
                .iter()
                .map(|f| File {
                    path: &f.path,
                    format: f.format.map(|x| x.as_str()),
                    projects: f.projects,
                    error: f.error.as_ref().map(|e| e.message.as_str()),
                    error_line: f.error.as_ref().map(|e| e.line),
                    error_detail: f.error.as_ref().and_then(|e| e.detail.as_deref()),
                    skipped: match &f.skip {
                        Some(Skip::NotTarget(why)) => Some(why),
                        _ => None,
                    },
                    unsupported: match &f.skip {
                        Some(Skip::Unsupported(why)) => Some(why),
                        _ => None,
                    },
                })
                .collect(),
            diagnostics: Diagnostics(&report.diagnostics),
            projects: report
                .projects
                .iter()
                .map(|p| {
                    let worst = p.worst.map(|w| &report.diagnostics[w]);
                    JsonProject {
                        path: &p.path,
                        project_index: p.project_index,
                        project: &p.project,
                        department: &p.department,
                        code: &p.code,
                        budget: &p.budget,
                        verdict: p.verdict.zh(),
                        errors: p.errors,
                        warnings: p.warnings,
                        infos: p.infos,
                        worst_code: worst.map(|d| d.code),
                        worst_message: worst.map(|d| d.message.as_str()),
                    }
                })
                .collect(),
            summary: Summary::of(report),
        };
        serde_json::to_writer_pretty(&mut *w, &out)?;
        w.write_all(b"\n")
    }
}
