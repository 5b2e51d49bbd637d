// Shared helpers for the browser tests: a static server for dist/, the
// machine's Chromium (headless, no downloads), and a page session that records
// console errors, page errors and every request that would leave 127.0.0.1.
//
//   const env = useSite();                       // one server + browser for this file
//   const s = await openPage(env.browser, env.site.url + "?lang=zh#demo_2");
//   ... s.page is a Playwright page ...
//   assertClean(s);                               // no errors, nothing off-machine
//   await s.close();
// (`startServer` serves $DIST or ../../dist; `launchBrowser` starts Chromium.)

import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import pixelmatch from "pixelmatch";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The built site: `$DIST`, else `dist/` of the repository. */
export const distDir = path.resolve(process.env.DIST || path.join(here, "../../dist"));

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The 22 panel ids in page order (content/README.md). */
export const PANEL_IDS = [
  "introduction", "transform", "demo_1", "likelihood", "posterior", "demo_2",
  "forward_process", "demo_3_1", "backward_process", "demo_3_2", "fit_posterior",
  "demo_3_3", "posterior_transform", "demo_4_1", "demo_4_2", "deconvolution",
  "cond_kl", "approx_gauss", "non_expanding", "stationary", "reference", "about",
];

export const DEMO_IDS = PANEL_IDS.filter((id) => id.startsWith("demo_"));

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

/** Types a static host compresses (everything but images already compressed and fonts). */
const COMPRESSIBLE = /^(text\/|application\/(wasm|json)|image\/svg)/;

/**
 * Serves `dir` on 127.0.0.1 at a free port. Resolves to { url, port, close, requests }
 * where `requests` lists the paths asked for. With `{ gzip: true }` text,
 * wasm and SVG go gzipped (level 9) to clients that accept it, as a static
 * host serves them.
 */
export async function startServer(dir = distDir, { gzip = false } = {}) {
  const index = path.join(dir, "index.html");
  await stat(index).catch(() => {
    throw new Error(`${index} not found: build the site first (trunk build --release) or set DIST`);
  });
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir + path.sep) && file !== dir) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      const type = MIME[path.extname(file).toLowerCase()] || "application/octet-stream";
      if (gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
        const body = gzipSync(await readFile(file), { level: 9 });
        res.writeHead(200, {
          "content-type": type,
          "content-encoding": "gzip",
          "content-length": body.length,
          "cache-control": "no-store",
          vary: "accept-encoding",
        });
        res.end(req.method === "HEAD" ? undefined : body);
        return;
      }
      res.writeHead(200, {
        "content-type": type,
        "content-length": info.size,
        "cache-control": "no-store",
      });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Launches /usr/bin/chromium headless in a fresh temporary profile. Returns a
 * Playwright BrowserContext with a `close()` that also removes the profile.
 * `options` go to launchPersistentContext (e.g. { viewport, javaScriptEnabled }).
 */
export async function launchBrowser(options = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), "dpm-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  };
  return context;
}

/**
 * A test file's server and browser: registers node:test `before` and `after`
 * hooks that start `dist/` on a free port (`startServer`, gzip with
 * `{ gzip: true }`) and one browser (`launchBrowser(browser)`; none with
 * `browser: false`), and close both. Returns `{ site, browser }`, filled in
 * once `before` has run; `setup(env)` runs after them in the same hook.
 */
