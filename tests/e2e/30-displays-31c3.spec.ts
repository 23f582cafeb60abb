import { command } from '../support/http.js';
import { CCC_PROGRAM, LANDSCAPE, PORTRAIT, inFront, overflowing, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

// Sunday of the 31C3 (Europe/Berlin), four halls in parallel.
test.use({ serverOptions: { args: ['--clock', '2014-12-28T12:10:00+01:00', '--program', CCC_PROGRAM] }, viewport: LANDSCAPE });

test('every page follows the multi-hall congress and a command within a second', async ({ page, server, pageErrors }) => {
  test.setTimeout(90_000);
  void pageErrors;
  const pages = {
    signage: '/display/hall/saal-2',
    lobby: '/display/lobby',
    timer: '/display/timer/saal-2',
    overlay: '/display/overlay/saal-2?lowerThird=60',
    live: '/live',
  };
  const opened = await Promise.all(
    Object.values(pages).map(async (path) => {
      const tab = await page.context().newPage();
      await tab.setViewportSize(LANDSCAPE);
      await tab.goto(`${server.url}${path}`);
      await screenReady(tab);
      return tab;
    }),
  );
  const [signage, lobby, timer, overlay, live] = opened as [typeof page, typeof page, typeof page, typeof page, typeof page];
  await expect(signage.getByTestId('now-title')).toHaveText('From Computation to Consciousness');
  await expect(signage.getByTestId('next-title')).toHaveText('Tell no-one');
  await expect(lobby.getByTestId('lobby-hall')).toHaveCount(4);
  await expect(lobby.locator('[data-hall="saal-1"]').getByTestId('now-title')).toHaveText('Switches Get Stitches');
  await expect(timer.locator('.timer')).toHaveAttribute('data-tone', 'calm');
  await expect(live.getByTestId('live-hall')).toHaveCount(4);

  await command(server.url, 'saal-2', { type: 'goto', itemId: 'frab-6600' });
  await expect(signage.getByTestId('now-title')).toHaveText('Tell no-one', { timeout: 1000 });
  await expect(lobby.locator('[data-hall="saal-2"]').getByTestId('now-title')).toHaveText('Tell no-one', { timeout: 1000 });
  await expect(timer.getByTestId('timer-title')).toHaveText('Tell no-one', { timeout: 1000 });
  await expect(overlay.getByTestId('lower-third')).toContainText('James Bamford', { timeout: 1000 });
  await expect(live.locator('[data-hall="saal-2"]').getByTestId('now-title')).toHaveText('Tell no-one', { timeout: 1000 });
  for (const tab of [signage, lobby, timer, overlay]) {
    await inFront(tab);
    expect(await overflowing(tab), tab.url()).toEqual([]);
  }
});

test('portrait signage and lobby at the congress fit', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.setViewportSize(PORTRAIT);
  for (const path of ['/display/hall/saal-1', '/display/hall/saal-g', '/display/lobby', '/display/timer/saal-6']) {
    await page.goto(`${server.url}${path}`);
    await screenReady(page);
    expect(await overflowing(page), path).toEqual([]);
  }
  await page.setViewportSize(PORTRAIT);
  for (const path of ['/display/hall/saal-1', '/display/timer/saal-1']) {
    await page.goto(`${server.url}${path}`);
    await screenReady(page);
    expect(await overflowing(page), `${path} portrait`).toEqual([]);
  }
});

test('four halls in the lobby: a break countdown, a hold and a long message fit their cards; a two-hour break fits every screen', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  await command(server.url, 'saal-2', {
    type: 'message',
    text: 'Saal 2 is full: please follow the talk on the stream in Saal G or in the lounge',
    targets: ['lobby'],
  });
  await command(server.url, 'saal-g', { type: 'hold' });
  await command(server.url, 'saal-6', { type: 'break', minutes: 15 });
  await page.goto(`${server.url}/display/lobby`);
  await screenReady(page);
  await expect(page.locator('[data-hall="saal-6"]').getByTestId('countdown')).toHaveText(/^1[45]:\d\d$/);
  expect(await overflowing(page)).toEqual([]);
  // The chair's message is read whole, not cut after two lines of a narrow card.
  await expect(page.locator('[data-hall="saal-2"]').getByTestId('message')).not.toContainText('…');
  // A long lunch (two hours): three-digit minutes fit a card four across too.
  await command(server.url, 'saal-1', { type: 'break', minutes: 120 });
  await expect(page.locator('[data-hall="saal-1"]').getByTestId('countdown')).toHaveText(/^1(19|20):\d\d$/, { timeout: 1000 });
  expect(await overflowing(page)).toEqual([]);
  for (const path of ['/display/hall/saal-1', '/display/timer/saal-1', '/display/overlay/saal-1']) {
    await page.goto(`${server.url}${path}`);
    await screenReady(page);
    await expect(page.getByText(/1(19|20):\d\d/).first()).toBeVisible();
    expect(await overflowing(page), path).toEqual([]);
  }
  await page.setViewportSize(PORTRAIT);
  for (const path of ['/display/hall/saal-1', '/display/timer/saal-1']) {
    await page.goto(`${server.url}${path}`);
    await screenReady(page);
    expect(await overflowing(page), `${path} portrait`).toEqual([]);
  }
});
