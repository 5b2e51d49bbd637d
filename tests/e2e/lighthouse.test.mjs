// Lighthouse 12.2.3 on the built site, served with gzip as a static host
// serves it, in the machine's Chromium: one run with the mobile preset (the
// default: a mid-range phone on slow 4G, simulated) and one with the desktop
// preset. Prints the scores and metrics (BENCHMARKS.md keeps them) and fails
// under a mobile performance score of 90, on an excessive DOM (over 20,000
// elements) or on errors in the console.
//
//   cd tests/e2e && node --test lighthouse.test.mjs

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROMIUM, CHROMIUM_ARGS, useSite } from "./lib.mjs";

const MIN_MOBILE_SCORE = 90;
const MAX_ELEMENTS = 20000;

const env = useSite({ browser: false, gzip: true });

/** One Lighthouse run of `url` in a fresh headless Chromium; the report (lhr). */
async function audit(url, config) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || CHROMIUM,
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
    logLevel: "silent",
  });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "best-practices"] },
      config,
    );
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

/** The numbers worth keeping from a report. */
function summary(lhr) {
  const ms = (id) => Math.round(lhr.audits[id].numericValue);
  return {
    performance: Math.round(lhr.categories.performance.score * 100),
    bestPractices: Math.round(lhr.categories["best-practices"].score * 100),
    fcp: ms("first-contentful-paint"),
    lcp: ms("largest-contentful-paint"),
    tbt: ms("total-blocking-time"),
    cls: lhr.audits["cumulative-layout-shift"].numericValue,
    si: ms("speed-index"),
    elements: lhr.audits["dom-size"].numericValue,
  };
}

function print(name, s) {
  console.log(
    `# lighthouse ${name}: performance ${s.performance}, best practices ${s.bestPractices}; ` +
      `FCP ${s.fcp} ms, LCP ${s.lcp} ms, TBT ${s.tbt} ms, CLS ${s.cls.toFixed(3)}, SI ${s.si} ms, ` +
      `${s.elements} elements`,
  );
}

function consoleErrors(lhr) {
  const audit = lhr.audits["errors-in-console"];
  return audit.score === 1 ? [] : (audit.details?.items || []).map((i) => i.description || i.url);
}

describe("lighthouse", { timeout: 300_000 }, () => {
  it("mobile preset: performance at least 90 (median of 3 runs), a small DOM, no console error", async () => {
    // Lighthouse's own advice: scores vary run to run (more so on two shared
    // cores), so judge the median of several runs.
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const lhr = await audit(env.site.url);
      assert.deepEqual(lhr.runtimeError ?? null, null, "lighthouse ran");
      assert.deepEqual(consoleErrors(lhr), [], "errors in the console");
      const s = summary(lhr);
      print(`mobile, run ${i + 1}`, s);
      assert.ok(s.elements <= MAX_ELEMENTS, `${s.elements} elements`);
      runs.push(s.performance);
    }
    const median = [...runs].sort((a, b) => a - b)[1];
    assert.ok(median >= MIN_MOBILE_SCORE, `mobile performance median ${median} (runs ${runs.join(", ")}) < ${MIN_MOBILE_SCORE}`);
  });

  it("desktop preset: scores and metrics (for BENCHMARKS.md)", async () => {
    const lhr = await audit(env.site.url, desktopConfig);
    const s = summary(lhr);
    print("desktop", s);
    assert.deepEqual(lhr.runtimeError ?? null, null, "lighthouse ran");
    assert.deepEqual(consoleErrors(lhr), [], "errors in the console");
  });
});
