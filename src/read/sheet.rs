//! Spreadsheets: .xlsx/.xlsm, .xls and .ods, read through calamine. Each visible worksheet
//! becomes one [`RawTable`] (in sheet order) whose rows are the sheet's non-empty rows, numbered
//! as the sheet numbers them, with cells in the sheet's columns (A = 0). Merged ranges become one
//! cell with its width, and one `continued` cell in each row below its top row.
//!
//! What calamine does not give is read here from the file itself: the number formats of .xls
//! cells (percentages, from the BIFF records) and the merged ranges and displayed percentages of
//! .ods cells (from `content.xml`). The same passes bound what calamine would allocate: calamine
//! builds a dense grid of every .xls and .ods sheet's used area, so a sheet whose used area is
//! huge is refused before calamine sees it. .xlsx cells are streamed, never made dense.
//!
//! Before a zip (.xlsx, .ods) reaches calamine: at most [`MAX_ZIP_ENTRIES`] entries and
//! [`MAX_ZIP_BYTES`] declared uncompressed bytes in all; the zip crate stops any entry that
//! inflates past its declared size, so a bomb is refused before inflation.

mod ods;
mod xls;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetType, SheetVisible, Xlsx};

use super::ReadError;
use super::render::{Block, RawCell, RawRow, RawTable};
use crate::model::Format;

/// Most entries in a zip container.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Most uncompressed bytes (as declared) of all entries of a zip container together.
pub const MAX_ZIP_BYTES: u64 = 200 * 1024 * 1024;
/// Most cells of the grids calamine builds for .xls and .ods: every sheet's used area as a dense
/// grid of values (32 bytes a cell) and one of formulas (24 bytes), each counted here.
pub const MAX_DENSE_CELLS: u64 = 5_000_000;
/// Most merged ranges in one sheet.
pub const MAX_MERGES: usize = 200_000;

/// Wider gaps between the cells of a row become one empty cell.
const MAX_GAP_CELLS: usize = 16;

/// Excel's limits.
const MAX_ROW: u32 = 1_048_575;
const MAX_COL: u32 = 16_383;

/// The tables of a spreadsheet, one per visible worksheet, in sheet order. `format` is the one
/// the extension names; the content decides how it is read (an .xls saved as .xlsx is read as
/// .xls), and a file of another kind is named in the error.
pub fn blocks(bytes: &[u8], format: Format) -> Result<Vec<Block>, ReadError> {
    let ext = format.as_str();
    let sheets = match sniff(bytes) {
        Container::Zip => {
            let zip = zip_guard(bytes, ext)?;
            if zip.xlsx {
                read_xlsx(bytes, ext)?
            } else if zip.ods {
                ods::read(bytes, ext)?
            } else if let Some(other) = zip.other {
                return Err(ReadError::new(format!(
                    "不是有效的 .{ext} 文件：这是{other}，不是电子表格"
                )));
            } else if zip.xlsb {
                return Err(ReadError::new(format!(
                    "不是有效的 .{ext} 文件：这是 Excel 二进制工作簿（.xlsb），暂不支持：请另存为 .xlsx"
                )));
            } else {
                return Err(ReadError::new(format!(
                    "不是有效的 .{ext} 文件（压缩包里没有工作簿：没有 xl/workbook.xml 或 content.xml）"
                )));
            }
        }
        Container::Ole => xls::read(bytes, ext)?,
        Container::Html => {
            return Err(ReadError::new(format!(
                "不是有效的 .{ext} 文件：这是网页（HTML）文件，请改用 .html 扩展名"
            )));
        }
        Container::Empty => {
            return Err(ReadError::new(format!(
                "不是有效的 .{ext} 文件（文件为空）"
            )));
        }
        Container::Other => {
            return Err(ReadError::new(format!(
                "不是有效的 .{ext} 文件（既不是压缩包也不是 Office 文档：文件已损坏，或并不是电子表格）"
            )));
        }
    };
    layout(sheets)
}

