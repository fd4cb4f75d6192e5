// Corpus text is always rendered as text. The fixture corpus (tests/e2e/fixtures/xss) puts
// <script>, <img onerror>, <svg onload>, <iframe javascript:>, <style> and javascript: links into
// titles, bylines, units, columns, paragraphs and theme names. Every view must show that markup
// literally, create none of those elements, and `window.__pwned` must stay undefined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, foreignRequests, launch, newPage, openOnce, readArticles, route, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_XSS_URL');
const articles = readArticles(env('YULIAO_E2E_XSS_CORPUS'));

let browser;
let page;

openOnce(BASE, (p, b) => { page = p; browser = b; });

/** Nothing from the corpus became markup, and nothing ran. */
async function assertInert(where) {
  const state = await page.evaluate(() => ({
    pwned: window.__pwned,
    imgX: document.querySelectorAll('img[src="x"], img[onerror]').length,
    handlers: document.querySelectorAll('[onerror], [onload], [onmouseover]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    iframes: document.querySelectorAll('iframe').length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    bodyDisplay: getComputedStyle(document.body).display,
  }));
  assert.deepEqual(state, {
    pwned: undefined, imgX: 0, handlers: 0, scripts: 0, iframes: 0, jsLinks: 0, bodyDisplay: state.bodyDisplay,
  }, `${where}: ${JSON.stringify(state)}`);
  assert.notEqual(state.bodyDisplay, 'none', `${where}: a <style> from the corpus applied`);
}

test('search results show the markup as text', async () => {
  await route(page, '#/search?q=pwned');
  await page.waitForFunction(() => document.querySelector('input#search-input')?.value === 'pwned'
    && document.querySelector('#hit-count[data-total]'));
  const want = articles.filter((a) => [a.title, ...a.paragraphs].some((f) => f && f.includes('pwned'))).map((a) => a.id);
  const ids = await page.$$eval('ol#results > li.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
  assert.deepEqual([...ids].sort(), [...want].sort());
  const text = await page.textContent('ol#results');
  assert.ok(text.includes('<script>window.__pwned=1</script>标题里的脚本'), 'the title markup is visible text');
  await assertInert('search');
  await screenshot(page, 'xss-search');
});

test('the first module, before the app, shows the markup of its rows as text too', async () => {
  // A cold visit to a search link: the rows the first module writes into the first paint
  // (www/src/first.rs), looked at while the app is held back.
  const fresh = await launch();
  try {
    const first = await newPage(fresh.context);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await first.route('**/yuliao_www_lite_bg.wasm', async (r) => { await held; await r.continue(); });
    await first.goto(BASE + '#/search?q=pwned');
    await first.waitForSelector('#shell ol#results > li.result', { timeout: 60_000 });
    const text = await first.textContent('#shell ol#results');
    assert.ok(text.includes('<script>window.__pwned=1</script>标题里的脚本'), 'the title markup is visible text');
    const state = await first.evaluate(() => ({
      pwned: window.__pwned,
      made: document.querySelectorAll('#shell script, #shell img, #shell iframe, #shell svg, #shell style, #shell [onerror], #shell [onload]').length,
    }));
    assert.deepEqual(state, { pwned: undefined, made: 0 });
    release();
    assert.deepEqual(first.errors, []);
  } finally {
    await fresh.close();
  }
});

test('the reader shows every field literally', async () => {
  for (const article of articles) {
    await route(page, `#/article/${article.id}?q=pwned`);
    await page.waitForSelector(`article#article[data-article-id="${article.id}"]`);
    const text = (await page.textContent('article#article')).replace(/\s+/g, ' ');
    const flat = (s) => s.replace(/\s+/g, ' ');
    for (const field of [article.title, ...article.paragraphs].filter((f) => f)) {
      // Highlights may split the text into <mark>s; compare text content only.
      assert.ok(text.includes(flat(field)), `${article.id}: shows ${field}`);
    }
    await assertInert(`article ${article.id}`);
  }
  await screenshot(page, 'xss-article');
});

test('frequencies, themes and concordances stay inert', async () => {
  await route(page, '#/freq');
  await page.waitForSelector('table#freq-table tbody tr[data-term]');
  await assertInert('freq');

  await route(page, `#/themes?t=${encodeURIComponent('<script>')}&t=pwned`);
  await page.waitForSelector('table#theme-table tbody tr[data-article-id][data-count]');
  const rows = await page.$$eval('table#theme-table tbody tr[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
  assert.ok(rows.length >= 2, `theme rows: ${rows}`);
  const kwic = await page.textContent('table#kwic-table');
  assert.ok(kwic.includes('<script>') || kwic.includes('pwned'), 'concordance lines show the keyword as text');
  await route(page, '#/themes');
  await page.waitForSelector('.theme-chip');
  await assertInert('themes');
  await screenshot(page, 'xss-themes');
});

test('a 20,000-character word wraps: no view grows wider than the window', async () => {
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await route(page, `#/search?q=${encodeURIComponent('超长单词')}`);
  await page.waitForSelector('ol#results > li.result[data-article-id="xss_fixture-004"]');
  assert.ok(await wide() <= 1, `search: ${await wide()} px wider than the window`);
  await route(page, '#/article/xss_fixture-004');
  await page.waitForSelector('article#article[data-article-id="xss_fixture-004"]');
  assert.ok(await wide() <= 1, `reader: ${await wide()} px wider than the window`);
  await route(page, `#/themes?t=${encodeURIComponent('开头')}`);
  await page.waitForSelector('table#theme-table tbody tr[data-article-id="xss_fixture-004"]');
  assert.ok(await wide() <= 1, `themes: ${await wide()} px wider than the window`);
});

test('no request left the origin and nothing ran', async () => {
  assert.deepEqual(foreignRequests(browser.requests, BASE), []);
  assert.deepEqual(page.errors, []);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});
