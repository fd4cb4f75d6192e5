// Browser half of `cargo xtask bench`: drives Debian's headless Chromium with npm
// playwright-core over two static sites that the bench serves on 127.0.0.1 — the built
// Yuliao app (www/dist) and a Pagefind site made from the same articles — and measures,
// for each, the bytes fetched until the first result is on screen, the time to that
// first result, and per-query latency. It also asks Pagefind which pages it finds for
// each query (Yuliao's found sets come from the same engine natively, in xtask).
//
// Takes: one argument, the path of a JSON config written by xtask/src/bench/browser.rs:
//   { chromium, nodeModules, workDir, reps, coldRuns, timeoutMs, out,
//     yuliao:   null | { url, queries: [..] },
//     pagefind: null | { url, queries: [..] } }
// Writes: the JSON described at the end of this file to `out`. Prints progress to stderr.
// Guarantees: never asserts on timings; every wait is bounded by timeoutMs; a query that
// times out is recorded with `timedOut: true`, not dropped. Only 127.0.0.1 is contacted;
// any request to another origin is listed under `foreignRequests`.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const require = createRequire(join(config.nodeModules, 'noop.js'));
const { chromium } = require('playwright-core');

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function log(...args) { console.error('[bench/browser]', ...args); }

// A fresh profile per site, so the first load is a cold cache.
async function freshContext() {
  const dir = mkdtempSync(join(config.workDir || tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: config.chromium,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return { context, dir };
}

async function closeContext({ context, dir }) {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}

// Records every response with its request's wall-clock start (browser clock), so the
// caller can keep only those that started before the first result appeared. Sizes: raw body bytes and
// gzip -9 of the body (what a static host that gzips would send). `res.body()` is the decoded
// body even when the server sent a .br/.gz sibling (xtask's server does when the browser
// accepts it), so both figures count the plain bytes and stay comparable across builds.
function recordResponses(page, origin) {
  const started = new Map();
  const entries = [];
  const foreign = [];
  page.on('request', (req) => {
    started.set(req, Date.now());
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      foreign.push(url);
    }
  });
  page.on('response', (res) => {
    const req = res.request();
    // The browser's own wall-clock start of the request (node may see the event late when
    // the machine is busy); node's receipt time only if the browser gave none.
    const timing = req.timing();
    const t = timing && timing.startTime > 0 ? timing.startTime : (started.get(req) ?? Date.now());
    entries.push(res.body().then(
      (body) => ({ url: res.url(), status: res.status(), startedAt: t, raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length }),
      () => ({ url: res.url(), status: res.status(), startedAt: t, raw: 0, gzip: 0 }),
    ));
  });
  return { entries, foreign };
}

function pct(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), min: s[0] ?? null, max: s[s.length - 1] ?? null };
}

// Installed before any page script: notes performance.now() and the wall clock when
// the first element matching `selector` is in the DOM.
function firstResultObserver(selector) {
  return `(() => {
    const sel = ${JSON.stringify(selector)};
    const done = () => {
      if (window.__benchFirst) return true;
      if (document.querySelector(sel)) {
        window.__benchFirst = { perf: performance.now(), wall: performance.timeOrigin + performance.now() };
        return true;
      }
      return false;
    };
    const start = () => {
      if (done()) return;
      const mo = new MutationObserver(() => { if (done()) mo.disconnect(); });
      mo.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
    };
    if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
  })();`;
}

async function coldLoad(page, url, selector, recorder) {
  await page.addInitScript(firstResultObserver(selector));
  const wallStart = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: config.timeoutMs });
  let timedOut = false;
  try {
    await page.waitForFunction(() => Boolean(window.__benchFirst), null, { timeout: config.timeoutMs, polling: 'raf' });
  } catch (e) {
    timedOut = true;
  }
  const first = await page.evaluate(() => window.__benchFirst || null);
  // Let in-flight bodies finish before reading them.
  await page.waitForTimeout(200);
  const all = await Promise.all(recorder.entries);
  const cutoff = first ? first.wall : Infinity;
  const before = all.filter((e) => e.startedAt <= cutoff);
  const files = before.map((e) => ({ url: e.url.replace(/^https?:\/\/[^/]+/, ''), status: e.status, raw: e.raw, gzip: e.gzip }));
  return {
    url,
    timedOut,
    msToFirstResult: first ? first.perf : null,
    wallMsToFirstResult: first ? first.wall - wallStart : null,
    requests: files.length,
    bytesRaw: files.reduce((a, f) => a + f.raw, 0),
    bytesGzip: files.reduce((a, f) => a + f.gzip, 0),
    files,
    allRequestsInLoad: all.length,
  };
}

