//! Building the demos' DOM: elements, bilingual labels, numeric controls
//! (slider + number field, or a field alone) with their validation, and
//! readouts.
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

/// The allowed values of a numeric control.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberSpec {
    pub min: f64,
    pub max: f64,
    /// The slider's step; typed values are rounded to it. `None` for seeds.
    pub step: Option<f64>,
    /// Whole numbers only (seeds).
    pub integer: bool,
    /// Decimals shown in the field.
    pub decimals: usize,
    /// Typed values are kept as typed (only clamped), not rounded to the
    /// slider's step: demo 3.1's alphas accept 0.857375 (= 0.95^3).
    pub exact_typed: bool,
}

impl NumberSpec {
    /// A slider from `min` to `max` in steps of `step`, shown with `decimals`.
    pub const fn slider(min: f64, max: f64, step: f64, decimals: usize) -> Self {
        NumberSpec {
            min,
            max,
            step: Some(step),
            integer: false,
            decimals,
            exact_typed: false,
        }
    }

    /// The slider of one of the engine's demo controls (`dpm_engine::demos`),
    /// shown with `decimals`.
    pub const fn of(c: &dpm_engine::demos::Control, decimals: usize) -> Self {
        Self::slider(c.min, c.max, c.step, decimals)
    }

    /// The same slider, its typed values kept exactly (up to 12 decimals).
    pub const fn exact(self) -> Self {
        NumberSpec {
            exact_typed: true,
            ..self
        }
    }

    /// A whole number from `min` to `max` typed in a field or moved in
    /// steps of one.
    pub const fn whole(min: f64, max: f64) -> Self {
        NumberSpec {
            min,
            max,
            step: Some(1.0),
            integer: true,
            decimals: 0,
            exact_typed: false,
        }
    }

    /// A seed of NumPy's `RandomState`: a whole number in `0..=2^32-1`.
    pub const fn seed() -> Self {
        NumberSpec {
            min: 0.0,
            max: u32::MAX as f64,
            step: None,
            integer: true,
            decimals: 0,
            exact_typed: false,
        }
    }

    /// The value as the field shows it.
    pub fn format(&self, v: f64) -> String {
        if self.integer {
            format!("{}", v as u64)
        } else if self.exact_typed && self.snap(v) != v {
            // A typed value between slider steps: its shortest exact form.
            format!("{v}")
        } else {
            format!("{:.*}", self.decimals, v)
        }
    }

    /// `v` rounded to the nearest step from `min`, then to the shown
    /// decimals, so a typed 0.9876 becomes exactly the 0.988 the slider gives.
    pub fn snap(&self, v: f64) -> f64 {
        let Some(step) = self.step else { return v };
        let k = ((v - self.min) / step).round();
        let snapped = (self.min + k * step).clamp(self.min, self.max);
        let scale = 10f64.powi(self.decimals as i32);
        (snapped * scale).round() / scale
    }

    /// `v` moved by `steps` slider steps (or units, for seeds), kept in range.
    pub fn nudge(&self, v: f64, steps: f64) -> f64 {
        let step = self.step.unwrap_or(1.0);
        // From a typed value between two steps, one step goes to the
        // neighbouring grid point in that direction.
        let base = if self.snap(v) == v {
            v
        } else {
            let k = (v - self.min) / step;
            let k = if steps > 0.0 { k.floor() } else { k.ceil() };
            self.min + k * step
        };
        self.snap((base + steps * step).clamp(self.min, self.max))
    }
}

/// What a typed text means for a control.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    /// A valid value.
    Value(f64),
    /// A value changed to fit (clamped or rounded), with why.
    Adjusted(f64, FieldMessage),
    /// Refused: the control keeps its last good value.
    Refused(FieldMessage),
}

/// Reads what the reader typed. Full-width digits and the minus sign U+2212
/// count as their ASCII forms (Chinese input methods type them); `NaN`,
/// `inf`, an empty field and anything else that is not a finite number are
/// refused.
pub fn parse(text: &str, spec: &NumberSpec, kept: f64) -> Parsed {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '\u{2212}' => '-',
            '＋' => '+',
            'ｅ' | 'Ｅ' => 'e',
            c => c,
        })
        .collect();
    let kept_text = spec.format(kept);
    let v = match ascii.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        _ => return Parsed::Refused(FieldMessage::NotANumber { kept: kept_text }),
    };
    if spec.integer && v.fract() != 0.0 && v >= spec.min && v <= spec.max {
        return Parsed::Refused(FieldMessage::NotWhole { kept: kept_text });
    }
    if v < spec.min || v > spec.max {
        let value = v.clamp(spec.min, spec.max);
        return Parsed::Adjusted(
            value,
            FieldMessage::Clamped {
                value: spec.format(value),
                min: spec.format(spec.min),
                max: spec.format(spec.max),
            },
        );
    }
    if spec.exact_typed {
        // Kept as typed, to the 12th decimal (no binary noise beyond it).
        let kept = (v * 1e12).round() / 1e12;
        return if kept == v {
            Parsed::Value(v)
        } else {
            Parsed::Adjusted(
                kept,
                FieldMessage::Rounded {
                    value: spec.format(kept),
                },
            )
        };
    }
    let snapped = spec.snap(v);
    if snapped != v {
        return Parsed::Adjusted(
            snapped,
            FieldMessage::Rounded {
                value: spec.format(snapped),
            },
        );
    }
    Parsed::Value(v)
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

