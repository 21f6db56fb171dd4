// The browser suite's driver: one built gazette site in, one JSON report out.
//
// Serves the site on 127.0.0.1 (a missing path gets 404.html with status 404, as a
// static host does), opens it in headless Debian Chromium through playwright-core, and
// records for every HTML page, in light and dark colour schemes: console errors, failed
// or broken requests, horizontal overflow at 390 px, <script> elements, and axe-core's
// WCAG 2.1 A/AA violations. The key pages (front, story, topic, 404, and any named
// with --more: an edition, the archive, a later front page) are also checked at
// 1280 px and screenshotted at both sizes in both schemes. It then follows a
// story link from the front page opened straight from file://, and runs the Nu Html
// Checker (vnu.jar) over every HTML page and stylesheet.
//
// It judges nothing: tests/browser.rs reads the report and asserts. Usage:
//   node run.mjs --site DIR --out DIR --story PATH --topic PATH [--more LABEL=PATH,…]
//                [--query WORDS] [--chromium PATH]

import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, readdir, mkdir, writeFile, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SCHEMES = ['light', 'dark'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MISSING_PATH = 'no/such/page/';
// Generous: CI's two cores may be shared with a compiler. A real hang still ends the run.
const STEP_TIMEOUT_MS = 120_000;

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`bad argument ${argv[i]}: expected --name value pairs`);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const needed of ['site', 'out', 'story', 'topic']) {
    if (!args[needed]) throw new Error(`missing --${needed}`);
  }
  return args;
}

async function htmlFiles(root, dir = root) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await htmlFiles(root, full)));
    else if (entry.name.endsWith('.html')) found.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return found.sort();
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

