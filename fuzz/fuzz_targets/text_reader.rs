//! Any bytes as a Word-text document: decode, read, run every rule, render every format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    run(data, jxlint::model::Format::Text);
});

fn run(data: &[u8], format: jxlint::model::Format) {
    let input = jxlint::Input::Stdin {
        text: data.to_vec(),
        format: Some(format),
    };
    let report = jxlint::check(&[input], &jxlint::Options::default());
    let _ = jxlint::report::human(&report, false);
    let _ = jxlint::report::concise(&report);
    let _ = jxlint::report::json(&report);
}
