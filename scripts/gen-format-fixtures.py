#!/usr/bin/env python3
"""Generate the format fixtures in fixtures/formats/ (see fixtures/formats/README.md).

    python3 scripts/gen-format-fixtures.py            # rebuild everything, then self-check
    python3 scripts/gen-format-fixtures.py --no-check # rebuild only

What it builds
  * seed.docx / seed.html / seed.pdf / seed.doc: the whole of fixtures/seed.txt (prose and
    every table); seed.xlsx: only its six 项目支出绩效目标表, one per sheet. Twin: fixtures/seed.yaml.
  * five+ real-style layouts (split-columns, per-sheet, stacked, two-tables, mid-term,
    long-table), each with a YAML twin <stem>.yaml written from the same data as the table.
  * bad/: a damaged and a truncated .docx, a scanned (image-only) PDF, a prose-only PDF.

What it needs (Debian 12 / Python 3.11 were used):
  pip:    python-docx openpyxl pillow (pyyaml optional: the self-check parses the twins)
            pip install python-docx openpyxl pillow
  Debian: libreoffice-writer-nogui libreoffice-calc-nogui (soffice, for .pdf/.doc/.xls/.ods)
          fonts-noto-cjk   (Chinese glyphs in the PDFs)
          poppler-utils    (pdftoppm for the scan, pdftotext/pdfinfo for the self-check)
          antiword         (optional: the self-check of seed.doc)
            apt-get install -y --no-install-recommends libreoffice-writer-nogui \
                libreoffice-calc-nogui fonts-noto-cjk poppler-utils antiword

Determinism: .docx/.xlsx/.ods are re-zipped with fixed member times and fixed core/meta dates
(the .ods master pages sorted), and the PDFs' /CreationDate, /ID and /DocChecksum are
overwritten with fixed values of the same length. With the same tool versions a re-run gives
byte-identical files (the .doc and .xls from LibreOffice were identical across runs too); a
different LibreOffice or font version changes the PDFs, .doc, .xls and .ods.

Only fixtures/formats/ is written; fixtures/formats/README.md is hand-written, not generated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

try:
    import docx  # python-docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm, Pt
    import openpyxl
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter
    import PIL  # noqa: F401  (pillow, for bad/scan.pdf)
except ImportError as e:  # pragma: no cover
    raise SystemExit(f"{e}: pip install python-docx openpyxl pillow")

ROOT = Path(__file__).resolve().parent.parent
SEED_TXT = ROOT / "fixtures" / "seed.txt"
OUT = ROOT / "fixtures" / "formats"
BAD = OUT / "bad"

FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
AUTHOR = "jxlint fixtures"

# --------------------------------------------------------------------------------------------
# Cell model shared by every writer
# --------------------------------------------------------------------------------------------


@dataclass
class Num:
    """A number stored as a number (xlsx only); `fmt` is the Excel number format."""

    value: float | int
    fmt: str = "General"

    def text(self) -> str:
        """The text a reader must extract: the displayed text for a percentage format, else
        the shortest decimal that round-trips."""
        if self.fmt.endswith("%"):
            decimals = len(self.fmt.split(".")[1]) - 1 if "." in self.fmt else 0
            return f"{self.value * 100:.{decimals}f}%"
        if isinstance(self.value, int):
            return str(self.value)
        r = repr(float(self.value))
        return r[:-2] if r.endswith(".0") else r


@dataclass
class C:
    """One cell of a table spec. Rows are written HTML-style: a position covered by a rowspan
    or colspan from another cell is simply left out of the later row."""

    text: str | Num = ""
    cs: int = 1
    rs: int = 1
    bold: bool = False

    def paragraphs(self) -> list[str]:
        t = self.text.text() if isinstance(self.text, Num) else self.text
        return t.split("\n")


def cell(x) -> C:
    return x if isinstance(x, C) else C(x)


def place(rows: list[list]) -> tuple[list[tuple[int, int, C]], int]:
    """HTML table placement: returns [(row, col, cell)] and the number of grid columns."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for x in row:
            x = cell(x)
            while (r, c) in taken:
                c += 1
            placed.append((r, c, x))
            for dr in range(x.rs):
                for dc in range(x.cs):
                    taken.add((r + dr, c + dc))
            c += x.cs
    ncols = max((c + x.cs for _, c, x in placed), default=0)
    nrows = len(rows)
    holes = [(r, c) for r in range(nrows) for c in range(ncols) if (r, c) not in taken and rows[r]]
    if holes:
        raise SystemExit(f"table spec has uncovered grid positions {holes[:5]} (first row: {rows[0]})")
    return placed, ncols


# --------------------------------------------------------------------------------------------
# The seed: mirror of src/read/text.rs `grid`
# --------------------------------------------------------------------------------------------

# Rust's char::is_whitespace (White_Space property); model::trim also strips U+3000 (included).
RUST_WS = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}


def is_blank(s: str) -> bool:
    return all(ch in RUST_WS for ch in s)


def seed_blocks(text: str) -> list[tuple[str, object]]:
    """The seed as ('prose', line) and ('table', rows) blocks in document order; a row is a list
    of cells, a cell a list of paragraphs. Exactly the logic of `grid` in src/read/text.rs."""
    blocks: list[tuple[str, object]] = []
    table: list[list[list[str]]] = []
    row: list[list[str]] = []
    in_cell = False
    for raw in re.findall(r"[^\n]*\n|[^\n]+$", text):
        line = raw.rstrip("\r\n")
        indent = len(line) - len(line.lstrip(" "))
        if line[indent:].startswith("\t"):
            row.append([line[indent + 1:]])
            in_cell = True
        elif is_blank(line):
            if row:
                table.append(row)
                row = []
            in_cell = False
        elif in_cell:
            row[-1].append(line)
        else:
            if row:
                table.append(row)
                row = []
            if table:
                blocks.append(("table", table))
                table = []
            blocks.append(("prose", line))
    if row:
        table.append(row)
    if table:
        blocks.append(("table", table))
    return blocks


def seed_rows_spec(rows: list[list[list[str]]]) -> list[list[C]]:
    """Grid rows as a table spec: the last cell of a short row spans the remaining columns."""
    width = max(len(r) for r in rows)
    spec = []
    for r in rows:
        cells = [C("\n".join(paras)) for paras in r]
        cells[-1].cs = width - len(r) + 1
        spec.append(cells)
    return spec


def norm_label(s: str) -> str:
    out = "".join(
        chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch
        for ch in s
        if ch not in RUST_WS
    )
    return out.rstrip(":")


def is_target_table(rows) -> bool:
    labels = [{norm_label("\n".join(c)) for c in r} for r in rows]
    has_name = any("项目名称" in l for l in labels)
    has_header = any("一级指标" in l and "指标值" in l for l in labels)
    return has_name and has_header


# --------------------------------------------------------------------------------------------
# Writers: docx, html, xlsx
# --------------------------------------------------------------------------------------------

TEXT_WIDTH_DXA = 9638  # A4 (21 cm) less 2 cm margins each side, in twentieths of a point


def new_docx(title: str):
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin = sec.bottom_margin = Cm(2.5)
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    rfonts.set(qn("w:eastAsia"), "宋体")
    lang = parse_xml(f'<w:lang {nsdecls("w")} w:val="en-US" w:eastAsia="zh-CN"/>')
    rpr.append(lang)
    cp = d.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.title = title
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    return d


def docx_para(d, text: str, *, bold=False, center=False, size=None):
    p = d.add_paragraph()
    if center:
        p.alignment = 1
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return p


def _w_p(text: str, bold: bool, sz: int) -> str:
    ppr = '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    if text == "":
        return f"<w:p>{ppr}</w:p>"
    b = "<w:b/><w:bCs/>" if bold else ""
    return (
        f'<w:p>{ppr}<w:r><w:rPr>{b}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>'
        f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>'
    )


