import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command } from '../support/http.js';
import { tempDir } from '../support/server.js';
import { CCC_PROGRAM, JAPANESE_PROGRAM, LANDSCAPE, PORTRAIT, overflowing, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.describe('hall signage on Day 1 of the demo event', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] }, viewport: LANDSCAPE });

  test('shows now and next, and a command through the API changes it within a second', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/namba`);
    await screenReady(page);
    await expect(page.getByTestId('now-title')).toHaveText(
      'Foundation Potentials for Massive-Scale Design of Solid Electrolytes',
    );
    await expect(page.getByTestId('speakers').first()).toHaveText('Shyue Ping Ong');
    await expect(page.getByTestId('next-title')).toHaveText(/^Challenges toward reproducibility/);
    await expect(page.getByTestId('clock')).toHaveText(/^09:4\d$/);

    expect((await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1020' })).status).toBe(200);
    await expect(page.getByTestId('now-title')).toHaveText(/^Challenges toward reproducibility/, { timeout: 1000 });
    await expect(page.getByTestId('late')).toHaveCount(0);
    // Started at 09:45 and given 40 more minutes, it ends 10:55: the 10:50 break is projected 5 minutes late.
    expect((await command(server.url, 'namba', { type: 'extend', minutes: 40 })).status).toBe(200);
    await expect(page.getByTestId('late')).toHaveText('Running 5 min late', { timeout: 1000 });
    await expect(page.getByTestId('next-time')).toHaveText('10:55');
  });

  test('the break countdown is the main element during a break', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/namba`);
    await screenReady(page);
    expect((await command(server.url, 'namba', { type: 'break', minutes: 10 })).status).toBe(200);
    await expect(page.locator('.signage')).toHaveAttribute('data-scene', 'break', { timeout: 1000 });
    await expect(page.getByTestId('countdown')).toHaveText(/^(10:00|9:5\d)$/);
    const size = await page.getByTestId('countdown').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(200);
  });

  test('the hold slate, and the chair message as a banner only when it targets signage', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/namba`);
    await screenReady(page);
    await command(server.url, 'namba', { type: 'message', text: 'Only for the speaker', targets: ['timer'] });
    await command(server.url, 'namba', { type: 'hold' });
    await expect(page.getByTestId('slate-hold')).toContainText('Please stand by', { timeout: 1000 });
    await expect(page.getByTestId('message')).toHaveCount(0);
    // On hold the screen still says what comes next (portrait: and the rest of the day after it, not instead of it).
    await expect(page.getByTestId('next-title')).toHaveText(/^Foundation Potentials/);
    await page.setViewportSize(PORTRAIT);
    await expect(page.getByTestId('next-title')).toBeVisible();
    await expect(page.getByTestId('later')).not.toContainText('Foundation Potentials');
    await page.setViewportSize(LANDSCAPE);
    await command(server.url, 'namba', { type: 'message', text: 'Please take your seats', targets: ['signage', 'lobby'] });
    await expect(page.getByTestId('message')).toHaveText('Please take your seats', { timeout: 1000 });
    await command(server.url, 'namba', { type: 'clearMessage' });
    await expect(page.getByTestId('message')).toHaveCount(0, { timeout: 1000 });
  });

  test('an unattended hall before its first day says when it opens, in the event zone and language', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/nakamozu`);
    await screenReady(page);
    await expect(page.getByTestId('slate-opening').getByTestId('headline')).toHaveText('Day 2 opens Friday 13:30');
    await expect(page.getByTestId('slate-opening').getByTestId('detail')).toHaveText('Registration (Onsite)');
    await page.goto(`${server.url}/display/hall/nakamozu?lang=ja`);
    await screenReady(page);
    await expect(page.getByTestId('headline')).toHaveText('2日目は 10月3日(金) 13:30 から');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
  });

  test('landscape or portrait by the window, unless ?orientation= says', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/namba`);
    await screenReady(page);
    await expect(page.locator('.screen')).toHaveAttribute('data-orientation', 'landscape');
    await expect(page.getByTestId('later')).toHaveCount(0);
    await page.setViewportSize(PORTRAIT);
    await expect(page.locator('.screen')).toHaveAttribute('data-orientation', 'portrait');
    // Portrait has room for the rest of the day after the next item.
    await expect(page.getByTestId('later')).toContainText('Break');
    await page.goto(`${server.url}/display/hall/namba?orientation=landscape`);
    await screenReady(page);
    await expect(page.locator('.screen')).toHaveAttribute('data-orientation', 'landscape');
    await page.setViewportSize(LANDSCAPE);
    await page.goto(`${server.url}/display/hall/namba?orientation=portrait`);
    await screenReady(page);
    await expect(page.locator('.screen')).toHaveAttribute('data-orientation', 'portrait');
  });

  test('an unknown hall says so instead of a blank screen', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/no-such-hall`);
    await expect(page.getByTestId('unknown-hall')).toContainText('no-such-hall');
  });
});

