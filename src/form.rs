//! The form recogniser: finds performance-target tables in a grid of cells by their header
//! cells (项目名称, 资金支出计划, 绩效目标, 一级指标 …, listed in `rules/headers.yaml`) and maps
//! them to [`Project`]s. Every grid format meets here, so the variety of real tables is handled
//! once.

use std::collections::BTreeSet;

use crate::grid::{Cell, Row, Table};
use crate::headers::{BudgetKey, Column, DocKey, ProjectKey, TableLabel, headers};
use crate::model::{Document, Field, Goals, Indicator, Period, Project, Schedule, UnreadHeader};
use crate::source::Span;
use crate::text::norm_label;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Project(ProjectKey),
    Budget(BudgetKey),
    BudgetBlock,
    Schedule,
    /// A document's department label in the project block (预算单位, 单位名称): the
    /// department where the table names no 主管部门.
    Unit,
}

fn label(cell: &Cell) -> Option<Label> {
    let h = headers();
    let l = norm_label(&cell.text);
    if l.is_empty() {
        return None;
    }
    if l.starts_with("资金支出计划") {
        return Some(Label::Schedule);
    }
    if let Some(k) = h.project.find(&l) {
        return Some(match k {
            ProjectKey::Budget => Label::BudgetBlock,
            ProjectKey::Schedule => Label::Schedule,
            k => Label::Project(k),
        });
    }
    if let Some(k) = h.budget.find(&l) {
        return Some(Label::Budget(k));
    }
    match h.labels.find(&l) {
        Some(TableLabel::BudgetBlock) => return Some(Label::BudgetBlock),
        Some(TableLabel::AmountHeading | TableLabel::IndicatorsEnd) => return None,
        None => {}
    }
    matches!(h.document.find(&l), Some(DocKey::Department)).then_some(Label::Unit)
}

/// The money unit in a label's trailing bracket: “年度预算安排（元）” → 元.
fn label_unit(text: &str) -> Option<String> {
    // (norm_label folds full-width brackets to ASCII.)
    let l = norm_label(text);
    let inner = l.strip_suffix(')')?;
    let unit = &inner[inner.rfind('(')? + 1..];
    crate::rules::budget::yuan(unit).map(|_| unit.to_string())
}

/// A budget label's value cell that is a column heading, not an amount (“金额(万元)”, “万元”):
/// `Some` with the unit it names, if any.
fn amount_heading(text: &str) -> Option<Option<String>> {
    let l = norm_label(text);
    if l.is_empty() {
        return None;
    }
    let bare: String = l.chars().filter(|c| !"()".contains(*c)).collect();
    if crate::rules::budget::yuan(&bare).is_some() {
        return Some(Some(bare));
    }
    matches!(headers().labels.find(&l), Some(TableLabel::AmountHeading)).then(|| label_unit(text))
}

/// A row that ends an indicator table: a 总分 or 合计 line (`indicators_end`) written in the
/// row's first cell, itself no continuation of a merged cell above, with nothing in the 三级
/// column but that label (a 三级 indicator named 合计, under a merged or blank 一级/二级, is an
/// indicator: reading must not stop there and lose the rows after it).
fn ends_indicators(row: &Row, cols: &[(usize, Column)]) -> bool {
    let Some(first) = row.cells.first().filter(|c| !c.continued && !c.is_blank()) else {
        return false;
    };
    let label = norm_label(&first.text);
    if !matches!(
        headers().labels.find(&label),
        Some(TableLabel::IndicatorsEnd)
    ) {
        return false;
    }
    cols.iter()
        .filter(|(_, k)| *k == Column::Level3)
        .filter_map(|(c, _)| row.cells.iter().find(|x| x.col == *c))
        .all(|c| c.col == first.col || c.is_blank() || norm_label(&c.text) == label)
}

fn column(cell: &Cell) -> Option<Column> {
    headers().columns.find(&cell.text)
}

