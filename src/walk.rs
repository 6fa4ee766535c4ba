//! Candidates: the files a run will read, from the command line and folder walks, and the
//! bounded reading of their bytes (regular files only, never past the size limit).

use std::path::{Path, PathBuf};

use crate::model::Format;

/// A file to read, found on the command line or in a directory walk.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The path as shown in reports.
    pub display: String,
    pub path: Option<PathBuf>,
    /// Already read (standard input).
    pub bytes: Option<Vec<u8>>,
    /// The format its extension (or the user) names; `None` to guess from the content.
    pub format: Option<Format>,
    /// Named on the command line (always checked) rather than found in a walk.
    pub explicit: bool,
    /// The path could not even be listed or opened, or (named on the command line) is of a
    /// format jxlint cannot read.
    pub error: Option<String>,
    /// Found in a walk: a document format jxlint cannot read (counted and named, not read).
    pub unsupported: Option<String>,
}

impl Candidate {
    pub fn failed(display: String, message: String) -> Candidate {
        Candidate {
            display,
            path: None,
            bytes: None,
            format: None,
            explicit: true,
            error: Some(message),
            unsupported: None,
        }
    }
}

/// Why a file of this extension cannot be read.
pub fn unsupported_message(ext: &str) -> String {
    format!("暂不支持 .{ext} 文件：请另存为 .docx、.xlsx、.txt 或写成 YAML 目标文档后再检查")
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Expand a path: a file is a candidate; a directory is walked (sorted, hidden entries and
/// symbolic links to directories skipped) for the files of every format jxlint reads.
pub fn collect(path: &Path, out: &mut Vec<Candidate>, explicit: bool) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.push(Candidate::failed(display(path), io_message(&e)));
            return;
        }
    };
    if meta.is_dir() {
        walk(path, out);
    } else if let Some(ext) = crate::read::unsupported_extension(path) {
        // Named explicitly: an error (exit code 2), counted as a format jxlint does not read.
        let message = unsupported_message(&ext);
        out.push(Candidate {
            unsupported: Some(message.clone()),
            ..Candidate::failed(display(path), message)
        });
    } else {
        out.push(Candidate {
            display: display(path),
            path: Some(path.to_path_buf()),
            bytes: None,
            format: crate::read::format_for_path(path),
            explicit,
            error: None,
            unsupported: None,
        });
    }
}

fn walk(dir: &Path, out: &mut Vec<Candidate>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Candidate::failed(display(dir), io_message(&e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        // Hidden entries, and the lock files Word and Excel leave beside an open document
        // ("~$报告.docx"), are not entered or read.
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
        if hidden {
            continue;
        }
        let Ok(lmeta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if lmeta.is_dir() {
            walk(&p, out);
            continue;
        }
        let regular = (lmeta.is_file() || lmeta.file_type().is_symlink())
            && std::fs::metadata(&p).is_ok_and(|m| m.is_file());
        if !regular {
            continue;
        }
        if let Some(format) = crate::read::format_for_path(&p) {
            out.push(Candidate {
                display: display(&p),
                path: Some(p),
                bytes: None,
                format: Some(format),
                explicit: false,
                error: None,
                unsupported: None,
            });
        } else if let Some(ext) = crate::read::unsupported_extension(&p) {
            // A document jxlint cannot read is named in the report, never passed over silently.
            out.push(Candidate {
                display: display(&p),
                path: Some(p),
                bytes: None,
                format: None,
                explicit: false,
                error: None,
                unsupported: Some(unsupported_message(&ext)),
            });
        }
    }
}

/// Read a regular file of at most `max_bytes`. A FIFO, device or socket is refused (reading
/// one could block forever), and so is a file past the limit, before a byte of it is read.
pub fn read_file(p: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    // The path was there when the inputs were listed: NotFound now means it went away.
    let gone = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => "文件已不存在（检查过程中被删除或移走了）".to_string(),
        _ => io_message(&e),
    };
    let meta = std::fs::metadata(p).map_err(gone)?;
    if !meta.is_file() {
        return Err("不是普通文件（可能是管道、设备或套接字），不读取".into());
    }
    if meta.len() > max_bytes {
        return Err(crate::limits::too_large(Some(meta.len()), max_bytes));
    }
    let f = std::fs::File::open(p).map_err(gone)?;
    crate::limits::read_bounded(f, max_bytes)
}

/// The largest file read for a path: its format's limit, or the text limit.
pub fn max_bytes(format: Option<Format>) -> u64 {
    crate::read::FORMATS
        .iter()
        .find(|s| Some(s.format) == format)
        .map(|s| s.max_bytes)
        .unwrap_or(crate::limits::MAX_FILE_BYTES)
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "没有这个文件或目录".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        std::io::ErrorKind::NotADirectory => "路径中有一部分不是目录".into(),
        _ => format!("无法读取：{e}"),
    }
}
