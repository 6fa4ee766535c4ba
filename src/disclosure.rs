//! The disclosure recogniser: reads the rest of a 部门预算公开 document — the standard budget
//! tables (收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算财政拨款支出表, 基本支出表,
//! 政府性基金 and 国有资本经营 tables, 三公经费, 项目支出表, 政府采购) and the narrative — from the
//! same grid the form recogniser reads, into [`Disclosure`]. The D rules
//! (`rules/consistency.rs`) check its parts against each other.
//!
//! A table is known by its title (a heading paragraph just before it, or a one-cell row inside
//! a larger grid, as in Word's text export where every table of the disclosure may run
//! together): `titles` in `rules/disclosure.yaml`. Its preamble cells give 部门编码及名称,
//! 预算年度 and 金额单位; its header rows (down to the 栏次 row or the first row of numbers)
//! name the columns; the rows below are amount rows (code, name, one cell per column). Tables
//! with another title are kept as unknown, never guessed at; target tables keep only their
//! preamble (the form recogniser reads the rest).
//!
//! Everything is located: every field keeps its span, so a finding can point at the cell.

use std::sync::LazyLock;

use regex::Regex;

use crate::data::DisclosureData;
use crate::grid::{Cell, Row, Table};
use crate::model::{
    AmountColumn, AmountRow, Disclosure, DisclosureTable, Field, Project, Side, TableKind,
};
use crate::source::Span;
use crate::text::{norm_label, squeeze, trim};

/// A title is at most this many letters and digits; longer text is prose.
const TITLE_MAX_CHARS: usize = 40;

/// Read the disclosure in a grid, given the projects the form recogniser found in it (their
/// tables are target tables). `None` when the grid holds no known disclosure table (a lone
/// target table, or target tables with prose only): the D rules then stay silent.
pub fn recognise(tables: &[Table], projects: &[Project]) -> Option<Disclosure> {
    let data = lists();
    let mut d = Disclosure::default();
    for table in tables {
        d.paragraphs
            .extend(table.prose.iter().filter(|p| !p.is_blank()).cloned());
        read_table(table, is_target(table, projects), data, &mut d.tables);
    }
    if let Some(last) = tables.last() {
        d.paragraphs
            .extend(last.trailing.iter().filter(|p| !p.is_blank()).cloned());
    }
    let known = d
        .tables
        .iter()
        .any(|t| !matches!(t.kind, TableKind::Target | TableKind::Unknown));
    known.then_some(d)
}

/// The words of `rules/disclosure.yaml` the recogniser reads, folded once (titles as
/// letters and digits, labels and headers as labels).
struct Lists {
    titles: Vec<(String, TableKind)>,
    department: Vec<String>,
    year: Vec<String>,
    unit: Vec<String>,
    code_markers: Vec<String>,
    name_headers: Vec<String>,
    suffixes: Vec<String>,
}

fn lists() -> &'static Lists {
    static LISTS: LazyLock<Lists> = LazyLock::new(|| {
        let d: &DisclosureData = &crate::data::RuleData::embedded().disclosure;
        let labels = |l: &[String]| l.iter().map(|x| norm_label(x)).collect::<Vec<_>>();
        Lists {
            titles: TableKind::ALL
                .into_iter()
                .flat_map(|k| {
                    d.titles
                        .get(k.key())
                        .into_iter()
                        .flatten()
                        .map(move |p| (squeeze(p), k))
                })
                .filter(|(p, _)| !p.is_empty())
                .collect(),
            department: labels(&d.department_labels),
            year: labels(&d.year_labels),
            unit: labels(&d.unit_labels),
            code_markers: d.code_markers.clone(),
            name_headers: labels(&d.name_headers),
            suffixes: d.department_suffixes.clone(),
        }
    });
    &LISTS
}

