//! Your own q(x) (issue 16): on a demo's q(x) plot, `[data-action=draw]`
//! toggles drawing mode, in which a pointer drag (mouse, pen or touch)
//! draws the data distribution; each move turns the strokes so far into a
//! smoothed, non-negative, normalised q(x) (`dpm_engine::own::from_sketch`)
//! and hands it to the demo, which recomputes every dependent plot.
//! `[data-action=reset-data]` returns to the seed's q(x).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlButtonElement, PointerEvent};

use crate::canvas::Plot;
use crate::dom;
use crate::i18n;

/// What the demo does with a drawn q(x) (`None`: back to the seed's), at
/// the time of the event.
pub type OnData = Rc<dyn Fn(Option<Vec<f64>>, f64)>;

struct Sketch {
    on: Cell<bool>,
    pressed: Cell<bool>,
    strokes: RefCell<Vec<Vec<(f64, f64)>>>,
}

/// Adds the two buttons to `bar` and drawing to `plot`'s canvas.
pub fn attach(bar: &Element, plot: &Plot, on_data: OnData) -> Result<(), JsValue> {
    let draw = button(bar, "draw", i18n::DRAW_Q_X)?;
    draw.set_attribute("aria-pressed", "false")?;
    let reset = button(bar, "reset-data", i18n::RESET_DATA)?;
    let sketch = Rc::new(Sketch {
        on: Cell::new(false),
        pressed: Cell::new(false),
        strokes: RefCell::new(Vec::new()),
    });
    let canvas = plot.canvas.clone();

    let (s, c, d) = (Rc::clone(&sketch), canvas.clone(), draw.clone());
    dom::listen(&draw, "click", move |_| {
        let on = !s.on.get();
        s.on.set(on);
        s.strokes.borrow_mut().clear();
        let _ = d.set_attribute("aria-pressed", if on { "true" } else { "false" });
        let _ = if on {
            c.class_list().add_1("drawing")
        } else {
            c.class_list().remove_1("drawing")
        };
    })?;
    let (s, f) = (Rc::clone(&sketch), Rc::clone(&on_data));
    dom::listen(&reset, "click", move |ev| {
        s.strokes.borrow_mut().clear();
        f(None, ev.time_stamp());
    })?;

    let hover = Rc::clone(plot.hover());
    let (s, f, c) = (Rc::clone(&sketch), Rc::clone(&on_data), canvas.clone());
    dom::listen(&canvas, "pointerdown", move |ev| {
        let Some(p) = ev.dyn_ref::<PointerEvent>() else {
            return;
        };
        if !s.on.get() {
            return;
        }
        ev.prevent_default();
        let _ = c.set_pointer_capture(p.pointer_id());
        s.pressed.set(true);
        s.strokes.borrow_mut().push(Vec::new());
        s.add(&hover, p, &f);
    })?;
    let hover = Rc::clone(plot.hover());
    let (s, f) = (Rc::clone(&sketch), Rc::clone(&on_data));
    dom::listen(&canvas, "pointermove", move |ev| {
        let Some(p) = ev.dyn_ref::<PointerEvent>() else {
            return;
        };
        if s.on.get() && s.pressed.get() {
            s.add(&hover, p, &f);
        }
    })?;
    for kind in ["pointerup", "pointercancel"] {
        let s = Rc::clone(&sketch);
        dom::listen(&canvas, kind, move |_| s.pressed.set(false))?;
    }
    Ok(())
}

impl Sketch {
    /// Adds the pointer's point to the current stroke and hands on the
    /// q(x) drawn so far (nothing while it has no area above 0).
    fn add(&self, hover: &crate::hover::Hover, p: &PointerEvent, on_data: &OnData) {
        let Some(point) = hover.data_at(p) else {
            return;
        };
        if let Some(stroke) = self.strokes.borrow_mut().last_mut() {
            stroke.push(point);
        }
        if let Ok(q) = dpm_engine::own::from_sketch(&self.strokes.borrow()) {
            on_data(Some(q), p.time_stamp());
        }
    }
}

fn button(bar: &Element, action: &str, label: i18n::Text) -> Result<HtmlButtonElement, JsValue> {
    let b: HtmlButtonElement = dom::child(bar, "button", "demo-button")?.dyn_into()?;
    b.set_type("button");
    b.set_attribute("data-action", action)?;
    dom::bilingual(&b, label)?;
    Ok(b)
}
