//! Hostile inputs (tests/bad/, and large ones generated here): each gives one clear error line
//! naming the file (and the line where known), exit code 2, while the other inputs are still
//! checked; nothing panics, nothing takes more than seconds or more than 1 GiB.

mod common;

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
    common::scratch("bad", name)
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
        ("empty.txt", "文件为空"),
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
        // Web pages: bytes no encoding reads, random bytes, and a page whose only table is a
        // flood of character references under a DOCTYPE declaring a billion laughs (HTML never
        // expands declared entities): read, and plainly no target table.
        ("not-utf8-nor-gbk.html", "既不是 UTF-8 也不是 GBK/GB18030"),
        ("random.html", "既不是 UTF-8 也不是 GBK/GB18030"),
        ("entities.html", "没有找到绩效目标表"),
        // Spreadsheets: random bytes, an OLE header over garbage, a cut .ods.
        (
            "random.xls",
            "不是有效的 .xls 文件（既不是压缩包也不是 Office 文档",
        ),
        (
            "random-ole.xls",
            "不是有效的 .xls 文件（Office 文件结构已损坏）",
        ),
        (
            "random.ods",
            "不是有效的 .ods 文件（既不是压缩包也不是 Office 文档",
        ),
        (
            "truncated.ods",
            "不是有效的 .ods 文件（压缩包已损坏或不完整",
        ),
        // PDF (poppler reads the last two): no header; a header over garbage ending in %%EOF;
        // the first 3 KiB of a real one.
        ("random.pdf", "不是有效的 PDF 文件（没有 %PDF 文件头）"),
        (
            "random-header.pdf",
            "PDF 文件已损坏，无法读取（poppler 无法解析它的结构）",
        ),
        (
            "truncated.pdf",
            "PDF 文件不完整或已损坏，无法读取（文件末尾缺少 %%EOF 标记",
        ),
    ] {
        assert_clean_failure(&Path::new("tests/bad").join(file), needle);
    }
}

