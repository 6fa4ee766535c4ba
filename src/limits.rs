//! Resource limits. Past a limit an input gets a clear error naming the file; nothing is ever
//! allowed to run the machine out of memory. The README lists these figures.

use std::io::Read;

/// The largest input file read, in bytes (a county's whole disclosure is well under 1 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most table cells the text reader accepts in one file (a large disclosure has a few
/// thousand).
pub const MAX_CELLS: usize = 500_000;

/// YAML: nesting depth (a target document needs 5), nodes, parser events, aliases.
pub const YAML_MAX_DEPTH: usize = 64;
pub const YAML_MAX_NODES: usize = 1_000_000;
pub const YAML_MAX_EVENTS: usize = 4_000_000;
pub const YAML_MAX_ALIASES: usize = 10_000;

/// Read at most `max` bytes from a reader; an error message when there is more.
pub fn read_bounded(r: impl Read, max: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    r.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("读取失败：{e}"))?;
    if buf.len() as u64 > max {
        return Err(too_large(None, max));
    }
    Ok(buf)
}

pub fn too_large(size: Option<u64>, max: u64) -> String {
    let mib = |b: u64| b as f64 / 1024.0 / 1024.0;
    match size {
        Some(s) => format!(
            "文件有 {:.1} MiB，超过了 {:.0} MiB 的上限：请拆分后再检查",
            mib(s),
            mib(max)
        ),
        None => format!("输入超过了 {:.0} MiB 的上限：请拆分后再检查", mib(max)),
    }
}

/// The serde-saphyr options that enforce the YAML budgets.
pub fn yaml_options() -> serde_saphyr::Options {
    // Both structs are #[non_exhaustive]: set the fields on a default value.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = YAML_MAX_DEPTH;
    budget.max_nodes = YAML_MAX_NODES;
    budget.max_events = YAML_MAX_EVENTS;
    budget.max_aliases = YAML_MAX_ALIASES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}
