//! Any bytes as a YAML target document: decode, read, run every rule, render every format;
//! and what reads must survive `extract` and read back with the same number of rows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use jxlint::model::Format;
use jxlint::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let input = jxlint::Input::Stdin {
        text: data.to_vec(),
        format: Some(Format::Yaml),
    };
    let report = jxlint::check(&[input], &jxlint::Options::default());
    let _ = jxlint::report::Emitter::emit(&jxlint::report::Human { color: false }, &report);
    let _ = jxlint::report::Emitter::emit(&jxlint::report::Json, &report);
    if let Ok((text, _)) = jxlint::source::decode(data) {
        let src = SourceFile::new("fuzz.yaml", text);
        if let Ok(doc) = jxlint::read_source(&src, Format::Yaml) {
            let yaml = jxlint::extract::to_yaml(&doc);
            let back = SourceFile::new("extract.yaml", yaml);
            let again = jxlint::read_source(&back, Format::Yaml)
                .expect("the output of extract reads back");
            assert_eq!(again.projects.len(), doc.projects.len());
            for (a, b) in again.projects.iter().zip(&doc.projects) {
                assert_eq!(a.indicators.len(), b.indicators.len());
            }
        }
    }
});
