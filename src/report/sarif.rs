//! `--format sarif`: one SARIF 2.1.0 log (OASIS, errata 01) for code-scanning tools such as
//! GitHub's `upload-sarif`.
//!
//! - `tool.driver.rules` lists every rule of the registry, in catalogue order, whether or not
//!   it ran: `id` is the code, `name` the kebab-case name, `shortDescription` the 标题,
//!   `fullDescription` 检查什么 and 为什么, `help` the whole documentation with the bad and good
//!   examples (`help.markdown` puts them in fenced YAML blocks), `defaultConfiguration.level`
//!   the default severity (info is SARIF's `note`). Each result points at its rule by `ruleId`
//!   and `ruleIndex`.
//! - `columnKind` is `unicodeCodePoints`: columns count characters, as [`Location`] does, and
//!   `endColumn` is the character after the span (exclusive), as SARIF defines it.
//! - A finding in a table format (Word, spreadsheet, HTML, PDF) has no `region`: its lines
//!   count rows of jxlint's rendering, not lines of the file, so its location names the file,
//!   and the cell in the location's `message` (`项目2!F9`, `第3页 表3 第5行 第4列`) and
//!   `properties` (sheet, table, row, col, cell, page).
//! - `message.text` is the diagnosis with its advice ("diagnosis：advice").
//! - `artifactLocation.uri` is the path as given on the command line, made a valid URI
//!   reference: relative paths stay relative (resolved against the folder jxlint ran in — run
//!   it at the repository root for code scanning), a leading `./` is dropped, and everything but
//!   unreserved ASCII is percent-encoded as UTF-8 (`预算/a b.yaml` →
//!   `%E9%A2%84%E7%AE%97/a%20b.yaml`), since GitHub rejects a log whose `uri` is not a valid
//!   `uri-reference`; an absolute path becomes a `file://` URI.
//! - `relatedLocations` are the further cells of a finding ([`Diagnostic::related`]).
//! - `partialFingerprints` holds `jxlintKey/v1`, the hash of the finding's content key
//!   ([`super::keys`]), so an alert keeps its identity when rows move.
//! - Files that could not be read are `invocations[0].toolExecutionNotifications` of level
//!   `error`, with the file (and line, when known) as their location, and make
//!   `executionSuccessful` false; documents of a format jxlint cannot read, and files skipped
//!   as plainly not target documents, are notifications of level `note`. (Notifications rather than `artifacts`: they are what a consumer shows as
//!   "the tool could not analyse this", and they need no results to hang on.)
//! - A result's `properties` hold its project, project and row index and field, as in JSON.

use serde::Serialize;

use super::Emitter;
use super::keys::{finding_keys, fingerprint};
use crate::diagnostic::{Diagnostic, Location, Report, Severity, Skip};
use crate::model::FieldKind;
use crate::rules::{Rule, registry};

pub struct Sarif;

/// The schema a log names: the OASIS 2.1.0 schema with errata 01, the one
/// `tests/sarif-schema-2.1.0.json` holds.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The name of the fingerprint in `partialFingerprints`.
pub const FINGERPRINT_NAME: &str = "jxlintKey/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    /// The language of the messages.
    language: &'static str,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    language: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [NotificationLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: FileOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileOnly {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<LineRegion>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LineRegion {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// Where a cell of a table format is: the JSON format's grid fields.
#[derive(Serialize)]
struct GridProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<usize>,
    row: usize,
    col: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    /// Absent for a file in a table format: its lines are not the file's.
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<GridProperties<'a>>,
}

/// The finding's place in the target document, beside its location.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    project: &'a str,
    /// Absent for a finding about the document as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    project_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicator_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<FieldKind>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [SarifLocation<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: std::collections::BTreeMap<&'static str, String>,
    properties: ResultProperties<'a>,
}

/// SARIF's level for a severity (info is `note`).
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as given, as a URI reference: relative stays relative (without a leading `./`),
/// absolute becomes `file://`; every byte but unreserved ASCII and `/` is percent-encoded, so
/// the result is valid under RFC 3986 whatever the file is called.
pub fn path_uri(path: &str) -> String {
    let p = super::ci_path(path);
    let mut out = String::with_capacity(p.len() + 8);
    if p.starts_with('/') {
        out.push_str("file://");
    }
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn region(l: &Location) -> Region {
    Region {
        start_line: l.line,
        start_column: l.column,
        end_line: l.end_line,
        end_column: l.end_column,
    }
}

/// A finding's or related cell's location: a region in a text or YAML file; in a table format,
/// the file alone, with the cell named in the location's message and `properties`.
fn location<'a>(
    report: &Report,
    path: &str,
    l: &'a Location,
    id: Option<usize>,
    note: Option<String>,
) -> SarifLocation<'a> {
    let rendered = super::is_rendered(report, path);
    let cell = if rendered { super::cell_label(l) } else { None };
    let text = match (note, cell) {
        (Some(n), Some(c)) => Some(format!("{n}（{c}）")),
        (Some(n), None) => Some(n),
        (None, Some(c)) => Some(c),
        (None, None) => None,
    };
    SarifLocation {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: path_uri(path),
            },
            region: (!rendered).then(|| region(l)),
        },
        message: text.map(|text| Text { text }),
        properties: grid(l),
    }
}

