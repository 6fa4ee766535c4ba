//! The ruling lines of every page, from `pdftocairo -svg`: every stroked straight segment that
//! is horizontal or vertical, and every thin filled rectangle (tables drawn by Excel, WPS and
//! many PDF libraries paint their borders as hairline fills). Device coordinates: points, top-left
//! origin, the same space as pdftotext's word boxes when pdftotext is given `-cropbox`.
//!
//! Glyph outlines, clip paths and images live in `<defs>`/`<symbol>` and are skipped; so is
//! anything white or fully transparent, and curves.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Seg;

/// The most segments kept per page; past it the rest of the page's drawing is ignored (a map
/// or a chart, not a table).
pub const MAX_SEGS_PER_PAGE: usize = 20_000;

/// The most segments kept in a document.
pub const MAX_SEGS: usize = 400_000;

/// A filled shape at most this thick (points) is a line.
const THIN: f64 = 2.5;
/// The shortest segment kept.
const MIN_LEN: f64 = 2.0;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const ID: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// `self` after `inner`: a point is first mapped by `inner`, then by `self`.
    fn then(&self, inner: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = inner.0;
        Matrix([
            a * a2 + c * b2,
            b * a2 + d * b2,
            a * c2 + c * d2,
            b * c2 + d * d2,
            a * e2 + c * f2 + e,
            b * e2 + d * f2 + f,
        ])
    }

    fn scale(&self) -> f64 {
        let [a, b, c, d, ..] = self.0;
        (a * d - b * c).abs().sqrt()
    }
}

/// Parse a `transform` attribute (matrix, translate, scale; others are ignored).
fn transform(s: &str) -> Matrix {
    let mut m = Matrix::ID;
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let name = rest[..open].trim().trim_start_matches(',').trim();
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let args: Vec<f64> = rest[open + 1..open + close]
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .filter_map(|t| t.parse().ok())
            .collect();
        let t = match (name, args.as_slice()) {
            ("matrix", [a, b, c, d, e, f]) => Matrix([*a, *b, *c, *d, *e, *f]),
            ("translate", [x]) => Matrix([1.0, 0.0, 0.0, 1.0, *x, 0.0]),
            ("translate", [x, y]) => Matrix([1.0, 0.0, 0.0, 1.0, *x, *y]),
            ("scale", [k]) => Matrix([*k, 0.0, 0.0, *k, 0.0, 0.0]),
            ("scale", [x, y]) => Matrix([*x, 0.0, 0.0, *y, 0.0, 0.0]),
            _ => Matrix::ID,
        };
        m = m.then(&t);
        rest = &rest[open + close + 1..];
    }
    if m.0.iter().all(|v| v.is_finite()) {
        m
    } else {
        Matrix::ID
    }
}

/// Paint of a stroke or fill: visible or not.
fn visible_paint(value: Option<&str>, opacity: Option<&str>) -> bool {
    let Some(v) = value.map(str::trim) else {
        return false;
    };
    if opacity
        .and_then(|o| o.trim().parse::<f64>().ok())
        .is_some_and(|o| o < 0.05)
    {
        return false;
    }
    if v == "none" || v.starts_with("url(") || v == "transparent" {
        return false;
    }
    // White (or nearly) is invisible on paper.
    let channels: Option<Vec<f64>> = if let Some(inner) = v.strip_prefix("rgb(") {
        inner
            .trim_end_matches(')')
            .split(',')
            .map(|c| {
                let c = c.trim();
                match c.strip_suffix('%') {
                    Some(p) => p.parse::<f64>().ok().map(|p| p / 100.0),
                    None => c.parse::<f64>().ok().map(|n| n / 255.0),
                }
            })
            .collect()
    } else if let Some(hex) = v.strip_prefix('#').filter(|h| h.len() == 6) {
        (0..3)
            .map(|i| {
                u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)
                    .ok()
                    .map(|n| f64::from(n) / 255.0)
            })
            .collect()
    } else if v == "white" {
        Some(vec![1.0, 1.0, 1.0])
    } else {
        None
    };
    !channels.is_some_and(|c| c.len() == 3 && c.iter().all(|&x| x >= 0.94))
}

/// The style properties that matter, from the `style` attribute or presentation attributes.
#[derive(Default)]
struct Paint {
    stroke: bool,
    fill: bool,
    width: f64,
}

