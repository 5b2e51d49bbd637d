// Wide content that scrolls sideways on its own (display formulas, the
// diagrams, the wide figure table) can be scrolled with the keyboard: while
// it overflows it is a focusable, named group (tabindex=0); when it fits it
// is not, so narrow screens do not fill the tab order with formulas that
// need no scrolling. Kept current as panels open and the page resizes.
(() => {
  "use strict";
  const SELECTOR = ".math-display, .figure-scroll, .live-figure .fig-panel.wide";
  const NAMES = {
    en: { formula: "Formula, scrolls sideways", figure: "Figure, scrolls sideways" },
    zh: { formula: "公式，可左右滚动", figure: "图，可左右滚动" },
  };
  const root = document.documentElement;
  const lang = () => (root.lang === "zh" ? "zh" : "en");
  const scrollers = new Set();

  function name(el) {
    const words = NAMES[lang()];
    return el.classList.contains("math-display") ? words.formula : words.figure;
  }

  // Measuring an element in a body that content-visibility skips (off
  // screen) would lay that whole body out, 20-50 ms here and far more on a
  // phone. Such an element is taken to scroll (a tab stop, harmless if it
  // fits) until its body is rendered, and measured then.
  // A display formula skips its own content off screen too (style.css):
  // until its content is rendered it counts as skipped.
  const OWN = ".panel-content > .body > .math-display";
  const rendered = new WeakSet();
  const skipped = (el) =>
    (el.checkVisibility && !el.checkVisibility({ contentVisibilityAuto: true })) ||
    (el.matches(OWN) && !rendered.has(el));
  const closed = (el) => !el.isConnected || el.closest("details:not([open])");

  function measure(els) {
    // Every size read before any attribute is written: one layout for the
    // lot, not one per element. Exactly as axe judges it: even one pixel of
    // overflow scrolls.
    const scrolls = els.map((el) => el.scrollWidth > el.clientWidth);
    els.forEach((el, i) => mark(el, scrolls[i]));
  }

  function mark(el, scrolls) {
    // Only changes are written (each write restyles the element); the name
    // follows the language.
    const was = el.classList.contains("scrolls");
    if (scrolls === was && (!scrolls || el.getAttribute("aria-label") === name(el))) return;
    if (scrolls) {
      if (el.getAttribute("tabindex") !== "0") el.setAttribute("tabindex", "0");
      el.setAttribute("role", "group");
      el.setAttribute("aria-label", name(el));
      el.classList.add("scrolls");
    } else if (el.classList.contains("scrolls")) {
      el.removeAttribute("tabindex");
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
      el.classList.remove("scrolls");
    }
  }

  function update(list) {
    const now = [];
    for (const el of list) {
      if (closed(el)) continue;
      if (skipped(el)) mark(el, true);
      else now.push(el);
    }
    measure(now);
  }

  // Elements to check at the next frame (its layout is then done anyway).
  const pending = new Set();
  let frame = 0;
  function soon(list) {
    list.forEach((el) => pending.add(el));
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        const list = [...pending];
        pending.clear();
        update(list);
      });
    }
  }

  // A size change is acted on at the next frame, not in the observer's
  // callback: attributes written there are styled and laid out again within
  // the same frame, the one that just laid out whatever came into view
  // (frames of 90-120 ms while scrolling the expanded article).
  const observer = "ResizeObserver" in window
    ? new ResizeObserver((entries) => soon(entries.map((e) => e.target)))
    : null;

  function scan() {
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (scrollers.has(el)) continue;
      scrollers.add(el);
      // The observer reports each size after the next layout, so nothing is
      // measured here: reading scrollWidth now would lay out every closed
      // panel's hidden content (a 2 s task on a phone at load).
      if (observer) observer.observe(el);
      else soon([el]);
    }
  }

  scan();
  // (The wrappers stay when a figure's SVG becomes a canvas, so no mutation
  // observer: one over the article would run on every readout a demo writes.)
  // A language switch may bring new content: look again then.
  document.addEventListener("dpm:langchange", () => {
    scan();
    soon(scrollers);
  });
  window.addEventListener("resize", () => soon(scrollers));
  // A skipped body comes near the viewport and is rendered: measure its
  // scrollers at the next frame, when its layout is done anyway. (The event
  // does not bubble: caught on the way down.)
  document.addEventListener(
    "contentvisibilityautostatechange",
    (e) => {
      if (e.skipped) return rendered.delete(e.target);
      rendered.add(e.target);
      soon([...scrollers].filter((el) => e.target.contains(el)));
    },
    true,
  );
  // Typeset formulas (www/formulas.js) may be wider than their MathML:
  // checked at the next frame and again a little later, when fonts and
  // layout have settled (the typeset glyphs' fonts may still be arriving).
  const inBodies = (bodies) => [...scrollers].filter((el) => bodies.some((b) => b.contains(el)));
  let later = new Set();
  let again = 0;
  document.addEventListener("dpm:formulas", (e) => {
    const els = e.detail?.bodies ? inBodies(e.detail.bodies) : [...scrollers];
    soon(els);
    els.forEach((el) => later.add(el));
    clearTimeout(again);
    again = setTimeout(() => {
      soon(later);
      later = new Set();
    }, 300);
  });
  // ...and wider again once KaTeX's fonts arrive (the box keeps its size, so
  // the resize observer does not report it).
  document.fonts?.addEventListener?.("loadingdone", () => soon(scrollers));
})();
