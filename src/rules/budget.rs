//! B — budget and schedule (匹配性).

use std::sync::LazyLock;

use regex::Regex;

use super::{
    Check, Ctx, Finding, Rule, RuleDoc, Severity, quote, quoted, value_quoted, value_span,
};
use crate::model::{Class1, Field, FieldKind, Project};
use crate::source::Span;
use crate::value::Value;

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            code: "B001",
            name: "budget-sum-mismatch",
            title: "资金来源合计与预算数不符",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "预算数不等于财政资金与其他资金之和（空白表示未填，不当作0以外的值；\
                       允许误差见 budget_tolerance，单位按金额单位换算）。",
                why: "资金来源之和必须等于预算总额，否则至少有一个数填错了。",
                bad: "项目名称: 高标准农田建设\n预算规模: {预算数: 12000, 财政资金: 6923.3552, 其他资金: 3683.3970}",
                good: "项目名称: 高标准农田建设\n预算规模: {预算数: 10606.7522, 财政资金: 6923.3552, 其他资金: 3683.3970}",
            },
            data: &["budget_tolerance"],
            yields_to: &[],
            check: Check::Project(b001),
        },
        Rule {
            code: "B002",
            name: "name-amount-mismatch",
            title: "项目名称中的金额与预算数不符",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "项目名称里带着金额（“……29.31万元”“……2万”），却与预算数不一致。",
                why: "名称中的金额往往是上一年或申报时的数，与预算数不一致说明其中一个没有更新。",
                bad: "项目名称: 社保局指纹认证3万\n预算规模: {预算数: 2.00}",
                good: "项目名称: 社保局指纹认证  # 名称中不必写金额\n预算规模: {预算数: 2.00}",
            },
            data: &["budget_tolerance"],
            yields_to: &[],
            check: Check::Project(b002),
        },
        Rule {
            code: "B003",
            name: "schedule-missing",
            title: "缺少资金支出计划",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "表中有“资金支出计划”但每个期间都是空的（或只填了“/”“—”“无”之类，\
                       名单见 schedule_blank_marks），或者表中根本没有资金支出计划。",
                why: "预算执行进度与绩效目标要“双监控”（中发〔2018〕34号）：没有支出计划，\
                      就无法判断资金是否按序时进度使用。",
                bad: "项目名称: 社保局企业养老扩面补贴\n资金支出计划: {3月底: , 6月底: , 10月底: , 12月底: }",
                good: "项目名称: 社保局企业养老扩面补贴\n资金支出计划: {3月底: 25, 6月底: 50, 10月底: 75, 12月底: 100}",
            },
            data: &["schedule_blank_marks"],
            yields_to: &[],
            check: Check::Project(b003),
        },
        Rule {
            code: "B004",
            name: "schedule-invalid",
            title: "资金支出计划不合理",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "资金支出计划中：某期不是数字、为负数或超过100；累计进度比上一期减少；\
                       或最后一期不是100%。各期数字合计为100的，是按期分配的支出占比（如每季度\
                       25），也是合理的计划，不报告次序和最后一期。按金额填写（写明“万元”，\
                       或有一期超过100，不可能是百分比）、累计到最后一期等于预算数或各期金额合计\
                       等于预算数的，同样合理；带金额单位却达不到预算数的，按金额报告。不写单位、\
                       都不超过100的数字按百分比检查，恰好凑成预算数的，建议写明单位。\
                       只填了一部分期间时，空着的期间（含只填“/”“—”的）合并报告一次，建议按\
                       已填期间的填法（累计或按期、百分比或金额）给出。",
                why: "资金支出计划是按期累计的百分比，应逐期不减并在最后一期达到100%，\
                      否则表示计划未做完或填错了列。",
                bad: "项目名称: 社保局企业养老扩面补贴\n资金支出计划: {3月底: 50, 6月底: 25, 10月底: 75, 12月底: 90}",
                good: "项目名称: 社保局企业养老扩面补贴\n资金支出计划: {3月底: 25, 6月底: 50, 10月底: 75, 12月底: 100}",
            },
            data: &["schedule_blank_marks"],
            yields_to: &[],
            check: Check::Project(b004),
        },
        Rule {
            code: "B006",
            name: "amount-invalid",
            title: "金额无法识别",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "预算数、财政资金或其他资金不是可识别的金额（文字、科学计数法、几个数字），\
                       或是负数，或大得不合常理（超过 amount_max，单位万元）。中文数字（三百万、\
                       二十九点三一）可以识别，不报告。",
                why: "金额无法识别，预算数与资金来源、成本指标都无法核对；\
                      填成文字或科学计数法多是从其他系统复制时出的错。",
                bad: "项目名称: 农村公路养护\n预算规模: {预算数: abc, 财政资金: 1e308}",
                good: "项目名称: 农村公路养护\n预算规模: {预算数: 三百万元, 财政资金: \"300\"}",
            },
            data: &["amount_max"],
            yields_to: &[],
            check: Check::Project(b006),
        },
        Rule {
            code: "B005",
            name: "cost-exceeds-budget",
            title: "成本指标超过预算",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "成本指标（成本类的一级或二级指标，或名称含“成本”的指标）以金额计的目标值\
                       超过了项目预算数（元与万元自动换算；“元/人”等单位成本不比较）。",
                why: "成本不可能超过全部预算，这通常是单位写错（元写成了万元）或抄错了数。",
                bad: "项目名称: 农村劳动力技能培训\n预算规模: {预算数: 50}\n绩效指标:\n  - {一级指标: 成本指标, 二级指标: 经济成本指标, 三级指标: 项目总成本, 指标值: ≤60万元}",
                good: "项目名称: 农村劳动力技能培训\n预算规模: {预算数: 50}\n绩效指标:\n  - {一级指标: 成本指标, 二级指标: 经济成本指标, 三级指标: 人均培训成本, 指标值: ≤800元/人}",
            },
            data: &["budget_tolerance", "units.money"],
            yields_to: &[],
            check: Check::Project(b005),
        },
    ]
}

