// The reader as someone reading for a term uses it: it opens at the first match, a bar steps
// through every match (wrapping around), a poem keeps its lines and a photo's text reads as a
// caption.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, occurrences, openOnce, readArticles, route, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const articles = readArticles(env('YULIAO_E2E_CORPUS'));

let browser;
let page;

openOnce(BASE, (p, b) => { page = p; browser = b; }, { viewport: { width: 1000, height: 600 } });

/** Matches of `term` the reader marks: title, subtitle and paragraphs. */
function marked(a, term) {
  return [a.title, a.subtitle, ...a.paragraphs].reduce((n, t) => n + occurrences(t, term), 0);
}

test('the reader opens at the first match and steps through all of them', async () => {
  const term = '安全';
  const a = articles.filter((x) => marked(x, term) >= 3).sort((x, y) => marked(y, term) - marked(x, term))[0];
  assert.ok(a, `an article with several ${term}`);
  const total = marked(a, term);
  await route(page, `#/article/${a.id}?q=${encodeURIComponent(term)}`);
  await page.locator('#match-count').waitFor();
  assert.equal(await page.textContent('#match-count'), `1 / ${total}`);
  assert.equal(await page.locator('#article mark').count(), total);
  const inView = async () => page.evaluate(() => {
    const r = document.querySelector('#article mark.current').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  await page.waitForFunction(() => document.querySelector('#article mark.current'));
  assert.ok(await inView(), 'the first match is in view');
  await page.click('#match-next');
  await page.waitForFunction(() => document.querySelector('#match-count').textContent.startsWith('2 /'));
  const currentIndex = () => page.evaluate(() => [...document.querySelectorAll('#article mark')].findIndex((m) => m.classList.contains('current')));
  assert.equal(await currentIndex(), 1);
  assert.ok(await inView(), 'the second match is in view');
  await page.click('#match-prev');
  await page.click('#match-prev');
  assert.equal(await page.textContent('#match-count'), `${total} / ${total}`, 'back from the first wraps to the last');
  assert.equal(await currentIndex(), total - 1);
  await screenshot(page, 'reader-matches');
  assert.deepEqual(page.errors, []);
});

test('a poem keeps its lines; a photo text is a caption', async () => {
  const poem = articles.find((a) => a.title === '往事如烟');
  await route(page, `#/article/${poem.id}`);
  await page.locator('.article-body.verse').waitFor();
  assert.equal(await page.locator('.article-body.verse p').count(), poem.paragraphs.length);
  const indent = await page.$eval('.article-body.verse p', (p) => getComputedStyle(p).textIndent);
  assert.equal(indent, '0px', 'verse lines are not indented like paragraphs');
  assert.equal(await page.locator('#match-nav').count(), 0, 'no match bar without a query');
  await screenshot(page, 'reader-verse');
  const photo = articles.find((a) => a.kind === 'photo' && a.paragraphs.length > 0);
  await route(page, `#/article/${photo.id}`);
  await page.locator('.article-body.caption').waitFor();
  assert.ok((await page.textContent('.caption-label')).length > 0);
  await screenshot(page, 'reader-caption');
});

test('the reader lists the article\'s keywords, each a search', async () => {
  const memoir = articles.find((a) => (a.title || '').includes('首义门'));
  await route(page, `#/article/${memoir.id}`);
  await page.locator('#keywords a.keyword').first().waitFor();
  const terms = await page.locator('#keywords a.keyword').evaluateAll((as) => as.map((a) => a.dataset.term));
  assert.ok(terms.length >= 1 && terms.length <= 5, terms.join(' '));
  assert.equal(terms[0], '首义门', 'the word it says 14 times and no other article says');
  await page.locator('#keywords a.keyword').first().click();
  await page.locator('li.result').first().waitFor();
  assert.ok(decodeURIComponent(await page.evaluate(() => location.hash)).includes('q=首义门'));
});
