//! Long computations cut into bounded pieces, so that a page can run them in
//! short slices between frames (demo 4.2's decomposition, iterates and power
//! matrices; no piece may block the page for 50 ms, even at alpha 0.999).
//!
//! A computation is an `async` function that counts its work on a `Meter`
//! (about one unit per multiply-add) and pauses where the budget of the
//! current piece is spent. [`Task::advance`] runs it for one budget;
//! `run` runs it to the end with an unlimited budget, so the one-shot
//! functions (`PowerIteration::new`, `iterate`, `power_matrix_cached`) and
//! the sliced ones share their code and give the same numbers, bit for bit.
//! Nothing here waits on anything: a paused computation is resumed only by
//! the next `advance`, so there is no executor and the waker does nothing.
//!
//! Why `async`, written by hand nowhere else: these computations are nested
//! loops (Lanczos steps inside a decomposition, QL sweeps inside its Ritz
//! vectors, products inside a power matrix). As hand-written state machines
//! every loop would keep its cursor in a struct; the compiler writes that
//! state machine from the plain loops.
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::sync::Arc;
use alloc::task::Wake;
use core::cell::Cell;
use core::future::Future;
use core::pin::{pin, Pin};
use core::task::{Context, Poll, Waker};

/// The work a computation may still do before it pauses (about one unit
/// per multiply-add).
pub(crate) struct Meter {
    left: Cell<u64>,
}

impl Meter {
    /// A meter that never pauses.
    pub(crate) fn unlimited() -> Self {
        Meter {
            left: Cell::new(u64::MAX),
        }
    }

    /// Counts `work` done; the returned future pauses the computation once
    /// if that spent the budget (await it).
    pub(crate) fn spend(&self, work: usize) -> Pause {
        let left = self.left.get().saturating_sub(work as u64);
        self.left.set(left);
        Pause(left == 0)
    }
}

/// Pauses an `async` computation once if its flag is set (see
/// [`Meter::spend`]).
pub(crate) struct Pause(bool);

impl Future for Pause {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            self.0 = false;
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

/// A waker with nothing to wake: tasks are resumed by their owner.
struct Nobody;

impl Wake for Nobody {
    fn wake(self: Arc<Self>) {}
}

fn context_waker() -> Waker {
    Waker::from(Arc::new(Nobody))
}

/// Runs `fut` (metered by `meter`) to the end, whatever it spends.
pub(crate) fn run<T>(meter: &Meter, fut: impl Future<Output = T>) -> T {
    let mut fut = pin!(fut);
    let waker = context_waker();
    let mut cx = Context::from_waker(&waker);
    loop {
        meter.left.set(u64::MAX);
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// A computation run piece by piece: each [`advance`](Task::advance) does
/// about the work it is given (plus at most one indivisible step, each
/// well under a million multiply-adds) and returns the result once there is
/// one.
pub struct Task<T> {
    meter: Rc<Meter>,
    future: Option<Pin<Box<dyn Future<Output = T>>>>,
}

impl<T> Task<T> {
    /// The task computing `future`, which spends its work on `meter`.
    pub(crate) fn new(meter: Rc<Meter>, future: impl Future<Output = T> + 'static) -> Self {
        Task {
            meter,
            future: Some(Box::pin(future)),
        }
    }

    /// Works for about `work` units (multiply-adds); the result when the
    /// computation ends in this call, else `None` (also on every call after
    /// the result was returned).
    pub fn advance(&mut self, work: usize) -> Option<T> {
        let fut = self.future.as_mut()?;
        self.meter.left.set(work.max(1) as u64);
        let waker = context_waker();
        let mut cx = Context::from_waker(&waker);
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => {
                self.future = None;
                Some(v)
            }
            Poll::Pending => None,
        }
    }

    /// Whether the result has been returned.
    pub fn is_done(&self) -> bool {
        self.future.is_none()
    }

    /// Runs what is left at once; `None` if the result was already returned.
    pub fn finish(mut self) -> Option<T> {
        while !self.is_done() {
            if let Some(v) = self.advance(usize::MAX) {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn count(meter: &Meter, steps: usize) -> usize {
        let mut done = 0;
        for _ in 0..steps {
            done += 1;
            meter.spend(10).await;
        }
        done
    }

    #[test]
    fn a_task_pauses_when_its_budget_is_spent_and_ends_with_the_result() {
        let meter = Rc::new(Meter::unlimited());
        let m = Rc::clone(&meter);
        let mut task = Task::new(meter, async move { count(&m, 7).await });
        // 25 units: the third step spends the budget and pauses.
        assert_eq!(task.advance(25), None);
        assert_eq!(task.advance(25), None);
        assert!(!task.is_done());
        assert_eq!(task.advance(1000), Some(7));
        assert!(task.is_done());
        assert_eq!(task.advance(1000), None);
        assert_eq!(run(&Meter::unlimited(), async { 3 }), 3);
        let meter = Meter::unlimited();
        assert_eq!(run(&meter, count(&meter, 5)), 5);
    }
}
