// Screenshots of the built page for a human look (not a test): desktop and a
// 360 px phone, English and Chinese, some panels open. Written to out/.
//
//   node screenshots.mjs            (DIST=... for another build)

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fontsReady, launchBrowser, openPage, startServer } from "./lib.mjs";

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "out");
await mkdir(out, { recursive: true });
const site = await startServer();
const views = {
  desktop: { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 },
};
const open = (process.env.OPEN || "introduction,posterior,demo_2").split(",");

for (const [name, options] of Object.entries(views)) {
  const browser = await launchBrowser(options);
  for (const lang of ["en", "zh"]) {
    const s = await openPage(browser, `${site.url}?lang=${lang}`);
    await fontsReady(s.page);
    await s.page.screenshot({ path: path.join(out, `${name}-${lang}-top.png`) });
    for (const id of open) await s.page.locator(`#${id} > summary`).click();
    await fontsReady(s.page);
    for (const id of open) {
      await s.page.evaluate((id) => location.hash = id, id);
      await s.page.waitForTimeout(150);
      await s.page.screenshot({ path: path.join(out, `${name}-${lang}-${id}.png`) });
    }
    if (process.env.FULL) {
      await s.page.screenshot({ path: path.join(out, `${name}-${lang}-full.png`), fullPage: true });
    }
    await s.close();
  }
  await browser.close();
}
await site.close();
console.log(`screenshots in ${out}`);
