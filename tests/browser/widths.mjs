// The Markdown site at the widths readers use, in headless Chromium (served from 127.0.0.1 by
// this script, as docs.mjs serves it): for the landing, client-server, server-server,
// changelog and a room-version page at 400, 768 and 1400 px, the page never scrolls sideways
// (wide tables and code scroll in their own box), the main column takes at least 300 px, no
// image is wider than its column, the navigation is folded behind its label on narrow
// windows and opens with it, each collapsible block shows a disclosure marker, and printing
// hides the navigation. A screenshot of each page and width is kept.
//
// usage: node widths.mjs OUT_DIR SITE_DIR [LABEL]
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchChromium, serveSite } from "./chromium.mjs";

const [outDir, siteDir, label = "site"] = process.argv.slice(2);
if (!outDir || !siteDir) {
  console.error("usage: node widths.mjs OUT_DIR SITE_DIR [LABEL]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const root = resolve(siteDir);
const site = await serveSite(root);
const base = site.base;
const browser = await launchChromium();

const failures = [];
const check = (what, ok) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${label}: ${what}`);
  if (!ok) failures.push(what);
};

// Opens `page`, or where it only redirects to (the changelog's index names the latest
// release's page in a meta refresh, which would navigate under the checks).
async function open(tab, page) {
  const html = readFileSync(join(root, page, "index.html"), "utf8");
  const target = html.match(/<meta http-equiv="refresh" content="0; url=([^"]+)">/)?.[1];
  const decoded = target?.replace(/&#x2f;/gi, "/").replace(/&amp;/g, "&");
  await tab.goto(new URL(decoded ?? page, base + page).href, { waitUntil: "load" });
}

const pages = ["/", "/client-server-api/", "/server-server-api/", "/changelog/", "/rooms/v10/"];
for (const page of pages) {
  for (const width of [400, 768, 1400]) {
    const tab = await browser.newPage({ viewport: { width, height: 900 } });
    await open(tab, page);
    const seen = await tab.evaluate(() => {
      const main = document.querySelector("main");
      const column = main.getBoundingClientRect().width;
      const wide = [...main.querySelectorAll("img, svg, object")].filter(
        (image) => image.getBoundingClientRect().width > column + 1,
      ).length;
      return { scroll: document.documentElement.scrollWidth, column, wide };
    });
    const where = `${page} at ${width} px`;
    check(`${where}: no sideways scrolling (${seen.scroll} px wide)`, seen.scroll <= width);
    check(`${where}: the main column is ${Math.round(seen.column)} px`, seen.column >= Math.min(300, width));
    check(`${where}: no image wider than its column`, seen.wide === 0);
    const name = `${page.replaceAll("/", "_").replace(/^_|_$/g, "") || "index"}-${width}`;
    await tab.screenshot({ path: `${outDir}/${name}.png` });
    await tab.close();
  }
}

// The client-server page on a phone: the navigation is folded, and its label opens it.
const phone = await browser.newPage({ viewport: { width: 400, height: 900 } });
await phone.goto(`${base}/client-server-api/`, { waitUntil: "load" });
const nav = phone.locator("#td-section-nav");
check("at 400 px the navigation is folded", !(await nav.isVisible()));
await phone.locator(".td-nav-toggle-label").click();
check("its label opens it", await nav.isVisible());
const marker = await phone.evaluate(() => {
  const summary = document.querySelector(".rendered-data > details > summary");
  return summary ? getComputedStyle(summary, "::before").content : "";
});
check(`a collapsible block shows a disclosure marker (${marker})`, marker !== "" && marker !== "none");
await phone.emulateMedia({ media: "print" });
check(
  "printed, the navigation is hidden",
  !(await phone.locator(".td-sidebar").isVisible()) && !(await phone.locator(".td-navbar").isVisible()),
);
await phone.close();

await browser.close();
site.close();
console.log(`     screenshots of ${pages.length} pages at 3 widths in ${outDir}`);
if (failures.length > 0) {
  console.error(`${failures.length} width check(s) failed`);
  process.exit(1);
}
