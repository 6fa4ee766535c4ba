//! Reader for YAML target documents (`shared/spec/target-document.md`), built on serde-saphyr
//! so that every value keeps its line, column and byte range.
//!
//! The document is first read into a tree of spanned nodes, then walked with the key lists of
//! `rules/headers.yaml` (English keys and every Chinese alias, shared with the grid
//! recogniser). Walking the tree ourselves gives every error its key and line, and lets the
//! reader decide whether a file is a target document at all from its whole top-level mapping.

use std::borrow::Cow;
use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::headers::{BudgetKey, Column, DocKey, ProjectKey, Section, headers};
use crate::model::{Budget, Document, Field, Goals, Indicator, Period, Project, Schedule};
use crate::read::ReadError;
use crate::source::{SourceFile, Span};
use crate::yamltree::{Node, SNode};

/// The top-level keys as written (lines that start at column 0 with `key:`), without parsing,
/// so that an alias bomb costs nothing here.
fn top_keys_by_text(src: &SourceFile) -> Vec<&str> {
    src.text
        .lines()
        .take(10_000)
        .filter(|l| !l.starts_with([' ', '\t', '#', '-', '{', '[', '%']) && l.contains(':'))
        .map(|l| {
            l.split(':')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
        })
        .filter(|k| !k.is_empty())
        .collect()
}

/// A key of a target document's top level, or a near miss of one.
fn target_key(k: &str) -> bool {
    let h = headers();
    h.document.find(k).is_some()
        || h.project.find(k).is_some()
        || h.document.nearest(k).is_some()
        || h.project.nearest(k).is_some()
}

/// Whether the text looks like a target document without parsing it: a top-level key that is
/// a target-document key. Used to tell a broken target document (an error) from some other
/// YAML file (skipped in a walk).
fn looks_like_target(src: &SourceFile) -> bool {
    top_keys_by_text(src).into_iter().any(target_key)
}

pub fn read(src: &SourceFile) -> Result<Document, ReadError> {
    if crate::text::is_blank(&src.text) {
        return Err(ReadError::not_target("文件为空，不是目标文档"));
    }
    // Top-level keys visible in the text, none of them a target document's: some other YAML
    // file, decided before the (possibly expensive) parse.
    let keys = top_keys_by_text(src);
    if !keys.is_empty() && !keys.iter().any(|k| target_key(k)) {
        let shown: Vec<&str> = keys.iter().take(5).copied().collect();
        return Err(ReadError::not_target(format!(
            "不是绩效目标文档：顶层的键（{}）都不是目标文档的键",
            shown.join("、")
        )));
    }
    // (The tree is taken apart as it is read: each value's text moves into its field.)
    let mut top: SNode = match crate::yamltree::parse(&src.text) {
        Ok(top) => top,
        Err(e) => {
            let mut err = error_of(src, &e);
            err.not_target = !looks_like_target(src);
            return Err(err);
        }
    };
    let conv = Conv::new(src);
    if !matches!(top.value, Node::Map(_)) {
        let mut e = conv.error(
            &top,
            "顶层应是键值映射（name: …，或 projects: 列表）".into(),
        );
        e.not_target = !looks_like_target(src);
        return Err(e);
    }
    let Node::Map(entries) = &mut top.value else {
        unreachable!("a mapping, tested above")
    };
    let h = headers();
    // Sort the top-level keys into document keys, project keys and unknown ones (by their
    // place among the entries, which are read after every test of the keys).
    let mut doc_keys: Vec<(DocKey, usize)> = Vec::new();
    let mut project_keys: Vec<usize> = Vec::new();
    let mut unknown: Vec<&SNode> = Vec::new();
    for (i, (k, _)) in entries.iter().enumerate() {
        let name = conv.key_text(k);
        if let Some(d) = h.document.find(&name) {
            doc_keys.push((d, i));
        } else if h.project.find(&name).is_some() {
            project_keys.push(i);
        } else {
            unknown.push(k);
        }
    }
    // A misspelt target-document key still says what the file is.
    let near_misses = unknown
        .iter()
        .filter(|k| {
            let name = conv.key_text(k);
            h.document.nearest(&name).is_some() || h.project.nearest(&name).is_some()
        })
        .count();
    // A target document has a project list or indicators, or mostly target-document keys; a
    // CI workflow or a mkdocs.yml with one `name:` key is something else.
    let has_projects = doc_keys.iter().any(|(d, _)| *d == DocKey::Projects);
    let has_indicators = project_keys
        .iter()
        .any(|&i| h.project.find(&conv.key_text(&entries[i].0)) == Some(ProjectKey::Indicators));
    let known = doc_keys.len() + project_keys.len() + near_misses;
    if !has_projects && !has_indicators && known <= unknown.len() - near_misses {
        let shown: Vec<Cow<str>> = entries
            .iter()
            .take(5)
            .map(|(k, _)| conv.key_text(k))
            .collect();
        return Err(ReadError::not_target(format!(
            "不是绩效目标文档：顶层的键（{}）大多不是目标文档的键，也没有 projects（项目）或 indicators（绩效指标）",
            shown.join("、")
        )));
    }
    if let Some(k) = unknown.first() {
        let name = conv.key_text(k);
        // A top-level key may be a document key or (single project) a project key.
        return Err(if h.document.nearest(&name).is_some() {
            conv.unknown_key(k, "顶层", &[&h.document])
        } else {
            conv.unknown_key(k, "顶层", &[&h.project])
        }
        .with_known(&top_level_names()));
    }
    let mut doc = Document::default();
    let mut projects = None;
    for (d, i) in doc_keys {
        let (k, v) = &mut entries[i];
        match d {
            DocKey::Department => doc.department = Some(conv.field(k, v)?),
            DocKey::Year => doc.year = Some(conv.field(k, v)?),
            DocKey::Unit => doc.unit = Some(conv.field(k, v)?),
            DocKey::Projects => projects = Some(i),
        }
    }
    match projects {
        Some(i) if !project_keys.is_empty() => {
            return Err(conv.error(
                &entries[i].0,
                "顶层既有 projects（项目列表）又有单个项目的键（name 等）：二者只能取其一".into(),
            ));
        }
        Some(i) => {
            let (k, v) = &mut entries[i];
            for item in conv.seq(k, v)? {
                let span = conv.span(&item.referenced);
                let Node::Map(m) = &mut item.value else {
                    return Err(conv.type_error(k, item, "项目（键: 值 的映射）"));
                };
                let pairs = m.iter_mut().map(|(a, b)| (&*a, b));
                doc.projects.push(conv.project(pairs, span)?);
            }
        }
        None if !project_keys.is_empty() => {
            let pairs = entries
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| project_keys.contains(i))
                .map(|(_, (a, b))| (&*a, b));
            doc.projects.push(conv.project(pairs, Span::empty_at(0))?);
        }
        None => {
            return Err(ReadError::not_target(
                "没有 projects（项目）列表，也没有顶层 name（项目名称）：不是目标文档",
            ));
        }
    }
    Ok(doc)
}

