//! Work spread over the machine's cores: the one mechanism every phase that uses them shares.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Each worker's stack: a main thread's usual 8 MiB, since parsing or converting a deeply nested
/// schema recurses as deep on a worker as it would on the main thread.
const STACK_BYTES: usize = 8 << 20;

/// The number of threads to spread work over: the machine's cores.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `f` of every item, in the items' order, computed on up to `threads` threads (this one among
/// them), each taking the next item no thread has taken yet: put the largest items first, so the
/// threads finish together. A panic in `f` is raised again here.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(k) else { return done };
            done.push((k, f(item)));
        }
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        // A thread that cannot be started leaves its share to the others.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().stack_size(STACK_BYTES).spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        done
    });
    done.sort_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn results_come_in_the_items_order_for_any_number_of_threads() {
        let items: Vec<u64> = (0..100).collect();
        let squares: Vec<u64> = items.iter().map(|i| i * i).collect();
        for threads in [0, 1, 2, 3, 8, 200] {
            assert_eq!(map(&items, threads, |i| i * i), squares, "{threads} threads");
        }
        assert_eq!(map(&[] as &[u64], 4, |i| *i), Vec::<u64>::new());
    }

    #[test]
    fn every_thread_takes_a_share() {
        let items: Vec<u64> = (0..64).collect();
        let threads = map(&items, 2, |_| {
            std::thread::sleep(std::time::Duration::from_millis(2));
            std::thread::current().id()
        });
        let distinct: std::collections::HashSet<_> = threads.into_iter().collect();
        assert_eq!(distinct.len(), 2);
    }

    #[test]
    fn a_panic_in_a_worker_is_raised_in_the_caller() {
        let items: Vec<u64> = (0..16).collect();
        let caught = std::panic::catch_unwind(|| {
            map(&items, 4, |&i| {
                assert!(i != 11, "item eleven");
                i
            })
        });
        let panic = caught.unwrap_err();
        let message = panic.downcast_ref::<String>().cloned().or(panic.downcast_ref::<&str>().map(|s| s.to_string()));
        assert_eq!(message.as_deref(), Some("item eleven"));
    }
}
