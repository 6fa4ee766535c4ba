//! Input formats. Each reader turns a [`SourceFile`] into a [`Document`]; grid formats go
//! through [`crate::form`].

pub mod text;
pub mod yaml;

use std::fmt;
use std::path::Path;

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
}

impl ReadError {
    pub fn new(message: impl Into<String>) -> ReadError {
        ReadError {
            message: message.into(),
            line: None,
            column: None,
            not_target: false,
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

/// The format a path's extension names, if any.
pub fn format_for_path(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "yaml" | "yml" => Some(Format::Yaml),
        _ => None,
    }
}

/// Office, PDF and web formats that have no reader yet: named explicitly, they get a clear
/// error instead of being sniffed as text.
pub fn unsupported_extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "docx"
            | "doc"
            | "xlsx"
            | "xls"
            | "xlsm"
            | "et"
            | "wps"
            | "pdf"
            | "html"
            | "htm"
            | "zip"
            | "odt"
            | "ods"
    )
    .then_some(ext)
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

pub fn read(src: &SourceFile, format: Format) -> Result<Document, ReadError> {
    match format {
        Format::Yaml => yaml::read(src),
        Format::Text => {
            let doc = crate::form::recognise(&text::grid(src)?);
            if doc.projects.is_empty() {
                Err(ReadError::not_target(
                    "没有找到绩效目标表（需要有“项目名称”和“一级指标…指标值”表头的表格）",
                ))
            } else {
                Ok(doc)
            }
        }
    }
}
