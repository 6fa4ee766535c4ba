//! `jxlint suggest` through the CLI, and the suggestions' contract on every real table.

use std::process::Command;

use jxlint::library::ENTRIES;
use jxlint::suggest::{Gap, WANTED, library_level2, missing};

fn jxlint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn suggest_lists_library_indicators_for_the_missing_classes() {
    let out = jxlint(&["suggest", "fixtures/suggest/two-projects.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    let expected = std::fs::read_to_string("tests/snapshots/suggest.snap").unwrap();
    let actual = String::from_utf8(out.stdout).unwrap();
    if std::env::var_os("JXLINT_BLESS").is_some() {
        std::fs::write("tests/snapshots/suggest.snap", &actual).unwrap();
        return;
    }
    assert_eq!(actual, expected);
    // The project the library cannot place gets no suggestion, and says why.
    assert!(actual.contains(
        "项目 2：专项工作经费（无法判断所属领域：项目名称、用途和目标里没有指标库认得的词，没有建议）\n"
    ));
    // A project with every class gets none.
    assert!(actual.contains(
        "项目 3：农村公路养护工程（交通运输）\n  数量、质量、时效、成本、效益、满意度指标都有\n"
    ));
    // A class whose rows are all slogans (R002) is lacking, and says so (trial 2, T4: the
    // build before this change printed "…满意度指标都有" for it).
    assert!(actual.ends_with(
        "项目 4：麻风病防治（卫生健康）\n  \
         社会效益指标只有套话（“政府对麻风村休养员、村外康复者和现症病人的关爱”、\
         “广大群众对病风病防治意识”），无法核实，可参考：\n    \
         “肺结核患者成功治疗率”（%，如 ≥90%）\n    \
         “居民麻风病防治知识知晓率”（%，如 ≥80%）\n    \
         “严重精神障碍患者肇事肇祸案（事）件发生数”（起，如 =0起）\n  \
         服务对象满意度指标只有套话（“群众幸福感”），无法核实，可参考：\n    \
         “慢性病管理患者满意度”（%，如 ≥90%）\n    \
         “门诊患者满意度”（%，如 ≥90%）\n    \
         “住院患者满意度”（%，如 ≥92%）\n"
    ));
}

#[test]
fn suggest_fails_clearly_when_nothing_is_read() {
    let out = jxlint(&["suggest", "fixtures/suggest/no-such-file.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "jxlint: 错误：fixtures/suggest/no-such-file.yaml: 没有这个文件或目录\n"
    );
    // A fresh folder: a leftover of an earlier run with the same process id (a fresh machine
    // reuses them) would hold the `mixed` folder below, and this empty folder would not be empty.
    let dir = std::env::temp_dir().join(format!("jxlint-suggest-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = jxlint(&["suggest", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有读到任何绩效目标表"));
    // A folder with a format jxlint cannot read beside a target document: the document's
    // suggestions, the other file named on stderr, exit 0 (as `check` counts it, not an error).
    let mixed = dir.join("mixed");
    std::fs::create_dir_all(&mixed).unwrap();
    std::fs::copy("fixtures/suggest/two-projects.yaml", mixed.join("a.yaml")).unwrap();
    std::fs::write(mixed.join("b.wps"), b"\xd0\xcf\x11\xe0").unwrap();
    let out = jxlint(&["suggest", mixed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("项目 1：计划生育特别扶助（卫生健康）"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.wps: 暂不支持 .wps 文件"));
    // A readable file beside a missing one: its suggestions are printed, the exit code is 2.
    let out = jxlint(&[
        "suggest",
        "fixtures/suggest/two-projects.yaml",
        "fixtures/suggest/no-such-file.yaml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("项目 1：计划生育特别扶助（卫生健康）"));
}

/// On every real table: each suggestion is a library indicator of a 类 the project is named in
/// and of the 二级 class it is offered for, at most three per class, never one the project has,
/// and only for classes the project lacks.
#[test]
fn suggestions_keep_their_contract_on_real_tables() {
    let data = jxlint::data::RuleData::embedded();
    let mut files: Vec<_> = std::fs::read_dir("fixtures/real")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml") && !p.ends_with("labels.yaml"))
        .collect();
    files.sort();
    let mut offered = 0;
    for f in &files {
        let src = jxlint::source::SourceFile::new(
            f.to_str().unwrap(),
            std::fs::read_to_string(f).unwrap(),
        );
        let doc = jxlint::read_source(&src, jxlint::model::Format::Yaml).unwrap();
        for (k, (place, gaps)) in missing(data, &doc, &jxlint::rules::boilerplate_of(data, &doc))
            .into_iter()
            .enumerate()
        {
            let p = &doc.projects[k];
            let names: Vec<String> = p
                .indicators
                .iter()
                .filter_map(|i| i.level3.as_ref().map(|f| jxlint::text::squeeze(&f.text)))
                .collect();
            for Gap {
                class: c,
                boilerplate,
                entries,
            } in gaps
            {
                assert!(WANTED.contains(&c));
                // A class present in name only: every row of it is R002's.
                let rows = p
                    .indicators
                    .iter()
                    .filter(|i| {
                        data.class2_of(i).map(|h| {
                            if h == jxlint::model::Class2::Cost {
                                jxlint::model::Class2::EconomicCost
                            } else {
                                h
                            }
                        }) == Some(c)
                    })
                    .count();
                assert_eq!(boilerplate.len(), rows, "{} {c:?}", p.display_name());
                assert!(entries.len() <= 3);
                for e in entries {
                    assert!(ENTRIES.iter().any(|x| std::ptr::eq(x, e)));
                    assert!(place.named.contains(&(e.class as usize)), "{}", e.name);
                    assert_eq!(e.level2, library_level2(c), "{}", e.name);
                    assert!(
                        !names.contains(&jxlint::text::squeeze(e.name)),
                        "{}",
                        e.name
                    );
                    offered += 1;
                }
            }
        }
    }
    assert!(
        offered > 50,
        "only {offered} suggestions on the real tables"
    );
}

/// A cross-cutting activity the text names (宣传 of a 麻风病防治 project) does not keep the
/// library's 类 from being named: the project is placed in 卫生健康 too, and suggestions come
/// from there (before, it was placed in 宣传 only, and `suggest` had nothing to offer).
#[test]
fn a_cross_cutting_activity_does_not_hide_the_library_field() {
    let out = jxlint(&["suggest", "fixtures/suggest/cross-cutting.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    let actual = String::from_utf8(out.stdout).unwrap();
    assert!(
        actual.starts_with(
            "── fixtures/suggest/cross-cutting.yaml ──\n项目 1：麻风病防治（宣传、卫生健康）\n  没有质量指标，可参考：\n    “麻风病现症患者联合化疗规范治疗率”（%，如 ≥95%）\n"
        ),
        "{actual}"
    );
}