impl ReadError {
    /// Replace the list of keys an unknown-key message offers.
    fn with_known(mut self, known: &[&str]) -> ReadError {
        if let Some(i) = self.message.find("可用的键：") {
            let end = self.message[i..]
                .find("（也可用")
                .map(|j| i + j)
                .unwrap_or(self.message.len());
            self.message
                .replace_range(i..end, &format!("可用的键：{}", known.join("、")));
        }
        self
    }
}

fn top_level_names() -> Vec<&'static str> {
    let h = headers();
    let mut v: Vec<&str> = h.document.keys.iter().map(|(_, en, _)| *en).collect();
    for (_, en, _) in &h.project.keys {
        if !v.contains(en) {
            v.push(en);
        }
    }
    v
}

fn names_of<K>(s: &Section<K>) -> Vec<&'static str> {
    s.keys.iter().map(|(_, en, _)| *en).collect()
}

/// A serde-saphyr error as a [`ReadError`] with its line, in Chinese.
pub fn error_of(src: &SourceFile, e: &serde_saphyr::Error) -> ReadError {
    let plain = e.without_snippet().to_string();
    let first = plain.lines().next().unwrap_or("");
    // serde-saphyr starts or ends its messages with the position; we report it separately.
    let msg = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let msg = match msg.strip_prefix("error: ") {
        Some(rest) => rest.split_once(": ").map(|(_, m)| m).unwrap_or(rest),
        None => msg,
    };
    let line = e
        .location()
        .map(|l| l.line() as usize)
        .filter(|&l| l > 0 && l <= src.line_count());
    let column = e.location().map(|l| l.column() as usize).filter(|&c| c > 0);
    ReadError {
        message: translate(msg),
        line,
        column,
        not_target: false,
        detail: Some(msg.to_string()),
    }
}

