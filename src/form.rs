//! The form recogniser: finds performance-target tables in a grid of cells by their header
//! cells (项目名称, 资金支出计划, 绩效目标, 一级指标 …) and maps them to [`Project`]s.
//! Every grid format meets here, so the variety of real tables is handled once.

use crate::model::{Document, Field, Goals, Indicator, Period, Project, Schedule};
use crate::read::text::{Cell, Row, Table};
use crate::source::Span;

/// Normalise a label cell: drop all white space, fold full-width ASCII, drop a trailing colon.
pub fn norm_label(s: &str) -> String {
    let mut out: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(fold_width)
        .collect();
    while out.ends_with(':') {
        out.pop();
    }
    out
}

/// Full-width ASCII forms (！ … ～) to their ASCII counterparts, U+3000 to a space.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Code,
    Name,
    BudgetBlock,
    Total,
    Fiscal,
    Other,
    Purpose,
    Schedule,
    Goals,
}

fn label(cell: &Cell) -> Option<Label> {
    let l = norm_label(&cell.text);
    let l = l.as_str();
    Some(match l {
        "项目编码" | "项目代码" | "项目编号" => Label::Code,
        "项目名称" => Label::Name,
        "预算规模及资金用途" | "预算规模及用途" | "资金规模及用途" => {
            Label::BudgetBlock
        }
        "预算数" | "年度资金总额" | "资金总额" | "预算金额" | "年度预算数" | "项目预算数" => {
            Label::Total
        }
        "其中:财政资金" | "财政资金" | "其中:财政拨款" | "财政拨款" => {
            Label::Fiscal
        }
        "其他资金" | "其中:其他资金" => Label::Other,
        "资金用途" | "项目资金用途" => Label::Purpose,
        "绩效目标" | "年度绩效目标" | "年度目标" | "项目绩效目标" => {
            Label::Goals
        }
        _ if l.starts_with("资金支出计划") => Label::Schedule,
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Level1,
    Level2,
    Level3,
    Description,
    Value,
    Unit,
    Basis,
}

fn column(cell: &Cell) -> Option<Column> {
    let l = norm_label(&cell.text);
    Some(match l.as_str() {
        "一级指标" => Column::Level1,
        "二级指标" => Column::Level2,
        "三级指标" | "指标名称" | "三级指标名称" => Column::Level3,
        "绩效指标描述" | "指标解释" | "指标描述" | "指标内容" | "绩效指标解释" => {
            Column::Description
        }
        "指标值" | "目标值" | "年度指标值" | "指标目标值" => Column::Value,
        "计量单位" | "度量单位" => Column::Unit,
        "指标值确定依据" | "确定依据" | "指标值设定依据" => Column::Basis,
        _ => return None,
    })
}

/// The column map of an indicator header row, or `None` when the row is not one.
fn header_columns(row: &Row) -> Option<Vec<Option<Column>>> {
    let cols: Vec<Option<Column>> = row.cells.iter().map(column).collect();
    let has = |c: Column| cols.contains(&Some(c));
    (has(Column::Level1) && has(Column::Value) && (has(Column::Level3) || has(Column::Level2)))
        .then_some(cols)
}

fn starts_project(row: &Row) -> bool {
    row.cells
        .iter()
        .any(|c| matches!(label(c), Some(Label::Code | Label::Name)))
}

#[derive(Default)]
struct Builder {
    project: Project,
    has_name_label: bool,
    has_goals_label: bool,
    has_header: bool,
}

impl Builder {
    fn is_target_table(&self) -> bool {
        self.has_header || (self.has_name_label && self.has_goals_label)
    }
}

/// Find every target table in the grid and read it into a document.
pub fn recognise(tables: &[Table]) -> Document {
    let mut doc = Document::default();
    for table in tables {
        read_table(table, &mut doc);
    }
    doc
}

fn read_table(table: &Table, doc: &mut Document) {
    let rows = &table.rows;
    let mut cur: Option<Builder> = None;
    let mut started = false;
    // Cells seen before the first label row: department and amount unit.
    let mut preamble: Vec<&Cell> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        if let Some(cols) = header_columns(row) {
            let b = cur.get_or_insert_with(|| new_builder(table, row, !started));
            started = true;
            b.has_header = true;
            b.project.has_basis_column = cols.contains(&Some(Column::Basis));
            b.project.has_unit_column = cols.contains(&Some(Column::Unit));
            i = read_indicators(rows, i + 1, &cols, &mut b.project);
            continue;
        }
        if starts_project(row) {
            let fresh = match &cur {
                None => true,
                Some(b) => b.project.name.is_some() || b.has_header,
            };
            if fresh {
                if let Some(b) = cur.take() {
                    finish(b, doc);
                }
                cur = Some(new_builder(table, row, !started));
                started = true;
            }
        }
        match cur.as_mut() {
            None => preamble.extend(row.cells.iter().filter(|c| !c.is_blank())),
            Some(b) => i = read_label_row(rows, i, b),
        }
        i += 1;
    }
    if let Some(b) = cur {
        if b.is_target_table() {
            for cell in preamble {
                let t = norm_label(&cell.text);
                if let Some(unit) = t.strip_prefix("单位:").or(t.strip_prefix("金额单位:")) {
                    if doc.unit.is_none() && !unit.is_empty() {
                        doc.unit = Some(Field::new(
                            crate::model::trim(unit_text(&cell.text)),
                            cell.span,
                        ));
                    }
                } else if doc.department.is_none() {
                    doc.department = Some(Field::new(cell.text.trim(), cell.span));
                }
            }
        }
        finish(b, doc);
    }
}

/// The text after the colon of "单位：万元".
fn unit_text(s: &str) -> &str {
    s.split_once(['：', ':']).map(|(_, u)| u).unwrap_or(s)
}

fn new_builder(table: &Table, row: &Row, use_title: bool) -> Builder {
    let span = table
        .title
        .as_ref()
        .filter(|t| use_title && t.text.contains("绩效目标"))
        .map(|t| trim_span(&t.text, t.span))
        .unwrap_or_else(|| row.span());
    Builder {
        project: Project {
            span,
            ..Project::default()
        },
        ..Builder::default()
    }
}

fn trim_span(text: &str, span: Span) -> Span {
    let kept = text.trim_end();
    Span::new(span.start, span.start + kept.len())
}

fn finish(b: Builder, doc: &mut Document) {
    if b.is_target_table() {
        doc.projects.push(b.project);
    }
}

/// Read the label cells of one row (and, for block labels, the row after it).
/// Returns the index of the last row consumed.
fn read_label_row(rows: &[Row], i: usize, b: &mut Builder) -> usize {
    let row = &rows[i];
    let mut last = i;
    let next_cell = |j: usize| -> Field {
        match row.cells.get(j + 1) {
            Some(c) => c.field(),
            None => Field::new("", Span::empty_at(row.span().end)),
        }
    };
    let p = &mut b.project;
    for (j, cell) in row.cells.iter().enumerate() {
        match label(cell) {
            Some(Label::Code) => p.code = Some(next_cell(j)),
            Some(Label::Name) => {
                b.has_name_label = true;
                p.name = Some(next_cell(j));
            }
            Some(Label::Total) => p.budget.total = Some(next_cell(j)),
            Some(Label::Fiscal) => p.budget.fiscal = Some(next_cell(j)),
            Some(Label::Other) => p.budget.other = Some(next_cell(j)),
            Some(Label::Purpose) => p.purpose = Some(next_cell(j)),
            Some(Label::BudgetBlock) => {
                // The purpose stands in the next row, under the merged (empty) label cell.
                if let Some(next) = rows.get(i + 1)
                    && next.cells.first().is_some_and(Cell::is_blank)
                    && !starts_project(next)
                    && header_columns(next).is_none()
                    && next.cells.iter().all(|c| label(c).is_none())
                {
                    let cells: Vec<&Cell> = next.cells.iter().skip(1).collect();
                    if let Some(c) = cells.iter().find(|c| !c.is_blank()).or(cells.first()) {
                        p.purpose = Some(c.field());
                    }
                    last = i + 1;
                }
            }
            Some(Label::Schedule) => {
                let labels = &row.cells[j + 1..];
                let values_row = rows.get(i + 1).filter(|next| {
                    !starts_project(next)
                        && header_columns(next).is_none()
                        && next.cells.iter().all(|c| label(c).is_none())
                });
                // The values stand under the period labels: in the same columns when the row
                // is as wide as the label row, else right-aligned under them.
                let values: &[Cell] = match values_row {
                    Some(next) if next.cells.len() == row.cells.len() => &next.cells[j + 1..],
                    Some(next) if next.cells.len() > labels.len() => {
                        &next.cells[next.cells.len() - labels.len()..]
                    }
                    Some(next) => &next.cells,
                    None => &[],
                };
                if values_row.is_some() {
                    last = i + 1;
                }
                let end = values_row.map(|r| r.span().end).unwrap_or(row.span().end);
                p.schedule = Some(Schedule {
                    span: cell.span,
                    periods: labels
                        .iter()
                        .enumerate()
                        .map(|(k, l)| Period {
                            label: l.field(),
                            value: values
                                .get(k)
                                .map(Cell::field)
                                .unwrap_or_else(|| Field::new("", Span::empty_at(end))),
                        })
                        .collect(),
                });
                break;
            }
            Some(Label::Goals) => {
                b.has_goals_label = true;
                p.goals = Some(match row.cells.get(j + 1) {
                    Some(c) => Goals {
                        span: c.span,
                        lines: c.paragraphs.clone(),
                    },
                    None => Goals {
                        span: Span::empty_at(row.span().end),
                        lines: vec![],
                    },
                });
            }
            None => {}
        }
    }
    last
}

/// Read indicator rows from `start` until the table ends or a new project starts; returns the
/// index of the first row not consumed.
fn read_indicators(rows: &[Row], start: usize, cols: &[Option<Column>], p: &mut Project) -> usize {
    let ncols = cols.len();
    let mut i = start;
    let mut pending: Option<Vec<Cell>> = None;
    while i < rows.len() {
        let row = &rows[i];
        if starts_project(row) || header_columns(row).is_some() {
            break;
        }
        if row.is_blank() {
            // Extra blank paragraphs split a row: its remaining (blank) cells follow.
            if let Some(cells) = pending.as_mut() {
                let room = ncols.saturating_sub(cells.len());
                cells.extend(row.cells.iter().take(room).cloned());
            }
        } else {
            if let Some(cells) = pending.take() {
                push_indicator(&cells, cols, p);
            }
            pending = Some(row.cells.clone());
        }
        i += 1;
    }
    if let Some(cells) = pending {
        push_indicator(&cells, cols, p);
    }
    i
}

fn push_indicator(cells: &[Cell], cols: &[Option<Column>], p: &mut Project) {
    let row_end = cells.last().map(|c| c.span.end).unwrap_or(0);
    let row_start = cells.first().map(|c| c.span.start).unwrap_or(0);
    let mut ind = Indicator {
        span: Span::new(row_start, row_end.max(row_start)),
        ..Indicator::default()
    };
    for (k, col) in cols.iter().enumerate() {
        let Some(col) = col else { continue };
        let f = cells
            .get(k)
            .map(Cell::field)
            .unwrap_or_else(|| Field::new("", Span::empty_at(row_end)));
        let slot = match col {
            Column::Level1 => &mut ind.level1,
            Column::Level2 => &mut ind.level2,
            Column::Level3 => &mut ind.level3,
            Column::Description => &mut ind.description,
            Column::Value => &mut ind.value,
            Column::Unit => &mut ind.unit,
            Column::Basis => &mut ind.basis,
        };
        if slot.is_none() {
            *slot = Some(f);
        }
    }
    // Vertically merged cells are left empty: fill 一级 (and, under a merged 一级, 二级) down.
    if let Some(prev) = p.indicators.last()
        && crate::model::blank(&ind.level1)
        && !crate::model::blank(&prev.level1)
    {
        ind.level1 = prev.level1.clone();
        if crate::model::blank(&ind.level2) && !crate::model::blank(&prev.level2) {
            ind.level2 = prev.level2.clone();
        }
    }
    p.indicators.push(ind);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the text_reader fuzz target: a schedule label that is not the first cell of
    /// its row, above a values row narrower than the label row.
    #[test]
    fn schedule_label_in_a_later_column() {
        let text = "\t项目名称\t\n\t测试\n\n\t备注\n\t资金支出计划（%）\n\t3月底\n\t6月底\n\t12月底\n\n\t\n\t25\n\t50\n\t100\n\n\t绩效目标\n\t完成\n\n";
        let src = crate::source::SourceFile::new("t", text.to_string());
        let doc = recognise(&crate::read::text::grid(&src).unwrap());
        let s = doc.projects[0].schedule.as_ref().unwrap();
        let got: Vec<(&str, &str)> = s
            .periods
            .iter()
            .map(|q| (q.label.text.as_str(), q.value.text.as_str()))
            .collect();
        assert_eq!(got, [("3月底", "25"), ("6月底", "50"), ("12月底", "100")]);
    }

    #[test]
    fn labels_normalise() {
        assert_eq!(norm_label(" 其中：财政资金 "), "其中:财政资金");
        assert_eq!(norm_label("项    目"), "项目");
        assert_eq!(norm_label("资金支出计划（%）"), "资金支出计划(%)");
    }
}
