// Light, dark or automatic theme. The first part runs from the head, before
// anything is painted (no `defer`), and sets <html data-theme="light|dark">,
// so the page never flashes in the wrong theme; the control in the toolbar
// ([data-control=theme]) cycles automatic -> light -> dark, remembers the
// choice (localStorage "dpm-theme") and fires `dpm:themechange` on document
// (detail: {theme, choice}), on which the demos redraw their canvases.
// Automatic follows `prefers-color-scheme`, also while the page is open.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "dpm-theme";
  var CHOICES = ["auto", "light", "dark"];
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function stored() {
    try {
      var v = localStorage.getItem(KEY);
      return CHOICES.indexOf(v) >= 0 ? v : "auto";
    } catch (e) {
      return "auto";
    }
  }

  function effective(choice) {
    if (choice === "light" || choice === "dark") return choice;
    return media && media.matches ? "dark" : "light";
  }

  var choice = stored();
  function apply(next, announce) {
    choice = next;
    var theme = effective(choice);
    var changed = root.getAttribute("data-theme") !== theme;
    root.setAttribute("data-theme", theme);
    root.setAttribute("data-theme-choice", choice);
    if (announce && changed) {
      document.dispatchEvent(new CustomEvent("dpm:themechange", { detail: { theme: theme, choice: choice } }));
    }
    label();
  }
  apply(choice, false);

  // ---- the control (once the toolbar exists) ------------------------------
  var WORDS = {
    en: { auto: "Auto", light: "Light", dark: "Dark", name: "Theme",
          hint: { auto: "follows your system", light: "light", dark: "dark" } },
    zh: { auto: "自动", light: "浅色", dark: "深色", name: "主题",
          hint: { auto: "跟随系统", light: "浅色", dark: "深色" } },
  };
  var button = null;

  function lang() {
    return root.lang === "zh" ? "zh" : "en";
  }

  function label() {
    if (!button) return;
    var w = WORDS[lang()];
    var next = CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length];
    button.setAttribute("data-value", choice);
    button.querySelector(".label").textContent = w[choice];
    // The name says what it is and what it is now; the title what a click does.
    button.setAttribute("aria-label", w.name + ": " + w[choice] + (choice === "auto" ? " (" + w.hint.auto + ")" : ""));
    button.title = (lang() === "zh" ? "切换到：" : "Switch to: ") + w[next];
  }

  function icon() {
    // Sun, moon and half disc drawn in SVG; CSS shows the one for the choice.
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "theme-icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var parts = [
      ["circle", { cx: 12, cy: 12, r: 4.5, class: "sun" }],
      ["path", { d: "M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1", class: "sun rays" }],
      ["path", { d: "M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z", class: "moon" }],
      ["circle", { cx: 12, cy: 12, r: 8, class: "auto ring" }],
      ["path", { d: "M12 4a8 8 0 0 1 0 16z", class: "auto half" }],
    ];
    parts.forEach(function (p) {
      var e = document.createElementNS(ns, p[0]);
      Object.keys(p[1]).forEach(function (k) { e.setAttribute(k, p[1][k]); });
      svg.appendChild(e);
    });
    return svg;
  }

  function mount() {
    if (button || document.querySelector('[data-control="theme"]')) return;
    var inner = document.querySelector(".toolbar-inner") || document.querySelector(".toolbar");
    if (!inner) return;
    button = document.createElement("button");
    button.type = "button";
    button.className = "switch theme-switch";
    button.setAttribute("data-control", "theme");
    button.appendChild(icon());
    var text = document.createElement("span");
    text.className = "label";
    button.appendChild(text);
    var before = inner.querySelector('[data-control="language"]');
    inner.insertBefore(button, before);
    button.addEventListener("click", function () {
      var next = CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length];
      try {
        localStorage.setItem(KEY, next);
      } catch (e) {
        // storage may be disabled; the switch still works for this visit
      }
      apply(next, true);
    });
    label();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
  document.addEventListener("dpm:langchange", label);

  // The system's preference changes (automatic only), or another tab chose.
  if (media) {
    var follow = function () { if (choice === "auto") apply("auto", true); };
    if (media.addEventListener) media.addEventListener("change", follow);
    else if (media.addListener) media.addListener(follow);
  }
  window.addEventListener("storage", function (e) {
    if (e.key === KEY) apply(stored(), true);
  });
})();