// More cold loads, each in a fresh profile (one is noisy): only the time to first result.
async function moreColdLoads(url, selector, first) {
  const times = [first];
  for (let i = 1; i < (config.coldRuns ?? 3); i++) {
    const ctx = await freshContext();
    const page = await ctx.context.newPage();
    const recorder = recordResponses(page, new URL(url).origin);
    const cold = await coldLoad(page, url, selector, recorder);
    times.push(cold.msToFirstResult);
    await closeContext(ctx);
  }
  return times;
}

// ---------------------------------------------------------------- Yuliao
async function benchYuliao(site) {
  const ctx = await freshContext();
  const page = await ctx.context.newPage();
  const origin = new URL(site.url).origin;
  const recorder = recordResponses(page, origin);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const q0 = site.queries[0];
  const rowSel = 'li.result[data-article-id]';
  const cold = await coldLoad(page, `${site.url}#/search?q=${encodeURIComponent(q0)}`, rowSel, recorder);
  cold.query = q0;
  log('yuliao cold load', cold.msToFirstResult, 'ms', cold.bytesGzip, 'B gzip');

  const perQuery = [];
  for (const q of site.queries) {
    const ms = [];
    let rows = 0;
    let total = null;
    let error = null;
    let timedOut = false;
    for (let r = 0; r < config.reps; r++) {
      const res = await page.evaluate(async ({ q, rowSel, timeoutMs }) => {
        const waitFor = (pred) => new Promise((resolve) => {
          const t0 = performance.now();
          const mo = new MutationObserver(() => { if (pred()) { mo.disconnect(); resolve(true); } });
          mo.observe(document.body, { childList: true, subtree: true, attributes: true });
          const tick = () => {
            if (pred()) { mo.disconnect(); return resolve(true); }
            if (performance.now() - t0 > timeoutMs) { mo.disconnect(); return resolve(false); }
            requestAnimationFrame(tick);
          };
          tick();
        });
        // Empty the result list first (not timed): `#/search?q=` shows the intro, no count.
        const count = () => document.querySelector('#hit-count');
        const rows = () => document.querySelectorAll(rowSel).length;
        const failed = () => document.querySelector('.notice-error');
        location.hash = '#/search?q=';
        await waitFor(() => !count() && rows() === 0);
        const t0 = performance.now();
        location.hash = '#/search?q=' + encodeURIComponent(q);
        // Done when the hit count is shown and, if there are hits, the rows are in the DOM
        // (or the engine's error notice is).
        const ok = await waitFor(() => failed() || (count() && (rows() > 0 || count().dataset.total === '0')));
        const t1 = performance.now();
        return { ms: t1 - t0, ok, rows: rows(), total: count() ? Number(count().dataset.total) : null,
          error: failed() ? failed().textContent : null };
      }, { q, rowSel, timeoutMs: site.queryTimeoutMs ?? 10000 });
      if (!res.ok) { timedOut = true; log('yuliao timed out on', q); break; }
      ms.push(res.ms);
      rows = res.rows;
      total = res.total;
      error = res.error;
    }
    perQuery.push({ query: q, ms, rows, total, error, timedOut });
  }
  const warm = perQuery.flatMap((p) => p.ms);
  const firstRuns = perQuery.filter((p) => p.ms.length > 0).map((p) => p.ms[0]);
  await closeContext(ctx);
  const coldMs = await moreColdLoads(`${site.url}#/search?q=${encodeURIComponent(q0)}`, rowSel, cold.msToFirstResult);
  return {
    cold,
    coldMs,
    foreignRequests: recorder.foreign,
    pageErrors,
    latency: summary(warm),
    latencyFirstRun: summary(firstRuns),
    perQuery,
  };
}

