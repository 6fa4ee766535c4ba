//! The command line: arguments (clap, with Chinese help and errors), the commands, and the
//! mapping of a run to an exit code (0 clean, 1 findings at or above --fail-on, 2 a usage
//! error, an unreadable input, or nothing checked at all).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use jxlint::model::Format;
use jxlint::report::{self, EmitOptions};
use jxlint::rules::{self, Severity};
use jxlint::{Input, Options, Report};

const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "jxlint",
    version,
    about = "绩效目标表检查工具：找出项目支出绩效目标表中的缺项、不可能的目标值、照抄的指标等问题",
    long_about = None,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    next_help_heading = "选项",
    after_help = "运行 jxlint 命令 --help 查看各命令的选项，如 jxlint check --help"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 检查绩效目标表（文件、目录，或 - 表示标准输入）
    Check(CheckArgs),
    /// 生成给审核人员的检查报告：Excel 工作簿（-o 报告.xlsx）或可打印的网页（-o 报告.html）
    Report(ReportArgs),
    /// 把文件中的绩效目标表输出为 YAML 目标文档
    #[command(override_usage = "jxlint extract [选项] <文件>")]
    Extract {
        /// 要读取的文件（.txt 为 Word 导出的文本，.yaml/.yml 为目标文档）
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 改为输出读到的部门预算公开的其他部分（各表的部门、年度、单位、金额行，以及情况说明的段落，各带行号），供核对
        #[arg(long, help_heading = "选项")]
        disclosure: bool,
    },
    /// 按项目所属领域，从指标库中列出项目缺少的各类指标（数量、质量、时效、成本、效益、满意度）可参考的写法
    #[command(override_usage = "jxlint suggest [选项] <文件>...")]
    Suggest {
        /// 要读取的文件或目录
        #[arg(value_name = "文件", required = true, help_heading = "参数")]
        paths: Vec<PathBuf>,
        /// 使用此配置文件（默认从当前目录向上查找 .jxlint.yaml）
        #[arg(long, value_name = "文件", help_heading = "选项")]
        config: Option<PathBuf>,
    },
    /// 列出全部规则：代码、名称、标题、默认级别
    #[command(override_usage = "jxlint rules")]
    Rules,
    /// 显示一条规则的说明和当前生效的参数（按代码或名称，如 V001 或 rate-over-100）
    #[command(override_usage = "jxlint rule [选项] <规则>")]
    Rule {
        /// 规则代码或名称
        #[arg(value_name = "规则", help_heading = "参数")]
        rule: String,
        /// 使用此配置文件（默认从当前目录向上查找 .jxlint.yaml）
        #[arg(long, value_name = "文件", help_heading = "选项")]
        config: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
#[command(
    next_help_heading = "选项",
    override_usage = "jxlint check [选项] [路径]..."
)]
struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    /// 输出格式：human（默认，带原文摘录）、concise（每个问题一行）、json；
    /// 供 CI 使用：sarif（代码扫描）、github（GitHub Actions 注释）、gitlab（GitLab 代码质量报告）
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, value_name = "格式",
          hide_possible_values = true, hide_default_value = true)]
    format: OutputFormat,
    /// 达到此级别的问题使退出码为 1：error、warning（默认）、info
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "级别",
          hide_possible_values = true, hide_default_value = true)]
    fail_on: FailOn,
    /// 何时使用颜色：auto（默认，仅在终端）、always、never
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "何时",
          hide_possible_values = true, hide_default_value = true)]
    color: Color,
    /// 只输出每条规则的问题数（从多到少），不列出每个问题
    #[arg(long)]
    statistics: bool,
    /// 把报告写入此文件（先写临时文件再改名）；默认写到标准输出。从不覆盖被检查的文件
    #[arg(long, short = 'o', value_name = "文件")]
    output: Option<PathBuf>,
    /// 允许把报告（或基线）写进被检查的目录（报告带有 jxlint 标记，下次检查时会被跳过）
    #[arg(long)]
    force: bool,
    /// 只报告不在此基线文件中的问题（基线由 --write-baseline 生成，按内容比对，不看行号）
    #[arg(long, value_name = "文件")]
    baseline: Option<PathBuf>,
    /// 把本次发现的全部问题记入此基线文件（排好序的 JSON），之后用 --baseline 只看新问题；写入后退出码为 0。从不写入被检查的文件
    #[arg(long, value_name = "文件")]
    write_baseline: Option<PathBuf>,
}

