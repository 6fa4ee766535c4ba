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
            yields_to: &[],
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
            data: &[
                "restate_similarity",
                "restate_verbs",
                "restate_modifiers",
                "restate_tails",
            ],
            yields_to: &[],
            check: Check::Project(g002),
        },
        Rule {
            code: "G003",
            name: "goal-unmeasurable",
            title: "绩效目标未细化量化",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "绩效目标的每一句都没有数字、日期或期限、有数量或有范围的对象（2000名农户、\
                       全县60岁以上老人、建档立卡户；只写农民、群众、企业不算）或具体地名。\
                       空的绩效目标由 C001 报告。",
                why: "“绩效目标不明确、未细化量化”是审核中退回目标表最常见的理由（财预〔2015〕88号\
                      要求目标“细化、量化”）。只有口号的目标无法在年终对照考核。",
                bad: "项目名称: 农业产业发展\n绩效目标: [促进农业发展，提高农民收入，取得良好社会效益]",
                good: "项目名称: 农业产业发展\n绩效目标: [2025年底前在五桂镇新建高标准农田2000亩，带动300户农户增收]",
            },
            data: &[
                "deadline_words",
                "scope_words",
                "population_words",
                "delimited_populations",
            ],
            yields_to: &[],
            check: Check::Project(g003),
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
/// A goal without the wrapping a restated name carries: years, action verbs in front, stock
/// modifiers, stock tails ("完成农村公路日常养护及危桥改造项目" → "农村公路日常养护及危桥改造").
fn unwrap_goal(n: &str, g: &crate::data::GoalsData) -> String {
    use std::sync::LazyLock;
    static YEAR: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"[0-9０-９]{4}年(?:度)?").expect("year"));
    let mut t = YEAR.replace_all(n, "").into_owned();
    loop {
        let before = t.len();
        for v in &g.restate_verbs {
            if let Some(rest) = t.strip_prefix(v.as_str()) {
                t = rest.to_string();
            }
        }
        for tail in &g.restate_tails {
            if let Some(rest) = t.strip_suffix(tail.as_str())
                && !rest.is_empty()
            {
                t = rest.to_string();
            }
        }
        if t.len() == before {
            break;
        }
    }
    for m in &g.restate_modifiers {
        // (Tested first: replacing copies the text even when the modifier is absent.)
        if t.contains(m.as_str()) {
            t = t.replace(m.as_str(), "");
        }
    }
    t
}

/// Whether at least the share `min` of `goal`'s characters stand in `reference` as runs of two
/// or more. Stops at the first character left over that puts the share out of reach (most goals
/// restate nothing, and searching every run of them was most of G002's time).
fn covers(goal: &str, reference: &str, min: f64) -> bool {
    // Byte offsets of the characters, and the end.
    let at: Vec<usize> = goal
        .char_indices()
        .map(|(i, _)| i)
        .chain([goal.len()])
        .collect();
    let n = at.len() - 1;
    if n < 2 {
        return 0.0 >= min;
    }
    let mut covered = 0;
    let mut missed = 0;
    let mut i = 0;
    while i < n {
        // The longest run from i that the reference holds.
        let mut best = 0;
        for len in 2..=n - i {
            if reference.contains(&goal[at[i]..at[i + len]]) {
                best = len;
            } else {
                break;
            }
        }
        if best >= 2 {
            covered += best;
            i += best;
        } else {
            // The share is at most (n − missed) / n from here on.
            missed += 1;
            if ((n - missed) as f64 / n as f64) < min {
                return false;
            }
            i += 1;
        }
    }
    covered as f64 / n as f64 >= min
}

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
    let g = &ctx.data.goals;
    let min = g.restate_similarity;
    let mut which = Vec::new();
    for line in &goal_lines {
        let n = normalize(&line.text);
        let core = unwrap_goal(&n, g);
        let matched: Vec<&str> = refs
            .iter()
            .filter(|(_, r)| {
                // The edit distance is at least the difference of the lengths: texts whose
                // lengths differ that much are not similar (a cheap test before the distance).
                let (a, b) = (n.chars().count(), r.chars().count());
                (a.min(b) as f64 + 1e-9 >= min * a.max(b) as f64 && similarity(&n, r) >= min)
                    || covers(&core, r, min)
            })
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

/// What makes a goal line measurable, if anything: a number, a date or deadline, a counted or
/// delimited population, a named place.
fn measurable(line: &str, g: &crate::data::GoalsData) -> Option<String> {
    use std::sync::LazyLock;
    // Leading numbering ("1.", "1、", "（一）", "目标1：") is no number of the goal.
    static NUMBERING: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^\s*(?:目标\s*[0-9０-９]+\s*[:：.、]?|[(（]?[0-9０-９一二三四五六七八九十]+[)）]|[0-9０-９一二三四五六七八九十]+[、.．:：]|[①-⑳])",
        )
        .expect("numbering")
    });
    let t = crate::text::fold(line);
    let body = NUMBERING.replace(t.trim(), "");
    if let Some(d) = body
        .chars()
        .find(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
    {
        return Some(format!("数字{d}"));
    }
    // Chinese numerals counting something ("三所学校", "两个村"), not the article "一个".
    let chars: Vec<char> = body.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if "两二三四五六七八九十百千万".contains(*c)
            && let Some(next) = chars.get(i + 1)
            && g.measure_words.contains(*next)
        {
            return Some(format!("{c}{next}"));
        }
    }
    if let Some(w) = g
        .deadline_words
        .iter()
        .chain(&g.zero_targets)
        .find(|w| body.contains(w.as_str()))
    {
        return Some(w.clone());
    }
    if let Some(w) = g
        .delimited_populations
        .iter()
        .find(|w| body.contains(w.as_str()))
    {
        return Some(w.clone());
    }
    for s in &g.scope_words {
        if let Some(i) = body.find(s.as_str()) {
            let after: String = body[i + s.len()..].chars().take(10).collect();
            if g.population_words
                .iter()
                .any(|p| after.contains(p.as_str()))
            {
                return Some(s.clone());
            }
        }
    }
    crate::places::find(&body).map(str::to_string)
}

