//! Reader for web pages: .html/.htm, and .mht/.mhtml archives that hold a single text/html
//! part (Word's "single file web page"). The page is tokenized by html5gum (a WHATWG
//! tokenizer); the tables are laid out here the way a browser lays them out:
//!
//! - `<td>`/`<th>` with `colspan`/`rowspan` (capped at [`MAX_SPAN`]): a horizontally merged
//!   cell appears once with its width; a cell that spans rows gives a `continued` cell in
//!   each row below, and the later cells of those rows shift right past it;
//! - implied end tags: a new cell closes the open one, a new row the open row, `</table>`
//!   everything; `<thead>`/`<tbody>`/`<tfoot>` are row groups (a row span ends with its
//!   group; the first `<thead>` is shown first, the first `<tfoot>` last);
//! - a table inside a cell is read as its own table, after the outer one; `<table>` where no
//!   cell is open ends the open table (as in a browser);
//! - `<br>` and block elements (`<p>`, `<div>`, `<li>` …) break a cell into paragraphs;
//!   white space collapses unless `white-space` (from `<pre>`, a `style` attribute or a
//!   `<style>` sheet rule on a tag or class) keeps it; `&nbsp;` is a space that does not
//!   collapse; `<script>`, `<style>`, `<title>`, comments, `hidden` and `display:none`
//!   elements are not shown;
//! - text outside tables becomes [`Block::Prose`] paragraphs, a `<caption>` and text a
//!   browser would move out of the table stand before it.
//!
//! Encoding: a BOM, else the charset of the MHT part, else `<meta charset>` /
//! `<meta http-equiv content="…charset=…">` in the first 1024 bytes, else UTF-8, else
//! GB18030 (as [`crate::source::decode`] does).

use std::borrow::Cow;

use encoding_rs::Encoding;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use rustc_hash::FxHashMap;

use super::ReadError;
use super::render::{Block, RawCell, RawRow, RawTable};

/// The deepest nesting of tables accepted (a real page nests two or three).
pub const MAX_TABLE_DEPTH: usize = 32;
/// The most columns a `colspan` and the most rows a `rowspan` covers.
pub const MAX_SPAN: usize = 1000;
/// Open elements tracked for styles (deeper ones are read as their parent).
const MAX_ELEMENT_DEPTH: usize = 512;
/// How far down the open elements an end tag looks for its start tag.
const END_TAG_REACH: usize = 64;
/// Style sheet rules kept (only those that set `white-space` or `display: none`).
const MAX_CSS_RULES: usize = 2000;

/// The blocks (tables and prose, in order) of a web page or MHT archive, and the encoding
/// its text came in.
pub fn blocks(bytes: &[u8]) -> Result<(Vec<Block>, &'static str), ReadError> {
    refuse_other_formats(bytes)?;
    let (html, hint): (Cow<[u8]>, Option<&'static Encoding>) = match mht::html_part(bytes) {
        Some(part) => {
            let (b, e) = part?;
            (Cow::Owned(b), e)
        }
        None => (Cow::Borrowed(bytes), None),
    };
    let (text, encoding) = decode(&html, hint)?;
    let blocks = parse(&text)?;
    Ok((blocks, encoding))
}

/// Files of other formats often carry a web-page extension (and the other way round).
fn refuse_other_formats(bytes: &[u8]) -> Result<(), ReadError> {
    let what = if bytes.starts_with(b"PK\x03\x04") {
        "这是一个 ZIP 压缩包（可能是改了扩展名的 .docx/.xlsx）"
    } else if bytes.starts_with(b"%PDF") {
        "这是一个 PDF 文件"
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        "这是一个 Office 97–2003 文件（.doc/.xls）"
    } else if bytes.starts_with(b"{\\rtf") {
        "这是一个 RTF 文件"
    } else {
        return Ok(());
    };
    Err(ReadError::new(format!("不是有效的网页文件：{what}")))
}

// ---------------------------------------------------------------------------------------------
// Encoding

/// Decode the page: BOM, then the transport charset (`hint`, from an MHT part), then the
/// `<meta>` declaration, else UTF-8, else GB18030. Binary data is refused.
fn decode(
    bytes: &[u8],
    hint: Option<&'static Encoding>,
) -> Result<(String, &'static str), ReadError> {
    let (text, name) = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        (text.into_owned(), enc.name())
    } else if let Some(enc) = hint.or_else(|| prescan(&bytes[..bytes.len().min(1024)])) {
        if enc == encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_err() {
            // Declared UTF-8 but saved in the local code page, as hand-edited pages often
            // are: GB18030 when that reads cleanly, else UTF-8 with replacement characters.
            match gb18030(bytes) {
                Ok(text) => (text, "GB18030"),
                Err(_) => (String::from_utf8_lossy(bytes).into_owned(), "UTF-8"),
            }
        } else {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            (text.into_owned(), display_name(enc))
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), "UTF-8"),
            Err(utf8) => match gb18030(bytes) {
                Ok(text) => (text, "GB18030"),
                Err(at) => {
                    let at = utf8.valid_up_to().max(at);
                    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                    return Err(ReadError {
                        line: Some(line),
                        ..ReadError::new(format!(
                            "不是有效的网页文件：第 {line} 行起既不是 UTF-8 也不是 GBK/GB18030 编码的文本，也没有 <meta charset> 声明"
                        ))
                    });
                }
            },
        }
    };
    check_not_binary(&text)?;
    Ok((text, name))
}

fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == encoding_rs::GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Strict GB18030 decoding; on a malformed sequence, its byte offset.
fn gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3).saturating_add(16));
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

