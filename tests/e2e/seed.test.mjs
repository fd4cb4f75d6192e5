// The journeys of issue 4 on the seed issue, in the built www/dist served by xtask:
// search 两带两创 and see every article that holds it, open one, word frequencies, the theme
// tracker; plus the CSP (meta present, inline script and style blocked, the app itself causes no
// violation), no request to another origin, no uncaught error, and the folder working under a
// sub-path inside a portal's iframe. Expected values come from corpus/clean/*.json, never from
// the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  articlesHolding, env, foreignRequests, idsHolding, newPage, openApp, openOnce, readArticles, route, screenshot,
} from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const CORPUS = env('YULIAO_E2E_CORPUS');
const QUERY = '两带两创';
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'";

let browser;
let page;
const articles = readArticles(CORPUS);

openOnce(BASE, (p, b) => { page = p; browser = b; });

/** Routes to the search for `q` and waits until the view shows that query's answer. */
async function showSearch(q) {
  await route(page, `#/search?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(
    (query) => document.querySelector('input#search-input')?.value === query
      && document.querySelector('#hit-count[data-total]'),
    q,
  );
}

/** Result ids over every page of the search currently shown. */
async function allResultIds() {
  const total = Number(await page.getAttribute('#hit-count', 'data-total'));
  const ids = [];
  for (let pageNo = 0; pageNo < 1000; pageNo++) {
    const rows = await page.$$eval('ol#results > li.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
    ids.push(...rows);
    const next = await page.$('a#page-next');
    if (!next || ids.length >= total) break;
    const first = rows[0];
    await next.click();
    await page.waitForFunction(
      (prev) => document.querySelector('ol#results > li.result')?.dataset.articleId !== prev,
      first,
    );
  }
  return { total, ids };
}

test('the corpus holds the query (the fixture is real)', () => {
  assert.ok(articles.length > 10, `${articles.length} articles in ${CORPUS}`);
  assert.ok(idsHolding(articles, QUERY).length >= 2, `${QUERY} is in several articles`);
});

test(`search ${QUERY}: every article that holds it, each once`, async () => {
  await showSearch(QUERY);
  const want = idsHolding(articles, QUERY);
  const { total, ids } = await allResultIds();
  assert.equal(total, want.length, 'the hit count');
  assert.equal(new Set(ids).size, ids.length, `no article listed twice: ${ids}`);
  assert.deepEqual([...ids].sort(), [...want].sort(), 'the result rows are exactly the articles that hold the query');
  await showSearch(QUERY);
  await page.waitForSelector('ol#results > li.result mark');
  const marks = await page.$$eval('ol#results mark', (els) => els.map((e) => e.textContent));
  assert.ok(marks.some((m) => m.includes(QUERY) || QUERY.includes(m)), `snippets highlight the query: ${marks}`);
  await screenshot(page, 'search');
});

test('facets follow the rows: articles per kind over every match, each a link that narrows the search', async () => {
  const q = '安全';
  const holding = articles.filter((a) => idsHolding([a], q).length > 0);
  const perKind = new Map();
  for (const a of holding) perKind.set(a.kind, (perKind.get(a.kind) ?? 0) + 1);
  assert.ok(perKind.size >= 2, `${q} is in articles of several kinds: ${[...perKind]}`);
  await showSearch(q);
  // The aside is there with the rows, marked busy, and filled a task later.
  await page.waitForSelector('aside.facets:not([aria-busy]) .facet-group');
  const kinds = await page.$$eval('aside.facets a.facet[data-filter^="kind:"]', (els) => els.map((e) => ({
    filter: e.dataset.filter, count: Number(e.querySelector('.facet-count').textContent), href: e.getAttribute('href'),
  })));
  assert.equal(kinds.length, perKind.size, JSON.stringify(kinds));
  for (const k of kinds) {
    assert.equal(k.count, perKind.get(k.filter.slice('kind:'.length)), `${k.filter}: ${JSON.stringify(kinds)}`);
  }
  const smallest = kinds.reduce((a, b) => (b.count < a.count ? b : a));
  await page.click(`aside.facets a.facet[data-filter="${smallest.filter}"]`);
  await page.waitForFunction((n) => document.querySelector('#hit-count')?.dataset.total === String(n), smallest.count);
  assert.ok(decodeURIComponent(page.url()).includes(`${q} ${smallest.filter}`), page.url());
});

test('a single character inside words and a missing term', async () => {
  await showSearch('窑');
  const want = idsHolding(articles, '窑');
  const { total, ids } = await allResultIds();
  assert.equal(total, want.length, 'hits for 窑');
  assert.deepEqual([...ids].sort(), [...want].sort());

  const absent = '彗星撞地球';
  assert.equal(idsHolding(articles, absent).length, 0);
  await showSearch(absent);
  await page.waitForSelector('.notice-missing');
  assert.equal(await page.getAttribute('#hit-count', 'data-total'), '0');
});

test('open a result: the reader shows its title and the highlighted query', async () => {
  await showSearch(QUERY);
  await page.waitForSelector('ol#results > li.result a.result-title');
  const byId = new Map(articles.map((a) => [a.id, a]));
  const rows = await page.$$eval('ol#results > li.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
  const index = rows.findIndex((id) => byId.get(id).title && byId.get(id).paragraphs.some((p) => p.includes(QUERY)));
  assert.ok(index >= 0, 'a result with a title whose text holds the query');
  const id = rows[index];
  await page.locator('ol#results > li.result a.result-title').nth(index).click();
  await page.waitForSelector(`article#article[data-article-id="${id}"]`);
  assert.ok(decodeURIComponent(await page.evaluate(() => location.hash)).startsWith(`#/article/${id}`));
  const title = (await page.textContent('article#article h1.article-title')).trim();
  assert.equal(title, byId.get(id).title.trim());
  const marks = await page.$$eval('article#article mark', (els) => els.map((e) => e.textContent));
  assert.ok(marks.includes(QUERY), `a <mark> holds ${QUERY}: ${JSON.stringify(marks)}`);
  const body = await page.textContent('article#article .article-body');
  for (const p of byId.get(id).paragraphs) {
    assert.ok(body.replace(/\s+/g, '').includes(p.replace(/\s+/g, '')), `paragraph shown: ${p.slice(0, 30)}`);
  }
  await screenshot(page, 'article');
});

