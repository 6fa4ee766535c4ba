//! The engine: every candidate is checked by [`check_one`], a pure function of the candidate
//! and its configuration, isolated so that a panic in one rule becomes one file's error; files
//! are numbered afterwards in candidate order; the input-wide rules (copying across projects)
//! run after all files; the findings are sorted.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::{Config, Overrides, Resolver, Verdict};
use crate::diagnostic::{
    Diagnostic, FileError, FileReport, Location, ProjectSummary, Related, Report, Severity, Skip,
};
use crate::model::{Document, Format, Project};
use crate::rules::{self, Check, Ctx, Finding, InputCtx, Rule};
use crate::source::{SourceFile, Span};
use crate::walk::{self, Candidate};

/// One input to check: a path on disk or standard input.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file or directory, as the user named it.
    Path(PathBuf),
    /// Bytes read from standard input, with their format if the user gave one.
    Stdin {
        text: Vec<u8>,
        format: Option<Format>,
    },
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
    /// Threads that check files (`--threads`); 0 for all cores. The report is the same
    /// whatever the count.
    pub threads: usize,
    /// Keep each checked [`Document`] in its [`FileReport`] (for the reports that draw the
    /// tables as written); a plain check drops them.
    pub keep_documents: bool,
    /// `--baseline`: findings recorded in it are not reported.
    pub baseline: Option<Arc<crate::baseline::Baseline>>,
}

/// What checking one candidate gave.
pub enum FileOutcome {
    /// Read and checked by the per-project rules.
    Checked(Box<Checked>),
    /// Could not be read (or checking it failed), or was passed over (with the reason).
    NotChecked(FileReport),
}

/// A file that was read and checked, with what the input-wide rules need.
pub struct Checked {
    /// Index of the file in the report (set when files are numbered).
    pub file: usize,
    pub report: FileReport,
    /// Findings of the per-project rules; their `file` index is set when files are numbered.
    pub diagnostics: Vec<Diagnostic>,
    /// Each project's summary for the verdict table, counts still zero (the document itself
    /// is not kept: a batch's memory would grow with every project model).
    pub projects: Vec<ProjectSummary>,
    /// What the input-wide rules need of the file's projects, when one is enabled for it.
    pub digest: Option<rules::CopyDigest>,
    /// The document, kept only when the run keeps documents (`report`) or the file has
    /// suppression comments (which are matched to its rows after every rule has run).
    pub doc: Option<Document>,
    pub source: Arc<SourceFile>,
    pub config: Config,
}

// The engine shares configurations across files (and, later, threads).
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Config>();
    send_sync::<Options>();
};

/// Check every input and return the report. Inputs that cannot be read are reported in
/// [`Report::files`] with an error; the others are still checked.
pub fn check(inputs: &[Input], opts: &Options) -> Report {
    check_with(inputs, opts, &crate::progress::Silent)
}

