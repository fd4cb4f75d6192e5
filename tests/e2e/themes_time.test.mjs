// The theme over time and the word cloud (issue 8): on a small corpus of dated issues with
// months between them that have none (tests/e2e/fixtures/dated), the date chart has one point
// per month, gaps where no issue came out, one series per term with a legend, the theme total and
// a named moving average, all in the URL; on the seed, per-kind and per-10k numbers, the
// co-occurrence table, the suggested themes, the word cloud, and the notes that say why views
// count differently. Expected values are computed here from the cleaned corpus JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { countInArticle, env, newPage, openApp, openOnce, readArticles, route, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const DATED = env('YULIAO_E2E_DATED_URL');
const seedArticles = readArticles(env('YULIAO_E2E_CORPUS'));
const datedDir = env('YULIAO_E2E_DATED_CORPUS');
const datedIssues = readdirSync(datedDir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ stem: f.replace(/\.json$/, ''), ...JSON.parse(readFileSync(path.join(datedDir, f), 'utf8')) }));

let browser;
let page;

openOnce(BASE, (p, b) => { page = p; browser = b; }, {}, { clean: true });

/** The series of svg#theme-chart: name -> { values (null for a gap), colour }. */
async function chartSeries(p) {
  return p.$$eval('svg#theme-chart g.series', (gs) => gs.map((g) => ({
    name: g.dataset.series,
    colour: g.dataset.colour,
    values: g.dataset.values.split(',').map((v) => (v === '' ? null : Number(v))),
  })));
}

/** Every month from the first to the last, as YYYY-MM. */
function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** The centred moving average of the module doc: the mean of the values present in the window. */
function movingAverage(values, k) {
  const half = Math.floor(k / 2);
  return values.map((v, i) => {
    if (v === null) return null;
    const present = values.slice(Math.max(0, i - half), i + half + 1).filter((x) => x !== null);
    return present.reduce((a, b) => a + b, 0) / present.length;
  });
}

/** Saves what clicking `selector` in `p` downloads and returns { name, text }. */
async function download(p, selector) {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '') };
}