/// The kind a title names (the longest matching phrase of `titles` wins), if any.
pub fn kind_of_title(text: &str) -> Option<TableKind> {
    let t = squeeze(text);
    if t.is_empty() || t.chars().count() > TITLE_MAX_CHARS {
        return None;
    }
    lists()
        .titles
        .iter()
        .filter(|(p, _)| t.contains(p.as_str()))
        .max_by_key(|(p, _)| p.len())
        .map(|(_, k)| *k)
}

/// A row that is only a title of a known kind: one non-blank cell.
fn title_row(row: &Row) -> Option<(Field, TableKind)> {
    let mut filled = row.cells.iter().filter(|c| !c.is_blank());
    let cell = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let kind = kind_of_title(&cell.text)?;
    Some((trimmed_field(&cell.field()), kind))
}

/// Whether a project of the form recogniser starts in this table (at its title or a row).
fn is_target(table: &Table, projects: &[Project]) -> bool {
    let (Some(first), Some(last)) = (table.rows.first(), table.rows.last()) else {
        return false;
    };
    let (start, end) = (first.span().start, last.span().end);
    projects.iter().any(|p| {
        (start <= p.span.start && p.span.start <= end)
            || table
                .title
                .as_ref()
                .is_some_and(|t| t.span.start == p.span.start)
    })
}

fn read_table(table: &Table, target: bool, data: &Lists, out: &mut Vec<DisclosureTable>) {
    let title = table.title.as_ref().map(trimmed_field);
    if target {
        out.push(target_table(table, title, data));
        return;
    }
    struct Segment<'a> {
        title: Option<Field>,
        kind: Option<TableKind>,
        rows: Vec<&'a Row>,
    }
    let mut segments: Vec<Segment> = Vec::new();
    let kind = title.as_ref().and_then(|t| kind_of_title(&t.text));
    let mut cur = Segment {
        title,
        kind,
        rows: Vec::new(),
    };
    for row in &table.rows {
        if let Some((t, kind)) = title_row(row) {
            // The heading before the grid was not this table's title, or was the same title,
            // when the grid opens with a title row of its own.
            if !cur.rows.is_empty() {
                segments.push(cur);
            }
            cur = Segment {
                title: Some(t),
                kind: Some(kind),
                rows: Vec::new(),
            };
        } else {
            cur.rows.push(row);
        }
    }
    if !cur.rows.is_empty() || cur.kind.is_some() {
        segments.push(cur);
    }
    for s in segments {
        let mut title = s.title;
        let mut rows = s.rows.as_slice();
        if s.kind.is_none() {
            // An unknown table that opens with a one-cell row: that row is its title.
            if let Some(first) = rows.first()
                && let [cell] = first
                    .cells
                    .iter()
                    .filter(|c| !c.is_blank())
                    .collect::<Vec<_>>()
                    .as_slice()
                && squeeze(&cell.text).chars().count() <= TITLE_MAX_CHARS
            {
                title = Some(trimmed_field(&cell.field()));
                rows = &rows[1..];
            }
        }
        out.push(read_segment(
            title,
            s.kind.unwrap_or(TableKind::Unknown),
            rows,
            data,
        ));
    }
}

fn empty_table(kind: TableKind, title: Option<Field>, rows: &[&Row]) -> DisclosureTable {
    let span = title
        .as_ref()
        .map(|t| t.span)
        .or_else(|| rows.first().map(|r| r.span()))
        .unwrap_or_default();
    DisclosureTable {
        kind,
        title,
        span,
        department: None,
        year: None,
        unit: None,
        columns: Vec::new(),
        rows: Vec::new(),
    }
}

/// A target table: only its preamble (department, year, unit); the form recogniser reads the
/// rest.
fn target_table(table: &Table, title: Option<Field>, data: &Lists) -> DisclosureTable {
    let rows: Vec<&Row> = table.rows.iter().collect();
    let mut t = empty_table(TableKind::Target, title, &rows);
    // Title rows (one cell) may come before the preamble.
    let mut i = 0;
    while i < rows.len() && rows[i].cells.iter().filter(|c| !c.is_blank()).count() <= 1 {
        i += 1;
    }
    while i < rows.len() && preamble(rows[i], data, &mut t) {
        i += 1;
    }
    t
}

