// The analysis views of issue 8 on the seed issue, tried as a teacher would: sort the
// concordance of 安全, find the collocates of 两带两创 and open one, compare the literary pieces
// with the rest by keyness, see how 两带两创 spreads over the articles, export tables and charts.
// What the page must show is computed here from the cleaned corpus JSON where it can be (string
// occurrences, articles, ranges); counts of segmented words are checked for consistency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { countInArticle, env, openOnce, readArticles, route, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const articles = readArticles(env('YULIAO_E2E_CORPUS'));
const order = new Map(articles.map((a, i) => [a.id, i]));

let page;

openOnce(BASE, (p) => { page = p; }, {}, { clean: true });

/** Total occurrences of `term` in titles and paragraphs. */
const total = (term) => articles.reduce((n, a) => n + countInArticle(a, term), 0);

/** Saves what clicking `selector` downloads and returns { name, text }. */
async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(file, 'utf8').replace(/^\uFEFF/, '') };
}

/** The first field of each CSV record after the header (no quoted line breaks in these tables). */
const csvFirstColumn = (text) => text.split('\r\n').filter((l) => l).slice(1).map((l) => (l.startsWith('"') ? l.slice(1, l.indexOf('"', 1)) : l.split(',')[0]));

test('the concordance of 安全 sorted by 1R: every occurrence, ordered by the word right of it', async () => {
  const term = '安全';
  await route(page, `#/kwic?q=${encodeURIComponent(term)}`);
  await page.waitForSelector('table#concordance tbody tr[data-article-id]');
  const expected = total(term);
  assert.equal(await page.getAttribute('#kwic-total', 'data-total'), String(expected), 'one line per occurrence in titles and text');
  assert.ok((await page.textContent('#kwic-count-note')).length > 10, 'the page says what the lines count');
  // Reading order first: article order of the cleaned corpus.
  const reading = await page.$$eval('table#concordance tbody tr', (els) => els.map((e) => e.dataset.articleId));
  assert.deepEqual(reading, [...reading].sort((a, b) => order.get(a) - order.get(b)), 'reading order');

  await page.click('table#concordance thead button[data-key="1R"]');
  await page.waitForSelector('table#concordance[data-sort="1R"] tbody tr[data-key]');
  assert.equal(await page.evaluate(() => decodeURIComponent(location.hash)), `#/kwic?q=${term}&sort=1R`);
  assert.equal(await page.getAttribute('table#concordance th.kwic-right', 'aria-sort'), 'ascending');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.key), '1R', 'focus stays on the header');
  const rows = await page.$$eval('table#concordance tbody tr', (els) => els.map((e) => ({
    id: e.dataset.articleId,
    key: e.dataset.key ?? '',
    left: e.querySelector('.kwic-left').textContent,
    node: e.querySelector('.kwic-key').textContent,
    right: e.querySelector('.kwic-right').textContent,
    n: Number(e.querySelector('.rank').textContent),
  })));
  assert.equal(rows.length, expected);
  assert.deepEqual(rows.map((r) => r.n), rows.map((_, i) => i + 1), 'line numbers');
  // The same lines per article as the corpus holds occurrences.
  const perArticle = new Map();
  for (const r of rows) perArticle.set(r.id, (perArticle.get(r.id) ?? 0) + 1);
  for (const a of articles) assert.equal(perArticle.get(a.id) ?? 0, countInArticle(a, term), a.id);
  const compact = (s) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    assert.equal(r.node, term);
    // The line is the article's text, and its key is the first word to the right of the node.
    const a = articles[order.get(r.id)];
    const text = [a.title ?? '', ...a.paragraphs].join('\n').replace(/\n/g, ' ');
    assert.ok(text.includes(r.left + r.node + r.right), `line ${i + 1} is text of ${r.id}: ${r.left}[${r.node}]${r.right}`);
    if (r.key) assert.ok(compact(r.right).startsWith(r.key), `line ${i + 1}: ${r.key} begins ${r.right}`);
    if (i > 0) {
      const p = rows[i - 1];
      assert.ok(p.key <= r.key, `line ${i + 1}: ${p.key} ≤ ${r.key}`);
      if (p.key === r.key) assert.ok(order.get(p.id) <= order.get(r.id), `ties in reading order at line ${i + 1}`);
    }
  }
  assert.ok(new Set(rows.map((r) => r.key)).size > 3, 'several different right words');
  // A source title opens the reader with the term highlighted.
  const href = await page.getAttribute('table#concordance tbody tr td.kwic-source a', 'href');
  assert.ok(href.startsWith(`#/article/${rows[0].id}?q=`), href);
  const csv = await download('#kwic-csv');
  assert.deepEqual(csvFirstColumn(csv.text), rows.map((r) => r.id), 'the CSV has the lines shown, in order');
  await screenshot(page, 'analysis-kwic');
});

