//! C — completeness (完整性).

use super::{Check, Ctx, Finding, NoName, Rule, RuleDoc, Severity, quote, quote_str, value_span};
use crate::model::{Field, FieldKind, Project, blank};
use crate::value::Value;

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
                bad: "项目名称: 国企退休教师生活补贴\n预算规模: {预算数: 29.31}\n绩效目标: []\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 补贴发放人数, 指标值: ≥120人}",
                good: "项目名称: 国企退休教师生活补贴\n预算规模: {预算数: 29.31}\n绩效目标: [2020年按月足额发放国企退休教师生活补贴，覆盖全县120名退休教师，发放准确率100%]\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 补贴发放人数, 指标值: ≥120人}",
            },
            data: &[],
            yields_to: &[],
            check: Check::Project(c001),
        },
        Rule {
            code: "C002",
            name: "value-missing",
            title: "指标值为空",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "填了三级指标（或指标描述）的指标行，指标值为空；只有单位或符号（如“公里”“≧ %”）\
                       也算空。只填了二级指标的空行由 C004 报告。",
                why: "没有目标值的指标无法考核，也无法在年终评价时判断是否完成。",
                bad: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 培训人次, 指标值: \"\"}",
                good: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 培训人次, 指标值: ≥300人次}",
            },
            data: &["units.percent", "units.count", "qualitative_words"],
            yields_to: &[],
            check: Check::Project(c002),
        },
        Rule {
            code: "C003",
            name: "basis-missing",
            title: "缺少指标值确定依据",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "表中有“指标值确定依据”一栏（YAML 中有 basis 键），但有指标行没有填写。\
                       每个项目只报告一次，说明有几行缺少，并指向第一行。",
                why: "指标值要有来历：计划标准（任务文件）、行业标准、历史标准（近年实际完成值）等\
                      （财预〔2015〕88号）。没有依据，审核人无法判断目标定得是高是低。",
                bad: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 培训人次, 指标值: ≥300人次, 指标值确定依据: \"\"}",
                good: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 培训人次, 指标值: ≥300人次, 指标值确定依据: 历史标准：2024年实际培训286人次}",
            },
            data: &[],
            yields_to: &[],
            check: Check::Project(c003),
        },
        Rule {
            code: "C004",
            name: "empty-row",
            title: "空指标行",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "指标行写了二级指标，却没有三级指标、指标描述和指标值。二级指标只是模板\
                       占位符（如“……”）的行由 C005 报告，不再报空行。",
                why: "这是模板里留下的空行：它占着一个类别却什么也不考核，评价时无从打分。",
                bad: "项目名称: 送戏下乡\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 经济效益指标, 三级指标: \"\", 指标值: \"\"}",
                good: "项目名称: 送戏下乡\n绩效指标:  # 删除空行，或填写具体指标\n  - {一级指标: 效益指标, 二级指标: 经济效益指标, 三级指标: 带动演出团队增收, 指标值: ≥15万元}",
            },
            data: &["placeholder_marks", "placeholder_leading"],
            yields_to: &[],
            check: Check::Project(c004),
        },
        Rule {
            code: "C005",
            name: "placeholder-left",
            title: "模板占位符未替换",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "单元格（包括一级、二级指标名称和项目名称）中留有模板占位符：**、XX、★、\
                       （必填硬性指标）、（必填）、（选填）、开头的 *、…、≥**% 等（名单见 \
                       rules/placeholders.yaml）。",
                why: "占位符说明模板没有填完，这一格的内容不可信。",
                bad: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标（必填硬性指标）, 三级指标: 培训人次, 指标值: ≥**人次}",
                good: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 培训人次, 指标值: ≥300人次}",
            },
            data: &["placeholder_marks", "placeholder_leading"],
            yields_to: &[],
            check: Check::Project(c005),
        },
    ]
}