test.describe('hall signage after its day', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T20:30:00+09:00'] }, viewport: LANDSCAPE });

  test('after the last item of the event the hall says the programme has ended', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/namba`);
    await screenReady(page);
    await expect(page.getByTestId('slate-over').getByTestId('headline')).toHaveText('The programme has ended');
  });
});

test.describe("hall signage at the 31C3, after a hall's first night", () => {
  test.use({ serverOptions: { args: ['--clock', '2014-12-28T00:30:00+01:00', '--program', CCC_PROGRAM] }, viewport: LANDSCAPE });

  test('after its last item of the day a hall says what comes tomorrow', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/hall/saal-6`);
    await screenReady(page);
    const slate = page.getByTestId('slate-opening');
    await expect(slate.getByTestId('headline')).toHaveText("That's all for today");
    await expect(slate.getByTestId('detail')).toHaveText('Day 2 opens Sunday 11:30');
    // Saal 1 runs past midnight: its night is still Day 1.
    await page.goto(`${server.url}/display/hall/saal-1`);
    await screenReady(page);
    await expect(page.getByTestId('now-title')).toHaveText('Citizenfour');
  });
});

/** The Japanese event with a next talk whose title takes two lines. */
const LONG_NEXT_PROGRAM = join(tempDir('lectern-signage-long-next-'), 'program.json');
const japanese = JSON.parse(readFileSync(JAPANESE_PROGRAM, 'utf8')) as { items: { id: string; title: string }[] };
writeFileSync(
  LONG_NEXT_PROGRAM,
  JSON.stringify({
    ...japanese,
    items: japanese.items.map((item) =>
      item.id === 'a-1020'
        ? { ...item, title: '全固体電池における正極／固体電解質界面の抵抗低減と高電位正極材料の被覆設計に関する系統的研究' }
        : item,
    ),
  }),
);

test.describe('hall signage with a message over a two-line title and a two-line next title', () => {
  test.use({
    serverOptions: { args: ['--clock', '2025-10-02T09:52:00+09:00', '--program', LONG_NEXT_PROGRAM] },
    viewport: LANDSCAPE,
  });

  test('everything stays inside the landscape screen', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await command(server.url, 'hall-a', { type: 'goto', itemId: 'a-0940' });
    await command(server.url, 'hall-a', {
      type: 'message',
      text: '次の講演者の方は演台横でお待ちください。懇親会のバスは18時15分に北口から出発します。',
      targets: ['signage'],
    });
    await page.goto(`${server.url}/display/hall/hall-a`);
    await screenReady(page);
    await expect(page.getByTestId('message')).toBeVisible();
    expect(await overflowing(page)).toEqual([]);
    // The title is still a NOW title, the next one still names its talk.
    expect(
      await page.getByTestId('now-title').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(72);
    await expect(page.getByTestId('next-title')).toContainText('全固体電池における正極');
  });
});
