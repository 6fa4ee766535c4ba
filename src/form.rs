//! The form recogniser: finds performance-target tables in a grid of cells by their header
//! cells (项目名称, 资金支出计划, 绩效目标, 一级指标 …, listed in `rules/headers.yaml`) and maps
//! them to [`Project`]s. Every grid format meets here, so the variety of real tables is handled
//! once.

use std::collections::BTreeSet;

use crate::grid::{Cell, Row, Table};
use crate::headers::{BudgetKey, Column, DocKey, ProjectKey, TableLabel, headers};
use crate::model::{
    Document, Field, FormKind, Goals, Indicator, Period, Project, Schedule, UnreadHeader,
};
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
    /// 上年结转资金, a third part of a 自评表's budget.
    Carryover,
    /// 中央资金, 省级资金, 地方资金: the 财政资金 by the level that gives it.
    FiscalSource,
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
        Some(TableLabel::Carryover) => return Some(Label::Carryover),
        Some(TableLabel::FiscalSource) => return Some(Label::FiscalSource),
        Some(_) => return None,
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

/// The unit `u` a budget label of kind `k` names. The first names the budget's (its amounts
/// are in it, a label that names none included); a part whose label names another is in its
/// own (“年度预算安排（元）” beside “其中：财政资金（万元）”: 1681680 元 and 168.168 万元); a
/// 预算数 label after a part's names the budget's, the parts read so far keeping the one
/// they were read in.
fn take_label_unit(b: &mut crate::model::Budget, k: BudgetKey, u: String) {
    match (&b.unit, k) {
        (None, _) => b.unit = Some(u),
        (Some(own), _) if *own == u => {}
        (Some(_), BudgetKey::Fiscal) => {
            b.fiscal_unit.get_or_insert(u);
        }
        (Some(_), BudgetKey::Other) => {
            b.other_unit.get_or_insert(u);
        }
        (Some(_), BudgetKey::Total) => {
            let before = b.unit.replace(u);
            if b.fiscal.is_some() && b.fiscal_unit.is_none() {
                b.fiscal_unit.clone_from(&before);
            }
            if b.other.is_some() && b.other_unit.is_none() {
                b.other_unit = before;
            }
        }
    }
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

/// A form's footer row (填报人 | 张三 | 联系电话 | …, “填报人：张三  联系电话：…”): its first
/// filled cell, itself no continuation of a merged cell above, is a `footer` label, alone or
/// before a colon. It ends the indicator rows: it is none of them.
fn footer_row(row: &Row) -> bool {
    let Some(first) = row.cells.iter().find(|c| !c.is_blank()) else {
        return false;
    };
    if first.continued {
        return false;
    }
    let l = norm_label(&first.text);
    let head = l.split(':').next().unwrap_or("");
    matches!(headers().labels.find(head), Some(TableLabel::Footer))
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
/// wherever the year's block has the same column — unless the year's block is blank below the
/// header and the medium term's is not (a one-year project filled in only on the left).
/// How many rows below a two-block header are looked at for which block is filled.
const MAX_INDICATOR_ROWS: usize = 80;

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
            if !later.contains(&Column::Value) {
                return;
            }
            // A block whose names and values are all empty in the rows below (the template's
            // year block left blank, the indicators written under 中期目标 for a one-year
            // project) gives way to the other block, which is read instead. The rows below are
            // the indicator block's: they end at a row that starts left of the 一级指标 column
            // (a footer's 填报人 | … under a 绩效指标 label that spans the block), or at 总分.
            let left = cols
                .iter()
                .find(|(_, k)| *k == Column::Level1)
                .map_or(0, |(c, _)| *c);
            let block: Vec<&Row> = rows[i + 1..]
                .iter()
                .take_while(|r| {
                    !r.cells
                        .iter()
                        .any(|x| x.col < left && !x.continued && !x.is_blank())
                        && !r.cells.first().is_some_and(|x| {
                            matches!(
                                headers().labels.find(&x.text),
                                Some(TableLabel::IndicatorsEnd)
                            )
                        })
                        && !footer_row(r)
                })
                .take(MAX_INDICATOR_ROWS)
                .collect();
            let filled = |year: bool| {
                cols.iter()
                    .filter(|&&(c, k)| {
                        (c >= a.col) == year && matches!(k, Column::Level3 | Column::Value)
                    })
                    .any(|&(c, _)| {
                        block.iter().any(|r| {
                            r.cells
                                .iter()
                                .any(|x| x.col == c && !x.continued && !x.is_blank())
                        })
                    })
            };
            if !filled(true) && filled(false) {
                let earlier: Vec<Column> = cols
                    .iter()
                    .filter(|(c, _)| *c < a.col)
                    .map(|(_, k)| *k)
                    .collect();
                cols.retain(|(c, k)| *c < a.col || !earlier.contains(k));
            } else {
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
    // 优 | 良 | 中 | 差 under the value heading: the value is the first grade's column, where the
    // merged heading starts.
    let cells: Vec<&Cell> = row
        .cells
        .iter()
        .filter(|c| !c.is_blank() && !c.continued)
        .collect();
    if cells.len() >= 2
        && cells.iter().all(|c| {
            matches!(
                headers().labels.find(&c.text),
                Some(TableLabel::GradeHeading)
            )
        })
    {
        let first = cells[0].col;
        return cols
            .iter()
            .any(|&(c, k)| c == first && k == Column::Value)
            .then(|| cols.to_vec());
    }
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
    // A header of 三级指标 and 指标值 alone (a 部门整体 自评表: 三级指标 | 指标权重 | 计量单位 |
    // 指标值 | 全年实际完成值) is a target table's too, though it names one level: its label
    // says 三级.
    let third_named = cols.iter().any(|&(c, k)| {
        k == Column::Level3
            && row
                .cells
                .iter()
                .any(|x| x.col == c && norm_label(&x.text).contains("三级"))
    });
    let third_only = levels == 1 && third_named && has(Column::Value);
    if (levels < 2 && !third_only) || header {
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
    row.cells.iter().enumerate().any(|(j, c)| match label(c) {
        Some(Label::Project(ProjectKey::Code)) => true,
        Some(Label::Project(ProjectKey::Name)) => !heads_a_column(row, j),
        _ => false,
    })
}

/// A label cell whose right neighbour is itself a label or a column heading (“资金名称 |
/// 金额（万元）” over a breakdown of funds, “单位代码 | 专项名称 | 资金总额 | …” over a batch):
/// it heads a column, it labels no value.
fn heads_a_column(row: &Row, j: usize) -> bool {
    row.cells.get(j + 1).is_some_and(|n| {
        label(n).is_some()
            || column(n).is_some()
            || amount_heading(&n.text).is_some()
            || headers().labels.find(&norm_label(&n.text)).is_some()
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
    /// The 实施单位 (项目实施单位) it names: its department when it names no other.
    agency_department: Option<Field>,
    /// The form's title (“××项目支出绩效目标表”), above the table or in its first rows: the
    /// project's name when no label names it.
    title: Option<Field>,
    /// The label that named the project (项目名称, 专项名称 …), folded.
    name_label: Option<String>,
}

/// A project a table has read: its index in the document and the departments its table names.
struct Read {
    index: usize,
    /// Its 主管部门.
    department: Option<Field>,
    /// Its 预算单位.
    unit: Option<Field>,
    /// Its 实施单位.
    agency: Option<Field>,
    /// The name its form's title gives, for a form with no 项目名称 row: taken once the tables
    /// are joined (a second table titled “…（续表）” continues a project, it names none).
    title_name: Option<Field>,
}

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
    let mut own: Vec<(bool, Option<Field>)> = Vec::new();
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
    for (p, (own, title_name)) in doc.projects.iter_mut().zip(own) {
        if tables_with_projects > 1 {
            p.no_document_department = !own;
        }
        if p.name.is_none() {
            p.name = title_name;
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
            // A year in brackets after the title: “项目支出绩效目标表(2023年度)”.
            let mut l = norm_label(t);
            while let Some(open) = l.ends_with(')').then(|| l.rfind('(')).flatten() {
                l.truncate(open);
            }
            (l.contains("绩效目标") || l.contains("绩效自评"))
                && (l.ends_with('表') || l.ends_with("申报表"))
        })
}

/// The kind of form a row's text names (its title, or a heading such as “部门整体绩效目标”).
fn kind_named(row: &Row) -> Option<FormKind> {
    let mut texts = row.cells.iter().filter(|c| !c.is_blank());
    let first = texts.next()?;
    texts
        .all(|c| c.text.trim() == first.text.trim())
        .then(|| FormKind::named_by(&first.text))
        .flatten()
}

/// A 自评表's heading over the year's results (实际完成情况, 全年实际完成情况, 目标实际完成情况):
/// never the goal.
fn results_heading(label: &str) -> bool {
    label.contains("实际") || label.contains("完成情况")
}

/// A goal column heading (预期目标, 中期目标, 年度目标 … over the goal texts in the row below).
fn goal_heading(cell: &Cell) -> bool {
    let l = norm_label(&cell.text);
    let bare = l.split('(').next().unwrap_or(&l);
    matches!(headers().labels.find(&l), Some(TableLabel::GoalHeading)) || bare == "年度目标"
}

/// The column heading of a year's budget (全年预算数) over the amounts of a budget label's
/// row, in one of the rows just above it (a 自评表: 年初预算数 | 全年预算数 | 全年执行数): its
/// grid column, right of the label.
fn annual_budget_column(rows: &[Row], i: usize, label_col: usize) -> Option<usize> {
    rows[i.saturating_sub(4)..i].iter().rev().find_map(|r| {
        r.cells
            .iter()
            .find(|c| {
                c.col > label_col
                    && matches!(
                        headers().labels.find(&c.text),
                        Some(TableLabel::AnnualBudget)
                    )
            })
            .map(|c| c.col)
    })
}

/// The columns of a batch table (湖南: 单位代码 | 单位(专项)名称 | 资金总额 | 实施期绩效目标 left of
/// the indicator columns), each row naming a unit or one of its projects.
#[derive(Clone, Copy, Debug)]
struct Batch {
    name: usize,
    budget: Option<usize>,
    goals: Option<usize>,
}

/// The batch columns of an indicator header (row `i`): the headings left of its first
/// indicator column, in the header row or, over a header of two rows, in the row above.
fn batch_columns(rows: &[Row], i: usize, cols: &[(usize, Column)]) -> Option<Batch> {
    let first = cols.iter().map(|(c, _)| *c).min()?;
    let h = headers();
    let mut batch = Batch {
        name: usize::MAX,
        budget: None,
        goals: None,
    };
    let above = i.checked_sub(1).map(|k| &rows[k]);
    let cells = rows[i]
        .cells
        .iter()
        .chain(above.into_iter().flat_map(|r| r.cells.iter()))
        .filter(|x| x.col < first && !x.is_blank() && !x.continued);
    let mut seen = BTreeSet::new();
    for cell in cells {
        let c = cell.col;
        if !seen.insert(c) {
            continue;
        }
        let l = norm_label(&cell.text);
        if matches!(h.labels.find(&l), Some(TableLabel::BatchName))
            || matches!(h.project.find(&l), Some(ProjectKey::Name))
        {
            batch.name = c;
        } else if matches!(h.budget.find(&l), Some(crate::headers::BudgetKey::Total)) {
            batch.budget = Some(c);
        } else if matches!(h.labels.find(&l), Some(TableLabel::BatchGoals))
            || matches!(h.project.find(&l), Some(ProjectKey::Goals))
        {
            batch.goals = Some(c);
        }
    }
    (batch.name != usize::MAX).then_some(batch)
}

/// Whether a row of a batch table names a unit or project in its own (not continued) name cell.
fn batch_row(row: &Row, batch: &Batch) -> bool {
    row.at(batch.name)
        .is_some_and(|c| c.col == batch.name && !c.continued && !c.is_blank())
}

/// Whether a row has nothing in its indicator columns.
fn no_indicator_cells(row: &Row, cols: &[(usize, Column)]) -> bool {
    cols.iter().all(|(c, _)| {
        row.at(*c)
            .is_none_or(|x| x.col != *c || x.continued || x.is_blank())
    })
}

/// Read the target tables of one grid table into the document; for each project read, whether
/// the table named its department (主管部门, a preamble's 填报单位, 预算单位, 实施单位).
fn read_table(table: &Table, doc: &mut Document) -> Vec<(bool, Option<Field>)> {
    let rows = &table.rows;
    let mut read: Vec<Read> = Vec::new();
    let mut cur: Option<Builder> = None;
    let mut started = false;
    // Cells seen before the first label row: department and amount unit.
    let mut preamble: Vec<(usize, &Cell)> = Vec::new();
    // The kind of form the latest title names (the table's own title first).
    let mut kind: Option<FormKind> = table
        .prose
        .iter()
        .rev()
        .take(3)
        .find_map(|f| FormKind::named_by(&f.text));
    // A title row not yet taken by a project.
    let mut title_row: Option<Field> = None;
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
            let batch = batch_columns(rows, i, &cols);
            let b = cur.get_or_insert_with(|| {
                new_builder(table, row, !started, kind, title_row.take().as_ref())
            });
            started = true;
            b.has_header = true;
            // 实际完成值 beside the targets: a 自评表, whether or not a title says so.
            if kind.is_none()
                && row.cells.iter().any(|c| {
                    matches!(
                        headers().labels.find(&c.text),
                        Some(TableLabel::SelfEvaluation)
                    )
                })
            {
                b.project.kind = FormKind::SelfEvaluation;
            }
            let has = |k: Column| cols.iter().any(|(_, c)| *c == k);
            let flags = (has(Column::Basis), has(Column::Unit));
            (b.project.has_basis_column, b.project.has_unit_column) = flags;
            i = read_indicators(rows, first, &cols, batch.as_ref(), &mut b.project);
            // A batch table: each project row starts the next project under the same header.
            while let Some(batch) = &batch
                && rows
                    .get(i)
                    .is_some_and(|r| batch_row(r, batch) && !ends_block(r, &cols))
            {
                if let Some(done) = cur.take() {
                    finish(done, doc, &mut read);
                }
                let mut nb = new_builder(table, &rows[i], false, kind, None);
                nb.has_header = true;
                (nb.project.has_basis_column, nb.project.has_unit_column) = flags;
                let next = cur.insert(nb);
                i = read_indicators(rows, i, &cols, Some(batch), &mut next.project);
            }
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
        if let Some(k) = kind_named(row) {
            kind = Some(k);
        }
        if is_title_row(row) {
            title_row = row.cells.iter().find(|c| !c.is_blank()).map(Cell::field);
        }
        // A goal label before any project label (a 部门整体 table or a 自评表 that names no
        // project): the form's first label row.
        if cur.is_none()
            && row
                .cells
                .iter()
                .any(|c| label(c) == Some(Label::Project(ProjectKey::Goals)))
        {
            let mut b = new_builder(table, row, !started, kind, title_row.take().as_ref());
            // The budget rows above it (零陵 自评表: 年度资金总额 | 4753.66万元 above 年度总体
            // 目标) are the form's, though they also stay the preamble's (a department in an
            // unlabelled row among them). Not a row of column headers (湖南 batch: 单位代码 |
            // 单位(专项)名称 | 资金总额 | 实施期绩效目标 over the indicator header).
            let mut budget_rows: Vec<usize> = preamble.iter().map(|(r, _)| *r).collect();
            budget_rows.dedup();
            for r in budget_rows {
                let cells = &rows[r].cells;
                // A row of a part (财政拨款 | 2430.30 under 资金总额 | 2430.30) too, while that
                // part is unread.
                // (A part's label beside an amount: not a row of headings such as 公共财政拨款 |
                // 其他资金 | 基本支出.)
                let bud = &b.project.budget;
                let amount_beside = |j: usize| {
                    cells
                        .get(j + 1)
                        .is_some_and(|x| crate::rules::budget::amount(&x.text, "万元").is_some())
                };
                let budget = cells.iter().enumerate().any(|(j, c)| match label(c) {
                    Some(Label::Budget(BudgetKey::Total) | Label::BudgetBlock) => {
                        bud.total.is_none()
                    }
                    Some(Label::Budget(BudgetKey::Fiscal)) => {
                        bud.total.is_some() && bud.fiscal.is_none() && amount_beside(j)
                    }
                    Some(Label::Budget(BudgetKey::Other)) => {
                        bud.total.is_some() && bud.other.is_none() && amount_beside(j)
                    }
                    _ => false,
                });
                let headings = cells.iter().any(|x| {
                    column(x).is_some()
                        || matches!(
                            headers().labels.find(&norm_label(&x.text)),
                            Some(TableLabel::BatchName | TableLabel::BatchGoals)
                        )
                });
                if budget && !headings {
                    read_label_row(rows, r, &mut b);
                }
            }
            cur = Some(b);
            started = true;
        }
        if starts_project(row) {
            // A new project starts when its name (or code) comes again, or after the indicator
            // table; 项目编码 in the row below 项目名称 belongs to the same project.
            let labels: Vec<Label> = row.cells.iter().filter_map(label).collect();
            // The name label of this row, when it labels a value.
            let name_label = row.cells.iter().enumerate().find_map(|(j, c)| {
                (label(c) == Some(Label::Project(ProjectKey::Name)) && !heads_a_column(row, j))
                    .then(|| norm_label(&c.text))
            });
            let fresh = match &cur {
                None => true,
                Some(b) => {
                    b.has_header
                        // The same name label again starts the next project; another one
                        // (专项名称 of a 区域 form, then 项目名称) names the same.
                        || (name_label.is_some()
                            && b.project.name.is_some()
                            && (b.name_label.is_none() || b.name_label == name_label))
                        || (labels.contains(&Label::Project(ProjectKey::Code))
                            && b.project.code.is_some())
                }
            };
            if fresh {
                if let Some(b) = cur.take() {
                    finish(b, doc, &mut read);
                }
                cur = Some(new_builder(
                    table,
                    row,
                    !started,
                    kind,
                    title_row.take().as_ref(),
                ));
                started = true;
            }
        }
        match cur.as_mut() {
            None => preamble.extend(row.cells.iter().filter(|c| !c.is_blank()).map(|c| (i, c))),
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
            // A cell that is a label of the form (a section label such as 基本信息, a column
            // header such as 单位代码 or 资金总额), or ends with a colon: never a value.
            let known = |c: &Cell| {
                let t = norm_label(&c.text);
                label(c).is_some()
                    || column(c).is_some()
                    || h.labels.find(&t).is_some()
                    || c.text.trim_end().ends_with([':', '：'])
            };
            // Rows of column headers (单位代码 | 单位(专项)名称 | 资金总额 …) name no department
            // (asked of a row only when one of its cells could, once).
            let mut header_rows: std::collections::HashMap<usize, bool> =
                std::collections::HashMap::new();
            let mut header_row = |r: usize| {
                *header_rows.entry(r).or_insert_with(|| {
                    preamble
                        .iter()
                        .filter(|(k, _)| *k == r)
                        .any(|(_, c)| label(c).is_some() || column(c).is_some())
                })
            };
            // An unlabelled cell taken for the department, where no label names one.
            let mut guess: Option<Field> = None;
            // A department label whose value is the next cell (“填报单位 | 某县人社局”).
            let mut wanted = false;
            // The value of a name label that names no department (转移支付名称 | 城乡居民基本
            // 医疗保险补助): no department either.
            let mut named_value = false;
            for &(r, cell) in &preamble {
                let t = norm_label(&cell.text);
                let label_only = wanted;
                wanted = false;
                let value_of_name = std::mem::replace(&mut named_value, t.ends_with("名称"));
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
                } else if label_only && pre.is_none() {
                    pre = Some(Field::new(cell.text.trim(), cell.span));
                } else if guess.is_none()
                    && !t.is_ascii()
                    && !names_year(&t)
                    && !attachment_mark(&t)
                    && !t.contains("绩效目标")
                    && !t.ends_with('表')
                    && !t.ends_with("名称")
                    && !value_of_name
                    && !known(cell)
                    && !header_row(r)
                {
                    // An unlabelled cell names the department (“323002涞源县社会保险事业管理局”);
                    // a year (“（2019年度）”), a title ending with 表, a label of a name
                    // (一级预算单位名称), a section label (基本信息) or a column header (单位代码)
                    // does not.
                    guess = Some(Field::new(cell.text.trim(), cell.span));
                }
            }
            pre = pre.or(guess);
            // “部门:505_湘西州教育和体育局 金额单位:万元” in a line above the table.
            if pre.is_none() {
                pre = table
                    .prose
                    .iter()
                    .rev()
                    .take(3)
                    .find_map(|f| prose_department(f, &names_department));
            }
        }
    }
    // Each project's department: its 主管部门, else the preamble's, else its 预算单位, else its
    // 实施单位. The first is the document's; a project that names another keeps its own.
    read.into_iter()
        .map(
            |Read {
                 index: k,
                 department,
                 unit,
                 agency,
                 title_name,
             }| {
                let own = department.or_else(|| pre.clone()).or(unit).or(agency);
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
                (named, title_name)
            },
        )
        .collect()
}

/// An attachment's number above a table (附件2, 附表三, 附件1-2): no department.
fn attachment_mark(t: &str) -> bool {
    ["附件", "附表", "附录"].iter().any(|p| {
        t.strip_prefix(p).is_some_and(|n| {
            n.chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十-－.．、:".contains(c))
        })
    })
}

/// The department a line of prose names after a department label and a colon, up to the
/// next white space (“部门:505_湘西州教育和体育局 金额单位:万元”).
fn prose_department(f: &Field, names_department: &dyn Fn(&str) -> bool) -> Option<Field> {
    let (l, rest) = f.text.split_once([':', '：'])?;
    if !names_department(&norm_label(l)) {
        return None;
    }
    let v = rest.split_whitespace().next()?;
    let v = crate::text::trim(v);
    // A bracketed form note (（盖章）, (签字)) stands where the name is to be written: no name.
    let bracketed = (v.starts_with(['（', '(']) && v.ends_with(['）', ')']))
        || ["盖章", "签章", "签字", "公章"]
            .iter()
            .any(|w| v.contains(w));
    if v.is_empty() || v.contains([':', '：']) || bracketed {
        return None;
    }
    // Its place in the line, where the line's span is its text.
    let off = f.text.len() - rest.len() + rest.find(v)?;
    let span = if f.span.end - f.span.start == f.text.len() {
        Span::new(f.span.start + off, f.span.start + off + v.len())
    } else {
        f.span
    };
    Some(Field::new(v, span))
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

fn new_builder(
    table: &Table,
    row: &Row,
    use_title: bool,
    kind: Option<FormKind>,
    title_row: Option<&Field>,
) -> Builder {
    let above = table
        .title
        .as_ref()
        .filter(|t| use_title && t.text.contains("绩效目标"));
    let span = above
        .map(|t| trim_span(&t.text, t.span))
        .unwrap_or_else(|| row.span());
    Builder {
        project: Project {
            span,
            kind: kind.unwrap_or_default(),
            ..Project::default()
        },
        title: title_row.or(above).cloned(),
        ..Builder::default()
    }
}

/// The project a form's title names, when it names one: the title without a document number
/// (“邯财社[2018]126号”), 关于/提前下达/下达, a leading year, the form's own words (项目支出绩效
/// 目标表, 预算指标, “(2023年度)”) and a leading 附件 mark. `None` when nothing is left but a
/// year, a department or a place (“××县人社局2023年度项目支出绩效目标表”), or generic words.
pub fn name_from_title(title: &str) -> Option<String> {
    let mut t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let closes = [')', '）', ']', '】'];
    // Brackets at the end: a year (“(2023年度)”), a note (（批复）, （试行）, （一）). A
    // continuation (（续表）, （续）) names no project: it continues the one above.
    while let Some(close) = t.chars().last().filter(|c| closes.contains(c)) {
        let open = match close {
            ')' | '）' => ['(', '（'],
            _ => ['[', '【'],
        };
        let Some(o) = t.rfind(open) else { break };
        if t[o..].contains('续') {
            return None;
        }
        t.truncate(o);
    }
    // Only a form's title names a project: it ends with 表 (“五、项目支出绩效目标情况”, a
    // heading of prose, does not).
    t = t.strip_suffix('表')?.to_string();
    loop {
        let before = t.len();
        for suffix in [
            "申报",
            "批复",
            "审核",
            "自评",
            "完成情况",
            "情况",
            "公开",
            "执行监控",
            "运行监控",
            "监控",
            "汇总",
            "一览",
            "明细",
            "绩效目标",
            "绩效",
            "区域",
            "整体",
            "预算指标",
            "项目支出",
            "支出",
            "年度",
        ] {
            if let Some(r) = t.strip_suffix(suffix) {
                t = r.to_string();
            }
        }
        // A year left at the end: “××县2023”.
        let c: Vec<char> = t.chars().collect();
        let k = c.len();
        if k >= 4 && c[k - 4..].iter().all(char::is_ascii_digit) {
            t = c[..k - 4].iter().collect();
        } else if k >= 5 && c[k - 5..k - 1].iter().all(char::is_ascii_digit) && c[k - 1] == '年' {
            t = c[..k - 5].iter().collect();
        }
        if t.len() == before {
            break;
        }
    }
    // A document number: “邯财社[2018]126号”, “湘财预〔2023〕12号”.
    let brackets = ['[', '〔', '【', '(', '（', '［'];
    if let Some(hao) = t.find('号') {
        let head = &t[..hao];
        if let Some(o) = head.rfind(brackets) {
            let inner: String = head[o..].chars().skip(1).collect();
            let year: String = inner.chars().take(4).collect();
            if year.chars().all(|c| c.is_ascii_digit())
                && inner.chars().count() > 5
                && inner
                    .chars()
                    .skip(5)
                    .all(|c| c.is_ascii_digit() || "]〕】)）］".contains(c))
            {
                t = t[hao + '号'.len_utf8()..].to_string();
            }
        }
    }
    // Numbering: 附件2：, 附表1, 表3-1, 一、, （三）.
    if let Some((head, rest)) = t.split_once(['：', ':'])
        && attachment_mark(head)
    {
        t = rest.to_string();
    }
    for p in ["附件", "附表", "表"] {
        if let Some(rest) = t.strip_prefix(p) {
            let rest =
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || "-－.．、".contains(c));
            if rest.len() < t.len() - p.len() {
                t = rest.to_string();
            }
        }
    }
    if let Some((head, rest)) = t.split_once('、')
        && !head.is_empty()
        && head
            .chars()
            .all(|c| "一二三四五六七八九十0123456789".contains(c))
    {
        t = rest.to_string();
    }
    for prefix in ["关于", "提前下达", "下达", "印发"] {
        if let Some(r) = t.strip_prefix(prefix) {
            t = r.to_string();
        }
    }
    // A leading year: “2019年中央财政…”, “2023年度…”.
    let c: Vec<char> = t.chars().collect();
    if c.len() > 5 && c[..4].iter().all(char::is_ascii_digit) && c[4] == '年' {
        t = c[5..].iter().collect();
        if let Some(r) = t.strip_prefix('度') {
            t = r.to_string();
        }
    }
    let t = t.trim_end_matches(['的', '-', '—', '_']).to_string();
    // What is left must name a project or a fund, not a kind of them: 部门预算, 省级财政专项
    // 资金, 市级重点项目, 二级项目, 新增项目, 中央对地方转移支付 …
    let bare = t.strip_suffix("项目").unwrap_or(&t);
    let kind = bare.is_empty()
        || bare.ends_with("预算")
        || bare.ends_with("转移支付")
        || bare.ends_with("部门")
        || bare.ends_with("单位")
        || bare.ends_with("本级")
        || bare.ends_with("整体")
        || [
            "专项",
            "专项资金",
            "财政专项资金",
            "省级财政专项资金",
            "市级财政专项资金",
            "县级财政专项资金",
            "资金",
            "重点",
            "市级重点",
            "县级重点",
            "省级重点",
            "一级",
            "二级",
            "三级",
            "新增",
            "延续",
            "续建",
            "新建",
            "常年",
            "经常性",
            "一次性",
            "市直部门",
            "其他",
        ]
        .contains(&bare);
    // Nor a department, an institution or a place: “××县人社局”, “长沙市图书馆”, “××县第一
    // 中学”, “××建设投资有限公司”, “××县总工会”, “××县消防救援大队”.
    let organisation = [
        "局", "委", "办", "政府", "厅", "部", "院", "所", "站", "中心", "馆", "校", "学", "园",
        "公司", "会", "队", "社", "台", "团", "室", "处", "科", "署", "省", "市", "州", "盟", "县",
        "区", "旗", "镇", "乡", "街道", "村",
    ]
    .iter()
    .any(|s| bare.ends_with(s))
        || names_year(&t);
    (t.chars().count() >= 4 && !kind && !organisation).then_some(t)
}

fn trim_span(text: &str, span: Span) -> Span {
    let kept = text.trim_end();
    Span::new(span.start, span.start + kept.len())
}

fn finish(b: Builder, doc: &mut Document, read: &mut Vec<Read>) {
    if b.is_target_table() {
        // A form with no 项目名称 row names its project in its title (邯郸:
        // “邯财社[2018]126号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表”).
        let title_name = (!b.has_name_label && b.project.name.is_none())
            .then(|| {
                b.title
                    .as_ref()
                    .and_then(|t| name_from_title(&t.text).map(|n| Field::new(n, t.span)))
            })
            .flatten();
        read.push(Read {
            index: doc.projects.len(),
            department: b.department,
            unit: b.unit_department,
            agency: b.agency_department,
            title_name,
        });
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
                if heads_a_column(row, j) {
                    continue;
                }
                b.has_name_label = true;
                b.name_label = Some(norm_label(&cell.text));
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
                    take_label_unit(&mut p.budget, k, u);
                }
                // Under 年初预算数 | 全年预算数 (a 自评表), the year's budget is 全年预算数.
                let f = annual_budget_column(rows, i, cell.col)
                    .and_then(|c| row.at(c))
                    .map(Cell::field)
                    .unwrap_or_else(|| next_cell(j));
                // “预算数(A) | 执行数(B)” over “年度财政资金总额 | 5 | 5”: the label is a column
                // heading, and its amount stands below it.
                let f = if matches!(
                    headers().labels.find(&f.text),
                    Some(TableLabel::ExecutionColumn)
                ) {
                    match rows.get(i + 1).and_then(|r| r.at(cell.col)) {
                        Some(c) if crate::rules::budget::amount(&c.text, "万元").is_some() => {
                            last = last.max(i + 1);
                            c.field()
                        }
                        _ => f,
                    }
                } else {
                    // The label heads a column of a budget header (桃源 部门整体: “资金总额”
                    // beside “按收入性质分”; a task table's “预算数 | 财政拨款 | 其他资金”): its
                    // amount stands under it, in a row of amounts, else it labels nothing here
                    // (其他资金 over a blank cell is blank, not the heading beside it).
                    let beside_label = f.span == next_cell(j).span
                        && row
                            .cells
                            .get(j + 1)
                            .is_some_and(|n| label(n).is_some() || column(n).is_some());
                    let heading = beside_label
                        || (f.text.trim().chars().count() >= 3
                            && !f.text.chars().any(|c| c.is_ascii_digit())
                            && amount_heading(&f.text).is_none());
                    let amount = |t: &str| crate::rules::budget::amount(t, "万元").is_some();
                    let below = (i + 1..rows.len().min(i + 4))
                        .filter(|_| heading)
                        .find_map(|k| {
                            let c = rows[k].at(cell.col)?;
                            (c.col == cell.col && !c.continued).then_some((k, c))
                        })
                        .filter(|(k, c)| {
                            // A row of amounts (211.62 | 211.62 | … | 161.62 | 50.00), not a
                            // lone number (a year) or a task's line. (The rows between are
                            // still read: `last` stays.)
                            (c.is_blank() || amount(&c.text))
                                && rows[*k].cells.iter().filter(|x| amount(&x.text)).count() >= 2
                                && rows[*k]
                                    .cells
                                    .iter()
                                    .all(|x| x.is_blank() || amount(&x.text) || x.continued)
                        });
                    match below {
                        Some((_, c)) => c.field(),
                        None if beside_label => continue,
                        None => f,
                    }
                };
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
            Label::Carryover | Label::FiscalSource => {
                let f = annual_budget_column(rows, i, cell.col)
                    .and_then(|c| row.at(c))
                    .map(Cell::field)
                    .unwrap_or_else(|| next_cell(j));
                if f.is_blank() {
                    continue;
                }
                if l == Label::Carryover {
                    p.budget.carryover = Some(f);
                } else {
                    // As written, without “其中：” (named so in B001's message).
                    let name = norm_label(&cell.text);
                    let name = name.strip_prefix("其中:").unwrap_or(&name).to_string();
                    p.budget.fiscal_sources.push((name, f));
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
                // 绩效目标 at the left of an indicator header (龙岩: 绩效目标 | 一级指标 | 二级
                // 指标 …, a header jxlint could not read): the block's heading, not a goal.
                if row.cells.get(j + 1).is_some_and(|c| column(c).is_some()) {
                    continue;
                }
                // 年度目标完成情况 is a 自评表's goal label only where no goal row came before
                // it: beside a goal it heads the year's results.
                if norm_label(&cell.text).contains("完成情况")
                    && p.goals.as_ref().is_some_and(|g| !g.is_blank())
                {
                    continue;
                }
                b.has_goals_label = true;
                // Goal headings in the label's row (“年度总体目标 | 预期目标 | 实际完成情况”, “中期目标
                // | 年度目标”): the goal is the text in the row below, under the year's heading,
                // else under 预期目标 (never 实际完成情况, a 自评表's results).
                let headings: Vec<&Cell> = row.cells.iter().filter(|c| goal_heading(c)).collect();
                let others = headings.iter().any(|c| c.col != cell.col);
                let headings: Vec<&Cell> = headings
                    .into_iter()
                    .filter(|c| others && c.col >= cell.col)
                    .collect();
                let pick = headings
                    .iter()
                    .find(|c| norm_label(&c.text).starts_with("年度"))
                    .or_else(|| {
                        headings.iter().find(|c| {
                            let l = norm_label(&c.text);
                            !results_heading(&l)
                                && !l.starts_with("中期")
                                && !l.starts_with("实施期")
                        })
                    });
                // The heading's text: right of it in its own row (“中期目标 | … | 年度目标 | …”),
                // else below it in its own column (not a wider cell of the next row), or in one
                // cell under every heading (a one-year project's goal written across 中期目标 and
                // 年度目标).
                let leftmost = headings.iter().map(|c| c.col).min();
                let text_of = |h: &Cell| -> Option<(&Cell, usize)> {
                    let right = row.cells.iter().find(|c| c.col > h.col);
                    match right {
                        Some(c) if !c.is_blank() && !goal_heading(c) && label(c).is_none() => {
                            Some((c, i))
                        }
                        _ => rows
                            .get(i + 1)
                            .and_then(|next| next.at(h.col))
                            .filter(|c| {
                                (c.col == h.col || (headings.len() > 1 && Some(c.col) == leftmost))
                                    && !c.continued
                            })
                            .map(|c| (c, i + 1)),
                    }
                };
                if let Some(h) = pick
                    && let Some((c, at)) = text_of(h)
                    && !c.is_blank()
                    && label(c).is_none()
                    && column(c).is_none()
                {
                    let mut goals = Goals {
                        span: c.span,
                        lines: c.paragraphs.clone(),
                    };
                    let mut at = at;
                    // A goal of several lines, one row each, below its heading (安居 自评表:
                    // 目标1:… | 目标2:… under 预期目标), as far as the goal label spans.
                    if at > i {
                        while let Some(next) = rows.get(at + 1).filter(|r| {
                            plain(r)
                                && r.at(cell.col)
                                    .is_some_and(|l| l.col == cell.col && l.continued)
                        }) && let Some(more) = next
                            .at(h.col)
                            .filter(|m| m.col == h.col && !m.continued && !m.is_blank())
                        {
                            goals.lines.extend(more.paragraphs.iter().cloned());
                            goals.span = Span::new(goals.span.start, more.span.end);
                            at += 1;
                        }
                    }
                    p.goals = Some(goals);
                    last = at;
                    break;
                }
                // The heading's text cell is there but blank (预期目标 over an empty cell): the
                // goal is under another heading (a one-year project's goal written under 中期目标
                // only), else it is empty — never the heading.
                let other = headings
                    .iter()
                    .filter(|h| pick.is_none_or(|p| p.col != h.col))
                    .find_map(|h| {
                        let l = norm_label(&h.text);
                        let (c, at) = text_of(h).filter(|_| !results_heading(&l))?;
                        (!c.is_blank() && label(c).is_none() && column(c).is_none())
                            .then_some((c, at))
                    });
                if pick.is_some()
                    && let Some((c, at)) = other
                {
                    p.goals = Some(Goals {
                        span: c.span,
                        lines: c.paragraphs.clone(),
                    });
                    last = at;
                    break;
                }
                if let Some(h) = pick
                    && let Some((c, at)) = text_of(h)
                    && c.is_blank()
                {
                    p.goals = Some(Goals {
                        span: c.span,
                        lines: vec![],
                    });
                    last = at;
                    break;
                }
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
            Label::Project(ProjectKey::Agency) => {
                // The department of a table that names no other (see `read_table`).
                let f = next_cell(j);
                if !f.is_blank() && b.agency_department.is_none() {
                    b.agency_department = Some(f);
                }
            }
            Label::Project(ProjectKey::Budget | ProjectKey::Schedule | ProjectKey::Indicators) => {}
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

/// Whether a row ends a block of indicator rows: it starts a project, is a header or a form's
/// title, or ends the indicators (总分, 合计).
fn ends_block(row: &Row, cols: &[(usize, Column)]) -> bool {
    starts_project(row)
        || header_columns(row).is_some()
        || is_title_row(row)
        || ends_indicators(row, cols)
        || footer_row(row)
}

/// Read indicator rows from `start` until the table ends or a new project starts; returns the
/// index of the first row not consumed.
/// In a batch table (`batch`), a row naming a unit with no indicator cells is skipped, the
/// first row naming a project gives the project its name, budget and goals, and a later one
/// ends the project.
fn read_indicators(
    rows: &[Row],
    start: usize,
    cols: &[(usize, Column)],
    batch: Option<&Batch>,
    p: &mut Project,
) -> usize {
    let width = cols.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
    let mut i = start;
    let mut pending: Option<Vec<Cell>> = None;
    while i < rows.len() {
        let row = &rows[i];
        if ends_block(row, cols) {
            break;
        }
        if let Some(batch) = batch
            && batch_row(row, batch)
        {
            if no_indicator_cells(row, cols) {
                // A unit's own row (单位代码 | 单位名称 | 资金总额): no indicator. After a
                // project's rows it opens the next unit's, even under the same project name.
                if let Some(cells) = pending.take() {
                    push_indicator(&cells, cols, p);
                }
                if p.name.is_some() {
                    break;
                }
                i += 1;
                continue;
            }
            let at = |c: usize| row.at(c).filter(|x| x.col == c);
            let same = |a: Option<&Cell>, b: &Option<Field>| match (a, b) {
                (Some(c), Some(f)) => c.text.trim() == f.text.trim(),
                (None, _) => true,
                (Some(c), None) => c.is_blank(),
            };
            match &p.name {
                // The project's name written again on each of its rows (no merged cell), with
                // the same amount if the row repeats one.
                Some(n)
                    if at(batch.name).is_some_and(|c| c.text.trim() == n.text.trim())
                        && same(batch.budget.and_then(at), &p.budget.total) => {}
                Some(_) => break,
                None => {
                    p.name = at(batch.name).map(Cell::field);
                    if let Some(c) = batch.budget.and_then(at) {
                        p.budget.total = Some(c.field());
                    }
                    if let Some(c) = batch.goals.and_then(at) {
                        p.goals = Some(Goals {
                            span: c.span,
                            lines: c.paragraphs.clone(),
                        });
                    }
                }
            }
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
