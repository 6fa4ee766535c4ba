//! The reviewer reports (`jxlint report … -o FILE.xlsx|.html`) and what they are built from.

use jxlint::{Input, Options};

#[test]
fn documents_are_kept_only_when_asked() {
    let input = [Input::Path("fixtures/seed.yaml".into())];
    let plain = jxlint::check(&input, &Options::default());
    assert!(plain.files.iter().all(|f| f.document.is_none()));
    let kept = jxlint::check(
        &input,
        &Options {
            keep_documents: true,
            ..Options::default()
        },
    );
    let doc = kept.files[0]
        .document
        .as_ref()
        .expect("the seed's document");
    assert_eq!(doc.projects.len(), 6);
    assert_eq!(kept.diagnostics.len(), plain.diagnostics.len());
}