/// What to check and with which rules: shared by `check` and `report`.
#[derive(clap::Args)]
struct InputArgs {
    /// 要检查的文件或目录（目录中查找 jxlint 能读的文件）；- 表示标准输入；默认为当前目录
    #[arg(value_name = "路径", help_heading = "参数")]
    paths: Vec<PathBuf>,
    /// 标准输入的格式：text 或 yaml（不给时自动判断）
    #[arg(long, value_enum, value_name = "格式", hide_possible_values = true)]
    stdin_format: Option<StdinFormat>,
    /// 使用此配置文件（默认从每个文件所在目录向上查找 .jxlint.yaml）
    #[arg(long, value_name = "文件")]
    config: Option<PathBuf>,
    /// 只运行这些规则（代码、代码前缀或名称，逗号分隔），取代配置文件的 select
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    select: Option<Vec<String>>,
    /// 不运行这些规则（代码、代码前缀或名称，逗号分隔），取代配置文件的 ignore
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    ignore: Option<Vec<String>>,
    /// 命令行上列出的文件如果显然不是绩效目标文档（如 CI 配置），跳过而不报错（供 pre-commit 使用）
    #[arg(long)]
    skip_non_targets: bool,
    /// 同时检查文件的线程数（默认使用全部核心，0 同默认；也可用环境变量 JXLINT_THREADS 设置）。
    /// 结果与线程数无关
    #[arg(long, value_name = "数量", value_parser = jxlint::parallel::parse_threads)]
    threads: Option<usize>,
}

#[derive(clap::Args)]
#[command(
    next_help_heading = "选项",
    override_usage = "jxlint report [选项] [路径]... -o <文件>"
)]
struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// 报告文件：.xlsx 为 Excel 工作簿（汇总、问题、规则三张表），.html 为可打印的网页（按原表列出每个项目并标出问题）
    #[arg(long, short = 'o', value_name = "文件", required = true)]
    output: PathBuf,
    /// 允许把报告写进被检查的目录（报告带有 jxlint 标记，下次检查时会被跳过）
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Gitlab,
}

