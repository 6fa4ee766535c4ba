//! V — values (可衡量、适当性).

use super::{
    Check, Ctx, Finding, Rule, RuleDoc, Severity, placeholder, quote, quoted, value_cell,
    value_quoted, value_span,
};
use crate::data::{RuleData, UnitKind};
use crate::model::{Class1, Class2, FieldKind, Indicator, Project};
use crate::value::{Op, TextKind, Value};

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
                bad: "项目名称: 社保经办人员培训\n绩效指标:\n  - {一级指标: 满意度指标, 二级指标: 服务对象满意度指标, 三级指标: 网络评估满意率, 指标值: ≥100}",
                good: "项目名称: 社保经办人员培训\n绩效指标:\n  - {一级指标: 满意度指标, 二级指标: 服务对象满意度指标, 三级指标: 培训学员满意率, 指标值: ≥90%}",
            },
            data: &[
                "bounded_rate_suffixes",
                "unbounded_rates",
                "satisfaction_words",
            ],
            yields_to: &[],
            check: Check::Project(v001),
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
                bad: "项目名称: 农村公路养护\n绩效指标:\n  - {一级指标: 满意度指标, 二级指标: 服务对象满意度指标, 三级指标: 群众满意度, 指标值: \"100\"}",
                good: "项目名称: 农村公路养护\n绩效指标:\n  - {一级指标: 满意度指标, 二级指标: 服务对象满意度指标, 三级指标: 群众满意度, 指标值: ≥90%}",
            },
            data: &["satisfaction_words", "satisfaction_max"],
            yields_to: &[],
            check: Check::Project(v002),
        },
        Rule {
            code: "V003",
            name: "unit-missing",
            title: "指标值缺少计量单位",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "指标值是数字，但数字后没有单位，表中也没有填写计量单位（计量单位栏只有“-”“/”\
                       “无”的按没有填写看待，名单见 unit_blank_marks）。建议的单位按名称给出：\
                       比率加“%”；以人数、次数、数量等计数词结尾的指标（count_name_units）用人、次、\
                       件等计数单位，名称中有“补助”也是如此（补助学生数量用人）；其他补助、经费、\
                       资金、成本等金额类指标（money_name_words，或成本指标下的指标）用元、万元。",
                why: "“≥90”可以是90%、90人、90分，读者无法判断；评价时也无从比对实际完成值。",
                bad: "项目名称: 村道硬化工程\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 质量指标, 三级指标: 工程验收合格率, 指标值: ≥90}",
                good: "项目名称: 村道硬化工程\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 质量指标, 三级指标: 工程验收合格率, 指标值: ≥90%}",
            },
            data: &[
                "units.percent",
                "units.money",
                "units.count",
                "units.time",
                "units.measure",
                "money_name_words",
                "count_name_units",
                "unit_blank_marks",
            ],
            yields_to: &[],
            check: Check::Project(v003),
        },
        Rule {
            code: "V004",
            name: "unit-mismatch",
            title: "计量单位与指标不符",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "单位与指标矛盾：比率用了天、万元、人等单位；人数、次数等计数指标用了%；\
                       指标值里的单位与计量单位栏不一致（“28.8万元”配“%”）；用“百分比”代替%；\
                       户数用了人、人次。计量单位栏只有“-”“/”“无”的按没有单位看待\
                       （unit_blank_marks）。",
                why: "单位错了，目标值的意思就变了，评价时无法与实际完成值比对。",
                bad: "项目名称: 耕地地力保护补贴\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 时效指标, 三级指标: 资金拨付及时率, 指标值: ≤7工作日}",
                good: "项目名称: 耕地地力保护补贴\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 时效指标, 三级指标: 资金拨付时限, 指标值: ≤7个工作日}",
            },
            data: &[
                "count_name_suffixes",
                "household_words",
                "units.percent",
                "units.money",
                "units.count",
                "units.time",
                "unit_blank_marks",
            ],
            yields_to: &[],
            check: Check::Project(v004),
        },
        Rule {
            code: "V005",
            name: "value-vague",
            title: "指标值无法衡量",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "指标值没有数字，只有“提高”“改善”“明显”“长期”“有效”“及时”“保障”“支撑”等含糊的词\
                       （名单见 vague_words）。分级的定性值（好/较好/一般/差、合格、达标）不在此列；\
                       “支持”“支撑”后跟具体宾语（“支持国产操作系统和数据库”“支持1000人同时在线”，\
                       名单见 capability_verbs）说的是可核对的功能，也不在此列，“有力支持”\
                       “支撑经济发展”仍报告。",
                why: "指标要“细化量化”；“有所提升”“长期”无法判断是否完成，审计常把这类目标\
                      列为无法衡量。",
                bad: "项目名称: 婴幼儿照护服务体系建设\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 社区婴幼儿照护服务机构覆盖率, 指标值: 提高}",
                good: "项目名称: 婴幼儿照护服务体系建设\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 社区婴幼儿照护服务机构覆盖率, 指标值: ≥60%}",
            },
            data: &[
                "vague_words",
                "capability_verbs",
                "capability_objects",
                "slogan_heads",
                "qualitative_words",
            ],
            yields_to: &[],
            check: Check::Project(v005),
        },
        Rule {
            code: "V006",
            name: "direction-mismatch",
            title: "指标方向错误",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "越低越好的指标（成本、单价、投诉率、事故率、逾期、差错率……）用了≥，\
                       或越高越好的指标（满意度、合格率、覆盖率、完成率……）用了≤。成本指标下的\
                       其他指标按成本看待，但发给对象或保障对象的标准和金额（补助标准、最低标准、\
                       每村办公经费……，名单见 benefit_words）除外：这是政策定的标准，“≥”（保底）\
                       和“≤”（封顶）都对；名称里有成本、单价、费用的仍是成本。",
                why: "方向反了，目标就成了“成本至少800元”“合格率最多90%”，与本意相反。",
                bad: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 成本指标, 二级指标: 经济成本指标, 三级指标: 人均培训成本, 指标值: ≥800元/人}",
                good: "项目名称: 农村劳动力技能培训\n绩效指标:\n  - {一级指标: 成本指标, 二级指标: 经济成本指标, 三级指标: 人均培训成本, 指标值: ≤800元/人}",
            },
            data: &[
                "negative_indicators",
                "negative_tails",
                "positive_indicators",
                "direction_exceptions",
                "benefit_words",
            ],
            yields_to: &[],
            check: Check::Project(v006),
        },
        Rule {
            code: "V007",
            name: "value-unparseable",
            title: "指标值无法识别",
            severity: Severity::Error,
            doc: RuleDoc {
                what: "指标值既不是“[符号]数字[单位]”，也不是范围、日期或期间，也不是分级的定性词\
                       （qualitative_words）：两个凑不成范围的数字（“= 44,561 44,561”）、时效指标里\
                       的Excel日期序列号（44561）、把指标名称也写进了指标值、一句话。已由C002、\
                       C005、V005或V008报告的不再重复。说明具备某项功能的值（“支持国产操作系统和\
                       数据库”“支持1000人同时在线”，动词见 capability_verbs）做到与否可以核对，\
                       不在此列。",
                why: "无法识别的目标值无法考核，通常是从表格软件复制时串了格，或把说明写进了指标值。",
                bad: "项目名称: 办公楼维修改造\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 时效指标, 三级指标: 完成时间, 指标值: \"= 44,561 44,561\"}",
                good: "项目名称: 办公楼维修改造\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 时效指标, 三级指标: 完成时间, 指标值: 2021年12月底前}",
            },
            data: &[
                "qualitative_words",
                "capability_verbs",
                "capability_objects",
                "excel_serial_min",
                "excel_serial_max",
            ],
            yields_to: &[],
            check: Check::Project(v007),
        },
        Rule {
            code: "V008",
            name: "boolean-indicator",
            title: "是否型指标",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "三级指标问“是否……”，或者指标值是“是”“否”。",
                why: "是否型指标只有两个结果，说明不了做得多好；常常是为了凑类别而填的。",
                bad: "项目名称: 送戏下乡\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 经济效益指标, 三级指标: 项目实施是否产生经济价值, 指标值: 否}",
                good: "项目名称: 送戏下乡\n绩效指标:  # 或删去该行\n  - {一级指标: 效益指标, 二级指标: 经济效益指标, 三级指标: 带动演出团队增收, 指标值: ≥15万元}",
            },
            data: &[],
            yields_to: &[],
            check: Check::Project(v008),
        },
        Rule {
            code: "V009",
            name: "hundred-percent-outcome",
            title: "效益指标设为100%",
            severity: Severity::Info,
            doc: RuleDoc {
                what: "效益指标的目标值是100%（=100、100、≥100），而指标不是发放、兑付、到位、审核、\
                       应补尽补等政策规定必须全部做到的事项（名单见 compliance_terms）。",
                why: "效益是项目带来的效果，通常靠调查或抽样评估，定为100%要么不现实，要么说明指标\
                      没想清楚（财预〔2020〕10号要求目标处于正常业绩水平）。",
                bad: "项目名称: 计划生育特别扶助\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 特扶对象政策知晓率, 指标值: 100%}",
                good: "项目名称: 计划生育特别扶助\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 特扶对象政策知晓率, 指标值: ≥95%}",
            },
            data: &["compliance_terms"],
            yields_to: &["R001", "R002"],
            check: Check::Project(v009),
        },
    ]
}

