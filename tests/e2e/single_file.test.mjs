// The seed corpus as one file (`cargo xtask build --single-file`), opened from file:// in
// headless Chromium, alone in its folder as on a USB stick: search, an article (from a result
// and from a shared link), word frequencies and the theme tracker work; the page asks for
// nothing but the file itself; its CSP (hashes of its one script and one style, connect-src
// 'none') holds with no violation by the app; no uncaught error. Expected values come from
// corpus/clean/*.json, never from the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  articlesHolding, env, idsHolding, newPage, openApp, openOnce, readArticles, route, screenshot,
} from './helpers.mjs';

const FILE = env('YULIAO_E2E_SINGLE_FILE');
const URL_ = pathToFileURL(FILE).href;
const CORPUS = env('YULIAO_E2E_CORPUS');
const QUERY = '两带两创';

let browser;
let page;
const articles = readArticles(CORPUS);

openOnce(URL_, (p, b) => { page = p; browser = b; });

/** Routes to the search for `q` and waits until the view shows that query's answer. */
async function showSearch(q) {
  await route(page, `#/search?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(
    (query) => document.querySelector('input#search-input')?.value === query
      && document.querySelector('#hit-count[data-total]'),
    q,
  );
}

test('the file stands alone: nothing beside it in its folder', () => {
  assert.deepEqual(readdirSync(path.dirname(FILE)), [path.basename(FILE)]);
  const mb = statSync(FILE).size / 1e6;
  assert.ok(mb < 5, `the seed's single file is ${mb.toFixed(2)} MB`);
});

test(`search ${QUERY}: the articles that hold it`, async () => {
  const want = idsHolding(articles, QUERY);
  assert.equal(want.length, 4, 'the seed issue holds the query in 4 articles');
  await showSearch(QUERY);
  assert.equal(Number(await page.getAttribute('#hit-count', 'data-total')), want.length);
  await page.waitForSelector('ol#results > li.result mark');
  const ids = await page.$$eval('ol#results > li.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
  assert.deepEqual([...ids].sort(), [...want].sort());
  // No "your texts" tab: #/mine's worker needs the folder, which a file opened from disk lacks.
  assert.ok(await page.isVisible('#nav-search'));
  assert.equal(await page.$('#nav-mine'), null);
  await screenshot(page, 'single-file-search');
});

test('open a result: the reader shows the article with the query marked', async () => {
  await showSearch(QUERY);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const rows = await page.$$eval('ol#results > li.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
  const index = rows.findIndex((id) => byId.get(id).title);
  assert.ok(index >= 0, 'a result with a title');
  const id = rows[index];
  await page.locator('ol#results > li.result a.result-title').nth(index).click();
  await page.waitForSelector(`article#article[data-article-id="${id}"]`);
  assert.equal((await page.textContent('article#article h1.article-title')).trim(), byId.get(id).title.trim());
  const marks = await page.$$eval('article#article mark', (els) => els.map((e) => e.textContent));
  assert.ok(marks.includes(QUERY), `a <mark> holds ${QUERY}: ${JSON.stringify(marks)}`);
  await screenshot(page, 'single-file-article');
});

test('a shared article link opens the file straight at the article', async () => {
  const article = articles.find((a) => a.title);
  const shared = await newPage(browser.context);
  await openApp(shared, URL_, `#/article/${article.id}`);
  await shared.waitForSelector(`article#article[data-article-id="${article.id}"]`);
  assert.equal((await shared.textContent('article#article h1.article-title')).trim(), article.title.trim());
  assert.deepEqual(shared.errors, []);
  assert.deepEqual(await shared.evaluate(() => window.__cspViolations), []);
  await shared.close();
});

test('word frequencies: a table and a chart', async () => {
  await route(page, '#/freq');
  await page.waitForSelector('table#freq-table tbody tr[data-term]');
  const terms = await page.$$eval('table#freq-table tbody tr[data-term]', (els) => els.map((e) => e.dataset.term));
  assert.ok(terms.length >= 10, `${terms.length} rows`);
  const text = articles.map((a) => [a.title, ...a.paragraphs].join('\n')).join('\n');
  for (const term of terms.slice(0, 10)) assert.ok(text.includes(term), `top term ${term} occurs in the corpus`);
  assert.ok(await page.$$eval('svg#freq-chart rect', (els) => els.length) > 0, 'the chart has bars');
  await screenshot(page, 'single-file-freq');
});

test(`theme tracker: per-article counts of ${QUERY}`, async () => {
  await route(page, `#/themes?t=${encodeURIComponent(QUERY)}`);
  await page.waitForSelector('table#theme-table tbody tr[data-article-id][data-count]');
  const rows = await page.$$eval('table#theme-table tbody tr[data-article-id][data-count]',
    (els) => els.map((e) => [e.dataset.articleId, Number(e.dataset.count)]));
  assert.deepEqual(rows, [...articlesHolding(articles, QUERY).entries()]);
  assert.ok(await page.$('svg#theme-chart'), 'a chart');
  await screenshot(page, 'single-file-themes');
});

test('no request but the file itself, no CSP violation, no uncaught error', async () => {
  const seen = browser.requests.map((u) => u.split('#')[0]);
  assert.ok(seen.length >= 2, `both pages' loads were recorded: ${seen}`);
  assert.deepEqual(seen.filter((u) => u !== URL_), [], 'requests other than the file');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.errors, []);
});

test('the CSP is the one of a file: hashes, no origin, nothing to connect to', async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval';/);
  assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/]+=*';/);
  assert.ok(csp.includes("connect-src 'none'") && csp.includes("default-src 'none'"), csp);
  assert.ok(!csp.includes("'self'") && !csp.includes('unsafe-inline'), csp);
  const result = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    const fetched = await fetch('./yuliao.html').then(() => 'fetched', (e) => `refused: ${e}`);
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = 1';
    document.head.appendChild(s);
    await new Promise((r) => setTimeout(r, 300));
    return { seen, fetched, ran: window.__inlineRan };
  });
  assert.match(result.fetched, /^refused/, 'a fetch is refused');
  assert.equal(result.ran, undefined, 'an injected inline script does not run');
  assert.ok(result.seen.includes('connect-src') && result.seen.some((d) => d.startsWith('script-src')), `${result.seen}`);
});
