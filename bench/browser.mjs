// Browser half of `cargo xtask bench`: drives Debian's headless Chromium with npm
// playwright-core over static sites that the bench serves on 127.0.0.1 — the built Yuliao
// app (www/dist) and a Pagefind site made from the same articles, and, for the archive
// part, the same app over the chinese-poetry index next to a Pagefind site of those poems —
// and measures, for each, the bytes fetched until the first result is on screen, the time
// to that first result, per-query latency and the bytes each later query fetched in the
// same page. It also asks Pagefind which pages it finds for each query (Yuliao's found sets
// come from the same engine natively, in xtask).
//
// Takes: one argument, the path of a JSON config written by xtask/src/bench/browser.rs:
//   { chromium, nodeModules, workDir, reps, coldRuns, timeoutMs, out,
//     yuliao, pagefind, poetryYuliao, poetryPagefind: each null or
//       { url, queries: [..], queryTimeoutMs?, foundUrls? (Pagefind: data() of every result,
//         default true), views? (Yuliao: [{ name, route, ready, rows, empty }]) } }
//   A view is ready when `ready` matches and either `rows` matches at least once or `empty`
//   matches (CSS selectors); each view is opened twice, each time in a fresh profile: after
//   a cold first search (`#/search?q=<first query>`, then the view's route; the view's own
//   bytes and time), and cold (the route opened directly; everything from navigation).
// Writes: the JSON described at the end of this file to `out`. Prints progress to stderr.
// Guarantees: never asserts on timings; every wait is bounded (timeoutMs for a navigation
// or a view, queryTimeoutMs for a query); a query or view that times out or fails is
// recorded with `timedOut: true` or its `error` text (and a screenshot in workDir), not
// dropped. A page failure ends a wait early only when its text is new since the wait
// began. Only 127.0.0.1 is contacted; any request to another origin is listed under
// `foreignRequests`.

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

// Installed in every page before its own scripts: `window.__benchCheck(spec, before)` says
// whether what `spec` waits for is on screen — null (not yet), { state: 'ok', rows } or
// { state: 'error', text } — where spec is { ready, rows?, empty?, alt?, error? } (CSS
// selectors): ready when `alt` matches, or when `ready` matches and, if `rows` is given,
// `rows` matches or `empty` does; failed
// when `error` matches with a text other than `before` (a failure already on screen when the
// wait began is not this wait's).
const CHECK = `(() => {
  window.__benchErrorText = (spec) => spec.error
    ? Array.from(document.querySelectorAll(spec.error)).map((e) => e.textContent.trim()).join(' | ')
    : '';
  window.__benchCheck = (spec, before) => {
    const text = window.__benchErrorText(spec);
    if (text && text !== before) return { state: 'error', text };
    if (spec.alt && document.querySelector(spec.alt)) return { state: 'ok', rows: 0 };
    if (!document.querySelector(spec.ready)) return null;
    if (!spec.rows) return { state: 'ok', rows: null };
    const rows = document.querySelectorAll(spec.rows).length;
    if (rows > 0 || (spec.empty && document.querySelector(spec.empty))) return { state: 'ok', rows };
    return null;
  };
})();`;

