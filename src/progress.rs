//! Progress of a long run: what the engine reports while it checks files, and the progress
//! bar the command line draws on stderr (indicatif) — only for a batch of more than a few
//! files, only when stderr is a terminal, never when the report goes down a pipe, never in CI.

use std::io::IsTerminal;

/// What a run reports while it checks files. Called from the worker threads.
pub trait Progress: Sync {
    /// The run will check `files` files.
    fn start(&self, files: usize);
    /// One more file is done.
    fn advance(&self);
    /// Every file is done (the input-wide rules and the report follow).
    fn finish(&self);
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// A batch of more files than this gets a bar; a pre-commit run on a few files never does.
pub const FEW_FILES: usize = 8;

/// Whether a bar may be drawn at all: stderr is a terminal, the report does not go down a pipe
/// (`jxlint check --format json DIR | jq`), and no CI system runs us (`CI` set, as GitHub
/// Actions, GitLab CI and most others do).
pub fn wanted(report_to_pipe: bool) -> bool {
    std::io::stderr().is_terminal()
        && !report_to_pipe
        && std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false")
        && std::env::var("TERM").as_deref() != Ok("dumb")
}

/// Whether standard output is a pipe or a socket (not a terminal, not a file).
pub fn stdout_is_pipe() -> bool {
    // SAFETY: fstat fills the zeroed struct it is given; fd 1 may be closed, which it reports.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(1, &mut st) != 0 {
            return false;
        }
        matches!(st.st_mode & libc::S_IFMT, libc::S_IFIFO | libc::S_IFSOCK)
    }
}

/// A progress bar on stderr, shown from the start of a batch of more than [`FEW_FILES`] files
/// and cleared when the files are done, before the report is written.
#[derive(Default)]
pub struct Bar {
    bar: std::sync::OnceLock<indicatif::ProgressBar>,
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        if files <= FEW_FILES {
            return;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(files as u64),
            indicatif::ProgressDrawTarget::stderr_with_hz(10),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "检查中 {bar:30} {pos}/{len} 个文件，已用 {elapsed}，预计还需 {eta}",
        ) {
            bar.set_style(style);
        }
        let _ = self.bar.set(bar);
    }

    fn advance(&self) {
        if let Some(b) = self.bar.get() {
            b.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}
