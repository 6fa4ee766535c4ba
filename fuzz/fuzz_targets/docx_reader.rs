//! Any bytes as the main part (`word/document.xml`) of a .docx built in memory (a valid zip with
//! the package relationships), through every rule and every output format. Raw bytes as the
//! whole .docx would rarely get past the zip's checksums; `docx_zip` covers the container.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fuzz_target!(|data: &[u8]| {
    let docx = common::zip_of(&[("_rels/.rels", RELS), ("word/document.xml", data)]);
    common::run(&docx, jxlint::model::Format::Docx);
});