#[derive(Debug, PartialEq)]
enum Container {
    Zip,
    Ole,
    Html,
    Empty,
    Other,
}

fn sniff(bytes: &[u8]) -> Container {
    if bytes.is_empty() {
        return Container::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Container::Zip;
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Container::Ole;
    }
    if is_web_page(bytes) {
        return Container::Html;
    }
    Container::Other
}

/// A web page (HTML, or a single-file .mht) under a spreadsheet's name, as budget systems export
/// their tables: after a byte-order mark and white space it starts with markup and has an
/// `<html>` or `<table>` (or it starts with the MIME header of an .mht). UTF-16 pages too.
pub fn is_web_page(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let text = if let Some(rest) = head.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = head.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        String::from_utf8_lossy(head).into_owned()
    };
    let lower = text.to_ascii_lowercase();
    let head = lower.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with('<')
        && (head.contains("<html") || head.contains("<table") || head.contains("<!doctype html")))
        || head.starts_with("mime-version:")
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// What a zip container holds, after its size was checked.
struct ZipKind {
    xlsx: bool,
    xlsb: bool,
    ods: bool,
    /// Another kind of document, named.
    other: Option<&'static str>,
}

/// Check a zip container before anything inflates it: a readable central directory, at most
/// [`MAX_ZIP_ENTRIES`] entries and [`MAX_ZIP_BYTES`] declared uncompressed bytes.
fn zip_guard(bytes: &[u8], ext: &str) -> Result<ZipKind, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        let mut err = ReadError::new(format!(
            "不是有效的 .{ext} 文件（压缩包已损坏或不完整，可能是下载或复制时被截断）"
        ));
        err.detail = Some(e.to_string());
        err
    })?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(ReadError::new(format!(
            "不是有效的 .{ext} 文件（压缩包里有 {} 个文件，超过了 {MAX_ZIP_ENTRIES} 个的上限）",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    let mut has_rels = false;
    let mut kind = ZipKind {
        xlsx: false,
        xlsb: false,
        ods: false,
        other: None,
    };
    let mut mimetype = false;
    for i in 0..zip.len() {
        let Some(meta) = zip.by_index_raw(i).ok() else {
            continue;
        };
        total = total.saturating_add(meta.size());
        let name = meta
            .name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            "xl/workbook.xml" => kind.xlsx = true,
            "xl/workbook.bin" => kind.xlsb = true,
            "content.xml" => kind.ods = true,
            "word/document.xml" => kind.other = Some(" Word 文档（.docx）"),
            "ppt/presentation.xml" => kind.other = Some(" PowerPoint 演示文稿（.pptx）"),
            "mimetype" => mimetype = true,
            "_rels/.rels" => has_rels = true,
            _ => {}
        }
    }
    if total > MAX_ZIP_BYTES {
        return Err(ReadError::new(format!(
            "不是有效的 .{ext} 文件（压缩包解压后有 {:.0} MiB，超过了 {} MiB 的上限：可能是“压缩炸弹”）",
            total as f64 / 1024.0 / 1024.0,
            MAX_ZIP_BYTES / 1024 / 1024
        )));
    }
    if mimetype && kind.ods {
        // An OpenDocument file names its kind in its first entry.
        let mut m = Vec::new();
        if let Ok(f) = zip.by_name("mimetype") {
            let _ = std::io::Read::read_to_end(&mut std::io::Read::take(f, 100), &mut m);
        }
        let m = String::from_utf8_lossy(&m);
        if m.contains("opendocument.text") {
            kind.other = Some(" OpenDocument 文本文档（.odt）");
        } else if m.contains("opendocument.presentation") {
            kind.other = Some(" OpenDocument 演示文稿（.odp）");
        }
    }
    if kind.xlsx || kind.xlsb || kind.other.is_some() {
        kind.ods = false;
    } else if !kind.ods && has_rels {
        // A workbook part under another name: calamine finds it through _rels/.rels.
        kind.xlsx = true;
    }
    Ok(kind)
}

/// One worksheet as read: its non-empty cells and merged ranges.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    pub name: String,
    /// (row, column, text), 0-based, text not empty.
    pub cells: Vec<(u32, u32, String)>,
    pub merges: Vec<Rect>,
}