/// How many 元 one unit is.
pub(crate) fn yuan(unit: &str) -> Option<f64> {
    Some(match unit {
        "元" => 1.0,
        "千元" => 1e3,
        "万元" | "万" => 1e4,
        "亿元" | "亿" => 1e8,
        _ => return None,
    })
}

/// Only ASCII digits and points, at least one: text that `norm_value` leaves as it is.
fn plain_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// An amount cell in the document's amount unit: "29.31", "29.31万元", "293,100元", or in
/// Chinese numerals ("三百万", "三百万元", "二十九点三一"). `None` when it is not a number in a
/// money form (words, scientific notation, two numbers).
pub(crate) fn amount(text: &str, doc_unit: &str) -> Option<f64> {
    // A bare number (as YAML amounts are written: "318.48") reads as itself, in the document's
    // unit, without folding a copy of it: what follows gives the same for it.
    if plain_number(text) {
        return text.parse::<f64>().ok().filter(|n| n.is_finite());
    }
    let t = crate::text::norm_value(text).replace([',', '，'], "");
    let doc = yuan(doc_unit).unwrap_or(1e4);
    let split = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == '-'))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    if split == 0 {
        // Chinese numerals, with an optional unit: a numeral with its own 万/亿 counts 元.
        let (digits, unit) = ["万元", "亿元", "元"]
            .iter()
            .find_map(|u| t.strip_suffix(u).map(|d| (d.trim_end(), Some(*u))))
            .unwrap_or((t.as_str(), None));
        let (n, magnitude) = crate::value::chinese_number(digits)?;
        return match unit {
            Some(u) => Some(n * yuan(u)? / doc),
            None if magnitude => Some(n / doc),
            None => Some(n),
        };
    }
    let n: f64 = t[..split].parse().ok().filter(|n: &f64| n.is_finite())?;
    let unit = t[split..].trim();
    if unit.is_empty() {
        Some(n)
    } else {
        Some(n * yuan(unit)? / doc)
    }
}

