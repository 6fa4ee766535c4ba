//! Property tests: the value parser and the readers never panic, whatever they are given, and
//! every span they produce lies on character boundaries inside the source.

use jxlint::data::RuleData;
use jxlint::model::{Document, Field, Format};
use jxlint::source::SourceFile;
use proptest::prelude::*;

/// Strings built from the characters that matter to the parsers.
fn table_like() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "\t",
        "\n",
        "\n\n",
        " ",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "项目名称",
        "项目编码",
        "预算数",
        "其中：财政资金",
        "其他资金",
        "资金支出计划（%）",
        "3月底",
        "绩效目标",
        "指标值确定依据",
        "≥",
        "≤",
        "=",
        "%",
        "90",
        "100",
        "-",
        "~",
        "万元",
        "人次",
        "年",
        "月底前",
        "：",
        "name: ",
        "projects:",
        "  - ",
        "indicators:",
        "value: ",
        "\"",
        "'",
        "&a ",
        "*a",
        "{",
        "}",
        "[",
        "]",
        "#",
        "|",
        ">",
        "满意度",
        "率",
        "，",
        "。",
        "\r\n",
        "\u{3000}",
        "９０",
        "％",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

fn spans_ok(src: &SourceFile, doc: &Document) {
    let check = |f: &Field| {
        assert!(f.span.start <= f.span.end && f.span.end <= src.text.len());
        assert!(src.text.is_char_boundary(f.span.start) && src.text.is_char_boundary(f.span.end));
    };
    for p in &doc.projects {
        for f in [
            &p.code,
            &p.name,
            &p.purpose,
            &p.budget.total,
            &p.budget.fiscal,
            &p.budget.other,
        ]
        .into_iter()
        .flatten()
        {
            check(f);
        }
        for i in &p.indicators {
            for f in [
                &i.level1,
                &i.level2,
                &i.level3,
                &i.description,
                &i.value,
                &i.unit,
                &i.basis,
            ]
            .into_iter()
            .flatten()
            {
                check(f);
            }
        }
    }
}

fn run_everything(text: &str) {
    let d = RuleData::embedded();
    let _ = jxlint::value::parse(text, &d.units, &d.values.qualitative_words);
    for format in [Format::Text, Format::Yaml] {
        let src = SourceFile::new("p", text.to_string());
        if let Ok(doc) = jxlint::read_source(&src, format) {
            spans_ok(&src, &doc);
            let diags = jxlint::engine::lint(&doc, &src, 0, &jxlint::config::Config::default());
            for diag in diags {
                assert!(diag.location.line >= 1 && diag.location.column >= 1);
            }
            let _ = jxlint::extract::to_yaml(&doc);
        }
        // The whole pipeline, down to every emitter.
        let input = jxlint::Input::Stdin {
            text: text.as_bytes().to_vec(),
            format: Some(format),
        };
        let report = jxlint::check(&[input], &jxlint::Options::default());
        let _ = jxlint::report::Emitter::emit(&jxlint::report::Human { color: false }, &report);
        let _ = jxlint::report::Emitter::emit(&jxlint::report::Concise, &report);
        let _ = jxlint::report::Emitter::emit(&jxlint::report::Json, &report);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn value_parser_never_panics(s in "\\PC{0,40}") {
        let d = RuleData::embedded();
        let _ = jxlint::value::parse(&s, &d.units, &d.values.qualitative_words);
    }

    #[test]
    fn value_parser_never_panics_on_value_like_text(
        s in "[≥≤=<>≧＝不低于以上\\- 0-9０-９.,%％万元人次年月底前]{0,16}"
    ) {
        let d = RuleData::embedded();
        let _ = jxlint::value::parse(&s, &d.units, &d.values.qualitative_words);
    }

    #[test]
    fn readers_never_panic_on_table_like_text(s in table_like()) {
        run_everything(&s);
    }

    #[test]
    fn readers_never_panic_on_arbitrary_text(s in "\\PC{0,200}") {
        run_everything(&s);
    }

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = jxlint::source::decode(&bytes);
    }
}

#[test]
fn extract_of_the_seed_round_trips_through_every_rule() {
    let text = std::fs::read_to_string("fixtures/seed.txt").unwrap();
    run_everything(&text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Arbitrary bytes through the whole pipeline, as each reader and as auto-detected.
    #[test]
    fn pipeline_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for format in [Some(Format::Text), Some(Format::Yaml), None] {
            let input = jxlint::Input::Stdin { text: bytes.clone(), format };
            let report = jxlint::check(&[input], &jxlint::Options::default());
            let _ = jxlint::report::Emitter::emit(&jxlint::report::Human { color: false }, &report);
            let _ = jxlint::report::Emitter::emit(&jxlint::report::Json, &report);
        }
    }
}

/// Inputs that once crashed a fuzz target (tests/fuzz-regressions/) go through the whole
/// pipeline in both formats.
#[test]
fn fuzz_regressions() {
    let mut n = 0;
    for e in std::fs::read_dir("tests/fuzz-regressions").unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        for format in [Some(Format::Text), Some(Format::Yaml)] {
            let input = jxlint::Input::Stdin {
                text: bytes.clone(),
                format,
            };
            let report = jxlint::check(&[input], &jxlint::Options::default());
            let _ = jxlint::report::Emitter::emit(&jxlint::report::Human { color: false }, &report);
            let _ = jxlint::report::Emitter::emit(&jxlint::report::Json, &report);
        }
        n += 1;
    }
    assert!(n >= 1);
}