def docx_table(d, rows, *, widths=None, header_rows=0, cant_split=False, font_pt=9):
    """Append a table (HTML-style spec) to the document: gridSpan for colspans, vMerge for
    rowspans; `header_rows` leading rows are marked to repeat on each page (w:tblHeader)."""
    placed, ncols = place(rows)
    weights = widths or [1] * ncols
    total = sum(weights)
    cols = [TEXT_WIDTH_DXA * w // total for w in weights]
    cols[-1] += TEXT_WIDTH_DXA - sum(cols)
    origin = {(r, c): x for r, c, x in placed}
    cover = {}  # (r, c) -> (origin row, cell) for rowspan continuation positions
    for r, c, x in placed:
        for dr in range(1, x.rs):
            cover[(r + dr, c)] = x
    sz = int(font_pt * 2)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{TEXT_WIDTH_DXA}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{border}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    out += [f'<w:gridCol w:w="{w}"/>' for w in cols]
    out.append("</w:tblGrid>")
    for r in range(len(rows)):
        trpr = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if r < header_rows else "")
        out.append(f"<w:tr>{'<w:trPr>' + trpr + '</w:trPr>' if trpr else ''}")
        c = 0
        while c < ncols:
            if (r, c) in origin:
                x, merge = origin[(r, c)], ('<w:vMerge w:val="restart"/>' if origin[(r, c)].rs > 1 else "")
                paras = x.paragraphs()
            elif (r, c) in cover:
                x, merge, paras = cover[(r, c)], "<w:vMerge/>", [""]
            else:
                raise SystemExit(f"docx: nothing at row {r} column {c}")
            width = sum(cols[c:c + x.cs])
            span = f'<w:gridSpan w:val="{x.cs}"/>' if x.cs > 1 else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}'
                '<w:vAlign w:val="center"/></w:tcPr>'
            )
            out += [_w_p(p, x.bold, sz) for p in paras]
            out.append("</w:tc>")
            c += x.cs
        out.append("</w:tr>")
    out.append("</w:tbl>")
    tbl = parse_xml("".join(out))
    d.element.body.find(qn("w:sectPr")).addprevious(tbl)


def html_table(rows, *, para="br", indent="") -> str:
    """A table spec as HTML: colspan/rowspan; a cell's paragraphs joined by <br> or as <p>."""
    place(rows)  # validates the spec
    out = [f'{indent}<table border="1" cellspacing="0" cellpadding="3">']
    for row in rows:
        tds = []
        for x in map(cell, row):
            attrs = (f' colspan="{x.cs}"' if x.cs > 1 else "") + (f' rowspan="{x.rs}"' if x.rs > 1 else "")
            paras = [html.escape(p, quote=False) for p in x.paragraphs()]
            if para == "p" and len(paras) > 1:
                body = "".join(f"<p>{p}</p>" for p in paras)
            else:
                body = "<br>".join(paras)
            if x.bold and body:
                body = f"<b>{body}</b>"
            tds.append(f"<td{attrs}>{body}</td>")
        out.append(f"{indent}  <tr>{''.join(tds)}</tr>")
    out.append(f"{indent}</table>")
    return "\n".join(out)


def html_page(title: str, body: list[str], charset="utf-8") -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n'
        f'<meta charset="{charset}">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>\n"
        "table { border-collapse: collapse; margin: 8px 0; }\n"
        "td { border: 1px solid #000; vertical-align: middle; white-space: pre-wrap; }\n"
        "td p { margin: 0; }\n"
        "</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


def xlsx_grid(ws, rows, start_row: int, *, borders=True) -> int:
    """Write a table spec at `start_row` (1-based); merged ranges for spans; every text as a
    string cell (never a number or a formula), Num as a number with its format. Returns the row
    after the table. An empty row spec ([]) leaves a blank sheet row."""
    placed, ncols = place(rows)
    for r, c, x in placed:
        cl = ws.cell(row=start_row + r, column=c + 1)
        if isinstance(x.text, Num):
            cl.value = x.text.value
            cl.number_format = x.text.fmt
        elif x.text != "":
            cl.value = x.text
            cl.data_type = "s"  # "=100" stays text, "25.00" stays text
        cl.alignment = WRAP
        lines = len(x.paragraphs())
        if lines > 1 and x.rs == 1:
            dim = ws.row_dimensions[start_row + r]
            dim.height = max(dim.height or 0, 15 * lines)
        if borders:
            for dr in range(x.rs):
                for dc in range(x.cs):
                    ws.cell(row=start_row + r + dr, column=c + 1 + dc).border = BOX
        if x.bold:
            cl.font = openpyxl.styles.Font(bold=True)
        if x.cs > 1 or x.rs > 1:
            ws.merge_cells(
                start_row=start_row + r, start_column=c + 1,
                end_row=start_row + r + x.rs - 1, end_column=c + x.cs,
            )
    return start_row + len(rows)


def set_widths(ws, widths):
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w


def new_workbook(title: str):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    p = wb.properties
    p.creator = AUTHOR
    p.lastModifiedBy = AUTHOR
    p.title = title
    p.created = FIXED_TIME
    p.modified = FIXED_TIME
    return wb


# --------------------------------------------------------------------------------------------
# Determinism helpers
# --------------------------------------------------------------------------------------------

STAMP = "2024-01-01T00:00:00Z"