fn read_segment(
    title: Option<Field>,
    kind: TableKind,
    rows: &[&Row],
    data: &Lists,
) -> DisclosureTable {
    let mut t = empty_table(kind, title, rows);
    let mut i = 0;
    while i < rows.len() && preamble(rows[i], data, &mut t) {
        i += 1;
    }
    if kind.has_amounts() {
        read_amounts(&rows[i..], data, &mut t);
    }
    t
}

// --- Preamble ------------------------------------------------------------------------------

static CODED_DEPARTMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[【(（]?\s*\d{3,}\s*[\]】)）]?\s*\S").expect("department pattern")
});

fn is_money_unit(s: &str) -> bool {
    let s = crate::text::norm_value(s);
    ["万元", "千元", "亿元", "元"]
        .iter()
        .any(|u| s.starts_with(u))
}

/// A cell that names a department on its own: "[101]涞源县社保局", "323002涞源县社会保险事业管理局",
/// or a short name ending like a unit.
fn looks_like_department(text: &str, data: &Lists) -> bool {
    let t = trim(text);
    if t.is_empty() || t.contains(['：', ':']) || t.chars().count() > 40 {
        return false;
    }
    CODED_DEPARTMENT.is_match(t)
        || (!t.chars().any(|c| c.is_ascii_digit())
            && data.suffixes.iter().any(|s| t.ends_with(s.as_str())))
}

/// Read the label cells of a preamble row into the table. Returns whether the row is one (it
/// holds at least one label with a colon).
fn preamble(row: &Row, data: &Lists, t: &mut DisclosureTable) -> bool {
    let in_list = |list: &[String], l: &str| list.iter().any(|x| x == l);
    let mut any = false;
    let mut lone: Vec<Field> = Vec::new();
    for (j, cell) in row.cells.iter().enumerate() {
        let mut labelled = false;
        for p in &cell.paragraphs {
            let Some((label, value)) = split_label(p) else {
                continue;
            };
            // "部门编码及名称：" with its value in the next cell.
            let value = if value.is_blank() {
                match row.cells.get(j + 1) {
                    Some(next) if !next.is_blank() => trimmed_field(&next.field()),
                    _ => value,
                }
            } else {
                value
            };
            if in_list(&data.year, &label) {
                set(&mut t.year, value);
            } else if in_list(&data.unit, &label) && is_money_unit(&value.text) {
                set(&mut t.unit, value);
            } else if in_list(&data.department, &label) || label == "单位" {
                set(&mut t.department, value);
            } else {
                continue;
            }
            labelled = true;
            any = true;
        }
        if !labelled && looks_like_department(&cell.text, data) {
            lone.push(trimmed_field(&cell.field()));
        }
    }
    if any && t.department.is_none() {
        t.department = lone.into_iter().next();
    }
    any
}

fn set(slot: &mut Option<Field>, value: Field) {
    if slot.is_none() && !value.is_blank() {
        *slot = Some(value);
    }
}

/// "预算年度：2020" → ("预算年度", "2020" with its span). Only a label followed by a colon.
fn split_label(p: &Field) -> Option<(String, Field)> {
    let (i, c) = p
        .text
        .char_indices()
        .find(|(_, c)| matches!(c, '：' | ':'))?;
    let label = norm_label(&p.text[..i]);
    if label.is_empty() || label.chars().count() > 12 {
        return None;
    }
    let rest_start = i + c.len_utf8();
    Some((label, sub_field(p, rest_start, p.text.len())))
}

