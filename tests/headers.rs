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
    let bytes = std::fs::read(path).unwrap();
    let doc = jxlint::read::read(
        &bytes,
        &path.to_string_lossy(),
        jxlint::read::format_for_path(path),
    )
    .unwrap()
    .doc;
    let t = |f: &Option<jxlint::model::Field>| {
        f.as_ref()
            .map(|f| f.trimmed().to_string())
            .unwrap_or_default()
    };
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
