import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN, ROOT, startServer } from '../support/server.js';
import { connect } from '../support/socket.js';
import { expect, test } from './fixtures.js';

/**
 * Screenshots of the control pages at their real sizes, to look at: tests/.artifacts/screens/, or with
 * `LECTERN_SCREENSHOTS=update` docs/screenshots/control/ (what the README shows).
 */
const SHOTS =
  process.env.LECTERN_SCREENSHOTS === 'update' ? join(ROOT, 'docs/screenshots/control') : join(ROOT, 'tests/.artifacts/screens');
mkdirSync(SHOTS, { recursive: true });

test.use({ serverOptions: { args: ['--clock', '2025-10-02T10:12:00+09:00'] } });

test('chair panel on a tablet and a phone, mid-talk and late', async ({ browser, server, pageErrors }) => {
  void pageErrors;
  const minted = await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba' } });
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await command(server.url, 'namba', { type: 'extend', minutes: 4 });
  for (const [name, viewport] of [
    ['chair-tablet-landscape', { width: 1180, height: 820 }],
    ['chair-tablet-portrait', { width: 820, height: 1180 }],
    ['chair-phone', { width: 390, height: 844 }],
    ['chair-phone-ja', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport, hasTouch: name.startsWith('chair-phone') });
    const page = await context.newPage();
    await page.goto(name.endsWith('-ja') ? minted.body.url.replace('#', '?lang=ja#') : minted.body.url);
    await expect(page.getByTestId('now-title')).toHaveText(/Foundation Potentials/);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: !name.startsWith('chair-phone') });
    await context.close();
  }
  void DIRECTOR_TOKEN;
});

test('director console: halls, screens, program, chair links, timeline', async ({ browser, page, server, pageErrors }) => {
  void pageErrors;
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await command(server.url, 'namba', { type: 'message', text: 'Please take your seats', targets: ['signage', 'lobby'] });
  const screens = await Promise.all([connect(server.url), connect(server.url), connect(server.url)]);
  screens[0]!.emit('display:hello', { page: 'signage', hallId: 'namba', name: 'stage left' });
  screens[1]!.emit('display:hello', { page: 'timer', hallId: 'namba', name: 'lectern' });
  screens[2]!.emit('display:hello', { page: 'lobby', name: 'foyer' });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${server.url}/control/director#token=${DIRECTOR_TOKEN}`);
  await expect(page.getByTestId('hall-namba').getByTestId('now-title')).toHaveText(/Foundation Potentials/);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SHOTS, 'console-halls.png'), fullPage: true });
  for (const tab of ['screens', 'program', 'access', 'timeline']) {
    await page.getByTestId(`tab-${tab}`).click();
    if (tab === 'access') await page.getByTestId('mint-namba').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, `console-${tab}.png`), fullPage: true });
  }
  screens.forEach((s) => s.close());
  void browser;
});

test('chair panel under stress: overtime, hold, a message, offline with a queued press, back online', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const minted = await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba' } });
  // A 40-minute talk: shortened to one minute left, then run over.
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await page.setViewportSize({ width: 1180, height: 820 });
  await page.goto(minted.body.url);
  await expect(page.getByTestId('now-title')).toHaveText(/Foundation Potentials/);
  await command(server.url, 'namba', { type: 'extend', minutes: -39 });
  await expect(page.getByTestId('remaining-box')).toHaveAttribute('data-urgency', 'danger');
  await command(server.url, 'namba', { type: 'extend', minutes: -2 });
  await expect(page.getByTestId('remaining-box')).toHaveAttribute('data-urgency', 'over');
  await command(server.url, 'namba', {
    type: 'message',
    text: 'Please wrap up: the next speaker is waiting',
    targets: ['timer'],
  });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SHOTS, 'chair-overtime-message.png') });
  await page.keyboard.press('h');
  await expect(page.getByTestId('phase')).toHaveText('On hold');
  await page.screenshot({ path: join(SHOTS, 'chair-hold.png') });
  await page.keyboard.press('h');
  await expect(page.getByTestId('phase')).toHaveText('On now');
  await server.stop();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('queued')).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'chair-offline-queued.png') });
  const again = await startServer({ dataDir: server.dataDir, port: server.port });
  try {
    await expect(page.getByTestId('queued-send')).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'chair-back-online-confirm.png') });
  } finally {
    await again.stop();
  }
});
