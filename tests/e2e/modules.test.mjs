// The page's wasm modules (issue 7, www/src/modules.rs): a link to a reading view loads
// only the lite module (search, reader, issues); going on to another view fetches the full
// module once and hands over on the same URL; a link straight to another view, or to any view
// of your own texts (src=mine), loads only the full module. A link to a search loads the first
// module before the lite one: the engine without the app, which puts that search's rows into
// the first paint (www/src/first.rs). The files one module fetched are handed over to the
// next, not fetched again. Expected hits come from corpus/clean/*.json, never from the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  env, foreignRequests, idsHolding, launch, newPage, openApp, readArticles, screenshot,
} from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const articles = readArticles(env('YULIAO_E2E_CORPUS'));
const QUERY = '两带两创';
const LITE = 'yuliao_www_lite_bg.wasm';
const FULL = 'yuliao_www_bg.wasm';
const FIRST = 'yuliao_www_first_bg.wasm';

/** Which of the two modules' wasm files `requests` fetched. */
function modulesFetched(requests) {
  const names = requests.map((u) => new URL(u).pathname.split('/').pop());
  return {
    first: names.filter((n) => n === FIRST).length,
    lite: names.filter((n) => n === LITE).length,
    full: names.filter((n) => n === FULL).length,
  };
}

/** Runs `use(page, browser)` in a browser of its own (a fresh profile, nothing cached), then closes it. */
async function inFreshBrowser(use) {
  const browser = await launch();
  try {
    await use(await newPage(browser.context), browser);
  } finally {
    await browser.close();
  }
}

