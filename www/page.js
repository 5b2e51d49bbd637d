// Page behaviour that needs no wasm: the language switch, expand/collapse all,
// and opening the panel a `#id` link points at. Demos listen for
// `dpm:langchange` (detail: {lang}) on document to relabel themselves.
(() => {
  "use strict";

  const root = document.documentElement;
  const STORE_KEY = "dpm-lang";
  const TITLES = {
    en: "Understanding Diffusion Probability Model Interactively",
    zh: "交互式理解扩散概率模型",
  };
  const EXPAND_LABELS = {
    en: ["Expand all", "Collapse all"],
    zh: ["全部展开", "全部折叠"],
  };
  const langButton = document.querySelector('[data-control="language"]');
  const expandButton = document.querySelector('[data-control="expand-all"]');
  const toolbar = document.querySelector(".toolbar");

  const panels = () => Array.from(document.querySelectorAll("details.panel"));
  const currentLang = () => (root.lang === "zh" ? "zh" : "en");
  const toolbarHeight = () => (toolbar ? toolbar.getBoundingClientRect().height : 0);

  function remember(lang) {
    try {
      localStorage.setItem(STORE_KEY, lang);
    } catch (_) {
      // storage may be disabled; the switch still works for this visit
    }
  }

  // ---- reading position ---------------------------------------------------
  // The panel under the toolbar and how far into it the reader is, so the same
  // place can be put back after the layout changes (languages differ in length).
  function readingAnchor() {
    const top = toolbarHeight();
    for (const panel of panels()) {
      const r = panel.getBoundingClientRect();
      if (r.bottom > top + 1) {
        const fraction = r.top < top && r.height > 0 ? (top - r.top) / r.height : 0;
        return { panel, top: r.top, fraction };
      }
    }
    return null;
  }

  function restoreAnchor(anchor) {
    if (!anchor) return;
    const r = anchor.panel.getBoundingClientRect();
    const want = anchor.fraction > 0 ? toolbarHeight() - anchor.fraction * r.height : anchor.top;
    window.scrollBy({ top: r.top - want, left: 0, behavior: "instant" });
  }

  // ---- language -------------------------------------------------------------
  function labelLanguageButton(lang) {
    if (!langButton) return;
    const other = lang === "en" ? "zh" : "en";
    langButton.textContent = other === "zh" ? "中文" : "English";
    langButton.lang = other;
    langButton.title = other === "zh" ? "切换到中文" : "Switch to English";
  }

  function setLang(lang, { store = true, keepPosition = true } = {}) {
    lang = lang === "zh" ? "zh" : "en";
    const anchor = keepPosition ? readingAnchor() : null;
    root.lang = lang;
    document.title = TITLES[lang];
    labelLanguageButton(lang);
    if (store) remember(lang);
    const url = new URL(location.href);
    if (url.searchParams.has("lang") && url.searchParams.get("lang") !== lang) {
      url.searchParams.set("lang", lang);
      history.replaceState(history.state, "", url);
    }
    restoreAnchor(anchor);
    document.dispatchEvent(new CustomEvent("dpm:langchange", { detail: { lang } }));
  }

  langButton?.addEventListener("click", () => setLang(currentLang() === "en" ? "zh" : "en"));

  // ---- expand / collapse all ------------------------------------------------
  const allOpen = () => panels().every((p) => p.open);

  function labelExpandButton() {
    if (!expandButton) return;
    const open = allOpen();
    expandButton.setAttribute("aria-pressed", String(open));
    for (const label of expandButton.querySelectorAll(".label")) {
      const labels = EXPAND_LABELS[label.lang] || EXPAND_LABELS.en;
      label.textContent = labels[open ? 1 : 0];
    }
  }

  expandButton?.addEventListener("click", () => {
    const open = !allOpen();
    const anchor = readingAnchor();
    for (const panel of panels()) panel.open = open;
    restoreAnchor(anchor);
    labelExpandButton();
  });

  // `toggle` does not bubble; listen in the capture phase for every panel.
  let labelQueued = false;
  document.addEventListener(
    "toggle",
    (event) => {
      if (!(event.target instanceof Element) || !event.target.matches("details.panel")) return;
      if (labelQueued) return;
      labelQueued = true;
      requestAnimationFrame(() => {
        labelQueued = false;
        labelExpandButton();
      });
    },
    true,
  );

  // ---- #id links --------------------------------------------------------------
  // Anchors written in the content exist once per language; the Chinese copy's
  // id carries a `zh-` prefix (see crates/article). Links and URLs say `#id`.
  function resolve(id) {
    if (!id) return null;
    if (currentLang() === "zh") {
      const zh = document.getElementById("zh-" + id);
      if (zh) return zh;
    }
    return document.getElementById(id);
  }

  function hashId() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (_) {
      return location.hash.slice(1);
    }
  }

  function reveal(id, smooth) {
    const el = resolve(id);
    if (!el) return false;
    for (let d = el.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true;
    const isPanel = el.matches("details.panel");
    const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: isPanel ? "start" : "center", behavior: smooth && !still ? "smooth" : "instant" });
    const flashed = isPanel ? el : el.closest("details.panel");
    if (flashed) {
      flashed.classList.remove("flash");
      void flashed.offsetWidth; // restart the animation
      flashed.classList.add("flash");
    }
    if (!isPanel) {
      el.classList.add("cited");
      setTimeout(() => el.classList.remove("cited"), 2000);
    }
    return true;
  }

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    if (!link) return;
    const id = decodeURIComponent(link.getAttribute("href").slice(1));
    if (!resolve(id)) return;
    event.preventDefault();
    if (hashId() !== id) history.pushState(null, "", "#" + encodeURIComponent(id));
    reveal(id, true);
  });

  window.addEventListener("hashchange", () => reveal(hashId(), false));

  // ---- print: every panel open ------------------------------------------------
  let closedBeforePrint = [];
  window.addEventListener("beforeprint", () => {
    closedBeforePrint = panels().filter((p) => !p.open);
    for (const p of closedBeforePrint) p.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const p of closedBeforePrint) p.open = false;
    closedBeforePrint = [];
  });

  // ---- start ----------------------------------------------------------------------
  const asked = new URLSearchParams(location.search).get("lang");
  const explicit = asked === "en" || asked === "zh";
  setLang(explicit ? asked : currentLang(), { store: explicit, keepPosition: false });
  labelExpandButton();
  if (location.hash) {
    reveal(hashId(), false);
    // Web fonts can shift the layout after this; put the target back at the top
    // on load unless the reader has moved since.
    let moved = false;
    const stop = () => (moved = true);
    for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
      window.addEventListener(type, stop, { once: true, passive: true });
    }
    window.addEventListener("load", () => moved || reveal(hashId(), false), { once: true });
  }
})();
