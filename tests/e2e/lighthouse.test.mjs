// Lighthouse 12.2.3 on the built site, served with gzip as a static host
// serves it, in the machine's Chromium: one run with the mobile preset (the
// default: a mid-range phone on slow 4G, simulated) and one with the desktop
// preset, three runs each. Prints the scores and metrics (BENCHMARKS.md keeps
// them) and fails under a median performance of 90, on an excessive DOM
// (over 20,000 elements) or on errors in the console; and on the median run
// under issue 13's figures: mobile performance 95, total blocking time
// 200 ms, largest contentful paint 2.5 s; desktop performance 99.
//
//   cd tests/e2e && node --test lighthouse.test.mjs

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROMIUM, CHROMIUM_ARGS, useSite } from "./lib.mjs";

const MIN_SCORE = 90;
const MOBILE = { performance: 95, tbt: 200, lcp: 2500 };
const MIN_DESKTOP_SCORE = 99;
const RUNS = 3;
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

/** Runs Lighthouse `RUNS` times; each run's summary, checked and printed. */
async function runs(name, config) {
  const out = [];
  for (let i = 0; i < RUNS; i++) {
    const lhr = await audit(env.site.url, config);
    assert.deepEqual(lhr.runtimeError ?? null, null, "lighthouse ran");
    assert.deepEqual(consoleErrors(lhr), [], "errors in the console");
    const s = summary(lhr);
    print(`${name}, run ${i + 1}`, s);
    assert.ok(s.elements <= MAX_ELEMENTS, `${s.elements} elements`);
    out.push(s);
  }
  return out;
}

/** The median of one metric over the runs. */
const median = (runs, key) => [...runs.map((r) => r[key])].sort((a, b) => a - b)[Math.floor(runs.length / 2)];

describe("lighthouse", { timeout: 400_000 }, () => {
  // Lighthouse's own advice: scores vary run to run (more so on two shared
  // cores), so judge the median of several runs.
  const seen = {};
  const line = (all) => all.map((r) => `${r.performance}/${r.tbt}/${r.lcp}`).join(", ");

  it(`mobile preset (median of ${RUNS}): performance >= ${MIN_SCORE}, a small DOM, no console error`, async () => {
    seen.mobile = await runs("mobile", undefined);
    assert.ok(median(seen.mobile, "performance") >= MIN_SCORE, `performance/TBT/LCP per run: ${line(seen.mobile)}`);
  });

  it(`desktop preset (median of ${RUNS}): performance >= ${MIN_SCORE}`, async () => {
    seen.desktop = await runs("desktop", desktopConfig);
    assert.ok(median(seen.desktop, "performance") >= MIN_SCORE, `performance per run: ${line(seen.desktop)}`);
  });

  it(`mobile (median): performance >= ${MOBILE.performance}, TBT <= ${MOBILE.tbt} ms, LCP <= ${MOBILE.lcp} ms`, () => {
    assert.ok(seen.mobile, "mobile runs");
    assert.ok(median(seen.mobile, "performance") >= MOBILE.performance, `performance/TBT/LCP per run: ${line(seen.mobile)}`);
    assert.ok(median(seen.mobile, "tbt") <= MOBILE.tbt, `performance/TBT/LCP per run: ${line(seen.mobile)}`);
    assert.ok(median(seen.mobile, "lcp") <= MOBILE.lcp, `performance/TBT/LCP per run: ${line(seen.mobile)}`);
  });

  it(`desktop (median): performance >= ${MIN_DESKTOP_SCORE}`, () => {
    assert.ok(seen.desktop, "desktop runs");
    assert.ok(median(seen.desktop, "performance") >= MIN_DESKTOP_SCORE, `performance per run: ${line(seen.desktop)}`);
  });
});