/// A share of a whole: the name ends in a bounded suffix (率, 满意度 …) and is not one of the
/// unbounded ratios (增长率, 完成率 …).
pub(crate) fn is_bounded_rate(name: &str, data: &RuleData) -> bool {
    let v = &data.values;
    (v.bounded_rate_suffixes
        .iter()
        .any(|s| name.ends_with(s.as_str()))
        || is_satisfaction(name, data))
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

/// The unit of a row: the value's own, else the unit column's.
pub(super) fn unit_of(ctx: &Ctx, ind: &Indicator, v: &Value) -> Option<String> {
    let (own, col) = units_of(ctx, ind, v);
    own.or(col)
}

fn is_percent_or_none(ctx: &Ctx, unit: &Option<String>) -> bool {
    match unit {
        None => true,
        Some(u) => ctx.data.units.kind(u) == Some(UnitKind::Percent) && u != "‰",
    }
}

/// How a value on a bounded rate is impossible (V001).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OverHundred {
    /// "≥100": attainable only at exactly 100.
    AtLeast100,
    /// ">100".
    Above100,
    /// A number or range above 100.
    Over,
    Negative,
}

fn over_100(v: &Value) -> Option<OverHundred> {
    match *v {
        Value::Number { op, number, .. } => {
            if number < 0.0 {
                Some(OverHundred::Negative)
            } else if matches!(op, Some(Op::Le | Op::Lt)) {
                None
            } else if number > 100.0 {
                Some(OverHundred::Over)
            } else if number == 100.0 && matches!(op, Some(Op::Ge | Op::Gt)) {
                Some(if op == Some(Op::Gt) {
                    OverHundred::Above100
                } else {
                    OverHundred::AtLeast100
                })
            } else {
                None
            }
        }
        Value::Range { low, high, .. } => {
            if low < 0.0 {
                Some(OverHundred::Negative)
            } else if high > 100.0 {
                Some(OverHundred::Over)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether V001 reports a row (V002 then leaves it alone).
fn v001_reports(ctx: &Ctx, ind: &Indicator, name: &str, v: &Value) -> bool {
    is_bounded_rate(name, ctx.data)
        && is_percent_or_none(ctx, &unit_of(ctx, ind, v))
        && over_100(v).is_some()
}

fn v001(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let name = ctx.name(&name_f.text);
        if !is_bounded_rate(&name, ctx.data) {
            continue;
        }
        let v = ctx.value(k);
        let unit = unit_of(ctx, ind, v);
        if !is_percent_or_none(ctx, &unit) {
            continue;
        }
        let Some(kind) = over_100(v) else { continue };
        let cell = value_quoted(ind);
        let advice = if is_satisfaction(&name, ctx.data) {
            "满意度类指标一般设为“≥90%”"
        } else {
            "请按历史完成情况设定可实现的目标，如“≥95%”；政策规定必须全部达到的，写作“=100%”"
        };
        let n = quoted(name_f);
        let (msg, help) = match kind {
            OverHundred::AtLeast100 => (
                format!("“{n}”是比率，最多为100%"),
                format!(
                    "“{cell}”只有恰好等于100时才能达到，应写作“=100%”，或设为可实现的值；{advice}"
                ),
            ),
            OverHundred::Above100 => (
                format!("“{n}”是比率，不可能超过100%"),
                format!("“{cell}”无法实现；{advice}"),
            ),
            OverHundred::Negative => (
                format!("“{n}”是比率，不能为负数"),
                format!("“{cell}”无法实现；{advice}"),
            ),
            OverHundred::Over => (
                format!("“{n}”是比率，不可能超过100%"),
                format!("目标值“{cell}”无法实现；{advice}"),
            ),
        };
        out.push(Finding::row(k, FieldKind::Value, value_span(ind), msg).help(help));
    }
}

fn v002(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let max = ctx.data.values.satisfaction_max;
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let name = ctx.name(&name_f.text);
        if !is_satisfaction(&name, ctx.data) {
            continue;
        }
        let v = ctx.value(k);
        let unit = unit_of(ctx, ind, v);
        if !is_percent_or_none(ctx, &unit) {
            continue;
        }
        // V001 reports impossible values on bounded rates; when it is off, this rule does.
        let by_v001 = v001_reports(ctx, ind, &name, v);
        if by_v001 && ctx.is_enabled("V001") {
            continue;
        }
        let high = by_v001
            || match *v {
                Value::Number { op, number, .. } => {
                    !matches!(op, Some(Op::Le | Op::Lt)) && number >= max && number <= 100.0
                }
                Value::Range { low, .. } => low >= max,
                _ => false,
            };
        if !high {
            continue;
        }
        let cell = value_quoted(ind);
        out.push(
            Finding::row(
                k,
                FieldKind::Value,
                value_span(ind),
                format!("满意度目标“{cell}”不切实际"),
            )
            .help(format!(
                "“{}”来自问卷调查，总有人不满意，{max}%以上几乎不可能达到；\
                 建议设为“≥90%”（公开的绩效目标表常见≥85%至≥95%）",
                quote(name_f)
            )),
        );
    }
}

fn v003(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    // Numeric values with no unit anywhere, and whether any value of the project has one.
    let mut rows = Vec::new();
    let mut any_unit = false;
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let v = ctx.value(k);
        if !v.is_numeric() {
            continue;
        }
        if v.unit().is_some() || unit_cell(ctx, ind).is_some() {
            any_unit = true;
            continue;
        }
        rows.push((k, ind, name_f));
    }
    let where_ = if p.has_unit_column {
        "，计量单位也未填写"
    } else {
        "，表中也没有计量单位栏"
    };
    let fix_of = |ind: &Indicator, name_f: &crate::model::Field| {
        let cell = value_quoted(ind);
        let name = ctx.name(&name_f.text);
        if name.ends_with('率')
            || is_bounded_rate(&name, ctx.data)
            || is_unbounded_rate(&name, ctx.data)
        {
            return "这是比例类指标，请在数值后加“%”，如“≥90%”".to_string();
        }
        let count = count_units(&name, ctx.data);
        let (end, units) = match &count {
            Some((end, units)) => (*end, Some(units.as_slice())),
            None => ("", None),
        };
        // What the name counts: the name before its 数量 or 数 (补助对象 of 补助对象数量).
        let counted = name
            .strip_suffix("数量")
            .or_else(|| name.strip_suffix('数'))
            .unwrap_or(&name);
        let examples = |units: &[&str]| {
            units
                .iter()
                .map(|u| format!("“{cell}{u}”"))
                .collect::<Vec<_>>()
                .join("")
        };
        // A count ending counts what stands before it, whatever money word the name has (补助
        // 学生数量, 补助对象数量: students, beneficiaries), unless that is money (补助资金数量).
        // A bare 数 is no such ending: 预算数, 支出数 and 发放数 are often amounts.
        let counts_money = end == "数"
            || ctx
                .data
                .values
                .money_name_words
                .iter()
                .any(|w| counted.ends_with(w.as_str()));
        // A count whose ending names its unit (参训人数, 检查次数) before the money words:
        // 补助发放人数 counts people.
        if let Some(units) = units.filter(|u| u.len() == 1) {
            // (The name says what it is counted or measured in: 参训人数 in 人, 造林亩数 in 亩.)
            format!(
                "指标名称表明以“{}”计，请在数值后写明单位，如{}，或填写计量单位",
                units[0],
                examples(units)
            )
        } else if units.is_some_and(<[&str]>::is_empty) {
            // An ending that is no count (工资指数, 基尼系数): neither count nor money units.
            format!("请在数值后写明单位（如“{cell}人”“{cell}个”“{cell}%”），或填写计量单位")
        } else if let Some(units) = units.filter(|_| !counts_money) {
            format!(
                "这是计数指标，请在数值后写明计数单位（如{}），或填写计量单位",
                examples(units)
            )
        } else if crate::text::has_word(&name, &ctx.data.values.money_name_words)
            || ctx.class1(ind) == Some(Class1::Cost)
            || ctx.class2(ind).is_some_and(|c| c.is_cost())
        {
            format!(
                "这是金额类指标，请在数值后写明金额单位（如“{cell}元”“{cell}元/人”“{cell}万元”），\
                 或填写计量单位"
            )
        } else {
            format!("请在数值后写明单位（如“{cell}人”“{cell}个”“{cell}%”），或填写计量单位")
        }
    };
    // One defect through the whole table (no value has a unit, no unit column to fill): one
    // finding, every affected cell related.
    if !any_unit && rows.len() > 1 {
        let (k, ind, name_f) = rows[0];
        let n = rows.len();
        let mut f = Finding::row(
            k,
            FieldKind::Value,
            value_span(ind),
            format!(
                "本项目{n}个数值指标值都没有计量单位{where_}（第一处：“{}”的“{}”）",
                quote(name_f),
                value_cell(ind)
            ),
        )
        .help(
            "读者无法判断是百分比、人数还是分数：请在每个数值后写明单位（比例类指标加“%”，\
             如“≥90%”；人数如“≥300人”），或增加计量单位栏",
        );
        f.related = rows[1..]
            .iter()
            .map(|(k, ind, _)| super::RelatedCell {
                span: value_span(ind),
                indicator: Some(*k),
                field: Some(FieldKind::Value),
                unit: None,
            })
            .collect();
        out.push(f);
        return;
    }
    for (k, ind, name_f) in rows {
        let cell = value_quoted(ind);
        out.push(
            Finding::row(
                k,
                FieldKind::Value,
                value_span(ind),
                format!("“{}”的指标值“{cell}”没有计量单位{where_}", quote(name_f)),
            )
            .help(format!(
                "读者无法判断是百分比、人数还是分数。{}",
                fix_of(ind, name_f)
            )),
        );
    }
}

/// The ending of a name that `count_name_units` lists and the units it advises ("人数=人":
/// ["人"]): the entry with the longest
/// ending the name has, a name ending in 数量 read also as ending in 数 (学生数量 as 学生数, so
/// that “学生数=人” answers it). `None` when no ending matches; no units when the entry says the
/// ending is no count ("指数=").
fn count_units<'a>(name: &str, data: &'a RuleData) -> Option<(&'a str, Vec<&'a str>)> {
    let short = name.strip_suffix("数量").map(|s| format!("{s}数"));
    [Some(name), short.as_deref()]
        .into_iter()
        .flatten()
        .flat_map(|n| {
            data.values
                .count_name_units
                .iter()
                .filter_map(|e| e.split_once('='))
                .map(|(end, units)| (end.trim(), units))
                .filter(move |(end, _)| !end.is_empty() && n.ends_with(end))
                .map(move |(end, units)| (n, end, units))
        })
        .max_by_key(|(_, end, _)| end.len())
        .map(|(_, end, units)| {
            let units = units
                .split('、')
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .collect();
            (end, units)
        })
}

