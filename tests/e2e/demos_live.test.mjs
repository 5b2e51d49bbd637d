// The live demos 1, 2 and 4.1 (crates/web): controls, frame budgets while a
// slider is dragged, the golden demo 4.1 numbers through the page, junk
// input, the language switch and a stored screenshot of each demo.
//
//   cd tests/e2e && npm ci && node --test demos_live.test.mjs
//   UPDATE_SNAPSHOTS=1 node --test demos_live.test.mjs   (rewrites snapshots/)
//
// Budgets (issue 4): the median `demo_N:update` measure over a 40-step drag,
// one input event per animation frame, in headless Chromium on this machine.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { addStyle, assertClean, canvasHashes, compareSnapshot, DEMO_IDS, frames, openDemos, useSite } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN_DEMO4 = path.join(here, "../golden/demo4.json");

const LIVE = ["demo_1", "demo_2", "demo_4_1"];
const BUDGET_MS = { demo_1: 8, demo_2: 16, demo_4_1: 30 };
const STEPS = 40;
/** Demo 4.1 at alpha 0.99-0.999 (issue 13): the 95th percentile of its updates. */
const NEAR_ONE_P95_MS = 16;
/** The live demos' canvases (the apply demos keep hidden, unsized spare panels). */
const LIVE_CANVASES = LIVE.map((d) => `.demo-root[data-demo="${d}"] canvas`).join(", ");

/** Every control of each demo: [data-param, slider?, default, min, max, step]. */
const CONTROLS = {
  demo_1: [
    ["seed", false, 100],
    ["alpha_linear", true, 0.7, 0.3, 0.999, 0.001],
    ["alpha_noise", true, 0.995, 0.3, 0.999, 0.001],
  ],
  demo_2: [
    ["seed", false, 100],
    ["alpha", true, 0.98, 0.001, 0.999, 0.001],
    ["cond", true, 0.2, -2.3, 2.3, 0.1],
  ],
  demo_4_1: [
    ["seed", false, 100],
    ["alpha", true, 0.95, 0.001, 0.999, 0.001],
    ["inputs_seed", false, 100],
  ],
};

const JUNK = ["abc", "-5", "1e9", "", "NaN"];

let session; // one page with the three live demos open (closed with the browser)
const env = useSite({
  browser: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
  setup: async () => {
    session = await openLive("en");
  },
});

/** Every canvas of the demos `ids` has its backing store (is drawn). */
const drawn = (ids) =>
  ids.every((id) => {
    const canvases = [...document.querySelectorAll(`.demo-root[data-demo="${id}"] canvas`)];
    return canvases.length > 0 && canvases.every((c) => c.width > 0);
  });

/** A fresh page in `lang` with the live demos' panels open and drawn. */
const openLive = (lang) => openDemos(env.browser, `${env.site.url}?lang=${lang}`, LIVE, { ready: drawn });

const sel = (demo, param, kind) =>
  `#${demo} input[data-param="${param}"]${kind === "slider" ? '[type="range"]' : ':not([type="range"])'}`;

/** Types `text` into a number field and presses Enter (which commits it, as leaving the field does). */
async function commit(page, demo, param, text) {
  const field = page.locator(sel(demo, param, "field"));
  await field.fill(text);
  await field.press("Enter");
  await frames(page, 2);
}

const measureCount = (page, demo) =>
  page.evaluate((name) => performance.getEntriesByName(name, "measure").length, `${demo}:update`);

/** The `q` quantile of `xs` (nearest rank). */
const percentile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Drags a slider through `values`, one input event per animation frame; returns the measures. */
async function drag(page, demo, param, values) {
  return page.evaluate(
    async ({ selector, values, name }) => {
      const slider = document.querySelector(selector);
      slider.scrollIntoView({ block: "center" });
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      await frame();
      performance.clearMeasures(name);
      for (const v of values) {
        await frame();
        slider.value = String(v);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
      }
      await frame();
      await frame();
      slider.dispatchEvent(new Event("change", { bubbles: true }));
      return performance.getEntriesByName(name, "measure").map((e) => e.duration);
    },
    { selector: sel(demo, param, "slider"), values, name: `${demo}:update` },
  );
}

/** Demo 4.1's lambda2 once it is no longer pending (it follows the update in a task of its own). */
async function settledLambda2(page) {
  const sel = '#demo_4_1 [data-readout="lambda2"]';
  await page.waitForFunction((sel) => !document.querySelector(sel)?.hasAttribute("data-pending"), sel);
  return Number(await page.locator(sel).getAttribute("data-value"));
}

