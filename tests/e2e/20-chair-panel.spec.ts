import { api } from '../support/http.js';
import {
  clickAndConfirm,
  liveView,
  mintChair,
  openPanel,
  panelRevision,
  pressAndConfirm,
  watchErrors,
} from './control-helpers.js';
import { expect, test } from './fixtures.js';

// Day 1, five minutes into the first talk's slot.
test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

const FOUNDATION = 'Foundation Potentials for Massive-Scale Design of Solid Electrolytes';
const CHALLENGES = /^Challenges toward reproducibility/;

test('chair clicks and clicker keys drive the hall signage in the same browser', async ({
  context,
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const chair = await mintChair(server, 'namba');
  const signage = await context.newPage();
  await signage.goto(`${server.url}/display/hall/namba`);
  // The control page is the one in front (a background tab gets its animation frames throttled).
  await page.bringToFront();
  await openPanel(page, chair.url);

  // Not started: the screens follow the printed schedule, and the big button says what it will do.
  await expect(page.getByTestId('now-card')).toContainText('Following the printed schedule until you press Start');
  await expect(page.getByTestId('btn-next')).toContainText('Start');
  await expect(page.getByTestId('btn-next')).toContainText(FOUNDATION);

  await clickAndConfirm(page, 'btn-next');
  await expect(page.getByTestId('now-title')).toHaveText(FOUNDATION);
  await expect(signage.getByTestId('now-title')).toHaveText(FOUNDATION);
  await expect(page.getByTestId('btn-next')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('status')).toContainText(`Done: Start → ${FOUNDATION}`);

  // A clicker: PageDown, then PageUp undoes it; arrows and Space do the same.
  await pressAndConfirm(page, 'PageDown');
  await expect(signage.getByTestId('now-title')).toHaveText(CHALLENGES);
  await pressAndConfirm(page, 'PageUp');
  await expect(signage.getByTestId('now-title')).toHaveText(FOUNDATION);
  await pressAndConfirm(page, 'ArrowRight');
  await expect(signage.getByTestId('now-title')).toHaveText(CHALLENGES);
  await pressAndConfirm(page, 'ArrowLeft');
  await expect(signage.getByTestId('now-title')).toHaveText(FOUNDATION);

  // Space moves on even when the Back button has the focus (a focused button must not take the press).
  await page.getByTestId('btn-back').focus();
  await pressAndConfirm(page, 'Space');
  await expect(signage.getByTestId('now-title')).toHaveText(CHALLENGES);
  await expect(page.getByTestId('now-title')).toHaveText(CHALLENGES);

  // Q&A, hold and release, extend by key.
  await pressAndConfirm(page, 'q');
  expect((await liveView(server, 'namba')).phase).toBe('qa');
  await expect(page.getByTestId('phase')).toHaveText('Q&A');
  await pressAndConfirm(page, 'h');
  expect((await liveView(server, 'namba')).phase).toBe('hold');
  await expect(page.getByTestId('btn-hold')).toContainText('Release');
  await pressAndConfirm(page, 'h');
  expect((await liveView(server, 'namba')).phase).toBe('qa');
  const before = (await liveView(server, 'namba')).countdown!.endsAt;
  await pressAndConfirm(page, '+');
  expect((await liveView(server, 'namba')).countdown!.endsAt - before).toBe(60_000);
  await pressAndConfirm(page, '-');
  expect((await liveView(server, 'namba')).countdown!.endsAt).toBe(before);
  await clickAndConfirm(page, 'btn-extend5');
  expect((await liveView(server, 'namba')).countdown!.endsAt - before).toBe(5 * 60_000);

  // B: the program's break comes next, so B starts it.
  await expect(page.getByTestId('btn-break')).toContainText('15 min');
  await pressAndConfirm(page, 'b');
  await expect(signage.getByTestId('now-title')).toHaveText('Break');
  expect((await liveView(server, 'namba')).phase).toBe('break');

  // A message to chosen screens, then removed.
  await page.getByTestId('btn-message').click();
  await page.getByTestId('message-text').fill('Coffee in the foyer');
  await page.getByTestId('target-timer').uncheck();
  await page.getByTestId('send-message').click();
  await expect(page.getByTestId('message-strip')).toContainText('Coffee in the foyer');
  const withMessage = await liveView(server, 'namba');
  expect(withMessage.message).toMatchObject({ text: 'Coffee in the foyer', targets: ['signage', 'lobby', 'stream', 'live'] });
  await page.getByTestId('strip-clear').click();
  await expect(page.getByTestId('message-strip')).toHaveCount(0);
  expect((await liveView(server, 'namba')).message).toBeNull();

  // Typing in the message box does not drive the hall.
  const revision = await panelRevision(page);
  await page.getByTestId('btn-message').click();
  await page.getByTestId('message-text').pressSequentially(' qhb+-');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('message-sheet')).toHaveCount(0);
  expect((await liveView(server, 'namba')).revision).toBe(revision);

  // Every key is shown on screen.
  await expect(page.getByTestId('key-legend')).toContainText('PgDn');
  await expect(page.getByTestId('key-legend')).toContainText('Hold / release');
});

