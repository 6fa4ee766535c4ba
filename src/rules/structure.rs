//! S — structure (规范性): the indicator framework.

use std::collections::{BTreeMap, BTreeSet};

use super::{Check, Ctx, Finding, Rule, RuleDoc, Severity, quote};
use crate::model::{Class1, Class2, Field, FieldKind, Indicator, Project, blank};
use crate::source::Span;

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            code: "S001",
            name: "level-unknown",
            title: "指标层级名称不规范",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "一级或二级指标的名称不在指标体系及其已知别名之内（比较前去掉空格、全角、\
                       括号中的提示和末尾的“指标”）。效果指标、项目完成指标、环境效益指标等旧名\
                       或地方名称是别名，不在此列（由 S009 提示）。",
                why: "绩效目标按“产出—效益—满意度”（及成本）分类填报、评价和打分（财预〔2015〕88号、\
                      财预〔2021〕101号）。类别名称写错，评价时无法归类。",
                bad: "项目名称: 价格认定工作经费\n绩效指标:\n  - {一级指标: 项目绩效, 二级指标: 工作指标, 三级指标: 完成工作任务, 指标值: 100%}",
                good: "项目名称: 价格认定工作经费\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 完成价格认定案件数, 指标值: ≥120件}",
            },
            data: &["framework"],
            yields_to: &[],
            check: Check::Project(s001),
        },
        Rule {
            code: "S002",
            name: "level-mismatch",
            title: "二级指标与一级指标不对应",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "二级指标不属于它的一级指标：数量、质量、时效只属于产出；经济、社会、生态效益\
                       和可持续影响属于效益（或效果）；服务对象满意度属于满意度（北京式的“效果”\
                       下也可）。",
                why: "类别错位的指标在评价时会被算进错误的权重（产出50%、效益30%、满意度10%）。",
                bad: "项目名称: 困难群众救助\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 数量指标, 三级指标: 受益人数, 指标值: ≥500人}",
                good: "项目名称: 困难群众救助\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 受益人数, 指标值: ≥500人}",
            },
            data: &["framework"],
            yields_to: &[],
            check: Check::Project(s002),
        },
        Rule {
            code: "S003",
            name: "output-missing",
            title: "缺少产出指标",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "项目没有任何产出指标（或其别名，如项目完成指标）。",
                why: "产出是绩效目标的必备内容，自评中占50%的权重（财预〔2020〕10号）；\
                      没有产出指标就说不清钱买到了什么。",
                bad: "项目名称: 送戏下乡\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 群众文化活动参与人次, 指标值: ≥2万人次}\n  - {一级指标: 满意度指标, 二级指标: 服务对象满意度指标, 三级指标: 观众满意度, 指标值: ≥90%}",
                good: "项目名称: 送戏下乡\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 开展送戏下乡村数, 指标值: ≥70个}\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 群众文化活动参与人次, 指标值: ≥2万人次}",
            },
            data: &["framework"],
            yields_to: &[],
            check: Check::Project(s003),
        },
        Rule {
            code: "S004",
            name: "benefit-missing",
            title: "缺少效益指标",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "项目没有任何效益指标（或效果指标、项目效益指标）。",
                why: "效益是绩效目标的必备内容（中发〔2018〕34号），自评中占30%的权重。",
                bad: "项目名称: 惠农政策宣传\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 发放宣传资料份数, 指标值: ≥5000份}\n  - {一级指标: 满意度指标, 二级指标: 服务对象满意度指标, 三级指标: 群众满意度, 指标值: ≥90%}",
                good: "项目名称: 惠农政策宣传\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 发放宣传资料份数, 指标值: ≥5000份}\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 政策知晓率, 指标值: ≥85%}",
            },
            data: &["framework"],
            yields_to: &[],
            check: Check::Project(s004),
        },
        Rule {
            code: "S005",
            name: "quantity-missing",
            title: "产出指标缺少数量指标",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "项目有产出指标，但没有一行数量指标。",
                why: "绩效目标要按数量、质量、时效、成本细化；共性指标库中每类项目都以数量指标开头。\
                      没有数量，就不知道做了多少事。",
                bad: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 质量指标, 三级指标: 培训合格率, 指标值: ≥95%}",
                good: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 培训人次, 指标值: ≥300人次}\n  - {一级指标: 产出指标, 二级指标: 质量指标, 三级指标: 培训合格率, 指标值: ≥95%}",
            },
            data: &["framework"],
            yields_to: &[],
            check: Check::Project(s005),
        },
        Rule {
            code: "S006",
            name: "satisfaction-missing",
            title: "缺少满意度指标",
            severity: Severity::Info,
            doc: RuleDoc {
                what: "项目没有满意度指标：没有满意度类的一级或二级指标，也没有哪一行的三级指标\
                       是满意度（没有二级指标一栏的表，其“效果指标”下的“群众满意度”也算有，名单见 \
                       satisfaction_words）。\
                       项目名称或资金用途表明它服务于人（补贴、救助、服务、培训、惠民、群众、\
                       老年……，名单见 people_words）时为警告，否则为提示。",
                why: "服务对象满意度是绩效目标的内容之一（中发〔2018〕34号），直接面向群众的项目\
                      尤其应当有。纯运转保障类项目可以没有（其权重计入效益）。",
                bad: "项目名称: 高龄老人养老服务补贴\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 享受补贴人数, 指标值: ≥2000人}",
                good: "项目名称: 高龄老人养老服务补贴\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 享受补贴人数, 指标值: ≥2000人}\n  - {一级指标: 满意度指标, 二级指标: 服务对象满意度指标, 三级指标: 补贴对象满意度, 指标值: ≥90%}",
            },
            data: &["people_words", "satisfaction_words"],
            yields_to: &[],
            check: Check::Project(s006),
        },
        Rule {
            code: "S007",
            name: "indicator-duplicate",
            title: "指标重复",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "同一项目中，同一个三级指标（连同指标描述）出现两次；两次的指标值不同时为错误。\
                       报告在后一行。",
                why: "重复的指标多是复制粘贴留下的；指标值还不一样时，评价时不知以哪个为准。",
                bad: "项目名称: 送戏下乡\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 社会影响力, 指标值: ≥90}\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 社会影响力, 指标值: \"100\"}",
                good: "项目名称: 送戏下乡\n绩效指标:  # 保留一行，写明一个目标值\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 观演群众人次, 指标值: ≥2万人次}",
            },
            data: &[],
            yields_to: &[],
            check: Check::Project(s007),
        },
        Rule {
            code: "S008",
            name: "category-as-name",
            title: "三级指标名称为类别名",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "三级指标只是重复了一个类别名：数量指标、满意度、社会成本指标、服务对象满意度\
                       ……（一级、二级指标名称以及 category_names 中的词）。",
                why: "三级指标要说清楚考核的具体对象，类别名什么也没说。",
                bad: "项目名称: 司法鉴定经费\n绩效指标:\n  - {一级指标: 成本指标, 二级指标: 社会成本指标, 三级指标: 社会成本指标, 指标值: 100%}",
                good: "项目名称: 司法鉴定经费\n绩效指标:\n  - {一级指标: 成本指标, 二级指标: 经济成本指标, 三级指标: 人均鉴定成本, 指标值: ≤300元/件}",
            },
            data: &["framework", "category_names"],
            yields_to: &[],
            check: Check::Project(s008),
        },
        Rule {
            code: "S009",
            name: "legacy-level-name",
            title: "使用旧版指标体系名称",
            severity: Severity::Info,
            doc: RuleDoc {
                what: "使用了效果指标、项目完成指标、环境效益指标等旧版或地方的类别名称，\
                       现行框架称为效益指标、产出指标、生态效益指标。每个项目每个旧名称提示一次。",
                why: "旧名称仍能识别，但统一用现行名称便于汇总和比较。",
                bad: "项目名称: 惠农政策宣传\n绩效指标:\n  - {一级指标: 效果指标, 二级指标: 社会效益指标, 三级指标: 政策知晓率, 指标值: ≥85%}",
                good: "项目名称: 惠农政策宣传\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 政策知晓率, 指标值: ≥85%}",
            },
            data: &["framework"],
            yields_to: &[],
            check: Check::Project(s009),
        },
    ]
}