/// The part `start..end` of a field (byte offsets into its text), trimmed, with its span.
pub(crate) fn sub_field(f: &Field, start: usize, end: usize) -> Field {
    let part = &f.text[start..end];
    let lead = part.len() - part.trim_start_matches(is_space).len();
    let kept = part.trim_matches(is_space);
    let s = start + lead;
    // The text of a field is its source slice from the span's start (readers keep it so);
    // stay inside the span in any case.
    let a = (f.span.start + s).min(f.span.end);
    let b = (a + kept.len()).min(f.span.end.max(a));
    Field::new(kept, Span::new(a, b))
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn trimmed_field(f: &Field) -> Field {
    sub_field(f, 0, f.text.len())
}

// --- Amounts -------------------------------------------------------------------------------

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$").expect("number pattern")
});

pub(crate) fn is_number(text: &str) -> bool {
    NUMBER.is_match(trim(text))
}

fn first_filled(row: &Row) -> Option<&Cell> {
    row.cells.iter().find(|c| !c.is_blank())
}

/// The cell over each of the first `width` grid columns of a row (one pass, so that wide rows
/// cost no more than their cells).
fn by_column(row: &Row, width: usize) -> Vec<Option<&Cell>> {
    let mut out = vec![None; width];
    for cell in &row.cells {
        let end = (cell.col + cell.width.max(1)).min(width);
        for slot in out.iter_mut().take(end).skip(cell.col) {
            if slot.is_none() {
                *slot = Some(cell);
            }
        }
    }
    out
}

/// Header texts over each grid column of a row, aligned to `width` columns. `below` says
/// which columns have a header cell under this row: a cell of this row over a run of such
/// columns groups them (Word's text export drops the merged cells of a header row, so "科目"
/// over 科目编码 and 科目名称 is one cell).
fn align(row: &Row, width: usize, below: &[bool]) -> Vec<Option<String>> {
    let text = |c: &Cell| (!c.is_blank()).then(|| trim(&c.text).to_string());
    let n = row.cells.len();
    let only_last_wide = row.cells[..n.saturating_sub(1)]
        .iter()
        .all(|c| c.width <= 1)
        && row.cells.last().is_some_and(|c| c.width > 1);
    if row.width() == width && (n == width || !only_last_wide) {
        return by_column(row, width)
            .into_iter()
            .map(|c| c.and_then(&text))
            .collect();
    }
    // Units of columns: a column with nothing below is one unit, a run of columns with
    // headers below is one unit (a group header).
    let mut units: Vec<(usize, usize)> = Vec::new();
    let mut c = 0;
    while c < width {
        let start = c;
        if below.get(c).copied().unwrap_or(false) {
            while c < width && below.get(c).copied().unwrap_or(false) {
                c += 1;
            }
        } else {
            c += 1;
        }
        units.push((start, c));
    }
    let mut out = vec![None; width];
    if units.len() == n {
        for ((a, b), cell) in units.into_iter().zip(&row.cells) {
            for slot in &mut out[a..b] {
                *slot = text(cell);
            }
        }
    }
    out
}

