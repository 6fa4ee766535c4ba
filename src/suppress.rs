//! Inline suppressions in YAML target documents, and U001 (suppression-unused).
//!
//! ```yaml
//! # jxlint: ignore-file[S009] 市财政局的模板沿用旧名称     ← among the leading comment lines
//! name: 社保局指纹认证
//! indicators:
//!   # jxlint: ignore[R001] 培训认证经办人员，属本项目      ← the line below it
//!   - {level1: 产出指标, level2: 数量指标, level3: 培训学员人数, value: 30人}
//!   - {level1: 满意度指标, level3: 满意度, value: "≥100%"}  # jxlint: ignore[V001,V002] 理由
//! ```
//!
//! - `# jxlint: ignore[CODES] 理由` at the end of a line hides the findings of those rules whose
//!   place (the primary location) starts on that line; on a line of its own, those on the next
//!   line that is neither blank nor a comment (so several such comments can stand above one
//!   line). A finding inside a text that runs over several lines (`goals: |`) also counts as
//!   on the line of its key.
//! - `# jxlint: ignore-file[CODES] 理由` hides those rules' findings in the whole file. It must
//!   stand among the leading comment lines (before the first line of content; `---` and `%`
//!   directives may come first); anywhere else it has no effect and is reported.
//! - CODES are comma-separated (`,`, `，` or `、`) rule codes, code prefixes, rule names or
//!   ALL, as with `--select`/`--ignore`.
//! - The reason is the text after `]`. A comment without one works, and is counted in the
//!   summary.
//!
//! Comments hide findings after every rule has run. A rule that leaves a cell to another rule
//! (V007 leaves a blank value to C002, V009 a row to R001) still leaves it when that rule's
//! finding is hidden; to hand the cell back, turn the rule off (`ignore`, `per-path-ignores`).
//!
//! U001 reports a comment that hides nothing: for each code it lists that hid no finding, but
//! only when every rule the code names is enabled for the file and checked file by file — a
//! rule turned off by `--select`/`--ignore`/`per-path-ignores` might have fired, and R003
//! compares the whole input, so a run on fewer files (a pre-commit hook) cannot tell. Unknown
//! codes, malformed `# jxlint:` comments and a misplaced `ignore-file` are U001 too. U001
//! itself is not suppressed by comments: turn it off with `ignore: [U001]`.
//!
//! Only YAML target documents have comments. Word text, spreadsheets, PDF and HTML do not: use
//! `per-path-ignores` in `.jxlint.yaml` (any format) or a baseline (`crate::baseline`).

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{Document, Format};
use crate::rules::{self, Check, Rule};
use crate::source::{SourceFile, Span};
use crate::yamltree::{Node, SNode};

/// The U001 rule.
fn u001() -> &'static Rule {
    rules::find("U001").expect("U001 is registered")
}

/// Where a comment applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Findings on this 1-based line.
    Line(usize),
    /// The whole file (`ignore-file`).
    File,
    /// Nothing: a line comment with no content below it.
    Nothing,
}

/// One code of a comment: as written, and whether it hid a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    pub text: String,
    pub used: bool,
}

/// A `# jxlint:` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The comment, from `#` to the end of the line.
    pub span: Span,
    /// 1-based line of the comment.
    pub line: usize,
    pub scope: Scope,
    /// The codes that name rules.
    pub selectors: Vec<Selector>,
    /// Codes that name no rule, or only U001.
    pub invalid: Vec<String>,
    pub reason: Option<String>,
    /// Why the comment as a whole has no effect (malformed, misplaced, no codes): message and
    /// advice for U001.
    pub problem: Option<(String, String)>,
}

const USAGE: &str = "正确的写法：在问题所在行的行尾或其上一行写 # jxlint: ignore[V001] 理由，\
                     多个规则用逗号分隔（ignore[V001,V003]）；整个文件忽略某条规则，在文件开头写 \
                     # jxlint: ignore-file[S009] 理由";

/// The comments of a YAML document that matter here, and the texts that span several lines.
#[derive(Debug, Default)]
pub struct Scan {
    pub directives: Vec<Directive>,
    /// Texts over several lines: their span and the line a comment names them by (their key's
    /// line, for a mapping value; else their first line).
    multiline: Vec<(Span, usize)>,
}