/// The YAML parser's messages, in Chinese (the original is kept as the error's detail).
fn translate(msg: &str) -> String {
    let m = msg.to_ascii_lowercase();
    if m.contains("budget breached") {
        let what = if m.contains("anchor") || m.contains("alias") {
            "别名展开过多"
        } else if m.contains("depth") {
            "嵌套过深"
        } else if m.contains("node") {
            "节点过多"
        } else {
            "解析事件过多"
        };
        return format!(
            "超出了 YAML 的资源上限（{what}）：为防止别名炸弹和过深的嵌套，别名、节点数和嵌套深度都有上限（见 README）"
        );
    }
    if m.contains("recursion limit exceeded") || m.contains("depth") {
        return format!(
            "嵌套过深：目标文档最多嵌套 {} 层",
            crate::limits::YAML_MAX_DEPTH
        );
    }
    if m.contains("duplicate mapping key") {
        let key = msg
            .rsplit(": ")
            .next()
            .unwrap_or("")
            .split(',')
            .next()
            .unwrap_or("");
        return format!("键“{}”在同一层出现了两次：请删除或合并重复的键", key.trim());
    }
    let kind = if m.contains("unclosed")
        || m.contains("did not find expected")
        || m.contains("while parsing a flow")
    {
        "括号或引号没有闭合"
    } else if m.contains("tab") {
        "用了制表符缩进（YAML 只能用空格缩进）"
    } else if m.contains("indent") || m.contains("mapping values are not allowed") {
        "缩进不对齐，或在不该写“键: 值”的地方写了冒号"
    } else if m.contains("alias") || m.contains("anchor") {
        "别名（*名称）引用了不存在的锚点"
    } else if m.contains("invalid")
        && (m.contains("float") || m.contains("integer") || m.contains("number"))
    {
        "数字的写法不对"
    } else if m.contains("escape") {
        "双引号中的转义字符（\\）不对"
    } else if m.contains("end of stream") || m.contains("unexpected end") {
        "文件意外结束（可能被截断）"
    } else {
        "YAML 语法错误"
    };
    format!("YAML 语法错误：{kind}")
}

struct Conv<'a> {
    src: &'a SourceFile,
    /// What [`Section::find`] gave for each key text met so far (a document repeats a few
    /// keys thousands of times).
    project_keys: RefCell<FxHashMap<String, Option<ProjectKey>>>,
    columns: RefCell<FxHashMap<String, Option<Column>>>,
}

/// [`Section::find`] through a memo of its answers.
fn find_memo<K: Copy>(
    memo: &RefCell<FxHashMap<String, Option<K>>>,
    section: &Section<K>,
    name: &str,
) -> Option<K> {
    let mut m = memo.borrow_mut();
    if let Some(k) = m.get(name) {
        return *k;
    }
    let k = section.find(name);
    m.insert(name.to_string(), k);
    k
}

