// Formulas: MathML in the documents at load (light, readable without script),
// KaTeX's typesetting once a panel is read (www/formulas.js, formulas.json),
// with the same MathML kept inside for assistive technology.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { frames, inSession, openPage, useSite } from "./lib.mjs";

const env = useSite();

/** Counts in `#id`'s body: KaTeX-typeset formulas and MathML left bare. */
const state = (page, id) =>
  page.$eval(`#${id} .panel-content > .body`, (body) => ({
    typeset: body.querySelectorAll(".katex .katex-html").length,
    kept: body.querySelectorAll(".katex > .katex-mathml > math").length,
    bare: body.querySelectorAll("math[data-f]:not(.katex-mathml > math)").length,
  }));

describe("formulas", () => {
  for (const [lang, doc] of [["en", ""], ["zh", "index.zh.html"]]) {
    it(`arrive as MathML and are typeset by KaTeX when their panel opens (${lang})`, async () => {
      await inSession(await openPage(env.browser, env.site.url + doc), async (page, session) => {
        const atLoad = await page.evaluate(() => ({
          math: document.querySelectorAll("math[data-f]").length,
          katex: document.querySelectorAll(".katex-html").length,
          // KaTeX's sheet comes in idle time after the load event, if yet.
          sheetAfterLoad: (() => {
            const sheet = performance.getEntriesByType("resource").find((r) => r.name.includes("katex.min.css"));
            const nav = performance.getEntriesByType("navigation")[0];
            return !sheet || sheet.startTime >= nav.loadEventStart;
          })(),
        }));
        assert.ok(atLoad.math > 300, `${atLoad.math} formulas as MathML`);
        assert.equal(atLoad.katex, 0, "nothing typeset before a panel is read");
        assert.ok(atLoad.sheetAfterLoad, "KaTeX's sheet is not part of the page's load");
        assert.ok(!session.responses.some((r) => r.url().endsWith("formulas.json")), "formulas.json not fetched at load");

        const before = await state(page, "fit_posterior");
        assert.ok(before.bare > 10 && before.typeset === 0, JSON.stringify(before));
        await page.locator("#fit_posterior > summary").click();
        await page.waitForFunction(
          () => document.querySelectorAll("#fit_posterior .body math[data-f]:not(.katex-mathml > math)").length === 0,
          null,
          { timeout: 10_000 },
        );
        const after = await state(page, "fit_posterior");
        assert.equal(after.typeset, before.bare, "every formula typeset");
        assert.equal(after.kept, before.bare, "each keeps its MathML inside");
        // ...which screen readers still get as math: the hidden copy is laid
        // out as plain inline text (www/style.css), and Chromium's
        // accessibility tree of it is the MathML's all the same.
        await page.evaluate(() => document.querySelector("#fit_posterior .math-display").scrollIntoView());
        await page.waitForFunction(() => document.querySelector("#fit_posterior .math-display .katex-html"));
        await frames(page, 4); // the accessibility tree follows the layout
        const cdp = await page.context().newCDPSession(page);
        const { nodes } = await cdp.send("Accessibility.getFullAXTree");
        const roles = (role) => nodes.filter((n) => !n.ignored && n.role?.value === role).length;
        const shown = await page.evaluate(
          () =>
            [...document.querySelectorAll("#fit_posterior .katex > .katex-mathml > math")].filter((m) =>
              m.closest(".katex").checkVisibility({ contentVisibilityAuto: true }),
            ).length,
        );
        assert.ok(shown > 5 && roles("MathMLMath") >= shown, `${roles("MathMLMath")} math nodes for ${shown} rendered formulas`);
        for (const role of ["MathMLFraction", "MathMLIdentifier", "MathMLOperator"]) assert.ok(roles(role) > 0, role);
        const display = await page.evaluate(() => getComputedStyle(document.querySelector("#fit_posterior .katex-mathml math mi")).display);
        assert.equal(display, "inline", "the hidden copy is not laid out as math");
        // KaTeX's fonts come from dist/katex/fonts and are used.
        await page.evaluate(() => document.fonts.ready);
        const fonts = await page.evaluate(() =>
          [...document.fonts].filter((f) => f.family.startsWith("KaTeX") && f.status === "loaded").map((f) => f.family),
        );
        assert.ok(fonts.includes("KaTeX_Main") && fonts.includes("KaTeX_Math"), fonts.join(", "));
        // A closed panel's formulas are left alone.
        assert.equal((await state(page, "cond_kl")).typeset, 0);
      });
    });
  }

  it("a language switch typesets the other language's open panels", async () => {
    await inSession(await openPage(env.browser, env.site.url), async (page) => {
      await page.evaluate(() => localStorage.clear());
      await page.locator("#posterior > summary").click();
      await page.waitForFunction(() => document.querySelector("#posterior .katex-html"));
      await page.locator('[data-control="language"]').click();
      await page.waitForFunction(() => document.documentElement.lang === "zh");
      await page.waitForFunction(
        () =>
          document.querySelector("#posterior .body[lang=zh]") &&
          document.querySelectorAll("#posterior .body math[data-f]:not(.katex-mathml > math)").length === 0,
        null,
        { timeout: 10_000 },
      );
      assert.ok((await state(page, "posterior")).typeset > 5);
    });
  });
});
