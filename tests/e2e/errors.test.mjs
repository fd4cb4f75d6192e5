// Loading errors are shown, not a blank page: a dist whose largest index piece has flipped
// bytes (YULIAO_E2E_CORRUPT_URL, piece YULIAO_E2E_CORRUPT_PIECE) and a dist without
// index/manifest.bin (YULIAO_E2E_MISSING_URL), both made by `cargo xtask test` from www/dist.
// And the views that count (frequencies, themes with their concordance) show the engine's
// error, in the page's language, where a piece they read is corrupt, never a count of zero: the
// seed dist (YULIAO_E2E_URL) with the bytes of those pieces flipped on their way to the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { env, launch, newPage, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Opens `base`, returns the error shown: { kind, text, state }. */
async function loadError(base, shot) {
  const page = await newPage(browser.context);
  await page.goto(`${base}#/search?q=${encodeURIComponent('两带两创')}`);
  const alert = await page.waitForSelector('.load-error[data-error-kind]', { state: 'visible', timeout: 120_000 });
  const shown = {
    kind: await alert.getAttribute('data-error-kind'),
    text: (await alert.textContent()).trim(),
    state: await page.getAttribute('.app', 'data-state'),
    errors: page.errors,
  };
  await screenshot(page, shot);
  await page.close();
  return shown;
}

test('a corrupted piece gives a clear message', async () => {
  const shown = await loadError(env('YULIAO_E2E_CORRUPT_URL'), 'error-corrupt');
  assert.equal(shown.kind, 'corrupt', JSON.stringify(shown));
  assert.equal(shown.state, 'error');
  assert.ok(shown.text.includes(env('YULIAO_E2E_CORRUPT_PIECE')), `the message names the piece: ${shown.text}`);
  assert.deepEqual(shown.errors, [], 'no uncaught error (a panic) on the way');
});

test('a missing index gives a clear message', async () => {
  const shown = await loadError(env('YULIAO_E2E_MISSING_URL'), 'error-missing');
  assert.equal(shown.kind, 'missing', JSON.stringify(shown));
  assert.equal(shown.state, 'error');
  assert.ok(shown.text.includes('manifest.bin'), `the message names the file: ${shown.text}`);
  assert.deepEqual(shown.errors, []);
});

/**
 * A page whose index pieces matching `pattern` (a RegExp on the file name) arrive with 16 bytes
 * in their middle flipped, as a damaged copy of the folder would send them. Returns the page
 * and the names it corrupted.
 */
async function pageCorrupting(pattern) {
  const page = await newPage(browser.context);
  const corrupted = [];
  await page.route((url) => pattern.test(url.pathname.split('/').pop()), async (r) => {
    const response = await r.fetch();
    const body = Buffer.from(await response.body());
    const mid = Math.floor(body.length / 2);
    for (let i = mid; i < Math.min(mid + 16, body.length); i++) body[i] ^= 0xa5;
    corrupted.push(new URL(r.request().url()).pathname.split('/').pop());
    // The decoded bytes, so no content-encoding header of the original answer.
    await r.fulfill({ status: 200, body, headers: { 'content-type': 'application/octet-stream' } });
  });
  return { page, corrupted };
}

/** What the view `section` shows once it has answered: its engine error and what else is there. */
async function viewAnswer(page, section, counts) {
  await page.waitForSelector(`${section} .engine-error, ${counts}`, { timeout: 60_000 });
  return {
    error: await page.$eval(`${section} .engine-error`, (e) => e.textContent).catch(() => null),
    details: await page.$eval(`${section} .engine-error code`, (e) => e.textContent).catch(() => null),
    counts: await page.$$eval(counts, (els) => els.map((e) => e.outerHTML.slice(0, 200))),
  };
}

// Frequencies read one precomputed table piece (`table-*`).
test('a corrupt frequency table: the frequency view shows the error, not zero', async () => {
  const { page, corrupted } = await pageCorrupting(/^table-\d+-[0-9a-f]+\.bin$/);
  await page.goto(`${BASE}#/freq`);
  const zh = await viewAnswer(page, '.freq-view', '#freq-total, table#freq-table, .freq-view .no-results');
  assert.ok(corrupted.length > 0, 'a table piece was asked for and corrupted');
  assert.deepEqual(zh.counts, [], 'no total, no table, no "no terms" on a corrupt table');
  assert.ok(zh.error?.includes('部分语料文件已损坏'), `the error in Chinese: ${zh.error}`);
  assert.ok(corrupted.some((name) => zh.details.includes(name)), `the details name the piece: ${zh.details}`);
  await screenshot(page, 'error-freq');
  // The same in English.
  await page.goto(`${BASE}#/freq?lang=en`);
  await page.reload();
  const en = await viewAnswer(page, '.freq-view', '#freq-total, table#freq-table, .freq-view .no-results');
  assert.deepEqual(en.counts, []);
  assert.ok(en.error?.includes('Part of the corpus files is damaged'), `the error in English: ${en.error}`);
  assert.deepEqual(page.errors, [], 'no uncaught error (a panic)');
  await page.close();
});

// A theme and its concordance read the terms' postings (`words-*`, `chars-*`, `bigrams-*`).
test('corrupt postings: the theme view shows the error, not zero', async () => {
  const { page, corrupted } = await pageCorrupting(/^(words|chars|bigrams)-\d+-[0-9a-f]+\.bin$/);
  await page.goto(`${BASE}#/themes?t=${encodeURIComponent('两带两创')}`);
  const shown = await viewAnswer(page, '.themes-view', '#theme-total, table#theme-table, table#kwic-table');
  assert.ok(corrupted.length > 0, 'a postings piece was asked for and corrupted');
  assert.deepEqual(shown.counts, [], 'no total, no table, no concordance on corrupt postings');
  assert.ok(shown.error?.includes('部分语料文件已损坏'), `the error in Chinese: ${shown.error}`);
  assert.ok(corrupted.some((name) => shown.details.includes(name)), `the details name the piece: ${shown.details}`);
  assert.deepEqual(page.errors, [], 'no uncaught error (a panic)');
  await screenshot(page, 'error-themes');
  await page.close();
});

test('the error pages asked no other origin', () => {
  const origins = [env('YULIAO_E2E_CORRUPT_URL'), env('YULIAO_E2E_MISSING_URL'), BASE].map((u) => new URL(u).origin);
  for (const base of [env('YULIAO_E2E_CORRUPT_URL'), env('YULIAO_E2E_MISSING_URL')]) {
    const origin = new URL(base).origin;
    const mine = browser.requests.filter((u) => u.startsWith(origin));
    assert.ok(mine.length > 0);
  }
  assert.deepEqual(browser.requests.filter((u) => !origins.some((o) => u.startsWith(o)) && !u.startsWith('data:')), []);
});