/// [`check`], telling `progress` how far the files are.
pub fn check_with(
    inputs: &[Input],
    opts: &Options,
    progress: &dyn crate::progress::Progress,
) -> Report {
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
                unsupported: None,
            }),
            Input::Path(p) => walk::collect(p, &mut candidates, !opts.skip_non_targets),
        }
    }
    let mut resolver = Resolver::new(opts.config.as_deref(), opts.overrides.clone());
    let mut report = Report::default();
    let mut bad_configs = std::collections::BTreeSet::new();
    let mut checked: Vec<Checked> = Vec::new();
    let mut copies = rules::CopyIndex::default();
    // Configurations are found in candidate order (they are cached by folder); the files are
    // checked in parallel, their results kept in candidate order.
    let resolved: Vec<_> = candidates
        .into_iter()
        .map(|c| {
            let cfg = resolver.for_file(c.path.as_deref());
            (c, cfg)
        })
        .collect();
    progress.start(resolved.len());
    crate::parallel::set_run_threads(opts.threads);
    // Each file's outcome is numbered and its digest taken into R003's index on this thread as
    // soon as it and every file before it are checked, while the workers go on with the rest.
    // While the files come in path order (as a folder walk gives them), their findings are
    // moved into the report's list as they come (`streamed`: each file's place in `checked`
    // and its findings' in the list), which leaves only the input-wide findings to place.
    let mut at = 0;
    let mut streamed: Option<Vec<(usize, std::ops::Range<usize>)>> = Some(Vec::new());
    let done: Result<(), std::convert::Infallible> = crate::parallel::for_each_in_order(
        &resolved,
        opts.threads,
        usize::MAX,
        |(c, cfg)| {
            let outcome = match cfg {
                Ok(cfg) => check_isolated(c, cfg, opts.keep_documents),
                Err((path, _)) => {
                    let why = c.error.clone().unwrap_or_else(|| {
                        format!("未检查：配置文件 {} 有误", path.to_string_lossy())
                    });
                    FileOutcome::NotChecked(FileReport::failed(c.display.clone(), c.format, why))
                }
            };
            progress.advance();
            outcome
        },
        |outcome| {
            let cfg = &resolved[at].1;
            at += 1;
            // A broken configuration is reported once, before the first file it concerns.
            if let Err((path, e)) = cfg
                && bad_configs.insert(path.clone())
            {
                report.files.push(FileReport {
                    error: Some(FileError {
                        message: format!("配置文件有误：{}", e.message),
                        line: e.line,
                        column: e.column,
                        detail: e.detail.clone(),
                    }),
                    ..FileReport::passed_over(
                        path.to_string_lossy().into_owned(),
                        Some(Format::Yaml),
                        None,
                    )
                });
            }
            // Files are numbered in candidate order.
            match outcome {
                FileOutcome::Checked(mut k) => {
                    let file = report.files.len();
                    k.file = file;
                    for d in &mut k.diagnostics {
                        d.file = file;
                    }
                    report.files.push(std::mem::replace(
                        &mut k.report,
                        FileReport::failed(String::new(), None, String::new()),
                    ));
                    if let Some(digest) = k.digest.take() {
                        copies.add(file, &k.source.path, digest);
                    }
                    for p in &mut k.projects {
                        p.file = file;
                    }
                    if let Some(runs) = &mut streamed {
                        if runs
                            .last()
                            .is_none_or(|(ci, _)| checked[*ci].source.path <= k.source.path)
                        {
                            let start = report.diagnostics.len();
                            report.diagnostics.append(&mut k.diagnostics);
                            k.diagnostics = Vec::new();
                            runs.push((checked.len(), start..report.diagnostics.len()));
                        } else {
                            unstream(&mut report.diagnostics, &mut checked, runs);
                            streamed = None;
                        }
                    }
                    checked.push(*k);
                }
                FileOutcome::NotChecked(f) => report.files.push(f),
            }
            Ok(())
        },
    );
    let Ok(()) = done;
    progress.finish();
    drop(resolved);
    let input = lint_input(&checked, &copies);
    drop(copies);
    let input = match &streamed {
        Some(runs) => place_input(&mut report.diagnostics, &checked, runs, input),
        None => Some(input),
    };
    if let Some(input) = input {
        if let Some(runs) = &streamed {
            unstream(&mut report.diagnostics, &mut checked, runs);
        }
        merge_in_order(&mut report, &mut checked, input);
    }
    crate::suppress::apply(
        &mut report,
        checked
            .iter()
            .filter_map(|c| c.doc.as_ref().map(|d| (c.file, &c.config, d))),
    );
    // (Already in order unless suppressions added findings or two files share a path.)
    if !in_order(&report.diagnostics) {
        sort_in_place(&mut report.diagnostics);
    }
    if let Some(b) = &opts.baseline {
        b.hide(&mut report);
    }
    report.projects = summaries(&mut checked, &report);
    if opts.keep_documents {
        for c in checked {
            if let Some(d) = c.doc {
                report.files[c.file].document = Some(Box::new(d));
            }
        }
    }
    report
}

