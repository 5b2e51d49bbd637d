// Runs in the head, before the first paint: opens the document of the
// reader's language. Each language is its own pre-rendered document
// (index.html, index.zh.html; crates/article writes both and links them with
// <link rel="alternate" hreflang>). `?lang=` wins, then the remembered choice
// (localStorage "dpm-lang", written by page.js), else the document asked for.
// An external file, not an inline script, so a strict CSP can forbid those.
(function () {
  "use strict";
  var want = null;
  try {
    var q = new URLSearchParams(location.search).get("lang");
    want = q === "en" || q === "zh" ? q : localStorage.getItem("dpm-lang");
  } catch (e) {
    // storage may be disabled: stay on this document
  }
  // The documents link each other with relative URLs (dist/ works from any
  // folder); search engines want the alternates' addresses in full.
  var alts = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < alts.length; i++) alts[i].setAttribute("href", alts[i].href);
  if ((want !== "en" && want !== "zh") || want === document.documentElement.lang) return;
  var alt = document.querySelector('link[rel="alternate"][hreflang="' + want + '"]');
  if (alt) location.replace(alt.href + location.search + location.hash);
})();
