//! Reader for PDF, through poppler's command-line tools (Debian `poppler-utils`):
//!
//! - `pdftotext -bbox-layout -cropbox` gives every word with its box, page by page, in
//!   pdftotext's blocks and lines (its lines name running heads and page numbers);
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

/// pdftotext's XHTML is about 33 KB a page of dense tables, pdftocairo's SVG about 130 KB (it
/// carries the glyph outlines and any images): the output limits allow some two thousand pages
/// and bound the memory a hostile file can take.
const TEXT_LIMITS: Limits = Limits {
    timeout: Duration::from_secs(60),
    memory: 2 << 30,
    max_output: 64 << 20,
};

const SVG_LIMITS: Limits = Limits {
    timeout: Duration::from_secs(120),
    memory: 3 << 30,
    max_output: 256 << 20,
};

/// Read a PDF into blocks: tables (rows carry their page) and prose, in document order.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, ReadError> {
    let pages = pages(bytes)?;
    Ok(layout::layout(&pages))
}

/// The pages of a PDF with their words and ruling lines.
pub fn pages(bytes: &[u8]) -> Result<Vec<Page>, ReadError> {
    pages_with(bytes, &PDFTOTEXT, &PDFTOCAIRO)
}

fn pages_with(bytes: &[u8], text_tool: &Tool, svg_tool: &Tool) -> Result<Vec<Page>, ReadError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::new("不是有效的 PDF 文件（没有 %PDF 文件头）"));
    }
    let dir = TempDir::new("pdf").map_err(ReadError::new)?;
    let input = dir.0.join("in.pdf");
    std::fs::write(&input, bytes).map_err(|e| ReadError::new(format!("无法写临时文件：{e}")))?;
    let arg = |s: &'static str| OsStr::new(s);

    let xhtml = external::run(
        text_tool,
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
    .map_err(|e| tool_error(text_tool, e, bytes))?;
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
        svg_tool,
        &[arg("-svg"), arg("-q"), input.as_os_str(), arg("-")],
        &dir.0,
        SVG_LIMITS,
    )
    .map_err(|e| tool_error(svg_tool, e, bytes))?;
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
        "PDF 文件不完整或已损坏，无法读取（文件末尾缺少 %%EOF 标记，可能在下载或复制时被截断）"
            .to_string()
    } else {
        "PDF 文件已损坏，无法读取（poppler 无法解析它的结构）".to_string()
    };
    let mut err = ReadError::new(message);
    err.detail = Some(e);
    err
}

#[cfg(test)]
mod testpdf;

#[cfg(test)]
mod tests {
    use super::testpdf::TestPdf;
    use super::*;
    use crate::read::render::{RawCell, RawTable};

    fn tools() -> bool {
        let ok = external::available("pdftotext") && external::available("pdftocairo");
        if !ok {
            eprintln!("poppler-utils is not installed: PDF reader test skipped");
        }
        ok
    }