// ---------------------------------------------------------------- Pagefind
async function benchPagefind(site) {
  const ctx = await freshContext();
  const page = await ctx.context.newPage();
  const origin = new URL(site.url).origin;
  const recorder = recordResponses(page, origin);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const q0 = site.queries[0];
  const linkSel = '.pagefind-ui__result-link';
  const cold = await coldLoad(page, `${site.url}?q=${encodeURIComponent(q0)}`, linkSel, recorder);
  cold.query = q0;
  log('pagefind cold load', cold.msToFirstResult, 'ms', cold.bytesGzip, 'B gzip');

  // Default UI (debounce set to 0 so it does not add its 300 ms typing delay). Each timed
  // search follows an untimed one for a string with no results, so the UI really searches
  // again (the same term twice is a no-op for it). Timed: from triggerSearch until its
  // message names the query and the first row has its title, and until every row it shows
  // has loaded. Rows that are not yet loaded carry no `.pagefind-ui__result-link`.
  const uiPerQuery = [];
  const reset = 'qqqzzzxxj';
  for (const q of site.queries) {
    const first = [];
    const all = [];
    let timedOut = false;
    let shown = 0;
    for (let r = 0; r < config.reps; r++) {
      const res = await page.evaluate(async ({ q, reset, timeoutMs }) => {
        const ui = window.__pagefindUI;
        const links = () => document.querySelectorAll('.pagefind-ui__result-link').length;
        const results = () => document.querySelectorAll('.pagefind-ui__result').length;
        const message = () => (document.querySelector('.pagefind-ui__message')?.textContent || '').trim();
        const settled = (term) => { const m = message(); return m.includes(term) && !m.endsWith('...') && !m.endsWith('…'); };
        const waitFor = (pred) => new Promise((resolve) => {
          const t0 = performance.now();
          const mo = new MutationObserver(() => { if (pred()) { mo.disconnect(); resolve(true); } });
          mo.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
          const tick = () => {
            if (pred()) { mo.disconnect(); return resolve(true); }
            if (performance.now() - t0 > timeoutMs) { mo.disconnect(); return resolve(false); }
            requestAnimationFrame(tick);
          };
          tick();
        });
        ui.triggerSearch(reset);
        await waitFor(() => settled(reset) && results() === 0);
        const t0 = performance.now();
        ui.triggerSearch(q);
        const ok1 = await waitFor(() => settled(q) && (links() > 0 || results() === 0));
        const t1 = performance.now();
        const ok2 = ok1 && await waitFor(() => settled(q) && links() === results());
        const t2 = performance.now();
        return { ok: ok1 && ok2, first: t1 - t0, all: t2 - t0, shown: links(), message: message() };
      }, { q, reset, timeoutMs: site.queryTimeoutMs ?? 10000 });
      if (!res.ok) { timedOut = true; log('pagefind UI timed out on', q, JSON.stringify(res.message)); break; }
      first.push(res.first);
      all.push(res.all);
      shown = res.shown;
    }
    uiPerQuery.push({ query: q, msFirstRow: first, msAllRows: all, shown, timedOut });
  }

  // The Pagefind JS API in the same page: search() plus data() of the first 5 results
  // (what the default UI shows first) timed; then data() of every result, untimed, for
  // the found set.
  const apiPerQuery = [];
  await page.evaluate(async () => {
    window.__pf = await import('/pagefind/pagefind.js');
    await window.__pf.init();
  });
  for (const q of site.queries) {
    const ms = [];
    for (let r = 0; r < config.reps; r++) {
      const t = await page.evaluate(async (q) => {
        const t0 = performance.now();
        const s = await window.__pf.search(q);
        await Promise.all(s.results.slice(0, 5).map((x) => x.data()));
        return performance.now() - t0;
      }, q);
      ms.push(t);
    }
    const urls = await page.evaluate(async (q) => {
      const s = await window.__pf.search(q);
      const d = await Promise.all(s.results.map((x) => x.data()));
      return d.map((x) => x.url);
    }, q);
    apiPerQuery.push({ query: q, ms, total: urls.length, urls });
  }
  await closeContext(ctx);
  const coldMs = await moreColdLoads(`${site.url}?q=${encodeURIComponent(q0)}`, linkSel, cold.msToFirstResult);
  return {
    cold,
    coldMs,
    foreignRequests: recorder.foreign,
    pageErrors,
    uiLatencyFirstRow: summary(uiPerQuery.flatMap((p) => p.msFirstRow)),
    uiLatencyAllRows: summary(uiPerQuery.flatMap((p) => p.msAllRows)),
    uiLatencyFirstRun: summary(uiPerQuery.filter((p) => p.msFirstRow.length).map((p) => p.msFirstRow[0])),
    apiLatency: summary(apiPerQuery.flatMap((p) => p.ms)),
    uiPerQuery,
    apiPerQuery,
  };
}

const out = { chromium: config.chromium, reps: config.reps, yuliao: null, pagefind: null, errors: [] };
for (const [name, fn] of [['yuliao', benchYuliao], ['pagefind', benchPagefind]]) {
  if (!config[name]) continue;
  try {
    out[name] = await fn(config[name]);
  } catch (e) {
    log(name, 'failed:', e);
    out.errors.push(`${name}: ${e && e.stack ? e.stack : e}`);
  }
}
writeFileSync(config.out, JSON.stringify(out, null, 1) + '\n');
// Output JSON: { chromium, reps, errors: [..],
//   yuliao:   { cold: { query, msToFirstResult, requests, bytesRaw, bytesGzip, files: [..] },
//               coldMs: [time to first result of each cold load, the first one is `cold`'s],
//               latency: {n,p50,p95,min,max}, latencyFirstRun, perQuery: [{query, ms, rows, timedOut}],
//               foreignRequests, pageErrors },
//   pagefind: { cold, uiLatencyFirstRow, uiLatencyAllRows, uiLatencyFirstRun, apiLatency,
//               uiPerQuery: [..], apiPerQuery: [{query, ms, total, urls}], foreignRequests, pageErrors } }
