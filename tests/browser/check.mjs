// Opens built pages in headless Chromium and checks what a reader sees: the table of
// contents and a deprecation banner are visible, a link to the page's last endpoint lands on
// it, and the page logs no console errors.
// A screenshot of each page is kept in the output folder.
//
// usage: node check.mjs OUT_DIR PAGE.html...
import { launchChromium } from "./chromium.mjs";
import { mkdirSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [outDir, ...pages] = process.argv.slice(2);
if (!outDir || pages.length === 0) {
  console.error("usage: node check.mjs OUT_DIR PAGE.html...");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const browser = await launchChromium();
const failures = [];
for (const page of pages) {
  const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  tab.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  tab.on("pageerror", (error) => errors.push(String(error)));
  tab.on("requestfailed", (request) => errors.push(`request failed: ${request.url()}`));
  await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: "load" });
  const contents = tab.locator("nav.contents").first();
  const banner = tab.locator(".admonition.deprecated").first();
  const checks = {
    "table of contents visible": await contents.isVisible(),
    "deprecation banner visible": await banner.isVisible(),
    "endpoint index visible": await tab.locator("nav.sidebar").first().isVisible(),
    "no console errors": errors.length === 0,
  };
  // The standard scroll (Playwright's scrollIntoViewIfNeeded misjudges sections that are not
  // rendered yet), and the banner must then be on screen.
  await banner.evaluate((element) => element.scrollIntoView());
  const bannerTop = await banner.evaluate((element) => element.getBoundingClientRect().top);
  checks["scrolled to, the deprecation banner is on screen"] = bannerTop > -5 && bannerTop < 1000;
  const shot = `${outDir}/${basename(dirname(page))}-${basename(page, ".html")}.png`;
  await tab.screenshot({ path: shot });
  // Sections off screen are not rendered until needed (content-visibility): a link to an
  // anchor deep in the page must still land on it.
  const lastId = await tab.evaluate(() => [...document.querySelectorAll("section.endpoint[id]")].pop()?.id);
  if (lastId) {
    await tab.goto(`${pathToFileURL(resolve(page)).href}#${lastId}`, { waitUntil: "load" });
    const top = await tab.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, lastId);
    checks[`a link to the last endpoint (#${lastId}) lands on it`] = Math.abs(top) < 5;
  }
  for (const [what, ok] of Object.entries(checks)) {
    console.log(`${ok ? "ok  " : "FAIL"} ${page}: ${what}`);
    if (!ok) failures.push(`${page}: ${what}`);
  }
  for (const error of errors) console.log(`     console: ${error}`);
  console.log(`     screenshot: ${shot}`);
  await tab.close();
}
await browser.close();
if (failures.length > 0) {
  console.error(`${failures.length} browser check(s) failed`);
  process.exit(1);
}