/// The indicator columns a row's cells name: first by the labels of `rules/headers.yaml`'s
/// columns, then, for a level or the value the row has no cell for, by its `table_fallbacks`
/// (a fallback cell must stand right of the level columns before it).
fn header_cells(row: &Row) -> Vec<(usize, Column)> {
    let h = headers();
    let mut kinds: Vec<Option<Column>> = row.cells.iter().map(column).collect();
    let col_of = |kinds: &[Option<Column>], want: &[Column]| {
        row.cells
            .iter()
            .zip(kinds)
            .filter(|(_, k)| k.is_some_and(|k| want.contains(&k)))
            .map(|(c, _)| c.col)
            .max()
    };
    // Rows that name no indicator level are no header: leave them quickly.
    if col_of(&kinds, &[Column::Level1, Column::Level2, Column::Level3]).is_some() {
        for (kind, _, _) in &h.fallbacks.keys {
            if kinds.contains(&Some(*kind)) {
                continue;
            }
            let left = match kind {
                Column::Level1 => None,
                Column::Value => col_of(&kinds, &[Column::Level1, Column::Level2, Column::Level3]),
                _ => col_of(&kinds, &[Column::Level1, Column::Level2]),
            };
            let best = row
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| left.is_none_or(|l| c.col > l))
                .filter_map(|(i, c)| match h.fallbacks.rank(&c.text) {
                    Some((k, rank)) if k == *kind => Some((rank, c.col, i)),
                    _ => None,
                })
                .min();
            if let Some((_, _, i)) = best {
                kinds[i] = Some(*kind);
            }
        }
    }
    row.cells
        .iter()
        .zip(kinds)
        .filter_map(|(c, k)| k.map(|k| (c.col, k)))
        .collect()
}

/// An indicator header row: each column with the grid column it stands in, or `None` when the
/// row is not one.
fn header_columns(row: &Row) -> Option<Vec<(usize, Column)>> {
    let cols = header_cells(row);
    let has = |k: Column| cols.iter().any(|(_, c)| *c == k);
    (has(Column::Level1) && has(Column::Value) && (has(Column::Level3) || has(Column::Level2)))
        .then_some(cols)
}

/// Two blocks of indicator columns side by side under “中期滚动目标 | 年度目标” (or 实施期 …
/// 年度 …) in a row above the header (a Guangdong 批复表: 二级 | 三级 | 指标值 for the medium
/// term, then the same for the year): the year's columns are read, the medium term's dropped
/// wherever the year's block has the same column.
fn annual_block(rows: &[Row], i: usize, cols: &mut Vec<(usize, Column)>) {
    for r in rows[i.saturating_sub(3)..i].iter().rev() {
        let annual = r
            .cells
            .iter()
            .find(|c| norm_label(&c.text).starts_with("年度"));
        let medium = r.cells.iter().find(|c| {
            let t = norm_label(&c.text);
            t.starts_with("中期") || t.starts_with("实施期")
        });
        if let (Some(a), Some(m)) = (annual, medium)
            && m.col < a.col
        {
            let later: Vec<Column> = cols
                .iter()
                .filter(|(c, _)| *c >= a.col)
                .map(|(_, k)| *k)
                .collect();
            if later.contains(&Column::Value) {
                cols.retain(|(c, k)| *c >= a.col || !later.contains(k));
            }
            return;
        }
    }
}

/// The row under an indicator header that only splits its columns (指标值 over 年度指标值 |
/// 中期指标值): the header's columns with the sub-row's labels in place of those above them, or
/// `None` when the row is not such a row (it names a level, holds a cell that is no column
/// label, or would leave no value column).
fn sub_header(row: &Row, cols: &[(usize, Column)]) -> Option<Vec<(usize, Column)>> {
    let mut sub = Vec::new();
    for c in row.cells.iter().filter(|c| !c.is_blank() && !c.continued) {
        match column(c) {
            Some(Column::Level1 | Column::Level2 | Column::Level3) | None => return None,
            Some(k) => sub.push((c.col, k)),
        }
    }
    if sub.is_empty() {
        return None;
    }
    let mut out: Vec<(usize, Column)> = cols
        .iter()
        .filter(|(col, _)| !sub.iter().any(|(s, _)| s == col))
        .copied()
        .chain(sub.iter().copied())
        .collect();
    out.sort_by_key(|(col, _)| *col);
    out.iter().any(|(_, k)| *k == Column::Value).then_some(out)
}

