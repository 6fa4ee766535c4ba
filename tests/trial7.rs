//! The tables of the seventh reviewer trial (`fixtures/trial7/`, see its README): what the
//! readers make of an Anhui 申报表 filled in only in its 中期 block, of a goal across 中期目标 and
//! 年度目标, of an empty 预期目标 cell, of a 自评表's 当年财政拨款 and 上年结转资金 rows and of the
//! labels 项目年度目标, 项目当年绩效目标 and 项目申报金额; and the findings on level names with a
//! score, on unfilled template rows (“指标2:”, “……”) and on a value of “/”.

mod common;

use std::path::Path;

use jxlint::model::{Document, Field};

fn read(name: &str) -> Document {
    common::read_doc(&Path::new("fixtures/trial7").join(name))
}

fn t(f: &Option<Field>) -> String {
    common::cell_text(f)
}

/// (code, cell) of each finding of `check` on a fixture, in the report's order.
fn findings(name: &str) -> Vec<(String, String)> {
    common::findings_at(&Path::new("fixtures/trial7").join(name))
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

const CHENGGUAN: &str = "anhui-taixx-chengguan-zhifacheliang-2023.html";
const TIANCHANG: &str = "anhui-tianchang-shuili-shuihanzaihai-2022.html";
const PUTUO: &str = "shanghai-putuo-tiyu-yunyingjiesuan-2022.html";

/// 中期目标 | 年度目标 over two indicator blocks, the 年度 block left blank: the 中期 block's eight
/// indicators are read (the year's block was read before, eight empty rows and five C004 that
/// advised deleting real indicators), and the goal written in one cell across both headings.
#[test]
fn the_filled_block_of_a_two_block_form_is_read() {
    let d = read(CHENGGUAN);
    let p = &d.projects[0];
    let rows: Vec<(String, String, String)> = p
        .indicators
        .iter()
        .map(|i| (t(&i.level2), t(&i.level3), t(&i.value)))
        .collect();
    assert_eq!(rows.len(), 8, "{rows:?}");
    assert_eq!(
        rows[0],
        (
            "数量指标".to_string(),
            "完成修理养护的设施数量".to_string(),
            "≥90辆".to_string()
        )
    );
    assert_eq!(
        rows[7],
        (
            "经济效益指标".to_string(),
            "对减少财政投资成本的改善程度".to_string(),
            "程度较高".to_string()
        )
    );
    let goals = p.goals.as_ref().expect("goal read");
    assert_eq!(goals.lines.len(), 1);
    assert!(goals.lines[0].text.starts_with("保障城管执法巡查车辆"));
    assert_eq!(t(&p.budget.total), "340.00");
    let f = findings(CHENGGUAN);
    assert_eq!(
        pairs(&f),
        [
            ("B003", "表1 第4行 第2列"),
            ("C005", "表1 第11行 第2列"),
            ("G003", "表1 第11行 第2列"),
            ("V001", "表1 第15行 第5列"),
            ("V004", "表1 第15行 第5列"),
            ("V001", "表1 第16行 第5列"),
            ("V004", "表1 第16行 第5列"),
            ("V007", "表1 第17行 第5列"),
            ("V005", "表1 第18行 第5列"),
            ("C005", "表1 第19行 第5列"),
            ("S006", "表1 第20行 第1列"),
            ("V007", "表1 第20行 第5列"),
        ]
    );
}

/// The 年度 block is read where it is filled (the Guangdong 批复表 case): a probe with the same
/// indicators moved to the right block reads them from there.
#[test]
fn the_year_block_is_still_preferred_when_filled() {
    let html = std::fs::read_to_string(Path::new("fixtures/trial7").join(CHENGGUAN)).unwrap();
    // Swap the two blocks of the first indicator row: the year's block holds it, the medium
    // term's is blank.
    let moved = html.replace(
        "<td>数量指标</td><td>完成修理养护的设施数量</td><td>≥90辆</td><td>数量指标</td><td></td><td></td>",
        "<td>数量指标</td><td></td><td></td><td>数量指标</td><td>完成修理养护的设施数量</td><td>≥95辆</td>",
    );
    assert_ne!(moved, html);
    let path = common::scratch("trial7", "moved").join("t.html");
    std::fs::write(&path, moved).unwrap();
    let d = common::read_doc(&path);
    let names: Vec<(String, String)> = d.projects[0]
        .indicators
        .iter()
        .map(|i| (t(&i.level3), t(&i.value)))
        .filter(|(n, v)| !n.is_empty() || !v.is_empty())
        .collect();
    assert_eq!(
        names,
        [("完成修理养护的设施数量".to_string(), "≥95辆".to_string())]
    );
}

/// A 自评表's 其中:当年财政拨款 is the 财政资金: no B001 “与资金来源之和0不符”. An empty 预期目标
/// cell is an empty goal (C001), not the heading taken as the goal (G003 on “预期目标”).
#[test]
fn self_evaluation_budget_parts_and_an_empty_goal() {
    let d = read(PUTUO);
    let p = &d.projects[0];
    assert_eq!(t(&p.budget.fiscal), "250000.00");
    assert!(p.goals.as_ref().is_some_and(|g| g.is_blank()));
    let f = findings(PUTUO);
    assert_eq!(
        pairs(&f),
        [
            ("C001", "表1 第9行 第2列"),
            ("V005", "表1 第13行 第5列"),
            ("V009", "表1 第14行 第5列"),
        ]
    );
    // The probe's 其中:本年财政拨款 880 | 上年结转资金 (blank) | 其他资金 0 under 880: no B001.
    let f = findings("probes/probe-tianchang-other-zero.html");
    assert!(!f.iter().any(|(c, _)| c.starts_with('B')), "{f:?}");
}

/// 上年结转资金 is a third part of a 自评表's budget: B001 adds it to 当年财政拨款 and 其他资金.
#[test]
fn a_carried_over_amount_is_a_part_of_the_budget() {
    let html = std::fs::read_to_string(Path::new("fixtures/trial7").join(PUTUO)).unwrap();
    let budget = |fiscal: &str, carried: &str| {
        html.replace(
            "<tr><td>其中:当年财政拨款</td><td>250000.00</td><td>250000.00</td>",
            &format!("<tr><td>其中:当年财政拨款</td><td>{fiscal}</td><td>{fiscal}</td>"),
        )
        .replace(
            "<tr><td>上年结转资金</td><td>0</td><td>0</td>",
            &format!("<tr><td>上年结转资金</td><td>{carried}</td><td>{carried}</td>"),
        )
    };
    let b001 = |html: String, name: &str| -> Vec<String> {
        let path = common::scratch("trial7", name).join("t.html");
        std::fs::write(&path, html).unwrap();
        common::findings_at(&path)
            .into_iter()
            .filter(|(c, _, _)| c == "B001")
            .map(|(_, _, m)| m)
            .collect()
    };
    assert!(b001(budget("200000.00", "50000.00"), "carried").is_empty());
    assert_eq!(
        b001(budget("200000.00", "40000.00"), "short"),
        [
            "预算数“250000.00”与资金来源之和240000不符（财政资金“200000.00” + 其他资金“0” + 上年结转资金“40000.00”）"
        ]
    );
    assert_eq!(b001(budget("200000.00", "0"), "none").len(), 1);
}

/// The review's probes (`fixtures/trial7/review/`, written for the review, not published):
/// a 中期-only form with a footer row under it still reads the 中期 block; a goal written only
/// under 中期目标 is the goal; scores after level names in every form (产出指标40分, 质量指标 10
/// 分, 满意度指标:10分, 服务对象满意度指标10.5分) give no S001; a carried-over amount that does not
/// make up the difference still gives B001.
#[test]
fn the_reviews_probes() {
    let f = common::findings_at(Path::new("fixtures/trial7/review/two-midonly-footer.html"));
    assert!(
        !f.iter().any(|(c, _, _)| c == "C004" || c == "C001"),
        "{f:?}"
    );
    let d = common::read_doc(Path::new("fixtures/trial7/review/goal-midonly.html"));
    assert!(d.projects[0].goals.as_ref().is_some_and(|g| !g.is_blank()));
    let f = common::findings_at(Path::new("fixtures/trial7/review/goal-midonly.html"));
    assert!(
        !f.iter().any(|(c, _, _)| c == "C001" || c == "C004"),
        "{f:?}"
    );
    let f = common::findings_at(Path::new("fixtures/trial7/review/lv-score.html"));
    assert!(
        !f.iter()
            .any(|(c, _, _)| c == "S001" || c == "S004" || c == "S006"),
        "{f:?}"
    );
    let f = common::findings_at(Path::new("fixtures/trial7/review/b-carry-amt.html"));
    let b001: Vec<&str> = f
        .iter()
        .filter(|(c, _, _)| c == "B001")
        .map(|(_, a, _)| a.as_str())
        .collect();
    assert_eq!(b001, ["表1 第5行 第4列"]);
}

/// Unfilled template rows give one finding each: “……” C005 (no C002 beside it), “指标2:” C004
/// (no C002, no S007 “与第5条指标重复”), “指标1:/ | /” C004 (no V007 on “/”).
#[test]
fn unfilled_template_rows_give_one_finding_each() {
    let f = findings(TIANCHANG);
    let at = |row: &str| -> Vec<&str> {
        f.iter()
            .filter(|(_, a)| a.starts_with(&format!("表1 第{row}行 ")))
            .map(|(c, _)| c.as_str())
            .collect()
    };
    assert_eq!(at("13"), ["C005"]); // ……
    assert_eq!(at("14"), ["C002"]); // 指标1:工程质量合格 | (blank)
    assert_eq!(at("15"), ["C004"]); // 指标2:
    assert_eq!(at("29"), ["C004"]); // 指标1:/ | /
    assert_eq!(at("30"), ["C004"]); // 指标2:
    assert!(!f.iter().any(|(c, _)| c == "S007" || c == "V007"), "{f:?}");
    let count = |code: &str| f.iter().filter(|(c, _)| c == code).count();
    assert_eq!(
        (count("C002"), count("C004"), count("C005")),
        (6, 9, 9),
        "{f:?}"
    );
}

/// Level names with a score after them (产出指标 40 分, 数量指标 15 分) are the framework's: no
/// S001, and no S003 “没有产出指标”. The 项目年度目标 label gives the goal.
#[test]
fn level_names_with_a_score_and_the_project_year_goal() {
    let d = read("probes/probe-guangshui-one-table.html");
    let p = &d.projects[0];
    assert_eq!(
        p.goals.as_ref().map(|g| g.lines[0].text.clone()).as_deref(),
        Some("1.完成乡村道路建设养护里程 300 公里; 2. 3.")
    );
    let f = findings("probes/probe-guangshui-one-table.html");
    assert_eq!(
        pairs(&f),
        [
            ("C001", "表1 第1行 第1列"),
            ("S006", "表1 第16行 第1列"),
            ("S004", "表1 第16行 第2列"),
        ]
    );
}

/// 项目申报金额 is the budget and 项目当年绩效目标 the goal (重庆 重点项目绩效目标表).
#[test]
fn chongqing_key_project_labels() {
    let d = read("probes/probe-dingshan-with-one-indicator-NOT-PUBLISHED.html");
    let p = &d.projects[0];
    assert_eq!(t(&p.name), "市政日常维护经费");
    assert_eq!(t(&p.budget.total), "2243.02");
    assert!(
        p.goals
            .as_ref()
            .is_some_and(|g| g.lines[0].text.starts_with("完成1个老集镇的维护"))
    );
}
