//! Inline suppressions (`# jxlint: ignore[…]`, `ignore-file[…]`), U001 and `per-path-ignores`,
//! through the CLI as a department runs it: the exact findings (code, line) that remain, the
//! counts in the summary, and no U001 where the user turned the rule off.

mod common;
use common::{json, jxlint_in};

use std::path::PathBuf;
use std::process::Output;

fn scratch(name: &str) -> PathBuf {
    common::scratch("sup", name)
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

/// Check one document (as `doc.yaml` in a fresh folder) in JSON with extra arguments.
fn check(name: &str, doc: &str, args: &[&str]) -> Output {
    let dir = scratch(name);
    std::fs::write(dir.join("doc.yaml"), doc).unwrap();
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    all.push("doc.yaml");
    jxlint_in(&dir, &all)
}

/// Two projects with three findings: V007 (line 9), V001 (line 11), V005 (line 19).
const DOC: &str = "\
department: 某县民政局
projects:
  - name: 城乡困难群众临时救助
    budget: {total: 50, fiscal: 50}
    schedule: {3月底: 25, 6月底: 50, 9月底: 75, 12月底: 100}
    goals: [2025年为全县约300户困难群众发放临时救助金，发放准确率100%]
    indicators:
      - {level1: 产出指标, level2: 数量指标, level3: 救助户数, value: \"≥300户\"}
      - {level1: 产出指标, level2: 时效指标, level3: 救助金发放时间, value: 尽快}
      - {level1: 效益指标, level2: 社会效益指标, level3: 困难群众基本生活保障率, value: \"≥95%\"}
      - {level1: 满意度指标, level2: 服务对象满意度指标, level3: 救助对象满意率, value: \"≥100%\"}
  - name: 高龄老人津贴发放
    budget: {total: 120, fiscal: 120}
    schedule: {3月底: 25, 6月底: 50, 9月底: 75, 12月底: 100}
    goals: [2025年按月为全县4000名80岁以上老人发放高龄津贴，发放准确率100%]
    indicators:
      - {level1: 产出指标, level2: 数量指标, level3: 津贴发放人数, value: \"≥4000人\"}
      - {level1: 产出指标, level2: 质量指标, level3: 津贴发放准确率, value: \"=100%\"}
      - {level1: 效益指标, level2: 社会效益指标, level3: 老人生活质量改善率, value: 明显改善}
      - {level1: 满意度指标, level2: 服务对象满意度指标, level3: 老人满意度, value: \"≥90%\"}
";

/// DOC with line `n` (1-based) replaced.
fn with_line(n: usize, text: &str) -> String {
    let mut lines: Vec<&str> = DOC.lines().collect();
    lines[n - 1] = text;
    lines.join("\n") + "\n"
}

/// DOC with `text` inserted as a new line before line `n`.
fn insert_before(n: usize, text: &str) -> String {
    let mut lines: Vec<&str> = DOC.lines().collect();
    lines.insert(n - 1, text);
    lines.join("\n") + "\n"
}

fn line(n: usize) -> &'static str {
    DOC.lines().nth(n - 1).unwrap()
}

#[test]
fn the_document_has_three_findings() {
    let out = check("plain", DOC, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found(&out), f(&[("V007", 9), ("V001", 11), ("V005", 19)]));
    let s = &json(&out)["summary"];
    assert_eq!(s["suppressions"], 0);
    assert_eq!(s["suppressed"], 0);
    assert_eq!(s["baseline_hidden"], 0);
}

#[test]
fn a_comment_at_the_end_of_the_line_hides_that_line_only() {
    let doc = with_line(
        11,
        &format!(
            "{}  # jxlint: ignore[V001] 上级文件要求满意率达到100%",
            line(11)
        ),
    );
    let out = check("eol", &doc, &[]);
    assert_eq!(found(&out), f(&[("V007", 9), ("V005", 19)]));
    let s = &json(&out)["summary"];
    assert_eq!(
        (
            &s["suppressions"],
            &s["suppressions_without_reason"],
            &s["suppressed"]
        ),
        (&1.into(), &0.into(), &1.into())
    );
    // The human summary says so.
    let dir = scratch("eol-human");
    std::fs::write(dir.join("doc.yaml"), &doc).unwrap();
    let human = jxlint_in(&dir, &["check", "doc.yaml"]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.trim_end()
            .ends_with("1 个错误，1 个警告，0 个提示；1 条忽略注释隐藏了 1 个问题"),
        "{text}"
    );
}

#[test]
fn a_comment_on_its_own_line_hides_the_next_line_and_comments_stack() {
    // Two comments (and a blank line) above line 11: each hides its code there.
    let mut lines: Vec<&str> = DOC.lines().collect();
    lines.splice(
        10..10,
        [
            "      # jxlint: ignore[rate-over-100] 上级文件要求",
            "",
            "      # jxlint: ignore[V002]",
        ],
    );
    let doc = lines.join("\n") + "\n";
    let out = check("above", &doc, &[]);
    // V001 (now line 14) is hidden; V002 never fires there (V001 takes the row), so that
    // code is reported unused at its comment's line.
    assert_eq!(found(&out), f(&[("V007", 9), ("U001", 13), ("V005", 22)]));
    let d = &json(&out)["diagnostics"][1];
    assert_eq!(
        d["message"],
        "第14行没有 V002 的问题，这条忽略注释没有忽略任何问题"
    );
    assert_eq!(d["column"], 7);
    assert_eq!(d["project_index"], 1);
    assert_eq!(d["severity"], "info");
    // The comment above line 9 does not reach line 11.
    let doc = insert_before(9, "      # jxlint: ignore[V001,V007] 两行都忽略？");
    let out = check("above-one-line", &doc, &[]);
    assert_eq!(found(&out), f(&[("U001", 9), ("V001", 12), ("V005", 20)]));
    assert_eq!(
        json(&out)["diagnostics"][0]["message"],
        "第10行没有 V001 的问题，注释中的 V001 没有起作用"
    );
}

#[test]
fn a_comment_that_hides_nothing_is_u001_at_its_line() {
    let doc = with_line(10, &format!("{}  # jxlint: ignore[V001] 已改正", line(10)));
    let out = check("unused", &doc, &[]);
    assert_eq!(
        found(&out),
        f(&[("V007", 9), ("U001", 10), ("V001", 11), ("V005", 19)])
    );
    let d = &json(&out)["diagnostics"][1];
    assert_eq!(d["column"], 77);
    assert_eq!(d["end_column"], 103);
    assert_eq!(
        d["help"],
        "问题已经改正的话，请删除这条注释（或其中的这些代码），以免它把以后同一处的新问题藏起来；\
         若是写错了位置，请写在问题所在行的行尾或其上一行"
    );
    // Unknown codes are named; the known ones still work.
    let doc = with_line(11, &format!("{}  # jxlint: ignore[V001, V999]", line(11)));
    let out = check("unknown", &doc, &[]);
    assert_eq!(found(&out), f(&[("V007", 9), ("U001", 11), ("V005", 19)]));
    assert_eq!(
        json(&out)["diagnostics"][1]["message"],
        "“V999”不是规则代码、代码前缀或规则名称"
    );
}

#[test]
fn a_comment_without_a_reason_works_and_is_counted() {
    let doc = with_line(9, &format!("{}  # jxlint: ignore[V007]", line(9)));
    let doc = doc.replace(
        line(11),
        &format!("{}  # jxlint: ignore[V]：政策要求", line(11)),
    );
    let out = check("no-reason", &doc, &[]);
    assert_eq!(found(&out), f(&[("V005", 19)]));
    let s = &json(&out)["summary"];
    assert_eq!(s["suppressions"], 2);
    assert_eq!(s["suppressions_without_reason"], 1);
    assert_eq!(s["suppressed"], 2);
    let dir = scratch("no-reason-human");
    std::fs::write(dir.join("doc.yaml"), &doc).unwrap();
    for args in [
        &["check", "doc.yaml"][..],
        &["check", "--statistics", "doc.yaml"],
    ] {
        let out = jxlint_in(&dir, args);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("；2 条忽略注释隐藏了 2 个问题（其中 1 条没有写理由）"),
            "{text}"
        );
    }
}

#[test]
fn ignore_file_among_the_leading_comments_hides_a_rule_in_the_whole_file() {
    let doc = format!(
        "# 某县民政局 2025 年绩效目标\n# jxlint: ignore-file[V001,V005] 已与财政局沟通\n---\n{DOC}"
    );
    let out = check("file", &doc, &[]);
    assert_eq!(found(&out), f(&[("V007", 12)]));
    assert_eq!(json(&out)["summary"]["suppressed"], 2);
    // Unused, it is U001 at line 1.
    let doc = format!("# jxlint: ignore-file[S009] 旧模板\n{DOC}");
    let out = check("file-unused", &doc, &[]);
    assert_eq!(
        found(&out),
        f(&[("U001", 1), ("V007", 10), ("V001", 12), ("V005", 20)])
    );
    assert_eq!(
        json(&out)["diagnostics"][0]["project_index"],
        serde_json::Value::Null
    );
    // After the first line of content it has no effect and says so.
    let doc = insert_before(3, "# jxlint: ignore-file[V001] 写在了中间");
    let out = check("file-misplaced", &doc, &[]);
    assert_eq!(
        found(&out),
        f(&[("U001", 3), ("V007", 10), ("V001", 12), ("V005", 20)])
    );
    assert!(
        json(&out)["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("ignore-file 只能写在文件开头的注释中")
    );
}

#[test]
fn hash_signs_inside_texts_are_not_comments() {
    // A quoted value and a block text holding "# jxlint: ignore[…]" are text.
    let doc = with_line(
        11,
        &line(11).replace("救助对象满意率", "\"救助对象满意率 # jxlint: ignore[V001]\""),
    )
    .replace(
        "    goals: [2025年按月为全县4000名80岁以上老人发放高龄津贴，发放准确率100%]",
        "    goals: |\n      # jxlint: ignore[V005]\n      2025年按月为全县4000名80岁以上老人发放高龄津贴，发放准确率100%",
    );
    let out = check("text", &doc, &[]);
    assert_eq!(found(&out), f(&[("V007", 9), ("V001", 11), ("V005", 21)]));
    assert_eq!(json(&out)["summary"]["suppressions"], 0);
}

#[test]
fn no_u001_for_rules_the_user_turned_off() {
    // ignore[V007] on a line with no V007, and ignore[V] on one with no V finding.
    let doc = with_line(8, &format!("{}  # jxlint: ignore[V007]", line(8))).replace(
        line(10),
        &format!("{}  # jxlint: ignore[V] 已核实", line(10)),
    );
    let both = f(&[
        ("U001", 8),
        ("V007", 9),
        ("U001", 10),
        ("V001", 11),
        ("V005", 19),
    ]);
    assert_eq!(found(&check("off-all", &doc, &[])), both);
    // --ignore V007: V007 might have fired there, so neither comment is reported (V names V007).
    let out = check("off-ignore", &doc, &["--ignore", "V007"]);
    assert_eq!(found(&out), f(&[("V001", 11), ("V005", 19)]));
    // --select without U001: no U001 at all.
    let out = check("off-select", &doc, &["--select", "V"]);
    assert_eq!(found(&out), f(&[("V007", 9), ("V001", 11), ("V005", 19)]));
    // U001 is a rule like any other: selected, ignored, its severity set in the configuration.
    let out = check("off-u", &doc, &["--ignore", "U001"]);
    assert_eq!(found(&out), f(&[("V007", 9), ("V001", 11), ("V005", 19)]));
    let out = check("u-only", &doc, &["--select", "U"]);
    assert_eq!(found(&out), f(&[]));
    let dir = scratch("u-severity");
    std::fs::write(dir.join("doc.yaml"), &doc).unwrap();
    std::fs::write(dir.join(".jxlint.yaml"), "severity: {U001: warning}\n").unwrap();
    let out = jxlint_in(&dir, &["check", "--format", "json", "doc.yaml"]);
    assert_eq!(json(&out)["diagnostics"][0]["severity"], "warning");
    // R003 compares the whole input: an unused ignore[R003] is never reported (a pre-commit run
    // on one file cannot tell).
    let doc = with_line(
        8,
        &format!("{}  # jxlint: ignore[R003] 与其他单位的表相同", line(8)),
    );
    let out = check("r003", &doc, &[]);
    assert_eq!(found(&out), f(&[("V007", 9), ("V001", 11), ("V005", 19)]));
}

#[test]
fn u001_cannot_be_suppressed_by_a_comment_and_malformed_comments_are_named() {
    let doc = with_line(8, &format!("{}  # jxlint: ignore[U001]", line(8)))
        .replace(line(10), &format!("{}  # jxlint: ignore V001", line(10)))
        .replace(line(17), &format!("{}  # jxlint: ignor[V001]", line(17)));
    let out = check("malformed", &doc, &[]);
    assert_eq!(
        found(&out),
        f(&[
            ("U001", 8),
            ("V007", 9),
            ("U001", 10),
            ("V001", 11),
            ("U001", 17),
            ("V005", 19)
        ])
    );
    let v = json(&out);
    let messages: Vec<&str> = [0, 2, 4]
        .iter()
        .map(|&i| v["diagnostics"][i]["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages[0], "U001 不能用忽略注释忽略");
    assert_eq!(
        messages[1],
        "忽略注释“# jxlint: ignore V001”没有用方括号写出要忽略的规则"
    );
    assert_eq!(
        messages[2],
        "无法识别的 jxlint 注释“# jxlint: ignor[V001]”（只能是 ignore[…] 或 ignore-file[…]）"
    );
    // Malformed comments are not counted as suppressions.
    assert_eq!(v["summary"]["suppressions"], 1);
}

#[test]
fn per_path_ignores_turn_rules_off_for_the_files_a_glob_names() {
    let dir = scratch("per-path");
    for sub in ["2024", "2025", "2025/草稿"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("doc.yaml"), DOC).unwrap();
    }
    std::fs::write(
        dir.join(".jxlint.yaml"),
        "per-path-ignores:\n  \"2024/*.yaml\": [V001, value-vague]\n  草稿: [V]\n",
    )
    .unwrap();
    let out = jxlint_in(&dir, &["check", "--format", "json", "."]);
    let v = json(&out);
    let got: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                format!(
                    "{} {}",
                    d["path"].as_str().unwrap(),
                    d["code"].as_str().unwrap()
                ),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // In 2024/ V001 and V005 are off, so the rules that leave those cells to them speak
    // instead: V002 (a satisfaction target of 100) and V007 (a value it cannot read).
    assert_eq!(
        got,
        f(&[
            ("./2024/doc.yaml V007", 9),
            ("./2024/doc.yaml V002", 11),
            ("./2024/doc.yaml V007", 19),
            ("./2025/doc.yaml V007", 9),
            ("./2025/doc.yaml V001", 11),
            ("./2025/doc.yaml V005", 19),
        ])
    );
    // They are rules turned off, not suppressions: nothing is counted as hidden.
    assert_eq!(v["summary"]["suppressed"], 0);
    // Run from inside a folder, with the same configuration found upward: the same files.
    let out = jxlint_in(
        &dir.join("2024"),
        &["check", "--format", "json", "doc.yaml"],
    );
    assert_eq!(found(&out), f(&[("V007", 9), ("V002", 11), ("V007", 19)]));
    // --ignore on the command line replaces `ignore`, not the per-path lists.
    let out = jxlint_in(
        &dir.join("2024"),
        &["check", "--format", "json", "--ignore", "V007", "doc.yaml"],
    );
    assert_eq!(found(&out), f(&[("V002", 11)]));
    // A comment for a rule the file's per-path entry turns off is not reported as unused.
    let doc = with_line(10, &format!("{}  # jxlint: ignore[V001]", line(10)));
    std::fs::write(dir.join("2024/doc.yaml"), doc).unwrap();
    let out = jxlint_in(
        &dir.join("2024"),
        &["check", "--format", "json", "doc.yaml"],
    );
    assert_eq!(found(&out), f(&[("V007", 9), ("V002", 11), ("V007", 19)]));
}

#[test]
fn per_path_ignores_with_an_unknown_rule_name_the_configuration_line() {
    let dir = scratch("per-path-bad");
    std::fs::write(dir.join("doc.yaml"), DOC).unwrap();
    std::fs::write(
        dir.join(".jxlint.yaml"),
        "ignore: [S009]\nper-path-ignores:\n  \"2024/*.yaml\": [V001, V0O1]\n",
    )
    .unwrap();
    let out = jxlint_in(&dir, &["check", "--format", "concise", "doc.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            ".jxlint.yaml:3:25: 配置文件有误：per-path-ignores 中“2024/*.yaml”的没有规则“V0O1”"
        ),
        "{err}"
    );
    std::fs::write(
        dir.join(".jxlint.yaml"),
        "per-path-ignores:\n  \"2024/[ab.yaml\": [V001]\n",
    )
    .unwrap();
    let out = jxlint_in(&dir, &["check", "--format", "concise", "doc.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(".jxlint.yaml:2:3: 配置文件有误：per-path-ignores：路径模式“2024/[ab.yaml”中的 [ 没有对应的 ]"),
        "{err}"
    );
}

#[test]
fn text_documents_have_no_comments_per_path_ignores_work_for_them() {
    // In Word's text a "# jxlint:" line is prose: nothing is hidden and no U001.
    let seed = std::fs::read_to_string("fixtures/seed.txt").unwrap();
    let dir = scratch("text");
    std::fs::write(
        dir.join("seed.txt"),
        format!("# jxlint: ignore-file[B003]\n{seed}"),
    )
    .unwrap();
    let out = jxlint_in(&dir, &["check", "--format", "json", "seed.txt"]);
    let codes: Vec<String> = found(&out).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes.iter().filter(|c| *c == "B003").count(), 5);
    assert!(!codes.iter().any(|c| c == "U001"));
    assert_eq!(json(&out)["summary"]["suppressions"], 0);
    std::fs::write(
        dir.join(".jxlint.yaml"),
        "per-path-ignores: {\"*.txt\": [B003]}\n",
    )
    .unwrap();
    let out = jxlint_in(&dir, &["check", "--format", "json", "seed.txt"]);
    let codes: Vec<String> = found(&out).into_iter().map(|(c, _)| c).collect();
    assert!(!codes.is_empty() && !codes.iter().any(|c| c == "B003"));
}

#[test]
fn pre_commit_passes_file_names_and_suppressions_hold() {
    // pre-commit runs the hook's entry from the repository root with the changed files that
    // match `files:` appended: target documents and other YAML alike.
    let dir = scratch("pre-commit");
    std::fs::create_dir_all(dir.join("目标表")).unwrap();
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap();
    let doc = with_line(
        9,
        &format!("{}  # jxlint: ignore[V007] 随申请随发放", line(9)),
    )
    .replace(
        line(11),
        &format!("{}  # jxlint: ignore[V001] 政策要求", line(11)),
    )
    .replace(line(19), &format!("{}  # jxlint: ignore[V005]", line(19)));
    std::fs::write(dir.join("目标表/民政局.yaml"), &doc).unwrap();
    std::fs::write(
        dir.join(".github/workflows/ci.yml"),
        "name: ci\non: [push]\njobs: {}\n",
    )
    .unwrap();
    let hook = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let entry = hook
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: jxlint "))
        .expect("the hook's entry runs jxlint");
    let files = ["目标表/民政局.yaml", ".github/workflows/ci.yml"];
    let mut args: Vec<&str> = entry.split_whitespace().collect();
    args.extend(files);
    let out = jxlint_in(&dir, &args);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "");
    // The same run in JSON: one file checked, one skipped, three findings hidden.
    let mut args: Vec<&str> = entry
        .split_whitespace()
        .map(|a| if a == "concise" { "json" } else { a })
        .collect();
    args.extend(files);
    let out = jxlint_in(&dir, &args);
    assert_eq!(out.status.code(), Some(0));
    let s = &json(&out)["summary"];
    assert_eq!((&s["checked"], &s["skipped"]), (&1.into(), &1.into()));
    assert_eq!(
        (
            &s["suppressions"],
            &s["suppressions_without_reason"],
            &s["suppressed"]
        ),
        (&3.into(), &1.into(), &3.into())
    );
    // A new defect in the document is still reported, by line.
    let doc = doc.replace("\"≥90%\"", "\"≥100%\"");
    std::fs::write(dir.join("目标表/民政局.yaml"), doc).unwrap();
    let mut args: Vec<&str> = entry.split_whitespace().collect();
    args.extend(files);
    let out = jxlint_in(&dir, &args);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("目标表/民政局.yaml:20:"), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
}