/// Every finding moved into one vector of exactly their number, in report order where it can be
/// had without sorting: each file's findings come sorted from its worker, the files are taken
/// in path order, and the input-wide findings of a file are merged into its run (a finding of
/// the file's own before an equal input-wide one, as a stable sort of the files' findings
/// followed by the input-wide ones would place them).
fn merge_in_order(report: &mut Report, checked: &mut [Checked], mut input: Vec<Diagnostic>) {
    let total = input.len() + checked.iter().map(|c| c.diagnostics.len()).sum::<usize>();
    report.diagnostics.reserve_exact(total);
    let mut order: Vec<usize> = (0..checked.len()).collect();
    order.sort_by(|&a, &b| {
        checked[a]
            .source
            .path
            .cmp(&checked[b].source.path)
            .then(a.cmp(&b))
    });
    // The input-wide findings by file (stable: equal ones keep their order).
    input.sort_by(|a, b| {
        a.file
            .cmp(&b.file)
            .then_with(|| a.sort_key_in_file().cmp(&b.sort_key_in_file()))
    });
    let mut input = input.into_iter().peekable();
    let mut by_file: Vec<Vec<Diagnostic>> = Vec::new();
    let mut files: Vec<usize> = Vec::new();
    while let Some(d) = input.next() {
        let file = d.file;
        let mut run = vec![d];
        while let Some(e) = input.next_if(|e| e.file == file) {
            run.push(e);
        }
        files.push(file);
        by_file.push(run);
    }
    for ci in order {
        // (Taken: an emptied vector would keep its capacity.)
        let mut own = std::mem::take(&mut checked[ci].diagnostics);
        let extra = match files.binary_search(&checked[ci].file) {
            Ok(i) => std::mem::take(&mut by_file[i]),
            Err(_) => {
                // (Moved as one block.)
                report.diagnostics.append(&mut own);
                continue;
            }
        };
        // Each input-wide finding after the file's own that do not sort after it (they are
        // sorted), the runs between moved as blocks.
        let mut own = own.into_iter();
        for e in extra {
            let n = own
                .as_slice()
                .partition_point(|d| d.sort_key_in_file() <= e.sort_key_in_file());
            report.diagnostics.extend(own.by_ref().take(n));
            report.diagnostics.push(e);
        }
        report.diagnostics.extend(own);
    }
    // Input-wide findings of a file not among the checked ones (none: kept all the same).
    for run in by_file {
        report.diagnostics.extend(run);
    }
}

/// Give the files whose findings were moved into `v` (`runs`) their findings back.
fn unstream(
    v: &mut Vec<Diagnostic>,
    checked: &mut [Checked],
    runs: &[(usize, std::ops::Range<usize>)],
) {
    for (ci, r) in runs.iter().rev() {
        checked[*ci].diagnostics = v.split_off(r.start);
    }
}

/// [`merge_in_order`] for files whose findings are already in `v`, in path order (`runs`): the
/// input-wide findings are placed among them where that function would place them, in place —
/// each after its file's own findings that do not sort after it — by one rotation for each,
/// from the last, which moves the findings after the first place once. `None` when done; the
/// input-wide findings back when they cannot be placed so (one of a file not among `runs`, or
/// so many that the rotations would move more than the whole list).
fn place_input(
    v: &mut Vec<Diagnostic>,
    checked: &[Checked],
    runs: &[(usize, std::ops::Range<usize>)],
    mut input: Vec<Diagnostic>,
) -> Option<Vec<Diagnostic>> {
    let m = input.len();
    if m.saturating_mul(m + 1) / 2 > v.len() {
        return Some(input);
    }
    // As merge_in_order orders them (stable: equal ones keep their order).
    input.sort_by(|a, b| {
        a.file
            .cmp(&b.file)
            .then_with(|| a.sort_key_in_file().cmp(&b.sort_key_in_file()))
    });
    let mut at = Vec::with_capacity(m);
    for e in &input {
        // (The runs are in file order: files are numbered in candidate order.)
        let Ok(i) = runs.binary_search_by_key(&e.file, |(ci, _)| checked[*ci].file) else {
            return Some(input);
        };
        let r = runs[i].1.clone();
        let own = &v[r.clone()];
        at.push(r.start + own.partition_point(|d| d.sort_key_in_file() <= e.sort_key_in_file()));
    }
    let n = v.len();
    v.extend(input);
    // Before the step for finding i: v[at[i]..end] holds the own findings from at[i] to the
    // next place, then input findings 0..=i; the rotation puts the findings first.
    for i in (0..m).rev() {
        let end = if i + 1 == m { n + m } else { at[i + 1] + i + 1 };
        v[at[i]..end].rotate_right(i + 1);
    }
    None
}

