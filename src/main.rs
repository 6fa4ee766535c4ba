//! The `jxlint` command: parse the command line, run, map the outcome to an exit code
//! (0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable input).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jxlint::model::Format;
use jxlint::report::{self, EmitOptions};
use jxlint::rules::{self, Severity};
use jxlint::{Input, Options};

#[derive(Parser)]
#[command(
    name = "jxlint",
    version,
    about = "绩效目标表检查工具：找出项目支出绩效目标表中的缺项、不可能的目标值、照抄的指标等问题",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查绩效目标表（文件、目录，或 - 表示标准输入）
    Check(CheckArgs),
    /// 把文件中的绩效目标表输出为 YAML 目标文档
    Extract {
        /// 要读取的文件（.txt 为 Word 导出的文本，.yaml/.yml 为目标文档）
        file: PathBuf,
    },
    /// 列出全部规则：代码、名称、标题、默认级别
    Rules,
    /// 显示一条规则的说明和当前生效的参数（按代码或名称，如 V001 或 rate-over-100）
    Rule {
        /// 规则代码或名称
        rule: String,
        /// 使用此配置文件（默认从当前目录向上查找 .jxlint.yaml）
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 要检查的文件或目录（目录中查找 .txt/.yaml/.yml）；- 表示标准输入；默认为当前目录
    paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// 达到此级别的问题使退出码为 1
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// 标准输入的格式（不给时自动判断）
    #[arg(long, value_enum)]
    stdin_format: Option<StdinFormat>,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// 使用此配置文件（默认从每个文件所在目录向上查找 .jxlint.yaml）
    #[arg(long)]
    config: Option<PathBuf>,
    /// 只运行这些规则（代码、代码前缀或名称，逗号分隔），取代配置文件的 select
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// 不运行这些规则（代码、代码前缀或名称，逗号分隔），取代配置文件的 ignore
    #[arg(long, value_delimiter = ',')]
    ignore: Option<Vec<String>>,
    /// 只输出每条规则的问题数（从多到少），不列出每个问题
    #[arg(long)]
    statistics: bool,
    /// 命令行上列出的文件如果显然不是绩效目标文档（如 CI 配置），跳过而不报错（供 pre-commit 使用）
    #[arg(long)]
    skip_non_targets: bool,
    /// 把报告写入此文件（先写临时文件再改名，不会留下写了一半的报告）；默认写到标准输出
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Concise,
    Json,
}

impl OutputFormat {
    fn name(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Concise => "concise",
            OutputFormat::Json => "json",
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, ValueEnum)]
enum StdinFormat {
    Text,
    Yaml,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    jxlint::engine::install_panic_hook();
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Extract { file } => extract(&file),
        Command::Rules => {
            print!("{}", list_rules());
            ExitCode::SUCCESS
        }
        Command::Rule { rule, config } => match rules::find(&rule) {
            Some(r) => {
                let mut resolver =
                    jxlint::config::Resolver::new(config.as_deref(), Default::default());
                match resolver.for_file(None) {
                    Ok(cfg) => {
                        print!("{}", rule_doc(r, &cfg));
                        ExitCode::SUCCESS
                    }
                    Err((path, e)) => {
                        let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
                        eprintln!("jxlint: 错误：{}{at}: {}", path.display(), e.message);
                        ExitCode::from(2)
                    }
                }
            }
            None => {
                eprintln!("jxlint: 没有规则“{rule}”；`jxlint rules` 列出全部规则");
                ExitCode::from(2)
            }
        },
    }
}

