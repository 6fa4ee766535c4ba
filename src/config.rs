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
//! per-path-ignores:             # rules off for the files a glob names (relative to this file)
//!   "2024/*.yaml": [S009]
//! ```
//!
//! The file is read into a tree of spanned nodes, so every error names the key and its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::data::{Level1, Level2, PARAMS, RuleData};
pub use crate::diagnostic::Verdict;
use crate::model::{Class1, Class2};
use crate::read::ReadError;
use crate::rules::{self, Rule, Severity};
use crate::source::SourceFile;
use crate::yamltree::{Node, SNode};

pub const FILE_NAME: &str = ".jxlint.yaml";

/// The configuration in force for a file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    severity: BTreeMap<&'static str, Severity>,
    pub verdict: VerdictRules,
    pub data: Arc<RuleData>,
    /// `per-path-ignores`: globs (relative to the configuration's folder) and the rules they
    /// turn off.
    per_path: Vec<PathIgnore>,
    /// The `per-path-ignores` selectors in force for the file being checked (set by
    /// [`Resolver::for_file`]); unlike `ignore`, `--ignore` does not replace them.
    path_ignore: Vec<String>,
}

/// One `per-path-ignores` entry.
#[derive(Debug, Clone)]
struct PathIgnore {
    glob: Glob,
    selectors: Vec<String>,
}

/// A path glob of `per-path-ignores`, matched against paths relative to the configuration's
/// folder with `/` between folders: `*` (any characters of one name), `?` (one character),
/// `[abc]` / `[!abc]` (one of, none of), `**` (any number of folders). A pattern with a `/`
/// names paths from the configuration's folder; one without names a file or folder of that
/// name at any depth (as in .gitignore). A pattern that names a folder covers every file
/// under it.
#[derive(Debug, Clone)]
pub struct Glob {
    anchored: bool,
    re: regex::Regex,
}

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let p = pattern.trim().trim_end_matches('/');
        let p = p.strip_prefix("./").unwrap_or(p);
        if p.is_empty() {
            return Err("路径模式为空".into());
        }
        let anchored = p.contains('/');
        let p = p.trim_start_matches('/');
        let chars: Vec<char> = p.chars().collect();
        let mut re = String::from("^");
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '*' if chars.get(i + 1) == Some(&'*') => {
                    let at_start = i == 0 || chars[i - 1] == '/';
                    let at_end = i + 2 == chars.len() || chars[i + 2] == '/';
                    if !(at_start && at_end) {
                        return Err(format!(
                            "路径模式“{pattern}”中的 ** 只能单独作为一级目录（如 **/草稿/*.yaml）"
                        ));
                    }
                    if i + 2 == chars.len() {
                        re.push_str(".*");
                        i += 2;
                    } else {
                        re.push_str("(?:[^/]+/)*");
                        i += 3;
                    }
                    continue;
                }
                '*' => re.push_str("[^/]*"),
                '?' => re.push_str("[^/]"),
                '[' => {
                    let close = chars[i + 1..]
                        .iter()
                        .skip(1)
                        .position(|&c| c == ']')
                        .map(|k| i + 2 + k)
                        .ok_or_else(|| format!("路径模式“{pattern}”中的 [ 没有对应的 ]"))?;
                    let mut body: String = chars[i + 1..close].iter().collect();
                    let negated = body.starts_with('!') || body.starts_with('^');
                    if negated {
                        body.remove(0);
                    }
                    re.push('[');
                    if negated {
                        re.push('^');
                    }
                    for c in body.chars() {
                        if matches!(c, '\\' | '[' | ']' | '^' | '&' | '~') {
                            re.push('\\');
                        }
                        re.push(c);
                    }
                    re.push(']');
                    i = close + 1;
                    continue;
                }
                c => re.push_str(&regex::escape(&c.to_string())),
            }
            i += 1;
        }
        re.push('$');
        let re = regex::Regex::new(&re).map_err(|_| format!("路径模式“{pattern}”无效"))?;
        Ok(Glob { anchored, re })
    }

    /// Whether the glob names this path (relative, `/` between folders; `None` for a file
    /// outside the configuration's folder, which only patterns without `/` can name), or a
    /// folder it is in.
    pub fn matches(&self, relative: Option<&str>, name: &str) -> bool {
        let Some(rel) = relative else {
            return !self.anchored && self.re.is_match(name);
        };
        let parts: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
        if self.anchored {
            (1..=parts.len()).any(|n| self.re.is_match(&parts[..n].join("/")))
        } else {
            parts.iter().any(|p| self.re.is_match(p))
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            select: None,
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            verdict: VerdictRules::default(),
            data: RuleData::shared(),
            per_path: Vec::new(),
            path_ignore: Vec::new(),
        }
    }
}

