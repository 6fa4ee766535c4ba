//! Source files: decoded text, byte spans and the line index that turns a span into
//! 1-based line and column numbers (columns count characters, not bytes).

use std::fmt;

/// A byte range in a [`SourceFile`]'s text. Always on `char` boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn empty_at(pos: usize) -> Span {
        Span {
            start: pos,
            end: pos,
        }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A cell of a table or sheet, as the author sees it (1-based).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    /// Sheet name (spreadsheets).
    pub sheet: Option<String>,
    /// Table number in the file (Word, HTML, PDF).
    pub table: Option<usize>,
    pub row: usize,
    pub col: usize,
    /// PDF page.
    pub page: Option<usize>,
}

impl CellRef {
    /// `F9` style name of the cell (spreadsheets).
    pub fn a1(&self) -> String {
        let mut col = self.col;
        let mut letters = Vec::new();
        while col > 0 {
            let r = (col - 1) % 26;
            letters.push((b'A' + r as u8) as char);
            col = (col - 1) / 26;
        }
        letters.reverse();
        format!("{}{}", letters.into_iter().collect::<String>(), self.row)
    }

    /// How a reader names the cell: `项目2!F9` for a sheet, `第3页 表3 第5行 第4列` otherwise.
    pub fn label(&self) -> String {
        if let Some(sheet) = &self.sheet {
            return format!("{sheet}!{}", self.a1());
        }
        let mut s = String::new();
        if let Some(p) = self.page {
            s.push_str(&format!("第{p}页 "));
        }
        if let Some(t) = self.table {
            s.push_str(&format!("表{t} "));
        }
        s.push_str(&format!("第{}行 第{}列", self.row, self.col));
        s
    }
}

/// A position in a source file: 1-based line, 1-based column in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The decoded text of one input, with its display path and a line index.
pub struct SourceFile {
    pub path: std::sync::Arc<str>,
    pub text: String,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
    /// What the bytes were decoded from, when not UTF-8 ("GB18030", "UTF-16LE" …).
    pub encoding: &'static str,
    /// For text rendered from a table format: each cell's span and where the cell is, sorted
    /// by span.
    cells: Vec<(Span, CellRef)>,
}

impl fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceFile")
            .field("path", &self.path)
            .field("len", &self.text.len())
            .finish()
    }
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: String) -> SourceFile {
        Self::with_encoding(path, text, "UTF-8")
    }

    pub fn with_encoding(path: impl Into<String>, text: String, encoding: &'static str) -> Self {
        let line_starts = line_starts(text.as_bytes());
        SourceFile {
            path: path.into().into(),
            text,
            line_starts,
            encoding,
            cells: Vec::new(),
        }
    }

    /// Text rendered from a table format, with the span and grid position of every cell.
    pub fn rendered(
        path: impl Into<String>,
        text: String,
        encoding: &'static str,
        mut cells: Vec<(Span, CellRef)>,
    ) -> Self {
        cells.sort_by_key(|(s, _)| (s.start, s.end));
        SourceFile {
            cells,
            ..Self::with_encoding(path, text, encoding)
        }
    }

    /// The cell that holds a span, or, for a span that covers several cells (a whole row), the
    /// cell it starts in; `None` for text that was not rendered from a table.
    pub fn cell_at(&self, span: Span) -> Option<&CellRef> {
        let i = self.cells.partition_point(|(s, _)| s.start <= span.start);
        let before = &self.cells[..i];
        before
            .iter()
            .rev()
            .take_while(|(s, _)| s.end >= span.start)
            .find(|(s, _)| s.end >= span.end)
            .or_else(|| before.iter().rev().find(|(s, _)| s.start == span.start))
            .map(|(_, c)| c)
    }

    /// Whether the text was rendered from a table format (its cells are known).
    pub fn has_cells(&self) -> bool {
        !self.cells.is_empty()
    }

    /// The span of the first cell that starts at or after a byte offset (after a table's
    /// title: the table's first cell).
    pub fn first_cell_from(&self, offset: usize) -> Option<Span> {
        let i = self.cells.partition_point(|(s, _)| s.start < offset);
        self.cells.get(i).map(|(s, _)| *s)
    }

    /// Line (1-based) and character column (1-based) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_idx];
        let column = self.text[start..offset].chars().count() + 1;
        Position {
            line: line_idx + 1,
            column,
        }
    }

    /// The positions of a span's start and end, as [`SourceFile::position`] gives them; the
    /// end's column counted on from the start's when both are on one line (as nearly every
    /// span is) instead of looking its line up again and counting from the line's start.
    pub fn span_positions(&self, span: Span) -> (Position, Position) {
        let start = self.position(span.start);
        let (s, e) = (
            span.start.min(self.text.len()),
            span.end.min(self.text.len()),
        );
        let next_line = self.line_starts.get(start.line).copied();
        if s <= e && next_line.is_none_or(|n| e < n) {
            let column = start.column + self.text[s..e].chars().count();
            return (
                start,
                Position {
                    line: start.line,
                    column,
                },
            );
        }
        (start, self.position(span.end))
    }

    /// Byte offset of the start of a 1-based line (clamped to the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// Why the bytes of a file could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

