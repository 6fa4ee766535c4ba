//! R — relevance and copying (相关性): indicators pasted in from unrelated templates.

use crate::data::{Affix, SloganLists};
use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Check, Ctx, Finding, InputCtx, Rule, RuleDoc, Severity, quote, quote_str};
use crate::data::UnitKind;
use crate::fields::{self, ClassSpace};
use crate::model::{Class2, Field, FieldKind, Project};
use crate::source::Span;
use crate::suggest;
use crate::text::{fold, squeeze};

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            code: "R001",
            name: "indicator-irrelevant",
            title: "指标与项目无关",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "指标属于项目根本不涉及的工作领域：养老补贴项目考核“公益电影放映”，\
                       退休教师补助考核科研“结项鉴定”，指纹认证考核“培训学员”满意率。\
                       先从项目名称、资金用途、绩效目标、主管部门和功能分类科目（function_code）\
                       确定项目所属的类；指标含有别的领域的专有词（rules/domains.yaml 的 \
                       distinctive），或按指标库（rules/library/，按类、款分好的六千多条指标）\
                       学到的词语统计明显偏向别的类、又有足够多的库内指标支持时才报告，\
                       并给出指标库中本项目领域、同一二级指标的参考指标。同一类中也按款判断：\
                       项目的款（功能分类科目写到款时以科目为准）之外的另一款明显更像、\
                       指标里的名词只见于那一款时，也报告（水利项目考核“松材线虫”）。\
                       整条照抄的模板指标：名称与指标库中别的类某条指标几乎一样（字符二元组相似度\
                       不低于 name_match_min），本类最相近的指标差得远（name_match_gap），\
                       名词也偏向那一类时，也报告（图书馆项目考核“社会消费品零售总额增长率”）。\
                       项目所属领域确定不了时不报告；满意度、按时完成率、发放准确率这类通用指标从不报告（never_foreign）；\
                       部门整体绩效目标表涵盖部门的全部支出（人员工资、宣传、办公……），不报告；\
                       没有项目名称的表（标题丢失的部门整体表、转移支付的区域表）也不报告。",
                why: "从其他项目的模板整段复制来的指标与本项目无关，考核不了本项目的钱花得值不值，\
                      是审核中最常见也最难一眼看出的问题（财预〔2015〕88号“相关性”审核）。",
                bad: "项目名称: 社保局企业养老扩面补贴\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 时效指标, 三级指标: 完成率, 绩效指标描述: 当年公益电影放映任务完成情况, 指标值: ≥90%}",
                good: "项目名称: 社保局企业养老扩面补贴\n绩效指标:\n  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 新增企业职工参保人数, 指标值: ≥300人}",
            },
            data: &[
                "domains",
                "place_margin",
                "place_lift",
                "foreign_margin",
                "kuan_place_margin",
                "kuan_margin",
                "kuan_min_count",
                "foreign_min_count",
                "name_match_min",
                "name_match_gap",
                "ecological_words",
            ],
            yields_to: &[],
            check: Check::Project(r001),
        },
        Rule {
            code: "R002",
            name: "indicator-boilerplate",
            title: "套话指标",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "指标名称或描述是套话，不衡量本项目的任何东西：一是名单里的套话\
                       “在全国或全省产生的重要影响”“得到广大受众的充分认可”“维护社会稳定”……\
                       （去掉标点空格后比对，名单见 boilerplate_phrases）；二是结构上的套话：\
                       三级指标的每一句都是发展动词加抽象的宾语（“推动经济社会高质量发展”\
                       “提升群众获得感幸福感”），没有可以计数或核对的对象、人群、地点或数量\
                       （词表见 slogan_verbs、slogan_heads 等）；只说明好处或含糊结果的句子（“有利于保证机关高效运转”\
                       “生态资源得到有效利用”，见 slogan_purposes、slogan_outcomes）不论宾语是什么，\
                       没有计量时同样是套话；三是没有任何计量的目标：名称里\
                       没有数字、计量词、人群（多句目标可有人群），指标值只说方向（“明显提升”“有效”，见 slogan_values）\
                       或只重复名称中的动词（“加强文化阵地建设，丰富农村群众文化生活 | 丰富”，见 slogan_echo_verbs），\
                       以发展动词开头（“巩固竞技体育”“加强巡查，保障森林资源安全”，见\
                       slogan_strong_verbs）；抽象的宾语而指标值只写方向的，视同“宾语+结果词”\
                       （“农民综合素质 | 持续提高”即“农民综合素质持续提高”），有计量单位的对象\
                       （“污水处理能力 | 提升”，见 measured_objects）只是指标值含糊（V005）；\
                       只说效果、没有对象的名称配上等级（“社会影响 | 良好”，见 effect_heads、grade_values），\
                       抽象的对象只写没有标准的状态（“社会风气 | 蔚然成风”“群众合理诉求 | 得到解决”，\
                       见 head_values；“就业形势 | 总体稳定”，见 situation_heads、situation_values；\
                       “抗震设防要求 | 满足”这样可以核对的要求、条件、问题不算，见 checkable_heads），\
                       只写对象、没有计量的名称，指标值只说方向的，同样报告（“城乡公共服务差距 | 进一步缩小”，\
                       见 object_max_chars、state_values；指标库以单位计量的对象如“农民人均可支配收入”\
                       “安全生产事故”不报告）；指标值只重复名称中某一句开头动词的，名称里没有计量和数字\
                       （含“五十公里”这样的中文数字）时也报告，不论一句还是几句、有没有人群\
                       （“方便群众办事 | 方便”“开展送戏下乡活动，丰富农村群众文化生活 | 丰富”）。\
                       可以计量的结果（“农民人均可支配收入增长率 ≥5%”\
                       “群众满意度”）和写明可核对状态的指标值（“确保资金专款专用 | 专款专用”\
                       “确保不发生安全事故 | 未发生”）不报告；指向其他领域具体事项的指标由 R001 报告。",
                why: "套话无法考核，评价时只能凭感觉打分；它占着效益指标的位置，掩盖了项目\
                      真正的效果没有被写出来。",
                bad: "项目名称: 国企退休教师生活补贴\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 社会影响力, 绩效指标描述: 在全国或全省产生的重要影响，得到广大受众的充分认可, 指标值: ≥90%}",
                good: "项目名称: 国企退休教师生活补贴\n绩效指标:\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 补贴按时足额发放率, 指标值: =100%}",
            },
            data: &[
                "boilerplate_phrases",
                "slogan_verbs",
                "slogan_adverbs",
                "slogan_heads",
                "slogan_tails",
                "slogan_strong_verbs",
                "slogan_purposes",
                "slogan_outcomes",
                "outcome_adverbs",
                "frame_heads",
                "effect_heads",
                "grade_values",
                "slogan_anchors",
                "slogan_values",
                "head_values",
                "situation_heads",
                "situation_values",
                "checkable_heads",
                "slogan_echo_verbs",
                "echo_nouns",
                "state_values",
                "object_max_chars",
                "measure_comparators",
                "measured_objects",
                "quantity_heads",
                "activity_words",
                "measure_suffixes",
                "never_foreign",
                "population_words",
                "delimited_populations",
            ],
            yields_to: &[],
            check: Check::Project(r002),
        },
        Rule {
            code: "R003",
            name: "indicator-copied",
            title: "指标在无关项目间复制",
            severity: Severity::Warning,
            doc: RuleDoc {
                what: "同一条（或几乎相同的）指标出现在本次检查的两个以上做不同事情的项目里，\
                       也包括不同文件中的项目。名称相近的项目（如同一项目的不同年度）不算；\
                       满意度、按时、准确率等通用指标不算，除非它们指向了某个领域的具体事项。\
                       相似度阈值见 copy_similarity、subject_similarity。",
                why: "做不同事情的项目用了一模一样的指标，说明指标是套模板填的，没有针对项目设计。\
                      审核人成批审阅时最需要看到这种复制。",
                bad: "项目:\n  - 项目名称: 社保局企业养老扩面补贴\n    绩效指标:\n      - {一级指标: 满意度指标, 三级指标: 培训满意率, 绩效指标描述: 培训学员通过网络评估系统对培训班满意率, 指标值: ≥90%}\n  - 项目名称: 社保局指纹认证\n    绩效指标:\n      - {一级指标: 满意度指标, 三级指标: 培训满意率, 绩效指标描述: 培训学员通过网络评估系统对培训班满意率, 指标值: ≥90%}",
                good: "项目:\n  - 项目名称: 社保局企业养老扩面补贴\n    绩效指标:\n      - {一级指标: 产出指标, 三级指标: 新增参保人数, 绩效指标描述: 当年新增企业职工养老保险参保人数, 指标值: ≥300人}\n  - 项目名称: 社保局指纹认证\n    绩效指标:\n      - {一级指标: 产出指标, 三级指标: 认证人数, 绩效指标描述: 完成领取待遇人员年度指纹认证人数, 指标值: ≥12000人}",
            },
            data: &[
                "copy_similarity",
                "copy_min_chars",
                "subject_similarity",
                "generic_indicators",
            ],
            yields_to: &[],
            check: Check::Input(r003),
        },
    ]
}

