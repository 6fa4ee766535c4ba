//! The `jxlint` binary as a user runs it: exit codes, errors, formats, extract, stdin.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn jxlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .output()
        .expect("run jxlint")
}

fn jxlint_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jxlint");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch("test", name)
}

/// (code, project, row, field) of every finding about a target table, sorted. The D rules'
/// findings (project index null) are about the rest of a disclosure, which a YAML target
/// document does not carry.
fn keys(v: &serde_json::Value) -> Vec<(String, u64, u64, String)> {
    let mut k: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["code"].as_str().unwrap().starts_with('D'))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["project_index"].as_u64().unwrap(),
                d["indicator_index"].as_u64().unwrap_or(0),
                d["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    k.sort();
    k
}

#[test]
fn seed_json_report() {
    let out = jxlint(&["check", "--format", "json", "fixtures/seed.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["projects"], 6);
    assert_eq!(v["summary"]["indicators"], 19);
    // 4 V001 and the S007 whose values differ; D001 (a table of 2019).
    assert_eq!(v["summary"]["errors"], 6);
    // One V003 for each project (no value has a unit: the other rows are related), 5 B003,
    // 1 V002, and one each of C003, S005, G001, G002 in every project; G003 on the two
    // projects whose goals hold no number. And the relevance rules: 12 R001, 5 R002, and 3
    // R003 (one per copy cluster). And the disclosure's 2 D002 and 4 D005.
    assert_eq!(v["summary"]["warnings"], 64);
    // S009 (效果指标) in every project. V009 is silent: its four 效益 rows at 100 are the
    // pasted-in or boilerplate indicators R001/R002 report.
    assert_eq!(v["summary"]["infos"], 6);
    assert_eq!(v["files"][0]["format"], "text");
    assert_eq!(v["files"][0]["error"], serde_json::Value::Null);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "V001")
        .unwrap();
    assert_eq!(d["rule"], "rate-over-100");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "fixtures/seed.txt");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1828), Some(2))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(1828), Some(6))
    );
    assert_eq!(d["project"], "社保局企业养老扩面补贴2.5万");
    assert_eq!(d["project_index"], 2);
    assert_eq!(d["indicator_index"], 4);
    assert_eq!(d["field"], "value");
    let b003 = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "B003")
        .unwrap();
    assert_eq!(b003["indicator_index"], serde_json::Value::Null);
    assert_eq!(b003["field"], "schedule");
}