fn c001(_ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    // A 部门整体 table states the department's targets: it names no project by design.
    if blank(&p.name) && p.kind != crate::model::FormKind::Department {
        let span = p.name.as_ref().map(|f| f.span).unwrap_or(p.span);
        out.push(
            Finding::project(FieldKind::Name, span, "项目名称为空".into())
                .help("请填写项目的全称，如“社保局国企退休教师生活补贴”"),
        );
    }
    if blank(&p.budget.total) {
        let span = p.budget.total.as_ref().map(|f| f.span).unwrap_or(p.span);
        let extra = match &p.budget.fiscal {
            Some(f) if !f.is_blank() => {
                format!("（“其中：财政资金”填了“{}”，但预算数本身不能空）", quote(f))
            }
            _ => String::new(),
        };
        out.push(
            Finding::project(FieldKind::Budget, span, format!("预算数为空{extra}"))
                .help("请填写项目的年度预算总额（万元），它应等于财政资金与其他资金之和"),
        );
    }
    // A 自评表 whose form has no goal row (湖北: 年度绩效目标 is the heading of its indicator
    // block) has no goal to be empty; a goal row left blank is reported.
    let no_goal_row = p.goals.is_none() && p.kind == crate::model::FormKind::SelfEvaluation;
    if !no_goal_row && p.goals.as_ref().is_none_or(|g| g.is_blank()) {
        let span = p.goals.as_ref().map(|g| g.span).unwrap_or(p.span);
        out.push(
            Finding::project(FieldKind::Goals, span, "绩效目标为空".into()).help(
                "请用一两句话写明项目当年要完成什么、达到什么效果，\
                 如“按时足额发放补贴，覆盖全县符合条件的对象，发放准确率100%”",
            ),
        );
    }
    let has_row = p.indicators.iter().any(|i| {
        [&i.level1, &i.level2, &i.level3, &i.description, &i.value]
            .into_iter()
            .any(|f| !blank(f))
    });
    if !has_row {
        let msg = if p.indicators.is_empty() {
            "没有任何绩效指标"
        } else {
            "绩效指标各行全部为空"
        };
        let span = p.indicators.first().map(|i| i.span).unwrap_or(p.span);
        let mut f = match p.unread_header.as_ref().filter(|_| p.indicators.is_empty()) {
            // The table has indicators under a header jxlint could not read: say so.
            Some(u) => Finding::project(FieldKind::Name, u.span, u.message())
                .help(crate::model::UnreadHeader::advice(&u.missing)),
            None => Finding::project(FieldKind::Name, span, msg.into())
                .help("至少应有产出指标（数量、质量、时效）、效益指标和满意度指标各一行"),
        };
        f.field = None;
        out.push(f);
    }
}

fn c002(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let numbering_is_c004 = ctx.is_enabled("C004");
    for (k, ind) in p.indicators.iter().enumerate() {
        // A row with only a 二级 is C004's, and so is a template's row of nothing but its
        // numbering (“指标2:”).
        // A row of the template left unfilled is C004's, when it runs.
        if numbering_is_c004 && unfilled(ctx, ind).is_some() {
            continue;
        }
        // (A numbering alone, “指标2:”, is no name while C004 runs: the description is.)
        let Some(name) = [&ind.level3, &ind.description]
            .into_iter()
            .flatten()
            .find(|f| !(f.is_blank() || (numbering_is_c004 && super::bare_numbering(&f.text))))
        else {
            continue;
        };
        if *ctx.value(k) != Value::Blank {
            continue;
        }
        // A row of template filler (“……” for a name and no value) is C005's, when it runs.
        if ctx.is_enabled("C005")
            && crate::text::squeeze(&name.text).is_empty()
            && super::placeholder(ctx.data, &name.text).is_some()
        {
            continue;
        }
        let text = ind.value.as_ref().map(|f| f.text.as_str()).unwrap_or("");
        let what = if crate::text::is_blank(text) {
            "指标值为空".to_string()
        } else {
            format!("指标值“{}”只有符号或单位，没有数值", quote_str(text))
        };
        out.push(
            Finding::row(
                k,
                FieldKind::Value,
                value_span(ind),
                format!("“{}”的{what}", quote(name)),
            )
            .help(
                "请填写可考核的目标值，写明比较符号、数值和单位，如“≥300人次”“≥90%”“≤15个工作日”",
            ),
        );
    }
}

fn c003(_ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    if !p.has_basis_column {
        return;
    }
    // A YAML row without the key lacks it as much as one with an empty value.
    let rows: Vec<(usize, crate::source::Span)> = p
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.name().is_some())
        .filter_map(|(k, i)| match &i.basis {
            Some(b) if !b.is_blank() => None,
            Some(b) => Some((k, b.span)),
            None => Some((k, i.span)),
        })
        .collect();
    let named = p.indicators.iter().filter(|i| i.name().is_some()).count();
    let Some((first, span)) = rows.first() else {
        return;
    };
    let which = if rows.len() == named {
        format!("全部 {named} 行指标都没有填写指标值确定依据")
    } else {
        let list: Vec<String> = rows.iter().map(|(k, _)| format!("第{}行", k + 1)).collect();
        format!(
            "{named} 行指标中有 {} 行（{}）没有填写指标值确定依据",
            rows.len(),
            list.join("、")
        )
    };
    let mut f = Finding::project(
        FieldKind::Basis,
        *span,
        format!("{which}（第一处是第{}行）", first + 1),
    );
    // Every row that lacks it, as related cells (the first is the finding's own place).
    f.related = rows
        .iter()
        .map(|(k, span)| super::RelatedCell {
            span: *span,
            indicator: Some(*k),
            field: Some(FieldKind::Basis),
            unit: None,
        })
        .collect();
    out.push(f.help(
        "请写明目标值的来历，如“计划标准：《2025年工作方案》”\
             “历史标准：2024年实际完成286人次”或“行业标准：《……规范》”",
    ));
}

