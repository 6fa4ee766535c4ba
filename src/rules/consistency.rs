//! D — document consistency (一致性), across a whole 部门预算公开 disclosure: the parts that
//! `crate::disclosure` read (budget tables, narrative, the target tables' preambles) checked
//! against each other, as reviewers and auditors cross-check them by hand. Silent on inputs
//! that hold only target tables (YAML documents, a lone target table): they have no
//! disclosure.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use super::{Check, DocCtx, Finding, RelatedCell, Rule, RuleDoc, Severity, quote_str};
use crate::data::{DisclosureData, RuleData};
use crate::model::{AmountRow, Disclosure, DisclosureTable, Document, Field, Side, TableKind};
use crate::source::Span;
use crate::text::{fold, norm_label, squeeze, trim};

/// A tiny target table, so that a documented example reads as a target document.
macro_rules! target {
    () => {
        "项目绩效目标表\n\t项目名称\n\t社会保险经办\n\n\t预算数\n\t10.00\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t数量指标\n\t参保登记人数\n\t≥5000人\n"
    };
}

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            code: "D001",
            name: "year-mismatch",
            title: "预算年度不一致",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "部门预算公开中某张表的“预算年度”（或表名中的年份）与整份文件的年度不同。\
                       文件的年度取各表预算年度和“2020年部门预算信息公开”这类标题中过半数的年份。\
                       表中有意列出的上年数（“2019年度预算”与“2020年度预算”并列的对比列）不算。\
                       只检查整份部门预算公开（Word 导出的文本等），不检查只有绩效目标表的文件。",
                why: "套用上年的表格时最容易忘改年度；年度不对的表，数字多半也是上年的。",
                bad: concat!(
                    "2020年部门预算信息公开\n\t部门预算收支总表\n\n\t预算年度：2020\n\n\t部门预算一般公共预算财政拨款支出表\n\n\t预算年度：2019\n\n",
                    target!()
                ),
                good: concat!(
                    "2020年部门预算信息公开\n\t部门预算收支总表\n\n\t预算年度：2020\n\n\t部门预算一般公共预算财政拨款支出表\n\n\t预算年度：2020\n\n",
                    target!()
                ),
            },
            data: &[],
            yields_to: &[],
            check: Check::Document(d001),
        },
        Rule {
            code: "D002",
            name: "department-mismatch",
            title: "部门编码或名称不一致",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "部门预算公开各部分（各表的“部门编码及名称”、绩效目标表的单位、情况说明中的\
                       单位名称）的部门编码或名称与多数写法不同。每处不一致报告一次，指向该处。\
                       单位编码接在部门编码之后（323 下的 323002）是下属单位，不算不一致，\
                       其名称只与同一单位编码的各处比较；简称与全称（社保局与社会保险事业\
                       管理局，见 department_abbreviations）也不算。",
                why: "编码或名称不一致，说明这部分是从别的单位的材料复制来的，或者填错了单位，\
                      公开的数据对不上号。",
                bad: concat!(
                    "\t部门预算收支总表\n\n\t部门编码及名称：[323]社保局\n\n\t部门预算支出总表\n\n\t部门编码及名称：[323]社保局\n\n\t部门政府采购预算表\n\n\t[101]涞源县社保局\n\t单位：万元\n\n",
                    target!()
                ),
                good: concat!(
                    "\t部门预算收支总表\n\n\t部门编码及名称：[323]社保局\n\n\t部门预算支出总表\n\n\t部门编码及名称：[323]社保局\n\n\t部门政府采购预算表\n\n\t323002涞源县社会保险事业管理局\n\t单位：万元\n\n",
                    target!()
                ),
            },
            data: &[
                "department_abbreviations",
                "department_suffixes",
                "department_similarity",
            ],
            yields_to: &[],
            check: Check::Document(d002),
        },
        Rule {
            code: "D003",
            name: "total-mismatch",
            title: "合计数不一致",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "部门预算公开中的数对不上：合计行与各行之和、类与其下的款和项、合计列与\
                       基本支出、项目支出等各列之和、收入合计与支出合计、同一个数在各张总表中\
                       （如收支总表与支出总表的本年支出合计），以及情况说明中的数\
                       （“支出预算总额907.47万元，其中基本支出851.66万元”）与表中的数。\
                       金额按万元比较，允许 budget_tolerance 的误差（n 个数相加时放宽到\
                       (n+1)/2 倍，情况说明中只写到一位小数的数按其位数放宽）。几处核对都不相符时，\
                       指向牵涉最多的那个数，只报告一次。",
                why: "公开的数字前后矛盾，说明编制或复制时出了错，也是审计必查的问题。",
                bad: concat!(
                    "\t部门预算支出总表\n\n\t金额单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\t基本支出\n\t项目支出\n\n\t\n\t合计\n\t100.00\n\t80.00\n\t30.00\n\n",
                    target!()
                ),
                good: concat!(
                    "\t部门预算支出总表\n\n\t金额单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\t基本支出\n\t项目支出\n\n\t\n\t合计\n\t110.00\n\t80.00\n\t30.00\n\n",
                    target!()
                ),
            },
            data: &[
                "budget_tolerance",
                "narrative_figures",
                "narrative_figure_skip",
            ],
            yields_to: &[],
            check: Check::Document(d003),
        },
        Rule {
            code: "D004",
            name: "targets-vs-project-spending",
            title: "绩效目标表与项目支出不符",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "绩效目标表的预算数加起来不等于部门预算支出总表中的项目支出；公开中有项目\
                       支出明细表时，表上的项目没有绩效目标表、绩效目标表的项目不在表上，或两处\
                       的金额不同，也报告。能从项目名称中的金额看出是哪一张目标表的预算数不对时，\
                       指向那一格。",
                why: "每个项目都应有绩效目标（预算法第三十二条、财预〔2015〕88号），目标表的预算数\
                      也应与公开的项目支出一致；对不上说明漏了项目或填错了数。",
                bad: concat!(
                    "\t部门预算支出总表\n\n\t金额单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\t基本支出\n\t项目支出\n\n\t\n\t合计\n\t100.00\n\t88.00\n\t12.00\n\n",
                    target!()
                ),
                good: concat!(
                    "\t部门预算支出总表\n\n\t金额单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\t基本支出\n\t项目支出\n\n\t\n\t合计\n\t100.00\n\t90.00\n\t10.00\n\n",
                    target!()
                ),
            },
            data: &["budget_tolerance"],
            yields_to: &[],
            check: Check::Document(d004),
        },
        Rule {
            code: "D005",
            name: "narrative-copied",
            title: "情况说明疑似照搬",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "情况说明（部门预算公开的文字部分）里有不属于本单位层级的地域称谓（县级单位\
                       写“我市”，见 county_foreign_words 等），或者有一段与前文几乎相同（去掉\
                       “一是”“二是”等列举词、序号、标点和空白后，相似度不低于 \
                       narrative_copy_similarity）。",
                why: "情况说明照搬上级或其他单位的材料，或者同一段粘贴两次，说明没有按本单位的\
                      实际编写，公开的内容不可信。",
                bad: concat!(
                    "涞源县社会保险事业管理局\n今年以来，我局将基金管理作为首要责任加以落实，我市基金财务全面实现了会计电算化管理。\n\t部门预算收支总表\n\n\t部门编码及名称：[323]涞源县社会保险事业管理局\n\n",
                    target!()
                ),
                good: concat!(
                    "涞源县社会保险事业管理局\n今年以来，我局将基金管理作为首要责任加以落实，我县基金财务全面实现了会计电算化管理。\n\t部门预算收支总表\n\n\t部门编码及名称：[323]涞源县社会保险事业管理局\n\n",
                    target!()
                ),
            },
            data: &[
                "county_place_suffixes",
                "county_foreign_words",
                "city_place_suffixes",
                "city_foreign_words",
                "district_place_suffixes",
                "district_foreign_words",
                "list_prefixes",
                "narrative_copy_similarity",
                "narrative_copy_min_chars",
            ],
            yields_to: &[],
            check: Check::Document(d005),
        },
    ]
}

/// A finding about the document as a whole, with the other places it quotes.
fn finding(span: Span, message: String, related: &[Span]) -> Finding {
    let mut seen = vec![span];
    let related = related
        .iter()
        .filter(|s| {
            let new = !seen.contains(s);
            seen.push(**s);
            new
        })
        .map(|&span| RelatedCell {
            span,
            indicator: None,
            field: None,
            unit: None,
        })
        .collect();
    Finding {
        message,
        help: None,
        span,
        indicator: None,
        field: None,
        severity: None,
        related,
        template_lacks: false,
    }
}

/// A table's name for messages.
fn table_name(t: &DisclosureTable) -> String {
    match t.display_title() {
        "" => "一张表".to_string(),
        s => quote_str(s),
    }
}

fn fmt_amount(n: f64) -> String {
    format!("{n:.2}")
}

