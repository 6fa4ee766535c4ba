//! `.jxlint.yaml`: which rules run, at what severity, with which thresholds and extra words.
//! Found by searching upward from each checked file, or given with `--config`.
//!
//! ```yaml
//! select: [C, V, B001]          # codes, code prefixes or names; default: every rule
//! ignore: [S009, goal-duplicate]
//! severity: {V003: error, S006: warning}
//! params: {satisfaction_max: 98}
//! words: {vague_words: [尽快], units.count: [车次]}
//! framework:                    # extra 一级/二级 names, as in rules/framework.yaml
//!   level2: {工作量: {class: 数量}}
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::data::RuleData;
use crate::read::ReadError;
use crate::rules::{self, Rule, Severity};
use crate::source::SourceFile;

pub const FILE_NAME: &str = ".jxlint.yaml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Option<Vec<String>>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    params: BTreeMap<String, f64>,
    #[serde(default)]
    words: BTreeMap<String, Vec<String>>,
    /// Extra accepted 一级/二级 names, in the shape of rules/framework.yaml.
    #[serde(default)]
    framework: Option<FrameworkExtra>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkExtra {
    #[serde(default)]
    level1: BTreeMap<String, crate::data::Level1>,
    #[serde(default)]
    level2: BTreeMap<String, crate::data::Level2>,
}

/// The configuration in force for a file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    severity: BTreeMap<&'static str, Severity>,
    pub data: Arc<RuleData>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            select: None,
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            data: Arc::new(RuleData::embedded().clone()),
        }
    }
}

/// Selections given on the command line; they replace the file's.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
}

/// Whether a selector (code, code prefix, name or ALL) names the rule.
fn selects(sel: &str, rule: &Rule) -> bool {
    let s = sel.trim();
    s.eq_ignore_ascii_case("ALL")
        || rule.name == s
        || (!s.is_empty()
            && s.is_ascii()
            && rule.code.len() >= s.len()
            && rule.code[..s.len()].eq_ignore_ascii_case(s))
}

/// Check that every selector names at least one rule.
pub fn validate_selectors(sels: &[String]) -> Result<(), String> {
    for s in sels {
        if !rules::registry().iter().any(|r| selects(s, r)) {
            return Err(format!(
                "没有规则“{s}”：请写规则代码（V001）、代码前缀（V）、规则名称（rate-over-100）或 ALL"
            ));
        }
    }
    Ok(())
}

impl Config {
    pub fn enabled(&self, rule: &Rule) -> bool {
        let selected = match &self.select {
            None => true,
            Some(sels) => sels.iter().any(|s| selects(s, rule)),
        };
        selected && !self.ignore.iter().any(|s| selects(s, rule))
    }

    /// The severity the configuration sets for a rule, if it sets one.
    pub fn severity_override(&self, rule: &Rule) -> Option<Severity> {
        self.severity.get(rule.code).copied()
    }

    pub fn apply(&mut self, o: &Overrides) {
        if let Some(s) = &o.select {
            self.select = Some(s.clone());
        }
        if let Some(i) = &o.ignore {
            self.ignore = i.clone();
        }
    }

    /// Read a configuration file; errors name the key and line.
    pub fn load(path: &Path) -> Result<Config, ReadError> {
        let file =
            std::fs::File::open(path).map_err(|e| ReadError::new(format!("无法读取：{e}")))?;
        let bytes = crate::limits::read_bounded(file).map_err(ReadError::new)?;
        let (text, _) = crate::source::decode(&bytes).map_err(|e| ReadError::new(e.0))?;
        let src = SourceFile::new(path.to_string_lossy(), text);
        Self::parse(&src).map(|mut c| {
            c.path = Some(path.to_path_buf());
            c
        })
    }

