//! A tiny PDF writer for tests: pages of text (Helvetica for ASCII, the Adobe standard CJK font
//! STSong-Light, not embedded, for everything else) and lines, in top-left coordinates.

/// Helvetica advance widths (per 1000) of the ASCII characters the tests use; others 556.
fn helvetica(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | '/' | ':' | ';' | 'i' | 'l' | 'I' | 'j' | 'f' | 't' => 278.0,
        '-' | '(' | ')' | 'r' => 333.0,
        '%' => 889.0,
        'm' | 'M' | 'W' => 833.0,
        'w' => 722.0,
        'A'..='Z' => 667.0,
        _ => 556.0,
    }
}

pub struct TestPdf {
    pub width: f64,
    pub height: f64,
    pages: Vec<String>,
    /// Mark the file as encrypted (with a password nobody knows).
    pub encrypt: bool,
}

impl TestPdf {
    pub fn new() -> TestPdf {
        TestPdf {
            width: 595.0,
            height: 842.0,
            pages: Vec::new(),
            encrypt: false,
        }
    }

    pub fn page(&mut self) -> &mut TestPdf {
        self.pages.push(String::new());
        self
    }

    fn ops(&mut self) -> &mut String {
        if self.pages.is_empty() {
            self.pages.push(String::new());
        }
        self.pages.last_mut().expect("a page")
    }

    /// Text whose box starts at (x, top), font size `size`. Returns the x after it.
    pub fn text(&mut self, x: f64, top: f64, size: f64, s: &str) -> f64 {
        let baseline = self.height - (top + 0.88 * size);
        let mut x = x;
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let ascii = chars[i].is_ascii();
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii() == ascii {
                j += 1;
            }
            let run: String = chars[i..j].iter().collect();
            if ascii {
                let esc = run
                    .replace('\\', "\\\\")
                    .replace('(', "\\(")
                    .replace(')', "\\)");
                let op = format!("BT /F1 {size} Tf {x:.3} {baseline:.3} Td ({esc}) Tj ET\n");
                self.ops().push_str(&op);
                x += run.chars().map(helvetica).sum::<f64>() * size / 1000.0;
            } else {
                let hex: String = run.encode_utf16().map(|u| format!("{u:04X}")).collect();
                let op = format!("BT /F2 {size} Tf {x:.3} {baseline:.3} Td <{hex}> Tj ET\n");
                self.ops().push_str(&op);
                x += run.chars().count() as f64 * size;
            }
            i = j;
        }
        x
    }

    /// A stroked line from (x0, y0) to (x1, y1), top-left coordinates.
    pub fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        let h = self.height;
        let op = format!("0.5 w {x0:.3} {:.3} m {x1:.3} {:.3} l S\n", h - y0, h - y1);
        self.ops().push_str(&op);
    }

    /// A filled rectangle, top-left coordinates.
    pub fn fill(&mut self, x: f64, y: f64, w: f64, h: f64) {
        let ph = self.height;
        let op = format!("{x:.3} {:.3} {w:.3} {h:.3} re f\n", ph - y - h);
        self.ops().push_str(&op);
    }

    /// Ruling for a grid of rows (y edges) and columns (x edges), every cell closed.
    pub fn grid(&mut self, xs: &[f64], ys: &[f64]) {
        for &y in ys {
            self.line(xs[0], y, xs[xs.len() - 1], y);
        }
        for &x in xs {
            self.line(x, ys[0], x, ys[ys.len() - 1]);
        }
    }

    pub fn build(&self) -> Vec<u8> {
        let n = self.pages.len().max(1);
        // Objects: 1 catalog, 2 pages, 3 Helvetica, 4 STSong Type0, 5 CIDFont, 6 descriptor,
        // 7 encrypt, then per page: page, contents.
        let mut objs: Vec<String> = Vec::new();
        objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 8 + 2 * i)).collect();
        objs.push(format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            kids.join(" ")
        ));
        objs.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
        objs.push(
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
             /DescendantFonts [5 0 R] >>"
                .into(),
        );
        objs.push(
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo \
             << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 \
             /FontDescriptor 6 0 R >>"
                .into(),
        );
        objs.push(
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox \
             [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 \
             /StemV 80 >>"
                .into(),
        );
        objs.push(format!(
            "<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >>",
            "11".repeat(32),
            "22".repeat(32)
        ));
        for i in 0..n {
            let content = self.pages.get(i).cloned().unwrap_or_default();
            objs.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font \
                 << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                self.width,
                self.height,
                9 + 2 * i
            ));
            objs.push(format!(
                "<< /Length {} >>\nstream\n{content}endstream",
                content.len()
            ));
        }
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        let encrypt = if self.encrypt {
            format!(" /Encrypt 7 0 R /ID [<{0}> <{0}>]", "33".repeat(16))
        } else {
            String::new()
        };
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R{encrypt} >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}