/// Whether the findings are in report order (paths compared by content only where they differ
/// from the previous finding's).
fn in_order(v: &[Diagnostic]) -> bool {
    v.windows(2).all(|w| {
        let (a, b) = (&w[0], &w[1]);
        let path = if std::sync::Arc::ptr_eq(&a.path, &b.path) {
            std::cmp::Ordering::Equal
        } else {
            a.path.cmp(&b.path)
        };
        path.then_with(|| a.sort_key_in_file().cmp(&b.sort_key_in_file()))
            .is_le()
    })
}

/// Sort the findings into report order (stable): the order is found on their indices, then the
/// findings are moved along its cycles, so no second copy of them is ever made.
fn sort_in_place(v: &mut [Diagnostic]) {
    // Paths compared once: each finding's path by its rank among the distinct paths (a batch
    // has few files and many findings, whose paths share long prefixes).
    // (Findings come in runs of one file: a path is looked up only where the run changes.)
    let mut paths: Vec<&str> = Vec::new();
    for d in v.iter() {
        if paths.last() != Some(&&*d.path) {
            paths.push(&d.path);
        }
    }
    paths.sort_unstable();
    paths.dedup();
    let mut last: Option<(&str, u32)> = None;
    let rank: Vec<u32> = v
        .iter()
        .map(|d| match last {
            Some((p, r)) if p == &*d.path => r,
            _ => {
                let r = paths.binary_search(&&*d.path).unwrap_or(0) as u32;
                last = Some((&d.path, r));
                r
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| {
        rank[a]
            .cmp(&rank[b])
            .then_with(|| v[a].sort_key().cmp(&v[b].sort_key()))
    });
    drop(rank);
    drop(paths);
    // Position j takes the finding at order[j].
    for i in 0..v.len() {
        if order[i] == usize::MAX {
            continue;
        }
        let mut j = i;
        loop {
            let k = std::mem::replace(&mut order[j], usize::MAX);
            if k == i {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Each checked project's counts, most serious finding and verdict.
fn summaries(checked: &mut [Checked], report: &Report) -> Vec<ProjectSummary> {
    // Where each file's projects start in the list, by file index.
    let mut base: Vec<Option<(usize, usize)>> = vec![None; report.files.len()];
    let mut out = Vec::new();
    for (ci, c) in checked.iter_mut().enumerate() {
        base[c.file] = Some((ci, out.len()));
        out.append(&mut c.projects);
    }
    // The rank of each project's most serious finding so far.
    let mut worst_rank = vec![None; out.len()];
    // A finding's verdict by its rule and severity, for the verdict rules of the last file
    // (a batch's files share them; finding the rule by its code for each finding cost more
    // than the rest of the summaries).
    let mut known_for: Option<&crate::config::VerdictRules> = None;
    let mut known: Vec<(&str, Severity, Verdict)> = Vec::new();
    // One pass over the findings, in report order.
    for (di, d) in report.diagnostics.iter().enumerate() {
        if d.project_index == 0 {
            continue;
        }
        let Some(Some((ci, start))) = base.get(d.file).copied() else {
            continue;
        };
        let c = &checked[ci];
        let Some(s) = out.get_mut(start + d.project_index - 1) else {
            continue;
        };
        if s.file != d.file {
            continue;
        }
        match d.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Info => s.infos += 1,
        }
        let rules = &c.config.verdict;
        // (Compared when the file changes: each file has its own copy of the configuration.)
        if !known_for.is_some_and(|r| std::ptr::eq(r, rules)) {
            if !known_for
                .is_some_and(|r| r.send_back == rules.send_back && r.revise == rules.revise)
            {
                known.clear();
            }
            known_for = Some(rules);
        }
        // (A rule's findings share its code's `&'static str`: found by its address, or else
        // by its text, the first time an address is met. A finding about a section the
        // template lacks, at most one per project, is looked up on its own.)
        let v = if d.template_lacks {
            rules.of(d.code, d.severity, true)
        } else {
            match known
                .iter()
                .find(|(code, sev, _)| std::ptr::eq(*code, d.code) && *sev == d.severity)
                .or_else(|| {
                    known
                        .iter()
                        .find(|(code, sev, _)| *code == d.code && *sev == d.severity)
                }) {
                Some(&(code, sev, v)) => {
                    if !std::ptr::eq(code, d.code) {
                        known.push((d.code, sev, v));
                    }
                    v
                }
                None => {
                    let v = rules.of(d.code, d.severity, false);
                    known.push((d.code, d.severity, v));
                    v
                }
            }
        };
        s.verdict = s.verdict.max(v);
        // The most serious: the strongest verdict, then severity, then first in the file.
        let rank = (v, d.severity);
        if worst_rank[start + d.project_index - 1].is_none_or(|w| rank > w) {
            s.worst = Some(di);
            worst_rank[start + d.project_index - 1] = Some(rank);
        }
    }
    out
}

/// The summaries of a document's projects, counts zero, file index 0.
fn project_summaries(doc: &Document, path: &str) -> Vec<ProjectSummary> {
    let text = |f: &Option<crate::model::Field>| {
        f.as_ref()
            .map(|f| f.trimmed().to_string())
            .unwrap_or_default()
    };
    let doc_unit = doc.amount_unit();
    doc.projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let department = &doc.department_of(p).cloned();
            // A budget in a unit of its own (“年度预算安排（元）”) in the document's unit.
            let budget = match (&p.budget.unit, &p.budget.total) {
                (Some(u), Some(t)) if *u != doc_unit => {
                    crate::rules::budget::converted(&t.text, u, &doc_unit)
                        .unwrap_or_else(|| text(&p.budget.total))
                }
                _ => text(&p.budget.total),
            };
            ProjectSummary {
                file: 0,
                path: path.to_string(),
                project_index: i + 1,
                project: p.display_name().to_string(),
                department: text(department),
                code: text(&p.code),
                budget,
                verdict: Verdict::Pass,
                errors: 0,
                warnings: 0,
                infos: 0,
                worst: None,
            }
        })
        .collect()
}

thread_local! {
    /// Set while a file is checked under `catch_unwind`: the panic hook then records the
    /// message instead of printing it.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The process's panic hook: inside an isolated check it records the panic for the file's
/// error; anywhere else it prints one Chinese line.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = payload_text(info.payload());
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if ISOLATED.with(Cell::get) {
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}（{at}）")));
        } else {
            eprintln!(
                "jxlint: 内部错误：{msg}（{at}）。请把出错的命令和输入报告给 jxlint 的维护者"
            );
        }
    }));
}

