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
//! Encoding: a BOM; else UTF-8 when the bytes are valid UTF-8 beyond ASCII (whatever a stale
//! `<meta>` says); else the charset of the MHT part or of `<meta charset>` /
//! `<meta http-equiv content="…charset=…">` (gbk, gb2312, gb18030, big5 … through
//! encoding_rs); else GB18030, as [`crate::source::decode`] does. Bytes that are none of these,
//! NUL bytes and files of other formats (zip, PDF, OLE, RTF) get a clear error.
//!
//! Bounds: [`crate::limits::MAX_CELLS`] cells (continued cells count), [`MAX_TABLE_DEPTH`]
//! nested tables, [`MAX_LINES`] paragraphs, spans capped at [`MAX_SPAN`]; only the
//! attributes read are kept; no recursion.

use std::borrow::Cow;

use encoding_rs::Encoding;
use html5gum::Tokenizer;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use rustc_hash::FxHashMap;

use super::ReadError;
use super::render::{Block, RawCell, RawRow, RawTable};

/// The deepest nesting of tables accepted (a real page nests two or three).
pub const MAX_TABLE_DEPTH: usize = 32;
/// The most columns a `colspan` and the most rows a `rowspan` covers.
pub const MAX_SPAN: usize = 1000;
/// Lines (paragraphs of cells and prose) in one page.
pub const MAX_LINES: usize = 2 * crate::limits::MAX_CELLS;
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