impl Scan {
    /// The lines a finding at `span` can be suppressed from.
    fn lines(&self, src: &SourceFile, span: Span) -> [usize; 2] {
        let own = src.position(span.start).line;
        let head = self
            .multiline
            .iter()
            .find(|(s, _)| s.start <= span.start && span.start < s.end)
            .map_or(own, |&(_, h)| h);
        [own, head]
    }
}

/// Collect the scalars (spans) of a tree, and the head line of those over several lines.
fn scalars(
    n: &SNode,
    src: &SourceFile,
    key_line: Option<usize>,
    spans: &mut Vec<Span>,
    multi: &mut Vec<(Span, usize)>,
) {
    let span_of = |n: &SNode| {
        let s = n.referenced.span();
        let start = s.byte_offset().unwrap_or(0) as usize;
        Span::new(start, start + s.byte_len().unwrap_or(0) as usize)
    };
    match &n.value {
        Node::Map(m) => {
            for (k, v) in m {
                scalars(k, src, None, spans, multi);
                let line = src.position(span_of(k).start).line;
                scalars(v, src, Some(line), spans, multi);
            }
        }
        Node::Seq(items) => {
            for i in items {
                scalars(i, src, None, spans, multi);
            }
        }
        _ => {
            let s = span_of(n);
            if s.is_empty() {
                return;
            }
            spans.push(s);
            let first = src.position(s.start).line;
            if src.position(s.end).line > first
                || src.slice(s).trim_end_matches(['\n', '\r']).contains('\n')
            {
                multi.push((s, key_line.unwrap_or(first)));
            }
        }
    }
}

/// Whether a YAML document may hold `# jxlint:` comments (a cheap test: the engine keeps such
/// a file's document for [`apply`]).
pub fn has_comments(src: &SourceFile) -> bool {
    src.text.contains("jxlint")
}

/// Read the `# jxlint:` comments of a YAML document.
pub fn scan(src: &SourceFile) -> Scan {
    // Nearly every file has none: a substring test keeps the common case free.
    if !src.text.contains("jxlint") {
        return Scan::default();
    }
    let Ok(tree) = crate::yamltree::parse(&src.text) else {
        return Scan::default();
    };
    let mut spans = Vec::new();
    let mut multiline = Vec::new();
    scalars(&tree, src, None, &mut spans, &mut multiline);
    spans.sort_by_key(|s| s.start);
    let in_scalar = |pos: usize| {
        let i = spans.partition_point(|s| s.start <= pos);
        i > 0 && pos < spans[i - 1].end
    };
    // Each line: its comment (byte offset of `#`), and whether it is blank or only a comment.
    let text = &src.text;
    let mut lines = Vec::new();
    for n in 1..=src.line_count() {
        let start = src.line_start(n);
        let end = if n < src.line_count() {
            src.line_start(n + 1)
        } else {
            text.len()
        };
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let comment = line
            .char_indices()
            .filter(|&(i, c)| {
                c == '#' && (i == 0 || line[..i].ends_with([' ', '\t'])) && !in_scalar(start + i)
            })
            .map(|(i, _)| start + i)
            .next();
        let before = &text[start..comment.unwrap_or(start + line.len())];
        let content = !before.trim().is_empty();
        let directive_line = {
            let t = line.trim();
            t.starts_with('%') || (t.starts_with("---") && t[3..].trim().is_empty())
        };
        lines.push((start + line.len(), comment, content, directive_line));
    }
    let first_content = lines
        .iter()
        .position(|&(_, _, content, directive)| content && !directive)
        .map_or(usize::MAX, |i| i + 1);
    let mut directives = Vec::new();
    for (i, &(end, comment, content, _)) in lines.iter().enumerate() {
        let Some(hash) = comment else { continue };
        let line = i + 1;
        let Some(mut d) = directive(&text[hash..end]) else {
            continue;
        };
        d.span = Span::new(hash, end);
        d.line = line;
        if d.scope == Scope::File {
            if line > first_content && d.problem.is_none() {
                d.problem = Some((
                    "ignore-file 只能写在文件开头的注释中（第一行内容之前），写在这里不起作用".into(),
                    "请把这条注释移到文件开头；只忽略某一行的问题，请改用 ignore[…] 写在那一行的行尾或其上一行".into(),
                ));
            }
        } else if content {
            d.scope = Scope::Line(line);
        } else {
            d.scope = lines[i + 1..]
                .iter()
                .position(|&(_, _, content, _)| content)
                .map_or(Scope::Nothing, |k| Scope::Line(line + 1 + k));
        }
        directives.push(d);
    }
    Scan {
        directives,
        multiline,
    }
}