fn r001(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    // A 部门整体 table covers all of a department's spending — its staff's pay, its publicity,
    // its offices — so no indicator of it is another field's (工资发放准确性 in a 林业局's).
    if p.kind == crate::model::FormKind::Department {
        return;
    }
    // A table that names no project (a 部门整体 自评表 whose title was lost, a 区域 table of a
    // transfer payment) is placed only by its department or goals, which cover all it funds:
    // too little to call a row another field's (零陵 林业局: 提高就业率).
    if p.name.as_ref().is_none_or(|n| n.is_blank()) {
        return;
    }
    let lex = ctx.data.lexicon();
    let space = ClassSpace::of(lex);
    let advice = ProjectRelevance::of(ctx, p);
    let place = &advice.place;
    if place.classes.is_empty() {
        return; // the project's own fields are unknown: stay silent
    }
    let pclasses: Vec<&str> = place.named.iter().map(|&c| space.name(c)).collect();
    let wordings: Vec<Vec<(FieldKind, &Field, String)>> = p
        .indicators
        .iter()
        .map(|ind| {
            ind.wording()
                .filter(|(n, f)| {
                    *n != FieldKind::Description || !template_description(ctx.data, &f.text)
                })
                .map(|(n, f)| (n, f, fold(&f.text)))
                .collect()
        })
        .collect();
    let boiler = boilerplate_rows(ctx, p);
    for (k, ind) in p.indicators.iter().enumerate() {
        // A slogan belongs to no field: R002 reports it.
        if boiler[k].is_some() {
            continue;
        }
        let wording = &wordings[k];
        let texts: Vec<&str> = wording.iter().map(|(_, _, t)| t.as_str()).collect();
        // Another 类's indicator, else (within the project's own 类) another 款's.
        let (i, m, kuan) = match fields::judge(ctx.data, lex, &space, place, &texts) {
            // A field of the project's own 类 (林业 under a 农业 project): the 款 judgement, when
            // it finds the row another 款's, says more (the library's 款 against the project's).
            Some((i, m))
                if m.field.is_some_and(|f| place.has(space.field_class[f]))
                    && place.kuan.is_some() =>
            {
                match fields::judge_kuan(ctx.data, lex, place, &texts) {
                    Some((j, km, x)) => (j, km, Some(x)),
                    None => (i, m, None),
                }
            }
            Some((i, m)) => (i, m, None),
            None => {
                if place.kuan.is_none() || fields::belongs(ctx.data, lex, place, &texts) {
                    continue;
                }
                match fields::judge_kuan(ctx.data, lex, place, &texts) {
                    Some((i, m, x)) => (i, m, Some(x)),
                    None => continue,
                }
            }
        };
        let (field_name, f, _) = &wording[i];
        let f = *f;
        // Any project's ecological benefit speaks of the environment in general words (绿色环保);
        // a row quoted for another word (水质, 雾炮车) is still another field's.
        if matches!(
            ctx.class2(ind),
            Some(Class2::EcologicalBenefit | Class2::EcologicalCost)
        ) && ctx
            .data
            .relevance
            .ecological_words
            .iter()
            .any(|w| *w == f.text[m.start..m.end])
        {
            continue;
        }
        let term = &f.text[m.start..m.end];
        let kuan_name = |c: usize, k: usize| crate::library::CLASSES[c].kuan[k].0;
        let domain = match (m.field, kuan) {
            (_, Some(x)) => format!("{}类“{}”款的", space.name(m.class), kuan_name(m.class, x)),
            (Some(fi), None) => lex.field_name(fi).to_string(),
            (None, None) => space.name(m.class).to_string(),
        };
        let pclasses: Vec<String> = match (kuan, place.kuan, m.field) {
            (Some(_), Some((c, k)), _) => {
                vec![format!("{}类“{}”款", space.name(c), kuan_name(c, k))]
            }
            // Another field of the project's own 类: the project's fields of that 类 are named.
            (None, _, Some(fi)) if place.has(space.field_class[fi]) => place
                .fields
                .iter()
                .filter(|&&g| space.field_class[g] == space.field_class[fi])
                .map(|&g| lex.field_name(g).to_string())
                .collect(),
            _ => pclasses.iter().map(|s| s.to_string()).collect(),
        };
        let name = ind.name().map(quote).unwrap_or_default();
        out.push(
            Finding::row(
                k,
                *field_name,
                f.sub_span(m.start, m.end),
                format!(
                    "“{term}”属于{domain}领域，与项目“{}”（{}）无关",
                    p.display_name(),
                    pclasses.join("、")
                ),
            )
            .help(format!(
                "指标“{name}”像是从其他项目的模板复制来的，请换成衡量本项目产出或效果的指标{}",
                advice.sentence(ctx, &space, p, ind)
            )),
        );
    }
}

/// What R001 and R002 both need of one project, computed once (in [`Ctx::relevance`]): its
/// placement, and the help sentences naming library indicators for its rows, ranked on first
/// use and kept per 二级 class (a project with many findings ranks the library once).
pub struct ProjectRelevance {
    place: fields::Placement,
    suggester: std::cell::OnceCell<suggest::Suggester>,
    done: std::cell::RefCell<Vec<(Option<crate::model::Class2>, String)>>,
}

impl ProjectRelevance {
    fn of<'c>(ctx: &'c Ctx, p: &Project) -> &'c ProjectRelevance {
        ctx.relevance.get_or_init(|| {
            let lex = ctx.data.lexicon();
            let space = ClassSpace::of(lex);
            ProjectRelevance {
                place: suggest::place_project(ctx.data, lex, &space, p, ctx.department),
                suggester: std::cell::OnceCell::new(),
                done: Default::default(),
            }
        })
    }

    /// Library indicators of the project's 类 and the row's 二级 class, as a help sentence.
    fn sentence(
        &self,
        ctx: &Ctx,
        space: &ClassSpace,
        p: &Project,
        ind: &crate::model::Indicator,
    ) -> String {
        let class2 = ctx.class2(ind);
        if let Some((_, s)) = self.done.borrow().iter().find(|(c, _)| *c == class2) {
            return s.clone();
        }
        let sg = self
            .suggester
            .get_or_init(|| suggest::Suggester::new(ctx.data, ctx.data.lexicon(), &self.place, p));
        let s = suggest::help_sentence(space, &self.place, &sg.for_class(class2, 3));
        self.done.borrow_mut().push((class2, s.clone()));
        s
    }
}

/// The library's first 数量 indicator for the project's 类 whose name shares a word with the
/// project, ranked as R001's and R002's help rank them (G003's example for a project without a
/// 数量 target of its own); none when there is no such entry or the field is unknown.
pub(crate) fn library_count(ctx: &Ctx, p: &Project) -> Option<&'static crate::library::Entry> {
    let r = ProjectRelevance::of(ctx, p);
    let sg = r
        .suggester
        .get_or_init(|| suggest::Suggester::new(ctx.data, ctx.data.lexicon(), &r.place, p));
    sg.sharing_a_word(Some(crate::model::Class2::Quantity), 1)
        .into_iter()
        .next()
}

/// What R002 finds in a row, as [`Ctx::boilerplate`] keeps it: a stock phrase (the field it
/// stands in, description or 三级指标, and its index in `boilerplate_phrases`), or a 三级指标
/// that is a slogan by its structure.
#[derive(Clone, Copy, Debug)]
pub enum BoilerKind {
    Phrase(FieldKind, usize),
    Slogan,
    /// A goal naming no measure at all (“巩固竞技体育”, “加强…，保障…”): its object may be
    /// concrete, but nothing in it can be counted or checked.
    Unmeasured,
    /// An object that nothing measures, answered by a bare direction (“城乡公共服务差距 |
    /// 进一步缩小”): the value says which way, never how far; or an effect of no object answered
    /// by a bare grade (“社会影响 | 良好”).
    Direction,
    /// An abstract object answered by a state without a standard (“社会风气 | 蔚然成风”,
    /// “群众合理诉求 | 得到解决”: `head_values`).
    State,
}

/// Which rows of the project are boilerplate, found once for R001 and R002.
fn boilerplate_rows<'c>(ctx: &'c Ctx, p: &Project) -> &'c [Option<BoilerKind>] {
    ctx.boilerplate.get_or_init(|| {
        p.indicators
            .iter()
            .enumerate()
            .map(|(k, ind)| boilerplate(ctx, p, k, ind))
            .collect()
    })
}

/// For each project of `doc`, which of its rows are boilerplate, as R002 judges them (whatever
/// the configuration selects): for `jxlint suggest`, which counts a 二级 class whose rows are
/// all boilerplate as lacking (the CLI passes them on: the suggestions are below the rules).
pub fn boilerplate_of(
    data: &crate::data::RuleData,
    doc: &crate::model::Document,
) -> Vec<Vec<bool>> {
    // The project's context as the engine's `lint` gives it (its department, its budget's
    // unit), so `suggest` and `check` judge the same rows boilerplate.
    let doc_unit = doc.amount_unit();
    let enabled = |_: &str| true;
    doc.projects
        .iter()
        .map(|p| {
            let ctx = Ctx {
                data,
                amount_unit: p.budget.unit_or(&doc_unit),
                department: doc.department_of(p).map(|d| d.text.as_str()),
                from_table: doc.from_table,
                values: Ctx::parse_values(data, p),
                enabled: &enabled,
                relevance: Default::default(),
                boilerplate: Default::default(),
                levels: Default::default(),
            };
            boilerplate_rows(&ctx, p)
                .iter()
                .map(Option::is_some)
                .collect()
        })
        .collect()
}

/// The stock phrases, squeezed, and their automaton (built once per rule data).
fn phrase_set(rel: &crate::data::Relevance) -> &crate::data::PhraseSet {
    rel.phrase_set.get(|| {
        let phrases: Vec<(String, usize)> = rel
            .boilerplate_phrases
            .iter()
            .enumerate()
            .map(|(i, ph)| (squeeze(ph), i))
            .filter(|(s, _)| !s.is_empty())
            .collect();
        // A contiguous NFA: the default picks a DFA for so few patterns, whose construction
        // cost a small file's cold run ~2.5 M instructions; the NFA builds in a fraction and
        // searches a short cell as fast.
        let automaton = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(phrases.iter().map(|(s, _)| s))
            .expect("a few dozen short phrases fit any automaton");
        crate::data::PhraseSet { phrases, automaton }
    })
}

/// Whether row `k` is boilerplate (R002's), and where.
fn boilerplate(
    ctx: &Ctx,
    p: &Project,
    k: usize,
    ind: &crate::model::Indicator,
) -> Option<BoilerKind> {
    let lex = ctx.data.lexicon();
    // A concrete activity of another field than the project's is R001's (or simply not
    // boilerplate); a cross-cutting one (培训, 宣传 …) is every field's, and one of the project's
    // own fields leaves R001 nothing to say: a slogan about trainees, or about 森林资源 in a
    // forestry project, is still a slogan.
    let space = ClassSpace::of(lex);
    let (fields, kind) = row_boilerplate(ctx.data, lex, &space, ind, ctx.values.get(k));
    if fields.iter().any(|&f| {
        // The placement only when a row needs it (R002 alone places no project else).
        let place = &ProjectRelevance::of(ctx, p).place;
        !place.classes.is_empty() && !place.owns_field(&space, f)
    }) {
        return None;
    }
    kind
}

