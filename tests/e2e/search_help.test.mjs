// Search that explains itself: a hit found through a byline names the field and marks the
// name, and a query that finds nothing offers close words and the query without its missing
// terms, each a working link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, openOnce, readArticles, route, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const articles = readArticles(env('YULIAO_E2E_CORPUS'));

let browser;
let page;

openOnce(BASE, (p, b) => { page = p; browser = b; });

test('a hit found through its photographer says so and marks the name', async () => {
  const pictured = articles.find((a) => a.photographers.length > 0);
  assert.ok(pictured, 'the seed names a photographer');
  const name = pictured.photographers[0];
  await route(page, `#/search?q=${encodeURIComponent(name)}`);
  const row = page.locator(`li.result[data-article-id="${pictured.id}"]`);
  await row.waitFor();
  const why = row.locator('.why-field[data-field="photographer"]');
  assert.equal(await why.count(), 1);
  assert.equal(await why.locator('mark').first().textContent(), name);
  // An article whose text holds a word and no byline does names no field.
  await route(page, `#/search?q=${encodeURIComponent('拟薄水铝石')}`);
  await page.locator('li.result').first().waitFor();
  assert.equal(await page.locator('li.result .why-field').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('nothing found: close words and the query without its missing term, as links that find something', async () => {
  await route(page, `#/search?q=${encodeURIComponent('两带两闯 安全')}`);
  await page.locator('#alternatives li').first().waitFor();
  await screenshot(page, 'search-alternatives');
  const offered = await page.locator('#alternatives li').evaluateAll((lis) => lis.map((li) => li.dataset.query));
  assert.ok(offered.includes('两带两创 安全'), offered.join(' | '));
  assert.ok(offered.includes('安全'), offered.join(' | '));
  await page.locator('#alternatives li[data-query="两带两创 安全"] a').click();
  await page.locator('li.result').first().waitFor();
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /q=两带两创 安全/);
  assert.ok(Number(await page.getAttribute('#hit-count', 'data-total')) > 0);
  assert.deepEqual(page.errors, []);
});

test('a query the engine refuses is explained in the page language', async () => {
  await route(page, `#/search?q=${encodeURIComponent('安全 kind:xyz')}`);
  await page.locator('.notice-error').waitFor();
  const zh = await page.textContent('.notice-error');
  assert.match(zh, /类型只能是/, zh);
  assert.doesNotMatch(zh, /kind is one of/, zh);
  await route(page, `#/search?q=${encodeURIComponent('安全 kind:xyz')}&lang=en`);
  await page.waitForFunction(() => document.querySelector('.notice-error')?.textContent.includes('kind is one of'));
  await route(page, `#/search?q=${encodeURIComponent('，。')}&lang=en`);
  await page.waitForFunction(() => document.querySelector('.notice-error')?.textContent.includes('only punctuation'));
  assert.deepEqual(page.errors, []);
});

test('pinyin typed in the box suggests the words it spells; picking one searches it', async () => {
  await route(page, '#/search');
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  for (const typed of ['ldlc', 'liangdai']) {
    await page.fill('#search-input', '');
    await page.type('#search-input', typed);
    await page.waitForFunction(() => [...document.querySelectorAll('#suggestions [role=option]')].some((o) => o.textContent.includes('两带两创')));
  }
  // The pinyin table is read a few pieces at a time, and only once letters are typed.
  assert.ok(fetched.some((p) => /\/pinyin-\d+-/.test(p)), fetched.join(' '));
  await page.locator('#suggestions [role=option]', { hasText: '两带两创' }).first().dispatchEvent('mousedown');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('q=两带两创'));
  assert.equal(await page.inputValue('#search-input'), '两带两创', 'the pinyin is replaced by the word');
  await page.locator('li.result').first().waitFor();
  await screenshot(page, 'search-pinyin');
  assert.deepEqual(page.errors, []);
});