fn b006(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let max = ctx.data.budget.amount_max;
    // Each amount in its own unit: the budget's, or the one its label names.
    for (label, f, unit) in p.budget.amounts(ctx.amount_unit) {
        let Some(f) = f.as_ref().filter(|f| !f.is_blank()) else {
            continue;
        };
        let wan = yuan(unit).unwrap_or(1e4) / 1e4;
        let cell = quoted(f);
        let finding = match amount(&f.text, unit) {
            None => Finding::project(
                FieldKind::Budget,
                f.span,
                format!("{label}“{cell}”不是可识别的金额"),
            )
            .help(format!(
                "请填写数字（单位{}），如“29.31”；也可写“29.31万元”“293100元”或“二十九万元”",
                unit
            )),
            Some(n) if n < 0.0 => {
                Finding::project(FieldKind::Budget, f.span, format!("{label}“{cell}”是负数"))
                    .help("预算金额不能为负数，请核对")
            }
            Some(n) if n * wan > max => Finding::project(
                FieldKind::Budget,
                f.span,
                format!(
                    "{label}“{cell}”{}大得不合常理（合{}万元，超过{}万元）",
                    unit,
                    fmt_amount(n * wan),
                    fmt_amount(max)
                ),
            )
            .help(format!(
                "请核对金额和单位（金额单位为{}）：是不是把元当成了万元，或多写了几位",
                unit
            )),
            Some(_) => continue,
        };
        out.push(finding);
    }
}

/// An amount in unit `from` written in unit `to` (“1681680” 元 → “168.168” 万元); `None` when
/// the text is no amount or a unit is unknown.
pub(crate) fn converted(text: &str, from: &str, to: &str) -> Option<String> {
    let n = amount(text, from)?;
    Some(fmt_amount(n * yuan(from)? / yuan(to)?))
}

