//! Baselines: `jxlint check --write-baseline FILE PATH…` records the findings of today;
//! `--baseline FILE` then reports only findings that are not in it.
//!
//! A finding is known by its content key ([`crate::report::keys`]: file name, project, the
//! row's wording, rule, the value where the rule is about the value — never a line number) and
//! the path of its file relative to the baseline file's folder. Identical keys in one file
//! (the same row written twice) are told apart by their order of occurrence (`#1`, `#2` …), so
//! a third copy of a row is new when the baseline holds two. Occurrences are counted per file,
//! so a run on some of the files (a pre-commit hook) numbers each file's findings as a run on
//! all of them does.
//!
//! The file is JSON, one finding per line, sorted, with a version: the same findings give the
//! same bytes, and a change to the baseline reads well in a diff.
//!
//! ```json
//! {
//!   "tool": "jxlint",
//!   "version": 1,
//!   "findings": [
//!     {"path":"2024/社保局.yaml","code":"V001","key":"社保局.yaml|社保局企业养老扩面补贴|网络评估满意率|V001|value|≥100#1"}
//!   ]
//! }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::Report;
use crate::report::keys;

/// The version of the baseline format this jxlint reads and writes.
pub const VERSION: u64 = 1;

/// A baseline read from its file.
#[derive(Debug)]
pub struct Baseline {
    /// The folder of the baseline file (canonical): finding paths are relative to it.
    dir: PathBuf,
    /// (path, key#n) of every recorded finding.
    entries: BTreeSet<(String, String)>,
}

/// One finding as the baseline file records it.
#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    code: &'a str,
    key: &'a str,
}

/// The canonical folder of a baseline file (which itself may not exist yet).
fn folder_of(file: &Path) -> Result<PathBuf, String> {
    let parent = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).map_err(|e| {
        format!(
            "基线文件所在的目录 {} 无法访问：{}",
            parent.display(),
            crate::walk::io_message(&e)
        )
    })
}

/// A file's path as the baseline records it: relative to the baseline's folder with `/`
/// between names; the whole canonical path for a file outside that folder.
fn relative(dir: &Path, shown: &str) -> String {
    if shown == "<stdin>" {
        return shown.to_string();
    }
    let Ok(full) = std::fs::canonicalize(shown) else {
        return shown.replace('\\', "/");
    };
    let rel = full.strip_prefix(dir).unwrap_or(&full);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if rel.is_absolute() {
        format!("/{}", parts.join("/"))
    } else {
        parts.join("/")
    }
}

/// (path, key#n, code) of every finding of the report, in report order.
fn keyed(report: &Report, dir: &Path) -> Vec<(String, String, &'static str)> {
    let mut paths: BTreeMap<usize, String> = BTreeMap::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let path = paths
                .entry(d.file)
                .or_insert_with(|| {
                    let shown = report
                        .files
                        .get(d.file)
                        .map_or(&*d.path, |f| f.path.as_str());
                    relative(dir, shown)
                })
                .clone();
            let base = keys::base_key(report, d);
            let n = seen.entry((path.clone(), base.clone())).or_insert(0);
            *n += 1;
            (path, format!("{base}#{n}"), d.code)
        })
        .collect()
}

/// The text of a baseline file recording every finding of the report, for a baseline file at
/// `file`.
pub fn render(report: &Report, file: &Path) -> Result<String, String> {
    let dir = folder_of(file)?;
    let mut entries = keyed(report, &dir);
    // Sorted by path, then key, occurrences in numeric order (#2 before #10).
    let split = |k: &str| {
        let (base, n) = k.rsplit_once('#').unwrap_or((k, "0"));
        (base.to_string(), n.parse::<usize>().unwrap_or(0))
    };
    entries.sort_by_cached_key(|(p, k, _)| (p.clone(), split(k)));
    let mut out =
        format!("{{\n  \"tool\": \"jxlint\",\n  \"version\": {VERSION},\n  \"findings\": [");
    for (i, (path, key, code)) in entries.iter().enumerate() {
        let line = serde_json::to_string(&Entry { path, code, key })
            .map_err(|e| format!("无法生成基线：{e}"))?;
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&line);
    }
    out.push_str(if entries.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    Ok(out)
}

impl Baseline {
    /// Read a baseline file. Errors are Chinese sentences about the file (the caller names it).
    pub fn load(file: &Path) -> Result<Baseline, String> {
        if !file.exists() {
            return Err(format!(
                "基线文件不存在：请先运行 jxlint check --write-baseline {} <路径…> 记录现有的问题",
                file.display()
            ));
        }
        let bytes = crate::walk::read_file(file, crate::limits::MAX_FILE_BYTES)
            .map_err(|m| format!("无法读取基线文件：{m}"))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let v: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
            let what = match e.classify() {
                serde_json::error::Category::Eof => "文件意外结束（可能被截断）",
                _ => "JSON 语法错误（可能被手工改坏，或合并时留下了冲突标记）",
            };
            format!(
                "不是有效的基线文件：第{}行：{what}；请修复，或用 --write-baseline 重新生成",
                e.line()
            )
        })?;
        let Some(obj) = v.as_object() else {
            return Err(
                "不是有效的基线文件：顶层应是 JSON 对象（由 --write-baseline 生成）".into(),
            );
        };
        match obj.get("version").and_then(|v| v.as_u64()) {
            Some(VERSION) => {}
            Some(n) => {
                return Err(format!(
                    "基线文件的版本为 {n}，本版 jxlint 只读第 {VERSION} 版：请用 --write-baseline 重新生成"
                ));
            }
            None => {
                return Err(
                    "不是有效的基线文件：缺少 version 字段（由 --write-baseline 生成的文件才是基线）"
                        .into(),
                );
            }
        }
        let Some(findings) = obj.get("findings").and_then(|f| f.as_array()) else {
            return Err("不是有效的基线文件：缺少 findings 列表".into());
        };
        let mut entries = BTreeSet::new();
        for (i, f) in findings.iter().enumerate() {
            let field = |name: &str| f.get(name).and_then(|x| x.as_str());
            let (Some(path), Some(key)) = (field("path"), field("key")) else {
                return Err(format!(
                    "不是有效的基线文件：findings 的第 {} 项缺少 path 或 key",
                    i + 1
                ));
            };
            entries.insert((path.to_string(), key.to_string()));
        }
        Ok(Baseline {
            dir: folder_of(file)?,
            entries,
        })
    }

    /// Take the findings recorded in the baseline out of the report, counting them in
    /// [`Report::hidden`].
    pub fn hide(&self, report: &mut Report) {
        let known: Vec<bool> = keyed(report, &self.dir)
            .into_iter()
            .map(|(p, k, _)| self.entries.contains(&(p, k)))
            .collect();
        let before = report.diagnostics.len();
        let mut i = 0;
        report.diagnostics.retain(|_| {
            i += 1;
            !known[i - 1]
        });
        let hidden = before - report.diagnostics.len();
        *report.hidden.baseline.get_or_insert(0) += hidden;
    }
}
