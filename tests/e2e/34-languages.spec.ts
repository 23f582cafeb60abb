import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DIRECTOR_TOKEN, ROOT } from '../support/server.js';
import { LANDSCAPE, PORTRAIT, overflowing, screenReady, smallText } from './display-helpers.js';
import { mintChair, openPanel } from './control-helpers.js';
import { expect, test } from './fixtures.js';
import { screenshotPath } from './screenshot-helpers.js';

/** The hand-written bilingual demo: English titles, Japanese ones for every item. */
const BILINGUAL = join(ROOT, 'tests/fixtures/demo-bilingual.program.json');

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  // Into docs/screenshots with LECTERN_SCREENSHOTS=update (docs/displays.md shows them), else tests/.artifacts.
  await page.screenshot({ path: screenshotPath(name) });
}

const TALK_EN = 'Foundation Potentials for Massive-Scale Design of Solid Electrolytes';
const TALK_JA = '固体電解質の大規模設計のための基盤ポテンシャル';
const NEXT_EN = 'Challenges toward reproducibility in solid-state batteries: from materials to cells';
const NEXT_JA = '全固体電池の再現性に向けた課題：材料からセルまで';

test.describe('hall signage and the lobby in ja, en and ja+en', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:47:00+09:00', '--program', BILINGUAL] } });

  for (const [orientation, viewport] of [
    ['landscape', LANDSCAPE],
    ['portrait', PORTRAIT],
  ] as const) {
    test(`signage shows the titles in the screen's language(s), fitted, ${orientation}`, async ({ page, server, pageErrors }) => {
      test.setTimeout(90_000);
      void pageErrors;
      await page.setViewportSize(viewport);
      const open = async (lang: string) => {
        await page.goto(`${server.url}/display/hall/namba?lang=${lang}`);
        await screenReady(page);
        await expect(page.getByTestId('now-title')).toBeVisible();
      };

      await open('ja');
      await expect(page.getByTestId('now-title')).toHaveText(TALK_JA);
      await expect(page.getByTestId('now-title')).toHaveAttribute('lang', 'ja');
      await expect(page.getByTestId('next-title')).toHaveText(NEXT_JA);
      await expect(page.getByTestId('phase-label')).toHaveText('現在');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      expect(await overflowing(page), 'ja').toEqual([]);
      expect(await smallText(page, 28), 'ja').toEqual([]);
      await shot(page, `languages-signage-${orientation}-ja`);

      await open('en');
      await expect(page.getByTestId('now-title')).toHaveText(TALK_EN);
      await expect(page.getByTestId('next-title')).toHaveText(NEXT_EN);
      await expect(page.getByTestId('phase-label')).toHaveText(/now/i);
      await expect(page.getByTestId('title-second')).toHaveCount(0);
      expect(await overflowing(page), 'en').toEqual([]);
      await shot(page, `languages-signage-${orientation}-en`);

      // "ja+en" arrives as "ja en" (a + in a query is a space): Japanese large, English smaller beneath.
      await open('ja+en');
      const hero = page.getByTestId('now');
      await expect(hero.getByTestId('title-first')).toHaveText(TALK_JA);
      await expect(hero.getByTestId('title-second')).toHaveText(TALK_EN);
      await expect(hero.getByTestId('title-second')).toHaveAttribute('lang', 'en');
      await expect(page.getByTestId('next').getByTestId('title-first')).toHaveText(NEXT_JA);
      await expect(page.getByTestId('next').getByTestId('title-second')).toHaveText(/^Challenges toward/);
      await expect(page.getByTestId('phase-label')).toHaveText('現在');
      const sizes = await hero.evaluate((el) =>
        ['title-first', 'title-second'].map((id) =>
          parseFloat(getComputedStyle(el.querySelector(`[data-testid="${id}"]`)!).fontSize),
        ),
      );
      expect(sizes[0]!, 'the first language is the larger').toBeGreaterThan(sizes[1]! * 1.2);
      expect(await overflowing(page), 'ja+en').toEqual([]);
      expect(await smallText(page, 28), 'ja+en').toEqual([]);
      await shot(page, `languages-signage-${orientation}-ja+en`);

      // Written with a comma, the other way round: English first.
      await open('en,ja');
      await expect(hero.getByTestId('title-first')).toHaveText(TALK_EN);
      await expect(hero.getByTestId('title-second')).toHaveText(TALK_JA);
      expect(await overflowing(page), 'en,ja').toEqual([]);
    });

    test(`the lobby in ja+en, fitted, ${orientation}`, async ({ page, server, pageErrors }) => {
      void pageErrors;
      await page.setViewportSize(viewport);
      await page.goto(`${server.url}/display/lobby?lang=ja,en`);
      await screenReady(page);
      const namba = page.locator('[data-hall="namba"]');
      await expect(namba.getByTestId('now-title').getByTestId('title-first')).toHaveText(TALK_JA);
      await expect(namba.getByTestId('now-title').getByTestId('title-second')).toHaveText(TALK_EN);
      expect(await overflowing(page)).toEqual([]);
      expect(await smallText(page, 28)).toEqual([]);
      await shot(page, `languages-lobby-${orientation}-ja+en`);
    });
  }
});