/// A merged range, inclusive, 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rect {
    pub r0: u32,
    pub c0: u32,
    pub r1: u32,
    pub c1: u32,
}

impl Rect {
    /// A merged range from two corners in any order, clipped to the sheet; `None` for a single
    /// cell.
    pub fn new(a: (u32, u32), b: (u32, u32)) -> Option<Rect> {
        let r = Rect {
            r0: a.0.min(b.0).min(MAX_ROW),
            c0: a.1.min(b.1).min(MAX_COL),
            r1: a.0.max(b.0).min(MAX_ROW),
            c1: a.1.max(b.1).min(MAX_COL),
        };
        (r.r0 != r.r1 || r.c0 != r.c1).then_some(r)
    }
}

/// A parser's error as a reader error: what is wrong in Chinese (`what` unless the parser's own
/// message, kept in `detail`, says more).
fn damaged(ext: &str, what: &str, e: impl std::fmt::Display) -> ReadError {
    let detail = e.to_string();
    let m = detail.to_ascii_lowercase();
    let what = if m.contains("checksum") {
        "压缩包内容校验失败：文件已损坏"
    } else if m.contains("declared uncompressed size") {
        "压缩包里的内容比它声明的大小还大：文件已损坏或被恶意构造"
    } else if m.contains("file not found") || m.contains("not found in archive") {
        "压缩包里缺少工作簿的组成部分：文件不完整，或不是电子表格"
    } else if m.contains("zip error") || m.contains("deflate") || m.contains("i/o error") {
        "压缩数据已损坏"
    } else if m.contains("xml") || m.contains("unexpected end") || m.contains("expecting") {
        "表格内容（XML）已损坏或不完整"
    } else {
        what
    };
    let mut err = ReadError::new(format!("不是有效的 .{ext} 文件（{what}）"));
    err.detail = Some(detail);
    err
}

fn password(ext: &str) -> ReadError {
    ReadError::new(format!(
        "无法读取 .{ext} 文件：文件有密码保护（已加密），请去掉密码后再检查"
    ))
}

/// Run a calamine call, turning a panic inside it into an error (calamine indexes its input
/// without checks in places; the readers' own checks come first, this is the last line).
pub(crate) fn guarded<T>(
    ext: &str,
    f: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(damaged(ext, "文件结构已损坏", detail))
        }
    }
}

fn read_xlsx(bytes: &[u8], ext: &str) -> Result<Vec<Sheet>, ReadError> {
    guarded(ext, || {
        let xerr = |e: calamine::XlsxError| match e {
            calamine::XlsxError::Password => password(ext),
            e => damaged(ext, "内容已损坏", e),
        };
        let mut wb: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(xerr)?;
        let metas: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
        let mut sheets = Vec::new();
        let mut budget = crate::limits::MAX_CELLS;
        for meta in metas {
            if meta.typ != SheetType::WorkSheet || meta.visible != SheetVisible::Visible {
                continue;
            }
            let merges = wb.merge_cells_by_sheet_name(&meta.name).map_err(xerr)?;
            if merges.len() > MAX_MERGES {
                return Err(too_many_merges(&meta.name));
            }
            let merges = merges
                .iter()
                .filter_map(|d| Rect::new(d.start, d.end))
                .collect();
            let mut reader = wb.worksheet_cells_reader(&meta.name).map_err(xerr)?;
            // The number format of each style: percentages are shown as the sheet shows them.
            let percent: Vec<Option<usize>> = reader
                .styles()
                .iter()
                .map(|s| {
                    s.number_format
                        .as_ref()
                        .and_then(|f| percent_decimals(&f.format_code))
                })
                .collect();
            let mut cells = Vec::new();
            while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(xerr)? {
                let (row, col) = cell.get_position();
                let pct = percent.get(style).copied().flatten();
                let text = ref_text(cell.get_value(), pct);
                keep_cell(
                    &mut cells,
                    &mut budget,
                    (row.min(MAX_ROW), col.min(MAX_COL)),
                    text,
                )?;
            }
            sheets.push(Sheet {
                name: meta.name,
                cells,
                merges,
            });
        }
        Ok(sheets)
    })
}

