// Accessibility (issue 15): axe-core 4.10 finds no violation with every panel
// open and every apply demo applied, in both languages and both themes; every
// canvas has a text alternative that follows its redraws; every slider has
// aria-valuetext.
//
//   cd tests/e2e && node --test --test-reporter=spec a11y.test.mjs

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { after, before, describe, it } from "node:test";
import { assertClean, frames, openPage, useSite } from "./lib.mjs";
import { applyEverything, chooseTheme, openEverything } from "./whole_page.mjs";

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

const env = useSite({ browser: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 } });

/** Runs axe on the page (evaluated through the devtools protocol: the page's CSP forbids injected scripts). */
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      count: v.nodes.length,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(0, 3).join(" ")}`),
    }));
  });
}

/** Resolves once the page has been idle (50 ms idle periods) five times running. */
function idle(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let quiet = 0;
        const check = (deadline) => {
          quiet = deadline.timeRemaining() >= 45 ? quiet + 1 : 0;
          if (quiet >= 5) resolve();
          else requestIdleCallback(check, { timeout: 1000 });
        };
        requestIdleCallback(check, { timeout: 1000 });
      }),
  );
}

describe("accessibility", () => {
  let s;
  before(async () => {
    s = await openPage(env.browser, env.site.url + "?lang=en");
    await openEverything(s.page);
    await applyEverything(s.page);
  });
  after(async () => {
    assertClean(s);
    await s?.close();
  });

  for (const [lang, theme] of [["en", "light"], ["en", "dark"], ["zh", "dark"], ["zh", "light"]]) {
    it(`axe: no violations, every panel open and every demo applied (${lang}, ${theme})`, async () => {
      if ((await s.page.getAttribute("html", "lang")) !== lang) {
        await s.page.locator('[data-control="language"]').click();
        await frames(s.page, 3);
      }
      await chooseTheme(s.page, theme);
      // www/a11y.js measures the scrollers of off-screen bodies as they are
      // rendered: axe judges the settled page (a reader cannot tab that fast).
      await idle(s.page);
      const violations = await axe(s.page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    });
  }

  it("every canvas has a text alternative, renewed on redraw, and every slider aria-valuetext", async () => {
    const missing = await s.page.evaluate(() =>
      [...document.querySelectorAll("canvas")]
        .filter((c) => c.getClientRects().length > 0 && c.width > 0)
        .filter((c) => !(c.getAttribute("role") === "img" && (c.getAttribute("aria-label") || "").trim().length > 8))
        .map((c) => c.closest("[data-plot], figure")?.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(missing, []);
    const sliders = await s.page.evaluate(() =>
      [...document.querySelectorAll('input[type="range"]')].map((r) => ({ p: r.dataset.param, v: r.getAttribute("aria-valuetext") })),
    );
    assert.ok(sliders.length > 5);
    for (const x of sliders) assert.ok(x.v && x.v.length > 0, `slider ${x.p} aria-valuetext`);
    // Demo 2's q(z) label says its alpha and changes with it.
    const label = () => s.page.getAttribute('#demo_2 [data-plot="q_z"] canvas', "aria-label");
    const beforeLabel = await label();
    await s.page.evaluate(() => {
      const slider = document.querySelector('#demo_2 input[type="range"][data-param="alpha"]');
      slider.value = "0.5";
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await frames(s.page, 4);
    const afterLabel = await label();
    assert.notEqual(afterLabel, beforeLabel, "label renewed");
    assert.match(afterLabel, /\d\.\d{2}/, "with numbers");
    // The slider says its new value.
    assert.equal(await s.page.getAttribute('#demo_2 input[type="range"][data-param="alpha"]', "aria-valuetext"), "0.500");
  });
});
