//! What every grid reader produces and the form recogniser reads: tables of rows of cells,
//! each cell with its text, its span in the source the reader rendered, and its place in the
//! grid (start column and width, so merged cells line up under their headers).

use crate::model::Field;
use crate::source::Span;

#[derive(Clone, Debug)]
pub struct Cell {
    /// The cell's paragraphs joined with '\n', exactly as written.
    pub text: String,
    /// From the first to the last visible character; an empty cell has an empty span.
    pub span: Span,
    /// Each paragraph of the cell with its own span.
    pub paragraphs: Vec<Field>,
    /// 0-based grid column where the cell starts (its index, for the text reader).
    pub col: usize,
    /// Grid columns the cell covers (horizontally merged cells cover several).
    pub width: usize,
    /// The cell continues a vertically merged cell from the row above (its text is empty).
    pub continued: bool,
}

impl Cell {
    /// A cell of one paragraph.
    pub fn new(text: impl Into<String>, span: Span, col: usize) -> Cell {
        let text = text.into();
        Cell {
            paragraphs: vec![Field::new(text.clone(), span)],
            text,
            span,
            col,
            width: 1,
            continued: false,
        }
    }

    pub fn field(&self) -> Field {
        Field::new(self.text.clone(), self.span)
    }

    pub fn is_blank(&self) -> bool {
        crate::text::is_blank(&self.text)
    }

    /// Whether the cell covers grid column `c`.
    pub fn covers(&self, c: usize) -> bool {
        self.col <= c && c < self.col + self.width.max(1)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }

    pub fn span(&self) -> Span {
        match (self.cells.first(), self.cells.last()) {
            (Some(a), Some(b)) => Span::new(a.span.start, b.span.end.max(a.span.start)),
            _ => Span::default(),
        }
    }

    /// The cell that covers grid column `c`.
    pub fn at(&self, c: usize) -> Option<&Cell> {
        self.cells.iter().find(|x| x.covers(c))
    }

    /// The number of grid columns the row spans.
    pub fn width(&self) -> usize {
        self.cells
            .last()
            .map(|c| c.col + c.width.max(1))
            .unwrap_or(0)
    }
}

/// A run of rows with no prose between them.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub rows: Vec<Row>,
    /// The prose line just before the table (often its title), if any.
    pub title: Option<Field>,
    /// Every paragraph outside any table between the previous table and this one, in order
    /// (`title` is the last of them): the narrative of a budget disclosure.
    pub prose: Vec<Field>,
    /// Paragraphs after the last table of the document (set on the last table only).
    pub trailing: Vec<Field>,
}
