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

/// `f` over every item on `threads` threads (0: all cores), each result given to `sink` on the
/// calling thread, in item order, as soon as it and every one before it are done — while the
/// workers go on with the later items (so what `sink` does overlaps their work). The workers
/// take the items in order; at most `window` items are taken beyond the last one given to
/// `sink` (a result waiting for an earlier one is held until then). Stops at the first error of
/// `sink`. One item or one thread: everything on the calling thread, starting none. A panic in
/// `f` is raised again on the calling thread once the workers have stopped.
pub fn for_each_in_order<T, R, E, F, S>(
    items: &[T],
    threads: usize,
    window: usize,
    f: F,
    mut sink: S,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
    S: FnMut(R) -> Result<(), E>,
{
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, mpsc};
    let n = thread_count(threads).min(items.len());
    let Some(pool) = pool(n) else {
        for item in items {
            sink(f(item))?;
        }
        return Ok(());
    };
    let window = window.max(1);
    let bounded = window < items.len();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results `sink` has been given, for workers held back by the window.
    let given = (Mutex::new(0usize), Condvar::new());
    // Stops the workers however the calling thread leaves (an error of `sink`, a panic).
    struct Stop<'a>(&'a AtomicBool, &'a (Mutex<usize>, Condvar));
    impl Drop for Stop<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
            let _lock = self.1.0.lock();
            self.1.1.notify_all();
        }
    }
    type Panic = Box<dyn std::any::Any + Send>;
    let mut panic: Option<Panic> = None;
    let result = pool.in_place_scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Result<R, Panic>)>();
        for _ in 0..n {
            let tx = tx.clone();
            let (next, stop, given, f) = (&next, &stop, &given, &f);
            scope.spawn(move |_| {
                while !stop.load(Ordering::SeqCst) {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= items.len() {
                        break;
                    }
                    if bounded {
                        let mut g = given.0.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *g + window && !stop.load(Ordering::SeqCst) {
                            g = given.1.wait(g).unwrap_or_else(|e| e.into_inner());
                        }
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                    }
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&items[i])));
                    if tx.send((i, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let _stop = Stop(&stop, &given);
        // Results that came before an earlier one, by position.
        let mut held: std::collections::BTreeMap<usize, R> = Default::default();
        let mut done = 0;
        while done < items.len() {
            let Ok((i, r)) = rx.recv() else {
                break;
            };
            match r {
                Ok(r) => {
                    held.insert(i, r);
                }
                Err(p) => {
                    panic = Some(p);
                    break;
                }
            }
            while let Some(r) = held.remove(&done) {
                sink(r)?;
                done += 1;
                if bounded {
                    *given.0.lock().unwrap_or_else(|e| e.into_inner()) = done;
                    given.1.notify_all();
                }
            }
        }
        Ok(())
    });
    if let Some(p) = panic {
        std::panic::resume_unwind(p);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `x * 2`, computed slowly for early items of `0..n` (`(n - x) * work` steps), so that
    /// later ones finish first.
    fn slow_first(n: u64, work: u64, x: &u64) -> u64 {
        let mut acc = *x;
        for i in 0..(n - *x) * work {
            acc = acc.wrapping_mul(6364136223846793005).wrapping_add(i);
        }
        std::hint::black_box(acc);
        x * 2
    }

    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u64> = (0..500).collect();
        let slow_first = |x: &u64| slow_first(500, 200, x);
        let want: Vec<u64> = items.iter().map(|x| x * 2).collect();
        for threads in [1, 2, 4] {
            assert_eq!(map(&items, threads, slow_first), want);
        }
    }

    #[test]
    fn in_order_gives_every_result_in_item_order() {
        let items: Vec<u64> = (0..300).collect();
        let slow_first = |x: &u64| slow_first(300, 300, x);
        let want: Vec<u64> = items.iter().map(|x| x * 2).collect();
        for threads in [1, 2, 4] {
            for window in [1, 3, 1000] {
                let mut got = Vec::new();
                let r: Result<(), ()> =
                    for_each_in_order(&items, threads, window, slow_first, |x| {
                        got.push(x);
                        Ok(())
                    });
                assert_eq!(r, Ok(()));
                assert_eq!(got, want, "{threads} threads, window {window}");
            }
        }
        // An error of the sink stops the run, with nothing given after it.
        for threads in [1, 2, 4] {
            let mut got = Vec::new();
            let r = for_each_in_order(
                &items,
                threads,
                4,
                |x| *x,
                |x| {
                    got.push(x);
                    if x == 10 { Err(x) } else { Ok(()) }
                },
            );
            assert_eq!(r, Err(10));
            assert_eq!(got, (0..=10).collect::<Vec<_>>());
        }
        // A panic in `f` is raised on the calling thread.
        for threads in [1, 2] {
            let r = std::panic::catch_unwind(|| {
                let _ = for_each_in_order(
                    &items,
                    threads,
                    2,
                    |x| assert!(*x != 7),
                    |_| Ok::<(), ()>(()),
                );
            });
            assert!(r.is_err());
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
