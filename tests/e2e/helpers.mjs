// Shared pieces of the end-to-end tests: launching Debian's Chromium through playwright-core
// (never a downloaded browser), recording every request and CSP violation of a page, waiting for
// the app, and reading the cleaned corpus JSON to compute what the page must show.
// Run through `cargo xtask test`, which builds the dists, serves them and sets YULIAO_E2E_*.
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The value of an environment variable that `cargo xtask test` sets. */
export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the end-to-end tests with \`cargo xtask test\``);
  }
  return value;
}

/** The headless flags of the team contract (the fresh --user-data-dir is the profile below). */
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches /usr/bin/chromium with a fresh profile. Returns { context, requests, close }:
 * `requests` lists every URL any page of the context asked for (the tests fail on any to
 * another origin), and every page records CSP violations in `window.__cspViolations`.
 */
export async function launch({ viewport = { width: 1280, height: 900 } } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'yuliao-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.YULIAO_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    locale: 'zh-CN',
  });
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, requests, close };
}

/** A new page that also collects uncaught errors (a wasm panic shows up here). */
export async function newPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

/** Requests that left `base`'s origin (data: URLs are allowed by the CSP for images). */
export function foreignRequests(requests, base) {
  const origin = new URL(base).origin;
  return requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
}

/** Opens `base` + `hash` and waits until the index is loaded (or failed: then throws). */
export async function openApp(page, base, hash = '') {
  await page.goto(base + hash);
  await page.waitForSelector('.app[data-state="ready"], .app[data-state="error"], .load-error', { timeout: 120_000 });
  const state = await page.getAttribute('.app', 'data-state').catch(() => null);
  if (state !== 'ready') {
    const message = await page.textContent('.load-error').catch(() => '(no message)');
    throw new Error(`the app did not become ready at ${base + hash}: ${message}`);
  }
}

/** Changes the hash route of an already loaded app. */
export async function route(page, hash) {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
}

/** Saves a screenshot for people to look at (target/e2e/screenshots/NAME.png). */
export async function screenshot(page, name) {
  const dir = process.env.YULIAO_E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Every article of the cleaned issues in `dir` (`*.json`, file-name order), in reading order. */
export function readArticles(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no cleaned issue in ${dir}`);
  return files.flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')).articles);
}

/** Non-overlapping occurrences of `needle` in `text`. */
export function occurrences(text, needle) {
  if (!text || !needle) return 0;
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Occurrences of `term` in an article's text: title plus paragraphs, each counted on its own. */
export function countInArticle(article, term) {
  return [article.title, ...article.paragraphs].reduce((n, field) => n + occurrences(field, term), 0);
}

/** Map id -> count for every article that holds `term`, in reading order. */
export function articlesHolding(articles, term) {
  const held = new Map();
  for (const a of articles) {
    const n = countInArticle(a, term);
    if (n > 0) held.set(a.id, n);
  }
  return held;
}

/**
 * Every text of every field search looks at, in the engine's one list of them
 * (`yuliao::corpus::SEARCHED_FIELDS`, passed by `cargo xtask test`): the names are the cleaned
 * corpus JSON's keys, each a string, a list of strings or null.
 */
export function searchFields(article) {
  return env('YULIAO_E2E_SEARCHED_FIELDS').split(',')
    .flatMap((name) => [article[name]].flat())
    .filter((f) => f);
}

/** Ids of the articles that hold `q` as a substring of any searched field, in reading order. */
export function idsHolding(articles, q) {
  return articles.filter((a) => searchFields(a).some((f) => f.includes(q))).map((a) => a.id);
}

/**
 * Opens the app at `url` once for a test file, in a fresh browser launched with
 * `launchOptions` (see `launch`): before the file's first test, `set(page, browser)` receives
 * the ready page and its browser; after the last, the browser closes. With `clean`, the
 * page must also have had no uncaught error and no CSP violation by then.
 */
export function openOnce(url, set, launchOptions = {}, { clean = false } = {}) {
  let browser;
  let page;
  before(async () => {
    browser = await launch(launchOptions);
    page = await newPage(browser.context);
    await openApp(page, url);
    set(page, browser);
  });
  after(async () => {
    if (clean) {
      assert.deepEqual(page.errors, [], 'no uncaught error in the page');
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
    }
    await browser?.close();
  });
}
