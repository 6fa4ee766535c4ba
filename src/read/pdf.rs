//! Reader for PDF, through poppler's command-line tools (Debian `poppler-utils`):
//!
//! - `pdftotext -bbox-layout -cropbox` gives every word with its box, page by page, in
//!   pdftotext's reading order (blocks and lines);
//! - `pdftocairo -svg` draws the pages as SVG, from which the ruling lines are taken: the
//!   lines of government tables are the most reliable cell boundaries there are.
//!
//! [`layout`] turns words and lines into tables and prose (see there for every rule). Both
//! tools run once per file, through [`crate::read::external`] with a time, memory and output
//! limit, on a copy of the bytes in a private temporary directory.
//!
//! What a PDF cannot say is documented where it is decided: how many spaces a gap was (one),
//! whether a line break inside a cell was typed or a wrap (decided from how full the line is),
//! whether two tables that touch across a page break are one (yes, when their edges match).

mod layout;
mod svg;
mod words;

use std::ffi::OsStr;
use std::time::Duration;

use super::ReadError;
use super::external::{self, Limits, TempDir, Tool};
use super::render::Block;

pub use layout::{Page, is_wide, layout};

/// A word as pdftotext reports it: its box (points, top-left origin) and text, with the
/// block and line pdftotext put it in (numbered through the document).
#[derive(Clone, Debug, Default)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
    pub block: usize,
    pub line: usize,
}

/// A horizontal or vertical ruling segment: at `pos` (y for horizontal, x for vertical), from
/// `a` to `b` along it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Seg {
    pub horizontal: bool,
    pub pos: f64,
    pub a: f64,
    pub b: f64,
    pub thickness: f64,
}

const PDFTOTEXT: Tool = Tool {
    program: "pdftotext",
    package: "poppler-utils",
    purpose: "读取 PDF 文件",
};

const PDFTOCAIRO: Tool = Tool {
    program: "pdftocairo",
    package: "poppler-utils",
    purpose: "读取 PDF 文件的表格线",
};

const TEXT_LIMITS: Limits = Limits {
    timeout: Duration::from_secs(60),
    memory: 2 << 30,
    max_output: 128 << 20,
};

const SVG_LIMITS: Limits = Limits {
    timeout: Duration::from_secs(120),
    memory: 3 << 30,
    max_output: 384 << 20,
};

/// Read a PDF into blocks: tables (rows carry their page) and prose, in document order.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, ReadError> {
    let pages = pages(bytes)?;
    Ok(layout::layout(&pages))
}

/// The pages of a PDF with their words and ruling lines.
pub fn pages(bytes: &[u8]) -> Result<Vec<Page>, ReadError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::new("不是有效的 PDF 文件（没有 %PDF 文件头）"));
    }
    let dir = TempDir::new("pdf").map_err(ReadError::new)?;
    let input = dir.0.join("in.pdf");
    std::fs::write(&input, bytes).map_err(|e| ReadError::new(format!("无法写临时文件：{e}")))?;
    let arg = |s: &'static str| OsStr::new(s);

    let xhtml = external::run(
        &PDFTOTEXT,
        &[
            arg("-bbox-layout"),
            arg("-cropbox"),
            arg("-enc"),
            arg("UTF-8"),
            arg("-q"),
            input.as_os_str(),
            arg("-"),
        ],
        &dir.0,
        TEXT_LIMITS,
    )
    .map_err(|e| tool_error(&PDFTOTEXT, e, bytes))?;
    let text_pages = words::parse(&String::from_utf8_lossy(&xhtml)).map_err(|e| {
        let mut err = ReadError::new("PDF 文件无法读取（文字层的输出无法解析）");
        err.detail = Some(e);
        err
    })?;
    drop(xhtml);
    if text_pages.is_empty() {
        return Err(ReadError::new(if truncated(bytes) {
            "PDF 文件不完整，读不出任何页面（文件可能在下载或复制时被截断）"
        } else {
            "PDF 文件已损坏，读不出任何页面"
        }));
    }
    if text_pages.iter().all(|p| p.words.is_empty()) {
        if truncated(bytes) {
            return Err(ReadError::new(
                "PDF 文件不完整，读不出文字（文件可能在下载或复制时被截断）",
            ));
        }
        return Err(ReadError::new(format!(
            "扫描件，无文字层：这份 PDF 的 {} 页里没有可以提取的文字（是扫描或拍照得到的图片），\
             无法读出表格；请先做文字识别（OCR），或改用原始的 Word/Excel 文件",
            text_pages.len()
        )));
    }

    let svg = external::run(
        &PDFTOCAIRO,
        &[arg("-svg"), arg("-q"), input.as_os_str(), arg("-")],
        &dir.0,
        SVG_LIMITS,
    )
    .map_err(|e| tool_error(&PDFTOCAIRO, e, bytes))?;
    let seg_pages = svg::parse(&String::from_utf8_lossy(&svg)).map_err(|e| {
        let mut err = ReadError::new("PDF 文件无法读取（表格线的输出无法解析）");
        err.detail = Some(e);
        err
    })?;
    drop(svg);

    let mut seg_pages = seg_pages.into_iter();
    Ok(text_pages
        .into_iter()
        .map(|tp| {
            let segs = seg_pages.next().unwrap_or_default();
            let (mut width, mut height) = (tp.width, tp.height);
            // pdftotext gives the unrotated size of a rotated page; the boxes are rotated.
            let (wx, wy) = tp
                .words
                .iter()
                .fold((0.0f64, 0.0f64), |(x, y), w| (x.max(w.x1), y.max(w.y1)));
            if wx > width + 1.0 || wy > height + 1.0 {
                std::mem::swap(&mut width, &mut height);
            }
            Page {
                width,
                height,
                words: tp.words,
                segs,
            }
        })
        .collect())
}

/// The file does not end with `%%EOF` (allowing trailing junk).
fn truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    !tail.windows(5).any(|w| w == b"%%EOF")
}

/// A Chinese error for a tool that failed on this file.
fn tool_error(tool: &Tool, e: String, bytes: &[u8]) -> ReadError {
    if !external::available(tool.program) {
        return ReadError::new(e);
    }
    let encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    let message = if e.contains("超过") || e.contains("终止") {
        format!("PDF 文件无法在限定的时间和内存内读完：{e}")
    } else if encrypted {
        "PDF 文件已加密（需要密码才能打开），无法读取：请提供未加密的文件".to_string()
    } else if truncated(bytes) {
        "PDF 文件不完整，无法读取（文件可能在下载或复制时被截断）".to_string()
    } else {
        "PDF 文件已损坏，无法读取".to_string()
    };
    let mut err = ReadError::new(message);
    err.detail = Some(e);
    err
}
