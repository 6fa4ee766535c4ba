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
    /// What the underlying parser said, when `error` translates it: its meaning in Chinese,
    /// then its own words in parentheses ([`crate::read::detail_zh`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    error_detail: Option<String>,
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

/// The findings as `to_writer_pretty` writes them at the second level of the report: each
/// rendered alone and indented by four spaces (strings hold no raw line break).
fn render(ds: &[Diagnostic], out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut one = Vec::new();
    for (i, d) in ds.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        if d.location.cell.is_none() && d.related.iter().all(|r| r.location.cell.is_none()) {
            plain(d, out);
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

/// Eight copies of a byte, for tests on eight bytes at once.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Whether any of the eight bytes of `w` is one that JSON escapes: below 0x20, `"` or `\`.
fn escapes(w: u64) -> bool {
    let zero = |x: u64| x.wrapping_sub(splat(1)) & !x & splat(0x80);
    (w.wrapping_sub(splat(0x20)) & !w & splat(0x80))
        | zero(w ^ splat(b'"'))
        | zero(w ^ splat(b'\\'))
        != 0
}

/// Whether any byte of a block is one that JSON escapes, every byte tested (no early exit, so
/// that the compiler tests a block's bytes together in vector registers).
fn dirty(block: &[u8]) -> bool {
    block.iter().fold(false, |any, &c| {
        any | (c < 0x20) | (c == b'"') | (c == b'\\')
    })
}

/// Whether no byte of `b` is one that JSON escapes: 32 bytes at a time, the last block
/// overlapping the one before it.
fn clean(b: &[u8]) -> bool {
    const BLOCK: usize = 32;
    if b.len() < BLOCK {
        return !dirty(b);
    }
    let mut at = 0;
    while at + BLOCK <= b.len() {
        if dirty(&b[at..at + BLOCK]) {
            return false;
        }
        at += BLOCK;
    }
    at == b.len() || !dirty(&b[b.len() - BLOCK..])
}

/// A string as serde_json writes it: quoted, with `"`, `\` and control characters below 0x20
/// escaped (`\n`, `\t` … or `\u00XX`, lower-case hex), everything else as it is. A string
/// with nothing to escape (nearly every one) is copied whole once that is checked; in the
/// others, eight bytes at a time are passed over while none of them needs escaping.
fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    if clean(b) {
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    let (mut from, mut i) = (0, 0);
    while i < b.len() {
        if let Some(c) = b.get(i..i + 8)
            && !escapes(u64::from_ne_bytes(c.try_into().unwrap_or([0; 8])))
        {
            i += 8;
            continue;
        }
        // Fewer than eight bytes left: the last eight (some already passed over) at once.
        if i + 8 > b.len()
            && b.len() >= 8
            && !escapes(u64::from_ne_bytes(
                b[b.len() - 8..].try_into().unwrap_or([0; 8]),
            ))
        {
            break;
        }
        let c = b[i];
        let short = match c {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0..=0x1f => b'u',
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&b[from..i]);
        out.push(b'\\');
        out.push(short);
        if short == b'u' {
            out.extend_from_slice(b"00");
            out.push(HEX[(c >> 4) as usize]);
            out.push(HEX[(c & 0xf) as usize]);
        }
        i += 1;
        from = i;
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
}

/// A number in decimal.
fn decimal(out: &mut Vec<u8>, mut n: usize) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    if n < 100 {
        out.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
        return;
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// `"key": ` at the indent of a finding's or project's members (six spaces), or of a related
/// place's (ten), as one constant: written with one copy.
macro_rules! key6 {
    ($k:literal) => {
        concat!("      \"", $k, "\": ").as_bytes()
    };
}
macro_rules! key10 {
    ($k:literal) => {
        concat!("          \"", $k, "\": ").as_bytes()
    };
}

/// A member with a string value (`key` from [`key6`] or [`key10`]), and its comma.
fn text(out: &mut Vec<u8>, key: &[u8], v: &str) {
    out.extend_from_slice(key);
    string(out, v);
    out.extend_from_slice(b",\n");
}

/// A member with a number or `null`, and its comma.
fn number(out: &mut Vec<u8>, key: &[u8], v: Option<usize>) {
    out.extend_from_slice(key);
    match v {
        Some(n) => decimal(out, n),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\n");
}

/// The last member of an object: a field's name or `null`, with no comma.
fn field(out: &mut Vec<u8>, key: &[u8], f: Option<FieldKind>) {
    out.extend_from_slice(key);
    match f {
        Some(f) => string(out, f.as_str()),
        None => out.extend_from_slice(b"null"),
    }
}

/// A finding without a table cell, nor any among its related places (nearly all of them),
/// written as `to_writer_pretty` writes it at the second level of the report — the same bytes,
/// without serde's pretty printer and the re-indenting (the JSON report's largest cost).
fn plain(d: &Diagnostic, out: &mut Vec<u8>) {
    let l = &d.location;
    out.extend_from_slice(b"    {\n");
    text(out, key6!("code"), d.code);
    text(out, key6!("rule"), d.rule);
    text(out, key6!("severity"), d.severity.as_str());
    text(out, key6!("message"), &d.message);
    if let Some(h) = d.help.as_deref() {
        text(out, key6!("help"), h);
    }
    text(out, key6!("path"), &d.path);
    number(out, key6!("line"), Some(l.line));
    number(out, key6!("column"), Some(l.column));
    number(out, key6!("end_line"), Some(l.end_line));
    number(out, key6!("end_column"), Some(l.end_column));
    text(out, key6!("project"), &d.project);
    number(
        out,
        key6!("project_index"),
        (d.project_index > 0).then_some(d.project_index),
    );
    number(out, key6!("indicator_index"), d.indicator_index);
    field(out, key6!("field"), d.field);
    if !d.related.is_empty() {
        out.extend_from_slice(b",\n      \"related\": [\n");
        for (i, r) in d.related.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b",\n");
            }
            let l = &r.location;
            out.extend_from_slice(b"        {\n");
            text(out, key10!("path"), &r.path);
            number(out, key10!("line"), Some(l.line));
            number(out, key10!("column"), Some(l.column));
            number(out, key10!("end_line"), Some(l.end_line));
            number(out, key10!("end_column"), Some(l.end_column));
            number(out, key10!("project_index"), Some(r.project_index));
            number(out, key10!("indicator_index"), r.indicator_index);
            field(out, key10!("field"), r.field);
            out.extend_from_slice(b"\n        }");
        }
        out.extend_from_slice(b"\n      ]");
    }
    out.extend_from_slice(b"\n    }");
}

/// The `diagnostics` array of the report: pieces of findings rendered on the run's threads and
/// written in order as each is done, while the threads render the next few (on one thread, one
/// finding at a time: nothing held). The bytes do not depend on the thread count.
fn write_diagnostics(ds: &[Diagnostic], w: &mut dyn std::io::Write) -> std::io::Result<()> {
    if ds.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[\n")?;
    let threads = crate::parallel::run_threads();
    let n = crate::parallel::thread_count(threads);
    let chunks: Vec<&[Diagnostic]> = ds.chunks(if n <= 1 { 1 } else { 64 }).collect();
    let mut first = true;
    crate::parallel::for_each_in_order(
        &chunks,
        threads,
        32 * n,
        |c| {
            let mut out = Vec::with_capacity(c.len() * 1024);
            render(c, &mut out).map(|_| out)
        },
        |part| -> std::io::Result<()> {
            if !first {
                w.write_all(b",\n")?;
            }
            first = false;
            w.write_all(&part?)
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

    /// The report as `to_writer_pretty` writes the spec's object (tool, files, diagnostics,
    /// projects, summary) — the same bytes — with the findings and the projects, nearly all
    /// of it, written by hand.
    fn write_to(&self, report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let files: Vec<File> = report
            .files
            .iter()
            .map(|f| File {
                path: &f.path,
                format: f.format.map(|x| x.as_str()),
                projects: f.projects,
                error: f.error.as_ref().map(|e| e.message.as_str()),
                error_line: f.error.as_ref().map(|e| e.line),
                error_detail: f
                    .error
                    .as_ref()
                    .and_then(|e| e.detail.as_deref())
                    .map(crate::read::detail_zh),
                skipped: match &f.skip {
                    Some(Skip::NotTarget(why)) => Some(why),
                    _ => None,
                },
                unsupported: match &f.skip {
                    Some(Skip::Unsupported(why)) => Some(why),
                    _ => None,
                },
            })
            .collect();
        let mut out = Vec::new();
        out.extend_from_slice(b"{\n  \"tool\": ");
        nested(&mut out, &Tool::default())?;
        out.extend_from_slice(b",\n  \"files\": ");
        nested(&mut out, &files)?;
        out.extend_from_slice(b",\n  \"diagnostics\": ");
        w.write_all(&out)?;
        write_diagnostics(&report.diagnostics, w)?;
        out.clear();
        out.extend_from_slice(b",\n  \"projects\": ");
        if report.projects.is_empty() {
            out.extend_from_slice(b"[]");
        } else {
            out.extend_from_slice(b"[\n");
            for (i, p) in report.projects.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b",\n");
                }
                project(&mut out, &json_project(report, p));
                if out.len() >= 1 << 16 {
                    w.write_all(&out)?;
                    out.clear();
                }
            }
            out.extend_from_slice(b"\n  ]");
        }
        out.extend_from_slice(b",\n  \"summary\": ");
        nested(&mut out, &Summary::of(report))?;
        out.extend_from_slice(b"\n}\n");
        w.write_all(&out)
    }
}

/// A value as `to_writer_pretty` writes it as a member of the report's object (lines after the
/// first indented by two spaces; strings hold no raw line break).
fn nested<T: Serialize>(out: &mut Vec<u8>, v: &T) -> std::io::Result<()> {
    let one = serde_json::to_vec_pretty(v)?;
    for (n, line) in one.split(|&b| b == b'\n').enumerate() {
        if n > 0 {
            out.extend_from_slice(b"\n  ");
        }
        out.extend_from_slice(line);
    }
    Ok(())
}

fn json_project<'a>(
    report: &'a Report,
    p: &'a crate::diagnostic::ProjectSummary,
) -> JsonProject<'a> {
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
}