/// What [`boilerplate`] finds in a row whatever the project, kept per thread and texts (a
/// batch's template rows recur in many projects): the lexicon fields of the distinctive terms
/// of its wording whose class is a 类, and what the rest of the test finds.
fn row_boilerplate(
    data: &crate::data::RuleData,
    lex: &crate::lexicon::Lexicon,
    space: &ClassSpace,
    ind: &crate::model::Indicator,
    parsed: Option<&crate::value::Value>,
) -> (Box<[usize]>, Option<BoilerKind>) {
    type Cache = (
        (u64, u64),
        HashMap<Vec<u8>, (Box<[usize]>, Option<BoilerKind>)>,
    );
    thread_local! {
        static SEEN: std::cell::RefCell<Cache> = Default::default();
    }
    // The texts it reads (the parsed value is the value text's, parsed with the same data).
    let mut key = cells_key([&ind.description, &ind.level3, &ind.value]);
    key.push(u8::from(parsed.is_some()));
    let me = (data.id(), lex.id());
    let keep = key.len() <= crate::text::MEMO_MAX_BYTES;
    if let Some(b) = SEEN.with(|c| {
        let c = c.borrow();
        c.1.get(&key).filter(|_| c.0 == me).cloned()
    }) {
        return b;
    }
    let mut fields: Vec<usize> = Vec::new();
    for (_, f) in ind.wording() {
        for h in fields::hits(data, lex, &fold(&f.text)) {
            if h.sense.distinctive
                && space.field_class[h.sense.field] < crate::library::CLASSES.len()
                && !fields.contains(&h.sense.field)
            {
                fields.push(h.sense.field);
            }
        }
    }
    let b = (fields.into(), stock_or_slogan(data, ind, parsed));
    if !keep {
        return b;
    }
    SEEN.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 != me || c.1.len() >= crate::text::MEMO_MAX_ENTRIES {
            *c = (me, Default::default());
        }
        c.1.insert(key, b.clone());
    });
    b
}

/// Whether a row is boilerplate by its wording and value alone (the rest of [`boilerplate`]).
fn stock_or_slogan(
    data: &crate::data::RuleData,
    ind: &crate::model::Indicator,
    parsed: Option<&crate::value::Value>,
) -> Option<BoilerKind> {
    // The description says more than the name: judge it first.
    let found = [
        (FieldKind::Description, &ind.description),
        (FieldKind::Level3, &ind.level3),
    ]
    .into_iter()
    .filter_map(|(n, f)| f.as_ref().filter(|f| !f.is_blank()).map(|f| (n, f)))
    .find_map(|(n, f)| {
        let s = squeeze(&f.text);
        // A stock phrase naming what a measure counts (维护社会稳定专项经费支出合规率) is no
        // slogan: the name ends with the measure, after the phrase.
        let rel = &data.relevance;
        let measured_name = lists(rel)
            .measure_suffixes
            .longest(&s)
            .is_some_and(|n| n < s.len());
        // The first phrase in list order that occurs (at its end, when measured).
        let set = phrase_set(rel);
        set.automaton
            .find_overlapping_iter(s.as_str())
            .filter(|m| !measured_name || m.end() == s.len())
            .map(|m| set.phrases[m.pattern().as_usize()].1)
            .min()
            .map(|i| BoilerKind::Phrase(n, i))
    });
    if found.is_some() {
        return found;
    }
    // The structural test, on the 三级指标: a development verb with only abstract objects.
    let l3 = ind.level3.as_ref().filter(|f| !f.is_blank())?;
    let measurable = parsed.is_some_and(|v| {
        v.is_numeric()
            && v.unit()
                .and_then(|u| data.units.kind(u))
                .is_some_and(|k| matches!(k, UnitKind::Count | UnitKind::Measure | UnitKind::Money))
    });
    // A yes/no question ("是否对当地生态环境造成影响") is checked by its answer.
    // A 是 alone does not make a development goal a question (“…，促进产业衔接” 是).
    let question = matches!(parsed, Some(crate::value::Value::Boolean(false)))
        || ["是否", "有无", "有没有"]
            .iter()
            .any(|q| l3.trimmed().starts_with(q));
    let numeric = parsed.is_some_and(|v| v.is_numeric());
    let value = ind.value.as_ref().map(|v| v.text.as_str());
    if measurable
        || question
        || (!numeric && value.is_some_and(|v| value_states_measure(&data.relevance, v)))
    {
        return None;
    }
    slogan(data, &l3.text, numeric, value)
}

fn r002(ctx: &Ctx, p: &Project, out: &mut Vec<Finding>) {
    let lex = ctx.data.lexicon();
    let space = ClassSpace::of(lex);
    let rows = boilerplate_rows(ctx, p);
    if rows.iter().all(Option::is_none) {
        return;
    }
    let rel_phrases = &ctx.data.relevance.boilerplate_phrases;
    // Placed only when there is something to advise on.
    let advice = ProjectRelevance::of(ctx, p);
    for (k, found) in rows.iter().enumerate() {
        let Some(found) = found else { continue };
        let ind = &p.indicators[k];
        let name = ind.name().map(quote).unwrap_or_default();
        // Library indicators of the project's field, else two that fit any project.
        let mut help = advice.sentence(ctx, &space, p, ind);
        if help.is_empty() {
            help = "，如“受益人数 ≥2000人”“问题整改完成率 ≥95%”".to_string();
        }
        // The field the finding stands in (never blank: it was read to find the phrase).
        let field = |n: FieldKind| match n {
            FieldKind::Description => ind.description.as_ref(),
            _ => ind.level3.as_ref(),
        };
        out.push(match *found {
            BoilerKind::Phrase(n, i) => {
                let (Some(f), Some(phrase)) = (field(n), rel_phrases.get(i)) else {
                    continue;
                };
                Finding::row(k, n, f.span, format!("指标“{name}”是套话")).help(format!(
                    "“{phrase}”不衡量本项目的任何东西，评价时无法核实。\
                     请写出项目实际带来的、可以核对的效果{help}"
                ))
            }
            BoilerKind::Direction | BoilerKind::State => {
                let (Some(l3), Some(v)) = (field(FieldKind::Level3), ind.value.as_ref()) else {
                    continue;
                };
                let message = if matches!(found, BoilerKind::State) {
                    format!(
                        "指标“{name}”是套话：名称是抽象的对象，指标值“{}”只说了它的状态，\
                         没有说明以什么标准判断达到，名称里也没有可以核对的数量或比率",
                        quote(v)
                    )
                } else {
                    format!(
                        "指标“{name}”是套话：指标值“{}”只是方向或程度的说法，没有说明要达到多少，\
                         名称里也没有可以核对的数量、比率或标准",
                        quote(v)
                    )
                };
                Finding::row(k, FieldKind::Level3, l3.span, message).help(format!(
                    "这样的指标评价时无法核实，改成什么样都能算达到。请写出可以核对的结果{help}"
                ))
            }
            BoilerKind::Slogan | BoilerKind::Unmeasured => Finding::row(
                k,
                FieldKind::Level3,
                match field(FieldKind::Level3) {
                    Some(l3) => l3.span,
                    None => continue,
                },
                // Name the row's own abstract object (获得感, 发展) where one ends a clause; a
                // benefit or a vague outcome (有利于…, 得到有效保护) has none.
                match ind
                    .level3
                    .as_ref()
                    .filter(|_| matches!(found, BoilerKind::Slogan))
                    .and_then(|f| abstract_head(&ctx.data.relevance, &f.text))
                {
                    Some(head) => format!(
                        "指标“{name}”是套话：只说了“{head}”这样抽象的目标，没有可以计数或核对的对象"
                    ),
                    None => format!(
                        "指标“{name}”是套话：只写了要做的事或想要的方向，\
                         没有可以计数或核对的数量、比率或标准"
                    ),
                },
            )
            .help(format!(
                "这样的指标评价时无法核实。请写出项目实际带来的、可以核对的效果{help}"
            )),
        });
    }
}

/// The abstract head (`slogan_heads`) that ends the first clause of a 三级指标 that has one,
/// before any result word (提升群众获得感幸福感: 幸福感; 社会效益显著: 效益), for the message;
/// not the means of a 以…为 frame (以项目建设为抓手).
fn abstract_head(rel: &crate::data::Relevance, text: &str) -> Option<String> {
    let text = fold(text);
    text.split(['，', ',', '。', '；', ';', '、', '！', '!', '\n'])
        .find_map(|c| {
            let mut s = c.trim();
            while let Some(n) = lists(rel).slogan_tails.longest(s) {
                if n == s.len() {
                    break;
                }
                s = &s[..s.len() - n];
            }
            let s = s.trim_end_matches('的');
            let n = lists(rel).slogan_heads.longest(s)?;
            // 以…为抓手 names the means, not the aim: the next clause's head is quoted.
            if s.starts_with('以') && s[..s.len() - n].ends_with('为') {
                return None;
            }
            Some(s[s.len() - n..].to_string())
        })
}

/// How a clause of a 三级指标 reads to the structural slogan test.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Clause {
    /// A development verb (or 对/为 …) with only abstract objects: a slogan.
    Slogan,
    /// A bare abstract object after a slogan clause (“增强政治意识，大局意识”): the verb before
    /// it governs it too.
    Continued,
    /// Opens with a development verb but names something else (“加强培训”): a slogan only as
    /// part of a goal whose other clauses are slogans. `true`: its object is short (two
    /// characters: 培训), naming nothing in particular.
    Verb(bool),
    /// Anything else: a measure, a digit, a concrete thing.
    Other,
}

