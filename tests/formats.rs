//! Every table format reads as its YAML twin: the fixtures of `fixtures/formats/` (built by
//! `scripts/gen-format-fixtures.py`, see its README) through their readers and the form
//! recogniser give the same projects, cell texts and columns as the twin documents, and the
//! seed in every format gives the findings of `fixtures/seed.txt`.

use std::collections::BTreeSet;
use std::path::Path;

use jxlint::model::{Document, Field, Project};
use jxlint::{Input, Options};

/// (fixture, twin) pairs.
const PAIRS: &[(&str, &str)] = &[
    ("seed.docx", "../seed.yaml"),
    ("seed.doc", "../seed.yaml"),
    ("seed.html", "../seed.yaml"),
    ("seed.xlsx", "../seed.yaml"),
    ("seed.pdf", "../seed.yaml"),
    ("split-columns.docx", "split-columns.yaml"),
    ("per-sheet.xlsx", "per-sheet.yaml"),
    ("per-sheet.xls", "per-sheet.yaml"),
    ("per-sheet.ods", "per-sheet.yaml"),
    ("stacked.xlsx", "stacked.yaml"),
    ("two-tables.html", "two-tables.yaml"),
    ("two-tables.docx", "two-tables.yaml"),
    ("mid-term.html", "mid-term.yaml"),
    ("mid-term.xlsx", "mid-term.yaml"),
    ("long-table.docx", "long-table.yaml"),
    ("long-table.pdf", "long-table.yaml"),
];

fn read(path: &Path) -> Result<Document, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let format = jxlint::read::format_for_path(path);
    jxlint::read::read(&bytes, &path.to_string_lossy(), format)
        .map(|l| l.doc)
        .map_err(|e| e.message)
}

fn t(f: &Option<Field>) -> Option<String> {
    f.as_ref().map(|f| f.trimmed().to_string())
}

/// The project as comparable lines.
fn lines(p: &Project) -> Vec<String> {
    let mut out = vec![
        format!("name {:?}", t(&p.name)),
        format!("code {:?}", t(&p.code)),
        format!(
            "budget {:?} {:?} {:?}",
            t(&p.budget.total),
            t(&p.budget.fiscal),
            t(&p.budget.other)
        ),
    ];
    if let Some(s) = &p.schedule {
        for q in &s.periods {
            out.push(format!(
                "schedule {:?} {:?}",
                q.label.trimmed(),
                q.value.trimmed()
            ));
        }
    }
    if let Some(g) = &p.goals {
        for l in g.lines.iter().filter(|l| !l.is_blank()) {
            out.push(format!("goal {:?}", l.trimmed()));
        }
    }
    out.push(format!(
        "columns unit={} basis={}",
        p.has_unit_column, p.has_basis_column
    ));
    for (k, i) in p.indicators.iter().enumerate() {
        let mut row = format!("row {}", k + 1);
        for (kind, f) in i.cells() {
            use jxlint::model::FieldKind::*;
            // unit and basis only where the table has the column.
            if (kind == Unit && !p.has_unit_column) || (kind == Basis && !p.has_basis_column) {
                continue;
            }
            row.push_str(&format!(
                " {}={:?}",
                kind.as_str(),
                t(f).unwrap_or_default()
            ));
        }
        out.push(row);
    }
    out
}

fn doc_lines(d: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in d.projects.iter().enumerate() {
        for l in lines(p) {
            out.push(format!("P{} {l}", i + 1));
        }
    }
    out
}

