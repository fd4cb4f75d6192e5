// Loading errors are shown, not a blank page: a dist whose largest index piece has flipped
// bytes (YULIAO_E2E_CORRUPT_URL, piece YULIAO_E2E_CORRUPT_PIECE) and a dist without
// index/manifest.bin (YULIAO_E2E_MISSING_URL), both made by `cargo xtask test` from www/dist.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { env, launch, newPage, screenshot } from './helpers.mjs';

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

test('the error pages asked no other origin', () => {
  for (const base of [env('YULIAO_E2E_CORRUPT_URL'), env('YULIAO_E2E_MISSING_URL')]) {
    const origin = new URL(base).origin;
    const mine = browser.requests.filter((u) => u.startsWith(origin));
    assert.ok(mine.length > 0);
  }
  const origins = [env('YULIAO_E2E_CORRUPT_URL'), env('YULIAO_E2E_MISSING_URL')].map((u) => new URL(u).origin);
  assert.deepEqual(browser.requests.filter((u) => !origins.some((o) => u.startsWith(o)) && !u.startsWith('data:')), []);
});
