// Browse, read, share and embed (issue 9), on the seed issue in the built www/dist: the issue
// list and an issue's table of contents in reading order, working titles for untitled articles,
// `lang=en` / `embed=1` / `controls=0` riding along on the links the app makes, the embed's
// way back to its theme view and out to the full app, and the height an embed posts to its
// parent. Expected values come from corpus/clean/*.json, never from the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  articlesHolding, env, newPage, openApp, openOnce, readArticles, route, screenshot,
} from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const CORPUS = env('YULIAO_E2E_CORPUS');
const QUERY = '两带两创';

const articles = readArticles(CORPUS);
const issues = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ stem: f.replace(/\.json$/, ''), ...JSON.parse(readFileSync(path.join(CORPUS, f), 'utf8')) }));
const seed = issues[0];

let browser;
let page;

openOnce(BASE, (p, b) => { page = p; browser = b; });

/**
 * The tab title once `ok` holds for it, or as it is after 5 s: views set it in a task of their
 * own after the render, so it may trail the view by a tick.
 */
async function tabTitle(p, ok) {
  for (const t0 = Date.now(); Date.now() - t0 < 5000; await new Promise((r) => setTimeout(r, 20))) {
    const title = await p.title();
    if (ok(title)) return title;
  }
  return p.title();
}

/** The decoded hash of `p` (a page or a frame). */
async function hashOf(p) {
  return decodeURIComponent(await p.evaluate(() => location.hash));
}

test('the seed is what these tests expect (26 articles, 6 untitled, one shared headline)', () => {
  assert.equal(seed.articles.length, 26);
  assert.equal(seed.articles.filter((a) => a.title === null).length, 6);
  const titles = seed.articles.map((a) => a.title).filter((t) => t);
  assert.ok(titles.some((t, i) => titles.indexOf(t) !== i), 'two articles share a headline');
});

test('the landing page says what the corpus is and leads to the issues', async () => {
  await route(page, '#/');
  await page.waitForSelector('#corpus-about');
  const about = await page.textContent('#corpus-about');
  assert.ok(about.includes(seed.publication), about);
  assert.ok(about.includes(seed.date), about);
  assert.ok(about.includes(String(articles.length)), about);
  assert.ok(await page.$(`#corpus-about a[data-issue="${seed.stem}"]`), 'the latest issue is linked');
  await screenshot(page, 'landing');
  await page.click('#browse-issues');
  await page.waitForSelector('ol#issues > li[data-issue]');
  assert.equal(await hashOf(page), '#/issues');
  assert.ok((await page.getAttribute('#nav-issues', 'class')).includes('active'), 'the nav marks the issues');
});

test('#/issues lists every issue newest first with its date and count, linking to its contents', async () => {
  await route(page, '#/issues');
  await page.waitForSelector('ol#issues > li[data-issue]');
  const rows = await page.$$eval('ol#issues > li[data-issue]', (els) => els.map((e) => ({
    stem: e.dataset.issue, text: e.textContent, articles: e.querySelector('[data-articles]')?.dataset.articles,
  })));
  const want = [...issues].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.stem.localeCompare(a.stem));
  assert.deepEqual(rows.map((r) => r.stem), want.map((i) => i.stem));
  for (const [r, i] of rows.map((r, k) => [r, want[k]])) {
    assert.ok(r.text.includes(i.date), `${r.stem}: its date in ${r.text}`);
    assert.equal(Number(r.articles), i.articles.length, `${r.stem}: its article count`);
  }
  assert.equal(await tabTitle(page, (t) => t === '各期目录 · 语料'), '各期目录 · 语料');
  await screenshot(page, 'issues');
  await page.click(`ol#issues > li[data-issue="${seed.stem}"] a`);
  await page.waitForSelector('ol#toc > li[data-article-id]');
  assert.equal(await hashOf(page), `#/issue/${seed.stem}`);
});

