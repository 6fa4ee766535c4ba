//! `rules/embedded.json` is the rule data of `rules/*.yaml` (all but `headers.yaml`) in the form
//! jxlint reads at start-up (JSON parses several times faster than YAML).
//! `JXLINT_BLESS=1 cargo test --test embedded` regenerates it; this test fails when it is stale
//! or does not round-trip.

/// The first line where two texts differ, for a short failure message.
fn first_difference(a: &str, b: &str) -> String {
    match a.lines().zip(b.lines()).position(|(x, y)| x != y) {
        Some(i) => format!(
            "line {}: {:?} against {:?}",
            i + 1,
            a.lines().nth(i).unwrap_or(""),
            b.lines().nth(i).unwrap_or("")
        ),
        None => format!("lengths {} and {}", a.len(), b.len()),
    }
}

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
        "rules/embedded.json is stale (rules/*.yaml changed): run JXLINT_BLESS=1 cargo test \
         --test embedded; first difference at {}",
        first_difference(&committed, &fresh)
    );
}

#[test]
fn embedded_json_round_trips() {
    // Read back and written again, the data is the same text: no float or string is changed
    // on the way (what the YAML gave is what the rules see). The file as it is on disk, so that
    // a bless run beside this test is no race.
    let committed = std::fs::read_to_string("rules/embedded.json").unwrap();
    let again = jxlint::data::RuleData::embedded_json_roundtrip(&committed)
        .expect("rules/embedded.json reads back");
    assert!(
        again == committed,
        "rules/embedded.json does not round-trip: {}",
        first_difference(&committed, &again)
    );
}
