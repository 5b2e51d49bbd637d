//! Fresh seeds (issue 16): a dice button `[data-action=random-seed]` beside
//! every seed field draws a seed from the browser's random source
//! (`getrandom`, whose `wasm_js` backend calls `crypto.getRandomValues`) and
//! enters it as if typed: the field's own `change` handling validates and
//! commits it, so a live demo redraws at once and an apply demo uses it on
//! the next apply, exactly as with a typed seed.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, HtmlButtonElement};

use crate::dom::{self, Control};
use crate::i18n;

/// Adds the dice to `control`'s row.
pub fn attach(control: &Rc<Control>) -> Result<(), JsValue> {
    let b: HtmlButtonElement =
        dom::child(&control.row, "button", "demo-button dice")?.dyn_into()?;
    b.set_type("button");
    b.set_attribute("data-action", "random-seed")?;
    b.set_attribute("aria-controls", &control.field.id())?;
    let glyph = dom::child(&b, "span", "dice-glyph")?;
    glyph.set_attribute("aria-hidden", "true")?;
    glyph.set_text_content(Some("⚄"));
    // The accessible name, in the page's language like every label.
    dom::bilingual(
        &dom::child(&b, "span", "visually-hidden")?,
        i18n::RANDOM_SEED,
    )?;
    let me = Rc::clone(control);
    dom::listen(&b, "click", move |_| {
        if crate::stopped() {
            return;
        }
        match getrandom::u32() {
            Ok(seed) => {
                me.field.set_value(&seed.to_string());
                if let Ok(ev) = Event::new("change") {
                    let _ = me.field.dispatch_event(&ev);
                }
            }
            Err(_) => me.say(i18n::NO_RANDOM),
        }
    })
}