pub(crate) fn fmt_amount(n: f64) -> String {
    let s = format!("{n:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn b001(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let b = &p.budget;
    let Some(total_f) = b.total.as_ref().filter(|f| !f.is_blank()) else {
        return; // C001
    };
    let Some(total) = amount(&total_f.text, ctx.amount_unit) else {
        return;
    };
    // A part whose label names a unit of its own (“其中：财政资金（万元）” under “年度预算安排
    // （元）”) is compared in the budget's.
    let [_, (_, fiscal, fiscal_unit), other] = b.amounts(ctx.amount_unit);
    // A 自评表's 上年结转资金 is a part too (in the budget's unit), and so is each level's
    // 财政资金 (中央资金, 省级资金 …) when the table has no 财政资金 of its own.
    let budget_unit = b.unit_or(ctx.amount_unit);
    let by_level = b
        .fiscal_by_level()
        .iter()
        .map(|(l, f)| (l.as_str(), f, budget_unit));
    let parts: Vec<(&str, &Field, f64, &str)> = [("财政资金", fiscal, fiscal_unit)]
        .into_iter()
        .filter_map(|(l, f, u)| Some((l, f.as_ref()?, u)))
        .chain(by_level)
        .chain(
            [other, ("上年结转资金", &b.carryover, budget_unit)]
                .into_iter()
                .filter_map(|(l, f, u)| Some((l, f.as_ref()?, u))),
        )
        .filter_map(|(l, f, unit)| {
            let f = Some(f).filter(|f| !f.is_blank())?;
            let f = Some(f).filter(|f| !f.is_blank())?;
            let n = amount(&f.text, unit)?;
            let n = if unit == ctx.amount_unit {
                n
            } else {
                n * yuan(unit)? / yuan(ctx.amount_unit)?
            };
            Some((l, f, n, unit))
        })
        .collect();
    if parts.is_empty() {
        return;
    }
    let sum: f64 = parts.iter().map(|(_, _, n, _)| n).sum();
    if (sum - total).abs() <= ctx.data.budget.tolerance + 1e-9 {
        return;
    }
    // Amounts in two units name them: “……之和1681690元不符（财政资金“168.169”万元）”.
    let mixed = parts.iter().any(|(_, _, _, u)| *u != ctx.amount_unit);
    let in_unit = |u: &str| if mixed { u.to_string() } else { String::new() };
    let detail: Vec<String> = parts
        .iter()
        .map(|(l, f, _, u)| format!("{l}“{}”{}", quote(f), in_unit(u)))
        .collect();
    let missing = if parts.len() < 2 {
        "；未填的一项按未给出处理，如有其他资金请填上"
    } else {
        ""
    };
    out.push(
        Finding::project(
            FieldKind::Budget,
            total_f.span,
            format!(
                "预算数“{}”{}与资金来源之和{}{}不符（{}）{missing}",
                quote(total_f),
                in_unit(ctx.amount_unit),
                fmt_amount(sum),
                in_unit(ctx.amount_unit),
                detail.join(" + ")
            ),
        )
        .help(
            if parts
                .iter()
                .any(|(l, ..)| !matches!(*l, "财政资金" | "其他资金" | "上年结转资金"))
            {
                "请核对各项金额，使预算数等于表中各项资金来源之和"
            } else if b.carryover.is_some() {
                "请核对各项金额，使预算数等于财政资金、上年结转资金与其他资金之和"
            } else {
                "请核对各项金额，使预算数等于财政资金与其他资金之和"
            },
        ),
    );
}

fn b002(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([0-9０-９]+(?:\.[0-9０-９]+)?)(亿元|万元|千元|元|亿|万)")
            .expect("amount pattern")
    });
    let (Some(name), Some(total_f)) = (&p.name, p.budget.total.as_ref().filter(|f| !f.is_blank()))
    else {
        return;
    };
    let Some(total) = amount(&total_f.text, ctx.amount_unit) else {
        return;
    };
    let doc = yuan(ctx.amount_unit).unwrap_or(1e4);
    let mut found: Vec<(Span, f64, String)> = Vec::new();
    // Traditional characters folded (萬 → 万); offsets stay those of the name as written.
    let folded = crate::text::fold(&name.text);
    for c in AMOUNT.captures_iter(&folded) {
        let whole = c.get(0).expect("match");
        // "3万亩", "2万人": not money.
        let next = folded[whole.end()..].chars().next();
        if c[2].len() == 3 /* 万 or 亿 alone */
            && next.is_some_and(|ch| "亩人户株吨平方米公里千头只个套台册份次场名".contains(ch))
        {
            continue;
        }
        // Full-width digits (１００万元) read as the digits they are.
        let digits: String = c[1].chars().map(crate::text::fold_width).collect();
        let (Ok(n), Some(f)) = (digits.parse::<f64>(), yuan(&c[2])) else {
            continue;
        };
        // The amount's own span where the name stands in the source as written (an escape in a
        // quoted name shifts the offsets: then the whole name).
        let span = name.sub_span(whole.start(), whole.end());
        found.push((
            span,
            n * f / doc,
            name.text[whole.start()..whole.end()].to_string(),
        ));
    }
    let tol = ctx.data.budget.tolerance + 1e-9;
    if found.is_empty() || found.iter().any(|(_, n, _)| (n - total).abs() <= tol) {
        return;
    }
    let (span, _, text) = found.last().expect("non-empty");
    let span = if name.span.end >= span.end {
        *span
    } else {
        name.span
    };
    out.push(
        Finding::project(
            FieldKind::Name,
            span,
            format!(
                "项目名称中的金额“{text}”与预算数“{}”{}不符",
                quote(total_f),
                ctx.amount_unit
            ),
        )
        .help("请核对预算数，或从名称中去掉过时的金额"),
    );
}