test('by date: a point per month, gaps where no issue came out, a series per term, the total and a named moving average', async () => {
  const terms = ['明月', '清风'];
  const dated = datedIssues.filter((i) => i.date);
  const undated = datedIssues.filter((i) => !i.date);
  assert.ok(dated.length >= 3 && undated.length >= 1, 'the fixture has dated and undated issues');
  const months = monthsBetween(dated[0].date.slice(0, 7), dated[dated.length - 1].date.slice(0, 7));
  const published = new Set(dated.map((i) => i.date.slice(0, 7)));
  assert.ok(months.some((m) => !published.has(m)), 'the fixture has a month without an issue');
  const count = (term, month) => dated.filter((i) => i.date.startsWith(month))
    .reduce((n, i) => n + i.articles.reduce((k, a) => k + countInArticle(a, term), 0), 0);

  const dp = await newPage(browser.context);
  await openApp(dp, DATED, `#/themes?${terms.map((t) => `t=${encodeURIComponent(t)}`).join('&')}&by=date&ma=3`);
  await dp.waitForSelector('svg#theme-chart g.series');
  assert.equal(await dp.getAttribute('svg#theme-chart', 'data-periods'), String(months.length));
  assert.equal(await dp.getAttribute('svg#theme-chart', 'role'), 'img');
  const label = await dp.getAttribute('svg#theme-chart', 'aria-label');
  assert.ok(label.includes(months[0]) && label.includes(months[months.length - 1]) && label.includes('3期移动平均'), label);
  assert.equal(await dp.$$eval('svg#theme-chart a, svg#theme-chart [tabindex]', (els) => els.length), 0, 'no tab stop inside the chart');
  assert.equal(await dp.$$eval('svg#theme-chart rect.gap', (els) => els.length), months.filter((m) => !published.has(m)).length);

  const series = await chartSeries(dp);
  assert.deepEqual(series.map((s) => s.name), ['主题合计', ...terms, '3期移动平均']);
  assert.equal(new Set(series.map((s) => s.colour)).size, series.length, 'every series its own colour');
  for (const [i, term] of terms.entries()) {
    const expected = months.map((m) => (published.has(m) ? count(term, m) : null));
    assert.deepEqual(series[i + 1].values, expected, term);
  }
  // The total counts places (the terms never overlap here, so it is their sum).
  const totals = months.map((m) => (published.has(m) ? terms.reduce((n, t) => n + count(t, m), 0) : null));
  assert.deepEqual(series[0].values, totals);
  const ma = movingAverage(totals, 3);
  series[3].values.forEach((v, i) => (ma[i] === null ? assert.equal(v, null) : assert.ok(Math.abs(v - ma[i]) < 0.001, `${v} vs ${ma[i]}`)));
  // The legend names each series inside the picture (so a saved chart keeps it).
  assert.deepEqual(await dp.$$eval('svg#theme-chart .legend-label', (els) => els.map((e) => e.textContent)), series.map((s) => s.name));
  // The table: a row per month, gaps marked, the undated issue said apart.
  assert.deepEqual(await dp.$$eval('table#theme-series-table tbody tr', (rows) => rows.map((r) => r.dataset.period)), months);
  assert.equal(await dp.$$eval('table#theme-series-table tbody tr[data-gap="1"]', (rows) => rows.length), months.filter((m) => !published.has(m)).length);
  const undatedNote = await dp.textContent('#theme-undated');
  for (const i of undated) assert.ok(undatedNote.includes(i.stem), undatedNote);
  assert.ok(await dp.isVisible('#theme-ma-rule') && await dp.isVisible('#theme-gaps-rule'));
  await screenshot(dp, 'themes-by-date');

  // Per 10,000 tokens, chosen in the page: a new URL; each month's value is its count over the
  // tokens the table lists for it.
  await dp.selectOption('#theme-per', '10k');
  await dp.waitForSelector('table#theme-series-table[data-per="10k"]');
  const hash = decodeURIComponent(await dp.evaluate(() => location.hash));
  assert.match(hash, /t=明月&t=清风&by=date&per=10k&ma=3/);
  const rows = await dp.$$eval('table#theme-series-table tbody tr', (trs) => trs.map((r) => ({
    period: r.dataset.period,
    tokens: Number(r.querySelector('td.tokens').textContent.replace(/,/g, '')),
    moon: r.querySelector('td[data-term="明月"]').textContent,
  })));
  for (const r of rows) {
    if (!published.has(r.period)) {
      assert.equal(r.moon, '—', `${r.period} is a gap`);
      continue;
    }
    assert.ok(r.tokens > 0);
    const shown = Number(r.moon.replace(/,/g, ''));
    const expected = count('明月', r.period) * 10000 / r.tokens;
    assert.ok(Math.abs(shown - expected) < 0.006, `${r.period}: ${shown} vs ${expected}`);
  }
  await screenshot(dp, 'themes-by-date-per10k');
  // The URL alone gives the same page: reopen it.
  await dp.reload();
  await dp.waitForSelector('table#theme-series-table[data-per="10k"]');
  assert.equal(await dp.$eval('#theme-by', (s) => s.value), 'date');
  assert.equal(await dp.$eval('#theme-ma', (s) => s.value), '3');
  // By issue: the issues' tokens add up to the corpus's, the frequency view's denominator.
  await route(dp, `#/themes?t=${encodeURIComponent('明月')}&by=issue`);
  await dp.waitForSelector('table#theme-series-table[data-by="issue"] tbody tr');
  const issueTokens = await dp.$$eval('table#theme-series-table tbody tr', (trs) => trs.map((r) => Number(r.querySelector('td.tokens').textContent.replace(/,/g, ''))));
  assert.equal(issueTokens.length, datedIssues.length);
  await route(dp, '#/freq');
  await dp.waitForSelector('#freq-total');
  assert.equal(String(issueTokens.reduce((a, b) => a + b, 0)), await dp.getAttribute('#freq-total', 'data-total-tokens'));
  assert.deepEqual(dp.errors, []);
  await dp.close();
});