/// A page with NUL bytes, or with more than a few control characters, is not text.
fn check_not_binary(text: &str) -> Result<(), ReadError> {
    let mut controls = 0usize;
    let mut chars = 0usize;
    let mut line = 1;
    for c in text.chars() {
        chars += 1;
        match c {
            '\n' => line += 1,
            '\t' | '\r' | '\x0c' => {}
            '\0' => {
                return Err(ReadError {
                    line: Some(line),
                    ..ReadError::new(format!(
                        "不是有效的网页文件：第 {line} 行含有 NUL 字节，这是二进制数据"
                    ))
                });
            }
            c if c.is_control() && (c as u32) < 0x80 => controls += 1,
            _ => {}
        }
    }
    if controls > 16 && controls * 100 > chars {
        return Err(ReadError::new(format!(
            "不是有效的网页文件：含有 {controls} 个控制字符，这是二进制数据"
        )));
    }
    Ok(())
}

/// The encoding a `<meta>` element in the start of the page declares (a simplified form of
/// the WHATWG prescan: comments are skipped, attributes read with or without quotes).
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        if head[i..].starts_with(b"<!--") {
            i = find(head, i + 4, b"-->").map_or(head.len(), |e| e + 3);
            continue;
        }
        if head[i] == b'<'
            && head.len() > i + 5
            && head[i + 1..i + 5].eq_ignore_ascii_case(b"meta")
            && matches!(head[i + 5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        {
            let (attrs, end) = attributes(head, i + 5);
            i = end;
            let get = |name: &str| {
                attrs
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.as_str())
            };
            let label = if let Some(c) = get("charset") {
                Some(c.to_string())
            } else if get("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-type")) {
                get("content").and_then(charset_param)
            } else {
                None
            };
            if let Some(enc) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
                // As the standard says: a page cannot declare UTF-16 in itself.
                return Some(
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else if enc == encoding_rs::X_USER_DEFINED {
                        encoding_rs::WINDOWS_1252
                    } else {
                        enc
                    },
                );
            }
            continue;
        }
        i += 1;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The attributes of a tag from `at` (just after its name) to its `>`, and where it ends.
fn attributes(s: &[u8], mut at: usize) -> (Vec<(String, String)>, usize) {
    let mut out = Vec::new();
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/');
    loop {
        while at < s.len() && ws(s[at]) {
            at += 1;
        }
        if at >= s.len() {
            return (out, at);
        }
        if s[at] == b'>' {
            return (out, at + 1);
        }
        let start = at;
        while at < s.len() && !ws(s[at]) && !matches!(s[at], b'=' | b'>') {
            at += 1;
        }
        let name = String::from_utf8_lossy(&s[start..at]).into_owned();
        while at < s.len() && matches!(s[at], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            at += 1;
        }
        let mut value = String::new();
        if at < s.len() && s[at] == b'=' {
            at += 1;
            while at < s.len() && matches!(s[at], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                at += 1;
            }
            if at < s.len() && matches!(s[at], b'"' | b'\'') {
                let q = s[at];
                let vs = at + 1;
                at = vs;
                while at < s.len() && s[at] != q {
                    at += 1;
                }
                value = String::from_utf8_lossy(&s[vs..at]).into_owned();
                at = (at + 1).min(s.len());
            } else {
                let vs = at;
                while at < s.len() && !ws(s[at]) && s[at] != b'>' {
                    at += 1;
                }
                value = String::from_utf8_lossy(&s[vs..at]).into_owned();
            }
        }
        if name.is_empty() {
            at += 1;
        } else {
            out.push((name, value));
        }
        if out.len() > 64 {
            return (out, at);
        }
    }
}

/// The value of `charset=` in a Content-Type (`text/html; charset="gbk"`).
fn charset_param(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest
            .split(|c: char| c == ';' || c.is_ascii_whitespace())
            .next()?,
    };
    (!value.is_empty()).then(|| value.to_string())
}

// ---------------------------------------------------------------------------------------------
// Text of a cell, a caption or the page: white space as a browser shows it

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ws {
    /// Spaces and line breaks collapse (`normal`, `nowrap`).
    Normal,
    /// Spaces and line breaks are kept (`pre`, `pre-wrap`, `break-spaces`).
    Pre,
    /// Spaces collapse, line breaks are kept (`pre-line`).
    PreLine,
}

/// Lines of text being laid out.
#[derive(Default, Debug)]
struct Inline {
    lines: Vec<String>,
    cur: String,
    /// A collapsible space waits for the next visible character.
    space: bool,
}

impl Inline {
    fn text(&mut self, s: &str, ws: Ws) {
        for c in s.chars() {
            match c {
                ' ' | '\t' | '\n' | '\r' | '\x0c' => match ws {
                    Ws::Normal => self.space = true,
                    Ws::PreLine if c == '\n' => self.hard_break(),
                    Ws::PreLine => self.space = true,
                    Ws::Pre if c == '\n' => self.hard_break(),
                    Ws::Pre => {
                        self.flush_space();
                        self.cur.push(c);
                    }
                },
                '\u{a0}' => {
                    self.flush_space();
                    self.cur.push(' ');
                }
                c if c.is_control() => {}
                c => {
                    self.flush_space();
                    self.cur.push(c);
                }
            }
        }
    }

    fn flush_space(&mut self) {
        if self.space && !self.cur.is_empty() {
            self.cur.push(' ');
        }
        self.space = false;
    }

    /// `<br>`: the line ends, even when it is empty.
    fn hard_break(&mut self) {
        self.lines.push(std::mem::take(&mut self.cur));
        self.space = false;
    }

    /// The edge of a block element: the line ends unless it is empty.
    fn soft_break(&mut self) {
        if !self.cur.is_empty() {
            self.lines.push(std::mem::take(&mut self.cur));
        }
        self.space = false;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.cur.is_empty() {
            self.lines.push(self.cur);
        }
        self.lines
    }

