import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command } from '../support/http.js';
import { ITEMS, obsTestProgram } from '../support/obs-fixtures.js';
import { tempDir } from '../support/server.js';
import { JAPANESE_PROGRAM, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.describe('the public live page during Day 1 of the demo event', () => {
  test.use({
    serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] },
    timezoneId: 'America/New_York',
    viewport: { width: 1280, height: 900 },
  });

  test('now in each hall with times in the event zone and the viewer zone; a link per hall', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/live`);
    await screenReady(page);
    await expect(page.getByTestId('zones')).toHaveText('Times in Tokyo time, and in yours (New York)');
    const namba = page.locator('[data-hall="namba"]');
    await expect(namba.getByTestId('now-title')).toHaveText(
      'Foundation Potentials for Massive-Scale Design of Solid Electrolytes',
    );
    // Ends 10:20 in Osaka: 21:20 this evening in New York (where it is Wednesday 20:45).
    await expect(namba.locator('.now').getByTestId('event-time')).toHaveText('10:20');
    await expect(namba.locator('.now').getByTestId('own-time')).toHaveText('21:20 your time');
    await expect(page.locator('[data-hall="nakamozu"]').getByTestId('opening')).toHaveText('Day 2 opens Friday 13:30');
    await namba.getByTestId('hall-link').click();
    await expect(page).toHaveURL(/\/live\/namba$/);
    await expect(page.getByTestId('live-hall')).toHaveCount(1);
    await expect(page.getByTestId('all-halls')).toBeVisible();
  });

  test('the rest of the day with the delay applied; a command changes the page within a second', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/live/namba`);
    await screenReady(page);
    const later = page.getByTestId('later-item');
    await expect(later.first()).toContainText('10:20');
    await expect(later.first().locator('s')).toHaveCount(0);
    await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
    await command(server.url, 'namba', { type: 'extend', minutes: 10 });
    // Started 09:45 with 10 more minutes: the next talk moves from 10:20 (struck) to 10:35.
    await expect(later.first().locator('s')).toHaveText('10:20', { timeout: 1000 });
    await expect(later.first().getByTestId('event-time')).toHaveText('10:35');
    await expect(later).toHaveCount(15);
    await command(server.url, 'namba', { type: 'message', text: 'For the room only', targets: ['signage'] });
    await expect(page.getByTestId('message')).toHaveCount(0);
    await command(server.url, 'namba', { type: 'message', text: 'Slides are online', targets: ['live'] });
    await expect(page.getByTestId('message')).toHaveText('Slides are online', { timeout: 1000 });
  });
});

test.describe('the public live page and its query', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

  test('the hall links carry ?lang= only when it names a language', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/live?lang=ja`);
    await screenReady(page);
    await expect(page.locator('[data-hall="namba"]').getByTestId('hall-link')).toHaveAttribute('href', '/live/namba?lang=ja');
    // A crafted value (here "ja&x=1#top", URL-encoded) neither reaches the links nor breaks the page.
    await page.goto(`${server.url}/live?lang=ja%26x%3D1%23top`);
    await screenReady(page);
    await expect(page.locator('[data-hall="namba"]').getByTestId('hall-link')).toHaveAttribute('href', '/live/namba');
    await expect(page.getByTestId('zones')).toHaveText(/^Times in Tokyo time/);
  });
});

test.describe('the public live page during an ad-hoc break and a hold', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

  test('what comes after the break or the hold is still named', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/live/namba`);
    await screenReady(page);
    await command(server.url, 'namba', { type: 'hold' });
    await expect(page.getByTestId('live-hall')).toHaveAttribute('data-scene', 'hold', { timeout: 1000 });
    await expect(page.getByTestId('live-hall')).toContainText('Foundation Potentials for Massive-Scale Design');
    await command(server.url, 'namba', { type: 'release' });
    await command(server.url, 'namba', { type: 'break', minutes: 15 });
    await expect(page.getByTestId('live-hall')).toHaveAttribute('data-scene', 'break', { timeout: 1000 });
    await expect(page.getByTestId('live-hall')).toContainText('Foundation Potentials for Massive-Scale Design');
  });
});

