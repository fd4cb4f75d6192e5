// Access for everyone (issue 9): axe-core finds no critical or serious problem on any view of
// the built www/dist (landing, results, no results, the reader, frequencies, themes, the issue
// list and an issue, the analysis views (concordance, collocates, keyness, dispersion, n-grams,
// summary), an embed, lang=en, a page that does not exist, the search box with its
// suggestions open, and the error pages), and the keyboard works: a skip link, the combobox
// pattern with arrow keys, focus on the view's heading after a navigation, the active tab
// marked, the result count a live region, and charts that are one image (no tab stops inside).
// axe-core comes from node_modules and is evaluated in the page through the DevTools protocol
// (page.evaluate), so the app's CSP stays as strict as it is and nothing is fetched from
// another host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { env, newPage, openApp, openOnce, readArticles, route, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const CORPUS = env('YULIAO_E2E_CORPUS');
const QUERY = '两带两创';
const articles = readArticles(CORPUS);
const stem = articles[0].id.replace(/-[^-]+$/, '');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
let page;

openOnce(BASE, (p, b) => { page = p; browser = b; });

/** The critical and serious axe-core findings on `p` now, as `rule: selector…` lines. */
async function axeFindings(p) {
  if (!(await p.evaluate(() => typeof window.axe === 'object'))) {
    await p.evaluate(AXE_SOURCE);
  }
  const violations = await p.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary.split('\n').slice(1).join(' ').trim()})`),
    }));
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.help}: ${v.nodes.slice(0, 5).join(' | ')}`);
}

test('axe runs in the page and reports a planted problem (the check itself works)', async () => {
  await route(page, '#/issues');
  await page.waitForSelector('ol#issues > li[data-issue]');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.id = 'planted';
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.querySelector('main').append(img);
  });
  const found = await axeFindings(page);
  await page.evaluate(() => document.getElementById('planted').remove());
  assert.ok(found.some((f) => f.includes('image-alt') && f.includes('#planted')), `image-alt on #planted: ${found}`);
});

/** Every view of the app: the hash to open and what shows that the view has answered. */
const VIEWS = [
  ['landing', '#/', '#corpus-about'],
  ['search results', `#/search?q=${encodeURIComponent(QUERY)}`, 'ol#results > li.result'],
  ['no results', `#/search?q=${encodeURIComponent('绝无此词之串')}`, '#hit-count[data-total="0"]'],
  ['article', `#/article/${articles[0].id}?q=${encodeURIComponent(QUERY)}`, 'article#article'],
  ['missing article', `#/article/${stem}-00000000`, '.article-missing'],
  ['frequencies', '#/freq', 'table#freq-table tbody tr[data-term]'],
  ['themes', `#/themes?t=${encodeURIComponent(QUERY)}`, 'table#theme-table tbody tr[data-article-id]'],
  ['themes, none chosen', '#/themes', '.themes-view .hint'],
  ['themes by kind per 10k', `#/themes?t=${encodeURIComponent(QUERY)}&t=${encodeURIComponent('安全')}&by=kind&per=10k`, 'table#theme-series-table tbody tr'],
  ['themes by issue with a moving average', `#/themes?t=${encodeURIComponent(QUERY)}&by=issue&ma=3`, 'table#theme-cooc-table tbody tr[data-term]'],
  ['word cloud', '#/freq?show=cloud', 'svg#freq-cloud a.cloud-word'],
  ['issues', '#/issues', 'ol#issues > li[data-issue]'],
  ['issue', `#/issue/${stem}`, 'ol#toc > li[data-article-id]'],
  ['not found', '#/no-such-view', '.not-found'],
  ['lang=en search', `#/search?q=${encodeURIComponent(QUERY)}&lang=en`, 'ol#results > li.result'],
  ['lang=en frequencies', '#/freq?lang=en', 'table#freq-table tbody tr[data-term]'],
  ['concordance', `#/kwic?q=${encodeURIComponent('安全')}&sort=1R`, 'table#concordance tbody tr[data-article-id]'],
  ['concordance, nothing asked', '#/kwic', '.kwic-view .start-examples'],
  ['collocates', `#/colloc?q=${encodeURIComponent(QUERY)}`, 'table#colloc-table tbody tr[data-term]'],
  ['keyness', `#/keyness?a=${encodeURIComponent('kind:literature')}`, 'table#keyness-pos tbody tr[data-term]'],
  ['dispersion', `#/dispersion?t=${encodeURIComponent(QUERY)}`, 'svg#dispersion-plot'],
  ['n-grams', '#/ngrams', 'table#quoted-table tbody tr[data-term]'],
  ['summary', '#/summary', 'table#summary-freq tbody tr[data-term]'],
  ['your texts (none yet)', '#/mine', '#mine-none'],
  ['lang=en keyness', `#/keyness?a=${encodeURIComponent('kind:literature')}&lang=en`, 'table#keyness-pos tbody tr[data-term]'],
];

