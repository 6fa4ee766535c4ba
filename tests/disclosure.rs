//! The D rules on the seed, a whole county 部门预算公开 (`fixtures/seed.txt`): the findings the
//! issue names and no others, mutated copies of the seed that make D003/D004 fire on exactly
//! the changed cells, silence on inputs that hold only target tables, and `extract
//! --disclosure`. (The rule fixtures are in tests/rules.rs.)

use std::process::Command;

use jxlint::model::Format;
use jxlint::{Input, Options};

fn seed() -> String {
    std::fs::read_to_string("fixtures/seed.txt").unwrap()
}

/// (code, line, column, message, related lines) of every D finding.
type Hit = (&'static str, usize, usize, String, Vec<usize>);

fn d_findings(text: &str, select: Option<&[&str]>) -> Vec<Hit> {
    let opts = Options {
        overrides: jxlint::config::Overrides {
            select: select.map(|s| s.iter().map(|c| c.to_string()).collect()),
            ignore: None,
        },
        ..Options::default()
    };
    let report = jxlint::check(
        &[Input::Stdin {
            text: text.as_bytes().to_vec(),
            format: Some(Format::Text),
        }],
        &opts,
    );
    assert!(!report.has_errors_reading(), "{:?}", report.files[0].error);
    report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('D'))
        .map(|d| {
            (
                d.code,
                d.location.line,
                d.location.column,
                d.message.clone(),
                d.related.iter().map(|r| r.location.line).collect(),
            )
        })
        .collect()
}

/// The seed's D findings, as the issue describes them: D001 on the 一般公共预算财政拨款支出表's
/// 预算年度 2019; D002 on [101] in the 政府采购 table and on 社会保障事业管理局 in the
/// narrative; D005 on 我市 at lines 1666, 1672 and 1684 and on the paragraph at 1684 that
/// repeats 1672 after “三是…”. D003 and D004 are silent on the seed's consistent figures.
#[test]
fn seed_d_findings_are_exactly_the_known_defects() {
    let got = d_findings(&seed(), None);
    let brief: Vec<(&str, usize, usize, Vec<usize>)> = got
        .iter()
        .map(|(c, l, col, _, r)| (*c, *l, *col, r.clone()))
        .collect();
    assert_eq!(
        brief,
        [
            // 预算年度：2019, the related cell the 收支总表's 2020.
            ("D001", 1037, 7, vec![4]),
            // 我市, against the unit's name (涞源县…, a county unit) at the top of the narrative.
            ("D005", 1666, 161, vec![1548]),
            ("D005", 1672, 201, vec![1548]),
            ("D005", 1684, 1, vec![1672]),
            ("D005", 1684, 212, vec![1548]),
            // 涞源县社会保障事业管理局, against the name as mostly written.
            ("D002", 2098, 7, vec![1548]),
            // [101]涞源县社保局, against [323]社保局.
            ("D002", 2102, 3, vec![3]),
        ]
    );
    let message = |line: usize, col: usize| {
        got.iter()
            .find(|h| h.1 == line && h.2 == col)
            .map(|h| h.3.as_str())
            .unwrap()
    };
    for (line, col, parts) in [
        (
            1037,
            7,
            &["部门预算一般公共预算财政拨款支出表", "“2019”", "2020"][..],
        ),
        (
            2102,
            3,
            &["部门政府采购预算表", "[101]涞源县社保局", "“101”", "“323”"][..],
        ),
        (
            2098,
            7,
            &[
                "情况说明",
                "涞源县社会保障事业管理局",
                "涞源县社会保险事业管理局",
            ][..],
        ),
        (1666, 161, &["我市", "县级", "涞源县"][..]),
        (
            1684,
            1,
            &["相同", "自实施企业退休人员社会化管理服务以来"][..],
        ),
    ] {
        let m = message(line, col);
        for p in parts {
            assert!(m.contains(p), "{line}:{col}: {m} lacks {p}");
        }
    }
}

/// The seed as .docx, .html, .pdf and .doc (fixtures/formats, the same document): the same
/// D findings as its text, since every reader gives the recogniser the same grid. Only the
/// .xlsx, which holds the six target tables alone, has none.
#[test]
fn the_seed_in_every_format_gives_the_same_d_findings() {
    let messages = |path: &str| -> Vec<(String, String)> {
        let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
        assert!(
            !report.has_errors_reading(),
            "{path}: {:?}",
            report.files[0].error
        );
        report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('D'))
            .map(|d| (d.code.to_string(), d.message.clone()))
            .collect()
    };
    let want = messages("fixtures/seed.txt");
    assert_eq!(want.len(), 7);
    for f in ["seed.docx", "seed.html", "seed.pdf", "seed.doc"] {
        if f.ends_with(".doc") && !jxlint::read::external::available("soffice") {
            println!("{f}: skipped, LibreOffice (soffice) is not installed");
            continue;
        }
        assert_eq!(messages(&format!("fixtures/formats/{f}")), want, "{f}");
    }
    assert!(messages("fixtures/formats/seed.xlsx").is_empty());
}

