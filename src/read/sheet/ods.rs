//! .ods (OpenDocument spreadsheet). calamine reads the values; it has no merged ranges for
//! .ods and gives percentages as plain numbers, so `content.xml` is walked here first, with
//! calamine's rules for row and column positions (`number-rows-repeated`,
//! `number-columns-repeated`, covered cells), for:
//!
//! - merged ranges: `table:number-columns-spanned` / `table:number-rows-spanned`;
//! - percentages: cells of `office:value-type="percentage"`, shown with the decimals their
//!   displayed text has;
//! - the size of the dense grids calamine builds (refused past [`MAX_DENSE_CELLS`]).

use std::collections::{BTreeMap, HashMap};
use std::io::{BufReader, Cursor, Read, Seek};

use calamine::{Data, Ods, Reader, SheetVisible};
use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use super::{
    MAX_DENSE_CELLS, MAX_MERGES, Rect, Sheet, damaged, data_text, guarded, keep_cell, password,
    percent_text, too_dense, too_many_merges,
};
use crate::read::ReadError;

/// calamine's limits for .ods.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// Percentage cells of one run of repeated rows: first column → (end column, exclusive;
/// decimals).
type PercentRow = BTreeMap<u32, (u32, u8)>;

#[derive(Default)]
struct TableScan {
    merges: Vec<Rect>,
    /// First row of a run of repeated rows → (end row, exclusive; its percentage cells).
    percent: BTreeMap<u32, (u32, PercentRow)>,
}

impl TableScan {
    fn percent_at(&self, row: u32, col: u32) -> Option<u8> {
        let (_, (end, cells)) = self.percent.range(..=row).next_back()?;
        if row >= *end {
            return None;
        }
        let (_, (cend, d)) = cells.range(..=col).next_back()?;
        (col < *cend).then_some(*d)
    }
}

pub(super) fn read(bytes: &[u8], ext: &str) -> Result<Vec<Sheet>, ReadError> {
    let tables = scan(bytes, ext)?;
    guarded(ext, || {
        let oerr = |e: calamine::OdsError| match e {
            calamine::OdsError::Password => password(ext),
            e => damaged(ext, "内容已损坏", e),
        };
        let mut wb: Ods<Cursor<&[u8]>> = Ods::new(Cursor::new(bytes)).map_err(oerr)?;
        let metas: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
        let mut sheets = Vec::new();
        let mut budget = crate::limits::MAX_CELLS;
        let mut done = std::collections::HashSet::new();
        for meta in metas {
            if meta.visible != SheetVisible::Visible || !done.insert(meta.name.clone()) {
                continue;
            }
            let range = wb.worksheet_range(&meta.name).map_err(oerr)?;
            let scan = tables.get(&meta.name);
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut cells = Vec::new();
            for (r, c, v) in range.used_cells() {
                let (row, col) = (r0 + r as u32, c0 + c as u32);
                let text = match (v, scan.and_then(|s| s.percent_at(row, col))) {
                    (Data::Float(f), Some(d)) => percent_text(*f, d as usize),
                    (v, _) => data_text(v, None),
                };
                keep_cell(&mut cells, &mut budget, (row, col), text)?;
            }
            sheets.push(Sheet {
                name: meta.name,
                cells,
                merges: scan.map(|s| s.merges.clone()).unwrap_or_default(),
            });
        }
        Ok(sheets)
    })
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            quick_xml::escape::unescape(&a.value)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A repeat count as calamine reads it: 1 when absent, else the number written (0 too).
fn count(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .map(|v| v.trim().parse::<u64>().unwrap_or(1))
        .unwrap_or(1)
}

/// Walk `content.xml`: each named table's merged ranges and percentage cells.
fn scan(bytes: &[u8], ext: &str) -> Result<HashMap<String, TableScan>, ReadError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(ext, "压缩包已损坏", e))?;
    let file = zip
        .by_name("content.xml")
        .map_err(|e| damaged(ext, "压缩包里没有 content.xml", e))?;
    let mut xml = XmlReader::from_reader(BufReader::new(file));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.expand_empty_elements = true;
    let mut tables = HashMap::new();
    let mut buf = Vec::new();
    let mut dense: u64 = 0;
    let xml_err = |e: quick_xml::Error| damaged(ext, "content.xml 已损坏", e);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_err)? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                if let Some(name) = attr(&e, "table:name") {
                    let (t, cells) = scan_table(&mut xml, ext)?;
                    dense = dense.saturating_add(cells);
                    if dense > MAX_DENSE_CELLS {
                        return Err(too_dense(ext, dense));
                    }
                    if t.merges.len() > MAX_MERGES {
                        return Err(too_many_merges(&name));
                    }
                    tables.insert(name, t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tables)
}

