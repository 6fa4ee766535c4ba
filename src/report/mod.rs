//! Emitters: they only format a [`Report`]; checking is done before.

mod human;
mod json;

pub use human::human;
pub use json::json;

use crate::Report;

/// `path:line:col: CODE message`, one line per finding; unreadable files as
/// `path:line:col: error: message`.
pub fn concise(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&format!(
            "{}:{}:{}: {} {}\n",
            d.path, d.line, d.column, d.code, d.message
        ));
    }
    out
}

/// `--statistics`: how many findings of each rule, most frequent first (ties by code), then
/// the summary line.
pub fn statistics(report: &Report) -> String {
    let mut counts: std::collections::BTreeMap<&str, (usize, &str, &str, crate::rules::Severity)> =
        std::collections::BTreeMap::new();
    for d in &report.diagnostics {
        let e = counts
            .entry(d.code)
            .or_insert((0, d.rule, d.title, d.severity));
        e.0 += 1;
        e.3 = e.3.max(d.severity);
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let mut out = String::new();
    for (code, (n, rule, title, sev)) in rows {
        out.push_str(&format!(
            "{n:>6}  {code}  {:<7}  {rule:<26} {title}\n",
            sev.as_str()
        ));
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// One line per file that could not be read, naming the file and the line where known.
pub fn file_errors(report: &Report) -> Vec<String> {
    report
        .files
        .iter()
        .filter_map(|f| {
            let e = f.error.as_ref()?;
            let at = match (e.line, e.column) {
                (Some(l), Some(c)) => format!(":{l}:{c}"),
                (Some(l), None) => format!(":{l}"),
                _ => String::new(),
            };
            Some(format!("{}{at}: {}", f.path, e.message))
        })
        .collect()
}

/// The closing summary line.
pub fn summary(report: &Report) -> String {
    use crate::rules::Severity::*;
    let (e, w, i) = (
        report.count(Error),
        report.count(Warning),
        report.count(Info),
    );
    let unread = report.files.iter().filter(|f| f.error.is_some()).count();
    let mut s = format!(
        "检查了 {} 个文件、{} 个项目、{} 条指标",
        report.files.len() - unread,
        report.projects(),
        report.indicators()
    );
    if unread > 0 {
        s.push_str(&format!("；{unread} 个文件无法读取"));
    }
    if report.skipped > 0 {
        s.push_str(&format!("；跳过 {} 个不是绩效目标表的文件", report.skipped));
    }
    if report.files.len() == unread {
        // Nothing was read: there is nothing to say about findings.
    } else if e + w + i == 0 {
        s.push_str(if unread > 0 {
            "：已读取的文件没有发现问题"
        } else {
            "：没有发现问题"
        });
    } else {
        s.push_str(&format!("：{e} 个错误，{w} 个警告，{i} 个提示"));
    }
    s
}
