//! The CI formats through the CLI: `--format sarif` valid against the official SARIF 2.1.0
//! schema (vendored in `tests/sarif/`, see its README) with every rule; `--format github` line
//! by line; `--format gitlab` with fingerprints that are unique and survive reordering rows.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

/// A JSON Schema draft-04 validator for the keywords the SARIF schema uses, and only those: any
/// other keyword panics, so a constraint it does not know can never pass silently.
mod schema {
    use regex::Regex;
    use serde_json::Value;

    /// Keywords that constrain nothing.
    const ANNOTATIONS: &[&str] = &[
        "description",
        "default",
        "title",
        "id",
        "$schema",
        "definitions",
    ];

    pub struct Validator<'s> {
        root: &'s Value,
    }

    impl<'s> Validator<'s> {
        pub fn new(root: &'s Value) -> Validator<'s> {
            Validator { root }
        }

        /// Every violation, as "JSON pointer of the instance: what is wrong".
        pub fn errors(&self, instance: &Value) -> Vec<String> {
            let mut errors = Vec::new();
            self.check(self.root, instance, "", &mut errors);
            errors
        }

        fn resolve(&self, reference: &str) -> &'s Value {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("only local $ref is implemented: {reference}"));
            self.root
                .pointer(pointer)
                .unwrap_or_else(|| panic!("unresolved $ref {reference}"))
        }

        fn check(&self, schema: &'s Value, v: &Value, at: &str, errors: &mut Vec<String>) {
            let s = schema
                .as_object()
                .unwrap_or_else(|| panic!("schema for {at} is not an object"));
            // Draft-04: a $ref replaces its whole object.
            if let Some(r) = s.get("$ref") {
                let r = r.as_str().expect("$ref is a string");
                return self.check(self.resolve(r), v, at, errors);
            }
            let mut err = |m: String| errors.push(format!("{at}: {m}"));
            let mut sub_errors = Vec::new();
            for (keyword, k) in s {
                match keyword.as_str() {
                    "type" => {
                        let types: Vec<&str> = match k {
                            Value::String(t) => vec![t.as_str()],
                            Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
                            _ => panic!("bad type keyword at {at}"),
                        };
                        if !types.iter().any(|t| has_type(v, t)) {
                            err(format!("is not of type {types:?}: {v}"));
                        }
                    }
                    "enum" => {
                        if !k.as_array().unwrap().contains(v) {
                            err(format!("{v} is not one of {k}"));
                        }
                    }
                    "required" => {
                        if let Some(o) = v.as_object() {
                            for name in k.as_array().unwrap() {
                                let name = name.as_str().unwrap();
                                if !o.contains_key(name) {
                                    err(format!("lacks the required property {name}"));
                                }
                            }
                        }
                    }
                    "properties" | "additionalProperties" => {
                        // Both are handled once, under "properties" or (without it) here.
                        if keyword == "additionalProperties" && s.contains_key("properties") {
                            continue;
                        }
                        let Some(o) = v.as_object() else { continue };
                        let props = s.get("properties").and_then(|p| p.as_object());
                        for (name, value) in o {
                            let here = format!("{at}/{name}");
                            if let Some(p) = props.and_then(|p| p.get(name)) {
                                self.check(p, value, &here, &mut sub_errors);
                                continue;
                            }
                            match s.get("additionalProperties") {
                                None | Some(Value::Bool(true)) => {}
                                Some(Value::Bool(false)) => {
                                    err(format!("has a property not allowed: {name}"))
                                }
                                Some(extra) => self.check(extra, value, &here, &mut sub_errors),
                            }
                        }
                    }
                    "items" => {
                        let Some(a) = v.as_array() else { continue };
                        assert!(
                            k.is_object(),
                            "only one schema for all items is implemented"
                        );
                        for (i, item) in a.iter().enumerate() {
                            self.check(k, item, &format!("{at}/{i}"), &mut sub_errors);
                        }
                    }
                    "minItems" => {
                        if let Some(a) = v.as_array()
                            && (a.len() as u64) < k.as_u64().unwrap()
                        {
                            err(format!("has fewer than {k} items"));
                        }
                    }
                    "uniqueItems" => {
                        if k == &Value::Bool(true)
                            && let Some(a) = v.as_array()
                        {
                            for i in 0..a.len() {
                                if a[i + 1..].contains(&a[i]) {
                                    err(format!("item {i} is repeated"));
                                }
                            }
                        }
                    }
                    "minimum" | "maximum" => {
                        let Some(x) = v.as_f64() else { continue };
                        let bound = k.as_f64().unwrap();
                        let (exclusive, ok) = if keyword == "minimum" {
                            let e = s.get("exclusiveMinimum") == Some(&Value::Bool(true));
                            (e, if e { x > bound } else { x >= bound })
                        } else {
                            let e = s.get("exclusiveMaximum") == Some(&Value::Bool(true));
                            (e, if e { x < bound } else { x <= bound })
                        };
                        if !ok {
                            let strict = if exclusive { " (exclusive)" } else { "" };
                            err(format!("{x} is beyond the {keyword} {bound}{strict}"));
                        }
                    }
                    "exclusiveMinimum" | "exclusiveMaximum" => {}
                    "pattern" => {
                        if let Some(text) = v.as_str() {
                            let re = Regex::new(k.as_str().unwrap()).expect("pattern compiles");
                            if !re.is_match(text) {
                                err(format!("{text:?} does not match {k}"));
                            }
                        }
                    }
                    "format" => {
                        if let Some(text) = v.as_str() {
                            let ok = match k.as_str().unwrap() {
                                "uri" => is_uri(text),
                                "uri-reference" => is_uri_reference(text),
                                "date-time" => is_date_time(text),
                                other => panic!("format {other} is not implemented"),
                            };
                            if !ok {
                                err(format!("{text:?} is not a valid {k}"));
                            }
                        }
                    }
                    "anyOf" | "oneOf" => {
                        let passing = k
                            .as_array()
                            .unwrap()
                            .iter()
                            .filter(|alt| {
                                let mut e = Vec::new();
                                self.check(alt, v, at, &mut e);
                                e.is_empty()
                            })
                            .count();
                        if keyword == "anyOf" && passing == 0 {
                            err(format!("matches none of anyOf {k}"));
                        }
                        if keyword == "oneOf" && passing != 1 {
                            err(format!("matches {passing} of oneOf {k}, not exactly one"));
                        }
                    }
                    a if ANNOTATIONS.contains(&a) => {}
                    other => panic!("keyword {other} is not implemented (schema for {at})"),
                }
            }
            errors.extend(sub_errors);
        }
    }

    fn has_type(v: &Value, t: &str) -> bool {
        match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|x| x.fract() == 0.0),
            other => panic!("type {other} is not implemented"),
        }
    }

    /// RFC 3986: only unreserved and reserved characters and percent escapes, one `#` at most.
    fn uri_characters(s: &str) -> bool {
        let chars =
            Regex::new(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$").unwrap();
        chars.is_match(s) && s.matches('#').count() <= 1
    }

    fn has_scheme(s: &str) -> bool {
        Regex::new(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
            .unwrap()
            .is_match(s)
    }

    pub fn is_uri(s: &str) -> bool {
        uri_characters(s) && has_scheme(s)
    }

    /// A URI, or a relative reference (whose first segment has no `:`).
    pub fn is_uri_reference(s: &str) -> bool {
        let first_segment = s.split(['/', '?', '#']).next().unwrap_or("");
        uri_characters(s) && (has_scheme(s) || !first_segment.contains(':'))
    }

    /// RFC 3339.
    pub fn is_date_time(s: &str) -> bool {
        Regex::new(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
            .unwrap()
            .is_match(s)
    }
}

fn jxlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .output()
        .expect("run jxlint")
}

fn jxlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run jxlint")
}

