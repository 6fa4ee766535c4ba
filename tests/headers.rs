//! Indicator headers as real 绩效目标表 word them (`rules/headers.yaml`): each wording of the
//! value and name columns reads the same indicators, a fallback label (指标内容, 绩效标准 …)
//! never takes the place of a column the header has, and a header jxlint cannot read is named
//! in an error instead of a quiet “no indicators”. The workbooks are written here with
//! rust_xlsxwriter; the grid they give goes through the form recogniser every format shares.

mod common;

use std::path::{Path, PathBuf};

use jxlint::{Input, Options};

/// The project block above the indicator header (rows 1–7 of the sheet 表).
const BLOCK: &[&[&str]] = &[
    &["2025年度项目支出绩效目标表"],
    &["项目名称", "2025年农村公路日常养护"],
    &["主管部门", "某县交通运输局"],
    &["资金总额（万元）", "680.00"],
    &["资金支出计划（%）", "3月底", "6月底", "9月底", "12月底"],
    &["", "25", "50", "75", "100"],
    &[
        "年度绩效目标",
        "完成全县860公里农村公路日常养护和6座危桥改造，优良中等路率不低于80%。",
    ],
];

/// Indicator rows (from row 9): one with a value out of range (V001 in its value cell), one
/// slogan (R002 in its name cell).
const ROWS: &[[&str; 4]] = &[
    ["产出指标", "数量指标", "农村公路日常养护里程", "≥860公里"],
    ["产出指标", "数量指标", "危桥改造数量", "6座"],
    ["产出指标", "质量指标", "优良中等路率", "≥80%"],
    ["产出指标", "时效指标", "危桥改造完工时间", "2025年11月底前"],
    ["产出指标", "成本指标", "每公里日常养护成本", "≤7000元/公里"],
    ["效益指标", "社会效益指标", "促进经济社会高质量发展", "显著"],
    [
        "效益指标",
        "可持续影响指标",
        "危桥改造后设计使用年限",
        "≥30年",
    ],
    [
        "满意度指标",
        "服务对象满意度指标",
        "沿线群众满意度",
        "≥120%",
    ],
];

