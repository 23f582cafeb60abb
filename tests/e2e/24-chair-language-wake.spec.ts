import { join } from 'node:path';
import { ROOT } from '../support/server.js';
import { mintChair, openPanel, watchErrors } from './control-helpers.js';
import { expect, test } from './fixtures.js';

// The demo event, declared Japanese (a copy of the demo program with event.language "ja").
test.use({
  serverOptions: {
    args: ['--clock', '2025-10-02T09:45:00+09:00', '--program', join(ROOT, 'tests/fixtures/demo-ja.program.json')],
  },
});

test('the panel speaks the event’s language, and ?lang= switches it', async ({ page, server, pageErrors }) => {
  void pageErrors;
  const chair = await mintChair(server, 'namba');
  await openPanel(page, chair.url);
  await expect(page.getByTestId('btn-next')).toContainText('開始');
  await expect(page.getByTestId('btn-qa')).toContainText('質疑応答');
  await expect(page.getByTestId('key-legend')).toContainText('一時停止／再開');
  await expect(page.getByTestId('hall-name')).toHaveText('I-site なんば');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
  await page.getByTestId('btn-next').click();
  await expect(page.getByTestId('status')).toContainText('完了');
  await expect(page.getByTestId('phase')).toHaveText('進行中');

  // The switch keeps the panel (the token is kept for the tab) and changes the language.
  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveURL(/\?lang=en$/);
  await expect(page.getByTestId('btn-next')).toContainText('Start next');
  await expect(page.getByTestId('phase')).toHaveText('On now');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
});

test('the screen is kept awake where the browser allows it; elsewhere the panel says how', async ({
  browser,
  page,
  server,
  pageErrors,
}) => {
  const chair = await mintChair(server, 'namba');
  // 127.0.0.1 is a secure context: Chromium grants the wake lock.
  await openPanel(page, chair.url);
  await expect(page.getByTestId('chair-panel')).toContainText('画面は消灯しません');
  await expect(page.getByTestId('wake-hint')).toHaveCount(0);

  // A browser without the Wake Lock API (plain http on the venue LAN is not a secure context).
  const context = await browser.newContext();
  watchErrors(context, pageErrors);
  await context.addInitScript(() => {
    Object.defineProperty(window, 'isSecureContext', { value: false });
  });
  const plain = await context.newPage();
  await openPanel(plain, `${chair.url.replace('#', '?lang=en#')}`);
  await expect(plain.getByTestId('wake-hint')).toContainText('Keep this tablet awake');
  await plain.getByTestId('wake-hint').getByRole('button', { name: 'OK' }).click();
  await expect(plain.getByTestId('wake-hint')).toHaveCount(0);
  await context.close();
});

test('a message typed in Japanese: the Enter that confirms a conversion does not send it, the next Enter does', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const chair = await mintChair(server, 'namba');
  await openPanel(page, chair.url);
  await page.getByTestId('btn-message').click();
  const text = page.getByTestId('message-text');
  await text.fill('昼食は');
  // What a Japanese IME sends when the chair presses Enter to pick the kanji of the word being typed.
  await text.evaluate((el) =>
    el.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true }),
    ),
  );
  await page.waitForTimeout(300);
  await expect(page.getByTestId('message-sheet')).toBeVisible();
  await expect(page.getByTestId('message-strip')).toHaveCount(0);
  await text.fill('昼食は15分延長します');
  await text.press('Enter');
  await expect(page.getByTestId('message-strip')).toContainText('昼食は15分延長します');
  await expect(page.getByTestId('message-sheet')).toHaveCount(0);
});