fn parse(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch("ci", name)
}

const SCHEMA: &str = include_str!("sarif/sarif-schema-2.1.0.json");

fn sarif_schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is JSON")
}

/// Panics with every violation when the log is not valid SARIF 2.1.0.
fn assert_valid_sarif(log: &Value) {
    let schema = sarif_schema();
    let errors = schema::Validator::new(&schema).errors(log);
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
}

fn sarif_level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        "info" => "note",
        other => panic!("severity {other}"),
    }
}

#[test]
fn the_vendored_schema_is_the_official_one() {
    // tests/sarif/README.md: sha256 c3b4bb2d…2682e, 112 768 bytes; checked here by length and
    // FNV-1a, so an edit to the file cannot go unnoticed.
    assert_eq!(SCHEMA.len(), 112_768);
    assert_eq!(
        jxlint::report::keys::fingerprint(SCHEMA),
        "4d211c5447f9dfd0"
    );
    let s = sarif_schema();
    assert_eq!(
        s["id"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    assert_eq!(s["$schema"], "http://json-schema.org/draft-04/schema#");
    assert_eq!(s["id"], jxlint::report::sarif::SCHEMA_URI);
}

#[test]
fn sarif_on_the_seed_is_valid_and_lists_every_rule() {
    let out = jxlint(&["check", "--format", "sarif", "fixtures/seed.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let log = parse(&out);
    assert_valid_sarif(&log);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["$schema"], jxlint::report::sarif::SCHEMA_URI);
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "jxlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    // Every rule of the registry, in order, with its 标题, docs and examples.
    let rules = driver["rules"].as_array().unwrap();
    let registry = jxlint::rules::registry();
    assert_eq!(rules.len(), registry.len());
    for (r, want) in rules.iter().zip(registry) {
        assert_eq!(r["id"], want.code);
        assert_eq!(r["name"], want.name);
        assert_eq!(r["shortDescription"]["text"], want.title);
        let full = r["fullDescription"]["text"].as_str().unwrap();
        assert!(full.contains(want.doc.what) && full.contains(want.doc.why));
        let md = r["help"]["markdown"].as_str().unwrap();
        let text = r["help"]["text"].as_str().unwrap();
        for example in [want.doc.bad, want.doc.good] {
            assert!(md.contains(example.trim_end()), "{}", want.code);
            assert!(text.contains(example.trim_end()), "{}", want.code);
        }
        // YAML examples; Word text for the D rules, which need a whole disclosure.
        let fence = format!("```{}\n", want.doc.example_fence());
        assert_eq!(md.matches(fence.as_str()).count(), 2, "{}", want.code);
        assert_eq!(
            r["defaultConfiguration"]["level"],
            sarif_level(want.severity.as_str())
        );
    }

    // One result per finding, in the JSON report's order, at the same places.
    let report = parse(&jxlint(&["check", "--format", "json", "fixtures/seed.txt"]));
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    // 69 about the target tables, 7 about the disclosure (D001, 2 D002, 4 D005).
    assert_eq!(results.len(), 76);
    let mut fingerprints = std::collections::BTreeSet::new();
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["code"]);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert_eq!(r["level"], sarif_level(d["severity"].as_str().unwrap()));
        let message = match d["help"].as_str() {
            Some(h) => format!("{}：{h}", d["message"].as_str().unwrap()),
            None => d["message"].as_str().unwrap().to_string(),
        };
        assert_eq!(r["message"]["text"], message);
        let place = &r["locations"][0]["physicalLocation"];
        assert_eq!(place["artifactLocation"]["uri"], "fixtures/seed.txt");
        assert_eq!(
            place["region"],
            json!({
                "startLine": d["line"], "startColumn": d["column"],
                "endLine": d["end_line"], "endColumn": d["end_column"],
            })
        );
        let related = d["related"].as_array().map(Vec::len).unwrap_or(0);
        let sarif_related = r["relatedLocations"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(sarif_related, related);
        for (i, rl) in r["relatedLocations"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let want = &d["related"][i];
            assert_eq!(rl["id"], i);
            assert_eq!(rl["physicalLocation"]["region"]["startLine"], want["line"]);
        }
        let fp = r["partialFingerprints"]["jxlintKey/v1"].as_str().unwrap();
        assert_eq!(fp.len(), 16);
        assert!(fingerprints.insert(fp.to_string()), "fingerprint repeated");
    }
    // Several findings cover more than one cell.
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()));
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert!(invocation.get("toolExecutionNotifications").is_none());
}

