//! Tools a user installs (poppler's `pdftotext`, LibreOffice's `soffice`), called as
//! subprocesses with a time limit, a memory limit and a bound on what they may print; their
//! absence is a clear error naming the Debian package to install.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// An external program and where it comes from.
#[derive(Clone, Copy, Debug)]
pub struct Tool {
    pub program: &'static str,
    /// The Debian package that provides it.
    pub package: &'static str,
    /// What it is needed for (for the error message).
    pub purpose: &'static str,
}

/// Limits of one run.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub timeout: Duration,
    /// Address-space limit of the process, in bytes.
    pub memory: u64,
    /// The most bytes read from its standard output.
    pub max_output: u64,
}

/// Whether a program is on PATH.
pub fn available(program: &str) -> bool {
    find(program).is_some()
}

fn find(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn missing(tool: &Tool) -> String {
    format!(
        "{}需要外部程序 {}，本机没有找到：请安装 Debian 软件包 {}（apt-get install {}），或把文件另存为其他格式后再检查",
        tool.purpose, tool.program, tool.package, tool.package
    )
}

/// A private, empty working directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Result<TempDir, String> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "jxlint-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("无法创建临时目录：{e}"))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run a tool with arguments in a working directory; its standard output, or a Chinese error.
pub fn run(tool: &Tool, args: &[&OsStr], cwd: &Path, limits: Limits) -> Result<Vec<u8>, String> {
    let Some(program) = find(tool.program) else {
        return Err(missing(tool));
    };
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(cwd)
        .env("HOME", cwd)
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    set_memory_limit(&mut cmd, limits.memory);
    // Its own process group, so that a timeout ends the helpers it starts too (LibreOffice's
    // soffice is a launcher for soffice.bin).
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("无法运行 {}：{e}", tool.program))?;
    let mut stdout = child.stdout.take().expect("piped");
    let max = limits.max_output;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let r = (&mut stdout).take(max + 1).read_to_end(&mut buf);
        // Drain the rest so the child is never blocked on a full pipe.
        let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        r.map(|_| buf)
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > limits.timeout => {
                kill_group(&mut child);
                let _ = child.wait();
                let _ = reader.join();
                return Err(format!(
                    "{} 运行超过 {:.1} 秒，已终止：文件可能过大或已损坏",
                    tool.program,
                    limits.timeout.as_secs_f64()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("{} 运行出错：{e}", tool.program)),
        }
    };
    let out = reader
        .join()
        .map_err(|_| format!("读取 {} 的输出失败", tool.program))?
        .map_err(|e| format!("读取 {} 的输出失败：{e}", tool.program))?;
    if out.len() as u64 > max {
        return Err(format!(
            "{} 的输出超过了 {} MiB 的上限",
            tool.program,
            max / 1024 / 1024
        ));
    }
    if !status.success() {
        return Err(match status.code() {
            Some(c) => format!(
                "{} 无法处理此文件（退出码 {c}）：文件可能已损坏或加密",
                tool.program
            ),
            None => format!(
                "{} 被终止（可能超出了内存上限）：文件可能过大或已损坏",
                tool.program
            ),
        });
    }
    Ok(out)
}

/// Kill the child and every process of its group.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        // SAFETY: kill(2) with a negative pid signals the process group the child leads.
        unsafe {
            libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

#[cfg(target_os = "linux")]
fn set_memory_limit(cmd: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe; the closure touches no other state.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            libc::setrlimit(libc::RLIMIT_AS, &lim);
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn set_memory_limit(_cmd: &mut Command, _bytes: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_tool_names_its_package() {
        let t = Tool {
            program: "jxlint-no-such-program",
            package: "jxlint-pkg",
            purpose: "读取测试文件",
        };
        let dir = TempDir::new("t").unwrap();
        let e = run(
            &t,
            &[],
            &dir.0,
            Limits {
                timeout: Duration::from_secs(1),
                memory: 1 << 30,
                max_output: 1024,
            },
        )
        .unwrap_err();
        assert!(e.contains("apt-get install jxlint-pkg"), "{e}");
    }

    #[test]
    fn a_tool_that_runs_too_long_is_killed() {
        if !available("sleep") {
            return;
        }
        let t = Tool {
            program: "sleep",
            package: "coreutils",
            purpose: "测试",
        };
        let dir = TempDir::new("t").unwrap();
        let start = Instant::now();
        let e = run(
            &t,
            &[OsStr::new("10")],
            &dir.0,
            Limits {
                timeout: Duration::from_millis(200),
                memory: 1 << 30,
                max_output: 1024,
            },
        )
        .unwrap_err();
        assert!(e.contains("已终止"), "{e}");
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}
