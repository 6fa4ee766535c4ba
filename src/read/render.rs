//! What the table-format readers (.docx, .xlsx/.xls/.ods, HTML, PDF) share: they turn a file
//! into [`Block`]s — tables of raw cells and prose lines, in document order — and [`render`]
//! turns those into the text findings point into (one line per table row, cells separated by
//! " │ ") plus the grid the form recogniser reads, every cell with its span and its place
//! (`表3 第5行 第4列`, `项目2!F9`, with the PDF page).

use crate::grid::{Cell, Row, Table};
use crate::model::Field;
use crate::source::{CellRef, SourceFile, Span};

/// A cell as a reader found it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawCell {
    /// The cell's paragraphs (lines), as written.
    pub paragraphs: Vec<String>,
    /// 0-based grid column where the cell starts (for sheets: the sheet column, A = 0).
    pub col: usize,
    /// Grid columns it covers (horizontally merged cells: more than one).
    pub width: usize,
    /// Continues a vertically merged cell from the row above (its own text is empty).
    pub continued: bool,
}

impl RawCell {
    pub fn new(text: &str, col: usize) -> RawCell {
        RawCell {
            paragraphs: text.lines().map(str::to_string).collect(),
            col,
            width: 1,
            continued: false,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawRow {
    pub cells: Vec<RawCell>,
    /// 1-based row number as the author sees it (the sheet row; the row of a Word table).
    pub number: usize,
    /// The PDF page the row stands on.
    pub page: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawTable {
    pub rows: Vec<RawRow>,
    /// The sheet the table is on (spreadsheets); tables elsewhere are numbered in order.
    pub sheet: Option<String>,
}

/// A part of a document, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Table(RawTable),
    /// A paragraph outside any table (a title, narrative).
    Prose(String),
}

/// Separator between cells in the rendered row lines.
pub const SEP: &str = " │ ";
/// Marks a paragraph break inside a cell in the rendered text.
pub const BREAK: &str = " ⏎ ";

/// Render blocks into the text findings point into and the grid the recogniser reads.
pub fn render(blocks: &[Block], path: &str, encoding: &'static str) -> (SourceFile, Vec<Table>) {
    let mut text = String::new();
    let mut cells: Vec<(Span, CellRef)> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut title: Option<Field> = None;
    let mut prose: Vec<Field> = Vec::new();
    let mut table_no = 0;
    for block in blocks {
        match block {
            Block::Prose(p) => {
                let line = one_line(p);
                if line.trim().is_empty() {
                    continue;
                }
                let start = text.len();
                text.push_str(&line);
                let paragraph = Field::new(line, Span::new(start, text.len()));
                title = Some(paragraph.clone());
                prose.push(paragraph);
                text.push('\n');
            }
            Block::Table(t) => {
                if t.sheet.is_none() {
                    table_no += 1;
                }
                let mut table = Table {
                    rows: Vec::new(),
                    title: title.take(),
                    prose: std::mem::take(&mut prose),
                    trailing: Vec::new(),
                };
                for raw in &t.rows {
                    let mut row = Row::default();
                    text.push_str(SEP.trim_start());
                    for (k, c) in raw.cells.iter().enumerate() {
                        if k > 0 {
                            text.push_str(SEP);
                        }
                        let start = text.len();
                        let mut paragraphs = Vec::new();
                        for (i, p) in c.paragraphs.iter().enumerate() {
                            if i > 0 {
                                text.push_str(BREAK);
                            }
                            let p = one_line(p);
                            let ps = text.len();
                            text.push_str(&p);
                            paragraphs.push(Field::new(p.clone(), trimmed(&text, ps)));
                        }
                        let span = trimmed(&text, start);
                        let cell_text = c
                            .paragraphs
                            .iter()
                            .map(|p| one_line(p))
                            .collect::<Vec<_>>()
                            .join("\n");
                        if paragraphs.is_empty() {
                            paragraphs.push(Field::new("", span));
                        }
                        cells.push((
                            span,
                            CellRef {
                                sheet: t.sheet.clone(),
                                table: t.sheet.is_none().then_some(table_no),
                                row: raw.number,
                                col: c.col + 1,
                                page: raw.page,
                            },
                        ));
                        row.cells.push(Cell {
                            text: cell_text,
                            span,
                            paragraphs,
                            col: c.col,
                            width: c.width.max(1),
                            continued: c.continued,
                        });
                    }
                    text.push_str(SEP.trim_end());
                    text.push('\n');
                    table.rows.push(row);
                }
                tables.push(table);
            }
        }
    }
    if let Some(last) = tables.last_mut() {
        last.trailing = prose;
    }
    let src = SourceFile::rendered(path, text, encoding, cells);
    (src, tables)
}

/// A paragraph on one line: line breaks and tabs become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The span from `start` to the end of `text`, without trailing white space.
fn trimmed(text: &str, start: usize) -> Span {
    let kept = text[start..].trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    Span::new(start, start + kept.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_render_to_lines_and_cells_know_their_place() {
        let blocks = vec![
            Block::Prose("某项目绩效目标表".into()),
            Block::Table(RawTable {
                rows: vec![
                    RawRow {
                        cells: vec![RawCell::new("项目名称", 0), {
                            let mut c = RawCell::new("农村公路养护", 1);
                            c.width = 3;
                            c
                        }],
                        number: 1,
                        page: None,
                    },
                    RawRow {
                        cells: vec![
                            RawCell::new("绩效目标", 0),
                            RawCell::new("养护320公里\n优良率80%", 1),
                        ],
                        number: 2,
                        page: None,
                    },
                ],
                sheet: None,
            }),
        ];
        let (src, tables) = render(&blocks, "t.docx", "UTF-8");
        assert_eq!(
            src.text,
            "某项目绩效目标表\n│ 项目名称 │ 农村公路养护 │\n│ 绩效目标 │ 养护320公里 ⏎ 优良率80% │\n"
        );
        let t = &tables[0];
        assert_eq!(t.title.as_ref().unwrap().text, "某项目绩效目标表");
        let name = &t.rows[0].cells[1];
        assert_eq!(src.slice(name.span), "农村公路养护");
        assert_eq!((name.col, name.width), (1, 3));
        let goals = &t.rows[1].cells[1];
        assert_eq!(goals.text, "养护320公里\n优良率80%");
        assert_eq!(goals.paragraphs.len(), 2);
        assert_eq!(src.slice(goals.paragraphs[1].span), "优良率80%");
        let at = src.cell_at(goals.paragraphs[1].span).unwrap();
        assert_eq!(at.label(), "表1 第2行 第2列");
    }
}
