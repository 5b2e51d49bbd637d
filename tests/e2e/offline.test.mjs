// Offline after one visit (issue 15): the service worker caches every file of
// the build; with the browser context's network off the page reloads, all 22
// panels render and a demo 2 alpha drag records a `demo_2:update` measure; a
// new build replaces the old cache; the manifest names our icons.
//
//   cd tests/e2e && node --test --test-reporter=spec offline.test.mjs

import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { assertClean, distDir, frames, openPage, PANEL_IDS, startServer, useSite, withBrowser } from "./lib.mjs";
import { openEverything } from "./whole_page.mjs";

const env = useSite({ browser: false });

/** Waits until the page is controlled by an activated worker; returns the cache names. */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
  return page.evaluate(() => caches.keys());
}

/**
 * A copy of the build served on its own port, opened in a fresh browser once
 * its worker controls the page: runs `test(dir, session)`, where `dir` is the
 * copy to change as a new build would, then checks the page stayed clean and
 * removes everything.
 */
async function withCopy(prefix, test) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await cp(distDir, dir, { recursive: true });
  const copy = await startServer(dir);
  try {
    await withBrowser({}, async (browser) => {
      const s = await openPage(browser, copy.url);
      await test(dir, s);
      assertClean(s);
      await s.close();
    });
  } finally {
    await copy.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Calls `read` every 200 ms, at most `tries` times, until `done` accepts its value; returns the last value. */
async function until(read, done, tries) {
  let value;
  for (let i = 0; i < tries; i++) {
    value = await read();
    if (done(value)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return value;
}

async function listFiles(dir, prefix = "") {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), prefix + e.name + "/")));
    else out.push(prefix + e.name);
  }
  return out;
}

describe("offline", () => {
  it("caches every file of the build, then reloads and works with the network off", async () => {
    await withBrowser({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 }, async (browser) => {
      const s = await openPage(browser, env.site.url + "?lang=en");
      const keys = await controlled(s.page);
      assert.equal(keys.length, 1, `one cache: ${keys}`);
      const cached = await s.page.evaluate(async (key) => {
        const cache = await caches.open(key);
        return (await cache.keys()).map((r) => new URL(r.url).pathname.slice(1));
      }, keys[0]);
      const files = (await listFiles(distDir)).filter((f) => f !== "sw.js");
      for (const f of files) assert.ok(cached.includes(f), `${f} cached`);
      assert.ok(cached.includes(""), "the folder itself (./) cached");

      await browser.setOffline(true);
      assert.equal(await s.page.evaluate(() => navigator.onLine), false, "the network is off");
      await s.page.reload();
      await openEverything(s.page);
      const panels = await s.page.evaluate(() =>
        [...document.querySelectorAll("details.panel")].map((p) => ({ id: p.id, open: p.open, h: p.getBoundingClientRect().height })),
      );
      assert.deepEqual(panels.map((p) => p.id), PANEL_IDS);
      for (const p of panels) assert.ok(p.open && p.h > 80, `${p.id} rendered (${p.h}px)`);
      // KaTeX fonts came from the cache too.
      assert.ok(await s.page.evaluate(() => document.fonts.check("16px KaTeX_Main")), "KaTeX fonts loaded");

      // A demo 2 alpha drag records a measure, computed by the cached wasm.
      const measures = await s.page.evaluate(async () => {
        const slider = document.querySelector('#demo_2 input[type="range"][data-param="alpha"]');
        slider.scrollIntoView({ block: "center" });
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        performance.clearMeasures("demo_2:update");
        for (const v of ["0.9", "0.8", "0.7"]) {
          await frame();
          slider.value = v;
          slider.dispatchEvent(new Event("input", { bubbles: true }));
        }
        await frame();
        await frame();
        return performance.getEntriesByName("demo_2:update", "measure").length;
      });
      assert.ok(measures >= 1, `demo_2:update measures offline: ${measures}`);
      // Another address of the same document (?lang=zh#demo_2) works offline.
      await s.page.goto(env.site.url + "?lang=zh#demo_2");
      assert.equal(await s.page.getAttribute("html", "lang"), "zh");
      await browser.setOffline(false);
      assertClean(s);
      await s.close();
    });
  });

  it("a new build replaces the old cache", async () => {
    await withCopy("dpm-offline-", async (dir, s) => {
      const [first] = await controlled(s.page);
      // "Build" again: a changed file and so a new version in sw.js.
      const sw = await readFile(path.join(dir, "sw.js"), "utf8");
      const version = sw.match(/version: "([0-9a-f]+)"/)[1];
      await writeFile(path.join(dir, "sw.js"), sw.replace(`version: "${version}"`, `version: "${version}0"`));
      await s.page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        await reg.update();
      });
      // The new worker installs (a new cache), activates and drops the old one.
      const keys = await until(() => s.page.evaluate(() => caches.keys()), (k) => k.length === 1 && k[0] !== first, 100);
      assert.deepEqual(keys, [first + "0"]);
      const active = await s.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).active.state);
      assert.equal(active, "activated");
    });
  });

  it("a development build (no worker named in the page) gets the newest page and removes the worker", async () => {
    await withCopy("dpm-offline-dev-", async (dir, s) => {
      await controlled(s.page);
      // As `trunk serve` would serve it: no dpm-service-worker meta.
      const index = path.join(dir, "index.html");
      const html = await readFile(index, "utf8");
      await writeFile(index, html.replace(/<meta name="dpm-service-worker"[^>]*>/, "<!-- dev -->"));
      await s.page.reload();
      assert.equal(await s.page.evaluate(() => document.querySelector('meta[name="dpm-service-worker"]')), null, "the new page, not the cached one");
      const registrations = await until(
        () => s.page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
        (n) => n === 0,
        50,
      );
      assert.equal(registrations, 0, "the worker is unregistered");
    });
  });

  it("has a web app manifest with our icons", async () => {
    const manifest = JSON.parse(await readFile(path.join(distDir, "manifest.webmanifest"), "utf8"));
    assert.equal(manifest.start_url, "./");
    assert.equal(manifest.scope, "./");
    assert.equal(manifest.display, "standalone");
    const sizes = manifest.icons.map((i) => i.sizes);
    assert.ok(sizes.includes("192x192") && sizes.includes("512x512"), "192 and 512 px icons");
    assert.ok(manifest.icons.some((i) => i.purpose === "maskable"), "a maskable icon");
    for (const icon of manifest.icons) {
      const bytes = await readFile(path.join(distDir, icon.src));
      if (icon.type === "image/png") {
        assert.equal(bytes.readUInt32BE(16), Number(icon.sizes.split("x")[0]), `${icon.src} width`);
      }
    }
    await withBrowser({}, async (browser) => {
      const s = await openPage(browser, env.site.url);
      const href = await s.page.evaluate(() => document.querySelector('link[rel="manifest"]').href);
      assert.equal(href, env.site.url + "manifest.webmanifest");
      await frames(s.page, 2);
      assertClean(s);
      await s.close();
    });
  });
});