/// The seed with one line replaced (1-based), checked.
fn mutated(line: usize, from: &str, to: &str) -> String {
    let text = seed();
    let mut lines: Vec<&str> = text.split('\n').collect();
    let new = lines[line - 1].replace(from, to);
    assert_ne!(new, lines[line - 1], "line {line} holds {from}");
    lines[line - 1] = &new;
    lines.join("\n")
}

#[test]
fn a_changed_total_fires_d003_on_that_cell_only() {
    // 部门预算支出总表, 合计 row, 本年支出合计.
    let got = d_findings(&mutated(529, "907.47", "917.47"), Some(&["D003", "D004"]));
    assert_eq!(got.len(), 1, "{got:#?}");
    let (code, line, col, message, related) = &got[0];
    assert_eq!((*code, *line, *col), ("D003", 529, 2));
    for part in [
        "部门预算支出总表",
        "“合计”行",
        "本年支出合计“917.47”",
        "851.66",
        "55.81",
        "907.47",
    ] {
        assert!(message.contains(part), "{message} lacks {part}");
    }
    assert_eq!(related, &[530, 531]);
}

#[test]
fn a_changed_project_budget_fires_d004_on_that_cell_only() {
    // 社保局网络维护及软件升级费2万元: 预算数 and 财政资金 2.00 → 3.00 (B001 stays silent).
    let text = mutated(1909, "2.00", "3.00");
    let lines: Vec<&str> = text.split('\n').collect();
    let text = {
        let mut l = lines.clone();
        let new = l[1910].replace("2.00", "3.00");
        l[1910] = &new;
        l.join("\n")
    };
    let got = d_findings(&text, Some(&["D003", "D004"]));
    assert_eq!(got.len(), 1, "{got:#?}");
    let (code, line, col, message, related) = &got[0];
    assert_eq!((*code, *line, *col), ("D004", 1909, 2));
    for part in [
        "56.81",
        "项目支出“55.81”",
        "相差1.00",
        "社保局网络维护及软件升级费2万元",
        "“3.00”",
    ] {
        assert!(message.contains(part), "{message} lacks {part}");
    }
    // The disclosure's 项目支出 (部门预算支出总表, 合计 row).
    assert_eq!(related, &[531]);
}

#[test]
fn a_changed_narrative_figure_fires_d003_on_that_figure_only() {
    let got = d_findings(
        &mutated(1600, "基本支出851.66万元", "基本支出815.66万元"),
        Some(&["D003", "D004"]),
    );
    assert_eq!(got.len(), 1, "{got:#?}");
    let (code, line, col, message, related) = &got[0];
    assert_eq!((*code, *line, *col), ("D003", 1600, 100));
    for part in [
        "情况说明",
        "基本支出“815.66万元”",
        "部门预算支出总表",
        "“851.66”",
    ] {
        assert!(message.contains(part), "{message} lacks {part}");
    }
    assert_eq!(related, &[530]);
}

/// Every amount cell of the seed's budget tables, changed by 10: D003 fires, on that cell
/// unless the cell is in one sum only (then the sum's total is reported). A sample of every
/// seventh cell keeps the test fast.
#[test]
fn every_changed_amount_is_caught() {
    let text = seed();
    let src = jxlint::source::SourceFile::new("seed", text.clone());
    let doc = jxlint::read_source(&src, Format::Text).unwrap();
    let d = doc.disclosure.unwrap();
    let mut cells = Vec::new();
    for t in d.tables.iter().filter(|t| t.kind.has_amounts()) {
        for r in &t.rows {
            for a in r.amounts.iter().flatten() {
                let v = if a.is_blank() {
                    Some(0.0)
                } else {
                    a.text.trim().parse::<f64>().ok()
                };
                if let Some(v) = v {
                    cells.push((src.position(a.span.start).line, a.text.clone(), v));
                }
            }
        }
    }
    assert!(cells.len() > 600, "{}", cells.len());
    let (mut exact, mut total, mut missed) = (0, 0, Vec::new());
    for (line, written, v) in cells.iter().step_by(7) {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        assert_eq!(lines[line - 1].trim_start_matches('\t'), written);
        lines[line - 1] = format!("\t{:.2}", v + 10.0);
        let got = d_findings(&lines.join("\n"), Some(&["D003"]));
        total += 1;
        match got.as_slice() {
            [] => missed.push(*line),
            [one] if one.1 == *line => exact += 1,
            _ => {}
        }
    }
    // Only 其中 rows (of-which items, in no sum) may pass unnoticed.
    assert!(missed.iter().all(|l| [43].contains(l)), "{missed:?}");
    assert!(
        exact * 100 >= total * 85,
        "{exact} of {total} on the cell itself"
    );
}