fn b005(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let Some(total_f) = p.budget.total.as_ref().filter(|f| !f.is_blank()) else {
        return;
    };
    let Some(total) = amount(&total_f.text, ctx.amount_unit) else {
        return;
    };
    let doc = yuan(ctx.amount_unit).unwrap_or(1e4);
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let is_cost = ctx.class1(ind) == Some(Class1::Cost)
            || ctx.class2(ind).is_some_and(|c| c.is_cost())
            || ctx.name(&name_f.text).contains("成本");
        if !is_cost {
            continue;
        }
        let v = ctx.value(k);
        let Value::Number { number, .. } = v else {
            continue;
        };
        let unit = super::values::unit_of(ctx, ind, v);
        let Some(f) = unit.as_deref().and_then(yuan) else {
            continue; // not money, or a unit cost such as 元/人
        };
        let cost = number * f / doc;
        if cost <= total + ctx.data.budget.tolerance + 1e-9 {
            continue;
        }
        let cell = value_quoted(ind);
        out.push(
            Finding::row(
                k,
                FieldKind::Value,
                value_span(ind),
                format!(
                    "成本指标“{}”的“{cell}”（合{}{}）超过了项目预算数“{}”{}",
                    quote(name_f),
                    fmt_amount(cost),
                    ctx.amount_unit,
                    quote(total_f),
                    ctx.amount_unit
                ),
            )
            .help("成本不可能超过全部预算，请检查单位（元与万元）或改写为单位成本"),
        );
    }
}

/// A schedule cell as a percentage: "25", "25.00", "25%".
fn percent(s: &str) -> Option<f64> {
    if plain_number(s) {
        return s.parse::<f64>().ok().filter(|n| n.is_finite());
    }
    let t = crate::text::norm_value(s);
    let t = t.strip_suffix('%').unwrap_or(&t).trim();
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Whether a schedule cell is blank: empty, or only a mark that says "nothing here" ("/",
/// "—", "无": `schedule_blank_marks`).
fn blank_cell(ctx: &Ctx, f: &Field) -> bool {
    let t = crate::text::trim(&f.text);
    t.is_empty()
        || ctx
            .data
            .budget
            .schedule_blank_marks
            .iter()
            .any(|m| m.as_str() == t)
}

/// A period's label for a message ("第2期" when the label cell is empty).
fn period_label(k: usize, q: &crate::model::Period) -> String {
    let label = quote(&q.label);
    if label.is_empty() {
        format!("第{}期", k + 1)
    } else {
        label
    }
}

/// The marks written in blank cells ("“/”"), for a message; empty when every cell is empty.
fn marks_written(ctx: &Ctx, cells: &[&crate::model::Period]) -> String {
    let mut marks: Vec<String> = Vec::new();
    for q in cells {
        let t = crate::text::trim(&q.value.text);
        if !t.is_empty() && blank_cell(ctx, &q.value) && !marks.iter().any(|m| m == t) {
            marks.push(t.to_string());
        }
    }
    marks
        .iter()
        .map(|m| format!("“{m}”"))
        .collect::<Vec<_>>()
        .join("、")
}

fn b003(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    // A 自评表 or a 部门整体 table has no spending schedule by design: nothing to ask for.
    if p.kind != crate::model::FormKind::Project {
        return;
    }
    const HOW: &str = "请按季度或月份填写累计支出百分比，如“3月底25、6月底50、9月底75、12月底100”";
    // At the project's name cell: a table's title above it is prose, not a cell of the table
    // (a .docx or .html would be located at a line of its rendered text).
    let at = p.name.as_ref().map_or(p.span, |f| f.span);
    match &p.schedule {
        // A received table without the section: its template has none (the department
        // cannot fill it in); the verdict asks for revision, not a send-back (README
        // "verdict").
        None if ctx.from_table => out.push(Finding {
            template_lacks: true,
            ..Finding::project(
                FieldKind::Schedule,
                at,
                "表中没有资金支出计划（这张表的模板没有这一栏）".into(),
            )
            .help(
                "请在表中加一栏“资金支出计划（%）”，按季度或月份填写累计支出百分比，\
                 如“3月底25、6月底50、9月底75、12月底100”",
            )
        }),
        None => out.push(
            Finding::project(FieldKind::Schedule, at, "表中没有资金支出计划".into()).help(HOW),
        ),
        Some(s) if s.periods.iter().all(|q| blank_cell(ctx, &q.value)) => {
            let labels: Vec<String> = s.periods.iter().map(|q| quote(&q.label)).collect();
            let cells: Vec<&crate::model::Period> = s.periods.iter().collect();
            let marks = marks_written(ctx, &cells);
            let what = if labels.is_empty() {
                "资金支出计划没有任何期间".to_string()
            } else if marks.is_empty() {
                format!(
                    "资金支出计划的{}个期间（{}）全部为空",
                    labels.len(),
                    labels.join("、")
                )
            } else {
                format!(
                    "资金支出计划的{}个期间（{}）全部为空（只填了{marks}）",
                    labels.len(),
                    labels.join("、")
                )
            };
            out.push(Finding::project(FieldKind::Schedule, s.span, what).help(HOW));
        }
        Some(_) => {}
    }
}

/// A schedule cell as a figure: a percentage ("25", "25.00", "25%") or an amount with a money
/// unit ("12.5万元", in the document's amount unit), and whether it carried one.
fn figure(s: &str, doc_unit: &str) -> Option<(f64, Written)> {
    if let Some(n) = percent(s) {
        let written = if crate::text::norm_value(s).ends_with('%') {
            Written::Percent
        } else {
            Written::Bare
        };
        return Some((n, written));
    }
    let t = crate::text::norm_value(s).replace([',', '，'], "");
    let digits = t.trim_end_matches(|c: char| !(c.is_ascii_digit() || c == '.'));
    if digits.is_empty() || yuan(t[digits.len()..].trim()).is_none() {
        return None;
    }
    amount(s, doc_unit)
        .filter(|n| n.is_finite())
        .map(|n| (n, Written::Money))
}

/// How a schedule cell's figure was written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    /// A bare number: a percentage, or an amount in the document's unit.
    Bare,
    /// With "%".
    Percent,
    /// With a money unit (万元, 元).
    Money,
}

/// What a schedule's figures are, as far as the figures and the budget tell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// Percentages of the budget spent by the end of each period (the form's own reading).
    CumulativePercent,
    /// Percentages of the budget spent in each period, adding up to 100 (25 each quarter).
    SharePercent,
    /// Amounts spent by the end of each period, the last one the budget (10、20、30、50 of 50).
    CumulativeAmount,
    /// Amounts spent in each period, adding up to the budget (12.5 each quarter of 50).
    ShareAmount,
    /// Amounts (written with a money unit) that reach the budget neither way.
    Amount,
}

