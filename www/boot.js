// Starts the demos' WebAssembly when it is first wanted, not during page load:
// when a panel opens (a reader's click, "expand all", a #id link), or else
// once the page has loaded and the browser is idle, so that the article's
// text paints first and the module is ready before most readers open a demo.
// Trunk writes this tag (Trunk.toml, `pattern_script`) with the hashed names
// of wasm-bindgen's module in data-js and of the wasm in data-wasm. An
// external file, not an inline script, so a strict CSP can forbid those.
(() => {
  "use strict";
  const me = document.currentScript;
  const js = me?.dataset.js;
  const wasm = me?.dataset.wasm;
  if (!js || !wasm) return;
  let started = false;

  function start() {
    if (started) return;
    started = true;
    document.removeEventListener("toggle", onToggle, true);
    const base = new URL(me.src, location.href);
    import(new URL(js, base).href)
      .then((bindings) => bindings.default({ module_or_path: new URL(wasm, base).href }))
      .catch((error) => console.error("the demos could not start:", error));
  }

  function onToggle(event) {
    if (event.target instanceof HTMLDetailsElement && event.target.open) start();
  }

  // `toggle` does not bubble: listen in the capture phase for every panel.
  document.addEventListener("toggle", onToggle, true);
  if (document.querySelector("details[open]")) start();
  const idle = () =>
    "requestIdleCallback" in window ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 200);
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
})();