/// 万元 per unit of money.
fn wan_per(unit: &str) -> Option<f64> {
    Some(match crate::text::norm_value(unit).as_str() {
        "元" => 1e-4,
        "千元" => 0.1,
        "万元" | "万" => 1.0,
        "亿元" | "亿" => 1e4,
        _ => return None,
    })
}

static NUMBERING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[一二三四五六七八九十百]+\s*[、.．]\s*").expect("numbering"));

/// A row name without its list numbering ("八、社会保障和就业支出" → "社会保障和就业支出"),
/// folded for comparison.
fn bare_name(s: &str) -> String {
    norm_label(&NUMBERING.replace(trim(s), ""))
}

fn is_numbered(s: &str) -> bool {
    NUMBERING.is_match(s)
}

fn is_total_name(s: &str) -> bool {
    let n = bare_name(s);
    n.contains("合计") || n.contains("总计") || n.ends_with("小计")
}

fn is_of_which(s: &str) -> bool {
    norm_label(s).starts_with("其中")
}

// --- The figures of a disclosure and the sums that tie them ----------------------------------

/// A figure of a table: a cell read as an amount in 万元.
struct Num<'a> {
    span: Span,
    value: f64,
    text: &'a str,
    table: &'a DisclosureTable,
    row: &'a AmountRow,
    col: usize,
}

