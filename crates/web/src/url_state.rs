//! The demos' controls in the page's URL, so a link reproduces them (issue 14).
//!
//! Every numeric control and checkbox registers itself when built
//! ([`register_number`], [`register_check`]); its key is `{demo}.{param}`
//! (`demo_2.alpha=0.500`). Only values that differ from the default are
//! written, with `history.replaceState` at most every [`WRITE_MS`]
//! (`dpm:urlflush` on `document` writes at once: the share buttons send it
//! before reading the address). An apply demo whose result matches its
//! controls adds `{demo}.apply=1`, and opening such a link applies it when
//! the demo's panel is (or becomes) open, each applied demo after the one
//! before it (3.2 and 3.3 take 3.1's chain).
//!
//! When a demo mounts ([`restore_demo`]; demos mount lazily, when their
//! panel first opens) each of its keys present is checked with the control's own parser: a valid value goes through the
//! field as if typed (so the demo updates the usual way); a bad, out-of-range
//! or off-step value leaves the default and says so beside the control.
//! Other query keys (`lang`, `open`, written by `www/reader.js`) are kept.
//!
//! A value with a text form of its own registers as a [`UrlValue`]
//! ([`register_value`]): the reader's drawn q(x) (`crate::sketch`), which
//! checks a link's text itself and says beside its buttons when it is bad.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlInputElement};

use crate::dom::{self, Control, Parsed};
use crate::i18n::FieldMessage;

/// Least time between two writes of the address.
const WRITE_MS: i32 = 250;

/// Longest wait for an idle period before the address is written anyway.
const IDLE_MS: u32 = 1000;

enum Kind {
    Number {
        control: Rc<Control>,
        default: f64,
    },
    Check {
        input: HtmlInputElement,
        default: bool,
    },
    Value(Rc<dyn UrlValue>),
}

/// A value kept in the URL in a text form of its own.
pub trait UrlValue {
    /// The text to write, or `None` at the default (not written).
    fn text(&self) -> Option<String>;
    /// Takes a link's text; a bad one keeps the default and says so.
    fn restore(&self, text: &str);
}

struct Entry {
    demo: String,
    param: &'static str,
    kind: Kind,
}

impl Entry {
    fn key(&self) -> String {
        format!("{}.{}", self.demo, self.param)
    }

    /// The value as written in the URL, or `None` at the default.
    fn text(&self) -> Option<String> {
        match &self.kind {
            Kind::Number { control, default } => {
                (control.value() != *default).then(|| control.spec.format(control.value()))
            }
            Kind::Check { input, default } => (input.checked() != *default)
                .then(|| if input.checked() { "1" } else { "0" }.into()),
            Kind::Value(v) => v.text(),
        }
    }
}

#[derive(Default)]
struct Registry {
    entries: Vec<Entry>,
    /// Per apply demo: its controls' URL texts when apply was last pressed.
    applied: Vec<(String, Vec<Option<String>>)>,
    /// A write is scheduled.
    pending: bool,
    timer: Option<Closure<dyn FnMut()>>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

/// Registers a numeric control of `demo` with its default.
pub fn register_number(demo: &str, control: &Rc<Control>, default: f64) {
    REGISTRY.with(|r| {
        r.borrow_mut().entries.push(Entry {
            demo: demo.to_string(),
            param: control.param,
            kind: Kind::Number {
                control: Rc::clone(control),
                default,
            },
        })
    });
}

/// Registers a checkbox of `demo` with its default; its changes are written.
pub fn register_check(demo: &str, param: &'static str, input: &HtmlInputElement, default: bool) {
    REGISTRY.with(|r| {
        r.borrow_mut().entries.push(Entry {
            demo: demo.to_string(),
            param,
            kind: Kind::Check {
                input: input.clone(),
                default,
            },
        })
    });
    let _ = dom::listen(input, "change", |_| touched());
}

/// Registers `value` of `demo` under `param`; it calls [`touched`] when it
/// changes.
pub fn register_value(demo: &str, param: &'static str, value: Rc<dyn UrlValue>) {
    REGISTRY.with(|r| {
        r.borrow_mut().entries.push(Entry {
            demo: demo.to_string(),
            param,
            kind: Kind::Value(value),
        })
    });
}

/// `demo` (if it is an apply demo) has just applied its current values
/// without its button: a drawn q(x) re-applies demo 3.1's chain.
pub fn applied_now(demo: &str) {
    REGISTRY.with(|r| {
        let Ok(mut r) = r.try_borrow_mut() else {
            return;
        };
        let now = snapshot(&r.entries, demo);
        if let Some(a) = r.applied.iter_mut().find(|a| a.0 == demo) {
            a.1 = now;
        }
    });
}

/// A control changed: write the address soon (at most every [`WRITE_MS`]).
pub fn touched() {
    let schedule = REGISTRY.with(|r| {
        let Ok(mut r) = r.try_borrow_mut() else {
            return false;
        };
        if r.pending {
            return false;
        }
        r.pending = true;
        if r.timer.is_none() {
            r.timer = Some(Closure::new(write_when_idle));
        }
        true
    });
    if !schedule {
        return;
    }
    let scheduled = REGISTRY.with(|r| {
        let r = r.borrow();
        let (Some(window), Some(timer)) = (web_sys::window(), r.timer.as_ref()) else {
            return false;
        };
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                timer.as_ref().unchecked_ref(),
                WRITE_MS,
            )
            .is_ok()
    });
    if !scheduled {
        REGISTRY.with(|r| r.borrow_mut().pending = false);
    }
}

