//! From positioned words and ruling lines to tables and prose.
//!
//! 1. **Ruled tables.** Horizontal and vertical segments that cross form a component; its
//!    distinct line positions form a fine grid of bands, and a cell is a rectangle of bands with
//!    no line through it (so a missing line inside a row is a horizontal merge, a missing line
//!    between rows a vertical merge: the top cell keeps the text, the rows below get a
//!    `continued` cell). Every word goes to the cell under its centre, or, when it runs over
//!    the cell's side, to the cell whose left edge it starts at (spreadsheet text spilling into
//!    empty neighbours). A ruled box with no text in it, or a one-cell box around other tables
//!    (a page frame), is not a table.
//! 2. **Unruled tables**, only on pages with no ruled table: runs of at least three text lines
//!    that break into two or more pieces at gaps of 1.5 line heights, with columns where the
//!    whitespace runs straight down. Each line with several pieces starts a row; a one-piece
//!    line inside a column continues the cell above it.
//! 3. **Prose**: every other word, top to bottom, in paragraphs (see [`prose`]). Page numbers
//!    (a line in the top or bottom 7% of the page that is only a number, `- 3 -`, `第3页` …)
//!    are dropped. Running heads and feet (the same text in that margin on most pages) stay
//!    prose, since a title repeated on every page looks the same, but see 4.
//! 4. **Pages.** A table that is the last thing on its page continues on the next page when
//!    the next page starts with a table of the same left and right edges; running heads and
//!    feet between the two parts, and a `续表` label above the second, are dropped. Rows keep their page; a repeated header row stays a row. A row that Word
//!    split at the page break is joined back: the first row of the new page (after a repeated
//!    header) is its rest when the old row reaches the bottom of the page body, every cell of
//!    the new row with text continues a cell whose last line is full (the text runs on), and
//!    some other cell of the old row ended on the old page or every running cell already had
//!    several lines. Otherwise an empty cell at the top of the new page under a vertically
//!    merged cell is `continued`.
//! 5. **Text in a cell.** Words on one visual line are joined. Chinese is written without
//!    spaces: the gap pdftotext reports between CJK and Latin text (`指纹认证 2 万`: Word's and
//!    LibreOffice's automatic CJK/Latin spacing, not a typed space) is dropped unless it is
//!    half a line high or more, and a gap between two CJK characters (justified or distributed
//!    text) only counts as one space when it is wider than a character. Latin words get one
//!    space; the count of typed spaces is lost. A visual line that is full — the next line's
//!    first unit (one CJK character with the punctuation that may not be split from it, or the
//!    first Latin word) would not have fitted after it — wraps into the next line of the same
//!    paragraph: joined without a space after or before CJK text and after a hyphen or a
//!    slash, with one space between Latin words (none when a single token was broken at the
//!    border). A line that stops short, a line followed by a list marker (`2、`, `（三）`, `①`)
//!    or by a blank gap ends its paragraph. Full-width forms are left as they are (NFKC folding
//!    happens later).

use std::collections::HashSet;

use super::{Seg, Word};
use crate::read::render::{Block, RawCell, RawRow, RawTable};

/// A page: its size, its words and its ruling segments.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
    pub segs: Vec<Seg>,
}

/// Line positions closer than this (points) are one line (double borders, the half-point
/// offsets LibreOffice draws outer borders with).
const SNAP: f64 = 3.5;
/// How far a segment may stop short of a crossing line and still meet it.
const REACH: f64 = 2.5;
/// Most grid bands (rows × columns) of one ruled table.
const MAX_GRID: usize = 400_000;
/// Most lines one unruled table is looked for in.
const MAX_RUN: usize = 300;
/// Most segments of each direction considered on a page.
const MAX_DIR_SEGS: usize = 4_000;

// ---------------------------------------------------------------------------------------------
// Characters and words

/// CJK ideographs, kana, hangul, CJK and full-width punctuation and forms: text that is set
/// without spaces and breaks anywhere.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2018..=0x201D   // curly quotes: CJK punctuation in Chinese text
        | 0x2026
        | 0x2460..=0x24FF   // circled numbers
        | 0x2E80..=0x303F
        | 0x3040..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF)
}

/// Punctuation that cannot end a line.
fn opening(c: char) -> bool {
    "（“‘《〈「『【〔［｛([{".contains(c)
}

/// Punctuation that cannot start a line.
fn closing(c: char) -> bool {
    "）”’》〉」』】〕］｝、。，．：；！？…・ー%％)]},.;:!?".contains(c)
}

fn weight(c: char) -> f64 {
    if is_wide(c) { 1.0 } else { 0.55 }
}

impl Word {
    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
    fn h(&self) -> f64 {
        (self.y1 - self.y0).max(0.1)
    }
    /// A box that is finite, not inverted and not absurdly large.
    pub fn is_sane(&self) -> bool {
        let ok = |v: f64| v.is_finite() && v.abs() < 1.0e6;
        ok(self.x0)
            && ok(self.x1)
            && ok(self.y0)
            && ok(self.y1)
            && self.x1 >= self.x0
            && self.y1 >= self.y0
    }
    /// Width of the first unit a line could break before: one CJK character, or the Latin
    /// run the word starts with.
    fn lead_width(&self) -> f64 {
        let chars: Vec<char> = self.text.chars().collect();
        let Some(&first) = chars.first() else {
            return 0.0;
        };
        let total: f64 = chars.iter().map(|&c| weight(c)).sum();
        let unit: f64 = if is_wide(first) || opening(first) {
            // Kinsoku: an opening bracket stays with the character after it, and closing
            // punctuation never starts a line, so they move down together.
            let mut n = chars.iter().take_while(|c| opening(**c)).count() + 1;
            n += chars[n.min(chars.len())..]
                .iter()
                .take_while(|c| closing(**c))
                .count();
            chars.iter().take(n).map(|&c| weight(c)).sum()
        } else {
            chars
                .iter()
                .take_while(|c| !is_wide(**c) && !c.is_whitespace())
                .map(|&c| weight(c))
                .sum()
        };
        (self.x1 - self.x0) * unit / total.max(0.01)
    }
}

/// What goes between two words on one visual line.
fn word_sep(a: &Word, b: &Word) -> &'static str {
    let gap = b.x0 - a.x1;
    let h = a.h().max(b.h());
    let (Some(ca), Some(cb)) = (a.text.chars().last(), b.text.chars().next()) else {
        return "";
    };
    match (is_wide(ca), is_wide(cb)) {
        // Chinese is written without spaces: a gap between two CJK characters is justified
        // or distributed spacing (两端对齐, 分散对齐) unless it is wider than a character.
        (true, true) => {
            if gap < 0.6 * h {
                ""
            } else {
                " "
            }
        }
        // CJK next to Latin: automatic spacing (about a quarter em) is not a typed space.
        (true, false) | (false, true) => {
            if gap < 0.5 * h {
                ""
            } else {
                " "
            }
        }
        // Latin words: a space, unless the boxes touch (a font change inside a word).
        (false, false) => {
            if gap < 0.08 * h {
                ""
            } else {
                " "
            }
        }
    }
}

/// One visual line of text.
#[derive(Clone, Debug)]
struct TLine {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    text: String,
    /// Width of the first breakable unit (see [`Word::lead_width`]).
    lead: f64,
    /// The line is one word with no space in it and no CJK.
    single_token: bool,
    page: usize,
}

impl TLine {
    fn h(&self) -> f64 {
        (self.y1 - self.y0).max(0.1)
    }
    fn em(&self) -> f64 {
        self.h() / 1.2
    }
}

/// Words grouped into visual lines (top to bottom), each sorted left to right. Words printed
/// twice at the same place (fake bold) are kept once.
fn group_lines<'a>(mut ws: Vec<&'a Word>) -> Vec<Vec<&'a Word>> {
    ws.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, f64, Vec<&'a Word>)> = Vec::new();
    for w in ws {
        if let Some((y0, y1, l)) = lines.last_mut() {
            let overlap = y1.min(w.y1) - y0.max(w.y0);
            if overlap >= 0.5 * (*y1 - *y0).min(w.h()) {
                l.push(w);
                continue;
            }
        }
        lines.push((w.y0, w.y1, vec![w]));
    }
    lines
        .into_iter()
        .map(|(_, _, mut l)| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut kept: Vec<&Word> = Vec::with_capacity(l.len());
            for w in l {
                let dup = kept.last().is_some_and(|k| {
                    k.text == w.text && (k.x0 - w.x0).abs() < 1.5 && (k.y0 - w.y0).abs() < 1.5
                });
                if !dup {
                    kept.push(w);
                }
            }
            kept
        })
        .collect()
}

