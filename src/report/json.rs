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
    diagnostics: Diagnostics,
    projects: Vec<JsonProject<'a>>,
    summary: Summary,
}

/// Where the findings go in the report: they are rendered apart (on the run's threads: a batch
/// has tens of thousands) and written in place of this string.
const PLACEHOLDER: &str = "\u{1}jxlint-diagnostics\u{1}";

/// The placeholder as `to_writer_pretty` writes it as the value of `diagnostics` (a raw line
/// break only ever stands between members, never inside a string, so this is unique).
const PLACEHOLDER_JSON: &[u8] = b"\n  \"diagnostics\": \"\\u0001jxlint-diagnostics\\u0001\"";

/// The bytes of [`PLACEHOLDER_JSON`] before the value: line break, indent, key and ": ".
const KEY_LEN: usize = "\n  \"diagnostics\": ".len();

struct Diagnostics;

impl Serialize for Diagnostics {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(PLACEHOLDER)
    }
}

/// Passes the report through to `inner`, writing the findings (`insert`) in place of the
/// placeholder; until it is found only the bytes that might begin it are held back.
struct Splice<'w, F: FnMut(&mut dyn std::io::Write) -> std::io::Result<()>> {
    inner: &'w mut dyn std::io::Write,
    pending: Vec<u8>,
    done: bool,
    insert: F,
}

impl<F: FnMut(&mut dyn std::io::Write) -> std::io::Result<()>> std::io::Write for Splice<'_, F> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.done {
            return self.inner.write(buf);
        }
        // Only the new bytes (and the few before them) can complete the placeholder.
        let from = self
            .pending
            .len()
            .saturating_sub(PLACEHOLDER_JSON.len() - 1);
        self.pending.extend_from_slice(buf);
        if let Some(at) = self.pending[from..]
            .windows(PLACEHOLDER_JSON.len())
            .position(|x| x == PLACEHOLDER_JSON)
            .map(|i| from + i)
        {
            self.inner.write_all(&self.pending[..at + KEY_LEN])?;
            (self.insert)(&mut *self.inner)?;
            self.inner
                .write_all(&self.pending[at + PLACEHOLDER_JSON.len()..])?;
            self.pending = Vec::new();
            self.done = true;
        } else if self.pending.len() > 1 << 16 {
            let keep = self.pending.len() - (PLACEHOLDER_JSON.len() - 1);
            self.inner.write_all(&self.pending[..keep])?;
            self.pending.drain(..keep);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The findings as `to_writer_pretty` writes them at the second level of the report: each
/// rendered alone and indented by four spaces (strings hold no raw line break).
fn render(ds: &[Diagnostic], out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut one = Vec::new();
    for (i, d) in ds.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        if d.related.is_empty() && d.location.cell.is_none() {
            plain(d, out)?;
            continue;
        }
        one.clear();
        serde_json::to_writer_pretty(&mut one, &diagnostic(d))?;
        out.extend_from_slice(b"    ");
        for (n, line) in one.split(|&b| b == b'\n').enumerate() {
            if n > 0 {
                out.extend_from_slice(b"\n    ");
            }
            out.extend_from_slice(line);
        }
    }
    Ok(())
}

/// A finding without related places or a table cell (nearly all of them), written as
/// `to_writer_pretty` writes it at the second level of the report — the same bytes, without
/// serde's pretty printer and the re-indenting (the JSON report's largest cost).
fn plain(d: &Diagnostic, out: &mut Vec<u8>) -> std::io::Result<()> {
    fn text(out: &mut Vec<u8>, key: &str, v: &str) -> std::io::Result<()> {
        out.extend_from_slice(b"      \"");
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\": ");
        serde_json::to_writer(&mut *out, v)?;
        out.extend_from_slice(b",\n");
        Ok(())
    }
    fn number(out: &mut Vec<u8>, key: &str, v: Option<usize>) {
        use std::io::Write;
        out.extend_from_slice(b"      \"");
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\": ");
        match v {
            // Writing to a Vec cannot fail.
            Some(n) => {
                let _ = write!(out, "{n}");
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\n");
    }
    let l = &d.location;
    out.extend_from_slice(b"    {\n");
    text(out, "code", d.code)?;
    text(out, "rule", d.rule)?;
    text(out, "severity", d.severity.as_str())?;
    text(out, "message", &d.message)?;
    if let Some(h) = d.help.as_deref() {
        text(out, "help", h)?;
    }
    text(out, "path", &d.path)?;
    number(out, "line", Some(l.line));
    number(out, "column", Some(l.column));
    number(out, "end_line", Some(l.end_line));
    number(out, "end_column", Some(l.end_column));
    text(out, "project", &d.project)?;
    number(
        out,
        "project_index",
        (d.project_index > 0).then_some(d.project_index),
    );
    number(out, "indicator_index", d.indicator_index);
    out.extend_from_slice(b"      \"field\": ");
    serde_json::to_writer(&mut *out, &d.field)?;
    out.extend_from_slice(b"\n    }");
    Ok(())
}

