//! `--write-baseline` / `--baseline` through the CLI: after a reorder nothing is new, after a
//! changed value exactly the new finding is, a third copy of a duplicated row is reported, the
//! file is byte-deterministic, bad baselines and unsafe paths are refused, and a pre-commit run
//! on some of the files reports what is new in them.

mod common;
use common::{json, jxlint_in};

use std::path::{Path, PathBuf};
use std::process::Output;

fn scratch(name: &str) -> PathBuf {
    common::scratch("base", name)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// (code, line) of every finding, in report order.
fn found(out: &Output) -> Vec<(String, u64)> {
    json(out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn f(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(c, l)| (c.to_string(), *l)).collect()
}

const HEAD: &str = "department: 某县民政局\nprojects:\n";

/// Project 1: V007 on its 2nd row, V001 on its 4th.
const P1: [&str; 4] = [
    "  - name: 城乡困难群众临时救助",
    "    budget: {total: 50, fiscal: 50}",
    "    schedule: {3月底: 25, 6月底: 50, 9月底: 75, 12月底: 100}",
    "    goals: [2025年为全县约300户困难群众发放临时救助金，发放准确率100%]",
];
const R1: [&str; 4] = [
    "      - {level1: 产出指标, level2: 数量指标, level3: 救助户数, value: \"≥300户\"}",
    "      - {level1: 产出指标, level2: 时效指标, level3: 救助金发放时间, value: 尽快}",
    "      - {level1: 效益指标, level2: 社会效益指标, level3: 困难群众基本生活保障率, value: \"≥95%\"}",
    "      - {level1: 满意度指标, level2: 服务对象满意度指标, level3: 救助对象满意率, value: \"≥100%\"}",
];
/// Project 2: V005 on its 3rd row.
const P2: [&str; 4] = [
    "  - name: 高龄老人津贴发放",
    "    budget: {total: 120, fiscal: 120}",
    "    schedule: {3月底: 25, 6月底: 50, 9月底: 75, 12月底: 100}",
    "    goals: [2025年按月为全县4000名80岁以上老人发放高龄津贴，发放准确率100%]",
];
const R2: [&str; 4] = [
    "      - {level1: 产出指标, level2: 数量指标, level3: 津贴发放人数, value: \"≥4000人\"}",
    "      - {level1: 产出指标, level2: 质量指标, level3: 津贴发放准确率, value: \"=100%\"}",
    "      - {level1: 效益指标, level2: 社会效益指标, level3: 老人生活质量改善率, value: 明显改善}",
    "      - {level1: 满意度指标, level2: 服务对象满意度指标, level3: 老人满意度, value: \"≥90%\"}",
];

fn project(head: &[&str], rows: &[&str]) -> String {
    let mut s = head.join("\n");
    s.push_str("\n    indicators:\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

/// The document as written: V007 line 9, V001 line 11, V005 line 19.
fn doc() -> String {
    format!("{HEAD}{}{}", project(&P1, &R1), project(&P2, &R2))
}

/// The same document with the projects swapped and every project's rows reversed.
fn reordered() -> String {
    let rev = |r: &[&'static str; 4]| r.iter().rev().copied().collect::<Vec<_>>();
    format!(
        "{HEAD}{}{}",
        project(&P2, &rev(&R2)),
        project(&P1, &rev(&R1))
    )
}

/// A folder holding `doc.yaml` and the baseline `base.json` written from it.
fn recorded(name: &str, text: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("doc.yaml"), text).unwrap();
    let out = jxlint_in(
        &dir,
        &["check", "--write-baseline", "base.json", "doc.yaml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

fn with_baseline(dir: &Path) -> Output {
    jxlint_in(
        dir,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "doc.yaml",
        ],
    )
}

#[test]
fn writing_records_every_finding_and_exits_0() {
    let dir = scratch("write");
    std::fs::write(dir.join("doc.yaml"), doc()).unwrap();
    let out = jxlint_in(
        &dir,
        &[
            "check",
            "--format",
            "concise",
            "--write-baseline",
            "base.json",
            "doc.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    // The report is shown as usual; the note goes to stderr.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert_eq!(
        stderr(&out),
        "jxlint: 已把 3 个问题记入基线 base.json；之后用 --baseline base.json 只报告新问题\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("base.json")).unwrap(),
        "{\n  \"tool\": \"jxlint\",\n  \"version\": 1,\n  \"findings\": [\n    \
         {\"path\":\"doc.yaml\",\"code\":\"V001\",\"key\":\"doc.yaml|城乡困难群众临时救助|救助对象满意率|V001|value|100#1\"},\n    \
         {\"path\":\"doc.yaml\",\"code\":\"V007\",\"key\":\"doc.yaml|城乡困难群众临时救助|救助金发放时间|V007|value|尽快#1\"},\n    \
         {\"path\":\"doc.yaml\",\"code\":\"V005\",\"key\":\"doc.yaml|高龄老人津贴发放|老人生活质量改善率|V005|value|明显改善#1\"}\n  \
         ]\n}\n"
    );
    // Nothing is new against it; the summary says what it hid.
    let out = with_baseline(&dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(found(&out), f(&[]));
    assert_eq!(json(&out)["summary"]["baseline_hidden"], 3);
    let out = jxlint_in(&dir, &["check", "--baseline", "base.json", "doc.yaml"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.trim_end()
            .ends_with("：没有发现问题；基线中已有的 3 个问题未列出"),
        "{text}"
    );
}

#[test]
fn after_reordering_rows_and_projects_nothing_is_new() {
    let dir = recorded("reorder", &doc());
    std::fs::write(dir.join("doc.yaml"), reordered()).unwrap();
    // Without the baseline the findings are still there, on other lines.
    let out = jxlint_in(&dir, &["check", "--format", "json", "doc.yaml"]);
    assert_eq!(found(&out), f(&[("V005", 9), ("V001", 17), ("V007", 19)]));
    let out = with_baseline(&dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(found(&out), f(&[]));
    assert_eq!(json(&out)["summary"]["baseline_hidden"], 3);
}

#[test]
fn a_changed_value_is_exactly_the_new_finding() {
    // A clean row given a bad value.
    let dir = recorded("changed", &doc());
    let changed = doc().replace(
        "老人满意度, value: \"≥90%\"",
        "老人满意度, value: \"≥100%\"",
    );
    std::fs::write(dir.join("doc.yaml"), &changed).unwrap();
    let out = with_baseline(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found(&out), f(&[("V001", 20)]));
    assert_eq!(json(&out)["summary"]["baseline_hidden"], 3);
    // An old indicator given a new bad value: reported again, with its new value.
    let changed = doc().replace(
        "救助对象满意率, value: \"≥100%\"",
        "救助对象满意率, value: \"≥101%\"",
    );
    std::fs::write(dir.join("doc.yaml"), &changed).unwrap();
    let out = with_baseline(&dir);
    assert_eq!(found(&out), f(&[("V001", 11)]));
    assert!(
        json(&out)["diagnostics"][0]["help"]
            .as_str()
            .unwrap()
            .contains("目标值“≥101%”无法实现")
    );
    assert_eq!(json(&out)["summary"]["baseline_hidden"], 2);
}

#[test]
fn a_third_copy_of_a_duplicated_row_is_reported() {
    let row = R1[3];
    let two = doc().replace(row, &format!("{row}\n{row}"));
    let dir = recorded("copies", &two);
    let out = jxlint_in(&dir, &["check", "--format", "json", "doc.yaml"]);
    assert_eq!(
        found(&out),
        f(&[
            ("V007", 9),
            ("V001", 11),
            ("S007", 12),
            ("V001", 12),
            ("V005", 20)
        ])
    );
    let three = doc().replace(row, &format!("{row}\n{row}\n{row}"));
    std::fs::write(dir.join("doc.yaml"), &three).unwrap();
    let out = with_baseline(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found(&out), f(&[("S007", 13), ("V001", 13)]));
    // The copies moved elsewhere in the project: still only the third is new.
    let moved = doc()
        .replace(row, "")
        .replace(R1[0], &format!("{row}\n{}\n{row}\n{row}", R1[0]));
    std::fs::write(dir.join("doc.yaml"), &moved).unwrap();
    let out = with_baseline(&dir);
    assert_eq!(found(&out).len(), 2, "{:?}", found(&out));
}

#[test]
fn the_baseline_file_is_byte_deterministic() {
    let dir = recorded("bytes", &doc());
    let first = std::fs::read(dir.join("base.json")).unwrap();
    for _ in 0..3 {
        let out = jxlint_in(
            &dir,
            &["check", "--write-baseline", "base.json", "doc.yaml"],
        );
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(std::fs::read(dir.join("base.json")).unwrap(), first);
    }
    // Keys are content, not lines: the reordered document records the same bytes.
    std::fs::write(dir.join("doc.yaml"), reordered()).unwrap();
    jxlint_in(
        &dir,
        &["check", "--write-baseline", "base.json", "doc.yaml"],
    );
    assert_eq!(std::fs::read(dir.join("base.json")).unwrap(), first);
    // Sorted, one finding per line, with a version; many findings, several files.
    let dir = scratch("bytes-seed");
    std::fs::copy("fixtures/seed.txt", dir.join("seed.txt")).unwrap();
    std::fs::copy("fixtures/seed.yaml", dir.join("seed.yaml")).unwrap();
    let out = jxlint_in(&dir, &["check", "--write-baseline", "b.json", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("b.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    let entries = v["findings"].as_array().unwrap();
    assert!(entries.len() > 100, "{}", entries.len());
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("    {")).collect();
    assert_eq!(lines.len(), entries.len());
    let order: Vec<(String, String, usize)> = entries
        .iter()
        .map(|e| {
            let (base, n) = e["key"].as_str().unwrap().rsplit_once('#').unwrap();
            (
                e["path"].as_str().unwrap().to_string(),
                base.to_string(),
                n.parse().unwrap(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // Named in the walk's order (R003 reports a copy in the file met first).
    let again = jxlint_in(
        &dir,
        &[
            "check",
            "--write-baseline",
            "b.json",
            "seed.txt",
            "seed.yaml",
        ],
    );
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.join("b.json")).unwrap(), text);
    // Every finding of the seed is in it.
    let out = jxlint_in(
        &dir,
        &["check", "--format", "json", "--baseline", "b.json", "."],
    );
    assert_eq!(found(&out), f(&[]));
    assert_eq!(
        json(&out)["summary"]["baseline_hidden"].as_u64().unwrap() as usize,
        entries.len()
    );
}

#[test]
fn a_missing_or_broken_baseline_is_a_clear_error() {
    let dir = scratch("broken");
    std::fs::write(dir.join("doc.yaml"), doc()).unwrap();
    let run = |name: &str| jxlint_in(&dir, &["check", "--baseline", name, "doc.yaml"]);
    let out = run("missing.json");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, b"");
    assert_eq!(
        stderr(&out),
        "jxlint: 错误：missing.json: 基线文件不存在：请先运行 jxlint check --write-baseline \
         missing.json <路径…> 记录现有的问题\n"
    );
    let cases = [
        (
            "cut.json",
            "{\"version\": 1, \"findings\": [\n",
            "第2行：文件意外结束（可能被截断）",
        ),
        (
            "conflict.json",
            "{\"version\": 1,\n<<<<<<< HEAD\n",
            "第2行：JSON 语法错误（可能被手工改坏，或合并时留下了冲突标记）",
        ),
        (
            "v2.json",
            "{\"version\": 2, \"findings\": []}",
            "基线文件的版本为 2",
        ),
        ("noversion.json", "{\"findings\": []}", "缺少 version 字段"),
        ("array.json", "[]", "顶层应是 JSON 对象"),
        (
            "entry.json",
            "{\"version\": 1, \"findings\": [{\"path\": \"doc.yaml\"}]}",
            "findings 的第 1 项缺少 path 或 key",
        ),
    ];
    for (name, text, want) in cases {
        std::fs::write(dir.join(name), text).unwrap();
        let out = run(name);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("jxlint: 错误：{name}: ")) && err.contains(want),
            "{name}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    std::fs::create_dir(dir.join("folder.json")).unwrap();
    let out = run("folder.json");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("无法读取基线文件"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn writing_the_baseline_never_touches_an_input() {
    let dir = scratch("unsafe");
    std::fs::create_dir_all(dir.join("目标表")).unwrap();
    std::fs::write(dir.join("目标表/doc.yaml"), doc()).unwrap();
    let before = std::fs::read(dir.join("目标表/doc.yaml")).unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        jxlint_in(&dir, &all)
    };
    // Over an input, named or through another path.
    for target in ["目标表/doc.yaml", "目标表/../目标表/doc.yaml"] {
        let out = run(&["--write-baseline", target, "目标表"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains(
                "这是本次检查的输入文件（目标表/doc.yaml）：jxlint 从不写输入文件，请换一个基线路径"
            ),
            "{}",
            stderr(&out)
        );
    }
    // Where the next walk would read it as input.
    let out = run(&["--write-baseline", "目标表/base.yaml", "目标表"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("基线会写进被检查的目录 目标表"));
    assert!(!dir.join("目标表/base.yaml").exists());
    // Not the report of the same run.
    let out = run(&["--write-baseline", "r.json", "-o", "r.json", "目标表"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("基线文件与 -o 的报告是同一个文件"));
    // Not with --baseline.
    let out = run(&[
        "--write-baseline",
        "a.json",
        "--baseline",
        "a.json",
        "目标表",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--baseline 与 --write-baseline 不能同时使用"));
    // Not from a run that could not read an input: the baseline would lack its findings.
    std::fs::write(dir.join("目标表/broken.yaml"), "name: [unclosed\n").unwrap();
    let out = run(&["--write-baseline", "base.json", "目标表"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("有文件无法读取（见上面的错误），没有写入基线"));
    assert!(!dir.join("base.json").exists());
    // Beside the folder, in .json, it is written; no input changed, no temporary file left.
    std::fs::remove_file(dir.join("目标表/broken.yaml")).unwrap();
    let out = run(&["--write-baseline", "base.json", "目标表"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.join("目标表/doc.yaml")).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["base.json", "目标表"]);
    // Paths in it are relative to its folder: a run from elsewhere finds them.
    let out = jxlint_in(
        &dir.join("目标表"),
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "../base.json",
            "doc.yaml",
        ],
    );
    assert_eq!(found(&out), f(&[]));
    assert_eq!(json(&out)["summary"]["baseline_hidden"], 3);
}

#[test]
fn pre_commit_with_a_baseline_reports_what_is_new_in_the_files_it_names() {
    // Two years of the same department, the same file name in each year's folder. At the
    // baseline, 2024 has the V001 and 2025 does not.
    let dir = scratch("pre-commit");
    for year in ["2024", "2025"] {
        std::fs::create_dir_all(dir.join(year)).unwrap();
    }
    std::fs::write(dir.join("2024/民政局.yaml"), doc()).unwrap();
    let fixed = doc().replace(
        "救助对象满意率, value: \"≥100%\"",
        "救助对象满意率, value: \"≥95%\"",
    );
    std::fs::write(dir.join("2025/民政局.yaml"), &fixed).unwrap();
    std::fs::write(dir.join("notes.yml"), "title: 说明\nitems: [a]\n").unwrap();
    let out = jxlint_in(
        &dir,
        &["check", "--write-baseline", ".jxlint-baseline.json", "."],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("已把 5 个问题记入基线"));

    // The hook's entry with `args: [--baseline, .jxlint-baseline.json]`, then the changed files.
    let hook = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let entry = hook
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: jxlint "))
        .expect("the hook's entry runs jxlint");
    let hook_run = |files: &[&str]| {
        let mut args: Vec<&str> = entry.split_whitespace().collect();
        args.extend(["--baseline", ".jxlint-baseline.json"]);
        args.extend_from_slice(files);
        jxlint_in(&dir, &args)
    };
    let out = hook_run(&["2024/民政局.yaml", "notes.yml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, b"");

    // The V001 comes back in 2025 only: a commit touching that file alone must report it,
    // though a same-named file elsewhere holds the same finding in the baseline.
    std::fs::write(dir.join("2025/民政局.yaml"), doc()).unwrap();
    let out = hook_run(&["2025/民政局.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("2025/民政局.yaml:11:69: 错误 V001 "),
        "{text}"
    );
    // Suppressed there instead, the hook passes again.
    let suppressed = doc().replace(
        "value: \"≥100%\"}",
        "value: \"≥100%\"}  # jxlint: ignore[V001] 上级文件要求",
    );
    std::fs::write(dir.join("2025/民政局.yaml"), suppressed).unwrap();
    let out = hook_run(&["2025/民政局.yaml", "notes.yml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(out.stdout, b"");
}
