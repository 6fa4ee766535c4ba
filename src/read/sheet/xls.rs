//! .xls (BIFF in an OLE compound file). calamine reads the values and merged ranges; this module
//! first walks the compound file and the BIFF records itself, for two things calamine does not
//! do:
//!
//! - **Safety.** calamine follows sector chains without looking for loops (a looping directory
//!   chain grows memory without end), indexes sectors past the end of the file, and builds a
//!   dense grid of every sheet's used area (and reserves one of the size a DIMENSIONS record
//!   claims). Each of these is checked here, with the same reading rules as calamine, before
//!   calamine sees the file.
//! - **Number formats.** calamine keeps only "date or not" of each cell format; percentages
//!   (0.75 shown as 75%) are found here from the FORMAT and XF records and the cells' XF index.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Reader, SheetType, SheetVisible, Xls};

use super::{
    MAX_DENSE_CELLS, MAX_MERGES, Rect, Sheet, damaged, data_text, guarded, keep_cell, password,
    too_dense, too_many_merges,
};
use crate::read::ReadError;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

pub(super) fn read(bytes: &[u8], ext: &str) -> Result<Vec<Sheet>, ReadError> {
    let cfb = Cfb::open(bytes, ext)?;
    let find = |name: &str| {
        cfb.dirs
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
            .cloned()
    };
    if find("EncryptedPackage").is_some() {
        return Err(password(ext));
    }
    let Some(dir) = find("Workbook").or_else(|| find("Book")) else {
        if find("WordDocument").is_some() {
            return Err(ReadError::new(format!(
                "不是有效的 .{ext} 文件：这是 Word 97-2003 文档（.doc），不是电子表格"
            )));
        }
        return Err(ReadError::new(format!(
            "不是有效的 .{ext} 文件（Office 文件里没有工作簿：可能是别的 Office 文档）"
        )));
    };
    let stream = cfb.stream(&dir, bytes, ext)?;
    let scan = scan(&stream, ext)?;

    guarded(ext, || {
        let xerr = |e: calamine::XlsError| match e {
            calamine::XlsError::Password => password(ext),
            e => damaged(ext, "内容已损坏", e),
        };
        let wb: Xls<Cursor<&[u8]>> = Xls::new(Cursor::new(bytes)).map_err(xerr)?;
        let mut wb = wb;
        let metas: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
        let mut sheets = Vec::new();
        let mut budget = crate::limits::MAX_CELLS;
        // calamine keeps one sheet per name: the last BoundSheet record of that name.
        let mut last: HashMap<String, usize> = HashMap::new();
        for (k, meta) in metas.iter().enumerate() {
            last.insert(meta.name.clone(), k);
        }
        let mut done: std::collections::HashSet<String> = std::collections::HashSet::new();
        for meta in metas {
            if meta.typ != SheetType::WorkSheet
                || meta.visible != SheetVisible::Visible
                || !done.insert(meta.name.clone())
            {
                continue;
            }
            let merges = wb.merge_cells_by_sheet_name(&meta.name).map_err(xerr)?;
            if merges.len() > MAX_MERGES {
                return Err(too_many_merges(&meta.name));
            }
            let range = wb.worksheet_range(&meta.name).map_err(xerr)?;
            let percent = last
                .get(&meta.name)
                .and_then(|&k| scan.sheets.get(k))
                .map(|s| &s.percent);
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut cells = Vec::new();
            for (r, c, v) in range.used_cells() {
                let (row, col) = (r0 + r as u32, c0 + c as u32);
                let pct = percent.and_then(|p| p.get(&(row, col)).copied());
                let text = data_text(v, pct.map(usize::from));
                keep_cell(&mut cells, &mut budget, (row, col), text)?;
            }
            sheets.push(Sheet {
                name: meta.name,
                cells,
                merges: merges
                    .iter()
                    .filter_map(|d| Rect::new(d.start, d.end))
                    .collect(),
            });
        }
        Ok(sheets)
    })
}