impl OutputFormat {
    fn name(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Concise => "concise",
            OutputFormat::Json => "json",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Github => "github",
            OutputFormat::Gitlab => "gitlab",
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

fn command() -> clap::Command {
    Cli::command()
        .help_template(HELP_TEMPLATE)
        .mut_subcommands(|s| {
            s.help_template(HELP_TEMPLATE)
                .disable_help_flag(true)
                .next_help_heading("选项")
        })
}

pub fn main() -> ExitCode {
    jxlint::engine::install_panic_hook();
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Report(args) => report_command(args),
        Command::Extract { file, disclosure } => extract(&file, disclosure),
        Command::Suggest { paths, config } => suggest_command(&paths, config.as_deref()),
        Command::Rules => {
            print!("{}", list_rules());
            ExitCode::SUCCESS
        }
        Command::Rule { rule, config } => rule_command(&rule, config.as_deref()),
    }
}

/// A command-line error, in Chinese (help and version are printed as asked, exit 0).
fn usage_error(e: clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = command().print_help();
        return ExitCode::from(2);
    }
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    let valid = ctx(ContextKind::ValidValue);
    let suggested = ctx(ContextKind::SuggestedArg);
    let message = match e.kind() {
        ErrorKind::InvalidValue if !valid.is_empty() => {
            // A report to hand on is `report`'s, by the output file's extension.
            let report = match value.to_ascii_lowercase().as_str() {
                v @ ("html" | "htm" | "xlsx" | "excel") if arg.starts_with("--format") => {
                    let ext = if v.starts_with("htm") { "html" } else { "xlsx" };
                    format!("；要生成可转交的报告，请用 jxlint report -o 报告.{ext} 路径…")
                }
                _ => String::new(),
            };
            format!("选项 {arg} 的值“{value}”无效；可选：{valid}{report}")
        }
        ErrorKind::InvalidValue => format!("选项 {arg} 需要一个值"),
        ErrorKind::UnknownArgument => {
            let hint = if suggested.is_empty() {
                String::new()
            } else {
                format!("；是不是 {suggested}？")
            };
            format!("未知的选项“{arg}”{hint}")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(ContextKind::InvalidSubcommand);
            format!("未知的命令“{sub}”；可用的命令：check、report、extract、suggest、rules、rule")
        }
        ErrorKind::MissingSubcommand => {
            "缺少命令；可用的命令：check、report、extract、suggest、rules、rule".into()
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::ArgumentConflict => format!("选项 {arg} 不能与其他选项同时使用"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("选项 {arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("选项 {arg} 的值要用 = 连接"),
        ErrorKind::ValueValidation => format!("选项 {arg} 的值“{value}”无效"),
        ErrorKind::InvalidUtf8 => "命令行参数中有无效的 UTF-8 字符".into(),
        _ => "命令行参数有误".into(),
    };
    eprintln!("jxlint: 错误：{message}（运行 jxlint --help 查看用法）");
    ExitCode::from(2)
}

fn rule_command(rule: &str, config: Option<&Path>) -> ExitCode {
    let Some(r) = rules::find(rule) else {
        eprintln!("jxlint: 错误：没有规则“{rule}”；`jxlint rules` 列出全部规则");
        return ExitCode::from(2);
    };
    let mut resolver = jxlint::config::Resolver::new(config, Default::default());
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

/// The inputs and options of a run, from the arguments (stdin read here); an error ends the
/// run with exit code 2.
fn prepare(input: InputArgs, keep_documents: bool) -> Result<(Vec<Input>, Options), ExitCode> {
    let InputArgs {
        paths,
        stdin_format,
        config,
        mut select,
        mut ignore,
        skip_non_targets,
        threads,
    } = input;
    // `--ignore ""` means "ignore nothing".
    for sels in [&mut select, &mut ignore].into_iter().flatten() {
        sels.retain(|s| !s.trim().is_empty());
    }
    for sels in [&select, &ignore].into_iter().flatten() {
        if let Err(m) = jxlint::config::validate_selectors(sels) {
            eprintln!("jxlint: 错误：{m}");
            return Err(ExitCode::from(2));
        }
    }
    // --threads, else JXLINT_THREADS, else every core.
    let threads = match threads {
        Some(n) => n,
        None => match std::env::var(jxlint::parallel::THREADS_ENV) {
            Ok(v) if !v.trim().is_empty() => match jxlint::parallel::parse_threads(&v) {
                Ok(n) => n,
                Err(m) => {
                    eprintln!(
                        "jxlint: 错误：环境变量 {}：{m}",
                        jxlint::parallel::THREADS_ENV
                    );
                    return Err(ExitCode::from(2));
                }
            },
            _ => 0,
        },
    };
    let options = Options {
        config,
        overrides: jxlint::config::Overrides { select, ignore },
        skip_non_targets,
        keep_documents,
        baseline: None,
        threads,
    };
    let mut inputs = Vec::new();
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
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
                    return Err(ExitCode::from(2));
                }
            };
            inputs.push(Input::Stdin {
                text: buf,
                format: stdin_format.map(|f| match f {
                    StdinFormat::Text => Format::Text,
                    StdinFormat::Yaml => Format::Yaml,
                }),
            });
        } else {
            inputs.push(Input::Path(p));
        }
    }
    Ok((inputs, options))
}

/// Say on stderr what could not be read, and why nothing was checked if so. Returns whether
/// the run failed (exit code 2): a file could not be read, or nothing was checked (except a
/// `--skip-non-targets` run on named files that are all plainly not target documents).
fn report_problems(report: &Report, skip_non_targets: bool, inputs: &[Input]) -> bool {
    for line in report::file_errors(report) {
        eprintln!("jxlint: 错误：{line}");
    }
    // Every file found but not checked, one line each, whatever the format: the concise and
    // GitLab reports have no place for them, and stdout stays findings only, parseable line
    // by line (as unreadable files are named here, not there). Files the user asked to skip
    // (`--skip-non-targets`, the pre-commit hook) are skipped quietly.
    for (f, why) in report::not_checked(report) {
        if skip_non_targets && matches!(f.skip, Some(jxlint::diagnostic::Skip::NotTarget(_))) {
            continue;
        }
        eprintln!("jxlint: 未检查：{}: {why}", f.path);
    }
    let nothing = report::nothing_checked(report);
    // A pre-commit hook run on files that are all plainly not target documents has nothing to
    // do: that is fine. Checking nothing in any other case is never "all clear" — a folder
    // with no target document in it among them (trial 4: a reviewer's folder of 工作总结 under
    // `--skip-non-targets` exited 0).
    let named_files_only = inputs.iter().all(|i| match i {
        Input::Path(p) => !p.is_dir(),
        _ => true,
    });
    let all_skipped_on_purpose = skip_non_targets
        && named_files_only
        && !report.files.is_empty()
        && report.skipped() == report.files.len();
    // (When files failed, their own error lines already say why.)
    if let Some(why) = &nothing
        && !all_skipped_on_purpose
        && !report.has_errors_reading()
    {
        eprintln!("jxlint: 错误：没有检查任何绩效目标文档：{why}");
    }
    report.has_errors_reading() || (nothing.is_some() && !all_skipped_on_purpose)
}