#[test]
fn sarif_names_unreadable_files_and_encodes_paths() {
    let dir = scratch("sarif-folder");
    std::fs::create_dir_all(dir.join("预算 2025")).unwrap();
    std::fs::copy(
        "fixtures/rules/V001.yaml",
        dir.join("预算 2025/项目#1.yaml"),
    )
    .unwrap();
    std::fs::write(dir.join("bad.yaml"), "name: [\n").unwrap();
    std::fs::write(dir.join("a.wps"), "x").unwrap();
    let out = jxlint_in(&dir, &["check", "--format", "sarif", "."]);
    assert_eq!(out.status.code(), Some(2));
    let log = parse(&out);
    assert_valid_sarif(&log);
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "V001"));
    for r in results {
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "%E9%A2%84%E7%AE%97%202025/%E9%A1%B9%E7%9B%AE%231.yaml"
        );
    }
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    let unreadable: Vec<&Value> = notes.iter().filter(|n| n["level"] == "error").collect();
    assert_eq!(unreadable.len(), 1);
    let n = unreadable[0];
    assert_eq!(
        n["locations"][0]["physicalLocation"],
        json!({"artifactLocation": {"uri": "bad.yaml"}, "region": {"startLine": 1, "startColumn": 7}})
    );
    assert!(n["message"]["text"].as_str().unwrap().contains("YAML"));
    let unsupported: Vec<&Value> = notes.iter().filter(|n| n["level"] == "note").collect();
    assert_eq!(unsupported.len(), 1);
    assert_eq!(
        unsupported[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.wps"
    );
}

