//! C — completeness (完整性).

use super::{Ctx, Finding, Rule, RuleDoc, Severity, quote, value_span};
use crate::model::{Project, blank};
use crate::value::{Value, parse};

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            code: "C001",
            name: "field-missing",
            title: "必填内容缺失",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "项目名称、预算数、绩效目标缺失或为空，或者表中没有任何一行有内容的绩效指标。\
                       只填了“其中：财政资金”而预算数为空，同样报告。",
                why: "这些是绩效目标表的核心内容（《中央部门预算绩效目标管理办法》完整性审核）。\
                      缺少其中任何一项，审核人无法判断钱花在什么事上、要达到什么效果。",
                bad: "绩效目标：（空）",
                good: "绩效目标：2020年按时足额发放国企退休教师生活补贴，覆盖全县XX名退休教师，发放准确率100%",
            },
            check: c001,
        },
        Rule {
            code: "C002",
            name: "value-missing",
            title: "指标值为空",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "有指标名称的指标行，指标值为空；只有单位或符号（如“公里”“≧ %”）也算空。",
                why: "没有目标值的指标无法考核，也无法在年终评价时判断是否完成。",
                bad: "产出指标 | 数量指标 | 培训人次 | （空） ",
                good: "产出指标 | 数量指标 | 培训人次 | ≥300人次",
            },
            check: c002,
        },
    ]
}

fn c001(_ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    if blank(&p.name) {
        let span = p.name.as_ref().map(|f| f.span).unwrap_or(p.span);
        out.push(Finding::project(
            "name",
            span,
            "项目名称为空：请填写项目的全称，如“社保局国企退休教师生活补贴”".into(),
        ));
    }
    if blank(&p.budget.total) {
        let span = p.budget.total.as_ref().map(|f| f.span).unwrap_or(p.span);
        let extra = match &p.budget.fiscal {
            Some(f) if !f.is_blank() => {
                format!("（“其中：财政资金”填了“{}”，但预算数本身不能空）", quote(f))
            }
            _ => String::new(),
        };
        out.push(Finding::project(
            "budget",
            span,
            format!("预算数为空{extra}：请填写项目的年度预算总额（万元），它应等于财政资金与其他资金之和"),
        ));
    }
    if p.goals.as_ref().is_none_or(|g| g.is_blank()) {
        let span = p.goals.as_ref().map(|g| g.span).unwrap_or(p.span);
        out.push(Finding::project(
            "goals",
            span,
            "绩效目标为空：请用一两句话写明项目当年要完成什么、达到什么效果，\
             如“按时足额发放补贴，覆盖全县符合条件的对象，发放准确率100%”"
                .into(),
        ));
    }
    let has_row = p.indicators.iter().any(|i| {
        [&i.level1, &i.level2, &i.level3, &i.description, &i.value]
            .into_iter()
            .any(|f| !blank(f))
    });
    if !has_row {
        let msg = if p.indicators.is_empty() {
            "没有任何绩效指标：至少应有产出指标（数量、质量、时效）、效益指标和满意度指标各一行"
        } else {
            "绩效指标各行全部为空：至少应有产出指标（数量、质量、时效）、效益指标和满意度指标各一行"
        };
        let span = p.indicators.first().map(|i| i.span).unwrap_or(p.span);
        out.push(Finding {
            message: msg.into(),
            span,
            indicator: None,
            field: None,
            severity: None,
        });
    }
}

fn c002(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let units = &ctx.data.units;
    let words = &ctx.data.values.qualitative_words;
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name) = ind.name() else { continue };
        let text = ind.value.as_ref().map(|f| f.text.as_str()).unwrap_or("");
        if parse(text, units, words) != Value::Blank {
            continue;
        }
        let what = if crate::model::is_blank(text) {
            "指标值为空".to_string()
        } else {
            format!("指标值“{}”只有符号或单位，没有数值", super::quote_str(text))
        };
        out.push(Finding::row(
            k,
            "value",
            value_span(ind),
            format!(
                "“{}”的{what}：请填写可考核的目标值，写明比较符号、数值和单位，如“≥300人次”“≥90%”“≤15个工作日”",
                quote(name)
            ),
        ));
    }
}