/// Whether a 三级指标 is a slogan by its structure, and which kind. [`BoilerKind::Slogan`]:
/// every clause (split at ，。；) is a development verb (or 对/为 …) with an abstract object at
/// its end, possibly followed by a result word, and none has a digit or ends with a measure; a
/// goal of several clauses that all open with a development verb is one when at least half of
/// them are and its value is no number (“加强培训，提高监管人员专业水平”).
/// A clause that only states a benefit or a vague outcome (`vague_statement`) is a slogan
/// clause whatever its object. [`BoilerKind::Direction`]: an object answered by a bare
/// direction (`object_only`), or an effect of no object answered by a grade (`graded_effect`).
/// [`BoilerKind::State`]: an abstract object answered by a state without a standard
/// (`head_value`: 社会风气 | 蔚然成风), or a situation answered by a state (`situation`: 就业形势 |
/// 总体稳定). [`BoilerKind::Unmeasured`]: a goal that names no measure at all, answered by a word
/// of direction (`unmeasured_goal`, tasks and an aim among them).
pub(crate) fn slogan(
    data: &crate::data::RuleData,
    text: &str,
    numeric_value: bool,
    value: Option<&str>,
) -> Option<BoilerKind> {
    let rel = &data.relevance;
    let value = value.map(fold);
    let value = value.as_deref();
    let text: String = fold(text).chars().map(crate::text::fold_width).collect();
    let text = unnumbered(&text);
    let clauses: Vec<&str> = text
        .split(['，', ',', '。', '；', ';', '！', '!', '\n'])
        .map(|c| c.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '“' | '”' | '"')))
        .filter(|c| !c.is_empty())
        .collect();
    let mut kinds: Vec<Clause> = Vec::with_capacity(clauses.len());
    for c in &clauses {
        let after_slogan =
            kinds.last() == Some(&Clause::Slogan) || kinds.last() == Some(&Clause::Continued);
        kinds.push(clause(rel, c, numeric_value, after_slogan, false));
    }
    let aims: Vec<bool> = kinds
        .iter()
        .map(|k| matches!(k, Clause::Slogan | Clause::Continued))
        .collect();
    let slogans = aims.iter().filter(|&&a| a).count();
    // A goal of several clauses: more than half of them slogans, or half when the others name
    // nothing in particular (“加强培训，提高…水平”; the message names abstract aims only then).
    let vague_rest = kinds.iter().all(|k| !matches!(k, Clause::Verb(false)));
    let by_heads = !kinds.is_empty()
        && (slogans == kinds.len()
            || (kinds.len() >= 2
                && !numeric_value
                && kinds.iter().all(|k| *k != Clause::Other)
                && (2 * slogans > kinds.len() || (2 * slogans == kinds.len() && vague_rest))));
    // The value only says which way things should go, or repeats the goal's verb.
    let direction =
        !numeric_value && (direction_value(rel, value) || echo_value(rel, &clauses, value));
    if by_heads && !value.is_some_and(negated) {
        Some(BoilerKind::Slogan)
    } else if let [c] = clauses[..]
        && (direction || (!numeric_value && head_value(rel, c, value)))
        && value.is_some_and(|v| v.trim().chars().count() <= 8)
        && clause(rel, c, false, false, true) == Clause::Slogan
        && !quantity_object(rel, c)
        && !library_measure(c)
    {
        // An abstract object whose result word stands in the value cell (农民综合素质 | 持续
        // 提高) reads as 农民综合素质持续提高: a slogan, unless the library lists the name as
        // a measured indicator (居民健康素养水平 is a survey's percentage) or the object is
        // measured in units (`measured_objects`: 污水处理能力, 空气质量; a 能力/水平/质量 of no
        // work or service of people, `quantity_object` — the value is vague, V005's). A longer
        // value is a description, not a result word. Its message quotes the value.
        if direction {
            Some(BoilerKind::Direction)
        } else {
            Some(BoilerKind::State)
        }
    } else if let [c] = clauses[..]
        && direction
        && !library_measure(c)
        && !quantity_object(rel, c)
        && object_only(data, c, value)
    {
        Some(BoilerKind::Direction)
    } else if let [c] = clauses[..]
        && !numeric_value
        && graded_effect(data, c, value)
    {
        Some(BoilerKind::Direction)
    } else if let [c] = clauses[..]
        && !numeric_value
        && situation(rel, c, value)
    {
        Some(BoilerKind::State)
    } else if (direction && unmeasured_goal(data, &clauses, &aims))
        // A value that only repeats the verb of one of its clauses, none of which names a
        // measure or a number, checks none of them: one aim (方便群众办事 | 方便), or a task
        // and an aim (开展送戏下乡活动，丰富农村群众文化生活 | 丰富).
        || (!numeric_value
            && echo_value(rel, &clauses, value)
            && !clauses
                .iter()
                .any(|c| measured(rel, c) || chinese_number(c)))
    {
        Some(BoilerKind::Unmeasured)
    } else {
        None
    }
}

/// Whether a one-clause 三级指标 names only an effect of no object (`effect_heads` at its end,
/// before any 情况 or 的: 社会影响, 经济效益情况) — no verb opens it, no measure — answered by a
/// bare grade (`grade_values`, the whole value: 良好, 较好, 优): “社会影响 | 良好” grades nothing
/// that could be checked; nor does a name that is nothing but a generic subject (项目实施情况 |
/// 良好: `slogan_subjects`). A grade of a thing (工程质量 | 优良) is no such row, nor a bare
/// category name (社会效益 | 良好 is S008's).
fn graded_effect(data: &crate::data::RuleData, c: &str, value: Option<&str>) -> bool {
    let rel = &data.relevance;
    let v = value.unwrap_or_default().trim();
    if !rel.grade_values.iter().any(|g| g == v) || measured(rel, c) {
        return false;
    }
    if data.framework.is_category(&crate::text::norm_name(c)) {
        return false;
    }
    let name = c.trim_end_matches('的');
    let name = name
        .strip_suffix("情况")
        .unwrap_or(name)
        .trim_end_matches('的');
    // Nothing but a generic subject (项目实施情况 | 良好) names no object to grade.
    if !name.is_empty() && subject_stripped(rel, name).is_empty() {
        return true;
    }
    rel.effect_heads.iter().any(|h| name.ends_with(h.as_str()))
        && lists(rel)
            .slogan_verbs
            .longest(opening_stripped(rel, name))
            .is_none()
}

/// Whether a one-clause 三级指标 only names an object that nothing measures, so that a bare
/// direction in its value (`slogan_values`, at most four characters after the adverbs) is all it
/// says: “城乡公共服务差距 | 进一步缩小”. Not a task (its first word a verb: 安装坡面水标尺), 4 to
/// `object_max_chars` characters, no measure nor `measured_objects` (环境空气质量, 管网漏损), no
/// population as its head (受益群众; 群众办事体验 is the people's experience), no value naming a
/// checkable state (`state_values`), and no head the library measures in units: two library
/// indicators or more use its last two to four characters (before any result word) followed by
/// at most three more, with a count, money or measure unit or a rate (收入 in 农民人均可支配收入, 事故 in
/// 安全生产事故起数: a quantity with a vague value is V005's); a word every field uses
/// (`never_foreign`: 建设 of 平安建设) is no such head.
fn object_only(data: &crate::data::RuleData, c: &str, value: Option<&str>) -> bool {
    let rel = &data.relevance;
    let c = c.trim_end_matches('的');
    let n = c.chars().count();
    if n < 4
        || n as f64 > rel.object_max_chars
        || measured(rel, c)
        || rel.measured_objects.iter().any(|m| c.ends_with(m.as_str()))
    {
        return false;
    }
    let goals = &data.goals;
    if goals
        .population_words
        .iter()
        .chain(&goals.delimited_populations)
        .any(|w| c.ends_with(w.as_str()))
    {
        return false;
    }
    let v = opening_stripped(rel, value.unwrap_or_default().trim());
    if v.chars().count() > 4 || rel.state_values.iter().any(|w| v.contains(w.as_str())) {
        return false;
    }
    // A task, not an object: a verb opens it.
    let lex = data.lexicon();
    let opens_with_verb = crate::fields::tokens(lex, c).first().is_some_and(|t| {
        t.start == 0 && crate::library::term(t.word).is_some_and(|t| t.pos == "v")
    });
    if opens_with_verb
        || lists(rel)
            .slogan_verbs
            .longest(opening_stripped(rel, c))
            .is_some()
    {
        return false;
    }
    // The head before any result word the name carries (农民收入显著提升: 收入).
    let mut head = c;
    while let Some(n) = lists(rel).slogan_tails.longest(head) {
        if n == head.len() {
            break;
        }
        head = &head[..head.len() - n];
    }
    let chars: Vec<char> = head.chars().collect();
    let measured_head = (2..=4.min(chars.len())).any(|k| {
        let tail: String = chars[chars.len() - k..].iter().collect();
        // A word every field uses (建设, 质量, 服务: never_foreign) counts nothing by itself.
        !rel.never_foreign.contains(&tail)
            && crate::library::ENTRIES
                .iter()
                .filter(|e| {
                    e.name.match_indices(tail.as_str()).any(|(i, _)| {
                        let rest = &e.name[i + tail.len()..];
                        rest.chars().count() <= 3
                            && (rest.ends_with('率')
                                || data.units.kind(e.unit).is_some_and(|k| {
                                    matches!(
                                        k,
                                        UnitKind::Count | UnitKind::Measure | UnitKind::Money
                                    )
                                }))
                    })
                })
                .nth(1)
                .is_some()
    });
    !measured_head
}

/// Whether a name is an object measured in units: one of `measured_objects` at its end
/// (污水处理能力, 空气质量), or a head that may measure a quantity (`quantity_heads`: 能力, 水平,
/// 质量) whose object names no work or service of people (`activity_words`): 河道行洪能力,
/// 低保补助水平, 森林质量 are quantities, 医疗服务水平 and 应急处置能力 are aims.
fn quantity_object(rel: &crate::data::Relevance, name: &str) -> bool {
    let name = name.trim_end_matches('的');
    rel.measured_objects
        .iter()
        .any(|m| name.ends_with(m.as_str()))
        || rel.quantity_heads.iter().any(|h| {
            name.strip_suffix(h.as_str()).is_some_and(|object| {
                !rel.activity_words
                    .iter()
                    .any(|w| object.contains(w.as_str()))
            })
        })
}

/// Whether the library lists the name with a unit, so that it is measured (居民健康素养水平,
/// %), however vague the row's value: an indicator of the library has this name, or ends with
/// it when it has six characters or more (全县居民健康素养水平 → 居民健康素养水平; not a
/// fragment such as 素养水平), or the name ends with one of four characters or more.
fn library_measure(name: &str) -> bool {
    let name = squeeze(name);
    let long = name.chars().count() >= 6;
    crate::library::ENTRIES.iter().any(|e| {
        e.name == name
            || (long && e.name.ends_with(name.as_str()))
            || (e.name.chars().count() >= 4 && name.ends_with(e.name))
    })
}

/// A text without the numbering a template puts before it (指标1：, 1、, （2）).
fn unnumbered(text: &str) -> &str {
    let t = text.trim_start();
    if let Some(c) = t.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        return t[c.len_utf8()..].trim_start();
    }
    let digits = |s: &str| {
        s.char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(c)))
            .map_or(s.len(), |(i, _)| i)
    };
    let rest = if let Some(r) = t.strip_prefix("指标") {
        let n = digits(r);
        if n == 0 {
            return text;
        }
        let r = &r[n..];
        r.strip_prefix([':', '：', '、', '.', '．']).unwrap_or(r)
    } else if let Some(r) = t.strip_prefix(['(', '（']) {
        let n = digits(r);
        match r[n..].strip_prefix([')', '）']) {
            Some(r) if n > 0 => r,
            _ => return text,
        }
    } else {
        let n = digits(t);
        match t[n..].strip_prefix(['、', '.', '．', ':', '：', ')', '）']) {
            Some(r) if n > 0 => r,
            _ => return text,
        }
    };
    rest.trim_start()
}

/// Whether a row's (folded) value only says which way things should go (提升, 明显, 有效, 加强
/// …: `slogan_values`). A value stating a checkable state (正常, 按时, 完整, 专款专用, 形成, 实现
/// …), a negated one or none makes even a goal without a measure no slogan of this kind
/// (“形成调研报告 | 形成”; a blank value is C002's).
fn direction_value(rel: &crate::data::Relevance, value: Option<&str>) -> bool {
    let v = value.unwrap_or_default().trim();
    !v.is_empty()
        && !negated(v)
        && !v.chars().any(|c| c.is_ascii_digit())
        && !rel.slogan_anchors.iter().any(|w| v.contains(w.as_str()))
        && rel.slogan_values.iter().any(|w| v.contains(w.as_str()))
}

