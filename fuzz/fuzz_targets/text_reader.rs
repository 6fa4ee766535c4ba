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
    let _ = jxlint::report::Emitter::emit(&jxlint::report::Human { color: false }, &report);
    let _ = jxlint::report::Emitter::emit(&jxlint::report::Concise, &report);
    let _ = jxlint::report::Emitter::emit(&jxlint::report::Json, &report);
}