impl<'a> Conv<'a> {
    fn new(src: &'a SourceFile) -> Conv<'a> {
        Conv {
            src,
            project_keys: Default::default(),
            columns: Default::default(),
        }
    }

    fn span(&self, loc: &crate::yamltree::Loc) -> Span {
        let s = loc.span();
        match (s.byte_offset(), s.byte_len()) {
            (Some(off), Some(len)) => {
                let start = (off as usize).min(self.src.text.len());
                let end = (start + len as usize).min(self.src.text.len());
                if self.src.text.is_char_boundary(start) && self.src.text.is_char_boundary(end) {
                    Span::new(start, end)
                } else {
                    Span::empty_at(self.line_col_offset(loc))
                }
            }
            _ => Span::empty_at(self.line_col_offset(loc)),
        }
    }

    fn line_col_offset(&self, loc: &crate::yamltree::Loc) -> usize {
        let start = self.src.line_start(loc.line() as usize);
        let line_text = &self.src.text[start..];
        let col = (loc.column() as usize).saturating_sub(1);
        start
            + line_text
                .char_indices()
                .nth(col)
                .map(|(i, _)| i)
                .unwrap_or(0)
    }

    /// An error at a node, with its line and column.
    fn error(&self, at: &SNode, message: String) -> ReadError {
        let (line, column) = crate::yamltree::line_col(at);
        ReadError {
            message,
            line,
            column,
            not_target: false,
            detail: None,
        }
    }

    fn type_error(&self, key: &SNode, value: &SNode, expected: &str) -> ReadError {
        self.error(
            value,
            format!(
                "类型不对：“{}”应是{expected}，写成了{}",
                self.key_text(key),
                value.value.kind()
            ),
        )
    }

    /// An unknown key, with the nearest known one as a suggestion.
    fn unknown_key<K: Copy>(
        &self,
        key: &SNode,
        place: &str,
        sections: &[&Section<K>],
    ) -> ReadError {
        let name = self.key_text(key);
        let hint = match sections.iter().find_map(|s| s.nearest(&name)) {
            Some(n) => format!("是不是“{n}”？"),
            None => "拼写错误？".into(),
        };
        let known: Vec<&str> = sections.iter().flat_map(|s| names_of(s)).collect();
        self.error(
            key,
            format!(
                "未知的键“{name}”（{hint}）；{place}可用的键：{}（也可用中文名称，见 rules/headers.yaml）",
                known.join("、")
            ),
        )
    }

    /// A mapping key as text (a number key as written).
    fn key_text<'n>(&self, k: &'n SNode) -> Cow<'n, str> {
        match &k.value {
            Node::Text(t) => Cow::Borrowed(t),
            _ => Cow::Owned(self.src.slice(self.span(&k.referenced)).trim().to_string()),
        }
    }

    /// A scalar as a field: a string's value (moved out of the tree), or the source text of a
    /// number or boolean; null gives an empty field (present, not given).
    fn field(&self, key: &SNode, v: &mut SNode) -> Result<Field, ReadError> {
        let span = self.span(&v.referenced);
        Ok(match &mut v.value {
            Node::Text(t) => Field::new(std::mem::take(t), self.unquoted(span)),
            Node::Other => Field::new(self.src.slice(span).trim(), span),
            Node::Null => Field::new("", Span::empty_at(span.start)),
            Node::Seq(_) | Node::Map(_) => return Err(self.type_error(key, v, "文字或数字")),
        })
    }

    fn seq<'n>(&self, key: &SNode, v: &'n mut SNode) -> Result<&'n mut [SNode], ReadError> {
        if !matches!(v.value, Node::Seq(_) | Node::Null) {
            return Err(self.type_error(key, v, "列表（每项以“- ”开头）"));
        }
        match &mut v.value {
            Node::Seq(items) => Ok(items),
            _ => Ok(&mut []),
        }
    }

    fn map<'n>(
        &self,
        key: &SNode,
        v: &'n mut SNode,
    ) -> Result<&'n mut [(SNode, SNode)], ReadError> {
        if !matches!(v.value, Node::Map(_) | Node::Null) {
            return Err(self.type_error(key, v, "映射（键: 值）"));
        }
        match &mut v.value {
            Node::Map(m) => Ok(m),
            _ => Ok(&mut []),
        }
    }

    /// A quoted scalar's span without its quotes, so the underline covers the text itself.
    fn unquoted(&self, span: Span) -> Span {
        let s = self.src.slice(span);
        let quoted = s.len() >= 2
            && ((s.starts_with('"') && s.ends_with('"'))
                || (s.starts_with('\'') && s.ends_with('\'')));
        if quoted {
            Span::new(span.start + 1, span.end - 1)
        } else {
            span
        }
    }

    fn project<'n>(
        &self,
        entries: impl Iterator<Item = (&'n SNode, &'n mut SNode)>,
        fallback: Span,
    ) -> Result<Project, ReadError> {
        let h = headers();
        let mut p = Project::default();
        let mut name_span = None;
        for (k, v) in entries {
            let Some(key) = find_memo(&self.project_keys, &h.project, &self.key_text(k)) else {
                return Err(self.unknown_key(k, "项目中", &[&h.project]));
            };
            match key {
                ProjectKey::Code => p.code = Some(self.field(k, v)?),
                ProjectKey::Name => {
                    let f = self.field(k, v)?;
                    name_span = Some(f.span);
                    p.name = Some(f);
                }
                ProjectKey::Department => p.department = Some(self.field(k, v)?),
                ProjectKey::Agency => p.agency = Some(self.field(k, v)?),
                ProjectKey::Purpose => p.purpose = Some(self.field(k, v)?),
                ProjectKey::FunctionCode => p.function_code = Some(self.field(k, v)?),
                ProjectKey::Budget => p.budget = self.budget(k, v)?,
                ProjectKey::Schedule => {
                    let mut s = Schedule {
                        span: self.span(&v.referenced),
                        periods: Vec::new(),
                    };
                    for (lk, lv) in self.map(k, v)? {
                        // (The label is copied: the value's error names it.)
                        let label = self.field(k, &mut *lk)?;
                        if let Node::Text(t) = &mut lk.value {
                            t.clone_from(&label.text);
                        }
                        s.periods.push(Period {
                            label,
                            value: self.field(lk, lv)?,
                        });
                    }
                    p.schedule = Some(s);
                }
                ProjectKey::Goals => p.goals = Some(self.goals(k, v)?),
                ProjectKey::Indicators => {
                    for item in self.seq(k, v)? {
                        let span = self.span(&item.referenced);
                        let Node::Map(m) = &mut item.value else {
                            return Err(self.type_error(k, item, "指标（键: 值 的映射）"));
                        };
                        p.indicators.push(self.indicator(m, span)?);
                    }
                }
            }
        }
        p.span = name_span.unwrap_or(fallback);
        p.has_unit_column = p.indicators.iter().any(|i| i.unit.is_some());
        p.has_basis_column = p.indicators.iter().any(|i| i.basis.is_some());
        Ok(p)
    }

    /// 预算规模: a mapping of total/fiscal/other, or a single amount (the total).
    fn budget(&self, k: &SNode, v: &mut SNode) -> Result<Budget, ReadError> {
        let mut b = Budget::default();
        if matches!(v.value, Node::Text(_) | Node::Other) {
            b.total = Some(self.field(k, v)?);
            return Ok(b);
        }
        let h = headers();
        for (bk, bv) in self.map(k, v)? {
            match h.budget.find(&self.key_text(bk)) {
                Some(BudgetKey::Total) => b.total = Some(self.field(bk, bv)?),
                Some(BudgetKey::Fiscal) => b.fiscal = Some(self.field(bk, bv)?),
                Some(BudgetKey::Other) => b.other = Some(self.field(bk, bv)?),
                None => return Err(self.unknown_key(bk, "预算规模中", &[&h.budget])),
            }
        }
        Ok(b)
    }

    /// 绩效目标: a list of lines, or one block of text split into its lines.
    fn goals(&self, k: &SNode, v: &mut SNode) -> Result<Goals, ReadError> {
        let span = self.span(&v.referenced);
        let lines = match &mut v.value {
            Node::Seq(items) => items
                .iter_mut()
                .map(|i| self.field(k, i))
                .collect::<Result<_, _>>()?,
            Node::Text(t) => self.block_lines(t, span),
            Node::Other => vec![self.field(k, v)?],
            Node::Null => Vec::new(),
            Node::Map(_) => return Err(self.type_error(k, v, "绩效目标的列表或一段文字")),
        };
        Ok(Goals { span, lines })
    }

    fn indicator(&self, m: &mut [(SNode, SNode)], item: Span) -> Result<Indicator, ReadError> {
        let h = headers();
        let mut ind = Indicator::default();
        for (k, v) in m {
            let Some(col) = find_memo(&self.columns, &h.indicator, &self.key_text(k)) else {
                return Err(self.unknown_key(k, "指标中", &[&h.indicator]));
            };
            let f = Some(self.field(k, v)?);
            match col {
                Column::Level1 => ind.level1 = f,
                Column::Level2 => ind.level2 = f,
                Column::Level3 => ind.level3 = f,
                Column::Description => ind.description = f,
                Column::Value => ind.value = f,
                Column::Unit => ind.unit = f,
                Column::Basis => ind.basis = f,
                Column::Symbol | Column::MidValue | Column::Weight | Column::Direction => {
                    return Err(self.unknown_key(k, "指标中", &[&h.indicator]));
                }
            }
        }
        // The row's span: from its first cell to its last (the mapping when it has none).
        let row = ind
            .cells()
            .into_iter()
            .filter_map(|(_, f)| f.as_ref())
            .map(|x| x.span)
            .fold(None, |acc: Option<Span>, s| {
                Some(match acc {
                    None => s,
                    Some(a) => Span::new(a.start.min(s.start), a.end.max(s.end)),
                })
            });
        ind.span = row.unwrap_or(item);
        Ok(ind)
    }

    /// Split a block of goal text into lines, finding each line in the source after the
    /// block's start so that each keeps its own span (falls back to the block's span).
    fn block_lines(&self, text: &str, block: Span) -> Vec<Field> {
        let mut from = block.start;
        text.lines()
            .filter(|l| !crate::text::is_blank(l))
            .map(|l| {
                let span = match self.src.text.get(from..).and_then(|rest| rest.find(l)) {
                    Some(i) => {
                        let s = Span::new(from + i, from + i + l.len());
                        from = s.end;
                        s
                    }
                    None => block,
                };
                Field::new(l, span)
            })
            .collect()
    }
}
