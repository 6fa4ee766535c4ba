//! Every table format reads as its YAML twin: the fixtures of `fixtures/formats/` (built by
//! `scripts/gen-format-fixtures.py`, see its README) through their readers and the form
//! recogniser give the same projects, cell texts and columns as the twin documents, and the
//! seed in every format gives the findings of `fixtures/seed.txt`.

use std::collections::BTreeSet;
use std::path::Path;

use jxlint::model::{Document, Field, Project};
use jxlint::{Input, Options};

/// (fixture, twin) pairs.
const PAIRS: &[(&str, &str)] = &[
    ("seed.docx", "../seed.yaml"),
    ("seed.doc", "../seed.yaml"),
    ("seed.html", "../seed.yaml"),
    ("seed.xlsx", "../seed.yaml"),
    ("seed.pdf", "../seed.yaml"),
    ("split-columns.docx", "split-columns.yaml"),
    ("per-sheet.xlsx", "per-sheet.yaml"),
    ("per-sheet.xls", "per-sheet.yaml"),
    ("per-sheet.ods", "per-sheet.yaml"),
    ("stacked.xlsx", "stacked.yaml"),
    ("two-tables.html", "two-tables.yaml"),
    ("two-tables.docx", "two-tables.yaml"),
    ("mid-term.html", "mid-term.yaml"),
    ("mid-term.xlsx", "mid-term.yaml"),
    ("long-table.docx", "long-table.yaml"),
    ("long-table.pdf", "long-table.yaml"),
];

fn read(path: &Path) -> Result<Document, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let format = jxlint::read::format_for_path(path);
    jxlint::read::read(&bytes, &path.to_string_lossy(), format)
        .map(|l| l.doc)
        .map_err(|e| e.message)
}

fn t(f: &Option<Field>) -> Option<String> {
    f.as_ref().map(|f| f.trimmed().to_string())
}

/// The project as comparable lines.
fn lines(p: &Project) -> Vec<String> {
    let mut out = vec![
        format!("name {:?}", t(&p.name)),
        format!("code {:?}", t(&p.code)),
        format!(
            "budget {:?} {:?} {:?}",
            t(&p.budget.total),
            t(&p.budget.fiscal),
            t(&p.budget.other)
        ),
    ];
    if let Some(s) = &p.schedule {
        for q in &s.periods {
            out.push(format!(
                "schedule {:?} {:?}",
                q.label.trimmed(),
                q.value.trimmed()
            ));
        }
    }
    if let Some(g) = &p.goals {
        for l in g.lines.iter().filter(|l| !l.is_blank()) {
            out.push(format!("goal {:?}", l.trimmed()));
        }
    }
    out.push(format!(
        "columns unit={} basis={}",
        p.has_unit_column, p.has_basis_column
    ));
    for (k, i) in p.indicators.iter().enumerate() {
        let mut row = format!("row {}", k + 1);
        for (kind, f) in i.cells() {
            use jxlint::model::FieldKind::*;
            // unit and basis only where the table has the column.
            if (kind == Unit && !p.has_unit_column) || (kind == Basis && !p.has_basis_column) {
                continue;
            }
            row.push_str(&format!(
                " {}={:?}",
                kind.as_str(),
                t(f).unwrap_or_default()
            ));
        }
        out.push(row);
    }
    out
}

fn doc_lines(d: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in d.projects.iter().enumerate() {
        for l in lines(p) {
            out.push(format!("P{} {l}", i + 1));
        }
    }
    out
}

#[test]
fn every_format_reads_as_its_twin() {
    let dir = Path::new("fixtures/formats");
    let mut failures = Vec::new();
    for (fixture, twin) in PAIRS {
        let f = dir.join(fixture);
        // .doc goes through LibreOffice, which CI does not install (its absence is tested to
        // give a clear error instead).
        if fixture.ends_with(".doc") && !jxlint::read::external::available("soffice") {
            println!("{fixture}: skipped, LibreOffice (soffice) is not installed");
            continue;
        }
        let want = read(&dir.join(twin)).expect("twin reads");
        let got = match read(&f) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{fixture}: {e}"));
                continue;
            }
        };
        let (g, w) = (doc_lines(&got), doc_lines(&want));
        if g != w {
            let gs: BTreeSet<&String> = g.iter().collect();
            let ws: BTreeSet<&String> = w.iter().collect();
            let missing: Vec<&&String> = ws.difference(&gs).take(6).collect();
            let extra: Vec<&&String> = gs.difference(&ws).take(6).collect();
            failures.push(format!(
                "{fixture}: {} projects (twin {}); missing {missing:#?}; extra {extra:#?}",
                got.projects.len(),
                want.projects.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (code, project, row) of every finding, without the document-wide D rules.
fn findings(path: &str) -> Vec<(String, usize, Option<usize>)> {
    let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
    assert!(!report.has_errors_reading(), "{path}: {:?}", report.files);
    let mut v: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !d.code.starts_with('D'))
        .map(|d| (d.code.to_string(), d.project_index, d.indicator_index))
        .collect();
    v.sort();
    v
}

#[test]
fn the_seed_in_every_format_gives_the_findings_of_its_text() {
    let want = findings("fixtures/seed.txt");
    let mut failures = Vec::new();
    for f in ["seed.docx", "seed.html", "seed.xlsx", "seed.pdf"] {
        let path = format!("fixtures/formats/{f}");
        if jxlint::read::format_for_path(Path::new(&path)).is_none() {
            failures.push(format!("{f}: no reader"));
            continue;
        }
        let got = findings(&path);
        if got != want {
            let missing: Vec<_> = want.iter().filter(|x| !got.contains(x)).collect();
            let extra: Vec<_> = got.iter().filter(|x| !want.contains(x)).collect();
            failures.push(format!("{f}: missing {missing:?}, extra {extra:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
