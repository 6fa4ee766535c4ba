//! Reader for YAML target documents (`shared/spec/target-document.md`), built on serde-saphyr
//! so that every value keeps its line, column and byte range.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::model::{Budget, Document, Field, Goals, Indicator, Period, Project, Schedule};
use crate::read::ReadError;
use crate::source::{SourceFile, Span};

/// Every key a target document may have at its top level (English and Chinese).
const TOP_KEYS: &[&str] = &[
    "department",
    "单位名称",
    "部门",
    "year",
    "预算年度",
    "unit",
    "金额单位",
    "projects",
    "项目",
    "code",
    "项目编码",
    "name",
    "项目名称",
    "budget",
    "预算规模",
    "purpose",
    "资金用途",
    "schedule",
    "资金支出计划",
    "goals",
    "绩效目标",
    "indicators",
    "绩效指标",
];

/// A YAML scalar as written: text, number, boolean or null.
#[derive(Debug, Clone)]
enum Scalar {
    Text(String),
    Other,
    Null,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("文字或数字")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Scalar, D2::Error> {
                Scalar::deserialize(d)
            }
        }
        d.deserialize_any(V)
    }
}

type SScalar = Spanned<Scalar>;

/// A key that is present is `Some`, even with a null value (`other:`), so that findings about
/// it can point at it; a missing key is `None` (through `#[serde(default)]`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SScalar>, D::Error> {
    SScalar::deserialize(d).map(Some)
}

/// 绩效目标: a list of lines or one block of text.
#[derive(Debug)]
enum RawGoals {
    Lines(Vec<SScalar>),
    Text(String),
    Null,
}

impl<'de> Deserialize<'de> for RawGoals {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawGoals;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("绩效目标的列表或一段文字")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawGoals, A::Error> {
                let mut v = Vec::new();
                while let Some(item) = seq.next_element::<SScalar>()? {
                    v.push(item);
                }
                Ok(RawGoals::Lines(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawGoals, E> {
                Ok(RawGoals::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawGoals, E> {
                Ok(RawGoals::Text(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawGoals, E> {
                Ok(RawGoals::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawGoals, E> {
                Ok(RawGoals::Null)
            }
        }
        d.deserialize_any(V)
    }
}

/// 资金支出计划: an ordered mapping of period to cumulative percentage.
#[derive(Debug)]
struct RawSchedule(Vec<(SScalar, SScalar)>);

impl<'de> Deserialize<'de> for RawSchedule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawSchedule;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("期间到累计支出百分比的映射，如 3月底: 25")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawSchedule, A::Error> {
                let mut v = Vec::new();
                while let Some((k, val)) = map.next_entry::<SScalar, SScalar>()? {
                    v.push((k, val));
                }
                Ok(RawSchedule(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawSchedule, E> {
                Ok(RawSchedule(Vec::new()))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBudget {
    #[serde(
        default,
        deserialize_with = "present",
        alias = "预算数",
        alias = "资金总额"
    )]
    total: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "财政资金")]
    fiscal: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "其他资金")]
    other: Option<SScalar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    #[serde(default, deserialize_with = "present", alias = "一级指标")]
    level1: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "二级指标")]
    level2: Option<SScalar>,
    #[serde(
        default,
        deserialize_with = "present",
        alias = "三级指标",
        alias = "指标名称"
    )]
    level3: Option<SScalar>,
    #[serde(
        default,
        deserialize_with = "present",
        alias = "绩效指标描述",
        alias = "指标解释"
    )]
    description: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "指标值")]
    value: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "计量单位")]
    unit: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "指标值确定依据")]
    basis: Option<SScalar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    #[serde(default, deserialize_with = "present", alias = "项目编码")]
    code: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "项目名称")]
    name: Option<SScalar>,
    #[serde(default, alias = "预算规模")]
    budget: Option<Spanned<Option<RawBudget>>>,
    #[serde(default, deserialize_with = "present", alias = "资金用途")]
    purpose: Option<SScalar>,
    #[serde(default, alias = "资金支出计划")]
    schedule: Option<Spanned<RawSchedule>>,
    #[serde(default, alias = "绩效目标")]
    goals: Option<Spanned<RawGoals>>,
    #[serde(default, alias = "绩效指标")]
    indicators: Option<Vec<Spanned<RawIndicator>>>,
}

