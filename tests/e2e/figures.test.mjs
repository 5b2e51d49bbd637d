// The article's figures (issue 6): Figure 7.1 (a diagram) and the computed
// figures C.1, C.2, D.1-D.5, written into the page as inline SVG at build
// time, with controls on C.1, C.2 and D.4 that redraw them in the browser.
//
//   cd tests/e2e && npm ci && node --test figures.test.mjs
//   UPDATE_SNAPSHOTS=1 node --test figures.test.mjs   (rewrites snapshots/fig_*.png)
//
// Checks: every figure is there in both languages, captioned, with a text
// alternative per panel, and looks like its stored screenshot; no console
// errors; each control redraws its figure (new numbers in the readouts, a
// canvas in place of the changed panel's SVG, different pixels) and both
// language copies keep the same settings; figures fit a 360 px phone; with
// JavaScript off the figures are still there.

import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import {
  addStyle,
  compareSnapshot,
  fontsReady,
  inSession,
  launchBrowser,
  openPage,
  useSite,
  withoutJavaScript,
} from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Figure id -> the panel it sits in. */
const FIGURES = {
  fig_7_1: "posterior_transform",
  fig_c1: "non_expanding",
  fig_c2: "non_expanding",
  fig_d1: "stationary",
  fig_d2: "stationary",
  fig_d3: "stationary",
  fig_d4: "stationary",
  fig_d5: "stationary",
};
const COMPUTED = Object.keys(FIGURES).filter((id) => id !== "fig_7_1");
const ADJUSTABLE = ["fig_c1", "fig_c2", "fig_d4"];
const PANELS = [...new Set(Object.values(FIGURES))];

const env = useSite({ browser: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 } });

const fig = (lang, id) => `.body[lang="${lang}"] figure[data-figure="${id}"]`;

/** A page in `lang` with the figures' panels open and their controls mounted. */
async function openFigures(lang, context = env.browser) {
  const s = await openPage(context, `${env.site.url}?lang=${lang}`);
  await s.page.evaluate((ids) => {
    for (const id of ids) document.getElementById(id).open = true;
  }, PANELS);
  await s.page.waitForFunction(
    (sels) => sels.every((sel) => document.querySelector(sel)?.hasAttribute("data-mounted")),
    ADJUSTABLE.map((id) => fig(lang, id)),
  );
  await fontsReady(s.page);
  return s;
}

const frames = (page, n) =>
  page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const step = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
        step(n);
      }),
    n,
  );

/** Pixels of an element, decoded. */
async function pixels(page, selector) {
  const shot = await page.locator(selector).screenshot({ animations: "disabled", caret: "hide" });
  return PNG.sync.read(shot);
}

/** `png` cut to `w` x `h` (element shots at a fractional offset can differ by a pixel). */
function crop(png, w, h) {
  if (png.width === w && png.height === h) return png.data;
  const out = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) png.data.copy(out, y * w * 4, y * png.width * 4, y * png.width * 4 + w * 4);
  return out;
}

function differingShare(a, b) {
  assert.ok(Math.abs(a.width - b.width) <= 1 && Math.abs(a.height - b.height) <= 1, "same size to compare");
  const [w, h] = [Math.min(a.width, b.width), Math.min(a.height, b.height)];
  return pixelmatch(crop(a, w, h), crop(b, w, h), null, w, h, { threshold: 0.1 }) / (w * h);
}

const readout = (page, lang, id, name) =>
  page.locator(`${fig(lang, id)} [data-readout="${name}"]`).getAttribute("data-value").then(Number);