export function useSite({ browser = {}, gzip = false, setup } = {}) {
  const env = { site: null, browser: null };
  before(async () => {
    env.site = await startServer(undefined, { gzip });
    if (browser) env.browser = await launchBrowser(browser);
    if (setup) await setup(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

/** Runs `test(browser)` in a fresh browser (`launchBrowser(options)`), closed after. */
export async function withBrowser(options, test) {
  const browser = await launchBrowser(options);
  try {
    return await test(browser);
  } finally {
    await browser.close();
  }
}

/**
 * Opens `url` in `context` with the panels `ids` open, waits until their
 * demos have mounted (within `timeout` ms) and `ready(ids)` holds in the page
 * if given, then until fonts have loaded and two frames have passed; returns
 * the session (`openPage`).
 */
export async function openDemos(context, url, ids, { timeout = 30_000, ready } = {}) {
  const s = await openPage(context, url);
  await s.page.evaluate((ids) => {
    for (const id of ids) document.getElementById(id).open = true;
  }, ids);
  await s.page.waitForFunction(
    (ids) => ids.every((id) => document.querySelector(`.demo-root[data-demo="${id}"]`)?.hasAttribute("data-mounted")),
    ids,
    { timeout },
  );
  if (ready) await s.page.waitForFunction(ready, ids, { timeout });
  await fontsReady(s.page);
  await frames(s.page, 2);
  return s;
}

/**
 * A demo's readouts whose names start with `prefix`: { name: Number(data-value) },
 * or with `{ text: true }` { name: { value, text } } (text: what the reader sees).
 */
export function readouts(page, demo, prefix, { text = false } = {}) {
  return page.evaluate(
    ({ demo, prefix, text }) =>
      Object.fromEntries(
        [...document.querySelectorAll(`#${demo} [data-readout^="${prefix}"]`)].map((e) => {
          const value = Number(e.dataset.value);
          return [e.dataset.readout, text ? { value, text: e.textContent } : value];
        }),
      ),
    { demo, prefix, text },
  );
}

/**
 * A hash of each shown chart's pixels in a demo, by its figure's `data-plot`
 * name: `{ name: "WxH:hash" }` (the chart canvas, not its hover overlay).
 */
export function canvasHashes(page, demo) {
  return page.evaluate((demo) => {
    const out = {};
    for (const fig of document.querySelectorAll(`#${demo} figure[data-plot]:not([hidden])`)) {
      const canvas = fig.querySelector("canvas");
      if (!canvas?.width) continue;
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let h = 0;
      for (let i = 0; i < data.length; i += 1) h = (Math.imul(h, 31) + data[i]) | 0;
      out[fig.dataset.plot] = `${canvas.width}x${canvas.height}:${h}`;
    }
    return out;
  }, demo);
}

/** True when a request URL stays on this machine's test server. */
export function isLocal(url) {
  if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) return true;
  try {
    return new URL(url).hostname === "127.0.0.1";
  } catch {
    return false;
  }
}

/**
 * Opens `url` in a new page of `context`, recording problems. Requests that
 * would leave 127.0.0.1 are aborted and listed in `offMachine`.
 * Returns { page, consoleErrors, pageErrors, offMachine, responses, close }.
 */
export async function openPage(context, url, { waitUntil = "load" } = {}) {
  const page = await context.newPage();
  const session = {
    page,
    consoleErrors: [],
    pageErrors: [],
    offMachine: [],
    responses: [],
    close: () => page.close(),
  };
  await page.route("**/*", (route) => {
    const requestUrl = route.request().url();
    if (isLocal(requestUrl)) return route.continue();
    session.offMachine.push(requestUrl);
    return route.abort("blockedbyclient");
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") session.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => session.pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on("response", (response) => session.responses.push(response));
  if (url) await page.goto(url, { waitUntil });
  return session;
}

/**
 * Runs `test(page, session)` on an open `session`, then checks it stayed
 * clean (`assertClean`) and closes its page.
 */
export async function inSession(session, test) {
  await test(session.page, session);
  assertClean(session);
  await session.close();
}

/** Opens `url` in a fresh browser with JavaScript off and runs `test(page)` in it (`inSession`). */
export async function withoutJavaScript(url, test) {
  await withBrowser({ javaScriptEnabled: false }, async (noJs) => inSession(await openPage(noJs, url), test));
}

/** Fails on any console error, page error or off-machine request so far. */
export function assertClean(session) {
  assert.deepEqual(session.pageErrors, [], "page errors");
  assert.deepEqual(session.consoleErrors, [], "console errors");
  assert.deepEqual(session.offMachine, [], "requests that left the machine");
}

/**
 * Gzip sizes (level 9, as a static host would serve them) of the responses of
 * the given resource types, e.g. ["document", "stylesheet", "font"].
 * Returns { total, files: [{ url, type, bytes, gzip }] }.
 */
export async function gzipSizes(session, types) {
  const files = [];
  for (const response of session.responses) {
    const type = response.request().resourceType();
    if (!types.includes(type) || !response.ok()) continue;
    const body = await response.body();
    files.push({
      url: response.url(),
      type,
      bytes: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    });
  }
  return { total: files.reduce((sum, f) => sum + f.gzip, 0), files };
}

/** Waits until web fonts in use have loaded (or failed). */
export async function fontsReady(page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Waits `n` animation frames in the page. */
export function frames(page, n = 2) {
  // A page that stops producing frames (a stalled compositor) must fail a
  // test, not hang the suite: each frame waits at most a second.
  return page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) {
      await new Promise((r) => {
        requestAnimationFrame(r);
        setTimeout(r, 1000);
      });
    }
  }, n);
}

/** Stored screenshots, and whether this run rewrites them (`UPDATE_SNAPSHOTS=1`). */
export const SNAPSHOTS = path.join(here, "snapshots");
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";

/**
 * Compares the PNG `shot` with `snapshots/<name>.png` (or writes it with
 * UPDATE_SNAPSHOTS=1): at most 0.2% of the pixels may differ beyond
 * pixelmatch's 0.1 threshold; on failure the actual image and a diff go to
 * `out/`. `testFile` names the file to rerun in the "missing" message.
 */
export async function compareSnapshot(shot, name, testFile) {
  const file = path.join(SNAPSHOTS, `${name}.png`);
  if (UPDATE) {
    await mkdir(SNAPSHOTS, { recursive: true });
    await writeFile(file, shot);
    return;
  }
  const want = PNG.sync.read(
    await readFile(file).catch(() => {
      throw new Error(`${file} missing: run UPDATE_SNAPSHOTS=1 node --test ${testFile}`);
    }),
  );
  const got = PNG.sync.read(shot);
  assert.deepEqual([got.width, got.height], [want.width, want.height], `${name} screenshot size`);
  const diff = new PNG({ width: want.width, height: want.height });
  const differing = pixelmatch(got.data, want.data, diff.data, want.width, want.height, { threshold: 0.1 });
  const share = differing / (want.width * want.height);
  if (share > 0.002) {
    await mkdir(path.join(here, "out"), { recursive: true });
    await writeFile(path.join(here, "out", `${name}.actual.png`), shot);
    await writeFile(path.join(here, "out", `${name}.diff.png`), PNG.sync.write(diff));
  }
  assert.ok(share <= 0.002, `${name}: ${differing} pixels (${(share * 100).toFixed(2)}%) differ; see out/${name}.diff.png`);
}

/**
 * Adds `css` to the page as a constructed style sheet. (Playwright's
 * addStyleTag writes an inline <style>, which the page's
 * Content-Security-Policy refuses.)
 */
export function addStyle(page, css) {
  return page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, css);
}