// A fresh profile per site, so the first load is a cold cache.
async function freshContext() {
  const dir = mkdtempSync(join(config.workDir || tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: config.chromium,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  await context.addInitScript(CHECK);
  return { context, dir };
}

async function closeContext({ context, dir }) {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}

// Records every response with its request's wall-clock start (browser clock), so the
// caller can keep only those that started before the first result appeared (or inside a
// query's window). Sizes: raw body bytes and gzip -9 of the body (what a static host that
// gzips would send). `res.body()` is the decoded body even when the server sent a .br/.gz
// sibling (xtask's server does when the browser accepts it), so both figures count the plain
// bytes and stay comparable across builds. Requests that fail (no response) are listed in
// `failed` with the browser's reason; console errors are counted by text.
function recordResponses(page, origin) {
  const started = new Map();
  const entries = [];
  const foreign = [];
  const failed = [];
  const consoleErrors = new Map();
  page.on('request', (req) => {
    started.set(req, Date.now());
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      foreign.push(url);
    }
  });
  const startOf = (req) => {
    // The browser's own wall-clock start of the request (node may see the event late when
    // the machine is busy); node's receipt time only if the browser gave none.
    const timing = req.timing();
    return timing && timing.startTime > 0 ? timing.startTime : (started.get(req) ?? Date.now());
  };
  page.on('response', (res) => {
    const req = res.request();
    const t = startOf(req);
    entries.push(res.body().then(
      (body) => ({ url: res.url(), status: res.status(), startedAt: t, raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length }),
      () => ({ url: res.url(), status: res.status(), startedAt: t, raw: 0, gzip: 0 }),
    ));
  });
  page.on('requestfailed', (req) => {
    failed.push({ url: req.url(), startedAt: startOf(req), reason: req.failure()?.errorText ?? '' });
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    consoleErrors.set(text, (consoleErrors.get(text) ?? 0) + 1);
  });
  const consoleList = () => [...consoleErrors].map(([text, count]) => ({ text, count }));
  return { entries, foreign, failed, consoleList };
}

const strip = (url) => url.replace(/^https?:\/\/[^/]+/, '');

// What the recorder saw start inside [from, to] (browser wall clock, ms): requests, bytes
// and failed requests. Waits `settleMs` first so that bodies still in flight are counted.
async function fetchedBetween(recorder, from, to, settleMs = 200) {
  await new Promise((r) => setTimeout(r, settleMs));
  const all = await Promise.all(recorder.entries);
  const inside = (e) => e.startedAt >= from && e.startedAt <= to;
  const files = all.filter(inside).map((e) => ({ url: strip(e.url), status: e.status, raw: e.raw, gzip: e.gzip }));
  const failed = recorder.failed.filter(inside);
  return {
    requests: files.length,
    bytesRaw: files.reduce((a, f) => a + f.raw, 0),
    bytesGzip: files.reduce((a, f) => a + f.gzip, 0),
    failedRequests: failed.length,
    failedReasons: [...new Set(failed.map((f) => f.reason))],
    files,
  };
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

// A screenshot in workDir (a wait that timed out or failed), named after what was waited for.
async function screenshot(page, name) {
  const path = join(config.workDir, `${name.replace(/[^A-Za-z0-9_-]+/g, '_')}.png`);
  try {
    await page.screenshot({ path, fullPage: false });
    return path;
  } catch (e) {
    log('screenshot failed', name, String(e));
    return null;
  }
}

// Installed before any page script: notes performance.now() and the wall clock when
// what `spec` waits for is on screen (or the page shows a failure).
function firstResultObserver(spec) {
  return `(() => {
    const spec = ${JSON.stringify(spec)};
    const done = () => {
      if (window.__benchFirst) return true;
      if (!window.__benchCheck) return false;
      const r = window.__benchCheck(spec, '');
      if (r) {
        window.__benchFirst = { perf: performance.now(), wall: performance.timeOrigin + performance.now(), ...r };
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

// Opens `url` in `page` (cold when the profile is fresh) and waits for `spec`. Counts what
// started before the first result (or the failure, or the timeout).
async function coldLoad(page, url, spec, recorder, name) {
  await page.addInitScript(firstResultObserver(spec));
  const wallStart = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: config.timeoutMs });
  let timedOut = false;
  try {
    await page.waitForFunction(() => Boolean(window.__benchFirst), null, { timeout: config.timeoutMs, polling: 'raf' });
  } catch (e) {
    timedOut = true;
  }
  const first = await page.evaluate(() => window.__benchFirst || null);
  const error = first && first.state === 'error' ? first.text : null;
  const shot = timedOut || error ? await screenshot(page, name) : null;
  const fetched = await fetchedBetween(recorder, 0, first ? first.wall : Infinity);
  return {
    url,
    timedOut,
    error,
    screenshot: shot,
    msToFirstResult: first && !error ? first.perf : null,
    wallMsToFirstResult: first ? first.wall - wallStart : null,
    rows: first ? first.rows ?? null : null,
    ...fetched,
    allRequestsInLoad: (await Promise.all(recorder.entries)).length,
  };
}

// A slow link, as on an office PC far from the server: 1.5 Mbit/s down, 150 ms round trip
// (Chromium's network emulation, cold profile). When does the page first paint anything,
// and when is the first result on screen?
const SLOW_LINK = { offline: false, latency: 150, downloadThroughput: 1_500_000 / 8, uploadThroughput: 750_000 / 8 };

async function slowLinkLoad(url, spec, name) {
  const ctx = await freshContext();
  try {
    const page = await ctx.context.newPage();
    const cdp = await ctx.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
    await page.addInitScript(firstResultObserver(spec));
    await page.goto(url, { waitUntil: 'commit', timeout: config.timeoutMs });
    let timedOut = false;
    try {
      await page.waitForFunction(() => Boolean(window.__benchFirst), null, { timeout: config.timeoutMs * 3, polling: 'raf' });
    } catch (e) {
      timedOut = true;
    }
    const paints = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime])));
    const first = await page.evaluate(() => window.__benchFirst || null);
    await screenshot(page, `${name}-slow-link`);
    log(name, 'slow link: first paint', paints['first-paint'], 'ms, first result', first?.perf, 'ms');
    return {
      link: SLOW_LINK,
      timedOut,
      firstPaintMs: paints['first-paint'] ?? null,
      firstContentfulPaintMs: paints['first-contentful-paint'] ?? null,
      msToFirstResult: first && first.state !== 'error' ? first.perf : null,
    };
  } finally {
    await closeContext(ctx);
  }
}

// What each query's first repetition fetched (called after the loop, so no body is still in
// flight): moves `firstWindow` of each entry into its request and byte counts.
async function attachFetched(recorder, perQuery) {
  await new Promise((r) => setTimeout(r, 200));
  for (const p of perQuery) {
    const w = p.firstWindow;
    delete p.firstWindow;
    if (!w) continue;
    const f = await fetchedBetween(recorder, w.from, w.to, 0);
    p.requests = f.requests;
    p.bytesRaw = f.bytesRaw;
    p.bytesGzip = f.bytesGzip;
    p.failedRequests = f.failedRequests;
  }
}

// More cold loads, each in a fresh profile (one is noisy): only the time to first result.
async function moreColdLoads(url, spec, first, name) {
  const times = [first];
  for (let i = 1; i < (config.coldRuns ?? 3); i++) {
    const ctx = await freshContext();
    const page = await ctx.context.newPage();
    const recorder = recordResponses(page, new URL(url).origin);
    const cold = await coldLoad(page, url, spec, recorder, `${name}-cold${i}`);
    times.push(cold.msToFirstResult);
    await closeContext(ctx);
  }
  return times;
}

// In an open page: sets the hash route to `route` and waits (bounded) for `spec`. Returns
// the browser wall-clock window and what the wait saw.
async function routeAndWait(page, route, spec, timeoutMs) {
  return page.evaluate(async ({ route, spec, timeoutMs }) => {
    const before = window.__benchErrorText(spec);
    const wall = () => performance.timeOrigin + performance.now();
    const from = wall();
    const t0 = performance.now();
    location.hash = route;
    const r = await new Promise((resolve) => {
      const check = () => window.__benchCheck(spec, before);
      const mo = new MutationObserver(() => { const c = check(); if (c) { mo.disconnect(); resolve(c); } });
      mo.observe(document.body, { childList: true, subtree: true, attributes: true });
      const tick = () => {
        const c = check();
        if (c) { mo.disconnect(); return resolve(c); }
        if (performance.now() - t0 > timeoutMs) { mo.disconnect(); return resolve(null); }
        requestAnimationFrame(tick);
      };
      tick();
    });
    return { ms: performance.now() - t0, from, to: wall(), timedOut: r === null,
      error: r && r.state === 'error' ? r.text : null, rows: r ? r.rows ?? null : null };
  }, { route, spec, timeoutMs });
}

// Each view, twice, each in a fresh profile: after a cold first search (then the view's
// route; its own window) and cold (the route opened directly).
async function benchViews(site, searchSpec, errorSel, name) {
  const out = [];
  const q0 = site.queries[0];
  for (const view of site.views ?? []) {
    const spec = { ready: view.ready, rows: view.rows, empty: view.empty, error: errorSel };
    {
      const ctx = await freshContext();
      const page = await ctx.context.newPage();
      const recorder = recordResponses(page, new URL(site.url).origin);
      const first = await coldLoad(page, `${site.url}#/search?q=${encodeURIComponent(q0)}`, searchSpec, recorder, `${name}-${view.name}-first-search`);
      const r = await routeAndWait(page, view.route, spec, config.timeoutMs);
      const fetched = await fetchedBetween(recorder, r.from, r.timedOut || r.error ? Infinity : r.to);
      const shot = r.timedOut || r.error ? await screenshot(page, `${name}-${view.name}-after-search`) : null;
      out.push({ name: view.name, route: view.route, mode: 'after first search', ms: r.ms, timedOut: r.timedOut,
        error: r.error, rows: r.rows, screenshot: shot, firstSearchOk: !first.timedOut && !first.error,
        ...fetched, files: undefined, consoleErrors: recorder.consoleList() });
      log(name, view.name, 'after first search', Math.round(r.ms), 'ms', fetched.bytesGzip, 'B gzip', r.timedOut ? 'TIMED OUT' : '', r.error ?? '');
      await closeContext(ctx);
    }
    {
      const ctx = await freshContext();
      const page = await ctx.context.newPage();
      const recorder = recordResponses(page, new URL(site.url).origin);
      const cold = await coldLoad(page, `${site.url}${view.route}`, spec, recorder, `${name}-${view.name}-cold`);
      out.push({ name: view.name, route: view.route, mode: 'cold', ms: cold.msToFirstResult ?? cold.wallMsToFirstResult,
        timedOut: cold.timedOut, error: cold.error, rows: cold.rows, screenshot: cold.screenshot,
        requests: cold.requests, bytesRaw: cold.bytesRaw, bytesGzip: cold.bytesGzip,
        failedRequests: cold.failedRequests, failedReasons: cold.failedReasons, consoleErrors: recorder.consoleList() });
      log(name, view.name, 'cold', Math.round(cold.msToFirstResult ?? -1), 'ms', cold.bytesGzip, 'B gzip', cold.timedOut ? 'TIMED OUT' : '', cold.error ?? '');
      await closeContext(ctx);
    }
  }
  return out;
}

