// A chart for a projector: its "present" button shows the chart's figure full screen, in large
// type, and Escape (or exitFullscreen) brings the page back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, openOnce, route, screenshot } from './helpers.mjs';

const BASE = env('YULIAO_E2E_URL');

let page;
openOnce(BASE, (p) => { page = p; });

for (const [view, hash, chart] of [
  ['theme', `#/themes?t=${encodeURIComponent('两带两创')}`, 'theme-chart'],
  ['dispersion', `#/dispersion?t=${encodeURIComponent('两带两创')}`, 'dispersion-plot'],
]) {
  test(`the ${view} chart presents full screen in large type`, async () => {
    await route(page, hash);
    await page.locator(`#${chart}-present`).waitFor();
    await page.click(`#${chart}-present`);
    await page.waitForFunction((id) => document.fullscreenElement?.querySelector(`svg#${id}`), chart);
    const shown = await page.evaluate((id) => {
      const el = document.fullscreenElement;
      const svg = el.querySelector(`svg#${id}`).getBoundingClientRect();
      // The smallest type of any text in the figure (its caption, its axis labels).
      const texts = [...el.querySelectorAll('*')].filter((e) => !e.closest('svg') && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
      const font = Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize)));
      return { font, texts: texts.length, svgHeight: svg.height, screen: window.innerHeight };
    }, chart);
    assert.ok(shown.texts > 0 && shown.font >= 24, `large type: the smallest of ${shown.texts} texts is ${shown.font}px`);
    assert.ok(shown.svgHeight >= shown.screen * 0.5, `the chart fills the screen: ${shown.svgHeight} of ${shown.screen}`);
    await screenshot(page, `present-${view}`);
    await page.evaluate(() => document.exitFullscreen());
    await page.waitForFunction(() => !document.fullscreenElement);
    assert.deepEqual(page.errors, []);
  });
}