/// Parse one comment (from `#`); `None` when it is not a `# jxlint:` comment. Span, line and
/// a line scope are filled in by the caller.
fn directive(comment: &str) -> Option<Directive> {
    let body = comment.strip_prefix('#')?.trim_start();
    let rest = body.strip_prefix("jxlint")?.trim_start();
    let rest = rest.strip_prefix([':', '：'])?.trim_start();
    let mut d = Directive {
        span: Span::default(),
        line: 0,
        scope: Scope::Nothing,
        selectors: Vec::new(),
        invalid: Vec::new(),
        reason: None,
        problem: None,
    };
    let malformed = |d: &mut Directive, what: String| {
        d.problem = Some((what, USAGE.to_string()));
    };
    let (file, after) = if let Some(a) = rest.strip_prefix("ignore-file") {
        (true, a)
    } else if let Some(a) = rest.strip_prefix("ignore") {
        (false, a)
    } else {
        malformed(
            &mut d,
            format!(
                "无法识别的 jxlint 注释“{}”（只能是 ignore[…] 或 ignore-file[…]）",
                comment.trim_end()
            ),
        );
        return Some(d);
    };
    if file {
        d.scope = Scope::File;
    }
    let after = after.trim_start();
    let Some(inner) = after.strip_prefix(['[', '［']) else {
        malformed(
            &mut d,
            format!(
                "忽略注释“{}”没有用方括号写出要忽略的规则",
                comment.trim_end()
            ),
        );
        return Some(d);
    };
    let Some(close) = inner.find([']', '］']) else {
        malformed(
            &mut d,
            format!("忽略注释“{}”的方括号没有闭合", comment.trim_end()),
        );
        return Some(d);
    };
    let codes: Vec<&str> = inner[..close]
        .split([',', '，', '、', ' ', '\t', '\u{3000}'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if codes.is_empty() {
        malformed(
            &mut d,
            format!("忽略注释“{}”的方括号中没有写规则代码", comment.trim_end()),
        );
        return Some(d);
    }
    for code in codes {
        let named: Vec<&Rule> = rules::registry()
            .iter()
            .filter(|r| config::selects(code, r))
            .collect();
        if named.is_empty() || named.iter().all(|r| r.code == "U001") {
            d.invalid.push(code.to_string());
        } else {
            d.selectors.push(Selector {
                text: code.to_string(),
                used: false,
            });
        }
    }
    let close_len = inner[close..].chars().next().map_or(1, char::len_utf8);
    let reason = inner[close + close_len..]
        .trim()
        .trim_start_matches([':', '：', '-', '—', '–'])
        .trim();
    d.reason = (!reason.is_empty()).then(|| reason.to_string());
    Some(d)
}

/// Whether a directive can hide findings at all.
fn active(d: &Directive) -> bool {
    d.problem.is_none()
}

/// Apply the comments of every checked YAML document to the report's findings: hide what they
/// suppress, add U001 for comments that hid nothing, and count both in [`Report::hidden`].
/// `files` gives each checked file's index in the report, its configuration and document.
pub fn apply<'a>(
    report: &mut Report,
    files: impl IntoIterator<Item = (usize, &'a Config, &'a Document)>,
) {
    let mut scans: Vec<(usize, &Config, &Document, Scan)> = Vec::new();
    for (file, cfg, doc) in files {
        let Some(f) = report.files.get(file) else {
            continue;
        };
        let (Some(Format::Yaml), Some(src)) = (f.format, &f.source) else {
            continue;
        };
        let s = scan(src);
        if !s.directives.is_empty() {
            scans.push((file, cfg, doc, s));
        }
    }
    if scans.is_empty() {
        return;
    }
    let mut suppressed = 0;
    let files = &report.files;
    report.diagnostics.retain(|d| {
        let Some((_, _, _, s)) = scans.iter_mut().find(|(f, ..)| *f == d.file) else {
            return true;
        };
        let Some(src) = files.get(d.file).and_then(|f| f.source.as_ref()) else {
            return true;
        };
        let Some(rule) = rules::find(d.code) else {
            return true;
        };
        let lines = s.lines(src, d.location.span);
        let mut hide = false;
        for dir in s.directives.iter_mut().filter(|x| active(x)) {
            let applies = match dir.scope {
                Scope::File => true,
                Scope::Line(l) => lines.contains(&l),
                Scope::Nothing => false,
            };
            if !applies {
                continue;
            }
            for sel in &mut dir.selectors {
                if config::selects(&sel.text, rule) {
                    sel.used = true;
                    hide = true;
                }
            }
        }
        if hide {
            suppressed += 1;
        }
        !hide
    });
    let mut unused = Vec::new();
    for (file, cfg, doc, s) in &scans {
        let Some(src) = report.files[*file].source.clone() else {
            continue;
        };
        for d in &s.directives {
            if active(d) {
                report.hidden.suppressions += 1;
                if d.reason.is_none() {
                    report.hidden.without_reason += 1;
                }
            }
            if cfg.enabled(u001())
                && let Some((message, help)) = finding(d, cfg)
            {
                unused.push(diagnostic(d, message, help, &src, *file, doc, cfg));
            }
        }
    }
    report.hidden.suppressed += suppressed;
    report.diagnostics.extend(unused);
}

/// Whether an unused code is worth reporting: every rule it names is enabled for the file and
/// checked file by file (R003, which compares the whole input, might fire in a larger run).
fn checkable(sel: &str, cfg: &Config) -> bool {
    rules::registry()
        .iter()
        .filter(|r| r.code != "U001" && config::selects(sel, r))
        .all(|r| cfg.enabled(r) && !matches!(r.check, Check::Input(_)))
}

/// The U001 message and advice for a comment, if it deserves one.
fn finding(d: &Directive, cfg: &Config) -> Option<(String, String)> {
    if let Some(p) = &d.problem {
        return Some(p.clone());
    }
    let mut parts = Vec::new();
    let mut help = Vec::new();
    if !d.invalid.is_empty() {
        let (u, unknown): (Vec<&String>, Vec<&String>) = d.invalid.iter().partition(|c| {
            rules::registry()
                .iter()
                .any(|r| r.code == "U001" && config::selects(c, r))
        });
        if !unknown.is_empty() {
            let shown: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
            parts.push(format!(
                "“{}”不是规则代码、代码前缀或规则名称",
                shown.join("”“")
            ));
            help.push(
                "请写规则代码（V001）、代码前缀（V）或规则名称（rate-over-100），`jxlint rules` 列出全部规则"
                    .to_string(),
            );
        }
        if !u.is_empty() {
            parts.push("U001 不能用忽略注释忽略".to_string());
            help.push(
                "要关闭无效忽略注释的报告，请在 .jxlint.yaml 中写 ignore: [U001]，或用 --ignore U001"
                    .to_string(),
            );
        }
    }
    let unused: Vec<&str> = d
        .selectors
        .iter()
        .filter(|s| !s.used && checkable(&s.text, cfg))
        .map(|s| s.text.as_str())
        .collect();
    if !unused.is_empty() {
        let codes = unused.join("、");
        let none = d.invalid.is_empty() && d.selectors.iter().all(|s| !s.used);
        let what = if none {
            "这条忽略注释没有忽略任何问题".to_string()
        } else {
            format!("注释中的 {codes} 没有起作用")
        };
        parts.push(match d.scope {
            Scope::File => format!("本文件没有 {codes} 的问题，{what}"),
            Scope::Line(l) => format!("第{l}行没有 {codes} 的问题，{what}"),
            Scope::Nothing => "这条忽略注释下面没有内容，它没有忽略任何问题".to_string(),
        });
        help.push(match d.scope {
            Scope::Nothing => "请删除这条注释，或把它写在问题所在行的行尾或其上一行".to_string(),
            _ => "问题已经改正的话，请删除这条注释（或其中的这些代码），以免它把以后同一处的新问题藏起来；\
                  若是写错了位置，请写在问题所在行的行尾或其上一行"
                .to_string(),
        });
    }
    if parts.is_empty() {
        return None;
    }
    Some((parts.join("；"), help.join("；")))
}

/// A U001 finding at a comment, in the project whose lines hold the line it applies to.
fn diagnostic(
    d: &Directive,
    message: String,
    help: String,
    src: &SourceFile,
    file: usize,
    doc: &Document,
    cfg: &Config,
) -> Diagnostic {
    let rule = u001();
    let target = match d.scope {
        Scope::Line(l) => Some(l),
        _ => None,
    };
    // Projects follow one another: the line is in the last one that starts at or above it.
    let project = target.and_then(|l| {
        doc.projects
            .iter()
            .rposition(|p| src.position(p.span.start).line <= l)
    });
    Diagnostic {
        code: rule.code,
        rule: rule.name,
        title: rule.title,
        severity: cfg.severity_override(rule).unwrap_or(rule.severity),
        message,
        help: Some(help),
        path: src.path.clone(),
        location: Location::of(src, d.span),
        project: project
            .map(|i| doc.projects[i].display_name().into())
            .unwrap_or_else(|| "".into()),
        project_index: project.map_or(0, |i| i + 1),
        indicator_index: None,
        field: None,
        context: None,
        related: Vec::new(),
        file,
        template_lacks: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> Vec<Directive> {
        scan(&SourceFile::new("t.yaml", text.to_string())).directives
    }

    #[test]
    fn reads_codes_reason_and_scope() {
        let ds = scan_text(
            "# jxlint: ignore-file[S009] 模板沿用旧名称\n\
             name: 项目\n\
             indicators:\n\
             \x20 # jxlint: ignore[V001，v003、rate-over-100]\n\
             \x20 # 普通注释\n\
             \n\
             \x20 - {level3: 满意率, value: \"≥100%\"}  # jxlint:ignore[V]：已核实\n",
        );
        assert_eq!(ds.len(), 3);
        assert_eq!(ds[0].scope, Scope::File);
        assert_eq!(ds[0].reason.as_deref(), Some("模板沿用旧名称"));
        assert_eq!(ds[0].line, 1);
        assert_eq!(ds[1].scope, Scope::Line(7));
        let codes: Vec<&str> = ds[1].selectors.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(codes, ["V001", "v003", "rate-over-100"]);
        assert_eq!(ds[1].reason, None);
        assert_eq!(ds[2].scope, Scope::Line(7));
        assert_eq!(ds[2].reason.as_deref(), Some("已核实"));
        assert!(ds.iter().all(|d| d.problem.is_none()));
    }

    #[test]
    fn hash_signs_inside_texts_are_not_comments() {
        let ds = scan_text(
            "name: \"a # jxlint: ignore[V001]\"\n\
             goals: |\n\
             \x20 # jxlint: ignore[G001] this is goal text\n\
             \x20 second line\n\
             purpose: x#jxlint: ignore[V001]\n",
        );
        assert!(ds.is_empty(), "{ds:?}");
    }

    #[test]
    fn problems_are_named() {
        let ds = scan_text(
            "name: 项目\n\
             # jxlint: ignore-file[S009]\n\
             # jxlint: ignore V001\n\
             # jxlint: ignor[V001]\n\
             # jxlint: ignore[]\n\
             # jxlint: ignore[X999, V001, U001]\n\
             # jxlint 检查报告 is not a directive\n",
        );
        assert_eq!(ds.len(), 5);
        assert!(ds[0].problem.as_ref().unwrap().0.contains("文件开头"));
        assert!(ds[1].problem.as_ref().unwrap().0.contains("方括号"));
        assert!(ds[2].problem.as_ref().unwrap().0.contains("无法识别"));
        assert!(ds[3].problem.as_ref().unwrap().0.contains("没有写规则代码"));
        assert_eq!(ds[4].invalid, ["X999", "U001"]);
        assert_eq!(ds[4].selectors.len(), 1);
        assert_eq!(ds[4].scope, Scope::Nothing);
    }

    #[test]
    fn a_finding_in_a_block_text_counts_on_its_key_line() {
        let text = "name: 项目\ngoals: |\n  1、目标\n  2、目标\n";
        let src = SourceFile::new("t.yaml", text.to_string());
        let s = {
            let mut s = scan(&SourceFile::new("t.yaml", format!("{text}# jxlint\n")));
            s.directives.clear();
            s
        };
        let at = text.find("2、").unwrap();
        assert_eq!(s.lines(&src, Span::new(at, at + 3)), [4, 2]);
    }

    #[test]
    fn files_without_the_word_are_not_parsed() {
        // Not even valid YAML: never parsed, no comments.
        assert!(scan_text("[[[ # ignore[V001]").is_empty());
    }
}
