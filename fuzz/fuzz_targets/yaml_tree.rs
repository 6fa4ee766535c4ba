//! The YAML tree built from the parser's events equals serde-saphyr's wherever the event way
//! takes a document (and serde-saphyr then never rejects it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(fast) = jxlint::yamltree::parse_events(text) {
        let slow = jxlint::yamltree::parse_saphyr(text)
            .expect("serde-saphyr reads what the event reader took");
        assert_eq!(fast, slow);
    }
});
