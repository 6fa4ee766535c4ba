//! R001 and R002 measured on the labelled sets of fixtures/relevance/ (see SPLIT.md and
//! TRANSPLANT.md for how each was written and split):
//! - set2 (synthetic projects of 36 fields the seed does not cover, foreign and hard-relevant
//!   rows), split by field;
//! - transplant (rows of real published tables pasted into other real tables), split by the
//!   donor's field;
//! - slogans (R002: slogans and measurable look-alikes from real pages), split by text hash;
//! - the real-table corpus (fixtures/real): R001 must never fire where the labels do not ask
//!   for it.
//!
//! Rules are tuned on the dev parts only. The held-out figures are the accuracy figures the
//! README reports; this test prints the misses of the dev parts only. `JXLINT_SHOW_OLD=1` also
//! prints the held-out misses and figures of the seen sets (every set up to set6 and slogans6:
//! each was measured several times and then used for development; set7 and slogans7 since
//! sets 8), never those of the fresh
//! sets (set9 and slogans9, written 2026-11-30 for the sixth session; set8, slogans8 and
//! transplant6, held out whole — though slogans8's first 28 rows were displayed once in the
//! sixth session, and transplant6 has no successor, so it stays held out although it has been
//! printed since sets 6); slogans10 (written and real rows, the dev set of the tenth session) and
//! slogans11 (written, held out whole, measured figures only; the cleanest R002 set since
//! slogans9's first 37 rows were displayed once in the tenth session); slogans12 (written, dev: look-alikes
//! with values that are no number, for precision);
//! `JXLINT_SHOW_HOLDOUT=1` prints every held-out part (for the maintainer's one measurement);
//! `JXLINT_HOLDOUT_FIGURES=1` prints every part's figures but no held-out miss.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jxlint::config::Overrides;
use jxlint::model::{Field, Format, Project};
use jxlint::{Input, Options};
use serde::Deserialize;