    fn take(&mut self) -> Vec<String> {
        std::mem::take(self).finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Style sheets: only `white-space` and `display: none`, on rules whose last compound selector
// is a tag and/or classes (`td`, `.xl65`, `td.pre`, `table td`). Ancestors in a selector are
// not checked, `@media` blocks are skipped.

#[derive(Debug)]
struct Rule {
    tag: Option<String>,
    classes: Vec<String>,
    id: Option<String>,
    ws: Option<Ws>,
    none: bool,
}

#[derive(Default, Debug)]
struct Css {
    rules: Vec<Rule>,
    /// Rules by the key they are indexed under: tag, first class, or none (`*`, `#id`).
    by_tag: FxHashMap<String, Vec<usize>>,
    by_class: FxHashMap<String, Vec<usize>>,
    other: Vec<usize>,
}

/// `white-space` and `display: none` in a declaration block.
fn declarations(block: &str) -> (Option<Ws>, bool) {
    let mut ws = None;
    let mut none = false;
    for decl in block.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        let value = value.trim_end_matches("!important").trim();
        match prop.as_str() {
            "white-space" => {
                ws = match value {
                    "normal" | "nowrap" => Some(Ws::Normal),
                    "pre" | "pre-wrap" | "break-spaces" => Some(Ws::Pre),
                    "pre-line" => Some(Ws::PreLine),
                    _ => ws,
                }
            }
            "display" => none = value == "none",
            _ => {}
        }
    }
    (ws, none)
}

impl Css {
    fn add_sheet(&mut self, sheet: &str) {
        let sheet = strip_css_comments(sheet);
        let s = sheet.as_str();
        let mut at = 0;
        while at < s.len() && self.rules.len() < MAX_CSS_RULES {
            let Some(open) = s[at..].find('{').map(|p| p + at) else {
                break;
            };
            // A statement at-rule (`@import …;`) before the selector ends at its semicolon.
            let prelude = &s[at..open];
            let prelude = prelude.rsplit_once(';').map_or(prelude, |(_, p)| p).trim();
            if prelude.starts_with('@') {
                // Skip the whole block (`@media`, `@font-face`, `@page` …).
                let mut depth = 0usize;
                let mut end = s.len();
                for (k, c) in s[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                at = end;
                continue;
            }
            let close = s[open..].find('}').map_or(s.len(), |p| p + open);
            let (ws, none) = declarations(&s[open + 1..close]);
            at = (close + 1).min(s.len());
            if ws.is_none() && !none {
                continue;
            }
            for selector in prelude.split(',') {
                if let Some(rule) = compound(selector, ws, none) {
                    self.push(rule);
                }
            }
        }
    }

    fn push(&mut self, rule: Rule) {
        if self.rules.len() >= MAX_CSS_RULES {
            return;
        }
        let i = self.rules.len();
        if let Some(c) = rule.classes.first() {
            self.by_class.entry(c.clone()).or_default().push(i);
        } else if let Some(t) = &rule.tag {
            self.by_tag.entry(t.clone()).or_default().push(i);
        } else {
            self.other.push(i);
        }
        self.rules.push(rule);
    }

    /// `white-space` and `display: none` of the rules that match an element, in sheet order.
    fn apply(&self, tag: &str, classes: &[&str], id: Option<&str>, ws: &mut Ws, hidden: &mut bool) {
        if self.rules.is_empty() {
            return;
        }
        let mut hits: Vec<usize> = self.other.clone();
        if let Some(v) = self.by_tag.get(tag) {
            hits.extend(v);
        }
        for c in classes.iter().take(32) {
            if let Some(v) = self.by_class.get(*c) {
                hits.extend(v);
            }
        }
        hits.sort_unstable();
        hits.dedup();
        for i in hits {
            let r = &self.rules[i];
            let matches = r.tag.as_deref().is_none_or(|t| t == tag)
                && r.classes.iter().all(|c| classes.contains(&c.as_str()))
                && r.id.as_deref().is_none_or(|x| Some(x) == id);
            if matches {
                if let Some(w) = r.ws {
                    *ws = w;
                }
                if r.none {
                    *hidden = true;
                }
            }
        }
    }
}

fn strip_css_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("/*") {
        out.push_str(&rest[..p]);
        match rest[p + 2..].find("*/") {
            Some(e) => rest = &rest[p + 2 + e + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The last compound of a selector (`table td.x` → tag `td`, class `x`), if it is made of a
/// tag, classes and an id only.
fn compound(selector: &str, ws: Option<Ws>, none: bool) -> Option<Rule> {
    let last = selector
        .split(|c: char| c.is_whitespace() || matches!(c, '>' | '+' | '~'))
        .rfind(|p| !p.is_empty())?;
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut rule = Rule {
        tag: None,
        classes: Vec::new(),
        id: None,
        ws,
        none,
    };
    let tag_end = last.find(['.', '#']).unwrap_or(last.len());
    let tag = &last[..tag_end];
    if tag != "*" && !tag.is_empty() {
        if !tag.chars().all(name_char) {
            return None;
        }
        rule.tag = Some(tag.to_ascii_lowercase());
    }
    let mut rest = &last[tag_end..];
    while let Some(kind) = rest.chars().next() {
        let body = &rest[1..];
        let end = body.find(['.', '#']).unwrap_or(body.len());
        let name = &body[..end];
        if name.is_empty() || !name.chars().all(name_char) {
            return None;
        }
        if kind == '.' {
            rule.classes.push(name.to_string());
        } else {
            rule.id = Some(name.to_string());
        }
        rest = &body[end..];
    }
    Some(rule)
}

// ---------------------------------------------------------------------------------------------
// Tables

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    Head,
    Body,
    Foot,
}

/// A cell that spans rows: the columns it covers in the rows below.
#[derive(Clone, Copy, Debug)]
struct VSpan {
    col: usize,
    width: usize,
    /// Rows below the current one it still covers (`usize::MAX`: to the end of its group).
    left: usize,
}

#[derive(Debug)]
struct CellState {
    text: Inline,
    col: usize,
    width: usize,
    rowspan: usize,
    hidden: bool,
    /// Open elements before the cell's own.
    base: usize,
}

#[derive(Debug, Default)]
struct RowState {
    cells: Vec<RawCell>,
    spans: Vec<VSpan>,
    /// The next free column, and the first span from above not yet passed.
    x: usize,
    k: usize,
    hidden: bool,
    base: usize,
}

#[derive(Debug)]
struct TableState {
    hidden: bool,
    base: usize,
    rows: Vec<(usize, Group, RawRow)>,
    group: Option<(usize, Group)>,
    groups: usize,
    /// Spans from earlier rows of the group, by column.
    active: Vec<VSpan>,
    row: Option<RowState>,
    cell: Option<CellState>,
    caption: Option<(Inline, usize)>,
    /// Text in the table but outside its cells: a browser shows it before the table.
    foster: Inline,
    before: Vec<Block>,
    /// Tables nested in its cells, read after it.
    after: Vec<Block>,
}

impl TableState {
    fn new(hidden: bool, base: usize) -> TableState {
        TableState {
            hidden,
            base,
            rows: Vec::new(),
            group: None,
            groups: 0,
            active: Vec::new(),
            row: None,
            cell: None,
            caption: None,
            foster: Inline::default(),
            before: Vec::new(),
            after: Vec::new(),
        }
    }
}

/// The column a new cell of `want` columns starts at, past the spans from rows above, and
/// the width it gets (it stops short of a span further right rather than overlap it).
fn place(active: &[VSpan], row: &mut RowState, want: usize) -> (usize, usize) {
    let mut x = row.x;
    loop {
        while row.k < active.len() && active[row.k].col + active[row.k].width <= x {
            row.k += 1;
        }
        match active.get(row.k) {
            Some(s) if s.col <= x => {
                x = s.col + s.width;
                row.k += 1;
            }
            _ => break,
        }
    }
    let width = match active.get(row.k) {
        Some(s) => want.min(s.col - x).max(1),
        None => want,
    };
    row.x = x + width;
    (x, width)
}

/// HTML's rules for parsing non-negative integers (`"3"`, `" 3px"`); `None` when invalid.
fn non_negative(s: &str) -> Option<usize> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
    let s = s.strip_prefix('+').unwrap_or(s);
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    Some(s[..digits].bytes().fold(0usize, |n, d| {
        n.saturating_mul(10).saturating_add((d - b'0') as usize)
    }))
}

// ---------------------------------------------------------------------------------------------
// The page

#[derive(Debug)]
struct Elem {
    name: Box<[u8]>,
    ws: Ws,
    hidden: bool,
    /// An end tag looks no further down than this element (table, cell, caption …).
    boundary: bool,
    /// Open `<p>` elements above the previous boundary, restored when this one closes.
    saved_p: usize,
}

enum Raw {
    /// Text not shown (`<script>`, `<title>` …), until the end tag of this name.
    Hidden(Vec<u8>),
    Style(String),
}

struct Parser {
    blocks: Vec<Block>,
    prose: Inline,
    tables: Vec<TableState>,
    stack: Vec<Elem>,
    /// `<p>` elements open since the last boundary.
    open_p: usize,
    css: Css,
    raw: Option<Raw>,
    /// A newline right after `<pre>`/`<textarea>`/`<listing>` is not shown.
    skip_newline: bool,
    cells: usize,
}

#[rustfmt::skip]
const VOID: &[&[u8]] = &[
    b"area", b"base", b"basefont", b"bgsound", b"br", b"col", b"embed", b"frame", b"hr", b"image",
    b"img", b"input", b"keygen", b"link", b"meta", b"param", b"source", b"track", b"wbr",
];

/// Block elements: their edges break lines (and a start tag closes an open `<p>`).
#[rustfmt::skip]
const BLOCK: &[&[u8]] = &[
    b"address", b"article", b"aside", b"blockquote", b"body", b"center", b"dd", b"details",
    b"dialog", b"dir", b"div", b"dl", b"dt", b"fieldset", b"figcaption", b"figure", b"footer",
    b"form", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"header", b"hgroup", b"hr", b"html",
    b"legend", b"li", b"listing", b"main", b"menu", b"nav", b"ol", b"p", b"plaintext", b"pre",
    b"search", b"section", b"summary", b"ul", b"xmp",
];

/// Further elements an inline end tag does not reach past (the standard's "special").
#[rustfmt::skip]
const SPECIAL: &[&[u8]] = &[
    b"applet", b"button", b"caption", b"colgroup", b"frameset", b"head", b"iframe", b"marquee",
    b"noembed", b"noframes", b"noscript", b"object", b"script", b"select", b"style", b"table",
    b"tbody", b"td", b"template", b"textarea", b"tfoot", b"th", b"thead", b"title", b"tr",
];

fn is_void(n: &[u8]) -> bool {
    VOID.contains(&n)
}

fn is_block(n: &[u8]) -> bool {
    BLOCK.contains(&n)
}

fn is_special(n: &[u8]) -> bool {
    is_block(n) || is_void(n) || SPECIAL.contains(&n)
}

fn is_boundary(n: &[u8]) -> bool {
    matches!(
        n,
        b"table" | b"td" | b"th" | b"caption" | b"template" | b"object" | b"marquee" | b"applet"
    )
}

type Attrs =
    std::collections::BTreeMap<html5gum::HtmlString, html5gum::Spanned<html5gum::HtmlString, ()>>;

fn attr<'a>(attrs: &'a Attrs, name: &str) -> Option<Cow<'a, str>> {
    attrs
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value))
}