fn is_rate_name(name: &str, data: &RuleData) -> bool {
    name.ends_with('率') || is_bounded_rate(name, data)
}

/// The 计量单位 cell when it names a unit: not blank, nor only a mark for "no unit" ("-",
/// "/", "无": `unit_blank_marks`).
fn unit_cell<'a>(ctx: &Ctx, ind: &'a Indicator) -> Option<&'a crate::model::Field> {
    ind.unit.as_ref().filter(|u| {
        let t = crate::text::norm_value(&u.text);
        !t.is_empty()
            && !ctx
                .data
                .values
                .unit_blank_marks
                .iter()
                .any(|m| crate::text::norm_value(m) == t)
    })
}

/// The unit in the value and the unit in the unit column (normalised), each if given.
fn units_of(ctx: &Ctx, ind: &Indicator, v: &Value) -> (Option<String>, Option<String>) {
    let col = unit_cell(ctx, ind).map(|u| crate::text::norm_value(&u.text));
    (v.unit().map(str::to_string), col)
}

fn v004(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let units = &ctx.data.units;
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let v = ctx.value(k);
        let (own, col) = units_of(ctx, ind, v);
        let span_of_col = ind.unit.as_ref().map(|f| f.span);
        let at = |from_col: bool| {
            if from_col {
                span_of_col.unwrap_or_else(|| value_span(ind))
            } else {
                value_span(ind)
            }
        };
        let name = ctx.name(&name_f.text);
        let cell = value_cell(ind);
        let field = |from_col: bool| {
            if from_col {
                FieldKind::Unit
            } else {
                FieldKind::Value
            }
        };
        // "百分比" for %.
        if let Some((u, from_col)) = [(&own, false), (&col, true)]
            .into_iter()
            .find_map(|(u, c)| u.as_deref().filter(|u| *u == "百分比").map(|u| (u, c)))
        {
            // The cell rewritten with “%” is the example, unless V001 reports the value itself
            // (“≥100百分比”): then an attainable one.
            let example = if ctx.is_enabled("V001") && v001_reports(ctx, ind, &name, v) {
                "≥95%".to_string()
            } else {
                format!("{}%", cell.replace("百分比", ""))
            };
            out.push(
                Finding::row(k, field(from_col), at(from_col), format!("单位写成了“{u}”"))
                    .help(format!("百分比请用“%”，如“{example}”")),
            );
            continue;
        }
        // The value's own unit and the unit column disagree.
        if let (Some(a), Some(b)) = (&own, &col)
            && let (Some(ka), Some(kb)) = (units.kind(a), units.kind(b))
            && ka != kb
        {
            out.push(
                Finding::row(
                    k,
                    FieldKind::Unit,
                    at(true),
                    format!("指标值“{cell}”的单位是“{a}”，计量单位栏却是“{b}”，两者矛盾"),
                )
                .help("请统一为一种单位"),
            );
            continue;
        }
        let Some(u) = own.clone().or(col.clone()) else {
            continue;
        };
        let from_col = own.is_none();
        let kind = units.kind(&u);
        let n = quoted(name_f);
        let dims = units.name_dimensions(&name);
        let dim = units.dimension(&u);
        let found = if is_rate_name(&name, ctx.data)
            && !is_unbounded_rate(&name, ctx.data)
            && (matches!(
                kind,
                Some(UnitKind::Money | UnitKind::Time | UnitKind::Count)
            ) || (kind.is_none() && !u.starts_with(':')))
        {
            Some((
                format!("“{n}”是比率，单位却是“{u}”"),
                "比率应以%计（如“=100%”）；若要考核时限或金额，\
                 请把指标改名为“……时限”“……金额”"
                    .to_string(),
            ))
        } else if kind == Some(UnitKind::Percent)
            && ctx
                .data
                .values
                .count_name_suffixes
                .iter()
                .any(|s| name.ends_with(s.as_str()))
        {
            Some((
                format!("“{n}”是计数指标，单位却是“{u}”"),
                "请写明个数和计数单位，如“≥2000人”“≥12次”".to_string(),
            ))
        } else if (u == "人" || u == "人次")
            && ctx
                .data
                .values
                .household_words
                .iter()
                .any(|w| name.ends_with(w.as_str()))
        {
            Some((
                format!("“{n}”按户计，单位却是“{u}”"),
                "请用“户”，或把指标改为按人计".to_string(),
            ))
        } else if let (Some((suffix, allowed)), Some(d)) = (dims, dim)
            && !allowed.iter().any(|a| a == d)
        {
            let want: Vec<String> = allowed
                .iter()
                .flat_map(|a| units.dimensions.get(a).into_iter().flatten().take(2))
                .map(|u| format!("“{u}”"))
                .collect();
            Some((
                format!(
                    "“{n}”计的是{}，单位“{u}”却是{}的单位",
                    dimension_zh(allowed.first().map(String::as_str).unwrap_or(suffix)),
                    dimension_zh(d)
                ),
                format!("请改用{}等单位，或检查是否填错了行", want.join("、")),
            ))
        } else {
            None
        };
        if let Some((m, h)) = found {
            out.push(Finding::row(k, field(from_col), at(from_col), m).help(h));
        }
    }
}

