//! The reviewer reports (`jxlint report … -o FILE.xlsx|.html`) and what they are built from:
//! the workbook read back with calamine; the page checked as text (self-contained, escaped)
//! and rendered in a real browser (headless Chromium: a screenshot, the printed PDF's page
//! size, and the rendered DOM, where every finding of the JSON report must sit in the table
//! row of the cell it flags).

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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
    // A finding about the project as a whole (S005 on the first 二级指标, which names no row)
    // quotes no row: it was not that row's doing (trial3 item 15).
    let s005 = findings.iter().find(|r| r[7] == "S005").unwrap();
    assert_eq!(&s005[3..7], ["", "", "", ""]);

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
            stderr(&o)
                .contains("报告的格式由文件扩展名决定：请用 .xlsx（Excel 工作簿）或 .html（网页）"),
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

#[test]
fn a_report_is_never_written_over_an_input_nor_read_by_a_later_walk() {
    let dir = scratch("walk");
    std::fs::copy("fixtures/seed.yaml", dir.join("seed.yaml")).unwrap();
    // Over an input (a web page): refused, even with --force.
    let input = dir.join("two-tables.html");
    std::fs::copy("fixtures/formats/two-tables.html", &input).unwrap();
    let o = jxlint(&["report", s(&input), "-o", s(&input), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("这是本次检查的输入文件"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read("fixtures/formats/two-tables.html").unwrap()
    );
    std::fs::remove_file(&input).unwrap();
    // Into the checked folder with an extension the walk reads: refused without --force.
    let page = dir.join("报告.html");
    let o = jxlint(&["report", s(&dir), "-o", s(&page)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("报告会写进被检查的目录"),
        "{}",
        stderr(&o)
    );
    // `report` writes only .xlsx and .html, both read by a walk: the advice offers no other
    // extension (it once offered .json, which `report` refuses).
    assert!(
        stderr(&o).contains("请写到目录之外，或加 --force") && !stderr(&o).contains(".json"),
        "{}",
        stderr(&o)
    );
    assert!(!page.exists());
    // With --force it is written, and the next walk passes over it as jxlint's own.
    let o = jxlint(&["report", s(&dir), "-o", s(&page), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_of(&[s(&dir)]);
    let files = v["files"].as_array().unwrap();
    let html = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("报告.html"))
        .expect("the page is met by the walk");
    assert_eq!(html["skipped"], "这是 jxlint 生成的检查报告", "{html}");
    assert_eq!(v["summary"]["checked"], 1);
}

// The page, as text.

#[test]
fn the_page_is_self_contained_and_escapes_every_text() {
    let dir = scratch("escape");
    let doc = dir.join("t.yaml");
    std::fs::write(
        &doc,
        "department: \"<b>局</b>\"\nprojects:\n  - name: \"<script>alert('x')</script> & \\\"补贴\\\"\"\n    budget: {total: \"10\"}\n    goals: [\"<img src=x onerror=alert(1)>\"]\n    indicators:\n      - {level1: 产出指标, level2: 数量指标, level3: \"<i>人数</i>\", value: \"≥100\", unit: 人}\n",
    )
    .unwrap();
    let out = dir.join("r.html");
    let o = jxlint(&["report", s(&doc), "-o", s(&out)]);
    assert!(out.exists(), "{}", stderr(&o));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<meta name="generator" content="jxlint">"#));
    for raw in ["<script", "<img", "<b>局", "<i>人数"] {
        assert!(!page.contains(raw), "{raw} unescaped");
    }
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;补贴&quot;")
    );
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Nothing from the network: no external resource, no script, no web font.
    let lower = page.to_lowercase();
    for bad in [
        "http://",
        "https://",
        "<script",
        "<link",
        "@import",
        "url(",
        "@font-face",
        "<iframe",
    ] {
        assert!(!lower.contains(bad), "{bad} in the page");
    }
    assert!(jxlint::report::is_own_report(page.as_bytes()));
}

// The page in a browser.

/// Chromium, or why there is none. `JXLINT_SKIP_BROWSER=1` lets a developer without it skip
/// the browser tests; CI installs it (`.ci/run`), and there a missing browser always fails.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("JXLINT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    // In CI (which installs Chromium) the test never skips.
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
    if !ci && std::env::var("JXLINT_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("chromium not found: browser test skipped (JXLINT_SKIP_BROWSER=1)");
        return None;
    }
    panic!(
        "chromium not found: the HTML report is tested in a real browser. Install Debian's \
         chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk; .ci/run does), \
         point JXLINT_CHROMIUM at a Chromium binary, or set JXLINT_SKIP_BROWSER=1 to skip"
    );
}

/// Run headless Chromium on a page with extra arguments; its stdout. Killed after a minute.
fn headless(chrome: &Path, profile: &Path, page: &Path, extra: &[&str]) -> Vec<u8> {
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.canonicalize().unwrap().display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {extra:?} failed: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {extra:?} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// One table row of the rendered page: the section it is in, its own attributes, its cells
/// (field, classes, the finding numbers marked on them and those marked as related) and its
/// findings (attributes, and the text of their rule-code element).
#[derive(Debug, Default)]
struct Row {
    section: String,
    attrs: BTreeMap<String, String>,
    cells: Vec<DomCell>,
    findings: Vec<(BTreeMap<String, String>, String)>,
}

#[derive(Debug, Default)]
struct DomCell {
    field: String,
    class: String,
    marks: Vec<String>,
    related: Vec<String>,
}

/// The rows of a rendered page, read with html5gum's tokenizer (the page has no nested
/// tables, and Chromium's serialisation closes every element).
fn rows(dom: &str) -> Vec<Row> {
    use html5gum::{Token, Tokenizer};
    let mut rows = Vec::new();
    let mut section = String::new();
    let mut current: Option<Row> = None;
    // What the next text belongs to: a cell's own mark, its related mark, a rule code.
    #[derive(PartialEq)]
    enum Want {
        None,
        Mark,
        RelMark,
        Code,
    }
    let mut want = Want::None;
    for t in Tokenizer::new(dom).flatten() {
        match t {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let attrs: BTreeMap<String, String> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        (
                            String::from_utf8_lossy(k).into_owned(),
                            String::from_utf8_lossy(&v.value).into_owned(),
                        )
                    })
                    .collect();
                let class = attrs.get("class").cloned().unwrap_or_default();
                let classes: Vec<&str> = class.split_whitespace().collect();
                match name.as_str() {
                    "section" => section = attrs.get("id").cloned().unwrap_or_default(),
                    "tr" => {
                        current = Some(Row {
                            section: section.clone(),
                            attrs,
                            ..Row::default()
                        })
                    }
                    "li" if classes.contains(&"finding") => {
                        if let Some(r) = &mut current {
                            r.findings.push((attrs, String::new()));
                        }
                    }
                    "code" if classes.contains(&"rule") => want = Want::Code,
                    "sup" if classes.contains(&"rel-mark") => want = Want::RelMark,
                    "sup" if classes.contains(&"mark") => want = Want::Mark,
                    _ if classes.contains(&"cell") => {
                        if let Some(r) = &mut current {
                            r.cells.push(DomCell {
                                field: attrs.get("data-field").cloned().unwrap_or_default(),
                                class: class.clone(),
                                ..DomCell::default()
                            });
                        }
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) if tag.name == b"tr" => {
                rows.extend(current.take());
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text.value).into_owned();
                if let Some(r) = &mut current {
                    match want {
                        Want::Mark | Want::RelMark => {
                            if let Some(c) = r.cells.last_mut() {
                                let list = if want == Want::Mark {
                                    &mut c.marks
                                } else {
                                    &mut c.related
                                };
                                list.extend(text.split(',').map(str::to_string));
                            }
                        }
                        Want::Code => {
                            if let Some(f) = r.findings.last_mut() {
                                f.1 = text;
                            }
                        }
                        Want::None => {}
                    }
                }
                want = Want::None;
            }
            _ => {}
        }
    }
    rows
}

/// Every finding of the JSON report is in the rendered page, in the table row of the cell it
/// flags, that cell marked with the finding's number; related cells of the same project are
/// marked too. Returns the number of findings checked.
fn every_finding_beside_its_cell(json: &Value, dom: &str) -> usize {
    let rows = rows(dom);
    let files: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let shown: usize = rows.iter().map(|r| r.findings.len()).sum();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(
        shown,
        diagnostics.len(),
        "findings shown vs. in the JSON report"
    );
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut used = std::collections::HashSet::new();
    for d in diagnostics {
        let want = [
            ("data-path", text(&d["path"])),
            ("data-project", text(&d["project_index"])),
            ("data-field", text(&d["field"])),
            ("data-code", text(&d["code"])),
            ("data-line", text(&d["line"])),
            ("data-column", text(&d["column"])),
        ];
        let (ri, fi) = rows
            .iter()
            .enumerate()
            .flat_map(|(ri, r)| {
                r.findings
                    .iter()
                    .enumerate()
                    .map(move |(fi, f)| (ri, fi, f))
            })
            .find(|(ri, fi, (attrs, _))| {
                !used.contains(&(*ri, *fi))
                    && want
                        .iter()
                        .all(|(k, v)| attrs.get(*k).map(String::as_str) == Some(v.as_str()))
            })
            .map(|(ri, fi, _)| (ri, fi))
            .unwrap_or_else(|| panic!("finding not shown: {d}"));
        used.insert((ri, fi));
        let row = &rows[ri];
        let (attrs, code) = &row.findings[fi];
        assert_eq!(code, d["code"].as_str().unwrap(), "the rule code element");
        let n = &attrs["data-n"];
        let Some(project) = d["project_index"].as_u64() else {
            assert_eq!(row.section, "unplaced", "{d}");
            continue;
        };
        let file = files.iter().position(|f| *f == d["path"]).unwrap() + 1;
        let section = format!("f{file}-p{project}");
        assert_eq!(row.section, section, "{d}");
        if let Some(i) = d["indicator_index"].as_u64() {
            assert_eq!(row.attrs["data-row"], i.to_string(), "{d}");
        }
        match d["field"].as_str() {
            // A finding about the project as a whole (没有效益指标 pointing at the first 一级指标)
            // is listed under 项目整体, not beside an indicator row it did not come from.
            Some(_)
                if d["indicator_index"].is_null()
                    && row
                        .attrs
                        .get("class")
                        .is_some_and(|c| c.contains("project-wide")) => {}
            Some(field) => {
                assert!(
                    row.cells.iter().any(|c| c.field == field
                        && c.class.split_whitespace().any(|x| x == "flag")
                        && c.marks.contains(n)),
                    "no flagged {field} cell marked {n} beside {d}: {row:#?}"
                );
            }
            None if d["indicator_index"].is_u64() => {
                assert!(row.attrs["class"].contains("flag-row"), "{d}");
            }
            None => assert!(row.attrs["class"].contains("project-wide"), "{d}"),
        }
        // Related cells in the same project are marked with the same number.
        for r in d["related"].as_array().into_iter().flatten() {
            if r["path"] != d["path"] || r["project_index"] != d["project_index"] {
                continue;
            }
            let (Some(i), Some(field)) = (r["indicator_index"].as_u64(), r["field"].as_str())
            else {
                continue;
            };
            let related = rows
                .iter()
                .find(|x| x.section == section && x.attrs.get("data-row") == Some(&i.to_string()))
                .unwrap_or_else(|| panic!("row {i} of {section}"));
            assert!(
                related
                    .cells
                    .iter()
                    .any(|c| c.field == field && (c.related.contains(n) || c.marks.contains(n))),
                "related {field} cell of row {i} not marked {n}: {d}"
            );
        }
    }
    diagnostics.len()
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

/// A 1280 × 2400 screenshot of the page, kept for a person to look at (under
/// target/tmp/report-screenshots): its path and bytes, checked to be a PNG of that size.
fn screenshot(chrome: &Path, profile: &Path, page: &Path, name: &str) -> (PathBuf, Vec<u8>) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join(name);
    let _ = std::fs::remove_file(&png);
    headless(
        chrome,
        profile,
        page,
        &[
            "--window-size=1280,2400",
            &format!("--screenshot={}", png.display()),
        ],
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(png_size(&bytes), (1280, 2400));
    (png, bytes)
}

#[test]
fn the_seed_page_renders_in_chromium_with_every_finding_beside_its_cell() {
    let Some(chrome) = chromium() else { return };
    let start = Instant::now();
    let dir = scratch("browser");
    let page = dir.join("seed.html");
    report(&["fixtures/seed.yaml"], &page);
    let json = json_of(&["fixtures/seed.yaml"]);
    let profile = dir.join("profile");

    // A screenshot: a real PNG of the window's size, with something drawn.
    let (png, bytes) = screenshot(&chrome, &profile, &page, "seed.png");
    assert!(
        bytes.len() > 50_000,
        "an almost empty screenshot: {} bytes",
        bytes.len()
    );

    // Printed: A4 landscape pages (842 × 595 pt), several of them (a project per page).
    let pdf_path = dir.join("seed.pdf");
    headless(
        &chrome,
        &profile,
        &page,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf_path.display()),
        ],
    );
    let pdf = std::fs::read(&pdf_path).expect("PDF written");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox")
        .map(|(i, _)| &text[i..i + 40])
        .collect();
    assert!(
        boxes.len() >= 7,
        "a page per project and the summary: {boxes:?}"
    );
    for b in &boxes {
        let nums: Vec<f64> = b["/MediaBox".len()..]
            .trim_start_matches([' ', '['])
            .split([' ', ']'])
            .take(4)
            .map(|x| x.parse().unwrap())
            .collect();
        assert!(
            (nums[2] - 841.9).abs() < 2.0 && (nums[3] - 595.3).abs() < 2.0,
            "{b}"
        );
    }

    // The rendered DOM: every finding beside its cell.
    let dom = String::from_utf8(headless(&chrome, &profile, &page, &["--dump-dom"])).unwrap();
    assert!(dom.contains("绩效目标表检查报告"));
    let n = every_finding_beside_its_cell(&json, &dom);
    assert_eq!(n, json["diagnostics"].as_array().unwrap().len());
    assert!(n > 50);
    eprintln!(
        "browser test: {n} findings checked in the rendered page, screenshot {} ({:.1} s)",
        png.display(),
        start.elapsed().as_secs_f64()
    );
}