/// Decode the page: a BOM decides; else bytes that are valid UTF-8 (beyond ASCII) are UTF-8
/// whatever the page declares (a page re-saved by an editor keeps its old `<meta>`); else the
/// transport charset (`hint`, from an MHT part) or the `<meta>` declaration (looked for in
/// the first 64 KiB: a browser also honours a late one by parsing again); else GB18030.
/// Binary data is refused.
fn decode(
    bytes: &[u8],
    hint: Option<&'static Encoding>,
) -> Result<(String, &'static str), ReadError> {
    let (text, name) = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        (text.into_owned(), enc.name())
    } else {
        let declared = hint.or_else(|| prescan(&bytes[..bytes.len().min(64 * 1024)]));
        match (std::str::from_utf8(bytes), declared) {
            (Ok(s), None) => (s.to_string(), "UTF-8"),
            (Ok(s), Some(_)) if !s.is_ascii() => (s.to_string(), "UTF-8"),
            (Ok(_), Some(enc)) | (Err(_), Some(enc)) if enc != encoding_rs::UTF_8 => {
                let (text, _) = enc.decode_without_bom_handling(bytes);
                (text.into_owned(), display_name(enc))
            }
            (Ok(s), Some(_)) => (s.to_string(), "UTF-8"),
            (Err(utf8), declared) => match gb18030(bytes) {
                // Declared UTF-8 (or nothing) but saved in the local code page.
                Ok(text) => (text, "GB18030"),
                Err(_) if declared.is_some() => {
                    (String::from_utf8_lossy(bytes).into_owned(), "UTF-8")
                }
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

/// The encoding a `<meta>` element declares (a simplified form of the WHATWG prescan:
/// comments are skipped, attributes read with or without quotes).
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
    /// Lay out `s`. Each line begun takes one from `left`; at 0 the rest is dropped (the
    /// caller reports the limit).
    fn text(&mut self, s: &str, ws: Ws, left: &mut usize) {
        for c in s.chars() {
            if *left == 0 {
                return;
            }
            match c {
                ' ' | '\t' | '\n' | '\r' | '\x0c' => match ws {
                    Ws::Normal => self.space = true,
                    Ws::PreLine if c == '\n' => self.hard_break(left),
                    Ws::PreLine => self.space = true,
                    Ws::Pre if c == '\n' => self.hard_break(left),
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
    fn hard_break(&mut self, left: &mut usize) {
        if *left == 0 {
            return;
        }
        *left -= 1;
        self.lines.push(std::mem::take(&mut self.cur));
        self.space = false;
    }

    /// The edge of a block element: the line ends unless it is empty.
    fn soft_break(&mut self, left: &mut usize) {
        if !self.cur.is_empty() && *left > 0 {
            *left -= 1;
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
    /// Lines (paragraphs) that may still begin, of [`MAX_LINES`].
    lines_left: usize,
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

/// The attributes the reader looks at (the others are dropped as they are read, so a tag
/// with a million attributes costs no memory).
#[derive(Default, Debug)]
struct Attrs {
    colspan: Option<String>,
    rowspan: Option<String>,
    style: Option<String>,
    class: Option<String>,
    id: Option<String>,
    hidden: bool,
}

impl Attrs {
    /// The field an attribute name goes into, with the name as a static key.
    fn slot(&mut self, name: &[u8]) -> Option<(&'static [u8], &mut Option<String>)> {
        Some(match name {
            b"colspan" => (b"colspan", &mut self.colspan),
            b"rowspan" => (b"rowspan", &mut self.rowspan),
            b"style" => (b"style", &mut self.style),
            b"class" => (b"class", &mut self.class),
            b"id" => (b"id", &mut self.id),
            _ => return None,
        })
    }
}

/// What the tokenizer hands the parser.
enum Tok {
    Start(Vec<u8>, Attrs),
    End(Vec<u8>),
    Text(String),
}

/// Tokens from html5gum's events, keeping only the attributes in [`Attrs`].
fn tokens(text: &str) -> impl Iterator<Item = Tok> + '_ {
    let mut open: Option<(Vec<u8>, Attrs)> = None;
    // The attribute being read, when it is one to keep (and not a repeat).
    let mut keep: Option<&'static [u8]> = None;
    let mut emitter =
        CallbackEmitter::new(move |event: CallbackEvent<'_>, _: html5gum::Span<()>| {
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    open = Some((name.to_ascii_lowercase(), Attrs::default()));
                    keep = None;
                }
                CallbackEvent::AttributeName { name } => {
                    keep = None;
                    if let Some((_, attrs)) = open.as_mut() {
                        if name == b"hidden" {
                            attrs.hidden = true;
                        } else if let Some((key, slot)) = attrs.slot(name)
                            && slot.is_none()
                        {
                            *slot = Some(String::new());
                            keep = Some(key);
                        }
                    }
                }
                CallbackEvent::AttributeValue { value } => {
                    if let (Some(key), Some((_, attrs))) = (keep, open.as_mut())
                        && let Some((_, Some(slot))) = attrs.slot(key)
                    {
                        slot.push_str(&String::from_utf8_lossy(value));
                    }
                }
                CallbackEvent::CloseStartTag { .. } => {
                    keep = None;
                    if let Some((name, attrs)) = open.take() {
                        return Some(Tok::Start(name, attrs));
                    }
                }
                CallbackEvent::EndTag { name } => {
                    open = None;
                    keep = None;
                    return Some(Tok::End(name.to_ascii_lowercase()));
                }
                CallbackEvent::String { value } => {
                    return Some(Tok::Text(String::from_utf8_lossy(value).into_owned()));
                }
                CallbackEvent::Comment { .. }
                | CallbackEvent::Doctype { .. }
                | CallbackEvent::Error(_) => {}
            }
            None
        });
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(text, emitter).map(|t| match t {
        Ok(t) => t,
    })
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
        lines_left: MAX_LINES,
    };
    for token in tokens(text) {
        match token {
            Tok::Start(name, attrs) => p.start(&name, &attrs)?,
            Tok::End(name) => p.end(&name)?,
            Tok::Text(s) => p.text(&s)?,
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
    fn target<'a>(tables: &'a mut [TableState], prose: &'a mut Inline) -> Option<&'a mut Inline> {
        match tables.last_mut() {
            None => Some(prose),
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

    fn text(&mut self, s: &str) -> Result<(), ReadError> {
        match &mut self.raw {
            Some(Raw::Style(sheet)) => {
                if sheet.len() < 1 << 20 {
                    sheet.push_str(s);
                }
                return Ok(());
            }
            Some(Raw::Hidden(_)) => return Ok(()),
            None => {}
        }
        let s = if std::mem::take(&mut self.skip_newline) {
            s.strip_prefix('\n').unwrap_or(s)
        } else {
            s
        };
        if self.hidden() {
            return Ok(());
        }
        // Only text that is not white space leaves the table (white space between rows
        // and cells is not shown).
        if self.in_foster() && s.chars().all(|c| c.is_ascii_whitespace()) {
            return Ok(());
        }
        let ws = self.ws();
        if let Some(inline) = Self::target(&mut self.tables, &mut self.prose) {
            inline.text(s, ws, &mut self.lines_left);
        }
        self.check_lines()
    }

    fn brk(&mut self, hard: bool) -> Result<(), ReadError> {
        if self.hidden() {
            return Ok(());
        }
        if let Some(inline) = Self::target(&mut self.tables, &mut self.prose) {
            if hard {
                inline.hard_break(&mut self.lines_left);
            } else {
                inline.soft_break(&mut self.lines_left);
            }
        }
        self.check_lines()
    }

    fn check_lines(&self) -> Result<(), ReadError> {
        if self.lines_left == 0 {
            return Err(ReadError::new(format!(
                "网页中的文字超过 {MAX_LINES} 行（段落）的上限：这不像是一份预算公开文件"
            )));
        }
        Ok(())
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
            || attrs.hidden
            || matches!(name, b"template" | b"noframes" | b"select" | b"datalist");
        if !self.css.rules.is_empty() {
            let tag = String::from_utf8_lossy(name);
            let classes: Vec<&str> = attrs
                .class
                .as_deref()
                .map(|c| c.split_ascii_whitespace().collect())
                .unwrap_or_default();
            self.css
                .apply(&tag, &classes, attrs.id.as_deref(), &mut ws, &mut hidden);
        }
        if let Some(style) = &attrs.style {
            let (w, none) = declarations(style);
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
                    self.open_row(&Attrs::default());
                }
                self.open_cell(name, attrs);
            }
            b"caption" | b"thead" | b"tbody" | b"tfoot" | b"tr" | b"td" | b"th" | b"colgroup"
            | b"col" => {}
            b"br" => self.brk(true)?,
            _ => {
                let block = is_block(name);
                if block {
                    self.brk(false)?;
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
            b"br" => self.brk(true)?,
            b"body" | b"html" => {}
            _ => {
                if is_block(name) {
                    self.brk(false)?;
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
        self.brk(false)?;
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
        let colspan = attrs
            .colspan
            .as_deref()
            .and_then(non_negative)
            .unwrap_or(1)
            .clamp(1, MAX_SPAN);
        let rowspan = match attrs.rowspan.as_deref().and_then(non_negative) {
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
        self.brk(false)?;
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

    fn read(html: &str) -> Vec<Block> {
        blocks(html.as_bytes()).unwrap().0
    }

    fn d(html: &str) -> String {
        dump(&read(html))
    }

    fn cells(html: &str) -> Vec<Vec<String>> {
        let b = read(html);
        let Some(Block::Table(t)) = b.iter().find(|b| matches!(b, Block::Table(_))) else {
            panic!("no table in {b:?}");
        };
        t.rows[0]
            .cells
            .iter()
            .map(|c| c.paragraphs.clone())
            .collect()
    }

    // --- Tables ------------------------------------------------------------------------------

    #[test]
    fn rowspan_gives_continued_cells_and_shifts_later_cells() {
        let html = "<table>
            <tr><td rowspan=2>A</td><td colspan=2>B</td><td rowspan=3>C</td></tr>
            <tr><td>D</td><td>E</td></tr>
            <tr><td>F</td><td>G</td></tr>
        </table>";
        assert_eq!(
            d(html),
            "T\n1: [A]0 [B]1+2 [C]3\n2: [^]0 [D]1 [E]2 [^]3\n3: [F]0 [G]1 [^]3\n"
        );
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(
            d("<table><tr><td>a<td>b<tr><th>c</table>after"),
            "T\n1: [a]0 [b]1\n2: [c]0\nP after\n"
        );
        // A cell without a row, a row without a group.
        assert_eq!(d("<table><td>x<td>y</table>"), "T\n1: [x]0 [y]1\n");
        // End tags of elements never opened are ignored.
        assert_eq!(
            d("<table><tr><td>a</span></div></p></td></tr></table>"),
            "T\n1: [a]0\n"
        );
    }

    #[test]
    fn unclosed_table_is_read_to_the_end() {
        assert_eq!(
            d("<p>标题<table><tr><td>一级指标<td>指标值<tr><td>产出"),
            "P 标题\nT\n1: [一级指标]0 [指标值]1\n2: [产出]0\n"
        );
    }

    #[test]
    fn row_groups_order_and_end_row_spans() {
        let html = "<table>
            <tfoot><tr><td>foot</td></tr></tfoot>
            <tbody><tr><td rowspan=5>b</td><td>b2</td></tr></tbody>
            <thead><tr><td>head</td></tr></thead>
            <tbody><tr><td>c</td></tr></tbody>
        </table>";
        assert_eq!(
            d(html),
            "T\n1: [head]0\n2: [b]0 [b2]1\n3: [c]0\n4: [foot]0\n"
        );
        // rowspan=0: to the end of the group.
        assert_eq!(
            d("<table><tr><td rowspan=0>a<td>1<tr><td>2<tr><td>3<tbody><tr><td>x</table>"),
            "T\n1: [a]0 [1]1\n2: [^]0 [2]1\n3: [^]0 [3]1\n4: [x]0\n"
        );
    }

    #[test]
    fn overlapping_spans_do_not_overlap() {
        // Y would cover column 2, where X continues: it stops short of it.
        let html = "<table><tr><td>a<td>b<td rowspan=2>X<tr><td colspan=5>Y<td>Z</table>";
        assert_eq!(d(html), "T\n1: [a]0 [b]1 [X]2\n2: [Y]0+2 [^]2 [Z]3\n");
    }

    #[test]
    fn nested_tables_come_after_the_outer_one() {
        let html = "<table><tr><td>outer<table><tr><td>inner</td></tr></table>tail</td>
            <td>o2</td></tr></table><p>after</p>";
        assert_eq!(
            d(html),
            "T\n1: [outer/tail]0 [o2]1\nT\n1: [inner]0\nP after\n"
        );
        // <table> where no cell is open does not nest: it ends the open table.
        assert_eq!(
            d("<table><tr><td>a</td></tr><table><tr><td>b</td></tr></table>"),
            "T\n1: [a]0\nT\n1: [b]0\n"
        );
    }

    #[test]
    fn caption_and_stray_text_stand_before_the_table() {
        let html = "<p>某局</p><table><caption>项目支出绩效目标表</caption>
            <tr><td>a</td></tr><b>stray</b></table>";
        assert_eq!(
            d(html),
            "P 某局\nP 项目支出绩效目标表\nP stray\nT\n1: [a]0\n"
        );
    }

    #[test]
    fn hidden_cells_and_elements_are_not_shown() {
        assert_eq!(
            d("<table><tr><td>a<td style='display: none'>h<td>b</table>"),
            "T\n1: [a]0 [b]1\n"
        );
        assert_eq!(
            d(
                "<div hidden>x</div><span style=\"display:none\">y</span><p>z</p>\
               <template><table><td>t</table></template>"
            ),
            "P z\n"
        );
        assert_eq!(
            d("<style>.h { display: none } </style><p>a<span class='x h'>b</span>c</p>"),
            "P ac\n"
        );
    }

    // --- Text --------------------------------------------------------------------------------

    #[test]
    fn br_and_blocks_break_cells_into_paragraphs() {
        assert_eq!(
            cells("<table><tr><td>一<br>二<p>三</p><div>四</div>五<br></td><td>a<br><br>b</table>"),
            [vec!["一", "二", "三", "四", "五"], vec!["a", "", "b"],]
        );
        assert_eq!(
            cells("<table><tr><td><ul><li>甲<li>乙</ul><td></td><td>  </table>"),
            [vec!["甲", "乙"], vec![], vec![]]
        );
    }

    #[test]
    fn white_space_collapses_and_entities_decode() {
        assert_eq!(
            cells(
                "<table><tr><td>\n  养护  320\n  公里 </td><td><b>a</b> <i>b</i></td>\
                   <td>&nbsp;&nbsp;x&lt;y&amp;&#8805;90&ge;1&NotAnEntity;</td></table>"
            ),
            [
                vec!["养护 320 公里"],
                vec!["a b"],
                vec!["  x<y&≥90≥1&NotAnEntity;"]
            ]
        );
    }

    #[test]
    fn white_space_kept_where_css_or_pre_keeps_it() {
        let html = "<style>/* x */ @media print { td { white-space: normal } }
            table td { white-space: pre-wrap; }</style>
            <table><tr><td>  a  b  </td><td style='white-space:normal'> c  d </td></table>";
        assert_eq!(cells(html), [vec!["  a  b  "], vec!["c d"]]);
        assert_eq!(
            cells(
                "<table><tr><td style='white-space:pre'>x\ny\n</td><td style='white-space:pre-line'>p  q\nr</table>"
            ),
            [vec!["x", "y"], vec!["p q", "r"]]
        );
        assert_eq!(d("<pre>\nl1\n  l2</pre>"), "P l1\nP   l2\n");
    }

    #[test]
    fn scripts_styles_comments_and_title_are_not_text() {
        let html = "<html><head><title>标题</title><script>var s = '<table><td>x';</script>\
            <style>td{color:red}</style></head><body><p>a<!-- <table><td>c --><noscript>n</noscript>b</p>";
        assert_eq!(d(html), "P ab\n");
    }

    // --- Encodings ---------------------------------------------------------------------------

    fn gbk(s: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(s).0.into_owned()
    }

    #[test]
    fn encoding_from_meta_bom_or_guess() {
        let body = "<table><tr><td>项目名称</td></tr></table>";
        let page = |head: &str| gbk(&format!("<html><head>{head}</head><body>{body}"));
        let check = |bytes: &[u8], name: &str| {
            let (b, e) = blocks(bytes).unwrap();
            assert_eq!(e, name);
            assert_eq!(dump(&b), "T\n1: [项目名称]0\n");
        };
        check(&page("<meta charset=\"gbk\">"), "GBK");
        check(&page("<META charset=GB2312 >"), "GBK");
        check(
            &page(
                "<!-- <meta charset=utf-8> --><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
            ),
            "GBK",
        );
        check(&page(""), "GB18030");
        check(&page("<meta charset=\"utf-8\">"), "GB18030");
        check(&page("<meta charset=gb18030>"), "GB18030");
        // A late declaration still counts; valid UTF-8 wins over a stale one.
        let late = format!(
            "<meta name=x content=\"{}\"><meta charset=gbk>",
            "x".repeat(2000)
        );
        check(&page(&late), "GBK");
        let stale = format!("<meta charset=gb2312>{body}");
        check(stale.as_bytes(), "UTF-8");
        check(body.as_bytes(), "UTF-8");
        check(
            &[b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat(),
            "UTF-8",
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(body.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        check(&utf16, "UTF-16LE");
        let big5 = encoding_rs::BIG5.encode("<meta charset=big5>項目名稱").0;
        let (b, e) = blocks(&big5).unwrap();
        assert_eq!((e, b), ("Big5", vec![Block::Prose("項目名稱".into())]));
    }

    // --- MHT ---------------------------------------------------------------------------------

    #[test]
    fn mht_with_one_html_part() {
        let html = gbk(
            "<html><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\
                        <table><tr><td>项目名称</td><td>某项目</td></tr></table>",
        );
        let qp: String = html
            .iter()
            .map(|&b| {
                if b == b'=' || b >= 0x80 {
                    format!("={b:02X}")
                } else {
                    (b as char).to_string()
                }
            })
            .collect::<Vec<_>>()
            .chunks(20)
            .map(|c| c.concat())
            .collect::<Vec<_>>()
            .join("=\r\n");
        let mht = format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n\
             This document is a Single File Web Page.\r\n\r\n------=_NextPart_01\r\n\
             Content-Location: file:///C:/x.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n\
             Content-Type: text/html; charset=\"gb2312\"\r\n\r\n{qp}\r\n\r\n------=_NextPart_01\r\n\
             Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n\r\n\
             ------=_NextPart_01--\r\n"
        );
        let (b, e) = blocks(mht.as_bytes()).unwrap();
        assert_eq!(e, "GBK");
        assert_eq!(dump(&b), "T\n1: [项目名称]0 [某项目]1\n");

        // base64, and a single-part archive.
        let b64 = "PHRhYmxlPjx0cj48dGQ+YTwvdGQ+PC90cj48L3RhYmxlPg=="; // <table><tr><td>a</td></tr></table>
        let one = format!(
            "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{b64}\n"
        );
        assert_eq!(dump(&blocks(one.as_bytes()).unwrap().0), "T\n1: [a]0\n");

        // Several pages (Excel's sheets): refused, by name.
        let two = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"B\"\n\n\
                   --B\nContent-Type: text/html\n\n<p>1\n--B\nContent-Type: text/html\n\n<p>2\n--B--\n";
        let e = blocks(two.as_bytes()).unwrap_err();
        assert!(e.message.contains("2 个网页部分"), "{}", e.message);
        // Truncated before its page.
        let cut = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"B\"\n\n--B\nContent-Type: image/png\n";
        assert!(
            blocks(cut.as_bytes())
                .unwrap_err()
                .message
                .contains("没有网页")
        );
        assert_eq!(mht::quoted_printable(b"a=3D=\r\nb=ZZ="), b"a=b=ZZ=");
        assert!(mht::base64(b"QUJD!").is_err());
    }

    // --- Hostile input -----------------------------------------------------------------------

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn quick(bytes: &[u8]) -> Result<(Vec<Block>, &'static str), ReadError> {
        let t = std::time::Instant::now();
        let r = blocks(bytes);
        assert!(
            t.elapsed() < std::time::Duration::from_secs(10),
            "{:?} for {} bytes",
            t.elapsed(),
            bytes.len()
        );
        r
    }

    #[test]
    fn random_bytes_give_an_error_or_blocks() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut errors = 0;
        for _ in 0..300 {
            let n = rng.below(4096);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            if quick(&bytes).is_err() {
                errors += 1;
            }
        }
        assert!(errors > 250, "random bytes are mostly refused: {errors}");
        let e = blocks(&[0x00, 0xFF, 0xFE, 0x9C, 0x00]).unwrap_err();
        assert!(e.message.starts_with("不是有效的网页文件"), "{}", e.message);
    }

    #[test]
    fn random_tag_soup_never_panics() {
        const PIECES: &[&str] = &[
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<th colspan=3>",
            "<td rowspan=4>",
            "<td rowspan=0>",
            "<td colspan=999999999999>",
            "<thead>",
            "<tbody>",
            "</tbody>",
            "<tfoot>",
            "<caption>",
            "</caption>",
            "<br>",
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<pre>",
            "</pre>",
            "<script>",
            "</script>",
            "<style>td{white-space:pre}",
            "</style>",
            "<!--",
            "-->",
            "&nbsp;",
            "&#x10FFFF;",
            "&#0;",
            "文字",
            " \n ",
            "<td hidden>",
            "<span style='display:none'>",
            "</span>",
            "<template>",
            "</template>",
            "<li>",
            "<",
            ">",
            "\"",
            "<plaintext>",
            "<textarea>",
            "</textarea>",
        ];
        let mut rng = Rng(42);
        for _ in 0..400 {
            let n = rng.below(200);
            let s: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            let _ = quick(s.as_bytes());
        }
    }

    #[test]
    fn truncated_fixtures_never_panic() {
        for name in ["seed.html", "two-tables.html", "mid-term.html"] {
            let bytes = std::fs::read(format!("fixtures/formats/{name}")).unwrap();
            let step = (bytes.len() / 97).max(1);
            for end in (0..bytes.len()).step_by(step) {
                let _ = quick(&bytes[..end]);
            }
        }
    }

    #[test]
    fn deep_nesting_is_refused_and_siblings_are_fine() {
        let deep = "<table><tr><td>".repeat(100_000);
        let e = quick(deep.as_bytes()).unwrap_err();
        assert!(e.message.contains("嵌套超过 32 层"), "{}", e.message);
        // 32 levels are still read.
        let ok = "<table><tr><td>x".repeat(MAX_TABLE_DEPTH);
        assert_eq!(quick(ok.as_bytes()).unwrap().0.len(), MAX_TABLE_DEPTH);
        // <table><table>…: each ends the one before.
        let siblings = "<table>".repeat(100_000) + "<tr><td>x";
        assert_eq!(quick(siblings.as_bytes()).unwrap().0.len(), 1);
        // Deep ordinary elements and stray end tags.
        let divs = "<div><span>".repeat(50_000) + "x" + &"</i></div>".repeat(50_000);
        assert_eq!(
            quick(divs.as_bytes()).unwrap().0,
            vec![Block::Prose("x".into())]
        );
        let reach = "<table><tr><td>".to_string() + &"<b>".repeat(1000) + &"</div>".repeat(100_000);
        assert!(quick(reach.as_bytes()).is_ok());
    }

    #[test]
    fn huge_spans_are_capped() {
        let html = "<table><tr><td colspan=1000000 rowspan=1000000>x<td>y\
                    <tr><td>z<tr><td colspan=-3 rowspan=abc>w</table>";
        assert_eq!(
            d(html),
            "T\n1: [x]0+1000 [y]1000\n2: [^]0+1000 [z]1000\n3: [^]0+1000 [w]1000\n"
        );
    }

    #[test]
    fn only_the_first_of_repeated_attributes_counts() {
        assert_eq!(
            d("<table><tr><td class='' colspan=2 colspan=5 rowspan='' style>a<td>b</table>"),
            "T\n1: [a]0+2 [b]2\n"
        );
        // A million attributes cost nothing: they are not kept.
        let many: String = (0..1_000_000).map(|i| format!(" a{i}")).collect();
        let html = format!("<table><tr><td{many} colspan=3>x</table>");
        assert_eq!(dump(&quick(html.as_bytes()).unwrap().0), "T\n1: [x]0+3\n");
    }

    #[test]
    fn too_many_lines_is_an_error() {
        for html in [
            "<p>".to_string() + &"<br>".repeat(MAX_LINES + 1),
            "<table><tr><td><pre>".to_string() + &"\n".repeat(MAX_LINES + 1),
        ] {
            let e = quick(html.as_bytes()).unwrap_err();
            assert!(e.message.contains("行（段落）的上限"), "{}", e.message);
        }
    }

    #[test]
    fn too_many_cells_is_an_error() {
        let many = "<table><tr>".to_string() + &"<td>".repeat(crate::limits::MAX_CELLS + 1);
        let e = quick(many.as_bytes()).unwrap_err();
        assert!(e.message.contains("单元格超过"), "{}", e.message);
        // Row spans multiply cells: 1000 × 1000 continued cells.
        let spans =
            "<table><tr>".to_string() + &"<td rowspan=1000>".repeat(1000) + &"<tr>".repeat(999);
        assert!(
            quick(spans.as_bytes())
                .unwrap_err()
                .message
                .contains("单元格超过")
        );
    }

    #[test]
    fn other_formats_are_named() {
        for (bytes, what) in [
            (b"PK\x03\x04rest".as_slice(), "ZIP"),
            (b"%PDF-1.7", "PDF"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "Office 97"),
        ] {
            let e = blocks(bytes).unwrap_err();
            assert!(e.message.contains(what), "{}", e.message);
        }
        assert!(blocks(b"").unwrap().0.is_empty());
    }

    // --- Fixtures and their twins ------------------------------------------------------------

    use crate::model::{Document, Format};
    use crate::source::SourceFile;

    fn html_doc(name: &str) -> (Document, Vec<crate::grid::Table>) {
        let bytes = std::fs::read(format!("fixtures/formats/{name}")).unwrap();
        let (b, enc) = blocks(&bytes).unwrap();
        let (_, tables) = super::super::render::render(&b, name, enc);
        let doc = super::super::read(&bytes, name, Some(Format::Html))
            .unwrap()
            .doc;
        (doc, tables)
    }

    fn twin(path: &str) -> Document {
        let text = std::fs::read_to_string(path).unwrap();
        super::super::yaml::read(&SourceFile::new(path, text)).unwrap()
    }

    fn text(f: &Option<crate::model::Field>) -> String {
        f.as_ref().map(|f| f.text.clone()).unwrap_or_default()
    }

    /// level1, level2, level3, description, value of every indicator.
    fn indicators(doc: &Document) -> Vec<[String; 5]> {
        doc.projects
            .iter()
            .flat_map(|p| &p.indicators)
            .map(|i| {
                [
                    text(&i.level1),
                    text(&i.level2),
                    text(&i.level3),
                    text(&i.description),
                    text(&i.value),
                ]
            })
            .collect()
    }

    fn names(doc: &Document) -> Vec<String> {
        doc.projects
            .iter()
            .map(|p| text(&p.name))
            .filter(|n| !n.is_empty())
            .collect()
    }

    #[test]
    fn seed_html_gives_the_seed_projects() {
        let (doc, tables) = html_doc("seed.html");
        let want = twin("fixtures/seed.yaml");
        assert_eq!(doc.projects.len(), want.projects.len());
        assert_eq!(names(&doc), names(&want));
        for (p, q) in doc.projects.iter().zip(&want.projects) {
            let one = |d: &Project| {
                indicators(&Document {
                    projects: vec![d.clone()],
                    ..Document::default()
                })
            };
            assert_eq!(one(p), one(q), "{}", text(&p.name));
            assert_eq!(text(&p.code), text(&q.code));
            assert_eq!(text(&p.budget.total), text(&q.budget.total));
            let goals = |p: &Project| {
                p.goals
                    .as_ref()
                    .map(|g| g.lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>())
            };
            assert_eq!(goals(p), goals(q));
        }
        // The same cells, row for row, as the text reader sees in seed.txt.
        let bytes = std::fs::read("fixtures/seed.txt").unwrap();
        let (t, _) = crate::source::decode(&bytes).unwrap();
        let seed = crate::read::text::grid(&SourceFile::new("seed.txt", t)).unwrap();
        let texts = |ts: &[crate::grid::Table]| -> Vec<Vec<Vec<String>>> {
            ts.iter()
                .map(|t| {
                    t.rows
                        .iter()
                        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
                        .collect()
                })
                .collect()
        };
        assert_eq!(texts(&tables), texts(&seed));
        // Prose keeps no trailing spaces (the page has no `white-space` rule for <p>).
        let titles = |ts: &[crate::grid::Table]| -> Vec<String> {
            ts.iter()
                .map(|t| text(&t.title).trim_end().to_string())
                .collect()
        };
        assert_eq!(titles(&tables), titles(&seed));
    }

    use crate::model::Project;

    #[test]
    fn two_tables_gbk_reads_both_tables_of_each_project() {
        let bytes = std::fs::read("fixtures/formats/two-tables.html").unwrap();
        let (b, enc) = blocks(&bytes).unwrap();
        assert_eq!(enc, "GBK");
        let out = dump(&b);
        assert!(out.starts_with(
            "P 当前位置：首页 > 政务公开 > 财政预决算 > 部门预算\n\
             P 桐溪县农业农村局2024年度项目支出绩效目标公开\n"
        ));
        assert!(out.contains(
            "P 一、高标准农田建设后期管护项目\nT\n1: [项目名称]0 [高标准农田建设后期管护]1+3\n"
        ));
        assert!(out.contains("3: [项目资金（万元）]0 [年度资金总额]1 [86.00]2+2\n4: [^]0 [其中：财政资金]1 [86.00]2+2\n"));
        assert!(out.contains("8: [绩效目标]0 [对全县已建成的3.2万亩高标准农田设施开展日常管护，/确保灌排设施完好率达到90%以上，农田持续发挥效益。]1+3\n"));
        assert!(out.contains(
            "P 项目绩效指标：\nT\n1: [一级指标]0 [二级指标]1 [指标名称]2 [指标值]3 [度量单位]4\n"
        ));
        assert!(out.contains("3: [^]0 [^]1 [维修灌排渠道长度]2 [≥15]3 [公里]4\n"));
        assert_eq!(b.iter().filter(|b| matches!(b, Block::Table(_))).count(), 4);

        // Every indicator and every name of the twin, in order. (The recogniser does not
        // yet join a header-block table to the indicator table after it: it gives four
        // projects, names on two and indicators on the other two.)
        let (doc, _) = html_doc("two-tables.html");
        let want = twin("fixtures/formats/two-tables.yaml");
        assert_eq!(names(&doc), names(&want));
        assert_eq!(indicators(&doc), indicators(&want));
    }

    #[test]
    fn mid_term_reads_year_values_and_the_name_row() {
        let (doc, tables) = html_doc("mid-term.html");
        let want = twin("fixtures/formats/mid-term.yaml");
        assert_eq!(indicators(&doc), indicators(&want));
        // The name is in the grid; the recogniser loses it because the 项目编码 row after
        // it starts a new project.
        assert_eq!(
            tables[0].rows[0].cells[1].text,
            text(&want.projects[0].name)
        );
    }
}
