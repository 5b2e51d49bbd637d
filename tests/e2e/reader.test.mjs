// Reader tools (issue 14): the page's state in its address (demo controls,
// language, open panels; an apply demo's result), share buttons, the table of
// contents (sidebar from 1200 px, drawer below), reading progress, preview
// cards for citations and equation references, and keyboard shortcuts.
//
//   cd tests/e2e && node --test --test-reporter=spec reader.test.mjs
//
// The contract these tests read: controls `input[data-param]` inside each demo
// panel; `[data-action=share]` per demo; `nav[data-control=toc]` with one
// `a[href="#id"]` per panel and `aria-current="location"` on the current one;
// `[data-control=toc-toggle]`; `[role=tooltip]` cards linked by
// `aria-describedby`; `[role=dialog]` for the shortcuts.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertClean, canvasHashes, fontsReady, frames, launchBrowser, openPage, PANEL_IDS, useSite } from "./lib.mjs";

const TIMEOUT = 30_000;
/** The address is written at most every 250 ms; wait a little longer. */
const URL_SETTLE_MS = 450;

const env = useSite({ browser: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 } });

// ---------------------------------------------------------------------------
// Helpers

const fieldSel = (demo, param) => `#${demo} input.num[data-param="${param}"]`;
const rootSel = (demo) => `.demo-root[data-demo="${demo}"]`;

async function sleep(page, ms) {
  await page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), ms);
  await frames(page, 2);
}

/** Opens `url` and waits until `demos` are mounted with sized canvases. */
async function open(url, demos = [], context = env.browser) {
  const s = await openPage(context, url);
  // Demos mount when their panel first opens (issue 13's lazy page).
  await s.page.evaluate((ids) => ids.forEach((id) => (document.getElementById(id).open = true)), demos);
  await waitMounted(s.page, demos);
  await fontsReady(s.page);
  await frames(s.page, 2);
  return s;
}

async function waitMounted(page, demos) {
  await page.waitForFunction(
    (ids) =>
      ids.every((id) => {
        const root = document.querySelector(`.demo-root[data-demo="${id}"]`);
        return root?.hasAttribute("data-mounted");
      }),
    demos,
    { timeout: TIMEOUT },
  );
}

async function openPanel(page, id) {
  await page.evaluate((id) => (document.getElementById(id).open = true), id);
  await frames(page, 2);
}

async function commit(page, demo, param, text) {
  const field = page.locator(fieldSel(demo, param));
  await field.fill(text);
  await field.press("Enter");
  await frames(page, 2);
}

/** The demo's controls: number fields' text and checkboxes' state, by data-param. */
function controls(page, demo) {
  return page.evaluate((demo) => {
    const out = {};
    for (const input of document.querySelectorAll(`#${demo} input[data-param]:not([type="range"])`)) {
      out[input.dataset.param] = input.type === "checkbox" ? input.checked : input.value;
    }
    return out;
  }, demo);
}

/** Every readout of the demo, by name, at full precision. */
function readouts(page, demo) {
  return page.evaluate((demo) => {
    const out = {};
    for (const r of document.querySelectorAll(`#${demo} [data-readout]`)) out[r.dataset.readout] = r.dataset.value ?? null;
    return out;
  }, demo);
}

/** Waits until the live demo's canvases stop changing (two equal readings 150 ms apart). */
async function stableHashes(page, demo) {
  let last = await canvasHashes(page, demo);
  for (let i = 0; i < 40; i += 1) {
    await sleep(page, 150);
    const now = await canvasHashes(page, demo);
    if (JSON.stringify(now) === JSON.stringify(last) && Object.keys(now).length) return now;
    last = now;
  }
  return last;
}