/// Writes the address in the browser's next idle period (within
/// [`IDLE_MS`]) when no demo is applying. `replaceState` saves the scroll
/// position, which lays out a page whose layout is stale: during an apply
/// that is the whole expanded article (20 ms), in idle time it is clean.
fn write_when_idle() {
    thread_local! {
        static IDLE: Closure<dyn FnMut()> = Closure::new(|| {
            REGISTRY.with(|r| {
                if let Ok(mut r) = r.try_borrow_mut() {
                    r.pending = false
                }
            });
            // Not while a demo applies (its slices keep the layout stale):
            // schedule the write again instead.
            if crate::apply::any_running() {
                touched();
            } else {
                write();
            }
        });
    }
    let requested = IDLE.with(|idle| {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_MS);
        web_sys::window().is_some_and(|w| {
            w.request_idle_callback_with_options(idle.as_ref().unchecked_ref(), &options)
                .is_ok()
        })
    });
    if !requested {
        REGISTRY.with(|r| r.borrow_mut().pending = false);
        write();
    }
}

/// The URL texts of `demo`'s controls, in registration order.
fn snapshot(entries: &[Entry], demo: &str) -> Vec<Option<String>> {
    entries
        .iter()
        .filter(|e| e.demo == demo)
        .map(Entry::text)
        .collect()
}

/// Writes every control's value (and applied demos) into the address now.
pub fn write() {
    if crate::stopped() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    let params = url.search_params();
    REGISTRY.with(|r| {
        let Ok(r) = r.try_borrow() else { return };
        for e in &r.entries {
            match e.text() {
                Some(text) => params.set(&e.key(), &text),
                None => params.delete(&e.key()),
            }
        }
        for (demo, at_apply) in &r.applied {
            let key = format!("{demo}.apply");
            if *at_apply == snapshot(&r.entries, demo) {
                params.set(&key, "1");
            } else {
                params.delete(&key);
            }
        }
    });
    let new = url.href();
    if new == href {
        return;
    }
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&new));
    }
}

fn apply_button(root: &Element) -> Option<web_sys::HtmlElement> {
    root.query_selector("button[data-param=apply]")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into().ok())
}

/// Starts listening for `dpm:urlflush` (the share buttons). Call once, at start.
pub fn init() -> Result<(), JsValue> {
    dom::listen(&dom::document(), "dpm:urlflush", |_| write())
}

/// Demo `demo` has just mounted in `root`: puts the URL's values into its
/// controls, applies it if the URL says it was applied (when its panel, or
/// a later applied demo's, is open), and starts recording its changes.
/// Demos mount lazily, dependencies first (`lazy.rs`), so 3.1 is restored
/// before 3.2 and 3.3 and applied before them.
pub fn restore_demo(demo: &str, root: &Element) -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    let params = web_sys::UrlSearchParams::new_with_str(&window.location().search()?)?;
    let button = apply_button(root);
    if let Some(button) = &button {
        // Not applied yet: a snapshot no set of controls has.
        let never = vec![Some(String::from("\u{0}"))];
        REGISTRY.with(|r| r.borrow_mut().applied.push((demo.to_string(), never)));
        let d = demo.to_string();
        dom::listen(button, "click", move |_| {
            applied_now(&d);
            touched();
        })?;
    }
    restore_values(demo, &params)?;
    // Its applied result, after any demo queued before it.
    let Some(button) = button else {
        return Ok(());
    };
    if params.get(&format!("{demo}.apply")).as_deref() != Some("1") {
        return Ok(());
    }
    let panel = root.closest("details")?;
    if let Some(p) = &panel {
        dom::listen(p, "toggle", |_| apply_queued())?;
    }
    QUEUE.with(|q| {
        q.borrow_mut().push(Pending {
            root: root.clone(),
            button,
            panel,
        })
    });
    apply_queued();
    Ok(())
}