/// The kind of plan the filled figures make; `budget` is the 预算数 in the document's unit.
fn plan_kind(figures: &[Option<(f64, Written)>], budget: Option<f64>, tol: f64) -> Plan {
    let all: Option<Vec<(f64, Written)>> = figures.iter().copied().collect();
    let Some(all) = all.filter(|a| !a.is_empty()) else {
        return if figures.iter().flatten().any(|f| f.1 == Written::Money) {
            Plan::Amount
        } else {
            Plan::CumulativePercent
        };
    };
    let nums: Vec<f64> = all.iter().map(|f| f.0).collect();
    let sum: f64 = nums.iter().sum();
    let rising = nums.windows(2).all(|w| w[0] <= w[1]);
    let money = all.iter().any(|f| f.1 == Written::Money);
    let percent = all.iter().any(|f| f.1 == Written::Percent);
    if !money {
        if nums.len() > 1
            && nums.iter().all(|n| (0.0..=100.0).contains(n))
            && (sum - 100.0).abs() < 1e-6
        {
            return Plan::SharePercent;
        }
        if rising && nums.last() == Some(&100.0) {
            return Plan::CumulativePercent;
        }
    }
    // Bare figures are amounts only when one of them cannot be a percentage (above 100): a
    // budget of 50 with 10、20、30、50 may as well be a percent plan stopping at half, and that
    // defect must not be hidden by the coincidence (the advice then asks for the unit).
    if !percent
        && (money || nums.iter().any(|&n| n > 100.0))
        && let Some(b) = budget.filter(|b| *b > 0.0)
    {
        if nums.len() > 1 && (sum - b).abs() <= tol {
            return Plan::ShareAmount;
        }
        if rising && nums.last().is_some_and(|n| (n - b).abs() <= tol) {
            return Plan::CumulativeAmount;
        }
    }
    if money && !percent {
        Plan::Amount
    } else {
        Plan::CumulativePercent
    }
}