/// A unit dimension of `rules/units.yaml`, in words.
fn dimension_zh(d: &str) -> &str {
    match d {
        "people" => "人数",
        "events" => "次数",
        "length" => "长度",
        "area" => "面积",
        "volume" => "体积",
        "weight" => "重量",
        "money" => "金额",
        "items" => "个数",
        other => other,
    }
}

/// The vague word in a value without digits, if any (not for graded qualitative values).
fn vague_word<'a>(ctx: &'a Ctx, ind: &Indicator, v: &Value) -> Option<&'a str> {
    if !matches!(v, Value::Text(TextKind::Words | TextKind::Sentence)) {
        return None;
    }
    let text = crate::text::fold(&ind.value.as_ref()?.text);
    let values = &ctx.data.values;
    values
        .vague_words
        .iter()
        .filter(|w| !w.is_empty())
        .find(|w| {
            if !values.capability_verbs.contains(w) {
                return text.contains(w.as_str());
            }
            // 支持 before a concrete object states a capability: vague only where it is not.
            text.match_indices(w.as_str())
                .any(|(i, _)| !concrete_object(ctx, &text[i + w.len()..]))
        })
        .map(String::as_str)
}

/// Whether a value states a capability: a capability verb (`capability_verbs`) and its concrete
/// object, and nothing else (“支持国产操作系统和数据库”, “支持1000人同时在线”): it is met or not,
/// neither vague (V005) nor unreadable (V007).
fn capability(ctx: &Ctx, ind: &Indicator) -> bool {
    let Some(f) = ind.value.as_ref() else {
        return false;
    };
    let text = crate::text::fold(&f.text);
    let text = text.trim();
    ctx.data.values.capability_verbs.iter().any(|w| {
        !w.is_empty()
            && text.strip_prefix(w.as_str()).is_some_and(|rest| {
                !rest.contains(['，', ',', '；', ';', '。'])
                    && concrete_object(ctx, rest)
                    && !ctx
                        .data
                        .values
                        .vague_words
                        .iter()
                        .any(|v| !v.is_empty() && rest.contains(v.as_str()))
            })
    })
}

