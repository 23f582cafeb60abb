import { command } from '../support/http.js';
import { LANDSCAPE, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] }, viewport: LANDSCAPE });

// How much a page does while nothing changes is measured by `npm run bench`; this checks the kind of work.
test('an idle page runs no per-frame loop and no animation, and redraws at most once a second', async ({
  page,
  server,
  pageErrors,
}) => {
  test.setTimeout(90_000);
  void pageErrors;
  await page.addInitScript(() => {
    const counts = { frames: 0, mutations: 0 };
    (window as unknown as { idle: typeof counts }).idle = counts;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
      counts.frames++;
      return raf(callback);
    };
    new MutationObserver((records) => (counts.mutations += records.length)).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  for (const path of [
    '/display/hall/namba',
    '/display/lobby',
    '/display/timer/namba',
    '/display/overlay/namba?lowerThird=0',
    '/live',
    '/display',
  ]) {
    await page.goto(`${server.url}${path}`);
    await screenReady(page);
    await page.waitForTimeout(1500);
    await page.evaluate(() => Object.assign((window as unknown as { idle: object }).idle, { frames: 0, mutations: 0 }));
    await page.waitForTimeout(3000);
    const idle = await page.evaluate(() => (window as unknown as { idle: { frames: number; mutations: number } }).idle);
    expect(idle.frames, path).toBe(0);
    // A countdown changes a few text nodes once a second; nothing else moves.
    expect(idle.mutations, path).toBeLessThanOrEqual(4 * 4);
    expect(await page.evaluate(() => document.getAnimations().length), path).toBe(0);
  }
  // Over time, the speaker timer flashes: one CSS animation, still no script per frame.
  await command(server.url, 'namba', { type: 'extend', minutes: -40 });
  await page.goto(`${server.url}/display/timer/namba`);
  await screenReady(page);
  await expect(page.locator('.timer')).toHaveAttribute('data-tone', 'overtime');
  await page.evaluate(() => Object.assign((window as unknown as { idle: object }).idle, { frames: 0, mutations: 0 }));
  await page.waitForTimeout(2000);
  expect(await page.evaluate(() => (window as unknown as { idle: { frames: number } }).idle.frames)).toBe(0);
  const names = await page.evaluate(() => document.getAnimations().map((a) => (a as CSSAnimation).animationName));
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(/^overtime/);
});
