//! Helpers the CLI tests share (each test crate uses some of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Run the built jxlint in `dir`.
pub fn jxlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run jxlint")
}

/// An empty folder of this test process: `jxlint-{prefix}-{pid}-{name}` under the temp dir.
pub fn scratch(prefix: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jxlint-{prefix}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The JSON report on stdout (a failure shows stdout and stderr).
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "stdout is not JSON: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The document the reader makes of a file, its format taken from the extension (a read error
/// fails the test, naming the file).
pub fn read_doc(path: &Path) -> jxlint::model::Document {
    let bytes = std::fs::read(path).unwrap();
    jxlint::read::read(
        &bytes,
        &path.to_string_lossy(),
        jxlint::read::format_for_path(path),
    )
    .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message))
    .doc
}

/// A cell's trimmed text, "" when the field is absent.
pub fn cell_text(f: &Option<jxlint::model::Field>) -> String {
    f.as_ref()
        .map(|f| f.trimmed().to_string())
        .unwrap_or_default()
}

/// The rows of a sheet of an .xlsx workbook (a report), each cell as text ("" when empty).
pub fn xlsx_sheet(bytes: Vec<u8>, name: &str) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
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

/// The findings of `check` on one file, in the report's order: (code, cell location as a table
/// format names it — “表1 第4行 第2列”, empty for text and YAML —, message). A read error fails
/// the test, naming the file.
#[allow(dead_code)]
pub fn findings_at(path: &Path) -> Vec<(String, String, String)> {
    let report = jxlint::check(
        &[jxlint::Input::Path(path.to_path_buf())],
        &jxlint::Options::default(),
    );
    assert!(
        !report.has_errors_reading(),
        "{}: {:?}",
        path.display(),
        report.files
    );
    report
        .diagnostics
        .iter()
        .map(|d| {
            let at = d
                .location
                .cell
                .as_ref()
                .map(|c| c.label())
                .unwrap_or_default();
            (d.code.to_string(), at, d.message.clone())
        })
        .collect()
}
