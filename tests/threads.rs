//! The report does not depend on the thread count: the same folder checked with one thread and
//! with several gives the same bytes, in the JSON and the human format (and the same exit code
//! and stderr). The folder is a small corpus from the benchmark's generator (copied rows across
//! files and projects for R003, every defect family) plus the bundled fixtures.

use std::path::Path;
use std::process::{Command, Output};

#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

fn check(dir: &Path, format: &str, threads: &str, env_threads: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jxlint"));
    c.args(["check", "--format", format, "--color", "never"]);
    if !threads.is_empty() {
        c.args(["--threads", threads]);
    }
    c.arg(dir).env_remove("JXLINT_THREADS");
    if let Some(t) = env_threads {
        c.env("JXLINT_THREADS", t);
    }
    c.output().unwrap()
}

#[test]
fn one_thread_and_many_give_the_same_bytes() {
    let dir = std::env::temp_dir().join(format!("jxlint-threads-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let w = gen_corpus::generate(120, 20, 7, &dir.join("gen")).unwrap();
    assert_eq!((w.files, w.projects), (6, 120));
    // Files that fail, files passed over, and another format among them.
    std::fs::write(dir.join("broken.yaml"), "projects: [\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "没有目标表\n").unwrap();
    std::fs::copy("fixtures/seed.txt", dir.join("seed.txt")).unwrap();
    // (format, the other thread settings: --threads, JXLINT_THREADS)
    type Others<'a> = &'a [(&'a str, Option<&'a str>)];
    let runs: [(&str, Others); 2] = [
        ("json", &[("4", None), ("", Some("3"))]),
        ("human", &[("0", None)]),
    ];
    for (format, others) in runs {
        let one = check(&dir, format, "1", None);
        assert_eq!(one.status.code(), Some(2), "{format}");
        assert!(one.stdout.len() > 10_000, "{format}");
        for &(threads, env) in others {
            let many = check(&dir, format, threads, env);
            assert_eq!(
                many.status.code(),
                one.status.code(),
                "{format} {threads} {env:?}"
            );
            assert!(
                many.stdout == one.stdout,
                "--format {format}: --threads {threads:?} JXLINT_THREADS {env:?} differs from one thread"
            );
            assert_eq!(many.stderr, one.stderr, "{format} {threads} {env:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_thread_count_is_a_usage_error() {
    let dir = Path::new("fixtures/good");
    let out = check(dir, "concise", "", Some("很多"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("JXLINT_THREADS") && err.contains("线程数"),
        "{err}"
    );
    let out = check(dir, "concise", "x", None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threads"));
}

/// The report's order without a global sort (each file's findings sorted on its worker, files
/// taken in path order, R003's findings merged into their files): always the order of
/// `Diagnostic::sort_key`, also when files are given out of path order, when the same file is
/// given twice (two runs with one path, interleaved by line) and with copies across files.
#[test]
fn findings_come_in_report_order() {
    let dir = std::env::temp_dir().join(format!("jxlint-order-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    gen_corpus::generate(60, 20, 3, &dir).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.reverse();
    let twice = files[0].clone();
    files.push(twice);
    let inputs: Vec<jxlint::Input> = files.into_iter().map(jxlint::Input::Path).collect();
    let report = jxlint::check(&inputs, &jxlint::Options::default());
    let ds = &report.diagnostics;
    assert!(ds.iter().any(|d| d.code == "R003"), "copies across files");
    assert!(ds.len() > 100);
    for w in ds.windows(2) {
        assert!(
            w[0].sort_key() <= w[1].sort_key(),
            "{}:{} {} before {}:{} {}",
            w[0].path,
            w[0].location.line,
            w[0].code,
            w[1].path,
            w[1].location.line,
            w[1].code
        );
    }
    // The file given twice: its own findings twice (R003 reports a copy once, at its first).
    let own = |f: usize| {
        ds.iter()
            .filter(|d| d.file == f && d.code != "R003")
            .count()
    };
    assert!(own(0) > 0);
    assert_eq!(own(3), own(0));
    let _ = std::fs::remove_dir_all(&dir);
}