/// Whether a (folded) value says no more than a direction or a state without a standard once it
/// follows an abstract object `c`: the whole value is made of `head_values` (蔚然成风, 得到解决,
/// 健全, 总体 …) and adverbs (持续高涨, 进一步健全) — not a value that only contains one (满足国家
/// 标准, 全部得到办理, 总体验收通过) —, not negated, no digit, no word of `slogan_anchors` or
/// `state_values` (建立健全, 及时到位); and the object is none of `checkable_heads` (a requirement,
/// a condition, a problem: 抗震设防要求 | 落实到位, 积水问题 | 得到解决 are checked yes or no) and
/// names no measure.
fn head_value(rel: &crate::data::Relevance, c: &str, value: Option<&str>) -> bool {
    let v = value.unwrap_or_default().trim();
    let c = c.trim_end_matches('的');
    !v.is_empty()
        && !negated(v)
        && !v.chars().any(|c| c.is_ascii_digit())
        && !rel
            .slogan_anchors
            .iter()
            .chain(&rel.state_values)
            .any(|w| v.contains(w.as_str()))
        && !rel
            .checkable_heads
            .iter()
            .any(|h| !h.is_empty() && c.ends_with(h.as_str()))
        && !measured(rel, c)
        && made_of(rel, v, &lists(rel).head_values)
}

/// Whether a value is made wholly of words of `words`, one at least, and `slogan_adverbs`
/// (each perhaps followed by 地): 持续高涨, 总体平稳可控.
fn made_of(rel: &crate::data::Relevance, v: &str, words: &Affix) -> bool {
    let ls = lists(rel);
    let (mut s, mut found) = (v, false);
    while !s.is_empty() {
        if let Some(n) = words.longest(s) {
            found = true;
            s = &s[n..];
        } else if let Some(n) = ls.slogan_adverbs.longest(s) {
            s = &s[n..];
            s = s.strip_prefix('地').unwrap_or(s);
        } else {
            return false;
        }
    }
    found
}

/// Whether a one-clause 三级指标 names a situation (`situation_heads`: 就业形势, 安全生产态势)
/// and nothing measured, answered by a value made wholly of `situation_values` and adverbs
/// (总体稳定, 良好, 平稳可控): no standard says when such a state is reached. A value that names a
/// report, a schedule, a target or a measure (按月分析研判, 完成省下达目标, 事故起数下降) is no such
/// value.
fn situation(rel: &crate::data::Relevance, c: &str, value: Option<&str>) -> bool {
    let v = value.unwrap_or_default().trim();
    let c = c.trim_end_matches('的');
    !negated(v)
        && rel
            .situation_heads
            .iter()
            .any(|h| !h.is_empty() && c.ends_with(h.as_str()) && c.len() > h.len())
        && !measured(rel, c)
        && made_of(rel, v, &lists(rel).situation_values)
}

/// Whether a value the parser reads as no number states one in words: a comparison with a
/// number (党员参学率≥95%, 不少于20场) or a number and its unit at its end (带动就业300人, 同比
/// 增长10%; the comparisons are `measure_comparators`). Such a row is checked by its value,
/// whatever its name says (提升景区吸引力 | 接待游客人次同比增长10%).
fn value_states_measure(rel: &crate::data::Relevance, v: &str) -> bool {
    let v = v.trim();
    let digit_after = |i: usize| v[i..].chars().take(4).any(|c| c.is_ascii_digit());
    let compared = rel.measure_comparators.iter().any(|c| {
        v.match_indices(c.as_str())
            .any(|(i, _)| digit_after(i + c.len()))
    });
    // A number, then at most three characters of unit (人次, 万元, 个, %), at the end.
    let tail: Vec<char> = v.chars().rev().take(4).collect();
    let unit = tail.iter().take_while(|c| !c.is_ascii_digit()).count();
    compared || (unit <= 3 && tail.get(unit).is_some_and(|c| c.is_ascii_digit()))
}

/// Whether a (folded) value only repeats a development verb that opens a clause of the text
/// (`slogan_echo_verbs`, after adverbs such as 有效, 进一步 or the hedge 基本, or before an adverb
/// such as 有力): “加强文化阵地建设，丰富农村群众文化生活 | 丰富”, “加大就业援助力度，帮助就业
/// 困难人员实现就业 | 有效帮助”, “引导青少年听党话、跟党走 | 引导有力”, “繁荣群众文化，满足群众
/// 精神文化需求 | 基本满足”.
fn echo_value(rel: &crate::data::Relevance, clauses: &[&str], value: Option<&str>) -> bool {
    let v = opening_stripped(rel, value.unwrap_or_default().trim());
    // An adverb may follow the verb too (引导有力, 保障有力).
    let v = rel
        .slogan_adverbs
        .iter()
        .find_map(|a| {
            v.strip_suffix(a.as_str())
                .filter(|r| !a.is_empty() && !r.is_empty())
        })
        .unwrap_or(v);
    // A hedge before the verb says no more (满足群众精神文化需求 | 基本满足).
    let v = v.strip_prefix("基本").unwrap_or(v);
    !v.is_empty()
        && rel.slogan_echo_verbs.iter().any(|w| w == v)
        && clauses.iter().any(|c| {
            // The verb itself, not a noun made of it (保障性住房, 引导员: `echo_nouns`).
            let o = opening_stripped(rel, c);
            o.starts_with(v) && !verb_noun(rel, o)
        })
}

/// Whether a text writes a number in Chinese numerals (改造管网五十公里, 保障三万农村人口, 建成
/// 三座): a numeral before a unit, or two numerals or more in a row — a count as much as a digit
/// is. 一体化, 万众, the plans 十四五 and a quoted name (“四项制度”) are no such number.
fn chinese_number(text: &str) -> bool {
    const NUMERALS: &str = "零一二三四五六七八九十百千万两";
    const UNITS: &str = "个名人场次公里米户所座处项家台套条吨亩间件元";
    let mut quoted = false;
    let chars: Vec<char> = text
        .replace("十三五", "")
        .replace("十四五", "")
        .replace("十五五", "")
        .chars()
        .filter(|&c| {
            if matches!(c, '“' | '”' | '"') {
                quoted = c == '“' || (c == '"' && !quoted);
                return false;
            }
            !quoted
        })
        .collect();
    chars
        .windows(2)
        .any(|w| NUMERALS.contains(w[0]) && (UNITS.contains(w[1]) || NUMERALS.contains(w[1])))
}

/// Whether a (folded) value states that something does not happen (无明显缺陷, 未发生, 不受影响 —
/// 不断 aside): a checkable state, so the row is no slogan (“确保系统运行不受影响 | 不受影响”).
fn negated(v: &str) -> bool {
    v.replace("不断", "")
        .contains(['无', '不', '未', '没', '零'])
}

/// A goal that measures nothing, whatever its object (see `slogan_strong_verbs` in
/// rules/relevance.yaml): no clause names a measure (nor, in a goal of one clause or in a task
/// before an aim, a population), and either every one of two or more clauses opens with a
/// development verb (or 以/为/把/对/向, 让/使), or one of two or more clauses is a slogan
/// (`aims`: tasks and an aim), or the one clause opens with a development verb after a slogan
/// adverb, with a strong development verb, or with 为 and whom it serves (two characters or
/// more) before a development verb.
fn unmeasured_goal(data: &crate::data::RuleData, clauses: &[&str], aims: &[bool]) -> bool {
    let rel = &data.relevance;
    let ls = lists(rel);
    let verb_at = |s: &str, list: &Affix| {
        list.longest(s)
            .filter(|&n| n < s.len() && !verb_noun(rel, s))
    };
    // The openings first (prefix tests), the measures only then: most rows open otherwise.
    let opens = match clauses {
        [] => false,
        [c] => {
            let after_subject = subject_stripped(rel, c);
            let adverb = ls.slogan_adverbs.longest(after_subject).is_some();
            let o = opening_stripped(rel, c);
            // 为 and whom it serves, then a development verb (为每个孩子提供公平而有质量的
            // 教育): the aim of a frame, not a task.
            let framed = o.strip_prefix('为').is_some_and(|r| {
                r.char_indices()
                    .skip(2)
                    .any(|(i, _)| verb_at(&r[i..], &ls.slogan_verbs).is_some())
            });
            (verb_at(o, &ls.slogan_strong_verbs).is_some()
                || (adverb && verb_at(o, &ls.slogan_verbs).is_some())
                || framed)
                && c.chars().count() >= 4
        }
        _ => clauses.iter().all(|c| {
            let o = opening_stripped(rel, c);
            verb_at(o, &ls.slogan_verbs).is_some()
                || verb_at(o, &ls.slogan_strong_verbs).is_some()
                || causative(o)
                || (["以", "为", "把", "对", "向"]
                    .iter()
                    .any(|p| o.starts_with(p) && o.len() > p.len())
                    && !rel.dui_compounds.iter().any(|w| o.starts_with(w.as_str())))
        }),
    };
    // Tasks and an aim (举办全民健身赛事活动，满足群众健身需求): a goal of several clauses that
    // do not all open with a development verb measures nothing when one of them is a slogan
    // (`aims`) and none names a measure, nor a task a population.
    let tasks = !opens && clauses.len() >= 2 && aims.contains(&true);
    // A population says whom one clause serves (促进沿线农户增收), or whom a task serves
    // (支持农村低收入群体实施危房改造，保障其基本住房安全); in a goal of several clauses that all
    // open with a development verb it is the aim's object, not a measure (加大就业援助力度，帮助
    // 就业困难人员实现就业), and so it is in the aim after tasks (满足群众健身需求).
    let goals = &data.goals;
    (opens || tasks)
        && !clauses.iter().zip(aims).any(|(c, &aim)| {
            measured(rel, c)
                || chinese_number(c)
                || ((clauses.len() == 1 || (tasks && !aim))
                    && goals
                        .population_words
                        .iter()
                        .chain(&goals.delimited_populations)
                        .any(|w| c.contains(w.as_str())))
        })
}

/// Whether a clause names something to count or check: a digit, a measure (at its end, or of
/// two characters or more inside it), 率 (not 效率), a word of `slogan_anchors`, or an ending in
/// 性 that is no abstract head (及时性, not 积极性).
fn measured(rel: &crate::data::Relevance, c: &str) -> bool {
    if c.chars().any(|ch| ch.is_ascii_digit()) {
        return true;
    }
    let s = c.trim_end_matches('的');
    let head = lists(rel).slogan_heads.longest(s);
    if lists(rel)
        .measure_suffixes
        .longest(s)
        .is_some_and(|m| head.is_none_or(|h| m > h))
    {
        return true;
    }
    // Inside the clause, a measure followed by 化 is a manner (标准化建设, 规模化养殖).
    if lists(rel).inner_measures.iter().any(|m| {
        c.match_indices(&**m)
            .any(|(i, _)| !c[i + m.len()..].starts_with('化'))
    }) {
        return true;
    }
    if c.match_indices('率').any(|(i, _)| !c[..i].ends_with('效')) {
        return true;
    }
    if rel.slogan_anchors.iter().any(|w| c.contains(w.as_str())) {
        return true;
    }
    s.ends_with('性') && head.is_none()
}

