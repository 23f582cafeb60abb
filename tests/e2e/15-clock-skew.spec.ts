import type { Page } from '@playwright/test';
import { api, command } from '../support/http.js';
import { LANDSCAPE, screenReady, serverTime } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] }, viewport: LANDSCAPE });

const SKEW_MS = 7 * 60_000;

/** Seconds a countdown to `endsAt` should show between two server instants (the shown value may lag one tick). */
function expectedSeconds(endsAt: number, before: number, after: number): [number, number] {
  return [Math.ceil((endsAt - after) / 1000), Math.ceil((endsAt - before) / 1000) + 1];
}

function seconds(label: string): number {
  const [minutes, secs] = label.replace('+', '').split(':').map(Number);
  return (label.startsWith('+') ? -1 : 1) * (minutes! * 60 + secs!);
}

async function readCountdown(
  page: Page,
  base: string,
  read: () => Promise<string>,
): Promise<{ shown: number; range: [number, number] }> {
  const live = await api(base, '/api/v1/halls/namba/live');
  const endsAt = live.body.countdown.endsAt as number;
  const before = await serverTime(base);
  const shown = seconds(await read());
  const after = await serverTime(base);
  return { shown, range: expectedSeconds(endsAt, before, after) };
}

test('a timer whose own clock is 7 minutes fast shows the right countdown to the second', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await page.clock.install({ time: (await serverTime(server.url)) + SKEW_MS });
  await page.goto(`${server.url}/display/timer/namba`);
  await screenReady(page);
  // The page's own clock really is off.
  const skew = (await page.evaluate(() => Date.now())) - (await serverTime(server.url));
  expect(Math.abs(skew - SKEW_MS)).toBeLessThan(5_000);
  for (let i = 0; i < 3; i++) {
    const { shown, range } = await readCountdown(
      page,
      server.url,
      async () => (await page.getByTestId('timer-digits').getAttribute('aria-label'))!,
    );
    expect(shown).toBeGreaterThanOrEqual(range[0]);
    expect(shown).toBeLessThanOrEqual(range[1]);
    await page.waitForTimeout(1100);
  }
});

test('signage whose clock is 7 minutes slow shows the server clock and the right break countdown', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  await command(server.url, 'namba', { type: 'break', minutes: 10 });
  await page.clock.setSystemTime((await serverTime(server.url)) - SKEW_MS);
  await page.goto(`${server.url}/display/hall/namba`);
  await screenReady(page);
  const skew = (await page.evaluate(() => Date.now())) - (await serverTime(server.url));
  expect(Math.abs(skew + SKEW_MS)).toBeLessThan(5_000);
  await expect(page.getByTestId('clock')).toHaveText(/^09:4[5-6]$/);
  const { shown, range } = await readCountdown(
    page,
    server.url,
    async () => (await page.getByTestId('countdown').textContent())!,
  );
  expect(shown).toBeGreaterThanOrEqual(range[0]);
  expect(shown).toBeLessThanOrEqual(range[1]);
});