/// Whether the text after a capability verb (`capability_verbs`) begins with a concrete
/// object, up to the end of its clause: one with a number (“1000人同时在线”) or a function of a
/// system (`capability_objects`: “国产操作系统和数据库”), and no abstract head of `slogan_heads`
/// (not “经济社会发展”, “作用”; “乡村产业”, “群众就业创业” name no function: vague).
fn concrete_object(ctx: &Ctx, rest: &str) -> bool {
    let object = rest
        .split(['，', ',', '；', ';', '。', '：', ':'])
        .next()
        .unwrap_or("")
        .trim();
    if object.is_empty() {
        return false;
    }
    let named = object.chars().any(|c| c.is_ascii_digit())
        || ctx
            .data
            .values
            .capability_objects
            .iter()
            .any(|w| !w.is_empty() && object.contains(w.as_str()));
    named
        && !ctx
            .data
            .relevance
            .slogan_heads
            .iter()
            .any(|h| !h.is_empty() && object.contains(h.as_str()))
}

/// Whether the row's value holds a template placeholder that C005 reports (when enabled).
fn placeholder_reported(ctx: &Ctx, ind: &Indicator) -> bool {
    ctx.is_enabled("C005")
        && ind
            .value
            .as_ref()
            .is_some_and(|v| placeholder(ctx.data, &v.text).is_some())
}