test(`#/issue/<stem>: the ${seed.articles.length} articles in reading order, working titles marked`, async () => {
  await route(page, `#/issue/${seed.stem}`);
  await page.waitForSelector('ol#toc > li[data-article-id]');
  const rows = await page.$$eval('ol#toc > li[data-article-id]', (els) => els.map((e) => ({
    id: e.dataset.articleId,
    title: e.querySelector('a.toc-title').textContent,
    working: e.querySelector('a.toc-title .working-title')?.textContent ?? null,
    mark: e.querySelector('a.toc-title .untitled-mark')?.textContent ?? null,
    tell: e.querySelector('a.toc-title .title-tell')?.textContent ?? null,
    href: e.querySelector('a.toc-title').getAttribute('href'),
    text: e.textContent,
  })));
  assert.equal(rows.length, 26);
  assert.deepEqual(rows.map((r) => r.id), seed.articles.map((a) => a.id), 'reading order');
  for (const [r, a] of rows.map((r, k) => [r, seed.articles[k]])) {
    assert.equal(decodeURIComponent(r.href), `#/article/${a.id}`);
    for (const name of [...a.authors, ...a.photographers, ...a.units]) {
      assert.ok(r.text.includes(name), `${a.id}: the row names ${name}`);
    }
    if (a.title === null) {
      assert.ok(r.working && r.mark, `${a.id}: a marked working title: ${JSON.stringify(r)}`);
      assert.notEqual(r.working, '无标题');
      assert.equal(r.mark, '（无标题）');
      const head = r.working.replace(/…$/, '').slice(0, 4);
      assert.ok(a.paragraphs[0].includes(head), `${a.id}: ${r.working} comes from its opening`);
    } else {
      assert.equal(r.working, null, `${a.id} has a printed title`);
      assert.ok(r.title.startsWith(a.title), `${a.id}: ${r.title}`);
    }
  }
  // Articles sharing a headline are told apart.
  const shared = rows.filter((r) => r.tell !== null);
  assert.equal(shared.length, 2, JSON.stringify(shared));
  assert.notEqual(shared[0].tell, shared[1].tell);
  const issueTitle = `${seed.publication} ${seed.date} · 语料`;
  assert.equal(await tabTitle(page, (t) => t === issueTitle), issueTitle);
  await screenshot(page, 'issue');
});

test('an untitled article in the reader: its working title, marked, also in the tab title', async () => {
  const a = seed.articles.find((x) => x.title === null);
  await route(page, `#/issue/${seed.stem}`);
  await page.click(`ol#toc > li[data-article-id="${a.id}"] a.toc-title`);
  await page.waitForSelector(`article#article[data-article-id="${a.id}"]`);
  const working = await page.textContent('article#article h1 .working-title');
  assert.ok(a.paragraphs[0].includes(working.replace(/…$/, '').slice(0, 4)), working);
  assert.equal(await page.textContent('article#article h1 .untitled-mark'), '（无标题）');
  const readerTitle = await tabTitle(page, (t) => t.startsWith(working));
  assert.ok(readerTitle.startsWith(working), readerTitle);
  // The issue in the metadata leads back to its table of contents.
  assert.equal(decodeURIComponent(await page.getAttribute('#issue-link', 'href')), `#/issue/${seed.stem}`);
  await screenshot(page, 'reader-untitled');
});

test('lang=en stays on after clicking a hit and a nav link; the tab names the query', async () => {
  const en = await newPage(browser.context);
  await openApp(en, BASE, `#/search?q=${encodeURIComponent(QUERY)}&lang=en`);
  await en.waitForSelector('ol#results > li.result a.result-title');
  assert.equal(await tabTitle(en, (t) => t === `${QUERY} · Search · Yuliao`), `${QUERY} · Search · Yuliao`);
  await en.locator('ol#results > li.result a.result-title').first().click();
  await en.waitForSelector('article#article');
  assert.ok((await hashOf(en)).includes('lang=en'), await hashOf(en));
  assert.equal(await en.getAttribute('html', 'lang'), 'en');
  await en.click('#nav-issues');
  await en.waitForSelector('ol#issues > li[data-issue]');
  assert.equal(await hashOf(en), '#/issues?lang=en');
  assert.equal((await en.textContent('h1.view-title')).trim(), 'Issues of the paper');
  await en.click(`ol#issues > li[data-issue="${seed.stem}"] a`);
  await en.waitForSelector('ol#toc .untitled-mark');
  assert.equal(await en.textContent('ol#toc .untitled-mark'), ' (untitled)');
  assert.ok((await hashOf(en)).endsWith('lang=en'));
  // The language switch, where the URL forces the language, switches the URL too.
  await en.click('#lang-switch');
  await en.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.ok((await hashOf(en)).endsWith('lang=zh'), await hashOf(en));
  assert.deepEqual(en.errors, []);
  await en.close();
});