test('a stale article link offers the closest matches: the articles of its issue holding its query first', async () => {
  const stem = articles[0].id.split('-')[0];
  const term = '拟薄水铝石';
  const holders = articles.filter((a) => [a.title ?? '', ...a.paragraphs].some((p) => p.includes(term))).map((a) => a.id);
  assert.ok(holders.length > 0, 'the seed holds the term');
  await route(page, `#/article/${stem}-00000000?q=${encodeURIComponent(term)}`);
  await page.waitForSelector('ul#closest li[data-article-id]');
  const rows = await page.$$eval('ul#closest li[data-article-id]', (els) => els.map((e) => [e.dataset.articleId, e.dataset.reason]));
  assert.equal(rows.length, articles.filter((a) => a.id.startsWith(stem + '-')).length, 'every article of the issue is offered');
  assert.deepEqual(new Set(rows.slice(0, holders.length).map((r) => r[0])), new Set(holders));
  assert.ok(rows.slice(0, holders.length).every((r) => r[1] === 'holds_query'));
  assert.ok((await page.textContent('.article-missing .notice-error')).includes(`${stem}-00000000`));
  await screenshot(page, 'article-closest');
  await page.click(`ul#closest li[data-article-id="${rows[0][0]}"] a`);
  await page.waitForSelector(`article#article[data-article-id="${rows[0][0]}"]`);
});

test('word frequencies: a table and an SVG chart', async () => {
  await route(page, '#/freq');
  await page.waitForSelector('table#freq-table tbody tr[data-term]');
  const terms = await page.$$eval('table#freq-table tbody tr[data-term]', (els) => els.map((e) => e.dataset.term));
  assert.ok(terms.length >= 10, `${terms.length} rows`);
  assert.equal(new Set(terms).size, terms.length, 'each term once');
  const text = articles.map((a) => [a.title, ...a.paragraphs].join('\n')).join('\n');
  for (const term of terms.slice(0, 10)) {
    assert.ok(text.toLowerCase().includes(term.toLowerCase()), `top term ${term} occurs in the corpus`);
  }
  assert.ok(await page.$$eval('svg#freq-chart rect', (els) => els.length) > 0, 'the chart has bars');
  await screenshot(page, 'freq');
});