test.describe('the public live page of a Japanese event', () => {
  test.use({
    serverOptions: { args: ['--clock', '2025-10-02T10:00:00+09:00', '--program', JAPANESE_PROGRAM] },
    timezoneId: 'Asia/Tokyo',
    // A viewer whose browser speaks Japanese: the public page follows the browser's language.
    locale: 'ja-JP',
  });

  test('links the stream only while the item on now may be streamed; one time when the viewer is in the event zone', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/live`);
    await screenReady(page);
    const hall = page.locator('[data-hall="hall-a"]');
    await expect(hall.getByTestId('stream-link')).toHaveAttribute('href', 'https://stream.example.org/hall-a');
    await expect(hall.getByTestId('stream-link')).toHaveText('配信を見る');
    await expect(page.locator('[data-hall="hall-b"]').getByTestId('stream-link')).toHaveCount(0);
    await expect(page.getByTestId('own-time')).toHaveCount(0);
    await command(server.url, 'hall-a', { type: 'goto', itemId: 'a-1105' });
    await expect(hall.getByTestId('stream-link')).toHaveCount(0, { timeout: 1000 });
    await expect(hall.getByTestId('stream-paused')).toHaveText('このセッションは配信しておりません');
    await command(server.url, 'hall-a', { type: 'next' });
    await expect(hall.getByTestId('stream-link')).toBeVisible({ timeout: 1000 });
    await page.goto(`${server.url}/live?lang=en`);
    await screenReady(page);
    await expect(page.locator('[data-hall="hall-a"]').getByTestId('stream-link')).toHaveText('Watch the stream');
  });
});

test.describe('the public live page before the day opens', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T08:30:00+09:00'] }, timezoneId: 'Asia/Tokyo' });

  test('each hall says when it opens and with what; the rest follows under Later', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/live`);
    await screenReady(page);
    const namba = page.locator('[data-hall="namba"]');
    await expect(namba.getByTestId('opening')).toHaveText('Day 1 opens Thursday 09:00');
    await expect(namba.getByTestId('opening-item')).toHaveText('Registration (Onsite)');
    await expect(namba.getByTestId('later-item').first()).toContainText('Opening');
    const nakamozu = page.locator('[data-hall="nakamozu"]');
    await expect(nakamozu.getByTestId('opening')).toHaveText('Day 2 opens Friday 13:30');
    await expect(nakamozu.getByTestId('opening-item')).toHaveText('Registration (Onsite)');
  });
});

test.describe('the public live page over lunch', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T12:30:00+09:00'] }, timezoneId: 'Asia/Tokyo' });

  test('names the meal as the other screens do, and a break after the last item is still a break', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/live/namba`);
    await screenReady(page);
    const statement = page.getByTestId('break-statement');
    await expect(statement).toContainText('Lunch');
    await expect(statement.getByTestId('event-time')).toHaveText('13:15');
    await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1800' });
    await command(server.url, 'namba', { type: 'break', minutes: 10 });
    await expect(statement).toHaveText('Break', { timeout: 1000 });
    await expect(page.getByText('The programme has ended')).toHaveCount(0);
  });
});

/** The OBS tests' program (Jung's talk do-not-record, Tsuchiya's do-not-stream) with a stream for namba. */
const CONSENT_PROGRAM = join(tempDir('lectern-live-consent-'), 'program.json');
const consent = obsTestProgram();
writeFileSync(
  CONSENT_PROGRAM,
  JSON.stringify({
    ...consent,
    halls: consent.halls.map((hall) => (hall.id === 'namba' ? { ...hall, streamUrl: 'https://stream.example.org/namba' } : hall)),
  }),
);

test.describe('the public live page and consent', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T11:00:00+09:00', '--program', CONSENT_PROGRAM] } });

  test('no stream link while an item marked do-not-record or do-not-stream is on', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/live/namba`);
    await screenReady(page);
    await expect(page.getByTestId('stream-link')).toBeVisible();
    await command(server.url, 'namba', { type: 'goto', itemId: ITEMS.jung });
    await expect(page.getByTestId('stream-link')).toHaveCount(0, { timeout: 1000 });
    await expect(page.getByTestId('stream-paused')).toBeVisible();
    await command(server.url, 'namba', { type: 'goto', itemId: ITEMS.tsuchiya });
    await expect(page.getByTestId('now-title')).toHaveText(/^Electronic Functions/, { timeout: 1000 });
    await expect(page.getByTestId('stream-link')).toHaveCount(0);
    await command(server.url, 'namba', { type: 'next' });
    await expect(page.getByTestId('stream-link')).toBeVisible({ timeout: 1000 });
  });
});
