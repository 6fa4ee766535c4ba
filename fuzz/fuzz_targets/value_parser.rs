//! Any string as a 指标值.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let d = jxlint::data::RuleData::embedded();
    let _ = jxlint::value::parse(s, &d.units, &d.values.qualitative_words);
    let _ = jxlint::value::normalize(s);
});
