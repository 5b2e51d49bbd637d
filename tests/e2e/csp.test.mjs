// The Content-Security-Policy (issue 15): every built document carries the
// meta at least as strict as the issue's, no inline script is left, and no
// `securitypolicyviolation` fires with every panel open and every demo
// applied, in both languages.
//
//   cd tests/e2e && node --test --test-reporter=spec csp.test.mjs

import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { assertClean, distDir, openPage, useSite } from "./lib.mjs";
import { applyEverything, chooseTheme, openEverything } from "./whole_page.mjs";

/** The minimum: each directive with exactly these sources (or stricter). */
const REQUIRED = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "style-src": ["'self'"],
  "style-src-attr": ["'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "worker-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
};

const env = useSite({ browser: { viewport: { width: 1280, height: 900 } } });

async function htmlFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await htmlFiles(p)));
    else if (e.name.endsWith(".html")) out.push(p);
  }
  return out;
}

function parsePolicy(text) {
  const map = {};
  for (const part of text.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map[name] = sources;
  }
  return map;
}

describe("content security policy", () => {
  it("every built document has the meta, at least as strict as the issue's, and no inline script or style", async () => {
    const files = await htmlFiles(distDir);
    assert.ok(files.length >= 1);
    for (const file of files) {
      const html = await readFile(file, "utf8");
      const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/g)];
      assert.equal(metas.length, 1, `${file}: one CSP meta`);
      assert.ok(metas[0].index < html.search(/<script|<link/), `${file}: the policy comes before any script or style sheet`);
      const policy = parsePolicy(metas[0][1]);
      for (const [name, sources] of Object.entries(REQUIRED)) {
        assert.deepEqual(policy[name]?.slice().sort(), sources.slice().sort(), `${file}: ${name}`);
      }
      assert.ok(!/'unsafe-eval'|'unsafe-inline'/.test(policy["script-src"].join(" ")), "no unsafe script sources");
      // No inline scripts (every <script> has src) and no <style> elements.
      for (const m of html.matchAll(/<script\b([^>]*)>/g)) assert.match(m[1], /\bsrc=/, `${file}: inline <script${m[1]}>`);
      assert.ok(!/<style[\s>]/.test(html), `${file}: a <style> element`);
    }
  });

  for (const lang of ["en", "zh"]) {
    it(`no violation with every panel open and every demo applied (${lang}, both themes)`, async () => {
      const s = await openPage(env.browser, null);
      await s.page.addInitScript(() => {
        window.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
        );
      });
      await s.page.goto(`${env.site.url}?lang=${lang}`);
      // The policy is in force: an inline script is refused.
      const inlineRan = await s.page.evaluate(() => {
        window.__inline = false;
        const el = document.createElement("script");
        el.textContent = "window.__inline = true";
        document.head.append(el);
        return window.__inline;
      });
      assert.equal(inlineRan, false, "inline script blocked");
      await s.page.waitForFunction(() => window.__violations.length === 1);
      await s.page.evaluate(() => (window.__violations = []));
      // (Chromium logs the refusal as a console error: that one was ours.)
      assert.equal(s.consoleErrors.length, 1);
      assert.match(s.consoleErrors[0], /Content Security Policy/);
      s.consoleErrors.length = 0;

      await openEverything(s.page);
      await applyEverything(s.page);
      await chooseTheme(s.page, "dark");
      await chooseTheme(s.page, "light");
      await s.page.locator('[data-control="language"]').click();
      await s.page.waitForTimeout(200);
      assert.deepEqual(await s.page.evaluate(() => window.__violations), []);
      assertClean(s);
      await s.close();
    });
  }
});