fn paint(e: &BytesStart) -> Paint {
    let mut props: Vec<(String, String)> = Vec::new();
    for a in e.attributes().flatten() {
        let key = a.key.as_ref().to_string();
        let val = a.value.to_string();
        if key == "style" {
            for decl in val.split(';') {
                if let Some((k, v)) = decl.split_once(':') {
                    props.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
        } else {
            props.push((key, val));
        }
    }
    let get = |k: &str| {
        props
            .iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    // SVG's default fill is black; cairo always writes it out.
    let fill = match get("fill") {
        Some(_) => visible_paint(get("fill"), get("fill-opacity")),
        None => visible_paint(Some("black"), get("fill-opacity")),
    };
    Paint {
        stroke: visible_paint(get("stroke"), get("stroke-opacity")),
        fill,
        width: get("stroke-width")
            .and_then(|w| w.trim_end_matches("px").parse().ok())
            .filter(|w: &f64| w.is_finite())
            .unwrap_or(1.0),
    }
}

/// The subpaths of a path's `d`: each a list of points and whether the edge into each point
/// is straight. Curves and arcs give non-straight edges.
fn subpaths(d: &str) -> Vec<Vec<((f64, f64), bool)>> {
    let mut out: Vec<Vec<((f64, f64), bool)>> = Vec::new();
    let mut cur: Vec<((f64, f64), bool)> = Vec::new();
    let b = d.as_bytes();
    let mut i = 0;
    let mut cmd = b'M';
    let (mut x, mut y) = (0.0f64, 0.0f64);
    let (mut sx, mut sy) = (0.0f64, 0.0f64);
    let mut points = 0usize;
    let number = |i: &mut usize| -> Option<f64> {
        while *i < b.len() && (b[*i] == b',' || b[*i].is_ascii_whitespace()) {
            *i += 1;
        }
        let start = *i;
        if *i < b.len() && (b[*i] == b'-' || b[*i] == b'+') {
            *i += 1;
        }
        let mut dot = false;
        while *i < b.len() && (b[*i].is_ascii_digit() || (b[*i] == b'.' && !dot)) {
            dot |= b[*i] == b'.';
            *i += 1;
        }
        if *i < b.len() && (b[*i] == b'e' || b[*i] == b'E') {
            let save = *i;
            *i += 1;
            if *i < b.len() && (b[*i] == b'-' || b[*i] == b'+') {
                *i += 1;
            }
            if *i < b.len() && b[*i].is_ascii_digit() {
                while *i < b.len() && b[*i].is_ascii_digit() {
                    *i += 1;
                }
            } else {
                *i = save;
            }
        }
        std::str::from_utf8(&b[start..*i])
            .ok()?
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    };
    loop {
        while i < b.len() && (b[i] == b',' || b[i].is_ascii_whitespace()) {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i].is_ascii_alphabetic() {
            cmd = b[i];
            i += 1;
            if cmd == b'Z' || cmd == b'z' {
                if !cur.is_empty() {
                    cur.push(((sx, sy), true));
                    out.push(std::mem::take(&mut cur));
                }
                x = sx;
                y = sy;
                continue;
            }
        }
        points += 1;
        if points > 1_000_000 {
            break;
        }
        let rel = cmd.is_ascii_lowercase();
        let (bx, by) = if rel { (x, y) } else { (0.0, 0.0) };
        let before = i;
        match cmd.to_ascii_uppercase() {
            b'M' => {
                let (Some(nx), Some(ny)) = (number(&mut i), number(&mut i)) else {
                    break;
                };
                if cur.len() > 1 {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
                x = bx + nx;
                y = by + ny;
                sx = x;
                sy = y;
                cur.push(((x, y), true));
                // Further pairs after M are line-tos.
                cmd = if rel { b'l' } else { b'L' };
            }
            b'L' => {
                let (Some(nx), Some(ny)) = (number(&mut i), number(&mut i)) else {
                    break;
                };
                x = bx + nx;
                y = by + ny;
                cur.push(((x, y), true));
            }
            b'H' => {
                let Some(nx) = number(&mut i) else { break };
                x = bx + nx;
                cur.push(((x, y), true));
            }
            b'V' => {
                let Some(ny) = number(&mut i) else { break };
                y = by + ny;
                cur.push(((x, y), true));
            }
            c => {
                let n = match c {
                    b'C' => 6,
                    b'S' | b'Q' => 4,
                    b'T' => 2,
                    b'A' => 7,
                    _ => {
                        // Unknown command: stop here.
                        break;
                    }
                };
                let mut v = [0.0f64; 7];
                let mut ok = true;
                for slot in v.iter_mut().take(n) {
                    match number(&mut i) {
                        Some(n) => *slot = n,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if !ok {
                    break;
                }
                x = bx + v[n - 2];
                y = by + v[n - 1];
                cur.push(((x, y), false));
            }
        }
        if i == before {
            break;
        }
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// A straight edge as a segment, if it is horizontal or vertical.
fn edge(p: (f64, f64), q: (f64, f64), thickness: f64) -> Option<Seg> {
    let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
    if dx >= MIN_LEN && dy <= 0.5f64.max(dx * 0.01) {
        Some(Seg {
            horizontal: true,
            pos: (p.1 + q.1) / 2.0,
            a: p.0.min(q.0),
            b: p.0.max(q.0),
            thickness,
        })
    } else if dy >= MIN_LEN && dx <= 0.5f64.max(dy * 0.01) {
        Some(Seg {
            horizontal: false,
            pos: (p.0 + q.0) / 2.0,
            a: p.1.min(q.1),
            b: p.1.max(q.1),
            thickness,
        })
    } else {
        None
    }
}

/// The segments a path or rectangle contributes.
fn shape_segs(subs: &[Vec<((f64, f64), bool)>], m: &Matrix, p: &Paint, out: &mut Vec<Seg>) {
    for sub in subs {
        let pts: Vec<((f64, f64), bool)> = sub
            .iter()
            .map(|&((x, y), straight)| (m.apply(x, y), straight))
            .collect();
        if p.stroke {
            let w = p.width * m.scale();
            for pair in pts.windows(2) {
                if pair[1].1
                    && let Some(s) = edge(pair[0].0, pair[1].0, w)
                {
                    out.push(s);
                }
            }
        }
        if p.fill && pts.len() >= 3 {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &((x, y), _) in &pts {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= THIN && w >= MIN_LEN.max(h * 2.0) {
                out.push(Seg {
                    horizontal: true,
                    pos: (y0 + y1) / 2.0,
                    a: x0,
                    b: x1,
                    thickness: h,
                });
            } else if w <= THIN && h >= MIN_LEN.max(w * 2.0) {
                out.push(Seg {
                    horizontal: false,
                    pos: (x0 + x1) / 2.0,
                    a: y0,
                    b: y1,
                    thickness: w,
                });
            }
        }
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.to_string())
}

fn num_attr(e: &BytesStart, name: &str) -> f64 {
    attr(e, name)
        .and_then(|v| v.trim().trim_end_matches("pt").parse().ok())
        .filter(|v: &f64| v.is_finite())
        .unwrap_or(0.0)
}

/// The segments of every page, in page order.
pub fn parse(svg: &str) -> Result<Vec<Vec<Seg>>, String> {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = false;
    let mut pages: Vec<Vec<Seg>> = Vec::new();
    let mut in_page_set = false;
    // Depth inside elements whose content is not drawn where it stands.
    let mut skip = 0usize;
    let mut stack: Vec<Matrix> = vec![Matrix::ID];
    // Whether each open element pushed a matrix.
    let mut pushed: Vec<bool> = Vec::new();
    let mut total = 0usize;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("pdftocairo 的输出无法解析：{e}"))?;
        let (e, is_start) = match ev {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip > 0 {
                    if matches!(
                        name,
                        "defs" | "symbol" | "clipPath" | "mask" | "pattern" | "marker"
                    ) {
                        skip -= 1;
                    }
                } else if pushed.pop() == Some(true) {
                    stack.pop();
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.name();
        let name = name.as_ref();
        if skip > 0 {
            if is_start
                && matches!(
                    name,
                    "defs" | "symbol" | "clipPath" | "mask" | "pattern" | "marker"
                )
            {
                skip += 1;
            }
            continue;
        }
        match name {
            "defs" | "symbol" | "clipPath" | "mask" | "pattern" | "marker" => {
                if is_start {
                    skip += 1;
                }
                continue;
            }
            "pageSet" => in_page_set = true,
            "page" => pages.push(Vec::new()),
            _ => {}
        }
        let own = attr(&e, "transform").map(|t| transform(&t));
        let m = match own {
            Some(t) => stack.last().unwrap_or(&Matrix::ID).then(&t),
            None => *stack.last().unwrap_or(&Matrix::ID),
        };
        if is_start {
            pushed.push(own.is_some());
            if own.is_some() {
                stack.push(m);
            }
        }
        if !matches!(name, "path" | "rect") {
            continue;
        }
        if pages.is_empty() && !in_page_set {
            // A one-page document has no <page> element.
            pages.push(Vec::new());
        }
        let Some(page) = pages.last_mut() else {
            continue;
        };
        if page.len() >= MAX_SEGS_PER_PAGE || total >= MAX_SEGS {
            continue;
        }
        let p = paint(&e);
        if !p.stroke && !p.fill {
            continue;
        }
        let subs = if name == "path" {
            let Some(d) = attr(&e, "d") else { continue };
            subpaths(&d)
        } else {
            let (x, y) = (num_attr(&e, "x"), num_attr(&e, "y"));
            let (w, h) = (num_attr(&e, "width"), num_attr(&e, "height"));
            vec![vec![
                ((x, y), true),
                ((x + w, y), true),
                ((x + w, y + h), true),
                ((x, y + h), true),
                ((x, y), true),
            ]]
        };
        let before = page.len();
        shape_segs(&subs, &m, &p, page);
        page.truncate(MAX_SEGS_PER_PAGE);
        total += page.len() - before.min(page.len());
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_and_thin_fills_become_segments_glyphs_do_not() {
        let svg = r##"<svg width="600pt" height="800pt" viewBox="0 0 600 800">
<defs><g><symbol id="glyph0-1"><path style="stroke:none;" d="M 0 0 L 5 0 L 5 0.3 L 0 0.3 Z"/></symbol></g>
<clipPath id="c"><path d="M 0 0 L 600 0 L 600 800 Z"/></clipPath></defs>
<g id="surface1">
<path style="fill:none;stroke-width:0.5;stroke:rgb(0%,0%,0%);" d="M 100 700 L 300 700 " transform="matrix(1,0,0,-1,0,800)"/>
<path style="fill:none;stroke-width:0.5;stroke:rgb(0%,0%,0%);" d="M 100 700 L 100 650 L 120 640 C 1 2 3 4 5 6"/>
<path style="fill:none;stroke:rgb(100%,100%,100%);" d="M 0 10 L 300 10"/>
<path style="stroke:none;fill-rule:nonzero;fill:rgb(0%,0%,0%);fill-opacity:1;" d="M 10 20 L 200 20 L 200 20.5 L 10 20.5 Z"/>
<path style="stroke:none;fill:rgb(80%,80%,80%);" d="M 10 30 L 200 30 L 200 60 L 10 60 Z"/>
<rect x="50" y="100" width="0.6" height="40" style="fill:rgb(0,0,0)"/>
<g transform="translate(5,0)"><path style="fill:none;stroke:#000000;" d="m 0 0 h 50 v 50"/></g>
<use xlink:href="#glyph0-1" x="1" y="2"/>
</g></svg>"##;
        let pages = parse(svg).unwrap();
        assert_eq!(pages.len(), 1);
        let s = &pages[0];
        let h: Vec<_> = s.iter().filter(|s| s.horizontal).collect();
        let v: Vec<_> = s.iter().filter(|s| !s.horizontal).collect();
        // 100..300 at y=100 (flipped), thin fill at 20.25, the translated h 50.
        assert_eq!(h.len(), 3, "{s:?}");
        assert!(
            h.iter()
                .any(|s| (s.pos - 100.0).abs() < 1e-9 && s.a == 100.0)
        );
        assert!(h.iter().any(|s| (s.pos - 20.25).abs() < 1e-9));
        assert!(h.iter().any(|s| s.a == 5.0 && s.b == 55.0));
        // x=100 650..700, the thin rect at 50.3, the translated v at x=55.
        assert_eq!(v.len(), 3, "{s:?}");
    }

    #[test]
    fn pages_and_hostile_input() {
        let svg = "<svg><pageSet><page><path style=\"stroke:#000\" d=\"M0 0 L 0 40\"/></page><page></page></pageSet></svg>";
        let pages = parse(svg).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 1);
        for d in [
            "M",
            "M 1",
            "L 1 2 3",
            "C 1 2",
            "M 1e 2 L 1e9999 0",
            "Z Z z",
            "M1-2-3-4",
        ] {
            let _ = subpaths(d);
        }
        let _ = parse("<svg><path d=\"M 0 0 L 1");
        let _ = parse("");
        assert_eq!(transform("matrix(1,2)"), Matrix::ID);
    }
}