fn payload_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知错误".into())
}

/// [`check_one`] under `catch_unwind`: a panic becomes this file's error.
pub fn check_isolated(c: &Candidate, cfg: &Config, keep_document: bool) -> FileOutcome {
    ISOLATED.with(|f| f.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_one_keeping(c, cfg, keep_document)
    }));
    ISOLATED.with(|f| f.set(false));
    match result {
        Ok(outcome) => outcome,
        Err(payload) => {
            let detail = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| payload_text(payload.as_ref()));
            FileOutcome::NotChecked(FileReport::failed(
                c.display.clone(),
                c.format,
                format!(
                    "内部错误：jxlint 检查此文件时出错，此文件的结果不完整（{detail}）。\
                     其他文件不受影响；请把这个文件报告给 jxlint 的维护者"
                ),
            ))
        }
    }
}

/// Read one candidate and run every per-project rule over it.
pub fn check_one(c: &Candidate, cfg: &Config) -> FileOutcome {
    check_one_keeping(c, cfg, false)
}

/// [`check_one`], keeping the document when `keep_document` (or when it has suppression
/// comments, which need it).
pub fn check_one_keeping(c: &Candidate, cfg: &Config, keep_document: bool) -> FileOutcome {
    if let Some(message) = &c.error {
        return FileOutcome::NotChecked(FileReport {
            skip: c.unsupported.clone().map(Skip::Unsupported),
            ..FileReport::failed(c.display.clone(), None, message.clone())
        });
    }
    if let Some(why) = &c.unsupported {
        return FileOutcome::NotChecked(FileReport::passed_over(
            c.display.clone(),
            None,
            Some(Skip::Unsupported(why.clone())),
        ));
    }
    let bytes = match (&c.bytes, &c.path) {
        (Some(b), _) => std::borrow::Cow::Borrowed(b.as_slice()),
        (None, Some(p)) => match walk::read_file(p, walk::max_bytes(c.format)) {
            Ok(b) => std::borrow::Cow::Owned(b),
            Err(message) => {
                return FileOutcome::NotChecked(FileReport::failed(
                    c.display.clone(),
                    c.format,
                    message,
                ));
            }
        },
        (None, None) => {
            return FileOutcome::NotChecked(FileReport::failed(
                c.display.clone(),
                c.format,
                "没有可读取的内容".into(),
            ));
        }
    };
    if crate::report::is_own_report(&bytes) {
        return FileOutcome::NotChecked(FileReport::passed_over(
            c.display.clone(),
            c.format,
            Some(Skip::NotTarget("这是 jxlint 生成的检查报告".into())),
        ));
    }
    match crate::read::read(&bytes, &c.display, c.format) {
        Ok(loaded) => {
            let mut diagnostics = lint(&loaded.doc, &loaded.source, 0, cfg);
            // In report order here, on the worker (the batch merges the files' runs); held
            // until the batch is done: no slack.
            diagnostics.sort_by(|a, b| a.sort_key_in_file().cmp(&b.sort_key_in_file()));
            diagnostics.shrink_to_fit();
            FileOutcome::Checked(Box::new(Checked {
                file: 0,
                report: FileReport {
                    path: c.display.clone(),
                    format: Some(loaded.format),
                    projects: loaded.doc.projects.len(),
                    indicators: loaded.doc.projects.iter().map(|p| p.indicators.len()).sum(),
                    error: None,
                    skip: None,
                    source: Some(loaded.source.clone()),
                    document: None,
                },
                diagnostics,
                projects: project_summaries(&loaded.doc, &loaded.source.path),
                digest: rules::registry()
                    .iter()
                    .any(|r| matches!(r.check, Check::Input(_)) && cfg.enabled(r))
                    .then(|| rules::copy_digest(&loaded.doc)),
                doc: (keep_document
                    || (loaded.format == Format::Yaml
                        && crate::suppress::has_comments(&loaded.source)))
                .then_some(loaded.doc),
                source: loaded.source,
                config: cfg.clone(),
            }))
        }
        Err(e) if e.not_target && !c.explicit => FileOutcome::NotChecked(FileReport::passed_over(
            c.display.clone(),
            c.format,
            Some(Skip::NotTarget(e.message)),
        )),
        Err(e) => FileOutcome::NotChecked(FileReport {
            error: Some(FileError {
                message: e.message,
                line: e.line,
                column: e.column,
                detail: e.detail,
            }),
            ..FileReport::passed_over(c.display.clone(), c.format, None)
        }),
    }
}