impl Num<'_> {
    /// The row for messages: "“合计”行", "“208 社会保障和就业支出”行", "支出方“本年支出合计”".
    fn row(&self) -> String {
        let r = self.row;
        let prefix = r.side.map(|s| format!("{}方", s.zh())).unwrap_or_default();
        match &r.code {
            Some(code) => format!("{prefix}“{} {}”行", code.text, trim(&r.name.text)),
            None if r.side.is_some() => format!("{prefix}“{}”", trim(&r.name.text)),
            None => format!("“{}”行", trim(&r.name.text)),
        }
    }

    /// The column ("基本支出"), empty when the side has one column only.
    fn col(&self) -> String {
        let t = self.table;
        if t.columns.iter().filter(|x| x.side == self.row.side).count() <= 1 {
            String::new()
        } else {
            column_name(t, self.col)
        }
    }

    fn full(&self) -> String {
        match self.col() {
            c if c.is_empty() => self.row(),
            c => format!("{}的{c}", self.row()),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum EqKind {
    /// A total column against the columns it adds up, in one row.
    Row,
    /// A 合计 row, a 类 or a list total against the rows it adds up, in one column.
    Column,
    /// Income side against expenditure side.
    Balance,
    /// One figure in two tables.
    Cross,
}

/// `total` = sum of `parts`.
struct Eq {
    kind: EqKind,
    total: usize,
    parts: Vec<usize>,
    /// The sums of one kind in one table (see [`Figures::drop_misread`]).
    group: usize,
}

/// The figures read from the tables, the equations between them, and the figures the
/// narrative may be checked against (by name).
struct Figures<'a> {
    d: &'a Disclosure,
    tol: f64,
    nums: Vec<Num<'a>>,
    by_span: HashMap<Span, usize>,
    eqs: Vec<Eq>,
    /// The group new equations go in.
    group: usize,
    concepts: BTreeMap<String, Vec<usize>>,
}

/// What the narrative and the tables both state, by name (the right side of
/// `narrative_figures`).
const CONCEPTS: &[&str] = &[
    "收入合计",
    "支出合计",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "财政拨款收入",
    "一般公共预算收入",
    "一般公共预算支出",
    "一般公共预算基本支出",
    "政府性基金支出",
    "国有资本经营支出",
    "三公经费",
];

impl<'a> Figures<'a> {
    fn new(d: &'a Disclosure, data: &RuleData) -> Figures<'a> {
        let mut f = Figures {
            d,
            tol: data.budget.tolerance,
            nums: Vec::new(),
            by_span: HashMap::new(),
            eqs: Vec::new(),
            group: 0,
            concepts: BTreeMap::new(),
        };
        for (ti, t) in d.tables.iter().enumerate() {
            if t.kind.has_amounts() {
                f.table_sums(ti, t);
                f.table_concepts(ti, t);
            }
        }
        f.drop_misread();
        f.group = usize::MAX;
        f.cross();
        f
    }

    /// Sums of one kind in one table that mostly fail were read wrongly (columns that are not
    /// parts of a total, codes that are not a hierarchy): they are dropped rather than
    /// reported, as a finding must be right.
    fn drop_misread(&mut self) {
        let mut stats: HashMap<usize, (usize, usize)> = HashMap::new();
        for e in &self.eqs {
            let s = stats.entry(e.group).or_default();
            s.0 += 1;
            s.1 += usize::from(self.fails(e));
        }
        self.eqs.retain(|e| {
            let (n, failed) = stats[&e.group];
            n < 4 || failed * 2 <= n
        });
    }

    /// The figure of row `r`, column `c` of table `ti` (blank cells are 0).
    fn num(&mut self, ti: usize, r: &'a AmountRow, c: usize) -> Option<usize> {
        let t: &'a DisclosureTable = &self.d.tables[ti];
        let cell = r.amounts.get(c)?.as_ref()?;
        if let Some(&k) = self.by_span.get(&cell.span) {
            return Some(k);
        }
        let unit = t.unit.as_ref().map(|u| u.text.as_str()).unwrap_or("万元");
        let per = wan_per(unit).unwrap_or(1.0);
        let value = if cell.is_blank() {
            0.0
        } else {
            let v = trim(&cell.text);
            if matches!(v, "-" | "—" | "－" | "——") {
                0.0
            } else {
                super::budget::amount(v, unit)? * per
            }
        };
        self.nums.push(Num {
            span: cell.span,
            value,
            text: trim(&cell.text),
            table: t,
            row: r,
            col: c,
        });
        let k = self.nums.len() - 1;
        self.by_span.insert(cell.span, k);
        Some(k)
    }

    fn push(&mut self, kind: EqKind, total: Option<usize>, parts: Vec<Option<usize>>) {
        let (Some(total), Some(parts)) = (total, parts.into_iter().collect::<Option<Vec<_>>>())
        else {
            return;
        };
        if parts.is_empty() || parts.contains(&total) {
            return;
        }
        self.eqs.push(Eq {
            kind,
            total,
            parts,
            group: self.group,
        });
    }

    /// The sums inside one table.
    fn table_sums(&mut self, ti: usize, t: &'a DisclosureTable) {
        let mut sides: Vec<Option<Side>> = t.columns.iter().map(|c| c.side).collect();
        sides.dedup();
        for (si, side) in sides.into_iter().enumerate() {
            let group = |kind: usize| (ti * 4 + si) * 8 + kind;
            let cols: Vec<usize> = (0..t.columns.len())
                .filter(|&c| t.columns[c].side == side)
                .collect();
            let rows: Vec<&AmountRow> = t.rows.iter().filter(|r| r.side == side).collect();
            // A total column against the columns after it; a group with a 小计 column (基本支出:
            // 小计, 人员经费, 公用经费) counts by its 小计, which adds up the rest of the group.
            if let Some(p) = cols.iter().position(|&c| is_total_col(t, c)) {
                let after: Vec<usize> = cols[p + 1..]
                    .iter()
                    .copied()
                    .take_while(|&c| !is_total_col(t, c))
                    .filter(|&c| !is_of_which(&t.columns[c].name))
                    .collect();
                let subtotal = |c: usize| {
                    let g = t.columns[c].group.as_deref()?;
                    after.iter().copied().find(|&k| {
                        t.columns[k].group.as_deref() == Some(g)
                            && matches!(norm_label(&t.columns[k].name).as_str(), "小计" | "合计")
                    })
                };
                let comps: Vec<usize> = after
                    .iter()
                    .copied()
                    .filter(|&c| subtotal(c).is_none_or(|s| s == c))
                    .collect();
                let inner: Vec<(usize, Vec<usize>)> = comps
                    .iter()
                    .filter(|&&c| subtotal(c) == Some(c))
                    .map(|&s| {
                        let members = after
                            .iter()
                            .copied()
                            .filter(|&k| k != s && subtotal(k) == Some(s))
                            .collect();
                        (s, members)
                    })
                    .filter(|(_, m): &(usize, Vec<usize>)| !m.is_empty())
                    .collect();
                for r in &rows {
                    self.group = group(0);
                    let total = self.num(ti, r, cols[p]);
                    let parts = comps.iter().map(|&c| self.num(ti, r, c)).collect();
                    self.push(EqKind::Row, total, parts);
                    self.group = group(1);
                    for (s, members) in &inner {
                        let total = self.num(ti, r, *s);
                        let parts = members.iter().map(|&c| self.num(ti, r, c)).collect();
                        self.push(EqKind::Row, total, parts);
                    }
                }
            }
            let coded: Vec<&AmountRow> =
                rows.iter().copied().filter(|r| r.code.is_some()).collect();
            if coded.is_empty() {
                self.group = group(2);
                self.list_sums(ti, &rows, &cols);
                continue;
            }
            let code = code_of;
            // How often each code stands in the table, and each row's parent: the longest
            // shorter code it starts with (类 for a 款, 款 for a 项).
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for r in &coded {
                *seen.entry(code(r)).or_default() += 1;
            }
            let parent = |c| parent_code(c, &seen);
            let mut children: HashMap<&str, Vec<&AmountRow>> = HashMap::new();
            let mut tops: Vec<&AmountRow> = Vec::new();
            for r in &coded {
                match parent(code(r)) {
                    Some(p) => children.entry(p).or_default().push(r),
                    None => tops.push(r),
                }
            }
            // The 合计 row against the top rows (类).
            self.group = group(3);
            if let Some(total_row) = rows
                .iter()
                .find(|r| r.code.is_none() && is_total_name(&r.name.text))
            {
                for &c in &cols {
                    let total = self.num(ti, total_row, c);
                    let parts = tops.iter().map(|r| self.num(ti, r, c)).collect();
                    self.push(EqKind::Column, total, parts);
                }
            }
            // Each 类 against its 款, each 款 against its 项 (a code twice in a table: not).
            self.group = group(4);
            for r in &coded {
                let rc = code(r);
                let Some(kids) = children.get(rc).filter(|_| seen[rc] == 1) else {
                    continue;
                };
                for &c in &cols {
                    let total = self.num(ti, r, c);
                    let parts = kids.iter().map(|k| self.num(ti, k, c)).collect();
                    self.push(EqKind::Column, total, parts);
                }
            }
        }
        // Income against expenditure: the last 合计 of each side.
        if matches!(t.kind, TableKind::Summary | TableKind::FiscalSummary) {
            let last_total = |side: Side| {
                t.rows.iter().rev().find(|r| {
                    r.side == Some(side)
                        && matches!(bare_name(&r.name.text).as_str(), "合计" | "总计")
                })
            };
            let first_col = |side: Side| t.columns.iter().position(|c| c.side == Some(side));
            self.group = (ti * 4 + 3) * 8 + 5;
            if let (Some(ri), Some(re), Some(ci), Some(ce)) = (
                last_total(Side::Income),
                last_total(Side::Expenditure),
                first_col(Side::Income),
                first_col(Side::Expenditure),
            ) {
                let total = self.num(ti, re, ce);
                let part = self.num(ti, ri, ci);
                self.push(EqKind::Balance, total, vec![part]);
            }
        }
    }

    /// Totals of a list without codes: 本年收入合计 = 一、… + 二、…; 合计 = 本年收入合计 + the
    /// rows after it; a 小计 over the numbered items; a lone 合计 at the top or bottom of an
    /// unnumbered list.
    fn list_sums(&mut self, ti: usize, rows: &[&'a AmountRow], cols: &[usize]) {
        let totals: Vec<usize> = (0..rows.len())
            .filter(|&i| is_total_name(&rows[i].name.text))
            .collect();
        let Some(&first) = totals.first() else {
            return;
        };
        let numbered: Vec<usize> = (0..rows.len())
            .filter(|&i| is_numbered(&rows[i].name.text))
            .collect();
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        if let Some(&first_numbered) = numbered.first() {
            if first < first_numbered {
                // A 小计 above its items.
                let end = totals.get(1).copied().unwrap_or(rows.len());
                groups.push((
                    first,
                    numbered.iter().copied().filter(|&i| i < end).collect(),
                ));
            } else {
                groups.push((
                    first,
                    numbered.iter().copied().filter(|&i| i < first).collect(),
                ));
                for w in totals.windows(2) {
                    let mut parts = vec![w[0]];
                    parts.extend((w[0] + 1..w[1]).filter(|&i| !is_of_which(&rows[i].name.text)));
                    groups.push((w[1], parts));
                }
            }
        } else if totals.len() == 1 && (first == 0 || first == rows.len() - 1) {
            groups.push((
                first,
                (0..rows.len())
                    .filter(|&i| i != first && !is_of_which(&rows[i].name.text))
                    .collect(),
            ));
        }
        for (total_row, parts) in groups {
            if parts.is_empty() {
                continue;
            }
            for &c in cols {
                let total = self.num(ti, rows[total_row], c);
                let ps = parts.iter().map(|&i| self.num(ti, rows[i], c)).collect();
                self.push(EqKind::Column, total, ps);
            }
        }
    }

    fn concept(&mut self, name: &str, k: Option<usize>) {
        if let Some(k) = k {
            self.concepts.entry(name.to_string()).or_default().push(k);
        }
    }

    /// The figures of a table that other tables and the narrative state too.
    fn table_concepts(&mut self, ti: usize, t: &'a DisclosureTable) {
        let total_row = |side: Option<Side>| {
            t.rows
                .iter()
                .find(|r| r.side == side && r.code.is_none() && is_total_name(&r.name.text))
        };
        let row_with = |side: Side, word: &str| {
            t.rows
                .iter()
                .find(|r| r.side == Some(side) && bare_name(&r.name.text).contains(word))
        };
        let col = |side: Option<Side>, pred: &dyn Fn(&str) -> bool| {
            (0..t.columns.len()).find(|&c| t.columns[c].side == side && pred(&column_name(t, c)))
        };
        let first_total_col = |side: Option<Side>| {
            (0..t.columns.len()).find(|&c| t.columns[c].side == side && is_total_col(t, c))
        };
        let first_col =
            |side: Option<Side>| (0..t.columns.len()).find(|&c| t.columns[c].side == side);
        let mut found: Vec<(String, &AmountRow, usize)> = Vec::new();
        let named = |s: &str, w: &str| norm_label(s).contains(w);
        match t.kind {
            TableKind::Summary => {
                let (ci, ce) = (
                    first_col(Some(Side::Income)),
                    first_col(Some(Side::Expenditure)),
                );
                if let (Some(r), Some(c)) = (row_with(Side::Income, "本年收入合计"), ci) {
                    found.push(("收入合计".into(), r, c));
                }
                if let (Some(r), Some(c)) = (row_with(Side::Expenditure, "本年支出合计"), ce)
                {
                    found.push(("支出合计".into(), r, c));
                }
                for r in &t.rows {
                    if let (Some(Side::Expenditure), Some(c)) = (r.side, ce)
                        && is_numbered(&r.name.text)
                    {
                        found.push((format!("类:{}", bare_name(&r.name.text)), r, c));
                    }
                    if let (Some(Side::Income), Some(c)) = (r.side, ci)
                        && bare_name(&r.name.text) == "财政拨款收入"
                    {
                        found.push(("财政拨款收入".into(), r, c));
                    }
                }
            }
            TableKind::Income => {
                if let Some(r) = total_row(None) {
                    if let Some(c) = first_total_col(None) {
                        found.push(("收入合计".into(), r, c));
                    }
                    if let Some(c) = col(None, &|n| norm_label(n) == "财政拨款收入") {
                        found.push(("财政拨款收入".into(), r, c));
                    }
                }
            }
            TableKind::Expenditure => {
                let tc = first_total_col(None);
                if let Some(r) = total_row(None) {
                    if let Some(c) = tc {
                        found.push(("支出合计".into(), r, c));
                    }
                    if let Some(c) = col(None, &|n| norm_label(n) == "基本支出") {
                        found.push(("基本支出".into(), r, c));
                    }
                    if let Some(c) = col(None, &|n| norm_label(n) == "项目支出") {
                        found.push(("项目支出".into(), r, c));
                    }
                }
                if let Some(c) = tc {
                    for r in t
                        .rows
                        .iter()
                        .filter(|r| r.code.as_ref().is_some_and(|k| k.text.len() == 3))
                    {
                        found.push((format!("类:{}", bare_name(&r.name.text)), r, c));
                    }
                }
            }
            TableKind::FiscalSummary => {
                let ci = first_col(Some(Side::Income));
                if let (Some(r), Some(c)) = (row_with(Side::Income, "本年收入合计"), ci) {
                    found.push(("财政拨款收入".into(), r, c));
                }
                let general = col(Some(Side::Expenditure), &|n| named(n, "一般公共预算"));
                for r in &t.rows {
                    if r.side == Some(Side::Income)
                        && is_numbered(&r.name.text)
                        && let Some(c) = ci
                        && bare_name(&r.name.text).contains("一般公共预算")
                    {
                        found.push(("一般公共预算收入".into(), r, c));
                    }
                    if r.side == Some(Side::Expenditure)
                        && is_numbered(&r.name.text)
                        && let Some(c) = general
                    {
                        found.push((format!("一般公共预算类:{}", bare_name(&r.name.text)), r, c));
                    }
                }
                if let Some(r) = row_with(Side::Expenditure, "本年支出合计") {
                    for (concept, word) in [
                        ("一般公共预算支出", "一般公共预算"),
                        ("政府性基金支出", "政府性基金"),
                        ("国有资本经营支出", "国有资本"),
                    ] {
                        if let Some(c) = col(Some(Side::Expenditure), &|n| named(n, word)) {
                            found.push((concept.into(), r, c));
                        }
                    }
                }
            }
            TableKind::GeneralExpenditure => {
                let tc = first_total_col(None);
                if let Some(r) = total_row(None) {
                    if let Some(c) = tc {
                        found.push(("一般公共预算支出".into(), r, c));
                    }
                    if let Some(c) = col(None, &|n| norm_label(n) == "基本支出") {
                        found.push(("一般公共预算基本支出".into(), r, c));
                    }
                }
                if let Some(c) = tc {
                    for r in t
                        .rows
                        .iter()
                        .filter(|r| r.code.as_ref().is_some_and(|k| k.text.len() == 3))
                    {
                        found.push((format!("一般公共预算类:{}", bare_name(&r.name.text)), r, c));
                    }
                }
            }
            TableKind::BasicExpenditure => {
                if let Some(r) = total_row(None) {
                    if let Some(c) = first_total_col(None) {
                        found.push(("一般公共预算基本支出".into(), r, c));
                    }
                    if let Some(c) = col(None, &|n| norm_label(n) == "人员经费") {
                        found.push(("人员经费".into(), r, c));
                    }
                    if let Some(c) = col(None, &|n| norm_label(n) == "公用经费") {
                        found.push(("公用经费".into(), r, c));
                    }
                }
            }
            TableKind::FundExpenditure | TableKind::CapitalExpenditure => {
                let concept = if t.kind == TableKind::FundExpenditure {
                    "政府性基金支出"
                } else {
                    "国有资本经营支出"
                };
                if let (Some(r), Some(c)) = (total_row(None), first_total_col(None)) {
                    found.push((concept.into(), r, c));
                }
            }
            TableKind::ThreePublic => {
                if let (Some(r), Some(c)) = (total_row(None), first_total_col(None)) {
                    found.push(("三公经费".into(), r, c));
                }
            }
            _ => {}
        }
        for (concept, r, c) in found {
            let k = self.num(ti, r, c);
            self.concept(&concept, k);
        }
    }

    /// Equal figures in different tables: the odd one out against the majority; two that
    /// differ, against each other.
    fn cross(&mut self) {
        let concepts: Vec<Vec<usize>> = self.concepts.values().cloned().collect();
        for cells in concepts {
            let mut cells = cells;
            cells.dedup();
            if cells.len() < 2 {
                continue;
            }
            let close = |a: usize, b: usize| {
                (self.nums[a].value - self.nums[b].value).abs() <= self.tol + 1e-9
            };
            let best = cells
                .iter()
                .copied()
                .max_by_key(|&a| {
                    (
                        cells.iter().filter(|&&b| close(a, b)).count(),
                        std::cmp::Reverse(a),
                    )
                })
                .expect("two cells");
            let agree = cells.iter().filter(|&&b| close(best, b)).count();
            let mut new = Vec::new();
            if agree * 2 > cells.len() {
                for &c in &cells {
                    if !close(best, c) {
                        new.push(Eq {
                            kind: EqKind::Cross,
                            total: c,
                            parts: vec![best],
                            group: usize::MAX,
                        });
                    }
                }
            } else if cells.len() == 2 {
                new.push(Eq {
                    kind: EqKind::Cross,
                    total: cells[1],
                    parts: vec![cells[0]],
                    group: usize::MAX,
                });
            }
            self.eqs.extend(new);
        }
    }

    fn allowed(&self, e: &Eq) -> f64 {
        let n = e.parts.len() as f64;
        self.tol * ((n + 1.0) / 2.0).max(1.0) + 1e-9
    }

    fn sum(&self, e: &Eq) -> f64 {
        e.parts.iter().map(|&p| self.nums[p].value).sum()
    }

    fn fails(&self, e: &Eq) -> bool {
        (self.nums[e.total].value - self.sum(e)).abs() > self.allowed(e)
    }

    /// For every failed equation, the figure most likely wrong: the one in the most failed
    /// equations (ties: the total); each blamed figure with its equations, in order. And every
    /// figure not to be trusted as the tables' word: the blamed ones, and all figures of a
    /// failed equation whose blame is a tie.
    fn blame(&self) -> (Vec<(usize, Vec<usize>)>, Vec<usize>) {
        let failed: Vec<usize> = (0..self.eqs.len())
            .filter(|&i| self.fails(&self.eqs[i]))
            .collect();
        let mut count: HashMap<usize, usize> = HashMap::new();
        for &i in &failed {
            let e = &self.eqs[i];
            for &k in std::iter::once(&e.total).chain(&e.parts) {
                *count.entry(k).or_default() += 1;
            }
        }
        let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut slot: HashMap<usize, usize> = HashMap::new();
        let mut suspects: Vec<usize> = Vec::new();
        for &i in &failed {
            let e = &self.eqs[i];
            let mut blamed = e.total;
            for &k in &e.parts {
                if count[&k] > count[&blamed] {
                    blamed = k;
                }
            }
            let cells = std::iter::once(e.total).chain(e.parts.iter().copied());
            let ties = cells.clone().filter(|k| count[k] == count[&blamed]).count();
            if ties > 1 {
                suspects.extend(cells);
            } else {
                suspects.push(blamed);
            }
            match slot.get(&blamed) {
                Some(&n) => out[n].1.push(i),
                None => {
                    slot.insert(blamed, out.len());
                    out.push((blamed, vec![i]));
                }
            }
        }
        suspects.sort_unstable();
        suspects.dedup();
        (out, suspects)
    }

    fn title(&self, k: usize) -> String {
        table_name(self.nums[k].table)
    }

    fn quoted(&self, k: usize) -> String {
        format!("{}“{}”", self.nums[k].full(), self.nums[k].text)
    }

    /// What an equation says, quoting every figure it ties.
    fn describe(&self, e: &Eq) -> String {
        let t = &self.nums[e.total];
        match e.kind {
            EqKind::Cross => {
                let p = e.parts[0];
                format!(
                    "{}{}与{}{}不一致",
                    self.title(e.total),
                    self.quoted(e.total),
                    self.title(p),
                    self.quoted(p)
                )
            }
            EqKind::Balance => {
                let p = e.parts[0];
                format!(
                    "{}{}不等于{}",
                    self.title(e.total),
                    self.quoted(e.total),
                    self.quoted(p)
                )
            }
            EqKind::Row | EqKind::Column => {
                let shown: Vec<String> = e
                    .parts
                    .iter()
                    .filter(|&&p| self.nums[p].value.abs() > 1e-9)
                    .map(|&p| {
                        let n = &self.nums[p];
                        let what = if e.kind == EqKind::Row {
                            n.col()
                        } else {
                            n.row()
                        };
                        format!("{what}“{}”", n.text)
                    })
                    .collect();
                let parts = match shown.len() {
                    0 => format!("其各项（{}项，均为0）之和", e.parts.len()),
                    1 if e.parts.len() == 1 => shown[0].clone(),
                    n if n > 4 => format!(
                        "{}等{}项之和{}",
                        shown[..4].join("、"),
                        n,
                        fmt_amount(self.sum(e))
                    ),
                    _ => format!("{}之和{}", shown.join("、"), fmt_amount(self.sum(e))),
                };
                format!(
                    "{}{}“{}”不等于{}",
                    self.title(e.total),
                    t.full(),
                    t.text,
                    parts
                )
            }
        }
    }

    /// The figure a name stands for, when the tables agree on it (figures of failed equations
    /// left out).
    fn consensus(&self, concept: &str, suspects: &[usize]) -> Option<usize> {
        let cells: Vec<usize> = self
            .concepts
            .get(concept)?
            .iter()
            .copied()
            .filter(|k| !suspects.contains(k))
            .collect();
        let first = *cells.first()?;
        cells
            .iter()
            .all(|&k| (self.nums[k].value - self.nums[first].value).abs() <= self.tol + 1e-9)
            .then_some(first)
    }
}

fn code_of(r: &AmountRow) -> &str {
    r.code.as_ref().map(|c| c.text.as_str()).unwrap_or("")
}

/// The longest shorter code in `seen` that `c` starts with (codes are ASCII digits).
fn parent_code<'a>(c: &'a str, seen: &HashMap<&str, usize>) -> Option<&'a str> {
    (1..c.len())
        .rev()
        .filter(|&n| c.is_char_boundary(n))
        .map(|n| &c[..n])
        .find(|p| seen.contains_key(p))
}

fn column_name(t: &DisclosureTable, c: usize) -> String {
    let col = &t.columns[c];
    let name = trim(&col.name);
    match &col.group {
        Some(g)
            if matches!(
                norm_label(name).as_str(),
                "小计" | "合计" | "金额" | "预算数"
            ) =>
        {
            format!("{}{}", trim(g), name)
        }
        _ => name.to_string(),
    }
}

fn is_total_col(t: &DisclosureTable, c: usize) -> bool {
    let n = norm_label(&t.columns[c].name);
    n.contains("合计") || n.contains("总计")
}

// --- D003 --------------------------------------------------------------------------------------

fn d003(ctx: &DocCtx, doc: &Document, out: &mut Vec<Finding>) {
    let Some(d) = &doc.disclosure else { return };
    let f = Figures::new(d, ctx.data);
    let (blamed, suspects) = f.blame();
    for (k, eqs) in &blamed {
        let e = eqs
            .iter()
            .map(|&i| &f.eqs[i])
            .find(|e| e.total == *k)
            .unwrap_or(&f.eqs[eqs[0]]);
        let mut message = f.describe(e);
        if e.total != *k {
            message = format!("{}可能有误：{message}", f.quoted(*k));
        }
        if eqs.len() > 1 {
            message.push_str(&format!("（此数共有{}处核对对不上）", eqs.len()));
        }
        // The other figures the message quotes: the total and the parts that are not 0.
        let related: Vec<Span> = std::iter::once(e.total)
            .chain(
                e.parts
                    .iter()
                    .copied()
                    .filter(|&p| f.nums[p].value.abs() > 1e-9),
            )
            .map(|p| f.nums[p].span)
            .take(12)
            .collect();
        out.push(
            finding(f.nums[*k].span, message, &related)
                .help("请核对这几个数：合计应等于各组成部分之和，同一个数在各表和情况说明中应一致"),
        );
    }
    narrative_figures(ctx.data, d, &f, &suspects, out);
}

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?)\s*(万元|亿元|千元|元|万)").expect("figure pattern")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}").expect("year"));