test('two chair pages race on next: the hall advances once, the loser is told', async ({ browser, server, pageErrors }) => {
  const chair = await mintChair(server, 'namba');
  const contexts = [await browser.newContext(), await browser.newContext()];
  contexts.forEach((c) => watchErrors(c, pageErrors));
  const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
  await openPanel(a!, chair.url);
  await openPanel(b!, chair.url);
  const start = (await liveView(server, 'namba')).revision;
  await expect.poll(() => panelRevision(a!)).toBe(start);
  await expect.poll(() => panelRevision(b!)).toBe(start);

  // Both tap "next" at the same moment, each on the revision it sees.
  const at = Date.now() + 400;
  await Promise.all(
    [a!, b!].map((p) =>
      p.evaluate((when) => {
        setTimeout(() => (document.querySelector('[data-testid="btn-next"]') as HTMLButtonElement).click(), when - Date.now());
      }, at),
    ),
  );
  const fates = async () =>
    [await a!.getByTestId('status').getAttribute('data-fate'), await b!.getByTestId('status').getAttribute('data-fate')].sort();
  await expect.poll(fates).toEqual(['done', 'stale']);
  expect((await liveView(server, 'namba')).revision).toBe(start + 1);
  const loser = (await a!.getByTestId('status').getAttribute('data-fate')) === 'stale' ? a! : b!;
  await expect(loser.getByTestId('status')).toContainText('Already advanced by another device');
  await expect(loser.getByTestId('status')).toContainText(FOUNDATION);
  // The loser's panel refreshed to the hall as it is.
  await expect(loser.getByTestId('now-title')).toHaveText(FOUNDATION);
  await expect.poll(() => panelRevision(loser)).toBe(start + 1);
  await Promise.all(contexts.map((c) => c.close()));
});

test('a chair link for one hall cannot act on another, and a bad or missing link is explained', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const namba = await mintChair(server, 'namba');
  const before = (await liveView(server, 'nakamozu')).revision;
  await page.goto(`${server.url}/control/hall/nakamozu#token=${namba.token}`);
  await expect(page.getByTestId('access-title')).toHaveText('This link is for I-site Namba');
  await expect(page.getByTestId('chair-panel')).toHaveCount(0);
  await page.keyboard.press('Space');
  await page.keyboard.press('PageDown');
  // The token never stays in the address bar.
  expect(page.url()).not.toContain('token');
  // The server refuses it too, whatever a page would send.
  const refused = await api(server.url, '/api/v1/halls/nakamozu/commands', { body: { type: 'next' }, token: namba.token });
  expect(refused.status).toBe(403);
  expect((await liveView(server, 'nakamozu')).revision).toBe(before);

  // The notice leads to the hall the link is for, which works.
  await page.getByTestId('access-link').click();
  await expect(page).toHaveURL(/\/control\/hall\/namba$/);
  await expect(page.getByTestId('chair-panel')).toBeVisible();
  await clickAndConfirm(page, 'btn-next');

  // Revoked: the open panel says at once that the link no longer works, before anyone presses anything.
  expect((await api(server.url, `/api/v1/tokens/${namba.id}`, { method: 'DELETE' })).status).toBe(204);
  await expect(page.getByTestId('access-title')).toHaveText('This link does not work (any more)');
  await expect(page.getByTestId('btn-next')).toHaveCount(0);

  // No token at all.
  const fresh = await page.context().newPage();
  await fresh.goto(`${server.url}/control/hall/namba`);
  await expect(fresh.getByTestId('access-title')).toHaveText('This panel needs its access link');
  await fresh.goto(`${server.url}/control/hall/namba?lang=ja#token=lct_c_mistyped`);
  await expect(fresh.getByTestId('access-title')).toHaveText('このリンクは使用できません');
});

