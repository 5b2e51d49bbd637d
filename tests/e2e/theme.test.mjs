// The light / dark / automatic theme (issue 15): the control, the choice
// remembered, <html data-theme> set before the first paint, the page and the
// demos' canvases following in place, SVG figures repainted.
//
//   cd tests/e2e && node --test --test-reporter=spec theme.test.mjs

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertClean, frames, openPage, useSite } from "./lib.mjs";
import { chooseTheme, luminance } from "./whole_page.mjs";

const env = useSite({ browser: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: "light" } });

/** Demo 2's q(x) canvas: the mean luminance of its corner pixels (chart background) and a hash of all pixels. */
function qxCanvas(page) {
  return page.evaluate(() => {
    const c = document.querySelector('#demo_2 [data-plot="q_x"] canvas');
    const ctx = c.getContext("2d");
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const at = (x, y) => [...data.slice((y * c.width + x) * 4, (y * c.width + x) * 4 + 3)];
    let h = 0;
    for (let i = 0; i < data.length; i += 7) h = (h * 31 + data[i]) | 0;
    return { corners: [at(1, 1), at(c.width - 2, 1), at(1, c.height - 2), at(c.width - 2, c.height - 2)], hash: h, label: c.getAttribute("aria-label") };
  });
}

async function openDemo2(url) {
  const s = await openPage(env.browser, url);
  await s.page.evaluate(() => (document.getElementById("demo_2").open = true));
  await s.page.waitForFunction(() => {
    const c = document.querySelector('#demo_2 [data-plot="q_x"] canvas');
    return c && c.width > 0 && document.querySelector('.demo-root[data-demo="demo_2"]').hasAttribute("data-mounted");
  });
  await frames(s.page, 3);
  return s;
}

const bodyBackground = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe("theme", () => {
  it("switches to dark in place: the page and demo 2's q(x) canvas go dark, and back", async () => {
    const s = await openDemo2(env.site.url + "?lang=en");
    const { page } = s;
    assert.equal(await page.getAttribute("html", "data-theme"), "light", "automatic + light system = light");
    assert.equal(await page.getAttribute("html", "data-theme-choice"), "auto");
    const light = await qxCanvas(page);
    assert.ok(luminance(await bodyBackground(page)) > 0.8, "light page background");
    for (const px of light.corners) assert.ok(luminance(px) > 0.9, `light canvas corner ${px}`);

    const events = await page.evaluate(() => {
      window.__themeEvents = [];
      document.addEventListener("dpm:themechange", (e) => window.__themeEvents.push(e.detail.theme));
    });
    void events;
    const choice = await chooseTheme(page, "dark");
    assert.equal(choice, "dark");
    await page.waitForFunction(() => {
      const c = document.querySelector('#demo_2 [data-plot="q_x"] canvas');
      const px = c.getContext("2d").getImageData(1, 1, 1, 1).data;
      return px[0] < 60;
    });
    assert.ok(luminance(await bodyBackground(page)) < 0.25, "dark page background");
    const dark = await qxCanvas(page);
    for (const px of dark.corners) assert.ok(luminance(px) < 0.25, `dark canvas corner ${px}`);
    assert.notEqual(dark.hash, light.hash, "the chart was redrawn");
    assert.deepEqual(await page.evaluate(() => window.__themeEvents), ["dark"]);
    // Text and panels follow.
    const ink = await page.evaluate(() => getComputedStyle(document.querySelector(".panel > summary")).color);
    assert.ok(luminance(ink) > 0.3, `panel title is light on dark: ${ink}`);
    // The inline SVG figures' backgrounds follow too.
    const svgBg = await page.evaluate(() => {
      const r = document.querySelector('.fig-svg rect[fill="#FFFFFF"]');
      return r ? getComputedStyle(r).fill : null;
    });
    assert.ok(svgBg && luminance(svgBg) < 0.25, `figure background ${svgBg}`);

    // Reload: remembered, dark from the first frame (no light flash).
    await page.reload();
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    await chooseTheme(page, "light");
    assertClean(s);
    await s.close();
  });

  it("is dark before the first paint when remembered, and follows the system in automatic", async () => {
    const s = await openPage(env.browser, env.site.url);
    await s.page.evaluate(() => localStorage.setItem("dpm-theme", "dark"));
    // Record the theme the first time anything is painted.
    await s.page.addInitScript(() => {
      window.__firstPaintTheme = null;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.name === "first-paint" && window.__firstPaintTheme === null) {
            window.__firstPaintTheme = document.documentElement.dataset.theme || "none";
          }
        }
      }).observe({ type: "paint", buffered: true });
      document.addEventListener("readystatechange", () => {
        if (document.readyState === "interactive") window.__bgAtInteractive = getComputedStyle(document.body).backgroundColor;
      });
    });
    await s.page.reload();
    await s.page.waitForFunction(() => window.__firstPaintTheme !== null);
    assert.equal(await s.page.evaluate(() => window.__firstPaintTheme), "dark");
    assert.ok(luminance(await s.page.evaluate(() => window.__bgAtInteractive)) < 0.25, "dark when the document is parsed");

    // Automatic follows prefers-color-scheme, also while open.
    await s.page.evaluate(() => localStorage.setItem("dpm-theme", "auto"));
    await s.page.reload();
    assert.equal(await s.page.getAttribute("html", "data-theme"), "light");
    await s.page.emulateMedia({ colorScheme: "dark" });
    await s.page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    await s.page.emulateMedia({ colorScheme: "light" });
    await s.page.waitForFunction(() => document.documentElement.dataset.theme === "light");
    assertClean(s);
    await s.close();
  });

  it("respects prefers-reduced-motion: no animation or transition runs", async () => {
    const s = await openPage(env.browser, env.site.url);
    await s.page.emulateMedia({ reducedMotion: "reduce" });
    // The flash on a linked panel (an animation) and the panels' arrows (a transition).
    const timings = () =>
      s.page.evaluate(() => {
        const panel = document.querySelector("details.panel");
        panel.classList.add("flash");
        const summary = panel.querySelector("summary");
        return {
          flash: getComputedStyle(summary).animationDuration,
          arrow: getComputedStyle(summary, "::before").transitionDuration,
        };
      });
    assert.deepEqual(await timings(), { flash: "0s", arrow: "0s" });
    await s.page.emulateMedia({ reducedMotion: "no-preference" });
    const moving = await timings();
    assert.notEqual(moving.flash, "0s");
    assert.notEqual(moving.arrow, "0s");
    assertClean(s);
    await s.close();
  });

  it("the control is a named button in both languages", async () => {
    const s = await openPage(env.browser, env.site.url + "?lang=zh");
    const button = s.page.locator('[data-control="theme"]');
    assert.match(await button.getAttribute("aria-label"), /主题/);
    await s.page.locator('[data-control="language"]').click();
    // The swap fetches the other language's document first.
    await s.page.waitForFunction(() => document.documentElement.lang === "en");
    assert.match(await button.getAttribute("aria-label"), /Theme/);
    await button.focus();
    await s.page.keyboard.press("Enter");
    assert.equal(await s.page.getAttribute("html", "data-theme-choice"), "light");
    await s.page.evaluate(() => localStorage.removeItem("dpm-theme"));
    assertClean(s);
    await s.close();
  });
});