async function slide(page, lang, id, param, value) {
  await page.evaluate(
    ({ sel, value }) => {
      const input = document.querySelector(sel);
      input.scrollIntoView({ block: "center" });
      input.value = String(value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    },
    { sel: `${fig(lang, id)} input[data-param="${param}"]`, value },
  );
  await frames(page, 3);
}

describe("figures", () => {
  for (const lang of ["en", "zh"]) {
    it(`every figure is there in ${lang}, captioned, with a text alternative, and looks as stored`, async () => {
      await inSession(await openFigures(lang), async (page) => {
        // No toolbar over the figures; every body laid out (content-visibility
        // would leave the bodies above at a guessed height, and the figures
        // at a varying sub-pixel offset).
        await addStyle(
          page,
          ".toolbar { display: none !important; } .panel-content > .body { content-visibility: visible !important; }",
        );
        // Every panel's drawing has its name for screen readers wherever it
        // is on the page: Chromium names it from its <title> and <desc> only
        // while they are rendered (so no content-visibility on it).
        await frames(page, 3);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send("Accessibility.enable");
        const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
        const { nodeIds } = await cdp.send("DOM.querySelectorAll", {
          nodeId: root.nodeId,
          selector: PANELS.map((id) => `#${id} .body[lang="${lang}"] figure svg[role=img]`).join(", "),
        });
        assert.ok(nodeIds.length >= 14, `${nodeIds.length} drawings`);
        for (const nodeId of nodeIds) {
          const { node } = await cdp.send("DOM.describeNode", { nodeId });
          const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
          const ax = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
          assert.ok(ax?.name?.value?.length > 10, `a drawing named "${ax?.name?.value}"`);
        }
        for (const id of Object.keys(FIGURES)) {
          const figure = page.locator(fig(lang, id));
          await figure.scrollIntoViewIfNeeded();
          assert.ok(await figure.isVisible(), `${id} visible`);
          const caption = await figure.locator("figcaption").innerText();
          const short = id.replace("fig_", "").toUpperCase();
          const number = short.includes("_") ? short.replace("_", ".") : `${short[0]}.${short.slice(1)}`;
          assert.ok(
            caption.includes(lang === "en" ? `Figure ${number}:` : `图 ${number}：`),
            `${id} caption: ${caption}`,
          );
          const alts = await figure.locator("svg[role=img]").evaluateAll((svgs) =>
            svgs.map((svg) => {
              const ids = (svg.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
              return ids.map((i) => document.getElementById(i)?.textContent || "").join(" ").trim();
            }),
          );
          assert.ok(alts.length >= 1, `${id}: at least one image`);
          for (const alt of alts) assert.ok(alt.length > 20, `${id}: text alternative "${alt}"`);
          if (lang === "zh") assert.ok(alts.some((a) => /[\u4e00-\u9fff]/.test(a)), `${id}: Chinese alternative`);
          const shot = await figure.screenshot({ animations: "disabled", caret: "hide" });
          await compareSnapshot(shot, `fig_${id.replace("fig_", "")}_${lang}`, "figures.test.mjs");
        }
      });
    });
  }

  it("C.2's alpha sliders redraw their panel and the share of non-zero elements follows alpha", async () => {
    await inSession(await openFigures("en"), async (page) => {
      const before = await readout(page, "en", "fig_c2", "nonzero_a");
      const beforeB = await readout(page, "en", "fig_c2", "nonzero_b");
      assert.ok(beforeB < before, `0.99 has fewer non-zero elements than 0.95 (${beforeB} < ${before})`);
      const panel = `${fig("en", "fig_c2")} .fig-panel[data-panel="0"]`;
      const oldPixels = await pixels(page, panel);
      await slide(page, "en", "fig_c2", "alpha", 0.85);
      const after = await readout(page, "en", "fig_c2", "nonzero_a");
      assert.ok(after > before, `smaller alpha, more non-zero elements (${after} > ${before})`);
      assert.equal(await readout(page, "en", "fig_c2", "nonzero_b"), beforeB, "panel (b) untouched");
      assert.equal(await page.locator(`${panel} canvas.fig-canvas`).count(), 1, "panel (a) is now a canvas");
      assert.equal(
        await page.locator(`${fig("en", "fig_c2")} .fig-panel[data-panel="1"] svg`).count(),
        1,
        "panel (b) keeps its SVG",
      );
      assert.ok(differingShare(oldPixels, await pixels(page, panel)) > 0.02, "panel (a) redrawn");
      assert.match(await page.locator(`${panel} canvas`).getAttribute("aria-label"), /α = 0\.85/);
    });
  });

  it("C.1's button draws a new random pair, and the L1 distance still does not grow", async () => {
    await inSession(await openFigures("en"), async (page) => {
      const seed0 = await readout(page, "en", "fig_c1", "seed");
      const out0 = await readout(page, "en", "fig_c1", "l1_out");
      const old = await pixels(page, fig("en", "fig_c1") + " .fig-panel[data-panel='0']");
      for (let k = 1; k <= 3; k++) {
        await page.locator(`${fig("en", "fig_c1")} button[data-param="new_pair"]`).click();
        await frames(page, 3);
        assert.equal(await readout(page, "en", "fig_c1", "seed"), seed0 + k);
        const l1in = await readout(page, "en", "fig_c1", "l1_in");
        const l1out = await readout(page, "en", "fig_c1", "l1_out");
        assert.ok(l1out <= l1in + 1e-12, `||p(x)-q(x)|| = ${l1out} <= ||p(z)-q(z)|| = ${l1in}`);
      }
      assert.notEqual(await readout(page, "en", "fig_c1", "l1_out"), out0);
      assert.equal(await page.locator(`${fig("en", "fig_c1")} canvas.fig-canvas`).count(), 2);
      const now = await pixels(page, fig("en", "fig_c1") + " .fig-panel[data-panel='0']");
      assert.ok(differingShare(old, now) > 0.01, "table (a) redrawn");
    });
  });

  it("D.4's alpha and z move GaussFun's centre to z / sqrt(alpha), and the other language keeps the settings", async () => {
    await inSession(await openFigures("en"), async (page) => {
      assert.ok(Math.abs((await readout(page, "en", "fig_d4", "centre_d")) - 2 / Math.sqrt(0.6)) < 1e-9);
      const old = await pixels(page, `${fig("en", "fig_d4")} .fig-panels`);
      await slide(page, "en", "fig_d4", "alpha", 0.3);
      await slide(page, "en", "fig_d4", "z_b", 2.5);
      await slide(page, "en", "fig_d4", "z", -1);
      assert.ok(Math.abs((await readout(page, "en", "fig_d4", "centre_d")) - 2.5 / Math.sqrt(0.3)) < 1e-9);
      assert.ok(Math.abs((await readout(page, "en", "fig_d4", "centre_c")) + 1 / Math.sqrt(0.3)) < 1e-9);
      assert.equal(await page.locator(`${fig("en", "fig_d4")} canvas.fig-canvas`).count(), 4);
      const now = await pixels(page, `${fig("en", "fig_d4")} .fig-panels`);
      assert.ok(differingShare(old, now) > 0.02, "D.4 redrawn");
      // Switch language: the Chinese copy shows the same settings, drawn.
      await page.click("[data-control=language]");
      await page.waitForFunction(() => document.documentElement.lang === "zh");
      await frames(page, 3);
      const zh = fig("zh", "fig_d4");
      assert.equal(await page.locator(`${zh} input[data-param="alpha"]`).inputValue(), "0.3");
      assert.equal(await page.locator(`${zh} input[data-param="z_b"]`).inputValue(), "2.5");
      assert.ok(Math.abs((await readout(page, "zh", "fig_d4", "centre_d")) - 2.5 / Math.sqrt(0.3)) < 1e-9);
      await page.locator(zh).scrollIntoViewIfNeeded();
      assert.equal(await page.locator(`${zh} canvas.fig-canvas`).count(), 4);
      const zhCanvases = await page.locator(`${zh} canvas.fig-canvas`).evaluateAll((cs) => cs.map((c) => c.width));
      assert.ok(zhCanvases.every((w) => w > 0), "the Chinese copy is drawn once shown");
      assert.match(await page.locator(`${zh} canvas.fig-canvas`).first().getAttribute("aria-label"), /[\u4e00-\u9fff]/);
    });
  });

  it("figures fit a 360 px phone: the page does not scroll sideways, wide tables scroll in place", async () => {
    const phone = await launchBrowser({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
    try {
      for (const lang of ["en", "zh"]) {
        await inSession(await openFigures(lang, phone), async (page) => {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${lang}: the page is ${overflow}px too wide`);
          for (const id of COMPUTED) {
            const box = await page.locator(fig(lang, id)).boundingBox();
            assert.ok(box.width <= 360, `${id} is ${box.width}px wide`);
            // Every panel has a readable size: at least 280 CSS px wide, or it scrolls.
            const widths = await page
              .locator(`${fig(lang, id)} .fig-panel > :is(svg, canvas)`)
              .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
            for (const w of widths) assert.ok(w >= 280, `${id}: a panel only ${w}px wide`);
          }
          // The controls work at this width too.
          await slide(page, lang, "fig_c2", "alpha_b", 0.9);
          assert.equal(await page.locator(`${fig(lang, "fig_c2")} canvas.fig-canvas`).count(), 1);
        });
      }
    } finally {
      await phone.close();
    }
  });

  it("with JavaScript off every figure is still there, as SVG", async () => {
    await withoutJavaScript(env.site.url, async (page) => {
      for (const id of COMPUTED) {
        const svgs = await page.locator(`${fig("en", id)} svg.fig-svg`).count();
        assert.ok(svgs >= 1, `${id}: ${svgs} SVG panels`);
        assert.equal(await page.locator(`${fig("en", id)} .fig-controls`).count(), 0, `${id}: no controls without JS`);
      }
      assert.equal(await page.locator(`${fig("en", "fig_7_1")} svg.mcmc`).count(), 1);
      // Panels are open without JS (noscript CSS): the figures are laid out.
      const box = await page.locator(fig("en", "fig_d5")).boundingBox();
      assert.ok(box && box.height > 100, "D.5 laid out");
    });
  });
});