/// A run of letters is one word to the segmenter: looking for lexicon terms inside it tried
/// every substring (cubic: a cell of 12,000 letters took 15 s in a release build). Terms are
/// no longer than the longest lexicon term, and neither is the search now.
#[test]
fn long_runs_of_letters_in_cells_are_checked_in_time() {
    let dir = scratch("letters");
    let path = dir.join("letters.yaml");
    std::fs::write(
        &path,
        format!(
            "projects:\n  - name: 县社会保险专项\n    budget: {{total: 4}}\n    purpose: {}\n    \
             indicators:\n      - {{level1: 产出指标, level2: 数量指标, level3: {}, value: ≥1人}}\n",
            "a".repeat(12_000),
            "b".repeat(12_000)
        ),
    )
    .unwrap();
    let r = run(&[path.to_str().unwrap()]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.took < Duration::from_secs(10), "took {:?}", r.took);
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
fn yaml_mapping_of_100000_keys() {
    // The YAML reader's own tree builder compared every pair of keys for duplicates (minutes
    // here); a mapping this large now goes through serde-saphyr, whose test is hashed.
    let dir = scratch("wide");
    let wide = dir.join("wide.yaml");
    let keys: String = (0..100_000).map(|i| format!("  k{i}: 1\n")).collect();
    std::fs::write(&wide, format!("name: x\nextra:\n{keys}")).unwrap();
    assert_clean_failure(&wide, "不是绩效目标文档");
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

/// The hostile file reads (its tables are checked, `projects` projects found), and the good
/// file beside it is checked too; nothing panics, and it takes seconds.
fn assert_reads(path: &Path, projects: u64) {
    let shown = path.to_string_lossy().into_owned();
    let r = run(&[&shown, GOOD]);
    assert!(matches!(r.code, Some(0) | Some(1)), "{shown}: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{shown}: {}", r.stderr);
    let files = r.json["files"].as_array().expect("JSON report");
    assert_eq!(files.len(), 2, "{shown}");
    assert!(
        files[0]["error"].is_null(),
        "{shown}: {}",
        files[0]["error"]
    );
    assert_eq!(files[0]["projects"], projects, "{shown}");
    assert_eq!(files[1]["projects"], 1, "the good file is still checked");
    assert!(
        r.took < Duration::from_secs(10),
        "{shown} took {:?}",
        r.took
    );
}

/// A sparse file of `mib` MiB plus one byte: no disk, but past a limit of `mib` MiB.
fn sparse(path: &Path, mib: u64) {
    std::fs::File::create(path)
        .unwrap()
        .set_len(mib * 1024 * 1024 + 1)
        .unwrap();
}

/// Each format's size limit is checked before a byte of the file is read.
#[test]
fn files_past_their_format_limit_are_refused_before_they_are_read() {
    let dir = scratch("sizes");
    for (name, mib) in [
        ("big.html", 32),
        ("big.xlsx", 32),
        ("big.xls", 32),
        ("big.ods", 32),
        ("big.docx", 64),
        ("big.doc", 64),
        ("big.pdf", 100),
    ] {
        let path = dir.join(name);
        sparse(&path, mib);
        assert_clean_failure(&path, &format!("超过了 {mib} MiB 的上限"));
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn html_deeply_nested_spans_and_entities() {
    let dir = scratch("html");
    // 100 000 tables, each in a cell of the one before: refused at depth 32.
    let tables = dir.join("tables.html");
    std::fs::write(&tables, "<table><tr><td>".repeat(100_000)).unwrap();
    assert_clean_failure(&tables, "嵌套超过 32 层");
    // A real page wrapped in 100 000 <div>s (and as many unclosed <span>s): read as it is.
    let page = std::fs::read_to_string("fixtures/formats/seed.html").unwrap();
    let (head, body) = page.split_at(page.find("<body").unwrap());
    let divs = dir.join("divs.html");
    std::fs::write(
        &divs,
        format!(
            "{head}{}{body}{}",
            "<div><span>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    )
    .unwrap();
    assert_reads(&divs, 6);
    // colspan and rowspan of 2^31, 2^64, 10^20 and negative: capped, never allocated.
    let spans = dir.join("spans.html");
    let mut n = 0;
    let huge = [
        "colspan=2147483648 rowspan=2147483648",
        "colspan=18446744073709551616 rowspan=99999999999999999999",
        "colspan=-1 rowspan=-2147483649",
        "colspan=1000000000",
    ];
    let spanned = page
        .split("<td")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part.to_string()
            } else {
                n += 1;
                format!("<td {}{part}", huge[n % huge.len()])
            }
        })
        .collect::<String>();
    std::fs::write(&spans, spanned).unwrap();
    let r = run(&[spans.to_str().unwrap(), GOOD]);
    assert!(matches!(r.code, Some(0..=2)), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(r.json["files"][1]["projects"], 1);
    assert!(r.took < Duration::from_secs(10), "took {:?}", r.took);
    // A million character references in a page that is otherwise a real one.
    let refs = dir.join("refs.html");
    let flood =
        "&amp;&nbsp;&#x4E00;&#0;&#xD800;&#99999999999;&notanentity;&lt;td&gt;".repeat(125_000);
    std::fs::write(
        &refs,
        page.replacen("<body>", &format!("<body><p>{flood}</p>"), 1),
    )
    .unwrap();
    assert_reads(&refs, 6);
    // UTF-16 with a BOM and an odd number of bytes, lone surrogates and NULs in it.
    let utf16 = dir.join("utf16.html");
    let mut bytes = vec![0xFF, 0xFE];
    for u in "<table><tr><td>项目名称<td>x"
        .encode_utf16()
        .chain([0xD800, 0, 0xDC00])
    {
        bytes.extend(u.to_le_bytes());
    }
    bytes.push(b'<');
    std::fs::write(&utf16, bytes).unwrap();
    assert_clean_failure(&utf16, "含有 NUL 字节，这是二进制数据");
}

/// A zip container copied entry by entry, each entry's bytes through `edit` (the first entry,
/// an OpenDocument `mimetype`, stays uncompressed).
fn rezip(src: &str, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(&edit(&name, data)).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn replace_once(data: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    let s = String::from_utf8(data).unwrap();
    assert!(s.contains(from), "{from}");
    s.replacen(from, to, 1).into_bytes()
}

#[test]
fn spreadsheets_with_huge_dimensions_and_many_merges() {
    let dir = scratch("sheets");
    // An .xlsx that declares the whole sheet (A1:XFD1048576) used and has a cell in its last
    // corner: .xlsx cells are streamed, never made dense, so it reads.
    let huge = dir.join("dimension.xlsx");
    let sheet = "xl/worksheets/sheet1.xml";
    std::fs::write(
        &huge,
        rezip("fixtures/formats/seed.xlsx", |name, data| {
            if name != sheet {
                return data;
            }
            let data = replace_once(data, "<dimension ref=\"A1:G14\"/>", "<dimension ref=\"A1:XFD1048576\"/>");
            replace_once(
                data,
                "</sheetData>",
                "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>远处</t></is></c></row></sheetData>",
            )
        }),
    )
    .unwrap();
    assert_reads(&huge, 6);
    // 200 001 merged ranges in one sheet: refused, however small the file.
    let merges = dir.join("merges.xlsx");
    let cells: String = (0..200_001)
        .map(|r| format!("<mergeCell ref=\"A{}:B{}\"/>", r + 20, r + 20))
        .collect();
    std::fs::write(
        &merges,
        rezip("fixtures/formats/seed.xlsx", |name, data| {
            if name != sheet {
                return data;
            }
            replace_once(
                data,
                "</sheetData>",
                &format!("</sheetData><mergeCells count=\"200001\">{cells}</mergeCells>"),
            )
        }),
    )
    .unwrap();
    assert_clean_failure(&merges, "合并单元格超过 200000 个的上限");
    // The rows LibreOffice writes after the last used row of the first sheet, up to the
    // sheet's last row: rows added after them would be past the sheet's end.
    const FILLER: &str =
        "<table:table-row table:style-name=\"ro1\" table:number-rows-repeated=\"1048559\">";
    // An .ods whose used area is 100 000 rows × 100 columns (from two repeat counts): the dense
    // grid calamine would build is refused before calamine sees the file.
    let dense = dir.join("dense.ods");
    std::fs::write(
        &dense,
        rezip("fixtures/formats/per-sheet.ods", |name, data| {
            if name != "content.xml" {
                return data;
            }
            replace_once(
                data,
                FILLER,
                &format!("<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:number-columns-repeated=\"100\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>{FILLER}"),
            )
        }),
    )
    .unwrap();
    assert_clean_failure(&dense, "超过了 5000000 个的上限");
    // The same .ods with 200 001 merged cells in one sheet.
    let ods_merges = dir.join("merges.ods");
    let spanned = "<table:table-row><table:table-cell table:number-columns-spanned=\"2\"><text:p>x</text:p></table:table-cell><table:covered-table-cell/></table:table-row>";
    std::fs::write(
        &ods_merges,
        rezip("fixtures/formats/per-sheet.ods", |name, data| {
            if name != "content.xml" {
                return data;
            }
            replace_once(
                data,
                FILLER,
                &format!("{}{FILLER}", spanned.repeat(200_001)),
            )
        }),
    )
    .unwrap();
    assert_clean_failure(&ods_merges, "合并单元格超过 200000 个的上限");
}

/// A reviewer's folder: the lock file Word leaves beside an open document and a picture are
/// passed over, a .wps is named as not supported, a damaged file gets its error, and every
/// good file is checked.
#[test]
fn a_folder_with_lock_files_pictures_and_unsupported_documents() {
    let dir = scratch("folder");
    std::fs::write(dir.join("~$报告.docx"), b"\x0eZhang San\0\0\0\0").unwrap();
    std::fs::write(dir.join("~$预算.xlsx"), b"\x0eZhang San\0\0\0\0").unwrap();
    std::fs::write(dir.join("扫描.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("旧稿.wps"), b"\xD0\xCF\x11\xE0").unwrap();
    std::fs::copy("tests/bad/truncated.docx", dir.join("损坏.docx")).unwrap();
    std::fs::copy("fixtures/formats/seed.docx", dir.join("seed.docx")).unwrap();
    std::fs::copy(GOOD, dir.join("good.yaml")).unwrap();
    let r = run(&[dir.to_str().unwrap()]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].contains("损坏.docx: 不是有效的 .docx 文件"),
        "{}",
        lines[0]
    );
    // The .wps, found but not checked, is named too (every format does so on stderr).
    assert_eq!(
        lines[1],
        format!(
            "jxlint: 未检查：{}: 暂不支持 .wps 文件：请另存为 .docx、.xlsx、.txt 或写成 YAML 目标文档后再检查",
            dir.join("旧稿.wps").display()
        )
    );
    let files: Vec<(String, u64)> = r.json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = f["path"].as_str().unwrap().rsplit('/').next().unwrap();
            (name.to_string(), f["projects"].as_u64().unwrap())
        })
        .collect();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["good.yaml", "seed.docx", "损坏.docx", "旧稿.wps"]);
    assert_eq!(files[0].1, 1);
    assert_eq!(files[1].1, 6);
    assert!(r.json["files"][3]["unsupported"].is_string());
}
