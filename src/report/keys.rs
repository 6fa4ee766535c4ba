//! Content keys of findings, for baselines and CI fingerprints: a finding is known by what it
//! is about — file name, project name, the indicator's wording, the rule, and the value where
//! the rule is about the value — never by its line, so reordering rows or editing another
//! project changes no key. Identical keys (the same row written twice) are told apart by their
//! occurrence order ("…#2"), so a third copy of a row is never hidden behind the first two.
//! A finding about several rows of its own project at once (V003: no value of the table has a
//! unit; its place is the first such row, the others are related cells) is about the table, so
//! its key names no row: which row happens to come first is no part of it.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Report};
use crate::model::FieldKind;

fn collapse(s: &str) -> String {
    crate::text::squeeze(s)
}

/// The key of one finding without its occurrence number.
pub fn base_key(report: &Report, d: &Diagnostic) -> String {
    let src = report.files.get(d.file).and_then(|f| f.source.as_ref());
    let slice = |span: crate::source::Span| src.map(|s| s.slice(span)).unwrap_or("");
    let file = d.path.rsplit(['/', '\\']).next().unwrap_or(&d.path);
    let table_wide = !d.related.is_empty()
        && d.related
            .iter()
            .all(|r| r.path == d.path && r.project_index == d.project_index);
    // The row's wording: its name cell (context), or the finding's own cell when that is it.
    let wording = match (d.indicator_index, d.field) {
        _ if table_wide => String::new(),
        (Some(_), Some(FieldKind::Level3 | FieldKind::Description | FieldKind::Level2))
            if d.context.is_none() =>
        {
            collapse(slice(d.location.span))
        }
        (Some(_), _) => d.context.map(|c| collapse(slice(c))).unwrap_or_default(),
        (None, _) => String::new(),
    };
    let about_value = matches!(
        d.field,
        Some(FieldKind::Value | FieldKind::Unit | FieldKind::Budget)
    );
    let value = if d.project_index == 0 || (about_value && !table_wide) {
        collapse(slice(d.location.span))
    } else {
        String::new()
    };
    let field = d.field.map(|f| f.as_str()).unwrap_or("");
    format!(
        "{file}|{}|{wording}|{}|{field}|{value}",
        collapse(&d.project),
        d.code
    )
}

/// The key of every finding of the report, in report order, each unique.
pub fn finding_keys(report: &Report) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let k = base_key(report, d);
            let n = seen.entry(k.clone()).or_insert(0);
            *n += 1;
            format!("{k}#{n}")
        })
        .collect()
}

/// A short stable hash of a key (FNV-1a, 64 bits, hex), for formats that want fingerprints.
pub fn fingerprint(key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}
