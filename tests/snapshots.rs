//! Pinned messages and runnable documentation.
//!
//! - Every rule fixture (`fixtures/rules/XNNN.yaml`, or `.txt` for the D rules) rendered in the concise form (position,
//!   severity, code, message with its advice) is compared with its checked-in snapshot in
//!   `tests/snapshots/`; a changed message fails the test until the snapshot is re-blessed with
//!   `JXLINT_BLESS=1 cargo test --test snapshots` and the change reviewed in the diff.
//! - The human rendering of the seed is pinned the same way.
//! - Every rule's documented bad example fires the rule and its good example does not (as
//!   clippy compiles the examples in its lint docs).

use std::path::Path;

use jxlint::report::{Concise, Emitter, Human};
use jxlint::{Input, Options};

fn bless() -> bool {
    std::env::var_os("JXLINT_BLESS").is_some()
}

/// Compare `actual` with the snapshot file, or write it when blessing. Returns a description of
/// the mismatch.
fn snapshot(name: &str, actual: &str) -> Option<String> {
    let path = Path::new("tests/snapshots").join(name);
    if bless() {
        std::fs::create_dir_all("tests/snapshots").unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    let first = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{}: differs from line {} (expected {:?}, got {:?}); re-bless with JXLINT_BLESS=1 \
         cargo test --test snapshots if the change is intended",
        path.display(),
        first + 1,
        expected.lines().nth(first),
        actual.lines().nth(first)
    ))
}

#[test]
fn rule_fixture_messages_are_pinned() {
    let mut fixtures: Vec<_> = std::fs::read_dir("fixtures/rules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "txt"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 33, "one fixture per rule");
    let mut failures = Vec::new();
    for f in &fixtures {
        let report = jxlint::check(&[Input::Path(f.clone())], &Options::default());
        assert!(!report.has_errors_reading(), "{}", f.display());
        let stem = f.file_stem().unwrap().to_string_lossy();
        failures.extend(snapshot(&format!("{stem}.snap"), &Concise.emit(&report)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_human_output_is_pinned() {
    let report = jxlint::check(
        &[Input::Path("fixtures/seed.txt".into())],
        &Options::default(),
    );
    let text = Human { color: false }.emit(&report);
    if let Some(m) = snapshot("seed.human.snap", &text) {
        panic!("{m}");
    }
}

/// Check an example through the whole engine (every rule enabled) and return the codes. The
/// examples are YAML target documents; those of the D rules, which need a whole disclosure,
/// are Word text (tab-led cells), told apart as `check -` tells them apart.
fn codes_of(yaml: &str) -> Vec<&'static str> {
    let report = jxlint::check(
        &[Input::Stdin {
            text: yaml.as_bytes().to_vec(),
            format: Some(jxlint::read::sniff(yaml)),
        }],
        &Options::default(),
    );
    assert!(
        !report.has_errors_reading(),
        "example does not read: {:?}\n{yaml}",
        report.files[0].error
    );
    report.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn documented_examples_run() {
    let mut failures = Vec::new();
    for r in jxlint::rules::registry() {
        if !codes_of(r.doc.bad).contains(&r.code) {
            failures.push(format!("{}: the bad example does not fire", r.code));
        }
        if codes_of(r.doc.good).contains(&r.code) {
            failures.push(format!("{}: the good example fires", r.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
