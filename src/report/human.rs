//! Human output: each finding with its source line and the cell underlined (annotate-snippets),
//! the advice as `= 建议:`, grouped by file and project, then a summary.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use super::Emitter;
use crate::diagnostic::{Diagnostic, Report, Severity};

pub struct Human {
    pub color: bool,
}

impl Emitter for Human {
    fn emit(&self, report: &Report) -> String {
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        let mut current: Option<(usize, usize)> = None;
        for d in &report.diagnostics {
            let key = (d.file, d.project_index);
            if current.map(|c| c.0) != Some(d.file) {
                out.push_str(&format!("── {} ──\n", d.path));
            }
            if current != Some(key) {
                if d.project_index == 0 {
                    out.push_str("文件整体（不属于某个项目的问题）\n");
                } else {
                    let name = if d.project.is_empty() {
                        "（项目名称为空）"
                    } else {
                        &d.project
                    };
                    out.push_str(&format!("项目 {}：{}\n", d.project_index, name));
                }
                current = Some(key);
            }
            out.push_str(&render(report, d, &renderer));
            out.push_str("\n\n");
        }
        out.push_str(&super::verdict_table(report));
        out.push('\n');
        out.push_str(&super::summary(report));
        out.push('\n');
        out
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR.with_name("错误"),
        Severity::Warning => Level::WARNING.with_name("警告"),
        Severity::Info => Level::INFO.with_name("提示"),
    }
}

fn render(report: &Report, d: &Diagnostic, renderer: &Renderer) -> String {
    let label = format!("{}（{}）", d.title, d.rule);
    let help = d
        .help
        .as_deref()
        .map(|h| Level::HELP.with_name("建议").message(h));
    let Some(src) = report.files.get(d.file).and_then(|f| f.source.as_ref()) else {
        let mut s = format!("{}[{}]: {}", d.severity.zh(), d.code, d.message);
        if let Some(h) = &d.help {
            s.push_str(&format!("\n  = 建议: {h}"));
        }
        return s;
    };
    let span = d.location.span;
    // Only the lines of the span (and of the row's name cell, when near) go to the renderer,
    // so a long file costs nothing extra.
    let context = d.context.filter(|c| {
        let l = src.position(c.start).line;
        l + 8 >= d.location.line && l <= d.location.end_line + 8
    });
    let (lo, hi) = match context {
        Some(c) => (span.start.min(c.start), span.end.max(c.end)),
        None => (span.start, span.end),
    };
    let first_line = src.position(lo).line;
    let last_line = src.position(hi).line;
    let first = src.line_start(first_line);
    let end = if last_line >= src.line_count() {
        src.text.len()
    } else {
        src.line_start(last_line + 1)
    };
    let excerpt = src.text[first..end].trim_end_matches(['\n', '\r']);
    let local = |a: usize, b: usize| {
        let start = a.saturating_sub(first).min(excerpt.len());
        start..b.saturating_sub(first).clamp(start, excerpt.len())
    };
    // A table format: the place is the cell (项目2!F9, 表3 第5行 第4列), and the gutter shows
    // the table's row number, not a line of the text the table was rendered into.
    let cell = d.location.cell.as_ref();
    let mut snippet = Snippet::source(excerpt);
    snippet = match cell {
        Some(c) => snippet.line_start(c.row.saturating_sub(last_line - first_line)),
        None => snippet.line_start(first_line).path(&*d.path),
    };
    let mut snippet = snippet.annotation(
        AnnotationKind::Primary
            .span(local(span.start, span.end))
            .label(label),
    );
    if let Some(c) = context {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(local(c.start, c.end))
                .label("指标"),
        );
    }
    let title = level(d.severity)
        .primary_title(d.message.as_str())
        .id(d.code);
    let mut group = title.element(snippet);
    if let Some(h) = help {
        group = group.element(h);
    }
    let out = renderer.render(&[group]);
    // For a table format the place is the cell, written where a line number would stand.
    match (cell, out.split_once('\n')) {
        (Some(c), Some((title, rest))) => {
            let pad = rest.len() - rest.trim_start_matches(' ').len();
            format!(
                "{title}\n{}--> {} {}\n{rest}",
                " ".repeat(pad.saturating_sub(1)),
                d.path,
                c.label()
            )
        }
        _ => out,
    }
}