fn lists(rel: &crate::data::Relevance) -> &SloganLists {
    rel.slogan_lists.get(|| SloganLists {
        measure_suffixes: Affix::new(&rel.measure_suffixes, true),
        slogan_tails: Affix::new(&rel.slogan_tails, true),
        slogan_heads: Affix::new(&rel.slogan_heads, true),
        slogan_bare_heads: Affix::new(&rel.slogan_bare_heads, true),
        slogan_subjects: Affix::new(&rel.slogan_subjects, false),
        slogan_adverbs: Affix::new(&rel.slogan_adverbs, false),
        slogan_verbs: Affix::new(&rel.slogan_verbs, false),
        slogan_strong_verbs: Affix::new(&rel.slogan_strong_verbs, false),
        slogan_purposes: Affix::new(&rel.slogan_purposes, false),
        head_values: Affix::new(&rel.head_values, false),
        situation_values: Affix::new(&rel.situation_values, false),
        inner_measures: rel
            .measure_suffixes
            .iter()
            .filter(|m| m.chars().count() >= 2 && !rel.slogan_heads.contains(m))
            .map(|m| m.as_str().into())
            .collect(),
    })
}

/// A clause without its opening: a generic subject (项目实施, 本项目) and adverbs (有效, 进一步,
/// 极大地), in any order.
fn opening_stripped<'a>(rel: &crate::data::Relevance, mut s: &'a str) -> &'a str {
    s = subject_stripped(rel, s);
    for _ in 0..3 {
        let Some(n) = lists(rel).slogan_adverbs.longest(s) else {
            break;
        };
        s = &s[n..];
        s = s
            .strip_prefix('地')
            .or_else(|| s.strip_prefix('的'))
            .unwrap_or(s);
    }
    s
}

/// One clause of a 三级指标 to the structural slogan test.
fn clause(
    rel: &crate::data::Relevance,
    c: &str,
    numeric_value: bool,
    after_slogan: bool,
    value_tail: bool,
) -> Clause {
    if c.chars().count() < 2 || c.chars().any(|ch| ch.is_ascii_digit()) || chinese_number(c) {
        return Clause::Other;
    }
    // A benefit or a vague outcome is a slogan whatever its object.
    if !numeric_value && vague_statement(rel, c) {
        return Clause::Slogan;
    }
    let opening = opening_stripped(rel, c);
    let verb_len = lists(rel)
        .slogan_verbs
        .longest(opening)
        .filter(|&n| n < opening.len() && !verb_noun(rel, opening));
    let opens_with_verb = verb_len.is_some();
    let short_object = verb_len.is_some_and(|n| opening[n..].chars().count() <= 2);
    let mut s: &str = c;
    // Result words at the end ("社会效益显著", "服务能力提升"), or in the value cell.
    let mut tail = value_tail;
    while let Some(n) = lists(rel).slogan_tails.longest(s) {
        if n == s.len() {
            break;
        }
        s = &s[..s.len() - n];
        tail = true;
    }
    let s = s.trim_end_matches('的');
    let measure = lists(rel).measure_suffixes.longest(s);
    let head = match lists(rel).slogan_heads.longest(s) {
        Some(h) => h,
        None => {
            return if opens_with_verb && measure.is_none() && c.chars().count() >= 4 {
                Clause::Verb(short_object)
            } else {
                Clause::Other
            };
        }
    };
    if measure.is_some_and(|m| m > head) {
        return Clause::Other;
    }
    // A feeling of the people with a number (提升群众安全感 ≥90%) is a survey's rate.
    if numeric_value && lists(rel).slogan_bare_heads.longest(s).is_some() {
        return Clause::Other;
    }
    // A measure coordinated with the abstract object names something countable
    // (提高职工参保率及收入水平): not a slogan.
    if coordinated_measure(rel, &s[..s.len() - head]) {
        return Clause::Other;
    }
    if c.chars().count() < 4 && !after_slogan {
        return Clause::Other;
    }
    // The verb opens the clause (after an adverb such as 有效, 进一步) and has an object
    // before the head: 服务质量 and 保障能力 are nouns, 提升服务质量 is a slogan. 对/为
    // open it too (对社会产生积极影响); 校对 or 核对 inside a name do not count.
    let body = opening_stripped(rel, &s[..s.len() - head]);
    let verb = match lists(rel).slogan_verbs.longest(body) {
        Some(n) => n < body.len() && !verb_noun(rel, body),
        None => {
            body.starts_with('为')
                || causative(body)
                || preposition_dui(rel, body)
                || (body.starts_with('以')
                    && body.ends_with('为')
                    && !body.ends_with("行为")
                    && rel
                        .frame_heads
                        .iter()
                        .any(|h| !h.is_empty() && s.ends_with(h.as_str())))
        }
    };
    // A noun with only a result word ("空气质量改善") is a slogan unless its value is a
    // number, which makes it a measured change; so is a bare feeling of the people
    // (群众幸福感), and an abstract object after a slogan clause shares its verb.
    let bare =
        !numeric_value && !body.is_empty() && lists(rel).slogan_bare_heads.longest(s).is_some();
    if verb || (tail && !numeric_value) || bare {
        Clause::Slogan
    } else if after_slogan && !numeric_value && body.chars().count() <= 4 {
        Clause::Continued
    } else if opens_with_verb {
        Clause::Verb(short_object)
    } else {
        Clause::Other
    }
}

/// Whether a clause opens with 让 or 使 making someone the subject of an aim (让农民群众共享
/// 发展成果, 使老年人得到更好的照顾); 使用 and 让利 are no such opening.
fn causative(s: &str) -> bool {
    (s.starts_with('让') || s.starts_with('使'))
        && !["使用", "使命", "让利", "让渡"]
            .iter()
            .any(|w| s.starts_with(w))
        && s.chars().count() >= 4
}

/// Whether a text holds a measure (率, 人数 …) followed by a conjunction (及, 和, 与, 、, 以及);
/// an abstract head that ends like a measure (知名度和美誉度) is none.
fn coordinated_measure(rel: &crate::data::Relevance, text: &str) -> bool {
    ["及", "和", "与", "、", "以及"].iter().any(|conj| {
        text.match_indices(conj).any(|(i, _)| {
            let before = &text[..i];
            lists(rel)
                .measure_suffixes
                .longest(before)
                .is_some_and(|m| {
                    lists(rel)
                        .slogan_heads
                        .longest(before)
                        .is_none_or(|h| h < m)
                })
        })
    })
}

/// Whether a text opens with a noun made of a development verb (保证金, 保障性住房, 引导员:
/// `echo_nouns`), not with the verb.
fn verb_noun(rel: &crate::data::Relevance, s: &str) -> bool {
    rel.echo_nouns.iter().any(|n| s.starts_with(n.as_str()))
}

/// Whether a clause only states a benefit (有利于保证国家机关高效协调运转: one of
/// `slogan_purposes` after any generic subject, then four characters or more — but not one that
/// only describes a thing, 有利于残疾人出行的无障碍设施: after its last 的 nothing or an abstract
/// head) or a vague outcome of its subject (生态资源得到有效利用: one of `slogan_outcomes`
/// after a subject, then one or more of `outcome_adverbs` and two or three characters that end
/// the clause, its verb), and names nothing to count or check (`measured`, a Chinese numeral).
/// Without such an adverb the outcome may be a checkable state (适龄儿童入学得到保障), and so
/// it is with 全面, 持续 (隐患得到全面整改, 供水工程得以持续运行).
fn vague_statement(rel: &crate::data::Relevance, c: &str) -> bool {
    let ls = lists(rel);
    let after_subject = subject_stripped(rel, c);
    let purpose = ls.slogan_purposes.longest(after_subject).is_some_and(|n| {
        let rest = &after_subject[n..];
        rest.chars().count() >= 4
            && rest.rfind('的').is_none_or(|i| {
                let tail = rest[i + '的'.len_utf8()..].trim_end_matches('的');
                tail.is_empty() || ls.slogan_heads.longest(tail).is_some()
            })
    });
    let outcome = || {
        rel.slogan_outcomes.iter().any(|m| {
            c.match_indices(m.as_str()).any(|(i, _)| {
                let rest = &c[i + m.len()..];
                let mut verb = rest;
                while let Some(a) = rel
                    .outcome_adverbs
                    .iter()
                    .find(|a| !a.is_empty() && verb.starts_with(a.as_str()))
                {
                    verb = &verb[a.len()..];
                    verb = verb.strip_prefix('地').unwrap_or(verb);
                }
                i > 0 && verb.len() < rest.len() && (2..=3).contains(&verb.chars().count())
            })
        })
    };
    (purpose || outcome()) && !measured(rel, c) && !chinese_number(c)
}

/// A clause without a generic subject that opens it (项目实施, 本项目: `slogan_subjects`).
fn subject_stripped<'a>(rel: &crate::data::Relevance, c: &'a str) -> &'a str {
    lists(rel).slogan_subjects.longest(c).map_or(c, |n| &c[n..])
}

/// Whether 对 stands in a text as a preposition (政府对…的关爱, 项目实施对经济发展的带动作用),
/// not inside a word of `dui_compounds` (校对, 核对, 对口, 面对面 …).
fn preposition_dui(rel: &crate::data::Relevance, text: &str) -> bool {
    text.match_indices('对').any(|(i, _)| {
        !rel.dui_compounds.iter().any(|w| {
            // The compound covers this 对 if it occurs around it.
            w.match_indices('对').any(|(j, _)| {
                i >= j && text.get(i - j..).is_some_and(|t| t.starts_with(w.as_str()))
            })
        })
    })
}

/// A project's subject for comparing projects: its name without amounts and punctuation.
fn subject(p: &Project) -> String {
    let mut s = squeeze(p.name.as_ref().map(|f| f.text.as_str()).unwrap_or(""));
    s.retain(|c| !c.is_ascii_digit());
    for w in ["万元", "亿元", "元", "万"] {
        s = s.replace(w, "");
    }
    s
}

/// 64-bit mix (splitmix64) for MinHash.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const HASHES: usize = 24;
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;

