// Reader tools (issue 14), no dependency on the wasm: the page's state in its
// address (language and open panels here; the demos' controls are written by
// the wasm, crates/web/src/url_state.rs), a share button per demo, the table
// of contents with the current panel marked, a reading-progress bar, preview
// cards for citations and equation references, and keyboard shortcuts.
//
// Everything is read from what the page shows in the current language when it
// is needed (titles, reference entries, formulas), and rebuilt on
// `dpm:langchange`, so it works whether the page holds both languages or only
// the current one.
(() => {
  "use strict";
  performance.mark("reader:start");

  const root = document.documentElement;
  const lang = () => (root.lang === "zh" ? "zh" : "en");
  const WRITE_MS = 250;

  const WORDS = {
    en: {
      contents: "Contents",
      demo: "Demo",
      toggle: "Contents",
      share: "Share",
      copied: "Link copied.",
      copyByHand: "Copy this link:",
      reference: "Reference",
      equation: (tag) => `Equation ${tag}`,
      help: "Keyboard shortcuts",
      close: "Close",
      keys: [
        ["?", "Show this help"],
        ["t", "Show or hide the table of contents"],
        ["[", "Previous section (opens it)"],
        ["]", "Next section (opens it)"],
        ["Esc", "Close a card, the contents drawer or this dialog"],
        ["Tab", "Move between links, controls and buttons"],
      ],
      keysNote: "The letter shortcuts do nothing while you type in a field.",
      badLang: (v) => `The link asks for the language “${v}”, which this page does not have; showing English.`,
      badOpen: (v) => `The link names sections that do not exist (${v}); they were ignored.`,
      progress: "Reading progress",
    },
    zh: {
      contents: "目录",
      demo: "演示",
      toggle: "目录",
      share: "分享",
      copied: "链接已复制。",
      copyByHand: "请手动复制这个链接：",
      reference: "参考文献",
      equation: (tag) => `式 ${tag}`,
      help: "键盘快捷键",
      close: "关闭",
      keys: [
        ["?", "显示本帮助"],
        ["t", "显示或隐藏目录"],
        ["[", "上一节（并展开）"],
        ["]", "下一节（并展开）"],
        ["Esc", "关闭预览卡片、目录抽屉或本对话框"],
        ["Tab", "在链接、控件和按钮之间移动"],
      ],
      keysNote: "在输入框中输入时，字母快捷键不会生效。",
      badLang: (v) => `链接指定的语言“${v}”不存在，已显示英文。`,
      badOpen: (v) => `链接中有不存在的章节（${v}），已忽略。`,
      progress: "阅读进度",
    },
  };
  const w = (key) => WORDS[lang()][key];

  const toolbar = document.querySelector(".toolbar");
  const article = document.querySelector("#article") || document.body;
  const panels = () => Array.from(document.querySelectorAll("details.panel[id]"));
  const toolbarHeight = () => (toolbar ? toolbar.getBoundingClientRect().height : 0);

  function el(tag, attrs = {}, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  }

  // The element of `node` in the current language: a `[lang]` child shown now,
  // or the node itself when the page holds one language only.
  function shown(node, selector) {
    if (!node) return null;
    return node.querySelector(`${selector}[lang="${lang()}"]`) || node.querySelector(selector) || null;
  }

  function panelTitle(panel) {
    const summary = panel.querySelector(":scope > summary");
    const title = shown(summary, ".panel-title") || summary;
    return (title ? title.textContent : panel.id).trim();
  }

  // `#id` targets: the Chinese copy of an in-body anchor may carry a `zh-`
  // prefix; page.js (loaded first) finds them.
  const resolve = (id) => window.dpmPage.resolve(id);

  function hrefId(link) {
    const href = link.getAttribute("href") || "";
    if (!href.startsWith("#")) return "";
    try {
      return decodeURIComponent(href.slice(1));
    } catch (_) {
      return href.slice(1);
    }
  }

  // ---- the address: language and open panels ------------------------------------
  // Written with replaceState at most every WRITE_MS; other keys (the demos')
  // and the fragment are kept.
  function stateUrl(extraOpen) {
    const url = new URL(location.href);
    url.searchParams.set("lang", lang());
    const open = panels().filter((p) => p.open).map((p) => p.id);
    if (extraOpen && !open.includes(extraOpen)) open.push(extraOpen);
    if (open.length) url.searchParams.set("open", open.join(","));
    else url.searchParams.delete("open");
    return url;
  }

  let writeTimer = 0;
  function writeNow() {
    clearTimeout(writeTimer);
    writeTimer = 0;
    const url = stateUrl();
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  }
  function writeSoon() {
    if (!writeTimer) writeTimer = setTimeout(writeNow, WRITE_MS);
  }

  let notice = null;
  function showNotice(messages) {
    if (!messages.length) return;
    notice = el("p", { class: "url-notice", role: "status", "data-notice": "url" });
    notice._messages = messages;
    notice.textContent = messages.map((m) => w(m[0])(m[1])).join(" ");
    article.prepend(notice);
  }

  function restoreFromUrl() {
    const params = new URLSearchParams(location.search);
    const problems = [];
    // page.js has already put a valid language in the address; the link's own
    // value is the navigation's.
    let asked = params.get("lang");
    try {
      const nav = performance.getEntriesByType("navigation")[0];
      if (nav) asked = new URL(nav.name).searchParams.get("lang");
    } catch (_) {}
    if (asked !== null && asked !== "en" && asked !== "zh") problems.push(["badLang", asked.slice(0, 24)]);
    const open = params.get("open");
    if (open !== null) {
      const wanted = new Set(open.split(",").filter(Boolean));
      const known = new Set(panels().map((p) => p.id));
      const unknown = [...wanted].filter((id) => !known.has(id));
      if (unknown.length) problems.push(["badOpen", unknown.slice(0, 5).join(", ").slice(0, 80)]);
      // A `#id` target stays open (page.js opened it).
      let hashPanel = null;
      try {
        hashPanel = resolve(decodeURIComponent(location.hash.slice(1)))?.closest("details.panel");
      } catch (_) {}
      for (const p of panels()) p.open = wanted.has(p.id) || p === hashPanel;
    }
    showNotice(problems);
  }

  // ---- share buttons ----------------------------------------------------------------
  function shareLink(panelId) {
    // The wasm writes the demos' controls at once on this event.
    document.dispatchEvent(new CustomEvent("dpm:urlflush"));
    const url = stateUrl(panelId);
    url.hash = panelId;
    return url.href;
  }

  function ensureShareButtons() {
    for (const demo of document.querySelectorAll(".demo-root[data-demo]")) {
      const panel = demo.closest("details.panel");
      if (!panel) continue;
      let row = panel.querySelector(":scope .demo-share");
      if (!row) {
        row = el("div", { class: "demo-share" });
        const button = el("button", {
          type: "button",
          class: "switch share-button",
          "data-action": "share",
          "data-demo": demo.getAttribute("data-demo"),
        });
        const status = el("span", { class: "share-status", role: "status", "aria-live": "polite" });
        const fallback = el("input", { class: "share-link", type: "text", readonly: "", hidden: "" });
        row.append(button, status, fallback);
        demo.before(row);
        button.addEventListener("click", () => share(panel.id, row));
      }
      labelShare(row);
    }
  }

  function labelShare(row) {
    const button = row.querySelector("[data-action=share]");
    button.textContent = w("share");
    const fallback = row.querySelector(".share-link");
    fallback.setAttribute("aria-label", w("copyByHand"));
    const status = row.querySelector(".share-status");
    if (status.dataset.said) status.textContent = w(status.dataset.said);
  }

  async function share(panelId, row) {
    const link = shareLink(panelId);
    const status = row.querySelector(".share-status");
    const fallback = row.querySelector(".share-link");
    const say = (key) => {
      status.dataset.said = key;
      status.textContent = w(key);
    };
    try {
      if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
      await navigator.clipboard.writeText(link);
      fallback.hidden = true;
      say("copied");
      clearTimeout(row._timer);
      row._timer = setTimeout(() => {
        status.textContent = "";
        delete status.dataset.said;
      }, 4000);
    } catch (_) {
      // No clipboard (permission, insecure page): the link to copy by hand.
      say("copyByHand");
      fallback.value = link;
      fallback.hidden = false;
      fallback.focus();
      fallback.select();
    }
  }

  // ---- table of contents -------------------------------------------------------
  const toc = el("nav", { class: "toc", id: "toc", "data-control": "toc" });
  const tocHeading = el("p", { class: "toc-heading", id: "toc-heading" });
  const tocList = el("ol", { class: "toc-list" });
  toc.setAttribute("aria-labelledby", "toc-heading");
  toc.append(tocHeading, tocList);
  const backdrop = el("div", { class: "toc-backdrop", hidden: "" });
  const tocToggle = el("button", {
    type: "button",
    class: "switch toc-toggle",
    "data-control": "toc-toggle",
    "aria-controls": "toc",
    "aria-expanded": "false",
  });
  const wide = window.matchMedia("(min-width: 1200px)");

  function buildToc() {
    tocHeading.textContent = w("contents");
    tocToggle.innerHTML = "";
    tocToggle.append(el("span", { class: "toc-icon", "aria-hidden": "true" }), el("span", { class: "label" }, w("toggle")));
    const current = tocList.querySelector('[aria-current="location"]')?.getAttribute("href");
    tocList.textContent = "";
    for (const panel of panels()) {
      const li = el("li", {});
      const a = el("a", { href: "#" + panel.id }, panelTitle(panel));
      if (panel.classList.contains("demo") || panel.querySelector(".demo-root")) {
        li.className = "is-demo";
        a.dataset.kind = "demo";
        a.append(" ", el("span", { class: "toc-badge" }, w("demo")));
      }
      if (a.getAttribute("href") === current) a.setAttribute("aria-current", "location");
      li.append(a);
      tocList.append(li);
    }
  }

  const drawerOpen = () => root.classList.contains("toc-open");
  function setDrawer(open, { focus = true } = {}) {
    root.classList.toggle("toc-open", open);
    tocToggle.setAttribute("aria-expanded", String(open));
    backdrop.hidden = !open;
    if (open && focus) (tocList.querySelector('[aria-current="location"]') || tocList.querySelector("a"))?.focus();
    else if (!open && focus && toc.contains(document.activeElement)) tocToggle.focus();
  }
  function toggleToc() {
    if (wide.matches) {
      const collapsed = root.classList.toggle("toc-collapsed");
      tocToggle.setAttribute("aria-expanded", String(!collapsed));
    } else {
      setDrawer(!drawerOpen());
    }
  }

  tocToggle.addEventListener("click", () => setDrawer(!drawerOpen()));
  backdrop.addEventListener("click", () => setDrawer(false));
  toc.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a") && drawerOpen()) setDrawer(false, { focus: false });
  });
  // A tap outside the drawer closes it (the backdrop covers the page below 1200 px).
  document.addEventListener("pointerdown", (event) => {
    if (!drawerOpen() || !(event.target instanceof Node)) return;
    if (toc.contains(event.target) || tocToggle.contains(event.target)) return;
    setDrawer(false, { focus: false });
  });
  wide.addEventListener("change", () => {
    setDrawer(false, { focus: false });
    tocToggle.setAttribute("aria-expanded", String(wide.matches && !root.classList.contains("toc-collapsed")));
  });

  // ---- current panel and reading progress --------------------------------------
  const progress = el("div", { class: "reading-progress", "aria-hidden": "true" });
  const progressBar = el("span", { class: "reading-progress-bar" });
  progress.append(progressBar);

  // The panel under the reader's eyes: the first one still below the toolbar's
  // edge. The last panels cannot scroll up to that edge: at the bottom of the
  // page, the one the reader went to (a link, `[`/`]`) stays current while shown.
  let pinned = null;
  function currentPanel() {
    const top = toolbarHeight() + 1;
    const all = panels();
    const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    if (pinned && atBottom && pinned.isConnected) {
      const r = pinned.getBoundingClientRect();
      if (r.top >= 0 && r.top < window.innerHeight) return pinned;
    }
    for (const p of all) if (p.getBoundingClientRect().bottom > top) return p;
    return all[all.length - 1] || null;
  }

  let lastCurrent = null;
  function updatePosition() {
    // Every read first, then the writes: a write before a read would make the
    // browser lay out the (long) page again within this frame.
    const toolbarBottom = toolbar ? toolbar.getBoundingClientRect().bottom : 0;
    const max = document.documentElement.scrollHeight - window.innerHeight;
    const fraction = max > 0 ? Math.min(1, Math.max(0, window.scrollY / max)) : 0;
    const panel = currentPanel();
    const href = panel ? "#" + panel.id : null;
    const changed = href !== lastCurrent || !tocList.querySelector('[aria-current="location"]');
    let sidebarScroll = 0;
    const link = changed ? Array.from(tocList.querySelectorAll("a")).find((a) => a.getAttribute("href") === href) : null;
    if (link && wide.matches && !drawerOpen()) {
      // Keep the marked entry in view in the sidebar.
      const r = link.getBoundingClientRect();
      const box = toc.getBoundingClientRect();
      if (r.top < box.top || r.bottom > box.bottom) sidebarScroll = r.top - box.top - box.height / 3;
    }

    // The sidebar starts under the toolbar (which sticks once the masthead is
    // gone). Set on the sidebar alone and only on a change: a property set on
    // the root would restyle the whole page.
    const top = toolbar && wide.matches ? `${Math.max(0, Math.round(toolbarBottom))}px` : "";
    if (toc.style.getPropertyValue("top") !== top) {
      if (top) toc.style.setProperty("top", top);
      else toc.style.removeProperty("top");
    }
    progressBar.style.setProperty("transform", `scaleX(${fraction.toFixed(4)})`);
    if (!changed) return;
    lastCurrent = href;
    for (const a of tocList.querySelectorAll("[aria-current]")) if (a !== link) a.removeAttribute("aria-current");
    if (link) link.setAttribute("aria-current", "location");
    if (sidebarScroll) toc.scrollTop += sidebarScroll;
  }

  let frame = 0;
  function positionSoon() {
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        updatePosition();
      });
    }
  }
  window.addEventListener("scroll", positionSoon, { passive: true });
  const pin = () => {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (_) {}
    const target = resolve(id);
    pinned = target ? target.closest("details.panel") : null;
    positionSoon();
  };
  window.addEventListener("hashchange", pin);
  for (const type of ["wheel", "touchmove"]) window.addEventListener(type, () => (pinned = null), { passive: true });
  window.addEventListener("popstate", pin);
  document.addEventListener("click", (event) => {
    const a = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    if (!a) return;
    const target = resolve(hrefId(a));
    if (target) pinned = target.closest("details.panel");
    // page.js scrolls smoothly; follow it.
    positionSoon();
  });
  window.addEventListener("resize", positionSoon, { passive: true });

  // ---- previews of citations and equations --------------------------------------
  const card = el("div", { class: "preview-card", id: "dpm-preview", role: "tooltip", hidden: "" });
  let cardFor = null;
  let hideTimer = 0;
  let lastPointer = "mouse";

  // What a link previews: a reference entry or a tagged formula, else null.
  function previewOf(link) {
    if (!(link instanceof Element)) return null;
    const a = link.closest("a[href^='#']");
    if (!a || a.closest("#toc, .preview-card")) return null;
    const target = resolve(hrefId(a));
    if (!target) return null;
    if (a.classList.contains("eqref") || target.classList.contains("eq-anchor")) {
      const math = target.closest(".math-display") || target.parentElement;
      const display = math && (math.querySelector(".katex-display") || math.querySelector(".katex"));
      if (!display) return null;
      return { a, kind: "equation", tag: a.dataset.eq || hrefId(a).replace(/^eq-/, ""), node: display };
    }
    const refPanel = target.closest("#reference, details.panel.reference");
    if (refPanel && target !== refPanel) {
      const entry = target.closest("li") || target;
      return { a, kind: "reference", node: entry, href: target.getAttribute("href") };
    }
    return null;
  }

  function cleanClone(node) {
    const copy = node.cloneNode(true);
    for (const e of [copy, ...copy.querySelectorAll("[id]")]) e.removeAttribute?.("id");
    for (const e of copy.querySelectorAll("a")) e.setAttribute("tabindex", "-1");
    return copy;
  }

  function showCard(p) {
    clearTimeout(hideTimer);
    if (cardFor === p.a && !card.hidden) return;
    hideCard();
    card.textContent = "";
    card.dataset.kind = p.kind;
    const label = el("p", { class: "preview-label" }, p.kind === "equation" ? w("equation")(p.tag) : w("reference"));
    const body = el("div", { class: "preview-body" });
    // Equations in the page's own display wrapper (room for the tag number).
    const copy = cleanClone(p.node);
    if (p.kind === "equation") {
      const wrap = el("div", { class: "math-display" });
      wrap.append(copy);
      body.append(wrap);
    } else {
      body.append(copy);
    }
    card.append(label, body);
    if (p.href) {
      try {
        card.append(el("p", { class: "preview-url" }, new URL(p.href).host));
      } catch (_) {}
    }
    card.hidden = false;
    cardFor = p.a;
    p.a.setAttribute("aria-describedby", card.id);
    placeCard(p.a);
  }

  function placeCard(a) {
    const r = a.getBoundingClientRect();
    const margin = 8;
    const width = Math.min(card.offsetWidth, window.innerWidth - 2 * margin);
    let left = Math.min(Math.max(margin, r.left), window.innerWidth - width - margin);
    let top = r.bottom + 6;
    if (top + card.offsetHeight > window.innerHeight - margin && r.top - 6 - card.offsetHeight > toolbarHeight()) {
      top = r.top - 6 - card.offsetHeight;
    }
    card.style.setProperty("left", `${left + window.scrollX}px`);
    card.style.setProperty("top", `${top + window.scrollY}px`);
  }

  function hideCard() {
    clearTimeout(hideTimer);
    if (cardFor) cardFor.removeAttribute("aria-describedby");
    cardFor = null;
    card.hidden = true;
  }
  const hideSoon = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideCard, 200);
  };

  // Whether the card already showed this link's preview when the tap began
  // (focusing the link on touch shows it too, before the click).
  let tapOnShown = false;
  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType || "mouse";
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    tapOnShown = !!link && cardFor === link && !card.hidden;
    if (!card.hidden && event.target instanceof Node && !card.contains(event.target) && !cardFor?.contains(event.target)) hideCard();
  });
  document.addEventListener("mouseover", (event) => {
    if (lastPointer === "touch") return;
    const p = previewOf(event.target);
    if (p) showCard(p);
    else if (card.contains(event.target)) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", (event) => {
    if (!cardFor) return;
    const from = event.target;
    const to = event.relatedTarget;
    const inside = (n) => n instanceof Node && (card.contains(n) || cardFor.contains(n));
    if (inside(from) && !inside(to)) hideSoon();
  });
  document.addEventListener("focusin", (event) => {
    const p = previewOf(event.target);
    if (p) showCard(p);
  });
  document.addEventListener("focusout", (event) => {
    if (cardFor && event.target === cardFor) hideCard();
  });
  // A tap shows the card first; a second tap on the same link follows it.
  document.addEventListener(
    "click",
    (event) => {
      const p = previewOf(event.target);
      if (!p) return;
      if (lastPointer !== "touch" || tapOnShown) {
        hideCard(); // the link is followed
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      showCard(p);
    },
    true,
  );
  window.addEventListener("resize", () => cardFor && placeCard(cardFor), { passive: true });

  // ---- keyboard --------------------------------------------------------------------
  const help = el("dialog", { class: "help-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "help-title" });
  function buildHelp() {
    help.textContent = "";
    const title = el("h2", { id: "help-title" }, w("help"));
    const list = el("dl", { class: "help-keys" });
    for (const [key, what] of w("keys")) {
      const dt = el("dt", {});
      dt.append(el("kbd", {}, key));
      list.append(dt, el("dd", {}, what));
    }
    const note = el("p", { class: "help-note" }, w("keysNote"));
    const close = el("button", { type: "button", class: "switch help-close", "data-action": "close-help" }, w("close"));
    close.addEventListener("click", () => help.close());
    help.append(title, list, note, close);
  }
  let focusBeforeHelp = null;
  function openHelp() {
    if (help.open) return;
    focusBeforeHelp = document.activeElement;
    hideCard();
    help.showModal();
    help.querySelector(".help-close")?.focus();
  }
  help.addEventListener("close", () => focusBeforeHelp?.focus?.());
  help.addEventListener("click", (event) => {
    if (event.target === help) help.close(); // a click on the backdrop
  });

  function typing(target) {
    if (!(target instanceof Element)) return false;
    return !!target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
  }

  function goPanel(step) {
    const all = panels();
    if (!all.length) return;
    const now = currentPanel();
    let i = now ? all.indexOf(now) : -1;
    // At the top of the page, "next" is the first panel.
    if (now && step > 0 && now.getBoundingClientRect().top > toolbarHeight() + 40) i -= 1;
    const next = all[Math.min(all.length - 1, Math.max(0, i + step))];
    pinned = next;
    next.open = true;
    next.scrollIntoView({ block: "start", behavior: "instant" });
    next.querySelector(":scope > summary")?.focus({ preventScroll: true });
    updatePosition();
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (!card.hidden) {
        hideCard();
        return;
      }
      if (drawerOpen()) {
        setDrawer(false);
        return;
      }
      return;
    }
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || help.open) return;
    switch (event.key) {
      case "?":
        openHelp();
        break;
      case "t":
      case "T":
        toggleToc();
        break;
      case "[":
        goPanel(-1);
        break;
      case "]":
        goPanel(1);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // ---- language -------------------------------------------------------------------
  function relabel() {
    buildToc();
    buildHelp();
    ensureShareButtons();
    for (const row of document.querySelectorAll(".demo-share")) labelShare(row);
    if (notice) notice.textContent = notice._messages.map((m) => w(m[0])(m[1])).join(" ");
    hideCard();
    lastCurrent = null;
    // After the layout the browser does anyway (reading positions now would force it early).
    positionSoon();
  }
  document.addEventListener("dpm:langchange", () => {
    relabel();
    writeSoon();
  });
  document.addEventListener(
    "toggle",
    (event) => {
      if (event.target instanceof Element && event.target.matches("details.panel")) {
        writeSoon();
        positionSoon();
      }
    },
    true,
  );

  // ---- start -------------------------------------------------------------------------
  restoreFromUrl();
  if (location.hash) pin();
  const tools = toolbar?.querySelector(".toolbar-inner");
  if (tools) tools.insertBefore(tocToggle, tools.querySelector('[data-control="expand-all"]'));
  else document.body.prepend(tocToggle);
  (toolbar || document.body).after(toc);
  document.body.append(backdrop, progress, card, help);
  root.classList.add("has-toc");
  relabel();
  tocToggle.setAttribute("aria-expanded", String(wide.matches));
  // Its cost at load, for the page budgets (BENCHMARKS.md).
  performance.measure("reader:init", "reader:start");
})();
