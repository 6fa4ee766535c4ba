//! Any bytes as a web page (.html, or an .mht archive): encoding detection, tokenizing, table
//! layout with rowspan/colspan, every rule, every output format.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::run(data, jxlint::model::Format::Html);
});
