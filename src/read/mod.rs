//! Input formats. One table maps file extensions to formats, shared by `check`, `extract` and
//! the folder walk; each reader takes the bytes of a file and returns its document and the text
//! its findings point into. Grid formats go through [`crate::form`].

pub mod docx;
pub mod external;
pub mod html;
pub mod pdf;
pub mod render;
pub mod sheet;
pub mod text;
pub mod yaml;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::model::{Document, Format};
use crate::source::SourceFile;

/// Why an input could not be read, with the line (and column) where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The input is plainly not a target document (not merely a broken one): a directory
    /// walk skips it quietly; a file named on the command line reports it.
    pub not_target: bool,
    /// The underlying parser's own message, when the Chinese message translates it.
    pub detail: Option<String>,
}

impl ReadError {
    pub fn new(message: impl Into<String>) -> ReadError {
        ReadError {
            message: message.into(),
            line: None,
            column: None,
            not_target: false,
            detail: None,
        }
    }

    pub fn not_target(message: impl Into<String>) -> ReadError {
        ReadError {
            not_target: true,
            ..ReadError::new(message)
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A reader error's detail as the JSON report gives it (`files[].error_detail`): what the
/// underlying library's message means, in Chinese, followed by that message in parentheses
/// (for a bug report), since the libraries (zip, calamine, the XML and YAML parsers, poppler)
/// speak English. A message already in Chinese is given as it is.
pub fn detail_zh(raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_empty() || !raw.is_ascii() {
        return raw.to_string();
    }
    let m = raw.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| m.contains(w));
    let what = if has(&["eocd", "central directory", "end of central"]) {
        "找不到压缩包末尾的目录：文件被截断或不完整"
    } else if has(&["password", "encrypt"]) {
        "文件已加密或有密码保护"
    } else if has(&["checksum", "crc"]) {
        "压缩包内容校验失败：文件已损坏"
    } else if has(&["declared uncompressed size", "size mismatch"]) {
        "压缩包里内容的大小与它声明的不符：文件已损坏"
    } else if has(&["file not found", "not found in archive"]) {
        "压缩包里缺少需要的组成部分：文件不完整，或不是这种格式的文件"
    } else if has(&["unsupported zip", "unsupported compression"]) {
        "压缩包用了不支持的压缩方式或特性"
    } else if has(&["deflate", "inflate", "zip error", "invalid zip"]) {
        "压缩包结构已损坏"
    } else if has(&[
        "unexpected end",
        "unexpected eof",
        "eof while",
        "end of file",
        "truncated",
    ]) {
        "文件内容意外结束：文件不完整"
    } else if has(&["utf-8", "utf8", "encoding", "decode"]) {
        "文字编码有误，无法解码"
    } else if has(&[
        "xml",
        "tag",
        "attribute",
        "expecting",
        "expected",
        "syntax",
        "mapping",
        "scalar",
        "indentation",
    ]) {
        "文件内容的格式有误，无法解析"
    } else if has(&["i/o error", "permission", "os error"]) {
        "读取文件时出错"
    } else {
        "解析文件的程序库报告了错误"
    };
    format!("{what}（原文：{raw}）")
}

/// A format jxlint reads: the extensions that name it and the largest file it accepts.
pub struct FormatSpec {
    pub format: Format,
    pub extensions: &'static [&'static str],
    pub max_bytes: u64,
}

/// Every format jxlint reads, by extension (lower case).
pub const FORMATS: &[FormatSpec] = &[
    FormatSpec {
        format: Format::Text,
        extensions: &["txt", "text"],
        max_bytes: crate::limits::MAX_FILE_BYTES,
    },
    FormatSpec {
        format: Format::Yaml,
        extensions: &["yaml", "yml"],
        max_bytes: crate::limits::MAX_FILE_BYTES,
    },
    // Web pages (and Word's single-file .mht) carry markup and inline images, so allow more
    // than a table needs, but not the 64 MiB of plain text.
    FormatSpec {
        format: Format::Html,
        extensions: &["html", "htm", "mht", "mhtml"],
        max_bytes: 32 * 1024 * 1024,
    },
    // Spreadsheets: a county's whole disclosure is well under 1 MiB; pictures (seals, logos)
    // add a few MiB at most.
    FormatSpec {
        format: Format::Xlsx,
        extensions: &["xlsx", "xlsm"],
        max_bytes: 32 * 1024 * 1024,
    },
    FormatSpec {
        format: Format::Xls,
        extensions: &["xls"],
        max_bytes: 32 * 1024 * 1024,
    },
    FormatSpec {
        format: Format::Ods,
        extensions: &["ods"],
        max_bytes: 32 * 1024 * 1024,
    },
    FormatSpec {
        format: Format::Docx,
        extensions: &["docx", "docm"],
        max_bytes: crate::limits::MAX_FILE_BYTES,
    },
    FormatSpec {
        format: Format::Doc,
        extensions: &["doc"],
        max_bytes: crate::limits::MAX_FILE_BYTES,
    },
    // Embedded fonts and scanned pages make PDFs large; poppler runs under its own limits.
    FormatSpec {
        format: Format::Pdf,
        extensions: &["pdf"],
        max_bytes: 100 * 1024 * 1024,
    },
];

/// Document formats that no reader handles yet: named explicitly or found in a walk, such a
/// file is reported as not supported, never silently passed over.
pub const UNSUPPORTED: &[&str] = &[
    "dotx", "et", "ett", "wps", "wpt", "ofd", "odt", "rtf", "pptx", "ppt", "dps", "zip", "rar",
    "7z",
];

fn extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// The spec of the format a path's extension names, if jxlint reads it.
pub fn spec_for_path(path: &Path) -> Option<&'static FormatSpec> {
    let ext = extension(path)?;
    FORMATS
        .iter()
        .find(|f| f.extensions.contains(&ext.as_str()))
}

