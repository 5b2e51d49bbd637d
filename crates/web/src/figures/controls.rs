//! Mounting one copy of a figure: its row of controls (sliders from a table
//! per figure, C.1's "new pair" button and seed, the readouts), each asking
//! [`super::request`] for a recompute, and the copy's place in the shared
//! state.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use dpm_charts::figures as cf;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlInputElement};

use super::{el, params_of, request, value_of, words_of, FigureCopy, Kind, Shared, Values};

/// Adds the controls under `figure` and enters the copy in `shared`.
pub(super) fn mount(
    doc: &Document,
    figure: &Element,
    kind: Kind,
    shared: &Rc<RefCell<Shared>>,
) -> Result<(), JsValue> {
    let words = words_of(figure);
    let word = |k: &str| words.get(k).cloned().unwrap_or_default();
    let lang = figure.get_attribute("data-lang").unwrap_or_default();
    let row = el(doc, "div", "fig-controls")?;
    row.set_attribute("role", "group")?;
    row.set_attribute("aria-label", &word("ctl.hint"))?;
    let mut inputs = Vec::new();
    let mut readouts: HashMap<&'static str, Element> = HashMap::new();
    let values = shared.borrow().values.clone();
    let figure_id = figure.get_attribute("data-figure").unwrap_or_default();
    for &spec in sliders(kind) {
        let value = value_of(&values, spec.0);
        let id = format!("{figure_id}-{}-{lang}", spec.0);
        let (input, output) = slider(doc, &row, &id, spec, value, &word, shared)?;
        inputs.push((spec.0, input, output));
    }
    if kind == Kind::C1 {
        let seed_box = new_pair_button(doc, &row, &values, &word, shared)?;
        readouts.insert("seed", seed_box);
    }
    let numbers = readout_numbers(doc, kind, &mut readouts)?;
    row.append_child(&numbers)?;
    let caption = figure.query_selector("figcaption")?;
    figure.insert_before(&row, caption.as_ref().map(|c| c.as_ref()))?;

    let panel_list = figure.query_selector_all(".fig-panel")?;
    let panels: Vec<Element> = (0..panel_list.length())
        .filter_map(|i| panel_list.item(i).and_then(|n| n.dyn_into().ok()))
        .collect();
    // A copy mounted after the reader changed the figure shows the defaults
    // in its SVG: all of it is out of date.
    let stale = if Shared::new(kind, &params_of(figure)).values == values {
        0
    } else {
        u32::MAX >> (32 - panels.len().clamp(1, 32))
    };
    let copy = FigureCopy {
        figure: figure.clone(),
        canvases: vec![None; panels.len()],
        panels,
        words,
        readouts,
        inputs,
        stale,
    };
    let mut s = shared.borrow_mut();
    if s.computed.is_none() {
        s.compute();
    }
    if let Some(c) = &s.computed {
        copy.update_readouts(c);
    }
    s.copies.push(copy);
    figure.set_attribute("data-mounted", "")?;
    Ok(())
}

/// A slider: `(data-param, word key, min, max, step, decimals)`.
type SliderSpec = (&'static str, &'static str, f64, f64, f64, usize);

fn sliders(kind: Kind) -> &'static [SliderSpec] {
    match kind {
        Kind::C1 => &[],
        Kind::C2 => &[
            ("alpha", "ctl.alpha_a", 0.8, 0.999, 0.001, 3),
            ("alpha_b", "ctl.alpha_b", 0.8, 0.999, 0.001, 3),
        ],
        Kind::D4 => &[
            ("alpha", "ctl.alpha", 0.05, 0.99, 0.01, 2),
            ("z", "ctl.z_a", -3.0, 3.0, 0.1, 1),
            ("z_b", "ctl.z_b", -3.0, 3.0, 0.1, 1),
        ],
    }
}

