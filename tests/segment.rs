//! Our segmentation (src/segment.rs) is jieba's without its HMM: the same tokens as
//! `jieba_rs::Jieba::cut(text, false)` with the same dictionary, on every line of the rules'
//! data and the fixtures, on arbitrary strings made of the dictionary's own characters, and with
//! random small dictionaries over an alphabet of 汉字 (BMP and astral), ASCII and characters that
//! are not cut.

use std::path::Path;

use jxlint::segment::Segmenter;
use proptest::prelude::*;

/// jieba with `words` added one after another (a word given twice keeps its last frequency).
fn jieba_of(words: &[(&str, u64)]) -> jieba_rs::Jieba {
    let mut j = jieba_rs::Jieba::empty();
    for &(w, f) in words {
        j.add_word(w, Some(f as usize), None);
    }
    j
}

fn jieba_spans(j: &jieba_rs::Jieba, text: &str) -> Vec<(u32, u32)> {
    j.cut(text, false)
        .into_iter()
        .map(|t| (t.byte_start as u32, t.byte_end as u32))
        .collect()
}

fn lexicon() -> jxlint::lexicon::Lexicon {
    jxlint::lexicon::Lexicon::build(jxlint::data::RuleData::embedded().domains.clone())
}

/// Every line of every UTF-8 text file under `dir`.
fn lines_under(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            lines_under(&p, out);
        } else if let Ok(text) = std::fs::read_to_string(&p) {
            out.extend(text.lines().map(str::to_string));
        }
    }
}

fn texts() -> Vec<String> {
    let mut out = Vec::new();
    lines_under(Path::new("rules"), &mut out);
    lines_under(Path::new("fixtures"), &mut out);
    // A few the lines above lack: CR LF, ASCII runs between words, other scripts.
    out.extend(
        [
            "社会保险\r\n公益电影放映",
            "PM2.5浓度≤35μg/m³，AQI优良率≥85%",
            "覆盖率100%以上、C++与C#培训_v2-3",
            "県乡村振興𠀀𪜀综合服务",
            "",
        ]
        .map(str::to_string),
    );
    out
}

fn compare(j: &jieba_rs::Jieba, s: &Segmenter, texts: &[String]) {
    let mut differ = Vec::new();
    for t in texts {
        if jieba_spans(j, t) != s.cut(t) {
            differ.push(t.clone());
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} texts segment differently, e.g. {:?}",
        differ.len(),
        texts.len(),
        &differ[..differ.len().min(5)]
    );
}

#[test]
fn the_lexicons_segmentation_is_jiebas() {
    let lex = lexicon();
    let dict = lex.dictionary();
    assert!(dict.len() > 5000, "{}", dict.len());
    let seg = Segmenter::new(dict.iter().copied());
    let texts = texts();
    assert!(texts.len() > 10_000, "{}", texts.len());
    let j = jieba_of(&dict);
    compare(&j, &seg, &texts);
    // And the lexicon's own segmentation.
    for t in texts.iter().step_by(50) {
        let words: Vec<&str> = j.cut(t, false).into_iter().map(|t| t.word).collect();
        assert_eq!(lex.cut(t), words, "{t}");
    }
}

#[test]
fn with_repeated_words_the_last_frequency_counts_as_in_jieba() {
    let dict = [
        ("社会", 5u64),
        ("保险", 3),
        ("社会保", 40),
        ("保险", 900),
        ("险公", 7),
        ("公益", 2),
        ("社会", 1),
        ("AB", 50),
        ("2.5", 9),
    ];
    let texts: Vec<String> = ["社会保险公益", "社会保险AB2.5公益险公", "A社会B"]
        .map(str::to_string)
        .to_vec();
    compare(&jieba_of(&dict), &Segmenter::new(dict), &texts);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Strings of the dictionary's characters, ASCII and punctuation, cut by both.
    #[test]
    fn arbitrary_strings_segment_as_in_jieba(
        picks in proptest::collection::vec(0usize..10_000, 0..40),
    ) {
        thread_local! {
            static BOTH: (Vec<String>, jieba_rs::Jieba, Segmenter) = {
                let lex = lexicon();
                let dict: Vec<(String, u64)> =
                    lex.dictionary().into_iter().map(|(w, f)| (w.to_string(), f)).collect();
                let pairs: Vec<(&str, u64)> = dict.iter().map(|(w, f)| (w.as_str(), *f)).collect();
                let j = jieba_of(&pairs);
                let s = Segmenter::new(pairs.iter().copied());
                // The pieces strings are made of: dictionary words, their characters, and a few
                // ASCII letters, digits and punctuation.
                let mut pieces: Vec<String> = dict.iter().map(|(w, _)| w.clone()).collect();
                pieces.extend(dict.iter().flat_map(|(w, _)| w.chars().map(String::from)));
                pieces.extend(["a", "Z", "7", ".", "%", "，", " ", "\r", "\n", "-", "（"].map(String::from));
                pieces.sort();
                pieces.dedup();
                (pieces, j, s)
            };
        }
        BOTH.with(|(pieces, j, s)| {
            let text: String = picks.iter().map(|&i| pieces[i % pieces.len()].as_str()).collect();
            prop_assert_eq!(jieba_spans(j, &text), s.cut(&text), "{}", text);
            Ok(())
        })?;
    }
}

const ALPHA: &[char] = &[
    '社',
    '会',
    '保',
    '险',
    '公',
    '益',
    '乡',
    '村', // BMP Han
    '\u{3400}',
    '\u{4DB5}',
    '\u{F900}', // BMP CJK extension / compatibility
    '\u{20000}',
    '\u{2A6D6}',
    '\u{2F800}', // astral CJK
    'a',
    'Z',
    '7',
    '.',
    '%',
    '-',
    '+',
    '#',
    '&',
    '_', // ASCII cut chars
    ' ',
    '\r',
    '\n',
    '，',
    'α',
    'ア',
    '\u{1F600}',
    '\u{10000}', // not cut
];

fn word_strategy() -> impl Strategy<Value = (String, u64)> {
    (
        proptest::collection::vec(0..ALPHA.len(), 1..5),
        prop_oneof![Just(0u64), Just(1u64), 1u64..5, 1u64..100_000],
    )
        .prop_map(|(cs, f)| (cs.into_iter().map(|i| ALPHA[i]).collect(), f))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_dictionaries_segment_as_in_jieba(
        dict in proptest::collection::vec(word_strategy(), 0..25),
        text in proptest::collection::vec(0..ALPHA.len(), 0..60),
    ) {
        let pairs: Vec<(&str, u64)> = dict.iter().map(|(w, f)| (w.as_str(), *f)).collect();
        let j = jieba_of(&pairs);
        let s = Segmenter::new(pairs.iter().copied());
        let text: String = text.into_iter().map(|i| ALPHA[i]).collect();
        prop_assert_eq!(jieba_spans(&j, &text), s.cut(&text), "{:?} / {:?}", pairs, text);
    }
}

#[test]
fn empty_dictionary() {
    let j = jieba_of(&[]);
    let s = Segmenter::new([]);
    for t in ["", "社会保险", "ab12社会 x\r\n\u{20000}α", "。"] {
        assert_eq!(jieba_spans(&j, t), s.cut(t), "{t}");
    }
}
