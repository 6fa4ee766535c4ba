//! Hostile inputs (tests/bad/, and large ones generated here): each gives one clear error line
//! naming the file (and the line where known), exit code 2, while the other inputs are still
//! checked; nothing panics, nothing takes more than seconds or more than 1 GiB.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const GOOD: &str = "fixtures/good/it-maintenance.yaml";

struct Run {
    code: Option<i32>,
    stderr: String,
    json: serde_json::Value,
    took: Duration,
}

fn run(args: &[&str]) -> Run {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("run jxlint");
    Run {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        json: serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
        took: t.elapsed(),
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jxlint-bad-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The hostile file gives exactly one error line naming it (with `needle` in it), exit 2, the
/// good file beside it is checked, and it all takes seconds.
fn assert_clean_failure(bad: &Path, needle: &str) {
    let shown = bad.to_string_lossy().into_owned();
    let r = run(&[&shown, GOOD]);
    assert_eq!(r.code, Some(2), "{shown}: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{shown}: {}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{shown}: {}", r.stderr);
    assert!(
        lines[0].starts_with(&format!("jxlint: 错误：{shown}")),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(needle), "{shown}: {}", lines[0]);
    let files = r.json["files"].as_array().expect("JSON report");
    assert_eq!(files.len(), 2, "{shown}");
    assert!(files[0]["error"].is_string());
    assert_eq!(files[1]["projects"], 1, "the good file is still checked");
    assert!(
        r.took < Duration::from_secs(10),
        "{shown} took {:?}",
        r.took
    );
}

#[test]
fn committed_hostile_inputs() {
    for (file, needle) in [
        ("empty.txt", "没有找到绩效目标表"),
        ("empty.yaml", "文件为空"),
        ("random.txt", "不是有效的文本"),
        ("random.yaml", "不是有效的文本"),
        ("random.yml", "不是有效的文本"),
        ("random.docx", "不是有效的 .docx 文件（不是 zip 压缩包）"),
        (
            "random.xlsx",
            "不是有效的 .xlsx 文件（既不是压缩包也不是 Office 文档",
        ),
        (
            "truncated.docx",
            "不是有效的 .docx 文件（压缩包已损坏或不完整）",
        ),
        (
            "truncated.xlsx",
            "不是有效的 .xlsx 文件（压缩包已损坏或不完整",
        ),
        // Refused from the declared size, before anything is inflated.
        (
            "zip-bomb.docx",
            "word/document.xml 解压后有 200.0 MiB，超过了 100.0 MiB 的上限，可能是压缩炸弹",
        ),
        ("billion-laughs.docx", "含有 DTD（DOCTYPE）声明"),
        ("not-utf8-nor-gbk.txt", "第 2 行起不是有效的文本"),
        ("alias-bomb.yaml", "资源上限"),
        // Its top-level keys are no target document's: refused before any alias is expanded.
        ("yaml-laughs.yaml", "不是绩效目标文档：顶层的键（a0、a1"),
    ] {
        assert_clean_failure(&Path::new("tests/bad").join(file), needle);
    }
}

#[test]
fn yaml_nested_100000_deep() {
    let dir = scratch("deep");
    let flow = dir.join("flow.yaml");
    std::fs::write(
        &flow,
        format!(
            "name: x\ngoals: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    assert_clean_failure(&flow, "flow.yaml:2:");
    let block = dir.join("block.yaml");
    std::fs::write(
        &block,
        format!("name: x\ngoals:\n{}x\n", "- ".repeat(100_000)),
    )
    .unwrap();
    assert_clean_failure(&block, "block.yaml:");
}

#[test]
fn a_200_mb_text_file_is_refused_before_it_is_read() {
    let dir = scratch("big");
    let big = dir.join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap(); // sparse: no disk, but 200 MB to any reader
    assert_clean_failure(&big, "超过了 64 MiB 的上限");
}

#[test]
fn too_many_cells_is_an_error_not_an_oom() {
    let dir = scratch("cells");
    let many = dir.join("cells.txt");
    let mut text = String::from("\t项目名称\n\t测试\n\n");
    text.push_str(&"\t一级指标\n\t三级指标\n\t指标值\n\n".repeat(200_000));
    std::fs::write(&many, text).unwrap();
    assert_clean_failure(&many, "表格单元格超过 500000 个的上限");
}

#[test]
fn directory_symlink_loop_is_not_followed() {
    let dir = scratch("loop");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("a/b/loop")).unwrap();
    std::os::unix::fs::symlink("a", dir.join("a/b/rel")).unwrap();
    std::fs::copy(GOOD, dir.join("a/b/good.yaml")).unwrap();
    let r = run(&[dir.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.json["summary"]["files"], 1);
    assert!(r.took < Duration::from_secs(10));
}

#[test]
fn unreadable_and_special_files() {
    let dir = scratch("unreadable");
    // A FIFO would block a naive reader forever.
    let fifo = dir.join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        assert_clean_failure(&fifo, "不是普通文件");
    }
    // A path through a file: cannot be opened, whoever we are.
    let file = dir.join("file.txt");
    std::fs::write(&file, "x").unwrap();
    assert_clean_failure(&file.join("inner.yaml"), "inner.yaml");
    // Without read permission (root reads everything, so only as another user).
    let locked = dir.join("locked.yaml");
    std::fs::copy(GOOD, &locked).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_err() {
        assert_clean_failure(&locked, "没有读取权限");
    }
}

#[test]
fn a_file_that_disappears() {
    let dir = scratch("gone");
    // A name that stops pointing anywhere behaves as a file deleted after it was listed.
    std::os::unix::fs::symlink(dir.join("deleted.yaml"), dir.join("gone.yaml")).unwrap();
    assert_clean_failure(&dir.join("gone.yaml"), "gone.yaml");
    // Files deleted while a run is under way: whatever was read is reported, nothing panics.
    for i in 0..400 {
        std::fs::copy(GOOD, dir.join(format!("f{i:03}.yaml"))).unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(["check", "--format", "json", dir.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for i in (0..400).step_by(2) {
        let _ = std::fs::remove_file(dir.join(format!("f{i:03}.yaml")));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(matches!(out.status.code(), Some(0) | Some(2)), "{stderr}");
    for line in stderr.lines() {
        assert!(
            line.contains(".yaml") && line.contains("文件已不存在"),
            "{line}"
        );
    }
}

/// Peak memory of this test process (all tests in this file run in it), in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn hostile_inputs_in_process_stay_under_one_gib() {
    let dir = scratch("inproc");
    let deep = dir.join("deep.yaml");
    std::fs::write(&deep, format!("name: x\ngoals: {}\n", "[".repeat(100_000))).unwrap();
    let big = dir.join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let mut inputs: Vec<jxlint::Input> = std::fs::read_dir("tests/bad")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(jxlint::Input::Path)
        .collect();
    let named = inputs.len();
    inputs.push(jxlint::Input::Path(deep));
    inputs.push(jxlint::Input::Path(big));
    inputs.push(jxlint::Input::Path(GOOD.into()));
    let t = Instant::now();
    let report = jxlint::check(&inputs, &jxlint::Options::default());
    assert!(t.elapsed() < Duration::from_secs(20));
    // Every hostile file, named on the command line, is an error; the good one is checked.
    assert_eq!(
        report.files.iter().filter(|f| f.error.is_some()).count(),
        named + 2
    );
    assert_eq!(report.files.last().unwrap().projects, 1);
    let peak = peak_kib();
    assert!(peak < 1024 * 1024, "peak memory {peak} KiB");
}