test('seed by kind: one series per term with a legend, counts per kind equal the text, the SVG saves', async () => {
  const terms = ['安全', '质量'];
  await route(page, `#/themes?t=${terms.map(encodeURIComponent).join('&t=')}&by=kind`);
  await page.waitForSelector('table#theme-series-table[data-by="kind"] tbody tr');
  const series = await chartSeries(page);
  assert.deepEqual(series.map((s) => s.name), ['主题合计', ...terms]);
  const kinds = await page.$$eval('table#theme-series-table tbody tr', (trs) => trs.map((r) => r.dataset.period));
  for (const [i, term] of terms.entries()) {
    const expected = kinds.map((k) => seedArticles.filter((a) => a.kind === k).reduce((n, a) => n + countInArticle(a, term), 0));
    assert.deepEqual(series[i + 1].values, expected, term);
  }
  assert.equal(await page.$$eval('svg#theme-chart a, svg#theme-chart [tabindex]', (els) => els.length), 0);
  const svg = await download(page, '#theme-chart-svg');
  assert.ok(svg.text.startsWith('<svg') && svg.text.includes('安全') && svg.text.includes('#0072b2'), 'the saved chart keeps its legend and colours');
  const csv = await download(page, '#theme-series-csv');
  assert.ok(csv.text.startsWith('period,issues,tokens,total,total_per_10k,安全,安全_per_10k'), csv.text.slice(0, 80));
  await screenshot(page, 'themes-by-kind');
  // By unit: an article counts in each of its units; most first.
  await route(page, `#/themes?t=${terms.map(encodeURIComponent).join('&t=')}&by=unit`);
  await page.waitForSelector('table#theme-series-table[data-by="unit"] tbody tr');
  const units = await page.$$eval('table#theme-series-table tbody tr', (trs) => trs.map((r) => ({
    unit: r.dataset.period, safety: Number(r.querySelector('td[data-term="安全"]').textContent.replace(/,/g, '')),
  })));
  assert.ok(units.length > 1);
  for (const u of units) {
    assert.equal(u.safety, seedArticles.filter((a) => a.units.includes(u.unit)).reduce((n, a) => n + countInArticle(a, '安全'), 0), u.unit);
  }
  assert.equal(await page.$$eval('svg#theme-chart g.series', (gs) => gs.length), terms.length + 1);
  await screenshot(page, 'themes-by-unit');
});

test('seed by article: several terms are one series each with a legend, every article in reading order', async () => {
  const terms = ['安全', '质量'];
  await route(page, `#/themes?t=${terms.map(encodeURIComponent).join('&t=')}`);
  await page.waitForSelector('figure.theme-chart[data-by="article"] svg#theme-chart g.series');
  const series = await chartSeries(page);
  assert.deepEqual(series.map((s) => s.name), terms, 'a series per term, named in the legend');
  assert.equal(new Set(series.map((s) => s.colour)).size, terms.length, 'each term its own colour');
  for (const [i, term] of terms.entries()) {
    assert.deepEqual(series[i].values, seedArticles.map((a) => countInArticle(a, term)), term);
  }
  assert.deepEqual(await page.$$eval('svg#theme-chart .legend-label', (ts) => ts.map((t) => t.textContent)), terms);
  assert.equal(await page.$$eval('svg#theme-chart a, svg#theme-chart [tabindex]', (els) => els.length), 0, 'no tab stop inside');
  await screenshot(page, 'themes-by-article-terms');
  // One term keeps the clickable column per article.
  await route(page, `#/themes?t=${encodeURIComponent('安全')}`);
  await page.waitForSelector('svg#theme-chart rect.column');
  assert.equal(await page.$$eval('svg#theme-chart g.series', (gs) => gs.length), 0);
  assert.equal(await page.$$eval('svg#theme-chart rect.column', (rs) => rs.length), seedArticles.length);
});

test('seed co-occurrence: articles holding both terms, sortable, with the preset themes', async () => {
  const terms = ['安全', '质量', '党员'];
  await route(page, `#/themes?${terms.map((t) => `t=${encodeURIComponent(t)}`).join('&')}`);
  await page.waitForSelector('table#theme-cooc-table tbody tr[data-term]');
  const holds = (a, t) => countInArticle(a, t) > 0;
  for (const a of terms) {
    for (const b of terms) {
      const expected = seedArticles.filter((x) => holds(x, a) && holds(x, b)).length;
      const cell = await page.textContent(`table#theme-cooc-table tr[data-term="${a}"] td[data-with="${b}"]`);
      assert.equal(Number(cell), expected, `${a} × ${b}`);
    }
  }
  const plain = await page.$$eval('table#theme-cooc-table tbody tr', (trs) => trs.map((r) => r.dataset.term));
  assert.deepEqual(plain, terms, 'the tracked terms only, unless asked');
  await page.click('#theme-cooc-presets');
  await page.waitForSelector('table#theme-cooc-table tr[data-term="安全生产"]');
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /cooc=themes/);
  const items = await page.$$eval('table#theme-cooc-table tbody tr', (trs) => trs.map((r) => r.dataset.term));
  assert.ok(items.length > terms.length, `the preset themes are crossed too: ${items}`);
  await page.click('table#theme-cooc-table th[data-key="holding"] button');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('o=-holding'));
  const holding = await page.$$eval('table#theme-cooc-table tbody tr', (trs) => trs.map((r) => Number(r.dataset.articles)));
  assert.deepEqual(holding, [...holding].sort((x, y) => y - x));
  const csv = await download(page, '#theme-cooc-csv');
  assert.ok(csv.text.startsWith(`item,${terms.join(',')}`), csv.text.slice(0, 60));
  await screenshot(page, 'themes-cooccurrence');
});