/// Which findings decide a verdict (`verdict:` in .jxlint.yaml): each item is a severity
/// (error, warning, info) or a rule selector (code, prefix or name).
#[derive(Debug, Clone)]
pub struct VerdictRules {
    /// Any such finding sends the table back.
    pub send_back: Vec<String>,
    /// Any such finding (and none of the above) asks for revision.
    pub revise: Vec<String>,
}

impl Default for VerdictRules {
    /// Any error, an irrelevant indicator (R001) or a missing spending schedule (B003) sends a
    /// table back; other warnings ask for revision; infos alone pass.
    fn default() -> Self {
        VerdictRules {
            send_back: vec!["error".into(), "R001".into(), "B003".into()],
            revise: vec!["warning".into()],
        }
    }
}

impl VerdictRules {
    fn matches(items: &[String], rule: Option<&Rule>, severity: Severity) -> bool {
        items
            .iter()
            .any(|i| Severity::parse(i) == Some(severity) || rule.is_some_and(|r| selects(i, r)))
    }

    /// The verdict a finding alone would give. A finding about a section the received table's
    /// template does not have (`template_lacks`: B003 on a form without a 资金支出计划) is not
    /// sent back by a rule entry under `send_back` (the default's B003 means a schedule left
    /// blank): the department cannot fill in what its form lacks, so it asks for revision
    /// (adding the section); a severity entry under `send_back` still sends it back.
    pub fn of(&self, code: &str, severity: Severity, template_lacks: bool) -> Verdict {
        let rule = rules::registry().iter().find(|r| r.code == code);
        let by_rule = Self::matches(&self.send_back, rule, severity);
        // (For such a finding only a severity entry under send_back sends it back.)
        let send_back = if template_lacks {
            Self::matches(&self.send_back, None, severity)
        } else {
            by_rule
        };
        if send_back {
            Verdict::SendBack
        } else if by_rule || Self::matches(&self.revise, rule, severity) {
            Verdict::Revise
        } else {
            Verdict::Pass
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
pub fn selects(sel: &str, rule: &Rule) -> bool {
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
        selected
            && !self.ignore.iter().any(|s| selects(s, rule))
            && !self.path_ignore.iter().any(|s| selects(s, rule))
    }

    /// The same configuration for one file: with the `per-path-ignores` that name it in force.
    fn for_path(mut self, file: &Path) -> Config {
        if self.per_path.is_empty() {
            return self;
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let base = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .and_then(|d| std::fs::canonicalize(d).ok());
        let relative = match (base, std::fs::canonicalize(file)) {
            (Some(base), Ok(f)) => f.strip_prefix(&base).ok().map(|r| {
                r.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            }),
            _ => None,
        };
        let matched: Vec<String> = self
            .per_path
            .iter()
            .filter(|p| p.glob.matches(relative.as_deref(), &name))
            .flat_map(|p| p.selectors.iter().cloned())
            .collect();
        self.path_ignore = matched;
        self
    }

    /// Whether the rule with this code is enabled (false for an unknown code).
    pub fn enabled_code(&self, code: &str) -> bool {
        rules::registry()
            .iter()
            .find(|r| r.code == code)
            .is_some_and(|r| self.enabled(r))
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
            std::fs::File::open(path).map_err(|e| ReadError::new(crate::walk::io_message(&e)))?;
        let bytes = crate::limits::read_bounded(file, crate::limits::MAX_FILE_BYTES)
            .map_err(ReadError::new)?;
        let (text, _) = crate::source::decode(&bytes).map_err(|e| ReadError::new(e.0))?;
        let src = SourceFile::new(path.to_string_lossy(), text);
        Self::parse(&src).map(|mut c| {
            c.path = Some(path.to_path_buf());
            c
        })
    }

    pub fn parse(src: &SourceFile) -> Result<Config, ReadError> {
        let mut cfg = Config::default();
        if crate::text::is_blank(&src.text) {
            return Ok(cfg);
        }
        let top =
            crate::yamltree::parse(&src.text).map_err(|e| crate::read::yaml::error_of(src, &e))?;
        let mut data = RuleData::embedded().clone();
        let p = P { src };
        let entries = match &top.value {
            Node::Map(m) => m.as_slice(),
            Node::Null => &[],
            _ => {
                return Err(p.err(
                    &top,
                    "配置文件的顶层应是键值映射（select: …、params: …）".into(),
                ));
            }
        };
        let mut extra: Option<&SNode> = None;
        for (k, v) in entries {
            let key = p.text(k);
            match key.as_str() {
                "select" | "ignore" => {
                    let mut list = Vec::new();
                    for item in p.seq(k, v)? {
                        let s = p.scalar(k, item)?;
                        validate_selectors(std::slice::from_ref(&s)).map_err(|m| p.err(item, m))?;
                        list.push(s);
                    }
                    if key == "select" {
                        cfg.select = Some(list);
                    } else {
                        cfg.ignore = list;
                    }
                }
                "severity" => {
                    for (rk, rv) in p.map(k, v)? {
                        let code = p.text(rk);
                        let rule = rules::find(&code).ok_or_else(|| {
                            p.err(
                                rk,
                                format!("severity 中没有规则“{code}”：请写规则代码或名称"),
                            )
                        })?;
                        let level = p.scalar(rk, rv)?;
                        let s = Severity::parse(&level).ok_or_else(|| {
                            p.err(
                                rv,
                                format!(
                                    "“{code}”的级别“{level}”无效：只能是 error、warning 或 info"
                                ),
                            )
                        })?;
                        cfg.severity.insert(rule.code, s);
                    }
                }
                "params" => {
                    for (pk, pv) in p.map(k, v)? {
                        let name = p.text(pk);
                        let Some(spec) = PARAMS.iter().find(|s| s.key == name) else {
                            let known: Vec<&str> = PARAMS.iter().map(|s| s.key).collect();
                            return Err(p.err(
                                pk,
                                format!("未知的参数“{name}”；可用的参数：{}", known.join(", ")),
                            ));
                        };
                        let raw = p.scalar(pk, pv)?;
                        let value: f64 = raw
                            .trim()
                            .parse()
                            .ok()
                            .filter(|x: &f64| x.is_finite())
                            .ok_or_else(|| {
                                p.err(pv, format!("参数“{name}”必须是数字，写成了“{raw}”"))
                            })?;
                        if !(spec.min..=spec.max).contains(&value) {
                            return Err(p.err(
                                pv,
                                format!(
                                    "参数“{name}”为 {value}，超出了有效范围 {}–{}（{}）",
                                    spec.min, spec.max, spec.doc
                                ),
                            ));
                        }
                        *data.param_mut(&name).expect("declared parameter") = value;
                    }
                    let (lo, hi) = (data.values.excel_serial_min, data.values.excel_serial_max);
                    if lo > hi {
                        return Err(p.err(
                            k,
                            format!("excel_serial_min（{lo}）大于 excel_serial_max（{hi}）"),
                        ));
                    }
                }
                "words" => {
                    for (wk, wv) in p.map(k, v)? {
                        let name = p.text(wk);
                        let mut words = Vec::new();
                        for item in p.seq(wk, wv)? {
                            words.push(p.scalar(wk, item)?);
                        }
                        let known: Vec<&str> = data.lists().into_iter().map(|(k, _)| k).collect();
                        let Some(list) = data.list_mut(&name) else {
                            return Err(p.err(
                                wk,
                                format!(
                                    "未知的词表“{name}”；可用的词表：{}，以及 domains.<领域>.words / \
                                     domains.<领域>.distinctive（领域见 rules/domains.yaml）",
                                    known.join(", ")
                                ),
                            ));
                        };
                        for w in words {
                            if !list.contains(&w) {
                                list.push(w);
                            }
                        }
                    }
                }
                "framework" => extra = Some(v),
                "per-path-ignores" => {
                    for (gk, gv) in p.map(k, v)? {
                        let pattern = p.text(gk);
                        let glob = Glob::new(&pattern)
                            .map_err(|m| p.err(gk, format!("per-path-ignores：{m}")))?;
                        let mut selectors = Vec::new();
                        for item in p.seq(gk, gv)? {
                            let s = p.scalar(gk, item)?;
                            validate_selectors(std::slice::from_ref(&s)).map_err(|m| {
                                p.err(item, format!("per-path-ignores 中“{pattern}”的{m}"))
                            })?;
                            selectors.push(s);
                        }
                        cfg.per_path.push(PathIgnore { glob, selectors });
                    }
                }
                "verdict" => {
                    for (vk, vv) in p.map(k, v)? {
                        let which = p.text(vk);
                        let mut items = Vec::new();
                        for item in p.seq(vk, vv)? {
                            let s = p.scalar(vk, item)?;
                            if Severity::parse(&s).is_none() {
                                validate_selectors(std::slice::from_ref(&s)).map_err(|m| {
                                    p.err(item, format!("{m}（或写级别 error、warning、info）"))
                                })?;
                            }
                            items.push(s);
                        }
                        match which.as_str() {
                            "send_back" => cfg.verdict.send_back = items,
                            "revise" => cfg.verdict.revise = items,
                            other => {
                                return Err(p.err(
                                    vk,
                                    format!(
                                        "verdict 中未知的键“{other}”；可用的键：send_back、revise"
                                    ),
                                ));
                            }
                        }
                    }
                }
                _ => {
                    return Err(p.err(
                        k,
                        format!(
                            "未知的键“{key}”（拼写错误？）；可用的键：select、ignore、severity、params、words、framework、verdict、per-path-ignores"
                        ),
                    ));
                }
            }
        }
        if let Some(v) = extra {
            p.framework(v, &mut data)?;
        }
        cfg.data = Arc::new(data);
        Ok(cfg)
    }
}

/// Reading helpers over the spanned tree of a configuration file.
struct P<'a> {
    src: &'a SourceFile,
}

impl P<'_> {
    fn err(&self, at: &SNode, message: String) -> ReadError {
        let (line, column) = crate::yamltree::line_col(at);
        ReadError {
            message,
            line,
            column,
            not_target: false,
            detail: None,
        }
    }

    fn text(&self, n: &SNode) -> String {
        match &n.value {
            Node::Text(t) => t.clone(),
            _ => {
                let s = n.referenced.span();
                let (start, len) = (
                    s.byte_offset().unwrap_or(0) as usize,
                    s.byte_len().unwrap_or(0) as usize,
                );
                self.src
                    .text
                    .get(start..start + len)
                    .unwrap_or("")
                    .trim()
                    .to_string()
            }
        }
    }

    fn scalar(&self, key: &SNode, v: &SNode) -> Result<String, ReadError> {
        match &v.value {
            Node::Text(_) | Node::Other => Ok(self.text(v)),
            Node::Null => Ok(String::new()),
            other => Err(self.err(
                v,
                format!(
                    "“{}”的值应是文字或数字，写成了{}",
                    self.text(key),
                    other.kind()
                ),
            )),
        }
    }

    fn seq<'n>(&self, key: &SNode, v: &'n SNode) -> Result<&'n [SNode], ReadError> {
        match &v.value {
            Node::Seq(items) => Ok(items),
            Node::Null => Ok(&[]),
            other => Err(self.err(
                v,
                format!(
                    "“{}”应是列表（[A, B]），写成了{}",
                    self.text(key),
                    other.kind()
                ),
            )),
        }
    }

    fn map<'n>(&self, key: &SNode, v: &'n SNode) -> Result<&'n [(SNode, SNode)], ReadError> {
        match &v.value {
            Node::Map(m) => Ok(m),
            Node::Null => Ok(&[]),
            other => Err(self.err(
                v,
                format!(
                    "“{}”应是映射（键: 值），写成了{}",
                    self.text(key),
                    other.kind()
                ),
            )),
        }
    }

    /// `framework: {level1: {名称: {class, level2, legacy}}, level2: {名称: {class, legacy}}}`.
    fn framework(&self, v: &SNode, data: &mut RuleData) -> Result<(), ReadError> {
        let mut level1 = Vec::new();
        let mut level2 = Vec::new();
        for (sk, sv) in self.map(v, v)? {
            let section = self.text(sk);
            if section != "level1" && section != "level2" {
                return Err(self.err(
                    sk,
                    format!("framework 中未知的键“{section}”；可用的键：level1、level2"),
                ));
            }
            for (nk, nv) in self.map(sk, sv)? {
                let name = self.text(nk);
                let (mut class, mut l2, mut legacy) = (None, Vec::new(), None);
                for (fk, fv) in self.map(nk, nv)? {
                    match self.text(fk).as_str() {
                        "class" => class = Some((self.scalar(fk, fv)?, fv)),
                        "level2" if section == "level1" => {
                            for item in self.seq(fk, fv)? {
                                let c = self.scalar(fk, item)?;
                                let class2 = Class2::from_zh(&c).ok_or_else(|| {
                                    self.err(
                                        item,
                                        format!("framework.level1“{name}”的二级类别“{c}”不存在"),
                                    )
                                })?;
                                l2.push(class2);
                            }
                        }
                        "legacy" => legacy = Some(self.scalar(fk, fv)?),
                        other => {
                            return Err(self.err(
                                fk,
                                format!("framework.{section}“{name}”中未知的键“{other}”"),
                            ));
                        }
                    }
                }
                let Some((class, at)) = class else {
                    return Err(self.err(nk, format!("framework.{section}“{name}”缺少 class")));
                };
                if section == "level1" {
                    let c = Class1::from_zh(&class).ok_or_else(|| {
                        self.err(
                            at,
                            format!("一级类别“{class}”不存在：只能是产出、成本、效益或满意度"),
                        )
                    })?;
                    level1.push((
                        name,
                        Level1 {
                            class: c,
                            level2: l2,
                            legacy,
                        },
                    ));
                } else {
                    let c = Class2::from_zh(&class).ok_or_else(|| {
                        self.err(
                            at,
                            format!("二级类别“{class}”不存在（见 rules/framework.yaml）"),
                        )
                    })?;
                    level2.push((name, Level2 { class: c, legacy }));
                }
            }
        }
        for (name, e) in level1 {
            data.framework
                .level1
                .insert(crate::text::norm_name(&name), e);
        }
        for (name, e) in level2 {
            data.framework
                .level2
                .insert(crate::text::norm_name(&name), e);
        }
        Ok(())
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
    /// directory's), with the `per-path-ignores` that name the file in force. An error names
    /// the configuration file.
    pub fn for_file(&mut self, file: Option<&Path>) -> Result<Config, (PathBuf, ReadError)> {
        let config = self.for_dir_of(file)?;
        Ok(match file {
            Some(f) => config.for_path(f),
            None => config,
        })
    }

    fn for_dir_of(&mut self, file: Option<&Path>) -> Result<Config, (PathBuf, ReadError)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// B003 about a section the received table's template lacks asks for revision under the
    /// default rules (a rule entry under send_back does not apply); a blank schedule is sent
    /// back; a severity entry under send_back still applies (trial 2, problem 3).
    #[test]
    fn a_section_the_template_lacks_is_not_sent_back_by_a_rule_entry() {
        let d = VerdictRules::default();
        assert_eq!(d.of("B003", Severity::Warning, false), Verdict::SendBack);
        assert_eq!(d.of("B003", Severity::Warning, true), Verdict::Revise);
        let strict = VerdictRules {
            send_back: vec!["warning".into()],
            revise: vec![],
        };
        assert_eq!(
            strict.of("B003", Severity::Warning, true),
            Verdict::SendBack
        );
        let named = VerdictRules {
            send_back: vec!["schedule-missing".into()],
            revise: vec![],
        };
        assert_eq!(named.of("B003", Severity::Warning, true), Verdict::Revise);
        let none = VerdictRules {
            send_back: vec!["error".into()],
            revise: vec![],
        };
        assert_eq!(none.of("B003", Severity::Warning, true), Verdict::Pass);
    }

    fn m(pattern: &str, rel: Option<&str>) -> bool {
        let name = rel.map_or("a.yaml", |r| r.rsplit('/').next().unwrap());
        Glob::new(pattern).unwrap().matches(rel, name)
    }

    #[test]
    fn globs_are_relative_to_the_configuration() {
        assert!(m("2024/*.yaml", Some("2024/社保局.yaml")));
        assert!(!m("2024/*.yaml", Some("2025/社保局.yaml")));
        assert!(!m("2024/*.yaml", Some("old/2024/社保局.yaml")));
        assert!(!m("2024/*.yaml", Some("2024/sub/社保局.yaml")));
        assert!(m("./2024/*.yaml", Some("2024/a.yaml")));
        assert!(m("2024/**/*.yaml", Some("2024/a.yaml")));
        assert!(m("2024/**/*.yaml", Some("2024/x/y/a.yaml")));
        assert!(m("**/草稿/*.yml", Some("a/b/草稿/c.yml")));
        assert!(m("202?/[!b]*.yaml", Some("2024/a.yaml")));
        assert!(!m("202?/[!b]*.yaml", Some("2024/b.yaml")));
        // A folder covers the files under it.
        assert!(m("2024", Some("2024/x/a.yaml")));
        assert!(m("2024/", Some("2024/a.yaml")));
        // No `/`: a name at any depth, also for a file outside the configuration's folder.
        assert!(m("*.yml", Some("x/y/a.yml")));
        assert!(m("草稿", Some("x/草稿/a.yaml")));
        assert!(m("a.yaml", None));
        assert!(!m("2024/a.yaml", None));
        // Regex characters are literal.
        assert!(m("a+b(1).yaml", Some("a+b(1).yaml")));
        assert!(!m("a.yaml", Some("axyaml")));
    }

    #[test]
    fn bad_globs_are_refused() {
        assert!(Glob::new("").is_err());
        assert!(Glob::new("2024/[ab.yaml").is_err());
        assert!(Glob::new("2024/a**.yaml").is_err());
    }

    #[test]
    fn per_path_ignores_name_their_line() {
        let src = SourceFile::new(
            ".jxlint.yaml",
            "ignore: [S006]\nper-path-ignores:\n  \"2024/*.yaml\": [S009, V]\n  草稿: [X999]\n"
                .into(),
        );
        let e = Config::parse(&src).unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("per-path-ignores") && e.message.contains("X999"));
        let src = SourceFile::new(".jxlint.yaml", "per-path-ignores: [S009]\n".into());
        let e = Config::parse(&src).unwrap_err();
        assert_eq!(e.line, Some(1));
        let src = SourceFile::new(
            ".jxlint.yaml",
            "per-path-ignores:\n  \"[2024/*.yaml\": [S009]\n".into(),
        );
        let e = Config::parse(&src).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("没有对应的 ]"), "{}", e.message);
    }
}
