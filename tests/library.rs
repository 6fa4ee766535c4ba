//! The indicator library (rules/library/*.yaml): its schema and coverage, and the tables
//! learned from it (rules/library-index.tsv, rules/library-terms.tsv), which must be what the
//! YAML gives today. `JXLINT_BLESS=1 cargo test --test library` rewrites the tables.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use jxlint::library::learn;

fn library() -> learn::Library {
    match learn::read(Path::new("rules/library")) {
        Ok(l) => l,
        Err(errors) => panic!("rules/library:\n{}", errors.join("\n")),
    }
}

/// jieba's full dictionary, from the jieba-rs source cargo has downloaded (the binary itself
/// uses only the library's vocabulary).
fn jieba_dict() -> String {
    // Only this platform's packages: the others (Windows-only crates) need not be downloaded.
    let rustc = std::process::Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc -vV");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host])
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "jieba-rs")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("jieba-rs in cargo metadata")
        .to_string();
    let dict = Path::new(&manifest)
        .parent()
        .unwrap()
        .join("src/data/dict.txt");
    std::fs::read_to_string(&dict).unwrap_or_else(|e| panic!("{}: {e}", dict.display()))
}

fn lexicon_terms() -> Vec<String> {
    let d = serde_saphyr::from_str::<jxlint::lexicon::Domains>(
        &std::fs::read_to_string("rules/domains.yaml").expect("rules/domains.yaml"),
    )
    .expect("rules/domains.yaml parses");
    let mut all: BTreeSet<String> = d.terms.iter().cloned().collect();
    for f in d.fields.values() {
        all.extend(f.words.iter().cloned());
        all.extend(f.distinctive.iter().cloned());
    }
    all.into_iter().collect()
}

#[test]
fn the_library_covers_every_class_and_its_main_kuan() {
    let lib = library();
    let mut total = 0;
    for (name, f, _) in &lib.files {
        let n = f.indicators.len();
        total += n;
        assert!(n >= 60, "{name}: {n} indicators, fewer than 60");
        let mut per_kuan: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &f.indicators {
            *per_kuan.entry(&e[0]).or_default() += 1;
        }
        for (k, c) in per_kuan.into_iter().filter(|(k, _)| *k != "-") {
            assert!(c >= 20, "{name}: 款 {k} has {c} indicators, fewer than 20");
        }
        // Every 一级 class is represented.
        for (l1, _) in learn::LEVELS {
            assert!(
                f.indicators.iter().any(|e| e[1] == *l1),
                "{name}: no {l1} indicator"
            );
        }
    }
    assert!(total >= 3000, "{total} indicators");
    // The classes target tables use.
    for c in [
        "一般公共服务",
        "公共安全",
        "教育",
        "科学技术",
        "文化旅游体育与传媒",
        "社会保障和就业",
        "卫生健康",
        "节能环保",
        "城乡社区",
        "农林水",
        "交通运输",
        "资源勘探工业信息",
        "商业服务业",
        "自然资源海洋气象",
        "住房保障",
        "粮油物资储备",
        "灾害防治及应急管理",
    ] {
        assert!(
            lib.files
                .iter()
                .any(|(_, f, _)| f.class.trim_end_matches('等') == c),
            "no library file for {c}"
        );
    }
}

#[test]
fn the_schema_check_rejects_bad_entries() {
    let dir = std::env::temp_dir().join(format!("jxlint-library-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("教育.yaml"),
        "类: 教育\ncode: \"205\"\n款:\n  普通教育: \"20502\"\nindicators:\n  \
         - [\"普通教育\", \"产出\", \"满意度\", \"在校生人数\", \"人\", \"≥100人\", \"knowledge\"]\n  \
         - [\"职业教育\", \"产出\", \"数量\", \"在校生人数\", \"人\", \"≥100人\", \"guess\"]\n  \
         - [\"普通教育\", \"产出\", \"数量\", \"在校生人数\", \"人\", \"≥100人\", \"knowledge\"]\n  \
         - [\"普通教育\", \"产出\", \"数量\", \"在校生人数\", \"人\", \"≥100人\", \"knowledge\"]\n",
    )
    .unwrap();
    let errors = match learn::read(&dir) {
        Ok(_) => panic!("accepted"),
        Err(e) => e,
    };
    assert_eq!(
        errors,
        [
            "教育.yaml: 第1条: 二级 满意度 不属于 产出",
            "教育.yaml: 第2条: 款 职业教育 未在 款 中列出",
            "教育.yaml: 第2条: 来源 guess",
            "教育.yaml: 第3条: 三级指标 在校生人数 在同一款中重复",
            "教育.yaml: 第4条: 三级指标 在校生人数 在同一款中重复",
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn check_or_bless(path: &str, want: &str) {
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have == want {
        return;
    }
    if std::env::var_os("JXLINT_BLESS").is_some() {
        std::fs::write(path, want).unwrap();
        return;
    }
    let diff: Vec<String> = want
        .lines()
        .zip(have.lines().chain(std::iter::repeat("")))
        .filter(|(a, b)| a != b)
        .take(5)
        .map(|(a, b)| format!("  want {a}\n  have {b}"))
        .collect();
    panic!(
        "{path} is stale (rules/library/*.yaml or the learning changed): run \
         `JXLINT_BLESS=1 cargo test --test library` and commit it\n{}",
        diff.join("\n")
    );
}

#[test]
fn the_learned_tables_are_up_to_date() {
    let lib = library();
    check_or_bless("rules/library-index.tsv", &learn::index_tsv(&lib));
    let terms = learn::terms_tsv(&lib, &jieba_dict(), &lexicon_terms(), learn::PARAMS);
    check_or_bless("rules/library-terms.tsv", &terms);
}

#[test]
fn the_embedded_tables_are_the_committed_ones() {
    // build.rs embeds the TSVs; a stale build would disagree with them.
    let index = std::fs::read_to_string("rules/library-index.tsv").unwrap();
    let entries = index
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("class\t"))
        .count();
    assert_eq!(jxlint::library::ENTRIES.len(), entries);
    assert_eq!(jxlint::library::CLASSES.len(), library().files.len());
    let hw = jxlint::library::class_index("卫生健康").unwrap();
    assert_eq!(
        jxlint::library::class_of_code("2100401 疾病预防控制机构"),
        Some(hw)
    );
    assert_eq!(jxlint::library::class_of_code("210"), Some(hw));
    assert_eq!(jxlint::library::class_of_code("疾病预防控制机构"), None);
    let t = jxlint::library::term("患者").expect("患者 is a library term");
    assert!(
        t.classes
            .iter()
            .any(|&(c, n, z)| c as usize == hw && n >= 3 && z > 2.0)
    );
}