/// The top level: a document, or (with a top-level `name`) a single project. The project keys
/// are repeated here rather than `#[serde(flatten)]`ed in, because values inside a flattened
/// struct lose their positions (a documented serde-saphyr limitation).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTop {
    #[serde(
        default,
        deserialize_with = "present",
        alias = "单位名称",
        alias = "部门"
    )]
    department: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "预算年度")]
    year: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "金额单位")]
    unit: Option<SScalar>,
    #[serde(default, alias = "项目")]
    projects: Option<Vec<Spanned<RawProject>>>,
    #[serde(default, deserialize_with = "present", alias = "项目编码")]
    code: Option<SScalar>,
    #[serde(default, deserialize_with = "present", alias = "项目名称")]
    name: Option<SScalar>,
    #[serde(default, alias = "预算规模")]
    budget: Option<Spanned<Option<RawBudget>>>,
    #[serde(default, deserialize_with = "present", alias = "资金用途")]
    purpose: Option<SScalar>,
    #[serde(default, alias = "资金支出计划")]
    schedule: Option<Spanned<RawSchedule>>,
    #[serde(default, alias = "绩效目标")]
    goals: Option<Spanned<RawGoals>>,
    #[serde(default, alias = "绩效指标")]
    indicators: Option<Vec<Spanned<RawIndicator>>>,
}

/// Whether the text looks like a target document at all: a mapping with at least one of the
/// target-document keys at its top level. A YAML file that fails to read and does not look
/// like one (a CI workflow, a config file) is skipped in a directory walk.
fn looks_like_target(src: &SourceFile) -> bool {
    // The top-level keys as written (no parse, so an alias bomb costs nothing here).
    let by_text = src.text.lines().any(|l| {
        let key = l.split(':').next().unwrap_or("");
        !l.starts_with([' ', '\t', '#', '-'])
            && l.contains(':')
            && TOP_KEYS.contains(&key.trim().trim_matches(['"', '\'']))
    });
    if by_text {
        return true;
    }
    // A flow mapping or another unusual layout: parse the keys, on a small budget.
    let mut options = crate::limits::yaml_options();
    if let Some(b) = options.budget.as_mut() {
        b.max_events = 100_000;
        b.max_aliases = 100;
    }
    match serde_saphyr::from_str_with_options::<BTreeMap<String, de::IgnoredAny>>(
        &src.text, options,
    ) {
        Ok(map) => map.keys().any(|k| TOP_KEYS.contains(&k.as_str())),
        Err(_) => false,
    }
}

pub fn read(src: &SourceFile) -> Result<Document, ReadError> {
    if crate::model::is_blank(&src.text) {
        return Err(ReadError::not_target("文件为空，不是目标文档"));
    }
    let top: RawTop =
        match serde_saphyr::from_str_with_options(&src.text, crate::limits::yaml_options()) {
            Ok(top) => top,
            Err(e) => {
                let mut err = error_of(src, &e);
                err.not_target = !looks_like_target(src);
                return Err(err);
            }
        };
    let conv = Conv { src };
    let mut doc = Document {
        department: top.department.as_ref().and_then(|s| conv.opt(s)),
        year: top.year.as_ref().and_then(|s| conv.opt(s)),
        unit: top.unit.as_ref().and_then(|s| conv.opt(s)),
        projects: Vec::new(),
    };
    let single = top.name.is_some()
        || top.code.is_some()
        || top.budget.is_some()
        || top.purpose.is_some()
        || top.schedule.is_some()
        || top.goals.is_some()
        || top.indicators.is_some();
    match top.projects {
        Some(_) if single => {
            return Err(ReadError::new(
                "顶层既有 projects（项目列表）又有单个项目的键（name 等）：二者只能取其一",
            ));
        }
        Some(list) => {
            for p in list {
                let span = conv.span(&p.referenced);
                doc.projects.push(conv.project(p.value, span));
            }
        }
        None if single => {
            let raw = RawProject {
                code: top.code,
                name: top.name,
                budget: top.budget,
                purpose: top.purpose,
                schedule: top.schedule,
                goals: top.goals,
                indicators: top.indicators,
            };
            doc.projects.push(conv.project(raw, Span::empty_at(0)));
        }
        None => {
            return Err(ReadError::not_target(
                "没有 projects（项目）列表，也没有顶层 name（项目名称）：不是目标文档",
            ));
        }
    }
    Ok(doc)
}

/// A serde-saphyr error as a [`ReadError`] with its line, in Chinese.
pub fn error_of(src: &SourceFile, e: &serde_saphyr::Error) -> ReadError {
    let plain = e.without_snippet().to_string();
    let first = plain.lines().next().unwrap_or("");
    // serde-saphyr ends its messages with " at line L, column C"; we report those separately.
    let msg = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
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
    }
}