fn v005(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let v = ctx.value(k);
        let Some(w) = vague_word(ctx, ind, v) else {
            continue;
        };
        if placeholder_reported(ctx, ind) {
            continue;
        }
        let cell = value_quoted(ind);
        out.push(
            Finding::row(
                k,
                FieldKind::Value,
                value_span(ind),
                format!("“{}”的指标值“{cell}”无法衡量", quote(name_f)),
            )
            .help(format!(
                "“{w}”没有说明做到什么程度。请给出可核对的数值，\
                 如“≥60%”“≥300人次”“≤15个工作日”；确实无法量化的，用分级的定性值（好、较好、一般、差）"
            )),
        );
    }
}

fn is_exception(ctx: &Ctx, name: &str) -> bool {
    crate::text::has_word(name, &ctx.data.values.direction_exceptions)
}

/// Names whose direction is the wrong way round for the comparison symbol.
fn direction(ctx: &Ctx, name: &str) -> Option<bool> {
    let v = &ctx.data.values;
    if is_exception(ctx, name) {
        return None;
    }
    if heads_negative(name, &v.negative_indicators, &v.negative_tails) {
        return Some(false);
    }
    if v.positive_indicators
        .iter()
        .any(|w| name.ends_with(w.as_str()))
    {
        return Some(true);
    }
    None
}