test(`theme tracker #/themes?t=${QUERY}: per-article counts`, async () => {
  await route(page, `#/themes?t=${encodeURIComponent(QUERY)}`);
  await page.waitForSelector('table#theme-table tbody tr[data-article-id][data-count]');
  const rows = await page.$$eval('table#theme-table tbody tr[data-article-id][data-count]',
    (els) => els.map((e) => [e.dataset.articleId, Number(e.dataset.count)]));
  const want = [...articlesHolding(articles, QUERY).entries()];
  assert.deepEqual(rows, want, 'one row per article with count > 0, in reading order, with the substring count');
  assert.ok(await page.$('svg#theme-chart'), 'a chart');
  const kwic = await page.$$eval('table#kwic-table tbody tr[data-article-id]', (els) => els.length);
  assert.ok(kwic > 0, 'concordance lines');
  await screenshot(page, 'themes');
});

test('the CSP meta is present and blocks inline script and style', async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(csp, CSP);
  // The journeys above ran on this page: the app itself must not have tripped the policy.
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation by the app');
  const result = await page.evaluate(() => new Promise((resolve) => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = 1';
    document.head.appendChild(s);
    const st = document.createElement('style');
    st.textContent = 'body { visibility: hidden }';
    document.head.appendChild(st);
    setTimeout(() => resolve({
      seen,
      ran: window.__inlineRan,
      visibility: getComputedStyle(document.body).visibility,
    }), 300);
  }));
  assert.equal(result.ran, undefined, 'the injected inline script did not run');
  assert.equal(result.visibility, 'visible', 'the injected inline style did not apply');
  assert.ok(result.seen.some((d) => d.startsWith('script-src')), `a script-src violation: ${result.seen}`);
  await page.evaluate(() => { window.__cspViolations = []; });
});

test('the app works under a sub-path inside a portal iframe (embed=1)', async () => {
  const url = `${env('YULIAO_E2E_SUBPATH_URL')}#/themes?t=${encodeURIComponent(QUERY)}&embed=1`;
  const portal = await newPage(browser.context);
  await portal.setContent(`<h1>portal</h1><iframe id="y" width="900" height="700" src="${url}"></iframe>`);
  const frame = await (await portal.waitForSelector('iframe#y')).contentFrame();
  await frame.waitForSelector('.app[data-state="ready"]', { timeout: 120_000 });
  assert.equal(await frame.getAttribute('.app', 'data-embed'), '1');
  await frame.waitForSelector('table#theme-table tbody tr[data-article-id][data-count]');
  const n = await frame.$$eval('table#theme-table tbody tr[data-article-id]', (els) => els.length);
  assert.equal(n, articlesHolding(articles, QUERY).size);
  assert.deepEqual(portal.errors, []);
  await screenshot(portal, 'embed');
  await portal.close();
});

test('?embed=1 before the hash also drops the chrome, and lang=en switches the labels', async () => {
  const url = `${env('YULIAO_E2E_SUBPATH_URL')}?embed=1&lang=en#/themes?t=${encodeURIComponent(QUERY)}`;
  const embedded = await newPage(browser.context);
  await openApp(embedded, url, '');
  assert.equal(await embedded.getAttribute('.app', 'data-embed'), '1');
  assert.equal(await embedded.$('a#nav-search'), null, 'no navigation chrome in embed mode');
  assert.equal(await embedded.getAttribute('html', 'lang'), 'en');
  await embedded.waitForSelector('table#theme-table tbody tr[data-article-id][data-count]');
  assert.deepEqual(embedded.errors, []);
  await embedded.close();
});

test('a phone screen: the search view fits the width', async () => {
  const phone = await newPage(browser.context);
  await phone.setViewportSize({ width: 390, height: 844 });
  await openApp(phone, BASE, `#/search?q=${encodeURIComponent(QUERY)}`);
  await phone.waitForSelector('ol#results > li.result');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px too wide)`);
  await screenshot(phone, 'search-phone');
  await phone.close();
});

test('no request left the origin, no CSP violation by the app, no uncaught error', async () => {
  assert.ok(browser.requests.length > 3, 'requests were recorded');
  const others = foreignRequests(browser.requests, BASE)
    .filter((u) => !u.startsWith(new URL(env('YULIAO_E2E_SUBPATH_URL')).origin));
  assert.deepEqual(others, [], 'requests to other origins');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.errors, []);
});