for (const [name, hash, ready] of VIEWS) {
  test(`axe: no critical or serious finding on ${name} (${decodeURIComponent(hash)})`, async () => {
    await route(page, hash);
    await page.waitForSelector(ready);
    assert.deepEqual(await axeFindings(page), [], `${name}: ${hash}`);
  });
}

test('axe: an embed (embed=1, and controls=0) has no critical or serious finding', async () => {
  const embed = await newPage(browser.context);
  for (const hash of [`#/themes?t=${encodeURIComponent(QUERY)}&embed=1`, `#/search?q=${encodeURIComponent(QUERY)}&embed=1&controls=0`]) {
    await openApp(embed, BASE, hash);
    await embed.waitForSelector('.app[data-embed="1"] main [data-article-id]');
    assert.deepEqual(await axeFindings(embed), [], hash);
  }
  await embed.close();
});

test('axe: the error pages (a missing index, a corrupt piece) have no critical or serious finding', async () => {
  const p = await newPage(browser.context);
  await p.goto(`${env('YULIAO_E2E_MISSING_URL')}#/search?q=${encodeURIComponent(QUERY)}`);
  await p.waitForSelector('.load-error[data-error-kind]');
  assert.deepEqual(await axeFindings(p), [], 'missing index');
  await p.goto(`${env('YULIAO_E2E_CORRUPT_URL')}#/search?q=${encodeURIComponent(QUERY)}`);
  await p.waitForSelector('.load-error[data-error-kind="corrupt"]', { timeout: 120_000 });
  assert.deepEqual(await axeFindings(p), [], 'corrupt piece');
  await p.close();
});

test('the search box is a combobox: arrow keys move through the suggestions, Enter picks one', async () => {
  await route(page, '#/search');
  const input = await page.waitForSelector('input#search-input');
  assert.equal(await input.getAttribute('role'), 'combobox');
  const controls = await input.getAttribute('aria-controls');
  assert.ok(await page.$(`#${controls}[role="listbox"]`), `aria-controls names the listbox: ${controls}`);
  assert.equal(await input.getAttribute('aria-expanded'), 'false', 'closed before typing');
  await input.fill('');
  await input.type('两');
  await page.waitForSelector('#suggestions:not([hidden]) [role="option"]');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(await axeFindings(page), [], 'the open list');
  const options = await page.$$eval('#suggestions [role="option"]', (els) => els.map((e) => ({ id: e.id, term: e.querySelector('.suggestion-term').textContent })));
  assert.ok(options.length >= 2, `at least two suggestions for 两: ${JSON.stringify(options)}`);
  const active = async () => {
    const id = await input.getAttribute('aria-activedescendant');
    const selected = await page.$$eval('#suggestions [aria-selected="true"]', (els) => els.map((e) => e.id));
    return { id, selected };
  };
  assert.equal((await active()).id, null, 'nothing selected yet');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await active(), { id: options[0].id, selected: [options[0].id] });
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await active(), { id: options[1].id, selected: [options[1].id] });
  await page.keyboard.press('ArrowUp');
  assert.deepEqual(await active(), { id: options[0].id, selected: [options[0].id] });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input', 'focus stays in the box');
  await page.keyboard.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false', 'Escape closes the list');
  assert.equal(await input.getAttribute('aria-activedescendant'), null);
  await page.keyboard.press('ArrowDown');
  assert.equal(await input.getAttribute('aria-expanded'), 'true', 'ArrowDown opens it again');
  await page.keyboard.press('Enter');
  await page.waitForFunction((term) => decodeURIComponent(location.hash) === `#/search?q=${term}`, options[0].term);
  await page.waitForSelector('#hit-count[data-total]');
  assert.equal(await page.getAttribute('#hit-count', 'role'), 'status', 'the count is a live region');
});

test('axe: an open word menu and an open formula have no critical or serious finding', async () => {
  await route(page, `#/colloc?q=${encodeURIComponent(QUERY)}`);
  await page.waitForSelector('table#colloc-table tbody tr[data-term] details.word-menu');
  await page.click('table#colloc-table tbody tr details.word-menu summary');
  await page.click('.stat-help details.stat summary');
  assert.deepEqual(await axeFindings(page), []);
});

