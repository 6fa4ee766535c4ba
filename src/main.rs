//! The `jxlint` command: everything is in `cli.rs`; this only runs it.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