#[test]
fn a_page_of_several_files_and_formats_renders_with_every_finding_beside_its_cell() {
    let Some(chrome) = chromium() else { return };
    let dir = scratch("browser-many");
    let page = dir.join("many.html");
    // Text and YAML twins (so copies across files relate cells of other files), a web page
    // of two tables (cells named by table, row and column), and an unreadable file.
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "projects: [\n").unwrap();
    let inputs = [
        "fixtures/seed.txt",
        "fixtures/seed.yaml",
        "fixtures/formats/two-tables.html",
        s(&broken),
    ];
    let mut args = vec!["report"];
    args.extend(inputs);
    args.extend(["-o", s(&page)]);
    let o = jxlint(&args);
    // An unreadable input: exit 2, and the page still written, naming it.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let json = json_of(&inputs);
    let profile = dir.join("profile");
    screenshot(&chrome, &profile, &page, "several-files.png");
    let dom = String::from_utf8(headless(&chrome, &profile, &page, &["--dump-dom"])).unwrap();
    assert!(dom.contains("broken.yaml") && dom.contains("无法读取"));
    let n = every_finding_beside_its_cell(&json, &dom);
    assert!(n > 100, "{n}");
}

/// A scratch folder holding a folder 申报材料 of the seed beside three files that are not
/// checked: an unsupported .wps, an empty .yaml (no target table) and a truncated .xlsx.
fn unchecked_folder(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let input = dir.join("申报材料");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy("fixtures/seed.yaml", input.join("seed.yaml")).unwrap();
    std::fs::write(input.join("旧表.wps"), b"\xD0\xCF\x11\xE0 wps").unwrap();
    std::fs::write(input.join("空.yaml"), "").unwrap();
    std::fs::write(input.join("截断.xlsx"), b"PK\x03\x04 truncated").unwrap();
    (dir, input)
}

