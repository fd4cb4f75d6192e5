// #/mine: your own texts, indexed in a Web Worker and kept in IndexedDB. A GBK file added with
// the file input is found by search (on its own with src=mine, and pointed to from the shipped
// corpus's search), is still there after a reload — opened from the index the worker kept, not
// built again, unless that record is damaged — and is gone once removed; a UTF-16 file with
// a BOM works too; a PNG is refused with the cleaner's reason. While a long text (the seed's raw
// text repeated to ~1.5 MB) is indexed, the page keeps answering: the test types in the paste
// box before the build ends and prints the longest main-thread stall it measured. Nothing is
// fetched before #/mine is opened, and nothing leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, foreignRequests, occurrences, openApp, openOnce, route, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const GBK_FILE = path.join(HERE, 'fixtures/mine/gbk.txt');
const WORD = '蓝鲸观测站';
const q = encodeURIComponent(WORD);

let page;
let browser;
openOnce(BASE, (p, b) => { page = p; browser = b; });

const mineRequests = () => browser.requests.filter((u) => new URL(u).pathname.includes('/mine/'));

test('nothing of #/mine is fetched before it is opened', async () => {
  await route(page, `#/search?q=${q}`);
  await page.waitForSelector('#hit-count[data-total="0"]');
  assert.deepEqual(mineRequests(), []);
  assert.equal(await page.$('#mine-also'), null, 'no pointer to your texts before they are open');
  assert.ok(await page.isVisible('#nav-mine'), 'the folder\'s page has the "your texts" tab');
});

test('a GBK file is indexed, found by search, kept over a reload, and removed', async () => {
  // The fixture really is GBK: not valid UTF-8.
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(GBK_FILE)));
  await route(page, '#/mine');
  await page.waitForSelector('#mine-none');
  await page.setInputFiles('#mine-file', GBK_FILE);
  const row = await page.waitForSelector('#mine-texts tr[data-name="gbk.txt"]', { timeout: 120_000 });
  assert.equal(await row.getAttribute('data-articles'), '2');
  assert.equal(await page.getAttribute('#mine-texts', 'data-rebuilt'), 'true', 'a new text is indexed');
  assert.ok(mineRequests().some((u) => u.endsWith('/mine/jieba.dict')), 'the dictionary was fetched on #/mine');
  await screenshot(page, 'mine-gbk');

  // On your texts alone (src=mine): the article that holds the word.
  await route(page, `#/search?q=${q}&src=mine`);
  await page.waitForSelector('ol#results > li.result');
  const titles = await page.$$eval('ol#results > li.result', (els) => els.map((e) => e.textContent));
  assert.equal(titles.length, 1);
  assert.ok(titles[0].includes('厂区西侧建起蓝鲸观测站'), titles[0]);
  assert.ok(await page.isVisible('#mine-banner'));
  // Links on it stay on your texts.
  const href = await page.getAttribute('ol#results > li.result a', 'href');
  assert.ok(href.includes('src=mine'), href);
  await screenshot(page, 'mine-search');
  // Beside the shipped corpus: it has no hit, and says your texts have one.
  await route(page, `#/search?q=${q}`);
  await page.waitForSelector('#hit-count[data-total="0"]');
  await page.waitForSelector('#mine-also[data-total="1"]');
  // The other views read your texts too: frequencies and statistics.
  await route(page, '#/summary?src=mine');
  await page.waitForSelector('table#summary-freq tbody tr[data-term]');
  await route(page, `#/kwic?q=${q}&src=mine`);
  await page.waitForSelector('table#concordance tbody tr[data-article-id]');
  const fixture = new TextDecoder('gbk').decode(readFileSync(GBK_FILE));
  assert.equal(await page.$$eval('table#concordance tbody tr[data-article-id]', (r) => r.length), occurrences(fixture, WORD));

  // Still there after a reload, from the index the worker kept: nothing is built again.
  await page.reload();
  await openApp(page, BASE, `#/search?q=${q}&src=mine`);
  await page.waitForSelector('ol#results > li.result', { timeout: 120_000 });
  await route(page, '#/mine');
  await page.waitForSelector('#mine-texts[data-rebuilt="false"] tr[data-name="gbk.txt"][data-articles="2"]');

  // A damaged kept index (one byte of its manifest flipped in IndexedDB) is never shown: the
  // worker builds again from the kept text, and search still finds it.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('yuliao-mine');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('built', 'readwrite');
      const store = tx.objectStore('built');
      const get = store.get('index');
      get.onsuccess = () => {
        const record = get.result;
        record.manifest[record.manifest.length - 9] ^= 0x55;
        store.put(record, 'index');
      };
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.reload();
  await openApp(page, BASE, '#/mine');
  await page.waitForSelector('#mine-texts[data-rebuilt="true"] tr[data-name="gbk.txt"][data-articles="2"]', { timeout: 120_000 });
  await route(page, `#/search?q=${q}&src=mine`);
  await page.waitForSelector('ol#results > li.result');

  // Removed: gone from the list and from search.
  await route(page, '#/mine');
  await page.click('#mine-texts tr[data-name="gbk.txt"] button.mine-remove');
  await page.waitForSelector('#mine-none');
  await route(page, `#/search?q=${q}&src=mine`);
  await page.waitForSelector('#mine-empty');
  assert.deepEqual(page.errors, []);
});