fn c004(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(row) = unfilled(ctx, ind) else {
            continue;
        };
        let message = match row {
            Unfilled::Symbols(l2, f) => format!(
                "“{}”下的三级指标“{}”不是指标名称：只有数字或符号，说不出考核什么。\
                 请写明考核的具体内容和目标值；本项目确实没有这类指标的，删除该行",
                quote(l2),
                quote(f)
            ),
            Unfilled::NotApplicable(l2, f) => format!(
                "“{}”下的这一行标为不适用（“{}”），没有三级指标，也没有指标值。\
                 不适用的指标请删除该行；适用的话填写具体指标和目标值",
                quote(l2),
                quote(f)
            ),
            Unfilled::Empty(l2) => format!(
                "“{}”下是空行：没有三级指标，也没有指标值。请删除该行，或填写具体指标和目标值",
                quote(l2)
            ),
        };
        let span = match row {
            Unfilled::Symbols(_, f) | Unfilled::NotApplicable(_, f) => f.span,
            Unfilled::Empty(l2) => ind.level3.as_ref().map(|f| f.span).unwrap_or(l2.span),
        };
        out.push(Finding::row(k, FieldKind::Level3, span, message));
    }
}

/// A row of the template left unfilled, as C004 reports it (each with its 二级 cell).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Unfilled<'a> {
    /// No 三级指标 and no value (or a numbering, “指标2:”, for the name).
    Empty(&'a Field),
    /// A 三级指标 marked not applicable (“/”, “无”) and no value.
    NotApplicable(&'a Field, &'a Field),
    /// A 三级指标 of digits or signs only (“0”) beside a value (“0.00%”).
    Symbols(&'a Field, &'a Field),
}

/// Whether a row under a 二级指标 is the template's, left unfilled (C004's; C002 and S007
/// leave such rows to it while it runs).
pub(crate) fn unfilled<'a>(ctx: &Ctx, ind: &'a crate::model::Indicator) -> Option<Unfilled<'a>> {
    let l2 = ind.level2.as_ref().filter(|f| !f.is_blank())?;
    // A name of nothing but the template's numbering (“指标2:”), a mark of “not applicable”
    // (“/”, “无”) or digits (“0”) names no indicator.
    let named = |f: &Option<Field>| {
        !blank(f) && f.as_ref().is_none_or(|f| super::no_name(&f.text).is_none())
    };
    if named(&ind.level3) {
        return None; // (most rows: asked first)
    }
    let ph = &ctx.data.placeholders;
    // A 二级 cell of nothing but a placeholder (“……”) is C005's, not an empty row's name.
    if crate::text::squeeze(&l2.text).is_empty()
        && crate::text::placeholder(&l2.text, &ph.marks, &ph.leading).is_some()
    {
        return None;
    }
    let valued = !blank(&ind.value)
        && !ind
            .value
            .as_ref()
            .is_some_and(|f| crate::value::not_applicable(&f.text));
    let level3 = ind.level3.as_ref().filter(|f| !f.is_blank());
    // A 三级 cell of template filler (“……”) is C005's.
    if level3.is_some_and(|f| super::placeholder(ctx.data, &f.text).is_some()) {
        return None;
    }
    let unnamed = level3.and_then(|f| super::no_name(&f.text));
    // A description beside a 三级 cell that names nothing is the template's explanation
    // (“反映实施相关项目所产生的直接经济成本”), not the name.
    let described = named(&ind.description)
        && (unnamed.is_none()
            || ind
                .description
                .as_ref()
                .is_some_and(|d| !d.text.trim_start().starts_with("反映")));
    if described {
        return None;
    }
    match (unnamed, level3) {
        (Some(NoName::Symbols), Some(f)) if valued => Some(Unfilled::Symbols(l2, f)),
        (Some(NoName::NotApplicable), Some(f)) if !valued => Some(Unfilled::NotApplicable(l2, f)),
        _ if valued => None,
        _ => Some(Unfilled::Empty(l2)),
    }
}

fn c005(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let advice = "请把模板占位符换成本项目的实际内容";
    let ph = &ctx.data.placeholders;
    let marks = crate::text::Words::new(&ph.marks);
    let placeholder = |text: &str| crate::text::placeholder_in(text, &marks, &ph.leading);
    let mut project_cells: Vec<(FieldKind, &Field)> = Vec::new();
    project_cells.extend(p.name.as_ref().map(|f| (FieldKind::Name, f)));
    project_cells.extend(p.purpose.as_ref().map(|f| (FieldKind::Purpose, f)));
    if let Some(g) = &p.goals {
        project_cells.extend(g.lines.iter().map(|f| (FieldKind::Goals, f)));
    }
    for (field, f) in project_cells {
        if let Some(m) = placeholder(&f.text) {
            out.push(
                Finding::project(
                    field,
                    f.span,
                    format!("“{}”中留有模板占位符“{m}”", quote(f)),
                )
                .help(advice),
            );
        }
    }
    // (Membership only: the findings follow the rows' order.)
    let mut seen = rustc_hash::FxHashSet::default();
    for (k, ind) in p.indicators.iter().enumerate() {
        for (field, f) in ind.cells() {
            let Some(f) = f else { continue };
            // A merged cell filled down is reported once, at its own row.
            if !seen.insert(f.span) {
                continue;
            }
            if let Some(m) = placeholder(&f.text) {
                out.push(
                    Finding::row(
                        k,
                        field,
                        f.span,
                        format!("“{}”中留有模板占位符“{m}”", quote(f)),
                    )
                    .help(advice),
                );
            }
        }
    }
}