/// Figures the narrative states (“其中基本支出851.66万元”) against the tables.
fn narrative_figures(
    data: &RuleData,
    d: &Disclosure,
    f: &Figures,
    suspects: &[usize],
    out: &mut Vec<Finding>,
) {
    let dd = &data.disclosure;
    let phrases: Vec<(String, &str)> = dd
        .narrative_figures
        .iter()
        .filter_map(|e| {
            let (p, c) = e.split_once('=')?;
            let c = trim(c);
            let concept = CONCEPTS.iter().find(|k| **k == c)?;
            let p = squeeze(p);
            (!p.is_empty()).then_some((p, *concept))
        })
        .collect();
    let skip: Vec<String> = dd
        .narrative_figure_skip
        .iter()
        .map(|s| squeeze(s))
        .filter(|s| !s.is_empty())
        .collect();
    let year = document_year(d).map(|(y, _)| y);
    // 人员经费 and 公用经费 come from the 一般公共预算 basic table: they stand for the whole
    // department only when its basic spending is all 一般公共预算.
    let basic_is_general = match (
        f.consensus("基本支出", suspects),
        f.consensus("一般公共预算基本支出", suspects),
    ) {
        (Some(a), Some(b)) => (f.nums[a].value - f.nums[b].value).abs() <= f.tol + 1e-9,
        _ => false,
    };
    for p in &d.paragraphs {
        let text = fold(&p.text);
        let mut prev_end = 0;
        for m in FIGURE.captures_iter(&text) {
            let whole = m.get(0).expect("match");
            let number = m.get(1).expect("number");
            let start = whole.start();
            let seg_start = prev_end;
            let before = &text[prev_end..start];
            prev_end = whole.end();
            // The words of the figure: back to the previous figure or punctuation.
            let label_start = before
                .char_indices()
                .rev()
                .find(|(_, c)| "，。；：、,;:（）()！？".contains(*c) || c.is_whitespace())
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(0);
            let raw_label = &before[label_start..];
            // The sentence before the figure's words ("一般公共预算拨款支出中，基本支出…": a figure
            // of one fund, not of the department).
            let label_at = seg_start + label_start;
            let sentence_start = text[..label_at]
                .char_indices()
                .rev()
                .find(|(_, c)| matches!(c, '。' | '；' | ';'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let context = squeeze(&text[sentence_start..label_at]);
            if let Some(y) = &year
                && YEAR.find_iter(raw_label).any(|m| m.as_str() != y)
            {
                continue;
            }
            let mut label = squeeze(raw_label);
            for tail in ["共计", "为", "是", "计", "达", "共", "约"] {
                if let Some(s) = label.strip_suffix(tail) {
                    label = s.to_string();
                }
            }
            let Some((phrase, concept)) = phrases
                .iter()
                .filter(|(ph, _)| label.ends_with(ph.as_str()))
                .max_by_key(|(ph, _)| ph.len())
            else {
                continue;
            };
            let head = &label[..label.len() - phrase.len()];
            if skip.iter().any(|s| {
                head.contains(s.as_str())
                    || (!phrase.contains(s.as_str()) && context.contains(s.as_str()))
            }) {
                continue;
            }
            if matches!(*concept, "人员经费" | "公用经费") && !basic_is_general {
                continue;
            }
            let Some(k) = f.consensus(concept, suspects) else {
                continue;
            };
            let (Ok(n), Some(per)) = (number.as_str().parse::<f64>(), wan_per(&m[2])) else {
                continue;
            };
            let value = n * per;
            let decimals = number.as_str().split_once('.').map_or(0, |(_, d)| d.len());
            let tol = f.tol.max(0.5 * 10f64.powi(-(decimals as i32)) * per) + 1e-9;
            let cell = &f.nums[k];
            if (value - cell.value).abs() <= tol {
                continue;
            }
            let span = crate::disclosure::sub_field(p, whole.start(), whole.end()).span;
            out.push(
                finding(
                    span,
                    format!(
                        "情况说明中的{}“{}”与{}{}不符",
                        shown_label(raw_label),
                        whole.as_str(),
                        f.title(k),
                        f.quoted(k)
                    ),
                    &[cell.span],
                )
                .help("请按表中的数改正情况说明，或核对表中的数"),
            );
        }
    }
}

/// The words of a narrative figure for a message: "其中基本支出" → "基本支出".
fn shown_label(raw: &str) -> &str {
    let mut t = trim(raw);
    for head in ["其中", "包括", "含"] {
        t = trim(t.strip_prefix(head).unwrap_or(t));
    }
    for tail in ["共计", "为", "是", "达"] {
        t = trim(t.strip_suffix(tail).unwrap_or(t));
    }
    t
}

// --- D004 --------------------------------------------------------------------------------------

static NAME_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?)(亿元|万元|千元|元|亿|万)").expect("amount pattern")
});

