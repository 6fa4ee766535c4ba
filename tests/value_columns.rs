//! Values as real tables split them over columns (trial 3): a comparison in a column of its
//! own (计算符号 of a 江西 部门整体 table; 指标方向 of a 内蒙古 自评表, in words: 大于等于,
//! 小于等于, 等于) is joined to the value as the 符号 column always was, so that the value rules
//! read “≤1”, not a bare “1”; a 计量单位 of “-” (a 湖南 template's “no unit”) is no unit; a full
//! stop in a compound unit (17元/人.每天) is its middle dot. Every grid format meets in the form
//! recogniser: the tables are written here as .xlsx (rust_xlsxwriter), .html and .docx.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use jxlint::{Input, Options};

/// The project block above the indicator header.
const BLOCK: &[&[&str]] = &[
    &["项目名称", "2024年自然资源业务支出"],
    &["主管部门", "某市自然资源局"],
    &["资金总额（万元）", "2.38"],
    &["资金支出计划（%）", "3月底", "6月底", "9月底", "12月底"],
    &["", "25", "50", "75", "100"],
    &[
        "年度绩效目标",
        "全年租车开展自然资源调查不少于1次，制作宣传美工1个，租车达标率、宣传合格率均为100%。",
    ],
];

/// The 自评表's indicator header (指标性质 正向/反向, 指标方向 a comparison in words) and rows.
const SELF_HEADER: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标方向",
    "年度指标值",
    "计量单位",
];
const SELF_ROWS: &[&[&str]] = &[
    &[
        "产出指标",
        "数量指标",
        "指标1:租车次数(次)",
        "正向",
        "大于等于",
        "1",
        "次",
    ],
    &[
        "产出指标",
        "数量指标",
        "指标2:宣传美工制作个数(个)",
        "正向",
        "小于等于",
        "1",
        "个",
    ],
    &[
        "产出指标",
        "质量指标",
        "指标1:租车达标率",
        "正向",
        "等于",
        "100",
        "%",
    ],
    &[
        "产出指标",
        "质量指标",
        "指标2:宣传合格率",
        "正向",
        "",
        "≥95",
        "%",
    ],
    &[
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "正向",
        "大于",
        "90",
        "%",
    ],
];

/// The 江西 部门整体 header (计算符号: ≥ = ≤) and rows.
const SYMBOL_HEADER: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "计算符号",
    "目标值",
    "度量单位",
    "指标值说明",
];
const SYMBOL_ROWS: &[&[&str]] = &[
    &[
        "产出指标",
        "数量指标",
        "保障在职职工人数(人)",
        "=",
        "116",
        "人",
        "该指标值数据合理",
    ],
    &[
        "产出指标",
        "数量指标",
        "宣传美工制作个数(个)",
        "≤",
        "1",
        "个",
        "该指标值数据合理",
    ],
    &[
        "产出指标",
        "质量指标",
        "工资发放准确性(%)",
        "≥",
        "95",
        "%",
        "该指标值数据合理",
    ],
    &[
        "满意度指标",
        "服务对象满意度指标",
        "林农满意度",
        "≥",
        "90",
        "%",
        "该指标值数据合理",
    ],
];

