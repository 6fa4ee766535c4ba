//! The tables of the eighth reviewer trial (`fixtures/trial8/`, see its README): the findings
//! after the fixes the trial led to — 中央资金 | 省级资金 | 地方资金 as the 财政资金 (no B001),
//! 年初设定目标 as the goal (not 全年实际完成情况), the 重庆 审批表's labels (年度主要目标和成果,
//! 项目总预算, 其中:其它资金), 二级项目名称, 绩效度量单位 / 绩效指标性质 / 指标值类型 columns,
//! level names with a score range (“成本指标(0-20)分”), template cost rows named “0”, a footer
//! row under the indicators, a 部门整体 header of 三级指标 and 指标值 alone (an error, not a
//! skip), and the framework's standard explanations never read as another field's words.

mod common;

use std::path::Path;

fn findings(name: &str) -> Vec<(String, String)> {
    common::findings_at(&Path::new("fixtures/trial8").join(name))
        .into_iter()
        .map(|(code, at, _)| (code, at))
        .collect()
}

fn pairs(found: &[(String, String)]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|(c, a)| (c.as_str(), a.as_str()))
        .collect()
}

#[test]
fn transfer_payment_sources_and_the_set_goal() {
    let name = "hubei-xianning-shengtai-daqiwuran-zipingbiao-2021.html";
    let d = common::read_doc(&Path::new("fixtures/trial8").join(name));
    let p = &d.projects[0];
    let sources: Vec<(&str, &str)> = p
        .budget
        .fiscal_sources
        .iter()
        .map(|(l, f)| (l.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        sources,
        [
            ("中央资金", "871"),
            ("省级资金", "0"),
            ("地方资金", "1509.91")
        ]
    );
    assert!(
        p.goals.as_ref().unwrap().lines[0]
            .text
            .starts_with("采用技术领先的监测设备")
    );
    assert_eq!(
        pairs(&findings(name)),
        [("S004", "表1 第13行 第1列"), ("S006", "表1 第13行 第1列")]
    );
    // Parts that do not add up still give B001, naming each level's amount.
    let f = common::findings_at(Path::new(
        "fixtures/trial8/probes/p5b-xianning-caizhengbokuan.html",
    ));
    assert!(
        f.iter()
            .any(|(c, a, _)| c == "B001" && a == "表1 第5行 第5列")
    );
}

#[test]
fn chongqing_approval_form() {
    for name in [
        "chongqing-fengjie-yingji-12350jubaojiang-2023.html",
        "chongqing-fengjie-yingji-12350jubaojiang-2023.docx",
    ] {
        assert_eq!(
            pairs(&findings(name)),
            [
                ("B003", "表1 第5行 第2列"),
                ("G003", "表1 第10行 第2列"),
                ("S004", "表1 第17行 第2列"),
                ("C004", "表1 第17行 第4列"),
                ("C004", "表1 第18行 第4列"),
                ("C004", "表1 第19行 第4列"),
                ("S006", "表1 第21行 第1列"),
            ],
            "{name}"
        );
    }
}

#[test]
fn second_level_name_units_and_symbols() {
    let name = "hunan-nanxian-zhufangbaozhang-chuzushuifei-2024.html";
    let d = common::read_doc(&Path::new("fixtures/trial8").join(name));
    assert_eq!(
        common::cell_text(&d.projects[0].name),
        "国有资产出租收入应交税费"
    );
    assert_eq!(
        pairs(&findings(name)),
        [
            ("C001", "表1 第2行 第1列"),
            ("B003", "表1 第2行 第6列"),
            ("V005", "表1 第20行 第5列"),
            ("V009", "表1 第22行 第5列"),
            ("V005", "表1 第23行 第5列"),
            ("V002", "表1 第24行 第5列"),
        ]
    );
    assert_eq!(
        pairs(&findings("hainan-shangwu-huizhanjiangli-2021.html")),
        [
            ("B003", "表2 第5行 第1列"),
            ("C001", "表2 第5行 第1列"),
            ("S004", "表2 第7行 第1列"),
            ("S006", "表2 第7行 第1列"),
        ]
    );
}

#[test]
fn a_score_alone_and_a_footer_row() {
    let f = findings("anhui-xuancheng-dizhen-fangzhenjianzai-zipingbiao-2021.html");
    assert!(f.contains(&("S001".into(), "表1 第13行 第2列".into())));
    let f = common::findings_at(Path::new("fixtures/trial7/review/two-midonly-footer.html"));
    let got: Vec<(&str, &str)> = f.iter().map(|(c, a, _)| (c.as_str(), a.as_str())).collect();
    assert_eq!(
        got,
        [
            ("B003", "表1 第3行 第2列"),
            ("R002", "表1 第15行 第4列"),
            ("V005", "表1 第15行 第5列"),
        ]
    );
}

#[test]
fn a_department_header_without_levels_is_an_error() {
    let out = common::jxlint_in(
        Path::new("."),
        &[
            "check",
            "fixtures/trial8/chongqing-dazu-shangwu-bumenzhengti-zipingbiao-2021.html",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("表1 第10行 第1列的指标表头“三级指标｜"),
        "{err}"
    );
    assert!(err.contains("没有 jxlint 认得的“一级指标”列"), "{err}");
}

#[test]
fn standard_explanations_are_no_field_words() {
    let out = common::jxlint_in(
        Path::new("."),
        &[
            "check",
            "--select",
            "R001",
            "--format",
            "json",
            "fixtures/trial8/probes/template-explanations.yaml",
        ],
    );
    let j = common::json(&out);
    assert_eq!(j["diagnostics"].as_array().unwrap().len(), 0, "{j}");
    assert_eq!(j["summary"]["projects"].as_u64(), Some(10), "{j}");
}
