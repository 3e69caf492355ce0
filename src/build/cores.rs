//! Work on the machine's cores with results in the order of the items: parsing and
//! checking every regeling of a build, and making their outputs and the pairs'.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// Runs `work` on each item on as many threads as the machine has cores and returns the
/// results in the order of the items. Unlike `parallel` the number of threads does not
/// grow with the items: a folder may hold hundreds of regelingen (issue 17).
pub(super) fn on_cores<I: Send, T: Send>(items: Vec<I>, work: impl Fn(I) -> T + Sync) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    let done: Result<(), std::convert::Infallible> = in_order(items, work, |t| {
        out.push(t);
        Ok(())
    });
    let Ok(()) = done;
    out
}

/// Runs `work` on each item on as many threads as the machine has cores, each thread
/// taking the next item not yet taken, and hands every result to `take` on this thread
/// in the order of the items, as soon as it and all before it are done. A result is held only
/// while one before it is still being made, so a build writes and drops its outputs as
/// they come (its peak memory is not every output at once). When `take` fails no further
/// item is started and its error is returned: what `take` saw, and which error stops the
/// caller, are the same as when the items were made one after the other.
pub(super) fn in_order<I: Send, T: Send, E>(
    items: Vec<I>,
    work: impl Fn(I) -> T + Sync,
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let workers = cores.min(items.len());
    if workers <= 1 {
        return items.into_iter().map(work).try_for_each(take);
    }
    // Each item is taken out of its slot by exactly one thread.
    let slots: Vec<Mutex<Option<I>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let count = slots.len();
    let (next, stopped) = (AtomicUsize::new(0), AtomicBool::new(false));
    // No item is started `window` or more places after the first one not yet taken: a
    // slow item would otherwise let the other cores make, and hold, every later result
    // (a folder of hundreds of regelingen with a large one first). The item that is due
    // is always within the window, so some thread is making it.
    let window = 2 * workers;
    let taken = (Mutex::new(0usize), Condvar::new());
    let (sender, results) = std::sync::mpsc::channel::<(usize, T)>();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let sender = sender.clone();
                let (slots, next, stopped, work, taken) = (&slots, &next, &stopped, &work, &taken);
                s.spawn(move || {
                    let _wake = WakeOnPanic { stopped, taken };
                    while !stopped.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(slot) = slots.get(i) else { break };
                        let mut done = taken.0.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= *done + window && !stopped.load(Ordering::Relaxed) {
                            done = taken.1.wait(done).unwrap_or_else(PoisonError::into_inner);
                        }
                        drop(done);
                        if stopped.load(Ordering::Relaxed) {
                            break;
                        }
                        let item = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
                        if let Some(item) = item
                            && sender.send((i, work(item))).is_err()
                        {
                            break;
                        }
                    }
                })
            })
            .collect();
        // Only the workers hold senders now: the channel ends when the last one does (a
        // worker that panicked ends it early, and its panic is passed on below).
        drop(sender);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        let mut outcome = Ok(());
        'taking: while due < count {
            let Ok((i, t)) = results.recv() else { break };
            waiting.insert(i, t);
            while let Some(t) = waiting.remove(&due) {
                due += 1;
                let result = take(t);
                if result.is_err() {
                    stopped.store(true, Ordering::Relaxed);
                }
                *taken.0.lock().unwrap_or_else(PoisonError::into_inner) = due;
                taken.1.notify_all();
                if let Err(e) = result {
                    outcome = Err(e);
                    break 'taking;
                }
            }
        }
        for h in handles {
            h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
        outcome
    })
}

/// Stops `in_order`'s other threads when a worker panics: they may be waiting for the
/// item that worker was making, and would wait for ever (the panic is passed on when the
/// threads are joined).
struct WakeOnPanic<'a> {
    stopped: &'a AtomicBool,
    taken: &'a (Mutex<usize>, Condvar),
}

impl Drop for WakeOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.stopped.store(true, Ordering::Relaxed);
            let _held = self.taken.0.lock().unwrap_or_else(PoisonError::into_inner);
            self.taken.1.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn on_cores_keeps_the_order_of_the_items() {
        // More items than cores, of uneven cost, so the threads finish out of order.
        let items: Vec<u64> = (0..200).collect();
        let out = super::on_cores(items, |i| {
            let spin = (200 - i) * 1000;
            (0..spin).fold(i, |a, b| a.wrapping_add(b % 3)) - (0..spin).map(|b| b % 3).sum::<u64>()
        });
        assert_eq!(out, (0..200).collect::<Vec<u64>>());
        assert!(super::on_cores(Vec::<u8>::new(), |i| i).is_empty());
    }

    #[test]
    fn in_order_hands_results_over_in_order_and_stops_when_taking_fails() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Uneven costs, so the threads finish out of order.
        let spin = |i: u64| (0..(50 - i % 50) * 2000).fold(i, |a, b| a ^ (b & 1)) & !1 | i & 1;
        let mut seen = Vec::new();
        let done: Result<(), ()> = super::in_order((0..100).collect(), spin, |t| {
            seen.push(t);
            Ok(())
        });
        assert!(done.is_ok());
        let expected: Vec<u64> = (0..100).map(spin).collect();
        assert_eq!(seen, expected);
        // Taking fails at the fifth: what was taken is the first five, the error is that
        // one's, and no item is started after it (an item after the fifth waits until
        // taking has failed, then takes a while: made all, they would take seconds).
        let (made, failed) = (
            AtomicUsize::new(0),
            std::sync::atomic::AtomicBool::new(false),
        );
        let mut seen = Vec::new();
        let done = super::in_order(
            (0..1000u64).collect(),
            |i| {
                made.fetch_add(1, Ordering::Relaxed);
                while i > 4 && !failed.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                if i > 4 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                i
            },
            |i| {
                seen.push(i);
                if i == 4 {
                    failed.store(true, Ordering::Relaxed);
                    return Err(format!("fout bij {i}"));
                }
                Ok(())
            },
        );
        assert_eq!(done, Err("fout bij 4".to_string()));
        assert_eq!(seen, vec![0, 1, 2, 3, 4]);
        assert!(made.load(Ordering::Relaxed) < 100, "{made:?}");
    }

    /// A slow first item does not let the other threads run ahead: no item is started
    /// `2 × cores` or more places after the first one not yet taken (memory stays bounded
    /// whatever the order of the costs). Without the window the other threads made all 49
    /// later items while the first slept.
    #[test]
    fn in_order_runs_at_most_a_window_ahead_of_what_is_taken() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let (taken, ahead) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let done: Result<(), ()> = super::in_order(
            (0..50usize).collect(),
            |i| {
                ahead.fetch_max(i - taken.load(Ordering::SeqCst), Ordering::SeqCst);
                if i == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(300));
                }
                i
            },
            |_| {
                taken.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert!(done.is_ok());
        assert_eq!(taken.load(Ordering::SeqCst), 50);
        let window = if cores.min(50) <= 1 {
            1
        } else {
            2 * cores.min(50)
        };
        assert!(
            ahead.load(Ordering::SeqCst) < window,
            "{ahead:?} ahead, window {window}"
        );
    }

    /// A worker that panics stops the others (which may be waiting for its item) and its
    /// panic reaches the caller, instead of the build hanging.
    #[test]
    fn in_order_passes_a_workers_panic_on() {
        let caught = std::panic::catch_unwind(|| {
            let _: Result<(), ()> = super::in_order(
                (0..40usize).collect(),
                |i| {
                    if i == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        panic!("kapot");
                    }
                    i
                },
                |_| Ok(()),
            );
        });
        assert!(caught.is_err());
    }
}