/** The ids of the search results on the page, in order. */
async function resultIds(page) {
  await page.waitForSelector('#hit-count[data-total]');
  return page.$$eval('ol#results > li.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
}

test('a search link loads the first and lite modules only, and finds what the text holds', async () => {
  await inFreshBrowser(async (page, browser) => {
    await openApp(page, BASE, `#/search?q=${encodeURIComponent(QUERY)}`);
    const ids = await resultIds(page);
    const expected = idsHolding(articles, QUERY);
    assert.ok(expected.length > 0);
    assert.ok(ids.length > 0 && ids.every((id) => expected.includes(id)), `${ids} within ${expected}`);
    assert.equal(Number(await page.getAttribute('#hit-count', 'data-total')), expected.length, 'every article holding it');
    // Reading stays in the lite module: an article and the issue list.
    await page.click('ol#results > li.result a.result-title');
    await page.waitForSelector('article h1, main h1');
    await page.evaluate(() => { location.hash = '#/issues'; });
    await page.waitForSelector('ol#issues > li[data-issue]');
    assert.deepEqual(modulesFetched(browser.requests), { first: 1, lite: 1, full: 0 });
    // The manifest is requested beside the wasm (bootstrap.js starts it before the module's
    // fetch), and the module that starts first takes that response instead of asking again.
    const paths = browser.requests.map((u) => new URL(u).pathname);
    assert.equal(paths.filter((p) => p.endsWith('/index/manifest.bin')).length, 1, 'one manifest request');
    assert.ok(
      paths.findIndex((p) => p.endsWith('/index/manifest.bin')) < paths.findIndex((p) => p.endsWith('/' + FIRST)),
      `manifest before the wasm: ${paths.join(' ')}`,
    );
    const indexFiles = paths.filter((p) => p.includes('/index/'));
    assert.deepEqual(indexFiles.filter((p, i) => indexFiles.indexOf(p) !== i), [], 'no piece fetched twice');
    assert.deepEqual(page.errors, []);
  });
});

test('going on to another view fetches the full module once and carries on at that URL', async () => {
  await inFreshBrowser(async (page, browser) => {
    await openApp(page, BASE, `#/search?q=${encodeURIComponent(QUERY)}`);
    await resultIds(page);
    await page.click('#nav-freq');
    // The full module's frequency view, at the route the click asked for.
    await page.waitForSelector('.app[data-state="ready"] #freq-total[data-total-tokens]', { timeout: 60_000 });
    assert.equal(await page.evaluate(() => location.hash), '#/freq');
    assert.equal(await page.$$eval('.app', (els) => els.length), 1, 'the lite app is gone, one app remains');
    assert.equal(await page.$$eval('header.header', (els) => els.length), 1);
    assert.deepEqual(modulesFetched(browser.requests), { first: 1, lite: 1, full: 1 });
    // The first and lite modules handed what it had fetched to the full one: nothing is fetched twice.
    const indexFiles = browser.requests.map((u) => new URL(u).pathname).filter((p) => p.includes('/index/'));
    assert.equal(indexFiles.filter((p) => p.endsWith('/manifest.bin')).length, 1, 'one manifest fetch');
    assert.deepEqual(indexFiles.filter((p, i) => indexFiles.indexOf(p) !== i), [], 'no piece fetched twice');
    await screenshot(page, 'modules-freq-after-search');
    // The full module serves every view from now on, the reading views too: no module again.
    await page.evaluate((q) => { location.hash = `#/themes?t=${encodeURIComponent(q)}`; }, QUERY);
    await page.waitForSelector('#theme-total[data-total]', { timeout: 60_000 });
    await page.goBack();
    await page.waitForSelector('#freq-total');
    await page.goBack();
    const back = await resultIds(page);
    assert.ok(back.length > 0 && back.every((id) => idsHolding(articles, QUERY).includes(id)), `${back}`);
    assert.equal(Number(await page.getAttribute('#hit-count', 'data-total')), idsHolding(articles, QUERY).length);
    assert.deepEqual(modulesFetched(browser.requests), { first: 1, lite: 1, full: 1 });
    assert.deepEqual(page.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(foreignRequests(browser.requests, BASE), []);
  });
});

test('links straight to another view, or to your own texts, load the full module only', async () => {
  for (const hash of [`#/themes?t=${encodeURIComponent(QUERY)}`, '#/summary', `#/search?q=${encodeURIComponent(QUERY)}&src=mine`]) {
    await inFreshBrowser(async (page, browser) => {
      await page.goto(BASE + hash);
      await page.waitForSelector('.app[data-state="ready"], #mine-empty', { timeout: 60_000 });
      assert.deepEqual(modulesFetched(browser.requests), { first: 0, lite: 0, full: 1 }, hash);
      assert.equal(await page.$('#full-module'), null, `${hash}: no hand-over screen`);
      assert.deepEqual(page.errors, [], hash);
    });
  }
});

test('a search link shows its rows before the app arrives, the same rows the app then shows', async () => {
  await inFreshBrowser(async (page, browser) => {
    // Hold the lite module back: what is on screen until it comes is the first module's.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let rowsWhenLiteAsked = null;
    let bootWhenLiteAsked = null;
    await page.route(`**/${LITE}`, async (r) => {
      rowsWhenLiteAsked = await page.evaluate(() => document.querySelectorAll('#shell ol#results > li.result').length);
      bootWhenLiteAsked = await page.evaluate(() => {
        const bar = document.getElementById('boot-progress');
        return { value: bar.value, max: bar.max, first: Number(bar.dataset.totalFirst), lite: Number(bar.dataset.total),
          status: document.getElementById('boot-status').textContent };
      });
      await held;
      await r.continue();
    });
    await page.goto(BASE + `#/search?q=${encodeURIComponent(QUERY)}`);
    await page.waitForSelector('#shell ol#results > li.result[data-article-id]', { timeout: 60_000 });
    const expected = idsHolding(articles, QUERY);
    const ids = await page.$$eval('#shell ol#results > li.result', (els) => els.map((e) => e.dataset.articleId));
    assert.ok(ids.length > 0 && ids.every((id) => expected.includes(id)), `${ids} within ${expected}`);
    assert.equal(Number(await page.getAttribute('#shell #hit-count', 'data-total')), expected.length);
    assert.equal(await page.inputValue('#shell-q'), QUERY, 'the first paint\'s box holds the query');
    assert.ok(await page.$$eval('#shell mark', (els, q) => els.some((e) => e.textContent === q), QUERY), 'highlighted');
    assert.deepEqual(modulesFetched(browser.requests), { first: 1, lite: 1, full: 0 });
    assert.equal(rowsWhenLiteAsked, ids.length, 'the lite module is asked for once the rows are on screen');
    // One bar for the first module, the index pieces it fetched and the lite module, not a bar
    // that fills and starts again; and the status line no longer says the search is loading.
    const boot = bootWhenLiteAsked;
    assert.equal(boot.max - boot.value, boot.lite, 'what is left on the bar is the lite module');
    assert.ok(boot.value > boot.first, `the index pieces are counted after the first module: ${JSON.stringify(boot)}`);
    assert.ok(boot.status.includes('检索结果已显示') && boot.status.includes('Results shown'), boot.status);
    const shellRows = await page.$$eval('#shell ol#results > li.result', (els) => els.map((e) => e.outerHTML));
    await screenshot(page, 'first-result-before-app');
    release();
    await page.waitForSelector('.app[data-state="ready"] ol#results > li.result', { timeout: 60_000 });
    assert.equal(await page.$('#shell'), null, 'the app took the page over');
    const appRows = await page.$$eval('ol#results > li.result', (els) => els.map((e) => e.outerHTML));
    assert.deepEqual(appRows, shellRows, 'one row markup (components/hit_row.rs) for both');
    // Handed over: nothing fetched twice, one manifest request.
    const indexFiles = browser.requests.map((u) => new URL(u).pathname).filter((p) => p.includes('/index/'));
    assert.deepEqual(indexFiles.filter((p, i) => indexFiles.indexOf(p) !== i), [], 'no piece fetched twice');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  });
});

test('the first module leaves what it does not answer to the app', async () => {
  // A query without hits, a later page, an embedded page, a page without controls: the app
  // alone answers them. Only the first is worth the first module's download: bootstrap.js
  // starts the lite module at once for the others (www/src/modules.rs, FIRST_DECLINES).
  const cases = [
    ['#/search?q=' + encodeURIComponent('没有这个词语吧'), 1],
    [`#/search?q=${encodeURIComponent(QUERY)}&p=1`, 0],
    [`#/search?q=${encodeURIComponent(QUERY)}&embed=1`, 0],
    [`#/search?q=${encodeURIComponent(QUERY)}&controls=0`, 0],
  ];
  for (const [hash, first] of cases) {
    await inFreshBrowser(async (page, browser) => {
      let rowsWhenLiteAsked = null;
      await page.route(`**/${LITE}`, async (r) => {
        rowsWhenLiteAsked = await page.evaluate(() => document.querySelectorAll('#shell li.result, #shell #hit-count').length);
        await r.continue();
      });
      await openApp(page, BASE, hash);
      await page.waitForSelector('#hit-count[data-total]');
      assert.equal(rowsWhenLiteAsked, 0, `${hash}: the first paint shows no answer`);
      assert.deepEqual(modulesFetched(browser.requests), { first, lite: 1, full: 0 }, hash);
      assert.deepEqual(page.errors, [], hash);
    });
  }
});

test('the first paint counts the lite module, and the hand-over screen says what it loads', async () => {
  await inFreshBrowser(async (page, browser) => {
    // Hold the full module back, to see the hand-over screen while it waits.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(`**/${FULL}`, async (r) => { await held; await r.continue(); });
    // The page as served (the app replaces the first paint as soon as it starts).
    const html = await (await fetch(BASE)).text();
    const bar = html.match(/<progress id="boot-progress" data-total-first="(\d+)" data-total="(\d+)" data-total-full="(\d+)"/);
    assert.ok(bar, 'the first paint has the progress bar with the three sizes');
    const wasmBytes = async (name) => (await (await fetch(BASE + name)).arrayBuffer()).byteLength;
    assert.equal(Number(bar[1]), await wasmBytes(FIRST), 'the bar counts the first module');
    assert.equal(Number(bar[2]), await wasmBytes(LITE), 'the bar counts the lite module');
    assert.equal(Number(bar[3]), await wasmBytes(FULL));
    assert.ok(Number(bar[2]) < Number(bar[3]) * 0.7, 'the lite module is much the smaller');
    assert.ok(Number(bar[1]) < Number(bar[2]) * 0.5, 'the first module is under half the lite one');
    await page.goto(BASE + '#/search');
    await page.waitForSelector('.app[data-state="ready"]');
    await page.click('#nav-themes');
    await page.waitForSelector('#full-module progress#full-progress');
    const text = await page.textContent('#full-module');
    assert.ok(text.includes('分析工具'), text);
    await screenshot(page, 'modules-hand-over');
    release();
    await page.waitForSelector('.app[data-state="ready"]:not(:has(#full-module))', { timeout: 60_000 });
    assert.equal(await page.$('#full-module'), null);
    assert.deepEqual(page.errors, []);
  });
});

test('a full module that cannot be fetched is said on the page, not a silent hang', async () => {
  await inFreshBrowser(async (page, browser) => {
    await page.route(`**/${FULL}`, (r) => r.fulfill({ status: 404, body: 'gone' }));
    await openApp(page, BASE, '#/search');
    await page.click('#nav-freq');
    await page.waitForSelector('[role="alert"][data-error-kind="wasm"]', { timeout: 30_000 });
    const text = await page.textContent('[role="alert"][data-error-kind="wasm"]');
    assert.ok(text.includes('WebAssembly') && text.includes('404'), text);
  });
});

test('a small corpus is held whole once the first answer is on screen: later searches and articles fetch nothing', async () => {
  await inFreshBrowser(async (page, browser) => {
    const indexRequests = () => browser.requests.map((u) => new URL(u).pathname.split('/').pop())
      .filter((n) => n.endsWith('.bin'));
    await openApp(page, BASE, `#/search?q=${encodeURIComponent(QUERY)}`);
    await resultIds(page);
    const forFirst = indexRequests().length;
    // The rest arrives in the background a moment later: wait until no new piece for 2 s.
    let seen = -1;
    for (let i = 0; i < 30 && seen !== indexRequests().length; i++) {
      seen = indexRequests().length;
      await page.waitForTimeout(2000);
    }
    const held = indexRequests();
    assert.ok(held.length > forFirst, `more pieces after the first answer: ${forFirst} → ${held.length}`);
    assert.ok(held.some((n) => n.startsWith('docs-')) && held.some((n) => n.startsWith('bigrams-')), held.join(' '));
    // Only what searching and reading read: not the pinyin table, not the frequency tables.
    assert.deepEqual(held.filter((n) => /^(pinyin|table)-/.test(n)), [], held.join(' '));
    assert.equal(new Set(held).size, held.length, 'no piece fetched twice');
    // Strings the first query's pieces do not cover, an author, an article of each answer.
    for (const q of ['窑', '品率', '王素刚', 'ARL3460', '闪蒸槽']) {
      const expected = idsHolding(articles, q);
      await page.evaluate((h) => { location.hash = h; }, `#/search?q=${encodeURIComponent(q)}`);
      await page.waitForFunction((q) => document.querySelector('input#search-input')?.value === q
        && document.querySelector('#hit-count[data-total]'), q);
      assert.equal(Number(await page.getAttribute('#hit-count', 'data-total')), expected.length, q);
      await page.click('ol#results > li.result a.result-title');
      await page.waitForSelector('article#article[data-article-id] h1');
    }
    assert.deepEqual(indexRequests().slice(held.length), [], 'nothing fetched after the corpus was held whole');
    assert.deepEqual(modulesFetched(browser.requests), { first: 1, lite: 1, full: 0 });
    assert.deepEqual(page.errors, []);
  });
});
