//! Building the demos' DOM: elements, bilingual labels, numeric controls
//! (slider + number field, or a field alone; what they accept is
//! [`crate::number`]'s), and readouts.
//!
//! The contract the browser tests and embedders rely on (issue 4): every
//! control is an `<input>`/`<button>` with `data-param`; a slider and its
//! number field share the `data-param` (the slider comes first); every number
//! shown is an element with `data-readout` and its full-precision value in
//! `data-value`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, HtmlElement, HtmlInputElement, KeyboardEvent};

use crate::i18n::{FieldMessage, Lang, Text};
pub(crate) use crate::number::{parse, NumberSpec, Parsed};

/// The page's document.
pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the demos run in a page")
}

/// The language `<html lang>` says (page.js keeps it current).
pub fn page_lang() -> Lang {
    document()
        .document_element()
        .map(|e| Lang::from_code(&e.get_attribute("lang").unwrap_or_default()))
        .unwrap_or_default()
}

/// A new `<tag class="...">`.
pub fn el(tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = document().create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// A new `<tag class="...">` appended to `parent`.
pub fn child(parent: &Element, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = el(tag, class)?;
    parent.append_child(&e)?;
    Ok(e)
}

/// Appends `<span lang="en">…</span><span lang="zh">…</span>`; the page's CSS
/// shows the current language, so these never need relabelling.
pub fn bilingual(parent: &Element, text: Text) -> Result<(), JsValue> {
    for (code, s) in [("en", text.en), ("zh", text.zh)] {
        let span = child(parent, "span", "")?;
        span.set_attribute("lang", code)?;
        span.set_text_content(Some(s));
    }
    Ok(())
}

/// Calls `f` on every `kind` event of `target` for the page's lifetime.
pub fn listen(
    target: &web_sys::EventTarget,
    kind: &str,
    f: impl FnMut(Event) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
    // Demos live as long as the page: the listener is never removed.
    closure.forget();
    Ok(())
}

/// Called with the new value and the time of the event that set it
/// (`Event.timeStamp`, on `performance.now()`'s clock).
pub type OnCommit = Rc<dyn Fn(f64, f64)>;

/// A numeric control: a number field, optionally with a slider before it,
/// a label in both languages and an inline message line.
pub struct Control {
    pub param: &'static str,
    pub spec: NumberSpec,
    pub field: HtmlInputElement,
    pub slider: Option<HtmlInputElement>,
    /// The row holding the slider and field (room for a button beside them).
    pub row: Element,
    message_el: Element,
    value: Cell<f64>,
    message: RefCell<Option<FieldMessage>>,
}

impl Control {
    /// Builds the control inside `parent`. Ids are `{demo}-{param}`.
    pub fn new(
        parent: &Element,
        demo: &str,
        param: &'static str,
        label: Text,
        spec: NumberSpec,
        default: f64,
        with_slider: bool,
    ) -> Result<Rc<Control>, JsValue> {
        let id = format!("{demo}-{param}");
        let wrap = child(parent, "div", "control")?;
        wrap.set_attribute("data-control-for", param)?;
        if with_slider {
            wrap.class_list().add_1("has-slider")?;
        }
        let label_el = child(&wrap, "label", "control-label")?;
        label_el.set_attribute("for", &id)?;
        label_el.set_id(&format!("{id}-label"));
        bilingual(&label_el, label)?;

        let row = child(&wrap, "div", "control-inputs")?;
        let slider = if with_slider {
            let s: HtmlInputElement = child(&row, "input", "slider")?.dyn_into()?;
            s.set_type("range");
            s.set_id(&format!("{id}-slider"));
            s.set_attribute("data-param", param)?;
            s.set_attribute("aria-labelledby", &format!("{id}-label"))?;
            let step = spec.step.unwrap_or(1.0);
            s.set_min(&spec.min.to_string());
            s.set_max(&spec.max.to_string());
            s.set_step(&step.to_string());
            s.set_value(&spec.format(default));
            Some(s)
        } else {
            None
        };
        let field: HtmlInputElement = child(&row, "input", "num")?.dyn_into()?;
        field.set_type("text");
        field.set_id(&id);
        field.set_attribute("data-param", param)?;
        field.set_attribute(
            "inputmode",
            if spec.integer { "numeric" } else { "decimal" },
        )?;
        field.set_attribute("autocomplete", "off")?;
        field.set_attribute("spellcheck", "false")?;
        field.set_attribute("role", "spinbutton")?;
        field.set_attribute("aria-valuemin", &spec.format(spec.min))?;
        field.set_attribute("aria-valuemax", &spec.format(spec.max))?;
        field.set_attribute("aria-describedby", &format!("{id}-msg"))?;
        field.set_size(if spec.integer { 10 } else { 6 });

        let message_el = child(&wrap, "p", "field-msg")?;
        message_el.set_id(&format!("{id}-msg"));
        message_el.set_attribute("role", "status")?;
        message_el.set_attribute("aria-live", "polite")?;

        let control = Rc::new(Control {
            param,
            spec,
            field,
            slider,
            row,
            message_el,
            value: Cell::new(default),
            message: RefCell::new(None),
        });
        control.show(default);
        crate::url_state::register_number(demo, &control, default);
        Ok(control)
    }

    /// A slider + field for one of the engine's controls (its range, step
    /// and default), shown with `digits` decimals.
    pub fn slider(
        parent: &Element,
        demo: &str,
        param: &'static str,
        label: Text,
        control: &dpm_engine::demos::Control,
        digits: usize,
    ) -> Result<Rc<Control>, JsValue> {
        let spec = NumberSpec::of(control, digits);
        Control::new(parent, demo, param, label, spec, control.default, true)
    }

    /// Slider + field controls in `parent`, one per row `(param, label,
    /// spec, default)`, in order.
    pub fn sliders<const N: usize>(
        parent: &Element,
        demo: &str,
        rows: [(&'static str, Text, NumberSpec, f64); N],
    ) -> Result<[Rc<Control>; N], JsValue> {
        let made = rows
            .into_iter()
            .map(|(param, label, spec, default)| {
                Control::new(parent, demo, param, label, spec, default, true)
            })
            .collect::<Result<Vec<_>, _>>()?;
        made.try_into()
            .map_err(|_| JsValue::from_str("one control per row"))
    }

    /// A seed field (no slider) with its default.
    pub fn seed(
        parent: &Element,
        demo: &str,
        param: &'static str,
        label: Text,
        default: f64,
    ) -> Result<Rc<Control>, JsValue> {
        let control = Control::new(
            parent,
            demo,
            param,
            label,
            NumberSpec::seed(),
            default,
            false,
        )?;
        // The dice beside every seed field (issue 16).
        crate::dice::attach(&control)?;
        Ok(control)
    }

    /// The last good value.
    pub fn value(&self) -> f64 {
        self.value.get()
    }

    /// Sets the value from code (e.g. "change inputs seed"), clearing any message.
    pub fn set_value(&self, v: f64) {
        self.value.set(v);
        self.show(v);
        self.set_message(None);
        crate::url_state::touched();
    }

    /// Shows `message` beside the control, its value unchanged (a bad value
    /// in the page's URL).
    pub fn note(&self, message: FieldMessage) {
        self.set_message(Some(message));
    }

    /// Shows a fixed note in the control's message line.
    pub fn say(&self, text: Text) {
        self.set_message(Some(FieldMessage::Note(text)));
    }

    /// Re-renders the inline message in `lang` (labels switch by CSS).
    pub fn relabel(&self, lang: Lang) {
        let text = self.message.borrow().as_ref().map(|m| m.render(lang));
        self.message_el.set_text_content(text.as_deref());
    }

    fn show(&self, v: f64) {
        let text = self.spec.format(v);
        self.field.set_value(&text);
        let _ = self.field.set_attribute("aria-valuenow", &text);
        if let Some(s) = &self.slider {
            s.set_value(&text);
            // What a screen reader says: the value as the field shows it.
            let _ = s.set_attribute("aria-valuetext", &text);
        }
    }

    fn set_message(&self, message: Option<FieldMessage>) {
        let invalid = message.is_some();
        *self.message.borrow_mut() = message;
        self.relabel(page_lang());
        let _ = if invalid {
            self.field.set_attribute("aria-invalid", "true")
        } else {
            self.field.remove_attribute("aria-invalid")
        };
    }

    /// Accepts `v` (already valid); true if the value changed.
    fn accept(&self, v: f64, message: Option<FieldMessage>) -> bool {
        let changed = v != self.value.get();
        self.value.set(v);
        self.show(v);
        self.set_message(message);
        if changed {
            crate::url_state::touched();
        }
        changed
    }

    /// Wires the slider (`input` while dragging, `change` on release), the
    /// field (`change`, i.e. Enter or leaving it) and the arrow keys in the
    /// field to `on_commit`, called only when the value really changes.
    pub fn connect(self: &Rc<Self>, on_commit: OnCommit) -> Result<(), JsValue> {
        if let Some(slider) = &self.slider {
            for kind in ["input", "change"] {
                let me = Rc::clone(self);
                let commit = Rc::clone(&on_commit);
                listen(slider, kind, move |ev| {
                    let Some(s) = &me.slider else { return };
                    let v = s.value_as_number();
                    if v.is_finite() && me.accept(me.spec.snap(v), None) {
                        commit(me.value(), ev.time_stamp());
                    }
                })?;
            }
        }
        let me = Rc::clone(self);
        let commit = Rc::clone(&on_commit);
        listen(&self.field, "change", move |ev| {
            let parsed = parse(&me.field.value(), &me.spec, me.value());
            let (v, message) = match parsed {
                Parsed::Value(v) => (v, None),
                Parsed::Adjusted(v, m) => (v, Some(m)),
                Parsed::Refused(m) => {
                    me.show(me.value());
                    me.set_message(Some(m));
                    return;
                }
            };
            if me.accept(v, message) {
                commit(v, ev.time_stamp());
            }
        })?;
        let me = Rc::clone(self);
        listen(&self.field, "keydown", move |ev| {
            let Some(key) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let steps = match key.key().as_str() {
                "ArrowUp" => 1.0,
                "ArrowDown" => -1.0,
                "PageUp" => 10.0,
                "PageDown" => -10.0,
                _ => return,
            };
            ev.prevent_default();
            let v = me.spec.nudge(me.value(), steps);
            if me.accept(v, None) {
                on_commit(v, ev.time_stamp());
            }
        })?;
        Ok(())
    }
}

/// A checkbox with a bilingual label: `<input type="checkbox" data-param>`.
pub fn checkbox(
    parent: &Element,
    demo: &str,
    param: &'static str,
    label: Text,
    checked: bool,
) -> Result<HtmlInputElement, JsValue> {
    let id = format!("{demo}-{param}");
    let wrap = child(parent, "div", "control checkbox")?;
    wrap.set_attribute("data-control-for", param)?;
    let input: HtmlInputElement = child(&wrap, "input", "")?.dyn_into()?;
    input.set_type("checkbox");
    input.set_id(&id);
    input.set_checked(checked);
    input.set_attribute("data-param", param)?;
    let label_el = child(&wrap, "label", "control-label")?;
    label_el.set_attribute("for", &id)?;
    bilingual(&label_el, label)?;
    crate::url_state::register_check(demo, param, &input, checked);
    Ok(input)
}

/// A demo's `<div class="demo-ui">` and the `<div class="demo-controls">`
/// inside it: (ui, controls).
pub fn demo_ui() -> Result<(Element, Element), JsValue> {
    let ui = el("div", "demo-ui")?;
    let controls = child(&ui, "div", "demo-controls")?;
    Ok((ui, controls))
}

/// An apply demo's `Apply` button, in its own actions row under `controls`.
pub fn apply_button(controls: &Element) -> Result<web_sys::HtmlButtonElement, JsValue> {
    let actions = child(controls, "div", "demo-actions")?;
    button(&actions, "apply", "demo-button apply", crate::i18n::APPLY)
}

/// A `<button type="button" data-param>` with a bilingual label.
pub fn button(
    parent: &Element,
    param: &'static str,
    class: &str,
    label: Text,
) -> Result<web_sys::HtmlButtonElement, JsValue> {
    let b: web_sys::HtmlButtonElement = child(parent, "button", class)?.dyn_into()?;
    b.set_type("button");
    b.set_attribute("data-param", param)?;
    bilingual(&b, label)?;
    Ok(b)
}

/// Appends to `caption` a `"symbol = <readout>"` pair; returns the readout.
pub fn readout_pair(caption: &Element, symbol: &str, name: &str) -> Result<Readout, JsValue> {
    let value = child(caption, "span", "readout-pair")?;
    child(&value, "span", "readout-symbol")?.set_text_content(Some(symbol));
    child(&value, "span", "")?.set_text_content(Some(" = "));
    Readout::span(&value, name)
}

/// A number shown as text, with its full-precision value in `data-value`.
pub struct Readout {
    el: Element,
    /// The `<input readonly>` variant shows the text as its value.
    input: Option<HtmlInputElement>,
}

impl Readout {
    /// `<span data-readout="name">` inside `parent`.
    pub fn span(parent: &Element, name: &str) -> Result<Readout, JsValue> {
        let el = child(parent, "span", "readout-value")?;
        el.set_attribute("data-readout", name)?;
        Ok(Readout { el, input: None })
    }

    /// A read-only field (`<input readonly data-readout="name" id="id">`), for
    /// a `<label for="id">` beside it.
    pub fn field(parent: &Element, name: &str, id: &str) -> Result<Readout, JsValue> {
        let input: HtmlInputElement = child(parent, "input", "num readout")?.dyn_into()?;
        input.set_type("text");
        input.set_id(id);
        input.set_read_only(true);
        input.set_attribute("data-readout", name)?;
        input.set_size(10);
        Ok(Readout {
            el: input.clone().into(),
            input: Some(input),
        })
    }

    /// Shows `text` for the value `v` (kept at full precision in `data-value`).
    pub fn set(&self, v: f64, text: &str) {
        let _ = self.el.set_attribute("data-value", &format!("{v}"));
        let _ = self.el.remove_attribute("data-pending");
        let _ = self.el.remove_attribute("aria-busy");
        match &self.input {
            Some(input) => input.set_value(text),
            None => self.el.set_text_content(Some(text)),
        }
    }

    /// Marks the shown value as about to be replaced (`data-pending`,
    /// `aria-busy`) until the next [`set`](Self::set).
    pub fn set_pending(&self) {
        let _ = self.el.set_attribute("data-pending", "");
        let _ = self.el.set_attribute("aria-busy", "true");
    }
}

/// The demo's line for engine or drawing errors (normally hidden).
pub fn status_line(parent: &Element) -> Result<Element, JsValue> {
    let status = child(parent, "p", "demo-status")?;
    status.set_attribute("role", "alert")?;
    status.set_attribute("hidden", "")?;
    Ok(status)
}

pub fn show_status(status: &Element, text: Option<&str>) {
    match text {
        Some(t) => {
            status.set_text_content(Some(t));
            let _ = status.remove_attribute("hidden");
        }
        None => {
            if !status.has_attribute("hidden") {
                let _ = status.set_attribute("hidden", "");
                status.set_text_content(None);
            }
        }
    }
}

/// Shows `result`'s error in `status` (or hides the line) and returns its value.
pub fn checked<T, E: std::fmt::Display>(status: &Element, result: Result<T, E>) -> Option<T> {
    match result {
        Ok(v) => {
            show_status(status, None);
            Some(v)
        }
        Err(e) => {
            show_status(status, Some(&e.to_string()));
            None
        }
    }
}

/// An element's `HtmlElement` view (for `hidden`, `dataset`…).
pub fn html(e: &Element) -> Option<HtmlElement> {
    e.dyn_ref::<HtmlElement>().cloned()
}