/// The common serde and YAML messages, in Chinese.
fn translate(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ");
        return format!("未知的键“{key}”（拼写错误？）；这里可用的键：{expected}");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let found = match found.split_whitespace().next().unwrap_or(found) {
            "sequence" => "列表",
            "map" => "映射（键: 值）",
            "string" => "文字",
            "integer" | "floating" => "数字",
            "boolean" => "布尔值",
            "unit" | "null" => "空值",
            _ => found,
        };
        return format!("类型不对：这里应是{expected}，写成了{found}");
    }
    if let Some(detail) = msg.strip_prefix("budget breached: ") {
        return format!(
            "超出了 YAML 的资源上限（{detail}）：为防止别名炸弹和过深的嵌套，别名、节点数和嵌套深度都有上限（见 README）"
        );
    }
    if msg.contains("recursion limit exceeded") {
        return format!(
            "嵌套过深：目标文档最多嵌套 {} 层",
            crate::limits::YAML_MAX_DEPTH
        );
    }
    if msg.starts_with("expected mapping") || msg.starts_with("invalid type: sequence") {
        return "顶层应是键值映射（name: …，或 projects: 列表）".into();
    }
    format!("YAML 语法错误：{msg}")
}

struct Conv<'a> {
    src: &'a SourceFile,
}

impl Conv<'_> {
    fn span(&self, loc: &serde_saphyr::Location) -> Span {
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

    fn line_col_offset(&self, loc: &serde_saphyr::Location) -> usize {
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

    /// The field as written: a string's value, or the source text of a number or boolean.
    /// Null gives an empty field (not given).
    fn field(&self, s: &SScalar) -> Field {
        let span = self.span(&s.referenced);
        match &s.value {
            Scalar::Text(t) => Field::new(t.clone(), self.unquoted(span)),
            Scalar::Other => Field::new(self.src.slice(span).trim(), span),
            Scalar::Null => Field::new("", Span::empty_at(span.start)),
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

    fn opt(&self, s: &SScalar) -> Option<Field> {
        Some(self.field(s))
    }

    fn project(&self, p: RawProject, fallback: Span) -> Project {
        let f = |s: &Option<SScalar>| s.as_ref().map(|s| self.field(s));
        let name = f(&p.name);
        let span = name.as_ref().map(|n| n.span).unwrap_or(fallback);
        let budget = match p.budget {
            Some(Spanned { value: Some(b), .. }) => Budget {
                total: f(&b.total),
                fiscal: f(&b.fiscal),
                other: f(&b.other),
            },
            _ => Budget::default(),
        };
        let schedule = p.schedule.map(|s| Schedule {
            span: self.span(&s.referenced),
            periods: s
                .value
                .0
                .iter()
                .map(|(k, v)| Period {
                    label: self.field(k),
                    value: self.field(v),
                })
                .collect(),
        });
        let goals = p.goals.map(|g| {
            let span = self.span(&g.referenced);
            let lines = match &g.value {
                RawGoals::Lines(items) => items.iter().map(|s| self.field(s)).collect(),
                RawGoals::Text(t) => self.block_lines(t, span),
                RawGoals::Null => Vec::new(),
            };
            Goals { span, lines }
        });
        let raw_inds = p.indicators.unwrap_or_default();
        let has_unit_column = raw_inds.iter().any(|i| i.value.unit.is_some());
        let has_basis_column = raw_inds.iter().any(|i| i.value.basis.is_some());
        let indicators = raw_inds
            .iter()
            .map(|i| {
                let r = &i.value;
                let ind = Indicator {
                    span: self.span(&i.referenced),
                    level1: f(&r.level1),
                    level2: f(&r.level2),
                    level3: f(&r.level3),
                    description: f(&r.description),
                    value: f(&r.value),
                    unit: f(&r.unit),
                    basis: f(&r.basis),
                };
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
                Indicator {
                    span: row.unwrap_or(ind.span),
                    ..ind
                }
            })
            .collect();
        Project {
            span,
            code: f(&p.code),
            name,
            budget,
            purpose: f(&p.purpose),
            schedule,
            goals,
            indicators,
            has_unit_column,
            has_basis_column,
        }
    }

    /// Split a block of goal text into lines, finding each line in the source after the
    /// block's start so that each keeps its own span (falls back to the block's span).
    fn block_lines(&self, text: &str, block: Span) -> Vec<Field> {
        let mut from = block.start;
        text.lines()
            .filter(|l| !crate::model::is_blank(l))
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