/// A labelled range input `#{input_id}` set to `value`, with
/// its `<output>`, in a `div.fig-control` appended to `row`; moving it asks
/// for a recompute. Returns (input, output).
fn slider(
    doc: &Document,
    row: &Element,
    input_id: &str,
    (param, key, min, max, step, decimals): SliderSpec,
    value: f64,
    word: &dyn Fn(&str) -> String,
    shared: &Rc<RefCell<Shared>>,
) -> Result<(HtmlInputElement, Element), JsValue> {
    let control = el(doc, "div", "fig-control")?;
    let input: HtmlInputElement = el(doc, "input", "")?.dyn_into()?;
    input.set_type("range");
    input.set_id(input_id);
    input.set_min(&min.to_string());
    input.set_max(&max.to_string());
    input.set_step(&step.to_string());
    input.set_value(&value.to_string());
    input.set_attribute("data-param", param)?;
    input.set_attribute("aria-valuetext", &cf::num(value, decimals))?;
    let label = el(doc, "label", "")?;
    label.set_attribute("for", input_id)?;
    label.set_text_content(Some(&word(key)));
    let output = el(doc, "output", "")?;
    output.set_attribute("for", input_id)?;
    output.set_text_content(Some(&cf::num(value, decimals)));
    control.append_child(&label)?;
    control.append_child(&input)?;
    control.append_child(&output)?;
    row.append_child(&control)?;

    let (shared, shown) = (Rc::clone(shared), output.clone());
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let x = input.value_as_number();
        if !x.is_finite() {
            return;
        }
        let x = x.clamp(min, max);
        shown.set_text_content(Some(&cf::num(x, decimals)));
        let _ = input.set_attribute("aria-valuetext", &cf::num(x, decimals));
        request(&shared, param, x, decimals);
    });
    input.add_event_listener_with_callback("input", handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok((input, output))
}

/// Figure C.1's "new pair" button and the seed readout beside it, in `row`;
/// returns the readout.
fn new_pair_button(
    doc: &Document,
    row: &Element,
    values: &Values,
    word: &dyn Fn(&str) -> String,
    shared: &Rc<RefCell<Shared>>,
) -> Result<Element, JsValue> {
    let button = el(doc, "button", "")?;
    button.set_attribute("type", "button")?;
    button.set_attribute("data-param", "new_pair")?;
    button.set_text_content(Some(&word("ctl.new_pair")));
    row.append_child(&button)?;
    let seed_box = el(doc, "span", "fig-readout")?;
    seed_box.set_attribute("data-readout", "seed")?;
    seed_box.set_attribute("data-value", &values.seed.to_string())?;
    seed_box.set_text_content(Some(&format!("{} {}", word("ctl.seed"), values.seed)));
    row.append_child(&seed_box)?;
    let shared2 = Rc::clone(shared);
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        let seed = {
            let mut s = shared2.borrow_mut();
            s.values.seed = s.values.seed.wrapping_add(1);
            s.values.seed
        };
        request(&shared2, "seed", f64::from(seed), 0);
    });
    button.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok(seed_box)
}

/// The figure's readouts (a sentence and a hidden number), each entered in
/// `readouts` under its name; returns their `div.fig-readouts`.
fn readout_numbers(
    doc: &Document,
    kind: Kind,
    readouts: &mut HashMap<&'static str, Element>,
) -> Result<Element, JsValue> {
    let numbers = el(doc, "div", "fig-readouts")?;
    numbers.set_attribute("aria-live", "polite")?;
    let names: &[&'static str] = match kind {
        Kind::C1 => &["l1_out", "l1_in"],
        Kind::C2 => &["nonzero_a", "nonzero_b"],
        Kind::D4 => &["centre_c", "centre_d"],
    };
    for (k, &name) in names.iter().enumerate() {
        // The first holds the sentence, the second only its number.
        let span = el(doc, "span", if k == 0 { "fig-readout" } else { "" })?;
        span.set_attribute("data-readout", name)?;
        if k > 0 {
            span.set_attribute("hidden", "")?;
        }
        numbers.append_child(&span)?;
        readouts.insert(name, span);
    }
    Ok(numbers)
}