/// Decode the bytes of a text input: a UTF-8 (optionally with BOM) or UTF-16 (with BOM) file,
/// or, failing UTF-8, GB18030/GBK as Chinese Word exports often are. Binary data (NUL or other
/// control bytes) is refused rather than guessed at.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|s| (s, "UTF-8"));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (le, name) = if bytes[0] == 0xFF {
            (true, "UTF-16LE")
        } else {
            (false, "UTF-16BE")
        };
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return Err(DecodeError(
                "UTF-16 文本的字节数为奇数，文件可能已截断".into(),
            ));
        }
        let units = body.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        let text: Result<String, _> = char::decode_utf16(units).collect();
        let text = text.map_err(|_| DecodeError("UTF-16 文本中有无效的代理项".into()))?;
        check_not_binary(&text)?;
        return Ok((text, name));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            check_not_binary(s)?;
            Ok((s.to_string(), "UTF-8"))
        }
        Err(utf8_err) => {
            let gbk = decode_gb18030(bytes);
            match gbk {
                Ok(text) if check_not_binary(&text).is_ok() && looks_chinese(&text) => {
                    Ok((text, "GB18030"))
                }
                gbk => {
                    // Report the line where the decoding that got furthest broke down.
                    let at = utf8_err.valid_up_to().max(gbk.err().unwrap_or(0));
                    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                    Err(DecodeError(format!(
                        "第 {line} 行起不是有效的文本（既不是 UTF-8 也不是 GBK/GB18030 编码），可能是二进制文件"
                    )))
                }
            }
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            check_not_binary(s)?;
            Ok(s.to_string())
        }
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(DecodeError(format!(
                "文件以 UTF-8 BOM 开头，但第 {line} 行有无效的 UTF-8 字节"
            )))
        }
    }
}

/// Eight copies of a byte, for tests on eight bytes at once.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Whether any of the eight bytes of `w` is zero.
fn has_zero(w: u64) -> bool {
    w.wrapping_sub(splat(1)) & !w & splat(0x80) != 0
}

/// The byte offset at which each line starts (0 and every offset after a line feed), eight
/// bytes at a time where they hold no line feed.
fn line_starts(b: &[u8]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(b.len() / 32 + 1);
    starts.push(0);
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let w = u64::from_ne_bytes(c.try_into().unwrap_or([0; 8]));
        if has_zero(w ^ splat(b'\n')) {
            for (i, &x) in c.iter().enumerate() {
                if x == b'\n' {
                    starts.push(at + i + 1);
                }
            }
        }
        at += 8;
    }
    for (i, &x) in chunks.remainder().iter().enumerate() {
        if x == b'\n' {
            starts.push(at + i + 1);
        }
    }
    starts
}

/// Whether the text holds a control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F)
/// other than tab, line feed, carriage return and form feed: a byte below 0x20 other than those,
/// 0x7F, or 0xC2 followed by 0x80–0x9F (UTF-8 of U+0080–U+009F).
fn has_control(text: &str) -> bool {
    let b = text.as_bytes();
    let bad = |i: usize| match b[i] {
        b'\t' | b'\n' | b'\r' | 0x0c => false,
        x if x < 0x20 || x == 0x7f => true,
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        _ => false,
    };
    let mut i = 0;
    while i + 8 <= b.len() {
        let w = u64::from_ne_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        // A byte below 0x20, 0x7F or 0xC2 somewhere in these eight: look at each.
        let below_space = w.wrapping_sub(splat(0x20)) & !w & splat(0x80) != 0;
        if (below_space || has_zero(w ^ splat(0x7f)) || has_zero(w ^ splat(0xc2)))
            && (i..i + 8).any(bad)
        {
            return true;
        }
        i += 8;
    }
    (i..b.len()).any(bad)
}

