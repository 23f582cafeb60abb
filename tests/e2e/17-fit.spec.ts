import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command } from '../support/http.js';
import { tempDir } from '../support/server.js';
import { LANDSCAPE, PORTRAIT, STRESS_PROGRAM, overflowing, screenReady, smallText } from './display-helpers.js';
import { expect, test } from './fixtures.js';

// A 300-character title and 40 speakers in English (hall "main") and in Japanese (hall "annex").
test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:10:00+09:00', '--program', STRESS_PROGRAM] } });

const LONG_MESSAGE =
  'The session will resume after a short technical break. Please stay seated; coffee will be served in the foyer of the north wing after the next talk, thank you!';

const screens = [
  '/display/hall/main',
  '/display/hall/annex',
  '/display/lobby',
  '/display/timer/main',
  '/display/timer/annex',
  '/display/overlay/main?lowerThird=3600',
  '/display/overlay/annex?lowerThird=3600',
];

for (const [name, viewport] of [
  ['landscape', LANDSCAPE],
  ['portrait', PORTRAIT],
] as const) {
  test(`long titles and forty co-authors fit without overflow, ${name}`, async ({ page, server, pageErrors }) => {
    test.setTimeout(120_000);
    void pageErrors;
    await page.setViewportSize(viewport);
    await command(server.url, 'main', { type: 'message', text: LONG_MESSAGE });
    for (const path of screens) {
      if (path.includes('overlay') && name === 'portrait') continue;
      await page.goto(`${server.url}${path}`);
      await screenReady(page);
      await expect(
        page.getByTestId('now-title').or(page.getByTestId('lower-third')).or(page.getByTestId('timer-digits')).first(),
      ).toBeVisible();
      expect(await overflowing(page), path).toEqual([]);
      // Nothing a hall must read is under 28 px on a 1080p screen.
      expect(await smallText(page, 28), path).toEqual([]);
    }
  });
}

test('the title shrinks to its floor, then cuts with an ellipsis; co-authors become "+ N co-authors"', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  await page.setViewportSize(LANDSCAPE);
  await page.goto(`${server.url}/display/hall/main`);
  await screenReady(page);
  const title = page.getByTestId('now-title');
  const text = (await title.textContent())!;
  expect(text.endsWith('…')).toBe(true);
  expect(text.length).toBeLessThan(300);
  expect(await title.getAttribute('aria-label')).toHaveLength(300);
  // Shrunk to its floor, never under the 72 px a NOW title needs at the back of a hall.
  expect(await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBe(72);
  const speakers = (await page.getByTestId('speakers').first().textContent())!;
  expect(speakers.startsWith('Aiko Achterberg')).toBe(true);
  expect(speakers).toMatch(/\+ \d+ co-authors$/);
  // Japanese: the presenting speaker whole, then 、-separated co-authors, then "ほかN名".
  await page.goto(`${server.url}/display/hall/annex?lang=ja`);
  await screenReady(page);
  await expect(page.getByTestId('speakers').first()).toHaveText(/^山田 太郎、.*ほか\d+名$/);
});

test('a break with a long title and a message keeps its countdown whole; the slate names forty co-authors legibly', async ({
  page,
  server,
  pageErrors,
}) => {
  test.setTimeout(120_000);
  void pageErrors;
  // "Coffee break with posters, exhibition and the industry round table in the foyer of the north wing", then a
  // talk with forty speakers.
  await command(server.url, 'main', { type: 'goto', itemId: 'main-1020' });
  await command(server.url, 'main', { type: 'message', text: LONG_MESSAGE, targets: ['signage', 'stream'] });
  for (const [path, viewport] of [
    ['/display/hall/main', LANDSCAPE],
    ['/display/hall/main', PORTRAIT],
    ['/display/overlay/main', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.goto(`${server.url}${path}`);
    await screenReady(page);
    await expect(page.getByTestId('countdown').or(page.getByTestId('slate-countdown'))).toBeVisible();
    expect(await overflowing(page), `${path} ${viewport.width}x${viewport.height}`).toEqual([]);
    expect(await smallText(page, 28), path).toEqual([]);
  }
});

test('portrait signage reads a long message whole, and still fits', async ({ page, server, pageErrors }) => {
  void pageErrors;
  const text =
    'The shuttle buses to the conference dinner at the Osaka Castle Hotel leave from the north entrance at 18:15 sharp; please bring your badge and the dinner ticket, and mind the step';
  await command(server.url, 'main', { type: 'goto', itemId: 'main-0940' });
  await command(server.url, 'main', { type: 'message', text, targets: ['signage'] });
  await page.setViewportSize(PORTRAIT);
  for (const itemId of ['main-0940', 'main-1020']) {
    await command(server.url, 'main', { type: 'goto', itemId });
    await page.goto(`${server.url}/display/hall/main`);
    await screenReady(page);
    await expect(page.getByTestId('message')).toHaveText(text);
    expect(await overflowing(page), itemId).toEqual([]);
  }
});

/** The stress program with a title that takes six lines at 92 px on a portrait screen, five at 73 px. */
const SIX_LINE_PROGRAM = join(tempDir('lectern-fit-six-lines-'), 'program.json');
const stress = JSON.parse(readFileSync(STRESS_PROGRAM, 'utf8')) as { items: { id: string; title: string }[] };
writeFileSync(
  SIX_LINE_PROGRAM,
  JSON.stringify({
    ...stress,
    items: stress.items.map((item) =>
      item.id === 'main-0940'
        ? {
            ...item,
            title:
              'Towards gigafactory-scale dry electrode processing for sulfide solid electrolytes: a round-robin study of binder fibrillation',
          }
        : item,
    ),
  }),
);

test.describe('a title near its line limit', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:47:00+09:00', '--program', SIX_LINE_PROGRAM] } });

  test('takes at most its number of lines (five on portrait signage), not one more', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.setViewportSize(PORTRAIT);
    await page.goto(`${server.url}/display/hall/main`);
    await screenReady(page);
    const title = page.getByTestId('now-title');
    await expect(title).toHaveText(/^Towards gigafactory-scale/);
    const lines = await title.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
    });
    expect(lines).toBeLessThanOrEqual(5);
    expect(await title.textContent()).not.toContain('…');
  });
});