#[derive(Default, Clone, Copy, Debug)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn add(&mut self, truth: bool, fired: bool) {
        match (truth, fired) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn line(&self, what: &str) -> String {
        format!(
            "{what}: precision {:.3}, recall {:.3} (tp {}, fp {}, fn {}, tn {})",
            self.precision(),
            self.recall(),
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

/// Whether the misses and figures of a set's split are printed: dev always; the held-out part
/// of the older sets (set2, transplant, slogans, seen by earlier sessions) with
/// `JXLINT_SHOW_OLD=1`; every held-out part only with `JXLINT_SHOW_HOLDOUT=1`.
fn show(set: &str, split: &str) -> bool {
    let fresh = [
        "set8",
        "set9",
        "transplant6",
        "slogans8",
        "slogans9",
        "slogans11",
    ]
    .contains(&set);
    split == "dev"
        || std::env::var_os("JXLINT_SHOW_HOLDOUT").is_some()
        || (!fresh && std::env::var_os("JXLINT_SHOW_OLD").is_some())
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jxlint-eval-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn only(codes: &[&str]) -> Options {
    Options {
        // For tuning: `JXLINT_EVAL_CONFIG=path/.jxlint.yaml` (params of rules/relevance.yaml).
        config: std::env::var_os("JXLINT_EVAL_CONFIG").map(PathBuf::from),
        overrides: Overrides {
            select: Some(codes.iter().map(|s| s.to_string()).collect()),
            ignore: None,
        },
        ..Options::default()
    }
}

/// A labelled set of fixtures/relevance/.
fn load<T: serde::de::DeserializeOwned>(file: &str) -> T {
    let path = format!("fixtures/relevance/{file}");
    serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The real tables of fixtures/real by file stem, read once each.
fn real_tables<'a>(
    stems: impl Iterator<Item = &'a String>,
) -> BTreeMap<String, jxlint::model::Document> {
    let mut docs = BTreeMap::new();
    for stem in stems {
        docs.entry(stem.clone())
            .or_insert_with(|| read(&Path::new("fixtures/real").join(format!("{stem}.yaml"))));
    }
    docs
}

fn read(path: &Path) -> jxlint::model::Document {
    let text = std::fs::read_to_string(path).unwrap();
    let src = jxlint::source::SourceFile::new(path.to_string_lossy().as_ref(), text);
    jxlint::read_source(&src, Format::Yaml).unwrap()
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn opt(f: &Option<Field>) -> Option<&str> {
    f.as_ref()
        .map(|f| f.text.as_str())
        .filter(|t| !t.trim().is_empty())
}

/// A YAML target document of one project: the host's name, department, use, goals,
/// function code and rows, plus extra rows.
fn project_yaml(
    p: &Project,
    department: Option<&str>,
    extra: &[&jxlint::model::Indicator],
) -> String {
    let mut y = String::new();
    if let Some(d) = department.or(opt(&p.department)) {
        y.push_str(&format!("department: {}\n", q(d)));
    }
    y.push_str(&format!("name: {}\n", q(p.display_name())));
    y.push_str("budget: {total: 10}\n");
    if let Some(u) = opt(&p.purpose) {
        y.push_str(&format!("purpose: {}\n", q(u)));
    }
    if let Some(c) = opt(&p.function_code) {
        y.push_str(&format!("function_code: {}\n", q(c)));
    }
    if let Some(g) = &p.goals {
        y.push_str("goals:\n");
        for l in &g.lines {
            y.push_str(&format!("  - {}\n", q(&l.text)));
        }
    }
    y.push_str("indicators:\n");
    for ind in p.indicators.iter().chain(extra.iter().copied()) {
        let mut cells = Vec::new();
        for (k, f) in [
            ("level1", &ind.level1),
            ("level2", &ind.level2),
            ("level3", &ind.level3),
            ("description", &ind.description),
            ("value", &ind.value),
        ] {
            if let Some(t) = opt(f) {
                cells.push(format!("{k}: {}", q(t)));
            }
        }
        y.push_str(&format!("  - {{{}}}\n", cells.join(", ")));
    }
    y
}

fn explain(p: &Project, department: Option<&str>, ind: &jxlint::model::Indicator) -> String {
    let text: String = ind
        .wording()
        .map(|(_, f)| jxlint::text::fold(&f.text))
        .collect::<Vec<_>>()
        .join("|");
    explain_text(p, department, &text)
}

fn explain_text(p: &Project, department: Option<&str>, text: &str) -> String {
    let data = jxlint::data::RuleData::embedded();
    let lex = data.lexicon();
    let space = jxlint::fields::ClassSpace::new(lex);
    let place = jxlint::suggest::place_project(data, lex, &space, p, department);
    jxlint::fields::explain(data, lex, &space, &place, text)
}

/// For each (file, project, row) the R001 findings of a run.
fn fired(report: &jxlint::Report, code: &str) -> BTreeMap<(String, usize, usize), String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .filter_map(|d| {
            Some((
                (d.path.to_string(), d.project_index, d.indicator_index?),
                d.message.clone(),
            ))
        })
        .collect()
}

#[derive(Deserialize)]
struct Label2 {
    #[allow(dead_code)]
    field: String,
    split: String,
    #[serde(default)]
    foreign: Vec<String>,
    #[serde(default)]
    hard: Vec<String>,
}

/// set2 (or set3): (split → all rows, hard rows).
fn set2(n: u8) -> BTreeMap<String, (Counts, Counts)> {
    let labels: BTreeMap<String, Label2> = load(&format!("labels{n}.yaml"));
    let path = PathBuf::from(format!("fixtures/relevance/set{n}.yaml"));
    let path = path.as_path();
    let doc = read(path);
    let report = jxlint::check(&[Input::Path(path.into())], &only(&["R001"]));
    let fired = fired(&report, "R001");
    let mut out: BTreeMap<String, (Counts, Counts)> = BTreeMap::new();
    for (pi, p) in doc.projects.iter().enumerate() {
        let l = &labels[p.display_name()];
        let (all, hard) = out.entry(l.split.clone()).or_default();
        for (k, ind) in p.indicators.iter().enumerate() {
            let name = ind.level3.as_ref().unwrap().text.trim();
            let truth = l.foreign.iter().any(|f| f == name);
            let msg = fired.get(&(report.files[0].path.clone(), pi + 1, k + 1));
            all.add(truth, msg.is_some());
            if l.hard.iter().any(|f| f == name) {
                hard.add(false, msg.is_some());
            }
            if show(&format!("set{n}"), &l.split) && truth != msg.is_some() {
                println!(
                    "  set{n} {}: {} / {name}{}",
                    if truth { "missed" } else { "false alarm" },
                    p.display_name(),
                    msg.map(|m| format!(" — {m}")).unwrap_or_default()
                );
                if std::env::var_os("JXLINT_EXPLAIN").is_some() {
                    println!("      {}", explain(p, opt(&doc.department), ind));
                }
            }
        }
    }
    out
}

#[derive(Deserialize)]
struct Pair {
    host: String,
    donor: String,
    row: usize,
    level3: String,
    foreign: bool,
    split: String,
    #[allow(dead_code)]
    why: String,
}

fn transplant() -> BTreeMap<String, Counts> {
    let pairs: Vec<Pair> = load("transplant.yaml");
    let dir = tmpdir("transplant");
    let docs = real_tables(pairs.iter().flat_map(|p| [&p.host, &p.donor]));
    for (i, p) in pairs.iter().enumerate() {
        let host = &docs[&p.host];
        let donor = &docs[&p.donor];
        let row = &donor.projects[0].indicators[p.row - 1];
        assert_eq!(row.level3.as_ref().unwrap().text.trim(), p.level3.trim());
        let y = project_yaml(&host.projects[0], opt(&host.department), &[row]);
        std::fs::write(dir.join(format!("{i:03}.yaml")), y).unwrap();
    }
    let pasted: Vec<Pasted> = pairs
        .iter()
        .map(|p| {
            let host = &docs[&p.host];
            let row = &docs[&p.donor].projects[0].indicators[p.row - 1];
            Pasted::new(
                host,
                p.foreign,
                &p.split,
                &p.donor,
                &p.level3,
                Box::new(move || explain(&host.projects[0], opt(&host.department), row)),
            )
        })
        .collect();
    tally("transplant", &dir, &pasted)
}

/// A row of a new real table (transplant3.yaml) pasted into a table of fixtures/real.
#[derive(Deserialize)]
struct Pair3 {
    host: String,
    #[allow(dead_code)]
    donor_source: String,
    donor_project: String,
    #[allow(dead_code)]
    donor_field: String,
    level1: String,
    level2: String,
    level3: String,
    value: String,
    foreign: bool,
    split: String,
    #[allow(dead_code)]
    why: String,
}

fn transplant3(n: &str) -> BTreeMap<String, Counts> {
    let set = format!("transplant{n}");
    let pairs: Vec<Pair3> = load(&format!("{set}.yaml"));
    let dir = tmpdir(&set);
    let docs = real_tables(pairs.iter().map(|p| &p.host));
    for (i, p) in pairs.iter().enumerate() {
        let host = &docs[&p.host];
        let mut y = project_yaml(&host.projects[0], opt(&host.department), &[]);
        let mut cells = vec![
            format!("level1: {}", q(&p.level1)),
            format!("level2: {}", q(&p.level2)),
            format!("level3: {}", q(&p.level3)),
        ];
        if !p.value.trim().is_empty() {
            cells.push(format!("value: {}", q(&p.value)));
        }
        y.push_str(&format!("  - {{{}}}\n", cells.join(", ")));
        std::fs::write(dir.join(format!("{i:03}.yaml")), y).unwrap();
    }
    let pasted: Vec<Pasted> = pairs
        .iter()
        .map(|p| {
            let host = &docs[&p.host];
            Pasted::new(
                host,
                p.foreign,
                &p.split,
                &p.donor_project,
                &p.level3,
                Box::new(move || {
                    let text = jxlint::text::fold(&p.level3);
                    explain_text(&host.projects[0], opt(&host.department), &text)
                }),
            )
        })
        .collect();
    tally(&set, &dir, &pasted)
}

/// A row pasted into a host table by a transplant set, as scored: row `k` of the one project of
/// file `NNN.yaml` (its place in the list), its label and split, and how to show it.
struct Pasted<'a> {
    k: usize,
    foreign: bool,
    split: &'a str,
    what: String,
    explain: Box<dyn Fn() -> String + 'a>,
}

impl<'a> Pasted<'a> {
    /// A row of `donor` (its 三级指标 `level3`) pasted after the rows of `host`'s one project.
    fn new(
        host: &jxlint::model::Document,
        foreign: bool,
        split: &'a str,
        donor: &str,
        level3: &str,
        explain: Box<dyn Fn() -> String + 'a>,
    ) -> Self {
        Pasted {
            k: host.projects[0].indicators.len() + 1,
            foreign,
            split,
            what: format!("{} ← {donor} / {level3}", host.projects[0].display_name()),
            explain,
        }
    }
}

/// R001 over the files of `dir` (one per pasted row), counted per split; the misses and false
/// alarms of the parts [`show`] allows are printed.
fn tally(set: &str, dir: &Path, pasted: &[Pasted]) -> BTreeMap<String, Counts> {
    let report = jxlint::check(&[Input::Path(dir.to_path_buf())], &only(&["R001"]));
    let fired = fired(&report, "R001");
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for (i, p) in pasted.iter().enumerate() {
        let path = dir
            .join(format!("{i:03}.yaml"))
            .to_string_lossy()
            .into_owned();
        let msg = fired.get(&(path, 1, p.k));
        out.entry(p.split.to_string())
            .or_default()
            .add(p.foreign, msg.is_some());
        if show(set, p.split) && p.foreign != msg.is_some() {
            println!(
                "  {set} {}: {}{}",
                if p.foreign { "missed" } else { "false alarm" },
                p.what,
                msg.map(|m| format!(" — {m}")).unwrap_or_default()
            );
            if std::env::var_os("JXLINT_EXPLAIN").is_some() {
                println!("      {}", (p.explain)());
            }
        }
    }
    let _ = std::fs::remove_dir_all(dir);
    out
}

#[derive(Deserialize)]
struct Slogan {
    text: String,
    slogan: bool,
    /// The row's 指标值 where the page shows it (slogans3.yaml); "明显提升" otherwise.
    #[serde(default)]
    value: String,
    /// The page a text was copied from (none in the written slogans7.yaml).
    #[allow(dead_code)]
    #[serde(default)]
    source: String,
    split: String,
}

/// R002 on a slogan set: each text as the 三级指标 of a row of a plain project. Counted per
/// split, and again per split for the texts taken from indicator rows only (`SPLIT rows`):
/// the sets mark texts of goal or report prose with a `# goal text` / `# report prose` comment.
fn slogans(file: &str) -> BTreeMap<String, Counts> {
    let items: Vec<Slogan> = load(file);
    let raw = std::fs::read_to_string(format!("fixtures/relevance/{file}")).unwrap();
    let prose: Vec<bool> = raw
        .lines()
        .filter(|l| l.trim_start().starts_with("- {"))
        .map(|l| l.contains("# goal text") || l.contains("# report prose"))
        .collect();
    assert_eq!(prose.len(), items.len(), "{file}: one item a line");
    let dir = tmpdir("slogans");
    let mut y = String::from("projects:\n");
    for s in &items {
        y.push_str(&format!(
            "  - name: 专项工作经费\n    budget: {{total: 10}}\n    indicators:\n      \
             - {{level1: 效益指标, level2: 社会效益指标, level3: {}, value: {}}}\n",
            q(&s.text),
            q(if s.value.trim().is_empty() {
                "明显提升"
            } else {
                &s.value
            })
        ));
    }
    let path = dir.join("slogans.yaml");
    std::fs::write(&path, y).unwrap();
    let report = jxlint::check(&[Input::Path(path.clone())], &only(&["R002"]));
    let fired = fired(&report, "R002");
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for (i, s) in items.iter().enumerate() {
        let did = fired.contains_key(&(path.to_string_lossy().into_owned(), i + 1, 1));
        out.entry(s.split.clone()).or_default().add(s.slogan, did);
        if !prose[i] {
            out.entry(format!("{} rows", s.split))
                .or_default()
                .add(s.slogan, did);
        }
        let set = file.trim_end_matches(".yaml");
        if show(set, &s.split) && s.slogan != did {
            println!(
                "  {file} {}: {}",
                if s.slogan { "missed" } else { "false alarm" },
                s.text
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// The counts of two halves of a set (transplant5a and 5b, slogans5a and 5b) as one.
fn merge(mut a: BTreeMap<String, Counts>, b: BTreeMap<String, Counts>) -> BTreeMap<String, Counts> {
    for (split, c) in b {
        let x = a.entry(split).or_default();
        x.tp += c.tp;
        x.fp += c.fp;
        x.fn_ += c.fn_;
        x.tn += c.tn;
    }
    a
}

/// R001 and R002 findings on the real corpus that its labels do not ask for.
fn real_false_alarms() -> Vec<String> {
    let labels: BTreeMap<String, serde_json::Value> = {
        let text = std::fs::read_to_string("fixtures/real/labels.yaml").unwrap();
        serde_saphyr::from_str(&text).unwrap()
    };
    let report = jxlint::check(
        &[Input::Path("fixtures/real".into())],
        &only(&["R001", "R002"]),
    );
    let mut out = Vec::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('R'))
    {
        let stem = Path::new(&*d.path).file_stem().unwrap().to_string_lossy();
        let row = d.indicator_index.unwrap_or(0).to_string();
        let l = &labels[stem.as_ref()];
        let wanted = |part: &str| {
            l[part][&row]
                .as_array()
                .is_some_and(|a| a.iter().any(|c| c == d.code))
        };
        if !wanted("rows") && !wanted("unsure") {
            out.push(format!("{stem} row {row}: {} {}", d.code, d.message));
        }
    }
    out
}

#[test]
fn relevance_on_the_labelled_sets() {
    let s2 = set2(2);
    let s3 = set2(3);
    let s4 = set2(4);
    let s5 = set2(5);
    let s6 = set2(6);
    let s7 = set2(7);
    let s8 = set2(8);
    let s9 = set2(9);
    let tr = transplant();
    let tr3 = transplant3("3");
    let tr4 = transplant3("4");
    let tr5 = merge(transplant3("5a"), transplant3("5b"));
    let tr6 = transplant3("6");
    let sl = slogans("slogans.yaml");
    let sl3 = slogans("slogans3.yaml");
    let sl4 = slogans("slogans4.yaml");
    let sl5 = merge(slogans("slogans5a.yaml"), slogans("slogans5b.yaml"));
    let sl6 = slogans("slogans6.yaml");
    let sl7 = slogans("slogans7.yaml");
    let sl8 = slogans("slogans8.yaml");
    let sl9 = slogans("slogans9.yaml");
    let sl10 = slogans("slogans10.yaml");
    let sl11 = slogans("slogans11.yaml");
    let sl12 = slogans("slogans12.yaml");
    let fa = real_false_alarms();
    for m in &fa {
        println!("  real false alarm: {m}");
    }
    let mut lines = Vec::new();
    for (split, (all, hard)) in &s2 {
        lines.push(all.line(&format!("R001 set2 {split}")));
        lines.push(format!(
            "R001 set2 {split}, hard relevant rows: {} of {} flagged",
            hard.fp,
            hard.fp + hard.tn
        ));
    }
    for (n, s) in [
        (3, &s3),
        (4, &s4),
        (5, &s5),
        (6, &s6),
        (7, &s7),
        (8, &s8),
        (9, &s9),
    ] {
        for (split, (all, hard)) in s {
            lines.push(all.line(&format!("R001 set{n} {split}")));
            lines.push(format!(
                "R001 set{n} {split}, hard relevant rows: {} of {} flagged",
                hard.fp,
                hard.fp + hard.tn
            ));
        }
    }
    for (split, c) in &tr {
        lines.push(c.line(&format!("R001 transplant {split}")));
    }
    for (split, c) in &tr3 {
        lines.push(c.line(&format!("R001 transplant3 {split}")));
    }
    for (split, c) in &tr4 {
        lines.push(c.line(&format!("R001 transplant4 {split}")));
    }
    for (split, c) in &tr5 {
        lines.push(c.line(&format!("R001 transplant5 {split}")));
    }
    for (split, c) in &tr6 {
        lines.push(c.line(&format!("R001 transplant6 {split}")));
    }
    for (split, c) in &sl {
        lines.push(c.line(&format!("R002 slogans {split}")));
    }
    for (split, c) in &sl3 {
        lines.push(c.line(&format!("R002 slogans3 {split}")));
    }
    for (split, c) in &sl4 {
        lines.push(c.line(&format!("R002 slogans4 {split}")));
    }
    for (split, c) in &sl5 {
        lines.push(c.line(&format!("R002 slogans5 {split}")));
    }
    for (split, c) in &sl6 {
        lines.push(c.line(&format!("R002 slogans6 {split}")));
    }
    for (split, c) in &sl7 {
        lines.push(c.line(&format!("R002 slogans7 {split}")));
    }
    for (split, c) in &sl8 {
        lines.push(c.line(&format!("R002 slogans8 {split}")));
    }
    for (split, c) in &sl9 {
        lines.push(c.line(&format!("R002 slogans9 {split}")));
    }
    for (split, c) in &sl10 {
        lines.push(c.line(&format!("R002 slogans10 {split}")));
    }
    for (split, c) in &sl11 {
        lines.push(c.line(&format!("R002 slogans11 {split}")));
    }
    for (split, c) in &sl12 {
        lines.push(c.line(&format!("R002 slogans12 {split}")));
    }
    lines.push(format!(
        "R001/R002 false alarms on the real corpus: {}",
        fa.len()
    ));
    // `JXLINT_HOLDOUT_FIGURES=1`: every part's figures, no held-out miss.
    let figures = std::env::var_os("JXLINT_HOLDOUT_FIGURES").is_some();
    for l in lines.iter().filter(|l| {
        figures || {
            let set = l
                .split_whitespace()
                .nth(1)
                .unwrap_or("")
                .trim_end_matches(',');
            show(
                set,
                if l.contains("holdout") {
                    "holdout"
                } else {
                    "dev"
                },
            )
        }
    }) {
        println!("{l}");
    }
    assert!(fa.is_empty(), "false alarms on real tables: {fa:#?}");
}

/// `JXLINT_DEBUG_TEXT='文字|文字' cargo test --test relevance_eval debug_tokens -- --nocapture --ignored`
/// prints how the relevance rules see each text.
#[test]
#[ignore]
fn debug_tokens() {
    let data = jxlint::data::RuleData::embedded();
    let lex = data.lexicon();
    for text in std::env::var("JXLINT_DEBUG_TEXT")
        .unwrap_or_default()
        .split('|')
    {
        let text = jxlint::text::fold(text);
        println!("{text}");
        for t in lex.tokens(&text) {
            let term = jxlint::library::term(t.word);
            println!(
                "  {} {:?} generic={}",
                t.word,
                term.map(|t| (t.pos, t.classes)),
                jxlint::fields::generic(data, t.word, term)
            );
        }
    }
}

/// `JXLINT_DEBUG_FILE=x.yaml cargo test --test relevance_eval debug_file -- --nocapture --ignored`
/// prints how R001 sees every row of a YAML document.
#[test]
#[ignore]
fn debug_file() {
    let path = PathBuf::from(std::env::var("JXLINT_DEBUG_FILE").unwrap_or_default());
    let doc = read(&path);
    for p in &doc.projects {
        println!("{}", p.display_name());
        for ind in &p.indicators {
            println!(
                "  {} | {}",
                ind.level3.as_ref().map(|f| f.text.as_str()).unwrap_or(""),
                explain(p, opt(&doc.department), ind)
            );
        }
    }
}