/// Write a one-sheet workbook: `block` rows, then `header` in row `block.len() + 1`, then the
/// indicator rows, their four texts in the columns `place` gives (0-based).
fn workbook(name: &str, block: &[&[&str]], header: &[&str], place: [u16; 4]) -> PathBuf {
    let dir = common::scratch("headers", name);
    let path = dir.join(format!("{name}.xlsx"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表").unwrap();
    let mut r: u32 = 0;
    for row in block {
        for (c, t) in row.iter().enumerate() {
            if !t.is_empty() {
                ws.write_string(r, c as u16, *t).unwrap();
            }
        }
        r += 1;
    }
    for (c, t) in header.iter().enumerate() {
        ws.write_string(r, c as u16, *t).unwrap();
    }
    r += 1;
    for row in ROWS {
        for (t, c) in row.iter().zip(place) {
            ws.write_string(r, c, *t).unwrap();
        }
        r += 1;
    }
    wb.save(&path).unwrap();
    path
}

/// (code, cell) of every finding but the document-wide D rules, in report order.
fn findings(path: &Path) -> Vec<(String, String)> {
    let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
    assert!(!report.has_errors_reading(), "{path:?}: {:?}", report.files);
    report
        .diagnostics
        .iter()
        .filter(|d| !d.code.starts_with('D'))
        .map(|d| {
            let cell = d.location.cell.as_ref().map(|c| c.a1()).unwrap_or_default();
            (d.code.to_string(), cell)
        })
        .collect()
}

/// The level-3 names and values read.
fn indicators(path: &Path) -> Vec<(String, String, String)> {
    let doc = common::read_doc(path);
    let t = common::cell_text;
    doc.projects[0]
        .indicators
        .iter()
        .map(|i| (t(&i.level3), t(&i.description), t(&i.value)))
        .collect()
}

fn owned(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The findings of the table with the names in column C and the values in column D, whatever
/// the two headers say: R002 on the slogan's name (C14), V005 on its value (D14), V001 on the
/// satisfaction rate over 100% (D16).
const WANT: &[(&str, &str)] = &[("R002", "C14"), ("V005", "D14"), ("V001", "D16")];

#[test]
fn every_wording_of_the_value_column_reads_the_indicators() {
    for value in [
        "指标值",
        "年度指标值",
        "目标值",
        "年度目标值",
        "指标值及单位",
        "预期目标值",
        "绩效指标值",
        "当年预期实现值",
        "指标值（含单位）",
        // No 指标值 column: 绩效标准 is the value.
        "绩效标准",
    ] {
        let p = workbook(
            &format!("value-{value}"),
            BLOCK,
            &["一级指标", "二级指标", "三级指标", value, "备注"],
            [0, 1, 2, 3],
        );
        assert_eq!(findings(&p), owned(WANT), "{value}");
        let got = indicators(&p);
        assert_eq!(got.len(), ROWS.len(), "{value}");
        assert_eq!(
            got[7],
            ("沿线群众满意度".into(), String::new(), "≥120%".into()),
            "{value}"
        );
    }
}

#[test]
fn every_wording_of_the_name_column_reads_the_names() {
    for (name, level1) in [
        ("三级指标", "一级指标"),
        ("指标名称", "一级指标"),
        ("三级指标名称", "一级指标"),
        ("绩效指标名称", "一级指标"),
        // No 三级指标 column: 指标内容 and 绩效指标 are the names.
        ("指标内容", "一级指标"),
        ("绩效指标", "一级指标"),
        // No 一级指标 column: 指标类别 is the 一级指标.
        ("指标名称", "指标类别"),
    ] {
        let p = workbook(
            &format!("name-{name}-{level1}"),
            BLOCK,
            &[level1, "二级指标", name, "指标值", "备注"],
            [0, 1, 2, 3],
        );
        assert_eq!(findings(&p), owned(WANT), "{name} {level1}");
        let got = indicators(&p);
        assert_eq!(
            got[5],
            (
                "促进经济社会高质量发展".into(),
                String::new(),
                "显著".into()
            ),
            "{name}"
        );
    }
}

/// A fallback label never takes the place of a column the header has: 指标内容 beside
/// 三级指标 stays the description, 绩效标准 beside 指标值及单位 is not the value, 指标类别
/// beside 一级指标 is nothing.
#[test]
fn a_fallback_label_does_not_swallow_a_column() {
    let p = workbook(
        "fallback-description",
        BLOCK,
        &["一级指标", "二级指标", "指标内容", "三级指标", "指标值"],
        [0, 1, 3, 4],
    );
    let got = indicators(&p);
    assert_eq!(
        got[0],
        (
            "农村公路日常养护里程".into(),
            String::new(),
            "≥860公里".into()
        )
    );
    // The slogan's name stands in D14 now, its value in E14.
    assert_eq!(
        findings(&p),
        owned(&[("R002", "D14"), ("V005", "E14"), ("V001", "E16")])
    );

    let p = workbook(
        "fallback-standard",
        BLOCK,
        &[
            "一级指标",
            "二级指标",
            "三级指标",
            "绩效标准",
            "指标值及单位",
        ],
        [0, 1, 2, 4],
    );
    assert_eq!(
        findings(&p),
        owned(&[("R002", "C14"), ("V005", "E14"), ("V001", "E16")])
    );

    // 绩效指标 left of 一级指标 (a merged block label) is not the name column.
    let p = workbook(
        "fallback-left",
        BLOCK,
        &["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
        [1, 2, 3, 4],
    );
    assert_eq!(
        indicators(&p)[1],
        ("危桥改造数量".into(), String::new(), "6座".into())
    );
}

/// A header with indicator levels but no value column jxlint knows: C001 at the header row
/// names its cells, not “没有任何绩效指标”.
#[test]
fn an_unread_header_is_named() {
    let p = workbook(
        "unread",
        BLOCK,
        &["一级指标", "二级指标", "三级指标", "预期数值", "备注"],
        [0, 1, 2, 3],
    );
    let report = jxlint::check(&[Input::Path(p.clone())], &Options::default());
    let c001: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "C001")
        .collect();
    assert_eq!(c001.len(), 1, "{:?}", report.diagnostics);
    let d = c001[0];
    assert_eq!(
        d.location.cell.as_ref().map(|c| c.a1()).as_deref(),
        Some("A8")
    );
    assert_eq!(
        d.message,
        "指标表头“一级指标｜二级指标｜三级指标｜预期数值｜备注”里没有 jxlint 认得的“指标值”列，\
         其下的指标一行也没有读到"
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "指标值列的表头请写“指标值”“年度指标值”“目标值”或“指标值及单位”等；\
             jxlint 认得的表头写法见 rules/headers.yaml"
        )
    );
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("没有任何绩效指标"))
    );
}

