//! Your own q(x) (issue 16): on a demo's q(x) plot, `[data-action=draw]`
//! toggles drawing mode, in which a pointer drag (mouse, pen or touch)
//! draws the data distribution; each move turns the strokes so far into a
//! smoothed, non-negative, normalised q(x) (`dpm_engine::own::from_sketch`)
//! and hands it to the demo, which recomputes every dependent plot.
//! `[data-action=reset-data]` returns to the seed's q(x).
//!
//! The drawn q(x) is part of the page's URL (`crate::url_state`), as
//! `{demo}.q_x=<116 characters>`: q(x) at every [`STRIDE`]-th grid point,
//! in 64 levels of its maximum, one base64url character each ([`encode`]);
//! a link is read back by Catmull-Rom interpolation (within 1.5 levels of
//! the drawing in the tests) and normalised ([`decode`]).
//! The demo is always handed the decoded density, so what the page shows
//! is exactly what its link reproduces. A link's malformed value leaves
//! the seed's q(x) and says so beside the buttons.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dpm_engine::grid::N;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlButtonElement, PointerEvent};

use crate::canvas::Plot;
use crate::dom;
use crate::i18n;

/// What the demo does with a drawn q(x) (`None`: back to the seed's), at
/// the time of the event.
pub type OnData = Rc<dyn Fn(Option<Vec<f64>>, f64)>;

/// Grid points between two samples of a drawn q(x) in a link: the sketch is
/// smoothed over 3 cells (`own::SKETCH_SMOOTH_CELLS`), so 4 keep its shape.
pub const STRIDE: usize = 4;
/// Samples in a link: grid points 0, 4, ..., 460.
pub const SAMPLES: usize = (N - 1) / STRIDE + 1;
/// Levels of a sample (one base64url character).
const LEVELS: f64 = 63.0;
/// The URL-safe base64 alphabet (RFC 4648 §5): a sample's level is its
/// index. Hand-written: a 64-entry lookup, not byte-oriented base64.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `q` (461 non-negative numbers) as a link's text: [`SAMPLES`] characters.
pub fn encode(q: &[f64]) -> String {
    let max = q
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    (0..SAMPLES)
        .map(|k| {
            let v = q.get(k * STRIDE).copied().unwrap_or(0.0);
            let level = if max > 0.0 && v.is_finite() {
                (v / max * LEVELS).round().clamp(0.0, LEVELS) as usize
            } else {
                0
            };
            char::from(ALPHABET[level])
        })
        .collect()
}

/// A link's text back to q(x) on the grid, normalised; `None` for text that
/// [`encode`] does not write (length, characters, all zero).
pub fn decode(text: &str) -> Option<Vec<f64>> {
    let levels: Vec<f64> = text
        .bytes()
        .map(|b| ALPHABET.iter().position(|&a| a == b).map(|i| i as f64))
        .collect::<Option<_>>()?;
    if levels.len() != SAMPLES {
        return None;
    }
    // Catmull-Rom between samples (ends repeated), clamped at 0: smooth
    // where the drawing was, and 0 where it was 0.
    let at = |k: isize| levels[k.clamp(0, SAMPLES as isize - 1) as usize];
    let q: Vec<f64> = (0..N)
        .map(|i| {
            let k = (i / STRIDE) as isize;
            let t = (i % STRIDE) as f64 / STRIDE as f64;
            let (p0, p1, p2, p3) = (at(k - 1), at(k), at(k + 1), at(k + 2));
            let v = 0.5
                * (2.0 * p1
                    + (p2 - p0) * t
                    + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t * t
                    + (3.0 * p1 - p0 - 3.0 * p2 + p3) * t * t * t);
            v.max(0.0)
        })
        .collect();
    dpm_engine::own::q_x(&q).ok()
}

struct Sketch {
    on: Cell<bool>,
    pressed: Cell<bool>,
    strokes: RefCell<Vec<Vec<(f64, f64)>>>,
    on_data: OnData,
    /// The drawn q(x) as written in the URL (`None`: the seed's).
    link: RefCell<Option<String>>,
    /// Says when a link's drawn q(x) could not be read.
    message: Element,
    /// The demo's id (its URL keys), once mounted.
    demo: Option<String>,
}

