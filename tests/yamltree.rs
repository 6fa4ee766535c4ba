//! The YAML tree built straight from the parser's events equals serde-saphyr's tree on every
//! YAML file of the tests (fixtures, hostile files, configuration samples) and on generated
//! documents; documents it does not take are left to serde-saphyr.

use std::path::{Path, PathBuf};

use jxlint::yamltree::{parse_events, parse_saphyr};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
}

/// Both ways agree wherever the event way takes a document; returns how many it took.
fn agree(name: &str, text: &str) -> bool {
    let Some(fast) = parse_events(text) else {
        return false;
    };
    match parse_saphyr(text) {
        Ok(slow) => assert_eq!(fast, slow, "{name}: the trees differ"),
        Err(e) => panic!("{name}: serde-saphyr rejects what the event reader took: {e}"),
    }
    true
}

#[test]
fn the_event_tree_equals_serde_saphyrs_on_every_yaml_file() {
    let mut files = Vec::new();
    for d in ["fixtures", "tests", "rules", "examples"] {
        yaml_files(Path::new(d), &mut files);
    }
    assert!(files.len() > 100, "{} YAML files", files.len());
    let mut taken = 0;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        taken += agree(&f.display().to_string(), &text) as usize;
    }
    // Most files are ordinary documents: the fast way must take them.
    assert!(taken * 10 >= files.len() * 8, "{taken} of {}", files.len());
}

#[test]
fn scalars_are_read_as_serde_saphyr_reads_them() {
    let values = [
        "0",
        "7",
        "007",
        "-3",
        "-0",
        "+5",
        "1.5",
        "-1.5",
        "1.",
        ".5",
        "1e5",
        "1E5",
        "0x1F",
        "0o7",
        "0b1",
        "1_000",
        "12:30",
        "true",
        "True",
        "TRUE",
        "false",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "N",
        "null",
        "Null",
        "NULL",
        "~",
        "nan",
        "NaN",
        ".nan",
        "inf",
        ".inf",
        "-.inf",
        "infinity",
        "abc",
        "a1",
        "A-1",
        "v1.2",
        "2024年",
        "100%",
        "≥95%",
        "12座",
        "1 000",
        "18446744073709551616",
        "-9223372036854775809",
        "99999999999999999999.5",
        "0.0",
        "00.5",
        "1.2.3",
        "--1",
        "-",
        ".",
        "x_y",
        "a:b",
        "'q'",
        "\"d\"",
        "",
        "见附件",
    ];
    for v in values {
        for text in [
            format!("k: {v}\n"),
            format!("- {v}\n"),
            format!("k: [{v}, x]\n"),
            format!("{v}: 1\n"),
        ] {
            agree(&format!("{text:?}"), &text);
        }
    }
}

#[test]
fn what_the_event_way_leaves_to_serde_saphyr() {
    for text in [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\nb: 2\n",
        "? [a]\n: 1\n",
        "--- 1\n--- 2\n",
        "a: [1, 2\n",
        &(0..300).map(|i| format!("k{i}: 1\n")).collect::<String>(),
    ] {
        assert!(parse_events(text).is_none(), "{text:?}");
    }
}

#[test]
#[ignore]
fn list_untaken() {
    let mut files = Vec::new();
    for d in ["fixtures", "tests", "rules", "examples"] {
        yaml_files(Path::new(d), &mut files);
    }
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        if parse_events(&text).is_none() {
            println!("{} saphyr_ok={}", f.display(), parse_saphyr(&text).is_ok());
        }
    }
}

#[test]
#[ignore]
fn bisect_untaken() {
    let f = std::env::var("F").unwrap();
    let text = std::fs::read_to_string(&f).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut seen = false;
    for n in 1..=lines.len() {
        let t = lines[..n].join("\n") + "\n";
        let fast = parse_events(&t).is_some();
        seen |= fast;
        if seen && parse_saphyr(&t).is_ok() && !fast {
            println!("first failing prefix ends at line {n}: {}", lines[n - 1]);
            return;
        }
    }
    println!(
        "a: 1 twice → saphyr {:?}",
        parse_saphyr("a: 1\na: 2\n").map(|_| ())
    );
}

/// `DIR=/tmp/jxlint-bench/p10000-s1 cargo test --release --test yamltree corpus -- --ignored`:
/// both ways agree on every file of a generated corpus.
#[test]
#[ignore]
fn corpus_agrees() {
    let mut files = Vec::new();
    yaml_files(Path::new(&std::env::var("DIR").unwrap()), &mut files);
    let taken: usize = files
        .iter()
        .map(|f| {
            agree(
                &f.display().to_string(),
                &std::fs::read_to_string(f).unwrap(),
            ) as usize
        })
        .sum();
    println!("{taken} of {} taken", files.len());
}
