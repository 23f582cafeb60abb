import { join } from 'node:path';
import { command } from '../support/http.js';
import { ROOT } from '../support/server.js';
import { LANDSCAPE, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

const BILINGUAL = join(ROOT, 'tests/fixtures/demo-bilingual.program.json');

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="64"><rect width="160" height="64" rx="10" fill="#00a0e9"/><text x="80" y="42" font-size="28" text-anchor="middle" fill="#101820" font-family="sans-serif">ASSB</text></svg>';

/** A venue's config: its accent and warning colours, a 2-minute warning, Japanese on the namba stream. */
const config = {
  screens: {
    theme: {
      colours: { accent: '#00a0e9', 'timer-warning': 'rgb(255, 120, 0)', bg: '#101820' },
      logo: 'https://logo.example.org/event.svg',
    },
    timer: { warningSeconds: 120, dangerSeconds: 30 },
  },
  halls: { namba: { streamLanguage: 'ja' } },
};

test.use({
  serverOptions: { config, args: ['--program', BILINGUAL, '--clock', '2025-10-02T09:40:00+09:00'] },
  viewport: LANDSCAPE,
});

test("signage takes the config's theme colours", async ({ page, server, pageErrors }) => {
  void pageErrors;
  // The event's logo on its own host (the CSP lets that origin in); served here by the test.
  await page.route('https://logo.example.org/event.svg', (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: LOGO_SVG }),
  );
  await page.goto(`${server.url}/display/hall/namba`);
  await screenReady(page);
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await expect(page.locator('.signage')).toHaveAttribute('data-scene', 'item', { timeout: 1000 });
  const ground = page.locator('.screen').first();
  await expect.poll(() => ground.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(16, 24, 32)');
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
  expect(accent).toBe('#00a0e9');
  // Without ?lang=, the event's language (the config sets no screens.languages.default).
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const logo = page.getByTestId('event-logo');
  await expect(logo).toBeVisible();
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const box = (await logo.boundingBox())!;
  expect(box.height).toBeLessThanOrEqual(80); // small: the hall's name leads the header
  await page.screenshot({ path: test.info().outputPath('themed-signage.png') });
});

test("the first paint is in the config's colours, before the config's answer arrives", async ({ page, server, pageErrors }) => {
  void pageErrors;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/screens/config', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/display/hall/namba`);
  // The hall's screen is up (its state came over the socket) while the config's answer is still held back.
  await expect(page.getByTestId('now-title')).toBeVisible();
  const ground = await page
    .locator('.screen')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
  release();
  expect(ground).toBe('rgb(16, 24, 32)');
  expect(accent).toBe('#00a0e9');
});

test('the timer turns warning at the configured threshold, in the theme colour; the URL still overrides', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const timer = page.locator('.timer');
  await page.goto(`${server.url}/display/timer/namba`);
  await screenReady(page);
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  // 40 minutes: calm. 3 minutes left: still calm with a 2-minute warning (the default 5 would warn).
  await command(server.url, 'namba', { type: 'extend', minutes: -37 });
  await expect(timer).toHaveAttribute('data-tone', 'calm', { timeout: 1000 });
  await command(server.url, 'namba', { type: 'extend', minutes: -2 });
  await expect(timer).toHaveAttribute('data-tone', 'warning', { timeout: 1000 });
  // The tone's colour fades in (a transition): it settles on the theme's.
  await expect.poll(() => timer.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 120, 0)');
  await page.goto(`${server.url}/display/timer/namba?warning=0:20&danger=0:10`);
  await screenReady(page);
  await expect(timer).toHaveAttribute('data-tone', 'calm');
});

test("the overlay's lower third is in the hall's stream language; ?lang= overrides", async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/display/overlay/namba`);
  await screenReady(page);
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1020' });
  // The talk that was on may still be fading out: the newest lower third is the last.
  const lowerThird = page.getByTestId('lower-third').last();
  await expect(lowerThird).toContainText('全固体電池の再現性に向けた課題', { timeout: 2000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.goto(`${server.url}/display/overlay/namba?lang=en`);
  await screenReady(page);
  await expect(lowerThird).toContainText('Challenges toward reproducibility', { timeout: 2000 });
});

test.describe('screens with a default language in the config', () => {
  test.use({
    serverOptions: {
      config: { screens: { languages: { default: 'ja+en' } } },
      args: ['--program', BILINGUAL, '--clock', '2025-10-02T09:40:00+09:00'],
    },
  });

  test('signage without ?lang= shows Japanese, English beneath; ?lang=en still wins', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/namba`);
    await screenReady(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.locator('.signage')).toContainText('固体電解質の大規模設計のための基盤ポテンシャル');
    await expect(page.locator('.signage')).toContainText('Foundation Potentials for Massive-Scale Design');
    await page.goto(`${server.url}/display/hall/namba?lang=en`);
    await screenReady(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('.signage')).not.toContainText('固体電解質');
  });
});
