//! The words of every page, from `pdftotext -bbox-layout` (XHTML: `<page>` → `<flow>` →
//! `<block>` → `<line>` → `<word xMin yMin xMax yMax>`; top-left origin, in points).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Word;

/// A page as pdftotext sees it.
#[derive(Clone, Debug, Default)]
pub struct TextPage {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

/// Parse the XHTML. Malformed markup ends the parse with what was read so far plus an error
/// message (the caller decides whether that is fatal).
pub fn parse(xhtml: &str) -> Result<Vec<TextPage>, String> {
    let mut reader = Reader::from_str(xhtml);
    reader.config_mut().check_end_names = false;
    let mut pages: Vec<TextPage> = Vec::new();
    let mut block = 0usize;
    let mut line = 0usize;
    // The word being read: its box and text so far.
    let mut word: Option<(Word, String)> = None;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("pdftotext 的输出无法解析：{e}"))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "page" => pages.push(TextPage {
                    width: num(&e, "width"),
                    height: num(&e, "height"),
                    words: Vec::new(),
                }),
                "block" => block += 1,
                "line" => line += 1,
                "word" => {
                    word = Some((
                        Word {
                            x0: num(&e, "xMin"),
                            y0: num(&e, "yMin"),
                            x1: num(&e, "xMax"),
                            y1: num(&e, "yMax"),
                            text: String::new(),
                            block,
                            line,
                        },
                        String::new(),
                    ))
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some((_, s)) = word.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, s)) = word.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, s)) = word.as_mut() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => s.push(c),
                        Ok(None) => s.push_str(match r.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        }),
                        Err(_) => {}
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == "word" => {
                if let Some((mut w, s)) = word.take() {
                    let text: String = s.chars().filter(|c| !c.is_control()).collect();
                    if !text.trim().is_empty() && w.is_sane() {
                        w.text = text.trim().to_string();
                        if let Some(p) = pages.last_mut() {
                            p.words.push(w);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

fn num(e: &BytesStart, name: &str) -> f64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_boxes_blocks_and_entities() {
        let x = r#"<html><body><doc>
  <page width="595.3" height="841.9">
    <flow><block xMin="1" yMin="2" xMax="3" yMax="4">
      <line xMin="1" yMin="2" xMax="3" yMax="4">
        <word xMin="59.7" yMin="73.25" xMax="131.7" yMax="84.95">A&amp;B&#x4e00;</word>
        <word xMin="140" yMin="73.25" xMax="150" yMax="84.95">x</word>
      </line></block>
      <block><line><word xMin="1" yMin="100" xMax="9" yMax="110">  </word>
      <word xMin="1" yMin="100" xMax="9" yMax="110">y</word></line></block>
    </flow>
  </page>
  <page width="10" height="20"></page>
</doc></body></html>"#;
        let pages = parse(x).unwrap();
        assert_eq!(pages.len(), 2);
        let w = &pages[0].words;
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].text, "A&B一");
        assert_eq!((w[0].x0, w[0].y1), (59.7, 84.95));
        assert_eq!((w[0].block, w[0].line), (w[1].block, w[1].line));
        assert_ne!(w[1].block, w[2].block);
        assert!(pages[1].words.is_empty());
    }

    #[test]
    fn broken_markup_is_an_error_or_partial_never_a_panic() {
        // A cut-off word is dropped; what came before is kept.
        let pages =
            parse("<page width=\"1\"><word xMin=\"1\" xMax=\"2\">x</word><word xMin=\"a\">y</wo")
                .unwrap_or_default();
        assert!(pages.len() <= 1);
        for junk in [
            "<<<>>>&&&",
            "",
            "<page><word>&#0;&#xFFFFFF;&bogus;</word></page>",
            "\u{0}<",
        ] {
            let _ = parse(junk);
        }
        // Inverted or absurd boxes are dropped.
        let pages = parse(
            "<page><word xMin=\"5\" yMin=\"0\" xMax=\"1\" yMax=\"1\">a</word>\
             <word xMin=\"0\" yMin=\"0\" xMax=\"1e300\" yMax=\"1\">b</word></page>",
        )
        .unwrap();
        assert!(pages[0].words.is_empty());
    }
}