/// A project of the `projects` array, as `to_writer_pretty` writes it there.
fn project(out: &mut Vec<u8>, p: &JsonProject) {
    out.extend_from_slice(b"    {\n");
    text(out, key6!("path"), p.path);
    number(out, key6!("project_index"), Some(p.project_index));
    text(out, key6!("project"), p.project);
    text(out, key6!("department"), p.department);
    text(out, key6!("code"), p.code);
    text(out, key6!("budget"), p.budget);
    text(out, key6!("verdict"), p.verdict);
    number(out, key6!("errors"), Some(p.errors));
    number(out, key6!("warnings"), Some(p.warnings));
    out.extend_from_slice(key6!("infos"));
    decimal(out, p.infos);
    if let Some(c) = p.worst_code {
        out.extend_from_slice(b",\n");
        out.extend_from_slice(key6!("worst_code"));
        string(out, c);
    }
    if let Some(m) = p.worst_message {
        out.extend_from_slice(b",\n");
        out.extend_from_slice(key6!("worst_message"));
        string(out, m);
    }
    out.extend_from_slice(b"\n    }");
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
            template_lacks: false,
        }
    }

    /// The hand-written finding has the bytes `to_writer_pretty` gives it in the report.
    #[test]
    fn plain_findings_are_written_as_serde_writes_them() {
        let related = |project_index, indicator_index, field| Related {
            path: "别处/b\\\"c.yaml".into(),
            location: Location {
                span: Span::new(3, 9),
                line: 1234567,
                column: 0,
                end_line: 10,
                end_column: 99,
                cell: None,
            },
            project_index,
            indicator_index,
            field,
        };
        let mut with_related = finding("与“y”重复\r\n", None, 4);
        with_related.related = vec![
            related(4, Some(1), Some(FieldKind::Level3)),
            related(0, None, None),
            related(12, Some(30), Some(FieldKind::Goals)),
        ];
        let mut with_one = finding("x", Some("\u{8}\u{c}\u{7f}"), 0);
        with_one.related = vec![related(1, None, Some(FieldKind::Name))];
        let cases = [
            finding("指标“x”是套话", Some("请写出\n可以核对的效果"), 2),
            finding("控制字符\u{1}\u{1f}、引号\"、反斜杠\\、制表\t", None, 0),
            finding("", Some(""), 1),
            with_related,
            with_one,
        ];
        for d in &cases {
            let mut fast = Vec::new();
            plain(d, &mut fast);
            let one = serde_json::to_vec_pretty(&diagnostic(d)).unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(second_level(&one)).unwrap()
            );
        }
    }

    /// What `to_writer_pretty` wrote for one value, indented by four spaces as it stands at the
    /// second level of the report.
    fn second_level(one: &[u8]) -> Vec<u8> {
        let mut slow = b"    ".to_vec();
        for (n, line) in one.split(|&b| b == b'\n').enumerate() {
            if n > 0 {
                slow.extend_from_slice(b"\n    ");
            }
            slow.extend_from_slice(line);
        }
        slow
    }

    /// Strings are escaped as serde_json escapes them, whatever stands where in them.
    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        let mut pieces: Vec<String> = (0u32..0x80)
            .filter_map(char::from_u32)
            .map(String::from)
            .collect();
        pieces.extend(["指", "“", "\u{80}", "\u{9f}", "\u{2028}", "😀"].map(String::from));
        let mut seed = 11u64;
        for len in (0..48).chain([63, 64, 65, 95, 96, 97, 130]) {
            for _ in 0..200 {
                // Mostly letters and CJK, now and then anything.
                let t = crate::text::random_text(&pieces, &mut seed, len, |k| {
                    if k.is_multiple_of(5) {
                        k % pieces.len()
                    } else {
                        [b'a' as usize, 0x80][k % 2]
                    }
                });
                let mut fast = Vec::new();
                string(&mut fast, &t);
                assert_eq!(fast, serde_json::to_vec(&t).unwrap(), "{t:?}");
                // One byte to escape at every place of a clean string.
                if len > 0 && !t.contains(|c: char| c < ' ' || c == '"' || c == '\\') {
                    for (at, _) in t.char_indices() {
                        for e in ["\"", "\\", "\n", "\u{1}", "\u{1f}"] {
                            let u = format!("{}{e}{}", &t[..at], &t[at..]);
                            let mut fast = Vec::new();
                            string(&mut fast, &u);
                            assert_eq!(fast, serde_json::to_vec(&u).unwrap(), "{u:?}");
                        }
                    }
                }
            }
        }
        for n in (0..1100).chain([12345, usize::MAX]) {
            let mut out = Vec::new();
            decimal(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    /// A project is written by hand as `to_writer_pretty` writes it in the report.
    #[test]
    fn projects_are_written_as_serde_writes_them() {
        let p = |worst: Option<(&'static str, &'static str)>| JsonProject {
            path: "目录/a \"b\"\\c.yaml",
            project_index: 12,
            project: "项目\t“一”",
            department: "",
            code: "2025-001",
            budget: "318.48",
            verdict: "退回修改",
            errors: 0,
            warnings: 7,
            infos: 1234,
            worst_code: worst.map(|w| w.0),
            worst_message: worst.map(|w| w.1),
        };
        for jp in [p(None), p(Some(("R001", "指标“x”\n与项目无关")))] {
            let mut fast = Vec::new();
            project(&mut fast, &jp);
            let one = serde_json::to_vec_pretty(&jp).unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(second_level(&one)).unwrap()
            );
        }
    }
}
