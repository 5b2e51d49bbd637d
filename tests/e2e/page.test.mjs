// The page itself: panels, language switch, expand-all, #id links, no errors,
// nothing fetched from off the machine, and the first-load size budget.
//
//   cd tests/e2e && npm ci && node --test        (DIST=... to test another build)

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  PANEL_IDS,
  DEMO_IDS,
  assertClean,
  fontsReady,
  gzipSizes,
  launchBrowser,
  openPage,
  useSite,
  withoutJavaScript,
} from "./lib.mjs";

const BUDGET_BYTES = 800 * 1024;
const CJK = /[\u4e00-\u9fff]/;

const env = useSite();

/** A fresh page with no remembered language. */
async function fresh(query = "") {
  const s = await openPage(env.browser, null);
  await s.page.goto(env.site.url);
  await s.page.evaluate(() => localStorage.clear());
  await s.page.goto(env.site.url + query);
  return s;
}

const visibleText = (page, selector) =>
  page.locator(selector).evaluate((el) => el.innerText.trim());

/** Waits until the page shows `lang` (the switch fetches the other document first). */
const langIs = (page, lang) => page.waitForFunction((l) => document.documentElement.lang === l, lang);

const MAX_ELEMENTS = 20000;

describe("page", () => {
  it("has the 22 panels with their ids, in order, text and demo kinds distinct", async () => {
    const s = await fresh();
    const panels = await s.page.$$eval("details.panel", (els) =>
      els.map((e) => ({ id: e.id, demo: e.classList.contains("demo"), text: e.classList.contains("text") })),
    );
    assert.deepEqual(panels.map((p) => p.id), PANEL_IDS);
    for (const p of panels) {
      assert.equal(p.demo, DEMO_IDS.includes(p.id), `${p.id} kind`);
      assert.equal(p.text, !p.demo, `${p.id} kind`);
    }
    const mounts = await s.page.$$eval(".demo-root", (els) => els.map((e) => e.dataset.demo));
    assert.deepEqual(mounts, DEMO_IDS);
    // Closed on arrival; the English title is shown.
    assert.equal(await s.page.locator("details.panel[open]").count(), 0);
    assert.equal(await s.page.evaluate(() => document.documentElement.lang), "en");
    assert.match(await visibleText(s.page, "#posterior > summary"), /Posterior/);
    assertClean(s);
    await s.close();
  });

  it("switches language in place, keeping open panels and the reading position", async () => {
    const s = await fresh();
    const { page } = s;
    await page.evaluate(() => {
      window.__langEvents = [];
      document.addEventListener("dpm:langchange", (e) => window.__langEvents.push(e.detail.lang));
    });
    // The demos beside the text stay the same nodes, with their state:
    // demo 1 (mounted when its panel opened) keeps a value the reader set.
    await page.locator("#demo_1 > summary").click();
    await page.locator("#demo_1 .demo-root[data-mounted]").waitFor({ state: "attached" });
    const alpha = page.locator('#demo_1 input[data-param="alpha_linear"]:not([type="range"])');
    await alpha.fill("0.5");
    await alpha.press("Enter");
    await page.evaluate(() => {
      window.__demoRoots = [...document.querySelectorAll(".demo-root")];
    });
    await page.locator("#posterior > summary").click();
    await page.locator("#forward_process > summary").click();
    await page.locator("#forward_process").evaluate((el) => el.scrollIntoView({ block: "start" }));
    const topBefore = await page.locator("#forward_process").evaluate((el) => el.getBoundingClientRect().top);

    const lang = page.locator('[data-control="language"]');
    assert.equal((await lang.innerText()).trim(), "中文");
    await lang.click();
    await langIs(page, "zh");

    assert.match(await visibleText(page, "#posterior > summary"), CJK);
    // One language in the document: the English text went out, the Chinese came in.
    assert.equal(await page.locator(".body[lang=en]").count(), 0);
    assert.equal(await page.locator(".body[lang=zh]").count(), PANEL_IDS.length);
    assert.ok(
      await page.evaluate(() =>
        [...document.querySelectorAll(".demo-root")].every((r, i) => r === window.__demoRoots[i]),
      ),
      "demo roots kept",
    );
    assert.match(await page.evaluate(() => location.pathname), /index\.zh\.html$/);
    assert.equal(Number(await alpha.inputValue()), 0.5, "demo 1 keeps its value");
    assert.match(await visibleText(page, "#posterior .body[lang=zh]"), CJK);
    assert.equal(await page.locator("#posterior .body[lang=en]").isVisible(), false);
    assert.equal(await page.locator("#posterior .body[lang=zh]").isVisible(), true);
    assert.equal(await page.title(), "交互式理解扩散概率模型");
    assert.match(await visibleText(page, ".page-title"), CJK);
    // Open panels stay open; the panel at the top stays at the top.
    assert.deepEqual(
      await page.$$eval("details.panel[open]", (els) => els.map((e) => e.id)),
      ["demo_1", "posterior", "forward_process"],
    );
    const topAfter = await page.locator("#forward_process").evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(Math.abs(topAfter - topBefore) < 4, `panel moved from ${topBefore} to ${topAfter}`);
    assert.deepEqual(await page.evaluate(() => window.__langEvents), ["zh"]);

    assert.equal((await lang.innerText()).trim(), "English");
    await lang.click();
    await langIs(page, "en");
    assert.equal(await page.locator(".body[lang=zh]").count(), 0);
    assert.doesNotMatch(await visibleText(page, "#posterior > summary"), CJK);
    assert.equal(await page.locator("#posterior .body[lang=en]").isVisible(), true);
    assert.equal(await page.locator("#posterior .body[lang=zh]").isVisible(), false);
    assert.deepEqual(await page.evaluate(() => window.__langEvents), ["zh", "en"]);
    assertClean(s);
    await s.close();
  });

  it("expand-all opens every panel and collapse-all closes them", async () => {
    const s = await fresh();
    const { page } = s;
    const button = page.locator('[data-control="expand-all"]');
    assert.equal((await button.innerText()).trim(), "Expand all");
    await button.click();
    assert.equal(await page.locator("details.panel[open]").count(), PANEL_IDS.length);
    assert.equal((await button.innerText()).trim(), "Collapse all");
    await page.locator('[data-control="language"]').click();
    await langIs(page, "zh");
    assert.equal((await button.innerText()).trim(), "全部折叠");
    await button.click();
    assert.equal(await page.locator("details.panel[open]").count(), 0);
    assert.equal((await button.innerText()).trim(), "全部展开");
    assertClean(s);
    await s.close();
  });

  it("opens and scrolls to the panel named by #id, on load and on hashchange", async () => {
    const s = await fresh("#posterior");
    const { page } = s;
    const inView = (sel) =>
      page.locator(sel).evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight / 2;
      });
    assert.equal(await page.locator("#posterior").evaluate((el) => el.open), true);
    assert.ok(await inView("#posterior"), "#posterior scrolled into view");

    await page.evaluate(() => (location.hash = "#demo_4_2"));
    await page.waitForFunction(() => document.getElementById("demo_4_2").open);
    await page.waitForFunction(() => {
      const r = document.getElementById("demo_4_2").getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight / 2;
    });
    assertClean(s);
    await s.close();
  });

  it("follows citation links into the Reference panel, in both languages", async () => {
    for (const lang of ["en", "zh"]) {
      const s = await fresh(`?lang=${lang}`);
      const { page } = s;
      const links = `.body[lang=${lang}] a[href^="#"]`;
      // The first link whose target is an anchor inside the Reference panel.
      const found = await page.evaluate(
        ([selector, lang]) => {
          const all = [...document.querySelectorAll(selector)];
          for (const [index, a] of all.entries()) {
            const id = decodeURIComponent(a.getAttribute("href").slice(1));
            const target = (lang === "zh" && document.getElementById("zh-" + id)) || document.getElementById(id);
            if (target && target.id !== "reference" && target.closest("#reference")) {
              return { id, targetId: target.id, panel: a.closest("details.panel").id, index };
            }
          }
          return null;
        },
        [links, lang],
      );
      assert.ok(found, `${lang}: the article cites a reference`);
      await page.locator(`#${found.panel} > summary`).click();
      await page.locator(links).nth(found.index).click();
      await page.waitForFunction((t) => {
        const r = document.getElementById(t).getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
      }, found.targetId);
      assert.equal(await page.locator("#reference").evaluate((el) => el.open), true);
      assert.equal(await page.evaluate(() => location.hash), `#${found.id}`);
      assertClean(s);
      await s.close();
    }
  });

  it("opens in Chinese with ?lang=zh and remembers it", async () => {
    const s = await fresh("?lang=zh");
    const { page } = s;
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh");
    assert.match(await visibleText(page, "#introduction > summary"), CJK);
    await page.goto(env.site.url);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh");
    assert.match(await visibleText(page, "#introduction > summary"), CJK);
    await page.locator('[data-control="language"]').click();
    await langIs(page, "en");
    await page.goto(env.site.url);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    // The Chinese document itself opens in Chinese with nothing remembered.
    await page.evaluate(() => localStorage.clear());
    await page.goto(env.site.url + "index.zh.html");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh");
    assertClean(s);
    await s.close();
  });

  it("is readable without JavaScript in both languages, each linking the other", async () => {
    await withoutJavaScript(env.site.url, async (page) => {
      for (const [lang, other] of [["en", "zh"], ["zh", "en"]]) {
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        assert.equal(await page.locator("details.panel").count(), PANEL_IDS.length);
        const shown = await page.$$eval(
          "details.panel",
          (panels, lang) =>
            panels
              .filter((p) => p.querySelector(`.body[lang=${lang}]`)?.getBoundingClientRect().height > 0)
              .map((p) => p.id),
          lang,
        );
        assert.deepEqual(shown, PANEL_IDS, `every panel's ${lang} text is shown`);
        // (textContent: innerText is empty for text `content-visibility: auto` skips off screen)
        const text = await page.locator(`#likelihood .body[lang=${lang}]`).evaluate((el) => el.textContent.trim());
        assert.ok(text.length > 100);
        if (lang === "zh") assert.match(text, CJK);
        else assert.doesNotMatch(text, CJK);
        assert.equal(await page.locator(`.body[lang=${other}]`).count(), 0);
        assert.equal(await page.locator('[data-control="expand-all"]').isVisible(), false);
        // The language switch is a plain link to the other document.
        const link = page.locator('a[data-control="language"]');
        assert.equal(await link.getAttribute("hreflang"), other);
        await link.click();
        await page.waitForLoadState("load");
      }
      assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    });
  });

  it("holds at most 20,000 elements at load in either language, and has our icon", async () => {
    for (const lang of ["en", "zh"]) {
      const s = await fresh(`?lang=${lang}`);
      const { page } = s;
      await page.waitForLoadState("networkidle");
      const count = await page.evaluate(() => document.getElementsByTagName("*").length);
      console.log(`# ${lang}: ${count} elements at load`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.ok(count <= MAX_ELEMENTS, `${lang}: ${count} elements at load`);
      const icon = await page.evaluate(() => document.querySelector('link[rel="icon"]')?.href);
      assert.ok(icon && icon.endsWith(".svg"), "an SVG icon is declared");
      const response = await page.request.get(icon);
      assert.equal(response.status(), 200);
      assert.match(await response.text(), /<svg/);
      assertClean(s);
      await s.close();
    }
    assert.ok(!env.site.requests.includes("/favicon.ico"), "nothing asks for /favicon.ico");
  });

  it("never scrolls sideways on a 360 px phone, in either language", async () => {
    const phone = await launchBrowser({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
    try {
      for (const lang of ["en", "zh"]) {
        const s = await openPage(phone, `${env.site.url}?lang=${lang}`);
        await s.page.locator('[data-control="expand-all"]').click();
        await fontsReady(s.page);
        const { scrollWidth, innerWidth, wide } = await s.page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          wide: [...document.querySelectorAll(".body > *")]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5)
            .map((el) => el.outerHTML.slice(0, 160)),
        }));
        assert.ok(scrollWidth <= innerWidth, `${lang}: page is ${scrollWidth}px wide in a ${innerWidth}px window: ${wide.join("\n")}`);
        assertClean(s);
        await s.close();
      }
    } finally {
      await phone.close();
    }
  });

  it("keeps the first load under the gzip budget and fetches nothing off the machine", async () => {
    const clean = await launchBrowser();
    try {
      const s = await openPage(clean, env.site.url);
      await fontsReady(s.page);
      await s.page.waitForLoadState("networkidle");
      const first = await gzipSizes(s, ["document", "stylesheet", "font"]);
      // For the record: everything English a reader sees with all panels open.
      await s.page.locator('[data-control="expand-all"]').click();
      await fontsReady(s.page);
      await s.page.waitForLoadState("networkidle");
      const all = await gzipSizes(s, ["document", "stylesheet", "font"]);
      const kib = (n) => (n / 1024).toFixed(1);
      console.log(
        `# first load (index.html + CSS + fonts, gzip -9): ${kib(first.total)} KiB in ${first.files.length} files; ` +
          `with every panel open: ${kib(all.total)} KiB in ${all.files.length} files`,
      );
      for (const f of first.files) console.log(`#   ${f.type} ${new URL(f.url).pathname} ${kib(f.bytes)} KiB -> ${kib(f.gzip)} KiB`);
      assert.ok(first.total < BUDGET_BYTES, `first load is ${first.total} bytes gzipped`);
      assertClean(s);
      await s.close();
    } finally {
      await clean.close();
    }
  });
});