#[test]
fn output_is_deterministic() {
    let a = jxlint(&["check", "--format", "json", "fixtures"]);
    let b = jxlint(&["check", "--format", "json", "fixtures"]);
    assert_eq!(a.stdout, b.stdout);
    let a = jxlint(&["check", "fixtures/seed.txt"]);
    let b = jxlint(&["check", "fixtures/seed.txt"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn extract_then_check_gives_the_same_findings() {
    let dir = scratch("extract");
    let out = jxlint(&["extract", "fixtures/seed.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let yaml = dir.join("seed.yaml");
    std::fs::write(&yaml, &out.stdout).unwrap();
    let from_text = json(&jxlint(&["check", "--format", "json", "fixtures/seed.txt"]));
    let from_yaml = json(&jxlint(&[
        "check",
        "--format",
        "json",
        yaml.to_str().unwrap(),
    ]));
    assert_eq!(keys(&from_text), keys(&from_yaml));
    assert!(!keys(&from_text).is_empty());
    assert_eq!(from_yaml["summary"]["indicators"], 19);
    // The bundled YAML equivalent is that same extract.
    assert_eq!(
        std::fs::read_to_string("fixtures/seed.yaml").unwrap(),
        String::from_utf8(out.stdout).unwrap()
    );
}

#[test]
fn unreadable_inputs_exit_2_and_the_rest_is_still_checked() {
    let dir = scratch("bad");
    let random = dir.join("random.txt");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&random, bytes).unwrap();
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "name: 测试\nindicators:\n  - level1: [产出指标\n").unwrap();
    let missing = dir.join("missing.yaml");
    let out = jxlint(&[
        "check",
        "--format",
        "json",
        missing.to_str().unwrap(),
        random.to_str().unwrap(),
        "fixtures/rules/V001.yaml",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].contains("missing.yaml") && lines[0].contains("没有这个文件"));
    assert!(
        lines[1].contains("random.txt") && lines[1].contains("不是"),
        "{err}"
    );
    assert!(lines[2].contains("broken.yaml:"), "{err}");
    let v = json(&out);
    // The good file in the middle was checked.
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    assert_eq!(files[2]["projects"], 1);
    assert_eq!(files[2]["error"], serde_json::Value::Null);
    assert!(files[0]["error"].is_string() && files[3]["error"].is_string());
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "V001")
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn fail_on_thresholds() {
    let b = "fixtures/rules/B003.yaml";
    let codes = keys(&json(&jxlint(&[
        "check", "--format", "json", "--select", "B", b,
    ])));
    assert!(codes.iter().all(|k| k.0 == "B003" || k.0 == "B004"));
    // B004 is an error: it fails even with --fail-on error.
    let out = jxlint(&["check", "--select", "B", "--fail-on", "error", b]);
    assert_eq!(out.status.code(), Some(1));
    let dir = scratch("failon");
    let f = dir.join("w.yaml");
    std::fs::write(
        &f,
        "name: 测试\nbudget: {total: 1}\nschedule: {12月底: \"\"}\ngoals: [完成]\n\
         indicators:\n  - {level1: 产出指标, level2: 数量指标, level3: 检查次数, value: \"≥12次\"}\n",
    )
    .unwrap();
    let p = f.to_str().unwrap();
    // B003 is a warning, S006 an info here (the project serves no one in particular).
    let run = |args: &[&str]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        all.push(p);
        jxlint(&all).status.code()
    };
    assert_eq!(run(&["--select=B003,S006"]), Some(1));
    assert_eq!(run(&["--select=B003,S006", "--fail-on", "error"]), Some(0));
    assert_eq!(run(&["--select=S006"]), Some(0));
    assert_eq!(run(&["--select=S006", "--fail-on", "info"]), Some(1));
    assert_eq!(jxlint(&["check", "fixtures/good"]).status.code(), Some(0));
    assert_eq!(run(&["--fail-on", "bogus"]), Some(2));
    // An unknown rule in --select is a usage error.
    let out = jxlint(&["check", "--select", "X9", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("X9"));
}

#[test]
fn directory_walk_skips_what_is_not_a_target_document() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap();
    std::fs::write(
        dir.join("ci.yml"),
        "on: push\njobs:\n  t:\n    runs-on: x\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "会议纪要\n没有表格。\n").unwrap();
    std::fs::write(dir.join("data.csv"), "a,b\n").unwrap();
    std::fs::copy("fixtures/good/elderly-subsidy.yaml", dir.join("good.yaml")).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy("fixtures/rules/V001.yaml", dir.join("sub/v.yaml")).unwrap();
    let out = jxlint(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    // Every file met is listed; the two that are not target documents with the reason.
    assert_eq!(v["summary"]["files"], 4);
    assert_eq!(v["summary"]["checked"], 2);
    assert_eq!(v["summary"]["skipped"], 2);
    let skipped: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["skipped"].is_string())
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(skipped[0].ends_with("ci.yml") && skipped[1].ends_with("notes.txt"));
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("skipped").is_none())
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths[0].ends_with("good.yaml") && paths[1].ends_with("sub/v.yaml"));
    // Named explicitly, a file that is not a target document is an error.
    let out = jxlint(&["check", dir.join("ci.yml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ci.yml"));
    let out = jxlint(&["check", dir.join("notes.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("没有找到绩效目标表"));
    // --skip-non-targets (the pre-commit hook's) skips them as a walk does; a target document
    // named beside them is still checked, and a broken one is still an error.
    let out = jxlint(&[
        "check",
        "--format",
        "json",
        "--skip-non-targets",
        dir.join("ci.yml").to_str().unwrap(),
        dir.join("notes.txt").to_str().unwrap(),
        dir.join("good.yaml").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(
        (
            v["summary"]["files"].as_u64(),
            v["summary"]["checked"].as_u64(),
            v["summary"]["skipped"].as_u64()
        ),
        (Some(3), Some(1), Some(2))
    );
    std::fs::write(dir.join("broken.yaml"), "name: [x\n").unwrap();
    let out = jxlint(&[
        "check",
        "--skip-non-targets",
        dir.join("broken.yaml").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_input() {
    let yaml = std::fs::read("fixtures/rules/V001.yaml").unwrap();
    let out = jxlint_stdin(&["check", "--format", "concise", "-"], &yaml);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("<stdin>:"), "{text}");
    assert!(text.contains(" V001 "));
    let seed = std::fs::read("fixtures/seed.txt").unwrap();
    let out = jxlint_stdin(
        &["check", "--format", "json", "--stdin-format", "text", "-"],
        &seed,
    );
    assert_eq!(json(&out)["summary"]["projects"], 6);
    // Auto-detection of the Word text layout.
    let out = jxlint_stdin(&["check", "--format", "json", "-"], &seed);
    assert_eq!(json(&out)["summary"]["projects"], 6);
}

#[test]
fn human_and_concise_output() {
    let out = jxlint(&["check", "--select", "V001", "fixtures/rules/V001.yaml"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    assert!(
        text.contains("错误[V001]: “患者满意率”是比率，最多为100%\n"),
        "{text}"
    );
    // The advice is its own line, after the snippet.
    assert!(
        text.contains("= 建议: “≥100%”只有恰好等于100时才能达到"),
        "{text}"
    );
    assert!(text.contains("--> fixtures/rules/V001.yaml:6:63"), "{text}");
    assert!(text.contains("项目 1：基层医疗机构能力提升"));
    assert!(
        text.trim_end().ends_with("5 个错误，0 个警告，0 个提示"),
        "{text}"
    );
    let out = jxlint(&[
        "check",
        "--format",
        "concise",
        "--select",
        "B003,V",
        "fixtures/rules/V001.yaml",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "fixtures/rules/V001.yaml:2:7: 警告 B003 表中没有资金支出计划：请按季度或月份填写累计支出百分比，如“3月底25、6月底50、9月底75、12月底100”"
    );
    let codes: Vec<&str> = text.lines().map(|l| l.split(' ').nth(2).unwrap()).collect();
    assert_eq!(
        codes,
        [
            "B003", "V001", "V001", "V001", "V003", "V001", "V001", "V004", "V004"
        ]
    );
}

#[test]
fn rules_and_rule_docs() {
    let out = jxlint(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let codes: Vec<&str> = text.lines().skip(1).map(|l| &l[..4]).collect();
    assert_eq!(codes.len(), 41);
    assert_eq!(
        &codes[..6],
        ["C001", "C002", "C003", "C004", "C005", "S001"]
    );
    assert_eq!(codes.last(), Some(&"U001"));
    assert!(text.contains("D003  total-mismatch            error     合计数不一致"));
    assert!(text.contains("V001  rate-over-100             error     比率超过100%"));
    let by_code = jxlint(&["rule", "V001"]);
    let by_name = jxlint(&["rule", "rate-over-100"]);
    assert_eq!(by_code.stdout, by_name.stdout);
    let doc = String::from_utf8(by_code.stdout).unwrap();
    for part in ["检查什么", "为什么", "错误示例", "正确示例", "比率超过100%"] {
        assert!(doc.contains(part), "{doc}");
    }
    // The D rules' examples are whole disclosures in Word text, and say so.
    let d = String::from_utf8(jxlint(&["rule", "D001"]).stdout).unwrap();
    assert!(d.contains("错误示例（Word 导出的文本"), "{d}");
    assert!(d.contains("\t预算年度：2019"), "{d}");
    let out = jxlint(&["rule", "X999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("X999"));
}

#[test]
fn inputs_are_never_written() {
    let dir = scratch("ro");
    let f = dir.join("v.yaml");
    std::fs::copy("fixtures/rules/V001.yaml", &f).unwrap();
    let before = std::fs::metadata(&f).unwrap().modified().unwrap();
    let out = jxlint(&["check", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::metadata(&f).unwrap().modified().unwrap(), before);
    assert_eq!(
        std::fs::read(&f).unwrap(),
        std::fs::read("fixtures/rules/V001.yaml").unwrap()
    );
    let entries = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(entries, 1, "nothing new beside the input");
}

#[test]
fn report_file_is_written_whole_and_never_over_an_input() {
    let dir = scratch("output");
    let out = dir.join("report.json");
    let r = jxlint(&[
        "check",
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
        "fixtures/rules/V001.yaml",
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(r.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["summary"]["files"], 1);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // The output may not be one of the inputs.
    let input = dir.join("in.yaml");
    std::fs::copy("fixtures/rules/V001.yaml", &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let r = jxlint(&[
        "check",
        "-o",
        input.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("从不写输入文件"), "{}", stderr(&r));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn statistics_count_findings_by_rule() {
    let out = jxlint(&[
        "check",
        "--statistics",
        "--select",
        "V,B003",
        "fixtures/seed.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<(String, String)> = text
        .lines()
        .filter(|l| !l.starts_with("检查了"))
        .map(|l| {
            let mut w = l.split_whitespace();
            (w.next().unwrap().to_string(), w.next().unwrap().to_string())
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("6", "V003"),
        ("5", "B003"),
        ("4", "V001"),
        ("4", "V009"),
        ("1", "V002"),
    ]
    .iter()
    .map(|(n, c)| (n.to_string(), c.to_string()))
    .collect();
    assert_eq!(rows, want);
    assert!(
        text.trim_end().ends_with("4 个错误，12 个警告，4 个提示"),
        "{text}"
    );
    // With --format json the counts are JSON, never silently the full report.
    let out = jxlint(&[
        "check",
        "--statistics",
        "--format",
        "json",
        "--select",
        "V,B003",
        "fixtures/seed.txt",
    ]);
    let v = json(&out);
    assert!(v.get("diagnostics").is_none());
    let rows: Vec<(u64, &str)> = v["statistics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["count"].as_u64().unwrap(), r["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            (6, "V003"),
            (5, "B003"),
            (4, "V001"),
            (4, "V009"),
            (1, "V002")
        ]
    );
    assert_eq!(v["summary"]["warnings"], 12);
}

#[test]
fn a_panic_in_one_file_is_that_files_error() {
    let dir = scratch("panic");
    let good = "name: 正常项目\ngoals: [养护农村公路320公里]\nindicators:\n  - {level1: 产出指标, level2: 数量指标, level3: 养护里程, value: ≥320公里}\n";
    std::fs::write(dir.join("a.yaml"), good).unwrap();
    std::fs::write(dir.join("b.yaml"), good.replace("正常项目", "崩溃项目")).unwrap();
    std::fs::write(dir.join("c.yaml"), good).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(["check", "--format", "json"])
        .arg(&dir)
        .env("JXLINT_TEST_PANIC", "崩溃")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let v = json(&out);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["projects"], 1);
    assert_eq!(
        files[2]["projects"], 1,
        "the file after the panic is still checked"
    );
    let e = files[1]["error"].as_str().unwrap();
    assert!(e.starts_with("内部错误：jxlint 检查此文件时出错"), "{e}");
    let err = stderr(&out);
    assert_eq!(
        err.lines().count(),
        1,
        "one error line, no panic trace: {err}"
    );
    assert!(err.contains("b.yaml: 内部错误"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn extract_reads_through_the_same_limits_as_check() {
    let dir = scratch("extract-limits");
    // A file past the size limit is refused before it is read (sparse: costs no disk).
    let big = dir.join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    let out = jxlint(&["extract", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("超过了 64 MiB 的上限"),
        "{}",
        stderr(&out)
    );
    // A FIFO is never opened.
    let fifo = dir.join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = jxlint(&["extract", fifo.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("不是普通文件"), "{}", stderr(&out));
    }
    // A format with no reader is named, not sniffed as text.
    let wps = dir.join("a.wps");
    std::fs::write(&wps, b"PK\x03\x04junk").unwrap();
    let out = jxlint(&["extract", wps.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("暂不支持 .wps"), "{}", stderr(&out));
}

#[test]
fn a_rule_that_defers_to_another_falls_back_when_that_one_is_off() {
    let dir = scratch("fallback");
    let doc = dir.join("d.yaml");
    std::fs::write(
        &doc,
        "name: 测试项目\nindicators:\n  - {level1: 满意度指标, level3: 群众满意度, value: ≥100%}\n  - {level1: 产出指标, level3: 培训人次, value: ≥**人次}\n  - {level1: 效益指标, level3: 覆盖率, value: 有所提高}\n",
    )
    .unwrap();
    let codes = |args: &[&str]| -> Vec<(String, u64)> {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(args);
        a.push(doc.to_str().unwrap());
        let v = json(&jxlint(&a));
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                ["V001", "V002", "C005", "V005", "V007"].contains(&d["code"].as_str().unwrap())
            })
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["indicator_index"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let s = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|(c, i)| (c.to_string(), *i)).collect()
    };
    // With every rule on, each row is reported once, by the rule it belongs to.
    assert_eq!(codes(&[]), s(&[("V001", 1), ("C005", 2), ("V005", 3)]));
    // Without V001, V002 reports the impossible satisfaction target.
    assert_eq!(
        codes(&["--ignore", "V001"]),
        s(&[("V002", 1), ("C005", 2), ("V005", 3)])
    );
    // Without C005, the placeholder value is unreadable (V007); without V005 the vague one is.
    assert_eq!(
        codes(&["--ignore", "C005"]),
        s(&[("V001", 1), ("V007", 2), ("V005", 3)])
    );
    assert_eq!(
        codes(&["--ignore", "V005"]),
        s(&[("V001", 1), ("C005", 2), ("V007", 3)])
    );
}

#[test]
fn every_project_gets_a_verdict() {
    // Human output ends with the verdict table, worst first.
    let out = jxlint(&["check", "fixtures/seed.txt"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("项目 ") || !l.contains("结论"))
        .collect();
    assert!(table[0].contains("错误  警告  最严重的问题"), "{text}");
    // Every project of the seed is sent back: each has an error, an irrelevant indicator or a
    // missing spending schedule.
    assert_eq!(table.iter().filter(|l| l.contains("退回修改")).count(), 7);
    assert!(
        table[1].starts_with("2：社保局企业养老扩面补贴2.5万"),
        "{}",
        table[1]
    );
    assert!(
        text.contains("退回修改 6 个项目，建议修改 0 个，通过 0 个"),
        "{text}"
    );
    // JSON: the projects array.
    let v = json(&jxlint(&["check", "--format", "json", "fixtures/seed.txt"]));
    let projects = v["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 6);
    assert!(projects.iter().all(|p| p["verdict"] == "退回修改"));
    assert_eq!(
        projects[0]["project"],
        "社保局国企退休教师生活补贴补差29.31万元"
    );
    assert_eq!(projects[0]["budget"], "29.31");
    assert_eq!(projects[0]["code"], "323-0101-JSN-KGVA");
    assert_eq!(projects[0]["department"], "323002涞源县社会保险事业管理局");
    assert_eq!(projects[1]["errors"], 2);
    assert_eq!(projects[1]["worst_code"], "S007");
    // A good table passes; configurable thresholds move the line.
    let v = json(&jxlint(&[
        "check",
        "--format",
        "json",
        "fixtures/good/elderly-subsidy.yaml",
    ]));
    assert_eq!(v["projects"][0]["verdict"], "通过");
    let dir = scratch("verdict");
    std::fs::write(
        dir.join(".jxlint.yaml"),
        "verdict: {send_back: [error, V003], revise: [info]}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("d.yaml"),
        "name: 村道养护\nbudget: {total: 10}\nschedule: {6月底: 50, 12月底: 100}\ngoals: [2025年养护村道30公里]\nindicators:\n  - {level1: 产出指标, level2: 数量指标, level3: 养护里程, value: \"≥30\"}\n  - {level1: 效益指标, level2: 社会效益指标, level3: 通行条件改善率, value: \"≥80%\"}\n  - {level1: 满意度指标, level2: 服务对象满意度指标, level3: 群众满意度, value: \"≥90%\"}\n",
    )
    .unwrap();
    let v = json(&jxlint(&[
        "check",
        "--format",
        "json",
        dir.join("d.yaml").to_str().unwrap(),
    ]));
    assert_eq!(v["projects"][0]["verdict"], "退回修改", "{v}");
    assert_eq!(v["projects"][0]["worst_code"], "V003");
}

/// A .wps named on the command line is refused (exit code 2, “暂不支持 .wps” on stderr), and
/// the summary counts it as a format jxlint does not read, not as a file it could not read
/// (“1 个文件无法读取” before this change).
#[test]
fn a_named_wps_is_summarised_as_unsupported() {
    let dir = scratch("named-wps");
    let wps = dir.join("notes.wps");
    std::fs::write(&wps, b"\xD0\xCF\x11\xE0 wps").unwrap();
    let out = jxlint(&["check", wps.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("暂不支持 .wps 文件"),
        "{}",
        stderr(&out)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 个文件暂不支持：notes.wps"), "{stdout}");
    assert!(!stdout.contains("无法读取"), "{stdout}");
    // A damaged file beside it is still one that could not be read.
    let bad = dir.join("损坏.docx");
    std::fs::write(&bad, b"PK\x03\x04junk").unwrap();
    let out = jxlint(&["check", wps.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 个文件无法读取"), "{stdout}");
    assert!(stdout.contains("1 个文件暂不支持：notes.wps"), "{stdout}");
}

/// `--format html` (or xlsx) is a report to hand on: the error names `report -o`; other bad
/// values list the choices only. An unknown command lists every command, `suggest` included.
#[test]
fn a_report_format_asked_of_check_points_to_report() {
    let out = jxlint(&["check", "--format", "html", "fixtures/seed.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end(),
        "jxlint: 错误：选项 --format <格式> 的值“html”无效；可选：human、concise、json、sarif、github、gitlab；要生成可转交的报告，请用 jxlint report -o 报告.html 路径…（运行 jxlint --help 查看用法）"
    );
    let out = jxlint(&["check", "--format", "xlsx", "fixtures/seed.yaml"]);
    assert!(
        stderr(&out).contains("请用 jxlint report -o 报告.xlsx 路径…"),
        "{}",
        stderr(&out)
    );
    let out = jxlint(&["check", "--format", "yaml", "fixtures/seed.yaml"]);
    assert!(!stderr(&out).contains("report"), "{}", stderr(&out));
    let out = jxlint(&["lint", "fixtures/seed.yaml"]);
    assert!(
        stderr(&out).contains("可用的命令：check、report、extract、suggest、rules、rule"),
        "{}",
        stderr(&out)
    );
}
