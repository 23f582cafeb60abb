import { join } from 'node:path';
import { command } from '../support/http.js';
import { DIRECTOR_TOKEN, ROOT } from '../support/server.js';
import { connect } from '../support/socket.js';
import { watchErrors } from './control-helpers.js';
import { expect, test } from './fixtures.js';
import { screenshotPath } from './screenshot-helpers.js';

/** The hand-written bilingual demo: English titles, Japanese ones for every item. */
const BILINGUAL = join(ROOT, 'tests/fixtures/demo-bilingual.program.json');
const NEXT_JA = '全固体電池の再現性に向けた課題：材料からセルまで';
const TABS = ['halls', 'questions', 'screens', 'program', 'access', 'timeline', 'obs', 'webhooks'] as const;
const jaConsole = (base: string, tab = 'halls') => `${base}/control/director?lang=ja&tab=${tab}#token=${DIRECTOR_TOKEN}`;

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:47:00+09:00', '--program', BILINGUAL] } });

test('with ?lang=ja the console speaks Japanese: the token check, the header and tabs, hall cards, all halls, the timeline', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  await page.setViewportSize({ width: 1400, height: 1000 });
  // Without a token, the check says so in Japanese.
  await page.goto(`${server.url}/control/director?lang=ja`);
  await expect(page.getByTestId('access-title')).toHaveText('ディレクター画面にはディレクタートークンが必要です');
  await expect(page.getByTestId('paste-send')).toHaveText('ディレクター画面を開く');

  expect((await command(server.url, 'namba', { type: 'next' })).status).toBe(200);
  await page.goto(jaConsole(server.url));
  await expect(page.getByTestId('director-console')).toContainText('ディレクター画面');
  await expect(page.getByTestId('connection')).toHaveText('接続中');
  await expect(page.getByTestId('tab-halls')).toHaveText('会場');
  await expect(page.getByTestId('tab-access')).toHaveText('座長・モデレーターのリンク');
  const card = page.getByTestId('hall-namba');
  await expect(card.getByTestId('remaining')).toContainText('残り');
  await expect(card.getByTestId('last-command')).toContainText('最後の操作');
  await expect(card.getByTestId('reset-hall')).toHaveText('会場をリセット…');
  await expect(card.getByTestId('open-panel')).toHaveText('座長パネルを開く ↗');
  // The big button names the talk it starts in the console's language too.
  await expect(card.getByTestId('btn-next')).toContainText(NEXT_JA);
  await expect(page.getByTestId('all-message-send')).toHaveText('全体に表示');
  await expect(page.getByTestId('reset-day-2025-10-02')).toHaveText('10月2日（木）をリセット…');
  // Into docs/screenshots with LECTERN_SCREENSHOTS=update (docs/control.md shows it).
  await page.screenshot({ path: screenshotPath('console-halls-ja') });

  // A reset asks in Japanese, answers in Japanese.
  await card.getByTestId('reset-hall').click();
  const confirm = page.getByTestId('confirm-reset');
  await expect(confirm).toContainText('を待機状態に戻しますか？');
  await expect(confirm.getByRole('button', { name: 'キャンセル' })).toBeVisible();
  await confirm.getByTestId('confirm').click();
  await expect(page.getByTestId('all-halls-result')).toContainText('リセットしました：');

  // The timeline's table and note.
  await page.getByTestId('tab-timeline').click();
  const timeline = page.getByTestId('timeline-panel');
  await expect(timeline.getByRole('columnheader', { name: '操作した人' })).toBeVisible();
  await expect(timeline).toContainText('書き出しには、リハーサル中の操作');
  await page.screenshot({ path: test.info().outputPath('console-ja-timeline.png') });

  // Screens, program and links.
  const screen = await connect(server.url);
  screen.emit('display:hello', { page: 'signage', hallId: 'namba', name: 'ステージ左' });
  await page.getByTestId('tab-screens').click();
  const screens = page.getByTestId('screens-panel');
  await expect(screens.getByRole('columnheader', { name: '最終応答' })).toBeVisible();
  await expect(screens.getByTestId('identify')).toHaveText('名前を表示');
  screen.close();
  await page.getByTestId('tab-program').click();
  await expect(page.getByTestId('program-revision')).toHaveText(/^プログラム 第 \d+ 版$/);
  await expect(page.getByTestId('add-send')).toHaveText('追加');
  await page.getByTestId('tab-access').click();
  await page.getByTestId('mint-namba').click();
  await expect(page.getByTestId('chair-link-namba')).toContainText('リンクをコピー');
  await expect(page.getByTestId('access-panel')).toContainText('座長・モデレーターのトークン');

  // The OBS tab (also the stream operator's /control/obs?lang=ja): here no hall has OBS.
  await page.getByTestId('tab-obs').click();
  await expect(page.getByTestId('obs-hall-namba').getByTestId('obs-link')).toHaveText('OBS なし');
  await page.goto(`${server.url}/control/obs?lang=ja#token=${DIRECTOR_TOKEN}`);
  await expect(page.getByTestId('obs-hall-nakamozu').getByTestId('obs-link')).toHaveText('OBS なし');

  // English stays the default.
  await page.goto(`${server.url}/control/director#token=${DIRECTOR_TOKEN}`);
  await expect(page.getByTestId('tab-halls')).toHaveText('Halls');
  await expect(page.getByTestId('hall-namba').getByTestId('reset-hall')).toHaveText('Reset hall…');
});

test('in Japanese every console tab fits a laptop and a phone', async ({ browser, server, pageErrors }) => {
  const screen = await connect(server.url);
  screen.emit('display:hello', { page: 'signage', hallId: 'namba', name: 'ステージ左' });
  for (const viewport of [
    { width: 1280, height: 860 },
    { width: 390, height: 844 },
  ]) {
    const phone = viewport.width < 500;
    const context = await browser.newContext({ viewport, hasTouch: phone, isMobile: phone });
    watchErrors(context, pageErrors);
    const page = await context.newPage();
    await page.goto(jaConsole(server.url));
    await expect(page.getByTestId('tab-halls')).toHaveText('会場');
    for (const tab of TABS) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForTimeout(300);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${tab} at ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: test.info().outputPath(`console-ja-${tab}-${viewport.width}.png`), fullPage: true });
    }
    await context.close();
  }
  screen.close();
});
