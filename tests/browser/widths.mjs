// The Markdown site at the widths readers use, in headless Chromium (served from 127.0.0.1 by
// this script, as docs.mjs serves it): for the landing, client-server, server-server,
// changelog and a room-version page at 400, 768 and 1400 px, the page never scrolls sideways
// (wide tables and code scroll in their own box), the main column takes at least 300 px, no
// image is wider than its column, the navigation is folded behind its label on narrow
// windows and opens with it, each collapsible block shows a disclosure marker, and printing
// hides the navigation. A screenshot of each page and width is kept.
//
// usage: node widths.mjs OUT_DIR SITE_DIR [LABEL]
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";

const [outDir, siteDir, label = "site"] = process.argv.slice(2);
if (!outDir || !siteDir) {
  console.error("usage: node widths.mjs OUT_DIR SITE_DIR [LABEL]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const root = resolve(siteDir);
const types = { ".html": "text/html; charset=utf-8", ".webp": "image/webp", ".svg": "image/svg+xml" };

// Files of the site only: a path that leaves it is refused.
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(400).end();
    return;
  }
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    const body = readFileSync(file);
    response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

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
server.close();
console.log(`     screenshots of ${pages.length} pages at 3 widths in ${outDir}`);
if (failures.length > 0) {
  console.error(`${failures.length} width check(s) failed`);
  process.exit(1);
}