#[cfg(test)]
mod tests {
    use super::*;

    const ALPHA: NumberSpec = NumberSpec::slider(0.3, 0.999, 0.001, 3);
    const Z: NumberSpec = NumberSpec::slider(-2.3, 2.3, 0.1, 1);

    #[test]
    fn junk_is_refused_and_keeps_the_last_value() {
        for junk in ["abc", "", "NaN", "nan", "inf", "-infinity", "0x10", "1,5"] {
            assert!(
                matches!(parse(junk, &ALPHA, 0.7), Parsed::Refused(FieldMessage::NotANumber { ref kept }) if kept == "0.700"),
                "{junk:?}"
            );
        }
    }

    #[test]
    fn out_of_range_values_are_clamped() {
        assert!(matches!(parse("-5", &ALPHA, 0.7), Parsed::Adjusted(v, _) if v == 0.3));
        assert!(matches!(parse("1e9", &ALPHA, 0.7), Parsed::Adjusted(v, _) if v == 0.999));
        assert!(
            matches!(parse("-5", &NumberSpec::seed(), 100.0), Parsed::Adjusted(v, _) if v == 0.0)
        );
        assert!(matches!(
            parse("1e10", &NumberSpec::seed(), 100.0),
            Parsed::Adjusted(v, _) if v == u32::MAX as f64
        ));
    }

    #[test]
    fn seeds_are_whole_numbers() {
        assert_eq!(parse("1e9", &NumberSpec::seed(), 100.0), Parsed::Value(1e9));
        assert!(matches!(
            parse("1.5", &NumberSpec::seed(), 100.0),
            Parsed::Refused(FieldMessage::NotWhole { .. })
        ));
        assert_eq!(
            parse(" １６００３ ", &NumberSpec::seed(), 1.0),
            Parsed::Value(16003.0)
        );
    }

    #[test]
    fn typed_values_snap_to_the_slider_grid_exactly() {
        assert_eq!(parse("0.95", &ALPHA, 0.7), Parsed::Value(0.95));
        assert!(matches!(parse("0.9876", &ALPHA, 0.7), Parsed::Adjusted(v, _) if v == 0.988));
        assert_eq!(parse("\u{2212}2", &Z, 0.2), Parsed::Value(-2.0));
        assert!(matches!(parse("0.26", &Z, 0.2), Parsed::Adjusted(v, _) if v == 0.3));
        // Every slider position survives the round trip unchanged.
        for k in 0..=46 {
            let v = Z.snap(-2.3 + k as f64 * 0.1);
            assert_eq!(parse(&Z.format(v), &Z, 0.0), Parsed::Value(v));
        }
    }

    #[test]
    fn exact_alphas_keep_typed_values_and_clamp_the_ends() {
        const A: NumberSpec = NumberSpec::slider(0.001, 0.999, 0.001, 3).exact();
        assert_eq!(parse("0.857375", &A, 0.98), Parsed::Value(0.857375));
        assert_eq!(A.format(0.857375), "0.857375");
        assert_eq!(A.format(0.98), "0.980");
        assert!(matches!(parse("0", &A, 0.98), Parsed::Adjusted(v, _) if v == 0.001));
        assert!(matches!(parse("1", &A, 0.98), Parsed::Adjusted(v, _) if v == 0.999));
        assert!(
            matches!(parse("0.1234567890123456", &A, 0.98), Parsed::Adjusted(v, _) if v == 0.123456789012)
        );
        // Arrows go from a typed value to the neighbouring slider steps.
        assert_eq!(A.nudge(0.857375, 1.0), 0.858);
        assert_eq!(A.nudge(0.857375, -1.0), 0.857);
        assert_eq!(A.nudge(0.98, 1.0), 0.981);
    }

    #[test]
    fn whole_numbers_are_clamped_and_fractions_refused() {
        const STEPS: NumberSpec = NumberSpec::whole(1.0, 15.0);
        assert!(matches!(parse("0", &STEPS, 7.0), Parsed::Adjusted(v, _) if v == 1.0));
        assert!(matches!(parse("99", &STEPS, 7.0), Parsed::Adjusted(v, _) if v == 15.0));
        assert!(matches!(
            parse("7.5", &STEPS, 7.0),
            Parsed::Refused(FieldMessage::NotWhole { .. })
        ));
        const ITER: NumberSpec = NumberSpec::whole(0.0, 1e6);
        assert!(matches!(parse("1e12", &ITER, 500.0), Parsed::Adjusted(v, _) if v == 1e6));
        assert!(matches!(parse("-1", &ITER, 500.0), Parsed::Adjusted(v, _) if v == 0.0));
        assert_eq!(ITER.format(1e6), "1000000");
    }

    #[test]
    fn arrow_keys_move_one_step_and_stop_at_the_ends() {
        assert_eq!(ALPHA.nudge(0.7, 1.0), 0.701);
        assert_eq!(ALPHA.nudge(0.999, 1.0), 0.999);
        assert_eq!(NumberSpec::seed().nudge(0.0, -1.0), 0.0);
        assert_eq!(Z.nudge(0.2, -10.0), -0.8);
    }
}