    fn tables(blocks: &[Block]) -> Vec<&RawTable> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Prose(_) => None,
            })
            .collect()
    }

    fn prose(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Prose(p) => Some(p.as_str()),
                Block::Table(_) => None,
            })
            .collect()
    }

    /// A row as `col+width:text` cells, `^` for a continued cell, paragraphs joined by `⏎`.
    fn row(cells: &[RawCell]) -> String {
        cells
            .iter()
            .map(|c| {
                format!(
                    "{}+{}{}:{}",
                    c.col,
                    c.width,
                    if c.continued { "^" } else { "" },
                    c.paragraphs.join("⏎")
                )
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/fixtures/formats/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn ruled_table_with_merges_wraps_and_mixed_text() {
        if !tools() {
            return;
        }
        let mut pdf = TestPdf::new();
        pdf.page();
        pdf.text(60.0, 60.0, 12.0, "项目支出绩效目标表");
        let (l, m1, m2, r) = (60.0, 160.0, 260.0, 420.0);
        for y in [100.0, 120.0, 140.0, 205.0, 240.0] {
            pdf.line(l, y, r, y);
        }
        pdf.line(m1, 185.0, r, 185.0); // 产出指标 spans two rows
        pdf.line(l, 100.0, l, 240.0);
        pdf.line(m1, 100.0, m1, 240.0);
        pdf.line(m2, 120.0, m2, 240.0); // the name spans two columns
        pdf.line(r, 100.0, r, 240.0);
        pdf.text(63.0, 104.0, 10.0, "项目名称");
        pdf.text(163.0, 104.0, 10.0, "农村公路养护工程");
        pdf.text(63.0, 124.0, 10.0, "一级指标");
        pdf.text(163.0, 124.0, 10.0, "二级指标");
        pdf.text(263.0, 124.0, 10.0, "指标值");
        pdf.text(63.0, 166.0, 10.0, "产出指标");
        pdf.text(163.0, 144.0, 10.0, "数量指标");
        pdf.text(263.0, 144.0, 10.0, "养护里程不少于三百二十公里并且");
        pdf.text(263.0, 157.0, 10.0, "完成");
        pdf.text(263.0, 170.0, 10.0, "2、路面完好");
        pdf.text(163.0, 189.0, 10.0, "质量指标");
        let x = pdf.text(263.0, 189.0, 10.0, "优良率≥");
        pdf.text(x, 189.0, 10.0, "80%");
        pdf.text(63.0, 209.0, 10.0, "满意度");
        pdf.text(163.0, 209.0, 10.0, "服务对象");
        let x = pdf.text(263.0, 209.0, 10.0, "指纹认证");
        let x = pdf.text(x + 2.5, 209.0, 10.0, "2");
        pdf.text(x + 2.5, 209.0, 10.0, "万");
        pdf.text(263.0, 222.0, 10.0, "Performance target of the");
        pdf.text(60.0, 260.0, 10.0, "注：以上为示例。");
        let blocks = blocks(&pdf.build()).unwrap();
        assert_eq!(prose(&blocks), ["项目支出绩效目标表", "注：以上为示例。"]);
        assert!(matches!(blocks[1], Block::Table(_)));
        let t = tables(&blocks)[0];
        let rows: Vec<String> = t.rows.iter().map(|r| row(&r.cells)).collect();
        assert_eq!(
            rows,
            [
                "0+1:项目名称 | 1+2:农村公路养护工程",
                "0+1:一级指标 | 1+1:二级指标 | 2+1:指标值",
                "0+1:产出指标 | 1+1:数量指标 | 2+1:养护里程不少于三百二十公里并且完成⏎2、路面完好",
                "0+1^: | 1+1:质量指标 | 2+1:优良率≥80%",
                "0+1:满意度 | 1+1:服务对象 | 2+1:指纹认证2万⏎Performance target of the",
            ]
        );
        assert!(t.rows.iter().all(|r| r.page == Some(1)));
        assert_eq!(t.rows[4].number, 5);
        assert_eq!(t.sheet, None);
    }

    /// A table over two pages: a page number at the foot of each page, the header row
    /// repeated, and a row split at the break (its description runs on).
    #[test]
    fn table_across_pages_with_split_row_and_repeated_header() {
        if !tools() {
            return;
        }
        let xs = [60.0, 140.0, 220.0, 380.0, 460.0];
        let header = ["一级指标", "二级指标", "指标描述", "指标值"];
        let mut pdf = TestPdf::new();
        pdf.page();
        pdf.grid(&xs, &[700.0, 720.0, 740.0, 770.0]);
        for (k, h) in header.iter().enumerate() {
            pdf.text(xs[k] + 3.0, 704.0, 10.0, h);
        }
        for (k, t) in ["产出指标", "数量指标", "养护里程", "≥320"]
            .iter()
            .enumerate()
        {
            pdf.text(xs[k] + 3.0, 724.0, 10.0, t);
        }
        for (k, t) in ["效果指标", "社会效益", "", "≥90"].iter().enumerate() {
            pdf.text(xs[k] + 3.0, 744.0, 10.0, t);
        }
        pdf.text(223.0, 744.0, 10.0, "在全国或全省产生的重要影响得到");
        pdf.text(223.0, 756.0, 10.0, "广大受众的充分认可和高度评价以");
        pdf.text(290.0, 812.0, 9.0, "- 1 -");
        pdf.page();
        pdf.grid(&xs, &[60.0, 80.0, 100.0, 120.0]);
        for (k, h) in header.iter().enumerate() {
            pdf.text(xs[k] + 3.0, 64.0, 10.0, h);
        }
        pdf.text(223.0, 84.0, 10.0, "及支持。");
        for (k, t) in ["满意度指标", "服务对象", "群众满意度", "≥95"]
            .iter()
            .enumerate()
        {
            pdf.text(xs[k] + 3.0, 104.0, 10.0, t);
        }
        pdf.text(290.0, 812.0, 9.0, "- 2 -");
        let blocks = blocks(&pdf.build()).unwrap();
        assert!(prose(&blocks).is_empty(), "{:?}", prose(&blocks));
        let ts = tables(&blocks);
        assert_eq!(ts.len(), 1);
        let rows: Vec<String> = ts[0].rows.iter().map(|r| row(&r.cells)).collect();
        assert_eq!(
            rows,
            [
                "0+1:一级指标 | 1+1:二级指标 | 2+1:指标描述 | 3+1:指标值",
                "0+1:产出指标 | 1+1:数量指标 | 2+1:养护里程 | 3+1:≥320",
                "0+1:效果指标 | 1+1:社会效益 | \
                 2+1:在全国或全省产生的重要影响得到广大受众的充分认可和高度评价以及支持。 | 3+1:≥90",
                "0+1:一级指标 | 1+1:二级指标 | 2+1:指标描述 | 3+1:指标值",
                "0+1:满意度指标 | 1+1:服务对象 | 2+1:群众满意度 | 3+1:≥95",
            ]
        );
        let pages: Vec<Option<usize>> = ts[0].rows.iter().map(|r| r.page).collect();
        assert_eq!(pages, [Some(1), Some(1), Some(1), Some(2), Some(2)]);
        let numbers: Vec<usize> = ts[0].rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn unruled_table_between_paragraphs() {
        if !tools() {
            return;
        }
        let mut pdf = TestPdf::new();
        pdf.page();
        let long = "根据预算法和财政部门关于预算公开的要求现将我局年度项目支出绩效目标公开如下各项";
        pdf.text(60.0, 80.0, 10.0, long);
        pdf.text(60.0, 94.0, 10.0, "目以下表为准。");
        let rows = [
            ["一级指标", "二级指标", "指标值"],
            ["产出指标", "数量指标", "≥320"],
            ["效益指标", "社会效益", "提升"],
            ["满意度指标", "服务对象", "≥95"],
        ];
        for (i, r) in rows.iter().enumerate() {
            for (k, t) in r.iter().enumerate() {
                pdf.text(60.0 + 140.0 * k as f64, 150.0 + 16.0 * i as f64, 10.0, t);
            }
        }
        pdf.text(60.0, 260.0, 10.0, "以上指标按年度考核。");
        let blocks = blocks(&pdf.build()).unwrap();
        assert_eq!(
            prose(&blocks),
            [
                format!("{long}目以下表为准。").as_str(),
                "以上指标按年度考核。"
            ]
        );
        assert!(matches!(blocks[1], Block::Table(_)));
        let t = tables(&blocks)[0];
        let got: Vec<String> = t.rows.iter().map(|r| row(&r.cells)).collect();
        assert_eq!(
            got,
            [
                "0+1:一级指标 | 1+1:二级指标 | 2+1:指标值",
                "0+1:产出指标 | 1+1:数量指标 | 2+1:≥320",
                "0+1:效益指标 | 1+1:社会效益 | 2+1:提升",
                "0+1:满意度指标 | 1+1:服务对象 | 2+1:≥95",
            ]
        );
    }

    #[test]
    fn a_pdf_without_text_is_a_scan() {
        if !tools() {
            return;
        }
        let mut pdf = TestPdf::new();
        pdf.page();
        pdf.fill(100.0, 100.0, 300.0, 400.0);
        let e = blocks(&pdf.build()).unwrap_err();
        assert!(e.message.starts_with("扫描件，无文字层："), "{}", e.message);
        let e = blocks(&fixture("bad/scan.pdf")).unwrap_err();
        assert!(e.message.starts_with("扫描件，无文字层："), "{}", e.message);
        assert!(!e.not_target);
    }

    #[test]
    fn encrypted_damaged_and_random_files_are_clear_errors() {
        if !tools() {
            return;
        }
        let mut pdf = TestPdf::new();
        pdf.text(60.0, 60.0, 10.0, "机密");
        pdf.encrypt = true;
        let e = blocks(&pdf.build()).unwrap_err();
        assert!(e.message.contains("已加密"), "{}", e.message);

        let e = blocks(b"PK\x03\x04 not a pdf").unwrap_err();
        assert!(e.message.contains("不是有效的 PDF 文件"), "{}", e.message);
        assert!(blocks(b"").is_err());

        let seed = fixture("seed.pdf");
        for cut in [
            10,
            1000,
            seed.len() / 3,
            seed.len() / 2,
            seed.len() * 9 / 10,
        ] {
            let e = blocks(&seed[..cut]).unwrap_err();
            assert!(e.message.contains("PDF"), "{cut}: {}", e.message);
        }
        // Only the end marker missing: poppler reads the file.
        assert!(blocks(&seed[..seed.len() - 6]).is_ok());
        // Random bytes after a valid header, and a valid file with random bytes inside.
        let mut state = 0x2545F4914F6CDD1Du64;
        let mut rnd = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        };
        let mut junk = b"%PDF-1.7\n".to_vec();
        junk.extend((0..20_000).map(|_| rnd()));
        assert!(blocks(&junk).is_err());
        let mut broken = seed.clone();
        for i in (2000..broken.len() - 2000).step_by(97) {
            broken[i] = rnd();
        }
        let _ = blocks(&broken);
    }

    #[test]
    fn prose_pdf_gives_prose_and_no_table() {
        if !tools() {
            return;
        }
        let blocks = blocks(&fixture("bad/prose.pdf")).unwrap();
        assert!(tables(&blocks).is_empty());
        let p = prose(&blocks);
        assert_eq!(p[0], "关于2024年部门预算编制工作的说明");
        assert_eq!(p[1], "一、预算编制的总体原则");
        assert!(p[2].starts_with("2024年部门预算编制坚持党政机关过紧日子的要求"));
        assert!(p[2].ends_with("非急需、非刚性支出一律压减。"), "{}", p[2]);
        assert_eq!(p.len(), 17);
        let e = crate::read::read(&fixture("bad/prose.pdf"), "prose.pdf", Some(Format::Pdf))
            .unwrap_err();
        assert!(e.not_target);
    }

    use crate::model::{Document, Format};

    fn texts(doc: &Document) -> Vec<Vec<String>> {
        let t = |f: &Option<crate::model::Field>| f.as_ref().map(|f| f.text.trim().to_string());
        doc.projects
            .iter()
            .flat_map(|p| {
                p.indicators.iter().map(|i| {
                    [&i.level1, &i.level2, &i.level3, &i.description, &i.value]
                        .into_iter()
                        .map(|f| t(f).unwrap_or_default())
                        .collect()
                })
            })
            .collect()
    }

    fn load(path: &str, format: Format) -> Document {
        let full = format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&full).unwrap();
        crate::read::read(&bytes, path, Some(format))
            .unwrap_or_else(|e| panic!("{path}: {}", e.message))
            .doc
    }

    /// The seed as PDF gives the projects of `fixtures/seed.yaml`: names, codes, goals and
    /// every indicator's 一级/二级/三级, description and value.
    #[test]
    fn seed_pdf_gives_the_seed_projects() {
        if !tools() {
            return;
        }
        let pdf = load("formats/seed.pdf", Format::Pdf);
        let yaml = load("seed.yaml", Format::Yaml);
        assert_eq!(pdf.projects.len(), 6);
        let names = |d: &Document| -> Vec<(String, String, Vec<String>)> {
            d.projects
                .iter()
                .map(|p| {
                    (
                        p.display_name().to_string(),
                        p.code.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
                        p.goals
                            .as_ref()
                            .map(|g| g.lines.iter().map(|l| l.text.clone()).collect())
                            .unwrap_or_default(),
                    )
                })
                .collect()
        };
        assert_eq!(names(&pdf), names(&yaml));
        assert_eq!(texts(&pdf), texts(&yaml));
        assert_eq!(
            pdf.department.as_ref().map(|d| d.text.trim()),
            Some("323002涞源县社会保险事业管理局")
        );
    }

    /// Every cell of the seed PDF equals the cell the text reader reads from the same document
    /// (`fixtures/seed.txt`), paragraph by paragraph, white space aside: a PDF keeps no
    /// leading or repeated spaces.
    #[test]
    fn seed_pdf_cells_equal_the_text_reader_cells() {
        if !tools() {
            return;
        }
        let squash = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
                .collect()
        };
        let src = crate::source::SourceFile::new(
            "seed.txt",
            std::fs::read_to_string(format!("{}/fixtures/seed.txt", env!("CARGO_MANIFEST_DIR")))
                .unwrap(),
        );
        let want: Vec<Vec<Vec<String>>> = crate::read::text::grid(&src)
            .unwrap()
            .iter()
            .flat_map(|t| t.rows.iter())
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.paragraphs.iter().map(|p| squash(&p.text)).collect())
                    .collect()
            })
            .collect();
        let got: Vec<Vec<Vec<String>>> = tables(&blocks(&fixture("seed.pdf")).unwrap())
            .iter()
            .flat_map(|t| t.rows.iter())
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.paragraphs.iter().map(|p| squash(p)).collect())
                    .collect()
            })
            .collect();
        // "数量  单位" is one paragraph that wrapped where its spaces were; "" cells in the
        // text are cells with no paragraph in the PDF.
        let norm = |rows: Vec<Vec<Vec<String>>>| -> Vec<Vec<String>> {
            rows.into_iter()
                .map(|r| r.into_iter().map(|c| c.concat()).collect())
                .collect()
        };
        assert_eq!(want.len(), got.len());
        for (i, (w, g)) in norm(want.clone()).iter().zip(norm(got.clone())).enumerate() {
            assert_eq!(w, &g, "row {i}");
        }
        // Paragraph structure too, where the text has more than one paragraph.
        for (w, g) in want.iter().zip(&got) {
            for (wc, gc) in w.iter().zip(g) {
                if wc.len() > 1 {
                    assert_eq!(wc, gc);
                }
            }
        }
    }

    #[test]
    fn long_table_continues_with_its_header_and_merges() {
        if !tools() {
            return;
        }
        let blocks = blocks(&fixture("long-table.pdf")).unwrap();
        assert_eq!(
            prose(&blocks),
            [
                "2024年度衔接推进乡村振兴补助资金项目绩效目标表",
                "一、项目基本情况",
                "二、绩效指标"
            ]
        );
        let ts = tables(&blocks);
        assert_eq!(ts.len(), 2);
        let t = ts[1];
        assert_eq!(t.rows.len(), 36);
        assert_eq!(t.rows[29].page, Some(1));
        assert_eq!(t.rows[30].page, Some(2));
        assert_eq!(row(&t.rows[30].cells), row(&t.rows[0].cells));
        // 效益指标 / 社会效益指标 continue across the break as merged cells.
        assert_eq!(
            row(&t.rows[31].cells),
            "0+1^: | 1+1^: | 2+1:防止返贫监测对象风险消除率 | 3+1:≥80 | 4+1:% | 5+1:省级考核要求"
        );
        let pdf = load("formats/long-table.pdf", Format::Pdf);
        let yaml = load("formats/long-table.yaml", Format::Yaml);
        assert_eq!(texts(&pdf), texts(&yaml));
        assert_eq!(
            pdf.projects[0].display_name(),
            yaml.projects[0].display_name()
        );
    }

    #[test]
    fn a_missing_tool_names_poppler_utils() {
        let fixture = fixture("long-table.pdf");
        let gone = Tool {
            program: "jxlint-no-such-pdftotext",
            ..PDFTOTEXT
        };
        let e = pages_with(&fixture, &gone, &PDFTOCAIRO).unwrap_err();
        assert!(e.message.contains("poppler-utils"), "{}", e.message);
        if tools() {
            let gone = Tool {
                program: "jxlint-no-such-pdftocairo",
                ..PDFTOCAIRO
            };
            let e = pages_with(&fixture, &PDFTOTEXT, &gone).unwrap_err();
            assert!(
                e.message.contains("apt-get install poppler-utils"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn pdf_is_a_read_format() {
        use std::path::Path;
        assert_eq!(
            crate::read::format_for_path(Path::new("a/B.PDF")),
            Some(Format::Pdf)
        );
        assert_eq!(crate::read::unsupported_extension(Path::new("x.pdf")), None);
    }
}