fn d004(ctx: &DocCtx, doc: &Document, out: &mut Vec<Finding>) {
    let Some(d) = &doc.disclosure else { return };
    if doc.projects.is_empty() {
        return;
    }
    let unit = doc
        .unit
        .as_ref()
        .map(|u| crate::text::norm_value(&u.text))
        .filter(|u| wan_per(u).is_some())
        .unwrap_or_else(|| "万元".into());
    let per = wan_per(&unit).unwrap_or(1.0);
    // Every target table's budget, in 万元.
    let mut budgets: Vec<(usize, &Field, f64)> = Vec::new();
    for (i, p) in doc.projects.iter().enumerate() {
        let Some(total) = p.budget.total.as_ref().filter(|f| !f.is_blank()) else {
            return; // C001
        };
        // A budget in a unit of its own (“年度预算安排（元）”) is read in it.
        let (v, per) = match p
            .budget
            .unit
            .as_deref()
            .and_then(|u| Some((u, wan_per(u)?)))
        {
            Some((u, per)) => (super::budget::amount(&total.text, u), per),
            None => (super::budget::amount(&total.text, &unit), per),
        };
        let Some(v) = v else {
            return; // B006
        };
        budgets.push((i, total, v * per));
    }
    let f = Figures::new(d, ctx.data);
    let (_, suspects) = f.blame();
    let tol = |n: usize| f.tol * ((n as f64 + 1.0) / 2.0).max(1.0) + 1e-9;
    if let Some(k) = f.consensus("项目支出", &suspects) {
        let spend = &f.nums[k];
        let sum: f64 = budgets.iter().map(|(_, _, v)| v).sum();
        let diff = sum - spend.value;
        if diff.abs() > tol(budgets.len()) {
            // The one budget that disagrees with the amount in its own name by as much.
            let odd: Vec<&(usize, &Field, f64)> = budgets
                .iter()
                .filter(|(i, _, v)| {
                    let named = name_amounts(doc.projects[*i].display_name());
                    !named.is_empty()
                        && named.iter().all(|n| (n - v).abs() > f.tol + 1e-9)
                        && named.iter().any(|n| (v - n - diff).abs() <= tol(2))
                })
                .collect();
            let head = format!(
                "{}个绩效目标表的预算数合计{}万元，与{}{}不符（相差{}万元）",
                budgets.len(),
                fmt_amount(sum),
                f.title(k),
                f.quoted(k),
                fmt_amount(diff.abs())
            );
            let finding_here = match odd.as_slice() {
                [(i, cell, _)] => finding(
                    cell.span,
                    format!(
                        "{head}；其中“{}”的预算数“{}”与名称中的金额不一致，可能是此数有误",
                        quote_str(doc.projects[*i].display_name()),
                        trim(&cell.text)
                    ),
                    &[spend.span],
                ),
                _ => {
                    let related: Vec<Span> = budgets.iter().map(|(_, c, _)| c.span).collect();
                    finding(spend.span, head, &related)
                }
            };
            out.push(
                finding_here
                    .help("请核对是否有项目漏填了绩效目标表，或某张目标表的预算数与预算不符"),
            );
        }
    }
    project_lists(d, doc, &budgets, f.tol, out);
}