/// Files that were not checked — one that cannot be read, one of an unsupported format, one that
/// is no target table — are named in the workbook's sheet 未检查的文件 with the reason, as the
/// page names them; a folder of only such files still gets them (exit code 2).
#[test]
fn the_workbook_names_the_files_it_did_not_check() {
    let (dir, input) = unchecked_folder("unchecked");
    let out = dir.join("r.xlsx");
    let o = jxlint(&["report", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(std::fs::read(&out).unwrap())).unwrap();
    assert_eq!(wb.sheet_names(), ["汇总", "问题", "规则", "未检查的文件"]);
    let path = |name: &str| input.join(name).to_string_lossy().into_owned();
    assert_eq!(
        sheet(&mut wb, "未检查的文件"),
        [
            vec!["文件".to_string(), "情况".into(), "原因".into()],
            vec![path("截断.xlsx"), "无法读取".into(), BROKEN.into()],
            vec![path("旧表.wps"), "暂不支持".into(), WPS.into()],
            vec![path("空.yaml"), "跳过：不是绩效目标表".into(), EMPTY.into()],
        ]
    );
    // 汇总 has a row for the unread file, the unsupported one and the one passed over (not a
    // target document) besides the six projects: every file of the run is on it.
    let summary = sheet(&mut wb, "汇总");
    let unread: Vec<(&str, &str, &str)> = summary[1..]
        .iter()
        .filter(|r| r[2] == "（未能检查）")
        .map(|r| (r[0].as_str(), r[4].as_str(), r[8].as_str()))
        .collect();
    let (broken, wps, empty) = (path("截断.xlsx"), path("旧表.wps"), path("空.yaml"));
    let skipped = format!("不是绩效目标表：{EMPTY}");
    assert_eq!(
        unread,
        [
            (broken.as_str(), "无法读取", BROKEN),
            (wps.as_str(), "暂不支持", WPS),
            (empty.as_str(), "跳过", skipped.as_str())
        ]
    );

    // Only an unsupported file: the workbook is still written and names it.
    let only = dir.join("onlywps");
    std::fs::create_dir_all(&only).unwrap();
    std::fs::write(only.join("旧表.wps"), b"\xD0\xCF\x11\xE0 wps").unwrap();
    let out = dir.join("onlywps.xlsx");
    let o = jxlint(&["report", s(&only), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(std::fs::read(&out).unwrap())).unwrap();
    let wps = only.join("旧表.wps").to_string_lossy().into_owned();
    assert_eq!(
        sheet(&mut wb, "未检查的文件")[1..],
        [vec![wps, "暂不支持".to_string(), WPS.into()]]
    );
}

/// The page names every file it did not check — one that cannot be read, one of an unsupported
/// format, one that is no target table — with what happened and the reason, in Chinese, as the
/// workbook's sheet 未检查的文件 does (the page only counted the skipped one before).
#[test]
fn the_page_names_the_files_it_did_not_check() {
    let (dir, input) = unchecked_folder("unchecked-html");
    let out = dir.join("r.html");
    let o = jxlint(&["report", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let page = std::fs::read_to_string(&out).unwrap();
    let section = page
        .split("<section id=\"unchecked\">")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("no section of unchecked files:\n{page}"));
    assert!(
        section.contains("<h2>未检查的文件（3 个）</h2>"),
        "{section}"
    );
    let rows: Vec<Vec<String>> = section
        .split("<tr class=\"file-problem\"")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let text = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
                    // The 情况 cell wraps its text in a coloured span.
                    let text = text
                        .strip_prefix("<span")
                        .map(|t| &t[t.find('>').unwrap() + 1..t.find("</span>").unwrap()])
                        .unwrap_or(text);
                    text.to_string()
                })
                .collect()
        })
        .collect();
    let path = |name: &str| input.join(name).to_string_lossy().into_owned();
    assert_eq!(
        rows,
        [
            vec![path("截断.xlsx"), "无法读取".into(), BROKEN.into()],
            vec![path("旧表.wps"), "暂不支持".into(), WPS.into()],
            vec![path("空.yaml"), "跳过：不是绩效目标表".into(), EMPTY.into()],
        ]
    );
    // A folder with nothing left unchecked has no such section.
    let clean = dir.join("clean");
    std::fs::create_dir_all(&clean).unwrap();
    std::fs::copy("fixtures/seed.yaml", clean.join("seed.yaml")).unwrap();
    let out = dir.join("clean.html");
    let o = jxlint(&["report", s(&clean), "-o", s(&out)]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(!page.contains("id=\"unchecked\""));
}

const BROKEN: &str = "不是有效的 .xlsx 文件（压缩包已损坏或不完整，可能是下载或复制时被截断）";
const WPS: &str = "暂不支持 .wps 文件：请另存为 .docx、.xlsx、.txt 或写成 YAML 目标文档后再检查";
const EMPTY: &str = "文件为空，不是目标文档";
