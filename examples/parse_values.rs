//! Print how the value parser reads each argument (a debugging aid):
//! `cargo run --example parse_values -- "≥90%" "按时完成"`.
fn main() {
    let d = jxlint::data::RuleData::embedded();
    for v in std::env::args().skip(1) {
        println!(
            "{v:>16}  {:?}",
            jxlint::value::parse(&v, &d.units, &d.values.qualitative_words)
        );
    }
}
