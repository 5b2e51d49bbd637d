//! Demos start when their panel first opens, one demo per task.
//!
//! The page arrives with every panel closed, and a closed panel's demo costs
//! nothing until the reader opens it: no model, no canvas, no drawing. When
//! panels open (one, several with "expand all", or the one a `#id` link
//! opens), their demos are queued in page order and each is mounted in a
//! task of its own, so opening them all is a row of short tasks rather than
//! one long one. A demo that reads another's results (3.2 and 3.3 read 3.1's
//! chain, 4.2 reads 4.1's step) has that one mounted first.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// What a demo needs mounted before it.
fn needs(id: &str) -> Option<&'static str> {
    match id {
        "demo_3_2" | "demo_3_3" => Some("demo_3_1"),
        "demo_4_2" => Some("demo_4_1"),
        _ => None,
    }
}

struct Queue {
    /// Not mounted and not queued yet, in page order.
    waiting: Vec<(String, Element)>,
    queued: VecDeque<(String, Element)>,
    scheduled: bool,
    mount: fn(&str, &Element),
}

type Shared = Rc<RefCell<Queue>>;

/// Mounts each `(id, root)` with `mount` once the panel around it is open.
pub fn mount_when_open(roots: Vec<(String, Element)>, mount: fn(&str, &Element)) {
    let queue: Shared = Rc::new(RefCell::new(Queue {
        waiting: roots,
        queued: VecDeque::new(),
        scheduled: false,
        mount,
    }));
    enqueue_open(&queue);
    // `toggle` does not bubble: listen in the capture phase for every panel.
    let q = Rc::clone(&queue);
    let on_toggle = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if !crate::stopped() {
            enqueue_open(&q);
        }
    });
    let _ = crate::dom::document().add_event_listener_with_callback_and_bool(
        "toggle",
        on_toggle.as_ref().unchecked_ref(),
        true,
    );
    on_toggle.forget();
}

fn panel_open(root: &Element) -> bool {
    match root.closest("details") {
        Ok(Some(panel)) => panel.has_attribute("open"),
        // A demo outside any panel is always shown.
        _ => true,
    }
}

/// Queues the waiting demos whose panel is open (dependencies first) and
/// makes sure a task will mount them.
fn enqueue_open(queue: &Shared) {
    {
        let mut q = queue.borrow_mut();
        let open: Vec<String> = q
            .waiting
            .iter()
            .filter(|(_, root)| panel_open(root))
            .map(|(id, _)| id.clone())
            .collect();
        if open.is_empty() {
            return;
        }
        for id in open {
            if let Some(dep) = needs(&id) {
                take(&mut q, dep);
            }
            take(&mut q, &id);
        }
    }
    schedule(queue);
}

/// Moves `id` from waiting to the end of the queue (if it is waiting).
fn take(q: &mut Queue, id: &str) {
    if let Some(at) = q.waiting.iter().position(|(i, _)| i == id) {
        let item = q.waiting.remove(at);
        q.queued.push_back(item);
    }
}

/// Mounts the next queued demo in a task of its own, then schedules the rest.
fn schedule(queue: &Shared) {
    if queue.borrow().scheduled || queue.borrow().queued.is_empty() {
        return;
    }
    queue.borrow_mut().scheduled = true;
    let q = Rc::clone(queue);
    crate::schedule::soon(move || {
        let next = {
            let mut q = q.borrow_mut();
            q.scheduled = false;
            q.queued.pop_front().map(|item| (item, q.mount))
        };
        if let Some(((id, root), mount)) = next {
            if !crate::stopped() {
                mount(&id, &root);
            }
        }
        schedule(&q);
    });
}
