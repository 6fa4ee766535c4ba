//! jxlint: a linter for Chinese government project performance-target tables
//! (项目支出绩效目标表).
//!
//! The flow: bytes → [`source`] (decoded text with a line index) → [`read`] (text grid or
//! YAML) → [`form`] (grid → projects) → [`model::Document`] → [`rules`] → [`Diagnostic`]s →
//! [`report`] (human, concise, JSON).

pub mod config;
pub mod data;
pub mod extract;
pub mod form;
pub mod lexicon;
pub mod limits;
pub mod model;
pub mod read;
pub mod report;
pub mod rules;
pub mod source;
pub mod value;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use config::{Config, Overrides, Resolver};
use model::{Document, Format};
use rules::{Check, Ctx, Finding, InputCtx, Severity, Unit};
use source::{SourceFile, Span};

/// One input to check: a path on disk or standard input.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file or directory, as the user named it.
    Path(PathBuf),
    /// Text read from standard input, with its format if the user gave one.
    Stdin {
        text: Vec<u8>,
        format: Option<Format>,
    },
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
    pub source: Option<Arc<SourceFile>>,
}

#[derive(Debug, Clone)]
pub struct FileError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// A finding, placed in its file and project.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub message: String,
    pub path: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub project: String,
    /// 1-based position of the project in its file.
    pub project_index: usize,
    /// 1-based position of the indicator row in its project.
    pub indicator_index: Option<usize>,
    pub field: Option<&'static str>,
    /// The name cell of the row, shown beside the finding when it is not the finding's own.
    pub context: Option<Span>,
    /// Index into [`Report::files`].
    pub file: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files met in a directory walk that are plainly not target documents.
    pub skipped: usize,
}

impl Report {
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

/// Options of a check run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--config`: one configuration for every file, instead of searching upward for
    /// `.jxlint.yaml` from each file.
    pub config: Option<PathBuf>,
    /// `--select` / `--ignore`, which replace the configuration's.
    pub overrides: Overrides,
    /// `--skip-non-targets`: a file named on the command line that is plainly not a target
    /// document is skipped, as in a folder walk, instead of being an error (for pre-commit,
    /// which names every changed .yaml file).
    pub skip_non_targets: bool,
}

/// A file to read, found on the command line or in a directory walk.
struct Candidate {
    display: String,
    path: Option<PathBuf>,
    bytes: Option<Vec<u8>>,
    format: Option<Format>,
    /// Named on the command line (always checked) rather than found in a walk.
    explicit: bool,
    /// The path could not even be listed or opened.
    error: Option<String>,
}

/// Check every input and return the report. Inputs that cannot be read are reported in
/// [`Report::files`] with an error; the others are still checked.
pub fn check(inputs: &[Input], opts: &Options) -> Report {
    let mut report = Report::default();
    let mut candidates = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin { text, format } => candidates.push(Candidate {
                display: "<stdin>".into(),
                path: None,
                bytes: Some(text.clone()),
                format: *format,
                explicit: true,
                error: None,
            }),
            Input::Path(p) => collect(p, &mut candidates, !opts.skip_non_targets),
        }
    }
    let mut resolver = Resolver::new(opts.config.as_deref(), opts.overrides.clone());
    let mut bad_configs = std::collections::BTreeSet::new();
    let mut checked = Vec::new();
    for c in candidates {
        let cfg = match resolver.for_file(c.path.as_deref()) {
            Ok(cfg) => cfg,
            Err((path, e)) => {
                if bad_configs.insert(path.clone()) {
                    report.files.push(FileReport {
                        path: display(&path),
                        format: Some(Format::Yaml),
                        projects: 0,
                        indicators: 0,
                        error: Some(FileError {
                            message: format!("配置文件有误：{}", e.message),
                            line: e.line,
                            column: e.column,
                        }),
                        source: None,
                    });
                }
                if c.error.is_none() {
                    report.files.push(error_file(
                        c.display,
                        c.format,
                        format!("未检查：配置文件 {} 有误", display(&path)),
                    ));
                    continue;
                }
                Config::default()
            }
        };
        checked.extend(check_candidate(c, &cfg, &mut report));
    }
    report.diagnostics.extend(lint_input(&checked));
    report.diagnostics.sort_by(|a, b| {
        (
            &a.path,
            a.line,
            a.column,
            a.code,
            a.end_line,
            a.end_column,
            &a.message,
        )
            .cmp(&(
                &b.path,
                b.line,
                b.column,
                b.code,
                b.end_line,
                b.end_column,
                &b.message,
            ))
    });
    report
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Expand a path: a file is a candidate; a directory is walked (sorted, hidden entries and
/// symbolic links to directories skipped) for .txt/.yaml/.yml files.
fn collect(path: &Path, out: &mut Vec<Candidate>, explicit: bool) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.push(Candidate::failed(display(path), io_message(&e)));
            return;
        }
    };
    if meta.is_dir() {
        walk(path, out);
    } else if let Some(ext) = read::unsupported_extension(path) {
        out.push(Candidate::failed(
            display(path),
            format!("暂不支持 .{ext} 文件（计划中）：请先另存为文本（.txt）或写成 YAML 目标文档"),
        ));
    } else {
        out.push(Candidate {
            display: display(path),
            path: Some(path.to_path_buf()),
            bytes: None,
            format: read::format_for_path(path),
            explicit,
            error: None,
        });
    }
}