test('suggested themes come from the slogan finder and add their terms to the URL', async () => {
  await route(page, `#/themes?t=${encodeURIComponent('安全')}&by=kind`);
  await page.waitForSelector('ul#theme-suggestions li[data-term]');
  const suggested = await page.$$eval('ul#theme-suggestions li', (lis) => lis.map((l) => l.dataset.term));
  assert.ok(suggested.includes('两带两创'), suggested.join(' | '));
  assert.ok(!suggested.includes('安全'), 'a tracked term is not suggested');
  await page.click('ul#theme-suggestions li[data-term="两带两创"] a');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('t=两带两创'));
  assert.equal(decodeURIComponent(await page.evaluate(() => location.hash)), '#/themes?t=安全&t=两带两创&by=kind');
  await page.waitForSelector('li.term-chip[data-term="两带两创"]');
});

test('the word cloud: the top words as links, the most frequent the largest, in the URL, saved as SVG', async () => {
  await route(page, '#/freq');
  await page.waitForSelector('table#freq-table tbody tr[data-term]');
  const rows = await page.$$eval('table#freq-table tbody tr', (trs) => trs.map((r) => ({ term: r.dataset.term, count: Number(r.dataset.count) })));
  await page.selectOption('#freq-show', 'cloud');
  await page.waitForSelector('svg#freq-cloud a.cloud-word');
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /show=cloud/);
  const words = await page.$$eval('svg#freq-cloud a.cloud-word', (as) => as.map((a) => ({
    term: a.dataset.term, count: Number(a.dataset.count), size: Number(a.dataset.size), href: a.getAttribute('href'),
  })));
  const omitted = Number(await page.getAttribute('svg#freq-cloud', 'data-omitted'));
  assert.equal(words.length + omitted, rows.length);
  assert.ok(words.length >= rows.length * 0.8, `${words.length} of ${rows.length} words placed`);
  for (const w of words) {
    assert.equal(rows.find((r) => r.term === w.term)?.count, w.count, w.term);
    assert.equal(decodeURIComponent(w.href), `#/search?q=${w.term}`);
  }
  const largest = words.reduce((a, b) => (b.size > a.size ? b : a));
  assert.equal(largest.term, rows[0].term, 'the largest word is the most frequent');
  assert.ok(words.every((w) => w.count < largest.count || w.size === largest.size));
  const svg = await download(page, '#freq-cloud-svg');
  assert.ok(svg.text.startsWith('<svg') && svg.text.includes(rows[0].term));
  await screenshot(page, 'freq-cloud');
  await page.click(`svg#freq-cloud a.cloud-word[data-term="${rows[0].term}"]`);
  await page.waitForSelector('#hit-count[data-total]');
});

test('each view says beside its number why its count of 安全 differs from the others', async () => {
  const term = encodeURIComponent('安全');
  for (const [lang, words, segmented] of [['zh', '署名', '分词'], ['en', 'bylines', 'segment']]) {
    await route(page, `#/freq?lang=${lang}`);
    await page.waitForSelector('#freq-total + #freq-count-note');
    const freq = await page.textContent('#freq-count-note');
    assert.ok(freq.includes(words) && freq.includes(segmented), freq);
    await route(page, `#/themes?t=${term}&lang=${lang}`);
    await page.waitForSelector('#theme-count-note');
    const theme = await page.textContent('#theme-count-note');
    assert.ok(theme.includes(words) && theme.includes(segmented), theme);
    await route(page, `#/search?q=${term}&lang=${lang}`);
    await page.waitForSelector('#hit-count[data-total] + #search-count-note');
    const search = await page.textContent('#search-count-note');
    assert.ok(search.includes(words) && search.includes(segmented), search);
  }
});