/// The same header in a table with no project labels: the file cannot be read, and the error
/// names the header's cell and cells (exit code 2).
#[test]
fn an_unread_header_alone_is_a_read_error() {
    let p = workbook(
        "unread-alone",
        &[],
        &["指标类别", "二级指标", "三级指标", "预期数值"],
        [0, 1, 2, 3],
    );
    let dir = p.parent().unwrap();
    let out = common::jxlint_in(dir, &["check", "unread-alone.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "unread-alone.xlsx: 没有读到绩效目标表：表!A1的指标表头“指标类别｜二级指标｜三级指标｜预期数值”\
             里没有 jxlint 认得的“指标值”列，其下的指标一行也没有读到\
             （指标值列的表头请写“指标值”“年度指标值”“目标值”或“指标值及单位”等；\
             jxlint 认得的表头写法见 rules/headers.yaml）"
        ),
        "{err}"
    );
}

/// A two-row header, 指标值 over 年度指标值 | 中期指标值 (中期 first here): the sub-row is no
/// indicator, the 年度 value is the value read and checked.
#[test]
fn a_two_row_header_splits_the_value_column() {
    let dir = common::scratch("headers", "two-row");
    let path = dir.join("两行表头.html");
    let mut rows = String::new();
    for r in ROWS {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>≥1</td><td>{}</td></tr>\n",
            r[0], r[1], r[2], r[3]
        ));
    }
    let page = format!(
        "<html><body><table>\n\
         <tr><td>项目名称</td><td colspan=4>2025年农村公路日常养护</td></tr>\n\
         <tr><td>年度绩效目标</td><td colspan=4>{}</td></tr>\n\
         <tr><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td><td rowspan=2>三级指标</td>\
         <td colspan=2>指标值</td></tr>\n\
         <tr><td>中期指标值</td><td>年度指标值</td></tr>\n{rows}</table></body></html>\n",
        BLOCK[6][1]
    );
    std::fs::write(&path, page).unwrap();
    let got = indicators(&path);
    assert_eq!(got.len(), ROWS.len());
    assert_eq!(
        got[0],
        (
            "农村公路日常养护里程".into(),
            String::new(),
            "≥860公里".into()
        )
    );
    let report = jxlint::check(&[Input::Path(path.clone())], &Options::default());
    let v001: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "V001")
        .map(|d| d.location.cell.as_ref().unwrap().label())
        .collect();
    // 沿线群众满意度 ≥120%: the eighth indicator row, row 12 of the table, column 5.
    assert_eq!(v001, ["表1 第12行 第5列"]);
}

// ---------------------------------------------------------------------------------------------
// Budgets, departments and the end of the indicator table as real published tables write them
// (a new reviewer's trial: 安徽黄山, 四川昭化, 四川中江).

