//! `rules/embedded.json` is the rule data of `rules/*.yaml` in the form jxlint reads at start-up
//! (JSON parses several times faster than YAML). `JXLINT_BLESS=1 cargo test --test embedded`
//! regenerates it; this test fails when it is stale or does not round-trip.

#[test]
fn embedded_json_is_fresh() {
    let fresh = jxlint::data::RuleData::embedded_json_from(std::path::Path::new("rules"))
        .expect("rules/*.yaml parse");
    let committed = std::fs::read_to_string("rules/embedded.json").unwrap_or_default();
    if std::env::var_os("JXLINT_BLESS").is_some() {
        if committed != fresh {
            std::fs::write("rules/embedded.json", &fresh).expect("write rules/embedded.json");
        }
        return;
    }
    assert!(
        committed == fresh,
        "rules/embedded.json is stale: run JXLINT_BLESS=1 cargo test --test embedded"
    );
}

#[test]
fn embedded_json_round_trips() {
    // Read back and written again, the data is the same text: no float or string is changed
    // on the way (what the YAML gave is what the rules see).
    let committed = std::fs::read_to_string("rules/embedded.json").unwrap();
    assert_eq!(jxlint::data::RuleData::embedded_json_roundtrip(), committed);
}
