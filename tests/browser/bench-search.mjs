// Search benchmark: opens a built site's search page in headless Chromium (from
// file://, no server) and times queries against its index, plus the index's size
// against the site's HTML.
//
//   cargo run --release --example corpus -- --stories 10000 /tmp/corpus
//   cargo run --release -- build --root /tmp/corpus --output /tmp/corpus-site
//   node tests/browser/bench-search.mjs /tmp/corpus-site
//
// Prints, per query, the median and worst of 15 runs of ranking alone and of ranking
// plus drawing the results, and the time the page took to build its word index.
import { createRequire } from 'node:module';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const QUERIES = ['council', 'budget housing', 'energy', 'rail strike', 'q', 'zzzz nothing'];
const RUNS = 15;

async function sizes(dir, totals = { html: 0 }) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await sizes(full, totals);
    else if (entry.name.endsWith('.html')) totals.html += (await stat(full)).size;
  }
  return totals;
}

const site = path.resolve(process.argv[2] ?? '');
const { html } = await sizes(site);
const index = (await stat(path.join(site, 'search-index.js'))).size;
console.log(`HTML: ${html} bytes; search-index.js: ${index} bytes (${(100 * index / html).toFixed(1)}% of the HTML)`);

const browser = await chromium.launch({ executablePath: process.env.GAZETTE_CHROMIUM ?? '/usr/bin/chromium', headless: true });
try {
  const page = await browser.newPage();
  const started = Date.now();
  await page.goto(pathToFileURL(path.join(site, 'search', 'index.html')).href, { waitUntil: 'load', timeout: 300000 });
  await page.waitForFunction(() => window.gazetteSearch !== undefined, null, { timeout: 300000 });
  console.log(`page load with index build: ${Date.now() - started} ms; stories: ${await page.evaluate(() => window.gazetteSearchIndex.stories.length)}`);
  for (const query of QUERIES) {
    const timing = await page.evaluate(({ query, runs }) => {
      const time = (fn) => {
        const all = [];
        for (let i = 0; i < runs; i++) { const t = performance.now(); fn(); all.push(performance.now() - t); }
        all.sort((a, b) => a - b);
        return { median: all[Math.floor(runs / 2)], worst: all[runs - 1] };
      };
      const hits = window.gazetteSearch.query(query).ids.length;
      return { hits, rank: time(() => window.gazetteSearch.query(query)), shown: time(() => window.gazetteSearch.show(query)) };
    }, { query, runs: RUNS });
    console.log(`${JSON.stringify(query).padEnd(16)} ${String(timing.hits).padStart(6)} hits  rank median ${timing.rank.median.toFixed(1)} ms, worst ${timing.rank.worst.toFixed(1)} ms; rank+draw median ${timing.shown.median.toFixed(1)} ms, worst ${timing.shown.worst.toFixed(1)} ms`);
  }
} finally {
  await browser.close();
}