fn check(mut args: CheckArgs) -> ExitCode {
    // `--ignore ""` means "ignore nothing".
    for sels in [&mut args.select, &mut args.ignore].into_iter().flatten() {
        sels.retain(|s| !s.trim().is_empty());
    }
    for sels in [&args.select, &args.ignore].into_iter().flatten() {
        if let Err(m) = jxlint::config::validate_selectors(sels) {
            eprintln!("jxlint: 错误：{m}");
            return ExitCode::from(2);
        }
    }
    let options = Options {
        config: args.config.clone(),
        overrides: jxlint::config::Overrides {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
        },
        skip_non_targets: args.skip_non_targets,
    };
    let mut inputs = Vec::new();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut stdin_used = false;
    for p in paths {
        if p.as_os_str() == "-" {
            if stdin_used {
                continue;
            }
            stdin_used = true;
            let buf = match jxlint::limits::read_bounded(
                std::io::stdin().lock(),
                jxlint::limits::MAX_FILE_BYTES,
            ) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("jxlint: 错误：<stdin>: {e}");
                    return ExitCode::from(2);
                }
            };
            inputs.push(Input::Stdin {
                text: buf,
                format: args.stdin_format.map(|f| match f {
                    StdinFormat::Text => Format::Text,
                    StdinFormat::Yaml => Format::Yaml,
                }),
            });
        } else {
            inputs.push(Input::Path(p));
        }
    }
    let report = jxlint::check(&inputs, &options);
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let emit = EmitOptions {
        color,
        statistics: args.statistics,
    };
    let Some(emitter) = report::emitter(args.format.name(), emit) else {
        eprintln!("jxlint: 错误：未知的输出格式“{}”", args.format.name());
        return ExitCode::from(2);
    };
    let text = emitter.emit(&report);
    for line in report::file_errors(&report) {
        eprintln!("jxlint: 错误：{line}");
    }
    match &args.output {
        Some(out) => {
            if let Err(e) = write_atomically(out, text.as_bytes(), &inputs) {
                eprintln!("jxlint: 错误：{}: {e}", out.display());
                return ExitCode::from(2);
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
        }
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    if report.has_errors_reading() {
        ExitCode::from(2)
    } else if report.diagnostics.iter().any(|d| d.severity >= threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Write the report to a temporary file beside `out`, then rename it into place, so that a
/// reader never sees half a report. Never overwrites one of the inputs.
fn write_atomically(out: &std::path::Path, bytes: &[u8], inputs: &[Input]) -> Result<(), String> {
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    if let Some(target) = canon(out) {
        for i in inputs {
            if let Input::Path(p) = i
                && let Some(c) = canon(p)
                && (c == target || target.starts_with(&c) && c.is_file())
            {
                return Err("这是一个被检查的输入文件：jxlint 从不写输入文件".into());
            }
        }
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .ok_or_else(|| "不是文件路径".to_string())?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.jxlint-{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, out));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| format!("无法写入报告：{e}"))
}

/// `extract` reads the file exactly as `check` does: the same candidate listing (unsupported
/// formats refused by name), the same bounded reading (size limit, FIFOs refused) and the same
/// readers.
fn extract(path: &std::path::Path) -> ExitCode {
    let mut candidates = Vec::new();
    jxlint::walk::collect(path, &mut candidates, true);
    let fail = |shown: &str, at: String, message: &str| {
        eprintln!("jxlint: 错误：{shown}{at}: {message}");
        ExitCode::from(2)
    };
    let [c] = candidates.as_slice() else {
        return fail(
            &path.to_string_lossy(),
            String::new(),
            "是一个目录：extract 只读取一个文件",
        );
    };
    if let Some(message) = &c.error {
        return fail(&c.display, String::new(), message);
    }
    let Some(p) = &c.path else {
        return fail(&c.display, String::new(), "无法读取");
    };
    let bytes = match jxlint::walk::read_file(p, jxlint::walk::max_bytes(c.format)) {
        Ok(b) => b,
        Err(message) => return fail(&c.display, String::new(), &message),
    };
    match jxlint::read::read(&bytes, &c.display, c.format) {
        Ok(loaded) => {
            print!("{}", jxlint::extract::to_yaml(&loaded.doc));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            fail(&c.display, at, &e.message)
        }
    }
}

fn list_rules() -> String {
    let mut out = String::new();
    out.push_str("代码  名称                      默认级别  标题\n");
    for r in rules::registry() {
        out.push_str(&format!(
            "{:<5} {:<25} {:<9} {}\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.title
        ));
    }
    out
}

fn rule_doc(r: &rules::Rule, cfg: &jxlint::config::Config) -> String {
    let mut params = String::new();
    if !r.data.is_empty() {
        let from = match &cfg.path {
            Some(p) => format!("rules/*.yaml 与 {}", p.display()),
            None => "rules/*.yaml 内置默认值".to_string(),
        };
        params.push_str(&format!("\n生效的参数与词表（{from}）\n"));
        for key in r.data {
            let v = cfg.data.describe(key).unwrap_or_default();
            params.push_str(&format!("  {key}: {v}\n"));
        }
    }
    let state = match (cfg.enabled(r), cfg.severity_override(r)) {
        (false, _) => "（当前配置未启用此规则）".to_string(),
        (true, Some(s)) => format!("（当前配置设为 {}）", s.as_str()),
        (true, None) => String::new(),
    };
    let indent = |s: &str| {
        s.lines()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "{code} {name}：{title}\n默认级别：{sev}（{zh}）{state}\n\n检查什么\n  {what}\n\n为什么\n  {why}\n\n错误示例（YAML 目标文档）\n{bad}\n\n正确示例\n{good}\n{params}",
        code = r.code,
        name = r.name,
        title = r.title,
        sev = r.severity.as_str(),
        zh = r.severity.zh(),
        what = r.doc.what,
        why = r.doc.why,
        bad = indent(r.doc.bad),
        good = indent(r.doc.good),
    )
}
