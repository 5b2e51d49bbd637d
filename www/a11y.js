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

  function update(el) {
    // Inside a closed panel it has no box; measuring would lay out the
    // hidden content. The observer reports it when the panel opens.
    if (el.closest("details:not([open])")) return;
    // Exactly as axe judges it: even one pixel of overflow scrolls.
    const scrolls = el.scrollWidth > el.clientWidth;
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

  const observer = "ResizeObserver" in window
    ? new ResizeObserver((entries) => entries.forEach((e) => update(e.target)))
    : null;

  function scan() {
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (scrollers.has(el)) continue;
      scrollers.add(el);
      // The observer reports each size after the next layout, so nothing is
      // measured here: reading scrollWidth now would lay out every closed
      // panel's hidden content (a 2 s task on a phone at load).
      if (observer) observer.observe(el);
      else update(el);
    }
  }

  scan();
  // (The wrappers stay when a figure's SVG becomes a canvas, so no mutation
  // observer: one over the article would run on every readout a demo writes.)
  // A language switch may bring new content: look again then.
  document.addEventListener("dpm:langchange", () => {
    scan();
    scrollers.forEach(update);
  });
  window.addEventListener("resize", () => scrollers.forEach(update));
  // Typeset formulas (www/formulas.js) may be wider than their MathML.
  // Checked at once and again a little later, when fonts and layout have
  // settled (the typeset glyphs' fonts may still be arriving).
  let again = 0;
  document.addEventListener("dpm:formulas", () => {
    scrollers.forEach(update);
    clearTimeout(again);
    again = setTimeout(() => scrollers.forEach(update), 300);
  });
  // ...and wider again once KaTeX's fonts arrive (the box keeps its size, so
  // the resize observer does not report it).
  document.fonts?.addEventListener?.("loadingdone", () => scrollers.forEach(update));
})();