/// Keeps a cell's text (an empty one is no cell), counting it against the run's `budget` of
/// cells: what every spreadsheet reader does with each cell it reads.
pub(crate) fn keep_cell(
    cells: &mut Vec<(u32, u32, String)>,
    budget: &mut usize,
    (row, col): (u32, u32),
    text: String,
) -> Result<(), ReadError> {
    if text.is_empty() {
        return Ok(());
    }
    if *budget == 0 {
        return Err(too_many_cells());
    }
    *budget -= 1;
    cells.push((row, col, text));
    Ok(())
}

pub(crate) fn too_many_cells() -> ReadError {
    ReadError::new(format!(
        "表格单元格超过 {} 个的上限：这不像是一份预算公开文件",
        crate::limits::MAX_CELLS
    ))
}

pub(crate) fn too_many_merges(sheet: &str) -> ReadError {
    ReadError::new(format!(
        "工作表“{sheet}”的合并单元格超过 {MAX_MERGES} 个的上限：这不像是一份预算公开文件"
    ))
}

pub(crate) fn too_dense(ext: &str, cells: u64) -> ReadError {
    ReadError::new(format!(
        "无法读取 .{ext} 文件：工作表的已用区域共约 {cells} 个单元格，超过了 {MAX_DENSE_CELLS} 个的上限（可能有很远处的零星单元格，或文件被恶意构造）"
    ))
}

// ---------------------------------------------------------------------------------------------
// Cell text

