// Picks the language before the first paint (page.js does the rest): ?lang=
// wins, then the remembered choice, else English. Loaded without `defer` from
// the head, as a file rather than inline so the page's Content-Security-Policy
// can forbid inline scripts.
(function () {
  var lang = null;
  try {
    var q = new URLSearchParams(location.search).get("lang");
    lang = q === "en" || q === "zh" ? q : localStorage.getItem("dpm-lang");
  } catch (e) {}
  if (lang === "zh" || lang === "en") document.documentElement.lang = lang;
})();