// ---------------------------------------------------------------------------------------------
// Compound file, read with calamine's rules (calamine/src/cfb.rs), checked.

#[derive(Clone, Debug)]
struct Dir {
    name: String,
    start: u32,
    len: u64,
}

struct Cfb {
    dirs: Vec<Dir>,
    fats: Vec<u32>,
    mini_fats: Vec<u32>,
    ministream: Vec<u8>,
    sector_size: usize,
    /// Where sector 0 starts in the file.
    base: usize,
}

fn broken(ext: &str, what: &str) -> ReadError {
    ReadError::new(format!("不是有效的 .{ext} 文件（{what}）"))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

impl Cfb {
    fn open(bytes: &[u8], ext: &str) -> Result<Cfb, ReadError> {
        let structure = || broken(ext, "Office 文件结构已损坏");
        let truncated = || broken(ext, "文件不完整，可能是下载或复制时被截断");
        if bytes.len() < 512 {
            return Err(truncated());
        }
        let sector_size = match u16_at(bytes, 30) {
            Some(0x0009) => 512,
            Some(0x000C) => 4096,
            _ => return Err(structure()),
        };
        if u16_at(bytes, 32) != Some(6) {
            return Err(structure());
        }
        if bytes.len() < sector_size {
            return Err(truncated());
        }
        let version = u16_at(bytes, 26).unwrap_or(0);
        let dir_start = u32_at(bytes, 48).unwrap_or(ENDOFCHAIN);
        let mini_fat_start = u32_at(bytes, 60).unwrap_or(ENDOFCHAIN);
        let mini_fat_len = u32_at(bytes, 64).unwrap_or(0) as u64;
        let difat_start = u32_at(bytes, 68).unwrap_or(ENDOFCHAIN);
        let mut cfb = Cfb {
            dirs: Vec::new(),
            fats: Vec::new(),
            mini_fats: Vec::new(),
            ministream: Vec::new(),
            sector_size,
            base: sector_size,
        };
        // calamine: maxid = file length / sector size; a sector must also lie within the file
        // in full (calamine panics on one past the end, and on a partial FAT sector).
        let maxid = (bytes.len() / sector_size) as u32;
        let sector = |id: u32| -> Result<&[u8], ReadError> {
            if id > maxid {
                return Err(truncated());
            }
            let start = sector_size + id as usize * sector_size;
            bytes.get(start..start + sector_size).ok_or_else(truncated)
        };
        let mut difat: Vec<u32> = u32s(&bytes[76..512]).collect();
        let mut id = difat_start;
        let mut steps = 0usize;
        while id < RESERVED_SECTORS {
            steps += 1;
            if steps > maxid as usize + 1 {
                return Err(structure());
            }
            difat.extend(u32s(sector(id)?));
            id = difat.pop().ok_or_else(structure)?;
        }
        for &id in difat.iter().filter(|&&id| id < DIFSECT) {
            cfb.fats.extend(u32s(sector(id)?));
        }
        let dirs = cfb.chain(dir_start, u64::MAX, bytes, ext)?;
        cfb.dirs = dirs
            .chunks_exact(128)
            .map(|c| {
                let units: Vec<u16> = c[..64]
                    .chunks_exact(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]))
                    .collect();
                let mut name = String::from_utf16_lossy(&units);
                if let Some(l) = name.find('\0') {
                    name.truncate(l);
                }
                let len = if sector_size == 512 {
                    u32_at(c, 120).unwrap_or(0) as u64
                } else {
                    u32_at(c, 120).unwrap_or(0) as u64 | (u32_at(c, 124).unwrap_or(0) as u64) << 32
                };
                Dir {
                    name,
                    start: u32_at(c, 116).unwrap_or(ENDOFCHAIN),
                    len,
                }
            })
            .collect();
        let Some(root) = cfb.dirs.first().cloned() else {
            return Err(structure());
        };
        if version != 3 && root.start == ENDOFCHAIN {
            return Err(structure());
        }
        if mini_fat_len > 0 {
            cfb.ministream = cfb.chain(root.start, root.len, bytes, ext)?;
            let minifat = cfb.chain(
                mini_fat_start,
                mini_fat_len.saturating_mul(sector_size as u64),
                bytes,
                ext,
            )?;
            cfb.mini_fats = u32s(&minifat).collect();
        }
        Ok(cfb)
    }

    /// The bytes of a sector chain, at most `len` of them; a loop, a sector past the end or a
    /// link out of the FAT is an error.
    fn chain(&self, start: u32, len: u64, bytes: &[u8], ext: &str) -> Result<Vec<u8>, ReadError> {
        let size = self.sector_size;
        let maxid = (bytes.len() / size) as u32;
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > self.fats.len() + 1 || id as usize >= self.fats.len() {
                return Err(broken(ext, "Office 文件结构已损坏"));
            }
            if id > maxid {
                return Err(broken(ext, "文件不完整，可能是下载或复制时被截断"));
            }
            let at = self.base + id as usize * size;
            let sector = bytes
                .get(at..at + size)
                .ok_or_else(|| broken(ext, "文件不完整，可能是下载或复制时被截断"))?;
            let room = (len - out.len() as u64).min(size as u64) as usize;
            out.extend_from_slice(&sector[..room]);
            if out.len() as u64 >= len {
                break;
            }
            id = *self
                .fats
                .get(id as usize)
                .ok_or_else(|| broken(ext, "Office 文件结构已损坏"))?;
        }
        Ok(out)
    }

    /// A stream's bytes: from the mini stream when shorter than 4096 bytes, as calamine reads it.
    fn stream(&self, d: &Dir, bytes: &[u8], ext: &str) -> Result<Vec<u8>, ReadError> {
        if d.len >= 4096 {
            return self.chain(d.start, d.len, bytes, ext);
        }
        let mut out = Vec::new();
        let mut id = d.start;
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            steps += 1;
            let at = id as usize * 64;
            let sector = self
                .ministream
                .get(at..at + 64)
                .filter(|_| steps <= self.mini_fats.len() + 1)
                .ok_or_else(|| broken(ext, "Office 文件结构已损坏"))?;
            let room = (d.len - out.len() as u64).min(64) as usize;
            out.extend_from_slice(&sector[..room]);
            if out.len() as u64 >= d.len {
                break;
            }
            id = *self
                .mini_fats
                .get(id as usize)
                .ok_or_else(|| broken(ext, "Office 文件结构已损坏"))?;
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------
// BIFF records, read with calamine's framing (a record, then its CONTINUE records).

struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// Records from the start of `stream`; `Err` where the framing breaks (calamine's error there
/// too).
fn records(mut stream: &[u8]) -> impl Iterator<Item = Result<Record<'_>, ()>> {
    std::iter::from_fn(move || {
        if stream.is_empty() {
            return None;
        }
        if stream.len() < 4 {
            stream = &[];
            return Some(Err(()));
        }
        let typ = u16::from_le_bytes([stream[0], stream[1]]);
        let len = u16::from_le_bytes([stream[2], stream[3]]) as usize;
        if stream.len() < len + 4 {
            stream = &[];
            return Some(Err(()));
        }
        let data = &stream[4..4 + len];
        stream = &stream[4 + len..];
        // CONTINUE records belong to this one.
        while stream.len() > 4 && u16::from_le_bytes([stream[0], stream[1]]) == 0x003C {
            let len = u16::from_le_bytes([stream[2], stream[3]]) as usize;
            if stream.len() < len + 4 {
                stream = &[];
                return Some(Err(()));
            }
            stream = &stream[4 + len..];
        }
        Some(Ok(Record { typ, data }))
    })
}

