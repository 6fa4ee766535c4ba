//! G — goals (目标).

use std::collections::BTreeMap;

use super::{Check, Ctx, Finding, Rule, RuleDoc, Severity, quote};
use crate::model::{Field, FieldKind, Project};
use crate::text::norm_goal as normalize;

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            code: "G001",
            name: "goal-duplicate",
            title: "绩效目标重复",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "绩效目标中同一句话出现两次（去掉“1、”“（一）”等编号和标点后比较）。报告在\
                       后一句。",
                why: "重复的目标是复制粘贴留下的，说明目标没有认真写。",
                bad: "项目名称: 国企退休教师生活补贴\n绩效目标:\n  - 1、支付国企退休教师生活补助\n  - 2、支付国企退休教师生活补助",
                good: "项目名称: 国企退休教师生活补贴\n绩效目标:\n  - 1、按月足额发放补助，覆盖全部符合条件的退休教师\n  - 2、发放准确率100%，对象满意度≥90%",
            },
            data: &[],
            check: Check::Project(g001),
        },
        Rule {
            code: "G002",
            name: "goal-restates-name",
            title: "绩效目标照抄项目名称或资金用途",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "绩效目标的每一句都（几乎）就是项目名称或资金用途（相似度不低于 \
                       restate_similarity）。空的绩效目标由 C001 报告。",
                why: "绩效目标要说明钱花出去之后达到什么效果（产出多少、效益如何），\
                      而不是把钱用在哪里再说一遍。",
                bad: "项目名称: 社保局指纹认证2万\n绩效目标: [社保局指纹认证2万元]",
                good: "项目名称: 社保局指纹认证2万\n绩效目标: [完成全县约1.2万名领取待遇人员的年度指纹认证，认证率≥98%，冒领待遇追回率100%]",
            },
            data: &["restate_similarity"],
            check: Check::Project(g002),
        },
    ]
}

fn lines(p: &Project) -> Vec<&Field> {
    p.goals
        .as_ref()
        .map(|g| g.lines.iter().filter(|l| !l.is_blank()).collect())
        .unwrap_or_default()
}

fn g001(_ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (k, line) in lines(p).into_iter().enumerate() {
        let n = normalize(&line.text);
        if n.is_empty() {
            continue;
        }
        match seen.get(&n) {
            Some(&j) => out.push(
                Finding::project(
                    FieldKind::Goals,
                    line.span,
                    format!("绩效目标第{}句“{}”与第{}句重复", k + 1, quote(line), j + 1),
                )
                .help("请删除重复的一句，改写成另一项具体目标"),
            ),
            None => {
                seen.insert(n, k);
            }
        }
    }
}

/// How close a goal line is to a reference text (0–1): normalised Levenshtein, or the share
/// of the longer text covered when one contains the other.
fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (la, lb) = (a.chars().count() as f64, b.chars().count() as f64);
    let contained = if a.contains(b) || b.contains(a) {
        la.min(lb) / la.max(lb)
    } else {
        0.0
    };
    strsim::normalized_levenshtein(a, b).max(contained)
}

fn g002(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let goal_lines = lines(p);
    if goal_lines.is_empty() {
        return; // C001
    }
    let refs: Vec<(&str, String)> = [("项目名称", &p.name), ("资金用途", &p.purpose)]
        .into_iter()
        .filter_map(|(l, f)| Some((l, normalize(&f.as_ref()?.text))))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let min = ctx.data.goals.restate_similarity;
    let mut which = Vec::new();
    for line in &goal_lines {
        let n = normalize(&line.text);
        let matched: Vec<&str> = refs
            .iter()
            .filter(|(_, r)| similarity(&n, r) >= min)
            .map(|(l, _)| *l)
            .collect();
        if matched.is_empty() {
            return;
        }
        which.extend(matched);
    }
    let mut seen = Vec::new();
    which.retain(|l| {
        let new = !seen.contains(l);
        seen.push(*l);
        new
    });
    let first = goal_lines[0];
    let last = goal_lines[goal_lines.len() - 1];
    out.push(
        Finding::project(
            FieldKind::Goals,
            crate::source::Span::new(first.span.start, last.span.end.max(first.span.start)),
            format!(
                "绩效目标只是照抄了{}（“{}”）",
                which.join("和"),
                quote(first)
            ),
        )
        .help(
            "目标应说明钱花出去后达到什么效果，\
             如“按月足额发放补助，覆盖全县约2000名对象，发放准确率100%，对象满意度≥90%”",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_of_restated_goals() {
        assert!(similarity("社保局指纹认证2万元", "社保局指纹认证2万") >= 0.9);
        assert!(similarity("完成全县指纹认证认证率98%", "社保局指纹认证2万") < 0.8);
    }
}
