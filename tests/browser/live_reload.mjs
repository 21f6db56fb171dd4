// Live reload in a real browser: headless Chromium, driven over the DevTools protocol
// with Node's own WebSocket (no npm packages). Starts `gazette serve` on a free
// loopback port for a throwaway site, opens a story page, then
//   1. edits the seed: the open page must reload by itself and show the new text;
//   2. breaks a template: the problems panel must appear over the last good page;
//   3. fixes it: the page must reload without the panel.
// Every wait is bounded; the server and the browser are killed at the end.
//
// usage: node [--experimental-websocket on Node 20] tests/browser/live_reload.mjs \
//          path/to/gazette [path/to/chromium]   (run by .ci/run after cargo test)
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const gazette = process.argv[2];
const chromium = process.argv[3] ?? "/usr/bin/chromium";
const PATIENCE = 20000;
const children = [];
let site;

async function fail(message) {
  console.error(`live_reload: FAILED: ${message}`);
  await cleanUp();
  process.exit(1);
}

/** Kills the server and the browser, waits for them to go, removes the site. */
async function cleanUp() {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", resolve);
          child.kill("SIGKILL");
          setTimeout(resolve, 5000).unref();
        }),
    ),
  );
  children.length = 0;
  try {
    if (site) rmSync(site, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (error) {
    console.error(`live_reload: could not remove ${site}: ${error.message}`);
  }
}

function within(ms, what, promise) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

function lineMatching(stream, pattern) {
  return new Promise((resolve) => {
    let seen = "";
    stream.on("data", (chunk) => {
      seen += chunk;
      const found = seen.match(pattern);
      if (found) resolve(found);
    });
  });
}

process.on("uncaughtException", (error) => fail(error.stack ?? String(error)));
process.on("unhandledRejection", (error) => fail(error?.stack ?? String(error)));
setTimeout(() => fail("the whole check took over two minutes"), 120000).unref();

site = mkdtempSync(join(tmpdir(), "gazette-live-"));
mkdirSync(join(site, "seeds"));
writeFileSync(join(site, "config.toml"), 'title = "Browser Test"\n');
const story = (words) =>
  `Harbour bridge reopens after repairs\nEngineers finished two days early.\nThe bridge reopened on Monday ${words}.\n`;
writeFileSync(join(site, "seeds", "bridge.txt"), story("after repairs costing £4m"));

const server = spawn(gazette, ["serve", "--port", "0", "--root", site]);
children.push(server);
server.stdout.setEncoding("utf8");
const [, address] = await within(PATIENCE, "server address", lineMatching(server.stdout, /(http:\/\/127\.0\.0\.1:\d+\/)/)).catch((e) => fail(e.message));

const browser = spawn(chromium, [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
  `--user-data-dir=${join(site, ".chromium")}`, "about:blank",
]);
children.push(browser);
browser.stderr.setEncoding("utf8");
const [, wsUrl] = await within(PATIENCE, "DevTools address", lineMatching(browser.stderr, /DevTools listening on (ws:\/\/\S+)/)).catch((e) => fail(e.message));

// One DevTools session on the first page.
const port = new URL(wsUrl).port;
const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const page = targets.find((t) => t.type === "page");
const socket = new WebSocket(page.webSocketDebuggerUrl);
await within(PATIENCE, "DevTools connection", new Promise((r) => socket.addEventListener("open", r))).catch((e) => fail(e.message));
let nextId = 1;
const pending = new Map();
const listeners = [];
socket.addEventListener("message", (message) => {
  const data = JSON.parse(message.data);
  if (data.id && pending.has(data.id)) {
    pending.get(data.id)(data);
    pending.delete(data.id);
  } else if (data.method) {
    for (const listener of listeners) listener(data);
  }
});
const send = (method, params = {}) =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    socket.send(JSON.stringify({ id, method, params }));
  });
const nextLoad = () =>
  new Promise((resolve) => {
    const listener = (event) => {
      if (event.method === "Page.loadEventFired") {
        listeners.splice(listeners.indexOf(listener), 1);
        resolve();
      }
    };
    listeners.push(listener);
  });
const evaluate = async (expression) =>
  (await send("Runtime.evaluate", { expression, returnByValue: true })).result.result.value;
async function until(what, expression) {
  const deadline = Date.now() + PATIENCE;
  while (Date.now() < deadline) {
    if (await evaluate(expression)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  fail(what);
}

await send("Page.enable");
await send("Runtime.enable");
let loaded = nextLoad();
await send("Page.navigate", { url: `${address}harbour-bridge-reopens-after-repairs/` });
await within(PATIENCE, "first load", loaded).catch((e) => fail(e.message));
await evaluate("window.__marker = 'first load'; 1");
// Let the page's event stream connect before changing anything.
await new Promise((r) => setTimeout(r, 500));

// 1. An edit reloads the open page by itself.
loaded = nextLoad();
writeFileSync(join(site, "seeds", "bridge.txt"), story("after repairs costing £5m, more than planned"));
await within(PATIENCE, "reload after the edit", loaded).catch((e) => fail(e.message));
if ((await evaluate("window.__marker")) !== undefined) fail("the page did not reload");
await until("the new text after reload", "document.body.innerText.includes('more than planned')");
console.log("live_reload: an edit reloaded the open page");

// 2. A broken template shows the problems panel over the last good page.
await new Promise((r) => setTimeout(r, 300));
mkdirSync(join(site, "templates"), { recursive: true });
writeFileSync(join(site, "templates", "story.html"), '{% extends "base.html" %}\n{% block content %}{{ story.headline | no_such_filter }}{% endblock content %}\n');
await until("the problems panel", "!!document.getElementById('gazette-problems')");
const panel = await evaluate("document.getElementById('gazette-problems').innerText");
if (!panel.includes("templates/story.html") || !panel.includes("no_such_filter")) fail(`panel says: ${panel}`);
if (!(await evaluate("document.body.innerText.includes('more than planned')"))) fail("the last good page is gone");
console.log("live_reload: a broken template showed the problems panel over the last good page");

// 3. The fix reloads the page without the panel.
loaded = nextLoad();
writeFileSync(join(site, "templates", "story.html"), '{% extends "base.html" %}\n{% block content %}<h1>{{ story.headline }}</h1><p>Fixed template</p>{% endblock content %}\n');
await within(PATIENCE, "reload after the fix", loaded).catch((e) => fail(e.message));
await until("the fixed page", "document.body.innerText.includes('Fixed template') && !document.getElementById('gazette-problems')");
console.log("live_reload: the fix reloaded the page without the panel");

socket.close();
await cleanUp();
console.log("live_reload: 3 passed, 0 failed");
process.exit(0);
