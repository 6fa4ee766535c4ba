//! The reviewer reports (`jxlint report … -o FILE.xlsx`) and what they are built from: the
//! workbook read back with calamine.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx};
use jxlint::{Input, Options};
use serde_json::Value;

fn jxlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .output()
        .expect("run jxlint")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("jxlint-report-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The JSON report of the same inputs, for comparison.
fn json_of(inputs: &[&str]) -> Value {
    let mut args = vec!["check", "--format", "json"];
    args.extend(inputs);
    let o = jxlint(&args);
    serde_json::from_slice(&o.stdout).expect("JSON report")
}

/// Write a report and return its bytes.
fn report(inputs: &[&str], out: &Path) -> Vec<u8> {
    let mut args = vec!["report"];
    args.extend(inputs);
    args.extend(["-o", s(out)]);
    let o = jxlint(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.starts_with("报告已写入 "), "{said}");
    std::fs::read(out).unwrap()
}

#[test]
fn documents_are_kept_only_when_asked() {
    let input = [Input::Path("fixtures/seed.yaml".into())];
    let plain = jxlint::check(&input, &Options::default());
    assert!(plain.files.iter().all(|f| f.document.is_none()));
    let kept = jxlint::check(
        &input,
        &Options {
            keep_documents: true,
            ..Options::default()
        },
    );
    let doc = kept.files[0]
        .document
        .as_ref()
        .expect("the seed's document");
    assert_eq!(doc.projects.len(), 6);
    assert_eq!(kept.diagnostics.len(), plain.diagnostics.len());
}

// The workbook.

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
    let range = wb.worksheet_range(name).expect(name);
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_workbook_has_three_sheets_and_one_findings_row_per_finding() {
    let dir = scratch("xlsx");
    let out = dir.join("检查报告.xlsx");
    let bytes = report(&["fixtures/seed.yaml"], &out);
    let v = json_of(&["fixtures/seed.yaml"]);
    let diagnostics = v["diagnostics"].as_array().unwrap();

    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), ["汇总", "问题", "规则"]);

    let summary = sheet(&mut wb, "汇总");
    assert_eq!(
        summary[0],
        [
            "文件",
            "主管部门",
            "项目",
            "预算数",
            "结论",
            "错误",
            "警告",
            "提示",
            "最严重的问题"
        ]
    );
    // One row per project: all six of the seed are sent back (acceptance of issue 12).
    assert_eq!(summary.len(), 1 + 6);
    for (i, row) in summary[1..].iter().enumerate() {
        assert_eq!(row[0], "fixtures/seed.yaml");
        assert_eq!(row[1], "323002涞源县社会保险事业管理局");
        assert!(row[2].starts_with(&format!("{}：", i + 1)), "{row:?}");
        assert_eq!(row[4], "退回修改", "{row:?}");
        let p = &v["projects"][i];
        assert_eq!(row[5], p["errors"].to_string());
        assert_eq!(row[6], p["warnings"].to_string());
        assert_eq!(row[7], p["infos"].to_string());
        assert!(
            row[8].starts_with(p["worst_code"].as_str().unwrap()),
            "{row:?}"
        );
    }
    assert_eq!(summary[1][3], "29.31");

    let findings = sheet(&mut wb, "问题");
    assert_eq!(
        findings[0],
        [
            "文件",
            "位置",
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "代码",
            "标题",
            "级别",
            "问题与建议"
        ]
    );
    assert_eq!(findings.len() - 1, diagnostics.len());
    for (row, d) in findings[1..].iter().zip(diagnostics) {
        let at = format!(
            "{}:{}:{}",
            d["path"].as_str().unwrap(),
            d["line"],
            d["column"]
        );
        assert_eq!(row[1], at);
        assert_eq!(row[7], d["code"].as_str().unwrap());
        let sev = match d["severity"].as_str().unwrap() {
            "error" => "错误",
            "warning" => "警告",
            _ => "提示",
        };
        assert_eq!(row[9], sev);
        assert!(
            row[10].starts_with(d["message"].as_str().unwrap()),
            "{row:?}"
        );
        if let Some(h) = d["help"].as_str() {
            assert!(row[10].ends_with(h), "{row:?}");
        }
    }
    // The row a finding is about is quoted: V001 on 网络评估满意率 ≥100 (project 2, row 4).
    let v001 = findings
        .iter()
        .find(|r| r[7] == "V001" && r[5] == "网络评估满意率")
        .expect("V001 row");
    assert_eq!(
        &v001[3..7],
        ["满意度指标", "服务对象满意度指标", "网络评估满意率", "≥100"]
    );
    // A finding about a row's cell that names no row (S005 on the first 二级指标) quotes it too.
    let s005 = findings.iter().find(|r| r[7] == "S005").unwrap();
    assert_eq!(s005[4], "质量指标");

    let rules = sheet(&mut wb, "规则");
    assert_eq!(rules[0], ["代码", "标题", "问题数"]);
    let total: usize = rules[1..]
        .iter()
        .map(|r| r[2].parse::<usize>().unwrap())
        .sum();
    assert_eq!(total, diagnostics.len());
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics {
        *by_code.entry(d["code"].as_str().unwrap()).or_default() += 1;
    }
    for r in &rules[1..] {
        assert_eq!(by_code[r[0].as_str()].to_string(), r[2], "{r:?}");
    }

    // jxlint's own: the marker in the document properties, recognised from the bytes.
    assert!(jxlint::report::is_own_report(&bytes));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    assert!(core.contains("<dc:creator>jxlint</dc:creator>"), "{core}");
    assert!(core.contains("jxlint 检查报告"), "{core}");
    // A workbook from elsewhere is not.
    assert!(!jxlint::report::is_own_report(
        &std::fs::read("fixtures/formats/seed.xlsx").unwrap()
    ));
}

