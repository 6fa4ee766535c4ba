//! Reader for the plain text of Word documents: every table cell is a line that starts with a
//! tab, a cell's further paragraphs follow on lines without a tab, rows are separated by blank
//! lines, merged cells are left empty. Prose outside tables is a line without a tab that does
//! not directly continue a cell.
//!
//! The reader only builds the grid (tables → rows → cells with spans); [`crate::form`] finds
//! the target tables in it.

use crate::grid::{Cell, Row, Table};
use crate::model::Field;
use crate::source::{SourceFile, Span};

/// Split the text into tables of rows of cells. More than [`crate::limits::MAX_CELLS`] cells
/// is an error, not an out-of-memory kill.
pub fn grid(src: &SourceFile) -> Result<Vec<Table>, crate::read::ReadError> {
    let text = src.text.as_str();
    let mut tables: Vec<Table> = Vec::new();
    let mut table = Table::default();
    let mut row = Row::default();
    // Whether the previous line belongs to the open cell (so a tab-less line continues it).
    let mut in_cell = false;
    let mut cells = 0usize;

    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        if line[indent..].starts_with('\t') {
            cells += 1;
            if cells > crate::limits::MAX_CELLS {
                let line_no = src.position(line_start).line;
                return Err(crate::read::ReadError {
                    message: format!(
                        "表格单元格超过 {} 个的上限：这不像是一份预算公开文件",
                        crate::limits::MAX_CELLS
                    ),
                    line: Some(line_no),
                    column: None,
                    not_target: false,
                    detail: None,
                });
            }
            let body_start = line_start + indent + 1;
            let body = &line[indent + 1..];
            let span = Span::new(body_start, body_start + body.len());
            let col = row.cells.len();
            row.cells.push(Cell {
                text: body.to_string(),
                span: trimmed_end_span(body, span),
                paragraphs: vec![Field::new(body, span)],
                col,
                width: 1,
                continued: false,
            });
            in_cell = true;
        } else if crate::text::is_blank(line) {
            if !row.cells.is_empty() {
                table.rows.push(std::mem::take(&mut row));
            }
            in_cell = false;
        } else if in_cell {
            // A further paragraph of the open cell.
            let cell = row.cells.last_mut().expect("in_cell implies a cell");
            let span = Span::new(line_start, line_start + line.len());
            cell.text.push('\n');
            cell.text.push_str(line);
            cell.span.end = trimmed_end_span(line, span).end;
            cell.paragraphs.push(Field::new(line, span));
        } else {
            // Prose: ends the table.
            if !row.cells.is_empty() {
                table.rows.push(std::mem::take(&mut row));
            }
            if !table.rows.is_empty() {
                tables.push(std::mem::take(&mut table));
            }
            let span = Span::new(line_start, line_start + line.len());
            table.title = Some(Field::new(line, span));
            table.prose.push(Field::new(line, span));
        }
    }
    if !row.cells.is_empty() {
        table.rows.push(row);
    }
    if !table.rows.is_empty() {
        tables.push(table);
    } else if let Some(last) = tables.last_mut() {
        last.trailing = table.prose;
    }
    Ok(tables)
}

/// The span without trailing white space, so underlines stop at the last visible character.
fn trimmed_end_span(text: &str, span: Span) -> Span {
    let kept = text.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    Span::new(span.start, span.start + kept.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_cells_and_continuations() {
        let src = SourceFile::new(
            "t",
            "标题\n\t一级指标\t\n\t指标值\n\n\t1、甲\n2、乙\n\n\n正文\n\t孤立\n".to_string(),
        );
        let tables = grid(&src).unwrap();
        assert_eq!(tables.len(), 2);
        let t = &tables[0];
        assert_eq!(t.title.as_ref().unwrap().text, "标题");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[0].text, "一级指标\t");
        assert_eq!(src.slice(t.rows[0].cells[0].span), "一级指标");
        assert_eq!(t.rows[1].cells[0].text, "1、甲\n2、乙");
        assert_eq!(t.rows[1].cells[0].paragraphs.len(), 2);
        assert_eq!(src.slice(t.rows[1].cells[0].span), "1、甲\n2、乙");
        assert_eq!(tables[1].rows[0].cells[0].text, "孤立");
        assert_eq!(tables[1].title.as_ref().unwrap().text, "正文");
    }

    #[test]
    fn prose_between_and_after_tables_is_kept() {
        let src = SourceFile::new(
            "t",
            "前言\n\t甲\n\n说明一\n说明二\n\t乙\n\n结语\n".to_string(),
        );
        let tables = grid(&src).unwrap();
        let texts = |v: &[Field]| v.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&tables[0].prose), ["前言"]);
        assert_eq!(texts(&tables[1].prose), ["说明一", "说明二"]);
        assert_eq!(tables[1].title.as_ref().unwrap().text, "说明二");
        assert!(tables[0].trailing.is_empty());
        assert_eq!(texts(&tables[1].trailing), ["结语"]);
        assert_eq!(src.slice(tables[1].trailing[0].span), "结语");
    }

    #[test]
    fn empty_cell_has_empty_span_after_tab() {
        let src = SourceFile::new("t", "\t\n".to_string());
        let tables = grid(&src).unwrap();
        assert_eq!(tables[0].rows[0].cells[0].span, Span::new(1, 1));
        assert!(tables[0].rows[0].is_blank());
    }
}
