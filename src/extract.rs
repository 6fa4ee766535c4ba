//! `jxlint extract`: write a parsed document as a YAML target document
//! (`shared/spec/target-document.md`). Every text is written as a double-quoted scalar (JSON
//! string syntax, which YAML accepts), so nothing is reinterpreted on the way back in.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::model::{Document, Field, FieldKind, Project};

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn field(f: &Option<Field>) -> Option<String> {
    f.as_ref().map(|f| q(&f.text))
}

/// The first line of every extract: what wrote it (a folder walk skips files that begin so,
/// as jxlint's own output).
pub const GENERATOR_LINE: &str =
    "# jxlint extract：由 jxlint 从原文件读出的绩效目标表（YAML 目标文档）";

pub fn to_yaml(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATOR_LINE}");
    // A project whose table named no department while another's did has none of the
    // document's: each project then carries its own.
    let apart = doc.projects.iter().any(|p| p.no_document_department);
    if let Some(d) = field(&doc.department).filter(|_| !apart) {
        let _ = writeln!(out, "department: {d}");
    }
    if let Some(y) = field(&doc.year) {
        let _ = writeln!(out, "year: {y}");
    }
    if let Some(u) = field(&doc.unit) {
        let _ = writeln!(out, "unit: {u}");
    }
    out.push_str("projects:\n");
    for p in &doc.projects {
        let department = if apart {
            doc.department_of(p).cloned()
        } else {
            p.department.clone()
        };
        project(&mut out, p, &department, &doc.amount_unit());
    }
    out
}

fn project(out: &mut String, p: &Project, department: &Option<Field>, doc_unit: &str) {
    let mut first = true;
    let mut key = |out: &mut String, k: &str, v: Option<String>| {
        let Some(v) = v else { return };
        let lead = if first { "  - " } else { "    " };
        first = false;
        let _ = writeln!(out, "{lead}{k}: {v}");
    };
    key(out, "name", Some(field(&p.name).unwrap_or_else(|| q(""))));
    key(out, "code", field(&p.code));
    key(out, "department", field(department));
    key(out, "agency", field(&p.agency));
    key(out, "function_code", field(&p.function_code));
    let b = &p.budget;
    // The 财政资金 given by level (中央资金 | 省级资金 | 地方资金) in place of one: their sum,
    // which is what B001 adds for the table.
    let by_level = (!b.fiscal_by_level().is_empty())
        .then(|| {
            let unit = b.unit_or(doc_unit);
            let mut sum = 0.0;
            let mut named = Vec::new();
            for (l, f) in b.fiscal_by_level() {
                sum += crate::rules::budget::amount(&f.text, unit)?;
                named.push(format!("{l} {}", f.trimmed()));
            }
            let n = crate::rules::budget::fmt_amount(sum);
            let v = if unit == doc_unit {
                n
            } else {
                format!("{n}{unit}")
            };
            Some(format!("{}  # {}", q(&v), named.join(" + ")))
        })
        .flatten();
    if b.total.is_some() || b.fiscal.is_some() || b.other.is_some() || by_level.is_some() {
        out.push_str("    budget:\n");
        for (k, (_, f, unit)) in ["total", "fiscal", "other"]
            .into_iter()
            .zip(b.amounts(doc_unit))
        {
            // An amount in a unit of its own (“年度预算安排（元）”, or “其中：财政资金（万元）”
            // beside it) carries it, so that the YAML document reads it as the table did.
            let own_unit = |f: &Field| {
                let t = f.trimmed();
                (unit != doc_unit
                    && !t.is_empty()
                    && t.chars().all(|c| c.is_ascii_digit() || ".,".contains(c)))
                .then_some(unit)
            };
            if k == "fiscal"
                && let Some(v) = &by_level
            {
                let _ = writeln!(out, "      {k}: {v}");
                continue;
            }
            if let Some(f) = f {
                let v = match own_unit(f) {
                    Some(u) => q(&format!("{}{u}", f.trimmed())),
                    None => q(&f.text),
                };
                let _ = writeln!(out, "      {k}: {v}");
            }
        }
    }
    if let Some(v) = field(&p.purpose) {
        let _ = writeln!(out, "    purpose: {v}");
    }
    if let Some(s) = &p.schedule {
        if s.periods.is_empty() {
            out.push_str("    schedule: {}\n");
        } else {
            out.push_str("    schedule:\n");
            let mut seen = BTreeSet::new();
            for (k, period) in s.periods.iter().enumerate() {
                let mut label = period.label.trimmed().to_string();
                if label.is_empty() || !seen.insert(label.clone()) {
                    label = format!("第{}期", k + 1);
                    seen.insert(label.clone());
                }
                let _ = writeln!(out, "      {}: {}", q(&label), q(&period.value.text));
            }
        }
    }
    if let Some(g) = &p.goals {
        if g.lines.is_empty() {
            out.push_str("    goals: []\n");
        } else {
            out.push_str("    goals:\n");
            for l in &g.lines {
                let _ = writeln!(out, "      - {}", q(&l.text));
            }
        }
    }
    if p.indicators.is_empty() {
        out.push_str("    indicators: []\n");
        return;
    }
    out.push_str("    indicators:\n");
    for ind in &p.indicators {
        // A key for every column the table has (C003 and V003 depend on unit and basis being
        // there or not); unit and basis also on rows that lack them when the table has them.
        let cols = ind.cells().into_iter().filter_map(|(k, f)| {
            let keep = match k {
                FieldKind::Unit => p.has_unit_column,
                FieldKind::Basis => p.has_basis_column,
                _ => f.is_some(),
            };
            keep.then(|| (k.as_str(), field(f).unwrap_or_else(|| q(""))))
        });
        let mut lead = "      - ";
        let mut any = false;
        for (k, v) in cols {
            let _ = writeln!(out, "{lead}{k}: {v}");
            lead = "        ";
            any = true;
        }
        if !any {
            out.push_str("      - {}\n");
        }
    }
}