/// Write a one-sheet workbook of these rows (sheet 表, from A1).
fn sheet(name: &str, rows: &[&[&str]]) -> PathBuf {
    let dir = common::scratch("headers", name);
    let path = dir.join(format!("{name}.xlsx"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            if !t.is_empty() {
                ws.write_string(r as u32, c as u16, *t).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    path
}

/// BLOCK with its budget row (row 4) replaced.
fn with_budget(budget: &[&'static str]) -> Vec<&'static [&'static str]> {
    let mut block: Vec<&[&str]> = BLOCK.to_vec();
    block[3] = Vec::leak(budget.to_vec());
    block
}

/// (code, where) of every finding but the D rules: a sheet's cell, a table's cell, or
/// line:column.
fn found(path: &Path) -> Vec<(String, String)> {
    let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
    report
        .diagnostics
        .iter()
        .filter(|d| !d.code.starts_with('D'))
        .map(|d| {
            let at = match &d.location.cell {
                Some(c) if c.sheet.is_some() => c.a1(),
                Some(c) => c.label(),
                None => format!("{}:{}", d.location.line, d.location.column),
            };
            (d.code.to_string(), at)
        })
        .collect()
}

/// The summary's (department, budget) of each project.
fn summaries(path: &Path) -> Vec<(String, String)> {
    let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
    report
        .projects
        .iter()
        .map(|p| (p.department.clone(), p.budget.clone()))
        .collect()
}

fn document(path: &Path) -> jxlint::model::Document {
    let bytes = std::fs::read(path).unwrap();
    jxlint::read::read(
        &bytes,
        &path.to_string_lossy(),
        jxlint::read::format_for_path(path),
    )
    .unwrap()
    .doc
}

/// A budget label in 元 (年度预算安排（元）, 项目资金（元）) is read, in 元: no C001 “预算数为空”,
/// and the summary gives it in 万元 as every other budget. The build before this change gave
/// C001 at A2 for each of the three labels below.
#[test]
fn a_budget_label_in_yuan_is_read_in_yuan() {
    for (name, label, amount, summary) in [
        ("yuan-annual", "年度预算安排（元）", "6800000", "680"),
        ("wan-annual", "年度预算安排", "680.00", "680.00"),
        ("yuan-project", "项目资金（元）", "6800000", "680"),
        // Nothing changes for the label every table had.
        ("wan-total", "资金总额（万元）", "680.00", "680.00"),
    ] {
        let block = with_budget(&[label, amount]);
        let p = workbook(
            name,
            &block,
            &["一级指标", "二级指标", "三级指标", "指标值"],
            [0, 1, 2, 3],
        );
        assert_eq!(findings(&p), owned(WANT), "{label}");
        assert_eq!(
            summaries(&p),
            [("某县交通运输局".to_string(), summary.to_string())],
            "{label}"
        );
    }
    // In 元, a cost above the budget is compared in 元: 6800000元 is 680万元, below ≤700万元.
    let p = sheet(
        "yuan-cost",
        &[
            &["项目名称", "2025年农村公路日常养护"],
            &["主管部门", "某县交通运输局"],
            &["年度预算安排（元）", "6800000"],
            &["年度绩效目标", "完成全县860公里农村公路日常养护。"],
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["产出指标", "数量指标", "农村公路日常养护里程", "≥860公里"],
            &["", "成本指标", "养护总成本", "≤700万元"],
            &["效益指标", "社会效益指标", "优良中等路率", "≥80%"],
            &["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
        ],
    );
    assert_eq!(found(&p), owned(&[("B003", "B1"), ("B005", "D7")]));
}

/// The 四川 申报表: “年度资金总额 | 金额(万元)” is a column heading, the amounts stand below it.
/// 4.00 is the budget and the 财政资金; never “金额(万元)” as an amount (B006 at B3 before).
#[test]
fn a_budget_heading_takes_the_amounts_below_it() {
    let rows = |second: &'static str| -> Vec<&'static [&'static str]> {
        vec![
            &["项目支出绩效目标申报表（2021年度）"],
            &["项目名称", "麻风病防治"],
            &["预算单位", "区疾控中心"],
            &["年度资金总额", "金额(万元)"],
            &["(一)财政拨款小计", "4.00"],
            &["1、一般公共预算", "4.00"],
            &["2、政府性基金", "0.00"],
            Vec::leak(vec!["(二)自有资金小计", second]),
            &["(三)其他收入", "0.00"],
            &[
                "年度目标",
                "2021年为全区32名麻风病休养员和现症病人发放慰问品。",
            ],
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["产出指标", "数量指标", "慰问麻风病休养员和现症病人", "32人"],
            &["", "时效指标", "慰问完成时间", "2021年2月底前"],
            &["效益指标", "社会效益指标", "麻风病防治知识知晓率", "≥85%"],
            &["满意度指标", "服务对象满意度指标", "慰问对象满意度", "≥95%"],
        ]
    };
    let p = sheet("sichuan", &rows("0.00"));
    assert_eq!(found(&p), owned(&[("B003", "B2")]));
    assert_eq!(
        summaries(&p),
        [("区疾控中心".to_string(), "4.00".to_string())]
    );
    let doc = document(&p);
    let b = &doc.projects[0].budget;
    let t = |f: &Option<jxlint::model::Field>| f.as_ref().map(|f| f.text.clone());
    assert_eq!(
        (t(&b.total), t(&b.fiscal), t(&b.other), b.unit.clone()),
        (
            Some("4.00".into()),
            Some("4.00".into()),
            Some("0.00".into()),
            Some("万元".into())
        )
    );
    // Two parts that are not zero: the budget is their sum (at the heading), the 财政拨款 the
    // 财政资金, the other part the 其他资金.
    let p = sheet("sichuan-two", &rows("1.50"));
    assert_eq!(
        summaries(&p),
        [("区疾控中心".to_string(), "5.5".to_string())]
    );
    let b = &document(&p).projects[0].budget;
    assert_eq!(
        (t(&b.total), t(&b.fiscal), t(&b.other)),
        (Some("5.5".into()), Some("4.00".into()), Some("1.50".into()))
    );
    assert_eq!(found(&p), owned(&[("B003", "B2")]));
}

/// A 自评表's 总分 row ends the indicator table: no twelfth indicator, no C004 on it; the
/// “……” row above it is C005's alone (before: C004 at B10 and at B11, the 总分 row).
#[test]
fn a_total_score_row_ends_the_indicators() {
    let p = sheet(
        "ziping",
        &[
            &["项目名称", "小型水库水标尺制作安装"],
            &["主管部门", "中江县水利局"],
            &["年度资金总额", "20"],
            &[
                "年度绩效目标",
                "2022年在全县12座小型水库安装坡面水标尺266米。",
            ],
            &["一级指标", "二级指标", "三级指标", "分值", "年度指标值"],
            &["产出指标", "数量指标", "安装坡面水标尺", "30", "≥266米"],
            &["", "质量指标", "项目验收合格率", "20", "=100%"],
            &["效益指标", "社会效益指标", "受益人口数", "30", "≥1000人"],
            &[
                "满意度指标",
                "服务对象满意度指标",
                "受益群众满意度",
                "10",
                "≥95%",
            ],
            &["", "……"],
            &["总分", "", "", "100"],
        ],
    );
    assert_eq!(found(&p), owned(&[("B003", "B1"), ("C005", "B10")]));
    assert_eq!(document(&p).projects[0].indicators.len(), 5);
}

/// A 三级 indicator named 合计 (under a blank 一级/二级, or one merged from above) is an
/// indicator: it does not end the table, and the rows after it are read (the build that first
/// read 总分 rows stopped there and lost them: a false S004 and the V001 on row 9 lost).
#[test]
fn an_indicator_named_total_does_not_end_the_indicators() {
    let rows: &[&[&str]] = &[
        &["项目名称", "农村公路养护"],
        &["主管部门", "县交通运输局"],
        &["年度资金总额", "50"],
        &["年度绩效目标", "养护农村公路120公里。"],
        &["一级指标", "二级指标", "三级指标", "指标值"],
        &["产出指标", "数量指标", "养护里程", "≥120公里"],
        &["成本指标", "经济成本指标", "材料费", "≤30万元"],
        &["", "", "人工费", "≤20万元"],
        &["", "", "合计", "≤50万元"],
        &["效益指标", "社会效益指标", "群众出行便利度提升率", "≥150%"],
        &["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
    ];
    let p = sheet("total-indicator", rows);
    assert_eq!(found(&p), owned(&[("B003", "B1"), ("V001", "D10")]));
    assert_eq!(document(&p).projects[0].indicators.len(), 6);
}

/// One project's table as HTML, with a title paragraph above it and these label rows.
fn html_table(title: &str, labels: &[(&str, &str)]) -> String {
    let mut t = format!("<p>{title}</p>\n<table>\n");
    for (l, v) in labels {
        t.push_str(&format!("<tr><td>{l}</td><td colspan=3>{v}</td></tr>\n"));
    }
    t.push_str("<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\n");
    for r in &ROWS[..3] {
        t.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            r[0], r[1], r[2], r[3]
        ));
    }
    t.push_str("</table>\n");
    t
}

fn page(name: &str, tables: &[String]) -> PathBuf {
    let dir = common::scratch("headers", name);
    let path = dir.join(format!("{name}.html"));
    std::fs::write(
        &path,
        format!(
            "<html><head><meta charset=\"utf-8\"></head><body>\n{}</body></html>\n",
            tables.concat()
        ),
    )
    .unwrap();
    path
}

/// Two projects, each in a table of its own: the second names no 主管部门 and must not be
/// credited to the first's (the build before this change gave 某县交通运输局 for both); a
/// 预算单位 of its own table names it. The summary, `extract` and the rules' context agree.
#[test]
fn a_project_without_a_department_does_not_take_another_tables() {
    let first = html_table(
        "2025年项目支出绩效目标表",
        &[
            ("项目名称", "农村公路日常养护"),
            ("主管部门", "某县交通运输局"),
            ("资金总额", "680.00"),
            ("年度绩效目标", "完成全县860公里农村公路日常养护。"),
        ],
    );
    let second = |labels: &[(&str, &str)]| {
        let mut l = vec![("项目名称", "麻风病防治")];
        l.extend_from_slice(labels);
        l.push(("年度目标", "2021年为全区32名麻风病休养员发放慰问品。"));
        html_table("项目支出绩效目标申报表（2021年度）", &l)
    };
    let p = page("apart", &[first.clone(), second(&[])]);
    assert_eq!(
        summaries(&p),
        [
            ("某县交通运输局".to_string(), "680.00".to_string()),
            (String::new(), String::new())
        ]
    );
    let doc = document(&p);
    assert_eq!(
        doc.department_of(&doc.projects[1]).map(|f| f.text.as_str()),
        None
    );
    let yaml = jxlint::extract::to_yaml(&doc);
    assert_eq!(yaml.matches("某县交通运输局").count(), 1, "{yaml}");
    assert!(!yaml.starts_with("department:"), "{yaml}");
    assert!(yaml.contains("  - name: \"农村公路日常养护\"\n    department: \"某县交通运输局\"\n"));

    let p = page(
        "apart-unit",
        &[first.clone(), second(&[("预算单位", "区疾控中心")])],
    );
    assert_eq!(
        summaries(&p),
        [
            ("某县交通运输局".to_string(), "680.00".to_string()),
            ("区疾控中心".to_string(), String::new())
        ]
    );

    // Nothing changes where every table names its own, or a single table's preamble names it.
    let p = page(
        "apart-both",
        &[first, second(&[("主管部门", "某区卫生健康局")])],
    );
    assert_eq!(
        summaries(&p),
        [
            ("某县交通运输局".to_string(), "680.00".to_string()),
            ("某区卫生健康局".to_string(), String::new())
        ]
    );
    let mut rows: Vec<&[&str]> = vec![&["填报单位：某县交通运输局"]];
    rows.extend_from_slice(&BLOCK[1..2]);
    rows.extend_from_slice(&BLOCK[3..]);
    rows.push(&["一级指标", "二级指标", "三级指标", "指标值"]);
    for r in ROWS {
        rows.push(&r[..]);
    }
    let p = sheet("preamble", &rows);
    assert_eq!(
        summaries(&p),
        [("某县交通运输局".to_string(), "680.00".to_string())]
    );
}

/// B003 in a table format stands at the project's name cell, not at the title paragraph's
/// line:column (1:1 before this change).
#[test]
fn b003_in_a_table_format_is_at_a_cell() {
    let p = page(
        "b003",
        &[html_table(
            "2025年项目支出绩效目标表",
            &[
                ("项目名称", "农村公路日常养护"),
                ("主管部门", "某县交通运输局"),
                ("资金总额", "680.00"),
                ("年度绩效目标", "完成全县860公里农村公路日常养护。"),
            ],
        )],
    );
    let b003: Vec<(String, String)> = found(&p).into_iter().filter(|(c, _)| c == "B003").collect();
    assert_eq!(b003, owned(&[("B003", "表1 第1行 第2列")]));
}

/// A project placed in its 类 for `suggest` and the rules: the same whether it is a file of its
/// own or the second table of a file whose first table names another department (its own
/// department was counted twice in the second case before this change: 卫生健康、宣传 there,
/// 宣传、卫生健康 alone, for the trial's 麻风病防治).
#[test]
fn a_project_is_placed_alike_alone_and_beside_another() {
    let data = jxlint::data::RuleData::embedded();
    let first = html_table(
        "2025年项目支出绩效目标表",
        &[
            ("项目名称", "雪亮工程机房租赁"),
            ("主管部门", "黄山市公安局"),
            ("资金总额", "168.17"),
            ("年度绩效目标", "保障全市雪亮工程77个机柜全年正常运行。"),
        ],
    );
    let second = html_table(
        "项目支出绩效目标申报表（2021年度）",
        &[
            ("项目名称", "麻风病防治"),
            ("预算单位", "区疾控中心"),
            ("年度资金总额", "4.00"),
            (
                "年度目标",
                "开展“世界麻风病日”宣传活动，春节前慰问麻风村休养员和现症患者。",
            ),
        ],
    );
    let named = |path: &Path, k: usize| {
        let doc = document(path);
        let placed = jxlint::suggest::missing(data, &doc, &[]);
        placed[k].0.named.clone()
    };
    let alone = named(&page("placed-alone", std::slice::from_ref(&second)), 0);
    let beside = named(&page("placed-beside", &[first, second]), 1);
    assert!(!alone.is_empty());
    assert_eq!(alone, beside);
}

/// A part whose label names another unit than the 预算数's (“年度预算安排（元）” beside “其中：
/// 财政资金（万元）” or “其中：财政拨款（万元）”) is in its own: 1681680 元 is 168.168 万元, no
/// B001; `extract` writes each amount in its unit (the build before gave B001 at B3 and wrote
/// “168.168元”). Amounts that do not add up are still B001, in one unit.
#[test]
fn budget_parts_in_a_unit_of_their_own_are_compared_in_one() {
    let table = |budget: &[&'static [&'static str]]| -> Vec<&'static [&'static str]> {
        let mut rows: Vec<&[&str]> = vec![
            &["项目名称", "2025年农村公路日常养护"],
            &["主管部门", "某县交通运输局"],
        ];
        rows.extend_from_slice(budget);
        rows.extend_from_slice(&[
            &["资金支出计划（%）", "3月底", "6月底", "9月底", "12月底"],
            &["", "25", "50", "75", "100"],
            &["年度绩效目标", "完成全县860公里农村公路日常养护。"],
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["产出指标", "数量指标", "农村公路日常养护里程", "≥860公里"],
            &["效益指标", "社会效益指标", "优良中等路率", "≥80%"],
            &["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
        ]);
        rows
    };
    let budget_yaml = |p: &Path| -> String {
        let yaml = jxlint::extract::to_yaml(&document(p));
        let mut lines = yaml.lines().skip_while(|l| *l != "    budget:");
        let head = lines.next().into_iter();
        head.chain(lines.take_while(|l| l.starts_with("      ")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (name, budget, want) in [
        (
            "two-units-one-row",
            &[&[
                "年度预算安排（元）",
                "1681680",
                "其中：财政资金（万元）",
                "168.168",
            ][..]][..],
            "    budget:\n      total: \"1681680元\"\n      fiscal: \"168.168\"",
        ),
        (
            "two-units-two-rows",
            &[
                &["年度预算安排（元）", "1681680"][..],
                &["其中：财政拨款（万元）", "168.168"][..],
                &["其他资金", "0"][..],
            ][..],
            "    budget:\n      total: \"1681680元\"\n      fiscal: \"168.168\"\n      other: \"0元\"",
        ),
        // The part first: the 预算数's label still names the budget's unit.
        (
            "two-units-part-first",
            &[
                &["其中：财政拨款（万元）", "168.168"][..],
                &["年度预算安排（元）", "1681680"][..],
            ][..],
            "    budget:\n      total: \"1681680元\"\n      fiscal: \"168.168\"",
        ),
    ] {
        let p = sheet(name, &table(budget));
        assert_eq!(found(&p), owned(&[]), "{name}");
        assert_eq!(
            summaries(&p),
            [("某县交通运输局".to_string(), "168.168".to_string())],
            "{name}"
        );
        assert_eq!(budget_yaml(&p), want, "{name}");
    }
    // A web page's table, the part as 其中：财政拨款（万元）.
    let p = page(
        "two-units-html",
        &[html_table(
            "2025年项目支出绩效目标表",
            &[
                ("项目名称", "农村公路日常养护"),
                ("主管部门", "某县交通运输局"),
                ("年度预算安排（元）", "1681680"),
                ("其中：财政拨款（万元）", "168.168"),
                ("年度绩效目标", "完成全县860公里农村公路日常养护。"),
            ],
        )],
    );
    // (The table's three indicators lack 效益 and 满意度: S004, S006.)
    assert_eq!(
        found(&p),
        owned(&[
            ("B003", "表1 第1行 第2列"),
            ("S004", "表1 第7行 第1列"),
            ("S006", "表1 第9行 第1列")
        ])
    );
    assert_eq!(
        budget_yaml(&p),
        "    budget:\n      total: \"1681680元\"\n      fiscal: \"168.168\""
    );
    // 168.17 万元 is 1681700 元: 20 元 more than the 预算数, B001 in 元.
    let p = sheet(
        "two-units-mismatch",
        &table(&[&[
            "年度预算安排（元）",
            "1681680",
            "其中：财政资金（万元）",
            "168.17",
        ]]),
    );
    assert_eq!(found(&p), owned(&[("B001", "B3")]));
    let report = jxlint::check(&[Input::Path(p.clone())], &Options::default());
    assert_eq!(
        report.diagnostics[0].message,
        "预算数“1681680”元与资金来源之和1681700元不符（财政资金“168.17”万元）；\
         未填的一项按未给出处理，如有其他资金请填上"
    );
}

/// A table that names only its 实施单位 (项目实施单位) has it as its department, the last
/// fallback after 主管部门, the preamble and 预算单位 (the build before gave none: an empty
/// summary department, no `department:` in the extract).
#[test]
fn an_implementing_unit_alone_names_the_department() {
    let table = |labels: &[(&str, &str)]| {
        let mut l = vec![("项目名称", "农村公路日常养护")];
        l.extend_from_slice(labels);
        l.push(("资金总额", "680.00"));
        l.push(("年度绩效目标", "完成全县860公里农村公路日常养护。"));
        html_table("2025年项目支出绩效目标表", &l)
    };
    for (name, labels, want) in [
        (
            "agency-only",
            &[("项目实施单位", "某县公路养护中心")][..],
            "某县公路养护中心",
        ),
        (
            "agency-short",
            &[("实施单位", "某县公路养护中心")][..],
            "某县公路养护中心",
        ),
        // Every other names it first.
        (
            "agency-unit",
            &[
                ("实施单位", "某县公路养护中心"),
                ("预算单位", "某县交通运输局"),
            ][..],
            "某县交通运输局",
        ),
        (
            "agency-department",
            &[
                ("实施单位", "某县公路养护中心"),
                ("主管部门", "某县交通运输局"),
            ][..],
            "某县交通运输局",
        ),
    ] {
        let p = page(name, &[table(labels)]);
        assert_eq!(
            summaries(&p),
            [(want.to_string(), "680.00".to_string())],
            "{name}"
        );
        let doc = document(&p);
        assert_eq!(
            doc.department_of(&doc.projects[0]).map(|f| f.text.as_str()),
            Some(want),
            "{name}"
        );
        let yaml = jxlint::extract::to_yaml(&doc);
        assert!(
            yaml.contains(&format!("\ndepartment: \"{want}\"\n")),
            "{name}: {yaml}"
        );
    }
    // In a workbook too.
    let mut rows: Vec<&[&str]> = vec![BLOCK[1], &["项目实施单位", "某县公路养护中心"]];
    rows.extend_from_slice(&BLOCK[3..]);
    rows.push(&["一级指标", "二级指标", "三级指标", "指标值"]);
    for r in ROWS {
        rows.push(&r[..]);
    }
    let p = sheet("agency-sheet", &rows);
    assert_eq!(
        summaries(&p),
        [("某县公路养护中心".to_string(), "680.00".to_string())]
    );
}
