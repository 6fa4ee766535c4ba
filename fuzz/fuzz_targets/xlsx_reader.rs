//! Any bytes as the parts of an .xlsx built in memory: split at NUL bytes (which XML cannot
//! hold) into the worksheet, the shared strings and the styles of a one-sheet workbook; a part
//! not given is left out. Through every rule and every output format.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="项目1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const PARTS: [&str; 3] = [
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
];

fuzz_target!(init: common::let_calamine_panics_unwind(), |data: &[u8]| {
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ];
    for (name, part) in PARTS.iter().zip(data.splitn(PARTS.len(), |&b| b == 0)) {
        entries.push((name, part));
    }
    let xlsx = common::zip_of(&entries);
    common::run(&xlsx, jxlint::model::Format::Xlsx);
});
