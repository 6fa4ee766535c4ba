//! Human output: each finding with its source line and the cell underlined (annotate-snippets),
//! grouped by file and project, then a summary.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::rules::Severity;
use crate::{Diagnostic, Report};

pub fn human(report: &Report, color: bool) -> String {
    let renderer = if color {
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
            let name = if d.project.is_empty() {
                "（项目名称为空）"
            } else {
                &d.project
            };
            out.push_str(&format!("项目 {}：{}\n", d.project_index, name));
            current = Some(key);
        }
        out.push_str(&render(report, d, &renderer));
        out.push_str("\n\n");
    }
    out.push_str(&super::summary(report));
    out.push('\n');
    out
}

fn render(report: &Report, d: &Diagnostic, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let label = format!("{}（{}）", d.title, d.rule);
    let Some(src) = report.files.get(d.file).and_then(|f| f.source.as_ref()) else {
        return format!("{}[{}]: {}", d.severity.as_str(), d.code, d.message);
    };
    // Only the lines of the span (and of the row's name cell, when near) go to the renderer,
    // so a long file costs nothing extra.
    let context = d.context.filter(|c| {
        let l = src.position(c.start).line;
        l + 8 >= d.line && l <= d.end_line + 8
    });
    let (lo, hi) = match context {
        Some(c) => (d.span.start.min(c.start), d.span.end.max(c.end)),
        None => (d.span.start, d.span.end),
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
    let mut snippet = Snippet::source(excerpt)
        .line_start(first_line)
        .path(d.path.as_str())
        .annotation(
            AnnotationKind::Primary
                .span(local(d.span.start, d.span.end))
                .label(label),
        );
    if let Some(c) = context {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(local(c.start, c.end))
                .label("指标"),
        );
    }
    let group = level
        .primary_title(d.message.as_str())
        .id(d.code)
        .element(snippet);
    renderer.render(&[group])
}
