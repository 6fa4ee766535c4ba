//! The indicator library (`rules/library/*.yaml`): common indicators of every 类 of the
//! government expenditure functional classification, tagged by 类/款 and 一级/二级 class, and
//! the terms learned from it — which words mark an indicator as belonging to which 类.
//!
//! The YAML files are the source. [`learn`] turns them into two checked-in tables,
//! `rules/library-index.tsv` (the entries) and `rules/library-terms.tsv` (every term of the
//! library's vocabulary with, per 类, how many entries use it and how distinctive it is);
//! `tests/library.rs` regenerates both and fails when the committed files are stale. `build.rs`
//! embeds the tables as static arrays, so nothing is parsed at start-up.

/// A 类 of the functional classification: its name, its three-digit code, and its 款 (name,
/// five-digit code).
#[derive(Debug)]
pub struct Class {
    pub name: &'static str,
    pub code: &'static str,
    pub kuan: &'static [(&'static str, &'static str)],
}

/// An indicator of the library.
#[derive(Debug)]
pub struct Entry {
    /// Index into [`CLASSES`].
    pub class: u8,
    /// Index into the class's `kuan`, or [`WHOLE_CLASS`] for an indicator of the whole 类
    /// (written `-` in the library).
    pub kuan: u8,
    /// 产出 / 效益 / 满意度 / 成本.
    pub level1: &'static str,
    /// 数量 / 质量 / 时效 / 经济成本 / 社会效益 / 服务对象满意度 …
    pub level2: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub example: &'static str,
}

/// [`Entry::kuan`] of an indicator that belongs to no single 款.
pub const WHOLE_CLASS: u8 = u8::MAX;

/// A term of the library's vocabulary: its segmentation frequency and, for each 类 whose
/// entries use it, the number of entries and the weighted log-odds z-score of the term in that
/// 类 against all others (Monroe, Colaresi & Quinn 2008, informative Dirichlet prior).
#[derive(Debug)]
pub struct Term {
    pub term: &'static str,
    pub freq: u32,
    /// Its part of speech in jieba's dictionary (`n`, `vn`, `v` …), or `lex` for a term of the
    /// relevance lexicon.
    pub pos: &'static str,
    pub classes: &'static [(u8, u16, f32)],
    /// (类, 款, number of entries of that 款 using the term), for the entries filed under a
    /// 款 (not those of the whole 类).
    pub kuan: &'static [(u8, u8, u16)],
}

#[allow(clippy::approx_constant)]
mod generated {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/library.rs"));
}
pub use generated::*;

/// The class with this name.
pub fn class_index(name: &str) -> Option<usize> {
    CLASSES.iter().position(|c| c.name == name)
}

/// The 类 a 功能分类科目 code (`2100401`, `210`, `2100401 疾病预防控制机构`) belongs to.
/// Whether a 功能分类科目 code names an expenditure 类 at all (three digits or more, 2xx).
pub fn is_class_code(code: &str) -> bool {
    let digits = code
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .count();
    digits >= 3 && code.trim().starts_with('2')
}

pub fn class_of_code(code: &str) -> Option<usize> {
    let digits: String = code
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.len() < 3 || !digits.starts_with('2') {
        return None;
    }
    CLASSES.iter().position(|c| digits.starts_with(c.code))
}

/// The term's statistics, if it is in the vocabulary.
pub fn term(t: &str) -> Option<&'static Term> {
    // A hash index built on first use (R001 asks for every word of every row; a binary search
    // compared ~13 strings each time).
    static INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, u32>> =
        std::sync::LazyLock::new(|| {
            TERMS
                .iter()
                .enumerate()
                .map(|(i, x)| (x.term, i as u32))
                .collect()
        });
    INDEX.get(t).map(|&i| &TERMS[i as usize])
}

/// Building the tables from the YAML sources (used by `tests/library.rs`, not at run time).
pub mod learn {
    use std::collections::{BTreeMap, BTreeSet};
    use std::fmt::Write;

    use super::WHOLE_CLASS;
    use serde::Deserialize;