struct SheetScan {
    /// Cells whose format is a percentage: (row, col) → decimals.
    percent: HashMap<(u32, u32), u8>,
}

struct Scan {
    sheets: Vec<SheetScan>,
}

/// Bounding box of cell positions.
#[derive(Default)]
struct Bbox(Option<(u32, u32, u32, u32)>);

impl Bbox {
    fn add(&mut self, r: u32, c: u32) {
        self.0 = Some(match self.0 {
            None => (r, c, r, c),
            Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
        });
    }
    fn area(&self) -> u64 {
        match self.0 {
            None => 0,
            Some((r0, c0, r1, c1)) => (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64,
        }
    }
}

/// The format code of a FORMAT record: (index, code).
fn format_record(data: &[u8], biff8: bool) -> Option<(u16, String)> {
    let ifmt = u16_at(data, 0)?;
    if biff8 {
        let cch = u16_at(data, 2)? as usize;
        let flags = *data.get(4)?;
        let body = data.get(5..)?;
        if flags & 1 == 1 {
            let units: Vec<u16> = body
                .chunks_exact(2)
                .take(cch)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            Some((ifmt, String::from_utf16_lossy(&units)))
        } else {
            Some((ifmt, body.iter().take(cch).map(|&b| b as char).collect()))
        }
    } else {
        let cch = *data.get(2)? as usize;
        let body = data.get(3..)?;
        Some((ifmt, body.iter().take(cch).map(|&b| b as char).collect()))
    }
}

/// Walk the workbook globals and every sheet's records: the percentage cells, and a refusal of
/// what would make calamine allocate without bound or index out of its input.
fn scan(stream: &[u8], ext: &str) -> Result<Scan, ReadError> {
    let structure = || broken(ext, "工作簿记录已损坏");
    let mut biff8 = true;
    let mut formats: HashMap<u16, Option<u8>> = HashMap::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut bound: Vec<usize> = Vec::new();
    for rec in records(stream) {
        let Ok(r) = rec else { break };
        let d = r.data;
        match r.typ {
            // FilePass, CodePage, DateMode: calamine reads two bytes unchecked.
            0x002F | 0x0042 | 0x0022 if d.len() < 2 => return Err(structure()),
            0x002F if d[0] != 0 || d[1] != 0 => return Err(password(ext)),
            // Lbl (a defined name): calamine reads 14 bytes and a formula of `cce` bytes from
            // the end unchecked; ExternSheet: a count.
            0x0018 if d.len() < 14 || u16_at(d, 4).unwrap_or(0) as usize > d.len() => {
                return Err(structure());
            }
            0x0017 if biff8 && d.len() < 2 => return Err(structure()),
            0x0809 => {
                let v = u16_at(d, 0).ok_or_else(structure)?;
                let older = matches!(v, 0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500);
                biff8 = !(older || v == 0 && u16_at(d, 2) == Some(0x1000));
            }
            0x041E => {
                if let Some((ifmt, code)) = format_record(d, biff8) {
                    formats.insert(
                        ifmt,
                        super::percent_decimals(&code).map(|n| n.min(30) as u8),
                    );
                }
            }
            0x00E0 if d.len() >= 4 => xfs.push(u16_at(d, 2).unwrap_or(0)),
            0x0085 => {
                if d.len() < 6 {
                    return Err(structure());
                }
                let pos = u32_at(d, 0).unwrap_or(0) as usize;
                if pos > stream.len() {
                    return Err(structure());
                }
                bound.push(pos);
            }
            0x000A => break,
            _ => {}
        }
    }
    let xf_percent: Vec<Option<u8>> = xfs
        .iter()
        .map(|ifmt| match formats.get(ifmt) {
            Some(p) => *p,
            None => match ifmt {
                9 => Some(0),
                10 => Some(2),
                _ => None,
            },
        })
        .collect();
    let pct = |ixfe: u16| xf_percent.get(ixfe as usize).copied().flatten();

    let mut dense: u64 = 0;
    let mut sheets = Vec::new();
    for (k, &pos) in bound.iter().enumerate() {
        let mut percent = HashMap::new();
        let mut values = Bbox::default();
        let mut formulas = Bbox::default();
        let mut fmla_pos = (0u32, 0u32);
        let mut seen_bof = false;
        let mut depth = 0usize;
        let mut merges = 0usize;
        for rec in records(&stream[pos..]) {
            let Ok(r) = rec else { break };
            let d = r.data;
            if depth > 0 {
                match r.typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let rc = || -> Option<(u32, u32, u16)> {
                Some((u16_at(d, 0)? as u32, u16_at(d, 2)? as u32, u16_at(d, 4)?))
            };
            match r.typ {
                0x0809 => {
                    if seen_bof {
                        depth += 1;
                    } else {
                        seen_bof = true;
                    }
                }
                // DIMENSIONS: calamine reserves rows × columns cells from it.
                0x0200 => {
                    let (rf, rl, cf, cl) = match d.len() {
                        10 => (
                            u16_at(d, 0).unwrap_or(0) as u32,
                            u16_at(d, 2).unwrap_or(0) as u32,
                            u16_at(d, 4).unwrap_or(0) as u32,
                            u16_at(d, 6).unwrap_or(0) as u32,
                        ),
                        14 | 16 => (
                            u32_at(d, 0).unwrap_or(0),
                            u32_at(d, 4).unwrap_or(0),
                            u16_at(d, 8).unwrap_or(0) as u32,
                            u16_at(d, 10).unwrap_or(0) as u32,
                        ),
                        _ => continue, // calamine: an error, not an allocation
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    let (r0, c0, r1, c1) = if rl >= 1 && cl >= 1 {
                        (rf, cf, rl - 1, cl - 1)
                    } else {
                        (rf, cf, rf, cf)
                    };
                    let rows = r1.wrapping_sub(r0).wrapping_add(1) as u64;
                    let cols = c1.wrapping_sub(c0).wrapping_add(1) as u64;
                    if rows.saturating_mul(cols) > MAX_DENSE_CELLS {
                        return Err(too_dense(ext, rows.saturating_mul(cols)));
                    }
                }
                // Number, RK, Formula: a value with a format.
                0x0203 | 0x027E | 0x0006 => {
                    let (row, col, ixfe) = rc().ok_or_else(structure)?;
                    values.add(row, col);
                    if r.typ == 0x0006 {
                        formulas.add(row, col);
                        fmla_pos = (row, col);
                    }
                    if let Some(p) = pct(ixfe) {
                        percent.insert((row, col), p);
                    }
                }
                // Label, RString, BoolErr, LabelSst.
                0x0204 | 0x00D6 | 0x0205 | 0x00FD => {
                    if let Some((row, col, _)) = rc() {
                        values.add(row, col);
                    }
                }
                // String (a formula's text result) stands at the formula's cell.
                0x0207 => values.add(fmla_pos.0, fmla_pos.1),
                // MulRk: row, first column, (XF, RK) pairs, last column.
                0x00BD => {
                    if d.len() < 6 {
                        continue;
                    }
                    let row = u16_at(d, 0).unwrap_or(0) as u32;
                    let first = u16_at(d, 2).unwrap_or(0) as u32;
                    let n = (d.len() - 6) / 6;
                    for i in 0..n {
                        let col = first + i as u32;
                        values.add(row, col);
                        if let Some(p) = u16_at(d, 4 + 6 * i).and_then(pct) {
                            percent.insert((row, col), p);
                        }
                    }
                }
                // MergeCells: calamine reads `count` ranges unchecked.
                0x00E5 => {
                    let count = u16_at(d, 0).ok_or_else(structure)? as usize;
                    if d.len() < 2 + 8 * count {
                        return Err(structure());
                    }
                    merges += count;
                    if merges > MAX_MERGES {
                        return Err(too_many_merges(&format!("{}", k + 1)));
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        dense = dense
            .saturating_add(values.area())
            .saturating_add(formulas.area());
        if dense > MAX_DENSE_CELLS {
            return Err(too_dense(ext, dense));
        }
        sheets.push(SheetScan { percent });
    }
    Ok(Scan { sheets })
}