/// A row that names two indicator levels (一级指标, 二级指标, 三级指标) but is no header row
/// because it lacks the value or the 一级指标 column: what it lacks, so that the user learns
/// why no indicator was read.
fn unread_header(row: &Row) -> Option<UnreadHeader> {
    let cols = header_cells(row);
    let has = |k: Column| cols.iter().any(|(_, c)| *c == k);
    let levels = [Column::Level1, Column::Level2, Column::Level3]
        .into_iter()
        .filter(|k| has(*k))
        .count();
    let header = has(Column::Level1) && has(Column::Value);
    if levels < 2 || header {
        return None;
    }
    let missing: Vec<&'static str> = [(Column::Level1, "一级指标"), (Column::Value, "指标值")]
        .into_iter()
        .filter(|(k, _)| !has(*k))
        .map(|(_, name)| name)
        .collect();
    Some(UnreadHeader {
        span: row.span(),
        cells: row
            .cells
            .iter()
            .filter(|c| !c.is_blank() && !c.continued)
            .map(|c| crate::text::trim(&c.text).to_string())
            .collect(),
        missing,
    })
}

fn starts_project(row: &Row) -> bool {
    row.cells.iter().any(|c| {
        matches!(
            label(c),
            Some(Label::Project(ProjectKey::Code | ProjectKey::Name))
        )
    })
}

/// A row that is neither a label row, a header row nor the start of a project.
fn plain(row: &Row) -> bool {
    !starts_project(row)
        && header_columns(row).is_none()
        && row.cells.iter().all(|c| label(c).is_none())
}

#[derive(Default)]
struct Builder {
    project: Project,
    has_name_label: bool,
    has_goals_label: bool,
    has_header: bool,
    /// The 主管部门 the project's block names.
    department: Option<Field>,
    /// The 预算单位 (单位名称 …) it names: its department when it names no 主管部门.
    unit_department: Option<Field>,
}

/// A project a table has read: its index in the document, its 主管部门 and its 预算单位.
type Read = (usize, Option<Field>, Option<Field>);

impl Builder {
    fn is_target_table(&self) -> bool {
        self.has_header || (self.has_name_label && self.has_goals_label)
    }
}

/// Find every target table in the grid and read it into a document.
pub fn recognise(tables: &[Table]) -> Document {
    let mut doc = Document {
        from_table: true,
        ..Document::default()
    };
    // For each project, whether its own table named its department; and how many tables hold
    // projects.
    let mut own: Vec<bool> = Vec::new();
    let mut tables_with_projects = 0;
    for table in tables {
        let before = doc.projects.len();
        own.extend(read_table(table, &mut doc));
        if doc.projects.len() > before {
            tables_with_projects += 1;
        }
        // A project's header block and its indicator table as two tables: an indicator table
        // that names no project continues the project before it that has no indicators yet.
        if doc.projects.len() > before && before > 0 {
            let orphan = &doc.projects[before];
            let prev = &doc.projects[before - 1];
            if orphan.name.is_none()
                && orphan.code.is_none()
                && !orphan.indicators.is_empty()
                && prev.indicators.is_empty()
            {
                let o = doc.projects.remove(before);
                own.remove(before);
                tables_with_projects -= 1;
                let p = &mut doc.projects[before - 1];
                p.indicators = o.indicators;
                p.has_unit_column = o.has_unit_column;
                p.has_basis_column = o.has_basis_column;
                if p.schedule.is_none() {
                    p.schedule = o.schedule;
                }
                if p.goals.is_none() {
                    p.goals = o.goals;
                }
            }
        }
    }
    // Projects in tables of their own (a workbook of one sheet per project): a project whose
    // table names no department has none, not the one another table named.
    if tables_with_projects > 1 {
        for (p, own) in doc.projects.iter_mut().zip(own) {
            p.no_document_department = !own;
        }
    }
    doc
}

/// A row that is a title ("××项目支出绩效目标表"): one text, in one cell or repeated across
/// merged cells, naming a table of targets.
fn is_title_row(row: &Row) -> bool {
    let texts: BTreeSet<&str> = row
        .cells
        .iter()
        .filter(|c| !c.is_blank())
        .map(|c| c.text.trim())
        .collect();
    texts.len() == 1
        && texts.iter().all(|t| {
            let l = norm_label(t);
            (l.contains("绩效目标") || l.contains("绩效自评"))
                && (l.ends_with('表') || l.ends_with("申报表"))
        })
}