fn check_not_binary(text: &str) -> Result<(), DecodeError> {
    // Nearly every text has none: the first is looked for (with its line) only when there is one.
    if !has_control(text) {
        return Ok(());
    }
    let mut line = 1;
    for c in text.chars() {
        match c {
            '\n' => line += 1,
            '\t' | '\r' | '\x0c' => {}
            c if c.is_control() => {
                return Err(DecodeError(format!(
                    "第 {line} 行含有控制字符 U+{:04X}，这不是文本文件",
                    c as u32
                )));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Strict GB18030 (a superset of GBK) decoding; on a malformed sequence, its byte offset.
fn decode_gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(len, extra) => {
            Err(read.saturating_sub(len as usize + extra as usize))
        }
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

/// GBK decoding of random bytes "succeeds" surprisingly often; require the result to read
/// like Chinese text: mostly CJK, ASCII and common punctuation.
fn looks_chinese(text: &str) -> bool {
    let mut cjk = 0usize;
    let mut other = 0usize;
    for c in text.chars() {
        if c.is_ascii() {
            continue;
        }
        if ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        {
            cjk += 1;
        } else {
            other += 1;
        }
    }
    cjk > 0 && other * 5 <= cjk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let f = SourceFile::new("t", "ab\n指标值 ≥90\n".to_string());
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        let off = f.text.find('≥').unwrap();
        assert_eq!(f.position(off), Position { line: 2, column: 5 });
        assert_eq!(f.line_count(), 3);
    }

    /// A span's two positions are each end's own, for every span of char boundaries (on one
    /// line, across lines, empty, reversed, past the end), with and without a final newline.
    #[test]
    fn span_positions_are_each_ends_position() {
        for text in ["ab\n指标值 ≥90\n\r\nx\n", "指标\n\n值 ≥90", ""] {
            let f = SourceFile::new("t", text.to_string());
            let mut ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            ends.extend([text.len(), text.len() + 3]);
            for &a in &ends {
                for &b in &ends {
                    let want = (f.position(a), f.position(b));
                    assert_eq!(f.span_positions(Span::new(a, b)), want, "{text:?} {a}..{b}");
                }
            }
        }
    }

    #[test]
    fn cell_names() {
        let c = CellRef {
            sheet: Some("项目2".into()),
            table: None,
            row: 9,
            col: 6,
            page: None,
        };
        assert_eq!(c.label(), "项目2!F9");
        let c = CellRef {
            sheet: None,
            table: Some(3),
            row: 5,
            col: 28,
            page: Some(2),
        };
        assert_eq!(c.a1(), "AB5");
        assert_eq!(c.label(), "第2页 表3 第5行 第28列");
    }

    /// The byte-wise tests give what the character-wise definitions give, at every offset.
    #[test]
    fn control_characters_and_line_starts_eight_bytes_at_a_time() {
        let pieces = [
            "a", "指", "\n", "\t", "\r", "\x0c", "\u{1}", "\u{1f}", "\u{7f}", "\u{80}", "\u{9f}",
            "\u{a0}", "·", "°", "\u{85}", " ", "~", "\u{ff}", "ā",
        ];
        let slow_control = |t: &str| {
            t.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r' | '\x0c'))
        };
        let slow_starts = |t: &str| {
            let mut v = vec![0];
            v.extend(t.match_indices('\n').map(|(i, _)| i + 1));
            v
        };
        let mut seed = 7u64;
        for len in 0..40 {
            for _ in 0..60 {
                // Mostly harmless pieces, now and then a control character.
                let t = crate::text::random_text(&pieces, &mut seed, len, |k| {
                    if k.is_multiple_of(7) {
                        k % pieces.len()
                    } else {
                        k % 4
                    }
                });
                assert_eq!(has_control(&t), slow_control(&t), "{t:?}");
                assert_eq!(line_starts(t.as_bytes()), slow_starts(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn decodes_gbk_and_refuses_binary() {
        let (gbk, _, _) = encoding_rs::GBK.encode("一级指标\t产出指标\n");
        let (text, enc) = decode(&gbk).unwrap();
        assert_eq!(text, "一级指标\t产出指标\n");
        assert_eq!(enc, "GB18030");
        assert!(decode(b"\x00\x01\x02binary").is_err());
        assert!(decode(&[0xff, 0xfe, 0x41]).is_err());
        let (t, _) = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(t, "abc");
    }
}