/// MinHash signature over character 3-grams; the hash functions are derived from two base
/// hashes of each 3-gram (h1 + i·h2), which is as good for MinHash and far cheaper.
fn signature(chars: &[char]) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    let mut add = |g: u64| {
        let h1 = mix(g);
        let h2 = mix(h1) | 1;
        let mut h = h1;
        for s in sig.iter_mut() {
            if h < *s {
                *s = h;
            }
            h = h.wrapping_add(h2);
        }
    };
    if chars.len() < 3 {
        add(chars.iter().fold(0u64, |a, &c| mix(a ^ c as u64)));
    } else {
        for w in chars.windows(3) {
            add((w[0] as u64) << 42 ^ (w[1] as u64) << 21 ^ w[2] as u64);
        }
    }
    sig
}

/// Whether the Levenshtein similarity of two char sequences (1 − distance / longer length)
/// reaches `min`. Only a band of the DP matrix as wide as the allowed distance is computed,
/// so the cost is O(n·k), not O(n·m).
fn similar_enough(a: &[char], b: &[char], min: f64) -> bool {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return true;
    }
    within(a, b, ((1.0 - min) * longest as f64 + 1e-9).floor() as usize)
}

/// A text's characters, as written and sorted.
struct Chars {
    chars: Vec<char>,
    sorted: Vec<char>,
}

impl Chars {
    fn new(s: &str) -> Chars {
        let chars: Vec<char> = s.chars().collect();
        let mut sorted = chars.clone();
        sorted.sort_unstable();
        Chars { chars, sorted }
    }
}

/// The larger of the two multiset differences of two sorted char sequences: a lower bound of
/// their edit distance (an edit changes each difference by one at most).
fn bag_distance(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (a.len() - common).max(b.len() - common)
}

/// `strsim::normalized_levenshtein(a, b) >= min` for two strings' characters — the same
/// floating-point test of the same distance, so the same answer — without strsim's allocation,
/// ruling out by the multiset difference the pairs too far apart and computing only the band
/// of the distances that can pass.
fn normalized_at_least(a: &Chars, b: &Chars, min: f64) -> bool {
    let (sa, sb) = (&a.sorted, &b.sorted);
    let (a, b) = (&a.chars, &b.chars);
    if a.is_empty() && b.is_empty() {
        return 1.0 >= min;
    }
    let longest = a.len().max(b.len());
    let passes = |d: usize| 1.0 - (d as f64) / (longest as f64) >= min;
    // The distance is at least the difference of the lengths, and the test only gets harder
    // as the distance grows: find the largest distance that passes.
    let diff = a.len().abs_diff(b.len());
    if !passes(diff) {
        return false;
    }
    if passes(longest) {
        return true;
    }
    // passes(lo) and not passes(hi).
    let (mut lo, mut hi) = (diff, longest);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if passes(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    bag_distance(sa, sb) <= lo && within(a, b, lo)
}

/// Whether the Levenshtein distance of two char sequences is at most `k`.
fn within(a: &[char], b: &[char], k: usize) -> bool {
    thread_local! {
        static ROWS: std::cell::RefCell<(Vec<usize>, Vec<usize>)> = Default::default();
    }
    ROWS.with(|rows| {
        let (prev, cur) = &mut *rows.borrow_mut();
        banded(a, b, k, prev, cur)
    })
}

fn banded(a: &[char], b: &[char], k: usize, prev: &mut Vec<usize>, cur: &mut Vec<usize>) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.is_empty() {
        return true;
    }
    if b.len() - a.len() > k {
        return false;
    }
    const FAR: usize = usize::MAX / 2;
    // prev[j] = distance(a[..i], b[..j]) for j in the band around i.
    prev.clear();
    prev.extend((0..=b.len()).map(|j| if j <= k { j } else { FAR }));
    cur.clear();
    cur.resize(b.len() + 1, FAR);
    for i in 1..=a.len() {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(b.len());
        // Only the band is computed; the cells just outside it read as "too far".
        cur[lo - 1] = if lo == 1 && i <= k { i } else { FAR };
        let mut best = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let v = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            cur[j] = v;
            best = best.min(v);
        }
        if hi < b.len() {
            cur[hi + 1] = FAR;
        }
        if best > k {
            return false;
        }
        std::mem::swap(prev, cur);
    }
    prev[b.len()] <= k
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Groups of near-identical texts: exact duplicates share a key; MinHash bands propose
/// candidate pairs among distinct texts, which strsim confirms. The cost grows with the
/// number of texts, not with its square: a band bucket with many members is linked through
/// its first member only.
pub(crate) fn clusters<T: AsRef<str>>(texts: &[T], min_similarity: f64) -> Vec<usize> {
    let n = texts.len();
    let mut parent: Vec<usize> = (0..n).collect();
    if min_similarity >= 1.0 {
        return parent;
    }
    let chars: Vec<Vec<char>> = texts.iter().map(|t| t.as_ref().chars().collect()).collect();
    let sigs: Vec<[u64; HASHES]> = chars.iter().map(|c| signature(c)).collect();
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::default();
    for (i, sig) in sigs.iter().enumerate() {
        for b in 0..BANDS {
            let key = sig[b * ROWS..(b + 1) * ROWS]
                .iter()
                .fold(b as u64, |a, &h| mix(a ^ h));
            buckets.entry((b, key)).or_default().push(i);
        }
    }
    let mut keys: Vec<&(usize, u64)> = buckets.keys().collect();
    keys.sort();
    let mut compared: HashSet<(usize, usize)> = HashSet::default();
    let mut similar = |a: usize, b: usize| {
        // Texts within the edit distance share most 3-grams; an estimated Jaccard
        // similarity below 3/8 rules the pair out cheaply (at 0.9 Levenshtein similarity the
        // Jaccard similarity of 3-grams stays above about one half).
        let agree = sigs[a].iter().zip(&sigs[b]).filter(|(x, y)| x == y).count();
        agree * 8 >= HASHES * 3
            && compared.insert((a.min(b), a.max(b)))
            && similar_enough(&chars[a], &chars[b], min_similarity)
    };
    for key in keys {
        let members = &buckets[key];
        if members.len() < 2 {
            continue;
        }
        if members.len() <= 16 {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    if find(&mut parent, a) != find(&mut parent, b) && similar(a, b) {
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                }
            }
        } else {
            let a = members[0];
            for &b in &members[1..] {
                if find(&mut parent, a) != find(&mut parent, b) && similar(a, b) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

/// What R003 keeps of one file once its document is dropped: for each project its name and
/// subject, for each row its squeezed wording, the raw wording, where its name cell is, and
/// what a message quotes of it. [`CopyIndex::add`] interns it into the run's index.
#[derive(Debug, Default)]
pub struct CopyDigest {
    projects: Vec<DigestProject>,
}

#[derive(Debug)]
struct DigestProject {
    name: String,
    subject: String,
    rows: Vec<DigestRow>,
}

#[derive(Debug)]
struct DigestRow {
    k: u32,
    /// The squeezed wording cells joined by `|` (what copies are grouped by).
    text: String,
    /// Its length in characters, the `|` not counted.
    chars: u32,
    /// The wording cells as written, concatenated (folded when R003 reads it).
    raw: String,
    /// The name cell, when the row has one.
    name: Option<(FieldKind, Span)>,
    /// “name” and the description in brackets, as a message quotes them.
    label: String,
}

/// A memo key of a row's cells: each absent, or its text with its length before it (so that
/// two cells' texts cannot run into each other).
fn cells_key(cells: [&Option<crate::model::Field>; 3]) -> Vec<u8> {
    // Sized once (one byte spare for a caller's flag): no regrowth while it is built.
    let len: usize = cells
        .iter()
        .map(|f| {
            f.as_ref()
                .map_or(1, |f| std::mem::size_of::<usize>() + f.text.len())
        })
        .sum();
    let mut key = Vec::with_capacity(len + 1);
    for f in cells {
        match f {
            Some(f) => {
                key.extend_from_slice(&f.text.len().to_le_bytes());
                key.extend_from_slice(f.text.as_bytes());
            }
            None => key.push(0xff),
        }
    }
    key
}

/// A row's squeezed wording, its length in characters and its label (see [`DigestRow`]),
/// kept per thread by the texts they come from (a batch's template rows recur in many
/// projects; the cache is cleared when full).
fn row_digest(ind: &crate::model::Indicator) -> (String, u32, String) {
    type Cache = HashMap<Vec<u8>, (String, u32, String)>;
    thread_local! {
        static SEEN: std::cell::RefCell<Cache> = Default::default();
    }
    // The cells they read (the name may be the 二级 cell).
    let key = cells_key([&ind.level3, &ind.description, &ind.level2]);
    if let Some(d) = SEEN.with(|c| c.borrow().get(&key).cloned()) {
        return d;
    }
    let text: String = ind
        .wording()
        .map(|(_, f)| squeeze(&f.text))
        .collect::<Vec<_>>()
        .join("|");
    let chars = text.chars().filter(|c| *c != '|').count() as u32;
    let label = ind
        .name()
        .map(|name| {
            let desc = ind
                .description
                .as_ref()
                .filter(|d| !d.is_blank() && Some(*d) != Some(name))
                .map(|d| format!("（{}）", quote_str(&d.text)))
                .unwrap_or_default();
            format!("“{}”{desc}", quote(name))
        })
        .unwrap_or_default();
    let d = (text, chars, label);
    if key.len() > crate::text::MEMO_MAX_BYTES {
        return d;
    }
    SEEN.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= crate::text::MEMO_MAX_ENTRIES {
            c.clear();
        }
        c.insert(key, d.clone());
    });
    d
}

/// Digest a document's projects for R003.
pub fn copy_digest(doc: &crate::model::Document) -> CopyDigest {
    let projects = doc
        .projects
        .iter()
        .map(|p| DigestProject {
            name: p.display_name().to_string(),
            subject: subject(p),
            rows: p
                .indicators
                .iter()
                .enumerate()
                .map(|(k, ind)| {
                    let (text, chars, label) = row_digest(ind);
                    DigestRow {
                        k: k as u32,
                        text,
                        chars,
                        raw: ind.wording().map(|(_, f)| f.text.as_str()).collect(),
                        name: ind.name().map(|n| (ind.name_field(), n.span)),
                        label,
                    }
                })
                .collect(),
        })
        .collect();
    CopyDigest { projects }
}

/// Texts stored once, named by number.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<Box<str>, u32>,
}

impl Interner {
    fn id(&mut self, s: String) -> u32 {
        // A text met before is looked up, not boxed (boxing may reallocate it).
        if let Some(&id) = self.ids.get(s.as_str()) {
            return id;
        }
        let next = self.ids.len() as u32;
        self.ids.insert(s.into_boxed_str(), next);
        next
    }

    /// Every text, by its number.
    fn texts(&self) -> Vec<&str> {
        let mut v = vec![""; self.ids.len()];
        for (s, &i) in &self.ids {
            v[i as usize] = s;
        }
        v
    }
}

