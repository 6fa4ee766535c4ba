//! V — values (可衡量、适当性).

use super::{Ctx, Finding, Rule, RuleDoc, Severity, norm_name, quote, value_span};
use crate::data::{RuleData, UnitKind};
use crate::model::{Indicator, Project};
use crate::value::{Op, Value, parse};

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            code: "V001",
            name: "rate-over-100",
            title: "比率超过100%",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "名称以“率”结尾（满意率、合格率、覆盖率、优良率、及时率……）或是满意度的指标，\
                       目标值超过100、写作“≥100”“>100”，或为负数。增长率、完成率、节支率等\
                       可以超过100%的比率不在此列（名单见 rules/values.yaml）。",
                why: "部分占整体的比例最多是100%。“≥100%”只有恰好等于100时才能达到，\
                      说明填表人没有想清楚目标；超过100%则根本不可能实现。",
                bad: "满意度指标 | 服务对象满意度指标 | 网络评估满意率 | ≥100",
                good: "满意度指标 | 服务对象满意度指标 | 培训学员满意率 | ≥90%",
            },
            check: v001,
        },
        Rule {
            code: "V002",
            name: "satisfaction-unrealistic",
            title: "满意度目标不切实际",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "满意度（满意率）目标设为99%及以上（=100、100、≥99……），且V001未报告。\
                       阈值见 rules/values.yaml 的 satisfaction_max。",
                why: "满意度来自问卷调查，总会有不满意的人，100%的满意度几乎不可能，\
                      评价时要么造假要么失分。公开的绩效目标表普遍设为≥90%，也有≥85%、≥95%。",
                bad: "满意度指标 | 服务对象满意度指标 | 群众满意度 | 100",
                good: "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90%",
            },
            check: v002,
        },
        Rule {
            code: "V003",
            name: "unit-missing",
            title: "指标值缺少计量单位",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "指标值是数字，但数字后没有单位，表中也没有填写计量单位。",
                why: "“≥90”可以是90%、90人、90分，读者无法判断；评价时也无从比对实际完成值。",
                bad: "产出指标 | 质量指标 | 优良率 | ≥90",
                good: "产出指标 | 质量指标 | 验收合格率 | ≥90%",
            },
            check: v003,
        },
    ]
}

/// A share of a whole: the name ends in a bounded suffix (率, 满意度 …) and is not one of the
/// unbounded ratios (增长率, 完成率 …).
pub(crate) fn is_bounded_rate(name: &str, data: &RuleData) -> bool {
    let v = &data.values;
    v.bounded_rate_suffixes
        .iter()
        .any(|s| name.ends_with(s.as_str()))
        && !is_unbounded_rate(name, data)
}

fn is_unbounded_rate(name: &str, data: &RuleData) -> bool {
    data.values
        .unbounded_rates
        .iter()
        .any(|s| name.ends_with(s.as_str()))
}

fn is_satisfaction(name: &str, data: &RuleData) -> bool {
    data.values
        .satisfaction_words
        .iter()
        .any(|w| name.contains(w.as_str()))
}

/// The parsed value of a row, with the unit taken from the unit column when the value has none.
fn parsed(ctx: &Ctx, ind: &Indicator) -> Value {
    let text = ind.value.as_ref().map(|f| f.text.as_str()).unwrap_or("");
    parse(text, &ctx.data.units, &ctx.data.values.qualitative_words)
}

fn unit_of(ind: &Indicator, v: &Value) -> Option<String> {
    v.unit().map(str::to_string).or_else(|| {
        ind.unit
            .as_ref()
            .filter(|u| !u.is_blank())
            .map(|u| crate::value::normalize(&u.text))
    })
}

fn is_percent_or_none(ctx: &Ctx, unit: &Option<String>) -> bool {
    match unit {
        None => true,
        Some(u) => ctx.data.units.kind(u) == Some(UnitKind::Percent) && u != "‰",
    }
}

