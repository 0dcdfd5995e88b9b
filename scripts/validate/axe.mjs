// Runs axe-core in headless Chromium over the pages given as arguments, at
// a desktop and a phone width (after "load": the lists keep a live-update
// stream open, so the network never goes idle), and prints every violation. Exit status 1
// when there is one. Used by scripts/validate.sh, which installs
// puppeteer-core and axe-core and passes CHROMIUM and ADMIN_TOKEN.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const widths = [{ width: 1280, height: 900 }, { width: 375, height: 812, isMobile: true, hasTouch: true }];
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
let failed = 0;
try {
  for (const url of process.argv.slice(2)) {
    for (const viewport of widths) {
      const page = await browser.newPage();
      await page.setViewport(viewport);
      if (process.env.ADMIN_TOKEN && new URL(url).pathname.startsWith("/admin/")) {
        await page.setExtraHTTPHeaders({ Authorization: `Bearer ${process.env.ADMIN_TOKEN}` });
      }
      await page.goto(url, { waitUntil: "load" });
      await page.evaluate(axeSource);
      const result = await page.evaluate((tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }), tags);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const where = `${url} at ${viewport.width}px`;
      for (const v of result.violations) {
        failed++;
        console.log(`${where}: ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`);
      }
      if (overflow > 0) {
        failed++;
        console.log(`${where}: the page is ${overflow}px wider than the screen`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
}
console.log(failed ? `axe: ${failed} problem(s)` : "axe: no violations");
process.exit(failed ? 1 : 0);