/// The run's index for R003: every project of every file that R003 checks (a *unit*), and
/// every row as numbers — its unit, its position, its interned wording, label and raw text —
/// instead of every project model. It grows with the number of rows and of distinct texts.
#[derive(Debug, Default)]
pub struct CopyIndex {
    texts: Interner,
    raws: Interner,
    labels: Interner,
    subjects: Interner,
    paths: Vec<String>,
    units: Vec<IndexUnit>,
    rows: Vec<IndexRow>,
}

#[derive(Debug)]
struct IndexUnit {
    /// Index of the file in the report.
    file: usize,
    /// Into `CopyIndex::paths`.
    path: u32,
    /// 0-based position of the project in its file.
    index: u32,
    name: std::sync::Arc<str>,
    subject: u32,
    /// Into `CopyIndex::rows`: the unit's first row (its row `k` is at `first_row + k`).
    first_row: u32,
}

#[derive(Debug)]
struct IndexRow {
    unit: u32,
    k: u32,
    text: u32,
    chars: u32,
    raw: u32,
    label: u32,
    name: Option<(FieldKind, Span)>,
}

impl CopyIndex {
    /// Add a file's projects, as the next units.
    pub fn add(&mut self, file: usize, path: &str, digest: CopyDigest) {
        let path_id = self.paths.len() as u32;
        self.paths.push(path.to_string());
        for (index, p) in digest.projects.into_iter().enumerate() {
            let unit = self.units.len() as u32;
            self.units.push(IndexUnit {
                file,
                path: path_id,
                index: index as u32,
                name: p.name.into(),
                subject: self.subjects.id(p.subject),
                first_row: self.rows.len() as u32,
            });
            for r in p.rows {
                debug_assert_eq!(
                    self.rows.len() as u32,
                    self.units[unit as usize].first_row + r.k
                );
                let row = IndexRow {
                    unit,
                    k: r.k,
                    text: self.texts.id(r.text),
                    chars: r.chars,
                    raw: self.raws.id(r.raw),
                    label: self.labels.id(r.label),
                    name: r.name,
                };
                self.rows.push(row);
            }
        }
    }

    /// The units (projects), in the order they were added.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// A unit's file (its index in the report) and its 0-based position there.
    pub fn place(&self, unit: usize) -> (usize, usize) {
        let u = &self.units[unit];
        (u.file, u.index as usize)
    }

    /// A unit's project name, as shown.
    pub fn name(&self, unit: usize) -> &std::sync::Arc<str> {
        &self.units[unit].name
    }
}

fn r003(ctx: &InputCtx, ix: &CopyIndex, out: &mut Vec<(usize, Finding)>) {
    let rel = &ctx.data.relevance;
    let lex = ctx.data.lexicon();
    // Every indicator text long enough to judge, grouped by its normalised form.
    let all_texts = ix.texts.texts();
    let mut by_text: HashMap<u32, Vec<(usize, usize)>> = HashMap::default();
    for r in &ix.rows {
        if (r.chars as f64) < rel.copy_min_chars {
            continue;
        }
        by_text
            .entry(r.text)
            .or_default()
            .push((r.unit as usize, r.k as usize));
    }
    let mut ids: Vec<u32> = by_text.keys().copied().collect();
    ids.sort_by_key(|&i| all_texts[i as usize]);
    let texts: Vec<&str> = ids.iter().map(|&i| all_texts[i as usize]).collect();
    let roots = clusters(&texts, rel.copy_similarity);
    let mut groups: HashMap<usize, Vec<(usize, usize)>> = HashMap::default();
    for (i, id) in ids.iter().enumerate() {
        groups.entry(roots[i]).or_default().extend(&by_text[id]);
    }
    // Projects are compared by subject; identical subjects share an id, and each pair of
    // subjects is compared once.
    let subject_chars: Vec<Chars> = ix.subjects.texts().iter().map(|s| Chars::new(s)).collect();
    let subjects: Vec<usize> = ix.units.iter().map(|u| u.subject as usize).collect();
    let mut same_subject: HashMap<(usize, usize), bool> = HashMap::default();
    let mut same = |a: usize, b: usize| -> bool {
        if a == b {
            return true;
        }
        *same_subject.entry((a.min(b), a.max(b))).or_insert_with(|| {
            normalized_at_least(&subject_chars[a], &subject_chars[b], rel.subject_similarity)
        })
    };
    let raws = ix.raws.texts();
    let labels = ix.labels.texts();
    let row = |&(u, k): &(usize, usize)| &ix.rows[ix.units[u].first_row as usize + k];
    let mut roots_sorted: Vec<usize> = groups.keys().copied().collect();
    roots_sorted.sort();
    for root in roots_sorted {
        let mut occ = groups.remove(&root).unwrap_or_default();
        occ.sort();
        let projects: BTreeSet<usize> = occ.iter().map(|(u, _)| *u).collect();
        if projects.len() < 2 {
            continue;
        }
        // Generic indicators may be shared, unless they name some field's concrete activity.
        let text0 = fold(raws[row(&occ[0]).raw as usize]);
        let generic = rel
            .generic_indicators
            .iter()
            .any(|g| text0.contains(g.as_str()));
        if generic && !lex.hits(&text0).iter().any(|h| h.sense.distinctive) {
            continue;
        }
        let plist: Vec<usize> = projects.into_iter().collect();
        // The occurrences in projects that share the indicator with a project about something
        // else (bounded work per row); reported once, the others as related cells.
        let flagged: Vec<(usize, usize)> = occ
            .iter()
            .copied()
            .filter(|&(u, _)| {
                plist
                    .iter()
                    .filter(|&&q| q != u)
                    .take(64)
                    .any(|&q| !same(subjects[u], subjects[q]))
            })
            .collect();
        let Some(&(u, k)) = flagged.first() else {
            continue;
        };
        let first = row(&(u, k));
        let Some((name_field, name_span)) = first.name else {
            continue;
        };
        let mut fprojects: Vec<usize> = flagged.iter().map(|(p, _)| *p).collect();
        fprojects.dedup();
        let listed: Vec<String> = fprojects
            .iter()
            .take(4)
            .map(|&q| {
                let o = &ix.units[q];
                let file = if o.file == ix.units[u].file {
                    String::new()
                } else {
                    format!("{} ", ix.paths[o.path as usize])
                };
                format!("{file}项目{}“{}”", o.index + 1, o.name)
            })
            .collect();
        let etc = if fprojects.len() > 4 { "等" } else { "" };
        let mut f = Finding::row(
            k,
            name_field,
            name_span,
            format!(
                "指标{}在{}个项目中都出现，这些项目做的不是同一件事：{}{etc}",
                labels[first.label as usize],
                fprojects.len(),
                listed.join("、")
            ),
        )
        .help("这是套用模板的指标，请为每个项目换成衡量它自己产出和效果的指标");
        f.related = flagged[1..]
            .iter()
            .filter_map(|at| {
                let (field, span) = row(at).name?;
                Some(super::RelatedCell {
                    span,
                    indicator: Some(at.1),
                    field: Some(field),
                    unit: Some(at.0),
                })
            })
            .collect();
        out.push((u, f));
    }
}

/// Whether a description is one of the framework's standard explanations of a 二级 class
/// (`template_descriptions`: “反映预期提供的公共产品或服务数量”), written as the template prints
/// it or nearly (Dice over character pairs, after squeezing): template text, no words of the
/// project's.
pub(crate) fn template_description(data: &crate::data::RuleData, text: &str) -> bool {
    let rel = &data.relevance;
    let t = squeeze(text);
    if !t.starts_with("反映") {
        return false;
    }
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        let mut p: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let a = pairs(&t);
    rel.template_descriptions.iter().any(|d| {
        let b = pairs(&squeeze(d));
        let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
        2.0 * shared as f64 >= rel.template_description_similarity * (a.len() + b.len()) as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicates_cluster_and_others_do_not() {
        let texts: Vec<String> = [
            "培训学员通过网络评估系统对培训班满意率",
            "培训学员通过网络评估系统对培训班的满意率",
            "当年公益电影放映任务完成情况",
            "结项鉴定优秀等级项目数量占结项总数量的比例",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let roots = clusters(&texts, 0.9);
        assert_eq!(roots[0], roots[1]);
        assert_ne!(roots[0], roots[2]);
        assert_ne!(roots[2], roots[3]);
        // At 1.0 only identical texts (already merged by the caller) would group.
        assert_eq!(clusters(&texts, 1.0), [0, 1, 2, 3]);
    }

    #[test]
    fn normalized_at_least_agrees_with_strsim() {
        // Random strings over small alphabets (so that distances of every size occur), of
        // ASCII and of CJK characters, against every threshold R003 could be given.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let alphabets: [&[char]; 3] = [
            &['a', 'b'],
            &['a', 'b', 'c', 'd'],
            &['项', '目', '资', '金'],
        ];
        let mins = [
            -1.0,
            0.0,
            0.1,
            0.25,
            1.0 / 3.0,
            0.5,
            0.55,
            0.6,
            2.0 / 3.0,
            0.7,
            0.75,
            0.8,
            0.9,
            0.95,
            1.0,
            1.5,
            f64::NAN,
        ];
        for _ in 0..4000 {
            let abc = alphabets[next(3) as usize];
            let mut word = |n: u64| -> String {
                (0..next(n))
                    .map(|_| abc[next(abc.len() as u64) as usize])
                    .collect()
            };
            let (a, b) = (word(14), word(14));
            let (ca, cb) = (Chars::new(&a), Chars::new(&b));
            let d = strsim::levenshtein(&a, &b);
            assert!(bag_distance(&ca.sorted, &cb.sorted) <= d, "{a} / {b}");
            for min in mins {
                let want = strsim::normalized_levenshtein(&a, &b) >= min;
                assert_eq!(
                    normalized_at_least(&ca, &cb, min),
                    want,
                    "{a} / {b} at {min}"
                );
            }
        }
    }

    #[test]
    fn banded_levenshtein_agrees_with_strsim() {
        let cases = [
            (
                "培训学员通过网络评估系统对培训班满意率",
                "培训学员通过网络评估系统对培训班的满意率",
            ),
            ("abcdefghij", "abcdefghix"),
            ("abcdefghij", "xbcdefghix"),
            ("abc", ""),
            ("", ""),
            ("社会影响力", "社会影响"),
            ("kitten", "sitting"),
        ];
        for (a, b) in cases {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            for min in [0.5, 0.8, 0.9, 0.95, 1.0] {
                let want = strsim::normalized_levenshtein(a, b) >= min - 1e-9;
                assert_eq!(similar_enough(&ca, &cb, min), want, "{a} / {b} at {min}");
            }
        }
    }
}
