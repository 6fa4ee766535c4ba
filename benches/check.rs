//! Throughput of reading and checking, in-process. Run with `cargo bench --bench check`.
//! Prints the median of several runs for: the seed text document, a generated YAML document of
//! many projects, and the value parser alone.

use std::time::{Duration, Instant};

use jxlint::config::Config;
use jxlint::engine::lint;
use jxlint::model::Format;
use jxlint::read_source;
use jxlint::source::SourceFile;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    f(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// A YAML target document with `n` projects of six indicator rows each.
fn generated_yaml(n: usize) -> String {
    let mut s = String::from("department: 基准测试局\nyear: 2025\nprojects:\n");
    for i in 0..n {
        s.push_str(&format!(
            "  - name: 第{i}号项目补助资金{i}万元\n    budget: {{total: {i}, fiscal: {i}}}\n    \
             schedule: {{3月底: 25, 6月底: 50, 9月底: 75, 12月底: 100}}\n    \
             goals: [完成第{i}号任务, 受益群众满意度不低于90%]\n    indicators:\n"
        ));
        for (l1, l2, l3, v) in [
            ("产出指标", "数量指标", "受益人数", "≥500人"),
            ("产出指标", "质量指标", "验收合格率", "≥100"),
            ("产出指标", "时效指标", "完成时间", "2025年12月底前"),
            ("效益指标", "社会效益指标", "政策知晓率", "90%-95%"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "100"),
            ("产出指标", "成本指标", "人均补助标准", "≤800元/人"),
        ] {
            s.push_str(&format!(
                "      - {{level1: {l1}, level2: {l2}, level3: {l3}, value: \"{v}\"}}\n"
            ));
        }
    }
    s
}

fn main() {
    // `cargo bench --bench check -- r003` runs only the R003 figures (for profiling).
    if std::env::args().any(|a| a == "r003") {
        r003_on_generated_projects(10_000, false);
        r003_on_generated_projects(10_000, true);
        return;
    }
    let opts = Config::default();
    let seed = std::fs::read_to_string("fixtures/seed.txt").expect("run from the crate root");
    let seed_src = SourceFile::new("seed.txt", seed);
    let t = time(50, || {
        let doc = read_source(&seed_src, Format::Text).unwrap();
        std::hint::black_box(lint(&doc, &seed_src, 0, &opts));
    });
    println!(
        "seed.txt ({} KB, 6 projects): read + check {:.2} ms",
        seed_src.text.len() / 1024,
        t.as_secs_f64() * 1e3
    );

    for n in [100, 2000] {
        let src = SourceFile::new("gen.yaml", generated_yaml(n));
        let mut diags = 0;
        let t_read = time(5, || {
            std::hint::black_box(read_source(&src, Format::Yaml).unwrap());
        });
        let doc = read_source(&src, Format::Yaml).unwrap();
        let t_lint = time(5, || {
            diags = lint(&doc, &src, 0, &opts).len();
        });
        println!(
            "generated YAML, {n} projects / {} indicators ({:.1} MB): read {:.1} ms, check {:.1} ms, {diags} findings",
            n * 6,
            src.text.len() as f64 / 1e6,
            t_read.as_secs_f64() * 1e3,
            t_lint.as_secs_f64() * 1e3
        );
    }

    r003_on_generated_projects(10_000, false);
    r003_on_generated_projects(10_000, true);

    let data = jxlint::data::RuleData::embedded();
    let values = [
        "≥90%",
        "≥100",
        "不少于300人次",
        "2020年12月底前",
        "90%-95%",
        "合格",
        "= 44,561 44,561",
        "长期",
        "28.8万元",
    ];
    let t = time(20, || {
        for _ in 0..10_000 {
            for v in values {
                std::hint::black_box(jxlint::value::parse(
                    v,
                    &data.units,
                    &data.values.qualitative_words,
                ));
            }
        }
    });
    println!(
        "value parser: {:.0} ns per value",
        t.as_secs_f64() * 1e9 / (10_000.0 * values.len() as f64)
    );
}

/// R003 alone (its own time, not reading) on `n` generated projects of six rows each: two
/// rows from a pool of 50 template rows that get copied around, four rows of the project's
/// own. `adversarial`: the project's own rows differ only in their numbers, so that they are
/// near-duplicates of each other and every MinHash band bucket is crowded; otherwise they
/// are drawn from a vocabulary of work items, as real rows are.
fn r003_on_generated_projects(n: usize, adversarial: bool) {
    use jxlint::model::{Document, Field, Indicator, Project};
    use jxlint::rules::{Check, CopyIndex, InputCtx, copy_digest};
    use jxlint::source::Span;
    let f = |t: String| Some(Field::new(t, Span::default()));
    let subjects = [
        "养老补贴",
        "公路养护",
        "技能培训",
        "云平台运维",
        "公共卫生",
        "森林防火",
        "校舍维修",
        "送戏下乡",
    ];
    let projects: Vec<Project> = (0..n)
        .map(|i| {
            let mut indicators = Vec::new();
            for j in 0..2 {
                let t = (i * 7 + j * 13) % 50;
                indicators.push(Indicator {
                    level3: f(format!("模板指标{t}")),
                    description: f(format!(
                        "模板第{t}条指标的说明文字，按照要求和计划完成任务的比例"
                    )),
                    ..Indicator::default()
                });
            }
            for j in 0..4 {
                let (level3, description) = if adversarial {
                    (
                        format!("{}第{i}项产出{j}", subjects[i % 8]),
                        format!("第{i}个项目第{j}项产出的数量，按年度计划{}执行", i * 31 + j),
                    )
                } else {
                    let w = |k: usize| {
                        WORDS[(mix(i as u64 * 977 + j as u64 * 131 + k as u64) % WORDS.len() as u64)
                            as usize]
                    };
                    (
                        format!(
                            "{}{}{}",
                            w(0),
                            w(1),
                            ["人数", "次数", "合格率", "完成率", "覆盖率"][j % 5]
                        ),
                        format!("{}的{}{}{}情况", w(2), w(3), w(4), w(5)),
                    )
                };
                indicators.push(Indicator {
                    level3: f(level3),
                    description: f(description),
                    ..Indicator::default()
                });
            }
            Project {
                name: f(format!("{}项目{}", subjects[i % 8], i)),
                indicators,
                ..Project::default()
            }
        })
        .collect();
    // The index R003 reads: the projects' digest, as the engine makes it for each file.
    let mut units = CopyIndex::default();
    let doc = Document {
        projects,
        ..Document::default()
    };
    units.add(0, "gen", copy_digest(&doc));
    let rule = jxlint::rules::find("R003").expect("R003");
    let Check::Input(check) = rule.check else {
        unreachable!()
    };
    let data = jxlint::data::RuleData::embedded();
    let enabled = |_: &str| true;
    let ctx = InputCtx {
        data,
        enabled: &enabled,
    };
    let mut found = 0;
    let t = time(3, || {
        let mut out = Vec::new();
        check(&ctx, &units, &mut out);
        found = out.len();
    });
    println!(
        "R003 on {n} generated projects / {} indicators ({}): {:.0} ms, {found} findings",
        n * 6,
        if adversarial {
            "own rows differ only in numbers"
        } else {
            "varied own rows"
        },
        t.as_secs_f64() * 1e3
    );
}

const WORDS: &[&str] = &[
    "农村",
    "道路",
    "养护",
    "补贴",
    "发放",
    "老人",
    "学生",
    "校舍",
    "维修",
    "培训",
    "学员",
    "就业",
    "医疗",
    "卫生",
    "健康",
    "档案",
    "体检",
    "疫苗",
    "森林",
    "防火",
    "巡查",
    "河道",
    "清淤",
    "堤防",
    "灌溉",
    "农田",
    "种植",
    "养殖",
    "文化",
    "演出",
    "电影",
    "图书",
    "体育",
    "场馆",
    "环卫",
    "保洁",
    "垃圾",
    "绿化",
    "路灯",
    "社区",
    "救助",
    "低保",
    "残疾",
    "优抚",
    "住房",
    "改造",
    "公租房",
    "网络",
    "系统",
    "平台",
    "运维",
    "数据",
    "安全",
    "消防",
    "治安",
    "调解",
    "法律",
    "援助",
    "税收",
    "征管",
    "统计",
    "调查",
    "审计",
    "档案",
    "宣传",
    "资料",
    "展板",
    "会议",
    "接待",
    "车辆",
    "采购",
    "设备",
];

fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}
