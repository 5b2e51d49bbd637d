// The page and `dpm figure` title every demo's plots alike, in both
// languages: both take their words from dpm_figures::text and their numbers
// from dpm_engine::demos. This test reads the titles the page gives its
// canvases (`data-title`, set from each chart's title when it is drawn) at
// the demos' defaults, and the text of the SVG `dpm figure` draws with the
// same defaults, and compares them.
//
//   cd tests/e2e && node --test titles.test.mjs     (builds target/debug/dpm if missing)

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import { assertClean, openPage, useSite } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const DPM = process.env.DPM || path.join(root, "target/debug/dpm");

/** Each demo, the `dpm figure` options that match the page's defaults, and the demos to apply first. */
const DEMOS = {
  demo_1: { args: [], apply: [] },
  demo_2: { args: [], apply: [] },
  demo_3_1: { args: [], apply: ["demo_3_1"] },
  demo_3_2: { args: [], apply: ["demo_3_1", "demo_3_2"] },
  // The page shows the fitted posteriors' sub-panel folded; opened here.
  demo_3_3: { args: [], apply: ["demo_3_1", "demo_3_3"] },
  demo_4_1: { args: [], apply: [] },
  // The page shows the power matrices by default; `dpm figure` on request.
  demo_4_2: { args: ["--show-power"], apply: ["demo_4_2"] },
};

function decodeXml(s) {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/** Every `<text>` of an SVG document, decoded. */
function svgTexts(svg) {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    decodeXml(m[1].replace(/<[^>]+>/g, "")).trim(),
  );
}

/** Titles of the drawn plots of one demo, in page order. */
async function pageTitles(page, demo, apply) {
  // Open the panels of the demos involved, and every folded sub-panel of the
  // demo so that its heat maps are drawn too.
  const open = [...new Set([demo, ...apply])];
  await page.evaluate(
    ({ demo, open }) => {
      for (const id of open) document.getElementById(id).open = true;
      for (const d of document.querySelectorAll(`#${demo} details.demo-sub`)) d.open = true;
    },
    { demo, open },
  );
  await page.waitForFunction(
    (ids) => ids.every((id) => document.querySelector(`.demo-root[data-demo="${id}"]`)?.hasAttribute("data-mounted")),
    open,
    { timeout: 30_000 },
  );
  for (const id of apply) {
    const rootSel = `.demo-root[data-demo="${id}"]`;
    await page.click(`${rootSel} button[data-param=apply]`);
    await page.waitForSelector(`${rootSel}[data-state=done]`, { timeout: 30_000 });
  }
  // Live demos draw on the next frame after mounting.
  await page.waitForFunction(
    (demo) => {
      const plots = [...document.querySelectorAll(`.demo-root[data-demo="${demo}"] canvas`)];
      return plots.some((c) => c.getAttribute("data-title"));
    },
    demo,
    { timeout: 30_000 },
  );
  return page.evaluate((demo) => {
    const root = document.querySelector(`.demo-root[data-demo="${demo}"]`);
    return [...root.querySelectorAll("figure.plot")]
      // The animated chain (issue 16) replays panels already counted.
      .filter((f) => !f.hidden && f.offsetParent !== null && !f.closest('[data-sub="animate"]'))
      .map((f) => f.querySelector("canvas")?.getAttribute("data-title"))
      .filter(Boolean);
  }, demo);
}

describe("the page and dpm figure title the demos alike", () => {
  let tmp;
  const env = useSite({
    browser: { viewport: { width: 1400, height: 900 } },
    setup: async () => {
      if (!existsSync(DPM)) {
        execFileSync("cargo", ["build", "--locked", "-q", "-p", "dpm-cli"], { cwd: root, stdio: "inherit" });
      }
      tmp = await mkdtemp(path.join(tmpdir(), "dpm-titles-"));
    },
  });

  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  for (const lang of ["en", "zh"]) {
    for (const [demo, { args, apply }] of Object.entries(DEMOS)) {
      it(`${demo} in ${lang}`, async () => {
        const s = await openPage(env.browser, `${env.site.url}?lang=${lang}#${demo}`);
        const titles = await pageTitles(s.page, demo, apply);
        assertClean(s);
        await s.close();

        const out = path.join(tmp, `${demo}-${lang}.svg`);
        execFileSync(DPM, ["figure", demo, "--lang", lang, "--format", "svg", "--out", out, ...args]);
        const texts = svgTexts(await readFile(out, "utf8"));

        assert.ok(titles.length >= 4, `${demo} ${lang}: only ${titles.length} plots drawn`);
        const missing = titles.filter((t) => !texts.includes(t));
        assert.deepEqual(missing, [], `${demo} ${lang}: page titles that dpm figure does not print`);
        // The file has no plot the page lacks: as many titles as panels.
        const inFile = texts.filter((t) => titles.includes(t));
        assert.equal(inFile.length, titles.length, `${demo} ${lang}: panel count`);
      });
    }
  }
});