/** A static file server for `root` on 127.0.0.1, answering like a plain static host. */
async function serve(root) {
  const server = createServer(async (request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    let file = path.join(root, urlPath);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      const body = await readFile(path.join(root, '404.html'));
      response.writeHead(404, { 'content-type': MIME['.html'] });
      response.end(body);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}/` };
}

/**
 * One browser context per viewport and colour scheme, reused page after page: axe-core
 * is loaded as an init script (compiled once, present before the page's own scripts, and
 * adding nothing to the DOM), and one tab navigates from page to page.
 */
class Tabs {
  constructor(browser, axeSource) {
    this.browser = browser;
    this.axeSource = axeSource;
    this.tabs = new Map();
  }

  async get(viewport, scheme) {
    const key = `${viewport.width}x${viewport.height}-${scheme}`;
    if (!this.tabs.has(key)) {
      const context = await this.browser.newContext({ viewport, colorScheme: scheme, reducedMotion: 'reduce' });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
      await context.addInitScript({ content: this.axeSource });
      const page = await context.newPage();
      const tab = { context, page, seen: null };
      page.on('console', (message) => tab.seen?.console(message));
      page.on('pageerror', (error) => tab.seen?.problems.console.push(`uncaught: ${error.message}`));
      page.on('requestfailed', (request) => tab.seen?.problems.requests.push(`${request.url()}: ${request.failure()?.errorText}`));
      page.on('response', (response) => tab.seen?.response(response));
      this.tabs.set(key, tab);
    }
    return this.tabs.get(key);
  }

  async close() {
    for (const tab of this.tabs.values()) await tab.context.close();
  }
}

/** Opens `url` and checks it; returns what it found. */
async function checkPage(tabs, { url, label, viewport, scheme, expectStatus, screenshot }) {
  const tab = await tabs.get(viewport, scheme);
  const page = tab.page;
  const problems = { console: [], requests: [] };
  tab.seen = {
    problems,
    console(message) {
      if (message.type() !== 'error') return;
      const where = message.location()?.url ?? '';
      // Chromium logs the 404 page's own status as a console error; that one is expected.
      if (expectStatus === 404 && where === url && /status of 404/.test(message.text())) return;
      problems.console.push(`${message.text()} (${where})`);
    },
    response(response) {
      if (response.status() >= 400 && response.url() !== url) {
        problems.requests.push(`${response.url()}: status ${response.status()}`);
      }
    },
  };

  const response = await page.goto(url, { waitUntil: 'load' });
  const status = response?.status() ?? 0;
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    // Executable scripts: JSON-LD is data, and the search page may load its own two files.
    scripts: [...document.scripts].filter((script) => {
      if (script.type === 'application/ld+json') return false;
      const own = script.src && new URL(script.src).origin === location.origin;
      const searchFile = own && /\/search(-index)?\.js$/.test(new URL(script.src).pathname);
      return !(document.body.classList.contains('page-search') && searchFile);
    }).length,
    jsonLdParses: [...document.querySelectorAll('script[type="application/ld+json"]')].every((s) => {
      try { JSON.parse(s.textContent); return true; } catch { return false; }
    }),
    title: document.title,
    h1: document.querySelectorAll('h1').length,
    stylesheetApplied: getComputedStyle(document.body).backgroundColor !== 'rgba(0, 0, 0, 0)',
    // Highlighted code spans carry syntect scope names (meta, source …) as classes; a
    // theme rule for one of those words must not restyle them.
    codeSpansOffStyle: [...document.querySelectorAll('pre.code span')].filter((span) => {
      const own = getComputedStyle(span);
      const pre = getComputedStyle(span.closest('pre'));
      return own.display !== 'inline' || own.fontFamily !== pre.fontFamily || own.fontSize !== pre.fontSize;
    }).length,
  }));
  let shot = null;
  if (screenshot) {
    // Chromium on a loaded machine sometimes answers "Unable to capture screenshot";
    // the screenshot is an artifact, not a check, so one retry after a pause is fair.
    try {
      await page.screenshot({ path: screenshot, fullPage: true });
    } catch (error) {
      if (!/Unable to capture screenshot/.test(error.message)) throw error;
      await page.waitForTimeout(1000);
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    shot = screenshot;
  }
  const axe = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    const brief = (rule) => ({
      id: rule.id, impact: rule.impact, help: rule.help,
      nodes: rule.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    });
    return { violations: result.violations.map(brief), incomplete: result.incomplete.map(brief) };
  }, AXE_TAGS);
  tab.seen = null;
  return {
    label, url, viewport: `${viewport.width}x${viewport.height}`, scheme, status, expectStatus,
    ...layout, overflow: layout.scrollWidth > layout.clientWidth,
    console: problems.console, requests: problems.requests,
    axeViolations: axe.violations, axeIncomplete: axe.incomplete, screenshot: shot,
  };
}

/**
 * Types `query` into the search page and reads the first result's headline, over HTTP
 * and from file://; then opens the page without JavaScript and counts the stories it
 * lists instead.
 */
async function searchChecks(browser, origin, siteDir, query) {
  const results = [];
  const urls = [
    ['http', origin + 'search/index.html'],
    ['file', pathToFileURL(path.join(siteDir, 'search', 'index.html')).href],
  ];
  for (const [via, url] of urls) {
    const context = await browser.newContext({ viewport: PHONE });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
    try {
      await page.goto(url, { waitUntil: 'load' });
      await page.locator('#search-query').pressSequentially(query, { delay: 20 });
      await page.locator('#search-results li').first().waitFor({ timeout: 10000 });
      const seen = await page.evaluate(() => ({
        first: document.querySelector('#search-results li h2')?.textContent ?? '',
        results: document.querySelectorAll('#search-results li').length,
        marks: document.querySelectorAll('#search-results mark').length,
        fallbackHidden: document.getElementById('search-all').hidden,
        firstHref: document.querySelector('#search-results li a')?.href ?? '',
      }));
      // Following the first result must land on that story.
      await Promise.all([page.waitForURL((u) => u.href === seen.firstHref, { timeout: 10000 }), page.locator('#search-results li a').first().click()]);
      const landed = await page.evaluate(() => document.querySelector('article.story h1')?.textContent ?? '');
      results.push({ via, ...seen, landed, errors });
    } catch (error) {
      results.push({ via, first: '', errors: [...errors, error.message.split('\n')[0]] });
    } finally {
      await context.close();
    }
  }
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(origin + 'search/index.html', { waitUntil: 'load' });
    const listed = await page.locator('#search-all li').count();
    const visible = await page.locator('#search-all').isVisible();
    results.push({ via: 'no-js', listed, visible, errors: [] });
  } finally {
    await context.close();
  }
  return results;
}

/** Opens the front page from file:// and follows the first story link. */
async function followStoryFromFile(browser, siteDir) {
  const context = await browser.newContext({ viewport: DESKTOP });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
  const start = pathToFileURL(path.join(siteDir, 'index.html')).href;
  try {
    await page.goto(start, { waitUntil: 'load' });
    // A story link: not a topic, an edition or a later page of the front page.
    const notStory = ['topics/', 'editions/', 'page/'].map((p) => `:not([href^="${p}"])`).join('');
    const link = page.locator(`main a[href$="/index.html"]${notStory}`).first();
    const href = await link.getAttribute('href', { timeout: 5000 });
    await Promise.all([page.waitForURL((u) => u.href !== start, { timeout: 10000 }), link.click({ timeout: 5000 })]);
    await page.waitForLoadState('load');
    const landed = await page.evaluate(() => ({
      url: location.href,
      isStory: document.querySelector('article.story h1') !== null,
      headline: document.querySelector('h1')?.textContent ?? '',
      stylesheetApplied: getComputedStyle(document.body).backgroundColor !== 'rgba(0, 0, 0, 0)',
    }));
    return { start, href, ...landed, errors };
  } catch (error) {
    return { start, isStory: false, errors: [...errors, `could not follow a story link: ${error.message.split('\n')[0]}`] };
  } finally {
    await context.close();
  }
}

/** Runs the Nu Html Checker over the site's HTML and CSS. */
function validate(siteDir) {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  const run = spawnSync('java', ['-jar', jar, '--errors-only', '--also-check-css', '--skip-non-html', '--format', 'json', siteDir], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) return { ran: false, reason: `java: ${run.error.message}`, errors: [] };
  try {
    // vnu prints its JSON report on stderr.
    const report = JSON.parse(run.stderr);
    const errors = report.messages
      .filter((m) => m.type === 'error' || m.subType === 'fatal')
      .map((m) => `${m.url.replace(/^file:/, '')}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}`);
    return { ran: true, version: report.version ?? '', errors };
  } catch (error) {
    return { ran: false, reason: `vnu output not JSON (${error.message}): ${run.stderr.slice(0, 400)}`, errors: [] };
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const siteDir = path.resolve(args.site);
  const outDir = path.resolve(args.out);
  await mkdir(outDir, { recursive: true });
  const started = Date.now();
  const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const axeVersion = JSON.parse(await readFile(require.resolve('axe-core/package.json'), 'utf8')).version;
  const { server, origin } = await serve(siteDir);
  const browser = await chromium.launch({
    executablePath: args.chromium ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  const report = { origin, browser: browser.version(), axe: axeVersion, axeTags: AXE_TAGS, checks: [] };
  const tabs = new Tabs(browser, axeSource);
  try {
    const key = [
      { label: 'front', path: '' },
      { label: 'story', path: args.story },
      { label: 'topic', path: args.topic },
      { label: '404', path: MISSING_PATH, expectStatus: 404 },
      ...(args.more ?? '').split(',').filter(Boolean).map((pair) => {
        const [label, pagePath] = pair.split('=');
        return { label, path: pagePath };
      }),
    ];
    for (const page of key) {
      for (const viewport of [DESKTOP, PHONE]) {
        for (const scheme of SCHEMES) {
          const screenshot = path.join(outDir, `${page.label}-${viewport.width}-${scheme}.png`);
          report.checks.push(await checkPage(tabs, {
            url: origin + page.path, label: page.label, viewport, scheme,
            expectStatus: page.expectStatus ?? 200, screenshot,
          }));
        }
      }
    }
    // Every other page of the site: phone width, both schemes (the key pages are done).
    const done = new Set(key.map((k) => k.path));
    for (const file of await htmlFiles(siteDir)) {
      const urlPath = file === 'index.html' ? '' : file;
      if (done.has(urlPath)) continue;
      for (const scheme of SCHEMES) {
        report.checks.push(await checkPage(tabs, {
          url: origin + urlPath, label: file, viewport: PHONE, scheme, expectStatus: 200, screenshot: null,
        }));
      }
    }
    report.fileProtocol = await followStoryFromFile(browser, siteDir);
    if (args.query) report.search = await searchChecks(browser, origin, siteDir, args.query);
  } finally {
    await tabs.close();
    await browser.close();
    server.close();
  }
  report.validator = validate(siteDir);
  report.seconds = (Date.now() - started) / 1000;
  await writeFile(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  console.log(`browser suite: ${report.checks.length} page checks in ${report.seconds.toFixed(1)} s → ${path.join(outDir, 'report.json')}`);
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