test('on a phone: the big button is in reach, every target is large enough, and it works by touch', async ({
  browser,
  server,
  pageErrors,
}) => {
  const chair = await mintChair(server, 'namba');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  watchErrors(context, pageErrors);
  const page = await context.newPage();
  await openPanel(page, chair.url);
  const next = page.getByTestId('btn-next');
  const box = (await next.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  expect(box.height).toBeGreaterThanOrEqual(72);
  for (const id of ['btn-back', 'btn-qa', 'btn-break', 'btn-hold', 'btn-extend1', 'btn-extend5', 'btn-message']) {
    const b = (await page.getByTestId(id).boundingBox())!;
    expect(b.height, id).toBeGreaterThanOrEqual(48);
    expect(b.width, id).toBeGreaterThanOrEqual(48);
  }
  await next.tap();
  await expect(page.getByTestId('status')).toHaveAttribute('data-fate', 'done');
  await expect(page.getByTestId('now-title')).toHaveText(FOUNDATION);
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test('on a phone the fate of a press is in view without scrolling: the loser of a race is told there', async ({
  browser,
  server,
  pageErrors,
}) => {
  const chair = await mintChair(server, 'namba');
  const viewport = { width: 390, height: 844 };
  const contexts = [
    await browser.newContext({ viewport, hasTouch: true, isMobile: true }),
    await browser.newContext({ viewport, hasTouch: true, isMobile: true }),
  ];
  contexts.forEach((c) => watchErrors(c, pageErrors));
  const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
  await openPanel(a!, chair.url);
  await openPanel(b!, chair.url);
  const start = (await liveView(server, 'namba')).revision;
  await expect.poll(() => panelRevision(a!)).toBe(start);
  await expect.poll(() => panelRevision(b!)).toBe(start);
  const at = Date.now() + 400;
  await Promise.all(
    [a!, b!].map((p) =>
      p.evaluate((when) => {
        setTimeout(() => (document.querySelector('[data-testid="btn-next"]') as HTMLButtonElement).click(), when - Date.now());
      }, at),
    ),
  );
  const fates = async () =>
    [await a!.getByTestId('status').getAttribute('data-fate'), await b!.getByTestId('status').getAttribute('data-fate')].sort();
  await expect.poll(fates).toEqual(['done', 'stale']);
  for (const page of [a!, b!]) {
    // The status line is on screen where the chair looks (by the big button), not under it or below the fold.
    const box = (await page.getByTestId('status').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    const onTop = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="status"]') !== null,
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(onTop).toBe(true);
  }
  const loser = (await a!.getByTestId('status').getAttribute('data-fate')) === 'stale' ? a! : b!;
  await expect(loser.getByTestId('status')).toContainText('Already advanced by another device');
  await Promise.all(contexts.map((c) => c.close()));
});

test('on a tablet every button is a large touch target', async ({ browser, server, pageErrors }) => {
  const chair = await mintChair(server, 'namba');
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  watchErrors(context, pageErrors);
  const page = await context.newPage();
  await openPanel(page, chair.url);
  for (const id of [
    'btn-next',
    'btn-back',
    'btn-qa',
    'btn-break',
    'btn-hold',
    'btn-extend1',
    'btn-extend5',
    'btn-shorten1',
    'btn-message',
  ]) {
    const b = (await page.getByTestId(id).boundingBox())!;
    expect(b.height, id).toBeGreaterThanOrEqual(64);
    expect(b.width, id).toBeGreaterThanOrEqual(64);
    expect(b.y + b.height, `${id} on screen`).toBeLessThanOrEqual(768);
  }
  await context.close();
});

test('a chemical name longer than the card wraps inside it on a phone and a tablet, never cut off', async ({
  browser,
  server,
  pageErrors,
}) => {
  const titles = {
    'namba-2025-10-02-0940': 'Lithium bis(trifluoromethanesulfonyl)imide–tetraglyme solvate electrolytes',
    'namba-2025-10-02-1020': 'Poly(3,4-ethylenedioxythiophene)polystyrenesulfonate binders',
  };
  for (const [itemId, title] of Object.entries(titles)) {
    expect((await api(server.url, '/api/v1/program/edits', { body: { type: 'editItem', itemId, title } })).status).toBe(200);
  }
  const chair = await mintChair(server, 'namba');
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1024, height: 768 },
  ]) {
    const context = await browser.newContext({ viewport, hasTouch: true });
    watchErrors(context, pageErrors);
    const page = await context.newPage();
    await openPanel(page, chair.url);
    await expect(page.getByTestId('now-title')).toHaveText(titles['namba-2025-10-02-0940']);
    await expect(page.getByTestId('next-title')).toHaveText(titles['namba-2025-10-02-1020']);
    for (const id of ['now-title', 'next-title']) {
      const { scrollWidth, clientWidth } = await page
        .getByTestId(id)
        .evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
      expect(scrollWidth, `${id} at ${viewport.width} px`).toBeLessThanOrEqual(clientWidth + 1);
    }
    await context.close();
  }
});