/// The amounts written in a project name ("社保局指纹认证2万" → 2), in 万元.
fn name_amounts(name: &str) -> Vec<f64> {
    NAME_AMOUNT
        .captures_iter(&fold(name))
        .filter_map(|c| Some(c[1].parse::<f64>().ok()? * wan_per(&c[2])?))
        .collect()
}

/// A project name for matching: letters and digits, amounts taken out.
fn project_key(name: &str) -> String {
    squeeze(&NAME_AMOUNT.replace_all(&fold(name), ""))
}

fn same_project(a: &str, b: &str) -> bool {
    let (a, b) = (project_key(a), project_key(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let short = a.chars().count().min(b.chars().count());
    (short >= 4 && (a.contains(&b) || b.contains(&a)))
        || strsim::normalized_levenshtein(&a, &b) >= 0.8
}

/// The projects of a 项目支出明细表 against the target tables.
fn project_lists(
    d: &Disclosure,
    doc: &Document,
    budgets: &[(usize, &Field, f64)],
    tol: f64,
    out: &mut Vec<Finding>,
) {
    for t in d.tables.iter().filter(|t| t.kind == TableKind::ProjectList) {
        let Some(c) = (0..t.columns.len())
            .find(|&c| {
                let n = norm_label(&t.columns[c].name);
                ["合计", "金额", "预算", "小计", "总计"]
                    .iter()
                    .any(|w| n.contains(w))
            })
            .or(if t.columns.is_empty() { None } else { Some(0) })
        else {
            continue;
        };
        let listed: Vec<&AmountRow> = t
            .rows
            .iter()
            .filter(|r| {
                !r.name.is_blank() && !is_total_name(&r.name.text) && !is_of_which(&r.name.text)
            })
            .collect();
        // Every listed project against every target table: bounded, for hostile inputs.
        if listed.is_empty() || listed.len().saturating_mul(doc.projects.len()) > 1_000_000 {
            continue;
        }
        let per = t
            .unit
            .as_ref()
            .and_then(|u| wan_per(&u.text))
            .unwrap_or(1.0);
        for r in &listed {
            let matched = doc
                .projects
                .iter()
                .position(|p| same_project(p.display_name(), &r.name.text));
            match matched {
                None => out.push(
                    finding(
                        r.name.span,
                        format!(
                            "{}中的项目“{}”没有对应的绩效目标表",
                            table_name(t),
                            quote_str(&r.name.text)
                        ),
                        &[],
                    )
                    .help("每个项目都应编制绩效目标表；请补上，或核对项目名称"),
                ),
                Some(i) => {
                    let cell = r.amounts.get(c).and_then(|a| a.as_ref());
                    let listed_value = cell
                        .filter(|a| !a.is_blank())
                        .and_then(|a| super::budget::amount(&a.text, "万元"))
                        .map(|v| v * per);
                    let target = budgets.iter().find(|(k, _, _)| *k == i);
                    if let (Some(lv), Some((_, bcell, bv)), Some(cell)) =
                        (listed_value, target, cell)
                        && (lv - bv).abs() > tol + 1e-9
                    {
                        out.push(
                            finding(
                                bcell.span,
                                format!(
                                    "绩效目标表“{}”的预算数“{}”与{}中的“{}”不符",
                                    quote_str(doc.projects[i].display_name()),
                                    trim(&bcell.text),
                                    table_name(t),
                                    trim(&cell.text)
                                ),
                                &[cell.span],
                            )
                            .help("请核对项目的预算数"),
                        );
                    }
                }
            }
        }
        for p in &doc.projects {
            if listed
                .iter()
                .any(|r| same_project(p.display_name(), &r.name.text))
            {
                continue;
            }
            let span = p.name.as_ref().map(|n| n.span).unwrap_or(p.span);
            out.push(
                finding(
                    span,
                    format!(
                        "绩效目标表“{}”的项目不在{}中",
                        quote_str(p.display_name()),
                        table_name(t)
                    ),
                    &[t.span],
                )
                .help("请核对项目是否列入了项目支出，或目标表是否属于本部门"),
            );
        }
    }
}

// --- D001 --------------------------------------------------------------------------------------

static HEADING_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年度?.{0,30}?(?:部门预算|预算公开|预算信息公开)")
        .expect("heading")
});

/// A table's year: its 预算年度, else a year in its title; with the span of the digits and
/// whether it is the title's.
fn table_year(t: &DisclosureTable) -> Option<(String, Span, bool)> {
    let from = |f: &Field, in_title: bool| {
        YEAR.find(&f.text).map(|m| {
            let span = crate::disclosure::sub_field(f, m.start(), m.end()).span;
            (m.as_str().to_string(), span, in_title)
        })
    };
    match &t.year {
        Some(y) => from(y, false),
        None if t.kind != TableKind::Unknown => t.title.as_ref().and_then(|f| from(f, true)),
        None => None,
    }
}

/// The year of the whole document: the year more than half of the tables and headings give.
fn document_year(d: &Disclosure) -> Option<(String, usize)> {
    let mut votes: BTreeMap<String, usize> = BTreeMap::new();
    for t in &d.tables {
        if let Some((y, _, _)) = table_year(t) {
            *votes.entry(y).or_default() += 1;
        }
    }
    for p in &d.paragraphs {
        if squeeze(&p.text).chars().count() <= 40
            && let Some(c) = HEADING_YEAR.captures(&fold(&p.text))
        {
            *votes.entry(c[1].to_string()).or_default() += 1;
        }
    }
    let all: usize = votes.values().sum();
    votes.into_iter().find(|(_, n)| n * 2 > all)
}

fn d001(_ctx: &DocCtx, doc: &Document, out: &mut Vec<Finding>) {
    let Some(d) = &doc.disclosure else { return };
    let Some((year, _)) = document_year(d) else {
        return;
    };
    let years: Vec<(&DisclosureTable, String, Span, bool)> = d
        .tables
        .iter()
        .filter_map(|t| table_year(t).map(|(y, s, in_title)| (t, y, s, in_title)))
        .collect();
    let agreeing: Vec<Span> = years
        .iter()
        .filter(|(_, y, _, _)| *y == year)
        .map(|(_, _, s, _)| *s)
        .collect();
    for (t, y, span, in_title) in &years {
        if *y == year {
            continue;
        }
        let what = if *in_title {
            format!("表名“{}”中的年份", table_name(t))
        } else {
            format!("{}的预算年度", table_name(t))
        };
        out.push(
            finding(
                *span,
                format!(
                    "{what}“{y}”与本文件的预算年度{year}年不一致（其他{}张表为{year}年）",
                    agreeing.len()
                ),
                &agreeing[..agreeing.len().min(1)],
            )
            .help(format!("请改为{year}，并核对这张表的数字是否也是上年的")),
        );
    }
}

// --- D002 and the unit's place (D005) ----------------------------------------------------------

static CODED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[【(（]?\s*([0-9]{3,})\s*[\]】)）]?\s*(.*)$").expect("coded department")
});

/// One place where the document names its department.
struct Occurrence {
    /// Where: a table's title, or 情况说明.
    place_name: String,
    span: Span,
    written: String,
    code: Option<String>,
    /// The place name it starts with (涞源县), if any.
    place: Option<String>,
    /// The name after the place, as written (社会保险事业管理局).
    body: String,
    /// The body with abbreviations folded (社保局).
    canonical: String,
}

/// Leading place names of a unit's name: ("涞源县", "社会保险事业管理局") for
/// 河北省保定市涞源县社会保险事业管理局 (the most local place).
fn split_place(name: &str) -> (Option<String>, &str) {
    let mut rest = name;
    let mut place = None;
    while let Some(p) = crate::places::find(rest) {
        let full = p.ends_with(['省', '市', '县', '区', '旗', '州', '盟']);
        if !full || !rest.starts_with(p) || rest.len() == p.len() {
            break;
        }
        place = Some(p.to_string());
        rest = &rest[p.len()..];
    }
    (place, rest)
}

/// `department_abbreviations` as (full, short) pairs, folded.
fn abbreviations(dd: &DisclosureData) -> Vec<(String, String)> {
    dd.department_abbreviations
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(short, full)| (squeeze(full), squeeze(short)))
        .filter(|(full, short)| !full.is_empty() && !short.is_empty())
        .collect()
}