fn rows_with_content(p: &Project) -> bool {
    p.indicators
        .iter()
        .any(|i| i.name().is_some() || !blank(&i.value))
}

/// Each distinct cell once: merged 一级 cells filled down share their span.
fn distinct(
    p: &Project,
    get: fn(&Indicator) -> &Option<Field>,
) -> impl Iterator<Item = (usize, &Field)> {
    let mut seen = BTreeSet::new();
    p.indicators.iter().enumerate().filter_map(move |(k, i)| {
        let f = get(i).as_ref().filter(|f| !f.is_blank())?;
        seen.insert(f.span).then_some((k, f))
    })
}

fn s001(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let l1: Vec<&str> = ctx
        .data
        .framework
        .level1
        .iter()
        .filter(|(_, e)| e.legacy.is_none())
        .map(|(k, _)| k.as_str())
        .collect();
    // A template placeholder ("……", "XX指标") is C005's, when it runs.
    let placeholder =
        |f: &Field| ctx.is_enabled("C005") && super::placeholder(ctx.data, &f.text).is_some();
    for (k, f) in distinct(p, |i| &i.level1) {
        if ctx.data.level1(&ctx.name(&f.text)).is_none() && !placeholder(f) {
            out.push(
                Finding::row(
                    k,
                    FieldKind::Level1,
                    f.span,
                    if ctx.name(&f.text).is_empty() {
                        // “(50分)”: a score in brackets, the name left out.
                        format!("一级指标只写了“{}”，没有写指标名称", quote(f))
                    } else {
                        format!("一级指标“{}”不在指标体系中", quote(f))
                    },
                )
                .help(format!(
                    "一级指标应为{}",
                    l1.iter()
                        .map(|n| format!("“{n}指标”"))
                        .collect::<Vec<_>>()
                        .join("、")
                )),
            );
        }
    }
    for (k, f) in distinct(p, |i| &i.level2) {
        if ctx.data.level2(&ctx.name(&f.text)).is_none() && !placeholder(f) {
            // The 二级 names the row's 一级 may hold; every 一级's when the 一级 is unknown too.
            let help = match p.indicators[k]
                .level1
                .as_ref()
                .and_then(|l| ctx.data.level1(&ctx.name(&l.text)).map(|e| (l, e)))
            {
                Some((l, e)) => format!(
                    "“{}”下的二级指标应为{}",
                    quote(l),
                    e.level2
                        .iter()
                        .map(|n| format!("“{}指标”", n.zh()))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                None => format!(
                    "二级指标应为指标体系中的名称：{}",
                    ctx.data
                        .framework
                        .level1
                        .iter()
                        .filter(|(_, e)| e.legacy.is_none())
                        .map(|(n, e)| format!(
                            "“{n}指标”下为{}",
                            e.level2
                                .iter()
                                .map(|c| format!("“{}指标”", c.zh()))
                                .collect::<Vec<_>>()
                                .join("、")
                        ))
                        .collect::<Vec<_>>()
                        .join("；")
                ),
            };
            out.push(
                Finding::row(
                    k,
                    FieldKind::Level2,
                    f.span,
                    format!("二级指标“{}”不在指标体系中", quote(f)),
                )
                .help(help),
            );
        }
    }
}

fn s002(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let mut seen = BTreeSet::new();
    for (k, ind) in p.indicators.iter().enumerate() {
        let (Some(l1), Some(l2)) = (&ind.level1, &ind.level2) else {
            continue;
        };
        let (Some(e1), Some(e2)) = (
            ctx.data.level1(&ctx.name(&l1.text)),
            ctx.data.level2(&ctx.name(&l2.text)),
        ) else {
            continue;
        };
        if e1.level2.contains(&e2.class) || !seen.insert(l2.span) {
            continue;
        }
        let home: Vec<String> = ctx
            .data
            .framework
            .level1
            .iter()
            .filter(|(_, e)| e.legacy.is_none() && e.level2.contains(&e2.class))
            .map(|(n, _)| format!("“{n}指标”"))
            .collect();
        let fix = if home.is_empty() {
            String::new()
        } else {
            format!("，应放在{}下", home.join("或"))
        };
        out.push(Finding::row(
            k,
            FieldKind::Level2,
            l2.span,
            format!("二级指标“{}”不属于一级指标“{}”{fix}", quote(l2), quote(l1)),
        ));
    }
}

/// A project-level finding about a missing class, pointing at the first indicator row.
fn missing(p: &Project, field: FieldKind, msg: String) -> Finding {
    let span = p
        .indicators
        .first()
        .map(|i| i.level1.as_ref().map(|f| f.span).unwrap_or(i.span))
        .unwrap_or(p.span);
    Finding::project(field, span, msg)
}

fn s003(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    if !rows_with_content(p)
        || p.indicators
            .iter()
            .any(|i| ctx.class1(i) == Some(Class1::Output))
    {
        return;
    }
    out.push(missing(p, FieldKind::Level1, "没有产出指标".into()).help(
        "请增加说明钱买到了什么的指标，如“产出指标 | 数量指标 | 补贴发放人数 | ≥2000人”\
             “产出指标 | 时效指标 | 补贴发放时间 | 每月15日前”",
    ));
}

fn s004(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    if !rows_with_content(p)
        || p.indicators
            .iter()
            .any(|i| ctx.class1(i) == Some(Class1::Benefit))
    {
        return;
    }
    out.push(
        missing(p, FieldKind::Level1, "没有效益指标".into()).help(
            "请增加说明项目带来什么效果的指标，如“效益指标 | 社会效益指标 | 政策知晓率 | ≥85%”",
        ),
    );
}

fn s005(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let outputs: Vec<&Indicator> = p
        .indicators
        .iter()
        .filter(|i| ctx.class1(i) == Some(Class1::Output))
        .collect();
    if outputs.is_empty()
        || outputs
            .iter()
            .any(|i| ctx.class2(i) == Some(Class2::Quantity))
    {
        return;
    }
    let kinds: BTreeSet<String> = outputs
        .iter()
        .filter_map(|i| i.level2.as_ref().map(|f| ctx.name(&f.text).to_string()))
        .filter(|s| !s.is_empty())
        .collect();
    let have = if kinds.is_empty() {
        String::new()
    } else {
        format!(
            "（只有{}）",
            kinds
                .iter()
                .map(|k| format!("{k}指标"))
                .collect::<Vec<_>>()
                .join("、")
        )
    };
    let first = outputs[0];
    let span = first.level2.as_ref().map(|f| f.span).unwrap_or(first.span);
    out.push(
        Finding::project(
            FieldKind::Level2,
            span,
            format!("产出指标中没有数量指标{have}"),
        )
        .help("请写明做了多少事，如“产出指标 | 数量指标 | 补贴发放人数 | ≥2000人”"),
    );
}

fn s006(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    if !rows_with_content(p) {
        return;
    }
    // A satisfaction row in a form with no 二级 column (邯郸: 效果指标 |
    // 救助对象对救助工作满意度(%)) is one too. Under another 二级 (社会效益指标 | 群众满意度
    // 显著提升) it is not the framework's satisfaction indicator.
    let has = p.indicators.iter().any(|i| {
        ctx.class1(i) == Some(Class1::Satisfaction)
            || ctx.class2(i) == Some(Class2::Satisfaction)
            || i.level2.as_ref().is_none_or(|f| f.is_blank())
                && i.level3.as_ref().is_some_and(|n| {
                    // The name is a satisfaction rate (…满意度, …满意度(%)), not a count of
                    // surveys (开展满意度调查次数).
                    let name = crate::text::norm_name(&n.text);
                    let name = name.trim_end_matches(['%', '％']);
                    let name = match name.rfind(['(', '（']) {
                        Some(o) if name.ends_with([')', '）']) => &name[..o],
                        _ => name,
                    };
                    ctx.data
                        .values
                        .satisfaction_words
                        .iter()
                        .any(|w| name.ends_with(w.as_str()))
                })
    });
    if has {
        return;
    }
    let text = crate::text::fold(&format!(
        "{}{}",
        p.name.as_ref().map(|f| f.text.as_str()).unwrap_or(""),
        p.purpose.as_ref().map(|f| f.text.as_str()).unwrap_or("")
    ));
    let word = ctx
        .data
        .framework
        .people_words
        .iter()
        .find(|w| text.contains(w.as_str()));
    let span = p.indicators.last().map(|i| i.span).unwrap_or(p.span);
    let mut f =
        Finding::project(FieldKind::Level1, span, "没有满意度指标".into()).help(match word {
            Some(w) => format!(
                "项目涉及“{w}”，直接服务群众，应有服务对象满意度指标，\
             如“满意度指标 | 服务对象满意度指标 | 补贴对象满意度 | ≥90%”"
            ),
            None => {
                "如项目有明确的服务对象，请增加“满意度指标 | 服务对象满意度指标 | …… | ≥90%”".into()
            }
        });
    if word.is_some() {
        f.severity = Some(Severity::Warning);
    }
    out.push(f);
}

fn s007(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let mut first: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name) = ind.name() else { continue };
        // Rows of template filler ("……") are C005's, when it runs; a row of nothing but the
        // template's numbering (“指标2:”) is C004's.
        let filler = ctx.is_enabled("C005") && super::placeholder(ctx.data, &name.text).is_some();
        let numbering = ctx.is_enabled("C004") && super::completeness::unfilled(ctx, ind).is_some();
        if filler || numbering {
            continue;
        }
        let desc = ind
            .description
            .as_ref()
            .map(|f| ctx.name(&f.text).to_string())
            .unwrap_or_default();
        let key = (ctx.name(&name.text).to_string(), desc);
        let Some(&j) = first.get(&key) else {
            first.insert(key, k);
            continue;
        };
        let norm_value = |i: &Indicator| {
            i.value
                .as_ref()
                .map(|v| crate::text::norm_value(&v.text).replace(' ', ""))
                .unwrap_or_default()
        };
        let (a, b) = (norm_value(&p.indicators[j]), norm_value(ind));
        let span = name.span;
        let mut f = if a == b {
            Finding::row(
                k,
                ind.name_field(),
                span,
                format!("指标“{}”与本项目第{}条指标重复", quote(name), j + 1),
            )
            .help("请删除重复的一行")
        } else {
            Finding::row(
                k,
                ind.name_field(),
                span,
                format!(
                    "指标“{}”与本项目第{}条指标重复，且指标值不同（第{}条“{a}”，本条“{b}”）",
                    quote(name),
                    j + 1,
                    j + 1
                ),
            )
            .help("请只保留一行，写明一个目标值")
        };
        if a != b {
            f.severity = Some(Severity::Error);
        }
        out.push(f);
    }
}