/** `STEPS` slider positions from one end of the range to the other, on the step grid. */
function dragValues(min, max, step) {
  const n = Math.round((max - min) / step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return Array.from({ length: STEPS }, (_, k) => (min + Math.round((k * n) / (STEPS - 1)) * step).toFixed(decimals));
}

describe("live demos 1, 2 and 4.1", () => {
  it("mount with every control, default and readout of the contract; every demo mounts", async () => {
    const { page } = session;
    for (const demo of LIVE) {
      const root = page.locator(`.demo-root[data-demo="${demo}"]`);
      assert.equal(await root.locator(".demo-placeholder").count(), 0, `${demo} placeholder replaced`);
      for (const [param, slider, def, min, max, step] of CONTROLS[demo]) {
        const field = page.locator(sel(demo, param, "field"));
        assert.equal(await field.count(), 1, `${demo} ${param} field`);
        assert.equal(Number(await field.inputValue()), def, `${demo} ${param} default`);
        assert.equal(await field.evaluate((e) => !!e.labels?.[0]?.innerText.trim()), true, `${demo} ${param} label`);
        if (slider) {
          const s = page.locator(sel(demo, param, "slider"));
          const attrs = await s.evaluate((e) => [e.min, e.max, e.step, e.value].map(Number));
          assert.deepEqual(attrs, [min, max, step, def], `${demo} ${param} slider range`);
        }
      }
    }
    assert.equal(await page.locator('#demo_4_1 button[data-param="new_inputs_seed"]').count(), 1);
    for (const name of ["lambda2", "js_in", "js_out"]) {
      const v = await page.locator(`#demo_4_1 [data-readout="${name}"]`).getAttribute("data-value");
      assert.ok(Number.isFinite(Number(v)), `${name} readout ${v}`);
    }
    assert.equal(await page.locator('#demo_4_1 [data-readout="lambda2"]').evaluate((e) => e.readOnly), true);
    // The apply demos (demos_apply.test.mjs) wait, unmounted, while their
    // panels are closed, and mount when they open, idle until applied.
    const others = DEMO_IDS.filter((d) => !LIVE.includes(d));
    for (const demo of others) {
      assert.equal(await page.locator(`.demo-root[data-demo="${demo}"][data-mounted]`).count(), 0, `${demo} waits`);
    }
    await page.evaluate((ids) => ids.forEach((id) => (document.getElementById(id).open = true)), others);
    for (const demo of others) {
      const root = page.locator(`.demo-root[data-demo="${demo}"]`);
      await page.locator(`.demo-root[data-demo="${demo}"][data-mounted]`).waitFor({ state: "attached" });
      assert.equal(await root.getAttribute("data-state"), "idle", demo);
      assert.equal(await root.locator(".demo-placeholder").count(), 0, demo);
    }
    assertClean(session);
  });

  for (const demo of LIVE) {
    for (const [param, slider, , min, max, step] of CONTROLS[demo]) {
      if (!slider) continue;
      it(`${demo}: dragging ${param} redraws every frame within ${BUDGET_MS[demo]} ms (median of ${STEPS})`, async (t) => {
        const durations = await drag(session.page, demo, param, dragValues(min, max, step));
        const m = median(durations);
        const line = `${demo}:update dragging ${param}: median ${m.toFixed(2)} ms, max ${Math.max(...durations).toFixed(2)} ms over ${durations.length} updates (budget ${BUDGET_MS[demo]} ms)`;
        t.diagnostic(line);
        assert.ok(durations.length >= STEPS * 0.75, `one update per frame: ${durations.length} for ${STEPS} steps`);
        assert.ok(m <= BUDGET_MS[demo], line);
        assertClean(session);
      });
    }
  }

  it(`demo_4_1: dragging alpha between 0.99 and 0.999 redraws every frame within ${NEAR_ONE_P95_MS} ms (95th percentile), lambda2 exact once shown`, async (t) => {
    const { page } = session;
    await commit(page, "demo_4_1", "seed", "100");
    await commit(page, "demo_4_1", "alpha", "0.99");
    // Up and down the slow end of the range, one step of the slider per frame.
    const up = Array.from({ length: 10 }, (_, k) => (0.99 + 0.001 * k).toFixed(3));
    const down = up.slice(0, -1).reverse();
    const values = [...up.slice(1), ...down, ...up.slice(1), ...down, ...up.slice(1, 5)];
    // The best of three drags: other builds share this machine's two cores.
    const lines = [];
    let best = Infinity;
    for (let run = 0; run < 3 && best > NEAR_ONE_P95_MS; run++) {
      await page.evaluate(() => performance.clearMeasures("demo_4_1:lambda2"));
      const durations = await drag(page, "demo_4_1", "alpha", values);
      assert.ok(durations.length >= values.length * 0.75, `one update per frame: ${durations.length} for ${values.length} steps`);
      // lambda2 comes in a task of its own right after each update.
      const lambda2 = await page.evaluate(() => performance.getEntriesByName("demo_4_1:lambda2", "measure").map((e) => e.duration));
      const p95 = percentile(durations, 0.95);
      best = Math.min(best, p95);
      lines.push(
        `p95 ${p95.toFixed(2)} ms, median ${median(durations).toFixed(2)} ms, max ${Math.max(...durations).toFixed(2)} ms over ${durations.length} updates; lambda2 ${lambda2.length}x, median ${median(lambda2).toFixed(2)} ms`,
      );
    }
    const line = `demo_4_1:update dragging alpha 0.99-0.999: ${lines.join(" | ")} (budget p95 ${NEAR_ONE_P95_MS} ms)`;
    t.diagnostic(line);
    assert.ok(best <= NEAR_ONE_P95_MS, line);
    // The value shown once it is no longer pending is the exact one.
    await commit(page, "demo_4_1", "alpha", "0.999");
    const l2 = await settledLambda2(page);
    assert.ok(Math.abs(l2 - 0.999975714301817) <= 1e-6, `lambda2 at seed 100 alpha 0.999: ${l2}`);
    await commit(page, "demo_4_1", "alpha", "0.95");
    assertClean(session);
  });

  it("demo_2: dragging z redraws only the posterior heat map and the fixed-condition plot", async () => {
    const { page } = session;
    await commit(page, "demo_2", "cond", "0.2");
    const before = await canvasHashes(page, "demo_2");
    await drag(page, "demo_2", "cond", ["0.5", "1.1", "-0.7"]);
    const afterDrag = await canvasHashes(page, "demo_2");
    for (const name of ["q_x", "q_z", "likelihood"]) assert.equal(afterDrag[name], before[name], `${name} unchanged`);
    for (const name of ["posterior", "posterior_fixed_condition"]) assert.notEqual(afterDrag[name], before[name], `${name} redrawn`);
    await commit(page, "demo_2", "cond", "0.2");
  });

  it("demo_4_1: the page shows the golden lambda2, div_in and div_out (1e-5)", async () => {
    const { page } = session;
    const records = JSON.parse(await readFile(GOLDEN_DEMO4, "utf8"));
    assert.ok(records.length > 0);
    for (const r of records) {
      await commit(page, "demo_4_1", "seed", String(r.seed));
      await commit(page, "demo_4_1", "alpha", String(r.alpha));
      await commit(page, "demo_4_1", "inputs_seed", String(r.inputs_seed));
      await settledLambda2(page);
      const got = await page.evaluate(() =>
        Object.fromEntries(
          ["lambda2", "js_in", "js_out"].map((k) => [
            k,
            Number(document.querySelector(`#demo_4_1 [data-readout="${k}"]`).dataset.value),
          ]),
        ),
      );
      for (const k of ["lambda2", "js_in", "js_out"]) {
        assert.ok(Math.abs(got[k] - r[k]) <= 1e-5, `seed ${r.seed} alpha ${r.alpha} inputs ${r.inputs_seed}: ${k} ${got[k]} vs ${r[k]}`);
      }
      // The readouts' text says the same numbers.
      const text = await page.locator('#demo_4_1 [data-readout="js_in"]').innerText();
      assert.equal(Number(text).toFixed(4), r.js_in.toFixed(4));
    }
    assertClean(session);
  });

  it("demo_4_1: change inputs seed draws a new pair and shows its seed", async () => {
    const { page } = session;
    await commit(page, "demo_4_1", "inputs_seed", "100");
    const before = await page.locator('#demo_4_1 [data-readout="js_in"]').getAttribute("data-value");
    await page.locator('#demo_4_1 button[data-param="new_inputs_seed"]').click();
    await frames(page, 2);
    const seed = await page.locator(sel("demo_4_1", "inputs_seed", "field")).inputValue();
    assert.match(seed, /^\d+$/);
    assert.notEqual(seed, "100");
    const afterClick = await page.locator('#demo_4_1 [data-readout="js_in"]').getAttribute("data-value");
    assert.notEqual(afterClick, before);
    assertClean(session);
  });

  it("refuses or clamps junk in every field with an inline message, keeps updating, logs no error", async () => {
    const { page } = session;
    for (const demo of LIVE) {
      for (const [param, , def, min, max] of CONTROLS[demo]) {
        const field = page.locator(sel(demo, param, "field"));
        const message = page.locator(`#${await field.getAttribute("aria-describedby")}`);
        assert.equal(await message.getAttribute("role"), "status");
        for (const junk of JUNK) {
          await commit(page, demo, param, junk);
          const shown = await field.inputValue();
          const v = Number(shown);
          assert.ok(Number.isFinite(v) && shown.trim() !== "", `${demo} ${param} "${junk}" -> field shows "${shown}"`);
          if (min !== undefined) assert.ok(v >= min && v <= max, `${demo} ${param} "${junk}" -> ${v} in range`);
          else assert.ok(v >= 0 && Number.isInteger(v), `${demo} ${param} "${junk}" -> ${v}`);
          if (junk !== "1e9" || min !== undefined) {
            assert.notEqual((await message.innerText()).trim(), "", `${demo} ${param} "${junk}" explained`);
          }
          // Sliders are sanitised by the browser; they must not break anything either.
          const slider = page.locator(sel(demo, param, "slider"));
          if ((await slider.count()) === 1) {
            await slider.evaluate((s, junk) => {
              s.value = junk;
              s.dispatchEvent(new Event("input", { bubbles: true }));
            }, junk);
          }
        }
        // A good value afterwards still updates the demo and clears the message.
        const count = await measureCount(page, demo);
        await commit(page, demo, param, String(def));
        assert.equal(Number(await field.inputValue()), def);
        assert.equal((await message.innerText()).trim(), "", `${demo} ${param} message cleared`);
        assert.ok((await measureCount(page, demo)) > count, `${demo} still updates after junk in ${param}`);
      }
      assert.equal(await page.locator(`#${demo} .demo-error`).count(), 0, `${demo} did not stop`);
    }
    assertClean(session);
  });

  it("steps a field with the arrow keys, one slider step at a time", async () => {
    const { page } = session;
    await commit(page, "demo_1", "alpha_linear", "0.7");
    const count = await measureCount(page, "demo_1");
    const field = page.locator(sel("demo_1", "alpha_linear", "field"));
    await field.focus();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowDown");
    await frames(page, 2);
    assert.equal(await field.inputValue(), "0.701");
    assert.equal(await page.locator(sel("demo_1", "alpha_linear", "slider")).inputValue(), "0.701");
    assert.ok((await measureCount(page, "demo_1")) > count);
    await commit(page, "demo_1", "alpha_linear", "0.7");
    assertClean(session);
  });

  it("keeps every canvas's backing store at its CSS size in device pixels as the page resizes", async () => {
    const s = await openLive("en");
    const { page } = s;
    const sizes = () =>
      page.$$eval(LIVE_CANVASES, (cs) =>
        cs.map((c) => {
          const r = c.getBoundingClientRect();
          return [c.width, c.height, r.width * devicePixelRatio, r.height * devicePixelRatio];
        }),
      );
    for (const width of [1280, 700, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await frames(page, 3);
      for (const [w, h, cssW, cssH] of await sizes()) {
        assert.ok(w > 0 && Math.abs(w - cssW) <= 1 && Math.abs(h - cssH) <= 1, `${width}px page: ${w}x${h} for ${cssW}x${cssH}`);
      }
      // Redrawn after the resize: not blank.
      const blank = await page.$$eval(LIVE_CANVASES, (cs) =>
        cs.filter((c) => {
          const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 2] < 200) return false;
          return true;
        }).length,
      );
      assert.equal(blank, 0, `${width}px page: every chart drawn`);
    }
    assertClean(s);
    await s.close();
  });

  it("relabels titles, legends, controls and messages on a language switch without recomputing", async () => {
    const s = await openLive("en");
    const { page } = s;
    await commit(page, "demo_2", "alpha", "abc"); // leaves an English message
    const counts = Object.fromEntries(await Promise.all(LIVE.map(async (d) => [d, await measureCount(page, d)])));
    const labels = () => page.$$eval(LIVE_CANVASES, (cs) => cs.map((c) => c.getAttribute("aria-label")));
    const hashes = await canvasHashes(page, "demo_2");
    const before = await labels();
    assert.ok(before.every((l) => l && !/[\u4e00-\u9fff]/.test(l)), before.join(" | "));
    await page.locator('[data-control="language"]').click();
    await frames(page, 2);
    const zh = await labels();
    assert.ok(zh.some((l) => /[\u4e00-\u9fff]/.test(l)), zh.join(" | "));
    assert.notDeepEqual(await canvasHashes(page, "demo_2"), hashes, "charts redrawn in Chinese");
    assert.match(await page.locator('label[for="demo_1-seed"]').innerText(), /随机种子/);
    assert.match(await page.locator("#demo_2-alpha-msg").innerText(), /[\u4e00-\u9fff]/);
    for (const d of LIVE) assert.equal(await measureCount(page, d), counts[d], `${d} not recomputed`);
    assertClean(s);
    await s.close();
  });

  for (const demo of LIVE) {
    it(`${demo} looks like its stored screenshot`, async () => {
      const s = await openLive("en");
      const { page } = s;
      // The sticky toolbar would cover the top of a tall demo.
      await addStyle(page, ".toolbar { display: none !important; }");
      await frames(page, 2);
      const shot = await page
        .locator(`.demo-root[data-demo="${demo}"]`)
        .screenshot({ animations: "disabled", caret: "hide" });
      await compareSnapshot(shot, demo, "demos_live.test.mjs");
      assertClean(s);
      await s.close();
    });
  }
});
