//! R001 on a labelled set: precision and recall (fixtures/relevance/); R002 and R003 on the
//! seed and across files.

use std::collections::{BTreeMap, BTreeSet};

use jxlint::{Input, Options};

fn labels() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string("fixtures/relevance/labels.yaml").unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && l.contains(": ["))
        .map(|l| {
            let (name, list) = l.split_once(": [").unwrap();
            let items = list
                .trim_end_matches(']')
                .split(", ")
                .map(str::to_string)
                .collect();
            (name.to_string(), items)
        })
        .collect()
}

#[test]
fn r001_precision_and_recall_on_the_labelled_set() {
    let labels = labels();
    let src_text = std::fs::read_to_string("fixtures/relevance/set.yaml").unwrap();
    let src = jxlint::source::SourceFile::new("set.yaml", src_text);
    let doc = jxlint::read_source(&src, jxlint::model::Format::Yaml).unwrap();
    let report = jxlint::check(
        &[Input::Path("fixtures/relevance/set.yaml".into())],
        &Options::default(),
    );
    let fired: BTreeSet<(usize, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "R001")
        .map(|d| (d.project_index, d.indicator_index.unwrap()))
        .collect();
    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    let mut kinds = 0;
    let mut misses = Vec::new();
    for (pi, p) in doc.projects.iter().enumerate() {
        let irrelevant = &labels[p.display_name()];
        kinds += 1;
        let names: BTreeSet<String> = p
            .indicators
            .iter()
            .map(|i| i.level3.as_ref().unwrap().text.clone())
            .collect();
        for l in irrelevant {
            assert!(names.contains(l), "label {l} not in {}", p.display_name());
        }
        for (k, ind) in p.indicators.iter().enumerate() {
            let name = &ind.level3.as_ref().unwrap().text;
            let is_irrelevant = irrelevant.contains(name);
            let did = fired.contains(&(pi + 1, k + 1));
            match (is_irrelevant, did) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    misses.push(format!("false alarm: {} / {name}", p.display_name()));
                }
                (true, false) => {
                    fn_ += 1;
                    misses.push(format!("missed: {} / {name}", p.display_name()));
                }
                (false, false) => tn += 1,
            }
        }
    }
    let total = tp + fp + fn_ + tn;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "R001 on {total} labelled pairs over {kinds} kinds of project ({} irrelevant): \
         precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_}, tn {tn})",
        tp + fn_
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(total >= 60 && kinds >= 8);
    assert!(precision >= 0.95, "precision {precision:.3}: {misses:#?}");
    assert!(recall >= 0.85, "recall {recall:.3}: {misses:#?}");
}