/// `jxlint report`: check as `check` does, keeping the documents, and write the reviewer's
/// workbook or page. Exit code 0 when written (findings are the report's content), 2 for a
/// refused output, an unreadable input or nothing checked (the report is still written for
/// the last two, and names the files).
fn report_command(args: ReportArgs) -> ExitCode {
    prewarm(&args.input);
    let kind = match report::ReportFile::for_path(&args.output) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("jxlint: 错误：{}: {e}", args.output.display());
            return ExitCode::from(2);
        }
    };
    let skip_non_targets = args.input.skip_non_targets;
    let (inputs, options) = match prepare(args.input, true) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let report = jxlint::check(&inputs, &options);
    let out = &args.output;
    if let Err(e) = output_allowed(out, &inputs, &report, args.force, "报告", false) {
        eprintln!("jxlint: 错误：{}: {e}", out.display());
        return ExitCode::from(2);
    }
    let bytes = match kind.render(&report) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("jxlint: 错误：{}: {e}", out.display());
            return ExitCode::from(2);
        }
    };
    let failed = report_problems(&report, skip_non_targets, &inputs);
    if let Err(e) = write_atomically(out, |w| w.write_all(&bytes)) {
        eprintln!("jxlint: 错误：{}: {e}", out.display());
        return ExitCode::from(2);
    }
    println!("报告已写入 {}：{}", out.display(), report::summary(&report));
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn check(args: CheckArgs) -> ExitCode {
    prewarm(&args.input);
    if args.statistics && report::CI_FORMATS.contains(&args.format.name()) {
        eprintln!(
            "jxlint: 错误：--statistics 只用于 human、concise、json 格式，不能与 --format {} 同时使用",
            args.format.name()
        );
        return ExitCode::from(2);
    }
    let skip_non_targets = args.input.skip_non_targets;
    if args.baseline.is_some() && args.write_baseline.is_some() {
        eprintln!(
            "jxlint: 错误：--baseline 与 --write-baseline 不能同时使用：更新基线时只用 --write-baseline"
        );
        return ExitCode::from(2);
    }
    let baseline = match &args.baseline {
        Some(path) => match jxlint::baseline::Baseline::load(path) {
            Ok(b) => Some(std::sync::Arc::new(b)),
            Err(e) => {
                eprintln!("jxlint: 错误：{}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let (inputs, mut options) = match prepare(args.input, false) {
        Ok(x) => x,
        Err(code) => return code,
    };
    options.baseline = baseline;
    // A progress bar on stderr for a long batch on a terminal (see `jxlint::progress`).
    let report = std::mem::ManuallyDrop::new(
        if jxlint::progress::wanted(args.output.is_none() && jxlint::progress::stdout_is_pipe()) {
            jxlint::engine::check_with(&inputs, &options, &jxlint::progress::Bar::default())
        } else {
            jxlint::check(&inputs, &options)
        },
    );
    // Where the report goes is checked before anything is written.
    if let Some(out) = &args.output
        && let Err(e) = output_allowed(out, &inputs, &report, args.force, "报告", true)
    {
        eprintln!("jxlint: 错误：{}: {e}", out.display());
        return ExitCode::from(2);
    }
    // So is the baseline, and its text made, before the report is written.
    let baseline_text = match &args.write_baseline {
        Some(path) => {
            match baseline_to_write(path, args.output.as_deref(), args.force, &inputs, &report) {
                Ok(text) => Some(text),
                Err(e) => {
                    eprintln!("jxlint: 错误：{}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        }
        None => None,
    };
    let color = args.output.is_none()
        && match args.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
    let emit = EmitOptions {
        color,
        statistics: args.statistics,
    };
    let Some(emitter) = report::emitter(args.format.name(), emit) else {
        eprintln!("jxlint: 错误：未知的输出格式“{}”", args.format.name());
        return ExitCode::from(2);
    };
    let failed = report_problems(&report, skip_non_targets, &inputs);
    match &args.output {
        Some(out) => {
            let json = report::is_json(args.format.name());
            let written = write_atomically(out, |w| {
                if !json {
                    writeln!(
                        w,
                        "{}（jxlint check 的输出；jxlint 检查目录时会跳过此文件）",
                        report::REPORT_MARKER
                    )?;
                }
                emitter.write_to(&report, w)
            });
            if let Err(e) = written {
                eprintln!("jxlint: 错误：{}: 无法写入报告：{e}", out.display());
                return ExitCode::from(2);
            }
        }
        None => {
            // The report is streamed: a large batch's report is never held whole in memory.
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            if emitter
                .write_to(&report, &mut stdout)
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
        }
    }
    if let (Some(path), Some(text)) = (&args.write_baseline, &baseline_text) {
        if let Err(e) = write_atomically(path, |w| w.write_all(text.as_bytes())) {
            eprintln!("jxlint: 错误：{}: 无法写入基线：{e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!(
            "jxlint: 已把 {} 个问题记入基线 {}；之后用 --baseline {} 只报告新问题",
            report.diagnostics.len(),
            path.display(),
            path.display()
        );
        return ExitCode::SUCCESS;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    if failed {
        ExitCode::from(2)
    } else if report.diagnostics.iter().any(|d| d.severity >= threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The canonical form of a path that may not exist yet: its parent canonicalised, joined with
/// its file name.
fn canonical(p: &Path) -> Option<PathBuf> {
    if let Ok(c) = std::fs::canonicalize(p) {
        return Some(c);
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
}

/// Refuse an output path that is one of the run's inputs (named or found in a walk, through
/// symbolic links and `..`), or that lies in a walked folder with an extension the walk reads
/// (unless `--force`): a report there would be read as input by the next run.
fn output_allowed(
    out: &Path,
    inputs: &[Input],
    report: &Report,
    force: bool,
    what: &str,
    any_extension: bool,
) -> Result<(), String> {
    let target = canonical(out).ok_or_else(|| "无法确定这个路径（目录不存在？）".to_string())?;
    if target.is_dir() {
        return Err(format!("这是一个目录：请给出{what}文件的路径"));
    }
    for f in &report.files {
        if canonical(Path::new(&f.path)).is_some_and(|c| c == target) {
            return Err(format!(
                "这是本次检查的输入文件（{}）：jxlint 从不写输入文件，请换一个{what}路径",
                f.path
            ));
        }
    }
    let read_by_walk = jxlint::read::format_for_path(&target).is_some()
        || jxlint::read::unsupported_extension(&target).is_some();
    if !force && read_by_walk {
        for i in inputs {
            if let Input::Path(p) = i
                && p.is_dir()
                && let Some(dir) = canonical(p)
                && target.starts_with(&dir)
            {
                // `report` writes only .xlsx and .html, both of which a walk reads: no other
                // extension to offer.
                let other = if any_extension {
                    "，或改用 jxlint 不读取的扩展名（如 .json、.log）"
                } else {
                    ""
                };
                return Err(format!(
                    "{what}会写进被检查的目录 {}，下次检查时会被当作输入读取：请写到目录之外{other}，\
                     或加 --force",
                    p.display()
                ));
            }
        }
    }
    Ok(())
}

/// The text of the baseline `--write-baseline` is to write, once the path is known to be
/// safe (never an input or the report; in a checked folder only with an extension the walk
/// does not read, such as .json, or with --force), and only from a run that read every input,
/// so that no file's findings are silently left out.
fn baseline_to_write(
    path: &Path,
    output: Option<&Path>,
    force: bool,
    inputs: &[Input],
    report: &Report,
) -> Result<String, String> {
    if report.has_errors_reading() {
        return Err(
            "有文件无法读取（见上面的错误），没有写入基线：否则基线会缺少这些文件的问题".into(),
        );
    }
    if let Some(why) = report::nothing_checked(report) {
        return Err(format!("没有检查任何绩效目标文档（{why}），没有写入基线"));
    }
    if let Some(out) = output
        && canonical(out).is_some()
        && canonical(out) == canonical(path)
    {
        return Err("基线文件与 -o 的报告是同一个文件：请分开写".into());
    }
    output_allowed(path, inputs, report, force, "基线", true)?;
    jxlint::baseline::render(report, path)
}

/// Write to a temporary file beside `out`, then rename it into place, so that a reader never
/// sees half a file.
fn write_atomically(
    out: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .ok_or_else(|| "不是文件路径".to_string())?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.jxlint-{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|f| {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
            write(&mut w)?;
            w.flush()
        })
        .and_then(|_| std::fs::rename(&tmp, out));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| e.to_string())
}

/// `extract` reads the file exactly as `check` does: the same candidate listing (unsupported
/// formats refused by name), the same bounded reading (size limit, FIFOs refused) and the same
/// readers. With `--disclosure` it writes the rest of a 部门预算公开 document instead.
fn extract(path: &Path, disclosure: bool) -> ExitCode {
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
        Ok(loaded) if disclosure => {
            let d = loaded.doc.disclosure.as_ref();
            print!("{}", jxlint::disclosure::to_yaml(d, &loaded.source));
            ExitCode::SUCCESS
        }
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

/// Starts building the relevance lexicon on another core unless the command line plainly turns
/// the relevance rules off (`--ignore R`, or a `--select` naming none of them).
fn prewarm(input: &InputArgs) {
    let names_r = |list: &Option<Vec<String>>| {
        list.iter().flatten().flat_map(|s| s.split(',')).any(|c| {
            let c = c.trim().to_ascii_uppercase();
            c == "ALL" || c.starts_with('R') || c.starts_with("INDICATOR-")
        })
    };
    let r_off = input
        .ignore
        .iter()
        .flatten()
        .flat_map(|s| s.split(','))
        .any(|c| c.trim().eq_ignore_ascii_case("R"));
    if r_off || (input.select.is_some() && !names_r(&input.select)) {
        return;
    }
    jxlint::fields::prewarm();
}

/// `jxlint suggest`: for each project of each file read, its 类 and, for each 二级 class it
/// has no row of, up to three library indicators of that 类 and class.
fn suggest_command(paths: &[PathBuf], config: Option<&Path>) -> ExitCode {
    let mut candidates = Vec::new();
    for p in paths {
        jxlint::walk::collect(p, &mut candidates, true);
    }
    let mut resolver = jxlint::config::Resolver::new(config, Default::default());
    let mut failed = false;
    let mut read = 0;
    let mut out = String::new();
    for c in &candidates {
        let fail = |at: String, message: &str| {
            eprintln!("jxlint: 错误：{}{at}: {message}", c.display);
        };
        if let Some(message) = &c.error {
            fail(String::new(), message);
            failed = true;
            continue;
        }
        // A document of a format jxlint cannot read, found in a folder: named, not an error
        // (as `check` counts it).
        if let Some(why) = &c.unsupported {
            eprintln!("jxlint: {}: {why}", c.display);
            continue;
        }
        let Some(p) = &c.path else {
            continue;
        };
        let cfg = match resolver.for_file(Some(p)) {
            Ok(cfg) => cfg,
            Err((path, e)) => {
                let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
                eprintln!("jxlint: 错误：{}{at}: {}", path.display(), e.message);
                failed = true;
                continue;
            }
        };
        let bytes = match jxlint::walk::read_file(p, jxlint::walk::max_bytes(c.format)) {
            Ok(b) => b,
            Err(message) => {
                fail(String::new(), &message);
                failed = true;
                continue;
            }
        };
        let loaded = match jxlint::read::read(&bytes, &c.display, c.format) {
            Ok(l) => l,
            // A file of a folder that is no target document is passed over, as `check` does.
            Err(e) if e.not_target && !c.explicit => continue,
            Err(e) => {
                fail(
                    e.line.map(|l| format!(":{l}")).unwrap_or_default(),
                    &e.message,
                );
                failed = true;
                continue;
            }
        };
        read += 1;
        // A class whose rows are all boilerplate (R002's) counts as lacking.
        let boilerplate = jxlint::rules::boilerplate_of(&cfg.data, &loaded.doc);
        out.push_str(&jxlint::suggest::render(
            &cfg.data,
            &loaded.doc,
            &c.display,
            &boilerplate,
        ));
    }
    print!("{out}");
    if read == 0 && !failed {
        eprintln!("jxlint: 错误：没有读到任何绩效目标表");
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
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
    let kind = r.doc.example_label();
    format!(
        "{code} {name}：{title}\n默认级别：{sev}（{zh}）{state}\n\n检查什么\n  {what}\n\n为什么\n  {why}\n\n错误示例（{kind}）\n{bad}\n\n正确示例\n{good}\n{params}",
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