    pub fn parse(src: &SourceFile) -> Result<Config, ReadError> {
        let raw: RawConfig = if crate::model::is_blank(&src.text) {
            RawConfig::default()
        } else {
            serde_saphyr::from_str(&src.text).map_err(|e| crate::read::yaml::error_of(src, &e))?
        };
        let at = |key: &str, msg: String| {
            let line = src
                .text
                .lines()
                .position(|l| l.contains(key))
                .map(|i| i + 1);
            ReadError {
                message: msg,
                line,
                column: None,
                not_target: false,
            }
        };
        let mut cfg = Config::default();
        for list in [&raw.select, &raw.ignore].into_iter().flatten() {
            for s in list {
                validate_selectors(std::slice::from_ref(s)).map_err(|m| at(s, m))?;
            }
        }
        cfg.select = raw.select;
        cfg.ignore = raw.ignore.unwrap_or_default();
        for (key, sev) in &raw.severity {
            let rule = rules::find(key).ok_or_else(|| {
                at(
                    key,
                    format!("severity 中没有规则“{key}”：请写规则代码或名称"),
                )
            })?;
            let s = match sev.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "info" => Severity::Info,
                other => {
                    return Err(at(
                        key,
                        format!("“{key}”的级别“{other}”无效：只能是 error、warning 或 info"),
                    ));
                }
            };
            cfg.severity.insert(rule.code, s);
        }
        let mut data = RuleData::embedded().clone();
        for (key, value) in &raw.params {
            let known: Vec<&str> = data.params().into_iter().map(|(k, _)| k).collect();
            match data.param_mut(key) {
                Some(p) if value.is_finite() => *p = *value,
                Some(_) => return Err(at(key, format!("参数“{key}”必须是有限的数字"))),
                None => {
                    return Err(at(
                        key,
                        format!("未知的参数“{key}”；可用的参数：{}", known.join(", ")),
                    ));
                }
            }
        }
        for (key, words) in &raw.words {
            let known: Vec<&str> = data.lists().into_iter().map(|(k, _)| k).collect();
            match data.list_mut(key) {
                Some(list) => {
                    for w in words {
                        if !list.contains(w) {
                            list.push(w.clone());
                        }
                    }
                }
                None => {
                    return Err(at(
                        key,
                        format!(
                            "未知的词表“{key}”；可用的词表：{}，以及 domains.<领域>.words / \
                             domains.<领域>.distinctive（领域见 rules/domains.yaml）",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        if let Some(extra) = raw.framework {
            let classes: Vec<String> = data
                .framework
                .level2
                .values()
                .map(|e| e.class.clone())
                .chain(extra.level2.values().map(|e| e.class.clone()))
                .collect();
            for (name, e) in &extra.level1 {
                if let Some(bad) = e.level2.iter().find(|c| !classes.contains(c)) {
                    return Err(at(
                        name,
                        format!("framework.level1“{name}”的二级类别“{bad}”不存在"),
                    ));
                }
            }
            for (name, e) in extra.level1 {
                data.framework
                    .level1
                    .insert(crate::rules::norm_name(&name), e);
            }
            for (name, e) in extra.level2 {
                data.framework
                    .level2
                    .insert(crate::rules::norm_name(&name), e);
            }
        }
        cfg.data = Arc::new(data);
        Ok(cfg)
    }
}

/// Finds and caches the configuration of each directory.
#[derive(Default)]
pub struct Resolver {
    explicit: Option<Result<Config, (PathBuf, ReadError)>>,
    overrides: Overrides,
    cache: BTreeMap<PathBuf, Result<Config, (PathBuf, ReadError)>>,
}

impl Resolver {
    pub fn new(explicit: Option<&Path>, overrides: Overrides) -> Resolver {
        let explicit = explicit.map(|p| {
            Config::load(p)
                .map(|mut c| {
                    c.apply(&overrides);
                    c
                })
                .map_err(|e| (p.to_path_buf(), e))
        });
        Resolver {
            explicit,
            overrides,
            cache: BTreeMap::new(),
        }
    }

    /// The configuration for a file (or, with `None`, for standard input: the working
    /// directory's). An error names the configuration file.
    pub fn for_file(&mut self, file: Option<&Path>) -> Result<Config, (PathBuf, ReadError)> {
        if let Some(e) = &self.explicit {
            return e.clone();
        }
        let start = match file.and_then(Path::parent) {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = std::fs::canonicalize(&start).unwrap_or(start);
        self.for_dir(&dir)
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Config, (PathBuf, ReadError)> {
        if let Some(c) = self.cache.get(dir) {
            return c.clone();
        }
        let candidate = dir.join(FILE_NAME);
        let result = if candidate.is_file() {
            Config::load(&candidate)
                .map(|mut c| {
                    c.apply(&self.overrides);
                    c
                })
                .map_err(|e| (candidate, e))
        } else if let Some(parent) = dir.parent() {
            self.for_dir(parent)
        } else {
            let mut c = Config::default();
            c.apply(&self.overrides);
            Ok(c)
        };
        self.cache.insert(dir.to_path_buf(), result.clone());
        result
    }
}