    /// One library file as written.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct File {
        #[serde(rename = "类")]
        pub class: String,
        pub code: String,
        #[serde(rename = "款")]
        pub kuan: BTreeMap<String, String>,
        pub indicators: Vec<Vec<String>>,
    }

    /// The source kinds an entry may record.
    pub const SOURCES: &[&str] = &["framework", "published", "knowledge"];
    /// The 一级 classes and the 二级 classes each may hold, as the library writes them.
    pub const LEVELS: &[(&str, &[&str])] = &[
        ("产出", &["数量", "质量", "时效"]),
        ("效益", &["经济效益", "社会效益", "生态效益", "可持续影响"]),
        ("满意度", &["服务对象满意度"]),
        ("成本", &["经济成本", "社会成本", "生态环境成本"]),
    ];

    /// A parsed and checked library: files in name order, with their 款 in file order.
    pub struct Library {
        pub files: Vec<(String, File, Vec<String>)>,
    }

    /// Reads and checks every `*.yaml` of a directory. Errors name the file and the entry.
    pub fn read(dir: &std::path::Path) -> Result<Library, Vec<String>> {
        let mut errors = Vec::new();
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| vec![format!("{}: {e}", dir.display())])?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        paths.sort();
        let mut files = Vec::new();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = match std::fs::read_to_string(&p) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(format!("{name}: {e}"));
                    continue;
                }
            };
            let f: File = match serde_saphyr::from_str(&text) {
                Ok(f) => f,
                Err(e) => {
                    errors.push(format!("{name}: {e}"));
                    continue;
                }
            };
            // The 款 in the order the file lists them (the map sorts them).
            let kuan_order: Vec<String> = text
                .lines()
                .skip_while(|l| !l.starts_with("款:"))
                .skip(1)
                .take_while(|l| l.starts_with("  ") && !l.trim_start().starts_with('-'))
                .filter_map(|l| l.trim().split_once(':').map(|(k, _)| k.trim().to_string()))
                .collect();
            check(&name, &f, &kuan_order, &mut errors);
            files.push((name, f, kuan_order));
        }
        if errors.is_empty() {
            Ok(Library { files })
        } else {
            Err(errors)
        }
    }

    fn check(name: &str, f: &File, kuan_order: &[String], errors: &mut Vec<String>) {
        // The official names of three 类 end in 等 (商业服务业等支出); the file name drops it.
        if format!("{}.yaml", f.class.trim_end_matches('等')) != name {
            errors.push(format!("{name}: 类 {} 与文件名不符", f.class));
        }
        if !(f.code.len() == 3
            && f.code.starts_with('2')
            && f.code.bytes().all(|b| b.is_ascii_digit()))
        {
            errors.push(format!("{name}: code {:?} 不是三位类级科目编码", f.code));
        }
        let listed: BTreeSet<&String> = kuan_order.iter().collect();
        let keys: BTreeSet<&String> = f.kuan.keys().collect();
        if listed != keys {
            errors.push(format!("{name}: 款 的书写顺序无法读出"));
        }
        for (k, code) in &f.kuan {
            if !(code.len() == 5 && code.starts_with(&f.code)) {
                errors.push(format!(
                    "{name}: 款 {k} 的编码 {code:?} 不在类 {} 之下",
                    f.code
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, e) in f.indicators.iter().enumerate() {
            let at = format!("{name}: 第{}条", i + 1);
            if !(e.len() == 7 || e.len() == 8) {
                errors.push(format!("{at}: 应有 7 或 8 项，实有 {}", e.len()));
                continue;
            }
            if e[0] != "-" && !f.kuan.contains_key(&e[0]) {
                errors.push(format!("{at}: 款 {} 未在 款 中列出", e[0]));
            }
            match LEVELS.iter().find(|(l1, _)| *l1 == e[1]) {
                None => errors.push(format!("{at}: 一级 {}", e[1])),
                Some((_, l2s)) if !l2s.contains(&e[2].as_str()) => {
                    errors.push(format!("{at}: 二级 {} 不属于 {}", e[2], e[1]))
                }
                _ => {}
            }
            if e[3].trim().is_empty() || e[3] != e[3].trim() || e[3].contains(['\t', '\n']) {
                errors.push(format!("{at}: 三级指标 {:?}", e[3]));
            }
            if !seen.insert((&e[0], &e[3])) {
                errors.push(format!("{at}: 三级指标 {} 在同一款中重复", e[3]));
            }
            if !SOURCES.contains(&e[6].as_str()) {
                errors.push(format!("{at}: 来源 {}", e[6]));
            }
            if e.iter().any(|x| x.contains(['\t', '\n'])) {
                errors.push(format!("{at}: 含制表符或换行"));
            }
        }
    }

    /// The parameters of learning.
    #[derive(Debug, Clone, Copy)]
    pub struct Params {
        /// α₀ of the informative Dirichlet prior: how many pseudo-counts, spread over the terms
        /// in proportion to their frequency in the whole library, each class starts with.
        pub prior: f64,
        /// How many library indicators must use two adjacent words together for the pair to
        /// become one term.
        pub collocation_min: f64,
        /// How many library indicators must use a word for it to be a term at all (a word seen
        /// once weighs next to nothing after smoothing, and every term costs start-up time:
        /// each is a word of the segmenter's dictionary). Lexicon terms are always kept.
        pub term_min: f64,
    }

    /// The parameters the committed tables were learned with.
    pub const PARAMS: Params = Params {
        prior: 500.0,
        collocation_min: 3.0,
        term_min: 2.0,
    };

    /// The segmentation frequency of a collocation: enough to win over its two parts.
    const COLLOCATION_FREQ: u32 = 3000;

    /// The entries table (`rules/library-index.tsv`).
    pub fn index_tsv(lib: &Library) -> String {
        let mut out = String::from(
            "# 由 rules/library/*.yaml 生成（JXLINT_BLESS=1 cargo test --test library），请勿手改。\n\
             # 类 行：class<TAB>类<TAB>编码<TAB>款=编码…；指标行：类序号<TAB>款序号<TAB>一级<TAB>二级<TAB>三级指标<TAB>单位<TAB>指标值示例\n",
        );
        for (_, f, kuan) in &lib.files {
            let ks: Vec<String> = kuan.iter().map(|k| format!("{k}={}", f.kuan[k])).collect();
            let _ = writeln!(out, "class\t{}\t{}\t{}", f.class, f.code, ks.join("\t"));
        }
        for (ci, (_, f, kuan)) in lib.files.iter().enumerate() {
            for e in &f.indicators {
                let ki = kuan
                    .iter()
                    .position(|k| *k == e[0])
                    .unwrap_or(WHOLE_CLASS as usize);
                let _ = writeln!(
                    out,
                    "{ci}\t{ki}\t{}\t{}\t{}\t{}\t{}",
                    e[1], e[2], e[3], e[4], e[5]
                );
            }
        }
        out
    }

    /// Whether a token can be a term: two characters or more, at least one of them Chinese,
    /// none of them a digit.
    pub fn is_term(w: &str) -> bool {
        w.chars().count() >= 2
            && w.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            && !w
                .chars()
                .any(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
    }

    /// The terms table (`rules/library-terms.tsv`): every term of the entries' wording (三级
    /// 指标 and description), segmented with jieba's full dictionary (`dict`) plus the relevance
    /// lexicon's own terms, with its frequency for segmentation and its per-类 counts and
    /// z-scores.
    pub fn terms_tsv(lib: &Library, dict: &str, lexicon_terms: &[String], p: Params) -> String {
        let mut freqs: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
        for l in dict.lines() {
            let mut it = l.split(' ');
            if let (Some(w), Some(f), pos) = (it.next(), it.next(), it.next())
                && let Ok(f) = f.parse::<u32>()
            {
                freqs.insert(w, (f, pos.unwrap_or("x")));
            }
        }
        let mut own: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
        for w in lexicon_terms {
            let n = w.chars().count() as u32;
            own.insert(w, (1000 * n * n, "lex"));
        }
        // jieba's dictionary, then our own terms (whose frequency replaces jieba's).
        let base: Vec<(&str, u64)> = freqs
            .iter()
            .chain(own.iter())
            .map(|(w, (f, _))| (*w, u64::from(*f)))
            .collect();
        let seg = crate::segment::Segmenter::new(base.iter().copied());
        let words_of = |seg: &crate::segment::Segmenter, text: &str| -> Vec<String> {
            seg.cut(text)
                .into_iter()
                .map(|(a, b)| text[a as usize..b as usize].to_string())
                .collect()
        };
        let nclass = lib.files.len();
        let entry_text = |e: &Vec<String>| {
            let mut text = crate::text::fold(&e[3]);
            if let Some(d) = e.get(7) {
                text.push('|');
                text.push_str(&crate::text::fold(d));
            }
            text
        };
        // Collocations: two adjacent words that library indicators use together often enough
        // become one term (视频+监控, 社区+矫正), so that the compound is weighed as a whole.
        let mut pairs: BTreeMap<String, u32> = BTreeMap::new();
        for (_, f, _) in &lib.files {
            for e in &f.indicators {
                let text = entry_text(e);
                let words = words_of(&seg, &text);
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                let mut seen = BTreeSet::new();
                for w in words.windows(2) {
                    let pair = format!("{}{}", w[0], w[1]);
                    let n = pair.chars().count();
                    if (4..=8).contains(&n)
                        && is_term(w[0])
                        && is_term(w[1])
                        && pair.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                        && !freqs.contains_key(pair.as_str())
                        && !own.contains_key(pair.as_str())
                        // The lexicon's own words stay whole and visible (培训 in 培训场次).
                        && !own.contains_key(w[0])
                        && !own.contains_key(w[1])
                        && seen.insert(pair.clone())
                    {
                        *pairs.entry(pair).or_default() += 1;
                    }
                }
            }
        }
        let collocations: BTreeMap<String, u32> = pairs
            .into_iter()
            .filter(|(_, n)| f64::from(*n) >= p.collocation_min)
            .collect();
        let seg = crate::segment::Segmenter::new(
            base.iter().copied().chain(
                collocations
                    .keys()
                    .map(|w| (w.as_str(), COLLOCATION_FREQ as u64)),
            ),
        );
        // Entries of each class (and of each 款) that use each term.
        let mut counts: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut kuan_counts: BTreeMap<String, BTreeMap<(usize, usize), u32>> = BTreeMap::new();
        let mut totals = vec![0u64; nclass];
        for (ci, (_, f, kuan)) in lib.files.iter().enumerate() {
            for e in &f.indicators {
                let ki = kuan.iter().position(|k| *k == e[0]);
                let text = entry_text(e);
                let words = words_of(&seg, &text);
                let terms: BTreeSet<&str> = words
                    .iter()
                    .map(String::as_str)
                    .filter(|w| is_term(w))
                    .collect();
                for t in terms {
                    counts
                        .entry(t.to_string())
                        .or_insert_with(|| vec![0; nclass])[ci] += 1;
                    totals[ci] += 1;
                    if let Some(ki) = ki {
                        *kuan_counts
                            .entry(t.to_string())
                            .or_default()
                            .entry((ci, ki))
                            .or_default() += 1;
                    }
                }
            }
        }
        let n: f64 = totals.iter().sum::<u64>() as f64;
        let mut out = String::from(
            "# 由 rules/library/*.yaml 生成（JXLINT_BLESS=1 cargo test --test library），请勿手改。\n\
             # 词<TAB>切词频率<TAB>词性（col：指标库中常连用的两个词）<TAB>类序号:条数:z 值…（z：该词在此类与其他类之间的加权对数几率，带信息先验）<TAB>类序号.款序号:条数…\n",
        );
        for (t, ys) in &counts {
            let yt: u32 = ys.iter().sum();
            if f64::from(yt) < p.term_min && !own.contains_key(t.as_str()) {
                continue;
            }
            let alpha_t = p.prior * f64::from(yt) / n;
            let mut cols = Vec::new();
            for (ci, &y) in ys.iter().enumerate() {
                if y == 0 {
                    continue;
                }
                let (yc, nc) = (f64::from(y), totals[ci] as f64);
                let (yr, nr) = (f64::from(yt - y), n - nc);
                let delta = ((yc + alpha_t) / (nc + p.prior - yc - alpha_t)).ln()
                    - ((yr + alpha_t) / (nr + p.prior - yr - alpha_t)).ln();
                let var = 1.0 / (yc + alpha_t) + 1.0 / (yr + alpha_t);
                let z = delta / var.sqrt();
                cols.push(format!("{ci}:{y}:{z:.2}"));
            }
            let (freq, pos) = own
                .get(t.as_str())
                .or_else(|| freqs.get(t.as_str()))
                .copied()
                .or_else(|| {
                    collocations
                        .contains_key(t.as_str())
                        .then_some((COLLOCATION_FREQ, "col"))
                })
                .unwrap_or((1, "x"));
            let kuan: Vec<String> = kuan_counts
                .get(t)
                .into_iter()
                .flatten()
                .map(|((ci, ki), y)| format!("{ci}.{ki}:{y}"))
                .collect();
            let _ = writeln!(
                out,
                "{t}\t{freq}\t{pos}\t{}\t{}",
                cols.join(" "),
                kuan.join(" ")
            );
        }
        out
    }
}