fn walk(dir: &Path, out: &mut Vec<Candidate>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Candidate::failed(display(dir), io_message(&e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let Ok(lmeta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if lmeta.is_dir() {
            walk(&p, out);
        } else if (lmeta.is_file() || lmeta.file_type().is_symlink())
            && let Some(format) = read::format_for_path(&p)
            && std::fs::metadata(&p).is_ok_and(|m| m.is_file())
        {
            out.push(Candidate {
                display: display(&p),
                path: Some(p),
                bytes: None,
                format: Some(format),
                explicit: false,
                error: None,
            });
        }
    }
}

/// Read a regular file of at most [`limits::MAX_FILE_BYTES`]. A FIFO, device or socket is
/// refused (reading one could block forever), and so is a file past the limit, before a byte
/// of it is read.
fn read_file(p: &Path) -> Result<Vec<u8>, String> {
    // The path was there when the inputs were listed: NotFound now means it went away.
    let gone = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => "文件已不存在（检查过程中被删除或移走了）".to_string(),
        _ => io_message(&e),
    };
    let meta = std::fs::metadata(p).map_err(gone)?;
    if !meta.is_file() {
        return Err("不是普通文件（可能是管道、设备或套接字），不读取".into());
    }
    if meta.len() > limits::MAX_FILE_BYTES {
        return Err(limits::too_large(Some(meta.len())));
    }
    let f = std::fs::File::open(p).map_err(gone)?;
    limits::read_bounded(f)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "没有这个文件或目录".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        _ => format!("无法读取：{e}"),
    }
}

fn error_file(path: String, format: Option<Format>, message: String) -> FileReport {
    FileReport {
        path,
        format,
        projects: 0,
        indicators: 0,
        error: Some(FileError {
            message,
            line: None,
            column: None,
        }),
        source: None,
    }
}

impl Candidate {
    fn failed(display: String, message: String) -> Candidate {
        Candidate {
            display,
            path: None,
            bytes: None,
            format: None,
            explicit: true,
            error: Some(message),
        }
    }
}

/// A file that was read, kept for the input-wide rules.
struct Checked {
    file: usize,
    doc: Document,
    src: Arc<SourceFile>,
    cfg: Config,
}

fn check_candidate(c: Candidate, cfg: &Config, report: &mut Report) -> Option<Checked> {
    if let Some(message) = c.error {
        report.files.push(error_file(c.display, None, message));
        return None;
    }
    let bytes = match (c.bytes, &c.path) {
        (Some(b), _) => b,
        (None, Some(p)) => match read_file(p) {
            Ok(b) => b,
            Err(message) => {
                report.files.push(error_file(c.display, c.format, message));
                return None;
            }
        },
        (None, None) => return None,
    };
    let (text, encoding) = match source::decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            report.files.push(error_file(c.display, c.format, e.0));
            return None;
        }
    };
    let format = c.format.unwrap_or_else(|| read::sniff(&text));
    let src = Arc::new(SourceFile::with_encoding(c.display.clone(), text, encoding));
    match read::read(&src, format) {
        Ok(doc) => {
            let file = report.files.len();
            report.diagnostics.extend(lint(&doc, &src, file, cfg));
            report.files.push(FileReport {
                path: c.display,
                format: Some(format),
                projects: doc.projects.len(),
                indicators: doc.projects.iter().map(|p| p.indicators.len()).sum(),
                error: None,
                source: Some(src.clone()),
            });
            Some(Checked {
                file,
                doc,
                src,
                cfg: cfg.clone(),
            })
        }
        Err(e) if e.not_target && !c.explicit => {
            report.skipped += 1;
            None
        }
        Err(e) => {
            report.files.push(FileReport {
                path: c.display,
                format: Some(format),
                projects: 0,
                indicators: 0,
                error: Some(FileError {
                    message: e.message,
                    line: e.line,
                    column: e.column,
                }),
                source: Some(src),
            });
            None
        }
    }
}