/// A unit's name (after its place) with a full name folded to its short form.
fn canonical(body: &str, abbreviations: &[(String, String)]) -> String {
    let b = squeeze(body);
    abbreviations
        .iter()
        .find(|(full, _)| *full == b)
        .map(|(_, short)| short.clone())
        .unwrap_or(b)
}

fn occurrence(
    place_name: String,
    f: &Field,
    abbreviations: &[(String, String)],
) -> Option<Occurrence> {
    let text = trim(&f.text);
    if text.is_empty() {
        return None;
    }
    let (code, name) = match CODED.captures(text) {
        Some(c) => (Some(c[1].to_string()), c.get(2).map_or("", |m| m.as_str())),
        None => (None, text),
    };
    let name = trim(name);
    let (place, body) = split_place(name);
    Some(Occurrence {
        place_name,
        span: f.span,
        written: text.to_string(),
        code,
        place,
        body: body.to_string(),
        canonical: canonical(body, abbreviations),
    })
}

/// The value more than any other has (no tie), with its count.
fn plurality<'a>(values: impl Iterator<Item = &'a str>) -> Option<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v.to_string(), 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [a, b, ..] if a.1 > b.1 => Some(a.clone()),
        _ => None,
    }
}

/// The department as the document mostly names it.
struct Unit {
    /// Every place that names it, in document order.
    occurrences: Vec<Occurrence>,
    /// The code cluster of each occurrence that has a code: the department part of the
    /// shortest code it extends (323 for 323 and for its unit 323002).
    clusters: Vec<Option<String>>,
    /// The cluster most codes are in, and how many.
    code_major: Option<(String, usize)>,
    /// Index of the first occurrence that gives the place.
    place: Option<(String, usize)>,
    /// The canonical body and the full written form shown in messages.
    body: Option<(String, String)>,
}

impl Unit {
    /// An occurrence with a unit code under its department's (323002 under 323): a unit of
    /// the department, named as the unit, not as the department.
    fn is_subunit(&self, i: usize) -> bool {
        match (&self.occurrences[i].code, &self.clusters[i]) {
            (Some(code), Some(root)) => code.len() > root.len(),
            _ => false,
        }
    }
}

/// For each occurrence, its code cluster (see [`Unit::clusters`]).
fn code_clusters(occ: &[Occurrence]) -> Vec<Option<String>> {
    let roots: Vec<&str> = occ
        .iter()
        .filter_map(|o| o.code.as_deref())
        .map(code_root)
        .collect();
    occ.iter()
        .map(|o| {
            let r = code_root(o.code.as_deref()?);
            Some(
                roots
                    .iter()
                    .copied()
                    .filter(|x| r.starts_with(x))
                    .min_by_key(|x| x.len())
                    .unwrap_or(r)
                    .to_string(),
            )
        })
        .collect()
}

fn unit(d: &Disclosure, dd: &DisclosureData) -> Unit {
    let abbrev = abbreviations(dd);
    let mut occ: Vec<Occurrence> = Vec::new();
    for t in &d.tables {
        if let Some(f) = &t.department
            && let Some(o) = occurrence(table_name(t), f, &abbrev)
        {
            occ.push(o);
        }
    }
    let place = plurality(occ.iter().filter_map(|o| o.place.as_deref()));
    let body = plurality(occ.iter().map(|o| o.canonical.as_str()));
    // The unit's full name as written most often (its body), for reading it in the narrative.
    let full_body = body.as_ref().and_then(|(b, _)| {
        plurality(
            occ.iter()
                .filter(|o| o.canonical == *b && squeeze(&o.body) != *b)
                .map(|o| o.body.as_str()),
        )
        .map(|(s, _)| s)
        .or_else(|| Some(b.clone()))
    });
    if let (Some((p, _)), Some(full)) = (&place, &full_body) {
        narrative_names(d, dd, &abbrev, p, full, &mut occ);
    }
    occ.sort_by_key(|o| o.span.start);
    let clusters = code_clusters(&occ);
    let code_major = plurality(clusters.iter().flatten().map(String::as_str));
    let mut u = Unit {
        occurrences: occ,
        clusters,
        code_major,
        place: None,
        body: None,
    };
    let occ = &u.occurrences;
    u.place = plurality(occ.iter().filter_map(|o| o.place.as_deref())).and_then(|(p, _)| {
        occ.iter()
            .position(|o| o.place.as_deref() == Some(&p))
            .map(|i| (p, i))
    });
    // The department's name: from the places that name the department itself (units under it
    // have names of their own), or from all when only units are named.
    let own: Vec<usize> = (0..occ.len()).filter(|&i| !u.is_subunit(i)).collect();
    let voters: Vec<usize> = if own.is_empty() {
        (0..occ.len()).collect()
    } else {
        own
    };
    u.body = plurality(voters.iter().map(|&i| occ[i].canonical.as_str())).map(|(b, _)| {
        let shown = plurality(
            occ.iter()
                .filter(|o| o.canonical == b && o.place.is_some())
                .map(|o| o.written.as_str())
                .filter(|w| !CODED.is_match(w)),
        )
        .map(|(s, _)| s)
        .unwrap_or_else(|| b.clone());
        (b, shown)
    });
    u
}

/// The unit's name where the narrative writes it after its place name ("涞源县社会保险事业管理局"):
/// read up to the same ending as the unit's name; a name close to the unit's but not the same
/// is kept (as a disagreeing occurrence), another unit's name is not.
fn narrative_names(
    d: &Disclosure,
    dd: &DisclosureData,
    abbreviations: &[(String, String)],
    place: &str,
    full_body: &str,
    occ: &mut Vec<Occurrence>,
) {
    let Some(ending) = dd
        .department_suffixes
        .iter()
        .filter(|s| full_body.ends_with(s.as_str()))
        .max_by_key(|s| s.len())
    else {
        return;
    };
    let max_chars = full_body.chars().count() + 6;
    let unit_canonical = canonical(full_body, abbreviations);
    for p in &d.paragraphs {
        let text = fold(&p.text);
        for (at, _) in text.match_indices(place) {
            let after = &text[at + place.len()..];
            let run: String = after
                .chars()
                .take_while(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                .take(max_chars)
                .collect();
            let Some(end) = run.find(ending.as_str()).map(|i| i + ending.len()) else {
                continue;
            };
            let body = &run[..end];
            let canon = canonical(body, abbreviations);
            let same = canon == unit_canonical;
            if !same && strsim::normalized_levenshtein(body, full_body) < dd.department_similarity {
                continue;
            }
            let span = crate::disclosure::sub_field(p, at, at + place.len() + end).span;
            occ.push(Occurrence {
                place_name: "情况说明".into(),
                span,
                written: format!("{place}{body}"),
                code: None,
                place: Some(place.to_string()),
                body: body.to_string(),
                canonical: canon,
            });
        }
    }
}

/// The department part of a code: 323 for 323 and for its unit 323002.
fn code_root(code: &str) -> &str {
    if code.len() >= 6 {
        &code[..code.len() - 3]
    } else {
        code
    }
}

fn d002(ctx: &DocCtx, doc: &Document, out: &mut Vec<Finding>) {
    let Some(d) = &doc.disclosure else { return };
    let u = unit(d, &ctx.data.disclosure);
    let occ = &u.occurrences;
    let code_example = u
        .code_major
        .as_ref()
        .and_then(|(c, _)| (0..occ.len()).find(|&i| u.clusters[i].as_deref() == Some(c.as_str())));
    for (i, o) in occ.iter().enumerate() {
        let mut parts: Vec<String> = Vec::new();
        let mut related: Vec<Span> = Vec::new();
        if let (Some(code), Some(cluster), Some((major, n)), Some(ex)) =
            (&o.code, &u.clusters[i], &u.code_major, code_example)
            && cluster != major
        {
            parts.push(format!(
                "部门编码“{code}”与其他各处的“{major}”不一致（{n}处为{major}或其下属单位，如“{}”）",
                occ[ex].written
            ));
            related.push(occ[ex].span);
        }
        // A unit under the department is compared with the other places of the same code.
        let name_major = if u.is_subunit(i) {
            plurality(
                (0..occ.len())
                    .filter(|&k| occ[k].code == o.code)
                    .map(|k| occ[k].canonical.as_str()),
            )
            .map(|(b, _)| {
                let shown = occ
                    .iter()
                    .find(|x| x.code == o.code && x.canonical == b)
                    .map(|x| x.written.clone())
                    .unwrap_or_else(|| b.clone());
                (b, shown)
            })
        } else {
            u.body.clone()
        };
        if let Some((major, shown)) = &name_major
            && o.canonical != *major
        {
            parts.push(format!("单位名称与其他各处的“{shown}”不一致"));
            if let Some(ex) = occ
                .iter()
                .find(|x| x.written == *shown)
                .or_else(|| occ.iter().find(|x| x.canonical == *major))
            {
                related.push(ex.span);
            }
        } else if let (Some(p), Some((major_place, k))) = (&o.place, &u.place)
            && p != major_place
        {
            parts.push(format!("地名“{p}”与其他各处的“{major_place}”不一致"));
            related.push(occ[*k].span);
        }
        if parts.is_empty() {
            continue;
        }
        out.push(
            finding(
                o.span,
                format!("{}中的“{}”：{}", o.place_name, o.written, parts.join("；")),
                &related,
            )
            .help("同一份部门预算公开中部门编码和名称应一致；请核对这部分是否填错了单位或从其他单位的材料复制而来"),
        );
    }
}

// --- D005 --------------------------------------------------------------------------------------

fn d005(ctx: &DocCtx, doc: &Document, out: &mut Vec<Finding>) {
    let Some(d) = &doc.disclosure else { return };
    let dd = &ctx.data.disclosure;
    let u = unit(d, dd);
    if let Some((place, i)) = &u.place {
        let levels = [
            (&dd.county_place_suffixes, &dd.county_foreign_words, "县级"),
            (&dd.city_place_suffixes, &dd.city_foreign_words, "市级"),
            (
                &dd.district_place_suffixes,
                &dd.district_foreign_words,
                "区级",
            ),
        ];
        let level = levels
            .iter()
            .find(|(suffixes, _, _)| suffixes.iter().any(|s| place.ends_with(s.as_str())));
        if let Some((_, words, level_name)) = level {
            let own = place.chars().last().map(String::from).unwrap_or_default();
            let unit_name = u
                .body
                .as_ref()
                .map(|(_, s)| s.clone())
                .unwrap_or_else(|| place.clone());
            for p in &d.paragraphs {
                let text = fold(&p.text);
                for w in words.iter().filter(|w| !w.is_empty()) {
                    for (at, _) in text.match_indices(w.as_str()) {
                        // 资本市场, 日本市场: not a place word.
                        if text[at + w.len()..].starts_with('场') {
                            continue;
                        }
                        let span = crate::disclosure::sub_field(p, at, at + w.len()).span;
                        let first = w.chars().next().map(String::from).unwrap_or_default();
                        out.push(
                            finding(
                                span,
                                format!(
                                    "情况说明中称“{w}”，而本单位{unit_name}是{level_name}单位（{place}）：这段文字疑似照搬自其他层级或其他单位的材料"
                                ),
                                &[u.occurrences[*i].span],
                            )
                            .help(format!(
                                "请改为“{first}{own}”，并核对整段内容是否符合本单位的实际"
                            )),
                        );
                    }
                }
            }
        }
    }
    repeated_paragraphs(dd, d, out);
}

/// A paragraph for comparison: list words and numbering off its start, letters and digits
/// only; and, for a list item ("三是社会化管理服务工作不断推进。自实施……"), its body without
/// the item's heading sentence.
fn paragraph_keys(text: &str, dd: &DisclosureData, min: usize) -> (Vec<char>, Option<Vec<char>>) {
    static NUM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]+[)）、.．]|[①-⑳])\s*")
            .expect("numbering")
    });
    let mut t = fold(trim(text));
    let mut listed = false;
    loop {
        let before = t.len();
        t = NUM.replace(&t, "").into_owned();
        for w in &dd.list_prefixes {
            if let Some(rest) = trim(&t).strip_prefix(w.as_str()) {
                t = rest.to_string();
                listed = true;
            }
        }
        if t.len() == before {
            break;
        }
    }
    let full: Vec<char> = squeeze(&t).chars().collect();
    let body = listed
        .then(|| t.split_once('。'))
        .flatten()
        .map(|(_, body)| squeeze(body).chars().collect::<Vec<char>>())
        .filter(|b| b.len() >= min);
    (full, body)
}