fn depth_error() -> ReadError {
    ReadError::new(format!(
        "网页中的表格嵌套超过 {MAX_TABLE_DEPTH} 层：文件可能已损坏，或不是预算公开文件"
    ))
}

fn cells_error() -> ReadError {
    ReadError::new(format!(
        "网页中的表格单元格超过 {} 个的上限：这不像是一份预算公开文件",
        crate::limits::MAX_CELLS
    ))
}

/// Parse decoded HTML into blocks.
fn parse(text: &str) -> Result<Vec<Block>, ReadError> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut p = Parser {
        blocks: Vec::new(),
        prose: Inline::default(),
        tables: Vec::new(),
        stack: Vec::new(),
        open_p: 0,
        css: Css::default(),
        raw: None,
        skip_newline: false,
        cells: 0,
    };
    for token in Tokenizer::new_with_emitter(text, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => p.start(&tag.name, &tag.attributes)?,
            Token::EndTag(tag) => p.end(&tag.name)?,
            Token::String(s) => p.text(&String::from_utf8_lossy(&s.value)),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    while !p.tables.is_empty() {
        p.close_table()?;
    }
    p.flush_prose();
    Ok(p.blocks)
}

impl Parser {
    fn ws(&self) -> Ws {
        self.stack.last().map_or(Ws::Normal, |e| e.ws)
    }