fn grid(l: &Location) -> Option<GridProperties<'_>> {
    let c = l.cell.as_ref()?;
    Some(GridProperties {
        sheet: c.sheet.as_deref(),
        table: c.table,
        row: c.row,
        col: c.col,
        cell: c.sheet.as_ref().map(|_| c.a1()),
        page: c.page,
    })
}

/// The rule's documentation as plain text: 检查什么, 为什么, and the two examples.
fn help_text(r: &Rule) -> String {
    format!(
        "检查什么：{}\n\n为什么：{}\n\n错误示例（{}）：\n{}\n\n正确示例：\n{}\n\n\
         运行 jxlint rule {} 查看当前生效的参数与词表。",
        r.doc.what,
        r.doc.why,
        r.doc.example_label(),
        r.doc.bad.trim_end(),
        r.doc.good.trim_end(),
        r.code
    )
}

/// The same as Markdown, the examples in fenced blocks (YAML; Word text for the D rules).
fn help_markdown(r: &Rule) -> String {
    format!(
        "**{code} {name}：{title}**\n\n**检查什么**\n\n{what}\n\n**为什么**\n\n{why}\n\n\
         **错误示例**（{label}）\n\n```{fence}\n{bad}\n```\n\n**正确示例**\n\n```{fence}\n{good}\n```\n\n\
         运行 `jxlint rule {code}` 查看当前生效的参数与词表。",
        code = r.code,
        name = r.name,
        title = r.title,
        what = r.doc.what,
        why = r.doc.why,
        label = r.doc.example_label(),
        fence = r.doc.example_fence(),
        bad = r.doc.bad.trim_end(),
        good = r.doc.good.trim_end(),
    )
}

fn descriptor(r: &Rule) -> RuleDescriptor {
    RuleDescriptor {
        id: r.code,
        name: r.name,
        short_description: Text {
            text: r.title.to_string(),
        },
        full_description: Text {
            text: format!("{}\n{}", r.doc.what, r.doc.why),
        },
        help: Help {
            text: help_text(r),
            markdown: help_markdown(r),
        },
        default_configuration: Configuration {
            level: level(r.severity),
        },
    }
}

fn result<'a>(report: &Report, d: &'a Diagnostic, key: &str) -> SarifResult<'a> {
    let rule_index = registry()
        .iter()
        .position(|r| r.code == d.code)
        .unwrap_or(0);
    let related_locations = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let note = match r.indicator_index {
                Some(k) if r.path == d.path && r.project_index == d.project_index => {
                    format!("同一问题：第{k}行指标")
                }
                Some(k) => format!("同一问题：项目{}第{k}行指标", r.project_index),
                None => "同一问题涉及的另一处".to_string(),
            };
            location(report, &r.path, &r.location, Some(i), Some(note))
        })
        .collect();
    SarifResult {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: Text {
            text: d.full_message(),
        },
        locations: [location(report, &d.path, &d.location, None, None)],
        related_locations,
        partial_fingerprints: [(FINGERPRINT_NAME, fingerprint(key))].into(),
        properties: ResultProperties {
            project: &d.project,
            project_index: (d.project_index > 0).then_some(d.project_index),
            indicator_index: d.indicator_index,
            field: d.field,
        },
    }
}

fn notifications(report: &Report) -> Vec<Notification> {
    report
        .files
        .iter()
        .filter_map(|f| {
            let (level, text, line, column) = match (&f.error, &f.skip) {
                (Some(e), _) => ("error", e.message.clone(), e.line, e.column),
                (None, Some(Skip::Unsupported(why))) => {
                    ("note", format!("暂不支持的格式，未检查：{why}"), None, None)
                }
                (None, Some(Skip::NotTarget(why))) => (
                    "note",
                    format!("不是绩效目标表，已跳过，未检查：{why}"),
                    None,
                    None,
                ),
                (None, None) => return None,
            };
            Some(Notification {
                level,
                message: Text { text },
                locations: [NotificationLocation {
                    physical_location: FileOnly {
                        artifact_location: ArtifactLocation {
                            uri: path_uri(&f.path),
                        },
                        region: line.map(|l| LineRegion {
                            start_line: l.max(1),
                            start_column: column.map(|c| c.max(1)),
                        }),
                    },
                }],
            })
        })
        .collect()
}

impl Emitter for Sarif {
    fn emit(&self, report: &Report) -> String {
        let keys = finding_keys(report);
        let log = Log {
            schema: SCHEMA_URI,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "jxlint",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        language: "zh-CN",
                        rules: registry().iter().map(descriptor).collect(),
                    },
                },
                invocations: [Invocation {
                    execution_successful: !report.has_errors_reading(),
                    tool_execution_notifications: notifications(report),
                }],
                language: "zh-CN",
                column_kind: "unicodeCodePoints",
                results: report
                    .diagnostics
                    .iter()
                    .zip(&keys)
                    .map(|(d, k)| result(report, d, k))
                    .collect(),
            }],
        };
        let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("fixtures/seed.txt"), "fixtures/seed.txt");
        assert_eq!(path_uri("./a/./b.yaml"), "a/./b.yaml");
        assert_eq!(path_uri(".//a.yaml"), "a.yaml");
        assert_eq!(
            path_uri("预算/a b#1%.yaml"),
            "%E9%A2%84%E7%AE%97/a%20b%231%25.yaml"
        );
        assert_eq!(path_uri("/tmp/x:y.txt"), "file:///tmp/x%3Ay.txt");
        assert_eq!(path_uri("c:d.txt"), "c%3Ad.txt");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Error), "error");
    }
}
