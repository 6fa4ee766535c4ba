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
    // Only the lines of the span go to the renderer, so a long file costs nothing extra.
    let first = src.line_start(d.line);
    let last_line_end = {
        let next = src.line_start(d.end_line + 1);
        if d.end_line >= src.line_count() {
            src.text.len()
        } else {
            next
        }
    };
    let excerpt = src.text[first..last_line_end].trim_end_matches(['\n', '\r']);
    let start = d.span.start.saturating_sub(first).min(excerpt.len());
    let end = d.span.end.saturating_sub(first).clamp(start, excerpt.len());
    let group = level.primary_title(d.message.as_str()).id(d.code).element(
        Snippet::source(excerpt)
            .line_start(d.line)
            .path(d.path.as_str())
            .annotation(AnnotationKind::Primary.span(start..end).label(label)),
    );
    renderer.render(&[group])
}
