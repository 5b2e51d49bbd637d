// Registers the service worker that keeps the whole site for offline use
// (sw.js). Only release builds name it (<meta name="dpm-service-worker">,
// added by crates/site), so `trunk serve` never installs one. Its scope is
// its folder, so the site works from any folder of any static host.
(() => {
  "use strict";
  const meta = document.querySelector('meta[name="dpm-service-worker"]');
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  if (!meta) {
    // A development build: a worker left by a release build on the same
    // address would serve stale files; remove it.
    navigator.serviceWorker
      .getRegistrations()
      .then((all) => all.forEach((r) => r.unregister()))
      .catch(() => {});
    return;
  }
  const register = () =>
    navigator.serviceWorker
      .register(meta.content, { updateViaCache: "none" })
      .catch((e) => console.warn("offline copy not available:", e));
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