fn build_line(ws: &[&Word], page: usize) -> TLine {
    let mut text = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            text.push_str(word_sep(ws[i - 1], w));
        }
        text.push_str(&w.text);
    }
    let first = ws[0];
    TLine {
        x0: first.x0,
        x1: ws.iter().map(|w| w.x1).fold(f64::MIN, f64::max),
        y0: ws.iter().map(|w| w.y0).fold(f64::MAX, f64::min),
        y1: ws.iter().map(|w| w.y1).fold(f64::MIN, f64::max),
        lead: first.lead_width(),
        single_token: ws.len() == 1 && !first.text.chars().any(is_wide),
        text,
        page,
    }
}

fn lines_of(ws: Vec<&Word>, page: usize) -> Vec<TLine> {
    group_lines(ws)
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| build_line(l, page))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

/// A line that starts a numbered item: `1、` `2.` `（三）` `(3)` `一、` `①`.
fn starts_list_item(s: &str) -> bool {
    let s = s.trim_start();
    let chars: Vec<char> = s.chars().take(8).collect();
    let Some(&first) = chars.first() else {
        return false;
    };
    if ('\u{2460}'..='\u{2473}').contains(&first) || ('\u{2776}'..='\u{277F}').contains(&first) {
        return true;
    }
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 3 {
        return match chars.get(digits) {
            Some('、' | '．' | '）' | ')') => true,
            Some('.') => !chars.get(digits + 1).is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
    }
    let numeral = |c: &char| "一二三四五六七八九十".contains(*c);
    let n = chars.iter().take_while(|c| numeral(c)).count();
    if n > 0 && n <= 3 {
        return chars.get(n) == Some(&'、');
    }
    if matches!(first, '（' | '(') {
        let inner = chars[1..]
            .iter()
            .take_while(|c| numeral(c) || c.is_ascii_digit())
            .count();
        return inner > 0 && inner <= 3 && matches!(chars.get(1 + inner), Some('）' | ')'));
    }
    false
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Align {
    Left,
    Centered,
}

fn alignment(lines: &[TLine], left: f64, right: f64) -> Align {
    if lines.len() < 2 {
        return Align::Left;
    }
    let min_x0 = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    if lines[1..].iter().all(|l| (l.x0 - min_x0).abs() <= 1.5) {
        return Align::Left;
    }
    let mid = (left + right) / 2.0;
    if lines
        .iter()
        .all(|l| ((l.x0 + l.x1) / 2.0 - mid).abs() <= 2.5)
    {
        return Align::Centered;
    }
    let max_x1 = lines.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
    if lines.iter().all(|l| (l.x1 - max_x1).abs() <= 1.5) {
        // Right-aligned: the room is on the left, as for centred text.
        return Align::Centered;
    }
    Align::Left
}

/// Whether `next` continues the paragraph of `prev` (the text wrapped) in a box from `left` to
/// `right`.
fn wraps(prev: &TLine, next: &TLine, left: f64, right: f64, align: Align) -> bool {
    if starts_list_item(&next.text) {
        return false;
    }
    if prev.page == next.page && next.y0 - prev.y1 > 0.9 * prev.h() {
        return false;
    }
    let room = match align {
        Align::Left => right - prev.x1,
        Align::Centered => (right - left) - (prev.x1 - prev.x0),
    };
    room < next.lead + 0.5 * prev.em()
}

/// What joins a wrapped line to the next.
fn wrap_join(prev: &TLine, next: &TLine, room: f64) -> &'static str {
    let (Some(a), Some(b)) = (prev.text.chars().last(), next.text.chars().next()) else {
        return "";
    };
    if is_wide(a) || is_wide(b) || "-‐‑–—/_".contains(a) {
        ""
    } else if prev.single_token && room < 0.6 * prev.em() {
        // A Latin word or number too long for the cell, broken where it hit the border.
        ""
    } else {
        " "
    }
}

/// The paragraphs of lines set in a box from `left` to `right`.
fn paragraphs(lines: &[TLine], left: f64, right: f64) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let align = alignment(lines, left, right);
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && wraps(&lines[i - 1], l, left, right, align) {
            let prev = &lines[i - 1];
            let room = right - prev.x1;
            let last = out.last_mut().expect("a line before");
            last.push_str(wrap_join(prev, l, room));
            last.push_str(&l.text);
        } else {
            out.push(l.text.clone());
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Ruled tables

/// Cluster values: each cluster is (min, max, mean), its values within `tol` of the next and
/// at most `2 tol` wide.
fn clusters(mut v: Vec<f64>, tol: f64) -> Vec<(f64, f64, f64)> {
    v.retain(|x| x.is_finite());
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, f64, f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((lo, hi, sum, n)) if x - *hi <= tol && x - *lo <= 2.0 * tol => {
                *hi = x;
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, x, x, 1)),
        }
    }
    out.into_iter()
        .map(|(lo, hi, sum, n)| (lo, hi, sum / n as f64))
        .collect()
}

/// Merge collinear segments that overlap or nearly touch.
fn merge_segs(segs: &[Seg], horizontal: bool) -> Vec<Seg> {
    let mut v: Vec<&Seg> = segs.iter().filter(|s| s.horizontal == horizontal).collect();
    v.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out: Vec<Seg> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1].pos - v[i].pos <= 1.0 {
            j += 1;
        }
        let mut group: Vec<&Seg> = v[i..=j].to_vec();
        group.sort_by(|a, b| a.a.total_cmp(&b.a));
        let pos = group.iter().map(|s| s.pos).sum::<f64>() / group.len() as f64;
        let mut cur: Option<Seg> = None;
        for s in group {
            match cur.as_mut() {
                Some(c) if s.a <= c.b + REACH => c.b = c.b.max(s.b),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Seg { pos, ..s.clone() });
                }
            }
        }
        out.extend(cur);
        i = j + 1;
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// A ruled table on one page: its band edges and its cells.
#[derive(Debug)]
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Cells as band rectangles: rows r0..r1, columns c0..c1 (exclusive ends).
    cells: Vec<(usize, usize, usize, usize)>,
    /// The cell that owns each band, row-major.
    owner: Vec<usize>,
    /// Which band edges are drawn: `vline[r * (ncols + 1) + c]` for the line at `xs[c]`
    /// through row band `r`, `hline[r * ncols + c]` for the line at `ys[r]` over column band
    /// `c`.
    vline: Vec<bool>,
    hline: Vec<bool>,
}

impl Grid {
    fn x0(&self) -> f64 {
        self.xs[0]
    }
    fn x1(&self) -> f64 {
        self.xs[self.xs.len() - 1]
    }
    fn y0(&self) -> f64 {
        self.ys[0]
    }
    fn y1(&self) -> f64 {
        self.ys[self.ys.len() - 1]
    }
    fn ncols(&self) -> usize {
        self.xs.len() - 1
    }
    fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x0() && x <= self.x1() && y >= self.y0() && y <= self.y1()
    }
    /// The cell a word belongs to: the one under its centre, unless the word runs over the
    /// cell's side and starts at the left of another cell (left-aligned text spilling into
    /// empty neighbours, as spreadsheets print it).
    fn cell_of(&self, w: &Word) -> usize {
        let (cx, cy) = (w.cx(), w.cy());
        let id = self.cell_at(cx, cy);
        let (_, _, c0, c1) = self.cells[id];
        if w.x0 < self.xs[c0] - 2.0 || w.x1 > self.xs[c1] + 2.0 {
            let left = self.cell_at(w.x0 + 0.5, cy);
            let (_, _, l0, _) = self.cells[left];
            if w.x0 - self.xs[l0] <= 6.0 {
                return left;
            }
        }
        id
    }

    /// The cell under a point inside the grid.
    fn cell_at(&self, x: f64, y: f64) -> usize {
        let band = |edges: &[f64], v: f64| {
            edges[1..edges.len() - 1]
                .partition_point(|e| *e <= v)
                .min(edges.len() - 2)
        };
        let (r, c) = (band(&self.ys, y), band(&self.xs, x));
        self.owner[r * self.ncols() + c]
    }
}