#[test]
fn the_workbook_is_reproducible_with_source_date_epoch() {
    let dir = scratch("epoch");
    let run = |name: &str| {
        let out = dir.join(name);
        let o = Command::new(env!("CARGO_BIN_EXE_jxlint"))
            .args(["report", "fixtures/seed.yaml", "-o", s(&out)])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        std::fs::read(out).unwrap()
    };
    assert_eq!(run("a.xlsx"), run("b.xlsx"));
}

// The command.

#[test]
fn the_format_comes_from_the_extension() {
    let dir = scratch("ext");
    for name in ["r.pdf", "r.json", "r"] {
        let out = dir.join(name);
        let o = jxlint(&["report", "fixtures/seed.yaml", "-o", s(&out)]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(
            stderr(&o).contains("报告的格式由文件扩展名决定：请用 .xlsx（Excel 工作簿）"),
            "{}",
            stderr(&o)
        );
        assert!(!out.exists());
    }
    // -o is required, and the error is Chinese.
    let o = jxlint(&["report", "fixtures/seed.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("缺少必需的参数"), "{}", stderr(&o));
    // Help in Chinese.
    let o = jxlint(&["report", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("用法：jxlint report"), "{help}");
    assert!(
        !help.contains("Usage") && !help.contains("Options"),
        "{help}"
    );
}

#[test]
fn options_are_those_of_check() {
    let dir = scratch("options");
    let out = dir.join("r.xlsx");
    report(&["--select", "V001", "fixtures/seed.yaml"], &out);
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(std::fs::read(&out).unwrap())).unwrap();
    let findings = sheet(&mut wb, "问题");
    assert!(findings[1..].iter().all(|r| r[7] == "V001"), "{findings:?}");
    assert_eq!(findings.len() - 1, 4);
    // A bad selector is refused before anything is written.
    let o = jxlint(&[
        "report",
        "--ignore",
        "X999",
        "fixtures/seed.yaml",
        "-o",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2));
}