// ---------------------------------------------------------------- Yuliao
async function benchYuliao(site, name) {
  const ctx = await freshContext();
  const page = await ctx.context.newPage();
  const origin = new URL(site.url).origin;
  const recorder = recordResponses(page, origin);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const q0 = site.queries[0];
  const rowSel = 'li.result[data-article-id]';
  const errorSel = '.load-error, .notice-error';
  // The cold load waits for the first row (or a failure); the routes below also accept
  // "no hits" (the count says 0) so that a query without results is not a timeout.
  const firstSpec = { ready: rowSel, error: errorSel };
  // A query the engine rejects shows `.notice-error`: an answer (recorded as `error`), not a
  // failure; a piece that cannot be loaded shows `.load-error`: a failure (`failure`).
  const querySpec = { ready: '#hit-count', rows: rowSel, empty: '#hit-count[data-total="0"]', alt: '.notice-error', error: '.load-error' };
  const cold = await coldLoad(page, `${site.url}#/search?q=${encodeURIComponent(q0)}`, firstSpec, recorder, `${name}-first-query`);
  cold.query = q0;
  log(name, 'cold load', cold.msToFirstResult, 'ms', cold.bytesGzip, 'B gzip', cold.timedOut ? 'TIMED OUT' : '', cold.error ?? '');

  // Per query: the hash route is emptied (`#/search?q=` shows the intro, no count; not
  // timed), then set to the query; timed until the count and the rows are on screen (or the
  // engine's error notice is). The first repetition's window (route set → rows) is what the
  // query fetched.
  const perQuery = [];
  for (const q of site.queries) {
    const ms = [];
    let rows = 0;
    let total = null;
    let error = null;
    let failure = null;
    let timedOut = false;
    let firstWindow = null;
    for (let r = 0; r < config.reps; r++) {
      await page.evaluate(async () => {
        location.hash = '#/search?q=';
        const t0 = performance.now();
        while (document.querySelector('#hit-count') || document.querySelector('li.result')) {
          if (performance.now() - t0 > 10000) break;
          await new Promise((res) => requestAnimationFrame(res));
        }
      });
      const res = await routeAndWait(page, '#/search?q=' + encodeURIComponent(q), querySpec, site.queryTimeoutMs ?? 10000);
      if (r === 0) firstWindow = res;
      if (res.timedOut) { timedOut = true; log(name, 'timed out on', q); break; }
      if (res.error) { failure = res.error; log(name, 'failed on', q, res.error); break; }
      ms.push(res.ms);
      rows = res.rows;
      ({ total, error } = await page.evaluate(() => {
        const c = document.querySelector('#hit-count');
        const e = document.querySelector('.notice-error');
        return { total: c ? Number(c.dataset.total) : null, error: e ? e.textContent : null };
      }));
    }
    const shot = timedOut || failure ? await screenshot(page, `${name}-query-${perQuery.length}`) : null;
    perQuery.push({ query: q, ms, rows, total, error, failure, timedOut, screenshot: shot, firstWindow });
  }
  await attachFetched(recorder, perQuery);
  const warm = perQuery.flatMap((p) => p.ms);
  const firstRuns = perQuery.filter((p) => p.ms.length > 0).map((p) => p.ms[0]);
  const consoleErrors = recorder.consoleList();
  await closeContext(ctx);
  const coldMs = await moreColdLoads(`${site.url}#/search?q=${encodeURIComponent(q0)}`, firstSpec, cold.msToFirstResult, `${name}-first-query`);
  const slowLink = await slowLinkLoad(`${site.url}#/search?q=${encodeURIComponent(q0)}`, firstSpec, name);
  const views = await benchViews(site, firstSpec, errorSel, name);
  return {
    cold,
    coldMs,
    slowLink,
    foreignRequests: recorder.foreign,
    pageErrors,
    consoleErrors,
    latency: summary(warm),
    latencyFirstRun: summary(firstRuns),
    perQuery,
    views,
  };
}
// ---------------------------------------------------------------- Pagefind
async function benchPagefind(site, name) {
  const ctx = await freshContext();
  const page = await ctx.context.newPage();
  const origin = new URL(site.url).origin;
  const recorder = recordResponses(page, origin);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const q0 = site.queries[0];
  const linkSel = '.pagefind-ui__result-link';
  const firstSpec = { ready: linkSel };
  const cold = await coldLoad(page, `${site.url}?q=${encodeURIComponent(q0)}`, firstSpec, recorder, `${name}-first-query`);
  cold.query = q0;
  log(name, 'cold load', cold.msToFirstResult, 'ms', cold.bytesGzip, 'B gzip', cold.timedOut ? 'TIMED OUT' : '');

  // Default UI (debounce set to 0 so it does not add its 300 ms typing delay). Each timed
  // search follows an untimed one for a string with no results, so the UI really searches
  // again (the same term twice is a no-op for it). Timed: from triggerSearch until its
  // message names the query and the first row has its title, and until every row it shows
  // has loaded. Rows that are not yet loaded carry no `.pagefind-ui__result-link`. The first
  // repetition's window (triggerSearch → every shown row loaded) is what the query fetched.
  const uiPerQuery = [];
  const reset = 'qqqzzzxxj';
  for (const q of site.queries) {
    const first = [];
    const all = [];
    let timedOut = false;
    let shown = 0;
    let firstWindow = null;
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
        const from = performance.timeOrigin + performance.now();
        const t0 = performance.now();
        ui.triggerSearch(q);
        const ok1 = await waitFor(() => settled(q) && (links() > 0 || results() === 0));
        const t1 = performance.now();
        const ok2 = ok1 && await waitFor(() => settled(q) && links() === results());
        const t2 = performance.now();
        return { ok: ok1 && ok2, first: t1 - t0, all: t2 - t0, shown: links(), message: message(),
          from, to: performance.timeOrigin + performance.now() };
      }, { q, reset, timeoutMs: site.queryTimeoutMs ?? 10000 });
      if (r === 0) firstWindow = res;
      if (!res.ok) { timedOut = true; log(name, 'UI timed out on', q, JSON.stringify(res.message)); break; }
      first.push(res.first);
      all.push(res.all);
      shown = res.shown;
    }
    const shot = timedOut ? await screenshot(page, `${name}-query-${uiPerQuery.length}`) : null;
    uiPerQuery.push({ query: q, msFirstRow: first, msAllRows: all, shown, timedOut, screenshot: shot, firstWindow });
  }
  await attachFetched(recorder, uiPerQuery);

  // The Pagefind JS API in the same page: search() plus data() of the first 5 results
  // (what the default UI shows first) timed; then data() of every result, untimed, for
  // the found set (unless `foundUrls` is false: then only the count of results).
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
    const found = await page.evaluate(async ({ q, urls }) => {
      const s = await window.__pf.search(q);
      if (!urls) return { total: s.results.length, urls: [] };
      const d = await Promise.all(s.results.map((x) => x.data()));
      return { total: d.length, urls: d.map((x) => x.url) };
    }, { q, urls: site.foundUrls !== false });
    apiPerQuery.push({ query: q, ms, ...found });
  }
  const consoleErrors = recorder.consoleList();
  await closeContext(ctx);
  const coldMs = await moreColdLoads(`${site.url}?q=${encodeURIComponent(q0)}`, firstSpec, cold.msToFirstResult, `${name}-first-query`);
  const slowLink = await slowLinkLoad(`${site.url}?q=${encodeURIComponent(q0)}`, firstSpec, name);
  return {
    cold,
    coldMs,
    slowLink,
    foreignRequests: recorder.foreign,
    pageErrors,
    consoleErrors,
    uiLatencyFirstRow: summary(uiPerQuery.flatMap((p) => p.msFirstRow)),
    uiLatencyAllRows: summary(uiPerQuery.flatMap((p) => p.msAllRows)),
    uiLatencyFirstRun: summary(uiPerQuery.filter((p) => p.msFirstRow.length).map((p) => p.msFirstRow[0])),
    apiLatency: summary(apiPerQuery.flatMap((p) => p.ms)),
    uiPerQuery,
    apiPerQuery,
  };
}