test('a binary file is refused with the reason, a UTF-16 file with a BOM and pasted text are indexed', async () => {
  await route(page, '#/mine');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  await page.setInputFiles('#mine-file', { name: 'picture.png', mimeType: 'image/png', buffer: png });
  const refused = await page.waitForSelector('#mine-refused li[data-name="picture.png"]', { timeout: 120_000 });
  const reason = await refused.textContent();
  assert.match(reason, /binary file \(/, reason);
  // Said in the page's language first (the particulars after it are the cleaner's, in English).
  assert.equal(await refused.getAttribute('data-code'), 'binary');
  assert.match(reason, /这不是文本文件/, reason);
  assert.doesNotMatch(reason, /corpus\/raw/, 'the CLI\'s advice about corpus/raw is not for this page');
  assert.equal(await page.$('#mine-texts tr[data-name="picture.png"]'), null);
  await screenshot(page, 'mine-refused');

  const text = new TextDecoder('gbk').decode(readFileSync(GBK_FILE));
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  await page.setInputFiles('#mine-file', { name: 'utf16.txt', mimeType: 'text/plain', buffer: utf16 });
  await page.waitForSelector('#mine-texts tr[data-name="utf16.txt"][data-articles="2"]', { timeout: 120_000 });

  // Pasted text is a text of its own, as UTF-8.
  await page.fill('#mine-paste-text', text.replaceAll(WORD, '白鹭湿地'));
  await page.click('#mine-paste button[type="submit"]');
  await page.waitForSelector('#mine-texts tr[data-name="粘贴-1.txt"][data-articles="2"]', { timeout: 120_000 });
  assert.equal(await page.inputValue('#mine-paste-text'), '', 'the box is emptied once the text is handed over');
  await route(page, `#/search?q=${encodeURIComponent('白鹭湿地')}&src=mine`);
  await page.waitForSelector('ol#results > li.result');
  await route(page, `#/search?q=${q}&src=mine`);
  await page.waitForSelector('ol#results > li.result');
  assert.deepEqual(page.errors, []);
});

test('the page stays responsive while a long text is indexed (measured)', async () => {
  const rawDir = path.join(HERE, '../../corpus/raw');
  const raw = readFileSync(path.join(rawDir, readdirSync(rawDir).filter((f) => f.endsWith('.txt')).sort()[0]), 'utf8');
  const long = Buffer.from(Array(Math.ceil(1_500_000 / Buffer.byteLength(raw))).fill(raw).join('\n\n'));
  await route(page, '#/mine');
  await page.waitForSelector('#mine-texts');
  // Gaps between animation frames and "long tasks" (over 50 ms) on the main thread, and when
  // the worker said the build was done (the progress bar full): what came before was during
  // indexing; after it, the page opens the finished index and renders the list.
  await page.evaluate(() => {
    // From the file input's change event on: the test's own handing over of 1.5 MB of file
    // (the harness builds the File in the page) is not the app's work.
    const probe = { gaps: [], tasks: [], startAt: Infinity, doneAt: Infinity, run: true };
    document.getElementById('mine-file').addEventListener('change', () => { probe.startAt = performance.now(); }, { capture: true });
    window.__probe = probe;
    let last = performance.now();
    const frame = (t) => {
      probe.gaps.push([last, t - last]);
      last = t;
      if (probe.run) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: false });
    new MutationObserver(() => {
      const bar = document.getElementById('mine-progress');
      if (bar && bar.hasAttribute('value') && bar.value >= bar.max && probe.doneAt === Infinity) probe.doneAt = performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  const started = Date.now();
  await page.setInputFiles('#mine-file', { name: 'long.txt', mimeType: 'text/plain', buffer: long });
  await page.waitForSelector('#mine-progress[value]', { timeout: 120_000 });
  // Typing while the worker segments: the box takes the text before the build ends.
  await page.fill('#mine-paste-text', '');
  await page.type('#mine-paste-text', '仍在响应');
  assert.equal(await page.inputValue('#mine-paste-text'), '仍在响应');
  assert.ok(await page.$('#mine-progress'), 'the build was still running while the reader typed');
  await screenshot(page, 'mine-progress');
  await page.waitForSelector('#mine-texts tr[data-name="long.txt"]', { timeout: 300_000 });
  const seconds = (Date.now() - started) / 1000;
  const probe = await page.evaluate(() => { window.__probe.run = false; return window.__probe; });
  const longest = (list, during) =>
    Math.max(0, ...list.filter(([t]) => t >= probe.startAt && (t < probe.doneAt) === during).map(([, d]) => d));
  const articles = await page.getAttribute('#mine-texts tr[data-name="long.txt"]', 'data-articles');
  console.log(`# mine: ${(long.length / 1e6).toFixed(2)} MB, ${articles} articles indexed in ${seconds.toFixed(1)} s. ` +
    `While the worker indexed: longest main-thread task ${longest(probe.tasks, true).toFixed(0)} ms, longest gap between frames ` +
    `${longest(probe.gaps, true).toFixed(0)} ms (${probe.gaps.filter(([t]) => t >= probe.startAt && t < probe.doneAt).length} frames in ${((probe.doneAt - probe.startAt) / 1000).toFixed(1)} s). ` +
    `Receiving the index and showing it: longest task ${longest(probe.tasks, false).toFixed(0)} ms, longest frame gap ${longest(probe.gaps, false).toFixed(0)} ms`);
  const during = probe.tasks.filter(([t]) => t >= probe.startAt && t < probe.doneAt);
  console.log(`# mine: long tasks while indexing (ms after the change event, duration): ${JSON.stringify(during.map(([t, d]) => [Math.round(t - probe.startAt), Math.round(d)]))}`);
  assert.ok(probe.startAt < probe.doneAt && probe.doneAt < Infinity, 'the change event came, then the progress bar reached its end');
  assert.ok(Number(articles) > 100, articles);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(foreignRequests(browser.requests, BASE), []);
});
