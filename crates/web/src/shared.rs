//! What one demo hands to another: the chain of the last demo 3.1 apply
//! (read by 3.2 and 3.3) and demo 4.1's current q(x) and posterior (read by
//! 4.2). A new chain is announced with the document event `dpm:chain`.

use std::cell::RefCell;
use std::rc::Rc;

use dpm_engine::chain::Chain;
use dpm_engine::posterior::ForwardStep;

/// Demo 4.1's forward step as it is now (one `Rc` per state of demo 4.1,
/// so `Rc::ptr_eq` tells whether it changed).
pub struct Transform {
    pub q_x: Vec<f64>,
    pub step: ForwardStep,
}

type Source = Box<dyn Fn() -> Option<Rc<Transform>>>;

thread_local! {
    static CHAIN: RefCell<Option<Rc<Chain>>> = const { RefCell::new(None) };
    static TRANSFORM: RefCell<Option<Source>> = const { RefCell::new(None) };
}

/// Publishes the chain of a completed demo 3.1 apply and tells the page.
pub fn publish_chain(result: Rc<Chain>) {
    CHAIN.with(|c| *c.borrow_mut() = Some(result));
    if let Ok(ev) = web_sys::Event::new("dpm:chain") {
        let _ = crate::dom::document().dispatch_event(&ev);
    }
}

/// The chain of the last completed demo 3.1 apply.
pub fn chain() -> Option<Rc<Chain>> {
    CHAIN.with(|c| c.borrow().clone())
}

/// Registers how to read demo 4.1's current transform (demo 4.1 calls it
/// when it mounts).
pub fn set_transform_source(source: impl Fn() -> Option<Rc<Transform>> + 'static) {
    TRANSFORM.with(|t| *t.borrow_mut() = Some(Box::new(source)));
}

/// Demo 4.1's current q(x) and posterior, if demo 4.1 is running.
pub fn transform() -> Option<Rc<Transform>> {
    TRANSFORM.with(|t| t.borrow().as_ref().and_then(|f| f()))
}
