use std::io::Write;
use std::time::{Duration, Instant};

use super::*;
use crate::model::{Document, Field};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/fixtures/formats/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The blocks as text: `row: [col]text [col+width]text ↑(continued)`.
fn dump(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Prose(p) => out.push_str(&format!("PROSE {p}\n")),
            Block::Table(t) => {
                out.push_str(&format!("TABLE {}\n", t.sheet.as_deref().unwrap_or("-")));
                for r in &t.rows {
                    out.push_str(&format!("{}:", r.number));
                    for c in &r.cells {
                        let s = if c.continued {
                            "↑".to_string()
                        } else {
                            c.paragraphs.join("⏎")
                        };
                        if c.width > 1 {
                            out.push_str(&format!(" [{}+{}]{s}", c.col, c.width));
                        } else {
                            out.push_str(&format!(" [{}]{s}", c.col));
                        }
                    }
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn read_ok(bytes: &[u8], format: Format) -> String {
    dump(&blocks(bytes, format).unwrap())
}

fn read_err(bytes: &[u8], format: Format) -> String {
    blocks(bytes, format).unwrap_err().message
}

// ---------------------------------------------------------------------------------------------
// Cell text

#[test]
fn numbers_read_as_the_shortest_decimal() {
    for (v, s) in [
        (120.5, "120.5"),
        (25.0, "25"),
        (0.0, "0"),
        (-0.0, "0"),
        (32000.0, "32000"),
        (100.7, "100.7"),
        (19.8, "19.8"),
        (2350.6, "2350.6"),
        (1.2000000000000002, "1.2"),
        (0.1 + 0.2, "0.3"),
        (-3.25, "-3.25"),
        (0.05, "0.05"),
        (123456789012.0, "123456789012"),
        (1e20, "100000000000000000000"),
        (1e21, "1E+21"),
        (1.5e22, "1.5E+22"),
        (0.000001, "0.000001"),
        (1.5e-10, "1.5E-10"),
        (f64::NAN, "#NUM!"),
    ] {
        assert_eq!(shortest(v), s, "{v}");
    }
}

#[test]
fn percentages_read_as_displayed() {
    for (v, d, s) in [
        (0.75, 0, "75%"),
        (0.95, 0, "95%"),
        (1.0, 0, "100%"),
        (0.0, 0, "0%"),
        (0.955, 0, "96%"), // half away from zero, as Excel rounds
        (0.945, 0, "95%"),
        (0.12345, 2, "12.35%"),
        (0.5, 2, "50.00%"),
        (0.075, 1, "7.5%"),
        (0.9999999, 0, "100%"),
        (-0.05, 0, "-5%"),
        (-0.001, 0, "0%"),
        (0.0004, 0, "0%"),
        (12.0, 0, "1200%"),
        (0.000123, 3, "0.012%"),
    ] {
        assert_eq!(percent_text(v, d), s, "{v} {d}");
    }
    for (code, d) in [
        ("0%", Some(0)),
        ("0.00%", Some(2)),
        ("#,##0.0%;[Red]-#,##0.0%", Some(1)),
        ("0.0\"%\"", None), // a literal percent sign: no ×100
        ("0\\%", None),
        ("[$-804]0%", Some(0)),
        ("General", None),
        ("0.00", None),
        ("@", None),
        ("0;0%", None), // the first section decides
    ] {
        assert_eq!(percent_decimals(code), d, "{code}");
    }
}

#[test]
fn dates_booleans_and_errors() {
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
    let dt = |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
    assert_eq!(data_text(&dt(45292.0), None), "2024-01-01");
    assert_eq!(data_text(&dt(45292.5), None), "2024-01-01 12:00:00");
    assert_eq!(data_text(&dt(0.75), None), "18:00:00");
    let d1904 = Data::DateTime(ExcelDateTime::new(0.0, ExcelDateTimeType::DateTime, true));
    assert_eq!(data_text(&d1904, None), "1904-01-01");
    let dur = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
    assert_eq!(data_text(&dur, None), "36:00:00");
    assert_eq!(data_text(&dt(-5.0), None), "-5");
    assert_eq!(data_text(&dt(f64::INFINITY), None), "#NUM!");
    assert_eq!(
        data_text(&Data::DateTimeIso("2024-03-01".into()), None),
        "2024-03-01"
    );
    assert_eq!(
        data_text(&Data::DateTimeIso("2024-03-01T10:30:00".into()), None),
        "2024-03-01 10:30:00"
    );
    assert_eq!(
        data_text(&Data::DateTimeIso("2024-03-01T00:00:00".into()), None),
        "2024-03-01"
    );
    assert_eq!(
        data_text(&Data::DurationIso("PT10H30M00S".into()), None),
        "10:30:00"
    );
    assert_eq!(data_text(&Data::Bool(true), None), "TRUE");
    assert_eq!(data_text(&Data::Bool(false), None), "FALSE");
    assert_eq!(data_text(&Data::Error(CellErrorType::NA), None), "#N/A");
    assert_eq!(
        data_text(&Data::Error(CellErrorType::Div0), None),
        "#DIV/0!"
    );
    assert_eq!(data_text(&Data::Int(7), Some(0)), "700%");
}

// ---------------------------------------------------------------------------------------------
// Layout

/// A merged range by its corners.
type Corners = ((u32, u32), (u32, u32));

fn sheet(cells: &[(u32, u32, &str)], merges: &[Corners]) -> Sheet {
    Sheet {
        name: "S".into(),
        cells: cells
            .iter()
            .map(|&(r, c, t)| (r, c, t.to_string()))
            .collect(),
        merges: merges
            .iter()
            .filter_map(|&(a, b)| Rect::new(a, b))
            .collect(),
    }
}

fn lay(s: Sheet) -> String {
    dump(&layout(vec![s]).unwrap())
}

#[test]
fn rows_and_columns_as_the_sheet_numbers_them() {
    // Table from column B, row 3; an empty cell inside a row is kept; row 5 is empty.
    let s = sheet(
        &[
            (2, 1, "一级指标"),
            (2, 3, "指标值"),
            (3, 1, "产出指标"),
            (3, 2, "人数"),
            (5, 2, "120"),
        ],
        &[],
    );
    assert_eq!(
        lay(s),
        "TABLE S\n3: [1]一级指标 [2] [3]指标值\n4: [1]产出指标 [2]人数\n6: [1] [2]120\n"
    );
}

#[test]
fn merged_ranges_become_one_cell_and_continued_cells() {
    let s = sheet(
        &[
            (0, 0, "标题"),
            (0, 3, "hidden under the title"),
            (1, 0, "产出指标"),
            (1, 1, "数量"),
            (2, 1, "质量"),
            (2, 0, "hidden under 产出指标"),
            (3, 1, "时效"),
        ],
        &[((0, 0), (0, 3)), ((1, 0), (3, 0)), ((3, 2), (1, 2))],
    );
    assert_eq!(
        lay(s),
        "TABLE S\n1: [0+4]标题\n2: [0]产出指标 [1]数量 [2]\n3: [0]↑ [1]质量 [2]↑\n4: [0]↑ [1]时效 [2]↑\n"
    );
}

#[test]
fn a_merged_range_first_shown_below_its_top_row_is_not_continued() {
    // A1:A3 merged and empty; row 1 has nothing else: the range first shows in row 2.
    let s = sheet(&[(1, 1, "x"), (2, 1, "y")], &[((0, 0), (2, 0))]);
    assert_eq!(lay(s), "TABLE S\n2: [0] [1]x\n3: [0]↑ [1]y\n");
}

#[test]
fn overlapping_merges_keep_the_first() {
    let s = sheet(
        &[(0, 0, "a"), (1, 1, "b"), (2, 2, "c")],
        &[
            ((0, 0), (1, 1)),
            ((1, 1), (2, 2)),
            ((0, 0), (1, 1)),
            ((1, 0), (5, 0)),
        ],
    );
    assert_eq!(lay(s), "TABLE S\n1: [0+2]a\n3: [0] [1] [2]c\n");
}

#[test]
fn paragraphs_of_a_cell() {
    let s = sheet(&[(0, 0, "1、甲\n2、乙\r\n\n3、丙  ")], &[]);
    let b = layout(vec![s]).unwrap();
    let Block::Table(t) = &b[0] else { panic!() };
    assert_eq!(
        t.rows[0].cells[0].paragraphs,
        ["1、甲", "2、乙", "", "3、丙  "]
    );
}

#[test]
fn far_apart_cells_are_not_a_dense_grid() {
    // A1 and XFD1048576: two rows; the wide gap before XFD is one empty cell.
    let s = sheet(&[(0, 0, "a"), (MAX_ROW, MAX_COL, "z")], &[]);
    let t = Instant::now();
    assert_eq!(lay(s), "TABLE S\n1: [0]a\n1048576: [0+16383] [16383]z\n");
    assert!(t.elapsed() < Duration::from_secs(1));
    // Narrow gaps stay single empty cells.
    let s = sheet(&[(0, 0, "a"), (0, 3, "b")], &[]);
    assert_eq!(lay(s), "TABLE S\n1: [0]a [1] [2] [3]b\n");
}

#[test]
fn many_cells_and_tall_merges_are_bounded() {
    let merges: Vec<Rect> = (0..MAX_COL)
        .filter_map(|c| Rect::new((0, c), (MAX_ROW, c)))
        .collect();
    // A visible cell right of 16383 full-height merged columns in each of 2000 rows: every row
    // has 16384 cells, past the cell limit.
    let s = Sheet {
        name: "S".into(),
        cells: (0..2000).map(|r| (r, MAX_COL, "x".to_string())).collect(),
        merges: merges.clone(),
    };
    let t = Instant::now();
    let e = layout(vec![s]).unwrap_err();
    assert!(
        e.message.contains("表格单元格超过 500000 个的上限"),
        "{}",
        e.message
    );
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    // Cells hidden under those ranges: looked at, never shown.
    let s = Sheet {
        name: "S".into(),
        cells: (0..100_000).map(|r| (r, 1, "x".to_string())).collect(),
        merges,
    };
    let t = Instant::now();
    let out = lay(s);
    assert!(
        out.starts_with("TABLE S\n1: [0] [1]x [2] [3]"),
        "{}",
        &out[..40]
    );
    assert_eq!(out.lines().count(), 2);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
}

// ---------------------------------------------------------------------------------------------
// Synthetic workbooks

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An .xlsx with the given sheets (name, state, sheetData/mergeCells XML) and number formats
/// (`<numFmt>` elements; the cell styles are `cellXfs`: 0 General, 1 `0%`, 2 `0.00%`, 3 date,
/// 4 numFmt 164, 5 numFmt 165).
fn xlsx(sheets: &[(&str, &str, &str)], num_fmts: &str) -> Vec<u8> {
    let mut workbook = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, state, data)) in sheets.iter().enumerate() {
        let n = i + 1;
        workbook.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        files.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{data}</worksheet>"#
            )
            .into_bytes(),
        ));
    }
    workbook.push_str("</sheets></workbook>");
    rels.push_str(
        r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>{num_fmts}</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", root_rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
    ];
    for (n, d) in &files {
        parts.push((n, d));
    }
    zip_of(&parts)
}

