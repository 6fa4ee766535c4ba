//! What the reports say about the run as a whole, found by the third reviewer trial: every
//! file not checked is named in every format; a .docx's project-level findings are placed by
//! table, row and column; project-level findings quote no indicator row in the reviewer's
//! reports; error details and `--statistics` are in Chinese.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{json, jxlint_in};

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A target document with findings (an indicator value without a unit, no 满意度指标).
const YAML: &str = "name: 村道养护\nbudget: {total: 10}\nschedule: {6月底: 50, 12月底: 100}\ngoals: [2025年底前养护全镇村道30公里，优良路率达到80%]\nindicators:\n  - {level1: 产出指标, level2: 数量指标, level3: 养护里程, value: \"≥30\"}\n  - {level1: 效益指标, level2: 社会效益指标, level3: 通行条件改善率, value: \"≥80%\"}\n";

/// A folder `交件` (in a scratch folder, returned) holding a target document with findings, a
/// .wps and a .txt that holds no target table, as a reviewer receives them.
fn submissions(name: &str) -> PathBuf {
    let root = common::scratch("output", name);
    let dir = root.join("交件");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.yaml"), YAML).unwrap();
    std::fs::write(
        dir.join("某单位申报表.wps"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 wps",
    )
    .unwrap();
    std::fs::write(dir.join("说明.txt"), "各单位请于3月底前报送申报表。\n").unwrap();
    root
}

const WPS_WHY: &str =
    "暂不支持 .wps 文件：请另存为 .docx、.xlsx、.txt 或写成 YAML 目标文档后再检查";
const TXT_WHY: &str = "没有找到绩效目标表（需要有“项目名称”和“一级指标…指标值”表头的表格）";

/// The stderr every format gives for the folder: one line per file not checked.
fn not_checked_lines() -> String {
    format!(
        "jxlint: 未检查：交件/某单位申报表.wps: {WPS_WHY}\njxlint: 未检查：交件/说明.txt: 跳过（不是绩效目标表）：{TXT_WHY}\n"
    )
}

#[test]
fn concise_output_names_every_file_it_did_not_check_on_stderr() {
    let root = submissions("concise");
    let o = jxlint_in(&root, &["check", "--format", "concise", "交件"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    // Stdout: the findings alone, every line `path:line:col: 级别 CODE message`.
    assert_eq!(out(&o), CONCISE);
    assert_eq!(err(&o), not_checked_lines());
}

const CONCISE: &str = concat!(
    "交件/a.yaml:6:56: 警告 V003 “养护里程”的指标值“≥30”没有计量单位，表中也没有计量单位栏：读者无法判断是百分比、人数还是分数。请在数值后写明单位（如“≥30人”“≥30个”“≥30%”），或填写计量单位\n",
    "交件/a.yaml:7:14: 提示 S006 没有满意度指标：如项目有明确的服务对象，请增加“满意度指标 | 服务对象满意度指标 | …… | ≥90%”\n",
);

#[test]
fn every_format_names_every_file_it_did_not_check() {
    let root = submissions("formats");
    for format in ["human", "json", "sarif", "github", "gitlab"] {
        let o = jxlint_in(&root, &["check", "--format", format, "交件"]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", err(&o));
        assert_eq!(err(&o), not_checked_lines(), "{format}");
    }
    let o = jxlint_in(&root, &["check", "--statistics", "交件"]);
    assert_eq!(err(&o), not_checked_lines(), "--statistics");
    // Human: the summary counts them too.
    let o = jxlint_in(&root, &["check", "交件"]);
    assert!(
        out(&o).ends_with("；1 个文件暂不支持：某单位申报表.wps；跳过 1 个不是绩效目标表的文件\n"),
        "{}",
        out(&o)
    );
    // JSON: each file with why it was not checked.
    let v = json(&jxlint_in(&root, &["check", "--format", "json", "交件"]));
    let files: Vec<(String, String, String)> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("path"), s("unsupported"), s("skipped"))
        })
        .collect();
    assert_eq!(
        files,
        [
            ("交件/a.yaml".into(), "".into(), "".into()),
            ("交件/某单位申报表.wps".into(), WPS_WHY.into(), "".into()),
            ("交件/说明.txt".into(), "".into(), TXT_WHY.into()),
        ]
    );
    assert_eq!(
        (&v["summary"]["unsupported"], &v["summary"]["skipped"]),
        (&1.into(), &1.into())
    );
    // SARIF: a note on each.
    let v = json(&jxlint_in(&root, &["check", "--format", "sarif", "交件"]));
    let notes: Vec<(String, String, String)> =
        v["runs"][0]["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["level"].as_str().unwrap().to_string(),
                    n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    n["message"]["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
    assert_eq!(
        notes,
        [
            (
                "note".into(),
                "%E4%BA%A4%E4%BB%B6/%E6%9F%90%E5%8D%95%E4%BD%8D%E7%94%B3%E6%8A%A5%E8%A1%A8.wps"
                    .into(),
                format!("暂不支持的格式，未检查：{WPS_WHY}")
            ),
            (
                "note".into(),
                "%E4%BA%A4%E4%BB%B6/%E8%AF%B4%E6%98%8E.txt".into(),
                format!("不是绩效目标表，已跳过，未检查：{TXT_WHY}")
            ),
        ]
    );
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
    // GitHub: a notice on each, after the findings.
    let o = jxlint_in(&root, &["check", "--format", "github", "交件"]);
    let text = out(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[lines.len() - 2..],
        [
            format!("::notice file=交件/某单位申报表.wps,title=未检查::{WPS_WHY}").as_str(),
            format!("::notice file=交件/说明.txt,title=未检查::跳过（不是绩效目标表）：{TXT_WHY}")
                .as_str(),
        ]
    );
    assert!(
        lines[..lines.len() - 2]
            .iter()
            .all(|l| l.contains("file=交件/a.yaml")),
        "{lines:?}"
    );
    // GitLab: the issues are the findings alone (the files not checked are on stderr).
    let v = json(&jxlint_in(&root, &["check", "--format", "gitlab", "交件"]));
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|i| i["location"]["path"] == "交件/a.yaml"),
        "{v}"
    );
}

/// The pre-commit hook's run (`--skip-non-targets`) stays quiet about the files it was asked to
/// skip, and still names a format it cannot read.
#[test]
fn files_skipped_on_request_are_not_named() {
    let root = submissions("skip");
    let o = jxlint_in(
        &root,
        &["check", "--format", "concise", "--skip-non-targets", "交件"],
    );
    assert_eq!(
        err(&o),
        format!("jxlint: 未检查：交件/某单位申报表.wps: {WPS_WHY}\n")
    );
}

// Item 14: .docx locations.

fn fixture_dir() -> PathBuf {
    std::fs::canonicalize("tests/output").unwrap()
}

const WUXI: &str = "chongqing-wuxi-weifanggaizao-2025.docx";

#[test]
fn project_level_findings_on_a_docx_are_placed_by_table_row_and_column() {
    let o = jxlint_in(&fixture_dir(), &["check", "--format", "concise", WUXI]);
    assert_eq!(out(&o), WUXI_CONCISE);
    let v = json(&jxlint_in(
        &fixture_dir(),
        &["check", "--format", "json", WUXI],
    ));
    let places: Vec<(String, String, u64, u64, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["field"].as_str().unwrap_or("").to_string(),
                d["table"].as_u64().unwrap_or(0),
                d["row"].as_u64().unwrap_or(0),
                d["col"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    // 预算数为空: the finding stands on the empty 下达资金总额 cell (a budget label since the
    // trial's reader fixes), not on the title line above the table.
    assert_eq!(
        places.iter().find(|p| p.0 == "C001"),
        Some(&("C001".into(), "budget".into(), 1, 4, 3))
    );
    assert!(
        places.iter().all(|p| p.2 == 1 && p.3 > 0 && p.4 > 0),
        "{places:?}"
    );
}

const WUXI_CONCISE: &str = concat!(
    "chongqing-wuxi-weifanggaizao-2025.docx:表1 第1行 第2列: 警告 B003 表中没有资金支出计划（这张表的模板没有这一栏）：请在表中加一栏“资金支出计划（%）”，按季度或月份填写累计支出百分比，如“3月底25、6月底50、9月底75、12月底100”\n",
    "chongqing-wuxi-weifanggaizao-2025.docx:表1 第4行 第3列: 错误 C001 预算数为空：请填写项目的年度预算总额（万元），它应等于财政资金与其他资金之和\n",
    "chongqing-wuxi-weifanggaizao-2025.docx:表1 第7行 第2列: 警告 G003 绩效目标“支持农村低收入群体等重点对象实施危房改造和危房抗震改造,保障其基本住房安全。”没有细化量化：没有数量、时间、明确的对象或地点：请写明做多少、何时完成、惠及谁、在哪里，如“年内农村危房改造质量安全技术巡查户次达到300户次”\n",
    "chongqing-wuxi-weifanggaizao-2025.docx:表1 第9行 第1列: 警告 S006 没有满意度指标：项目涉及“补助”，直接服务群众，应有服务对象满意度指标，如“满意度指标 | 服务对象满意度指标 | 补贴对象满意度 | ≥90%”\n",
    "chongqing-wuxi-weifanggaizao-2025.docx:表1 第9行 第2列: 错误 S004 没有效益指标：请增加说明项目带来什么效果的指标，如“效益指标 | 社会效益指标 | 政策知晓率 | ≥85%”\n",
    "chongqing-wuxi-weifanggaizao-2025.docx:表1 第9行 第5列: 错误 V007 “农村低收入群体等重点对象危房改造户数”的指标值“应改尽改”无法识别：既不是数值，也不是分级的定性词（好、较好、一般、差；合格；达标……）。请写成“≥90%”“≥300人次”“2025年12月底前”这样的形式\n",
);

fn sheet(bytes: Vec<u8>, name: &str) -> Vec<Vec<String>> {
    common::xlsx_sheet(bytes, name)
}

fn report(dir: &Path, input: &str, out: &str) -> Vec<u8> {
    let o = jxlint_in(dir, &["report", input, "-o", out]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    std::fs::read(dir.join(out)).unwrap()
}

// Item 15: project-level findings quote no indicator row.

#[test]
fn project_level_findings_quote_no_indicator_row_in_the_reports() {
    let root = common::scratch("output", "report");
    std::fs::copy(fixture_dir().join(WUXI), root.join(WUXI)).unwrap();
    let rows = sheet(report(&root, WUXI, "报告.xlsx"), "问题");
    // 位置, 代码 and the four indicator columns of each finding.
    let got: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| [1, 7, 3, 4, 5, 6].iter().map(|&i| r[i].as_str()).collect())
        .collect();
    assert_eq!(got, WUXI_XLSX);
    let page = String::from_utf8(report(&root, WUXI, "报告.html")).unwrap();
    // S004 and S006 are listed under 项目整体, V007 beside its row.
    let wide = page
        .split("<tr class=\"project-wide\" data-row=\"\">")
        .nth(1)
        .expect("a 项目整体 row")
        .split("</tr>")
        .next()
        .unwrap();
    let codes: Vec<&str> = wide
        .split("data-code=\"")
        .skip(1)
        .map(|s| &s[..4])
        .collect();
    assert_eq!(codes, ["S006", "S004"]);
    let row1 = page
        .split("data-row=\"1\">")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    let codes: Vec<&str> = row1
        .split("data-code=\"")
        .skip(1)
        .map(|s| &s[..4])
        .collect();
    assert_eq!(codes, ["V007"]);
}

const WUXI_XLSX: &[&[&str]] = &[
    &["位置", "代码", "一级指标", "二级指标", "三级指标", "指标值"],
    &["表1 第1行 第2列", "B003", "", "", "", ""],
    &["表1 第4行 第3列", "C001", "", "", "", ""],
    &["表1 第7行 第2列", "G003", "", "", "", ""],
    &["表1 第9行 第1列", "S006", "", "", "", ""],
    &["表1 第9行 第2列", "S004", "", "", "", ""],
    &[
        "表1 第9行 第5列",
        "V007",
        "产出指标",
        "数量指标",
        "农村低收入群体等重点对象危房改造户数",
        "应改尽改",
    ],
];

// Item 16: Chinese error details and statistics.

#[test]
fn a_damaged_docx_has_its_error_detail_in_chinese() {
    let root = common::scratch("output", "detail");
    let bytes = std::fs::read(fixture_dir().join(WUXI)).unwrap();
    std::fs::write(root.join("截断.docx"), &bytes[..3000]).unwrap();
    let v = json(&jxlint_in(
        &root,
        &["check", "--format", "json", "截断.docx"],
    ));
    let f = &v["files"][0];
    assert_eq!(f["error"], "不是有效的 .docx 文件（压缩包已损坏或不完整）");
    assert_eq!(
        f["error_detail"],
        "找不到压缩包末尾的目录：文件被截断或不完整（原文：invalid Zip archive: Could not find EOCD）"
    );
}

#[test]
fn statistics_are_in_chinese() {
    let o = jxlint_in(&fixture_dir(), &["check", "--statistics", WUXI]);
    assert_eq!(out(&o), WUXI_STATISTICS);
}

const WUXI_STATISTICS: &str = concat!(
    "     1  B003  警告  缺少资金支出计划\n",
    "     1  C001  错误  必填内容缺失\n",
    "     1  G003  警告  绩效目标未细化量化\n",
    "     1  S004  错误  缺少效益指标\n",
    "     1  S006  警告  缺少满意度指标\n",
    "     1  V007  错误  指标值无法识别\n",
    "检查了 1 个文件、1 个项目、1 条指标：3 个错误，3 个警告，0 个提示\n",
);

// Item 14, the fallback: a table with no budget row at all, under a title line. 预算数为空 stands
// on the project's name cell, not on the title line (`1:1` before).
#[test]
fn a_field_the_table_lacks_is_placed_on_the_name_cell() {
    let o = jxlint_in(
        &fixture_dir(),
        &[
            "check",
            "--format",
            "concise",
            "--select",
            "C001",
            "no-budget-row.html",
        ],
    );
    assert_eq!(
        out(&o),
        "no-budget-row.html:表1 第1行 第2列: 错误 C001 预算数为空：请填写项目的年度预算总额（万元），它应等于财政资金与其他资金之和\n"
    );
}