/// Place a finding in its file and project.
fn diagnostic(
    rule: &rules::Rule,
    f: Finding,
    src: &SourceFile,
    file: usize,
    project: &model::Project,
    index: usize,
    cfg: &Config,
) -> Diagnostic {
    let context = f
        .indicator
        .and_then(|k| project.indicators.get(k))
        .and_then(|i| i.name())
        .map(|n| n.span)
        .filter(|s| *s != f.span && !s.is_empty());
    let start = src.position(f.span.start);
    let end = src.position(f.span.end);
    Diagnostic {
        code: rule.code,
        rule: rule.name,
        title: rule.title,
        // A severity set in the configuration wins over the rule's own choice.
        severity: cfg
            .severity_override(rule)
            .or(f.severity)
            .unwrap_or(rule.severity),
        message: f.message,
        path: src.path.clone(),
        span: f.span,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        project: project.display_name().to_string(),
        project_index: index + 1,
        indicator_index: f.indicator.map(|i| i + 1),
        field: f.field,
        context,
        file,
    }
}

/// Run every per-project rule over every project of a document.
pub fn lint(doc: &Document, src: &SourceFile, file: usize, cfg: &Config) -> Vec<Diagnostic> {
    let amount_unit = doc
        .unit
        .as_ref()
        .map(|u| crate::value::normalize(&u.text))
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "万元".to_string());
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for (pi, project) in doc.projects.iter().enumerate() {
        let ctx = Ctx {
            data: &cfg.data,
            amount_unit: &amount_unit,
            department: doc.department.as_ref().map(|d| d.text.as_str()),
            values: Ctx::parse_values(&cfg.data, project),
        };
        for rule in rules::registry().iter().filter(|r| cfg.enabled(r)) {
            let Check::Project(check) = rule.check else {
                continue;
            };
            findings.clear();
            check(&ctx, project, &mut findings);
            for f in findings.drain(..) {
                out.push(diagnostic(rule, f, src, file, project, pi, cfg));
            }
        }
    }
    out
}

/// Run the input-wide rules (copying across projects and files) over every file read.
fn lint_input(checked: &[Checked]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules::registry() {
        let Check::Input(check) = rule.check else {
            continue;
        };
        let files: Vec<&Checked> = checked.iter().filter(|c| c.cfg.enabled(rule)).collect();
        let Some(first) = files.first() else { continue };
        let units: Vec<(usize, Unit)> = files
            .iter()
            .enumerate()
            .flat_map(|(fi, c)| {
                c.doc
                    .projects
                    .iter()
                    .enumerate()
                    .map(move |(index, project)| {
                        (
                            fi,
                            Unit {
                                file: c.file,
                                path: &c.src.path,
                                index,
                                project,
                            },
                        )
                    })
            })
            .collect();
        let (owners, units): (Vec<usize>, Vec<Unit>) = units.into_iter().unzip();
        let ctx = InputCtx {
            data: &first.cfg.data,
        };
        let mut findings = Vec::new();
        check(&ctx, &units, &mut findings);
        for (u, f) in findings {
            let c = files[owners[u]];
            let unit = &units[u];
            out.push(diagnostic(
                rule,
                f,
                &c.src,
                c.file,
                unit.project,
                unit.index,
                &c.cfg,
            ));
        }
    }
    out
}

/// Read one source into a document (for `extract` and for tests).
pub fn read_source(src: &SourceFile, format: Format) -> Result<Document, read::ReadError> {
    read::read(src, format)
}