fn s(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>"#)
}

fn n(r: &str, style: u32, v: &str) -> String {
    format!(r#"<c r="{r}" s="{style}"><v>{v}</v></c>"#)
}

#[test]
fn xlsx_values_as_the_sheet_shows_them() {
    let row1 = [
        s("A1", "一级指标"),
        n("B1", 0, "120.5"),
        n("C1", 0, "1.2000000000000002"),
        n("D1", 1, "0.95"),
        n("E1", 2, "0.12345"),
        n("F1", 3, "45292"),
        r#"<c r="G1" t="b"><v>1</v></c>"#.to_string(),
        r#"<c r="H1" t="e"><v>#N/A</v></c>"#.to_string(),
        n("I1", 4, "0.075"),
        n("J1", 5, "0.5"),
    ]
    .concat();
    let row2 = [
        s("A2", "1、甲&#10;2、乙"),
        n("B2", 0, "25"),
        r#"<c r="C2" t="str"><f>A1</f><v>公式结果</v></c>"#.to_string(),
        r#"<c r="D2" s="1"/>"#.to_string(),
    ]
    .concat();
    let data = format!(
        r#"<sheetData><row r="1">{row1}</row><row r="2">{row2}</row><row r="3"><c r="A3" s="1"/></row></sheetData>"#
    );
    let fmts = r#"<numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/>"#;
    let b = xlsx(&[("表", "visible", &data)], fmts);
    assert_eq!(
        read_ok(&b, Format::Xlsx),
        "TABLE 表\n1: [0]一级指标 [1]120.5 [2]1.2 [3]95% [4]12.35% [5]2024-01-01 [6]TRUE [7]#N/A [8]7.5% [9]0.5\n2: [0]1、甲⏎2、乙 [1]25 [2]公式结果\n"
    );
}

#[test]
fn xlsx_sheets_in_order_hidden_ones_skipped() {
    let one = format!(
        r#"<sheetData><row r="2">{}</row></sheetData>"#,
        s("B2", "一")
    );
    let two = format!(
        r#"<sheetData><row r="1">{}</row></sheetData>"#,
        s("A1", "二")
    );
    let three = format!(
        r#"<sheetData><row r="1">{}</row></sheetData>"#,
        s("A1", "三")
    );
    let b = xlsx(
        &[
            ("第二", "visible", &two),
            ("隐藏", "hidden", &three),
            ("第一", "visible", &one),
            ("空", "visible", "<sheetData/>"),
        ],
        "",
    );
    assert_eq!(
        read_ok(&b, Format::Xlsx),
        "TABLE 第二\n1: [0]二\nTABLE 第一\n2: [1]一\n"
    );
}

#[test]
fn xlsx_merges_from_the_sheet() {
    let data = format!(
        r#"<sheetData><row r="1">{}{}</row><row r="2">{}{}</row><row r="3">{}</row></sheetData><mergeCells count="2"><mergeCell ref="A1:A3"/><mergeCell ref="C1:D1"/></mergeCells>"#,
        s("A1", "产出指标"),
        s("C1", "标题"),
        s("B2", "数量"),
        s("A2", "hidden"),
        s("B3", "质量"),
    );
    let b = xlsx(&[("S", "visible", &data)], "");
    assert_eq!(
        read_ok(&b, Format::Xlsx),
        "TABLE S\n1: [0]产出指标 [1] [2+2]标题\n2: [0]↑ [1]数量\n3: [0]↑ [1]质量\n"
    );
}

/// Found by the xlsx_reader fuzz target: a merged range or a dimension written from its
/// bottom-right corner ("A3:A1") made calamine subtract with overflow, which panics where
/// overflow is checked (debug and test builds: the workbook was refused as damaged). It reads
/// as the range it names.
#[test]
fn xlsx_ranges_written_backwards() {
    let data = format!(
        r#"<dimension ref="D3:A1"/><sheetData><row r="1">{}{}</row><row r="2">{}</row><row r="3">{}</row></sheetData><mergeCells count="2"><mergeCell ref="A3:A1"/><mergeCell ref="D1:C1"/></mergeCells>"#,
        s("A1", "产出指标"),
        s("C1", "标题"),
        s("B2", "数量"),
        s("B3", "质量"),
    );
    let b = xlsx(&[("S", "visible", &data)], "");
    assert_eq!(
        read_ok(&b, Format::Xlsx),
        "TABLE S\n1: [0]产出指标 [1] [2+2]标题\n2: [0]↑ [1]数量\n3: [0]↑ [1]质量\n"
    );
}

/// Found by the xlsx_reader fuzz target: a cell reference with a column name of many letters
/// or a row number of many digits overflowed calamine's arithmetic (a panic where overflow is
/// checked). The cell is read, at a place the sheet's edges clamp; the other cells are kept.
#[test]
fn xlsx_cell_reference_with_a_huge_column_or_row() {
    let data = format!(
        r#"<sheetData><row r="1">{}{}</row></sheetData>"#,
        s("A1", "一级指标"),
        s("ZZZZZZZZZZZZZZZZ1", "远"),
    );
    let b = xlsx(&[("S", "visible", &data)], "");
    let out = read_ok(&b, Format::Xlsx);
    assert!(out.starts_with("TABLE S\n1: [0]一级指标 "), "{out}");
    assert!(out.ends_with("远\n"), "{out}");
    let data = format!(
        r#"<sheetData><row r="1">{}</row><row>{}</row></sheetData>"#,
        s("A1", "一级指标"),
        s("B99999999999", "远"),
    );
    let b = xlsx(&[("S", "visible", &data)], "");
    let out = read_ok(&b, Format::Xlsx);
    assert!(out.starts_with("TABLE S\n1: [0]一级指标\n"), "{out}");
    assert!(out.ends_with("[1]远\n"), "{out}");
}

#[test]
fn xlsx_far_cell_is_streamed_not_made_dense() {
    let data = format!(
        r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1">{}</row><row r="1048576">{}</row></sheetData>"#,
        s("A1", "a"),
        s("B1048576", "z"),
    );
    let b = xlsx(&[("S", "visible", &data)], "");
    let t = Instant::now();
    assert_eq!(
        read_ok(&b, Format::Xlsx),
        "TABLE S\n1: [0]a\n1048576: [0] [1]z\n"
    );
    assert!(t.elapsed() < Duration::from_secs(1));
}

// ---------------------------------------------------------------------------------------------
// Zip safety

/// Set the declared uncompressed size (local and central headers) of every entry whose name
/// starts with `prefix`.
fn declare_size(mut zip: Vec<u8>, prefix: &str, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 46 <= zip.len() {
        let (name_at, len_at, size_at, head) = match &zip[i..i + 4] {
            b"PK\x03\x04" => (i + 30, i + 26, i + 22, 30),
            b"PK\x01\x02" => (i + 46, i + 28, i + 24, 46),
            _ => {
                i += 1;
                continue;
            }
        };
        let n = u16::from_le_bytes([zip[len_at], zip[len_at + 1]]) as usize;
        if zip[name_at..name_at + n].starts_with(prefix.as_bytes()) {
            zip[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += head;
    }
    zip
}

#[test]
fn zip_bomb_refused_before_inflation() {
    let data = format!(
        r#"<sheetData><row r="1">{}</row></sheetData>"#,
        s("A1", "a")
    );
    let good = xlsx(&[("S", "visible", &data)], "");
    // Declared sizes add up past 200 MiB: refused from the central directory alone.
    let e = read_err(&declare_size(good, "", 50 * 1024 * 1024), Format::Xlsx);
    assert!(e.contains("超过了 200 MiB 的上限"), "{e}");
    // A sheet that inflates past its declared size (8 MiB of spaces declared as 1000 bytes):
    // the zip crate stops at the declared size, so nothing ever inflates further than the
    // 200 MiB declared in all.
    let padded = format!("{data}{}", " ".repeat(8 << 20));
    let bomb = xlsx(&[("S", "visible", &padded)], "");
    assert!(bomb.len() < 100 * 1024);
    assert_eq!(read_ok(&bomb, Format::Xlsx), "TABLE S\n1: [0]a\n");
    let t = Instant::now();
    let e = read_err(&declare_size(bomb, "xl/worksheets/", 1000), Format::Xlsx);
    assert!(e.contains("压缩包里的内容比它声明的大小还大"), "{e}");
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
}

#[test]
fn zip_with_too_many_entries() {
    let names: Vec<String> = (0..10_001).map(|i| format!("x/{i}")).collect();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for n in &names {
        w.start_file(n.as_str(), opts).unwrap();
    }
    let e = read_err(&w.finish().unwrap().into_inner(), Format::Xlsx);
    assert!(e.contains("10001 个文件，超过了 10000 个的上限"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Damaged and foreign files

#[test]
fn damaged_and_foreign_files_give_clear_errors() {
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    for (bytes, format, needle) in [
        (
            random.clone(),
            Format::Xlsx,
            "不是有效的 .xlsx 文件（既不是压缩包也不是 Office 文档",
        ),
        (Vec::new(), Format::Ods, "不是有效的 .ods 文件（文件为空）"),
        (
            fixture("per-sheet.xlsx")[..3000].to_vec(),
            Format::Xlsx,
            "压缩包已损坏或不完整",
        ),
        (
            b"<html><body><table><tr><td>1</td></tr></table></body></html>".to_vec(),
            Format::Xls,
            "这是网页（HTML）文件",
        ),
        (
            fixture("two-tables.docx"),
            Format::Xlsx,
            "这是 Word 文档（.docx）",
        ),
        (
            fixture("seed.doc"),
            Format::Xls,
            "这是 Word 97-2003 文档（.doc）",
        ),
        (
            fixture("per-sheet.xls")[..2000].to_vec(),
            Format::Xls,
            "文件不完整",
        ),
        (
            zip_of(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", b"<x/>"),
            ]),
            Format::Ods,
            "不是有效的 .ods 文件：这是 OpenDocument 文本文档（.odt），不是电子表格",
        ),
    ] {
        let e = read_err(&bytes, format);
        assert!(e.contains(needle), "{needle}: {e}");
    }
    // An .xls saved with an .xlsx name is read as what it is.
    assert_eq!(
        read_ok(&fixture("per-sheet.xls"), Format::Xlsx),
        read_ok(&fixture("per-sheet.xlsx"), Format::Xlsx)
    );
}

/// Truncations and byte changes of every fixture: an error or a result, never a panic or a
/// hang, every read in well under a second.
#[test]
fn truncated_and_mutated_files_never_panic() {
    let mut worst = Duration::ZERO;
    for (f, format) in [
        ("per-sheet.xlsx", Format::Xlsx),
        ("per-sheet.xls", Format::Xls),
        ("per-sheet.ods", Format::Ods),
        ("mid-term.xlsx", Format::Xlsx),
    ] {
        let good = fixture(f);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut inputs: Vec<Vec<u8>> = (0..good.len())
            .step_by(good.len() / 97 + 1)
            .map(|k| good[..k].to_vec())
            .collect();
        for _ in 0..300 {
            let mut b = good.clone();
            for _ in 0..1 + next() % 8 {
                let at = (next() % b.len() as u64) as usize;
                b[at] = next() as u8;
            }
            inputs.push(b);
        }
        for b in inputs {
            let t = Instant::now();
            let r = std::panic::catch_unwind(|| blocks(&b, format));
            assert!(r.is_ok(), "{f}: a panic escaped");
            worst = worst.max(t.elapsed());
        }
    }
    assert!(worst < Duration::from_secs(2), "slowest read {worst:?}");
}

// ---------------------------------------------------------------------------------------------
// Hostile .xls (compound file and BIFF records)

/// Offset of sector `id` in a 512-byte-sector compound file.
fn sector_at(id: u32) -> usize {
    512 + id as usize * 512
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

#[test]
fn xls_with_a_looping_directory_chain() {
    let mut b = fixture("per-sheet.xls");
    let dir_start = le32(&b, 48);
    let fat0 = le32(&b, 76);
    let at = sector_at(fat0) + dir_start as usize * 4;
    b[at..at + 4].copy_from_slice(&dir_start.to_le_bytes());
    let t = Instant::now();
    let e = read_err(&b, Format::Xls);
    assert!(e.contains("Office 文件结构已损坏"), "{e}");
    assert!(t.elapsed() < Duration::from_secs(1));
}

#[test]
fn xls_with_a_chain_out_of_the_file() {
    let mut b = fixture("per-sheet.xls");
    b[48..52].copy_from_slice(&0x00FF_FFF0u32.to_le_bytes());
    let e = read_err(&b, Format::Xls);
    assert!(e.contains("Office 文件结构已损坏"), "{e}");
}

/// Find a BIFF record (type, length) in the file's bytes.
fn find_record(b: &[u8], typ: u16, len: u16) -> usize {
    let mut pat = typ.to_le_bytes().to_vec();
    pat.extend(len.to_le_bytes());
    b.windows(4).position(|w| w == pat).expect("record")
}

#[test]
fn xls_with_a_huge_dimensions_record() {
    let mut b = fixture("per-sheet.xls");
    let at = find_record(&b, 0x0200, 14) + 4;
    b[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
    b[at + 4..at + 8].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let e = read_err(&b, Format::Xls);
    assert!(e.contains("已用区域"), "{e}");
    // First row after the last: calamine's subtraction would wrap.
    let mut b = fixture("per-sheet.xls");
    b[at..at + 4].copy_from_slice(&50u32.to_le_bytes());
    b[at + 4..at + 8].copy_from_slice(&10u32.to_le_bytes());
    let e = read_err(&b, Format::Xls);
    assert!(e.contains("已用区域"), "{e}");
}

#[test]
fn xls_with_a_far_cell() {
    // An RK number moved to row 65535, column 255: the used area of the sheet is 65536 × 256.
    let mut b = fixture("per-sheet.xls");
    let at = find_record(&b, 0x027E, 10) + 4;
    b[at..at + 2].copy_from_slice(&0xFFFFu16.to_le_bytes());
    b[at + 2..at + 4].copy_from_slice(&0x00FFu16.to_le_bytes());
    let e = read_err(&b, Format::Xls);
    assert!(e.contains("已用区域"), "{e}");
}

#[test]
fn xls_with_a_sheet_beyond_the_stream() {
    let mut b = fixture("per-sheet.xls");
    // BoundSheet8: type 0x0085, length 8 + name; its data starts with the sheet's offset,
    // then the visibility (0..2) and the sheet type (0).
    let at = (0..b.len() - 10)
        .find(|&i| {
            b[i] == 0x85
                && b[i + 1] == 0
                && b[i + 2] >= 8
                && b[i + 3] == 0
                && b[i + 8] <= 2
                && b[i + 9] == 0
        })
        .expect("BoundSheet8")
        + 4;
    b[at..at + 4].copy_from_slice(&0x0FFF_FFFFu32.to_le_bytes());
    let e = read_err(&b, Format::Xls);
    assert!(e.contains("工作簿记录已损坏"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Hostile .ods

fn ods(table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{table}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
    ])
}

#[test]
fn ods_merges_repeats_and_percentages() {
    let b = ods(concat!(
        r#"<table:table table:name="表1">"#,
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-columns-repeated="2"/>"#,
        r#"<table:table-cell office:value-type="string" table:number-columns-spanned="2" table:number-rows-spanned="2"><text:p>标题</text:p></table:table-cell>"#,
        r#"<table:covered-table-cell/><table:table-cell office:value-type="percentage" office:value="0.755"><text:p>75.5%</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row><table:table-cell/><table:table-cell office:value-type="float" office:value="120.5"><text:p>120.50</text:p></table:table-cell>"#,
        r#"<table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="percentage" office:value="0.5" table:number-columns-repeated="2"><text:p>50%</text:p></table:table-cell></table:table-row>"#,
        r#"</table:table>"#,
    ));
    assert_eq!(
        read_ok(&b, Format::Ods),
        "TABLE 表1\n3: [0] [1] [2+2]标题 [4]75.5%\n4: [0] [1]120.5 [2+2]↑ [4]TRUE\n5: [0]50% [1]50%\n6: [0]50% [1]50%\n7: [0]50% [1]50%\n"
    );
}

#[test]
fn ods_huge_repeats_are_refused_before_calamine() {
    let b = ods(concat!(
        r#"<table:table table:name="S">"#,
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#,
        r#"</table:table>"#,
    ));
    let t = Instant::now();
    let e = read_err(&b, Format::Ods);
    assert!(e.contains("已用区域"), "{e}");
    assert!(t.elapsed() < Duration::from_secs(1));
}

// ---------------------------------------------------------------------------------------------
// The fixtures

#[test]
fn per_sheet_reads_the_same_from_xlsx_xls_and_ods() {
    let x = read_ok(&fixture("per-sheet.xlsx"), Format::Xlsx);
    assert_eq!(read_ok(&fixture("per-sheet.xls"), Format::Xls), x);
    assert_eq!(read_ok(&fixture("per-sheet.ods"), Format::Ods), x);
    // Numbers, percentages, merged ranges (A10:A14, B12:B13) and text that looks like a number.
    for line in [
        "1: [0+6]项目支出绩效目标表\n",
        "2: [0] [1] [2] [3] [4] [5]金额单位：万元\n",
        "5: [0]项目资金 [1]资金总额 [2+4]120.5\n",
        "6: [0]↑ [1]财政资金 [2+4]100.7\n",
        "12: [0]↑ [1]质量指标 [2]重点人群签约覆盖率 [3]75% [4]% [5]省级考核要求\n",
        "13: [0]↑ [1]↑ [2]签约居民健康档案规范建档率 [3]≥90 [4]% [5]国家基本公共卫生服务规范\n",
        "5: [0]项目资金 [1]资金总额 [2+4]86.40\n",
    ] {
        assert!(x.contains(line), "{line}");
    }
}

/// Every field the twins hold, one per line (absent and empty alike).
fn canon(doc: &Document) -> Vec<String> {
    let t = |f: &Option<Field>| f.as_ref().map(|f| f.text.clone()).unwrap_or_default();
    let mut out = vec![
        format!("department {}", t(&doc.department)),
        format!("unit {}", t(&doc.unit)),
        format!("projects {}", doc.projects.len()),
    ];
    for (i, p) in doc.projects.iter().enumerate() {
        let n = i + 1;
        out.push(format!("P{n} name {}", t(&p.name)));
        out.push(format!("P{n} code {}", t(&p.code)));
        out.push(format!("P{n} total {}", t(&p.budget.total)));
        out.push(format!("P{n} fiscal {}", t(&p.budget.fiscal)));
        out.push(format!("P{n} other {}", t(&p.budget.other)));
        for l in p.goals.iter().flat_map(|g| &g.lines) {
            out.push(format!("P{n} goal {}", l.text));
        }
        for q in p.schedule.iter().flat_map(|s| &s.periods) {
            out.push(format!("P{n} schedule {} = {}", q.label.text, q.value.text));
        }
        for (k, ind) in p.indicators.iter().enumerate() {
            for (name, f) in ind.cells() {
                out.push(format!("P{n}.{} {} {}", k + 1, name.as_str(), t(f)));
            }
        }
    }
    out
}

fn twin(path: &str) -> Document {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let src = crate::source::SourceFile::new(path, text);
    crate::read::yaml::read(&src).unwrap()
}

fn extract(file: &str, format: Format) -> Document {
    crate::read::read(&fixture(file), file, Some(format))
        .unwrap()
        .doc
}

/// The lines where the two differ.
fn diff(got: &[String], want: &[String]) -> Vec<String> {
    (0..got.len().max(want.len()))
        .filter_map(|k| {
            let g = got.get(k).map(String::as_str).unwrap_or("∅");
            let w = want.get(k).map(String::as_str).unwrap_or("∅");
            (g != w).then(|| format!("got  {g}\nwant {w}"))
        })
        .collect()
}

#[test]
fn per_sheet_gives_the_twin_in_every_format() {
    let want = canon(&twin("fixtures/formats/per-sheet.yaml"));
    for (f, format) in [
        ("per-sheet.xlsx", Format::Xlsx),
        ("per-sheet.xls", Format::Xls),
        ("per-sheet.ods", Format::Ods),
    ] {
        let d = diff(&canon(&extract(f, format)), &want);
        assert!(d.is_empty(), "{f}:\n{}", d.join("\n"));
    }
}

/// The seed, the stacked projects and the 年度/中期 table give their twins exactly (the
/// recogniser gives a merged cell to the first header column it covers, stops a project's
/// indicators at the next project's title row, and keeps 项目编码 below 项目名称 in the same
/// project).
#[test]
fn seed_stacked_and_mid_term_give_their_twins() {
    for (f, twin_path) in [
        ("seed.xlsx", "fixtures/seed.yaml"),
        ("stacked.xlsx", "fixtures/formats/stacked.yaml"),
        ("mid-term.xlsx", "fixtures/formats/mid-term.yaml"),
    ] {
        let d = diff(&canon(&extract(f, Format::Xlsx)), &canon(&twin(twin_path)));
        assert!(d.is_empty(), "{f}:\n{}", d.join("\n"));
    }
}

/// Damage inside the zipped parts (cut, bytes replaced by XML punctuation, spans deleted) of
/// .xlsx and .ods files, re-zipped: an error or a result, never a panic, each read fast.
#[test]
fn damaged_parts_never_panic() {
    let mut worst = Duration::ZERO;
    for (f, format) in [
        ("per-sheet.xlsx", Format::Xlsx),
        ("per-sheet.ods", Format::Ods),
    ] {
        let good = fixture(f);
        let mut z = zip::ZipArchive::new(Cursor::new(&good[..])).unwrap();
        let parts: Vec<(String, Vec<u8>)> = (0..z.len())
            .map(|i| {
                let mut e = z.by_index(i).unwrap();
                let mut v = Vec::new();
                std::io::Read::read_to_end(&mut e, &mut v).unwrap();
                (e.name().unwrap().to_string(), v)
            })
            .collect();
        let mut seed = 0x1234_5678_9abc_def1u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..150 {
            let mut ps = parts.clone();
            let k = (next() % ps.len() as u64) as usize;
            let v = &mut ps[k].1;
            if v.is_empty() {
                continue;
            }
            let at = (next() % v.len() as u64) as usize;
            match next() % 3 {
                0 => v.truncate(at),
                1 => {
                    for _ in 0..1 + next() % 6 {
                        let at = (next() % v.len() as u64) as usize;
                        v[at] = b"<>/\"=0123456789 :\n"[(next() % 18) as usize];
                    }
                }
                _ => {
                    let end = (at + (next() % 50) as usize).min(v.len());
                    v.drain(at..end);
                }
            }
            let refs: Vec<(&str, &[u8])> = ps.iter().map(|(n, d)| (n.as_str(), &d[..])).collect();
            let b = zip_of(&refs);
            let t = Instant::now();
            let r = std::panic::catch_unwind(|| blocks(&b, format));
            assert!(r.is_ok(), "{f}: a panic escaped");
            worst = worst.max(t.elapsed());
        }
    }
    assert!(worst < Duration::from_secs(2), "slowest read {worst:?}");
}

#[test]
fn encrypted_workbooks_are_named() {
    // An encrypted .xlsx is a compound file with an EncryptedPackage stream: rename the
    // Workbook stream of an .xls to stand for one.
    let mut b = fixture("per-sheet.xls");
    let name: Vec<u8> = "Workbook"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let at = b.windows(name.len()).position(|w| w == name).unwrap();
    let enc: Vec<u8> = "EncryptedPackage\0"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    b[at..at + enc.len()].copy_from_slice(&enc);
    let e = read_err(&b, Format::Xlsx);
    assert!(e.contains("文件有密码保护"), "{e}");
}

#[test]
fn extensions() {
    use std::path::Path;
    let f = |p: &str| crate::read::format_for_path(Path::new(p));
    assert_eq!(f("a.xlsx"), Some(Format::Xlsx));
    assert_eq!(f("a.XLSM"), Some(Format::Xlsx));
    assert_eq!(f("a.xls"), Some(Format::Xls));
    assert_eq!(f("a.ods"), Some(Format::Ods));
    assert_eq!(
        crate::read::unsupported_extension(Path::new("a.et")).as_deref(),
        Some("et")
    );
}
