//! `--statistics`: how many findings of each rule, most frequent first (ties by code), as text
//! or (with `--format json`) as JSON. The text is for people, in Chinese: count, code, the
//! severity (错误/警告/提示; each with its count when a rule's findings differ, `警告 1、提示 6`)
//! and the rule's 标题 (`     3  C001  错误  必填内容缺失`); the JSON
//! keeps the contract's names (`severity` is `error`/`warning`/`info`, `rule` the kebab-case
//! name).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Emitter;
use crate::diagnostic::{Report, Severity};

/// One rule's count.
#[derive(Serialize)]
pub struct RuleCount<'a> {
    pub code: &'a str,
    pub rule: &'a str,
    pub title: &'a str,
    /// The most severe level among its findings.
    pub severity: &'static str,
    pub count: usize,
    #[serde(skip)]
    pub level: Severity,
    /// How many of its findings are errors, warnings and infos (a rule's severity can differ
    /// by row: S006 is a warning for a project that serves people, an info otherwise).
    #[serde(skip)]
    pub by_level: [usize; 3],
}

impl RuleCount<'_> {
    /// The level column of the text: the one level, or each level with its count, most severe
    /// first (“警告 1、提示 6”).
    pub fn levels_zh(&self) -> String {
        let present: Vec<(Severity, usize)> = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|s| (s, self.by_level[s as usize]))
            .filter(|(_, n)| *n > 0)
            .collect();
        if present.len() <= 1 {
            return self.level.zh().to_string();
        }
        present
            .iter()
            .map(|(s, n)| format!("{} {n}", s.zh()))
            .collect::<Vec<_>>()
            .join("、")
    }
}

pub fn counts(report: &Report) -> Vec<RuleCount<'_>> {
    type Entry<'a> = (usize, &'a str, &'a str, Severity, [usize; 3]);
    let mut by_code: BTreeMap<&str, Entry> = BTreeMap::new();
    for d in &report.diagnostics {
        let e = by_code
            .entry(d.code)
            .or_insert((0, d.rule, d.title, d.severity, [0; 3]));
        e.0 += 1;
        e.3 = e.3.max(d.severity);
        e.4[d.severity as usize] += 1;
    }
    let mut rows: Vec<RuleCount> = by_code
        .into_iter()
        .map(|(code, (count, rule, title, sev, by_level))| RuleCount {
            code,
            rule,
            title,
            severity: sev.as_str(),
            count,
            level: sev,
            by_level,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

pub struct Statistics;

impl Emitter for Statistics {
    fn emit(&self, report: &Report) -> String {
        let mut out = String::new();
        for r in counts(report) {
            out.push_str(&format!(
                "{:>6}  {}  {}  {}\n",
                r.count,
                r.code,
                r.levels_zh(),
                r.title
            ));
        }
        out.push_str(&super::summary(report));
        out.push('\n');
        out
    }
}

pub struct JsonStatistics;

impl Emitter for JsonStatistics {
    fn emit(&self, report: &Report) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            tool: super::json::Tool,
            statistics: Vec<RuleCount<'a>>,
            summary: super::json::Summary,
        }
        let out = Out {
            tool: super::json::Tool::default(),
            statistics: counts(report),
            summary: super::json::Summary::of(report),
        };
        let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
        s.push('\n');
        s
    }
}
