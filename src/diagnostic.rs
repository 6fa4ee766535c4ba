//! What a check produces: findings placed in their file and project ([`Diagnostic`]), the
//! files that were read or not ([`FileReport`]), and the whole run ([`Report`]). Emitters
//! (`crate::report`) only format these.

use std::sync::Arc;

use crate::model::{Document, FieldKind, Format};
pub use crate::source::CellRef;
use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" | "错误" => Severity::Error,
            "warning" | "警告" => Severity::Warning,
            "info" | "提示" => Severity::Info,
            _ => return None,
        })
    }
}

/// Where a finding is. Every input renders to text (a grid format to one line per table row),
/// so a location always has a span and a line/column in that text; inputs that are tables
/// also name the cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub cell: Option<Box<CellRef>>,
}

impl Location {
    pub fn of(src: &SourceFile, span: Span) -> Location {
        let (start, end) = src.span_positions(span);
        Location {
            span,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            cell: src.cell_at(span).cloned().map(Box::new),
        }
    }
}

/// A further cell the same finding is about (one defect running through several rows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// The file the cell is in (another file's, for findings across files).
    pub path: std::sync::Arc<str>,
    pub location: Location,
    pub project_index: usize,
    pub indicator_index: Option<usize>,
    pub field: Option<FieldKind>,
}

/// A finding, placed in its file and project.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// The diagnosis: what is wrong with this cell.
    pub message: String,
    /// The advice: what a good value looks like (shown as `= help:`).
    pub help: Option<String>,
    /// The file's path and the project's name, shared by the file's and project's findings.
    pub path: std::sync::Arc<str>,
    pub location: Location,
    pub project: std::sync::Arc<str>,
    /// 1-based position of the project in its file; 0 for a finding about the document as a
    /// whole (null in JSON).
    pub project_index: usize,
    /// 1-based position of the indicator row in its project.
    pub indicator_index: Option<usize>,
    pub field: Option<FieldKind>,
    /// The name cell of the row, shown beside the finding when it is not the finding's own.
    pub context: Option<Span>,
    pub related: Vec<Related>,
    /// Index into [`Report::files`].
    pub file: usize,
    /// About a section the received table's template does not have (B003 on a form without a
    /// 资金支出计划): see [`crate::config::VerdictRules::of`].
    pub template_lacks: bool,
}

impl Diagnostic {
    /// The message with its advice, as one sentence ("diagnosis：advice").
    pub fn full_message(&self) -> String {
        match &self.help {
            Some(h) => format!("{}：{h}", self.message),
            None => self.message.clone(),
        }
    }

    /// [`Diagnostic::sort_key`] without the path: the order of one file's findings.
    pub fn sort_key_in_file(&self) -> impl Ord + '_ {
        let l = &self.location;
        (
            l.line,
            l.column,
            self.code,
            l.end_line,
            l.end_column,
            &self.message,
        )
    }

    /// The order of the report: path, line, column, code, then the rest for ties.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (&self.path, self.sort_key_in_file())
    }
}

#[derive(Debug, Clone)]
pub struct FileError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The underlying parser's own words, when the message translates them.
    pub detail: Option<String>,
}

/// Why a file found in a folder walk was not checked, without that being an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Plainly not a target document (a CI workflow, a text without a target table, a report
    /// jxlint wrote).
    NotTarget(String),
    /// A document format jxlint cannot read (.wps, .ofd, an archive …).
    Unsupported(String),
}

/// A file that was checked (or could not be).
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub format: Option<Format>,
    pub projects: usize,
    pub indicators: usize,
    /// Why the file could not be read, with the line where known.
    pub error: Option<FileError>,
    /// Why a walked file was passed over (not an error).
    pub skip: Option<Skip>,
    /// The text findings point into (kept while the report is rendered).
    pub source: Option<Arc<SourceFile>>,
    /// The checked document, kept only when the run asks for it ([`crate::engine::Options`]
    /// `keep_documents`: the reports that draw each table as written).
    pub document: Option<Box<Document>>,
}

impl FileReport {
    pub fn failed(path: String, format: Option<Format>, message: String) -> FileReport {
        FileReport {
            error: Some(FileError {
                message,
                line: None,
                column: None,
                detail: None,
            }),
            ..FileReport::passed_over(path, format, None)
        }
    }

    pub fn passed_over(path: String, format: Option<Format>, skip: Option<Skip>) -> FileReport {
        FileReport {
            path,
            format,
            projects: 0,
            indicators: 0,
            error: None,
            skip,
            source: None,
            document: None,
        }
    }

    /// Read and checked as a target document.
    pub fn checked(&self) -> bool {
        self.error.is_none() && self.skip.is_none()
    }
}

/// The verdict of a project: what a reviewer does with its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Pass,
    Revise,
    SendBack,
}

impl Verdict {
    pub fn zh(self) -> &'static str {
        match self {
            Verdict::SendBack => "退回修改",
            Verdict::Revise => "建议修改",
            Verdict::Pass => "通过",
        }
    }
}

/// One checked project with its verdict, for the reviewer's summary.
#[derive(Debug, Clone)]
pub struct ProjectSummary {
    /// Index into [`Report::files`].
    pub file: usize,
    pub path: String,
    /// 1-based position in its file.
    pub project_index: usize,
    pub project: String,
    pub department: String,
    pub code: String,
    /// 预算数 as written.
    pub budget: String,
    pub verdict: Verdict,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The most serious finding (index into [`Report::diagnostics`]).
    pub worst: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Report {
    /// Every file the run met: checked, failed, or passed over (with the reason).
    pub files: Vec<FileReport>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every checked project, in file and project order.
    pub projects: Vec<ProjectSummary>,
    /// What `# jxlint: ignore` comments and a baseline hid.
    pub hidden: Hidden,
}

/// Findings the run found but does not report: hidden by `# jxlint: ignore` comments
/// (`crate::suppress`) or by a baseline (`crate::baseline`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// `# jxlint: ignore[…]` / `ignore-file[…]` comments read (malformed ones not counted).
    pub suppressions: usize,
    /// Of those, the comments that give no reason after the codes.
    pub without_reason: usize,
    /// Findings the comments hid.
    pub suppressed: usize,
    /// Findings the baseline hid; `None` when no baseline was given.
    pub baseline: Option<usize>,
}

impl Report {
    /// Files checked as target documents.
    pub fn checked(&self) -> usize {
        self.files.iter().filter(|f| f.checked()).count()
    }
    /// Files that could not be read (a named file of a format jxlint does not read is
    /// counted as unsupported, not here).
    pub fn unread(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.error.is_some() && !matches!(f.skip, Some(Skip::Unsupported(_))))
            .count()
    }
    /// Files passed over as plainly not target documents.
    pub fn skipped(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.skip, Some(Skip::NotTarget(_))))
            .count()
    }
    /// Walked files of a document format jxlint cannot read.
    pub fn unsupported(&self) -> Vec<&FileReport> {
        self.files
            .iter()
            .filter(|f| matches!(f.skip, Some(Skip::Unsupported(_))))
            .collect()
    }
    pub fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
    pub fn projects(&self) -> usize {
        self.files.iter().map(|f| f.projects).sum()
    }
    pub fn indicators(&self) -> usize {
        self.files.iter().map(|f| f.indicators).sum()
    }
    pub fn has_errors_reading(&self) -> bool {
        self.files.iter().any(|f| f.error.is_some())
    }
}