def normalize_zip(path: Path):
    """Re-zip with fixed member timestamps, fixed core/meta dates, same member order."""
    with zipfile.ZipFile(path) as zin:
        members = [(zi, zin.read(zi.filename)) for zi in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for zi, data in members:
            if zi.filename == "docProps/core.xml":
                s = data.decode("utf-8")
                s = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{STAMP}\3", s)
                s = re.sub(r"(<cp:lastPrinted>)[^<]*(</cp:lastPrinted>)", rf"\g<1>{STAMP}\2", s)
                data = s.encode("utf-8")
            elif zi.filename == "styles.xml" and b"<office:master-styles>" in data:
                # LibreOffice writes the sheets' master pages in hash order: sort them
                s = data.decode("utf-8")
                m = re.search(r"(<office:master-styles>)(.*?)(</office:master-styles>)", s, re.S)
                pages = re.findall(r"<style:master-page\b.*?</style:master-page>", m.group(2), re.S)
                if "".join(pages) == m.group(2):
                    s = s[: m.start(2)] + "".join(sorted(pages)) + s[m.end(2):]
                data = s.encode("utf-8")
            elif zi.filename == "meta.xml":
                s = data.decode("utf-8")
                s = re.sub(r"(<meta:creation-date>)[^<]*(</meta:creation-date>)", r"\g<1>2024-01-01T00:00:00\2", s)
                s = re.sub(r"(<dc:date>)[^<]*(</dc:date>)", r"\g<1>2024-01-01T00:00:00\2", s)
                s = re.sub(r"(<meta:editing-duration>)[^<]*(</meta:editing-duration>)", r"\g<1>PT0S\2", s)
                data = s.encode("utf-8")
            nz = zipfile.ZipInfo(zi.filename, date_time=ZIP_TIME)
            nz.compress_type = zi.compress_type
            nz.create_system = 0
            nz.external_attr = 0
            zout.writestr(nz, data)
    path.write_bytes(buf.getvalue())


def to_shared_strings(path: Path):
    """openpyxl writes every text as an inline string; Excel and LibreOffice write a shared
    string table. Rewrite the workbook that way (same cells, same order of members)."""
    with zipfile.ZipFile(path) as zin:
        members = [(zi, zin.read(zi.filename)) for zi in zin.infolist()]
    table: dict[str, int] = {}
    order: list[str] = []
    count = 0

    def shared(m):
        nonlocal count
        attrs, text = m.group(1) + m.group(2), m.group(3)
        text = re.sub(r"&#(\d+);", lambda e: chr(int(e.group(1))) if int(e.group(1)) >= 128 else e.group(0), text)
        if text not in table:
            table[text] = len(order)
            order.append(text)
        count += 1
        return f'<c {attrs}t="s"><v>{table[text]}</v></c>'

    cell_re = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>', re.S)
    out = []
    for zi, data in members:
        if zi.filename.startswith("xl/worksheets/sheet"):
            data = cell_re.sub(shared, data.decode("utf-8")).encode("utf-8")
        elif zi.filename == "[Content_Types].xml":
            data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        elif zi.filename == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                                b'officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>'
                                b"</Relationships>")
        out.append((zi, data))
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{count}" uniqueCount="{len(order)}">'
           + "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in order) + "</sst>")
    out.append((zipfile.ZipInfo("xl/sharedStrings.xml"), sst.encode("utf-8")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for zi, data in out:
            nz = zipfile.ZipInfo(zi.filename, date_time=ZIP_TIME)
            nz.compress_type = zipfile.ZIP_DEFLATED
            nz.create_system = 0
            zout.writestr(nz, data)
    path.write_bytes(buf.getvalue())


def normalize_pdf(path: Path):
    """Overwrite the volatile dates, the document ID and the /DocChecksum with fixed values of
    the same length, so the cross-reference offsets stay valid."""
    data = path.read_bytes()

    def fix_date(m):
        return m.group(1) + re.sub(rb"D:\d{14}", b"D:20240101000000", m.group(2))

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()([^)]*)", fix_date, data)
    data = re.sub(rb"<[0-9A-Fa-f]{32}>", lambda m: b"<" + b"0" * 32 + b">", data)
    data = re.sub(rb"(/DocChecksum /)([0-9A-Fa-f]{32})", lambda m: m.group(1) + b"0" * 32, data)
    path.write_bytes(data)


# --------------------------------------------------------------------------------------------
# LibreOffice
# --------------------------------------------------------------------------------------------

_LO_PROFILE = None


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice headless; returns the converted file."""
    global _LO_PROFILE
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("soffice not found: apt-get install -y --no-install-recommends "
                         "libreoffice-writer-nogui libreoffice-calc-nogui")
    if _LO_PROFILE is None:
        _LO_PROFILE = Path(tempfile.mkdtemp(prefix="jx-lo-profile-"))
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [exe, f"-env:UserInstallation=file://{_LO_PROFILE}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(outdir), str(src)]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1704067200", TZ="UTC")
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    if res.returncode != 0 or not out.exists():
        raise SystemExit(f"soffice failed for {src} -> {fmt}:\n{res.stdout}\n{res.stderr}")
    return out


# --------------------------------------------------------------------------------------------
# YAML twins
# --------------------------------------------------------------------------------------------

SYMBOLS = ("≥", "≤", "=", ">", "<", "＝", "≧", "≦")


def q(s) -> str:
    if isinstance(s, Num):
        s = s.text()
    return json.dumps(s, ensure_ascii=False)


def txt(v) -> str:
    return v.text() if isinstance(v, Num) else v


@dataclass
class Ind:
    l1: str
    l2: str
    l3: str
    value: str | Num = ""
    unit: str = ""
    nature: str = ""      # 指标性质: ≥ ≤ = or 定性/正向/反向
    desc: str = ""
    basis: str = ""
    weight: str = ""
    mid: str = ""         # 中期指标值
    direction: str = ""   # 指标方向
    note: str = ""        # 备注

    def twin_value(self) -> str:
        v = txt(self.value)
        return self.nature + v if self.nature in SYMBOLS else v


@dataclass
class Project:
    name: str
    dept: str
    impl: str
    total: str | Num
    fiscal: str | Num | None
    other: str | Num | None
    goals: list[str]
    inds: list[Ind]
    code: str = ""
    schedule: list[tuple[str, str | Num]] | None = None
    mid_goals: list[str] = field(default_factory=list)
    title: str = ""


def twin_yaml(source_note: str, dept: str | None, unit: str | None, projects: list[Project],
              cols: set[str]) -> str:
    """A jxlint YAML target document in the style `jxlint extract` writes. `cols` names the
    optional keys the table has: code, fiscal, other, schedule, description, unit, basis."""
    out = ["# jxlint extract: 绩效目标表 as a YAML target document",
           f"# Twin of {source_note}; written by scripts/gen-format-fixtures.py"]
    if dept is not None:
        out.append(f"department: {q(dept)}")
    if unit is not None:
        out.append(f"unit: {q(unit)}")
    out.append("projects:")
    for p in projects:
        out.append(f"  - name: {q(p.name)}")
        if "code" in cols:
            out.append(f"    code: {q(p.code)}")
        out.append("    budget:")
        out.append(f"      total: {q(p.total)}")
        if "fiscal" in cols:
            out.append(f"      fiscal: {q(p.fiscal or '')}")
        if "other" in cols:
            out.append(f"      other: {q(p.other or '')}")
        if "schedule" in cols and p.schedule is not None:
            out.append("    schedule:")
            out += [f"      {q(k)}: {q(v)}" for k, v in p.schedule]
        out.append("    goals:")
        out += [f"      - {q(g)}" for g in p.goals]
        out.append("    indicators:")
        for i in p.inds:
            out.append(f"      - level1: {q(i.l1)}")
            out.append(f"        level2: {q(i.l2)}")
            out.append(f"        level3: {q(i.l3)}")
            if "description" in cols:
                out.append(f"        description: {q(i.desc)}")
            out.append(f"        value: {q(i.twin_value())}")
            if "unit" in cols:
                out.append(f"        unit: {q(i.unit)}")
            if "basis" in cols:
                out.append(f"        basis: {q(i.basis)}")
    return "\n".join(out) + "\n"


def indicator_rows(inds: list[Ind], tail) -> list[list[C]]:
    """Indicator rows with 一级 and 二级 vertically merged over runs of equal text; `tail(ind)`
    gives the cells after 二级指标."""
    rows = []
    n = len(inds)
    for i, ind in enumerate(inds):
        row = []
        if i == 0 or inds[i - 1].l1 != ind.l1:
            run = 1
            while i + run < n and inds[i + run].l1 == ind.l1:
                run += 1
            row.append(C(ind.l1, rs=run))
        if i == 0 or inds[i - 1].l1 != ind.l1 or inds[i - 1].l2 != ind.l2:
            run = 1
            while i + run < n and inds[i + run].l1 == ind.l1 and inds[i + run].l2 == ind.l2:
                run += 1
            row.append(C(ind.l2, rs=run))
        row += [cell(x) for x in tail(ind)]
        rows.append(row)
    return rows


def write(path: Path, text: str, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


# --------------------------------------------------------------------------------------------
# 1. The seed in every format
# --------------------------------------------------------------------------------------------


def build_seed():
    text = SEED_TXT.read_text(encoding="utf-8")
    blocks = seed_blocks(text)

    # seed.docx
    d = new_docx("2020年涞源县社会保险事业管理局部门预算信息公开")
    for kind, b in blocks:
        if kind == "prose":
            d.add_paragraph(b)  # exactly the line, spaces kept
        else:
            docx_table(d, seed_rows_spec(b))
    path = OUT / "seed.docx"
    d.save(path)
    normalize_zip(path)

    # seed.html
    body = []
    for kind, b in blocks:
        if kind == "prose":
            body.append(f"<p>{html.escape(b, quote=False)}</p>")
        else:
            body.append(html_table(seed_rows_spec(b), para="br"))
    write(OUT / "seed.html", html_page("2020年涞源县社会保险事业管理局部门预算信息公开", body))

    # seed.xlsx: the six target tables, one per sheet, preamble row first
    targets = [b for k, b in blocks if k == "table" and is_target_table(b)]
    if len(targets) != 6:
        raise SystemExit(f"expected 6 target tables in seed.txt, found {len(targets)}")
    wb = new_workbook("项目支出绩效目标表")
    for i, rows in enumerate(targets, 1):
        ws = wb.create_sheet(f"项目{i}")
        spec = seed_rows_spec(rows)
        xlsx_grid(ws, spec, 1)
        set_widths(ws, [16, 16, 16, 28, 12, 14, 12][: max(len(r) for r in rows)])
    path = OUT / "seed.xlsx"
    wb.save(path)
    normalize_zip(path)
    to_shared_strings(path)
    return blocks


def build_seed_lo(tmp: Path):
    """seed.pdf and seed.doc from seed.docx with LibreOffice."""
    pdf = soffice(OUT / "seed.docx", "pdf:writer_pdf_Export", tmp / "seedpdf")
    shutil.copyfile(pdf, OUT / "seed.pdf")
    normalize_pdf(OUT / "seed.pdf")
    doc = soffice(OUT / "seed.docx", "doc:MS Word 97", tmp / "seeddoc")
    shutil.copyfile(doc, OUT / "seed.doc")


# --------------------------------------------------------------------------------------------
# 2a. split value columns, vMerge — split-columns.docx
# --------------------------------------------------------------------------------------------

SPLIT = Project(
    name="农村公路日常养护",
    dept="桐溪县交通运输局",
    impl="桐溪县公路养护中心",
    total="356.80", fiscal="336.80", other="20.00",
    goals=["1.完成全县486公里农村公路日常养护，及时修复坑槽、沉陷等路面病害；",
           "2.农村公路优良中等路率达到85%以上，保障沿线群众安全便捷出行。"],
    inds=[
        Ind("产出指标", "数量指标", "农村公路日常养护里程", "486", "公里", "≥", weight="10"),
        Ind("产出指标", "数量指标", "路面坑槽修补面积", "12000", "平方米", "≥", weight="10"),
        # defect: an indicator from another field (culture) in a road project
        Ind("产出指标", "数量指标", "公益电影放映场次", "120", "场", "≥", weight="5"),
        Ind("产出指标", "质量指标", "农村公路优良中等路率", "85", "%", "≥", weight="10"),
        Ind("产出指标", "质量指标", "养护工程验收合格率", "100", "%", "=", weight="10"),
        Ind("产出指标", "时效指标", "路面病害修复时限", "7", "天", "≤", weight="5"),
        Ind("产出指标", "成本指标", "每公里年均养护成本", "0.73", "万元", "≤", weight="10"),
        Ind("效益指标", "社会效益指标", "群众出行条件", "明显改善", "", "定性", weight="10"),
        # defect: a rate with no unit
        Ind("效益指标", "社会效益指标", "公路交通安全事故发生率", "1", "", "≤", weight="10"),
        Ind("效益指标", "可持续影响指标", "农村公路养护长效机制", "持续健全", "", "定性", weight="5"),
        # defect: satisfaction ≥100%
        Ind("满意度指标", "服务对象满意度指标", "沿线群众满意度", "100", "%", "≥", weight="15"),
    ],
)


def build_split():
    p = SPLIT
    rows = [
        [C("项目名称"), C(p.name, cs=6)],
        [C("主管部门"), C(p.dept, cs=2), C("实施单位"), C(p.impl, cs=3)],
        [C("项目资金（万元）", rs=3), C("年度资金总额", cs=2), C(p.total, cs=4)],
        [C("其中：财政资金", cs=2), C(p.fiscal, cs=4)],
        [C("其他资金", cs=2), C(p.other, cs=4)],
        [C("年度绩效目标"), C("\n".join(p.goals), cs=6)],
        [C(h, bold=True) for h in ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "权重（分值）")],
    ]
    rows += indicator_rows(p.inds, lambda i: [i.l3, i.nature, txt(i.value), i.unit, i.weight])
    d = new_docx("项目支出绩效目标表")
    docx_para(d, "桐溪县2024年度项目支出绩效目标表", bold=True, center=True, size=16)
    docx_table(d, rows, widths=[12, 14, 22, 9, 12, 10, 10])
    docx_para(d, "填报人：李某某　　　联系电话：0000-0000000　　　填报日期：2024年1月10日")
    path = OUT / "split-columns.docx"
    d.save(path)
    normalize_zip(path)
    write(OUT / "split-columns.yaml",
          twin_yaml("split-columns.docx", p.dept, None, [p], {"fiscal", "other", "unit"}))


# --------------------------------------------------------------------------------------------
# 2b. one project per sheet — per-sheet.xlsx (+ .xls, .ods)
# --------------------------------------------------------------------------------------------

PER_SHEET = [
    ("家庭医生签约", Project(
        name="家庭医生签约服务补助",
        dept="云岭县卫生健康局", impl="云岭县各乡镇卫生院",
        total=Num(120.5), fiscal=Num(100.7), other=Num(19.8),
        goals=["1、为全县重点人群提供家庭医生签约服务，重点人群签约覆盖率达到75%以上；",
               "2、提升基层首诊和慢病管理水平，签约居民满意度达到90%以上。"],
        inds=[
            Ind("产出指标", "数量指标", "签约服务重点人群人数", Num(32000), "人",
                basis="《云岭县家庭医生签约服务实施方案》"),
            Ind("产出指标", "数量指标", "组建家庭医生团队数", "≥86", "个", basis="2023年团队数"),
            Ind("产出指标", "质量指标", "重点人群签约覆盖率", Num(0.75, "0%"), "%", basis="省级考核要求"),
            Ind("产出指标", "质量指标", "签约居民健康档案规范建档率", "≥90", "%",
                basis="国家基本公共卫生服务规范"),
            Ind("产出指标", "时效指标", "补助资金拨付及时率", Num(1, "0%"), "%", basis="资金管理办法"),
            Ind("效益指标", "社会效益指标", "基层首诊率", "提高", "", basis="历史数据"),
            Ind("满意度指标", "服务对象满意度指标", "签约居民满意度", Num(0.95, "0%"), "%",
                basis="第三方满意度调查"),
        ])),
    ("基本公卫", Project(
        name="基本公共卫生服务项目",
        dept="云岭县卫生健康局", impl="云岭县疾病预防控制中心",
        total=Num(2350.6), fiscal=Num(2350.6), other=Num(0),
        goals=["按照国家基本公共卫生服务规范，为辖区居民免费提供12类基本公共卫生服务。"],
        inds=[
            Ind("产出指标", "数量指标", "65岁及以上老年人健康管理人数", "≥18000", "人", basis="2023年实际数"),
            Ind("产出指标", "数量指标", "0-6岁儿童健康管理率", "≥90", "%", basis="国家考核标准"),
            Ind("产出指标", "质量指标", "高血压患者规范管理率", "≥62", "%", basis="国家考核标准"),
            # defect: blank 指标值
            Ind("产出指标", "质量指标", "居民电子健康档案建档率", "", "%", basis="国家考核标准"),
            Ind("产出指标", "时效指标", "资金下达时间", "2024年6月底前", "", basis="资金管理办法"),
            Ind("效益指标", "社会效益指标", "居民健康素养水平", "≥25", "%", basis="健康云岭行动"),
            Ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90", "%", basis="满意度调查"),
        ])),
    ("乡村医生", Project(
        name="乡村医生基本药物补助",
        dept="云岭县卫生健康局", impl="云岭县基层卫生服务中心",
        total="86.40", fiscal="86.40", other="",
        goals=["按每名在岗乡村医生每年4000元标准发放基本药物补助，稳定乡村医生队伍。"],
        inds=[
            # defect: a count with no unit (stored as a number)
            Ind("产出指标", "数量指标", "补助乡村医生人数", Num(216), "", basis="在岗乡村医生花名册"),
            Ind("产出指标", "质量指标", "补助资金足额发放率", "100%", "", basis=""),
            Ind("产出指标", "成本指标", "人均年补助标准", "4000", "元", basis="省定标准"),
            Ind("效益指标", "社会效益指标", "村卫生室服务能力", "稳步提升", "", basis=""),
            Ind("效益指标", "可持续影响指标", "乡村医生队伍稳定性", "稳定", "", basis=""),
            # defect: satisfaction ≥100%
            Ind("满意度指标", "服务对象满意度指标", "乡村医生满意度", "≥100", "%", basis="问卷调查"),
        ])),
]


def build_per_sheet(tmp: Path):
    wb = new_workbook("项目支出绩效目标表")
    for sheet, p in PER_SHEET:
        ws = wb.create_sheet(sheet)
        rows = [
            [C("项目支出绩效目标表", cs=6, bold=True)],
            [C("")] * 5 + [C("金额单位：万元")],
            [C("项目名称"), C(p.name, cs=5)],
            [C("主管部门"), C(p.dept, cs=2), C("实施单位"), C(p.impl, cs=2)],
            [C("项目资金", rs=3), C("资金总额"), C(p.total, cs=4)],
            [C("财政资金"), C(p.fiscal, cs=4)],
            [C("其他资金"), C(p.other, cs=4)],
            [C("年度绩效目标"), C("\n".join(p.goals), cs=5)],
            [C(h, bold=True) for h in ("一级指标", "二级指标", "指标名称", "年度目标值", "度量单位", "指标值确定依据")],
        ]
        rows += indicator_rows(p.inds, lambda i: [i.l3, i.value, i.unit, i.basis])
        xlsx_grid(ws, rows[:2], 1, borders=False)
        xlsx_grid(ws, rows[2:], 3)
        set_widths(ws, [14, 18, 28, 14, 10, 30])
    path = OUT / "per-sheet.xlsx"
    wb.save(path)
    normalize_zip(path)
    to_shared_strings(path)
    xls = soffice(path, "xls:MS Excel 97", tmp / "xls")
    shutil.copyfile(xls, OUT / "per-sheet.xls")
    ods = soffice(path, "ods", tmp / "ods")
    shutil.copyfile(ods, OUT / "per-sheet.ods")
    normalize_zip(OUT / "per-sheet.ods")
    projects = [p for _, p in PER_SHEET]
    write(OUT / "per-sheet.yaml",
          twin_yaml("per-sheet.xlsx, per-sheet.xls and per-sheet.ods", projects[0].dept, "万元",
                    projects, {"fiscal", "other", "unit", "basis"}))


# --------------------------------------------------------------------------------------------
# 2c. several projects stacked in one sheet — stacked.xlsx
# --------------------------------------------------------------------------------------------

STACKED = [
    Project(
        title="公共文化场馆免费开放项目支出绩效目标表",
        name="公共文化场馆免费开放",
        dept="南屏市文化广电旅游体育局", impl="南屏市图书馆、文化馆、博物馆",
        total="85.00", fiscal="85.00", other="0.00",
        schedule=[("3月底", Num(25)), ("6月底", Num(50)), ("9月底", Num(75)), ("12月底", Num(100))],
        goals=["保障市图书馆、文化馆、博物馆全年免费开放，年接待群众不少于30万人次。"],
        inds=[
            Ind("产出指标", "数量指标", "免费开放场馆数量", "3个",
                desc="市级公共图书馆、文化馆、博物馆免费开放的场馆数"),
            Ind("产出指标", "数量指标", "年接待群众人次", "≥30万人次", desc="三馆全年接待到馆群众人次"),
            # defect: a count with no unit
            Ind("产出指标", "数量指标", "举办公益讲座展览场次", "500", desc="全年举办公益讲座、展览的场次",
                note="按季度统计"),
            Ind("产出指标", "质量指标", "场馆开放时间达标率", "100%",
                desc="每周开放时间达到规定要求的场馆占比"),
            Ind("产出指标", "时效指标", "免费开放资金拨付时间", "2024年6月底前", desc="资金拨付到位时间"),
            Ind("效益指标", "社会效益指标", "群众文化获得感", "显著提升", desc="群众参与公共文化活动的获得感"),
            # defect: satisfaction ≥100%
            Ind("满意度指标", "服务对象满意度指标", "到馆群众满意度", "≥100%", desc="抽样调查到馆群众满意度"),
        ]),
    Project(
        title="全民健身赛事活动项目支出绩效目标表",
        name="全民健身赛事活动",
        dept="南屏市文化广电旅游体育局", impl="南屏市全民健身服务中心",
        total=Num(42.6), fiscal=Num(42.6), other="",
        # defect: an empty 资金支出计划
        schedule=[("3月底", ""), ("6月底", ""), ("9月底", ""), ("12月底", "")],
        goals=["1、举办全民健身系列赛事活动20场次；",
               "2、带动全市群众参与健身运动，经常参加体育锻炼人数比例持续提高。"],
        inds=[
            Ind("产出指标", "数量指标", "举办赛事活动场次", "≥20场", desc="全年举办市级全民健身赛事活动场次"),
            Ind("产出指标", "数量指标", "参赛群众人次", "≥1.2万人次", desc="参加赛事活动的群众人次"),
            Ind("产出指标", "质量指标", "赛事安全责任事故数", "0起", desc="赛事活动期间发生的安全责任事故数"),
            Ind("产出指标", "成本指标", "单场赛事平均成本", "≤2.13万元", desc="赛事经费总额/赛事场次"),
            Ind("效益指标", "社会效益指标", "经常参加体育锻炼人数比例", "≥38%",
                desc="经常参加体育锻炼的人数占全市常住人口的比例"),
            # defect: blank 指标值
            Ind("效益指标", "可持续影响指标", "全民健身氛围", "", desc="全民健身活动常态化开展情况"),
            Ind("满意度指标", "服务对象满意度指标", "参赛群众满意度", "≥90%", desc="赛后问卷调查满意度"),
        ]),
    Project(
        title="非物质文化遗产保护传承项目支出绩效目标表",
        name="非物质文化遗产保护传承",
        dept="南屏市文化广电旅游体育局", impl="南屏市非物质文化遗产保护中心",
        total="30.00", fiscal="25.00", other="5.00",
        schedule=[("3月底", Num(30)), ("6月底", Num(60)), ("9月底", Num(80)), ("12月底", Num(100))],
        goals=["开展非遗展演和传承人扶持，完善非遗项目档案，提升群众非遗保护意识。"],
        inds=[
            Ind("产出指标", "数量指标", "开展非遗展演活动次数", "≥12次", desc="全年开展非遗展演、展示活动次数"),
            Ind("产出指标", "数量指标", "扶持非遗代表性传承人数", "15人", desc="给予传习补助的代表性传承人数"),
            Ind("产出指标", "质量指标", "非遗项目档案完整率", "100%", desc="建档项目资料完整的比例"),
            Ind("效益指标", "社会效益指标", "群众非遗保护意识", "明显增强", desc="群众参与非遗保护传承的意识"),
            # defect: an indicator from another field (agriculture)
            Ind("效益指标", "社会效益指标", "新增农作物种植面积", "≥500亩", desc="项目带动新增农作物种植面积"),
            Ind("满意度指标", "服务对象满意度指标", "传承人满意度", "≥95%", desc="传承人对扶持工作的满意度"),
        ]),
]


def build_stacked():
    wb = new_workbook("2024年项目支出绩效目标")
    ws = wb.create_sheet("2024年项目绩效目标")
    rows: list[list] = [
        [C("南屏市文化广电旅游体育局2024年度项目支出绩效目标", cs=6, bold=True)],
        [C("")] * 5 + [C("金额单位：万元")],
        [],
    ]
    r = xlsx_grid(ws, rows, 1, borders=False)
    for k, p in enumerate(STACKED):
        if k:
            r += 2  # two blank rows between projects
        block = [
            [C(p.title, cs=6, bold=True)],
            [C("项目名称"), C(p.name, cs=5)],
            [C("主管部门"), C(p.dept, cs=2), C("实施单位"), C(p.impl, cs=2)],
            [C("预算数"), C(p.total), C("财政资金"), C(p.fiscal), C("其他资金"), C(p.other)],
            [C("资金支出计划（%）", rs=2)] + [C(k2) for k2, _ in p.schedule[:3]] + [C(p.schedule[3][0], cs=2)],
            [C(v) for _, v in p.schedule[:3]] + [C(p.schedule[3][1], cs=2)],
            [C("年度绩效目标"), C("\n".join(p.goals), cs=5)],
            [C(h, bold=True) for h in ("一级指标", "二级指标", "三级指标", "指标解释", "指标值", "备注")],
        ]
        block += indicator_rows(p.inds, lambda i: [i.l3, i.desc, i.value, i.note])
        r = xlsx_grid(ws, block, r)
    set_widths(ws, [16, 18, 24, 34, 14, 12])
    path = OUT / "stacked.xlsx"
    wb.save(path)
    normalize_zip(path)
    to_shared_strings(path)
    write(OUT / "stacked.yaml",
          twin_yaml("stacked.xlsx", STACKED[0].dept, "万元", STACKED,
                    {"fiscal", "other", "schedule", "description"}))


# --------------------------------------------------------------------------------------------
# 2d. header block and indicator table as two tables — two-tables.html (GBK) and .docx
# --------------------------------------------------------------------------------------------

TWO = [
    Project(
        name="高标准农田建设后期管护",
        dept="桐溪县农业农村局", impl="桐溪县农田建设服务中心",
        total="86.00", fiscal="86.00", other="",
        # defect: an empty 资金支出计划
        schedule=[("6月底", ""), ("9月底", ""), ("12月底", "")],
        goals=["对全县已建成的3.2万亩高标准农田设施开展日常管护，",
               "确保灌排设施完好率达到90%以上，农田持续发挥效益。"],
        inds=[
            Ind("产出指标", "数量指标", "管护高标准农田面积", "≥3.2", "万亩"),
            Ind("产出指标", "数量指标", "维修灌排渠道长度", "≥15", "公里"),
            Ind("产出指标", "质量指标", "灌排设施完好率", "≥90", "%"),
            # defect: blank 指标值
            Ind("产出指标", "时效指标", "损毁设施修复时限", "", "天"),
            Ind("效益指标", "经济效益指标", "亩均粮食增产", "≥50", "公斤"),
            Ind("效益指标", "可持续影响指标", "管护制度落实", "长效", ""),
            Ind("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥95", "%"),
        ]),
    Project(
        name="农作物病虫害统防统治",
        dept="桐溪县农业农村局", impl="桐溪县植保植检站",
        total="45.50", fiscal="40.00", other="5.50",
        schedule=[("6月底", "40"), ("9月底", "70"), ("12月底", "100")],
        goals=["开展水稻、玉米重大病虫害统防统治8万亩，病虫害危害损失率控制在5%以内。"],
        inds=[
            Ind("产出指标", "数量指标", "统防统治作业面积", "≥8", "万亩"),
            Ind("产出指标", "数量指标", "发放防控药剂", "20", "吨"),
            Ind("产出指标", "质量指标", "防治效果", "≥85", "%"),
            Ind("效益指标", "经济效益指标", "挽回粮食损失", "≥3000", "吨"),
            Ind("效益指标", "生态效益指标", "化学农药使用量", "零增长", ""),
            Ind("满意度指标", "服务对象满意度指标", "种植户满意度", "≥90", "%"),
        ]),
]


def two_tables_specs(p: Project):
    n = len(p.schedule)
    head = [
        [C("项目名称"), C(p.name, cs=n)],
        [C("主管部门"), C(p.dept), C("实施单位"), C(p.impl, cs=n - 2)],
        [C("项目资金（万元）", rs=3), C("年度资金总额"), C(p.total, cs=n - 1)],
        [C("其中：财政资金"), C(p.fiscal, cs=n - 1)],
        [C("其他资金"), C(p.other, cs=n - 1)],
        [C("资金支出计划（%）", rs=2)] + [C(k) for k, _ in p.schedule],
        [C(v) for _, v in p.schedule],
        [C("绩效目标"), C("\n".join(p.goals), cs=n)],
    ]
    inds = [[C(h, bold=True) for h in ("一级指标", "二级指标", "指标名称", "指标值", "度量单位")]]
    inds += indicator_rows(p.inds, lambda i: [i.l3, i.value, i.unit])
    return head, inds


TWO_TITLE = "桐溪县农业农村局2024年度项目支出绩效目标公开"
TWO_INTRO = ("根据《中华人民共和国预算法》和财政部门关于预算公开的要求，现将我局2024年度"
             "项目支出绩效目标公开如下（各项目的项目名称、资金和指标值以下表为准）。")
TWO_NOTE = "注：指标值为全年累计数，计量单位以度量单位栏为准。"


def build_two_tables():
    numerals = "一二三四五六七八九十"
    # HTML, GBK
    body = [
        '<div class="nav">当前位置：首页 &gt; 政务公开 &gt; 财政预决算 &gt; 部门预算</div>',
        f"<h2>{TWO_TITLE}</h2>",
        '<div class="info">发布时间：2024-02-05　来源：桐溪县农业农村局　浏览次数：128</div>',
        f"<p>{TWO_INTRO}</p>",
    ]
    for k, p in enumerate(TWO):
        head, inds = two_tables_specs(p)
        body.append(f"<h3>{numerals[k]}、{p.name}项目</h3>")
        body.append(html_table(head, para="p"))
        body.append("<p>项目绩效指标：</p>")
        body.append(html_table(inds, para="p"))
        body.append(f"<p>{TWO_NOTE}</p>")
    body.append('<div class="footer">主办：桐溪县人民政府办公室　联系电话：0000-0000000</div>')
    page = html_page(TWO_TITLE, body, charset="gbk")
    page.encode("gbk")  # every character must be GBK
    write(OUT / "two-tables.html", page, encoding="gbk")

    # docx: the same document
    d = new_docx(TWO_TITLE)
    docx_para(d, TWO_TITLE, bold=True, center=True, size=16)
    docx_para(d, TWO_INTRO)
    for k, p in enumerate(TWO):
        head, inds = two_tables_specs(p)
        docx_para(d, f"{numerals[k]}、{p.name}项目", bold=True)
        docx_table(d, head, widths=[14, 20, 14, 20])
        docx_para(d, "项目绩效指标：")
        docx_table(d, inds, widths=[12, 16, 26, 12, 10])
        docx_para(d, TWO_NOTE)
    path = OUT / "two-tables.docx"
    d.save(path)
    normalize_zip(path)
    write(OUT / "two-tables.yaml",
          twin_yaml("two-tables.html (GBK) and two-tables.docx", TWO[0].dept, None, TWO,
                    {"fiscal", "other", "schedule", "unit"}))


# --------------------------------------------------------------------------------------------
# 2e. 年度 and 中期 value columns, 指标方向 — mid-term.html and mid-term.xlsx
# --------------------------------------------------------------------------------------------

MID = Project(
    name="城乡居民基本医疗保险财政补助",
    code="511300240000000012345",
    dept="南屏市医疗保障局", impl="南屏市医疗保障事务中心",
    total="1268.00", fiscal="1268.00", other="0.00",
    mid_goals=["2024—2026年，城乡居民基本医疗保险参保率稳定在95%以上，",
               "政策范围内住院费用基金支付比例稳定在70%左右，减轻参保群众医疗费用负担。"],
    goals=["2024年资助城乡居民参保42.6万人，参保率不低于95%，",
           "按时足额拨付财政补助资金，保障参保群众基本医疗需求。"],
    inds=[
        Ind("产出指标", "数量指标", "城乡居民参保人数", "≥42.6", "万人", mid="≥128", direction="正向"),
        Ind("产出指标", "数量指标", "医疗救助对象资助参保人数", "≥1.8", "万人", mid="≥5.4", direction="正向"),
        Ind("产出指标", "质量指标", "城乡居民基本医保参保率", "≥95", "%", mid="≥96", direction="正向"),
        Ind("产出指标", "质量指标", "政策范围内住院费用基金支付比例", "70", "%", mid="70", direction="正向"),
        # defect: blank 年度指标值 (the 中期 value is given)
        Ind("产出指标", "时效指标", "补助资金拨付及时率", "", "%", mid="100", direction="正向"),
        # defect: an amount with no unit
        Ind("产出指标", "成本指标", "人均财政补助标准", "≥640", "", mid="≥1920", direction="正向"),
        Ind("效益指标", "社会效益指标", "个人卫生支出占卫生总费用比例", "≤27", "%", mid="≤26", direction="反向"),
        Ind("效益指标", "可持续影响指标", "医保基金累计结余可支付月数", "≥6", "个月", mid="≥6", direction="正向"),
        Ind("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90", "%", mid="≥92", direction="正向"),
    ],
)


def mid_spec(p: Project):
    rows = [
        [C("项目名称"), C(p.name, cs=6)],
        [C("项目编码"), C(p.code, cs=2), C("项目期限"), C("2024年—2026年", cs=3)],
        [C("主管部门"), C(p.dept, cs=2), C("实施单位"), C(p.impl, cs=3)],
        [C("项目资金（万元）", rs=3), C("年度资金总额", cs=2), C(p.total, cs=4)],
        [C("其中：财政资金", cs=2), C(p.fiscal, cs=4)],
        [C("其他资金", cs=2), C(p.other, cs=4)],
        [C("实施期绩效目标"), C("\n".join(p.mid_goals), cs=6)],
        [C("年度绩效目标"), C("\n".join(p.goals), cs=6)],
        [C(h, bold=True) for h in ("一级指标", "二级指标", "三级指标", "指标方向", "年度指标值", "中期指标值", "计量单位")],
    ]
    rows += indicator_rows(p.inds, lambda i: [i.l3, i.direction, i.value, i.mid, i.unit])
    return rows


def build_mid():
    p = MID
    rows = mid_spec(p)
    title = "2024年度项目支出绩效目标表（含实施期目标）"
    body = [f"<h3>{title}</h3>", html_table(rows, para="br")]
    write(OUT / "mid-term.html", html_page(title, body))
    wb = new_workbook(title)
    ws = wb.create_sheet("绩效目标表")
    xlsx_grid(ws, [[C(title, cs=7, bold=True)]], 1, borders=False)
    xlsx_grid(ws, rows, 2)
    set_widths(ws, [14, 18, 30, 10, 12, 12, 10])
    path = OUT / "mid-term.xlsx"
    wb.save(path)
    normalize_zip(path)
    write(OUT / "mid-term.yaml",
          twin_yaml("mid-term.html and mid-term.xlsx", p.dept, None, [p],
                    {"code", "fiscal", "other", "unit"}))


# --------------------------------------------------------------------------------------------
# 2f. a long table crossing a page, header row repeated — long-table.docx -> long-table.pdf
# --------------------------------------------------------------------------------------------


def long_project() -> Project:
    villages = ["石门村", "青岗村", "白沙村", "柳树湾村", "大坪村", "马鞍村", "新华村", "龙潭村",
                "桃园村", "红岩村", "双河村", "高峰村", "梨子坪村", "水口村"]
    items = [  # (indicator, value, unit)
        ("新建产业路（{}）", "≥{:.1f}", "公里", lambda k: 1.5 + (k % 4) * 0.5),
        ("新修灌溉渠（{}）", "≥{:.0f}", "米", lambda k: 800 + (k % 5) * 150),
        ("新建蔬菜大棚（{}）", "≥{:.0f}", "个", lambda k: 10 + (k % 3) * 5),
    ]
    inds = []
    for k, v in enumerate(villages):
        name, fmt, unit, f = items[k % 3]
        inds.append(Ind("产出指标", "数量指标", name.format(v), fmt.format(f(k)), unit,
                        basis="项目实施方案"))
    inds += [
        Ind("产出指标", "数量指标", "农村饮水安全巩固提升工程", "≥6", "处", basis="项目实施方案"),
        Ind("产出指标", "数量指标", "小额信贷贴息户数", "≥320", "户", basis="2023年贴息台账"),
        Ind("产出指标", "数量指标", "雨露计划补助学生人数", "≥450", "人次", basis="学籍核查数据"),
        Ind("产出指标", "质量指标", "项目工程验收合格率", "=100", "%", basis="工程建设标准"),
        Ind("产出指标", "质量指标", "资金使用合规率", "=100", "%", basis="衔接资金管理办法"),
        Ind("产出指标", "质量指标", "项目入库率", "=100", "%", basis="巩固衔接项目库管理办法"),
        Ind("产出指标", "时效指标", "项目开工率（6月底前）", "≥90", "%", basis="省级考核要求"),
        Ind("产出指标", "时效指标", "项目完工率（11月底前）", "≥95", "%", basis="省级考核要求"),
        Ind("产出指标", "时效指标", "资金支出进度", "≥95", "%", basis="省级考核要求"),
        Ind("产出指标", "成本指标", "产业路每公里建设成本", "≤45", "万元", basis="市场询价"),
        Ind("产出指标", "成本指标", "蔬菜大棚单个建设成本", "≤1.8", "万元", basis="市场询价"),
        Ind("效益指标", "经济效益指标", "带动脱贫人口人均增收", "≥1200", "元", basis="2023年监测数据"),
        Ind("效益指标", "经济效益指标", "村集体经济年收入", "≥5", "万元", basis="村集体经济台账"),
        Ind("效益指标", "社会效益指标", "受益脱贫人口数", "≥8600", "人", basis="防返贫监测系统"),
        Ind("效益指标", "社会效益指标", "新增就业岗位", "≥260", "个", basis="项目实施方案"),
        Ind("效益指标", "社会效益指标", "防止返贫监测对象风险消除率", "≥80", "%", basis="省级考核要求"),
        Ind("效益指标", "可持续影响指标", "项目设施正常运行年限", "≥10", "年", basis="工程设计文件"),
        Ind("效益指标", "可持续影响指标", "后续管护机制", "建立健全", "", basis="资产管理办法"),
        Ind("满意度指标", "服务对象满意度指标", "脱贫群众满意度", "≥95", "%", basis="满意度调查"),
        Ind("满意度指标", "服务对象满意度指标", "项目村干部群众满意度", "≥90", "%", basis="满意度调查"),
    ]
    return Project(
        name="2024年衔接推进乡村振兴补助资金项目",
        dept="云岭县乡村振兴局", impl="云岭县各乡镇人民政府",
        total="1850.00", fiscal="1850.00", other="0.00",
        goals=["1.实施产业路、灌溉渠、蔬菜大棚等产业配套项目，巩固拓展脱贫攻坚成果；",
               "2.带动脱贫人口人均增收1200元以上，守住不发生规模性返贫底线。"],
        inds=inds,
    )


def build_long(tmp: Path):
    p = long_project()
    head = [
        [C("项目名称"), C(p.name, cs=3)],
        [C("主管部门"), C(p.dept), C("实施单位"), C(p.impl)],
        [C("预算数"), C(p.total), C("财政资金"), C(p.fiscal)],
        [C("其他资金"), C(p.other, cs=3)],
        [C("绩效目标"), C("\n".join(p.goals), cs=3)],
    ]
    inds = [[C(h, bold=True) for h in ("一级指标", "二级指标", "三级指标", "指标值", "计量单位", "指标值确定依据")]]
    inds += indicator_rows(p.inds, lambda i: [i.l3, i.value, i.unit, i.basis])
    d = new_docx("衔接推进乡村振兴补助资金项目绩效目标表")
    docx_para(d, "2024年度衔接推进乡村振兴补助资金项目绩效目标表", bold=True, center=True, size=16)
    docx_para(d, "一、项目基本情况", bold=True)
    docx_table(d, head, widths=[14, 22, 14, 22], font_pt=10.5)
    docx_para(d, "二、绩效指标", bold=True)
    docx_table(d, inds, widths=[11, 14, 30, 11, 9, 18], header_rows=1, cant_split=True, font_pt=10.5)
    path = OUT / "long-table.docx"
    d.save(path)
    normalize_zip(path)
    pdf = soffice(path, "pdf:writer_pdf_Export", tmp / "longpdf")
    shutil.copyfile(pdf, OUT / "long-table.pdf")
    normalize_pdf(OUT / "long-table.pdf")
    write(OUT / "long-table.yaml",
          twin_yaml("long-table.docx and long-table.pdf", p.dept, None, [p],
                    {"fiscal", "other", "unit", "basis"}))


# --------------------------------------------------------------------------------------------
# 3. Bad and edge files
# --------------------------------------------------------------------------------------------

PROSE = [
    "关于2024年部门预算编制工作的说明",
    "一、预算编制的总体原则",
    "2024年部门预算编制坚持党政机关过紧日子的要求，坚持量入为出、收支平衡，"
    "统筹安排财政拨款收入和单位资金收入，优先保障基本民生、工资发放和机构正常运转。"
    "各单位要严格执行支出标准，从严从紧控制一般性支出，非急需、非刚性支出一律压减。",
    "二、收入预算编制",
    "收入预算要做到应收尽收，不得虚列收入。事业收入、经营收入和其他收入要根据上年实际完成情况"
    "和本年度增减变化因素合理测算，并全部纳入部门预算管理。上级补助收入要与上级部门衔接一致，"
    "附属单位上缴收入要按规定比例测算。",
    "三、支出预算编制",
    "基本支出按照定员定额标准编制，人员经费按在职人员和离退休人员实有人数测算，公用经费按"
    "核定的定额标准测算。项目支出要按照项目库管理的要求，未入库的项目一律不得安排预算。"
    "新增项目必须开展事前绩效评估，评估结果作为安排预算的重要依据。",
    "四、绩效目标管理",
    "各单位申报项目支出时要同步编报绩效目标，绩效目标要指向明确、细化量化、合理可行、"
    "相应匹配。绩效指标原则上包括产出指标、效益指标和满意度指标，定量指标要有明确的指标值"
    "和计量单位，定性指标要能够分级分档评判。财政部门将绩效目标审核结果作为预算安排的依据，"
    "对绩效目标不完整、不合理的项目，退回单位修改完善。",
    "五、政府采购预算",
    "凡使用财政性资金采购集中采购目录以内或者采购限额标准以上的货物、工程和服务，"
    "都要编制政府采购预算，做到应编尽编。政府采购预算要与部门预算同步编制、同步审核、同步批复。",
    "六、国有资产配置",
    "新增资产配置要严格按照资产配置标准编制预算，优先通过调剂方式解决，确需购置的，"
    "要说明现有资产存量和使用情况。超标准配置资产的，一律不得安排预算。",
    "七、时间安排",
    "各单位于2023年11月15日前将部门预算草案报送财政部门，财政部门审核后按程序报县人民政府"
    "审定，提交县人民代表大会审查批准。批复后二十日内，各部门要按规定向社会公开部门预算，"
    "公开内容包括收支总表、财政拨款收支表、“三公”经费预算和项目支出绩效目标等。",
    "八、其他事项",
    "各单位要高度重视预算编制工作，主要负责同志亲自抓，分管负责同志具体抓，财务人员认真做好"
    "测算和编报工作。对预算编制中发现的问题，请及时与财政部门预算股沟通，确保按时保质完成。",
]


def build_bad(tmp: Path):
    BAD.mkdir(parents=True, exist_ok=True)
    good = (OUT / "split-columns.docx").read_bytes()

    # damaged.docx: a valid zip whose word/document.xml is cut off mid-element, garbage appended
    with zipfile.ZipFile(io.BytesIO(good)) as zin:
        members = [(zi, zin.read(zi.filename)) for zi in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for zi, data in members:
            if zi.filename == "word/document.xml":
                data = data[: int(len(data) * 0.55)] + b"\x00\xff\xfe<w:t>\xe4\xb9\xb1\xe7\xa0"
            nz = zipfile.ZipInfo(zi.filename, date_time=ZIP_TIME)
            nz.compress_type = zi.compress_type
            nz.create_system = 0
            zout.writestr(nz, data)
    (BAD / "damaged.docx").write_bytes(buf.getvalue())

    # truncated.docx: the first 60% of the file (no central directory)
    (BAD / "truncated.docx").write_bytes(good[: int(len(good) * 0.6)])

    # prose.pdf: two pages of prose, no table
    d = new_docx("关于2024年部门预算编制工作的说明")
    half = 9
    for k, para in enumerate(PROSE):
        if k == half:
            d.add_page_break()
        if len(para) < 20:
            docx_para(d, para, bold=True, center=(k == 0), size=16 if k == 0 else None)
        else:
            docx_para(d, "　　" + para)
    src = tmp / "prose.docx"
    d.save(src)
    pdf = soffice(src, "pdf:writer_pdf_Export", tmp / "prosepdf")
    shutil.copyfile(pdf, BAD / "prose.pdf")
    normalize_pdf(BAD / "prose.pdf")

    # scan.pdf: page 1 of the split-columns table rendered to a grey image, slightly rotated,
    # with deterministic noise, wrapped in a PDF with no text layer at all
    from PIL import Image

    pdf = soffice(OUT / "split-columns.docx", "pdf:writer_pdf_Export", tmp / "scanpdf")
    subprocess.run(["pdftoppm", "-r", "110", "-gray", "-f", "1", "-l", "1", "-png", str(pdf),
                    str(tmp / "scan")], check=True)
    png = sorted(tmp.glob("scan*.png"))[0]
    im = Image.open(png).convert("L")
    im = im.rotate(0.8, resample=Image.BICUBIC, expand=False, fillcolor=255)
    rnd = random.Random(20240101)
    noise = Image.frombytes("L", im.size, bytes(rnd.randrange(215, 256) for _ in range(im.size[0] * im.size[1])))
    im = Image.composite(im, noise, im.point(lambda v: 255 if v < 250 else 0))
    im = im.point(lambda v: min(255, v + 8) if v > 128 else v)
    im.save(BAD / "scan.pdf", "PDF", resolution=110.0, title="扫描件",
            creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple())


# --------------------------------------------------------------------------------------------
# Self-check
# --------------------------------------------------------------------------------------------


def docx_grid(path: Path) -> list[list[list[str]]]:
    """Tables of a .docx as rows of cell texts (w:tc elements, paragraphs joined by '\\n')."""
    with zipfile.ZipFile(path) as z:
        root = parse_xml(z.read("word/document.xml"))
    tables = []
    for tbl in root.iter(qn("w:tbl")):
        rows = []
        for tr in tbl.findall(qn("w:tr")):
            cells = []
            for tc in tr.findall(qn("w:tc")):
                paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.findall(qn("w:p"))]
                cells.append("\n".join(paras))
            rows.append(cells)
        tables.append(rows)
    return tables


class _HtmlTables(HTMLParser):
    """Tables of an HTML page as rows of cell texts (<br> and </p><p> inside a cell = '\\n')."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell, self.paras = [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "td":
            self.cell, self.paras = "", 0
        elif self.cell is not None and (tag == "br" or (tag == "p" and self.paras > 0)):
            self.cell += "\n"
        if tag == "p" and self.cell is not None:
            self.paras += 1

    def handle_endtag(self, tag):
        if tag == "td":
            self.tables[-1][-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def check(blocks, tmp: Path):
    ok = True

    def report(good: bool, what: str):
        nonlocal ok
        ok &= good
        print(("  ok    " if good else "  WARN  ") + what)

    print("self-check:")
    want = [[["\n".join(c) for c in r] for r in b] for k, b in blocks if k == "table"]
    got = docx_grid(OUT / "seed.docx")
    report(got == want, f"seed.docx has the {len(want)} tables of seed.txt cell for cell")

    p = _HtmlTables()
    p.feed((OUT / "seed.html").read_text(encoding="utf-8"))
    report(p.tables == want, "seed.html has the tables of seed.txt cell for cell")
    wb = openpyxl.load_workbook(OUT / "seed.xlsx")
    targets = [t for t in want if is_target_table([[[c] for c in r] for r in t])]
    same = True
    for ws, t in zip(wb, targets):
        width = max(len(r) for r in t)
        merged = {str(m) for m in ws.merged_cells.ranges}
        for i, r in enumerate(t, 1):
            got_row = [ws.cell(row=i, column=j + 1).value or "" for j in range(len(r))]
            same &= got_row == r
            if len(r) < width:
                same &= f"{get_column_letter(len(r))}{i}:{get_column_letter(width)}{i}" in merged
    report(same and len(targets) == 6, "seed.xlsx has the six target tables of seed.txt cell for cell")

    # seed.doc -> docx round trip
    back = soffice(OUT / "seed.doc", "docx:MS Word 2007 XML", tmp / "docback")
    got = docx_grid(back)
    same_tables = len(got) == len(want)
    same_cells = same_tables and all(
        [[c.strip() for c in r] for r in g] == [[c.strip() for c in r] for r in w] for g, w in zip(got, want))
    report(same_tables, f"seed.doc converted back has {len(got)} tables (seed.txt: {len(want)})")
    report(same_cells, "seed.doc converted back has the same cells (white space at the ends ignored)")
    if shutil.which("antiword"):
        res = subprocess.run(["antiword", str(OUT / "seed.doc")], capture_output=True, text=True)
        n = res.stdout.count("其中：财政资金")
        print(f"  note  antiword shows {n} of the 6 '其中：财政资金' cells of seed.doc: antiword drops the "
              "cells of a row that has more cells than the row before it; LibreOffice reads them all")

    # PDFs
    def pdftext(p):
        return subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True).stdout

    def pages(p):
        out = subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout
        m = re.search(r"Pages:\s+(\d+)", out)
        return int(m.group(1)) if m else 0

    t = pdftext(OUT / "seed.pdf")
    report("指纹认证" in t and "网络评估满意率" in t and "ARE0" in t,
           f"seed.pdf has Chinese text ({pages(OUT / 'seed.pdf')} pages)")
    t = pdftext(OUT / "long-table.pdf")
    n = t.count("一级指标")
    report(n >= 2 and pages(OUT / "long-table.pdf") >= 2,
           f"long-table.pdf: {pages(OUT / 'long-table.pdf')} pages, indicator header shown {n} times")
    report(pdftext(BAD / "scan.pdf").strip() == "", "bad/scan.pdf has no text layer")
    report(pages(BAD / "prose.pdf") == 2 and "一级指标" not in pdftext(BAD / "prose.pdf"),
           "bad/prose.pdf: 2 pages of prose")

    # xlsx seed: strings only
    wb = openpyxl.load_workbook(OUT / "seed.xlsx")
    types = {c.data_type for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}
    report(wb.sheetnames == [f"项目{i}" for i in range(1, 7)] and types == {"s"},
           f"seed.xlsx: sheets {wb.sheetnames}, cell types {sorted(types)}")

    # .xls / .ods round trip against the .xlsx
    def sheet_dump(path):
        wb = openpyxl.load_workbook(path)
        out = {}
        for ws in wb:
            vals = {(c.row, c.column): (c.value, c.number_format if isinstance(c.value, (int, float)) else "")
                    for row in ws.iter_rows() for c in row if c.value not in (None, "")}
            merges = sorted(str(m) for m in ws.merged_cells.ranges)
            out[ws.title] = (vals, merges)
        return out

    orig = sheet_dump(OUT / "per-sheet.xlsx")
    for ext in ("xls", "ods"):
        back = soffice(OUT / f"per-sheet.{ext}", "xlsx:Calc MS Excel 2007 XML", tmp / f"{ext}back")
        got = sheet_dump(back)
        same_vals = got.keys() == orig.keys() and all(
            {k: v[0] for k, v in got[s][0].items()} == {k: v[0] for k, v in orig[s][0].items()} for s in orig)
        same_merges = got.keys() == orig.keys() and all(got[s][1] == orig[s][1] for s in orig)
        pct = all(got[s][0].get(k, (None, ""))[1].endswith("%")
                  for s in orig for k, v in orig[s][0].items() if v[1].endswith("%"))
        report(same_vals and same_merges and pct,
               f"per-sheet.{ext} converted back: values {same_vals}, merges {same_merges}, % formats {pct}")

    # twins parse (if PyYAML is there) and the GBK page decodes
    raw = (OUT / "two-tables.html").read_bytes()
    report(b'<meta charset="gbk">' in raw and raw.decode("gbk").count("<table") == 4,
           "two-tables.html is GBK with 4 tables")
    try:
        import yaml  # noqa
        for y in sorted(OUT.glob("*.yaml")):
            yaml.safe_load(y.read_text(encoding="utf-8"))
        report(True, "every twin parses as YAML")
    except ImportError:
        pass
    if not ok:
        print("self-check found problems (see WARN above); the files were still written")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-check", action="store_true", help="skip the self-check")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    BAD.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="jx-formats-"))
    try:
        blocks = build_seed()
        build_seed_lo(tmp)
        build_split()
        build_per_sheet(tmp)
        build_stacked()
        build_two_tables()
        build_mid()
        build_long(tmp)
        build_bad(tmp)
        for f in sorted(OUT.rglob("*")):
            if f.is_file():
                print(f"{f.relative_to(ROOT)}  {f.stat().st_size} bytes")
        if not args.no_check:
            check(blocks, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if _LO_PROFILE is not None:
            shutil.rmtree(_LO_PROFILE, ignore_errors=True)


if __name__ == "__main__":
    main()