/// Where a related cell of an input-wide finding is: the source of its unit and the 0-based
/// position of its project.
type UnitPlace<'a> = &'a (dyn Fn(usize) -> (&'a SourceFile, usize) + Sync);

/// Place a finding in its file and project (`None`: a finding about the document as a whole,
/// reported with project index 0).
#[allow(clippy::too_many_arguments)]
fn diagnostic(
    rule: &Rule,
    f: Finding,
    src: &SourceFile,
    file: usize,
    project: Option<(&std::sync::Arc<str>, Option<Span>)>,
    index: usize,
    cfg: &Config,
    units: Option<UnitPlace>,
) -> Diagnostic {
    let related = related_places(&f.related, src, index, project.is_some(), units);
    placed(rule, f, src, file, project, index, cfg, related)
}

/// A finding's related cells, placed in their files (see [`diagnostic`]).
fn related_places(
    cells: &[rules::RelatedCell],
    src: &SourceFile,
    index: usize,
    numbered: bool,
    units: Option<UnitPlace>,
) -> Vec<Related> {
    cells
        .iter()
        .map(|r| {
            let (rsrc, rindex) = match (r.unit, units) {
                (Some(u), Some(place)) => place(u),
                _ => (src, index),
            };
            Related {
                path: rsrc.path.clone(),
                location: Location::of(rsrc, r.span),
                project_index: if r.unit.is_some() || numbered {
                    rindex + 1
                } else {
                    0
                },
                indicator_index: r.indicator.map(|i| i + 1),
                field: r.field,
            }
        })
        .collect()
}

/// [`diagnostic`] with its related cells already placed.
#[allow(clippy::too_many_arguments)]
fn placed(
    rule: &Rule,
    f: Finding,
    src: &SourceFile,
    file: usize,
    project: Option<(&std::sync::Arc<str>, Option<Span>)>,
    index: usize,
    cfg: &Config,
    related: Vec<Related>,
) -> Diagnostic {
    let context = project
        .and_then(|(_, c)| c)
        .filter(|s| *s != f.span && !s.is_empty());
    let number = |i: usize| if project.is_some() { i + 1 } else { 0 };
    // A batch holds every finding until the report is written: no slack behind the texts
    // (`format!` leaves up to half of a string's capacity unused).
    let (mut message, mut help) = (f.message, f.help);
    // A cell quoted whole (“项目完成\n指标”) must not break the report's lines.
    if message.contains(['\n', '\r']) {
        message = crate::rules::one_line(&message);
    }
    if let Some(h) = help.as_mut().filter(|h| h.contains(['\n', '\r'])) {
        *h = crate::rules::one_line(h);
    }
    message.shrink_to_fit();
    if let Some(h) = &mut help {
        h.shrink_to_fit();
    }
    Diagnostic {
        code: rule.code,
        rule: rule.name,
        title: rule.title,
        // A severity set in the configuration wins over the rule's own choice.
        severity: cfg
            .severity_override(rule)
            .or(f.severity)
            .unwrap_or(rule.severity),
        message,
        help,
        path: src.path.clone(),
        location: Location::of(src, f.span),
        project: project
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| "".into()),
        project_index: number(index),
        indicator_index: f.indicator.map(|i| i + 1),
        field: f.field,
        context,
        related,
        file,
        template_lacks: f.template_lacks,
    }
}

/// Run every per-project rule over every project of a document.
pub fn lint(doc: &Document, src: &SourceFile, file: usize, cfg: &Config) -> Vec<Diagnostic> {
    let doc_unit = doc.amount_unit();
    let enabled = |code: &str| cfg.enabled_code(code);
    let mut out = Vec::new();
    let mut findings = Vec::new();
    // The classes of 一级 and 二级 texts, kept from project to project of the document.
    let mut levels = rules::LevelMemo::default();
    for (pi, project) in doc.projects.iter().enumerate() {
        test_panic(project);
        // A budget whose label names its unit (“年度预算安排（元）”) is read in it.
        let amount_unit = project.budget.unit_or(&doc_unit).to_string();
        let ctx = Ctx {
            data: &cfg.data,
            amount_unit: &amount_unit,
            department: doc.department_of(project).map(|d| d.text.as_str()),
            from_table: doc.from_table,
            values: Ctx::parse_values(&cfg.data, project),
            enabled: &enabled,
            relevance: Default::default(),
            boilerplate: Default::default(),
            levels: std::cell::RefCell::new(std::mem::take(&mut levels)),
        };
        let mut per_project: Vec<(&Rule, Finding)> = Vec::new();
        for rule in rules::registry().iter().filter(|r| cfg.enabled(r)) {
            let Check::Project(check) = rule.check else {
                continue;
            };
            findings.clear();
            check(&ctx, project, &mut findings);
            per_project.extend(findings.drain(..).map(|f| (rule, f)));
        }
        levels = ctx.levels.take();
        // The project's name, shared by its findings.
        let name: std::sync::Arc<str> = project.display_name().into();
        // A rule yields a row to the rules it names (when they report on that row).
        let on_row = |code: &str, row: usize| {
            per_project
                .iter()
                .any(|(r, f)| r.code == code && f.indicator == Some(row))
        };
        let keep: Vec<bool> = per_project
            .iter()
            .map(|(r, f)| match f.indicator {
                Some(row) => !r.yields_to.iter().any(|c| on_row(c, row)),
                None => true,
            })
            .collect();
        let anchor = cell_anchor(project, src);
        for ((rule, mut f), keep) in per_project.into_iter().zip(keep) {
            if keep {
                if f.span == project.span
                    && let Some(a) = anchor
                {
                    f.span = a;
                }
                // The row's name cell, shown beside a finding on another cell of the row.
                let context = f
                    .indicator
                    .and_then(|k| project.indicators.get(k))
                    .and_then(|i| i.name())
                    .map(|n| n.span);
                let at = Some((&name, context));
                out.push(diagnostic(rule, f, src, file, at, pi, cfg, None));
            }
        }
    }
    // Rules about the document as a whole (the parts of a disclosure against each other).
    let dctx = rules::DocCtx {
        data: &cfg.data,
        enabled: &enabled,
    };
    for rule in rules::registry().iter().filter(|r| cfg.enabled(r)) {
        let Check::Document(check) = rule.check else {
            continue;
        };
        findings.clear();
        check(&dctx, doc, &mut findings);
        for f in findings.drain(..) {
            out.push(diagnostic(rule, f, src, file, None, 0, cfg, None));
        }
    }
    out
}

/// Where a finding about a part the reader did not find (no 预算数, no 绩效目标 …) stands in a
/// table format, when the project's own place is not a cell (the table's title line, “2025年…
/// 绩效目标表”): the project's name cell, else the table's first cell, so that the finding is
/// located by table, row and column (`表1 第1行 第2列`) like every other finding of the table,
/// not by a line of jxlint's rendering. `None` when the project's place is a cell already, or
/// the file is not a table format.
fn cell_anchor(project: &Project, src: &SourceFile) -> Option<Span> {
    if !src.has_cells() || src.cell_at(project.span).is_some() {
        return None;
    }
    project
        .name
        .as_ref()
        .map(|n| n.span)
        .filter(|s| src.cell_at(*s).is_some())
        .or_else(|| src.first_cell_from(project.span.start))
}

/// Debug builds only: a project whose name contains `JXLINT_TEST_PANIC` makes the rules panic,
/// so that tests can check that one failing file does not end the run.
fn test_panic(project: &Project) {
    #[cfg(debug_assertions)]
    {
        static TRIGGER: std::sync::LazyLock<Option<String>> =
            std::sync::LazyLock::new(|| std::env::var("JXLINT_TEST_PANIC").ok());
        if let Some(t) = TRIGGER.as_deref()
            && !t.is_empty()
            && project.display_name().contains(t)
        {
            panic!("测试用的规则崩溃（JXLINT_TEST_PANIC）");
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = project;
}

/// Run the input-wide rules (copying across projects and files) over the index of the files
/// read for which one is enabled (a file's digest is taken when an input-wide rule is enabled
/// for it; R003 is the only one).
fn lint_input(checked: &[Checked], copies: &rules::CopyIndex) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if copies.is_empty() {
        return out;
    }
    // Checked files by their index in the report.
    let by_file: std::collections::HashMap<usize, &Checked> =
        checked.iter().map(|c| (c.file, c)).collect();
    for rule in rules::registry() {
        let Check::Input(check) = rule.check else {
            continue;
        };
        let Some(first) = checked.iter().find(|c| c.config.enabled(rule)) else {
            continue;
        };
        let enabled = |code: &str| first.config.enabled_code(code);
        let ctx = InputCtx {
            data: &first.config.data,
            enabled: &enabled,
        };
        let mut findings = Vec::new();
        check(&ctx, copies, &mut findings);
        let place = |u: usize| -> (&SourceFile, usize) {
            let (file, index) = copies.place(u);
            (by_file[&file].source.as_ref(), index)
        };
        // The related cells placed on the run's threads: a template row copied across a batch
        // makes one finding with thousands of them.
        let related = crate::parallel::map(
            &findings,
            crate::parallel::run_threads(),
            |(u, f): &(usize, Finding)| {
                let (file, index) = copies.place(*u);
                related_places(
                    &f.related,
                    &by_file[&file].source,
                    index,
                    true,
                    Some(&place),
                )
            },
        );
        for ((u, f), related) in findings.into_iter().zip(related) {
            let (file, index) = copies.place(u);
            let c = by_file[&file];
            out.push(placed(
                rule,
                f,
                &c.source,
                c.file,
                Some((copies.name(u), None)),
                index,
                &c.config,
                related,
            ));
        }
    }
    out
}