/// Values from the URL into `demo`'s controls, through each control's own
/// validation: a bad value keeps the default and says so beside the control.
fn restore_values(demo: &str, params: &web_sys::UrlSearchParams) -> Result<(), JsValue> {
    let entries: Vec<(String, usize)> = REGISTRY.with(|r| {
        r.borrow()
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.demo == demo)
            .map(|(i, e)| (e.key(), i))
            .collect()
    });
    for (key, i) in entries {
        let Some(text) = params.get(&key) else {
            continue;
        };
        // Set outside the borrow: the change handlers call `touched`.
        let action = REGISTRY.with(|r| {
            let r = r.borrow();
            match &r.entries[i].kind {
                Kind::Number { control, default } => {
                    match dom::parse(&text, &control.spec, *default) {
                        Parsed::Value(v) => {
                            Restore::Field(control.field.clone(), control.spec.format(v))
                        }
                        _ => Restore::Refuse(Rc::clone(control), control.spec.format(*default)),
                    }
                }
                Kind::Check { input, .. } => match text.as_str() {
                    "1" | "true" => Restore::Check(input.clone(), true),
                    "0" | "false" => Restore::Check(input.clone(), false),
                    _ => Restore::Ignore,
                },
                Kind::Value(v) => Restore::Value(Rc::clone(v)),
            }
        });
        match action {
            Restore::Field(field, value) => {
                field.set_value(&value);
                field.dispatch_event(&web_sys::Event::new("change")?)?;
            }
            Restore::Refuse(control, default) => {
                let given: String = text.chars().take(24).collect();
                control.note(FieldMessage::FromLink { given, default });
            }
            Restore::Check(input, checked) => {
                if input.checked() != checked {
                    input.set_checked(checked);
                    input.dispatch_event(&web_sys::Event::new("change")?)?;
                }
            }
            Restore::Value(v) => v.restore(&text),
            Restore::Ignore => {}
        }
    }
    Ok(())
}

/// An apply demo the URL says was applied, waiting to be applied here.
struct Pending {
    root: Element,
    button: web_sys::HtmlElement,
    panel: Option<Element>,
}

impl Pending {
    fn is_open(&self) -> bool {
        self.panel.as_ref().is_none_or(|p| p.has_attribute("open"))
    }
}

thread_local! {
    /// Applied demos still to apply, in page order.
    static QUEUE: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    /// The demo being applied from the URL, until its runner is no longer running.
    static APPLYING: RefCell<Option<Element>> = const { RefCell::new(None) };
    static POLL: RefCell<Option<Closure<dyn FnMut()>>> = const { RefCell::new(None) };
}

/// Applies the queued demos one after the other (3.2 and 3.3 take 3.1's
/// chain, so each waits for the one before it to finish), up to the last
/// one whose panel is open: an earlier demo is applied even while closed
/// (its panels are drawn when opened), a later closed one when it opens.
fn apply_queued() {
    if crate::stopped() || APPLYING.with(|a| a.borrow().is_some()) {
        return;
    }
    let next = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        // Nothing to do until one of them (or a later one) is open.
        q.iter().rposition(Pending::is_open)?;
        Some(q.remove(0))
    });
    let Some(next) = next else { return };
    APPLYING.with(|a| *a.borrow_mut() = Some(next.root.clone()));
    next.button.click();
    poll_applying();
}

/// Checks every 50 ms whether the demo being applied is done (or failed, or
/// refused), then applies the next.
fn poll_applying() {
    let running = APPLYING.with(|a| {
        a.borrow()
            .as_ref()
            .is_some_and(|root| root.get_attribute("data-state").as_deref() == Some("running"))
    });
    if !running {
        APPLYING.with(|a| *a.borrow_mut() = None);
        apply_queued();
        return;
    }
    POLL.with(|p| {
        let mut p = p.borrow_mut();
        let poll = p.get_or_insert_with(|| Closure::new(poll_applying));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                poll.as_ref().unchecked_ref(),
                50,
            );
        }
    });
}

enum Restore {
    Field(HtmlInputElement, String),
    Refuse(Rc<Control>, String),
    Check(HtmlInputElement, bool),
    Value(Rc<dyn UrlValue>),
    Ignore,
}
