//! Throughput of reading and checking, in-process. Run with `cargo bench --bench check`.
//! Prints the median of several runs for: the seed text document, a generated YAML document of
//! many projects, and the value parser alone.

use std::time::{Duration, Instant};

use jxlint::config::Config;
use jxlint::model::Format;
use jxlint::source::SourceFile;
use jxlint::{lint, read_source};

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
