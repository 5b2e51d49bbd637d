// Lighthouse 12.2.3 (issue 15): accessibility, best practices and SEO at 100
// on the mobile and desktop presets. (Page speed has its own file.)
//
//   cd tests/e2e && node --test --test-reporter=spec lighthouse_quality.test.mjs

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, describe, it } from "node:test";
import { CHROMIUM, useSite } from "./lib.mjs";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const LIGHTHOUSE = path.join(here, "node_modules/.bin/lighthouse");
const CATEGORIES = ["accessibility", "best-practices", "seo"];

let out;
const env = useSite({
  browser: false,
  setup: async () => {
    out = await mkdtemp(path.join(tmpdir(), "dpm-lighthouse-"));
  },
});

after(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe("lighthouse: accessibility, best practices, SEO", () => {
  for (const preset of ["mobile", "desktop"]) {
    it(`scores 100 in each on the ${preset} preset`, async () => {
      const report = path.join(out, `${preset}.json`);
      const args = [
        env.site.url,
        `--only-categories=${CATEGORIES.join(",")}`,
        `--chrome-path=${CHROMIUM}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        "--output=json",
        `--output-path=${report}`,
        "--quiet",
        "--max-wait-for-load=90000",
      ];
      if (preset === "desktop") args.push("--preset=desktop");
      await run(LIGHTHOUSE, args, { timeout: 300_000 });
      const result = JSON.parse(await readFile(report, "utf8"));
      const failing = Object.values(result.audits)
        .filter((a) => a.score !== null && a.score < 1 && ["binary", "numeric"].includes(a.scoreDisplayMode))
        .map((a) => `${a.id} (${a.score})`);
      assert.equal(result.runtimeError, undefined, "lighthouse ran");
      assert.equal(result.finalDisplayedUrl, env.site.url, "the page itself was audited");
      for (const c of CATEGORIES) {
        assert.equal(result.categories[c].score, 1, `${c}: ${result.categories[c].score}; below 1: ${failing.join(", ")}`);
      }
    });
  }
});