/// Adds the two buttons to `bar` and drawing to `plot`'s canvas; the drawn
/// q(x) is kept in the URL under the demo the plot is mounted in.
pub fn attach(bar: &Element, plot: &Plot, on_data: OnData) -> Result<(), JsValue> {
    let draw = button(bar, "draw", i18n::DRAW_Q_X)?;
    draw.set_attribute("aria-pressed", "false")?;
    let reset = button(bar, "reset-data", i18n::RESET_DATA)?;
    let message = dom::child(bar, "p", "field-msg")?;
    message.set_attribute("data-msg", "q_x")?;
    message.set_attribute("role", "status")?;
    let canvas = plot.canvas.clone();
    // Mounted already (demos attach after wiring): its id keys the URL.
    let demo = canvas
        .closest(".demo-root[data-demo]")?
        .and_then(|root| root.get_attribute("data-demo"));
    let sketch = Rc::new(Sketch {
        on: Cell::new(false),
        pressed: Cell::new(false),
        strokes: RefCell::new(Vec::new()),
        on_data,
        link: RefCell::new(None),
        message,
        demo: demo.clone(),
    });
    match demo {
        Some(demo) => crate::url_state::register_value(&demo, "q_x", Rc::clone(&sketch) as _),
        None => web_sys::console::warn_1(&"drawn q(x): no demo root, not in the URL".into()),
    }

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
    let s = Rc::clone(&sketch);
    dom::listen(&reset, "click", move |ev| {
        s.strokes.borrow_mut().clear();
        s.hand_on(None, ev.time_stamp());
    })?;

    let hover = Rc::clone(plot.hover());
    let (s, c) = (Rc::clone(&sketch), canvas.clone());
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
        s.add(&hover, p);
    })?;
    let hover = Rc::clone(plot.hover());
    let s = Rc::clone(&sketch);
    dom::listen(&canvas, "pointermove", move |ev| {
        let Some(p) = ev.dyn_ref::<PointerEvent>() else {
            return;
        };
        if s.on.get() && s.pressed.get() {
            s.add(&hover, p);
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
    fn add(&self, hover: &crate::hover::Hover, p: &PointerEvent) {
        let Some(point) = hover.data_at(p) else {
            return;
        };
        if let Some(stroke) = self.strokes.borrow_mut().last_mut() {
            stroke.push(point);
        }
        let Ok(q) = dpm_engine::own::from_sketch(&self.strokes.borrow()) else {
            return;
        };
        // As its link will give it back.
        let text = encode(&q);
        if let Some(q) = decode(&text) {
            *self.link.borrow_mut() = Some(text);
            self.hand_on(Some(q), p.time_stamp());
        }
    }

    /// Hands `q` (`None`: the seed's) to the demo and updates the URL.
    fn hand_on(&self, q: Option<Vec<f64>>, t: f64) {
        if q.is_none() {
            self.link.borrow_mut().take();
        }
        self.message.replace_children_with_node_0();
        (self.on_data)(q, t);
        // An apply demo (3.1) has re-applied: its link says so.
        if let Some(demo) = &self.demo {
            crate::url_state::applied_now(demo);
        }
        crate::url_state::touched();
    }
}

impl crate::url_state::UrlValue for Sketch {
    fn text(&self) -> Option<String> {
        self.link.borrow().clone()
    }

    fn restore(&self, text: &str) {
        match decode(text) {
            Some(q) => {
                *self.link.borrow_mut() = Some(text.to_string());
                self.hand_on(Some(q), crate::schedule::now());
            }
            None => {
                let _ = dom::bilingual(&self.message, i18n::DRAWN_LINK_BAD);
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `back` is within two levels of `q`'s maximum of `q` everywhere.
    fn within_two_levels(q: &[f64], back: &[f64]) {
        let max = q.iter().copied().fold(0.0, f64::max);
        let worst = q
            .iter()
            .zip(back)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst < 2.0 * max / LEVELS, "{worst} vs max {max}");
    }

    #[test]
    fn a_drawn_q_x_survives_its_link_and_bad_links_are_refused() {
        let q =
            dpm_engine::own::from_sketch(&[vec![(-1.5, 0.2), (-0.5, 1.4), (0.3, 0.1), (1.2, 0.9)]])
                .unwrap();
        let text = encode(&q);
        assert_eq!(text.len(), SAMPLES);
        assert_eq!(SAMPLES, 116);
        assert!(text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let back = decode(&text).unwrap();
        // What the page shows is the decoded q(x): its link gives it again.
        assert_eq!(encode(&back), text);
        assert_eq!(decode(&encode(&back)).unwrap(), back);
        let mass: f64 = back.iter().sum::<f64>() * dpm_engine::grid::RES;
        assert!((mass - 1.0).abs() < 1e-12, "normalised: {mass}");
        assert!(back.iter().all(|&v| v >= 0.0));
        // Close to the drawn one: within two levels of its maximum.
        within_two_levels(&q, &back);
        // Sharp peaks keep their shape too (within 2 levels; measured 0.6-1.4).
        for strokes in [
            vec![vec![
                (-2.0, 0.1),
                (-1.0, 3.0),
                (-0.9, 0.0),
                (0.5, 0.0),
                (0.6, 2.0),
                (0.7, 0.0),
            ]],
            vec![vec![(-0.1, 0.0), (0.0, 3.0), (0.1, 0.0)]],
        ] {
            let q = dpm_engine::own::from_sketch(&strokes).unwrap();
            within_two_levels(&q, &decode(&encode(&q)).unwrap());
        }
        assert_eq!(back[10], 0.0, "nothing drawn at x = -2.2");
        for bad in [
            "",
            "A",
            &text[1..],
            &format!("{text}A"),
            &"A".repeat(SAMPLES),
            &format!("{}+", &text[1..]),
            &format!("{}é", &text[2..]),
        ] {
            assert!(decode(bad).is_none(), "{bad:?}");
        }
    }
}