test('an embed: the article opened from the theme table links back to that theme view', async () => {
  const em = await newPage(browser.context);
  await openApp(em, BASE, `#/themes?t=${encodeURIComponent(QUERY)}&embed=1`);
  await em.waitForSelector('table#theme-table tbody tr[data-article-id] a');
  const id = await em.getAttribute('table#theme-table tbody tr[data-article-id]', 'data-article-id');
  await em.click('table#theme-table tbody tr[data-article-id] a');
  await em.waitForSelector(`article#article[data-article-id="${id}"]`);
  assert.ok((await hashOf(em)).includes('embed=1'));
  assert.equal(decodeURIComponent(await em.getAttribute('#back-link', 'href')), `#/themes?t=${QUERY}&embed=1`);
  // Out to the full app: the same article, without embed, in a new tab.
  const full = await em.getAttribute('#open-full', 'href');
  assert.equal(await em.getAttribute('#open-full', 'target'), '_blank');
  assert.ok(full.startsWith(BASE) && !full.includes('embed'), full);
  assert.ok(decodeURIComponent(full).includes(`#/article/${id}`), full);
  await screenshot(em, 'embed-article');
  await em.click('#back-link');
  await em.waitForSelector('table#theme-table tbody tr[data-article-id]');
  assert.equal(await hashOf(em), `#/themes?t=${QUERY}&embed=1`);
  assert.equal(await em.$('a#nav-search'), null, 'still no chrome');
  assert.deepEqual(em.errors, []);
  await em.close();
});

test('controls=0 hides presets and inputs, and stays on the links', async () => {
  const em = await newPage(browser.context);
  await openApp(em, BASE, `#/themes?t=${encodeURIComponent(QUERY)}&embed=1&controls=0`);
  await em.waitForSelector('table#theme-table tbody tr[data-article-id]');
  const rows = await em.$$eval('table#theme-table tbody tr[data-article-id]', (els) => els.length);
  assert.equal(rows, articlesHolding(articles, QUERY).size, 'the answer is all there');
  for (const sel of ['#theme-input', '.theme-presets', '.chip-remove']) {
    assert.equal(await em.$(sel), null, `${sel} is hidden`);
  }
  await screenshot(em, 'embed-controls-0');
  await route(em, `#/search?q=${encodeURIComponent(QUERY)}&embed=1&controls=0`);
  await em.waitForSelector('ol#results > li.result a.result-title');
  assert.equal(await em.$('#search-input'), null, 'no search box');
  await em.locator('ol#results > li.result a.result-title').first().click();
  await em.waitForSelector('article#article');
  const hash = await hashOf(em);
  assert.ok(hash.includes('controls=0') && hash.includes('embed=1'), hash);
  // Without controls=0 the same view has its inputs (the test above can fail).
  await route(em, `#/themes?t=${encodeURIComponent(QUERY)}&embed=1`);
  await em.waitForSelector('#theme-input');
  assert.deepEqual(em.errors, []);
  await em.close();
});

test('an embed posts its height to the parent, which sizes the iframe', async () => {
  const portalUrl = new URL('../embed.html', env('YULIAO_E2E_SUBPATH_URL'));
  portalUrl.searchParams.set('src', `yuliao/#/themes?t=${QUERY}&embed=1`);
  const portal = await newPage(browser.context);
  await portal.goto(portalUrl.href);
  const frame = await (await portal.waitForSelector('iframe#yuliao')).contentFrame();
  await frame.waitForSelector('table#theme-table tbody tr[data-article-id]', { timeout: 120_000 });
  // The theme view is far taller than the 300 px the portal starts with.
  await portal.waitForFunction(() => window.__heights.length > 0 && window.__heights.at(-1) > 600, null, { timeout: 20_000 });
  const last = await portal.evaluate(() => window.__heights.at(-1));
  const content = await frame.evaluate(() => Math.ceil(document.querySelector('.app').getBoundingClientRect().height));
  assert.ok(Math.abs(last - content) <= 2, `posted ${last}, the app is ${content} px tall`);
  assert.equal(await portal.evaluate(() => document.getElementById('yuliao').getBoundingClientRect().height), last, 'the listener sized the iframe');
  assert.equal(await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1), true, 'no scrollbar inside the frame');
  await screenshot(portal, 'embed-portal');
  // A shorter view posts a smaller height.
  await frame.evaluate(() => { location.hash = '#/issues?embed=1'; });
  await frame.waitForSelector('ol#issues > li[data-issue]');
  await portal.waitForFunction((h) => window.__heights.at(-1) < h, last, { timeout: 20_000 });
  assert.deepEqual(portal.errors, []);
  await portal.close();
});