fn b004(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let Some(s) = &p.schedule else { return };
    if s.periods.iter().all(|q| blank_cell(ctx, &q.value)) {
        return; // B003
    }
    let unit = ctx.amount_unit;
    let budget_f = p.budget.total.as_ref().filter(|f| !f.is_blank());
    let budget = budget_f.and_then(|f| amount(&f.text, unit));
    let budget_text = budget.map(|b| format!("{}{unit}", fmt_amount(b)));
    // Shares of the year's spending per period that add up to 100 (25 each quarter) are a
    // plan too, and so are amounts (万元) that reach the budget, by the last period or in all:
    // the table does not say whether its figures are cumulative or percentages, so a reading
    // that makes the plan whole is never called an error. The order and the last period are
    // checked only for a plan that is none of these.
    let figures: Vec<Option<(f64, Written)>> = s
        .periods
        .iter()
        .filter(|q| !blank_cell(ctx, &q.value))
        .map(|q| figure(&q.value.text, unit))
        .collect();
    let tol = ctx.data.budget.tolerance + 1e-9;
    let plan = plan_kind(&figures, budget, tol);
    // Bare figures read as percentages that would reach the budget as amounts (万元): the
    // advice asks for the unit, since the table cannot say which it is.
    let unit_hint = match (plan, budget) {
        (Plan::CumulativePercent | Plan::SharePercent, Some(b)) if b > 0.0 => {
            let nums: Vec<f64> = figures.iter().flatten().map(|f| f.0).collect();
            let sum: f64 = nums.iter().sum();
            let fits = (nums.len() > 1 && (sum - b).abs() <= tol)
                || (nums.windows(2).all(|w| w[0] <= w[1])
                    && nums.last().is_some_and(|n| (n - b).abs() <= tol));
            if fits && figures.iter().flatten().all(|f| f.1 == Written::Bare) {
                format!("；如果填的是支出金额，请在数字后写明单位“{unit}”")
            } else {
                String::new()
            }
        }
        _ => String::new(),
    };
    // The blank periods of a partly filled plan: one finding for all of them, with advice for
    // the kind of plan the filled periods make.
    let blanks: Vec<(usize, &crate::model::Period)> = s
        .periods
        .iter()
        .enumerate()
        .filter(|(_, q)| blank_cell(ctx, &q.value))
        .collect();
    if let Some(&(_, q0)) = blanks.first() {
        let labels: Vec<String> = blanks
            .iter()
            .map(|(k, q)| format!("“{}”", period_label(*k, q)))
            .collect();
        let cells: Vec<&crate::model::Period> = blanks.iter().map(|(_, q)| *q).collect();
        let marks = marks_written(ctx, &cells);
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("（填的是{marks}）")
        };
        let msg = if blanks.len() == 1 {
            format!("资金支出计划{}为空{marks}，其他期间却已填写", labels[0])
        } else {
            format!(
                "资金支出计划有{}个期间（{}）为空{marks}，其他期间却已填写",
                blanks.len(),
                labels.join("、")
            )
        };
        let help = match plan {
            Plan::SharePercent => "已填各期的数字合计为100，是各期的支出占比（不是累计数）：\
                                   没有支出的期间请填“0”，不要留空或只填记号"
                .to_string(),
            Plan::ShareAmount => format!(
                "已填各期的金额合计等于预算数{}，是各期的支出金额（不是累计数）：\
                 没有支出的期间请填“0”，不要留空或只填记号",
                budget_text.as_deref().unwrap_or_default()
            ),
            Plan::CumulativeAmount | Plan::Amount => format!(
                "请填写各期末的累计支出金额（{unit}）；某期没有支出的，填上一期的累计数（第一期填0）"
            ),
            Plan::CumulativePercent => {
                "请填写各期末的累计支出百分比；某期没有支出的，填上一期的累计数（第一期填0）"
                    .to_string()
            }
        };
        let mut f = Finding::project(FieldKind::Schedule, q0.value.span, msg).help(help);
        f.related = blanks[1..]
            .iter()
            .map(|(_, q)| super::RelatedCell {
                span: q.value.span,
                indicator: None,
                field: Some(FieldKind::Schedule),
                unit: None,
            })
            .collect();
        out.push(f);
    }
    let amounts = matches!(
        plan,
        Plan::CumulativeAmount | Plan::ShareAmount | Plan::Amount
    );
    let mut prev: Option<(f64, String)> = None;
    let last = s.periods.len().saturating_sub(1);
    for (k, q) in s.periods.iter().enumerate() {
        if blank_cell(ctx, &q.value) {
            continue;
        }
        let label = period_label(k, q);
        let mut push = |msg: String, help: String| {
            out.push(Finding::project(FieldKind::Schedule, q.value.span, msg).help(help));
        };
        let cell = quoted(&q.value);
        let Some((n, _)) = figure(&q.value.text, unit) else {
            push(
                format!("资金支出计划“{label}”的“{cell}”不是数字"),
                if amounts {
                    format!("应填写累计支出金额（{unit}），如“10”")
                } else {
                    "应填写累计支出百分比，如“50”".to_string()
                },
            );
            continue;
        };
        if n < 0.0 {
            push(
                format!("资金支出计划“{label}”为负数“{cell}”"),
                if amounts {
                    "支出金额不能为负数，请核对".to_string()
                } else {
                    "累计支出百分比在0到100之间".to_string()
                },
            );
        } else if amounts {
            if plan != Plan::Amount {
                // Amounts that reach the budget: any order of per-period amounts is right,
                // and a cumulative plan was found rising.
            } else if let Some((pn, plabel)) = &prev
                && n < *pn
            {
                push(
                    format!(
                        "资金支出计划按金额填写，“{label}”的“{cell}”比上一期“{plabel}”的{}还少",
                        fmt_amount(*pn)
                    ),
                    format!(
                        "请填写截至该期末的累计支出金额（逐期不减）；如果填的是各期支出金额，\
                         各期合计应等于预算数{}",
                        budget_text.as_deref().unwrap_or("")
                    ),
                );
            } else if k == last
                && let (Some(b), Some(total)) = (&budget_text, budget)
                && (n - total).abs() > ctx.data.budget.tolerance + 1e-9
            {
                push(
                    format!(
                        "资金支出计划按金额填写，最后一期“{label}”累计为“{cell}”，与预算数{b}不符"
                    ),
                    format!(
                        "累计支出金额应在最后一期达到预算数{b}（如果填的是各期支出金额，各期合计应为{b}）；\
                         也可以改填累计支出百分比，最后一期为100"
                    ),
                );
            }
        } else if n > 100.0 {
            push(
                format!("资金支出计划“{label}”为“{cell}”，超过100%"),
                "累计支出百分比最多为100".to_string(),
            );
        } else if plan == Plan::SharePercent {
            // A plan of per-period shares: any order is right.
        } else if let Some((pn, plabel)) = &prev
            && n < *pn
        {
            push(
                format!(
                    "资金支出计划是累计百分比，“{label}”的“{cell}”比上一期“{plabel}”的{pn}还少"
                ),
                format!(
                    "请填写截至该期末的累计数（逐期不减）；如果填的是各期支出占比，各期合计应为100{unit_hint}"
                ),
            );
        } else if k == last && n != 100.0 {
            push(
                format!("资金支出计划最后一期“{label}”为“{cell}”，没有达到100%"),
                format!(
                    "累计支出应在最后一期达到100（如果填的是各期支出占比，各期合计应为100），\
                     未支出部分请说明原因或调整预算{unit_hint}"
                ),
            );
        }
        prev = Some((n, label));
    }
}