fn s008(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(l3) = ind.level3.as_ref().filter(|f| !f.is_blank()) else {
            continue;
        };
        let n = ctx.name(&l3.text);
        let n: &str = &n;
        let fw = &ctx.data.framework;
        // "社会公众满意度" names whose satisfaction is measured: a real indicator, though it
        // is also a 二级 name; only the bare category ("满意度", "服务对象满意度") is not.
        let names_a_population = fw
            .level2
            .get(n)
            .is_some_and(|e| e.class == Class2::Satisfaction)
            && !fw.category_names.iter().any(|c| c == n);
        if fw.is_category(n) && !names_a_population {
            out.push(
                Finding::row(
                    k,
                    FieldKind::Level3,
                    l3.span,
                    format!("三级指标“{}”只是类别名，没有说明考核什么", quote(l3)),
                )
                .help("请写具体的对象和内容，如“补贴对象满意度”“人均鉴定成本”“新建村道里程”"),
            );
        }
    }
}

fn s009(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    // One finding per legacy name per project, at its first cell.
    let mut found: BTreeMap<String, (usize, Span, FieldKind, String, usize)> = BTreeMap::new();
    for (k, ind) in p.indicators.iter().enumerate() {
        let levels = [
            (FieldKind::Level1, &ind.level1, true),
            (FieldKind::Level2, &ind.level2, false),
        ];
        for (field, f, is1) in levels {
            let Some(f) = f.as_ref().filter(|f| !f.is_blank()) else {
                continue;
            };
            let n = ctx.name(&f.text);
            let legacy = if is1 {
                ctx.data.level1(&n).and_then(|e| e.legacy.clone())
            } else {
                ctx.data.level2(&n).and_then(|e| e.legacy.clone())
            };
            let Some(current) = legacy else { continue };
            found
                .entry(f.trimmed().to_string())
                .and_modify(|e| e.4 += 1)
                .or_insert((k, f.span, field, current, 1));
        }
    }
    let mut found: Vec<_> = found.into_iter().collect();
    found.sort_by_key(|(_, (k, span, ..))| (*k, *span));
    for (old, (_, span, field, current, n)) in found {
        out.push(Finding::project(
            field,
            span,
            format!("“{old}”是旧版或地方的指标体系名称（本项目{n}行），现行框架称为“{current}”"),
        ));
    }
}
