//! `.jxlint.yaml`: rules ignored, severities raised, thresholds changed, words added; found
//! upward from each file or given with --config; errors name the key and the line.

mod common;
use common::jxlint_in;

use std::path::PathBuf;
use std::process::Output;

fn scratch(name: &str) -> PathBuf {
    common::scratch("cfg", name)
}

/// (code, severity, row) of every finding, in report order.
fn findings(out: &Output) -> Vec<(String, String, u64)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["indicator_index"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

const DOC: &str = "\
name: 困难群众慰问
budget: {total: 10, fiscal: 10}
schedule: {3月底: 25, 6月底: 50, 9月底: 75, 12月底: 100}
goals: [春节前慰问困难群众500户，慰问金发放准确率100%]
indicators:
  - {level1: 产出指标, level2: 数量指标, level3: 慰问户数, value: \"≥500户\"}
  - {level1: 产出指标, level2: 时效指标, level3: 慰问金发放时间, value: 尽快}
  - {level1: 效益指标, level2: 社会效益指标, level3: 慰问金发放准确率, value: \"=100%\"}
  - {level1: 满意度指标, level2: 服务对象满意度指标, level3: 慰问对象满意度, value: \"≥96%\"}
  - {level1: 产出指标, level2: 质量指标, level3: 慰问对象核实率, value: \"100\"}
";

fn setup(name: &str, config: Option<&str>) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("doc.yaml"), DOC).unwrap();
    if let Some(c) = config {
        std::fs::write(dir.join(".jxlint.yaml"), c).unwrap();
    }
    dir
}

fn codes(out: &Output) -> Vec<String> {
    findings(out).into_iter().map(|f| f.0).collect()
}

#[test]
fn defaults_without_configuration() {
    let dir = setup("defaults", None);
    let out = jxlint_in(&dir, &["check", "--format", "json", "doc.yaml"]);
    assert_eq!(
        findings(&out),
        [
            // "尽快" is not a vague word by default: it is unreadable.
            ("V007".into(), "error".into(), 2),
            ("V003".into(), "warning".into(), 5),
        ]
    );
}

#[test]
fn ignore_severity_threshold_and_words() {
    let dir = setup(
        "all",
        Some(
            "ignore: [V003]\n\
             severity: {value-vague: error}\n\
             params: {satisfaction_max: 95}\n\
             words: {vague_words: [尽快]}\n",
        ),
    );
    let out = jxlint_in(&dir, &["check", "--format", "json", "doc.yaml"]);
    assert_eq!(
        findings(&out),
        [
            // A word added: "尽快" is now vague (V005), raised to error, and no longer V007.
            ("V005".into(), "error".into(), 2),
            // A threshold changed: ≥96% is now above the realistic satisfaction bound.
            ("V002".into(), "warning".into(), 4),
            // V003 on row 5 is ignored.
        ]
    );
}

#[test]
fn configuration_is_found_upward_and_command_line_selection_wins() {
    let dir = setup("upward", Some("select: [V]\nignore: [V007]\n"));
    let sub = dir.join("2025/民政");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::rename(dir.join("doc.yaml"), sub.join("doc.yaml")).unwrap();
    let out = jxlint_in(&dir, &["check", "--format", "json", "2025"]);
    assert_eq!(codes(&out), ["V003"]);
    // --select replaces the file's select, --ignore its ignore.
    let out = jxlint_in(
        &dir,
        &["check", "--format", "json", "--select", "V007", "2025"],
    );
    assert_eq!(
        codes(&out),
        Vec::<String>::new(),
        "the file's ignore still applies"
    );
    let out = jxlint_in(
        &dir,
        &[
            "check", "--format", "json", "--select", "V007", "--ignore", "", "2025",
        ],
    );
    assert_eq!(codes(&out), ["V007"]);
}

#[test]
fn explicit_config_file() {
    let dir = setup("explicit", Some("select: [V003]\n"));
    let other = dir.join("strict.yaml");
    std::fs::write(&other, "select: [V007]\nseverity: {V007: warning}\n").unwrap();
    let out = jxlint_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--config",
            "strict.yaml",
            "doc.yaml",
        ],
    );
    assert_eq!(findings(&out), [("V007".into(), "warning".into(), 2)]);
}

#[test]
fn a_missing_config_file_is_named_in_chinese() {
    let dir = setup("missing", None);
    let out = jxlint_in(&dir, &["check", "--config", "nope.yaml", "doc.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // As every other file error: no English OS message.
    assert!(
        err.contains("jxlint: 错误：nope.yaml: 配置文件有误：没有这个文件或目录\n"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn bad_configuration_is_an_error_naming_key_and_line() {
    for (cfg, needle, line) in [
        ("select: [V]\nselct: [C]\n", "selct", ":2"),
        ("severity: {V003: fatal}\n", "fatal", ":1"),
        (
            "params:\n  satisfaction_maxx: 95\n",
            "satisfaction_maxx",
            ":2",
        ),
        ("words: {vauge_words: [x]}\n", "vauge_words", ":1"),
        ("ignore: [X123]\n", "X123", ":1"),
        // The line is the key's own, not the first line that mentions its text.
        (
            "# satisfaction_max 可调\nignore: [S009]\nparams:\n  satisfaction_max: 150\n",
            "超出了有效范围",
            ":4",
        ),
        ("params: {budget_tolerance: -1}\n", "budget_tolerance", ":1"),
    ] {
        let dir = setup("bad", Some(cfg));
        let out = jxlint_in(&dir, &["check", "doc.yaml"]);
        assert_eq!(out.status.code(), Some(2), "{cfg}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(".jxlint.yaml"), "{err}");
        assert!(err.contains(&format!(".jxlint.yaml{line}")), "{cfg}: {err}");
        assert!(err.contains(needle), "{cfg}: {err}");
        // The file it governs is reported as not checked, not silently passed.
        assert!(err.contains("doc.yaml") && err.contains("未检查"), "{err}");
    }
}

#[test]
fn rule_shows_the_parameters_in_force() {
    let dir = setup(
        "ruledoc",
        Some("params: {satisfaction_max: 95}\nwords: {satisfaction_words: [认可度]}\n"),
    );
    let out = jxlint_in(&dir, &["rule", "V002"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("satisfaction_max: 95"), "{text}");
    assert!(text.contains("满意程度、认可度"), "{text}");
    assert!(text.contains(".jxlint.yaml"), "{text}");
    let out = jxlint_in(
        &std::env::temp_dir(),
        &[
            "rule",
            "V002",
            "--config",
            dir.join(".jxlint.yaml").to_str().unwrap(),
        ],
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("satisfaction_max: 95")
    );
}

#[test]
fn framework_names_can_be_added() {
    let doc = "name: 测试\nbudget: {total: 1}\ngoals: [完成]\nindicators:\n  \
               - {level1: 产出指标, level2: 工作量指标, level3: 检查次数, value: \"≥12次\"}\n";
    let dir = scratch("framework");
    std::fs::write(dir.join("doc.yaml"), doc).unwrap();
    let out = jxlint_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--select",
            "S001,S005",
            "doc.yaml",
        ],
    );
    assert_eq!(codes(&out), ["S001", "S005"]);
    std::fs::write(
        dir.join(".jxlint.yaml"),
        "framework:\n  level2:\n    工作量指标: {class: 数量}\n",
    )
    .unwrap();
    let out = jxlint_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--select",
            "S001,S005",
            "doc.yaml",
        ],
    );
    assert_eq!(codes(&out), Vec::<String>::new());
}

#[test]
fn relevance_lexicon_can_be_extended() {
    let doc = "name: 高龄老人生活补贴\npurpose: 按月发放高龄补贴\ngoals: [按月足额发放]\nindicators:\n  \
               - {level1: 产出指标, level2: 数量指标, level3: 天文馆开放天数, value: \"≥300天\"}\n";
    let dir = scratch("lexicon");
    std::fs::write(dir.join("doc.yaml"), doc).unwrap();
    let out = jxlint_in(
        &dir,
        &["check", "--format", "json", "--select", "R001", "doc.yaml"],
    );
    assert_eq!(
        codes(&out),
        Vec::<String>::new(),
        "天文馆 is in neither the lexicon nor the indicator library: no indicator is marked foreign by it"
    );
    std::fs::write(
        dir.join(".jxlint.yaml"),
        "words:\n  domains.文化.distinctive: [天文馆开放]\n",
    )
    .unwrap();
    let out = jxlint_in(
        &dir,
        &["check", "--format", "json", "--select", "R001", "doc.yaml"],
    );
    assert_eq!(codes(&out), ["R001"]);
    std::fs::write(
        dir.join(".jxlint.yaml"),
        "words:\n  domains.不存在.words: [x]\n",
    )
    .unwrap();
    let out = jxlint_in(&dir, &["check", "doc.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("domains.不存在.words"));
}
