import { command } from '../support/http.js';
import { CCC_PROGRAM, JAPANESE_PROGRAM } from './display-helpers.js';
import { test } from './fixtures.js';
import { BEHIND_OVERLAY, DESKTOP, LANDSCAPE, PHONE, PORTRAIT, shoot } from './screenshot-helpers.js';

/** Screenshots of every page, both orientations, both languages (see screenshot-helpers.ts for where they go). */

test.describe('screenshots: the demo event (English)', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:47:00+09:00'] } });

  test('signage, lobby, timer, overlay, live page, index', async ({ page, server, pageErrors }) => {
    test.setTimeout(120_000);
    void pageErrors;
    const u = server.url;
    await command(u, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
    await shoot(page, 'signage-landscape-en', `${u}/display/hall/namba`, LANDSCAPE);
    await shoot(page, 'signage-portrait-en', `${u}/display/hall/namba`, PORTRAIT);
    await shoot(page, 'signage-opening-en', `${u}/display/hall/nakamozu`, LANDSCAPE);
    await shoot(page, 'lobby-landscape-en', `${u}/display/lobby`, LANDSCAPE);
    await shoot(page, 'lobby-portrait-en', `${u}/display/lobby`, PORTRAIT);
    await shoot(page, 'timer-landscape-en', `${u}/display/timer/namba`, LANDSCAPE);
    await shoot(page, 'overlay-lower-third-en', `${u}/display/overlay/namba?lowerThird=3600&key=${BEHIND_OVERLAY}`, LANDSCAPE);
    await shoot(page, 'live-desktop-en', `${u}/live`, DESKTOP, 1);
    await shoot(page, 'index-desktop-en', `${u}/display`, DESKTOP, 1);
    await command(u, 'namba', { type: 'extend', minutes: -37 });
    await shoot(page, 'timer-portrait-en', `${u}/display/timer/namba`, PORTRAIT);
    await command(u, 'namba', { type: 'break', minutes: 15 });
    await command(u, 'namba', {
      type: 'message',
      text: 'Coffee is served in the foyer',
      targets: ['signage', 'lobby', 'stream'],
    });
    await shoot(page, 'signage-break-en', `${u}/display/hall/namba`, LANDSCAPE);
    await shoot(page, 'overlay-break-en', `${u}/display/overlay/namba?key=${BEHIND_OVERLAY}`, LANDSCAPE);
  });
});

test.describe('screenshots: a Japanese event', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:52:00+09:00', '--program', JAPANESE_PROGRAM] } });

  test('signage, lobby, timer, overlay, live page in Japanese', async ({ page, server, pageErrors }) => {
    test.setTimeout(120_000);
    void pageErrors;
    const u = server.url;
    await command(u, 'hall-a', { type: 'goto', itemId: 'a-0940' });
    await shoot(page, 'signage-landscape-ja', `${u}/display/hall/hall-a`, LANDSCAPE);
    await shoot(page, 'signage-portrait-ja', `${u}/display/hall/hall-a`, PORTRAIT);
    await shoot(page, 'lobby-landscape-ja', `${u}/display/lobby`, LANDSCAPE);
    await shoot(page, 'lobby-portrait-ja', `${u}/display/lobby`, PORTRAIT);
    await shoot(page, 'overlay-lower-third-ja', `${u}/display/overlay/hall-a?lowerThird=3600&key=${BEHIND_OVERLAY}`, LANDSCAPE);
    await command(u, 'hall-a', { type: 'extend', minutes: -33 });
    await shoot(page, 'timer-landscape-ja', `${u}/display/timer/hall-a`, LANDSCAPE);
    await command(u, 'hall-a', { type: 'qa' });
    await shoot(page, 'timer-portrait-ja', `${u}/display/timer/hall-a`, PORTRAIT);
    await command(u, 'hall-a', { type: 'goto', itemId: 'a-1105' });
    await shoot(page, 'overlay-privacy-ja', `${u}/display/overlay/hall-a?key=${BEHIND_OVERLAY}`, LANDSCAPE);
    // A viewer whose browser speaks Japanese (the public page follows the browser's language).
    await shoot(page, 'live-phone-ja', `${u}/live/hall-a`, PHONE, 1, { locale: 'ja-JP' });
  });
});

test.describe('screenshots: the 31C3, four halls', () => {
  test.use({ serverOptions: { args: ['--clock', '2014-12-28T12:10:00+01:00', '--program', CCC_PROGRAM] } });

  test('lobby with four halls; timer over time', async ({ page, server, pageErrors }) => {
    test.setTimeout(120_000);
    void pageErrors;
    const u = server.url;
    await shoot(page, 'lobby-landscape-31c3', `${u}/display/lobby`, LANDSCAPE);
    await command(u, 'saal-1', { type: 'goto', itemId: 'frab-6196' });
    await command(u, 'saal-1', { type: 'extend', minutes: -62 });
    await shoot(page, 'timer-overtime-31c3', `${u}/display/timer/saal-1`, LANDSCAPE);
  });
});
