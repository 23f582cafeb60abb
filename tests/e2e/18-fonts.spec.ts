import { JAPANESE_PROGRAM, LANDSCAPE, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({
  serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00', '--program', JAPANESE_PROGRAM] },
  viewport: LANDSCAPE,
});

test('Japanese titles and names render in the bundled Noto Sans JP, marked lang="ja", fonts outside the JS', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const fonts: string[] = [];
  const scripts: Buffer[] = [];
  page.on('response', async (response) => {
    const url = response.url();
    if (url.endsWith('.woff2')) fonts.push(url);
    if (url.endsWith('.js')) scripts.push(await response.body());
  });
  await page.goto(`${server.url}/display/hall/hall-a`);
  await screenReady(page);
  const title = page.getByTestId('now-title');
  await expect(title).toHaveText('硫化物系固体電解質の大気安定性向上に向けた材料設計');
  await expect(title).toHaveAttribute('lang', 'ja');
  await expect(page.getByTestId('speakers').first()).toHaveAttribute('lang', 'ja');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');

  // Which fonts Chromium really drew the glyphs with: the bundled web font, not a system font.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  for (const selector of ['[data-testid="now-title"]', '[data-testid="speakers"]', '[data-testid="phase-label"]']) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(used.length, selector).toBeGreaterThan(0);
    for (const font of used) {
      // The subset files name themselves after the variable font's first instance ("Noto Sans JP Thin").
      expect(font.familyName, selector).toMatch(/^Noto Sans JP/);
      expect(font.isCustomFont, selector).toBe(true);
    }
  }

  // Split by unicode range: the page fetched a few subsets of the 250 files, as woff2, from Lectern itself.
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.length).toBeLessThan(60);
  expect(fonts.every((url) => url.startsWith(`${server.url}/assets/`))).toBe(true);
  // Fonts are not in the JavaScript bundle.
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    expect(script.includes('wOF2')).toBe(false);
    expect(script.includes('@font-face')).toBe(false);
  }
  // No flash of tofu: the faces block (invisible text for a moment) rather than swap in a fallback.
  const displays = await page.evaluate(() => [
    ...new Set([...document.fonts].filter((f) => f.family.includes('Noto Sans JP')).map((f) => f.display)),
  ]);
  expect(displays).toEqual(['block']);
});

test('the UI speaks the event language, or ?lang=', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/display/hall/hall-a`);
  await screenReady(page);
  await expect(page.getByTestId('phase-label')).toHaveText('現在');
  await expect(page.getByTestId('next').locator('.label')).toHaveText('次');
  await page.goto(`${server.url}/display/hall/hall-a?lang=en`);
  await screenReady(page);
  await expect(page.getByTestId('phase-label')).toHaveText('Now');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  // Japanese program text stays marked Japanese in an English UI.
  await expect(page.getByTestId('now-title')).toHaveAttribute('lang', 'ja');
});