/// The `diagnostics` array of the report: pieces of findings rendered on the run's threads a
/// few at a time, each written in order before the next are rendered (on one thread, one finding
/// at a time: nothing held). The bytes do not depend on the thread count.
fn write_diagnostics(ds: &[Diagnostic], w: &mut dyn std::io::Write) -> std::io::Result<()> {
    if ds.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[\n")?;
    let threads = crate::parallel::run_threads();
    let n = crate::parallel::thread_count(threads);
    let chunks: Vec<&[Diagnostic]> = ds.chunks(if n <= 1 { 1 } else { 64 }).collect();
    let mut first = true;
    crate::parallel::map_waves(
        &chunks,
        threads,
        2 * n,
        |c| {
            let mut out = Vec::with_capacity(c.len() * 1024);
            render(c, &mut out).map(|_| out)
        },
        |parts| -> std::io::Result<()> {
            for p in parts {
                if !first {
                    w.write_all(b",\n")?;
                }
                first = false;
                w.write_all(&p?)?;
            }
            Ok(())
        },
    )?;
    w.write_all(b"\n  ]")
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
            diagnostics: Diagnostics,
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
        let ds = &report.diagnostics;
        let mut splice = Splice {
            inner: w,
            pending: Vec::new(),
            done: false,
            insert: |w: &mut dyn std::io::Write| write_diagnostics(ds, w),
        };
        serde_json::to_writer_pretty(&mut splice, &out)?;
        if !splice.done {
            return Err(std::io::Error::other(
                "JSON report: the findings' place is missing",
            ));
        }
        splice.inner.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn finding(message: &str, help: Option<&str>, project_index: usize) -> Diagnostic {
        Diagnostic {
            code: "R002",
            rule: "indicator-boilerplate",
            title: "套话指标",
            severity: Severity::Warning,
            message: message.to_string(),
            help: help.map(str::to_string),
            path: "目录/a \"b\"\\c.yaml".into(),
            location: Location {
                span: Span::new(0, 1),
                line: 12,
                column: 7,
                end_line: 12,
                end_column: 30,
                cell: None,
            },
            project: "项目\t“一”".into(),
            project_index,
            indicator_index: (project_index > 0).then_some(3),
            field: (project_index > 0).then_some(FieldKind::Level3),
            context: None,
            related: Vec::new(),
            file: 0,
        }
    }

    /// The hand-written finding has the bytes `to_writer_pretty` gives it in the report.
    #[test]
    fn plain_findings_are_written_as_serde_writes_them() {
        let cases = [
            finding("指标“x”是套话", Some("请写出\n可以核对的效果"), 2),
            finding("控制字符\u{1}\u{1f}、引号\"、反斜杠\\、制表\t", None, 0),
            finding("", Some(""), 1),
        ];
        for d in &cases {
            let mut fast = Vec::new();
            plain(d, &mut fast).unwrap();
            let mut one = Vec::new();
            serde_json::to_writer_pretty(&mut one, &diagnostic(d)).unwrap();
            let mut slow = b"    ".to_vec();
            for (n, line) in one.split(|&b| b == b'\n').enumerate() {
                if n > 0 {
                    slow.extend_from_slice(b"\n    ");
                }
                slow.extend_from_slice(line);
            }
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(slow).unwrap()
            );
        }
    }
}