#[test]
fn every_format_reads_as_its_twin() {
    let dir = Path::new("fixtures/formats");
    let mut failures = Vec::new();
    for (fixture, twin) in PAIRS {
        let f = dir.join(fixture);
        // .doc goes through LibreOffice, which CI does not install (its absence is tested to
        // give a clear error instead).
        if fixture.ends_with(".doc") && !jxlint::read::external::available("soffice") {
            println!("{fixture}: skipped, LibreOffice (soffice) is not installed");
            continue;
        }
        let want = read(&dir.join(twin)).expect("twin reads");
        let got = match read(&f) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{fixture}: {e}"));
                continue;
            }
        };
        let (g, w) = (doc_lines(&got), doc_lines(&want));
        if g != w {
            let gs: BTreeSet<&String> = g.iter().collect();
            let ws: BTreeSet<&String> = w.iter().collect();
            let missing: Vec<&&String> = ws.difference(&gs).take(6).collect();
            let extra: Vec<&&String> = gs.difference(&ws).take(6).collect();
            failures.push(format!(
                "{fixture}: {} projects (twin {}); missing {missing:#?}; extra {extra:#?}",
                got.projects.len(),
                want.projects.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (code, project, row) of every finding, without the document-wide D rules.
fn findings(path: &str) -> Vec<(String, usize, Option<usize>)> {
    let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
    assert!(!report.has_errors_reading(), "{path}: {:?}", report.files);
    let mut v: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !d.code.starts_with('D'))
        .map(|d| (d.code.to_string(), d.project_index, d.indicator_index))
        .collect();
    v.sort();
    v
}

#[test]
fn the_seed_in_every_format_gives_the_findings_of_its_text() {
    let want = findings("fixtures/seed.txt");
    let mut failures = Vec::new();
    for f in ["seed.docx", "seed.html", "seed.xlsx", "seed.pdf"] {
        let path = format!("fixtures/formats/{f}");
        if jxlint::read::format_for_path(Path::new(&path)).is_none() {
            failures.push(format!("{f}: no reader"));
            continue;
        }
        let got = findings(&path);
        if got != want {
            let missing: Vec<_> = want.iter().filter(|x| !got.contains(x)).collect();
            let extra: Vec<_> = got.iter().filter(|x| !want.contains(x)).collect();
            failures.push(format!("{f}: missing {missing:?}, extra {extra:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn jxlint_cmd() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_jxlint"))
}

/// `extract` of every fixture equals its twin, and checking the extract gives the findings of
/// checking the original.
#[test]
fn extract_of_every_format_equals_its_twin_and_keeps_the_findings() {
    let dir = Path::new("fixtures/formats");
    let out_dir = std::env::temp_dir().join(format!("jxlint-extract-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut failures = Vec::new();
    for (k, (fixture, twin)) in PAIRS.iter().enumerate() {
        if fixture.ends_with(".doc") && !jxlint::read::external::available("soffice") {
            continue;
        }
        let f = dir.join(fixture);
        let out = jxlint_cmd().arg("extract").arg(&f).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{fixture}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let yaml = out_dir.join(format!("{k}.yaml"));
        std::fs::write(&yaml, &out.stdout).unwrap();
        let (got, want) = (read(&yaml).unwrap(), read(&dir.join(twin)).unwrap());
        if doc_lines(&got) != doc_lines(&want) {
            failures.push(format!("{fixture}: extract differs from {twin}"));
        }
        let (a, b) = (
            findings(f.to_str().unwrap()),
            findings(yaml.to_str().unwrap()),
        );
        if a != b {
            let missing: Vec<_> = a.iter().filter(|x| !b.contains(x)).collect();
            let extra: Vec<_> = b.iter().filter(|x| !a.contains(x)).collect();
            failures.push(format!(
                "{fixture}: extract findings differ: missing {missing:?}, extra {extra:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A reviewer's folder: every fixture, a damaged .docx, a scanned PDF, a PDF of prose and a
/// .doc with LibreOffice missing, in one run: findings for every good file, one clear error line
/// for each bad one, the prose PDF skipped and counted, exit 2.
#[test]
fn a_folder_of_everything_a_reviewer_receives() {
    let work = std::env::temp_dir().join(format!("jxlint-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let folder = work.join("收到的材料");
    std::fs::create_dir_all(&folder).unwrap();
    let src = Path::new("fixtures/formats");
    let mut good = Vec::new();
    for e in std::fs::read_dir(src).unwrap() {
        let p = e.unwrap().path();
        let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
        if p.is_file() && ext != "md" && ext != "yaml" {
            std::fs::copy(&p, folder.join(p.file_name().unwrap())).unwrap();
            if ext != "doc" {
                good.push(p.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    for bad in ["damaged.docx", "scan.pdf", "prose.pdf"] {
        std::fs::copy(src.join("bad").join(bad), folder.join(bad)).unwrap();
    }
    // PATH with poppler's tools but no LibreOffice.
    let bin = work.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for tool in ["pdftotext", "pdftocairo"] {
        let which = jxlint_cmd_which(tool);
        std::os::unix::fs::symlink(which, bin.join(tool)).unwrap();
    }
    let out = jxlint_cmd()
        .args(["check", "--format", "json"])
        .arg(&folder)
        .env("PATH", &bin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    // Three files that could not be read, and the prose PDF, skipped as no target table, named
    // as not checked.
    assert_eq!(lines.len(), 4, "{err}");
    assert_eq!(
        lines[3],
        format!(
            "jxlint: 未检查：{}: 跳过（不是绩效目标表）：没有找到绩效目标表（需要有“项目名称”和“一级指标…指标值”表头的表格）",
            folder.join("prose.pdf").display()
        )
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("damaged.docx: 不是有效的 .docx 文件")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("scan.pdf: 扫描件，无文字层")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("seed.doc:") && l.contains("libreoffice-writer-nogui")),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    for name in &good {
        let f = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name.as_str()))
            .unwrap_or_else(|| panic!("{name} not in the report"));
        assert!(f["projects"].as_u64().unwrap() > 0, "{name}: {f}");
    }
    let prose = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("prose.pdf"))
        .unwrap();
    assert!(prose["skipped"].is_string(), "{prose}");
    assert_eq!(v["summary"]["skipped"], 1);
    assert!(!v["diagnostics"].as_array().unwrap().is_empty());
}

fn jxlint_cmd_which(tool: &str) -> std::path::PathBuf {
    let path = std::env::var_os("PATH").unwrap();
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{tool} is needed (Debian package poppler-utils)"))
}

/// A page read as the file `name` (its reader chosen by the extension).
fn page_doc(name: &str, page: &str) -> Document {
    jxlint::read::read(
        page.as_bytes(),
        name,
        jxlint::read::format_for_path(Path::new(name)),
    )
    .map(|l| l.doc)
    .unwrap()
}

/// A page written into a fresh scratch folder of this test process, and the JSON report of
/// `check` on it (with `args` before the path).
fn checked_page(
    folder: &str,
    name: &str,
    page: &str,
    args: &[&str],
) -> (std::path::PathBuf, serde_json::Value) {
    let dir = std::env::temp_dir().join(format!("jxlint-{folder}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, page).unwrap();
    let out = jxlint_cmd()
        .args(["check", "--format", "json"])
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    (path, serde_json::from_slice(&out.stdout).unwrap())
}

/// A workbook (or page) of one project per table, each table naming its own 主管部门: the first
/// names the document's department, a later one that names another keeps its own — in the
/// JSON summary, in `extract`, and where `suggest` places the project (a road project filed by
/// 交通运输局 is not placed in 社会保障 because the first sheet was 人社局's).
#[test]
fn each_table_keeps_its_own_department() {
    let table = |name: &str, dept: &str, rows: &str| {
        format!(
            "<table>\
             <tr><td>项目名称</td><td>{name}</td></tr>\
             <tr><td>主管部门</td><td>{dept}</td></tr>\
             <tr><td>年度资金总额</td><td>680.00</td></tr>\
             <tr><td>年度绩效目标</td><td>完成年度任务。</td></tr>\
             <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
             {rows}</table>"
        )
    };
    let page = format!(
        "<html><body>{}{}</body></html>",
        table(
            "2025年城乡居民基础养老金县级补助",
            "某县人力资源和社会保障局",
            "<tr><td>产出指标</td><td>数量指标</td><td>基础养老金发放人数</td><td>≥3.2万人</td></tr>"
        ),
        table(
            "2025年农村公路日常养护",
            "某县交通运输局",
            "<tr><td>产出指标</td><td>数量指标</td><td>农村公路日常养护里程</td><td>≥860公里</td></tr>"
        ),
    );
    let doc = page_doc("两个项目.html", &page);
    assert_eq!(
        t(&doc.department).as_deref(),
        Some("某县人力资源和社会保障局")
    );
    let depts: Vec<_> = doc.projects.iter().map(|p| t(&p.department)).collect();
    assert_eq!(depts, [None, Some("某县交通运输局".to_string())]);

    let (path, report) = checked_page("departments", "两个项目.html", &page, &[]);
    let summary: Vec<_> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["department"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(summary, ["某县人力资源和社会保障局", "某县交通运输局"]);
    let out = jxlint_cmd().arg("extract").arg(&path).output().unwrap();
    let yaml = String::from_utf8(out.stdout).unwrap();
    assert!(
        yaml.contains("\ndepartment: \"某县人力资源和社会保障局\"\n"),
        "{yaml}"
    );
    assert_eq!(
        yaml.matches("    department: \"某县交通运输局\"\n").count(),
        1,
        "{yaml}"
    );
    let out = jxlint_cmd().arg("suggest").arg(&path).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("项目 2：2025年农村公路日常养护（交通运输）\n"),
        "{text}"
    );
    assert!(
        text.contains("项目 1：2025年城乡居民基础养老金县级补助（社会保障和就业）\n"),
        "{text}"
    );
}

/// A Guangdong 批复表 (written after the layout of 东莞市 2019): the department as
/// “预算单位：…” under a year line, the year's budget as 本年度申请市财政预算资金, the goals under
/// “中期滚动目标 | 年度目标” in the row below their labels, and the indicators in two blocks side
/// by side — the medium term's, then the year's (二级 | 三级 | 计划指标值). The year's cells are
/// read; a tolerance “±3%以内” is a value (≤ 3%).
#[test]
fn a_medium_term_and_annual_approval_table_is_read_by_its_annual_block() {
    let page = "<html><body><table>\
        <tr><td colspan=\"9\">某市财政项目支出绩效目标批复表</td></tr>\
        <tr><td colspan=\"9\">（ 2025 年度）</td></tr>\
        <tr><td colspan=\"9\">预算单位：某市交通运输局</td></tr>\
        <tr><td>项目名称</td><td colspan=\"2\">镇际道路升级改造工程</td><td colspan=\"2\">中期市财政预算（万元）</td><td>5000.00</td>\
            <td colspan=\"2\">本年度申请市财政预算资金（万元）</td><td>800.00</td></tr>\
        <tr><td rowspan=\"2\">总体目标</td><td colspan=\"4\">中期滚动目标（2025年--2027年）</td><td colspan=\"4\">年度目标</td></tr>\
        <tr><td colspan=\"4\">改造道路30公里。</td><td colspan=\"4\">完成镇际道路改造12公里。</td></tr>\
        <tr><td rowspan=\"3\">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值（或计划水平）</td>\
            <td>二级指标</td><td>三级指标</td><td colspan=\"2\">计划指标值（或计划水平）</td></tr>\
        <tr><td rowspan=\"2\">产出指标</td><td>数量指标</td><td>道路改造里程</td><td>30公里</td><td>数量指标</td><td>道路改造里程</td><td colspan=\"2\">12公里</td></tr>\
        <tr><td>质量指标</td><td>工程结算误差率</td><td>±5%以内</td><td>质量指标</td><td>工程结算误差率</td><td colspan=\"2\">±3%以内</td></tr>\
        </table></body></html>";
    let doc = page_doc("批复表.html", page);
    assert_eq!(t(&doc.department).as_deref(), Some("某市交通运输局"));
    let p = &doc.projects[0];
    assert_eq!(t(&p.budget.total).as_deref(), Some("800.00"));
    let goals: Vec<_> = p
        .goals
        .iter()
        .flat_map(|g| &g.lines)
        .map(|l| l.trimmed())
        .collect();
    assert_eq!(goals, ["完成镇际道路改造12公里。"]);
    let rows: Vec<_> = p
        .indicators
        .iter()
        .map(|i| (t(&i.level3).unwrap(), t(&i.value).unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            ("道路改造里程".to_string(), "12公里".to_string()),
            ("工程结算误差率".to_string(), "±3%以内".to_string())
        ]
    );
    // No C001 (budget and goals are read) and no V007 on the tolerance.
    let (_, report) = checked_page("approval", "批复表.html", page, &["--select", "C,V"]);
    let codes: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.is_empty(), "{codes:?}");
}

/// A web page saved as .xls/.xlsx (budget systems export their tables so) is read as the page
/// it is, with the findings of the same page as .html, each located in the file as named; a
/// UTF-16 page with a byte-order mark too.
#[test]
fn a_web_page_named_as_a_spreadsheet_is_read_as_html() {
    let dir = std::env::temp_dir().join(format!("jxlint-formats-{}-webxls", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let html = std::fs::read("fixtures/formats/seed.html").unwrap();
    let located = |path: &Path| -> Vec<(String, String, String)> {
        let report = jxlint::check(&[Input::Path(path.into())], &Options::default());
        assert!(!report.has_errors_reading(), "{path:?}: {:?}", report.files);
        report
            .diagnostics
            .iter()
            .map(|d| {
                let cell = d
                    .location
                    .cell
                    .as_ref()
                    .map(|c| c.label())
                    .unwrap_or_default();
                (d.code.to_string(), d.path.to_string(), cell)
            })
            .collect()
    };
    let want = located(Path::new("fixtures/formats/seed.html"));
    assert!(want.len() > 50, "{}", want.len());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in String::from_utf8(html.clone()).unwrap().encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let mut padded = b"\xEF\xBB\xBF \r\n".to_vec();
    padded.extend(&html);
    for (name, bytes) in [
        ("网页.xls", &html),
        ("网页.xlsx", &padded),
        ("网页16.xls", &utf16),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let got = located(&path);
        let shown = path.to_string_lossy().to_string();
        let want: Vec<_> = want
            .iter()
            .map(|(c, _, cell)| (c.clone(), shown.clone(), cell.clone()))
            .collect();
        assert_eq!(got, want, "{name}");
    }
    // Bytes that are neither a workbook nor a page are still refused, naming the extension.
    let path = dir.join("乱码.xls");
    std::fs::write(&path, "项目名称 绩效目标").unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let err =
        jxlint::read::read(&bytes, "乱码.xls", jxlint::read::format_for_path(&path)).unwrap_err();
    assert!(
        err.message.starts_with("不是有效的 .xls 文件"),
        "{}",
        err.message
    );
}

/// The department in a table's preamble: after its label in the next cell, after a colon up to
/// a wide gap before the next label, never the label itself or a year line.
#[test]
fn the_preamble_names_the_department_not_its_label() {
    let department = |preamble: &str| {
        let page = format!(
            "<table>{preamble}\
             <tr><td>项目名称</td><td>城乡居民基础养老金县级补助</td></tr>\
             <tr><td>年度资金总额</td><td>680.00</td></tr>\
             <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
             <tr><td>产出指标</td><td>数量指标</td><td>发放人数</td><td>≥3.2万人</td></tr></table>"
        );
        let doc = page_doc("表.html", &page);
        t(&doc.department)
    };
    let want = Some("某县人力资源和社会保障局".to_string());
    assert_eq!(
        department("<tr><td>填报单位：</td><td>某县人力资源和社会保障局</td></tr>"),
        want
    );
    assert_eq!(
        department("<tr><td>填报单位</td><td>某县人力资源和社会保障局</td></tr>"),
        want
    );
    assert_eq!(
        department(
            "<tr><td>填报单位：某县人力资源和社会保障局　　　填报日期：2024年3月1日</td></tr>"
        ),
        want
    );
    assert_eq!(
        department(
            "<tr><td>（2024年度）</td></tr><tr><td>预算单位：某县人力资源和社会保障局</td></tr>"
        ),
        want
    );
    assert_eq!(
        department("<tr><td>填报单位（盖章）：</td><td>填报日期：2024年3月1日</td></tr>"),
        None
    );
}

/// A file whose content is plainly of another format than its name says (an .xlsx renamed .pdf,
/// a web page saved as .docx or .yaml, a PDF named .xlsx), and a table piped to standard input
/// with no format given, are read as what they are: the findings of the original, at the same
/// cells. Text and YAML on standard input are read as before.
#[test]
fn a_file_is_read_as_what_its_content_is_whatever_its_name() {
    let dir = std::env::temp_dir().join(format!("jxlint-formats-{}-renamed", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let located = |input: Input| -> Vec<(String, Option<usize>, Option<usize>, String)> {
        let report = jxlint::check(&[input], &Options::default());
        assert!(!report.has_errors_reading(), "{:?}", report.files);
        assert_eq!(report.files.len(), 1);
        report
            .diagnostics
            .iter()
            .map(|d| {
                let cell = d.location.cell.as_ref().map(|c| c.label());
                (
                    d.code.to_string(),
                    Some(d.project_index),
                    d.indicator_index,
                    cell.unwrap_or_default(),
                )
            })
            .collect()
    };
    let original = |f: &str| located(Input::Path(Path::new("fixtures/formats").join(f)));
    for (fixture, renamed) in [
        ("seed.xlsx", "表.pdf"),
        ("seed.html", "表.docx"),
        ("seed.html", "表.yaml"),
        ("seed.pdf", "表.xlsx"),
        ("seed.docx", "表.xls"),
        ("per-sheet.ods", "表.docx"),
    ] {
        let want = original(fixture);
        assert!(want.len() > 5, "{fixture}: {}", want.len());
        let path = dir.join(renamed);
        std::fs::copy(Path::new("fixtures/formats").join(fixture), &path).unwrap();
        assert_eq!(
            located(Input::Path(path.clone())),
            want,
            "{fixture} as {renamed}"
        );
        // Nothing is written to an input file.
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(Path::new("fixtures/formats").join(fixture)).unwrap()
        );
    }
    for fixture in ["seed.html", "seed.xlsx", "seed.docx", "per-sheet.ods"] {
        let bytes = std::fs::read(Path::new("fixtures/formats").join(fixture)).unwrap();
        assert_eq!(
            located(Input::Stdin {
                text: bytes,
                format: None
            }),
            original(fixture),
            "{fixture} on standard input"
        );
    }
    for (fixture, twin) in [
        ("../seed.txt", "../seed.txt"),
        ("../seed.yaml", "../seed.yaml"),
    ] {
        let bytes = std::fs::read(Path::new("fixtures/formats").join(fixture)).unwrap();
        assert_eq!(
            located(Input::Stdin {
                text: bytes,
                format: None
            }),
            original(twin),
            "{fixture} on standard input"
        );
    }
    // On the command line: a web page piped in is checked as one (it used to be read as YAML).
    let page = std::fs::read("fixtures/formats/seed.html").unwrap();
    let mut child = jxlint_cmd()
        .args(["check", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&page).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["projects"], 6);
    let _ = std::fs::remove_dir_all(&dir);
}