test.describe('the public live page: the viewer picks the language; onsite-only items marked', () => {
  // 12:10: the last talk before lunch; lunch (onsite only) comes next, then the 13:15 talk.
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T12:10:00+09:00', '--program', BILINGUAL] } });

  test('a switch between English and Japanese, remembered; the next streamed item first', async ({
    page,
    server,
    pageErrors,
    browser,
  }) => {
    void pageErrors;
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${server.url}/live/namba`);
    await screenReady(page);
    const card = page.locator('[data-hall="namba"]');
    await expect(card.getByTestId('now-title')).toHaveText(/^Electronic Functions and Applications/);
    const later = card.getByTestId('later-item');
    // For online viewers: the 13:15 talk first, the lunch before it after it, marked onsite only.
    await expect(later.nth(0)).toContainText('High-Capacity Intercalation-type Cathodes');
    await expect(later.nth(0).getByTestId('onsite-badge')).toHaveCount(0);
    await expect(later.nth(1)).toContainText('Lunch');
    await expect(later.nth(1).getByTestId('onsite-badge')).toHaveText('Onsite only');
    await expect(page.getByTestId('lang-switch').locator('[data-lang="en"]')).toHaveAttribute('aria-pressed', 'true');
    await shot(page, 'languages-live-en');

    await page.getByTestId('lang-switch').locator('[data-lang="ja"]').click();
    await expect(card.getByTestId('now-title')).toHaveText('固体イオニクスデバイスの電子機能と応用');
    await expect(later.nth(1)).toContainText('昼食');
    await expect(later.nth(1).getByTestId('onsite-badge')).toHaveText('現地のみ');
    await expect(card.getByTestId('badge')).toHaveText(/現在/);
    await expect(page.getByTestId('lang-switch').locator('[data-lang="ja"]')).toHaveAttribute('aria-pressed', 'true');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ja');
    await expect(page.getByTestId('all-halls')).toHaveAttribute('href', '/live?lang=ja');
    await shot(page, 'languages-live-ja');

    // Remembered: the page without ?lang= opens in Japanese again.
    await page.goto(`${server.url}/live/namba`);
    await screenReady(page);
    await expect(card.getByTestId('now-title')).toHaveText('固体イオニクスデバイスの電子機能と応用');
    await page.goto(`${server.url}/live`);
    await screenReady(page);
    await expect(page.locator('[data-hall="namba"]').getByTestId('onsite-badge').first()).toHaveText('現地のみ');
    await shot(page, 'languages-live-halls-ja');
    // ?lang= wins over the remembered choice.
    await page.goto(`${server.url}/live/namba?lang=en`);
    await screenReady(page);
    await expect(card.getByTestId('now-title')).toHaveText(/^Electronic Functions/);

    // A new viewer with a Japanese browser and nothing remembered: Japanese.
    const context = await browser.newContext({ locale: 'ja-JP' });
    const viewer = await context.newPage();
    await viewer.goto(`${server.url}/live/namba`);
    await screenReady(viewer);
    await expect(viewer.locator('[data-hall="namba"]').getByTestId('now-title')).toHaveText(
      '固体イオニクスデバイスの電子機能と応用',
    );
    await context.close();
  });
});

test.describe('the stream overlay during an onsite-only item', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:29:00+09:00', '--program', BILINGUAL] } });

  test('Registration: the slate says when the stream resumes and with what, in en and ja', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.setViewportSize(LANDSCAPE);
    await page.goto(`${server.url}/display/overlay/namba?key=${encodeURIComponent('#3b4252')}`);
    await screenReady(page);
    await expect(page.getByTestId('slate-onsite')).toBeVisible();
    await expect(page.getByTestId('slate-headline')).toHaveText('Streaming resumes 09:30 with “Opening”');
    await expect(page.getByTestId('slate-onsite')).toContainText('Onsite only');
    await expect(page.getByTestId('lower-third')).toHaveCount(0);
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'languages-overlay-onsite-en');

    await page.goto(`${server.url}/display/overlay/namba?lang=ja&key=${encodeURIComponent('#3b4252')}`);
    await screenReady(page);
    await expect(page.getByTestId('slate-headline')).toHaveText('09:30から「開会」で配信を再開します');
    await expect(page.getByTestId('slate-onsite')).toContainText('受付（現地）');
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'languages-overlay-onsite-ja');

    // The live page marks the item on now.
    await page.goto(`${server.url}/live/namba?lang=en`);
    await screenReady(page);
    await expect(page.locator('[data-hall="namba"] .now').getByTestId('onsite-badge')).toHaveText('Onsite only');
  });
});

test.describe('the chair panel follows its own language', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:47:00+09:00', '--program', BILINGUAL] } });

  test('titles on the now and next cards are in the panel’s language, the default title without one', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    const chair = await mintChair(server, 'namba');
    await openPanel(page, chair.url.replace('#', '?lang=ja#'));
    await expect(page.getByTestId('now-title')).toHaveText(TALK_JA);
    await expect(page.getByTestId('next-title')).toHaveText(NEXT_JA);
    // The big button names what it starts in the panel's language too.
    await expect(page.getByTestId('btn-next')).toContainText(TALK_JA);
    await openPanel(page, chair.url.replace('#', '?lang=en#'));
    await expect(page.getByTestId('now-title')).toHaveText(TALK_EN);
    await expect(page.getByTestId('next-title')).toHaveText(NEXT_EN);
    await expect(page.getByTestId('btn-next')).toContainText(TALK_EN);
  });

  test('the console’s hall cards: English titles by default, Japanese ones with ?lang=ja', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    const card = page.getByTestId('hall-namba');
    await page.goto(`${server.url}/control/director#token=${DIRECTOR_TOKEN}`);
    await expect(card.getByTestId('now-title')).toHaveText(TALK_EN);
    await page.goto(`${server.url}/control/director?lang=ja#token=${DIRECTOR_TOKEN}`);
    await expect(card.getByTestId('now-title')).toHaveText(TALK_JA);
  });
});
