//! The tables of the third reviewer trial (`fixtures/trial3/`, see its README): what the
//! readers make of real layouts that the trial found misread.

mod common;

use std::path::Path;

use jxlint::model::{Document, Field, Project};

fn read(name: &str) -> Document {
    common::read_doc(&Path::new("fixtures/trial3").join(name))
}

fn t(f: &Option<Field>) -> Option<String> {
    f.as_ref().map(|f| f.trimmed().to_string())
}

fn goal(p: &Project) -> String {
    p.goals
        .iter()
        .flat_map(|g| &g.lines)
        .map(|l| l.trimmed())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The findings of `check` on a fixture: (code, location, message).
fn findings(name: &str) -> Vec<(String, String, String)> {
    let path = Path::new("fixtures/trial3").join(name);
    common::findings_at(&path)
}

fn has(found: &[(String, String, String)], code: &str, message: &str) -> bool {
    found
        .iter()
        .any(|(c, _, m)| c == code && m.starts_with(message))
}

/// Budget labels of other templates: 年度预算资金总额 (山西, a PDF), 下达资金总额 (the 中央转移支付
/// template); on a 自评表 the year's budget is 全年预算数, not 年初预算数.
#[test]
fn budget_labels_of_other_templates() {
    let p = &read("shanxi-yangquan-silunonglu-2021-p1.pdf").projects[0];
    assert_eq!(t(&p.budget.total).as_deref(), Some("25"));
    assert!(!has(
        &findings("shanxi-yangquan-silunonglu-2021-p1.pdf"),
        "C001",
        "预算数为空"
    ));

    let p = &read("probe-wuxi-filled.docx").projects[0];
    assert_eq!(t(&p.budget.total).as_deref(), Some("484.45"));
    assert!(!has(
        &findings("probe-wuxi-filled.docx"),
        "C001",
        "预算数为空"
    ));
    // The published table left it empty: that is said, at the cell.
    let found = findings("chongqing-wuxi-weifanggaizao-2025.docx");
    assert!(
        found.iter().any(|(c, at, m)| c == "C001"
            && m.starts_with("预算数为空")
            && at == "表1 第4行 第3列"),
        "{found:?}"
    );

    let p = &read("neimenggu-bayannaoer-ganqimaodu-ziranziyuan-zipingbiao-2024.html").projects[0];
    assert_eq!(
        (t(&p.budget.total), t(&p.budget.fiscal), t(&p.budget.other)),
        (Some("2.38".into()), Some("0.58".into()), Some("1.8".into()))
    );
}

/// Goals: `*年度绩效总目标` (with or without `*`); a 自评表's goal under its 预期目标 heading, not
/// the heading; the 年度目标 beside a 中期目标.
#[test]
fn goals_under_their_labels_and_headings() {
    for name in [
        "jiangxi-fuliang-linyeju-bumenzhengti-2026.xlsx",
        "probe-fuliang-noasterisk.xlsx",
    ] {
        let doc = read(name);
        assert_eq!(doc.projects.len(), 1, "{name}");
        assert_eq!(
            goal(&doc.projects[0]),
            "保证林业局职能实现,保障人员经费。",
            "{name}"
        );
        assert!(!has(&findings(name), "C001", "绩效目标为空"), "{name}");
    }

    let name = "neimenggu-bayannaoer-ganqimaodu-ziranziyuan-zipingbiao-2024.html";
    let g = goal(&read(name).projects[0]);
    assert!(g.starts_with("目标1:通过开展自然调查"), "{g}");
    let found = findings(name);
    assert!(
        !found.iter().any(|(_, _, m)| m.contains("“预期目标”")),
        "{found:?}"
    );

    let name = "shanxi-yangquan-silunonglu-2021-p1.pdf";
    let g = goal(&read(name).projects[0]);
    assert!(g.starts_with("工程前期施工图设计批复"), "{g}");
    // The 中期 text (a copy of the 项目概况) is not judged.
    let found = findings(name);
    assert!(!found.iter().any(|(c, _, _)| c == "G002"), "{found:?}");
}

/// A section label (基本信息) or a column header (单位代码) is never the department;
/// 部门名称 is a department label.
#[test]
fn the_department_is_no_section_label_or_column_header() {
    let doc = read("jiangxi-fuliang-linyeju-bumenzhengti-2026.xlsx");
    assert_eq!(t(&doc.department).as_deref(), Some("浮梁县林业局"));
    let doc = read("hunan-xiangxi-tejiao-huoshifei-2023.html");
    assert_eq!(
        t(&doc.department).as_deref(),
        Some("505_湘西州教育和体育局")
    );
    let doc = read("hunan-xiangxi-tejiao-huoshifei-2023.pdf");
    assert_ne!(t(&doc.department).as_deref(), Some("单位代码"));
}

/// The 湖南 batch layout: the project's name, budget and goal from its row; the unit's row
/// (单位名称 and amount, no indicator cells) is no indicator.
#[test]
fn a_batch_table_reads_the_project_row() {
    for name in [
        "hunan-xiangxi-tejiao-huoshifei-2023.html",
        "hunan-xiangxi-tejiao-huoshifei-2023.pdf",
    ] {
        let doc = read(name);
        assert_eq!(doc.projects.len(), 1, "{name}");
        let p = &doc.projects[0];
        assert_eq!(t(&p.name).as_deref(), Some("学生伙食费"), "{name}");
        assert_eq!(t(&p.budget.total).as_deref(), Some("30.00"), "{name}");
        assert_eq!(p.indicators.len(), 15, "{name}");
        assert_eq!(
            t(&p.indicators[0].level3).as_deref(),
            Some("学生补助标准"),
            "{name}"
        );
        let found = findings(name);
        assert!(!has(&found, "C001", "项目名称为空"), "{name}: {found:?}");
        assert!(!has(&found, "C001", "预算数为空"), "{name}: {found:?}");
        // The published goal cell is empty: said.
        assert!(has(&found, "C001", "绩效目标为空"), "{name}: {found:?}");
    }
    let name = "probe-xiangxi-goal.html";
    assert_eq!(
        goal(&read(name).projects[0]),
        "保障168名残疾学生每天17元伙食补助按时足额发放"
    );
    assert!(!has(&findings(name), "C001", "绩效目标为空"));
}

/// Two forms stacked in one sheet: the blank row and the second form's title row
/// (“项目支出绩效目标表(2023年度)”) end the first form's indicators.
#[test]
fn a_title_row_ends_the_indicators_of_the_form_above() {
    let name = "two-projects-one-sheet.xlsx";
    let doc = read(name);
    let names: Vec<_> = doc.projects.iter().map(|p| t(&p.name)).collect();
    assert_eq!(
        names,
        [
            Some("农村危房改造补助资金".to_string()),
            Some("学生伙食费".to_string())
        ]
    );
    assert_eq!(doc.projects[0].indicators.len(), 1);
    assert_eq!(doc.projects[1].indicators.len(), 10);
    let found = findings(name);
    assert!(!found.iter().any(|(c, _, _)| c == "C004"), "{found:?}");
    assert!(
        !found.iter().any(|(_, at, _)| at.ends_with("!A12")),
        "{found:?}"
    );
}

/// B003 by kind of table: a 自评表 and a 部门整体 table have no spending schedule by design
/// (no B003); a project table whose template lacks it keeps the message that says so.
#[test]
fn a_missing_schedule_by_kind_of_table() {
    for name in [
        "neimenggu-bayannaoer-ganqimaodu-ziranziyuan-zipingbiao-2024.html",
        "jiangxi-fuliang-linyeju-bumenzhengti-2026.xlsx",
    ] {
        let found = findings(name);
        assert!(
            !found.iter().any(|(c, _, _)| c == "B003"),
            "{name}: {found:?}"
        );
    }
    let found = findings("chongqing-wuxi-weifanggaizao-2025.docx");
    assert!(
        has(
            &found,
            "B003",
            "表中没有资金支出计划（这张表的模板没有这一栏）"
        ),
        "{found:?}"
    );
}

/// A 部门整体 table (浮梁县林业局) names no project and covers all of the department's spending:
/// no 项目名称为空, and no R001 on its pay, staff and publicity rows (职工人数, 横幅 and 工资
/// were reported as 住房保障's, 宣传's and 城乡社区's once its goal was read). The stored page
/// stops after the first 质量指标 row: the budget, 效益 and 满意度 findings are the truncation's.
#[test]
fn a_department_table_is_no_project_table() {
    let found: Vec<(String, String)> = findings("jiangxi-fuliang-linyeju-bumenzhengti-2026.xlsx")
        .into_iter()
        .map(|(c, at, m)| (c, format!("{at} {}", m.chars().take(8).collect::<String>())))
        .collect();
    let want: Vec<(String, String)> = [
        ("C001", "部门整体支出绩效目标表!A6 预算数为空"),
        ("G003", "部门整体支出绩效目标表!B7 绩效目标“保证林"),
        ("S004", "部门整体支出绩效目标表!A9 没有效益指标"),
        ("S006", "部门整体支出绩效目标表!A21 没有满意度指标"),
    ]
    .iter()
    .map(|(c, a)| (c.to_string(), a.to_string()))
    .collect();
    assert_eq!(found, want);
}

/// The review's probes (written, `probe-*.html`): two units' rows of the 湖南 batch layout under
/// one project name are two projects (a unit's row ends the project above it: they were one,
/// with the second budget lost and S007 on the repeated indicators); a 年度目标 heading with
/// its text to its right is read there, not from the wider cell of the row below (a 项目概况).
#[test]
fn the_reviews_probes_of_batch_rows_and_side_by_side_goals() {
    let doc = read("probe-batch-samename.html");
    let got: Vec<(Option<String>, Option<String>, usize)> = doc
        .projects
        .iter()
        .map(|p| (t(&p.name), t(&p.budget.total), p.indicators.len()))
        .collect();
    let want = |b: &str| (Some("学生伙食费".to_string()), Some(b.to_string()), 3);
    assert_eq!(got, vec![want("30.00"), want("50.00")]);
    assert!(
        findings("probe-batch-samename.html")
            .iter()
            .all(|(c, _, _)| c != "S007")
    );
    let doc = read("probe-goal-side.html");
    assert_eq!(
        goal(&doc.projects[0]),
        "2025年完成农村公路养护12公里，验收合格率100%"
    );
}

/// A form note where the name is to be written (填报单位：（盖章）) names no department (the
/// day's reader took “（盖章）” for one).
#[test]
fn a_stamp_note_is_no_department() {
    assert_eq!(t(&read("probe-dept-stamp.html").department), None);
}