/// Read the target tables of one grid table into the document; for each project read, whether
/// the table named its department (主管部门, a preamble's 填报单位, 预算单位).
fn read_table(table: &Table, doc: &mut Document) -> Vec<bool> {
    let rows = &table.rows;
    let mut read: Vec<Read> = Vec::new();
    let mut cur: Option<Builder> = None;
    let mut started = false;
    // Cells seen before the first label row: department and amount unit.
    let mut preamble: Vec<&Cell> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        if let Some(mut cols) = header_columns(row) {
            annual_block(rows, i, &mut cols);
            // A two-row header: 指标值 over 年度指标值 | 中期指标值.
            let mut first = i + 1;
            if let Some(sub) = rows.get(i + 1).and_then(|r| sub_header(r, &cols)) {
                cols = sub;
                first = i + 2;
            }
            let b = cur.get_or_insert_with(|| new_builder(table, row, !started));
            started = true;
            b.has_header = true;
            let has = |k: Column| cols.iter().any(|(_, c)| *c == k);
            b.project.has_basis_column = has(Column::Basis);
            b.project.has_unit_column = has(Column::Unit);
            i = read_indicators(rows, first, &cols, &mut b.project);
            continue;
        }
        if let Some(u) = unread_header(row) {
            if let Some(b) = cur.as_mut()
                && b.project.indicators.is_empty()
                && b.project.unread_header.is_none()
            {
                b.project.unread_header = Some(u.clone());
            }
            doc.unread_headers.push(u);
        }
        if starts_project(row) {
            // A new project starts when its name (or code) comes again, or after the indicator
            // table; 项目编码 in the row below 项目名称 belongs to the same project.
            let labels: Vec<Label> = row.cells.iter().filter_map(label).collect();
            let fresh = match &cur {
                None => true,
                Some(b) => {
                    b.has_header
                        || (labels.contains(&Label::Project(ProjectKey::Name))
                            && b.project.name.is_some())
                        || (labels.contains(&Label::Project(ProjectKey::Code))
                            && b.project.code.is_some())
                }
            };
            if fresh {
                if let Some(b) = cur.take() {
                    finish(b, doc, &mut read);
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
        finish(b, doc, &mut read);
    }
    // The department a preamble names (above the first label row).
    let mut pre: Option<Field> = None;
    if !read.is_empty() {
        {
            let h = headers();
            let names_department = |l: &str| {
                matches!(h.document.find(l), Some(DocKey::Department))
                    || matches!(h.project.find(l), Some(ProjectKey::Department))
            };
            // A department label whose value is the next cell (“填报单位 | 某县人社局”).
            let mut wanted = false;
            for cell in preamble {
                let t = norm_label(&cell.text);
                let label_only = wanted;
                wanted = false;
                if let Some(unit) = t.strip_prefix("单位:").or(t.strip_prefix("金额单位:")) {
                    if doc.unit.is_none() && !unit.is_empty() {
                        doc.unit = Some(Field::new(
                            crate::text::trim(unit_text(&cell.text)),
                            cell.span,
                        ));
                    }
                } else if names_department(&t) {
                    // The label alone (its colon is folded away): 填报单位：, 填报单位（盖章）.
                    wanted = true;
                } else if let Some((l, _)) = t.split_once(':') {
                    // “预算单位：东莞市交通运输局”: a department label and its value, up to a
                    // wide gap before the next label (“…局　　填报日期：2024年3月1日”).
                    if names_department(l) && pre.is_none() {
                        let v = unit_text(&cell.text);
                        let v = crate::text::trim(
                            v.split(['\u{3000}', '\t'])
                                .find(|p| !p.trim().is_empty())
                                .unwrap_or("")
                                .split("  ")
                                .next()
                                .unwrap_or(""),
                        );
                        if v.is_empty() {
                            wanted = true;
                        } else {
                            pre = Some(Field::new(v, cell.span));
                        }
                    }
                } else if pre.is_none()
                    && (label_only
                        || (!names_year(&t) && !t.contains("绩效目标") && !t.ends_with('表')))
                {
                    // An unlabelled cell names the department (“323002涞源县社会保险事业管理局”);
                    // a year (“（2019年度）”) or a title ending with 表 does not.
                    pre = Some(Field::new(cell.text.trim(), cell.span));
                }
            }
        }
    }
    // Each project's department: its 主管部门, else the preamble's, else its 预算单位. The first
    // is the document's; a project that names another keeps its own.
    read.into_iter()
        .map(|(k, department, unit)| {
            let own = department.or_else(|| pre.clone()).or(unit);
            let named = own.is_some();
            if let Some(f) = own {
                match &doc.department {
                    None => doc.department = Some(f),
                    Some(d) if d.text.trim() != f.text.trim() => {
                        doc.projects[k].department = Some(f)
                    }
                    Some(_) => {}
                }
            }
            named
        })
        .collect()
}

/// Whether a (normalised) cell names a year: four digits and 年 (“（ 2019 年度）”, “2025年”).
fn names_year(t: &str) -> bool {
    let c: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    c.windows(5)
        .any(|w| w[..4].iter().all(char::is_ascii_digit) && w[4] == '年')
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

fn finish(b: Builder, doc: &mut Document, read: &mut Vec<Read>) {
    if b.is_target_table() {
        read.push((doc.projects.len(), b.department, b.unit_department));
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
        let Some(l) = label(cell) else { continue };
        match l {
            Label::Project(ProjectKey::Code) => p.code = Some(next_cell(j)),
            Label::Project(ProjectKey::Name) => {
                b.has_name_label = true;
                p.name = Some(next_cell(j));
            }
            Label::Project(ProjectKey::Department) => {
                // Placed when the table is read (see `read_table`).
                let f = next_cell(j);
                if !f.is_blank() && b.department.is_none() {
                    b.department = Some(f);
                }
            }
            Label::Unit => {
                let f = next_cell(j);
                if !f.is_blank() && b.unit_department.is_none() {
                    b.unit_department = Some(f);
                }
            }
            Label::Project(ProjectKey::FunctionCode) => p.function_code = Some(next_cell(j)),
            Label::Budget(k) => {
                // “年度预算安排（元）”: the amount is in 元.
                if let Some(u) = label_unit(&cell.text) {
                    p.budget.unit.get_or_insert(u);
                }
                let f = next_cell(j);
                if let Some(unit) = amount_heading(&f.text) {
                    // “年度资金总额 | 金额(万元)”: a heading over the amounts below.
                    if unit.is_some() {
                        p.budget.unit = unit;
                    }
                    last = last.max(amounts_below(rows, i, &f, &mut p.budget));
                } else {
                    *match k {
                        BudgetKey::Total => &mut p.budget.total,
                        BudgetKey::Fiscal => &mut p.budget.fiscal,
                        BudgetKey::Other => &mut p.budget.other,
                    } = Some(f);
                }
            }
            Label::Project(ProjectKey::Purpose) => p.purpose = Some(next_cell(j)),
            Label::BudgetBlock => {
                if let Some(u) = label_unit(&cell.text) {
                    p.budget.unit.get_or_insert(u);
                }
                // “项目资金（元） | 1681680”: an amount beside the label is the budget.
                let f = next_cell(j);
                if !f.is_blank() && crate::rules::budget::amount(&f.text, "万元").is_some() {
                    if p.budget.total.is_none() {
                        p.budget.total = Some(f);
                    }
                    continue;
                }
                // The purpose stands in the next row, under the merged (empty) label cell.
                if let Some(next) = rows.get(i + 1)
                    && next.cells.first().is_some_and(Cell::is_blank)
                    && plain(next)
                {
                    let cells: Vec<&Cell> = next.cells.iter().skip(1).collect();
                    if let Some(c) = cells.iter().find(|c| !c.is_blank()).or(cells.first()) {
                        p.purpose = Some(c.field());
                    }
                    last = i + 1;
                }
            }
            Label::Schedule => {
                let labels = &row.cells[j + 1..];
                let values_row = rows.get(i + 1).filter(|next| plain(next));
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
            Label::Project(ProjectKey::Goals) => {
                b.has_goals_label = true;
                // A label that ends its row (“中期滚动目标 | 年度目标” over their texts) has its
                // text in the row below, in its own columns.
                let below = rows
                    .get(i + 1)
                    .filter(|next| row.cells.get(j + 1).is_none() && plain(next))
                    .and_then(|next| next.cells.iter().find(|c| c.col == cell.col));
                if below.is_some() {
                    last = i + 1;
                }
                p.goals = Some(match below.or(row.cells.get(j + 1)) {
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
            Label::Project(
                ProjectKey::Agency
                | ProjectKey::Budget
                | ProjectKey::Schedule
                | ProjectKey::Indicators,
            ) => {}
        }
    }
    last
}

/// The amounts under a budget label whose value cell is a column heading (the 四川 申报表:
/// “年度资金总额 | 金额(万元)”, then “(一)财政拨款小计 | 4.00”, “1、一般公共预算 | 4.00”, …,
/// “(二)自有资金小计 | 0.00”): the rows of a name and an amount below row `i`. The total is a
/// 合计 row, else the one top-level part that is not zero (else their sum, at the heading);
/// a top-level 财政拨款 part is the 财政资金, the other parts the 其他资金 when at most one of
/// them is not zero. Returns the last row read.
fn amounts_below(
    rows: &[Row],
    i: usize,
    heading: &Field,
    budget: &mut crate::model::Budget,
) -> usize {
    use std::sync::LazyLock;
    static TOP: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^\(?[一二三四五六七八九十]+[)、.．]").expect("top numbering")
    });
    static SUB: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^\(?[0-9]+[)、.．]").expect("sub numbering"));
    struct Part {
        top: bool,
        sub: bool,
        kind: Option<BudgetKey>,
        amount: f64,
        field: Field,
    }
    let unit = budget.unit.clone().unwrap_or_else(|| "万元".into());
    let mut parts: Vec<Part> = Vec::new();
    let mut k = i + 1;
    while let Some(r) = rows.get(k) {
        let cells: Vec<&Cell> = r
            .cells
            .iter()
            .filter(|c| !c.is_blank() && !c.continued)
            .collect();
        let (2..=3, Some(name), Some(value)) = (
            cells.len(),
            cells.len().checked_sub(2).map(|n| cells[n]),
            cells.last(),
        ) else {
            break;
        };
        // Another label of the project block ends the amounts.
        if cells
            .iter()
            .any(|c| label(c).is_some_and(|l| !matches!(l, Label::Budget(_))))
        {
            break;
        }
        let Some(amount) = crate::rules::budget::amount(&value.text, &unit) else {
            break;
        };
        let t = norm_label(&name.text);
        let (top, sub) = (TOP.is_match(&t), SUB.is_match(&t));
        let base = TOP.replace(&t, "");
        let base = SUB.replace(&base, "");
        let base = base
            .strip_suffix("小计")
            .or(base.strip_suffix("合计"))
            .unwrap_or(&base);
        let kind = if base.is_empty() || base == "合计" || base == "总计" {
            Some(BudgetKey::Total)
        } else {
            headers().budget.find(base)
        };
        parts.push(Part {
            top,
            sub,
            kind,
            amount,
            field: value.field(),
        });
        k += 1;
    }
    if parts.is_empty() {
        return i;
    }
    let has_top = parts.iter().any(|p| p.top);
    let level: Vec<&Part> = parts
        .iter()
        .filter(|p| if has_top { p.top } else { !p.sub })
        .collect();
    let total = parts.iter().find(|p| p.kind == Some(BudgetKey::Total));
    let pieces: Vec<&Part> = level
        .iter()
        .copied()
        .filter(|p| p.kind != Some(BudgetKey::Total))
        .collect();
    let nonzero =
        |v: &[&Part]| -> Vec<usize> { (0..v.len()).filter(|&n| v[n].amount != 0.0).collect() };
    budget.total = match total {
        Some(t) => Some(t.field.clone()),
        None => {
            let nz = nonzero(&pieces);
            match nz.as_slice() {
                [] => pieces.first().map(|p| p.field.clone()),
                [n] => Some(pieces[*n].field.clone()),
                _ => {
                    let sum: f64 = pieces.iter().map(|p| p.amount).sum();
                    Some(Field::new(
                        crate::rules::budget::fmt_amount(sum),
                        heading.span,
                    ))
                }
            }
        }
    };
    if let Some(fiscal) = pieces.iter().find(|p| p.kind == Some(BudgetKey::Fiscal)) {
        let others: Vec<&Part> = pieces
            .iter()
            .copied()
            .filter(|p| p.kind != Some(BudgetKey::Fiscal))
            .collect();
        let nz = nonzero(&others);
        if nz.len() <= 1 {
            budget.fiscal = Some(fiscal.field.clone());
            budget.other = nz
                .first()
                .map(|&n| others[n])
                .or(others.first().copied())
                .map(|p| p.field.clone());
        }
    }
    k - 1
}

/// Read indicator rows from `start` until the table ends or a new project starts; returns the
/// index of the first row not consumed.
fn read_indicators(rows: &[Row], start: usize, cols: &[(usize, Column)], p: &mut Project) -> usize {
    let width = cols.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
    let mut i = start;
    let mut pending: Option<Vec<Cell>> = None;
    while i < rows.len() {
        let row = &rows[i];
        if starts_project(row)
            || header_columns(row).is_some()
            || is_title_row(row)
            || ends_indicators(row, cols)
        {
            break;
        }
        if row.is_blank() {
            // Extra blank paragraphs split a row: its remaining (blank) cells follow.
            if let Some(cells) = pending.as_mut() {
                let room = width.saturating_sub(cells.len());
                for c in row.cells.iter().take(room) {
                    let col = cells.len();
                    cells.push(Cell { col, ..c.clone() });
                }
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

fn push_indicator(cells: &[Cell], cols: &[(usize, Column)], p: &mut Project) {
    let row_end = cells.last().map(|c| c.span.end).unwrap_or(0);
    let row_start = cells.first().map(|c| c.span.start).unwrap_or(0);
    let mut ind = Indicator {
        span: Span::new(row_start, row_end.max(row_start)),
        ..Indicator::default()
    };
    let prev = p.indicators.last();
    for &(col, kind) in cols {
        // A merged cell belongs to the first header column it covers, not to every one.
        let cell = cells
            .iter()
            .find(|c| c.covers(col))
            .filter(|c| !cols.iter().any(|(hc, _)| *hc >= c.col && *hc < col));
        let slot = match kind {
            Column::Level1 => &mut ind.level1,
            Column::Level2 => &mut ind.level2,
            Column::Level3 => &mut ind.level3,
            Column::Description => &mut ind.description,
            Column::Value => &mut ind.value,
            Column::Unit => &mut ind.unit,
            Column::Basis => &mut ind.basis,
            Column::Symbol | Column::MidValue | Column::Weight | Column::Direction => continue,
        };
        if slot.is_some() {
            continue;
        }
        // A vertically merged cell carries the text of the cell it continues.
        let inherited = cell.filter(|c| c.continued).and_then(|_| {
            prev.and_then(|q| {
                q.cells()
                    .into_iter()
                    .find(|(k, _)| Some(*k) == field_of(kind))
                    .and_then(|(_, f)| f.clone())
            })
        });
        *slot = Some(inherited.unwrap_or_else(|| {
            cell.map(Cell::field)
                .unwrap_or_else(|| Field::new("", Span::empty_at(row_end)))
        }));
    }
    // A split value column: 符号/计算符号/指标性质 or 指标方向 (≥ ≤ = > <, or a word such as
    // 大于等于, 不低于) joined to the value ("≥" + "486", "小于等于" + "1" → "≤1"); a word there
    // that is no comparison (定性, 正向, 反向) is not joined, nor a value with a symbol of its own.
    if let Some(v) = ind.value.as_mut()
        && !v.is_blank()
        && !crate::text::norm_value(&v.text).starts_with(['≥', '≤', '=', '>', '<', '≠'])
        && let Some(sym) = split_symbol(cells, cols)
    {
        v.text = format!("{sym}{}", v.text);
    }
    // Vertically merged cells exported as empty: fill 一级 (and, under a merged 一级, 二级) down.
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

/// The comparison of a row's symbol or direction column (the first that holds one), as the
/// value parser reads it: a symbol as written ("≥", ">=", "≠"), a word as its symbol
/// (大于等于 → ≥, 小于 → <).
fn split_symbol(cells: &[Cell], cols: &[(usize, Column)]) -> Option<String> {
    cols.iter()
        .filter(|(_, k)| matches!(k, Column::Symbol | Column::Direction))
        .filter_map(|&(col, _)| cells.iter().find(|c| c.col == col))
        .find_map(|c| {
            let s = crate::text::norm_value(&c.text);
            if ["≥", "≤", "=", ">", "<", ">=", "<=", "≠"].contains(&s.as_str()) {
                Some(crate::text::trim(&c.text).to_string())
            } else {
                crate::value::comparison(&s).map(|op| op.symbol().to_string())
            }
        })
}

fn field_of(c: Column) -> Option<crate::model::FieldKind> {
    use crate::model::FieldKind as F;
    Some(match c {
        Column::Level1 => F::Level1,
        Column::Level2 => F::Level2,
        Column::Level3 => F::Level3,
        Column::Description => F::Description,
        Column::Value => F::Value,
        Column::Unit => F::Unit,
        Column::Basis => F::Basis,
        _ => return None,
    })
}
