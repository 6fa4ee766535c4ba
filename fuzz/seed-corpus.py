#!/usr/bin/env python3
"""Seed the fuzz corpora from the fixtures: python3 fuzz/seed-corpus.py (from anywhere).

Writes fuzz/corpus/<target>/ (ignored by git). Large documents are also split into one
document per table, so that seeds fit the -max_len the runs use (fuzz/README.md)."""

import glob
import os
import re
import shutil
import zipfile

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
FORMATS = os.path.join(ROOT, "fixtures", "formats")


def corpus(target):
    d = os.path.join(FUZZ, "corpus", target)
    os.makedirs(d, exist_ok=True)
    return d


def per_table(text, head_end, table_re, tail):
    """One small document per table: the document's head, a title line, the table."""
    head = text[:head_end]
    return [head + t + tail for t in re.findall(table_re, text[head_end:], flags=re.S | re.I)]


def main():
    # text_reader, yaml_reader, value_parser: as before.
    for f in [os.path.join(ROOT, "fixtures", "seed.txt")] + glob.glob(os.path.join(ROOT, "fixtures", "good", "*.txt")):
        shutil.copy(f, corpus("text_reader"))
    for pattern in ["fixtures/*.yaml", "fixtures/good/*.yaml", "fixtures/rules/*.yaml"]:
        for f in glob.glob(os.path.join(ROOT, pattern)):
            shutil.copy(f, corpus("yaml_reader"))
    with open(os.path.join(corpus("value_parser"), "a"), "w") as f:
        f.write("≥90%")
    with open(os.path.join(corpus("value_parser"), "b"), "w") as f:
        f.write("= 44,561 44,561")

    # docx_zip: whole files, good and bad; docx_reader: their word/document.xml.
    docx = sorted(glob.glob(os.path.join(FORMATS, "*.docx")) + glob.glob(os.path.join(FORMATS, "bad", "*.docx")))
    docx += sorted(glob.glob(os.path.join(ROOT, "tests", "bad", "*.docx")))
    for f in docx:
        name = os.path.relpath(f, ROOT).replace(os.sep, "-")
        shutil.copy(f, os.path.join(corpus("docx_zip"), name))
        try:
            z = zipfile.ZipFile(f)
            if z.getinfo("word/document.xml").file_size > 1 << 20:
                continue  # the zip bomb
            xml = z.read("word/document.xml").decode("utf-8", "surrogateescape")
        except (zipfile.BadZipFile, KeyError):
            continue
        out = corpus("docx_reader")
        with open(os.path.join(out, name + ".xml"), "w", encoding="utf-8", errors="surrogateescape") as w:
            w.write(xml)
        if "<w:body>" in xml:
            at = xml.index("<w:body>") + len("<w:body>")
            for i, doc in enumerate(per_table(xml, at, r"<w:tbl>.*?</w:tbl>", "</w:body></w:document>")):
                with open(os.path.join(out, f"{name}-{i}.xml"), "w", encoding="utf-8", errors="surrogateescape") as w:
                    w.write(doc)

    # html_reader: the pages, and the seed one table a page.
    for f in glob.glob(os.path.join(FORMATS, "*.htm*")):
        shutil.copy(f, corpus("html_reader"))
    seed = open(os.path.join(FORMATS, "seed.html"), encoding="utf-8").read()
    at = seed.lower().index("<body")
    for i, page in enumerate(per_table(seed, at, r"<table.*?</table>", "</body></html>")):
        with open(os.path.join(corpus("html_reader"), f"seed-{i}.html"), "w", encoding="utf-8") as w:
            w.write(page)

    # xlsx_reader: sheet, shared strings and styles of each fixture sheet, joined by NUL.
    for f in glob.glob(os.path.join(FORMATS, "*.xlsx")):
        z = zipfile.ZipFile(f)
        names = z.namelist()
        part = lambda n: z.read(n) if n in names else b""
        for s in sorted(n for n in names if n.startswith("xl/worksheets/sheet")):
            data = b"\0".join([z.read(s), part("xl/sharedStrings.xml"), part("xl/styles.xml")])
            out = os.path.join(corpus("xlsx_reader"), os.path.basename(f) + "-" + os.path.basename(s))
            with open(out, "wb") as w:
                w.write(data)


if __name__ == "__main__":
    main()