/// Whether V001 reports this value on a bounded rate.
fn over_100(v: &Value) -> Option<&'static str> {
    match *v {
        Value::Number { op, number, .. } => {
            if number < 0.0 {
                Some("negative")
            } else if matches!(op, Some(Op::Le | Op::Lt)) {
                None
            } else if number > 100.0 {
                Some("over")
            } else if number == 100.0 && matches!(op, Some(Op::Ge | Op::Gt)) {
                Some(if op == Some(Op::Gt) { "gt100" } else { "ge100" })
            } else {
                None
            }
        }
        Value::Range { low, high, .. } => {
            if low < 0.0 {
                Some("negative")
            } else if high > 100.0 {
                Some("over")
            } else {
                None
            }
        }
        _ => None,
    }
}

fn v001(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let name = norm_name(&name_f.text);
        if !is_bounded_rate(&name, ctx.data) {
            continue;
        }
        let v = parsed(ctx, ind);
        let unit = unit_of(ind, &v);
        if !is_percent_or_none(ctx, &unit) {
            continue;
        }
        let Some(kind) = over_100(&v) else { continue };
        let cell = ind.value.as_ref().map(quote).unwrap_or_default();
        let advice = if is_satisfaction(&name, ctx.data) {
            "满意度类指标一般设为“≥90%”"
        } else {
            "请按历史完成情况设定可实现的目标，如“≥95%”；政策规定必须全部达到的，写作“=100%”"
        };
        let msg = match kind {
            "ge100" => format!(
                "“{}”是比率，最多为100%：“{cell}”只有恰好等于100时才能达到，应写作“=100%”，或设为可实现的值；{advice}",
                quote(name_f)
            ),
            "gt100" => format!(
                "“{}”是比率，不可能超过100%：“{cell}”无法实现；{advice}",
                quote(name_f)
            ),
            "negative" => format!(
                "“{}”是比率，不能为负数：“{cell}”无法实现；{advice}",
                quote(name_f)
            ),
            _ => format!(
                "“{}”是比率，不可能超过100%：目标值“{cell}”无法实现；{advice}",
                quote(name_f)
            ),
        };
        out.push(Finding::row(k, "value", value_span(ind), msg));
    }
}

fn v002(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let max = ctx.data.values.satisfaction_max;
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let name = norm_name(&name_f.text);
        if !is_satisfaction(&name, ctx.data) {
            continue;
        }
        let v = parsed(ctx, ind);
        let unit = unit_of(ind, &v);
        if !is_percent_or_none(ctx, &unit) {
            continue;
        }
        // V001 already reports impossible values on bounded rates.
        if is_bounded_rate(&name, ctx.data) && over_100(&v).is_some() {
            continue;
        }
        let high = match v {
            Value::Number { op, number, .. } => {
                !matches!(op, Some(Op::Le | Op::Lt)) && number >= max && number <= 100.0
            }
            Value::Range { low, .. } => low >= max,
            _ => false,
        };
        if !high {
            continue;
        }
        let cell = ind.value.as_ref().map(quote).unwrap_or_default();
        out.push(Finding::row(
            k,
            "value",
            value_span(ind),
            format!(
                "满意度目标“{cell}”不切实际：“{}”来自问卷调查，总有人不满意，{max}%以上几乎不可能达到；\
                 建议设为“≥90%”（公开的绩效目标表常见≥85%至≥95%）",
                quote(name_f)
            ),
        ));
    }
}

fn v003(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let v = parsed(ctx, ind);
        if !v.is_numeric() || v.unit().is_some() {
            continue;
        }
        if ind.unit.as_ref().is_some_and(|u| !u.is_blank()) {
            continue;
        }
        let cell = ind.value.as_ref().map(quote).unwrap_or_default();
        let name = norm_name(&name_f.text);
        let fix = if name.ends_with('率')
            || is_bounded_rate(&name, ctx.data)
            || is_unbounded_rate(&name, ctx.data)
        {
            "这是比例类指标，请在数值后加“%”，如“≥90%”".to_string()
        } else {
            format!("请在数值后写明单位（如“{cell}人”“{cell}个”“{cell}%”），或填写计量单位")
        };
        let where_ = if p.has_unit_column {
            "，计量单位也未填写"
        } else {
            "，表中也没有计量单位栏"
        };
        out.push(Finding::row(
            k,
            "value",
            value_span(ind),
            format!(
                "“{}”的指标值“{cell}”没有计量单位{where_}：读者无法判断是百分比、人数还是分数。{fix}",
                quote(name_f)
            ),
        ));
    }
}