#[test]
fn sarif_on_a_table_format_names_cells_instead_of_lines() {
    let out = jxlint(&["check", "--format", "sarif", "fixtures/formats/seed.html"]);
    assert_eq!(out.status.code(), Some(1));
    let log = parse(&out);
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 50);
    for r in results {
        let loc = &r["locations"][0];
        assert!(loc["physicalLocation"].get("region").is_none());
        if let Some(table) = loc["properties"]["table"].as_u64() {
            let text = loc["message"]["text"].as_str().unwrap();
            assert!(text.contains(&format!("表{table} ")), "{text}");
        }
    }
    assert!(
        results
            .iter()
            .any(|r| r["locations"][0]["properties"]["table"].is_u64())
    );
}

#[test]
fn the_sarif_validator_rejects_invalid_logs() {
    let out = jxlint(&["check", "--format", "sarif", "fixtures/seed.txt"]);
    let valid = parse(&out);
    let schema = sarif_schema();
    let validator = schema::Validator::new(&schema);
    assert!(validator.errors(&valid).is_empty());
    type Mutation = fn(&mut Value);
    let mutations: &[(&str, Mutation)] = &[
        ("no version", |v| {
            v.as_object_mut().unwrap().remove("version");
        }),
        ("another version", |v| v["version"] = json!("2.0.0")),
        ("runs not an array", |v| v["runs"] = json!({})),
        ("$schema not a URI", |v| v["$schema"] = json!("sarif 2.1.0")),
        ("no tool name", |v| {
            v["runs"][0]["tool"]["driver"]
                .as_object_mut()
                .unwrap()
                .remove("name");
        }),
        ("a rule twice", |v| {
            let rules = v["runs"][0]["tool"]["driver"]["rules"]
                .as_array_mut()
                .unwrap();
            rules.push(rules[0].clone());
        }),
        ("unknown columnKind", |v| {
            v["runs"][0]["columnKind"] = json!("characters")
        }),
        ("unknown level", |v| {
            v["runs"][0]["results"][0]["level"] = json!("fatal")
        }),
        ("ruleIndex below -1", |v| {
            v["runs"][0]["results"][0]["ruleIndex"] = json!(-2)
        }),
        ("ruleIndex not an integer", |v| {
            v["runs"][0]["results"][0]["ruleIndex"] = json!(1.5)
        }),
        ("message without text or id", |v| {
            v["runs"][0]["results"][0]["message"] = json!({})
        }),
        ("a property the schema does not allow", |v| {
            v["runs"][0]["results"][0]["severity"] = json!("error")
        }),
        ("startLine 0", |v| {
            v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                json!(0)
        }),
        ("region without a start", |v| {
            v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] =
                json!({"startColumn": 3})
        }),
        ("a path that is not a URI reference", |v| {
            v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
                json!("预算/a b.yaml")
        }),
        ("a fingerprint that is not a string", |v| {
            v["runs"][0]["results"][0]["partialFingerprints"]["jxlintKey/v1"] = json!(7)
        }),
        ("an invocation without executionSuccessful", |v| {
            v["runs"][0]["invocations"][0]
                .as_object_mut()
                .unwrap()
                .remove("executionSuccessful");
        }),
    ];
    for (what, mutate) in mutations {
        let mut broken = valid.clone();
        mutate(&mut broken);
        let errors = validator.errors(&broken);
        assert!(!errors.is_empty(), "accepted a log with {what}");
    }
}