/// The ruled tables of a page.
fn grids(segs: &[Seg]) -> Vec<Grid> {
    let mut hs = merge_segs(segs, true);
    let mut vs = merge_segs(segs, false);
    hs.truncate(MAX_DIR_SEGS);
    vs.truncate(MAX_DIR_SEGS);
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.pos >= h.a - REACH
                && v.pos <= h.b + REACH
                && h.pos >= v.a - REACH
                && h.pos <= v.b + REACH
            {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut comps: std::collections::BTreeMap<usize, (Vec<&Seg>, Vec<&Seg>)> = Default::default();
    for i in 0..n {
        let root = find(&mut parent, i);
        let e = comps.entry(root).or_default();
        if i < hs.len() {
            e.0.push(&hs[i]);
        } else {
            e.1.push(&vs[i - hs.len()]);
        }
    }
    let mut out: Vec<Grid> = comps
        .into_values()
        .filter_map(|(h, v)| grid(&h, &v))
        .collect();
    // A box around other tables (a page frame) is not a table.
    let boxes: Vec<(f64, f64, f64, f64)> = out
        .iter()
        .map(|g| (g.x0(), g.y0(), g.x1(), g.y1()))
        .collect();
    let mut k = 0;
    out.retain(|g| {
        let me = k;
        k += 1;
        let frame = g.cells.len() == 1
            && boxes.iter().enumerate().any(|(o, b)| {
                o != me
                    && b.0 >= g.x0() - 1.0
                    && b.2 <= g.x1() + 1.0
                    && b.1 >= g.y0() - 1.0
                    && b.3 <= g.y1() + 1.0
            });
        !frame
    });
    out.sort_by(|a, b| a.y0().total_cmp(&b.y0()));
    out
}

fn grid(hs: &[&Seg], vs: &[&Seg]) -> Option<Grid> {
    if hs.len() < 2 || vs.len() < 2 {
        return None;
    }
    let x_lo = hs.iter().map(|s| s.a).chain(vs.iter().map(|s| s.pos));
    let x0 = x_lo.clone().fold(f64::MAX, f64::min);
    let x1 = hs
        .iter()
        .map(|s| s.b)
        .chain(vs.iter().map(|s| s.pos))
        .fold(f64::MIN, f64::max);
    let y0 = vs
        .iter()
        .map(|s| s.a)
        .chain(hs.iter().map(|s| s.pos))
        .fold(f64::MAX, f64::min);
    let y1 = vs
        .iter()
        .map(|s| s.b)
        .chain(hs.iter().map(|s| s.pos))
        .fold(f64::MIN, f64::max);
    if x1 - x0 < 8.0 || y1 - y0 < 5.0 {
        return None;
    }
    let mut xv: Vec<f64> = vs.iter().map(|s| s.pos).collect();
    xv.extend([x0, x1]);
    let mut yv: Vec<f64> = hs.iter().map(|s| s.pos).collect();
    yv.extend([y0, y1]);
    let xc = clusters(xv, SNAP);
    let yc = clusters(yv, SNAP);
    if xc.len() < 2 || yc.len() < 2 {
        return None;
    }
    let (nr, nc) = (yc.len() - 1, xc.len() - 1);
    if nr * nc > MAX_GRID {
        return None;
    }
    let xs: Vec<f64> = xc.iter().map(|c| c.2).collect();
    let ys: Vec<f64> = yc.iter().map(|c| c.2).collect();
    // Which band edges are drawn: vline[r][c] for the line at xs[c] through row band r,
    // hline[r][c] for the line at ys[r] over column band c.
    let mut vline = vec![false; nr * (nc + 1)];
    let mut hline = vec![false; (nr + 1) * nc];
    let covers = |a: f64, b: f64, lo: f64, hi: f64| b.min(hi) - a.max(lo) >= 0.6 * (hi - lo);
    for s in vs {
        let Some(c) = xc
            .iter()
            .position(|k| s.pos >= k.0 - 1.0 && s.pos <= k.1 + 1.0)
        else {
            continue;
        };
        let from = ys.partition_point(|y| *y < s.a - REACH).saturating_sub(1);
        for r in from..nr {
            if ys[r] > s.b {
                break;
            }
            if covers(s.a, s.b, ys[r], ys[r + 1]) {
                vline[r * (nc + 1) + c] = true;
            }
        }
    }
    for s in hs {
        let Some(r) = yc
            .iter()
            .position(|k| s.pos >= k.0 - 1.0 && s.pos <= k.1 + 1.0)
        else {
            continue;
        };
        let from = xs.partition_point(|x| *x < s.a - REACH).saturating_sub(1);
        for c in from..nc {
            if xs[c] > s.b {
                break;
            }
            if covers(s.a, s.b, xs[c], xs[c + 1]) {
                hline[r * nc + c] = true;
            }
        }
    }
    let mut owner = vec![usize::MAX; nr * nc];
    let mut cells = Vec::new();
    for r in 0..nr {
        for c in 0..nc {
            if owner[r * nc + c] != usize::MAX {
                continue;
            }
            let mut c1 = c + 1;
            while c1 < nc && !vline[r * (nc + 1) + c1] && owner[r * nc + c1] == usize::MAX {
                c1 += 1;
            }
            let mut r1 = r + 1;
            while r1 < nr
                && (c..c1).all(|cc| !hline[r1 * nc + cc] && owner[r1 * nc + cc] == usize::MAX)
                && (c + 1..c1).all(|cc| !vline[r1 * (nc + 1) + cc])
                // The region stops where its side lines stop: a cell is a rectangle.
                && (c1 == nc || vline[r1 * (nc + 1) + c1] == vline[r * (nc + 1) + c1])
            {
                r1 += 1;
            }
            let id = cells.len();
            for rr in r..r1 {
                for cc in c..c1 {
                    owner[rr * nc + cc] = id;
                }
            }
            cells.push((r, r1, c, c1));
        }
    }
    Some(Grid {
        xs,
        ys,
        cells,
        owner,
        vline,
        hline,
    })
}

// ---------------------------------------------------------------------------------------------
// Tables under construction

#[derive(Clone, Debug)]
struct PCell {
    x0: f64,
    x1: f64,
    /// Where text can stand in an unruled cell (the column's extent); a ruled cell's text box
    /// is its rectangle less the padding.
    text_box: Option<(f64, f64)>,
    lines: Vec<TLine>,
    continued: bool,
    /// Part of a cell that spans several rows (its top or a continuation).
    vmerged: bool,
}

impl PCell {
    fn is_empty(&self) -> bool {
        !self.continued && self.lines.is_empty()
    }
    fn has_text(&self) -> bool {
        !self.continued && !self.lines.is_empty()
    }
    fn same_place(&self, o: &PCell) -> bool {
        (self.x0 - o.x0).abs() <= SNAP && (self.x1 - o.x1).abs() <= SNAP
    }
}

#[derive(Clone, Debug)]
struct PRow {
    page: usize,
    y1: f64,
    cells: Vec<PCell>,
}

impl PRow {
    fn key(&self) -> Vec<String> {
        self.cells
            .iter()
            .map(|c| {
                c.lines
                    .iter()
                    .flat_map(|l| l.text.chars())
                    .filter(|c| !c.is_whitespace())
                    .collect()
            })
            .collect()
    }
}

#[derive(Clone, Debug)]
struct PTable {
    x0: f64,
    x1: f64,
    y0: f64,
    rows: Vec<PRow>,
    /// Cell padding: measured for ruled tables, none for unruled ones.
    ruled: bool,
}

fn ruled_table(g: &Grid, words: &[&Word], page: usize) -> PTable {
    let mut per_cell: Vec<Vec<&Word>> = vec![Vec::new(); g.cells.len()];
    for w in words {
        per_cell[g.cell_of(w)].push(w);
    }
    let nc = g.ncols();
    let nr = g.ys.len() - 1;
    // A band at the edge with no text and no line along its outer side lies outside the
    // table: a rule that runs past it made it.
    let (mut r_lo, mut r_hi, mut c_lo, mut c_hi) = (0, nr, 0, nc);
    let cell = |r: usize, c: usize| {
        let id = g.owner[r * nc + c];
        (g.cells[id], per_cell[id].is_empty())
    };
    loop {
        let row_free = |r: usize, edge: usize, c_lo: usize, c_hi: usize| {
            !(c_lo..c_hi).any(|c| g.hline[edge * nc + c])
                && (c_lo..c_hi).all(|c| {
                    let ((r0, r1, _, _), empty) = cell(r, c);
                    (r0, r1) == (r, r + 1) && empty
                })
        };
        let col_free = |c: usize, edge: usize, r_lo: usize, r_hi: usize| {
            !(r_lo..r_hi).any(|r| g.vline[r * (nc + 1) + edge])
                && (r_lo..r_hi).all(|r| {
                    let ((_, _, c0, c1), empty) = cell(r, c);
                    (c0, c1) == (c, c + 1) && empty
                })
        };
        if r_hi - r_lo > 1 && row_free(r_lo, r_lo, c_lo, c_hi) {
            r_lo += 1;
        } else if r_hi - r_lo > 1 && row_free(r_hi - 1, r_hi, c_lo, c_hi) {
            r_hi -= 1;
        } else if c_hi - c_lo > 1 && col_free(c_lo, c_lo, r_lo, r_hi) {
            c_lo += 1;
        } else if c_hi - c_lo > 1 && col_free(c_hi - 1, c_hi, r_lo, r_hi) {
            c_hi -= 1;
        } else {
            break;
        }
    }
    let (first_row, end_row, first_col, end_col) = (r_lo, r_hi, c_lo, c_hi);
    let mut cell_lines: Vec<Vec<TLine>> =
        per_cell.into_iter().map(|ws| lines_of(ws, page)).collect();
    let mut rows = Vec::new();
    for r in first_row..end_row {
        let mut cells = Vec::new();
        let mut c = first_col;
        while c < end_col {
            let id = g.owner[r * nc + c];
            let (r0, r1, c0, c1) = g.cells[id];
            cells.push(PCell {
                x0: g.xs[c0.max(first_col)],
                x1: g.xs[c1.min(end_col)],
                text_box: None,
                lines: if r0 == r {
                    std::mem::take(&mut cell_lines[id])
                } else {
                    Vec::new()
                },
                continued: r0 != r,
                vmerged: r1 - r0 > 1,
            });
            c = c1.max(c + 1);
        }
        rows.push(PRow {
            page,
            y1: g.ys[r + 1],
            cells,
        });
    }
    PTable {
        x0: g.xs[first_col],
        x1: g.xs[end_col],
        y0: g.ys[first_row],
        rows,
        ruled: true,
    }
}

// ---------------------------------------------------------------------------------------------
// Unruled tables

/// Pieces of a line split at wide gaps.
fn pieces<'a>(line: &[&'a Word]) -> Vec<Vec<&'a Word>> {
    let h = median(line.iter().map(|w| w.h()).collect()).max(1.0);
    let mut out: Vec<Vec<&Word>> = Vec::new();
    for (i, w) in line.iter().enumerate() {
        if i == 0 || w.x0 - line[i - 1].x1 >= 1.5 * h {
            out.push(vec![w]);
        } else if let Some(p) = out.last_mut() {
            p.push(w);
        }
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn span(ws: &[&Word]) -> (f64, f64) {
    (
        ws.iter().map(|w| w.x0).fold(f64::MAX, f64::min),
        ws.iter().map(|w| w.x1).fold(f64::MIN, f64::max),
    )
}

/// Find unruled tables among a page's loose words; returns the tables and the words they took.
fn unruled_tables(words: &[&Word], page: usize) -> (Vec<PTable>, HashSet<usize>) {
    let lines = group_lines(words.to_vec());
    let split: Vec<Vec<Vec<&Word>>> = lines.iter().map(|l| pieces(l)).collect();
    let mut tables = Vec::new();
    // The words taken, by address.
    let mut used: HashSet<usize> = HashSet::new();
    let mut i = 0;
    while i < lines.len() {
        if split[i].len() < 2 {
            i += 1;
            continue;
        }
        // Grow a run: multi-piece lines, with at most two one-piece lines between them, no
        // wide vertical gap.
        let mut end = i + 1; // exclusive, always after a multi-piece line
        let mut j = i + 1;
        while j < lines.len() {
            let h = median(lines[j - 1].iter().map(|w| w.h()).collect()).max(1.0);
            let gap = lines[j].iter().map(|w| w.y0).fold(f64::MAX, f64::min)
                - lines[j - 1].iter().map(|w| w.y1).fold(f64::MIN, f64::max);
            if gap > 1.5 * h || j - end > 2 || j - i >= MAX_RUN {
                break;
            }
            if split[j].len() >= 2 {
                end = j + 1;
            }
            j += 1;
        }
        match unruled_run(&lines[i..j], &split[i..j], end - i, page) {
            Some((t, n)) => {
                for l in &lines[i..i + n] {
                    used.extend(l.iter().map(|w| *w as *const Word as usize));
                }
                tables.push(t);
                i += n;
            }
            None => i += 1,
        }
    }
    (tables, used)
}

/// An unruled table in `lines[..end]` (which ends with a line of several pieces), continued by
/// the one-piece lines after it that stand under a cell with text: the table and the number of
/// lines it took.
fn unruled_run(
    lines: &[Vec<&Word>],
    split: &[Vec<Vec<&Word>>],
    end: usize,
    page: usize,
) -> Option<(PTable, usize)> {
    let (all_lines, all_split) = (lines, split);
    let (lines, split) = (&lines[..end], &split[..end]);
    let multi = split.iter().filter(|s| s.len() >= 2).count();
    if multi < 3 {
        return None;
    }
    // Columns: where the pieces of the multi-piece lines lie.
    let mut spans: Vec<(f64, f64)> = split
        .iter()
        .filter(|s| s.len() >= 2)
        .flat_map(|s| s.iter().map(|p| span(p)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(c) if a <= c.1 + 2.0 => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    if cols.len() < 2 {
        return None;
    }
    let col_of = |x0: f64, x1: f64| cols.iter().position(|c| x0 >= c.0 - 2.0 && x1 <= c.1 + 2.0);
    // Every piece must stand in one column, one-piece lines too.
    for s in split {
        for p in s {
            let (a, b) = span(p);
            col_of(a, b)?;
        }
    }
    let mut rows: Vec<(f64, Vec<Vec<&Word>>)> = Vec::new();
    for (l, s) in lines.iter().zip(split) {
        let y1 = l.iter().map(|w| w.y1).fold(f64::MIN, f64::max);
        if s.len() >= 2 || rows.is_empty() {
            rows.push((y1, vec![Vec::new(); cols.len()]));
        }
        let row = rows.last_mut().expect("pushed");
        row.0 = y1;
        for p in s {
            let (a, b) = span(p);
            if let Some(c) = col_of(a, b) {
                row.1[c].extend(p.iter().copied());
            }
        }
    }
    let filled = rows
        .iter()
        .filter(|r| r.1.iter().filter(|c| !c.is_empty()).count() >= 2)
        .count();
    if filled < 3 {
        return None;
    }
    // Lines after the last row that continue one of its cells.
    let mut taken = end;
    while taken < all_lines.len() {
        let [piece] = all_split[taken].as_slice() else {
            break;
        };
        let (a, b) = span(piece);
        let prev_bottom = all_lines[taken - 1]
            .iter()
            .map(|w| w.y1)
            .fold(f64::MIN, f64::max);
        let top = piece.iter().map(|w| w.y0).fold(f64::MAX, f64::min);
        let h = median(piece.iter().map(|w| w.h()).collect()).max(1.0);
        let last = rows.last_mut().expect("rows");
        match col_of(a, b) {
            Some(c) if top - prev_bottom <= 0.9 * h && !last.1[c].is_empty() => {
                last.1[c].extend(piece.iter().copied());
                last.0 = piece.iter().map(|w| w.y1).fold(last.0, f64::max);
                taken += 1;
            }
            _ => break,
        }
    }
    let y0 = lines[0].iter().map(|w| w.y0).fold(f64::MAX, f64::min);
    // Cells meet halfway between columns, so the grid has one edge between two columns.
    let edges: Vec<(f64, f64)> = (0..cols.len())
        .map(|k| {
            let a = if k == 0 {
                cols[0].0
            } else {
                (cols[k - 1].1 + cols[k].0) / 2.0
            };
            let b = if k + 1 == cols.len() {
                cols[k].1
            } else {
                (cols[k].1 + cols[k + 1].0) / 2.0
            };
            (a, b)
        })
        .collect();
    let table = PTable {
        x0: cols[0].0,
        x1: cols[cols.len() - 1].1,
        y0,
        rows: rows
            .into_iter()
            .map(|(y1, cells)| PRow {
                page,
                y1,
                cells: cells
                    .into_iter()
                    .zip(&edges)
                    .zip(&cols)
                    .map(|((ws, e), c)| PCell {
                        x0: e.0,
                        x1: e.1,
                        text_box: Some(*c),
                        lines: lines_of(ws, page),
                        continued: false,
                        vmerged: false,
                    })
                    .collect(),
            })
            .collect(),
        ruled: false,
    };
    Some((table, taken))
}

// ---------------------------------------------------------------------------------------------
// Page furniture

/// A bare page number: `3`, `- 3 -`, `第3页`, `第 3 页 共 17 页`, `3/17`, `Page 3 of 17`.
fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.to_lowercase();
    let rest = t.replace("page", "").replace("of", "");
    t.chars().count() <= 24
        && rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || "-—–_/／第页共·.()（）".contains(c))
}

/// `续表`, `续上表`, `（续）`, `续表1`, `表3（续）`: the label over a table's continuation.
fn is_continuation_label(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches(['：', ':']);
    t.chars().count() <= 12
        && (t.starts_with("续表")
            || t.starts_with("续上表")
            || t.ends_with("（续）")
            || t.ends_with("(续)"))
}

fn furniture_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Assembling the document

enum Item {
    Table(PTable),
    /// A paragraph, and whether it is a running head or foot (the same text in the margin of
    /// most pages).
    Prose(String, bool),
}

/// Lay out every page and join tables across pages.
pub fn layout(pages: &[Page]) -> Vec<Block> {
    // Pass 1: ruled tables and the words outside them.
    struct Pass1<'a> {
        tables: Vec<PTable>,
        loose: Vec<&'a Word>,
    }
    let mut pass1: Vec<Pass1> = Vec::new();
    for (pno, page) in pages.iter().enumerate() {
        let gs = grids(&page.segs);
        let mut inside: Vec<Vec<&Word>> = vec![Vec::new(); gs.len()];
        let mut loose = Vec::new();
        for w in &page.words {
            match gs.iter().position(|g| g.contains(w.cx(), w.cy())) {
                Some(k) => inside[k].push(w),
                None => loose.push(w),
            }
        }
        // A ruled box with no text in it is decoration, not a table.
        let tables = gs
            .iter()
            .zip(&inside)
            .filter(|(_, ws)| !ws.is_empty())
            .map(|(g, ws)| ruled_table(g, ws, pno))
            .collect();
        pass1.push(Pass1 { tables, loose });
    }

    // Pass 2: page furniture among the loose words, by pdftotext line.
    let margin_lines = |pno: usize| -> Vec<(usize, String, bool)> {
        let page = &pages[pno];
        let h = page.height.max(1.0);
        let mut by_line: std::collections::BTreeMap<usize, Vec<&Word>> = Default::default();
        for w in &pass1[pno].loose {
            by_line.entry(w.line).or_default().push(w);
        }
        by_line
            .into_iter()
            .filter_map(|(l, ws)| {
                let y0 = ws.iter().map(|w| w.y0).fold(f64::MAX, f64::min);
                let y1 = ws.iter().map(|w| w.y1).fold(f64::MIN, f64::max);
                let top = y1 < 0.07 * h;
                let bottom = y0 > 0.93 * h;
                (top || bottom).then(|| {
                    let text: String = ws.iter().map(|w| w.text.as_str()).collect();
                    (l, text, top)
                })
            })
            .collect()
    };
    let margins: Vec<Vec<(usize, String, bool)>> = (0..pages.len()).map(margin_lines).collect();
    let mut counts: std::collections::HashMap<(String, bool), usize> = Default::default();
    for m in &margins {
        let mut seen = std::collections::HashSet::new();
        for (_, t, top) in m {
            let k = (furniture_key(t), *top);
            if seen.insert(k.clone()) {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let n = pages.len();
    let repeated = |t: &str, top: bool| {
        let c = counts.get(&(furniture_key(t), top)).copied().unwrap_or(0);
        n >= 2 && c >= 2 && (c * 5 >= n * 2)
    };
    // Page numbers go; running heads stay prose but do not separate a table from its
    // continuation (a title repeated on every page may be one).
    let numbers: Vec<Vec<usize>> = margins
        .iter()
        .map(|m| {
            m.iter()
                .filter(|(_, t, _)| is_page_number(t))
                .map(|(l, _, _)| *l)
                .collect()
        })
        .collect();
    let running: Vec<Vec<usize>> = margins
        .iter()
        .map(|m| {
            m.iter()
                .filter(|(_, t, top)| !is_page_number(t) && repeated(t, *top))
                .map(|(l, _, _)| *l)
                .collect()
        })
        .collect();

    // Pass 3: unruled tables and prose; the items of each page in order.
    let mut page_items: Vec<Vec<(f64, Item)>> = Vec::new();
    for (pno, p1) in pass1.into_iter().enumerate() {
        let (heads, loose): (Vec<&Word>, Vec<&Word>) = p1
            .loose
            .into_iter()
            .filter(|w| !numbers[pno].contains(&w.line))
            .partition(|w| running[pno].contains(&w.line));
        let (unruled, used) = if p1.tables.is_empty() {
            unruled_tables(&loose, pno)
        } else {
            (Vec::new(), HashSet::new())
        };
        let prose_words: Vec<&Word> = loose
            .into_iter()
            .filter(|w| !used.contains(&(*w as *const Word as usize)))
            .collect();
        let mut tables: Vec<PTable> = p1.tables.into_iter().chain(unruled).collect();
        tables.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        let table_tops: Vec<f64> = tables.iter().map(|t| t.y0).collect();
        let mut paras: Vec<(f64, String, bool)> = prose(&prose_words, &table_tops, pno)
            .into_iter()
            .map(|(y, t)| (y, t, false))
            .chain(
                prose(&heads, &table_tops, pno)
                    .into_iter()
                    .map(|(y, t)| (y, t, true)),
            )
            .collect();
        paras.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Interleave: paragraphs top to bottom, each table before the first
        // paragraph that starts below its top.
        let mut items: Vec<(f64, Item)> = Vec::new();
        let mut tables = tables.into_iter().peekable();
        for (y0, text, head) in paras {
            while let Some(t) = tables.next_if(|t| t.y0 < y0) {
                items.push((t.y0, Item::Table(t)));
            }
            items.push((y0, Item::Prose(text, head)));
        }
        items.extend(tables.map(|t| (t.y0, Item::Table(t))));
        page_items.push(items);
    }

    // Pass 4: join tables across pages. The lowest a table reaches on pages of the same size
    // is where the page body ends: a row split at a page break ends there.
    let bottoms: Vec<f64> = page_items
        .iter()
        .map(|items| {
            items
                .iter()
                .filter_map(|(_, it)| match it {
                    Item::Table(t) => t.rows.last().map(|r| r.y1),
                    Item::Prose(..) => None,
                })
                .fold(0.0f64, f64::max)
        })
        .collect();
    let body_bottom = |pno: usize| {
        let h = pages[pno].height;
        bottoms
            .iter()
            .zip(pages)
            .filter(|(_, p)| (p.height - h).abs() < 1.0)
            .map(|(b, _)| *b)
            .fold(0.0f64, f64::max)
    };
    let mut items: Vec<Item> = Vec::new();
    for page in page_items {
        // Running heads and feet between a table and its continuation go; so does a "续表"
        // label over the continuation.
        let lead = page
            .iter()
            .take_while(|(_, it)| matches!(it, Item::Prose(_, true)))
            .count();
        let label = matches!(page.get(lead), Some((_, Item::Prose(p, false))) if is_continuation_label(p))
            && matches!(page.get(lead + 1), Some((_, Item::Table(_))));
        let start = lead + usize::from(label);
        let open = items
            .iter()
            .rposition(|it| !matches!(it, Item::Prose(_, true)))
            .filter(|&k| matches!(items[k], Item::Table(_)));
        if let (Some(k), Some((_, Item::Table(next)))) = (open, page.get(start))
            && let Item::Table(prev) = &items[k]
            && (prev.x0 - next.x0).abs() <= 4.0
            && (prev.x1 - next.x1).abs() <= 4.0
            && let (Some(a), Some(b)) = (prev.rows.last(), next.rows.first())
            && a.page + 1 == b.page
        {
            let bottom = body_bottom(a.page);
            items.truncate(k + 1);
            let mut rest = page.into_iter().skip(start);
            let (Some(Item::Table(prev)), Some((_, Item::Table(next)))) =
                (items.last_mut(), rest.next())
            else {
                unreachable!("checked above")
            };
            continue_table(prev, next, bottom);
            items.extend(rest.map(|(_, it)| it));
            continue;
        }
        items.extend(page.into_iter().map(|(_, it)| it));
    }

    items
        .into_iter()
        .map(|it| match it {
            Item::Prose(p, _) => Block::Prose(p),
            Item::Table(t) => Block::Table(finish(t)),
        })
        .collect()
}

/// Paragraphs of a page's loose words: (top, text), top to bottom. Disclosure documents are
/// set in one column, so lines are read top to bottom (pdftotext's own reading order sometimes
/// puts a heading after the paragraph below it). pdftotext's blocks are not paragraphs either
/// (with wide line spacing every line is a block of its own): lines that follow each other
/// closely, overlapping horizontally, form a run, and a run breaks into paragraphs by
/// indentation and by how full its lines are.
fn prose(words: &[&Word], table_tops: &[f64], page: usize) -> Vec<(f64, String)> {
    let page_right = words.iter().map(|w| w.x1).fold(f64::MIN, f64::max);
    let lines = lines_of(words.to_vec(), page);
    let mut runs: Vec<Vec<TLine>> = Vec::new();
    for l in lines {
        let joins = runs.last().and_then(|r| r.last()).is_some_and(|prev| {
            let gap = l.y0 - prev.y1;
            gap >= -0.2 * prev.h()
                && gap <= 0.9 * prev.h()
                && l.x0 < prev.x1
                && prev.x0 < l.x1
                && !table_tops
                    .iter()
                    .any(|&t| t >= prev.y1 - 1.0 && t <= l.y0 + 1.0)
        });
        if !joins {
            runs.push(Vec::new());
        }
        runs.last_mut().expect("pushed").push(l);
    }
    let mut out = Vec::new();
    for run in runs {
        let left = run.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
        let mut right = run.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
        if run.len() <= 2 {
            right = right.max(page_right);
        }
        // A paragraph also starts at an indented line.
        let mut start = 0;
        for i in 1..=run.len() {
            let indented = i < run.len() && run[i].x0 > left + 1.5 * run[i].em();
            if i == run.len() || indented {
                let part = &run[start..i];
                let top = part[0].y0;
                for p in paragraphs(part, left, right) {
                    out.push((top, p));
                }
                start = i;
            }
        }
    }
    out
}

/// Cell padding of a ruled table: the smallest gap between a cell's left edge and its text.
fn padding(t: &PTable) -> f64 {
    if !t.ruled {
        return 0.0;
    }
    let gap = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .flat_map(|c| c.lines.iter().map(move |l| l.x0 - c.x0))
        .filter(|g| *g >= 0.0)
        .fold(f64::MAX, f64::min);
    if gap == f64::MAX {
        2.0
    } else {
        gap.clamp(0.5, 6.0)
    }
}

/// Append the continuation of a table on the next page.
fn continue_table(prev: &mut PTable, mut next: PTable, body_bottom: f64) {
    // Repeated header rows: the leading rows equal to the table's first rows.
    let mut header = 0;
    while header < next.rows.len().min(prev.rows.len()).min(3)
        && next.rows[header].key() == prev.rows[header].key()
        && next.rows[header].key().iter().any(|k| !k.is_empty())
    {
        header += 1;
    }
    let pad = padding(prev);
    if header < next.rows.len()
        && let Some(last) = prev.rows.last_mut()
    {
        let first = &next.rows[header];
        if split_row(last, first, body_bottom, pad) {
            let first = next.rows.remove(header);
            for c in first.cells {
                if let Some(target) = last.cells.iter_mut().find(|t| t.same_place(&c)) {
                    target.lines.extend(c.lines);
                }
            }
        } else {
            // An empty cell under a vertically merged cell continues it.
            let first = &mut next.rows[header];
            let mut cont = Vec::new();
            for (k, c) in first.cells.iter().enumerate() {
                if c.is_empty() && last.cells.iter().any(|a| a.vmerged && a.same_place(c)) {
                    cont.push(k);
                }
            }
            for k in cont {
                first.cells[k].continued = true;
                first.cells[k].vmerged = true;
            }
        }
    }
    prev.rows.extend(next.rows);
}

/// Whether `next`, the first row on a new page, is the rest of `last`, a row Word split at
/// the page break.
fn split_row(last: &PRow, next: &PRow, body_bottom: f64, pad: f64) -> bool {
    let line_h = last
        .cells
        .iter()
        .flat_map(|c| c.lines.iter().map(TLine::h))
        .fold(0.0f64, f64::max);
    if line_h == 0.0 || last.y1 < body_bottom - 2.0 * line_h {
        return false;
    }
    let mut continuing = 0;
    let mut runs_on = true;
    let mut all_tall = true;
    for c in next.cells.iter().filter(|c| c.has_text()) {
        let Some(a) = last.cells.iter().find(|a| a.same_place(c)) else {
            return false;
        };
        let Some(end) = a.lines.last().filter(|_| a.has_text()) else {
            return false;
        };
        // The text above must reach the bottom of the row.
        if last.y1 - end.y1 > 1.5 * end.h() {
            return false;
        }
        let (left, right) = a.text_box.unwrap_or((a.x0 + pad, a.x1 - pad));
        let align = alignment(&a.lines, left, right);
        runs_on &= wraps(end, &c.lines[0], left, right, align);
        all_tall &= a.lines.len() >= 2;
        continuing += 1;
    }
    if continuing == 0 || !runs_on {
        return false;
    }
    // Some cell of the row ended on the first page (its part on the second is empty), or
    // every cell that runs on already filled several lines.
    let vanished = last.cells.iter().filter(|a| a.has_text()).any(|a| {
        next.cells
            .iter()
            .find(|c| c.same_place(a))
            .is_some_and(PCell::is_empty)
    });
    vanished || all_tall
}

/// A table's final form: grid columns from every cell edge, paragraphs from the lines.
fn finish(t: PTable) -> RawTable {
    let pad = padding(&t);
    let edges: Vec<f64> = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().flat_map(|c| [c.x0, c.x1]))
        .collect();
    let cols: Vec<f64> = clusters(edges, SNAP).into_iter().map(|c| c.2).collect();
    let col = |x: f64| {
        cols.iter()
            .enumerate()
            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
            .map(|(i, _)| i)
            .unwrap_or(0)
    };
    let rows = t
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| RawRow {
            number: i + 1,
            page: Some(r.page + 1),
            cells: r
                .cells
                .into_iter()
                .map(|c| {
                    let c0 = col(c.x0);
                    RawCell {
                        paragraphs: if c.continued {
                            Vec::new()
                        } else {
                            let (left, right) = c.text_box.unwrap_or((c.x0 + pad, c.x1 - pad));
                            paragraphs(&c.lines, left, right)
                        },
                        col: c0,
                        width: col(c.x1).saturating_sub(c0).max(1),
                        continued: c.continued,
                    }
                })
                .collect(),
        })
        .collect();
    RawTable { rows, sheet: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word of `text` at (x, y), 10 points high, CJK characters 10 wide and others 5.
    fn w(x: f64, y: f64, text: &str) -> Word {
        let width: f64 = text
            .chars()
            .map(|c| if is_wide(c) { 10.0 } else { 5.0 })
            .sum();
        Word {
            x0: x,
            y0: y,
            x1: x + width,
            y1: y + 10.0,
            text: text.to_string(),
            block: 0,
            line: (y * 10.0) as usize,
        }
    }

    fn line(ws: &[Word]) -> TLine {
        let mut lines = lines_of(ws.iter().collect(), 0);
        assert_eq!(lines.len(), 1);
        lines.remove(0)
    }

    fn seg(horizontal: bool, pos: f64, a: f64, b: f64) -> Seg {
        Seg {
            horizontal,
            pos,
            a,
            b,
            thickness: 0.5,
        }
    }

    /// Ruling for a grid with every cell closed.
    fn ruling(xs: &[f64], ys: &[f64]) -> Vec<Seg> {
        let mut v: Vec<Seg> = ys
            .iter()
            .map(|&y| seg(true, y, xs[0], xs[xs.len() - 1]))
            .collect();
        v.extend(xs.iter().map(|&x| seg(false, x, ys[0], ys[ys.len() - 1])));
        v
    }

    fn rows(blocks: &[Block]) -> Vec<Vec<String>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Prose(_) => None,
            })
            .map(|t| {
                t.rows
                    .iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| {
                                format!(
                                    "{}{}",
                                    if c.continued { "^" } else { "" },
                                    c.paragraphs.join("⏎")
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn words_on_a_line_and_the_spaces_between_them() {
        assert_eq!(
            line(&[
                w(0.0, 0.0, "指纹认证"),
                w(42.5, 0.0, "2"),
                w(50.0, 0.0, "万")
            ])
            .text,
            "指纹认证2万"
        );
        assert_eq!(
            line(&[w(0.0, 0.0, "Hello"), w(28.0, 0.0, "World")]).text,
            "Hello World"
        );
        // Distributed CJK: a gap wider than a character is a space, a narrower one is not.
        assert_eq!(line(&[w(0.0, 0.0, "项"), w(30.0, 0.0, "目")]).text, "项 目");
        assert_eq!(line(&[w(0.0, 0.0, "项"), w(13.0, 0.0, "目")]).text, "项目");
        // A font change inside a number leaves touching boxes.
        assert_eq!(line(&[w(0.0, 0.0, "≥"), w(5.0, 0.0, "90")]).text, "≥90");
        // Out of order and printed twice (fake bold).
        let l = line(&[w(40.0, 0.5, "二"), w(0.0, 0.0, "一"), w(0.3, 0.2, "一")]);
        assert_eq!(l.text, "一 二");
    }

    #[test]
    fn wrapped_lines_join_and_short_lines_end_paragraphs() {
        let p = |ws: &[&[Word]], left: f64, right: f64| {
            let lines: Vec<TLine> = ws.iter().map(|l| line(l)).collect();
            paragraphs(&lines, left, right)
        };
        // Full CJK line wraps; the short line after it ends the paragraph.
        assert_eq!(
            p(
                &[
                    &[w(0.0, 0.0, "一二三四五六七八九十")],
                    &[w(0.0, 12.0, "完成")],
                    &[w(0.0, 24.0, "新段")]
                ],
                0.0,
                100.0
            ),
            ["一二三四五六七八九十完成", "新段"]
        );
        // A list item starts a paragraph even after a full line.
        assert_eq!(
            p(
                &[
                    &[w(0.0, 0.0, "1、一二三四五六七八")],
                    &[w(0.0, 12.0, "2、乙")]
                ],
                0.0,
                100.0
            ),
            ["1、一二三四五六七八", "2、乙"]
        );
        // Kinsoku: （境） moves down as one unit.
        assert_eq!(
            p(
                &[&[w(0.0, 0.0, "一、因公出国")], &[w(0.0, 12.0, "（境）费")]],
                0.0,
                80.0
            ),
            ["一、因公出国（境）费"]
        );
        // Latin words wrap at a space; a code breaks after its hyphen; a long number
        // breaks where it hit the border.
        assert_eq!(
            p(
                &[
                    &[w(0.0, 0.0, "Performance"), w(60.0, 0.0, "target")],
                    &[w(0.0, 12.0, "met")]
                ],
                0.0,
                95.0
            ),
            ["Performance target met"]
        );
        assert_eq!(
            p(
                &[&[w(0.0, 0.0, "323-0101-JSN-")], &[w(0.0, 12.0, "KGVA")]],
                0.0,
                70.0
            ),
            ["323-0101-JSN-KGVA"]
        );
        assert_eq!(
            p(
                &[&[w(0.0, 0.0, "1234567890123")], &[w(0.0, 12.0, "45")]],
                0.0,
                66.0
            ),
            ["123456789012345"]
        );
        // Centred: the full first line wraps into the short centred one.
        assert_eq!(
            p(
                &[&[w(0.0, 0.0, "资金支出计划")], &[w(15.0, 12.0, "（%）")]],
                0.0,
                60.0
            ),
            ["资金支出计划（%）"]
        );
        // A blank line between two lines ends the paragraph.
        assert_eq!(
            p(
                &[&[w(0.0, 0.0, "一二三四五")], &[w(0.0, 30.0, "六七")]],
                0.0,
                50.0
            ),
            ["一二三四五", "六七"]
        );
    }

    #[test]
    fn list_markers_and_page_numbers() {
        for s in [
            "1、甲",
            "12.乙",
            "（三）丙",
            "(3)丁",
            "一、戊",
            "十二、己",
            "①庚",
        ] {
            assert!(starts_list_item(s), "{s}");
        }
        for s in ["2.5万元", "123", "（百分比）", "一级指标", "", "2020年"] {
            assert!(!starts_list_item(s), "{s}");
        }
        for s in [
            "3",
            "- 3 -",
            "第3页",
            "第 3 页 共 17 页",
            "3/17",
            "Page 3 of 17",
            "—12—",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["2020年部门预算", "第三部分", "单位：万元", "页"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn grid_cells_merge_where_lines_are_missing() {
        // 3 columns × 3 rows; row 0 has no line at x=200 (cells 1-2 merged); column 0 has
        // no line at y=40 (rows 1-2 merged).
        let mut segs = vec![
            seg(true, 0.0, 0.0, 300.0),
            seg(true, 20.0, 0.0, 300.0),
            seg(true, 40.0, 100.0, 300.0),
            seg(true, 60.0, 0.0, 300.0),
            seg(false, 0.0, 0.0, 60.0),
            seg(false, 100.0, 0.0, 60.0),
            seg(false, 200.0, 20.0, 60.0),
            seg(false, 300.0, 0.0, 60.0),
        ];
        // A frame around it all, and a lone underline elsewhere.
        segs.extend(ruling(&[-20.0, 320.0], &[-20.0, 80.0]));
        segs.push(seg(true, 200.0, 0.0, 50.0));
        let gs = grids(&segs);
        assert_eq!(gs.len(), 1);
        let g = &gs[0];
        assert_eq!(
            g.cells,
            [
                (0, 1, 0, 1),
                (0, 1, 1, 3),
                (1, 3, 0, 1),
                (1, 2, 1, 2),
                (1, 2, 2, 3),
                (2, 3, 1, 2),
                (2, 3, 2, 3)
            ]
        );
        let words = [
            w(5.0, 5.0, "名称"),
            w(105.0, 5.0, "养护"),
            w(5.0, 35.0, "产出"),
            w(105.0, 25.0, "数量"),
            w(205.0, 25.0, "10"),
            w(105.0, 45.0, "质量"),
            w(205.0, 45.0, "90"),
        ];
        let page = Page {
            width: 600.0,
            height: 800.0,
            words: words.to_vec(),
            segs,
        };
        let blocks = layout(&[page]);
        assert_eq!(rows(&blocks), [["名称|养护", "产出|数量|10", "^|质量|90"]]);
        let Block::Table(t) = &blocks[0] else {
            panic!()
        };
        let spans: Vec<Vec<(usize, usize)>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| (c.col, c.width)).collect())
            .collect();
        assert_eq!(
            spans,
            [
                vec![(0, 1), (1, 2)],
                vec![(0, 1), (1, 1), (2, 1)],
                vec![(0, 1), (1, 1), (2, 1)]
            ]
        );
    }

    /// Two pages of one table: the first row on page 2 has a blank value, a new 三级 text,
    /// and empty cells under merged ones. It is a row of its own, not the rest of the last
    /// row of page 1, and its empty cells continue the merged ones.
    #[test]
    fn a_new_row_after_a_page_break_is_not_joined_to_the_last_one() {
        let xs = [0.0, 100.0, 200.0, 300.0, 400.0];
        let mut p1 = Page {
            width: 600.0,
            height: 800.0,
            words: vec![
                w(5.0, 705.0, "一级指标"),
                w(105.0, 705.0, "二级指标"),
                w(205.0, 705.0, "三级指标"),
                w(305.0, 705.0, "指标值"),
                w(5.0, 735.0, "效益指标"),
                w(105.0, 735.0, "社会效益"),
                w(205.0, 725.0, "受益人数"),
                w(305.0, 725.0, "≥8600"),
                w(205.0, 745.0, "新增岗位"),
                w(305.0, 745.0, "≥260"),
            ],
            segs: Vec::new(),
        };
        // Rows 700-720 header, 720-740 and 740-760 with 一级/二级 merged over both.
        p1.segs = vec![
            seg(true, 700.0, 0.0, 400.0),
            seg(true, 720.0, 0.0, 400.0),
            seg(true, 740.0, 200.0, 400.0),
            seg(true, 760.0, 0.0, 400.0),
        ];
        p1.segs
            .extend(xs.iter().map(|&x| seg(false, x, 700.0, 760.0)));
        let mut p2 = Page {
            width: 600.0,
            height: 800.0,
            words: vec![
                w(205.0, 65.0, "防止返贫"),
                w(205.0, 85.0, "满意度"),
                w(305.0, 85.0, "≥95"),
                w(5.0, 85.0, "满意度指标"),
            ],
            segs: ruling(&xs, &[60.0, 80.0, 100.0]),
        };
        p2.words.push(w(105.0, 85.0, "服务对象"));
        let blocks = layout(&[p1, p2]);
        assert_eq!(
            rows(&blocks),
            [[
                "一级指标|二级指标|三级指标|指标值",
                "效益指标|社会效益|受益人数|≥8600",
                "^|^|新增岗位|≥260",
                "^|^|防止返贫|",
                "满意度指标|服务对象|满意度|≥95",
            ]]
        );
    }

    /// Page numbers go. A running head stays prose, but a table continues past it.
    #[test]
    fn page_numbers_go_running_heads_do_not_break_a_table() {
        let xs = [0.0, 100.0, 200.0];
        let page = |n: usize, words: Vec<Word>, ys: &[f64]| {
            let mut ws = vec![
                w(250.0, 20.0, "某局部门预算"),
                w(290.0, 770.0, &format!("- {n} -")),
            ];
            ws.extend(words);
            Page {
                width: 600.0,
                height: 800.0,
                words: ws,
                segs: if ys.is_empty() {
                    Vec::new()
                } else {
                    ruling(&xs, ys)
                },
            }
        };
        let p1 = page(
            1,
            vec![
                w(0.0, 100.0, "正文"),
                w(5.0, 705.0, "一级"),
                w(105.0, 705.0, "二级"),
            ],
            &[700.0, 720.0],
        );
        let p2 = page(
            2,
            vec![w(5.0, 65.0, "产出"), w(105.0, 65.0, "数量")],
            &[60.0, 80.0],
        );
        let p3 = page(3, vec![w(0.0, 100.0, "结尾")], &[]);
        let blocks = layout(&[p1, p2, p3]);
        assert_eq!(rows(&blocks), [["一级|二级", "产出|数量"]]);
        let prose: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Prose(p) => Some(p.as_str()),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(prose, ["某局部门预算", "正文", "某局部门预算", "结尾"]);
        assert!(matches!(blocks[2], Block::Table(_)));
    }

    #[test]
    fn columns_of_words_without_lines_make_a_table_prose_does_not() {
        let mut words = Vec::new();
        for (i, r) in [
            ["一级", "二级", "值"],
            ["产出", "数量", "10"],
            ["效益", "社会", "提升"],
        ]
        .iter()
        .enumerate()
        {
            for (k, t) in r.iter().enumerate() {
                words.push(w(60.0 + 120.0 * k as f64, 100.0 + 15.0 * i as f64, t));
            }
        }
        // A wrapped cell: a one-piece line inside the middle column.
        words.push(w(180.0, 145.0, "效益"));
        let page = Page {
            width: 600.0,
            height: 800.0,
            words,
            segs: Vec::new(),
        };
        assert_eq!(
            rows(&layout(&[page])),
            [["一级|二级|值", "产出|数量|10", "效益|社会效益|提升"]]
        );

        let prose = Page {
            width: 600.0,
            height: 800.0,
            words: (0..6)
                .map(|i| w(60.0, 100.0 + 14.0 * i as f64, "一二三四五六七八九十"))
                .collect(),
            segs: Vec::new(),
        };
        let blocks = layout(&[prose]);
        assert_eq!(blocks, [Block::Prose("一二三四五六七八九十".repeat(6))]);
    }

    #[test]
    fn a_rule_running_past_the_table_adds_no_column() {
        let mut segs = ruling(&[100.0, 200.0, 300.0], &[0.0, 20.0, 40.0]);
        segs.push(seg(true, 0.0, 0.0, 600.0));
        segs.push(seg(false, 300.0, 40.0, 90.0));
        let page = Page {
            width: 600.0,
            height: 800.0,
            words: vec![
                w(103.0, 5.0, "甲"),
                w(203.0, 5.0, "乙"),
                w(103.0, 25.0, "丙"),
                w(203.0, 25.0, "丁"),
            ],
            segs,
        };
        let blocks = layout(&[page]);
        assert_eq!(rows(&blocks), [["甲|乙", "丙|丁"]]);
        let Block::Table(t) = &blocks[0] else {
            panic!()
        };
        assert_eq!((t.rows[0].cells[0].col, t.rows[0].cells[1].col), (0, 1));
    }

    #[test]
    fn text_spilling_into_an_empty_neighbour_stays_in_its_cell() {
        let page = Page {
            width: 600.0,
            height: 800.0,
            words: vec![
                w(3.0, 5.0, "金额单位万元以及说明"),
                w(203.0, 5.0, "x"),
                w(3.0, 25.0, "甲"),
                w(103.0, 25.0, "乙"),
                w(203.0, 25.0, "丙"),
            ],
            segs: ruling(&[0.0, 50.0, 100.0, 200.0, 300.0], &[0.0, 20.0, 40.0]),
        };
        // The first word is 100 wide: its centre is in the third column.
        assert_eq!(
            rows(&layout(&[page])),
            [["金额单位万元以及说明|||x", "甲||乙|丙"]]
        );
    }

    #[test]
    fn a_continuation_label_does_not_break_a_table() {
        let xs = [0.0, 100.0, 200.0];
        let p1 = Page {
            width: 600.0,
            height: 800.0,
            words: vec![
                w(5.0, 705.0, "一级"),
                w(105.0, 705.0, "二级"),
                w(5.0, 725.0, "产出"),
                w(105.0, 725.0, "数量"),
            ],
            segs: ruling(&xs, &[700.0, 720.0, 740.0]),
        };
        let p2 = Page {
            width: 600.0,
            height: 800.0,
            words: vec![
                w(0.0, 45.0, "续表"),
                w(5.0, 65.0, "效益"),
                w(105.0, 65.0, "社会"),
            ],
            segs: ruling(&xs, &[60.0, 80.0]),
        };
        let blocks = layout(&[p1, p2]);
        assert_eq!(blocks.len(), 1);
        assert_eq!(rows(&blocks), [["一级|二级", "产出|数量", "效益|社会"]]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Ruling on a lattice (so lines meet, merge and stop short), words in the cells, on
        /// one or two pages: no panic, every row spans the columns in order.
        #[test]
        fn ruled_layout_never_panics(
            hs in proptest::collection::vec((0usize..12, 0usize..6, 1usize..7), 0..30),
            vs in proptest::collection::vec((0usize..7, 0usize..12, 1usize..13), 0..30),
            words in proptest::collection::vec((0usize..6, 0usize..12, 0usize..6, proptest::bool::ANY), 0..40),
        ) {
            let texts = ["一级指标", "在全国或全省产生的重要影响", "≥90", "续表", "1、", "- 3 -"];
            let mut ps: Vec<Page> = (0..2).map(|_| Page { width: 600.0, height: 800.0, ..Page::default() }).collect();
            for (p, page) in ps.iter_mut().enumerate() {
                let base = if p == 0 { 500.0 } else { 40.0 };
                for (y, x, len) in &hs {
                    page.segs.push(seg(true, base + 20.0 * *y as f64, 80.0 * *x as f64, 80.0 * (*x + *len) as f64));
                }
                for (x, y, len) in &vs {
                    page.segs.push(seg(false, 80.0 * *x as f64, base + 20.0 * *y as f64, base + 20.0 * (*y + *len) as f64));
                }
            }
            for (c, r, t, second) in &words {
                let base = if *second { 40.0 } else { 500.0 };
                ps[usize::from(*second)].words.push(w(80.0 * *c as f64 + 3.0, base + 20.0 * *r as f64 + 4.0, texts[*t]));
            }
            for b in layout(&ps) {
                if let Block::Table(t) = b {
                    for r in &t.rows {
                        for pair in r.cells.windows(2) {
                            proptest::prop_assert!(pair[0].col + pair[0].width <= pair[1].col);
                        }
                    }
                }
            }
        }

        /// Any words and segments: no panic, and every table row has cells in column order.
        #[test]
        fn layout_never_panics(
            words in proptest::collection::vec((0.0f64..600.0, 0.0f64..800.0, 0usize..4, 0usize..6), 0..60),
            segs in proptest::collection::vec((proptest::bool::ANY, 0.0f64..800.0, 0.0f64..600.0, 0.0f64..300.0), 0..40),
            pages in 1usize..3,
        ) {
            let texts = ["一级指标", "2", "≥90", "Performance", "（境）", "1、"];
            let mut ps: Vec<Page> = (0..pages).map(|_| Page { width: 600.0, height: 800.0, ..Page::default() }).collect();
            for (i, (x, y, p, t)) in words.iter().enumerate() {
                let mut word = w(*x, *y, texts[*t]);
                word.line = i / 3;
                ps[p % pages].words.push(word);
            }
            for (i, (h, pos, a, len)) in segs.iter().enumerate() {
                ps[i % pages].segs.push(seg(*h, *pos, *a, a + len));
            }
            for b in layout(&ps) {
                if let Block::Table(t) = b {
                    for r in &t.rows {
                        for pair in r.cells.windows(2) {
                            proptest::prop_assert!(pair[0].col <= pair[1].col);
                        }
                    }
                }
            }
        }
    }
}
