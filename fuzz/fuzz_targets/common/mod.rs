//! What every reader target checks: the bytes through `check` (read, every rule), every output
//! format rendered; and whatever reads survives `extract` and reads back as YAML with the same
//! projects and rows.

#![allow(dead_code)]

use std::io::{Cursor, Write};

use jxlint::model::Format;
use jxlint::report::{
    Concise, Emitter, Github, Gitlab, Human, Json, JsonStatistics, Sarif, Statistics,
};
use jxlint::source::SourceFile;

pub fn run(data: &[u8], format: Format) {
    let input = jxlint::Input::Stdin {
        text: data.to_vec(),
        format: Some(format),
    };
    let report = jxlint::check(&[input], &jxlint::Options::default());
    let emitters: [&dyn Emitter; 8] = [
        &Human { color: false },
        &Human { color: true },
        &Concise,
        &Json,
        &Sarif,
        &Github,
        &Gitlab,
        &Statistics,
    ];
    for e in emitters {
        let _ = e.emit(&report);
    }
    let _ = JsonStatistics.emit(&report);
    // `check` read the bytes under catch_unwind; read them again to check extract.
    if let Ok(loaded) = jxlint::read::read(data, "fuzz", Some(format)) {
        let yaml = jxlint::extract::to_yaml(&loaded.doc);
        let back = SourceFile::new("extract.yaml", yaml);
        let again = jxlint::read_source(&back, Format::Yaml)
            .unwrap_or_else(|e| panic!("the output of extract reads back: {e}"));
        assert_eq!(again.projects.len(), loaded.doc.projects.len());
        for (a, b) in again.projects.iter().zip(&loaded.doc.projects) {
            assert_eq!(a.indicators.len(), b.indicators.len());
        }
    }
}

/// A zip archive of `entries`, stored uncompressed (so that the fuzzer's bytes are the parts'
/// bytes and no time goes into deflating them).
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("start a zip entry");
        w.write_all(data).expect("write a zip entry");
    }
    w.finish().expect("finish the zip").into_inner()
}

/// A panic inside calamine is caught by the sheet reader (`sheet::guarded`) and becomes the
/// file's error, as in a release build: let it unwind there, and print where it was (once per
/// place) so that a run's log lists them. Every other panic still aborts (libFuzzer's crash).
pub fn let_calamine_panics_unwind() {
    let abort = std::panic::take_hook();
    let seen = std::sync::Mutex::new(std::collections::BTreeSet::new());
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        if place.contains("/calamine-") {
            if seen
                .lock()
                .map(|mut s| s.insert(place.clone()))
                .unwrap_or(false)
            {
                eprintln!("CALAMINE PANIC (caught by sheet::guarded) at {place}: {info}");
            }
            return;
        }
        abort(info);
    }));
}