#[test]
fn r003_across_files_names_the_other_file() {
    let dir = std::env::temp_dir().join(format!("jxlint-r003-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let row = "{level1: 产出指标, level2: 质量指标, level3: 优良率, description: 结项鉴定优秀等级项目数量占结项总数量的比例, value: \"≥90%\"}";
    for (f, name) in [
        ("a.yaml", "高龄老人生活补贴"),
        ("b.yaml", "农村公路养护"),
        ("c.yaml", "高龄老人生活补贴（2026年）"),
    ] {
        std::fs::write(
            dir.join(f),
            format!("name: {name}\nbudget: {{total: 10}}\ngoals: [完成]\nindicators:\n  - {row}\n"),
        )
        .unwrap();
    }
    let report = jxlint::check(&[Input::Path(dir.clone())], &Options::default());
    let r003: Vec<&jxlint::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "R003")
        .collect();
    // One finding for the copy cluster, at its first copy, naming the other files; a and c are
    // the same project in two years, but b is about something else, so all three are copies.
    assert_eq!(r003.len(), 1, "{r003:#?}");
    let d = r003[0];
    assert!(d.path.ends_with("a.yaml"));
    assert!(
        d.message.contains("b.yaml 项目1“农村公路养护”") && d.message.contains("c.yaml"),
        "{}",
        d.message
    );
    let related: Vec<&str> = d
        .related
        .iter()
        .map(|r| r.path.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(related, ["b.yaml", "c.yaml"]);
}

#[test]
fn generic_indicators_are_not_copies() {
    let dir = std::env::temp_dir().join(format!("jxlint-generic-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut doc = String::from("projects:\n");
    for name in ["高龄老人生活补贴", "农村公路养护", "政务云平台运行维护"] {
        doc.push_str(&format!(
            "  - name: {name}\n    budget: {{total: 10}}\n    goals: [完成]\n    indicators:\n      \
             - {{level1: 满意度指标, level2: 服务对象满意度指标, level3: 群众满意度, description: 群众满意数量占总数的比例, value: \"≥90%\"}}\n      \
             - {{level1: 产出指标, level2: 时效指标, level3: 资金按时拨付率, description: 资金按时拨付到位的比例, value: \"=100%\"}}\n"
        ));
    }
    std::fs::write(dir.join("d.yaml"), doc).unwrap();
    let report = jxlint::check(&[Input::Path(dir.join("d.yaml"))], &Options::default());
    assert!(
        !report.diagnostics.iter().any(|d| d.code.starts_with('R')),
        "{:#?}",
        report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('R'))
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
}

/// `fields::explain` (what `JXLINT_EXPLAIN=1` prints beside each miss of the labelled sets) says
/// what stops a row: here the lexicon words a field of the project's text lends it (健康体检 names
/// 卫生健康, so 医院 and 门诊 are the project's), and the library's lead against
/// `foreign_margin` with its support.
#[test]
fn explain_names_what_keeps_a_row_from_r001() {
    let yaml = "year: 2024\nunit: 万元\nprojects:\n  - name: 县退役军人事务局2024年退役军人服务中心规范化建设及运行经费\n    budget: {total: 100, fiscal: 100}\n    purpose: 用于退役军人服务站规范化建设、走访慰问困难退役军人及为老年退役军人提供健康体检\n    goals: [规范化建设服务站320个]\n    indicators:\n      - {level1: 产出指标, level2: 数量指标, level3: 完成县第二人民医院门诊楼主体工程建设, value: \"=1项\"}\n";
    let src = jxlint::source::SourceFile::new("x.yaml", yaml.to_string());
    let doc = jxlint::read_source(&src, jxlint::model::Format::Yaml).unwrap();
    let p = &doc.projects[0];
    let data = jxlint::data::RuleData::embedded();
    let lex = data.lexicon();
    let space = jxlint::fields::ClassSpace::new(lex);
    let place = jxlint::suggest::place_project(data, lex, &space, p, None);
    let text = jxlint::text::fold(&p.indicators[0].level3.as_ref().unwrap().text);
    let e = jxlint::fields::explain(data, lex, &space, &place, &text);
    // R001 leaves the row alone …
    assert!(
        jxlint::fields::judge(data, lex, &space, &place, &[text.as_str()]).is_none(),
        "{e}"
    );
    // … because the project owns the two lexicon words, though the library leads far enough,
    // with enough support and a noun to quote.
    let rest = e
        .split_once(" 否决 [医院(领域:卫生健康) 门诊(领域:卫生健康)] 标志 门诊 领先 卫生健康(")
        .unwrap_or_else(|| panic!("{e}"))
        .1;
    let (lead, tail) = rest.split_once(") 支持 ").unwrap();
    let (support, quote) = tail.split_once(' ').unwrap();
    let ratio = |s: &str| {
        let (a, b) = s.split_once('/').unwrap();
        (a.parse::<f64>().unwrap(), b.parse::<f64>().unwrap())
    };
    let ((lead, margin), (support, min)) = (ratio(lead), ratio(support));
    assert!(lead >= margin && support >= min, "{e}");
    assert_eq!(quote, "可引 门诊", "{e}");
}