/// 1 − edit distance / the longer length.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let (la, lb) = (a.len() as f64, b.len() as f64);
    if la.max(lb) == 0.0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / la.max(lb)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Character comparisons the near-duplicate search may spend on one document (about a tenth
/// of a second); past it, only exact repeats are found. A real narrative needs a few hundred
/// thousand.
const NEAR_BUDGET: usize = 50_000_000;

fn repeated_paragraphs(dd: &DisclosureData, d: &Disclosure, out: &mut Vec<Finding>) {
    let min = dd.narrative_copy_min_chars.max(1.0) as usize;
    let threshold = dd.narrative_copy_similarity;
    let keys: Vec<(usize, Vec<Vec<char>>)> = d
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (full, body) = paragraph_keys(&p.text, dd, min);
            let ks: Vec<Vec<char>> = std::iter::once(full)
                .chain(body)
                .filter(|k| k.len() >= min)
                .collect();
            (i, ks)
        })
        .filter(|(_, ks)| !ks.is_empty())
        .collect();
    // Characters by count: half their difference bounds the edit distance from below.
    let counts: Vec<Vec<HashMap<char, i64>>> = keys
        .iter()
        .map(|(_, ks)| {
            ks.iter()
                .map(|k| {
                    let mut m: HashMap<char, i64> = HashMap::new();
                    for c in k {
                        *m.entry(*c).or_default() += 1;
                    }
                    m
                })
                .collect()
        })
        .collect();
    let bound = |a: &HashMap<char, i64>, b: &HashMap<char, i64>| -> f64 {
        let mut l1: i64 = a
            .iter()
            .map(|(c, n)| (n - b.get(c).unwrap_or(&0)).abs())
            .sum();
        l1 += b
            .iter()
            .filter(|(c, _)| !a.contains_key(c))
            .map(|(_, n)| n)
            .sum::<i64>();
        (l1 as f64 / 2.0).ceil()
    };
    let mut exact: HashMap<&[char], usize> = HashMap::new();
    let mut spent = 0usize;
    for (b, (j, kb)) in keys.iter().enumerate() {
        let mut best: Option<(usize, f64)> = kb
            .iter()
            .filter_map(|k| exact.get(k.as_slice()))
            .min()
            .map(|&i| (i, 1.0));
        if best.is_none() {
            'earlier: for (a, (i, ka)) in keys[..b].iter().enumerate() {
                for (xa, x) in ka.iter().enumerate() {
                    for (yb, y) in kb.iter().enumerate() {
                        let (lx, ly) = (x.len() as f64, y.len() as f64);
                        if lx.min(ly) / lx.max(ly) < threshold
                            || 1.0 - bound(&counts[a][xa], &counts[b][yb]) / lx.max(ly) < threshold
                        {
                            continue;
                        }
                        spent += x.len() * y.len();
                        if spent > NEAR_BUDGET {
                            break 'earlier;
                        }
                        let sim = similarity(x, y);
                        if sim >= threshold && best.is_none_or(|(_, s)| sim > s) {
                            best = Some((*i, sim));
                        }
                    }
                }
                if best.is_some() {
                    break;
                }
            }
        }
        for k in kb {
            exact.entry(k.as_slice()).or_insert(*j);
        }
        let Some((i, sim)) = best else { continue };
        let (pa, pb) = (&d.paragraphs[i], &d.paragraphs[*j]);
        out.push(
            finding(
                pb.span,
                format!(
                    "这一段与前文的一段{}（不计列举词、小标题、标点和空白）：“{}”，疑似重复粘贴",
                    if sim >= 0.995 {
                        "相同".to_string()
                    } else {
                        format!("几乎相同（相似度{:.0}%）", (sim * 100.0).floor())
                    },
                    quote_str(&pa.text)
                ),
                &[pa.span],
            )
            .help("请删去重复的一段，或按本单位的实际改写"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_places() {
        assert_eq!(bare_name("八、社会保障和就业支出"), "社会保障和就业支出");
        assert!(is_total_name("        本年收入合计"));
        assert!(is_total_name("“三公”经费小计"));
        assert!(!is_total_name("一、财政拨款收入"));
        assert!(is_of_which("    其中：财政专户收入"));
        assert_eq!(
            split_place("涞源县社会保险事业管理局"),
            (Some("涞源县".to_string()), "社会保险事业管理局")
        );
        assert_eq!(split_place("社保局"), (None, "社保局"));
        let dd = &RuleData::embedded().disclosure;
        let ab = abbreviations(dd);
        assert_eq!(canonical("社会保险事业管理局", &ab), "社保局");
        assert_eq!(canonical("社会保障事业管理局", &ab), "社会保障事业管理局");
        assert_eq!(code_root("323002"), "323");
        assert_eq!(name_amounts("社保局企业养老扩面补贴2.5万"), [2.5]);
        assert!(same_project("社保局指纹认证2万", "指纹认证"));
        let key = |t: &str| paragraph_keys(t, dd, 1);
        assert_eq!(key("三是 提高质效").0, key("提高质效").0);
        assert_eq!(
            key("三是社会化管理服务工作不断推进。自实施以来").1,
            Some(key("自实施以来").0)
        );
        assert_eq!(key("自实施以来。工作推进").1, None);
    }
}