/// One table, up to its end: its scan and the number of cells calamine will hold for it.
fn scan_table<R: Read + Seek>(
    xml: &mut XmlReader<BufReader<zip::read::ZipFile<'_, R>>>,
    ext: &str,
) -> Result<(TableScan, u64), ReadError> {
    let xml_err = |e: quick_xml::Error| damaged(ext, "content.xml 已损坏", e);
    let mut t = TableScan::default();
    let mut buf = Vec::new();
    let mut cell_buf = Vec::new();
    let mut row: u64 = 0;
    // calamine's raw cell list (every row element up to its last value) and its used area.
    let mut raw: u64 = 0;
    let mut first_row: Option<u64> = None;
    let mut last_row_end: u64 = 0;
    let mut col_min = u64::MAX;
    let mut col_max = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_err)? {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let repeats =
                    count(&e, "table:number-rows-repeated").min(MAX_ROWS.saturating_sub(row));
                let mut col: u64 = 0;
                let mut first_val: Option<u64> = None;
                let mut end_val: u64 = 0;
                let mut percent = PercentRow::new();
                loop {
                    buf.clear();
                    match xml.read_event_into(&mut buf).map_err(xml_err)? {
                        Event::Start(c)
                            if c.name().as_ref() == "table:table-cell"
                                || c.name().as_ref() == "table:covered-table-cell" =>
                        {
                            let reps = count(&c, "table:number-columns-repeated")
                                .min(MAX_COLUMNS.saturating_sub(col));
                            let spans_c = count(&c, "table:number-columns-spanned").max(1);
                            let spans_r = count(&c, "table:number-rows-spanned").max(1);
                            let mut has_value = false;
                            let mut is_percent = false;
                            for a in c.attributes().with_checks(false).flatten() {
                                match a.key.as_ref() {
                                    "office:value"
                                    | "office:string-value"
                                    | "office:date-value"
                                    | "office:time-value"
                                    | "office:boolean-value"
                                    | "table:formula" => has_value = true,
                                    "office:value-type" => {
                                        has_value |= a.value.as_ref() == "string";
                                        is_percent = a.value.as_ref() == "percentage";
                                    }
                                    _ => {}
                                }
                            }
                            let name = c.name().as_ref().to_string();
                            if c.name().as_ref() == "table:table-cell"
                                && (spans_c > 1 || spans_r > 1)
                                && row < MAX_ROWS
                                && col < MAX_COLUMNS
                            {
                                let r1 = row.saturating_add(spans_r - 1).min(MAX_ROWS - 1);
                                let c1 = col.saturating_add(spans_c - 1).min(MAX_COLUMNS - 1);
                                if let Some(m) =
                                    Rect::new((row as u32, col as u32), (r1 as u32, c1 as u32))
                                {
                                    if t.merges.len() >= MAX_MERGES {
                                        return Err(too_many_merges(""));
                                    }
                                    t.merges.push(m);
                                }
                            }
                            if is_percent {
                                let shown = cell_text(xml, &name, &mut cell_buf, ext)?;
                                if reps > 0 {
                                    percent.insert(
                                        col as u32,
                                        ((col + reps) as u32, shown_decimals(&shown)),
                                    );
                                }
                            } else {
                                cell_buf.clear();
                                xml.read_to_end_into(quick_xml::name::QName(&name), &mut cell_buf)
                                    .map_err(xml_err)?;
                            }
                            if has_value && reps > 0 {
                                first_val.get_or_insert(col);
                                end_val = col + reps;
                            }
                            col += reps;
                        }
                        Event::End(e) if e.name().as_ref() == "table:table-row" => break,
                        Event::Start(e) => {
                            // Not a cell (calamine stops with an error here): skip it.
                            let name = e.name().as_ref().to_string();
                            cell_buf.clear();
                            xml.read_to_end_into(quick_xml::name::QName(&name), &mut cell_buf)
                                .map_err(xml_err)?;
                        }
                        Event::Eof => {
                            return Err(damaged(ext, "content.xml 不完整", "unexpected end"));
                        }
                        _ => {}
                    }
                }
                raw = raw.saturating_add(end_val);
                if let Some(f) = first_val {
                    first_row.get_or_insert(row);
                    last_row_end = row + repeats;
                    col_min = col_min.min(f);
                    col_max = col_max.max(end_val.saturating_sub(1));
                }
                if !percent.is_empty() && repeats > 0 {
                    t.percent
                        .insert(row as u32, ((row + repeats) as u32, percent));
                }
                row += repeats;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => break,
            Event::Eof => return Err(damaged(ext, "content.xml 不完整", "unexpected end")),
            _ => {}
        }
    }
    let used = match first_row {
        Some(f) => (last_row_end - f).saturating_mul(col_max + 1 - col_min.min(col_max)),
        None => 0,
    };
    // Values and formulas: two grids of the used area, plus the raw list while it is built.
    Ok((t, used.saturating_mul(2).saturating_add(raw)))
}

/// The displayed text of a cell (its paragraphs), up to the end of the cell.
fn cell_text<R: Read>(
    xml: &mut XmlReader<BufReader<R>>,
    name: &str,
    buf: &mut Vec<u8>,
    ext: &str,
) -> Result<String, ReadError> {
    let mut s = String::new();
    let mut depth = 0usize;
    loop {
        buf.clear();
        match xml
            .read_event_into(buf)
            .map_err(|e| damaged(ext, "content.xml 已损坏", e))?
        {
            Event::Start(e) if e.name().as_ref() == name => depth += 1,
            Event::End(e) if e.name().as_ref() == name => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Event::Text(t) if s.len() < 256 => s.push_str(&t),
            Event::Eof => return Err(damaged(ext, "content.xml 不完整", "unexpected end")),
            _ => {}
        }
    }
    Ok(s)
}

/// The decimals a displayed percentage has: `75%` → 0, `75.00%` → 2 (`,` as the decimal
/// separator too).
fn shown_decimals(shown: &str) -> u8 {
    let body = shown.split('%').next().unwrap_or("");
    match body.rfind(['.', ',']) {
        Some(p) => body[p + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count()
            .min(30) as u8,
        None => 0,
    }
}
