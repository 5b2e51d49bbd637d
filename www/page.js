// Page behaviour that needs no wasm: the language switch, expand/collapse all,
// and opening the panel a `#id` link points at. Demos listen for
// `dpm:langchange` (detail: {lang}) on document to relabel themselves.
//
// The document holds one language's panels (index.html English,
// index.zh.html Chinese; lang.js opened the reader's one). Switching fetches
// the other document once, takes its panel titles and bodies, and swaps them
// in place: the <details> (open or not), the demos beside the bodies and the
// reading position stay; the bodies taken out are kept for switching back.
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

  // ---- language ---------------------------------------------------------------
  // The language whose panel text is in the document now.
  let contentLang = currentLang();
  // Per language: panel id -> { title, body } elements not in the document.
  const parked = { en: null, zh: null };
  const loading = { en: null, zh: null };
  let switching = 0;

  const documentHref = (lang) =>
    document.querySelector(`link[rel="alternate"][hreflang="${lang}"]`)?.getAttribute("href") || null;

  function panelParts(doc) {
    const parts = new Map();
    for (const panel of doc.querySelectorAll("details.panel")) {
      const title = panel.querySelector(":scope > summary .panel-title");
      const body = panel.querySelector(":scope > .panel-content > .body");
      if (panel.id && title && body) parts.set(panel.id, { title, body });
    }
    return parts;
  }

  // Fetches `lang`'s document once and keeps its panel parts.
  function load(lang) {
    if (parked[lang]) return Promise.resolve();
    const href = documentHref(lang);
    if (!href) return Promise.reject(new Error(`no document for ${lang}`));
    loading[lang] ||= fetch(href)
      .then((response) => {
        if (!response.ok) throw new Error(`${href}: ${response.status}`);
        return response.text();
      })
      .then((text) => {
        parked[lang] = panelParts(new DOMParser().parseFromString(text, "text/html"));
      })
      .finally(() => (loading[lang] = null));
    return loading[lang];
  }

  // Puts `lang`'s titles and bodies in place of the current ones (parked).
  function swapContent(lang) {
    const incoming = parked[lang];
    const outgoing = panelParts(document);
    for (const [id, now] of outgoing) {
      const next = incoming.get(id);
      if (!next) continue;
      now.title.replaceWith(document.adoptNode(next.title));
      now.body.replaceWith(document.adoptNode(next.body));
    }
    parked[contentLang] = outgoing;
    parked[lang] = null;
    contentLang = lang;
  }

  function labelLanguageButton(lang) {
    if (!langButton) return;
    const other = lang === "en" ? "zh" : "en";
    langButton.textContent = other === "zh" ? "中文" : "English";
    langButton.lang = other;
    langButton.title = other === "zh" ? "切换到中文" : "Switch to English";
    const href = documentHref(other);
    if (href && langButton.matches("a")) {
      langButton.setAttribute("href", href);
      langButton.setAttribute("hreflang", other);
    }
  }

  // The address of `lang`'s document (this one's when `same`), keeping the
  // query and the #id.
  function addressFor(lang, same = false) {
    const href = same ? null : documentHref(lang);
    const url = new URL(href || location.href, location.href);
    url.search = location.search;
    url.hash = location.hash;
    if (url.searchParams.has("lang")) url.searchParams.set("lang", lang);
    return url;
  }

  function applyLang(lang, { store, keepPosition }) {
    const anchor = keepPosition ? readingAnchor() : null;
    const same = lang === root.lang;
    if (lang !== contentLang && parked[lang]) swapContent(lang);
    root.lang = lang;
    document.title = TITLES[lang];
    labelLanguageButton(lang);
    if (store) remember(lang);
    const url = addressFor(lang, same);
    if (url.href !== location.href) history.replaceState(history.state, "", url);
    restoreAnchor(anchor);
    document.dispatchEvent(new CustomEvent("dpm:langchange", { detail: { lang } }));
  }

  function setLang(lang, { store = true, keepPosition = true } = {}) {
    lang = lang === "zh" ? "zh" : "en";
    const ticket = ++switching;
    if (store) remember(lang);
    if (lang === contentLang || parked[lang]) {
      applyLang(lang, { store: false, keepPosition });
      return;
    }
    langButton?.setAttribute("aria-busy", "true");
    load(lang)
      .then(() => ticket === switching && applyLang(lang, { store: false, keepPosition }))
      .catch(() => {
        if (ticket !== switching) return;
        // Not fetched (offline, a file:// page): open that document instead;
        // with no such document (a page holding both languages), switch here.
        if (documentHref(lang)) location.assign(addressFor(lang));
        else applyLang(lang, { store: false, keepPosition });
      })
      .finally(() => ticket === switching && langButton?.removeAttribute("aria-busy"));
  }

  langButton?.addEventListener("click", (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    setLang(currentLang() === "en" ? "zh" : "en");
  });
  // Fetch the other language as soon as the reader reaches for the switch.
  const prefetch = () => load(currentLang() === "en" ? "zh" : "en").catch(() => {});
  langButton?.addEventListener("pointerenter", prefetch, { passive: true });
  langButton?.addEventListener("focus", prefetch);

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
  // reader.js (loaded after this file) resolves its targets the same way.
  // (An own property: `window.<id>` would otherwise name an element.)
  window.dpmPage = { resolve };

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