/// Whether a negative word (成本, 费用, 逾期, 投诉率 …) heads the name: it ends it, or only measure
/// words (`tails`: 率, 占比, 支出总额 …) follow it — 管理费用占比, 贷款逾期率. After other words it
/// only names what is measured: 住院费用实际报销比例, 开展成本监审和定价项目数.
fn heads_negative(name: &str, negatives: &[String], tails: &[String]) -> bool {
    // Only the words whose first character the name holds are searched for (a searcher built
    // for each of the list's words and rows cost ~5% of a batch).
    let set = crate::text::char_set(name);
    negatives
        .iter()
        .filter(|w| !w.is_empty())
        .filter(|w| crate::text::may_occur(&set, w))
        .any(|w| {
            name.match_indices(w.as_str()).any(|(i, _)| {
                let mut rest = &name[i + w.len()..];
                while !rest.is_empty() {
                    match tails
                        .iter()
                        .filter(|t| !t.is_empty() && rest.starts_with(t.as_str()))
                        .map(String::len)
                        .max()
                    {
                        Some(n) => rest = &rest[n..],
                        None => return false,
                    }
                }
                true
            })
        })
}

fn v006(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let Value::Number { op: Some(op), .. } = ctx.value(k) else {
            continue;
        };
        let name = ctx.name(&name_f.text);
        let cell = value_quoted(ind);
        let n = quoted(name_f);
        // A row of the 成本 class is a cost whatever its name says (it caps spending), unless
        // it is a standard or an amount paid or guaranteed to beneficiaries (补助标准, 最低标准,
        // 每村办公经费): policy sets those, and a floor (≥) is as right as a cap. A name with a
        // negative word (人均补助成本) is decided by `direction` first. A count under 数量指标
        // is an amount of work done (it has a floor).
        let is_cost = (ctx.class1(ind) == Some(Class1::Cost)
            || ctx.class2(ind).is_some_and(|c| c.is_cost()))
            && !crate::text::has_word(&name, &ctx.data.values.benefit_words);
        let is_count = ctx.class2(ind) == Some(Class2::Quantity)
            && ctx
                .data
                .values
                .count_name_suffixes
                .iter()
                .any(|s| name.ends_with(s.as_str()));
        let dir = direction(ctx, &name).or(if is_cost && !is_exception(ctx, &name) {
            Some(false)
        } else if is_count {
            Some(true)
        } else {
            None
        });
        let (msg, help) = match (dir, op) {
            (Some(false), Op::Ge | Op::Gt) => (
                format!("“{n}”越低越好，指标值“{cell}”却用了“{}”", op.symbol()),
                "成本、投诉率、事故率等应设上限，如“≤800元/人”“≤1%”",
            ),
            (Some(true), Op::Le | Op::Lt) => (
                format!("“{n}”越高越好，指标值“{cell}”却用了“{}”", op.symbol()),
                "满意度、合格率、覆盖率和要完成的数量等应设下限，如“≥90%”“≥300人”",
            ),
            _ => continue,
        };
        out.push(Finding::row(k, FieldKind::Value, value_span(ind), msg).help(help));
    }
}

