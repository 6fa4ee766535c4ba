//! The shape of the code: the module import graph has no cycles, and what the README lists
//! agrees with what the code declares.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module a source file belongs to (`src/rules/values.rs` → `rules`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix("src").unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `crate::X` references outside unit-test modules, by top-level module.
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let re = regex::Regex::new(r"crate::([a-z_0-9]+)").unwrap();
    for f in files {
        let m = module_of(&f);
        if m == "main" || m == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let code = match text.find("#[cfg(test)]\nmod tests") {
            Some(i) => &text[..i],
            None => &text,
        };
        let deps = graph.entry(m.clone()).or_default();
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for c in re.captures_iter(&code) {
            if c[1] != *m {
                deps.insert(c[1].to_string());
            }
        }
    }
    graph
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        if let Some(c) = visit(n, graph, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn module_imports_have_no_cycles() {
    let g = import_graph();
    // The graph is real: the engine uses the readers, the readers the form recogniser.
    assert!(g["engine"].contains("read"));
    assert!(g["read"].contains("form"));
    assert!(!g["form"].contains("read"));
    assert!(!g["lexicon"].contains("data"));
    assert_eq!(find_cycle(&g), None, "{g:#?}");
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
}

#[test]
fn readme_lists_every_parameter_and_word_list() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    for p in jxlint::data::PARAMS {
        assert!(
            readme.contains(&format!("`{}`", p.key)),
            "README lacks {}",
            p.key
        );
    }
    for l in jxlint::data::LISTS {
        assert!(
            readme.contains(&format!("`{}`", l.key)),
            "README lacks {}",
            l.key
        );
    }
    // The layout table names every top-level module, and every module it names exists.
    let graph = import_graph();
    for m in graph.keys() {
        assert!(
            readme.contains(&format!("| `{m}.rs` |")) || readme.contains(&format!("| `{m}/` |")),
            "README layout lacks {m}"
        );
    }
    let re = regex::Regex::new(r"\| `([a-z_0-9]+)(?:\.rs|/)` \|").unwrap();
    for c in re.captures_iter(&readme) {
        let m = &c[1];
        assert!(
            graph.contains_key(m) || m == "main" || m == "lib",
            "README layout names {m}, which is not a module"
        );
    }
}