#[test]
fn inputs_with_target_tables_only_get_no_d_finding() {
    // The seed as a YAML target document (its extract).
    let report = jxlint::check(
        &[Input::Path("fixtures/seed.yaml".into())],
        &Options::default(),
    );
    assert!(!report.has_errors_reading());
    assert!(report.diagnostics.iter().all(|d| !d.code.starts_with('D')));
    // Every good document.
    let report = jxlint::check(&[Input::Path("fixtures/good".into())], &Options::default());
    assert!(report.diagnostics.iter().all(|d| !d.code.starts_with('D')));
    // One target table of the seed on its own, with its heading and unit row.
    let text = seed();
    let lone: String = text
        .split('\n')
        .skip(1686)
        .take(1757 - 1686)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        lone.starts_with("1、社保局国企退休教师生活补贴"),
        "{}",
        &lone[..40]
    );
    let src = jxlint::source::SourceFile::new("lone", lone.clone());
    let doc = jxlint::read_source(&src, Format::Text).unwrap();
    assert_eq!(doc.projects.len(), 1);
    assert!(doc.disclosure.is_none());
    assert!(d_findings(&lone, None).is_empty());
}

#[test]
fn extract_disclosure_writes_what_was_read() {
    let out = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(["extract", "--disclosure", "fixtures/seed.txt"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(jxlint::disclosure::EXTRACT_LINE));
    for part in [
        "  - kind: \"summary\"\n    line: 1\n    title: \"部门预算收支总表\"\n    department: \"[323]社保局\"\n    year: \"2020\"\n    unit: \"万元\"\n",
        "  - kind: \"general_expenditure\"\n    line: 1034\n    title: \"部门预算一般公共预算财政拨款支出表\"\n    department: \"[323]社保局\"\n    year: \"2019\"\n",
        "      - {line: 526, name: \"合计\", amounts: [\"907.47\", \"851.66\", \"55.81\", \"0.00\", \"0.00\", \"0.00\"]}\n",
        "      - {line: 566, code: \"208\", name: \"社会保障和就业支出\", amounts: [\"899.38\", \"843.57\", \"55.81\", \"0.00\", \"0.00\", \"0.00\"]}\n",
        "  - kind: \"procurement\"\n",
        "    department: \"[101]涞源县社保局\"\n",
        "  - {line: 2098, text: \"2020年，涞源县社会保障事业管理局安排采购预算0万元。\"}\n",
    ] {
        assert!(text.contains(part), "extract lacks {part:?}");
    }
    // Without the flag, extract still writes the target document.
    let plain = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(["extract", "fixtures/seed.txt"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(plain.stdout).unwrap(),
        std::fs::read_to_string("fixtures/seed.yaml").unwrap()
    );
    // A YAML document has no disclosure: an empty listing, exit 0.
    let yaml = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(["extract", "--disclosure", "fixtures/seed.yaml"])
        .output()
        .unwrap();
    assert!(yaml.status.success());
    assert!(
        String::from_utf8(yaml.stdout)
            .unwrap()
            .ends_with("tables: []\nparagraphs: []\n")
    );
}

#[test]
fn configuration_extends_the_d_rules_lists() {
    // 全省 as a place word a county unit must not use: the seed's two 全省统一 (lines 1672 and
    // 1684) are then reported too.
    let dir = std::env::temp_dir().join(format!("jxlint-d-config-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join(".jxlint.yaml");
    std::fs::write(
        &cfg,
        "select: [D005]\nwords: {county_foreign_words: [全省]}\n",
    )
    .unwrap();
    let report = jxlint::check(
        &[Input::Path("fixtures/seed.txt".into())],
        &Options {
            config: Some(cfg),
            ..Options::default()
        },
    );
    let got: Vec<(usize, bool)> = report
        .diagnostics
        .iter()
        .map(|d| (d.location.line, d.message.contains("“全省”")))
        .collect();
    assert_eq!(
        got,
        [
            (1666, false),
            (1672, false),
            (1672, true),
            (1684, false),
            (1684, false),
            (1684, true)
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Disclosure-shaped text built from the words the recogniser and the D rules look for.
fn disclosure_like() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let atoms = prop::sample::select(vec![
        "\t",
        "\n",
        "\n\n",
        " ",
        "部门预算收支总表",
        "部门预算支出总表",
        "部门预算收入总表",
        "财政拨款收支总表",
        "一般公共预算财政拨款基本支出表",
        "“三公”经费支出表",
        "项目支出表",
        "政府采购预算表",
        "部门编码及名称：",
        "[323]社保局",
        "323002涞源县社会保险事业管理局",
        "预算年度：",
        "2019",
        "2020",
        "金额单位：万元",
        "单位：",
        "栏次",
        "序号",
        "科目",
        "功能分类科目编码",
        "科目名称",
        "项目",
        "合计",
        "本年支出合计",
        "基本支出",
        "项目支出",
        "小计",
        "其中：",
        "一、",
        "二、",
        "208",
        "20801",
        "2080109",
        "100.00",
        "80.00",
        "0",
        "涞源县",
        "我市",
        "三是",
        "。",
        "；",
        "万元",
        "项目名称",
        "预算数",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "产出指标",
        "数量指标",
        "人数",
        "100人",
    ]);
    // A target table after the random part, so that the text reads as a target document.
    prop::collection::vec(atoms, 0..400).prop_map(|v| {
        format!(
            "{}\n\n项目绩效目标表\n\t项目名称\n\t甲\n\n\t预算数\n\t10.00\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t数量指标\n\t人数\n\t100人\n",
            v.concat()
        )
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever the text, reading the disclosure and running the D rules never fails the file
    /// (a panic would be turned into a read error), and `extract --disclosure` writes it.
    #[test]
    fn d_rules_never_panic(text in disclosure_like()) {
        let report = jxlint::check(
            &[Input::Stdin { text: text.clone().into_bytes(), format: Some(Format::Text) }],
            &Options::default(),
        );
        for f in &report.files {
            if let Some(e) = &f.error {
                proptest::prop_assert!(!e.message.contains("内部错误"), "{}", e.message);
            }
        }
        let src = jxlint::source::SourceFile::new("p", text);
        let doc = jxlint::read_source(&src, Format::Text);
        proptest::prop_assert!(doc.is_ok());
        let doc = doc.unwrap();
        let yaml = jxlint::disclosure::to_yaml(doc.disclosure.as_ref(), &src);
        proptest::prop_assert!(yaml.starts_with(jxlint::disclosure::EXTRACT_LINE));
        // Every span the recogniser keeps lies on character boundaries inside the text.
        for t in doc.disclosure.iter().flat_map(|d| &d.tables) {
            let fields = t.title.iter().chain(&t.department).chain(&t.year).chain(&t.unit)
                .chain(t.rows.iter().flat_map(|r| std::iter::once(&r.name).chain(&r.code).chain(r.amounts.iter().flatten())));
            for f in fields {
                proptest::prop_assert!(src.text.get(f.span.start..f.span.end).is_some(), "{:?}", f);
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// The seed with lines dropped, doubled or cut short here and there: tables that lose
    /// their headers, rows that shift, titles that run into prose. No panic, and every span
    /// the recogniser keeps lies inside the text.
    #[test]
    fn a_damaged_seed_never_panics(
        edits in proptest::collection::vec((0usize..2209, 0u8..3), 1..40)
    ) {
        let text = seed();
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        for (at, what) in edits {
            let at = at % lines.len().max(1);
            match what {
                0 => {
                    lines.remove(at);
                }
                1 => {
                    let l = lines[at].clone();
                    lines.insert(at, l);
                }
                _ => {
                    let keep: String = lines[at].chars().take(3).collect();
                    lines[at] = keep;
                }
            }
            if lines.is_empty() {
                break;
            }
        }
        let text = lines.join("\n");
        let report = jxlint::check(
            &[Input::Stdin { text: text.into_bytes(), format: Some(Format::Text) }],
            &Options::default(),
        );
        for f in &report.files {
            if let Some(e) = &f.error {
                proptest::prop_assert!(!e.message.contains("内部错误"), "{}", e.message);
            }
        }
    }
}
