// Helpers for the tests that look at the whole page at once (theme, axe,
// offline, CSP): every panel open, every demo mounted and drawn, every apply
// demo applied with its folded sub-panel open.

import assert from "node:assert/strict";
import { fontsReady, frames, PANEL_IDS } from "./lib.mjs";

export const APPLY = ["demo_3_1", "demo_3_2", "demo_3_3", "demo_4_2"];
const SUB = { demo_3_1: "posterior", demo_3_3: "fitted", demo_4_2: "power" };
const TIMEOUT = 30_000;

/** Opens all 22 panels and waits until every demo is mounted and its shown canvases are sized. */
export async function openEverything(page) {
  await page.evaluate((ids) => {
    for (const id of ids) document.getElementById(id).open = true;
  }, PANEL_IDS);
  await page.waitForFunction(
    () => {
      const roots = [...document.querySelectorAll(".demo-root[data-demo]")];
      return roots.length === 7 && roots.every((r) => r.hasAttribute("data-mounted"));
    },
    null,
    { timeout: TIMEOUT },
  );
  await fontsReady(page);
  await frames(page, 3);
}

/** Applies each apply demo in page order (3.1 first: 3.2 and 3.3 use its chain) and opens its sub-panel. */
export async function applyEverything(page) {
  for (const demo of APPLY) {
    const before = await page.evaluate((n) => performance.getEntriesByName(n, "measure").length, `${demo}:apply`);
    await page.locator(`#${demo} button[data-param="apply"]`).click();
    const handle = await page.waitForFunction(
      ({ demo, n, before }) => {
        const el = document.querySelector(`.demo-root[data-demo="${demo}"]`);
        if (el?.dataset.state === "error") return "error";
        return el?.dataset.state === "done" && performance.getEntriesByName(n, "measure").length > before ? "done" : false;
      },
      { demo, n: `${demo}:apply`, before },
      { timeout: TIMEOUT },
    );
    assert.equal(await handle.jsonValue(), "done", `${demo} applied`);
    if (SUB[demo]) {
      await page.evaluate(({ demo, sub }) => {
        const d = document.querySelector(`#${demo} details.demo-sub[data-sub="${sub}"]`);
        if (d) d.open = true;
      }, { demo, sub: SUB[demo] });
    }
  }
  await frames(page, 4);
}

/** Clicks the theme control until the page's effective theme is `theme`; returns the choice it stopped at. */
export async function chooseTheme(page, theme) {
  for (let i = 0; i < 3; i++) {
    if ((await page.getAttribute("html", "data-theme")) === theme) break;
    await page.locator('[data-control="theme"]').click();
  }
  assert.equal(await page.getAttribute("html", "data-theme"), theme);
  await frames(page, 3);
  return page.getAttribute("html", "data-theme-choice");
}

/** WCAG relative luminance of a CSS rgb()/rgba() colour string or an [r, g, b] triple. */
export function luminance(color) {
  const rgb = Array.isArray(color) ? color : color.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
}
