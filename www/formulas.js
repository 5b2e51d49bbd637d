// KaTeX's typesetting for the formulas being read. The documents carry each
// formula as MathML (light: the page loads with under 20,000 elements, and
// screen readers and script-less readers get real math); KaTeX's HTML of
// every formula is in formulas.json (crates/article writes it beside the
// documents, indexed by each <math>'s data-f). When an open panel's body
// comes near the viewport, its formulas are put in KaTeX's form: the HTML
// shown, the same MathML kept inside it for assistive technology, exactly as
// KaTeX's own "htmlAndMathml" output nests them. A few milliseconds of it
// per task, so "expand all" stays a row of short tasks. Without this script (or offline
// before the file was cached) the MathML stays and reads correctly.
(() => {
  "use strict";
  const SLICE_MS = 6; // DOM work per task
  const FACES = [
    "1em KaTeX_Main", "bold 1em KaTeX_Main", "italic 1em KaTeX_Math", "italic bold 1em KaTeX_Math",
    "1em KaTeX_Caligraphic", "1em KaTeX_AMS",
    "1em KaTeX_Size1", "1em KaTeX_Size2", "1em KaTeX_Size3", "1em KaTeX_Size4",
  ];
  const TODO = "math[data-f]:not(.katex-mathml > math):not([data-f-skip])";
  let table = null;
  let loading = null;
  const queue = [];
  let scheduled = false;

  // KaTeX's stylesheet, once. A stylesheet added restyles and lays out the
  // whole document: while every panel is closed that is cheap, so it comes
  // in the first idle time after load rather than with the first panel.
  let styles = null;
  function loadCss() {
    styles ||= new Promise((resolve, reject) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL("katex/katex.min.css", document.baseURI).href;
      link.onload = resolve;
      link.onerror = reject;
      document.head.append(link);
    });
    return styles;
  }

  // formulas.json and KaTeX's stylesheet and fonts, once; upgrades wait for all.
  function load() {
    if (loading) return loading;
    const css = loadCss();
    const json = fetch(new URL("formulas.json", document.baseURI))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`formulas.json: ${r.status}`))));
    // The faces the article's formulas use, loaded before the first formula
    // is typeset: each face arriving later would lay out every formula in
    // the page again (ten of them, tasks of 50-130 ms after "expand all").
    const faces = css.then(() =>
      Promise.all(FACES.map((face) => document.fonts?.load(face).catch(() => {}))),
    );
    loading = Promise.all([json, faces]).then(([t]) => {
      table = Array.isArray(t) ? t : [];
    });
    loading.catch(() => {}); // the MathML stays
    return loading;
  }

  function upgradeOne(math) {
    const html = table[Number(math.getAttribute("data-f"))];
    // A formula with no typeset form keeps its MathML (and is not tried again).
    const skip = () => math.setAttribute("data-f-skip", "");
    if (typeof html !== "string" || !html) return skip();
    const t = document.createElement("template");
    t.innerHTML = html;
    const outer = t.content.firstElementChild;
    const katex = outer?.classList.contains("katex") ? outer : outer?.querySelector(".katex");
    if (!katex) return skip();
    const holder = document.createElement("span");
    holder.className = "katex-mathml";
    // KaTeX's MathML output wraps the <math> in span.katex (and display
    // formulas in span.katex-display): the new form takes the wrapper's place.
    const wrapper = math.parentElement?.closest(".katex-display") || math.parentElement?.closest(".katex");
    (wrapper && wrapper.contains(math) && !wrapper.querySelector(".katex-html") ? wrapper : math).replaceWith(outer);
    holder.append(math);
    katex.prepend(holder);
  }

  function work() {
    scheduled = false;
    const start = performance.now();
    const bodies = new Set();
    // A few milliseconds of DOM work per task: the frame after it lays out
    // only what changed (a whole body's formulas at once cost "expand all"
    // tasks of 200-700 ms in the expanded article).
    while (queue.length && performance.now() - start < SLICE_MS) {
      const body = queue[0];
      const left = body.querySelectorAll(TODO);
      if (!left.length) {
        queue.shift();
        continue;
      }
      bodies.add(body);
      for (const math of left) {
        upgradeOne(math);
        if (performance.now() - start >= SLICE_MS) break;
      }
    }
    if (queue.length) schedule();
    // What was typeset may now scroll sideways (a11y.js checks these bodies).
    if (bodies.size) document.dispatchEvent(new CustomEvent("dpm:formulas", { detail: { bodies: [...bodies] } }));
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      setTimeout(work, 0);
    }
  }

  function want(body) {
    if (queue.includes(body)) return;
    queue.push(body);
    load().then(schedule, () => {});
  }

  const observer = new IntersectionObserver(
    (entries) => entries.forEach((e) => e.isIntersecting && want(e.target)),
    { rootMargin: "1000px 0px" },
  );
  const watched = new WeakSet();
  function watch() {
    for (const body of document.querySelectorAll(".panel-content > .body")) {
      if (watched.has(body) || !body.querySelector("math[data-f]")) continue;
      watched.add(body);
      observer.observe(body);
    }
  }
  // Nothing is watched until a panel opens (every panel is closed at load;
  // observing their bodies then would only cost the page a layout).
  let watching = false;
  function start() {
    if (watching) return;
    watching = true;
    document.removeEventListener("toggle", onToggle, true);
    watch();
    // A language switch brings the other language's bodies.
    document.addEventListener("dpm:langchange", watch);
  }
  function onToggle(event) {
    if (event.target instanceof HTMLDetailsElement && event.target.open) start();
  }
  // `toggle` does not bubble: listen in the capture phase for every panel.
  document.addEventListener("toggle", onToggle, true);
  if (document.querySelector("details.panel[open]")) start();
  const whenIdle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
  const cssSoon = () => whenIdle(() => loadCss().catch(() => {}), { timeout: 3000 });
  if (document.readyState === "complete") cssSoon();
  else window.addEventListener("load", cssSoon, { once: true });
  // A reader reaching for a panel: start fetching before it opens.
  document.addEventListener("pointerover", (e) => e.target.closest?.("details.panel > summary") && load(), { passive: true });
  document.addEventListener("focusin", (e) => e.target.closest?.("details.panel > summary") && load());
  // Print: typeset every formula first (the MathML would print too, but less well).
  window.addEventListener("beforeprint", () => {
    if (!table) return;
    for (const body of document.querySelectorAll(".panel-content > .body")) {
      for (const math of body.querySelectorAll(TODO)) upgradeOne(math);
    }
  });
})();