/// The text of a cell as the sheet shows it. `percent`: the decimals of the cell's percentage
/// number format, if it has one.
fn ref_text(v: &DataRef<'_>, percent: Option<usize>) -> String {
    match v {
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::String(s) => s.clone(),
        DataRef::Int(i) => number_text(*i as f64, percent),
        DataRef::Float(f) => number_text(*f, percent),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(d) => datetime_text(d),
        DataRef::DateTimeIso(s) => iso_datetime_text(s),
        DataRef::DurationIso(s) => iso_duration_text(s),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// [`ref_text`] for an owned value.
pub(crate) fn data_text(v: &Data, percent: Option<usize>) -> String {
    match v {
        Data::String(s) => s.clone(),
        Data::Int(i) => number_text(*i as f64, percent),
        Data::Float(f) => number_text(*f, percent),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(d) => datetime_text(d),
        Data::DateTimeIso(s) => iso_datetime_text(s),
        Data::DurationIso(s) => iso_duration_text(s),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

fn number_text(v: f64, percent: Option<usize>) -> String {
    match percent {
        Some(d) => percent_text(v, d),
        None => shortest(v),
    }
}

/// A number rounded to 15 significant digits (Excel's precision): its sign, its digits without
/// trailing zeros (empty for zero) and the position of the decimal point among them
/// (value = 0.d1d2… × 10^point).
fn decimal(v: f64) -> (bool, Vec<u8>, i32) {
    let s = format!("{:.14e}", v.abs());
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    (v < 0.0 && !digits.is_empty(), digits, exp + 1)
}

/// Digits with the decimal point at `point`, at least `min_frac` digits after it.
fn place(digits: &[u8], point: i32, min_frac: usize) -> String {
    let mut out = String::new();
    let mut frac: Vec<u8> = if point <= 0 {
        out.push('0');
        let mut f = vec![b'0'; (-point) as usize];
        f.extend_from_slice(digits);
        f
    } else {
        let p = point as usize;
        for k in 0..p {
            out.push(*digits.get(k).unwrap_or(&b'0') as char);
        }
        digits.get(p..).unwrap_or(&[]).to_vec()
    };
    while frac.len() < min_frac {
        frac.push(b'0');
    }
    if !frac.is_empty() {
        out.push('.');
        out.extend(frac.iter().map(|&b| b as char));
    }
    out
}

/// The shortest decimal of a number (15 significant digits): `120.5`, `25`, `0.3` (for
/// 0.30000000000000004); scientific notation beyond 10^21 and below 10^-9, as Excel does.
pub(crate) fn shortest(v: f64) -> String {
    if !v.is_finite() {
        return "#NUM!".into();
    }
    let (neg, digits, point) = decimal(v);
    if digits.is_empty() {
        return "0".into();
    }
    let sign = if neg { "-" } else { "" };
    if !(-8..=21).contains(&point) {
        let mut m = String::new();
        m.push(digits[0] as char);
        if digits.len() > 1 {
            m.push('.');
            m.extend(digits[1..].iter().map(|&b| b as char));
        }
        let e = point - 1;
        return format!("{sign}{m}E{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    format!("{sign}{}", place(&digits, point, 0))
}

/// A number under a percentage format with `decimals` decimals, as Excel shows it: ×100,
/// rounded half away from zero, `%` appended (0.955 with `0%` → `96%`).
pub(crate) fn percent_text(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return shortest(v);
    }
    let decimals = decimals.min(30);
    let (neg, mut digits, point) = decimal(v);
    let mut point = point + 2;
    // Keep `point + decimals` digits, rounding on the next one.
    let keep = point + decimals as i32;
    if keep < 0 {
        digits.clear();
    } else if (keep as usize) < digits.len() {
        let up = digits[keep as usize] >= b'5';
        digits.truncate(keep as usize);
        if up {
            let mut k = digits.len();
            loop {
                if k == 0 {
                    digits.insert(0, b'1');
                    point += 1;
                    break;
                }
                k -= 1;
                if digits[k] == b'9' {
                    digits[k] = b'0';
                } else {
                    digits[k] += 1;
                    break;
                }
            }
        }
    }
    let zero = digits.iter().all(|&d| d == b'0');
    let body = if zero {
        place(&[], 1, decimals)
    } else {
        place(&digits, point, decimals)
    };
    let sign = if neg && !zero { "-" } else { "" };
    format!("{sign}{body}%")
}

/// The decimals of a percentage number format (its first section), or `None` when the format
/// does not show a percentage (`0%` → 0, `0.00%` → 2, `#,##0.0%;[Red]-0.0%` → 1).
pub(crate) fn percent_decimals(code: &str) -> Option<usize> {
    let mut chars = code.chars();
    let mut percent = false;
    let mut after_point = false;
    let mut decimals = 0;
    let mut in_quote = false;
    while let Some(c) = chars.next() {
        if in_quote {
            if c == '"' {
                in_quote = false;
            }
            continue;
        }
        match c {
            '"' => in_quote = true,
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            ';' => break,
            '%' => percent = true,
            '.' => after_point = true,
            '0' | '#' | '?' if after_point => decimals += 1,
            _ if after_point => after_point = false,
            _ => {}
        }
    }
    percent.then_some(decimals)
}

/// A date as YYYY-MM-DD, with the time when it has one; a time alone as HH:MM:SS; a duration
/// as [h]:mm:ss.
fn datetime_text(d: &calamine::ExcelDateTime) -> String {
    let v = d.as_f64();
    if !v.is_finite() {
        return shortest(v);
    }
    if d.is_duration() {
        let secs = (v * 86_400.0).round();
        let neg = secs < 0.0;
        let s = secs.abs().min(1e15) as u64;
        return format!(
            "{}{}:{:02}:{:02}",
            if neg { "-" } else { "" },
            s / 3600,
            s / 60 % 60,
            s % 60
        );
    }
    if !(0.0..2_958_466.0).contains(&v) {
        return shortest(v);
    }
    let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
    let has_time = h != 0 || mi != 0 || s != 0 || ms != 0;
    if v < 1.0 && y < 1904 {
        return format!("{h:02}:{mi:02}:{s:02}");
    }
    if has_time {
        format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
    } else {
        format!("{y:04}-{mo:02}-{da:02}")
    }
}

/// An ISO date-time of an .ods cell (`2024-03-01`, `2024-03-01T10:30:00`) as
/// `2024-03-01` / `2024-03-01 10:30:00`.
fn iso_datetime_text(s: &str) -> String {
    let s = s.trim();
    match s.split_once('T') {
        Some((d, t)) => {
            let t = t.split('.').next().unwrap_or(t);
            if t.trim_start_matches(['0', ':']).is_empty() {
                d.to_string()
            } else {
                format!("{d} {t}")
            }
        }
        None => s.to_string(),
    }
}

/// An ISO duration of an .ods cell (`PT10H30M00S`) as `10:30:00`; anything else as written.
fn iso_duration_text(s: &str) -> String {
    let t = s.trim();
    let Some(body) = t.strip_prefix("PT").or_else(|| t.strip_prefix("-PT")) else {
        return t.to_string();
    };
    let mut h = 0u64;
    let mut m = 0u64;
    let mut sec = 0f64;
    let mut num = String::new();
    for c in body.chars() {
        match c {
            'H' => h = num.parse().unwrap_or(0),
            'M' => m = num.parse().unwrap_or(0),
            'S' => sec = num.parse().unwrap_or(0.0),
            c => {
                num.push(c);
                continue;
            }
        }
        num.clear();
    }
    let sign = if t.starts_with('-') { "-" } else { "" };
    format!("{sign}{h}:{m:02}:{:02}", sec.round() as u64)
}

// ---------------------------------------------------------------------------------------------
// Layout: sheets → tables

/// Drop merged ranges that overlap one already kept (in row, then column order), so that the
/// ranges crossing any row are disjoint.
fn disjoint(mut merges: Vec<Rect>) -> Vec<Rect> {
    merges.sort_by_key(|m| (m.r0, m.c0, m.r1, m.c1));
    merges.dedup();
    // Kept ranges by first column; all pairwise disjoint in columns (expired ones removed
    // lazily when met).
    let mut active: BTreeMap<u32, Rect> = BTreeMap::new();
    let mut kept = Vec::with_capacity(merges.len());
    for m in merges {
        loop {
            let Some((&c0, &prev)) = active.range(..=m.c1).next_back() else {
                active.insert(m.c0, m);
                kept.push(m);
                break;
            };
            if prev.r1 < m.r0 {
                active.remove(&c0);
                continue;
            }
            if prev.c1 >= m.c0 {
                break; // overlaps a kept range
            }
            active.insert(m.c0, m);
            kept.push(m);
            break;
        }
    }
    kept
}

/// A cell of a laid-out row: columns `c0..=c1`.
#[derive(Debug)]
struct Item {
    c0: u32,
    c1: u32,
    text: String,
    continued: bool,
}

/// Turn read sheets into tables.
fn layout(sheets: Vec<Sheet>) -> Result<Vec<Block>, ReadError> {
    let mut blocks = Vec::new();
    let mut budget = crate::limits::MAX_CELLS;
    for sheet in sheets {
        let table = layout_sheet(sheet, &mut budget)?;
        if !table.rows.is_empty() {
            blocks.push(Block::Table(table));
        }
    }
    Ok(blocks)
}

/// Lay out one sheet: the cost is that of its cells and of the cells shown, both bounded by
/// `budget` (merged ranges are kept disjoint, so each one crossing a shown row is a cell of it).
fn layout_sheet(sheet: Sheet, budget: &mut usize) -> Result<RawTable, ReadError> {
    let Sheet {
        name,
        mut cells,
        merges,
    } = sheet;
    if merges.len() > MAX_MERGES {
        return Err(too_many_merges(&name));
    }
    let mut merges = disjoint(merges);
    merges.sort_by_key(|m| (m.r0, m.c0));
    cells.sort_by_key(|c| (c.0, c.1));
    cells.dedup_by_key(|c| (c.0, c.1));

    // Merged ranges crossing the current row: first column → (range, shown yet).
    let mut active: BTreeMap<u32, (Rect, bool)> = BTreeMap::new();
    // When each active range ends: (last row, first column).
    let mut ends: BinaryHeap<Reverse<(u32, u32)>> = BinaryHeap::new();
    let mut shown: usize = 0;
    let mut next_merge = 0;
    let mut rows: Vec<(u32, Vec<Item>)> = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let r = cells[i].0;
        let mut j = i;
        while j < cells.len() && cells[j].0 == r {
            j += 1;
        }
        while let Some(&Reverse((r1, c0))) = ends.peek() {
            if r1 >= r {
                break;
            }
            ends.pop();
            if active.get(&c0).is_some_and(|(m, _)| m.r1 == r1) {
                active.remove(&c0);
            }
        }
        while next_merge < merges.len() && merges[next_merge].r0 <= r {
            let m = merges[next_merge];
            if m.r1 >= r {
                active.insert(m.c0, (m, false));
                ends.push(Reverse((m.r1, m.c0)));
            }
            next_merge += 1;
        }
        // The cells of this row not hidden under a merged range; the top-left texts of ranges.
        let mut items: Vec<Item> = Vec::new();
        let mut tops: BTreeMap<u32, String> = BTreeMap::new();
        let mut content = false;
        for (_, c, text) in cells[i..j].iter_mut() {
            let c = *c;
            match active.range(..=c).next_back() {
                Some((_, (m, _))) if c <= m.c1 => {
                    if m.r0 == r && m.c0 == c {
                        content |= !crate::text::is_blank(text);
                        tops.insert(c, std::mem::take(text));
                    }
                }
                _ => {
                    content |= !crate::text::is_blank(text);
                    items.push(Item {
                        c0: c,
                        c1: c,
                        text: std::mem::take(text),
                        continued: false,
                    });
                }
            }
        }
        if content {
            for (m, shown) in active.values_mut() {
                let continued = *shown && m.r0 < r;
                *shown = true;
                items.push(Item {
                    c0: m.c0,
                    c1: m.c1,
                    text: if continued {
                        String::new()
                    } else {
                        tops.remove(&m.c0).unwrap_or_default()
                    },
                    continued,
                });
            }
            items.sort_by_key(|it| it.c0);
            shown += items.len();
            if shown > *budget {
                return Err(too_many_cells());
            }
            rows.push((r, items));
        }
        i = j;
    }

    let start = rows
        .iter()
        .filter_map(|(_, items)| items.first().map(|it| it.c0))
        .min()
        .unwrap_or(0);
    let mut table = RawTable {
        rows: Vec::with_capacity(rows.len()),
        sheet: Some(name.clone()),
    };
    for (r, items) in rows {
        let mut raw = RawRow {
            cells: Vec::with_capacity(items.len()),
            number: r as usize + 1,
            page: None,
        };
        let mut cursor = start;
        for it in items {
            let gap = it.c0.saturating_sub(cursor) as usize;
            // Empty cells stay one per column; a wide gap (a stray far cell) is one empty cell
            // across it.
            let (fill, width) = if gap > MAX_GAP_CELLS {
                (1, gap)
            } else {
                (gap, 1)
            };
            if fill + 1 > *budget {
                return Err(too_many_cells());
            }
            *budget -= fill + 1;
            for k in 0..fill {
                raw.cells.push(RawCell {
                    paragraphs: Vec::new(),
                    col: cursor as usize + k,
                    width,
                    continued: false,
                });
            }
            raw.cells.push(RawCell {
                paragraphs: paragraphs(&it.text),
                col: it.c0 as usize,
                width: (it.c1 - it.c0 + 1) as usize,
                continued: it.continued,
            });
            cursor = it.c1 + 1;
        }
        table.rows.push(raw);
    }
    Ok(table)
}

/// A cell's paragraphs: its lines as written.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

#[cfg(test)]
mod tests;