/// The format a path's extension names, if jxlint reads it.
pub fn format_for_path(path: &Path) -> Option<Format> {
    spec_for_path(path).map(|s| s.format)
}

/// A known document extension that jxlint cannot read (yet).
pub fn unsupported_extension(path: &Path) -> Option<String> {
    extension(path).filter(|e| UNSUPPORTED.contains(&e.as_str()))
}

/// Guess the format of text with no telling extension (standard input, odd names): extracted
/// Word text has lines that start with a tab cell.
pub fn sniff(text: &str) -> Format {
    let cells = text
        .lines()
        .take(5000)
        .filter(|l| l.trim_start_matches(' ').starts_with('\t'))
        .count();
    if cells >= 3 {
        Format::Text
    } else {
        Format::Yaml
    }
}

/// A document and the text its findings point into.
#[derive(Debug)]
pub struct Loaded {
    pub doc: Document,
    pub source: Arc<SourceFile>,
    pub format: Format,
}

/// The format the content of a file plainly is, by its first bytes: a PDF, a zip of Office
/// XML (Word or a workbook), an OLE compound file (Word 97 or Excel 97), a web page. `None`
/// for text (Word text, YAML) and anything else.
pub fn content_format(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    // A PDF's header may follow some bytes of junk, but starts a line (a YAML comment naming
    // “%PDF-1.4” is no PDF).
    let pdf = head
        .windows(5)
        .enumerate()
        .any(|(k, w)| w == b"%PDF-" && (k == 0 || matches!(head[k - 1], b'\n' | b'\r' | 0)));
    if pdf {
        Some(Format::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") {
        // Entry names are stored uncompressed in the local headers and the central directory.
        if has(b"word/document.xml") {
            Some(Format::Docx)
        } else if has(b"xl/workbook.") {
            Some(Format::Xlsx)
        } else if has(b"application/vnd.oasis.opendocument.spreadsheet") {
            Some(Format::Ods)
        } else {
            None
        }
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        if has(&utf16("WordDocument")) {
            Some(Format::Doc)
        } else if has(&utf16("Workbook")) || has(&utf16("Book")) {
            Some(Format::Xls)
        } else {
            None
        }
    } else if sheet::is_web_page(bytes) {
        Some(Format::Html)
    } else {
        None
    }
}

/// The format to read a file in: the one its extension (or the user) names, unless its content
/// is plainly of another kind (an .xlsx saved under .pdf, a web page under .docx, HTML piped to
/// standard input): then the content's. Within a family the readers sort it out themselves
/// (an .xls saved as .xlsx, a web page saved as .xls or .doc).
fn effective_format(bytes: &[u8], named: Option<Format>) -> Option<Format> {
    let family = |f: Format| match f {
        Format::Xlsx | Format::Xls | Format::Ods => 0,
        Format::Docx | Format::Doc => 1,
        Format::Pdf => 2,
        Format::Html => 3,
        _ => 4,
    };
    let content = content_format(bytes);
    // A workbook holding a Word file embedded uncompressed reads as Word to `content_format`
    // (which asks for Word first): it is what it is named. (A .docx holding a workbook is Word
    // to both.)
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if matches!(named, Some(Format::Xlsx | Format::Ods))
        && content == Some(Format::Docx)
        && (holds(b"xl/workbook.") || holds(b"application/vnd.oasis.opendocument.spreadsheet"))
    {
        return named;
    }
    match (named, content) {
        (None, c) => c,
        // Word's own readers take its web pages, RTF and Word 97 (through LibreOffice).
        (Some(Format::Doc), _) => named,
        (Some(n), Some(c)) if family(n) != family(c) && !(family(n) == 0 && c == Format::Html) => {
            Some(c)
        }
        (n, _) => n,
    }
}

/// Read the bytes of one file. `format` is the one its extension (or the user) names; without
/// one the format is guessed from the content, and content of a plainly other kind is read as
/// what it is.
pub fn read(bytes: &[u8], display: &str, format: Option<Format>) -> Result<Loaded, ReadError> {
    let format = effective_format(bytes, format);
    if let Some(f) = format.filter(|f| f.is_grid()) {
        return read_grid(bytes, display, f);
    }
    let (text, encoding) = crate::source::decode(bytes).map_err(|e| ReadError::new(e.0))?;
    let format = format.unwrap_or_else(|| sniff(&text));
    let src = SourceFile::with_encoding(display, text, encoding);
    let doc = read_source(&src, format)?;
    Ok(Loaded {
        doc,
        source: Arc::new(src),
        format,
    })
}

/// The blocks (tables and prose, in order) of a file in a table format, and the encoding its
/// text came in.
fn blocks(bytes: &[u8], format: Format) -> Result<(Vec<render::Block>, &'static str), ReadError> {
    match format {
        Format::Html => html::blocks(bytes),
        Format::Xlsx | Format::Xls | Format::Ods => Ok((sheet::blocks(bytes, format)?, "UTF-8")),
        Format::Docx => Ok((docx::blocks(bytes)?, "UTF-8")),
        Format::Doc => Ok((docx::doc_blocks(bytes)?, "UTF-8")),
        Format::Pdf => Ok((pdf::blocks(bytes)?, "UTF-8")),
        _ => Err(ReadError::new(format!(
            "暂不支持 .{} 文件（计划中）",
            format.as_str()
        ))),
    }
}

/// Read a table format: its blocks rendered to text and recognised as projects.
fn read_grid(bytes: &[u8], display: &str, format: Format) -> Result<Loaded, ReadError> {
    // A web page saved as .xls/.xlsx (budget systems export so): read as the page it is.
    let format = match format {
        Format::Xlsx | Format::Xls | Format::Ods if sheet::is_web_page(bytes) => Format::Html,
        f => f,
    };
    let (blocks, encoding) = blocks(bytes, format)?;
    let (src, tables) = render::render(&blocks, display, encoding);
    let mut doc = crate::form::recognise(&tables);
    if doc.projects.is_empty() && src.text.trim().is_empty() {
        // As an empty .yaml, .xlsx or .docx is said to be (a page of no text at all).
        return Err(ReadError::not_target("文件为空，不是目标文档"));
    }
    if doc.projects.is_empty() {
        return Err(unread_header_error(&src, &doc).unwrap_or_else(|| {
            ReadError::not_target(
                "没有找到绩效目标表（需要有“项目名称”和“一级指标…指标值”表头的表格）",
            )
        }));
    }
    doc.disclosure = crate::disclosure::recognise(&tables, &doc.projects);
    Ok(Loaded {
        doc,
        source: Arc::new(src),
        format,
    })
}

/// A table with an indicator header jxlint could not read and no target table besides: an
/// error that names the header's place and cells (not the quiet “no target table” of a file
/// that has none).
fn unread_header_error(src: &SourceFile, doc: &Document) -> Option<ReadError> {
    let u = doc.unread_headers.first()?;
    let pos = src.position(u.span.start);
    let place = match src.cell_at(u.span) {
        Some(c) => c.label(),
        None => format!("第{}行", pos.line),
    };
    let mut e = ReadError::new(format!(
        "没有读到绩效目标表：{place}的{}（{}）",
        u.message(),
        crate::model::UnreadHeader::advice(&u.missing)
    ));
    if src.cell_at(u.span).is_none() {
        e.line = Some(pos.line);
    }
    Some(e)
}

/// Read decoded text in a text format (Word text or YAML).
pub fn read_source(src: &SourceFile, format: Format) -> Result<Document, ReadError> {
    match format {
        Format::Yaml => yaml::read(src),
        _ if src.text.trim().is_empty() => Err(ReadError::not_target("文件为空，不是目标文档")),
        _ => {
            let tables = text::grid(src)?;
            let mut doc = crate::form::recognise(&tables);
            if doc.projects.is_empty() {
                Err(unread_header_error(src, &doc).unwrap_or_else(|| {
                    ReadError::not_target(
                        "没有找到绩效目标表（需要有“项目名称”和“一级指标…指标值”表头的表格）",
                    )
                }))
            } else {
                // The rest of a budget disclosure, for the D rules (none for YAML).
                doc.disclosure = crate::disclosure::recognise(&tables, &doc.projects);
                Ok(doc)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the text_reader fuzz target: a schedule label that is not the first cell of
    /// its row, above a values row narrower than the label row.
    #[test]
    fn schedule_label_in_a_later_column() {
        let text = "\t项目名称\t\n\t测试\n\n\t备注\n\t资金支出计划（%）\n\t3月底\n\t6月底\n\t12月底\n\n\t\n\t25\n\t50\n\t100\n\n\t绩效目标\n\t完成\n\n";
        let src = SourceFile::new("t", text.to_string());
        let doc = read_source(&src, Format::Text).unwrap();
        let s = doc.projects[0].schedule.as_ref().unwrap();
        let got: Vec<(&str, &str)> = s
            .periods
            .iter()
            .map(|q| (q.label.text.as_str(), q.value.text.as_str()))
            .collect();
        assert_eq!(got, [("3月底", "25"), ("6月底", "50"), ("12月底", "100")]);
    }

    #[test]
    fn one_table_of_extensions() {
        assert_eq!(format_for_path(Path::new("a/b.YML")), Some(Format::Yaml));
        assert_eq!(format_for_path(Path::new("b.txt")), Some(Format::Text));
        assert_eq!(format_for_path(Path::new("a.DOCX")), Some(Format::Docx));
        assert_eq!(format_for_path(Path::new("a.docm")), Some(Format::Docx));
        assert_eq!(format_for_path(Path::new("a.doc")), Some(Format::Doc));
        assert_eq!(
            unsupported_extension(Path::new("x.WPS")).as_deref(),
            Some("wps")
        );
        for f in FORMATS {
            for e in f.extensions {
                assert!(!UNSUPPORTED.contains(e), "{e}");
            }
        }
    }
}
