import { command } from '../support/http.js';
import { LANDSCAPE, PORTRAIT, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:40:00+09:00'] }, viewport: LANDSCAPE });

const timer = (page: import('@playwright/test').Page) => page.locator('.timer');
const digits = (page: import('@playwright/test').Page) => page.getByTestId('timer-digits');

test('a talk counts down on a calm screen with digits over half the screen height', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/display/timer/namba`);
  await screenReady(page);
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await expect(timer(page)).toHaveAttribute('data-tone', 'calm', { timeout: 1000 });
  await expect(digits(page)).toHaveAttribute('aria-label', /^(40:00|39:5\d)$/);
  await expect(page.getByTestId('timer-label')).toHaveText('Talk');
  // Digit glyphs are 0.75 em tall in the bundled font.
  const glyph = await digits(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * 0.75);
  expect(glyph).toBeGreaterThanOrEqual(LANDSCAPE.height / 2);
  const box = (await digits(page).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(LANDSCAPE.width);
});

test('the whole screen turns warning, then danger, then flashes over time counting up', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/display/timer/namba`);
  await screenReady(page);
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await command(server.url, 'namba', { type: 'extend', minutes: -36 });
  await expect(timer(page)).toHaveAttribute('data-tone', 'warning', { timeout: 1000 });
  const warningColour = await timer(page).evaluate((el) => getComputedStyle(el).backgroundColor);
  await command(server.url, 'namba', { type: 'extend', minutes: -3 });
  await expect(timer(page)).toHaveAttribute('data-tone', 'danger', { timeout: 1000 });
  // The tone's colour fades over 300 ms: on a loaded machine the first read can still be the warning's.
  await expect.poll(() => timer(page).evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(warningColour);
  await command(server.url, 'namba', { type: 'extend', minutes: -2 });
  await expect(timer(page)).toHaveAttribute('data-tone', 'overtime', { timeout: 1000 });
  await expect(page.getByTestId('timer-label')).toHaveText('Over time');
  const first = await digits(page).getAttribute('aria-label');
  expect(first).toMatch(/^\+\d+:\d\d$/);
  await expect(digits(page)).not.toHaveAttribute('aria-label', first!, { timeout: 2500 });
  // The flash is a running CSS animation (compositor work, no script per frame).
  const animations = await page.locator('.flash').evaluate((el) => el.getAnimations().map((a) => a.playState));
  expect(animations).toEqual(['running']);
});

test('warning and danger thresholds from the URL; Q&A is named', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  // About 40 minutes left: within ?warning=45, outside ?danger=30 (minutes, or m:ss).
  await page.goto(`${server.url}/display/timer/namba?warning=45&danger=30:00`);
  await screenReady(page);
  await expect(timer(page)).toHaveAttribute('data-tone', 'warning');
  await page.goto(`${server.url}/display/timer/namba?warning=45&danger=41`);
  await screenReady(page);
  await expect(timer(page)).toHaveAttribute('data-tone', 'danger');
  await command(server.url, 'namba', { type: 'qa' });
  await expect(page.getByTestId('timer-label')).toHaveText('Q&A', { timeout: 1000 });
  await page.goto(`${server.url}/display/timer/namba?lang=ja`);
  await expect(page.getByTestId('timer-label')).toHaveText('質疑応答');
  // Q&A that runs over time still says it is Q&A.
  await command(server.url, 'namba', { type: 'extend', minutes: -45 });
  await expect(timer(page)).toHaveAttribute('data-tone', 'overtime', { timeout: 1000 });
  await expect(page.getByTestId('timer-label')).toHaveText('質疑応答 · 時間超過');
});

test('a message for the speaker; hold pauses the countdown on a grey screen', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/display/timer/namba`);
  await screenReady(page);
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await command(server.url, 'namba', { type: 'message', text: 'Please repeat the question', targets: ['timer'] });
  await expect(page.getByTestId('message')).toHaveText('Please repeat the question', { timeout: 1000 });
  await command(server.url, 'namba', { type: 'hold' });
  await expect(timer(page)).toHaveAttribute('data-tone', 'hold', { timeout: 1000 });
  const held = await digits(page).getAttribute('aria-label');
  await page.waitForTimeout(2100);
  await expect(digits(page)).toHaveAttribute('aria-label', held!);
});

test('portrait stacks minutes over seconds, each line big', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.setViewportSize(PORTRAIT);
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await page.goto(`${server.url}/display/timer/namba`);
  await screenReady(page);
  await expect(page.locator('.digits .line')).toHaveCount(2);
  const glyph = await digits(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * 0.75);
  expect(glyph * 2).toBeGreaterThanOrEqual(PORTRAIT.height / 2);
});

test.describe('before the day starts', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T08:40:00+09:00'] } });

  test('nothing timed: the wall clock is captioned and smaller than a countdown, so no one reads it as time left', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/timer/namba`);
    await screenReady(page);
    await expect(timer(page)).toHaveAttribute('data-tone', 'idle');
    await expect(page.getByTestId('timer-label')).toHaveText('Next at 09:00');
    const idle = page.getByTestId('idle-clock');
    await expect(idle).toHaveText(/^Time now\s*08:4\d$/);
    // Only one clock on the screen, and its digits well under the countdown's half-screen height.
    await expect(page.getByTestId('clock')).toHaveCount(0);
    const glyph = await idle.locator('.tabular').evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * 0.75);
    expect(glyph).toBeLessThan(LANDSCAPE.height / 3);
    await page.goto(`${server.url}/display/timer/namba?lang=ja`);
    await screenReady(page);
    await expect(idle).toHaveText(/^現在時刻\s*08:4\d$/);
  });
});
