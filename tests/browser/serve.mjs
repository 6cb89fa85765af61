// `mxspec serve` in headless Chromium: an open page updates itself after an edit (the changed
// elements patched in place, or a reload when the page changed shape), shows the
// overlay for a broken file while keeping the last good page, and logs no console errors.
// Measures edit-to-update: from just before the file is written to the updated page (the
// next frame after the patch, or the load event of a reload), and prints the median per page.
//
// usage: node serve.mjs OUT_DIR MXSPEC_BINARY TREE
// TREE is copied into OUT_DIR/tree, which is edited; TREE itself is not touched.
import { launchChromium } from "./chromium.mjs";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [outDir, binary, tree] = process.argv.slice(2);
if (!outDir || !binary || !tree) {
  console.error("usage: node serve.mjs OUT_DIR MXSPEC_BINARY TREE");
  process.exit(2);
}
const ROUNDS = 7;
const copy = resolve(outDir, "tree");
rmSync(copy, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(tree, copy, { recursive: true });

const serve = spawn(resolve(binary), ["serve", copy, "--port", "0", "--verbose"], {
  stdio: ["ignore", "ignore", "pipe"],
});
let log = "";
const base = await new Promise((done, fail) => {
  const timer = setTimeout(() => fail(new Error(`serve did not start:\n${log}`)), 120_000);
  serve.stderr.on("data", (chunk) => {
    log += chunk;
    const found = /mxspec: serving (http:\/\/\S+)/.exec(log);
    if (found) {
      clearTimeout(timer);
      done(found[1]);
    }
  });
  serve.on("exit", (code) => fail(new Error(`serve exited with ${code}:\n${log}`)));
});

const browser = await launchChromium();
const failures = [];
const check = (what, ok) => {
  console.log(`${ok ? "ok  " : "FAIL"} serve: ${what}`);
  if (!ok) failures.push(what);
};
const median = (values) => {
  const known = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return known.length ? known[Math.floor(known.length / 2)] : NaN;
};

/// Writes `text` to `file` in the copy and waits for `tab` to show the new build: patched in
/// place (serve's script replaces the changed elements, then signals `mxspec:updated` on the
/// next frame) or reloaded. Milliseconds from the write to that moment (`total`); for a
/// reload also to the first byte of the response (`server`) and the first paint (`painted`).
/// With a `marker`, an update that does not show it (a build an earlier write started, still
/// arriving on a loaded machine) is not the one: the next is awaited, a bounded number of times.
async function editAndWait(tab, file, text, marker = null) {
  // Every update's time, recorded by one listener per document, so none is missed between
  // two waits.
  const seen = await tab.evaluate(() => {
    if (!window.__mxspecEvents) {
      window.__mxspecEvents = [];
      addEventListener("mxspec:updated", () => window.__mxspecEvents.push(Date.now()));
    }
    return window.__mxspecEvents.length;
  });
  const reloaded = tab.waitForEvent("load", { timeout: 30_000 }).then(() => "reloaded");
  const before = Date.now();
  writeFileSync(join(copy, file), text);
  for (let next = seen; next < seen + 5; next++) {
    const patched = tab
      .waitForFunction((n) => (window.__mxspecEvents?.length ?? 0) > n, next, { timeout: 30_000 })
      .then(() => tab.evaluate((n) => window.__mxspecEvents[n], next))
      .then((at) => ({ at }));
    const outcome = await Promise.race([reloaded, patched.catch(() => "reloaded")]);
    if (outcome === "reloaded") break;
    if (marker === null || (await tab.content()).includes(marker)) {
      return { total: outcome.at - before, server: NaN, painted: NaN, how: "patched" };
    }
  }
  await reloaded;
  const [responseAt, paintedAt, loadedAt] = await tab.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return [navigation.responseStart, paint?.startTime ?? NaN, navigation.loadEventEnd].map(
      (t) => performance.timeOrigin + t,
    );
  });
  return { total: loadedAt - before, server: responseAt - before, painted: paintedAt - before, how: "reloaded" };
}

async function measure(page, prose, anchorText) {
  const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  tab.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  tab.on("pageerror", (error) => errors.push(String(error)));
  await tab.goto(`${base}${page}`, { waitUntil: "load" });
  const original = readFileSync(join(copy, prose), "utf8");
  if (!original.includes(anchorText)) throw new Error(`${prose} has no ${anchorText}`);
  const times = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const marker = `Edited-${round}-${Date.now()}`;
    times.push(await editAndWait(tab, prose, original.replace(anchorText, `${marker} ${anchorText}`), marker));
    check(`${page}: update ${round} shows the edit`, (await tab.content()).includes(marker));
  }
  const totals = times.map((t) => t.total);
  const hows = [...new Set(times.map((t) => t.how))].join(" and ");
  console.log(
    `     ${page}: edit to updated page (${hows}), median of ${ROUNDS}: ${median(totals).toFixed(0)} ms ` +
      `(each: ${totals.map((t) => t.toFixed(0)).join(", ")})`,
  );
  writeFileSync(join(copy, prose), original);
  return { tab, errors };
}

try {
  const small = await measure(
    "identity_service/unstable.html",
    "specification/identity_service_api.rst",
    "The Matrix client-server and server-server APIs",
  );
  await small.tab.close();
  const large = await measure(
    "client_server/unstable.html",
    "specification/client_server_api.rst",
    "The client-server API provides",
  );
  const { tab, errors } = large;

  // A broken YAML file: the page reloads, keeps the last good content, shows the overlay.
  const yaml = "api/client-server/profile.yaml";
  const good = readFileSync(join(copy, yaml), "utf8");
  await editAndWait(tab, yaml, `${good}\nbroken: [\n`);
  const overlay = tab.locator("#mxspec-overlay");
  check("a broken file shows the overlay", await overlay.isVisible());
  // The first update after the write may come from the file half-written (the write
  // truncates first): the overlay's text is awaited until the file's line is named, bounded.
  await tab
    .waitForFunction(
      (file) => (document.querySelector("#mxspec-overlay")?.textContent ?? "").includes(`${file}:`),
      yaml,
      { timeout: 30_000 },
    )
    .catch(() => {});
  const text = (await overlay.textContent()) ?? "";
  check("the overlay names the broken file and line", text.includes(`${yaml}:`));
  check("the overlay says the page is the last good one", text.includes("showing the last good build"));
  check(
    "the last good page stays",
    (await tab.locator("h1").first().isVisible()) && (await tab.locator("nav.contents").first().isVisible()),
  );
  await tab.screenshot({ path: `${outDir}/serve-overlay.png` });
  // Fixed: the page reloads and the list of problems is folded again.
  await editAndWait(tab, yaml, good);
  check(
    "the fixed file folds the overlay",
    (await tab.locator("#mxspec-overlay details[open]").count()) === 0,
  );
  check("no console errors", errors.length === 0);
  for (const error of errors) console.log(`     console: ${error}`);
  console.log(`     screenshot: ${outDir}/serve-overlay.png`);
} catch (error) {
  console.log(log);
  throw error;
} finally {
  await browser.close();
  serve.kill("SIGINT");
}
await new Promise((done) => serve.on("exit", done));
check("serve stops on Ctrl-C", /mxspec: stopped/.test(log));
if (process.env.SERVE_LOG) console.log(log.split("\n").filter((l) => l.startsWith("mxspec:")).join("\n"));
if (failures.length > 0) {
  console.error(`${failures.length} serve check(s) failed`);
  process.exit(1);
}