    fn hidden(&self) -> bool {
        self.stack.last().is_some_and(|e| e.hidden) || self.tables.last().is_some_and(|t| t.hidden)
    }

    /// The text the current position writes into.
    fn inline(&mut self) -> Option<&mut Inline> {
        match self.tables.last_mut() {
            None => Some(&mut self.prose),
            Some(t) => {
                if let Some((c, _)) = t.caption.as_mut() {
                    Some(c)
                } else if let Some(c) = t.cell.as_mut() {
                    (!c.hidden).then_some(&mut c.text)
                } else {
                    Some(&mut t.foster)
                }
            }
        }
    }

    fn in_foster(&self) -> bool {
        self.tables
            .last()
            .is_some_and(|t| t.caption.is_none() && t.cell.is_none())
    }

    fn text(&mut self, s: &str) {
        match &mut self.raw {
            Some(Raw::Style(sheet)) => {
                if sheet.len() < 1 << 20 {
                    sheet.push_str(s);
                }
                return;
            }
            Some(Raw::Hidden(_)) => return,
            None => {}
        }
        let s = if std::mem::take(&mut self.skip_newline) {
            s.strip_prefix('\n').unwrap_or(s)
        } else {
            s
        };
        if self.hidden() {
            return;
        }
        // Only text that is not white space leaves the table (white space between rows
        // and cells is not shown).
        if self.in_foster() && s.chars().all(|c| c.is_ascii_whitespace()) {
            return;
        }
        let ws = self.ws();
        if let Some(inline) = self.inline() {
            inline.text(s, ws);
        }
    }

    fn brk(&mut self, hard: bool) {
        if self.hidden() {
            return;
        }
        if let Some(inline) = self.inline() {
            if hard {
                inline.hard_break();
            } else {
                inline.soft_break();
            }
        }
    }

    fn flush_prose(&mut self) {
        for line in self.prose.take() {
            if !line.trim().is_empty() {
                self.blocks.push(Block::Prose(line));
            }
        }
    }

    /// Push an open element with its computed `white-space` and visibility.
    fn push(&mut self, name: &[u8], attrs: &Attrs) {
        let boundary = is_boundary(name);
        if self.stack.len() >= MAX_ELEMENT_DEPTH && !boundary && !matches!(name, b"tr") {
            return;
        }
        let mut ws = match name {
            b"pre" | b"listing" | b"xmp" | b"textarea" | b"plaintext" => Ws::Pre,
            _ => self.ws(),
        };
        let mut hidden = self.stack.last().is_some_and(|e| e.hidden)
            || attrs.contains_key(b"hidden".as_slice())
            || matches!(name, b"template" | b"noframes" | b"select" | b"datalist");
        if !self.css.rules.is_empty() {
            let tag = String::from_utf8_lossy(name);
            let class = attr(attrs, "class");
            let classes: Vec<&str> = class
                .as_deref()
                .map(|c| c.split_ascii_whitespace().collect())
                .unwrap_or_default();
            let id = attr(attrs, "id");
            self.css
                .apply(&tag, &classes, id.as_deref(), &mut ws, &mut hidden);
        }
        if let Some(style) = attr(attrs, "style") {
            let (w, none) = declarations(&style);
            if let Some(w) = w {
                ws = w;
            }
            hidden |= none;
        }
        let saved_p = if boundary {
            std::mem::take(&mut self.open_p)
        } else {
            if name == b"p" {
                self.open_p += 1;
            }
            0
        };
        self.stack.push(Elem {
            name: name.into(),
            ws,
            hidden,
            boundary,
            saved_p,
        });
    }

    fn pop(&mut self) {
        if let Some(e) = self.stack.pop() {
            if e.boundary {
                self.open_p = e.saved_p;
            } else if &*e.name == b"p" {
                self.open_p = self.open_p.saturating_sub(1);
            }
        }
    }

    fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            self.pop();
        }
    }

    /// Pop open elements down to and including the nearest `name` within reach; false when
    /// there is none.
    fn pop_to(&mut self, name: &[u8]) -> bool {
        let special = is_special(name);
        let mut found = None;
        for (k, e) in self.stack.iter().enumerate().rev().take(END_TAG_REACH) {
            if &*e.name == name {
                found = Some(k);
                break;
            }
            if e.boundary || (!special && is_special(&e.name)) {
                break;
            }
        }
        match found {
            Some(k) => {
                self.truncate(k);
                true
            }
            None => false,
        }
    }

    fn close_p(&mut self) {
        if self.open_p > 0 {
            self.pop_to(b"p");
        }
    }

    fn start(&mut self, name: &[u8], attrs: &Attrs) -> Result<(), ReadError> {
        self.skip_newline = false;
        if self.raw.is_some() {
            return Ok(());
        }
        match name {
            b"script" | b"title" | b"noscript" | b"iframe" | b"noembed" | b"noframe" => {
                self.raw = Some(Raw::Hidden(name.to_vec()));
                return Ok(());
            }
            b"style" => {
                self.raw = Some(Raw::Style(String::new()));
                return Ok(());
            }
            _ => {}
        }
        let in_table = !self.tables.is_empty();
        match name {
            b"table" => self.open_table(attrs)?,
            b"caption" if in_table => {
                self.close_caption();
                self.close_row()?;
                self.end_group();
                let t = self.tables.last().expect("in a table");
                let base = t.base + 1;
                self.truncate(base);
                self.push(name, attrs);
                let t = self.tables.last_mut().expect("in a table");
                t.caption = Some((Inline::default(), base));
            }
            b"thead" | b"tbody" | b"tfoot" if in_table => {
                self.close_caption();
                self.close_row()?;
                self.end_group();
                let base = self.tables.last().expect("in a table").base + 1;
                self.truncate(base);
                let kind = match name {
                    b"thead" => Group::Head,
                    b"tfoot" => Group::Foot,
                    _ => Group::Body,
                };
                self.begin_group(kind);
            }
            b"tr" if in_table => {
                self.close_caption();
                self.close_row()?;
                self.open_row(attrs);
            }
            b"td" | b"th" if in_table => {
                self.close_caption();
                self.close_cell()?;
                if self.tables.last().is_some_and(|t| t.row.is_none()) {
                    self.open_row(&Attrs::new());
                }
                self.open_cell(name, attrs);
            }
            b"caption" | b"thead" | b"tbody" | b"tfoot" | b"tr" | b"td" | b"th" | b"colgroup"
            | b"col" => {}
            b"br" => self.brk(true),
            _ => {
                let block = is_block(name);
                if block {
                    self.brk(false);
                    self.close_p();
                }
                if !is_void(name) {
                    self.push(name, attrs);
                    if matches!(name, b"pre" | b"listing" | b"textarea") {
                        self.skip_newline = true;
                    }
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, name: &[u8]) -> Result<(), ReadError> {
        self.skip_newline = false;
        match &self.raw {
            Some(Raw::Hidden(n)) => {
                if **n == *name {
                    self.raw = None;
                }
                return Ok(());
            }
            Some(Raw::Style(_)) => {
                if name == b"style"
                    && let Some(Raw::Style(sheet)) = self.raw.take()
                {
                    self.css.add_sheet(&sheet);
                }
                return Ok(());
            }
            None => {}
        }
        let in_table = !self.tables.is_empty();
        match name {
            b"table" if in_table => self.close_table()?,
            b"caption" if in_table => self.close_caption(),
            b"thead" | b"tbody" | b"tfoot" if in_table => {
                self.close_caption();
                self.close_row()?;
                self.end_group();
            }
            b"tr" if in_table => {
                self.close_caption();
                self.close_row()?;
            }
            b"td" | b"th" if in_table => self.close_cell()?,
            b"br" => self.brk(true),
            b"body" | b"html" => {}
            _ => {
                if is_block(name) {
                    self.brk(false);
                }
                self.pop_to(name);
            }
        }
        Ok(())
    }

    fn open_table(&mut self, attrs: &Attrs) -> Result<(), ReadError> {
        // `<table>` where no cell is open ends the open table (it cannot nest there).
        if self.in_foster() || self.tables.last().is_some_and(|t| t.caption.is_some()) {
            self.close_table()?;
        }
        if self.tables.len() >= MAX_TABLE_DEPTH {
            return Err(depth_error());
        }
        self.brk(false);
        self.close_p();
        if self.tables.is_empty() {
            self.flush_prose();
        }
        let base = self.stack.len();
        self.push(b"table", attrs);
        let hidden = self.hidden();
        self.tables.push(TableState::new(hidden, base));
        Ok(())
    }

    fn begin_group(&mut self, kind: Group) {
        let t = self.tables.last_mut().expect("in a table");
        t.active.clear();
        t.group = Some((t.groups, kind));
        t.groups += 1;
    }

    fn end_group(&mut self) {
        let t = self.tables.last_mut().expect("in a table");
        t.active.clear();
        t.group = None;
    }

    fn close_caption(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if let Some((mut text, base)) = t.caption.take() {
            for line in text.take() {
                if !line.trim().is_empty() {
                    t.before.push(Block::Prose(line));
                }
            }
            self.truncate(base);
        }
    }

    fn open_row(&mut self, attrs: &Attrs) {
        let t = self.tables.last().expect("in a table");
        let base = t.base + 1;
        let needs_group = t.group.is_none();
        self.truncate(base);
        if needs_group {
            self.begin_group(Group::Body);
        }
        self.push(b"tr", attrs);
        let hidden = self.hidden();
        let t = self.tables.last_mut().expect("in a table");
        t.row = Some(RowState {
            hidden,
            base,
            ..RowState::default()
        });
    }

    fn open_cell(&mut self, name: &[u8], attrs: &Attrs) {
        let row_base = self
            .tables
            .last()
            .and_then(|t| t.row.as_ref())
            .map(|r| r.base + 1)
            .unwrap_or(self.stack.len());
        self.truncate(row_base);
        let base = self.stack.len();
        self.push(name, attrs);
        let hidden = self.hidden();
        let colspan = attr(attrs, "colspan")
            .and_then(|s| non_negative(&s))
            .unwrap_or(1)
            .clamp(1, MAX_SPAN);
        let rowspan = match attr(attrs, "rowspan").and_then(|s| non_negative(&s)) {
            None => 1,
            Some(0) => usize::MAX,
            Some(n) => n.min(MAX_SPAN),
        };
        let t = self.tables.last_mut().expect("in a table");
        let row = t.row.as_mut().expect("a row is open");
        let (col, width) = if hidden {
            (0, 0)
        } else {
            place(&t.active, row, colspan)
        };
        t.cell = Some(CellState {
            text: Inline::default(),
            col,
            width,
            rowspan,
            hidden,
            base,
        });
    }

    fn count(&mut self, n: usize) -> Result<(), ReadError> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > crate::limits::MAX_CELLS {
            return Err(cells_error());
        }
        Ok(())
    }

    fn close_cell(&mut self) -> Result<(), ReadError> {
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(mut cell) = t.cell.take() else {
            return Ok(());
        };
        let base = cell.base;
        if !cell.hidden {
            let row = t.row.as_mut().expect("a cell is in a row");
            row.cells.push(RawCell {
                paragraphs: cell.text.take(),
                col: cell.col,
                width: cell.width,
                continued: false,
            });
            if cell.rowspan > 1 {
                row.spans.push(VSpan {
                    col: cell.col,
                    width: cell.width,
                    left: cell.rowspan.saturating_sub(1),
                });
            }
            self.count(1)?;
        }
        self.truncate(base);
        Ok(())
    }

    fn close_row(&mut self) -> Result<(), ReadError> {
        self.close_cell()?;
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(row) = t.row.take() else {
            return Ok(());
        };
        let base = row.base;
        if !row.hidden {
            let continued: Vec<RawCell> = t
                .active
                .iter()
                .map(|s| RawCell {
                    paragraphs: Vec::new(),
                    col: s.col,
                    width: s.width,
                    continued: true,
                })
                .collect();
            let n = continued.len();
            let mut cells = Vec::with_capacity(row.cells.len() + n);
            let mut own = row.cells.into_iter().peekable();
            let mut cont = continued.into_iter().peekable();
            loop {
                let take_own = match (own.peek(), cont.peek()) {
                    (Some(a), Some(b)) => a.col <= b.col,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                cells.extend(if take_own { own.next() } else { cont.next() });
            }
            t.active.retain_mut(|s| {
                if s.left != usize::MAX {
                    s.left -= 1;
                }
                s.left > 0
            });
            t.active.extend(row.spans);
            t.active.sort_unstable_by_key(|s| s.col);
            if !cells.is_empty() {
                let (id, kind) = t.group.unwrap_or((usize::MAX, Group::Body));
                t.rows.push((
                    id,
                    kind,
                    RawRow {
                        cells,
                        number: 0,
                        page: None,
                    },
                ));
            }
            self.count(n)?;
        }
        self.truncate(base);
        Ok(())
    }

    fn close_table(&mut self) -> Result<(), ReadError> {
        self.close_caption();
        self.close_row()?;
        let Some(mut t) = self.tables.pop() else {
            return Ok(());
        };
        self.truncate(t.base);
        let mut out: Vec<Block> = Vec::new();
        if !t.hidden {
            out.append(&mut t.before);
            for line in t.foster.take() {
                if !line.trim().is_empty() {
                    out.push(Block::Prose(line));
                }
            }
            // The first <thead> is shown first and the first <tfoot> last.
            let first = |g: Group| t.rows.iter().find(|r| r.1 == g).map(|r| r.0);
            let (head, foot) = (first(Group::Head), first(Group::Foot));
            let mut rows: Vec<RawRow> = Vec::with_capacity(t.rows.len());
            let mut tail: Vec<RawRow> = Vec::new();
            let mut body: Vec<RawRow> = Vec::new();
            for (id, _, row) in t.rows {
                if Some(id) == head {
                    rows.push(row);
                } else if Some(id) == foot {
                    tail.push(row);
                } else {
                    body.push(row);
                }
            }
            rows.append(&mut body);
            rows.append(&mut tail);
            for (k, row) in rows.iter_mut().enumerate() {
                row.number = k + 1;
            }
            if !rows.is_empty() {
                out.push(Block::Table(RawTable { rows, sheet: None }));
            }
            out.append(&mut t.after);
        }
        match self.tables.last_mut() {
            Some(parent) => parent.after.append(&mut out),
            None => self.blocks.append(&mut out),
        }
        // A table is a block: what follows starts a new line.
        self.brk(false);
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// MHT

mod mht {
    use encoding_rs::Encoding;

    use super::ReadError;

    /// The bytes of the HTML part and the charset it names.
    pub(super) type Part = (Vec<u8>, Option<&'static Encoding>);

    /// The header block at the start of `s` (unfolded, names lower-cased) and the offset of
    /// the body, when `s` starts with MIME headers.
    fn headers(s: &[u8]) -> Option<(Vec<(String, String)>, usize)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut at = 0;
        loop {
            let end = s[at..].iter().position(|&b| b == b'\n').map(|p| at + p);
            let line_end = end.unwrap_or(s.len());
            let line = &s[at..line_end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let next = end.map_or(s.len(), |e| e + 1);
            if line.is_empty() {
                return Some((out, next));
            }
            if matches!(line[0], b' ' | b'\t') {
                let (_, v) = out.last_mut()?;
                v.push(' ');
                v.push_str(String::from_utf8_lossy(line).trim());
            } else {
                let colon = line.iter().position(|&b| b == b':')?;
                let name = &line[..colon];
                if name.is_empty()
                    || !name
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                {
                    return None;
                }
                out.push((
                    String::from_utf8_lossy(name).to_ascii_lowercase(),
                    String::from_utf8_lossy(&line[colon + 1..])
                        .trim()
                        .to_string(),
                ));
            }
            if end.is_none() || out.len() > 200 {
                return Some((out, s.len()));
            }
            at = next;
        }
    }

    fn get<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
        h.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// A parameter of a header value (`boundary="…"`, `charset=gbk`).
    fn param(value: &str, name: &str) -> Option<String> {
        for part in value.split(';').skip(1) {
            let Some((n, v)) = part.split_once('=') else {
                continue;
            };
            if n.trim().eq_ignore_ascii_case(name) {
                return Some(v.trim().trim_matches('"').to_string());
            }
        }
        None
    }

    fn media_type(h: &[(String, String)]) -> String {
        get(h, "content-type")
            .unwrap_or("text/plain")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }

    /// The HTML of an MHT archive and the charset its part names; `None` when the bytes do
    /// not start with MIME headers (an ordinary web page).
    pub(super) fn html_part(bytes: &[u8]) -> Option<Result<Part, ReadError>> {
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let (top, body_at) = headers(head)?;
        let mime = get(&top, "mime-version").is_some()
            || get(&top, "content-type").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.starts_with("multipart/") || c.starts_with("text/html")
            });
        if !mime {
            return None;
        }
        Some(part_of(bytes, &top, body_at))
    }

    fn part_of(bytes: &[u8], top: &[(String, String)], body_at: usize) -> Result<Part, ReadError> {
        let kind = media_type(top);
        if kind == "text/html" {
            return decoded(top, &bytes[body_at..]);
        }
        if !kind.starts_with("multipart/") {
            return Err(ReadError::new(format!(
                "不是有效的 .mht 文件：内容类型是 {kind}，不是网页"
            )));
        }
        let boundary = get(top, "content-type")
            .and_then(|c| param(c, "boundary"))
            .filter(|b| !b.is_empty())
            .ok_or_else(|| {
                ReadError::new("不是有效的 .mht 文件：多部分内容缺少分隔符（boundary）")
            })?;
        let delim = format!("--{boundary}");
        let body = &bytes[body_at..];
        let mut html: Vec<&[u8]> = Vec::new();
        let mut starts: Vec<usize> = Vec::new();
        let mut at = 0;
        while let Some(p) = super::find(body, at, delim.as_bytes()) {
            // A delimiter stands at the start of a line.
            if p == 0 || body[p - 1] == b'\n' {
                starts.push(p);
            }
            at = p + delim.len();
        }
        // A part runs to the next delimiter (or, in a truncated file, to the end).
        starts.push(body.len());
        for w in starts.windows(2) {
            let Some(part) = body.get(w[0] + delim.len()..w[1]) else {
                break;
            };
            if part.starts_with(b"--") {
                break;
            }
            let part = skip_line(part);
            let Some((h, _)) = headers(part) else {
                continue;
            };
            let kind = media_type(&h);
            if kind == "text/html" {
                html.push(part);
            } else if kind.starts_with("multipart/") {
                return Err(ReadError::new(
                    "暂不支持这种 .mht 文件：其中嵌套了多部分内容（只读取只含一个网页的 .mht）",
                ));
            }
        }
        match html.len() {
            0 => Err(ReadError::new(
                "不是有效的 .mht 文件：其中没有网页（text/html）部分，或文件已截断",
            )),
            1 => {
                let (h, at) = headers(html[0]).expect("parsed above");
                decoded(&h, &html[0][at..])
            }
            n => Err(ReadError::new(format!(
                "暂不支持这种 .mht 文件：其中有 {n} 个网页部分（如 Excel 另存的多工作表网页）；请另存为 .xlsx 或 .html"
            ))),
        }
    }

    /// The rest of the delimiter line.
    fn skip_line(s: &[u8]) -> &[u8] {
        match s.iter().position(|&b| b == b'\n') {
            Some(p) => &s[p + 1..],
            None => &[],
        }
    }

    fn decoded(h: &[(String, String)], body: &[u8]) -> Result<Part, ReadError> {
        let charset = get(h, "content-type")
            .and_then(|c| param(c, "charset"))
            .and_then(|c| Encoding::for_label(c.as_bytes()));
        let cte = get(h, "content-transfer-encoding")
            .unwrap_or("7bit")
            .trim()
            .to_ascii_lowercase();
        let bytes = match cte.as_str() {
            "quoted-printable" => quoted_printable(body),
            "base64" => base64(body)?,
            "7bit" | "8bit" | "binary" => body.to_vec(),
            other => {
                return Err(ReadError::new(format!(
                    "暂不支持这种 .mht 文件：网页部分的传输编码是 {other}"
                )));
            }
        };
        Ok((bytes, charset))
    }

    pub(super) fn quoted_printable(s: &[u8]) -> Vec<u8> {
        let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            let b = s[i];
            if b == b'=' {
                if s[i + 1..].starts_with(b"\r\n") {
                    i += 3;
                    continue;
                }
                if s[i + 1..].starts_with(b"\n") {
                    i += 2;
                    continue;
                }
                if let (Some(h), Some(l)) = (
                    s.get(i + 1).copied().and_then(hex),
                    s.get(i + 2).copied().and_then(hex),
                ) {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
            }
            out.push(b);
            i += 1;
        }
        out
    }

    pub(super) fn base64(s: &[u8]) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::with_capacity(s.len() / 4 * 3);
        let mut acc = 0u32;
        let mut bits = 0;
        for &b in s {
            let v = match b {
                b'A'..=b'Z' => b - b'A',
                b'a'..=b'z' => b - b'a' + 26,
                b'0'..=b'9' => b - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                b'=' => break,
                b' ' | b'\t' | b'\r' | b'\n' => continue,
                _ => {
                    return Err(ReadError::new(
                        "不是有效的 .mht 文件：网页部分的 base64 编码已损坏",
                    ));
                }
            };
            acc = acc << 6 | v as u32;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each table as lines of cells: `text@col+width`, `^` for a continued cell.
    fn dump(blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            match b {
                Block::Prose(p) => out.push_str(&format!("P {p}\n")),
                Block::Table(t) => {
                    out.push_str("T\n");
                    for r in &t.rows {
                        out.push_str(&format!("{}:", r.number));
                        for c in &r.cells {
                            let text = if c.continued {
                                "^".to_string()
                            } else {
                                c.paragraphs.join("/")
                            };
                            let w = if c.width == 1 {
                                String::new()
                            } else {
                                format!("+{}", c.width)
                            };
                            out.push_str(&format!(" [{}]{}{}", text, c.col, w));
                        }
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    #[test]
    fn show() {
        let bytes = std::fs::read("fixtures/formats/mid-term.html").unwrap();
        let (b, e) = blocks(&bytes).unwrap();
        println!("{e}\n{}", dump(&b));
    }
}