test('the frequency page: the chart is one image with no tab stop, a few stops before the table', async () => {
  // A fresh page, so Tab starts at the top of the document.
  const p = await newPage(browser.context);
  await openApp(p, BASE, '#/freq');
  await p.waitForSelector('table#freq-table tbody tr[data-term]');
  const rows = await p.$$eval('table#freq-table tbody tr[data-term]', (els) => els.length);
  assert.equal(await p.$$eval('svg#freq-chart a, svg#freq-chart [tabindex]', (els) => els.length), 0, 'nothing focusable in the chart');
  assert.equal(await p.getAttribute('svg#freq-chart', 'role'), 'img');
  assert.ok((await p.getAttribute('svg#freq-chart', 'aria-label')).length > 0, 'the chart has a text alternative');
  // Tab from the top of the page until focus leaves the page or comes round again.
  const stops = [];
  for (let i = 0; i < 600; i++) {
    await p.keyboard.press('Tab');
    const at = await p.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      return { key: e.id || `${e.tagName}:${e.getAttribute('href') ?? ''}:${e.textContent.slice(0, 20)}`, inSvg: !!e.closest('svg'), inTable: !!e.closest('table') };
    });
    if (!at || (stops.length > 0 && at.key === stops[0].key)) break;
    stops.push(at);
  }
  assert.deepEqual(stops.filter((s) => s.inSvg), [], 'no tab stop inside the chart');
  const beforeTable = stops.findIndex((s) => s.inTable);
  // Skip link, brand, six tabs (the sixth: your texts, #/mine), language; six controls (the last:
  // table or cloud) and the CSV button.
  assert.ok(beforeTable > 0 && beforeTable <= 16, `${beforeTable} tab stops before the table: ${JSON.stringify(stops.slice(0, 17))}`);
  // The sortable headers (four), then one a row: the term's word menu (opened, its links).
  assert.ok(stops.length <= beforeTable + 4 + rows + 2, `${stops.length} tab stops for ${rows} rows`);
  await screenshot(p, 'freq-a11y');
  await p.close();
});

test('the theme chart is one image too: no link or tab stop inside', async () => {
  await route(page, `#/themes?t=${encodeURIComponent(QUERY)}`);
  await page.waitForSelector('svg#theme-chart');
  assert.equal(await page.$$eval('svg#theme-chart a, svg#theme-chart [tabindex]', (els) => els.length), 0);
  assert.ok(await page.$$eval('svg#theme-chart rect[data-href]', (els) => els.length) > 0, 'columns still open their article on a click');
});

test('a skip link is the first tab stop and moves focus to the main content', async () => {
  const p = await newPage(browser.context);
  await openApp(p, BASE, '#/issues');
  await p.waitForSelector('ol#issues > li[data-issue]');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'skip-link');
  assert.ok(await p.evaluate(() => document.activeElement.getBoundingClientRect().top >= 0), 'visible when focused');
  await p.keyboard.press('Enter');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'main');
  assert.equal(await p.evaluate(() => location.hash), '#/issues', 'the route stays');
  await p.keyboard.press('Tab');
  assert.ok(await p.evaluate(() => !!document.activeElement.closest('main')), 'the next stop is in the content');
  await p.close();
});

test('after a navigation focus is on the new view\'s heading, and the active tab says so', async () => {
  await route(page, '#/issues');
  await page.waitForSelector('ol#issues > li[data-issue]');
  await page.focus('#nav-freq');
  await page.keyboard.press('Enter');
  await page.waitForSelector('table#freq-table tbody tr[data-term]');
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), await page.textContent('.freq-view h1'));
  assert.equal(await page.getAttribute('#nav-freq', 'aria-current'), 'page');
  for (const other of ['#nav-search', '#nav-issues', '#nav-themes']) {
    assert.equal(await page.getAttribute(other, 'aria-current'), null, other);
  }
  // A result opened from the search: focus on the article's title.
  await route(page, `#/search?q=${encodeURIComponent(QUERY)}`);
  await page.waitForSelector('ol#results > li.result a');
  const id = await page.getAttribute('ol#results > li.result', 'data-article-id');
  await page.focus('ol#results > li.result a');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`article#article[data-article-id="${id}"]`);
  await page.waitForFunction(() => document.activeElement?.matches('main h1.article-title'));
  // Typing in the box and sending it keeps focus in the box.
  await route(page, '#/search');
  const input = await page.waitForSelector('input#search-input');
  await input.fill(QUERY);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#hit-count[data-total]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  await screenshot(page, 'search-a11y');
});

test('every view has exactly one h1 and every nav a name', async () => {
  for (const [name, hash, ready] of VIEWS) {
    await route(page, hash);
    await page.waitForSelector(ready);
    assert.equal(await page.$$eval('h1', (els) => els.length), 1, `${name}: one h1`);
    const unnamed = await page.$$eval('nav', (els) => els.filter((e) => !e.getAttribute('aria-label')).map((e) => e.className));
    assert.deepEqual(unnamed, [], `${name}: navs without a name`);
  }
});

test('axe: #/mine with a kept text and a refused file, and a view on your texts (src=mine)', async () => {
  await route(page, '#/mine');
  await page.waitForSelector('#mine-file');
  const gbk = readFileSync(new URL('./fixtures/mine/gbk.txt', import.meta.url));
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  await page.setInputFiles('#mine-file', [
    { name: 'gbk.txt', mimeType: 'text/plain', buffer: gbk },
    { name: 'picture.png', mimeType: 'image/png', buffer: png },
  ]);
  await page.waitForSelector('#mine-texts tr[data-name="gbk.txt"]', { timeout: 120_000 });
  await page.waitForSelector('#mine-refused li[data-name="picture.png"]');
  assert.deepEqual(await axeFindings(page), [], '#/mine');
  await route(page, `#/search?q=${encodeURIComponent('蓝鲸观测站')}&src=mine`);
  await page.waitForSelector('ol#results > li.result');
  assert.ok(await page.isVisible('#mine-banner'));
  assert.deepEqual(await axeFindings(page), [], 'search on your texts');
});