async function waitApplied(page, demo) {
  const result = await (
    await page.waitForFunction(
      (root) => {
        const el = document.querySelector(root);
        const s = el?.dataset.state;
        if (s === "error") return "error";
        return s === "done" ? "done" : false;
      },
      rootSel(demo),
      { timeout: TIMEOUT },
    )
  ).jsonValue();
  assert.equal(result, "done", `${demo} apply ended in ${result}`);
  await frames(page, 3);
}

const tocLinks = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('nav[data-control="toc"] a[href^="#"]')].map((a) => ({
      href: a.getAttribute("href"),
      text: a.textContent.trim(),
      demo: a.dataset.kind === "demo",
      current: a.getAttribute("aria-current"),
    })),
  );

const currentLink = (page) =>
  page.evaluate(() => document.querySelector('nav[data-control="toc"] a[aria-current="location"]')?.getAttribute("href") ?? null);

const isVisible = (page, selector) =>
  page.evaluate((selector) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return style.visibility !== "hidden" && style.display !== "none" && r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth;
  }, selector);

// ---------------------------------------------------------------------------

describe("shareable state", () => {
  for (const lang of ["en", "zh"]) {
    it(`demo 2 at alpha 0.5, z -1.0 (lang=${lang}) comes back from its URL: controls, readouts, pixels`, async () => {
      const a = await open(`${env.site.url}?lang=${lang}`, ["demo_2"]);
      await openPanel(a.page, "demo_2");
      await commit(a.page, "demo_2", "alpha", "0.5");
      await commit(a.page, "demo_2", "cond", "-1.0");
      await sleep(a.page, URL_SETTLE_MS);
      const link = a.page.url();
      const params = new URL(link).searchParams;
      assert.equal(params.get("demo_2.alpha"), "0.500");
      assert.equal(params.get("demo_2.cond"), "-1.0");
      assert.equal(params.get("lang"), lang);
      assert.ok(params.get("open").split(",").includes("demo_2"), `open=${params.get("open")}`);
      assert.equal(params.get("demo_2.seed"), null, "defaults stay out of the URL");
      const want = {
        controls: await controls(a.page, "demo_2"),
        readouts: await readouts(a.page, "demo_2"),
        pixels: await stableHashes(a.page, "demo_2"),
      };
      assert.equal(want.controls.alpha, "0.500");
      assert.equal(want.controls.cond, "-1.0");
      assert.ok(Object.keys(want.pixels).length >= 5, `demo 2 plots: ${Object.keys(want.pixels)}`);
      assertClean(a);
      await a.close();

      // A fresh browser (no remembered language), as a reader receiving the link.
      const other = await launchBrowser({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      try {
        const b = await open(link, ["demo_2"], other);
        assert.equal(await b.page.evaluate(() => document.documentElement.lang), lang);
        assert.equal(await b.page.evaluate(() => document.getElementById("demo_2").open), true, "demo 2 open");
        await b.page.waitForFunction((sel) => document.querySelector(sel)?.value === "0.500", fieldSel("demo_2", "alpha"));
        const got = {
          controls: await controls(b.page, "demo_2"),
          readouts: await readouts(b.page, "demo_2"),
          pixels: await stableHashes(b.page, "demo_2"),
        };
        assert.deepEqual(got, want);
        assertClean(b);
        await b.close();
      } finally {
        await other.close();
      }
    });
  }

  it("demo 3.1's link reproduces its controls and its applied result, applied when the panel opens", async () => {
    const a = await open(`${env.site.url}?lang=en`, ["demo_3_1"]);
    await openPanel(a.page, "demo_3_1");
    await commit(a.page, "demo_3_1", "seed", "7");
    await commit(a.page, "demo_3_1", "start_alpha", "0.9");
    await commit(a.page, "demo_3_1", "steps", "4");
    await a.page.locator('#demo_3_1 button[data-param="apply"]').click();
    await waitApplied(a.page, "demo_3_1");
    await sleep(a.page, URL_SETTLE_MS);
    const link = a.page.url();
    const params = new URL(link).searchParams;
    assert.equal(params.get("demo_3_1.apply"), "1");
    assert.equal(params.get("demo_3_1.steps"), "4");
    const want = { controls: await controls(a.page, "demo_3_1"), pixels: await canvasHashes(a.page, "demo_3_1") };
    const forward = Object.keys(want.pixels).filter((k) => k.startsWith("forward_"));
    assert.equal(forward.length, 5, `4 steps: 5 forward panels, ${Object.keys(want.pixels)}`);

    // Changing a control after applying: the link no longer claims that result.
    await commit(a.page, "demo_3_1", "steps", "5");
    await sleep(a.page, URL_SETTLE_MS);
    assert.equal(new URL(a.page.url()).searchParams.get("demo_3_1.apply"), null);
    assertClean(a);
    await a.close();

    const b = await open(link, ["demo_3_1"]);
    await waitApplied(b.page, "demo_3_1");
    assert.deepEqual(
      { controls: await controls(b.page, "demo_3_1"), pixels: await canvasHashes(b.page, "demo_3_1") },
      want,
    );
    assertClean(b);
    await b.close();

    // The same link with the panel closed applies once the reader opens it.
    const closed = new URL(link);
    closed.searchParams.delete("open");
    const c = await open(closed.href);
    await sleep(c.page, 300);
    // Closed, the demo has not even mounted: nothing is computed at load.
    assert.equal(await c.page.locator(rootSel("demo_3_1")).getAttribute("data-mounted"), null);
    assert.notEqual(await c.page.locator(rootSel("demo_3_1")).getAttribute("data-state"), "done");
    await openPanel(c.page, "demo_3_1");
    await waitMounted(c.page, ["demo_3_1"]);
    await waitApplied(c.page, "demo_3_1");
    assert.deepEqual(await canvasHashes(c.page, "demo_3_1"), want.pixels);
    assertClean(c);
    await c.close();
  });

  it("a link with demos 3.1 and 3.2 applied applies 3.1 first, for 3.2 to restore its chain", async () => {
    const s = await open(`${env.site.url}?lang=en&open=demo_3_2&demo_3_1.steps=3&demo_3_1.apply=1&demo_3_2.apply=1`, ["demo_3_1", "demo_3_2"]);
    await waitApplied(s.page, "demo_3_2");
    assert.equal(await s.page.locator(rootSel("demo_3_1")).getAttribute("data-state"), "done", "3.1 applied, though closed");
    assert.equal(await s.page.locator('#demo_3_2 [data-note="needs_chain"]').isVisible(), false);
    const drawn = await s.page.locator("#demo_3_2 figure[data-plot][data-drawn]").count();
    assert.ok(drawn >= 4, `3.2 drew its restore panels (${drawn})`);
    assertClean(s);
    await s.close();
  });

  it("bad or out-of-range values load the defaults and say so inline; nothing breaks", async () => {
    const s = await open(
      `${env.site.url}?lang=xx&open=demo_2,nowhere&demo_2.alpha=abc&demo_2.cond=99&demo_2.seed=1.5&demo_3_2.show_forward=maybe`,
      ["demo_2"],
    );
    assert.equal(await s.page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await s.page.locator(fieldSel("demo_2", "alpha")).inputValue(), "0.980");
    assert.equal(await s.page.locator(fieldSel("demo_2", "cond")).inputValue(), "0.2");
    assert.equal(await s.page.locator(fieldSel("demo_2", "seed")).inputValue(), "100");
    for (const param of ["alpha", "cond", "seed"]) {
      const msg = await s.page.locator(`#demo_2 [data-control-for="${param}"] .field-msg`).innerText();
      assert.match(msg, /link's value .* default/, `${param}: ${msg}`);
    }
    const notice = await s.page.locator('[data-notice="url"]').innerText();
    assert.match(notice, /“xx”/);
    assert.match(notice, /nowhere/);
    // The demo still works after that.
    const before = await canvasHashes(s.page, "demo_2");
    await commit(s.page, "demo_2", "alpha", "0.7");
    assert.notDeepEqual(await stableHashes(s.page, "demo_2"), before);
    assertClean(s);
    await s.close();
  });

  it("the address follows a dragged slider with replaceState, a few times a second", async () => {
    const s = await open(`${env.site.url}?lang=en`, ["demo_2"]);
    await openPanel(s.page, "demo_2");
    const result = await s.page.evaluate(async () => {
      let writes = 0;
      const replace = history.replaceState.bind(history);
      history.replaceState = (...args) => {
        writes += 1;
        return replace(...args);
      };
      const length = history.length;
      const slider = document.querySelector('#demo_2 input[type="range"][data-param="alpha"]');
      const started = performance.now();
      for (let k = 0; k < 60; k += 1) {
        await new Promise((r) => requestAnimationFrame(r));
        slider.value = (0.5 + k * 0.005).toFixed(3);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
      }
      const seconds = (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 400));
      return { writes, seconds, grew: history.length - length, alpha: new URL(location.href).searchParams.get("demo_2.alpha") };
    });
    assert.equal(result.grew, 0, "no history entries added");
    assert.equal(result.alpha, "0.795");
    assert.ok(result.writes >= 1 && result.writes <= Math.ceil(result.seconds * 4) + 2, JSON.stringify(result));
    assertClean(s);
    await s.close();
  });

  it("share copies a link to the demo with its state, says so, and falls back to showing the link", async () => {
    const context = await launchBrowser({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.site.url });
      const s = await open(`${env.site.url}?lang=en`, ["demo_2"], context);
      assert.equal(await s.page.locator("[data-action=share]").count(), 7, "one share button per demo");
      await openPanel(s.page, "demo_2");
      await commit(s.page, "demo_2", "cond", "1.5");
      // At once: the share button does not wait for the throttled write.
      await s.page.locator("#demo_2 [data-action=share]").click();
      await s.page.waitForFunction(() => document.querySelector("#demo_2 .share-status")?.textContent.length > 0);
      assert.equal(await s.page.locator("#demo_2 .share-status").innerText(), "Link copied.");
      const copied = new URL(await s.page.evaluate(() => navigator.clipboard.readText()));
      assert.equal(copied.hash, "#demo_2");
      assert.equal(copied.searchParams.get("demo_2.cond"), "1.5");
      assert.ok(copied.searchParams.get("open").split(",").includes("demo_2"));

      // Without a clipboard: the link, selected, to copy by hand.
      await s.page.evaluate(() => {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
      });
      await s.page.locator("#demo_2 [data-action=share]").click();
      const fallback = s.page.locator("#demo_2 .share-link");
      await fallback.waitFor({ state: "visible" });
      assert.equal(new URL(await fallback.inputValue()).searchParams.get("demo_2.cond"), "1.5");
      assert.equal(await s.page.locator("#demo_2 .share-status").innerText(), "Copy this link:");
      assertClean(s);
      await s.close();
    } finally {
      await context.close();
    }
  });
});

describe("table of contents", () => {
  it("lists the 22 panels in the current language, demos marked; the current one follows the scroll", async () => {
    const s = await open(`${env.site.url}?lang=en`);
    for (const lang of ["en", "zh"]) {
      if (lang === "zh") {
        await s.page.locator('[data-control="language"]').click();
        await frames(s.page, 2);
      }
      const links = await tocLinks(s.page);
      assert.deepEqual(links.map((l) => l.href), PANEL_IDS.map((id) => `#${id}`));
      const titles = await s.page.evaluate(() =>
        [...document.querySelectorAll("details.panel")].map((p) => {
          const t = p.querySelector(`:scope > summary .panel-title[lang="${document.documentElement.lang}"]`) || p.querySelector(":scope > summary");
          return t.textContent.trim();
        }),
      );
      const badge = lang === "en" ? " Demo" : " 演示";
      assert.deepEqual(
        links.map((l) => (l.demo ? l.text.replace(new RegExp(`${badge}$`), "") : l.text)),
        titles,
        `${lang} titles`,
      );
      assert.deepEqual(links.filter((l) => l.demo).map((l) => l.href), PANEL_IDS.filter((id) => id.startsWith("demo_")).map((id) => `#${id}`));
      assert.ok(links.filter((l) => l.demo).every((l) => l.text.endsWith(badge)), `${lang} demo badge`);
    }
    // A sticky sidebar at 1280 px, beside the article.
    assert.ok(await isVisible(s.page, 'nav[data-control="toc"]'));
    assert.equal(await isVisible(s.page, '[data-control="toc-toggle"]'), false);
    const [nav, panel] = await s.page.evaluate(() =>
      [document.querySelector('nav[data-control="toc"]'), document.getElementById("introduction")].map((e) => e.getBoundingClientRect().toJSON()),
    );
    assert.ok(nav.right <= panel.left, `sidebar ${nav.right} beside the article ${panel.left}`);

    await s.page.evaluate(() => document.getElementById("demo_3_1").scrollIntoView({ block: "start" }));
    await frames(s.page, 3);
    assert.equal(await currentLink(s.page), "#demo_3_1");
    await s.page.evaluate(() => document.getElementById("likelihood").scrollIntoView({ block: "start" }));
    await frames(s.page, 3);
    assert.equal(await currentLink(s.page), "#likelihood");
    assert.equal(await s.page.locator('nav[data-control="toc"] [aria-current]').count(), 1);
    const bar = await s.page.evaluate(() => getComputedStyle(document.querySelector(".reading-progress-bar")).transform);
    assert.match(bar, /^matrix\((0\.\d+|1), /, `progress ${bar}`);
    assert.notEqual(bar, "matrix(0, 0, 0, 1, 0, 0)");

    // Following a link opens the panel and brings it into view, even the last
    // ones, which cannot reach the top of the window.
    for (const id of ["cond_kl", "about"]) {
      await s.page.locator(`nav[data-control="toc"] a[href="#${id}"]`).click();
      await s.page.waitForFunction((id) => {
        const r = document.getElementById(id).getBoundingClientRect();
        return document.getElementById(id).open && r.top >= 0 && r.top < innerHeight / 2;
      }, id);
      await s.page.waitForFunction((id) => {
        const a = document.querySelector('nav[data-control="toc"] a[aria-current="location"]');
        return a?.getAttribute("href") === `#${id}`;
      }, id);
    }
    assertClean(s);
    await s.close();
  });

  it("at 360 px the drawer opens from its button and closes with Esc, a link and a tap outside", async () => {
    const phone = await launchBrowser({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true });
    try {
      for (const lang of ["en", "zh"]) {
        const s = await open(`${env.site.url}?lang=${lang}`, [], phone);
        const toggle = s.page.locator('[data-control="toc-toggle"]');
        const nav = 'nav[data-control="toc"]';
        assert.ok(await isVisible(s.page, '[data-control="toc-toggle"]'));
        assert.equal(await isVisible(s.page, nav), false, "closed at first");
        const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `no sideways scroll (${overflow} px)`);

        const opened = async () => {
          await toggle.click();
          await s.page.waitForFunction((nav) => getComputedStyle(document.querySelector(nav)).visibility === "visible" && document.querySelector(nav).getBoundingClientRect().left >= 0, nav);
          assert.equal(await toggle.getAttribute("aria-expanded"), "true");
        };
        const closed = async (how) => {
          await s.page.waitForFunction((nav) => getComputedStyle(document.querySelector(nav)).visibility === "hidden", nav, { timeout: 5000 });
          assert.equal(await toggle.getAttribute("aria-expanded"), "false", how);
        };
        await opened();
        await s.page.keyboard.press("Escape");
        await closed("Esc");
        await opened();
        await s.page.touchscreen.tap(345, 400); // beside the drawer
        await closed("tap outside");
        await opened();
        await s.page.locator(`${nav} a[href="#demo_2"]`).click();
        await closed("link");
        await s.page.waitForFunction(() => document.getElementById("demo_2").open);

        // Tapping a citation shows its card without leaving the place; a tap elsewhere hides it.
        await s.page.evaluate(() => {
          document.getElementById("introduction").open = true;
          history.replaceState(null, "", location.pathname + location.search);
        });
        const cite = s.page.locator(`#introduction .body[lang="${lang}"] a[href="#dpm"]`).first();
        await cite.scrollIntoViewIfNeeded();
        await frames(s.page, 2);
        const y = await s.page.evaluate(() => scrollY);
        await cite.tap();
        const tip = s.page.locator('[role="tooltip"]');
        await tip.waitFor({ state: "visible" });
        assert.match(await tip.innerText(), /Deep Unsupervised Learning/);
        assert.equal(await s.page.evaluate(() => location.hash), "", "the first tap stays in place");
        assert.equal(await s.page.evaluate(() => scrollY), y);
        await s.page.touchscreen.tap(20, 700);
        await tip.waitFor({ state: "hidden" });
        assertClean(s);
        await s.close();
      }
    } finally {
      await phone.close();
    }
  });
});

describe("previews", () => {
  for (const lang of ["en", "zh"]) {
    it(`citation [1] and an equation reference show a card on hover and focus; Esc hides it (${lang})`, async () => {
      const s = await open(`${env.site.url}?lang=${lang}&open=introduction,demo_1`);
      const tip = s.page.locator('[role="tooltip"]');
      const cite = s.page.locator(`#introduction .body[lang="${lang}"] a[href="#dpm"]`).first();
      await cite.hover();
      await tip.waitFor({ state: "visible" });
      assert.match(await tip.innerText(), /Deep Unsupervised Learning Using Nonequilibrium Thermodynamics/);
      const id = await tip.getAttribute("id");
      assert.equal(await cite.getAttribute("aria-describedby"), id);
      assert.equal(await s.page.evaluate(() => location.hash), "", "hovering does not leave the place");
      await s.page.keyboard.press("Escape");
      await tip.waitFor({ state: "hidden" });
      assert.equal(await cite.getAttribute("aria-describedby"), null);

      const eq = s.page.locator(`#demo_1 .body[lang="${lang}"] a.eqref[data-eq="1.1"]`).first();
      await eq.hover();
      await tip.waitFor({ state: "visible" });
      assert.equal(await tip.locator(".katex").count() > 0, true, "the rendered equation");
      assert.equal(await tip.locator(".preview-label").textContent(), lang === "en" ? "Equation 1.1" : "式 1.1");
      assert.match(await tip.innerText(), /\(1\.1\)/, "with its tag");
      assert.equal(await eq.getAttribute("aria-describedby"), id);
      await s.page.keyboard.press("Escape");
      await tip.waitFor({ state: "hidden" });

      // Keyboard: focusing the link shows the card too.
      await s.page.mouse.move(5, 5);
      await eq.focus();
      await tip.waitFor({ state: "visible" });
      await s.page.keyboard.press("Escape");
      await tip.waitFor({ state: "hidden" });
      assertClean(s);
      await s.close();
    });
  }

  it("every equation reference links to a formula that exists in its language", async () => {
    const s = await open(`${env.site.url}?lang=en`);
    const missing = await s.page.evaluate(() =>
      [...document.querySelectorAll("a.eqref")]
        .filter((a) => {
          const body = a.closest("[lang]");
          const id = a.getAttribute("href").slice(1);
          const target = body?.lang === "zh" ? document.getElementById("zh-" + id) || document.getElementById(id) : document.getElementById(id);
          return !target || !target.closest(".math-display, .katex-display, [class*=math]");
        })
        .map((a) => a.textContent),
    );
    const count = await s.page.locator("a.eqref").count();
    assert.ok(count >= 60, `${count} references`);
    assert.deepEqual(missing, []);
    await s.close();
  });
});

describe("keyboard", () => {
  it("? opens the help dialog, t toggles the contents, [ and ] move between panels", async () => {
    const s = await open(`${env.site.url}?lang=en`);
    const page = s.page;
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("?");
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor({ state: "visible" });
    assert.match(await dialog.innerText(), /Keyboard shortcuts/);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    const nav = 'nav[data-control="toc"]';
    assert.ok(await isVisible(page, nav));
    await page.keyboard.press("t");
    await frames(page, 2);
    assert.equal(await isVisible(page, nav), false, "t hides the sidebar");
    await page.keyboard.press("t");
    await frames(page, 2);
    assert.ok(await isVisible(page, nav), "t shows it again");

    await page.evaluate(() => document.getElementById("demo_3_1").scrollIntoView({ block: "start" }));
    await frames(page, 3);
    await page.keyboard.press("]");
    await frames(page, 3);
    assert.equal(await currentLink(page), "#backward_process");
    assert.equal(await page.evaluate(() => document.getElementById("backward_process").open), true);
    await page.keyboard.press("[");
    await page.keyboard.press("[");
    await frames(page, 3);
    assert.equal(await currentLink(page), "#forward_process");
    assert.equal(await page.evaluate(() => document.getElementById("forward_process").open), true);
    assertClean(s);
    await s.close();
  });

  it("the shortcuts do nothing while a number field has focus", async () => {
    const s = await open(`${env.site.url}?lang=en&open=demo_2`, ["demo_2"]);
    const page = s.page;
    await page.evaluate(() => document.getElementById("demo_2").scrollIntoView({ block: "start" }));
    await frames(page, 3);
    const before = { current: await currentLink(page), nav: await isVisible(page, 'nav[data-control="toc"]') };
    const field = page.locator(fieldSel("demo_2", "seed"));
    await field.focus();
    for (const key of ["?", "t", "]", "[", "]"]) await page.keyboard.press(key);
    await frames(page, 3);
    assert.equal(await page.locator('[role="dialog"]').isVisible(), false, "no dialog");
    assert.deepEqual({ current: await currentLink(page), nav: await isVisible(page, 'nav[data-control="toc"]') }, before);
    assert.equal(await page.evaluate(() => document.getElementById("likelihood").open || document.getElementById("forward_process").open), false);
    assert.ok((await field.inputValue()).endsWith("?t][]"), "the keys were typed into the field");
    await s.close();
  });

  it("controls, links and share buttons are reached with Tab and show a focus ring", async () => {
    const s = await open(`${env.site.url}?lang=en&open=introduction,demo_2`, ["demo_2"]);
    const page = s.page;
    const seen = new Set();
    const rings = [];
    await page.locator(".skip-link").focus();
    for (let i = 0; i < 400 && seen.size < 5; i += 1) {
      await page.keyboard.press("Tab");
      const info = await page.evaluate(() => {
        const e = document.activeElement;
        const kind = e.matches("[data-action=share]")
          ? "share"
          : e.matches('[data-control="toc"] a')
            ? "toc"
            : e.matches("a.eqref, a[href='#dpm']")
              ? "ref"
              : e.matches(".demo-root input.num")
                ? "field"
                : e.matches("details.panel > summary")
                  ? "summary"
                  : null;
        const style = getComputedStyle(e);
        return { kind, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      if (info.kind && !seen.has(info.kind)) {
        seen.add(info.kind);
        rings.push(info);
      }
    }
    assert.deepEqual([...seen].sort(), ["field", "ref", "share", "summary", "toc"]);
    for (const r of rings) assert.ok(r.outline !== "none" && r.width >= 1, `${r.kind}: ${r.outline} ${r.width}`);
    await s.close();
  });
});
