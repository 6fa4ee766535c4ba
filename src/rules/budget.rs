//! B — budget and schedule (匹配性).

use super::{Ctx, Finding, Rule, RuleDoc, Severity, quote};
use crate::model::Project;

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            code: "B003",
            name: "schedule-missing",
            title: "缺少资金支出计划",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "表中有“资金支出计划”但每个期间都是空的，或者表中根本没有资金支出计划。",
                why: "预算执行进度与绩效目标要“双监控”（中发〔2018〕34号）：没有支出计划，\
                      就无法判断资金是否按序时进度使用。",
                bad: "资金支出计划（%） | 3月底：（空） | 6月底：（空） | 10月底：（空） | 12月底：（空）",
                good: "资金支出计划（%） | 3月底：25 | 6月底：50 | 10月底：75 | 12月底：100",
            },
            check: b003,
        },
        Rule {
            code: "B004",
            name: "schedule-invalid",
            title: "资金支出计划不合理",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "资金支出计划中：某期不是数字、为负数或超过100；累计进度比上一期减少；\
                       或最后一期不是100%。只填了一部分期间时，空着的期间也报告。",
                why: "资金支出计划是按期累计的百分比，应逐期不减并在最后一期达到100%，\
                      否则表示计划未做完或填错了列。",
                bad: "3月底：50 | 6月底：25 | 10月底：75 | 12月底：90",
                good: "3月底：25 | 6月底：50 | 10月底：75 | 12月底：100",
            },
            check: b004,
        },
    ]
}

/// A schedule cell as a percentage: "25", "25.00", "25%".
fn percent(s: &str) -> Option<f64> {
    let t = crate::value::normalize(s);
    let t = t.strip_suffix('%').unwrap_or(&t).trim();
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn b003(_ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    const HOW: &str = "请按季度或月份填写累计支出百分比，如“3月底25、6月底50、9月底75、12月底100”";
    match &p.schedule {
        None => out.push(Finding::project(
            "schedule",
            p.span,
            format!("表中没有资金支出计划：{HOW}"),
        )),
        Some(s) if s.periods.iter().all(|q| q.value.is_blank()) => {
            let labels: Vec<String> = s.periods.iter().map(|q| quote(&q.label)).collect();
            let what = if labels.is_empty() {
                "资金支出计划没有任何期间".to_string()
            } else {
                format!(
                    "资金支出计划的{}个期间（{}）全部为空",
                    labels.len(),
                    labels.join("、")
                )
            };
            out.push(Finding::project(
                "schedule",
                s.span,
                format!("{what}：{HOW}"),
            ));
        }
        Some(_) => {}
    }
}

fn b004(_ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let Some(s) = &p.schedule else { return };
    if s.periods.iter().all(|q| q.value.is_blank()) {
        return; // B003
    }
    let mut prev: Option<(f64, String)> = None;
    let last = s.periods.len().saturating_sub(1);
    for (k, q) in s.periods.iter().enumerate() {
        let label = quote(&q.label);
        let label = if label.is_empty() {
            format!("第{}期", k + 1)
        } else {
            label
        };
        let mut push = |msg: String| {
            out.push(Finding::project("schedule", q.value.span, msg));
        };
        if q.value.is_blank() {
            push(format!(
                "资金支出计划“{label}”为空，其他期间却已填写：请填写该期末的累计支出百分比"
            ));
            continue;
        }
        let cell = quote(&q.value);
        let Some(n) = percent(&q.value.text) else {
            push(format!(
                "资金支出计划“{label}”的“{cell}”不是数字：应填写累计支出百分比，如“50”"
            ));
            continue;
        };
        if n < 0.0 {
            push(format!(
                "资金支出计划“{label}”为负数“{cell}”：累计支出百分比在0到100之间"
            ));
        } else if n > 100.0 {
            push(format!(
                "资金支出计划“{label}”为“{cell}”，超过100%：累计支出百分比最多为100"
            ));
        } else if let Some((pn, plabel)) = &prev
            && n < *pn
        {
            push(format!(
                "资金支出计划是累计百分比，“{label}”的“{cell}”比上一期“{plabel}”的{pn}还少：\
                 请填写截至该期末的累计数（逐期不减）"
            ));
        } else if k == last && n != 100.0 {
            push(format!(
                "资金支出计划最后一期“{label}”为“{cell}”，没有达到100%：\
                 累计支出应在最后一期达到100，未支出部分请说明原因或调整预算"
            ));
        }
        prev = Some((n, label));
    }
}