#[test]
#[should_panic(expected = "keyword not is not implemented")]
fn the_sarif_validator_refuses_keywords_it_does_not_know() {
    let schema = json!({"not": {"type": "string"}});
    schema::Validator::new(&schema).errors(&json!(1));
}

#[test]
fn uri_formats() {
    assert!(schema::is_uri_reference("a/b%20c.yaml"));
    assert!(schema::is_uri_reference("file:///tmp/x.yaml"));
    assert!(!schema::is_uri_reference("a b.yaml"));
    assert!(!schema::is_uri_reference("预算.yaml"));
    // A colon in a first segment makes a scheme (hence jxlint writes `c%3Ad.yaml`), or, where
    // no scheme can start, an invalid reference.
    assert!(schema::is_uri("c:d.yaml"));
    assert!(!schema::is_uri_reference("2025:v1.yaml"));
    assert!(!schema::is_uri_reference("a%2x.yaml"));
    assert!(schema::is_uri("https://docs.oasis-open.org/sarif/"));
    assert!(!schema::is_uri("fixtures/seed.txt"));
    assert!(schema::is_date_time("2025-01-31T12:00:00Z"));
    assert!(!schema::is_date_time("2025-01-31"));
}

#[test]
fn github_annotations_line_by_line() {
    let dir = scratch("github");
    std::fs::write(
        dir.join("目标,2025:v1.yaml"),
        "name: 国企退休教师生活补贴
budget: {total: 29.31}
purpose: 支付国企退休教师生活补助
schedule: {3月底: 25, 6月底: 50, 9月底: 75, 12月底: 100}
goals: |
  1、支付国企退休教师生活补助
  2、国企退休教师生活补贴
indicators:
  - {level1: 产出指标, level2: 数量指标, level3: 发放人数, value: \"≥100人\", basis: 计划标准}
  - {level1: 效果指标, level2: 社会效益指标, level3: 补助按时发放率, value: \"≥100%\", basis: 计划标准}
  - {level1: 满意度指标, level2: 服务对象满意度指标, level3: 退休教师满意度, value: \"≥90%\", basis: 计划标准}
",
    )
    .unwrap();
    std::fs::write(dir.join("bad.yaml"), "name: [\n").unwrap();
    let out = jxlint_in(
        &dir,
        &[
            "check",
            "--format",
            "github",
            "--select",
            "G002,S009,V001",
            "./目标,2025:v1.yaml",
            "bad.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let want = [
        // A goal over two lines: no columns.
        "::warning file=目标%2C2025%3Av1.yaml,line=6,endLine=7,title=G002 绩效目标照抄项目名称或资金用途::\
         绩效目标只是照抄了项目名称和资金用途（“1、支付国企退休教师生活补助”）：目标应说明钱花出去后达到什么效果，\
         如“按月足额发放补助，覆盖全县约2000名对象，发放准确率100%25，对象满意度≥90%25”",
        // Info is a notice.
        "::notice file=目标%2C2025%3Av1.yaml,line=10,col=14,endLine=10,endColumn=18,title=S009 使用旧版指标体系名称::\
         “效果指标”是旧版或地方的指标体系名称（本项目1行），现行框架称为“效益指标”",
        "::error file=目标%2C2025%3Av1.yaml,line=10,col=61,endLine=10,endColumn=66,title=V001 比率超过100%25::\
         “补助按时发放率”是比率，最多为100%25：“≥100%25”只有恰好等于100时才能达到，应写作“=100%25”，\
         或设为可实现的值；请按历史完成情况设定可实现的目标，如“≥95%25”；政策规定必须全部达到的，写作“=100%25”",
        "::error file=bad.yaml,line=1,col=7::无法读取：YAML 语法错误：括号或引号没有闭合",
    ];
    let got = stdout(&out);
    assert_eq!(got.lines().collect::<Vec<_>>(), want);
    // The columns are characters: col 61 is where “≥100%” begins on line 10.
    let line10 = "  - {level1: 效果指标, level2: 社会效益指标, level3: 补助按时发放率, value: \"≥100%\", basis: 计划标准}";
    let col: String = line10.chars().skip(60).take(5).collect();
    assert_eq!(col, "≥100%");
}

#[test]
fn github_on_the_seed_and_a_table_format() {
    let out = jxlint(&["check", "--format", "github", "fixtures/seed.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let report = parse(&jxlint(&["check", "--format", "json", "fixtures/seed.txt"]));
    let diagnostics = report["diagnostics"].as_array().unwrap();
    // One command per finding, then the note that GitHub shows only ten of a kind per step.
    assert_eq!(lines.len(), diagnostics.len() + 1);
    for (line, d) in lines.iter().zip(diagnostics) {
        let kind = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let code = d["code"].as_str().unwrap();
        assert!(
            line.starts_with(&format!(
                "::{kind} file=fixtures/seed.txt,line={},",
                d["line"]
            )),
            "{line}"
        );
        assert!(line.contains(&format!(",title={code} ")), "{line}");
    }
    assert!(lines.last().unwrap().starts_with("jxlint: 共 "));
    assert!(lines.last().unwrap().contains("--format sarif"));

    // A table format: file-level annotations naming the cell.
    let out = jxlint(&[
        "check",
        "--format",
        "github",
        "--select",
        "V001",
        "fixtures/formats/seed.html",
    ]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for line in lines {
        assert!(
            line.starts_with(
                "::error file=fixtures/formats/seed.html,title=V001 比率超过100%25::表"
            ),
            "{line}"
        );
        assert!(!line.contains(",line="));
    }
}

fn flush<'a>(rows: &mut Vec<Vec<&'a str>>, out: &mut Vec<&'a str>) {
    for r in rows.drain(..).rev() {
        out.extend(r);
    }
}

/// The YAML document with the indicator rows of every project in reverse order.
fn reverse_rows(yaml: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let mut in_rows = false;
    for line in yaml.lines() {
        if in_rows && line.starts_with("      - ") {
            rows.push(vec![line]);
        } else if in_rows && line.starts_with("        ") {
            rows.last_mut().unwrap().push(line);
        } else {
            flush(&mut rows, &mut out);
            in_rows = line == "    indicators:";
            out.push(line);
        }
    }
    flush(&mut rows, &mut out);
    out.join("\n") + "\n"
}

/// fingerprint → (check_name, severity, path) of a GitLab report.
fn gitlab_issues(out: &Output) -> std::collections::BTreeMap<String, (String, String, String)> {
    let issues = parse(out);
    let issues = issues.as_array().expect("an array of issues");
    let mut map = std::collections::BTreeMap::new();
    for i in issues {
        let fp = i["fingerprint"].as_str().unwrap().to_string();
        let v = (
            i["check_name"].as_str().unwrap().to_string(),
            i["severity"].as_str().unwrap().to_string(),
            i["location"]["path"].as_str().unwrap().to_string(),
        );
        assert!(map.insert(fp, v).is_none(), "fingerprint repeated");
    }
    assert_eq!(map.len(), issues.len());
    map
}

#[test]
fn gitlab_on_the_seed() {
    let out = jxlint(&["check", "--format", "gitlab", "fixtures/seed.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let issues = parse(&out);
    let report = parse(&jxlint(&["check", "--format", "json", "fixtures/seed.txt"]));
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), diagnostics.len());
    for (i, d) in issues.iter().zip(diagnostics) {
        let keys: Vec<&String> = i.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "check_name",
                "description",
                "fingerprint",
                "location",
                "severity"
            ]
        );
        assert_eq!(i["check_name"], d["code"]);
        let code = d["code"].as_str().unwrap();
        let description = i["description"].as_str().unwrap();
        assert!(description.starts_with(&format!("{code} ")));
        assert!(description.contains(d["message"].as_str().unwrap()));
        let severity = match d["severity"].as_str().unwrap() {
            "error" => "critical",
            "warning" => "major",
            _ => "info",
        };
        assert_eq!(i["severity"], severity);
        assert_eq!(
            i["location"],
            json!({"path": "fixtures/seed.txt", "lines": {"begin": d["line"]}})
        );
    }
    // Unique fingerprints, the disclosure's findings included.
    assert_eq!(gitlab_issues(&out).len(), 76);
}

#[test]
fn gitlab_fingerprints_survive_reordering_rows() {
    let seed = std::fs::read_to_string("fixtures/seed.yaml").unwrap();
    // Project 1 gets a third copy of its first row: identical keys, told apart by occurrence.
    let copy = "      - level1: \"产出指标\"\n        level2: \"质量指标\"\n        level3: \"优良率\"\n        \
                description: \"结项鉴定优秀等级项目数量占结项总数量的比例（百分比）\"\n        value: \"≥90\"\n        \
                basis: \"\"\n";
    let at = seed.find("      - level1: \"效果指标\"").unwrap();
    let original = format!("{}{copy}{copy}{}", &seed[..at], &seed[at..]);
    let reordered = reverse_rows(&original);
    assert_ne!(original, reordered);
    let dir = scratch("gitlab-reorder");
    for (sub, text) in [("a", &original), ("b", &reordered)] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("seed.yaml"), text).unwrap();
    }
    let a = jxlint_in(
        &dir.join("a"),
        &["check", "--format", "gitlab", "seed.yaml"],
    );
    let b = jxlint_in(
        &dir.join("b"),
        &["check", "--format", "gitlab", "seed.yaml"],
    );
    // The rows really moved: the findings are on other lines.
    let lines = |o: &Output| -> Vec<Value> {
        parse(o)
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["location"]["lines"]["begin"].clone())
            .collect()
    };
    assert_ne!(lines(&a), lines(&b));
    let copies = |o: &Output| {
        parse(o)
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| {
                let d = i["description"].as_str().unwrap();
                i["check_name"] == "R001"
                    && d.contains("社保局国企退休教师生活补贴补差29.31万元")
                    && d.contains("指标“优良率”")
            })
            .map(|i| i["fingerprint"].as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    // The three identical rows: three R001 findings with identical keys, three fingerprints.
    assert_eq!(copies(&a).len(), 3);
    assert_eq!(copies(&a), copies(&b));
    let (a, b) = (gitlab_issues(&a), gitlab_issues(&b));
    assert!(a.len() > 69, "the copies add findings: {}", a.len());
    assert_eq!(a, b, "fingerprints changed when rows were reordered");
}

#[test]
fn ci_formats_refuse_statistics_and_write_json_without_the_marker() {
    for format in ["sarif", "github", "gitlab"] {
        let out = jxlint(&[
            "check",
            "--format",
            format,
            "--statistics",
            "fixtures/seed.txt",
        ]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("--statistics"));
    }
    let dir = scratch("ci-output");
    for format in ["sarif", "gitlab"] {
        let file = dir.join(format!("report.{format}.json"));
        let out = jxlint(&[
            "check",
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
            "fixtures/seed.txt",
        ]);
        assert_eq!(out.status.code(), Some(1));
        let text = std::fs::read_to_string(&file).unwrap();
        let v: Value = serde_json::from_str(&text).expect("the file is JSON");
        if format == "sarif" {
            assert_valid_sarif(&v);
        }
    }
}
