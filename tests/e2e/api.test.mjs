// The engine's JavaScript API as a portal uses it (tests/e2e/fixtures/portal/api.mjs imports
// `init, { Yuliao }` from the built dist under /portal/yuliao/ and calls every method once).
// Expected values come from corpus/clean/*.json, not from the engine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlesHolding, env, foreignRequests, idsHolding, launch, newPage, readArticles } from './helpers.mjs';

const QUERY = '两带两创';
const articles = readArticles(env('YULIAO_E2E_CORPUS'));
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a portal page imports init and Yuliao and gets the same answers as the corpus', async () => {
  const page = await newPage(browser.context);
  const portal = new URL('../api.html', env('YULIAO_E2E_SUBPATH_URL'));
  portal.searchParams.set('q', QUERY);
  await page.goto(portal.href);
  await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 120_000 });
  assert.equal(await page.evaluate(() => window.__error), undefined);
  const r = await page.evaluate(() => window.__result);

  assert.match(r.version, /^\d+\.\d+\.\d+/);
  const want = idsHolding(articles, QUERY);
  assert.equal(r.total, want.length);
  assert.deepEqual([...r.ids].sort(), [...want].sort());
  assert.equal(r.highlightedSnippet, QUERY, 'the first highlight span (char offsets) covers the query');
  assert.deepEqual(r.theme, [...articlesHolding(articles, QUERY).entries()]);
  assert.ok(r.kwic.length > 0 && r.kwic.every((k) => k === QUERY), `kwic keywords: ${r.kwic}`);
  assert.ok(r.suggest.length > 0 && r.suggest.every((t) => t.startsWith(Array.from(QUERY)[0])), `suggest: ${r.suggest}`);
  const article = articles.find((a) => a.id === r.ids[0]);
  assert.deepEqual(r.article, article, 'article(id) is the cleaned article');
  assert.equal(r.missingArticle, null);
  assert.equal(r.stats.articles, articles.length);
  assert.equal(r.freqRows, 10);
  assert.ok(r.themeNames.includes(QUERY), `themes: ${r.themeNames}`);
  assert.match(r.badKind, /poem/, 'an unknown kind is a thrown error naming it');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(foreignRequests(browser.requests, env('YULIAO_E2E_SUBPATH_URL')), []);
  await page.close();
});
