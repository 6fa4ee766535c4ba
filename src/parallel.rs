//! Checking a batch on several threads: an order-keeping parallel map over the files (rayon)
//! and the thread count (`--threads`, `JXLINT_THREADS`).
//!
//! The result never depends on the thread count: each file is checked by a pure function, the
//! results come back in input order, and everything after (numbering, input-wide rules,
//! sorting) runs on one thread.

use rayon::prelude::*;

/// The number of threads a run uses: `threads`, or all cores for 0.
pub fn thread_count(threads: usize) -> usize {
    if threads > 0 {
        threads
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// The name of the environment variable that sets the thread count when `--threads` is not
/// given.
pub const THREADS_ENV: &str = "JXLINT_THREADS";

/// Read a thread count as the user wrote it (`--threads`, `JXLINT_THREADS`): a whole number,
/// 0 for all cores.
pub fn parse_threads(s: &str) -> Result<usize, String> {
    s.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n <= 1024)
        .ok_or_else(|| format!("线程数“{s}”无效：应为 0 到 1024 的整数（0 表示使用全部核心）"))
}

/// The thread count of the run in progress (`--threads`; set by the engine), for the work after
/// the checks that may also be shared out (rendering the JSON report): 1 until a run sets it.
static RUN_THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

pub fn set_run_threads(threads: usize) {
    RUN_THREADS.store(threads, std::sync::atomic::Ordering::Relaxed);
}

pub fn run_threads() -> usize {
    RUN_THREADS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Stack of each worker thread.
const STACK_BYTES: usize = 8 << 20;

/// `f` over every item, on `threads` threads (0: all cores), results in item order. One item,
/// or one thread, runs on the calling thread without starting any (a single small file stays
/// as fast to check as before).
pub fn map<T, R, F>(items: &[T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    match pool(thread_count(threads).min(items.len())) {
        // One file at a time per task: files are the unit of work, and a batch has many.
        Some(pool) => pool.install(|| items.par_iter().with_max_len(1).map(f).collect()),
        None => items.iter().map(f).collect(),
    }
}

/// A pool of `n` worker threads, or none for one thread (the work then runs on the calling
/// thread, starting none) or when no threads are to be had (a sandbox that forbids them).
fn pool(n: usize) -> Option<rayon::ThreadPool> {
    if n <= 1 {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("jxlint-{i}"))
        // As much stack as the main thread has by default on Linux (rayon's default is 2 MiB):
        // the readers' limits on nesting were set and tested against it.
        .stack_size(STACK_BYTES)
        .build()
        .ok()
}

/// [`map`] a wave of `wave` items at a time, on one pool of threads: `sink` gets each wave's
/// results, in item order, before the next wave starts (so that results need not all be held
/// at once). Stops at the first error of `sink`.
pub fn map_waves<T, R, E, F, S>(
    items: &[T],
    threads: usize,
    wave: usize,
    f: F,
    mut sink: S,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
    S: FnMut(Vec<R>) -> Result<(), E>,
{
    let pool = pool(thread_count(threads).min(items.len()));
    for group in items.chunks(wave.max(1)) {
        let results: Vec<R> = match &pool {
            Some(pool) => pool.install(|| group.par_iter().with_max_len(1).map(&f).collect()),
            None => group.iter().map(&f).collect(),
        };
        sink(results)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u64> = (0..500).collect();
        let slow_first = |x: &u64| {
            // Early items take longer, so that later ones finish first.
            let mut acc = *x;
            for i in 0..(500 - *x) * 200 {
                acc = acc.wrapping_mul(6364136223846793005).wrapping_add(i);
            }
            std::hint::black_box(acc);
            x * 2
        };
        let want: Vec<u64> = items.iter().map(|x| x * 2).collect();
        for threads in [1, 2, 4] {
            assert_eq!(map(&items, threads, slow_first), want);
        }
    }

    #[test]
    fn thread_counts_are_read_as_written() {
        assert_eq!(parse_threads("4"), Ok(4));
        assert_eq!(parse_threads(" 0 "), Ok(0));
        assert!(parse_threads("-1").is_err());
        assert!(parse_threads("zwei").is_err());
        assert!(parse_threads("100000").is_err());
        assert_eq!(thread_count(3), 3);
        assert!(thread_count(0) >= 1);
    }
}
