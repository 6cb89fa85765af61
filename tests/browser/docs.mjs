// Opens the Markdown site of today's tree (built by `mxspec build` on matrix-spec) in headless
// Chromium, served from 127.0.0.1 by a small static server of this script (the site's links
// are absolute, `/rooms/v10/`, so it is served as spec.matrix.org serves it). On the
// client-server page it checks what a reader sees: the sidebar and the table of contents, an
// "Added in" badge, a deprecated endpoint's banner, a link to the last endpoint landing on it,
// navigation through the sidebar to another page, and no console error or failed request.
//
// usage: node docs.mjs OUT_DIR SITE_DIR
import { mkdirSync } from "node:fs";
import { launchChromium, serveSite } from "./chromium.mjs";

const [outDir, siteDir] = process.argv.slice(2);
if (!outDir || !siteDir) {
  console.error("usage: node docs.mjs OUT_DIR SITE_DIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const site = await serveSite(siteDir);
const base = site.base;
const browser = await launchChromium();
const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = [];
tab.on("console", (message) => {
  if (message.type() === "error") errors.push(message.text());
});
tab.on("pageerror", (error) => errors.push(String(error)));
tab.on("requestfailed", (request) => errors.push(`request failed: ${request.url()}`));
tab.on("response", (response) => {
  if (response.status() >= 400) errors.push(`${response.status()}: ${response.url()}`);
});

const started = Date.now();
await tab.goto(`${base}/client-server-api/`, { waitUntil: "load" });
const loaded = Date.now() - started;
const checks = {
  "the title is the page's": (await tab.title()).startsWith("Client-Server API"),
  "sidebar navigation visible": await tab.locator("#td-section-nav").isVisible(),
  "the sidebar marks this page": (await tab.locator("#m-client-server-api.active").count()) === 1,
  "table of contents visible": await tab.locator("#TableOfContents").isVisible(),
};
const badge = tab.locator("section.rendered-data p:has-text('Added in')").first();
await badge.evaluate((element) => element.scrollIntoView());
checks["an 'Added in' badge is on screen when scrolled to"] = await badge.isVisible();
const deprecated = tab.locator("section.rendered-data:has(.deprecated-inline) .alert.warning").first();
await deprecated.evaluate((element) => element.scrollIntoView());
const top = await deprecated.evaluate((element) => element.getBoundingClientRect().top);
checks["a deprecated endpoint's banner is on screen when scrolled to"] =
  (await deprecated.isVisible()) && top > -5 && top < 1000;
await tab.screenshot({ path: `${outDir}/client-server-api.png` });

// Off-screen sections are laid out lazily (content-visibility): an anchor deep in the page
// must still land.
const lastId = await tab.evaluate(() => [...document.querySelectorAll("section.rendered-data h1[id]")].pop()?.id);
await tab.goto(`${base}/client-server-api/#${lastId}`, { waitUntil: "load" });
const landed = await tab.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, lastId);
checks[`a link to the last endpoint (#${lastId}) lands on it`] = Math.abs(landed) < 5;

// Navigation: the sidebar's link to a room version opens that page.
await tab.locator("#m-roomsv10").evaluate((link) => link.click());
await tab.waitForURL(`${base}/rooms/v10/`);
checks["the sidebar opens Room Version 10"] =
  (await tab.locator("main h1").first().textContent()).trim() === "Room Version 10";
await tab.screenshot({ path: `${outDir}/rooms-v10.png` });
checks["no console errors or failed requests"] = errors.length === 0;

const failures = [];
for (const [what, ok] of Object.entries(checks)) {
  console.log(`${ok ? "ok  " : "FAIL"} client-server-api: ${what}`);
  if (!ok) failures.push(what);
}
for (const error of errors) console.log(`     console: ${error}`);
console.log(`     the client-server page loaded in ${loaded} ms; screenshots in ${outDir}`);
await browser.close();
site.close();
if (failures.length > 0) {
  console.error(`${failures.length} browser check(s) failed`);
  process.exit(1);
}