const out = { chromium: config.chromium, reps: config.reps, yuliao: null, pagefind: null,
  poetryYuliao: null, poetryPagefind: null, errors: [] };
const SITES = [['yuliao', benchYuliao], ['pagefind', benchPagefind],
  ['poetryYuliao', benchYuliao], ['poetryPagefind', benchPagefind]];
for (const [name, fn] of SITES) {
  if (!config[name]) continue;
  try {
    out[name] = await fn(config[name], name);
  } catch (e) {
    log(name, 'failed:', e);
    out.errors.push(`${name}: ${e && e.stack ? e.stack : e}`);
  }
}
writeFileSync(config.out, JSON.stringify(out, null, 1) + '\n');
// Output JSON: { chromium, reps, errors: [..],
//   yuliao, poetryYuliao:
//     { cold: { query, msToFirstResult, timedOut, error, screenshot, requests, bytesRaw, bytesGzip,
//               failedRequests, files: [..] },
//       coldMs: [time to first result of each cold load, the first one is `cold`'s],
//       latency: {n,p50,p95,min,max}, latencyFirstRun,
//       perQuery: [{query, ms: [..], rows, total, error, failure, timedOut, screenshot,
//                   requests, bytesRaw, bytesGzip, failedRequests}],
//       views: [{name, route, mode, ms, timedOut, error, rows, screenshot, requests, bytesRaw,
//                bytesGzip, failedRequests, failedReasons, consoleErrors}],
//       foreignRequests, pageErrors, consoleErrors: [{text, count}] },
//   pagefind, poetryPagefind:
//     { cold, coldMs, uiLatencyFirstRow, uiLatencyAllRows, uiLatencyFirstRun, apiLatency,
//       uiPerQuery: [{query, msFirstRow, msAllRows, shown, timedOut, requests, bytesRaw, bytesGzip, ..}],
//       apiPerQuery: [{query, ms, total, urls}], foreignRequests, pageErrors, consoleErrors } }