test('collocates of 两带两创: 活动 with its co-occurrences; sorting, CSV; open it → its concordance', async () => {
  const node = '两带两创';
  await route(page, `#/colloc?q=${encodeURIComponent(node)}`);
  await page.waitForSelector('table#colloc-table tbody tr[data-term]');
  assert.equal(await page.getAttribute('#colloc-summary', 'data-node-freq'), String(total(node)), 'f_A = occurrences of the node');
  const row = await page.waitForSelector('table#colloc-table tbody tr[data-term="活动"]');
  const co = Number(await row.getAttribute('data-co'));
  assert.equal(await row.$eval('td.co', (e) => e.textContent), String(co), 'the co count is shown');
  // Bounds from the text: at least once right after the node (两带两创”活动), at most every
  // pair of a node and 活动 sharing a paragraph.
  const paragraphs = articles.flatMap((a) => [a.title ?? '', ...a.paragraphs]);
  const adjacent = paragraphs.reduce((n, p) => n + (p.match(/两带两创[”"」』\s]*活动/g) ?? []).length, 0);
  const pairs = paragraphs.reduce((n, p) => n + (p.split(node).length - 1) * (p.split('活动').length - 1), 0);
  assert.ok(co >= Math.max(1, adjacent) && co <= pairs, `co ${co} within [${adjacent}, ${pairs}]`);
  assert.ok(Number(await row.getAttribute('data-freq')) >= co, 'f_B ≥ f_AB');
  assert.ok((await page.textContent('.stat-help')).includes('logDice'), 'the measure is explained');
  await page.click('.stat-help details.stat summary');
  assert.ok((await page.textContent('.stat-help .formula')).includes('14 + log₂'), 'and its formula shown on demand');

  // Sort by co, largest first: the header says so, the rows follow, the CSV too.
  await page.click('table#colloc-table th[data-key="co"] button');
  await page.waitForSelector('table#colloc-table th[data-key="co"][aria-sort="descending"]');
  const cos = await page.$$eval('table#colloc-table tbody tr', (els) => els.map((e) => Number(e.dataset.co)));
  assert.deepEqual(cos, [...cos].sort((a, b) => b - a));
  const shown = await page.$$eval('table#colloc-table tbody tr', (els) => els.map((e) => e.dataset.term));
  const csv = await download('#colloc-csv');
  assert.ok(csv.name.endsWith('.csv'), csv.name);
  assert.deepEqual(csvFirstColumn(csv.text), shown, 'the CSV has the rows shown, in order');
  await screenshot(page, 'analysis-colloc');

  // The word menu: open 活动 → its concordance.
  await page.click('table#colloc-table tr[data-term="活动"] details.word-menu summary');
  await page.click('table#colloc-table tr[data-term="活动"] a.wl-kwic');
  await page.waitForSelector('table#concordance tbody tr[data-article-id]');
  assert.equal(await page.evaluate(() => decodeURIComponent(location.hash)), '#/kwic?q=活动');
  assert.equal(await page.getAttribute('#kwic-total', 'data-total'), String(total('活动')));
});

test('keyness of kind:literature against the rest: 父亲 is a positive keyword', async () => {
  await route(page, `#/keyness?a=${encodeURIComponent('kind:literature')}`);
  const row = await page.waitForSelector('table#keyness-pos tbody tr[data-term="父亲"]');
  assert.equal(await page.$('table#keyness-neg tbody tr[data-term="父亲"]'), null);
  const critical = Number(await page.getAttribute('#keyness-critical', 'data-critical'));
  assert.ok(critical >= 3.84, `critical value ${critical} (Šidák-corrected, at least χ² .05)`);
  const cells = await row.$$eval('td', (els) => els.map((e) => e.textContent));
  assert.ok(Number(cells[4]) >= critical, `G² ${cells[4]} ≥ ${critical}`);
  assert.ok(Number(cells[5]) > 0, `Log Ratio ${cells[5]} > 0`);
  // The literary pieces hold 父亲 more often than the rest, relative to their size.
  const lit = articles.filter((a) => a.kind === 'literature');
  const inLit = lit.reduce((n, a) => n + countInArticle(a, '父亲'), 0);
  assert.ok(inLit > 0 && Number(await row.getAttribute('data-a')) <= inLit, 'target count ≤ string occurrences in the literary pieces');
  const text = await page.textContent('.keyness-view');
  assert.ok(text.includes('G²') && text.includes('Log Ratio') && text.includes('Šidák'));
  await screenshot(page, 'analysis-keyness');
});

test('dispersion of 两带两创: range 3 of 26, one tick per occurrence, SVG and CSV downloads', async () => {
  const term = '两带两创';
  await route(page, `#/dispersion?t=${encodeURIComponent(term)}`);
  await page.waitForSelector('#dispersion-stats[data-range]');
  const holding = articles.filter((a) => countInArticle(a, term) > 0).length;
  assert.equal(articles.length, 26);
  assert.equal(holding, 3);
  assert.equal(await page.getAttribute('#dispersion-stats', 'data-range'), String(holding));
  assert.equal(await page.getAttribute('#dispersion-stats', 'data-parts'), String(articles.length));
  assert.ok((await page.textContent('#disp-range')).includes(`${holding} / ${articles.length}`));
  assert.ok((await page.textContent('.stat-help')).match(/population standard deviation|总体标准差/), 'D names the population SD');
  const ticks = await page.$$eval('svg#dispersion-plot line.tick', (els) => els.length);
  assert.equal(ticks, total(term), 'one tick per occurrence');
  assert.equal(await page.getAttribute('svg#dispersion-plot', 'role'), 'img');
  assert.ok((await page.getAttribute('svg#dispersion-plot', 'aria-label')).length > 0);
  assert.equal(await page.$$eval('svg#dispersion-plot a, svg#dispersion-plot [tabindex]', (els) => els.length), 0);
  // The table: every article, its count from the corpus.
  const rows = await page.$$eval('table#dispersion-parts tbody tr', (els) => els.map((e) => [e.dataset.articleId, Number(e.dataset.count)]));
  assert.deepEqual(rows, articles.map((a) => [a.id, countInArticle(a, term)]));
  const svg = await download('#dispersion-plot-svg');
  assert.ok(svg.name.endsWith('.svg') && svg.text.includes('<svg') && svg.text.includes('xmlns="http://www.w3.org/2000/svg"'), svg.name);
  assert.equal((svg.text.match(/<line[^>]*class="tick"/g) ?? []).length, ticks, 'the saved SVG has every tick');
  // Sorted by count, the CSV follows.
  await page.click('table#dispersion-parts th[data-key="count"] button');
  await page.waitForSelector('table#dispersion-parts th[data-key="count"][aria-sort="descending"]');
  const sorted = await page.$$eval('table#dispersion-parts tbody tr', (els) => els.map((e) => e.dataset.articleId));
  const csv = await download('#dispersion-csv');
  assert.deepEqual(csvFirstColumn(csv.text), sorted);
  await screenshot(page, 'analysis-dispersion');
  await route(page, `#/dispersion?t=${encodeURIComponent(term)}&by=issue`);
  await page.waitForSelector('table#dispersion-parts tbody tr[data-issue]');
  assert.equal(await page.$$eval('svg#dispersion-plot line.tick', (els) => els.length), total(term));
});

test('n-grams and slogans: 两带两创 is a candidate theme that links to the theme view', async () => {
  await route(page, '#/ngrams');
  await page.waitForSelector('table#quoted-table tbody tr[data-term]');
  const row = await page.waitForSelector('table#quoted-table tbody tr[data-term="两带两创"], table#patterns-table tbody tr[data-term="两带两创"]');
  assert.equal(Number(await row.getAttribute('data-count')), total('两带两创'), 'every occurrence, quoted or not');
  await row.$eval('summary', (e) => e.click());
  const theme = await row.$eval('a.wl-theme', (e) => e.getAttribute('href'));
  assert.equal(decodeURIComponent(theme), '#/themes?t=两带两创');
  assert.ok(await page.$('table#patterns-table tbody tr[data-term="两带两创"]'), 'found by the 两X两Y pattern too');
  await screenshot(page, 'analysis-ngrams');
});

test('the summary: figures of the corpus, distinctive words of each kind, the top of the frequency list', async () => {
  await route(page, '#/summary');
  await page.waitForSelector('table#summary-freq tbody tr[data-term]');
  assert.ok((await page.textContent('#sum-articles')).includes(String(articles.length)));
  const tokens = Number(await page.getAttribute('#summary-stats', 'data-tokens'));
  const types = Number(await page.getAttribute('#summary-stats', 'data-types'));
  assert.ok(types > 0 && tokens > types);
  assert.ok((await page.textContent('#sum-ttr')).includes((types / tokens).toFixed(3)));
  assert.ok(await page.$('table.distinctive-table[data-kind="literature"] tbody tr[data-term="父亲"]'), '父亲 is distinctive of the literary pieces');
  // The same top terms as the frequency view.
  const top = await page.$$eval('table#summary-freq tbody tr', (els) => els.map((e) => [e.dataset.term, e.dataset.count]));
  await route(page, '#/freq');
  await page.waitForSelector('table#freq-table tbody tr[data-term]');
  const freq = await page.$$eval('table#freq-table tbody tr', (els) => els.map((e) => [e.dataset.term, e.dataset.count]));
  assert.deepEqual(top, freq.slice(0, top.length), 'counts agree with the frequency view');
  // The frequency list's terms open the same word menu.
  await page.click('table#freq-table tbody tr details.word-menu summary');
  assert.ok(await page.isVisible('table#freq-table tbody tr details[open] a.wl-colloc'));
  await route(page, '#/summary');
  await page.waitForSelector('table#summary-freq tbody tr[data-term]');
  await screenshot(page, 'analysis-summary');
});

test('the theme chart saves as SVG', async () => {
  await route(page, `#/themes?t=${encodeURIComponent('两带两创')}`);
  await page.waitForSelector('svg#theme-chart');
  const svg = await download('#theme-chart-svg');
  assert.ok(svg.name.endsWith('.svg') && svg.text.startsWith('<svg') && svg.text.includes('<rect'), svg.name);
});

test('the analysis navigation is named and marks the current view; both languages', async () => {
  await route(page, `#/colloc?q=${encodeURIComponent('两带两创')}&lang=en`);
  await page.waitForSelector('table#colloc-table tbody tr[data-term]');
  assert.equal(await page.getAttribute('#analysis-nav', 'aria-label'), 'Analysis tools');
  assert.equal(await page.getAttribute('#nav-colloc', 'aria-current'), 'page');
  assert.equal(await page.getAttribute('#nav-analysis', 'aria-current'), 'page');
  assert.ok((await page.textContent('.colloc-view h1')).includes('Collocates'));
  await screenshot(page, 'analysis-colloc-en');
});
