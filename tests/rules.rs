//! Each implemented rule fires exactly where its fixture says, and nowhere else.

use jxlint::{Input, Options};

/// (project, row, line) of every finding of `code` in a fixture.
fn hits(path: &str, code: &str) -> Vec<(usize, Option<usize>, usize)> {
    let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
    assert!(
        !report.has_errors_reading(),
        "{path} did not read: {:?}",
        report.files[0].error
    );
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.project_index, d.indicator_index, d.line))
        .collect()
}

fn all_codes(path: &str) -> Vec<&'static str> {
    let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
    let mut v: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn c001_field_missing() {
    assert_eq!(
        hits("fixtures/rules/C001.yaml", "C001"),
        [(1, None, 3), (1, None, 5), (2, None, 12), (3, None, 15)]
    );
    let report = jxlint::check(
        &[Input::Path("fixtures/rules/C001.yaml".into())],
        &Options::default(),
    );
    let fields: Vec<Option<&str>> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "C001")
        .map(|d| d.field)
        .collect();
    assert_eq!(fields, [Some("name"), Some("budget"), Some("goals"), None]);
}

#[test]
fn c002_value_missing() {
    assert_eq!(
        hits("fixtures/rules/C002.yaml", "C002"),
        [(1, Some(1), 6), (1, Some(2), 7), (1, Some(3), 8)]
    );
    // The unit-only and symbol-only values are C002's, not V003's or anyone else's.
    assert_eq!(all_codes("fixtures/rules/C002.yaml"), ["B003", "C002"]);
}

#[test]
fn v001_rate_over_100() {
    assert_eq!(
        hits("fixtures/rules/V001.yaml", "V001"),
        [
            (1, Some(1), 6),
            (1, Some(2), 7),
            (1, Some(3), 8),
            (1, Some(4), 9),
            (1, Some(5), 10)
        ]
    );
}

#[test]
fn v002_satisfaction_unrealistic() {
    assert_eq!(
        hits("fixtures/rules/V002.yaml", "V002"),
        [
            (1, Some(1), 6),
            (1, Some(2), 7),
            (1, Some(3), 8),
            (1, Some(4), 9)
        ]
    );
    // ≥100% on a satisfaction is V001's, not also V002's.
    assert_eq!(hits("fixtures/rules/V002.yaml", "V001"), [(1, Some(6), 11)]);
}

#[test]
fn v003_unit_missing() {
    assert_eq!(
        hits("fixtures/rules/V003.yaml", "V003"),
        [(1, Some(1), 6), (1, Some(2), 7), (1, Some(3), 8)]
    );
}

#[test]
fn b003_schedule_missing() {
    assert_eq!(
        hits("fixtures/rules/B003.yaml", "B003"),
        [(1, None, 3), (2, None, 11)]
    );
    // A partly filled schedule is B004's.
    assert_eq!(hits("fixtures/rules/B003.yaml", "B004"), [(4, None, 26)]);
}

#[test]
fn b004_schedule_invalid() {
    assert_eq!(
        hits("fixtures/rules/B004.yaml", "B004"),
        [
            (1, None, 5), // 6月底 25 after 50
            (1, None, 5), // 12月底 90, not 100
            (2, None, 11),
            (2, None, 11),
            (2, None, 11),
            (2, None, 11),
            (3, None, 17)
        ]
    );
    let report = jxlint::check(
        &[Input::Path("fixtures/rules/B004.yaml".into())],
        &Options::default(),
    );
    let cols: Vec<(usize, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "B004")
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(
        cols,
        [
            (5, 30),
            (5, 49),
            (11, 22),
            (11, 33),
            (11, 43),
            (11, 54),
            (17, 31)
        ]
    );
    assert_eq!(hits("fixtures/rules/B004.yaml", "B003"), [(5, None, 29)]);
}

#[test]
fn good_documents_have_no_findings() {
    let report = jxlint::check(&[Input::Path("fixtures/good".into())], &Options::default());
    assert_eq!(report.files.len(), 2);
    assert!(!report.has_errors_reading());
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {} {}", d.path, d.line, d.code, d.message))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn seed_findings_of_the_implemented_rules() {
    let report = jxlint::check(
        &[Input::Path("fixtures/seed.txt".into())],
        &Options::default(),
    );
    let mut got: Vec<(usize, Option<usize>, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.project_index, d.indicator_index, d.code))
        .collect();
    got.sort();
    let mut want: Vec<(usize, Option<usize>, &str)> = Vec::new();
    for (p, rows) in [(1, 3), (2, 4), (3, 3), (4, 3), (5, 3), (6, 3)] {
        for r in 1..=rows {
            want.push((p, Some(r), "V003"));
        }
        if p > 1 {
            want.push((p, None, "B003"));
        }
    }
    want.extend([
        (2, Some(4), "V001"),
        (5, Some(1), "V001"),
        (5, Some(3), "V001"),
        (6, Some(1), "V001"),
        (4, Some(3), "V002"),
    ]);
    want.sort();
    assert_eq!(got, want);
}