fn read_amounts(rows: &[&Row], data: &Lists, t: &mut DisclosureTable) {
    // The header ends at the 栏次 row or at the first row with a number.
    let mut split = None;
    for (k, row) in rows.iter().enumerate() {
        if first_filled(row).is_some_and(|c| norm_label(&c.text) == "栏次") {
            split = Some((k, k + 1));
            break;
        }
        if row.cells.iter().any(|c| is_number(&c.text)) {
            split = Some((k, k));
            break;
        }
    }
    let Some((h_end, d_start)) = split else {
        return;
    };
    let header = &rows[..h_end];
    let body = &rows[d_start..];
    let width = rows.iter().map(|r| r.width()).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    let mut names: Vec<Option<String>> = vec![None; width];
    let mut groups: Vec<Option<String>> = vec![None; width];
    let mut below = vec![false; width];
    for row in header.iter().rev() {
        let aligned = align(row, width, &below);
        for (c, text) in aligned.into_iter().enumerate() {
            let Some(text) = text else { continue };
            match &names[c] {
                None => names[c] = Some(text),
                Some(n) if *n != text && groups[c].is_none() => groups[c] = Some(text),
                Some(_) => {}
            }
            below[c] = true;
        }
    }
    let is_name = |c: usize| {
        names[c].as_deref().is_some_and(|n| {
            let n = norm_label(n);
            data.name_headers.contains(&n)
        })
    };
    let name_cols: Vec<usize> = (0..width).filter(|&c| is_name(c)).collect();
    let Some(&first_name) = name_cols.first() else {
        return;
    };
    let code_col = (0..first_name).rev().find(|&c| {
        names[c]
            .as_deref()
            .is_some_and(|n| data.code_markers.iter().any(|m| n.contains(m.as_str())))
    });
    // Sides: (side, name column, amount columns).
    let mut sides: Vec<(Option<Side>, usize, std::ops::Range<usize>)> = Vec::new();
    if name_cols.len() >= 2 {
        let second = name_cols[1];
        let first_is_expenditure = groups[first_name]
            .as_deref()
            .is_some_and(|g| g.contains("支出"));
        let (a, b) = if first_is_expenditure {
            (Side::Expenditure, Side::Income)
        } else {
            (Side::Income, Side::Expenditure)
        };
        sides.push((Some(a), first_name, first_name + 1..second));
        sides.push((Some(b), second, second + 1..width));
    } else {
        sides.push((None, first_name, first_name + 1..width));
    }
    // Columns, in order, each with its grid column.
    let mut grid_cols: Vec<usize> = Vec::new();
    for (side, _, range) in &sides {
        for c in range.clone() {
            grid_cols.push(c);
            t.columns.push(AmountColumn {
                name: names[c].clone().unwrap_or_else(|| format!("第{}列", c + 1)),
                group: groups[c].clone(),
                side: *side,
            });
        }
    }
    for row in body {
        if row.width() != width {
            continue; // notes (注：…) and other short rows
        }
        let at = by_column(row, width);
        for (side, name_col, range) in &sides {
            let Some(name_cell) = at[*name_col] else {
                continue;
            };
            // A merged cell over amount columns: not an amount row.
            if range.clone().any(|c| name_cell.covers(c)) {
                continue;
            }
            let code = code_col
                .and_then(|c| at[c])
                .filter(|c| !std::ptr::eq(*c, name_cell))
                .filter(|c| {
                    let t = trim(&c.text);
                    t.len() >= 3 && t.chars().all(|ch| ch.is_ascii_digit())
                })
                .map(|c| trimmed_field(&c.field()));
            let mut amounts: Vec<Option<Field>> = Vec::with_capacity(grid_cols.len());
            let mut ok = true;
            for &c in &grid_cols {
                if !range.contains(&c) {
                    amounts.push(None);
                    continue;
                }
                match at[c] {
                    Some(cell) if cell.width <= 1 => {
                        amounts.push(Some(trimmed_field(&cell.field())))
                    }
                    Some(_) => ok = false,
                    None => amounts.push(None),
                }
            }
            if !ok {
                continue;
            }
            let blank = name_cell.is_blank()
                && code.is_none()
                && amounts.iter().flatten().all(Field::is_blank);
            if blank {
                continue;
            }
            t.rows.push(AmountRow {
                side: *side,
                code,
                name: trimmed_field(&name_cell.field()),
                amounts,
                span: row.span(),
            });
        }
    }
}

// --- extract --disclosure ------------------------------------------------------------------

/// The first line of `jxlint extract --disclosure`.
pub const EXTRACT_LINE: &str = "# jxlint extract --disclosure：由 jxlint 从原文件读出的部门预算公开（各表与情况说明），供核对；不是目标文档";

