//! Accuracy on the real-table corpus (`fixtures/real/`, labelled by hand before jxlint ran on
//! it; see `fixtures/real/LABELS.md`). `cargo test --test real -- --nocapture` prints each
//! rule's precision and recall; the test fails when a rule falls below the figures recorded in
//! the README's "Accuracy on real tables" table, so accuracy can only go up.
//!
//! Scoring, per table: a finding counts for the row it points at and every row in its
//! `related` list, or, with no row, for the project. A labelled row code is found when a
//! finding of that code covers the row; a labelled project code when the table has a finding
//! of that code with no row. A finding is a false alarm when its code is not labelled (nor
//! unsure) on any slot it covers — for a project-level finding, when the code is labelled
//! neither on the project nor on any row of the table.

use std::collections::{BTreeMap, BTreeSet};

use jxlint::{Input, Options};

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

type Slot = Option<usize>; // None: the project

struct Labels {
    must: BTreeMap<Slot, BTreeSet<String>>,
    unsure: BTreeMap<Slot, BTreeSet<String>>,
}

fn codes(v: &serde_json::Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn slot(k: &str) -> Slot {
    if k == "project" {
        None
    } else {
        Some(k.parse().expect("row number"))
    }
}

fn load_labels() -> BTreeMap<String, Labels> {
    let text = std::fs::read_to_string("fixtures/real/labels.yaml").unwrap();
    let v: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let mut out = BTreeMap::new();
    for (table, l) in v.as_object().unwrap() {
        let mut must = BTreeMap::new();
        must.insert(None, codes(&l["project"]));
        for (row, c) in l["rows"].as_object().into_iter().flatten() {
            must.insert(slot(row), codes(c));
        }
        let mut unsure = BTreeMap::new();
        for (row, c) in l["unsure"].as_object().into_iter().flatten() {
            unsure.insert(slot(row), codes(c));
        }
        out.insert(table.clone(), Labels { must, unsure });
    }
    out
}

/// Per-rule counts over the corpus, and the list of every miss and false alarm.
fn score() -> (BTreeMap<String, Counts>, Vec<String>) {
    let labels = load_labels();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut log = Vec::new();
    for (table, l) in &labels {
        let path = format!("fixtures/real/{table}.yaml");
        let report = jxlint::check(&[Input::Path(path.clone().into())], &Options::default());
        assert!(!report.has_errors_reading(), "{path}: {:?}", report.files);
        // Findings by slot.
        let mut fired: BTreeMap<Slot, BTreeSet<String>> = BTreeMap::new();
        for d in &report.diagnostics {
            let mut slots = vec![d.indicator_index];
            slots.extend(d.related.iter().map(|r| r.indicator_index));
            for s in slots {
                fired.entry(s).or_default().insert(d.code.to_string());
            }
        }
        let labelled_anywhere: BTreeSet<&String> = l.must.values().flatten().collect();
        let unsure_anywhere: BTreeSet<&String> = l.unsure.values().flatten().collect();
        let empty = BTreeSet::new();
        // Hits and misses.
        for (s, want) in &l.must {
            for code in want {
                let got = fired.get(s).is_some_and(|f| f.contains(code));
                let c = counts.entry(code.clone()).or_default();
                if got {
                    c.tp += 1;
                } else {
                    c.fn_ += 1;
                    log.push(format!("MISS {code} {table} {}", show(*s)));
                }
            }
        }
        // False alarms.
        for (s, got) in &fired {
            for code in got {
                let fine = match s {
                    Some(_) => {
                        l.must.get(s).unwrap_or(&empty).contains(code)
                            || l.unsure.get(s).unwrap_or(&empty).contains(code)
                    }
                    None => labelled_anywhere.contains(code) || unsure_anywhere.contains(code),
                };
                if !fine {
                    counts.entry(code.clone()).or_default().fp += 1;
                    log.push(format!("FALSE {code} {table} {}", show(*s)));
                }
            }
        }
    }
    (counts, log)
}

fn show(s: Slot) -> String {
    s.map(|r| format!("row {r}"))
        .unwrap_or_else(|| "project".into())
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// The figures recorded in the README: rule → (precision, recall), `None` where "—".
fn recorded() -> BTreeMap<String, (Option<f64>, Option<f64>)> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("<!-- real-accuracy -->")
        .expect("README has the accuracy table");
    let end = readme[start..].find("<!-- /real-accuracy -->").unwrap() + start;
    let mut out = BTreeMap::new();
    for line in readme[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 8 || cells[1].len() != 4 || !cells[1].is_ascii() {
            continue;
        }
        let num = |s: &str| s.parse::<f64>().ok();
        out.insert(cells[1].to_string(), (num(cells[6]), num(cells[7])));
    }
    out
}

#[test]
fn accuracy_on_real_tables_does_not_fall() {
    let (counts, log) = score();
    let verbose = std::env::var_os("JXLINT_REAL_LOG").is_some();
    if verbose {
        for l in &log {
            println!("{l}");
        }
    }
    println!("| rule | labelled | fired | found | false alarms | precision | recall |");
    println!("|---|---|---|---|---|---|---|");
    let fmt = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into());
    for (code, c) in &counts {
        println!(
            "| {code} | {} | {} | {} | {} | {} | {} |",
            c.tp + c.fn_,
            c.tp + c.fp,
            c.tp,
            c.fp,
            fmt(ratio(c.tp, c.tp + c.fp)),
            fmt(ratio(c.tp, c.tp + c.fn_))
        );
    }
    let rec = recorded();
    let mut fails = Vec::new();
    for (code, (p0, r0)) in &rec {
        let c = counts.get(code).copied().unwrap_or_default();
        // Compared as printed, to two decimals.
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let p = ratio(c.tp, c.tp + c.fp).map(round);
        let r = ratio(c.tp, c.tp + c.fn_).map(round);
        if let (Some(p0), Some(p)) = (p0, p)
            && p + 1e-9 < *p0
        {
            fails.push(format!("{code}: precision {p:.2} < recorded {p0:.2}"));
        }
        if let (Some(r0), Some(r)) = (r0, r)
            && r + 1e-9 < *r0
        {
            fails.push(format!("{code}: recall {r:.2} < recorded {r0:.2}"));
        }
        if p0.is_some() && p.is_none() && c.tp + c.fp == 0 && c.fn_ == 0 {
            // A rule that no longer fires at all where it used to.
            fails.push(format!("{code}: recorded but absent"));
        }
    }
    for code in counts.keys() {
        if !rec.contains_key(code) {
            fails.push(format!("{code}: not in the README table (add its figures)"));
        }
    }
    assert!(
        fails.is_empty(),
        "{}\n(run with JXLINT_REAL_LOG=1 -- --nocapture for every miss and false alarm)",
        fails.join("\n")
    );
}