fn xlsx(name: &str, header: &[&str], rows: &[&[&str]]) -> PathBuf {
    let dir = common::scratch("value-columns", &format!("{name}-xlsx"));
    let path = dir.join(format!("{name}.xlsx"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表").unwrap();
    for (r, row) in BLOCK
        .iter()
        .copied()
        .chain([header])
        .chain(rows.iter().copied())
        .enumerate()
    {
        for (c, t) in row.iter().enumerate() {
            if !t.is_empty() {
                ws.write_string(r as u32, c as u16, *t).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    path
}

fn html(name: &str, header: &[&str], rows: &[&[&str]]) -> PathBuf {
    let dir = common::scratch("value-columns", &format!("{name}-html"));
    let path = dir.join(format!("{name}.html"));
    let mut body = String::new();
    for row in BLOCK
        .iter()
        .copied()
        .chain([header])
        .chain(rows.iter().copied())
    {
        body.push_str("<tr>");
        for t in row.iter() {
            body.push_str(&format!("<td>{t}</td>"));
        }
        body.push_str("</tr>\n");
    }
    std::fs::write(
        &path,
        format!(
            "<html><head><meta charset=\"utf-8\"></head><body>\n<table border=\"1\">\n{body}</table></body></html>\n"
        ),
    )
    .unwrap();
    path
}

fn docx(name: &str, header: &[&str], rows: &[&[&str]]) -> PathBuf {
    let dir = common::scratch("value-columns", &format!("{name}-docx"));
    let path = dir.join(format!("{name}.docx"));
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tblPr/><w:tblGrid/>"#,
    );
    for row in BLOCK
        .iter()
        .copied()
        .chain([header])
        .chain(rows.iter().copied())
    {
        xml.push_str("<w:tr>");
        for t in row.iter() {
            xml.push_str(&format!(
                "<w:tc><w:tcPr/><w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p></w:tc>"
            ));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl></w:body></w:document>");
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    w.write_all(xml.as_bytes()).unwrap();
    std::fs::write(&path, w.finish().unwrap().into_inner()).unwrap();
    path
}

/// The (三级指标, 指标值) of every indicator read.
fn values(path: &Path) -> Vec<(String, String)> {
    let doc = common::read_doc(path);
    let t = common::cell_text;
    assert_eq!(doc.projects.len(), 1, "{path:?}");
    doc.projects[0]
        .indicators
        .iter()
        .map(|i| (t(&i.level3), t(&i.value)))
        .collect()
}

fn owned(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// (code, cell, message) of every V finding.
fn value_findings(path: &Path) -> Vec<(String, String, String)> {
    let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
    assert!(!report.has_errors_reading(), "{path:?}: {:?}", report.files);
    report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('V'))
        .map(|d| {
            let at = match &d.location.cell {
                Some(c) if c.sheet.is_some() => c.a1(),
                Some(c) => c.label(),
                None => format!("{}:{}", d.location.line, d.location.column),
            };
            (d.code.to_string(), at, d.message.clone())
        })
        .collect()
}

/// The V006 message of one YAML row: what a table must give when its value is split.
fn inline_v006(name: &str, value: &str) -> String {
    let yaml = format!(
        "name: 某项目\nindicators:\n  - {{level1: 产出指标, level2: 数量指标, level3: \"{name}\", value: \"{value}\"}}\n"
    );
    let report = jxlint::check(
        &[Input::Stdin {
            text: yaml.into_bytes(),
            format: Some(jxlint::model::Format::Yaml),
        }],
        &Options::default(),
    );
    let msgs: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "V006")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    msgs[0].clone()
}

/// 指标方向 in words (大于等于, 小于等于, 等于, 大于) is joined to the value as its symbol; 正向
/// (a direction, no comparison) is not, and a value with a symbol of its own keeps it. The
/// build before this change read bare “1”, “1”, “100”, “90”.
#[test]
fn a_direction_column_in_words_is_joined_to_the_value() {
    let want = owned(&[
        ("指标1:租车次数(次)", "≥1"),
        ("指标2:宣传美工制作个数(个)", "≤1"),
        ("指标1:租车达标率", "=100"),
        ("指标2:宣传合格率", "≥95"),
        ("群众满意度", ">90"),
    ]);
    let name = "direction";
    for path in [
        xlsx(name, SELF_HEADER, SELF_ROWS),
        html(name, SELF_HEADER, SELF_ROWS),
        docx(name, SELF_HEADER, SELF_ROWS),
    ] {
        assert_eq!(values(&path), want, "{path:?}");
    }
}

/// 计算符号 is a symbol column (≥, =, ≤ joined to the value); the build before this change did
/// not know the label and read “116”, “1”, “95”, “90”.
#[test]
fn a_calculation_symbol_column_is_joined_to_the_value() {
    let want = owned(&[
        ("保障在职职工人数(人)", "=116"),
        ("宣传美工制作个数(个)", "≤1"),
        ("工资发放准确性(%)", "≥95"),
        ("林农满意度", "≥90"),
    ]);
    let name = "symbol";
    for path in [
        xlsx(name, SYMBOL_HEADER, SYMBOL_ROWS),
        html(name, SYMBOL_HEADER, SYMBOL_ROWS),
        docx(name, SYMBOL_HEADER, SYMBOL_ROWS),
    ] {
        assert_eq!(values(&path), want, "{path:?}");
    }
}

/// A count of output with an upper bound in a split column (宣传美工制作个数 | 小于等于 | 1)
/// gets the V006 the inline “≤1” gets, at the value cell; nothing else fires on these rows.
/// The build before this change reported nothing.
#[test]
fn a_split_upper_bound_on_a_count_is_v006_as_inline() {
    let v006 = inline_v006("指标2:宣传美工制作个数(个)", "≤1");
    assert_eq!(
        v006,
        "“指标2:宣传美工制作个数(个)”越高越好，指标值“≤1”却用了“≤”"
    );
    let path = xlsx("v006", SELF_HEADER, SELF_ROWS);
    assert_eq!(
        value_findings(&path),
        [("V006".to_string(), "F9".to_string(), v006.clone())]
    );
    let path = html("v006", SELF_HEADER, SELF_ROWS);
    assert_eq!(
        value_findings(&path),
        [("V006".to_string(), "表1 第9行 第6列".to_string(), v006)]
    );
    let v006 = inline_v006("宣传美工制作个数(个)", "≤1");
    let path = xlsx("v006-symbol", SYMBOL_HEADER, SYMBOL_ROWS);
    assert_eq!(
        value_findings(&path),
        [("V006".to_string(), "E9".to_string(), v006)]
    );
}

/// The 湖南 特校 rows (trial 3): a 度量单位 of “-” in every row is no unit, so the unitless 168
/// of a student count gets V003 (advised 人, not 元: the build before this change gave it
/// nothing) and a rate whose unit is “-” no V004 (before: “是比率，单位却是“-””); 17元/人.每天
/// is 17 元/人·天 (before: V007, an error).
#[test]
fn a_dash_unit_is_no_unit_and_a_stop_joins_a_compound_unit() {
    const HEADER: &[&str] = &["一级指标", "二级指标", "三级指标", "指标值", "度量单位"];
    const ROWS: &[&[&str]] = &[
        &[
            "成本指标",
            "经济成本指标",
            "学生补助标准",
            "17元/人.每天",
            "-",
        ],
        &["产出指标", "数量指标", "补助学生数量", "168", "-"],
        &["产出指标", "质量指标", "伙食补助发放率", "90%以上", "-"],
        &[
            "效益指标",
            "社会效益指标",
            "残疾学生家庭负担率",
            "有所减轻",
            "-",
        ],
        &[
            "满意度指标",
            "服务对象满意度指标",
            "学生对学校伙食满意度",
            "95%以上",
            "-",
        ],
    ];
    let want = |at: [&str; 2]| {
        vec![
            (
                "V003".to_string(),
                at[0].to_string(),
                "“补助学生数量”的指标值“168”没有计量单位，计量单位也未填写".to_string(),
            ),
            (
                "V005".to_string(),
                at[1].to_string(),
                "“残疾学生家庭负担率”的指标值“有所减轻”无法衡量".to_string(),
            ),
        ]
    };
    let path = xlsx("dash", HEADER, ROWS);
    assert_eq!(value_findings(&path), want(["D9", "D11"]));
    let path = html("dash", HEADER, ROWS);
    assert_eq!(
        value_findings(&path),
        want(["表1 第9行 第4列", "表1 第11行 第4列"])
    );
    let report = jxlint::check(&[Input::Path(path.clone())], &Options::default());
    let help: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "V003")
        .filter_map(|d| d.help.as_deref())
        .collect();
    assert_eq!(
        help,
        [
            "读者无法判断是百分比、人数还是分数。指标名称表明以“人”计，请在数值后写明单位，如“168人”，或填写计量单位"
        ]
    );
    assert_eq!(
        values(&path)[0],
        ("学生补助标准".to_string(), "17元/人.每天".to_string())
    );
}