fn g003(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let goal_lines = lines(p);
    if goal_lines.is_empty() {
        return; // C001
    }
    let g = &ctx.data.goals;
    if goal_lines.iter().any(|l| measurable(&l.text, g).is_some()) {
        return;
    }
    let first = goal_lines[0];
    let last = goal_lines[goal_lines.len() - 1];
    out.push(
        Finding::project(
            FieldKind::Goals,
            crate::source::Span::new(first.span.start, last.span.end.max(first.span.start)),
            format!(
                "绩效目标“{}”没有细化量化：没有数量、时间、明确的对象或地点",
                quote(first)
            ),
        )
        .help(match own_target(ctx, p) {
            // The project's own 数量 target makes the example (a goal sums up the indicators).
            Some((name, value)) => format!(
                "请写明做多少、何时完成、惠及谁、在哪里，可以把本项目的产出目标写进去，\
                 如“年内{name}达到{value}”"
            ),
            // Else a 数量 indicator of the project's field from the library.
            None => match super::relevance::library_count(ctx, p).and_then(|e| {
                let value = strip_comparison(e.example);
                (!value.is_empty() && !e.unit.contains(['%', '％', '元']))
                    .then_some((e.name, value))
            }) {
                Some((name, value)) => {
                    format!("请写明做多少、何时完成、惠及谁、在哪里，如“年内{name}达到{value}”")
                }
                None => "请写明做多少、何时完成、惠及谁、在哪里，\
                         如“2025年底前为全县1.2万名60岁以上老人按月发放高龄津贴，发放准确率100%”"
                    .into(),
            },
        }),
    );
}

/// A target without its comparison (“≥300人次” → “300人次”).
fn strip_comparison(value: &str) -> &str {
    value
        .trim_start_matches(['≥', '≤', '>', '<', '=', '＞', '＜', '＝'])
        .trim_start_matches(|c: char| "不少于不低于不超过不高于大于小于等于约".contains(c))
        .trim()
}

/// The first 数量 indicator of the project with a number and a unit of count (“培训人数 |
/// ≥500人次”; not a rate or money): its name and its value without the comparison (“培训人数”,
/// “500人次”).
fn own_target(ctx: &Ctx, p: &Project) -> Option<(String, String)> {
    p.indicators.iter().enumerate().find_map(|(k, ind)| {
        if ctx.class2(ind) != Some(crate::model::Class2::Quantity) {
            return None;
        }
        // A count of what is done (人次, 公里, 场), not a rate or an amount of money.
        let crate::value::Value::Number {
            unit: Some(unit), ..
        } = ctx.value(k)
        else {
            return None;
        };
        if unit.contains(['%', '％', '元']) {
            return None;
        }
        let name = quote(ind.level3.as_ref()?);
        // A row's numbering (“指标1:”, “1.”) is no part of its name.
        let bare = name.strip_prefix("指标").unwrap_or(&name);
        let name = if bare.starts_with(|c: char| c.is_ascii_digit()) {
            bare.trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches([':', '：', '.', '．', '、', ' '])
                .to_string()
        } else {
            name.clone()
        };
        let value = quote(ind.value.as_ref()?);
        let value = strip_comparison(&value);
        (!name.is_empty() && !value.is_empty() && name.chars().count() <= 20)
            .then(|| (name, value.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurable_goals() {
        let g = &crate::data::RuleData::embedded().goals;
        for yes in [
            "落实39户特色种养业奖补政策",
            "按月及时足额发放在职村社干部的工资",
            "为全县60岁以上老人发放高龄津贴",
            "为建档立卡扶贫户解决临时性的困难",
            "提升六安城市的知名度",
            "新建三所学校",
            "2025年底前完成",
            "全年无重大森林火灾",
        ] {
            assert!(measurable(yes, g).is_some(), "{yes}");
        }
        for no in [
            "促进农业发展，提高农民收入，取得良好社会效益",
            "按时完成各项工作任务，确保资金安全",
            "1.维修审判大楼玻璃幕墙等，消除外延脱落安全隐患。",
            "目标1:维护辖区各安置小区安全巡逻、环境卫生及物业日常管理",
            "确保每一个学生都能享受到国家政策福利",
            "发挥科技特派员创业带头人作用。",
        ] {
            assert_eq!(measurable(no, g), None, "{no}");
        }
    }

    #[test]
    fn wrapped_names_are_unwrapped() {
        let g = &crate::data::RuleData::embedded().goals;
        let name = normalize("农村公路日常养护及危桥改造");
        for goal in [
            "完成农村公路日常养护及危桥改造项目",
            "做好农村公路日常养护及危桥改造工作",
            "按时完成2025年度农村公路日常养护及危桥改造任务",
        ] {
            let core = unwrap_goal(&normalize(goal), g);
            assert!(covers(&core, &name, 0.8), "{goal} → {core}");
        }
        let core = unwrap_goal(&normalize("完成农村公路日常养护320公里、危桥改造6座"), g);
        assert!(!covers(&core, &name, 0.8), "{core}");
    }

    #[test]
    fn similarity_of_restated_goals() {
        assert!(similarity("社保局指纹认证2万元", "社保局指纹认证2万") >= 0.9);
        assert!(similarity("完成全县指纹认证认证率98%", "社保局指纹认证2万") < 0.8);
    }
}
