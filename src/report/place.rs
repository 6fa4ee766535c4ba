//! Where a finding sits in its table as the department wrote it: which cell above the
//! indicator rows, which indicator row and column, or the project as a whole. The reports that
//! draw the tables (HTML) or quote the row (xlsx) use it; findings are placed from the cell
//! they point into (their span), with the indicator row and field they name as the first guide.

use crate::diagnostic::{Diagnostic, Related, Report};
use crate::model::{Field, FieldKind, Project};
use crate::source::Span;

/// A place in a project's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cell {
    /// A cell above the indicator rows (name, code, budget, purpose, schedule, goals) and, for
    /// the budget, schedule and goals, which of their parts (0-based: 预算数/财政资金/其他资金,
    /// a period, a line of the goals); `None` for the label (the field as a whole).
    Head(FieldKind, Option<usize>),
    /// Indicator row (0-based) and its column; `None` for the row as a whole.
    Row(usize, Option<FieldKind>),
    /// The project as a whole (no one cell).
    Project,
}

impl Cell {
    /// The indicator row (0-based), if the place is in one.
    pub fn row(self) -> Option<usize> {
        match self {
            Cell::Row(r, _) => Some(r),
            _ => None,
        }
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    if outer.is_empty() {
        return inner == outer;
    }
    outer.start <= inner.start && inner.end <= outer.end
}

fn within(f: &Option<Field>, span: Span) -> bool {
    f.as_ref().is_some_and(|f| contains(f.span, span))
}

fn is_row_field(k: FieldKind) -> bool {
    matches!(
        k,
        FieldKind::Level1
            | FieldKind::Level2
            | FieldKind::Level3
            | FieldKind::Description
            | FieldKind::Value
            | FieldKind::Unit
            | FieldKind::Basis
    )
}

/// The place of a span in a project, given the 1-based indicator row and the field a finding
/// names (either may be missing).
pub fn locate(
    project: &Project,
    span: Span,
    indicator: Option<usize>,
    field: Option<FieldKind>,
) -> Cell {
    let row_field = field.filter(|k| is_row_field(*k));
    let named_row = indicator
        .and_then(|i| i.checked_sub(1))
        .filter(|r| *r < project.indicators.len());
    if let Some(r) = named_row {
        return Cell::Row(r, row_field);
    }
    // A finding about a row's cell that names no row (such as "产出指标中没有数量指标" on the
    // first 二级指标): the row whose cell holds the span.
    if let Some(k) = row_field {
        for (r, ind) in project.indicators.iter().enumerate() {
            if let Some((_, f)) = ind.cells().into_iter().find(|(kind, _)| *kind == k)
                && within(f, span)
            {
                return Cell::Row(r, Some(k));
            }
        }
        return project
            .indicators
            .iter()
            .position(|ind| !ind.span.is_empty() && contains(ind.span, span))
            .map_or(Cell::Project, |r| Cell::Row(r, Some(k)));
    }
    let Some(k) = field else {
        return Cell::Project;
    };
    let part = match k {
        FieldKind::Budget => {
            let b = &project.budget;
            [&b.total, &b.fiscal, &b.other]
                .iter()
                .position(|f| within(f, span))
        }
        FieldKind::Schedule => project.schedule.as_ref().and_then(|s| {
            s.periods
                .iter()
                .position(|p| contains(p.value.span, span) || contains(p.label.span, span))
        }),
        FieldKind::Goals => project
            .goals
            .as_ref()
            .and_then(|g| g.lines.iter().position(|l| contains(l.span, span))),
        _ => None,
    };
    Cell::Head(k, part)
}

/// A project of a checked file (1-based index), when the run kept the documents.
pub fn project(report: &Report, file: usize, index: usize) -> Option<&Project> {
    let doc = report.files.get(file)?.document.as_ref()?;
    doc.projects.get(index.checked_sub(1)?)
}

/// The place of a finding in its project (`None` for a finding about no project). A finding
/// about the project as a whole (no indicator row: 没有效益指标, 产出指标中没有数量指标 …) is the
/// project's, even when its span points into an indicator row to show where the indicators
/// start: the reports must not list it beside that row, or quote that row's 三级指标 and 指标值,
/// as if the row had caused it.
pub fn of_diagnostic(project: Option<&Project>, d: &Diagnostic) -> Option<Cell> {
    if d.project_index == 0 {
        return None;
    }
    Some(match project {
        Some(p) => match locate(p, d.location.span, d.indicator_index, d.field) {
            Cell::Row(..) if d.indicator_index.is_none() => Cell::Project,
            c => c,
        },
        None => Cell::Project,
    })
}

/// The place of a related cell in its project.
pub fn of_related(project: &Project, r: &Related) -> Cell {
    locate(project, r.location.span, r.indicator_index, r.field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Budget, Goals, Indicator};

    fn f(text: &str, start: usize) -> Option<Field> {
        Some(Field::new(text, Span::new(start, start + text.len())))
    }

    fn project() -> Project {
        Project {
            name: f("项目", 0),
            budget: Budget {
                total: f("10", 10),
                fiscal: f("8", 20),
                other: f("2", 30),
                ..Default::default()
            },
            goals: Some(Goals {
                span: Span::new(40, 41),
                lines: vec![f("一", 50).unwrap(), f("二", 60).unwrap()],
            }),
            indicators: vec![
                Indicator {
                    span: Span::new(100, 150),
                    level2: f("质量指标", 100),
                    value: f("≥90", 130),
                    ..Indicator::default()
                },
                Indicator {
                    span: Span::new(200, 250),
                    level2: f("时效指标", 200),
                    ..Indicator::default()
                },
            ],
            ..Project::default()
        }
    }

    #[test]
    fn places_follow_the_span() {
        let p = project();
        let s = |a, b| Span::new(a, b);
        // The named row wins.
        assert_eq!(
            locate(&p, s(0, 0), Some(2), Some(FieldKind::Value)),
            Cell::Row(1, Some(FieldKind::Value))
        );
        // A row's cell without a row named: found by its span.
        assert_eq!(
            locate(&p, s(200, 212), None, Some(FieldKind::Level2)),
            Cell::Row(1, Some(FieldKind::Level2))
        );
        assert_eq!(
            locate(&p, s(20, 21), None, Some(FieldKind::Budget)),
            Cell::Head(FieldKind::Budget, Some(1))
        );
        assert_eq!(
            locate(&p, s(60, 63), None, Some(FieldKind::Goals)),
            Cell::Head(FieldKind::Goals, Some(1))
        );
        // The goals label, and a schedule the table lacks: the field as a whole.
        assert_eq!(
            locate(&p, s(40, 41), None, Some(FieldKind::Goals)),
            Cell::Head(FieldKind::Goals, None)
        );
        assert_eq!(
            locate(&p, s(0, 0), None, Some(FieldKind::Schedule)),
            Cell::Head(FieldKind::Schedule, None)
        );
        assert_eq!(locate(&p, s(0, 0), None, None), Cell::Project);
        // A row field outside every row: the project.
        assert_eq!(
            locate(&p, s(500, 501), None, Some(FieldKind::Unit)),
            Cell::Project
        );
    }
}
