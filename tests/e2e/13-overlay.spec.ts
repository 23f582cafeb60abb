import type { Page } from '@playwright/test';
import { command } from '../support/http.js';
import { JAPANESE_PROGRAM, LANDSCAPE, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ viewport: LANDSCAPE });

/** The RGBA of one pixel of a screenshot taken without a default background, decoded by the browser. */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  const png = (await page.screenshot({ omitBackground: true })).toString('base64');
  const probe = await page.context().newPage();
  try {
    return await probe.evaluate(
      async ({ png, x, y }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${png}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return Array.from(context.getImageData(x, y, 1, 1).data);
      },
      { png, x, y },
    );
  } finally {
    await probe.close();
  }
}

test.describe('the stream overlay on Day 1 of the demo event', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

  test('is transparent for OBS, or a key colour with ?key=', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/overlay/namba?lowerThird=0`);
    await screenReady(page);
    expect((await pixel(page, 960, 300))[3]).toBe(0);
    await page.goto(`${server.url}/display/overlay/namba?lowerThird=0&key=green`);
    await screenReady(page);
    expect(await pixel(page, 960, 300)).toEqual([0, 177, 64, 255]);
    await page.goto(`${server.url}/display/overlay/namba?lowerThird=0&key=%23ff00ff`);
    await screenReady(page);
    expect(await pixel(page, 960, 300)).toEqual([255, 0, 255, 255]);
    // Hostile values: no second declaration, no theme variable, no markup; the overlay stays transparent and works.
    for (const key of ['red;background-image:url(/x)', 'var(--accent)', '"><script>alert(1)</script>', 'red}html{opacity:0']) {
      await page.goto(`${server.url}/display/overlay/namba?lowerThird=0&key=${encodeURIComponent(key)}`);
      await screenReady(page);
      expect((await pixel(page, 960, 300))[3], key).toBe(0);
      expect(await page.locator('.screen').getAttribute('style'), key).not.toMatch(/url|script|opacity|var/);
    }
  });

  test('a talk start brings the lower third in the bottom third, inside title-safe, out after ?lowerThird= seconds', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/overlay/namba?lowerThird=3`);
    await screenReady(page);
    await expect(page.getByTestId('lower-third')).toHaveCount(0);
    // It fades in: a CSS transition of 200–300 ms, caught on the frame it starts.
    const fadeIn = page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="lower-third"]')
          ?.getAnimations()
          .map((a) => Number(a.effect?.getTiming().duration))[0],
      undefined,
      { polling: 'raf', timeout: 2000 },
    );
    await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1020' });
    const fadeMs = Number(await (await fadeIn).jsonValue());
    expect(fadeMs).toBeGreaterThanOrEqual(200);
    expect(fadeMs).toBeLessThanOrEqual(300);
    const lowerThird = page.getByTestId('lower-third');
    await expect(lowerThird).toContainText('Saneyuki Ohno', { timeout: 1000 });
    await expect(lowerThird).toContainText('Tohoku University');
    await expect(lowerThird).toContainText('Challenges toward reproducibility');
    const box = (await lowerThird.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(96);
    expect(box.x + box.width).toBeLessThanOrEqual(1920 - 96);
    expect(box.y).toBeGreaterThanOrEqual(1080 * (2 / 3));
    expect(box.y + box.height).toBeLessThanOrEqual(1080 - 54);
    await expect(lowerThird).toHaveCount(0, { timeout: 4000 });
  });

  test('break slate with the countdown and what is next; hold slate; the stream message', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/overlay/namba?lowerThird=0`);
    await screenReady(page);
    await command(server.url, 'namba', { type: 'message', text: 'Signage only', targets: ['signage'] });
    await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1020' });
    await command(server.url, 'namba', { type: 'break' });
    const slate = page.getByTestId('slate-break');
    await expect(slate).toBeVisible({ timeout: 1000 });
    await expect(slate.getByTestId('slate-countdown')).toHaveText(/^(15:00|14:5\d)$/);
    await expect(slate.getByTestId('slate-next')).toContainText('Toward Practical High-Energy');
    await expect(page.getByTestId('message')).toHaveCount(0);
    await command(server.url, 'namba', { type: 'hold' });
    await expect(page.getByTestId('slate-hold')).toContainText("We'll be right back", { timeout: 1000 });
    await command(server.url, 'namba', { type: 'message', text: 'Back in five minutes', targets: ['stream'] });
    await expect(page.getByTestId('message')).toHaveText('Back in five minutes', { timeout: 1000 });
  });
});

test.describe('the stream overlay at the end of the day', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T18:05:00+09:00'] } });

  test('Q&A is marked; an onsite-only item says the stream is over; the end of the programme says thanks', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/overlay/namba?lowerThird=0`);
    await screenReady(page);
    await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1655' });
    await command(server.url, 'namba', { type: 'qa' });
    await expect(page.getByTestId('qa-bug')).toHaveText('Q&A', { timeout: 1000 });
    // The networking event is onsite only, and no streamed item follows it.
    await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1800' });
    await expect(page.getByTestId('slate-onsite')).toContainText('Streaming has ended', { timeout: 1000 });
    await expect(page.getByTestId('qa-bug')).toHaveCount(0);
    await command(server.url, 'namba', { type: 'next' });
    await expect(page.getByTestId('slate-ended')).toContainText('Thanks for watching', { timeout: 1000 });
  });
});

test.describe('the stream overlay before the day and for a session not to be streamed', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T08:40:00+09:00', '--program', JAPANESE_PROGRAM] } });

  test('starting soon counts down to the first item; the privacy slate covers a do-not-stream item', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/overlay/hall-a?lang=en`);
    await screenReady(page);
    const soon = page.getByTestId('slate-startingSoon');
    await expect(soon).toContainText('Starting soon');
    await expect(soon.getByTestId('slate-countdown')).toHaveText(/^(20:00|19:5\d)$/);
    await command(server.url, 'hall-a', { type: 'goto', itemId: 'a-1105' });
    const privacy = page.getByTestId('slate-privacy');
    await expect(privacy).toContainText('This session is not streamed', { timeout: 1000 });
    await expect(page.getByTestId('lower-third')).toHaveCount(0);
    await page.goto(`${server.url}/display/overlay/hall-a`);
    await screenReady(page);
    await expect(page.getByTestId('slate-privacy')).toContainText('このセッションは配信しておりません');
  });
});