/// The disclosure as YAML, so that a reviewer can see what was read: every table with its
/// kind, title, preamble, columns and amount rows, and every paragraph, each with its line.
pub fn to_yaml(d: Option<&Disclosure>, src: &crate::source::SourceFile) -> String {
    use std::fmt::Write;
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let line = |s: Span| src.position(s.start).line;
    let mut out = String::new();
    let _ = writeln!(out, "{EXTRACT_LINE}");
    let Some(d) = d else {
        out.push_str("# 没有读到部门预算公开的其他表格（只有绩效目标表，或是 YAML 目标文档）\n");
        out.push_str("tables: []\nparagraphs: []\n");
        return out;
    };
    out.push_str("tables:\n");
    for t in &d.tables {
        let _ = writeln!(out, "  - kind: {}", q(t.kind.key()));
        let _ = writeln!(out, "    line: {}", line(t.span));
        for (k, f) in [
            ("title", &t.title),
            ("department", &t.department),
            ("year", &t.year),
            ("unit", &t.unit),
        ] {
            if let Some(f) = f {
                let _ = writeln!(out, "    {k}: {}", q(&f.text));
            }
        }
        if !t.columns.is_empty() {
            out.push_str("    columns:\n");
            for c in &t.columns {
                let mut item = format!("name: {}", q(&c.name));
                if let Some(g) = &c.group {
                    let _ = write!(item, ", group: {}", q(g));
                }
                if let Some(s) = c.side {
                    let _ = write!(item, ", side: {}", q(s.zh()));
                }
                let _ = writeln!(out, "      - {{{item}}}");
            }
        }
        if !t.rows.is_empty() {
            out.push_str("    rows:\n");
            for r in &t.rows {
                let mut item = format!("line: {}", line(r.span));
                if let Some(s) = r.side {
                    let _ = write!(item, ", side: {}", q(s.zh()));
                }
                if let Some(c) = &r.code {
                    let _ = write!(item, ", code: {}", q(&c.text));
                }
                let amounts: Vec<String> = r
                    .amounts
                    .iter()
                    .map(|a| {
                        a.as_ref()
                            .map_or_else(|| "null".to_string(), |f| q(&f.text))
                    })
                    .collect();
                let _ = write!(
                    item,
                    ", name: {}, amounts: [{}]",
                    q(&r.name.text),
                    amounts.join(", ")
                );
                let _ = writeln!(out, "      - {{{item}}}");
            }
        }
    }
    if d.paragraphs.is_empty() {
        out.push_str("paragraphs: []\n");
    } else {
        out.push_str("paragraphs:\n");
        for p in &d.paragraphs {
            let _ = writeln!(out, "  - {{line: {}, text: {}}}", line(p.span), q(&p.text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn read(text: &str) -> (SourceFile, Option<Disclosure>) {
        let src = SourceFile::new("t", text.to_string());
        let tables = crate::read::text::grid(&src).unwrap();
        let d = recognise(&tables, &crate::form::recognise(&tables).projects);
        (src, d)
    }

    #[test]
    fn titles_by_the_longest_phrase() {
        assert_eq!(
            kind_of_title("部门预算财政拨款收支总表"),
            Some(TableKind::FiscalSummary)
        );
        assert_eq!(kind_of_title("部门预算收支总表"), Some(TableKind::Summary));
        assert_eq!(
            kind_of_title("部门预算一般公共预算财政拨款基本支出表"),
            Some(TableKind::BasicExpenditure)
        );
        assert_eq!(
            kind_of_title("部门预算财政拨款“三公”经费支出表"),
            Some(TableKind::ThreePublic)
        );
        assert_eq!(kind_of_title("四、财政拨款“三公”经费预算情况"), None);
        assert_eq!(
            kind_of_title(
                "收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映年度部门预算中支出预算的总体情况"
            ),
            None
        );
    }

    #[test]
    fn the_seed_tables_are_read() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seed.txt"))
                .unwrap();
        let (src, d) = read(&text);
        let d = d.expect("the seed is a disclosure");
        let kinds: Vec<&str> = d.tables.iter().map(|t| t.kind.key()).collect();
        assert_eq!(
            kinds,
            [
                "summary",
                "income",
                "expenditure",
                "fiscal_summary",
                "general_expenditure",
                "basic_expenditure",
                "fund_expenditure",
                "capital_expenditure",
                "three_public",
                "unknown",
                "unknown",
                "target",
                "target",
                "target",
                "target",
                "target",
                "target",
                "procurement",
                "unknown"
            ]
        );
        let line = |s: Span| src.position(s.start).line;
        let general = &d.tables[4];
        let year = general.year.as_ref().unwrap();
        assert_eq!((year.text.as_str(), line(year.span)), ("2019", 1037));
        assert_eq!(src.slice(year.span), "2019");
        let dept = d.tables[0].department.as_ref().unwrap();
        assert_eq!(src.slice(dept.span), "[323]社保局");
        assert_eq!(d.tables[0].unit.as_ref().unwrap().text, "万元");
        let procurement = &d.tables[17];
        assert_eq!(
            src.slice(procurement.department.as_ref().unwrap().span),
            "[101]涞源县社保局"
        );
        let target = &d.tables[11];
        assert_eq!(
            target.department.as_ref().unwrap().text,
            "323002涞源县社会保险事业管理局"
        );
        // 支出总表: columns and the 合计 row.
        let exp = &d.tables[2];
        let cols: Vec<&str> = exp.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            cols,
            [
                "本年支出合计",
                "基本支出",
                "项目支出",
                "上缴上级支出",
                "经营支出",
                "对附属单位补助支出"
            ]
        );
        let total = &exp.rows[0];
        assert_eq!(total.name.text, "合计");
        assert!(total.code.is_none());
        let amounts: Vec<&str> = total
            .amounts
            .iter()
            .map(|a| a.as_ref().map(|f| f.text.as_str()).unwrap_or("-"))
            .collect();
        assert_eq!(
            amounts,
            ["907.47", "851.66", "55.81", "0.00", "0.00", "0.00"]
        );
        assert_eq!(line(total.amounts[2].as_ref().unwrap().span), 531);
        assert_eq!(exp.rows.len(), 19);
        assert_eq!(exp.rows[4].code.as_ref().unwrap().text, "208");
        // 收入总表: the group header 事业收入 over 小计 and 其中.
        let inc = &d.tables[1];
        let cols: Vec<(&str, Option<&str>)> = inc
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.group.as_deref()))
            .collect();
        assert_eq!(cols[3], ("小计", Some("事业收入")));
        assert_eq!(cols[4], ("其中：财政专户收入", Some("事业收入")));
        assert_eq!(cols[0], ("本年收入合计", None));
        // 收支总表: two sides.
        let sum = &d.tables[0];
        let sides: Vec<Option<Side>> = sum.columns.iter().map(|c| c.side).collect();
        assert_eq!(sides, [Some(Side::Income), Some(Side::Expenditure)]);
        let income_rows = sum
            .rows
            .iter()
            .filter(|r| r.side == Some(Side::Income))
            .count();
        assert_eq!(income_rows, 11);
        // 三公: 项目 column from the upper header row.
        let three = &d.tables[8];
        assert_eq!(three.columns[0].name, "合计");
        assert_eq!(three.rows[0].name.text, "“三公”经费小计");
        // The narrative, with spans.
        let p = d
            .paragraphs
            .iter()
            .find(|p| p.text.starts_with("三是社会化"))
            .unwrap();
        assert_eq!(line(p.span), 1684);
        assert_eq!(d.paragraphs.last().unwrap().text, "无其他需说明的事项。");
    }

    #[test]
    fn a_heading_repeated_as_the_first_row_is_one_table() {
        let (_, d) = read(concat!(
            "部门预算收支总表\n\t部门预算收支总表\n\n\t预算年度：2020\n\n",
            "项目表\n\t项目名称\n\t甲\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n",
        ));
        let kinds: Vec<&str> = d.unwrap().tables.iter().map(|t| t.kind.key()).collect();
        assert_eq!(kinds, ["summary", "target"]);
    }

    #[test]
    fn a_lone_target_table_is_no_disclosure() {
        let (_, d) = read(
            "\t项目名称\n\t甲\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t数量指标\n\t人数\n\t100人\n",
        );
        assert!(d.is_none());
    }
}