fn v007(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let vals = &ctx.data.values;
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let v = ctx.value(k);
        let cell = value_quoted(ind);
        let why = match &v {
            Value::Text(kind) => {
                // Placeholders are C005's and vague words V005's, when those rules run.
                // A capability (支持国产操作系统和数据库) is met or not: a checkable value.
                if placeholder_reported(ctx, ind)
                    || (ctx.is_enabled("V005") && vague_word(ctx, ind, v).is_some())
                    || capability(ctx, ind)
                {
                    continue;
                }
                match kind {
                    TextKind::SeveralNumbers => {
                        "有几个数字却凑不成范围，像是从表格复制时串了格".to_string()
                    }
                    TextKind::WithNumber => {
                        "不是“[符号]数字[单位]”的写法，可能把指标名称或说明也写进了指标值"
                            .to_string()
                    }
                    TextKind::Words => {
                        "既不是数值，也不是分级的定性词（好、较好、一般、差；合格；达标……）"
                            .to_string()
                    }
                    TextKind::AllGrades => "列出了所有等级，没有选定要达到哪一级".to_string(),
                    TextKind::Sentence => {
                        "是一句说明或目标，不是目标值：目标写在绩效目标里，这里只填要达到的值"
                            .to_string()
                    }
                }
            }
            Value::Number {
                number, unit: None, ..
            } if ctx.class2(ind) == Some(Class2::Timeliness)
                && number.fract() == 0.0
                && (vals.excel_serial_min..=vals.excel_serial_max).contains(number) =>
            {
                format!("是时效指标，{number}却像是Excel的日期序列号（从表格复制时日期变成了数字）")
            }
            _ => continue,
        };
        out.push(
            Finding::row(
                k,
                FieldKind::Value,
                value_span(ind),
                format!("“{}”的指标值“{cell}”无法识别", quote(name_f)),
            )
            .help(format!(
                "{why}。请写成“≥90%”“≥300人次”“2025年12月底前”这样的形式"
            )),
        );
    }
}

fn v008(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        let asks = name_f.text.contains("是否");
        let v = ctx.value(k);
        let yes_no = matches!(v, Value::Boolean(_));
        if !asks && !yes_no {
            continue;
        }
        let (field, span) = if asks {
            (ind.name_field(), name_f.span)
        } else {
            (FieldKind::Value, value_span(ind))
        };
        let cell = value_quoted(ind);
        out.push(
            Finding::row(
                k,
                field,
                span,
                format!("“{}”是是否型指标（指标值“{cell}”）", quote(name_f)),
            )
            .help(
                "只有是与否两种结果，说明不了做得多好。\
                 请改为可计量的指标，如“带动增收 ≥15万元”“整改完成率 =100%”；不适用的类别可以不填",
            ),
        );
    }
}

fn v009(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let Some(name_f) = ind.name() else { continue };
        if ctx.class1(ind) != Some(Class1::Benefit) {
            continue;
        }
        let v = ctx.value(k);
        let Value::Number { op, number, .. } = *v else {
            continue;
        };
        if number != 100.0 || matches!(op, Some(Op::Le | Op::Lt | Op::Gt)) {
            continue;
        }
        if !is_percent_or_none(ctx, &unit_of(ctx, ind, v)) {
            continue;
        }
        let text = crate::text::fold(&format!(
            "{}{}",
            name_f.text,
            ind.description
                .as_ref()
                .map(|f| f.text.as_str())
                .unwrap_or("")
        ));
        if ctx
            .data
            .values
            .compliance_terms
            .iter()
            .any(|t| text.contains(t.as_str()))
        {
            continue;
        }
        let cell = value_quoted(ind);
        out.push(
            Finding::row(
                k,
                FieldKind::Value,
                value_span(ind),
                format!("效益指标“{}”定为“{cell}”", quote(name_f)),
            )
            .help(
                "效益通常靠调查或抽样评估，100%难以实现也难以核实。\
                 请按历史水平设定，如“≥95%”，或改用可核实的效果指标",
            ),
        );
    }
}
