//! Any bytes as a whole .docx file: the zip container's checks (entry count, declared sizes,
//! a lying header, encryption, the package relationships) before the XML.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::run(data, jxlint::model::Format::Docx);
});
