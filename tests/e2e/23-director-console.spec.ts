import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import type { LecternClientSocket, Program } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { demoProgram, tokyo } from '../support/demo.js';
import { DIRECTOR_TOKEN } from '../support/server.js';
import { connect } from '../support/socket.js';
import { clickAndConfirm, liveView, mintChair, openPanel, watchErrors } from './control-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

/** jsqr is CommonJS: its decoder is the module itself or its `default`, depending on the loader. */
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

const FOUNDATION = 'Foundation Potentials for Massive-Scale Design of Solid Electrolytes';
const consoleUrl = (base: string, tab = 'halls') => `${base}/control/director?tab=${tab}#token=${DIRECTOR_TOKEN}`;

test('the console mints a chair link; its QR code decodes to that link, which opens a working panel', async ({
  browser,
  page,
  server,
  pageErrors,
}) => {
  await page.goto(consoleUrl(server.url, 'access'));
  await expect(page.getByTestId('access-panel')).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await page.getByTestId('mint-label-namba').fill('Lectern tablet, Namba');
  await page.getByTestId('mint-namba').click();
  const card = page.getByTestId('chair-link-namba');
  await expect(card).toBeVisible();
  const link = (await card.getAttribute('data-link'))!;
  expect(link).toMatch(new RegExp(`^${server.url}/control/hall/namba#token=lct_c_`));
  await expect(card.getByTestId('link-text')).toHaveText(link);

  // The drawn QR code, read back from the page and decoded by an independent decoder.
  const qr = await card.getByTestId('qr').evaluate((svg) => ({
    text: svg.getAttribute('data-qr-text'),
    size: Number(svg.getAttribute('data-qr-size')),
    quiet: Number(svg.getAttribute('data-qr-quiet')),
    cells: [...svg.querySelectorAll('rect:not(.bg)')].map(
      (r) => [Number(r.getAttribute('x')), Number(r.getAttribute('y'))] as const,
    ),
  }));
  expect(qr.text).toBe(link);
  const scale = 4;
  const width = (qr.size + 2 * qr.quiet) * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [x, y] of qr.cells) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = ((y * scale + dy) * width + x * scale + dx) * 4;
        pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
      }
    }
  }
  expect(jsQR(pixels, width, width)?.data).toBe(link);
  // And it is exactly the symbol the QR library makes for that link.
  const expected = QRCode.create(link, { errorCorrectionLevel: 'M' }).modules;
  const drawn = new Set(qr.cells.map(([x, y]) => `${x - qr.quiet},${y - qr.quiet}`));
  let same = expected.size === qr.size;
  for (let row = 0; row < expected.size && same; row++) {
    for (let col = 0; col < expected.size; col++)
      if (Boolean(expected.get(row, col)) !== drawn.has(`${col},${row}`)) same = false;
  }
  expect(same).toBe(true);

  // The link opens a working chair panel (a fresh browser, as a chair's tablet).
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  watchErrors(tablet, pageErrors);
  const panel = await tablet.newPage();
  await openPanel(panel, link);
  await clickAndConfirm(panel, 'btn-next');
  await expect(panel.getByTestId('now-title')).toHaveText(FOUNDATION);
  expect((await liveView(server, 'namba')).now?.title).toBe(FOUNDATION);

  // Revoked from the console: the open panel says so at once.
  const row = page.locator('[data-testid^="token-"]', { hasText: 'Lectern tablet, Namba' });
  await row.getByTestId('revoke').click();
  await expect(row).toContainText('revoked');
  await expect(panel.getByTestId('access-title')).toHaveText('This link does not work (any more)');
  await tablet.close();
});

test('all halls at a glance; act on any hall; message everywhere; reset halls and a day', async ({
  context,
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const display = await connect(server.url);
  display.emit('display:hello', { page: 'signage', hallId: 'namba', name: 'stage left' });
  const signage = await context.newPage();
  await signage.goto(`${server.url}/display/hall/namba`);
  // The control page is the one in front (a background tab gets its animation frames throttled).
  await page.bringToFront();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(consoleUrl(server.url));
  const namba = page.getByTestId('hall-namba');
  const nakamozu = page.getByTestId('hall-nakamozu');
  await expect(namba.getByTestId('now-title')).toHaveText(FOUNDATION);
  await expect(namba).toContainText('following the printed schedule');
  // The raw socket above and the signage page (which introduces itself too).
  await expect(namba.getByTestId('screens-count')).toContainText('2 screens');
  await expect(nakamozu.getByTestId('screens-count')).toContainText('0 screens');
  await expect(namba.getByTestId('last-command')).toContainText('none yet');
  // The OBS slot shows nothing while there is no OBS data.
  await expect(page.getByTestId('obs-status')).toHaveCount(0);

  // The director acts as a chair would.
  await namba.getByTestId('btn-next').click();
  await expect(namba.getByTestId('phase')).toHaveText('On now');
  await expect(namba.getByTestId('last-command')).toContainText('Start next · Director');
  await expect(signage.getByTestId('now-title')).toHaveText(FOUNDATION);
  await namba.getByTestId('btn-extend5').click();
  await expect(namba.getByTestId('last-command')).toContainText('+5 min');

  // A chair's press elsewhere shows up live, with the chair's name.
  const chair = await mintChair(server, 'namba', 'Chair, I-site Namba');
  expect((await command(server.url, 'namba', { type: 'qa' }, chair.token)).status).toBe(200);
  await expect(namba.getByTestId('last-command')).toContainText('Q&A · Chair, I-site Namba');
  await expect(namba.getByTestId('phase')).toHaveText('Q&A');

  // One message to every hall, the lobby and the stream; then cleared everywhere.
  await page.getByTestId('all-message-text').fill('Lunch extended by 15 minutes');
  await page.getByTestId('all-message-send').click();
  await expect(page.getByTestId('all-halls-result')).toContainText('Message shown in 2 halls');
  for (const hallId of ['namba', 'nakamozu']) {
    expect((await liveView(server, hallId)).message?.text).toBe('Lunch extended by 15 minutes');
  }
  await expect(nakamozu.getByTestId('hall-message')).toContainText('Lunch extended');
  await page.getByTestId('all-message-clear').click();
  await expect(page.getByTestId('all-halls-result')).toContainText('Messages removed');
  expect((await liveView(server, 'namba')).message).toBeNull();
  expect((await liveView(server, 'nakamozu')).message).toBeNull();

  // Reset one hall from its card (after a confirmation).
  await nakamozu.getByTestId('btn-next').click();
  await expect(nakamozu.getByTestId('phase')).toHaveText('On now');
  await nakamozu.getByTestId('reset-hall').click();
  await expect(page.getByTestId('confirm-reset')).toContainText('Reset Conference Hall to idle?');
  await page.getByTestId('confirm-reset').getByTestId('confirm').click();
  await expect(page.getByTestId('all-halls-result')).toContainText('Reset: Conference Hall');
  expect((await liveView(server, 'nakamozu')).source).toBe('schedule');
  expect((await liveView(server, 'namba')).source).toBe('chair');

  // Reset a day: only the halls with items that day.
  await page.getByTestId('reset-day-2025-10-02').click();
  await expect(page.getByTestId('confirm-reset')).toContainText('I-site Namba');
  await page.getByTestId('confirm-reset').getByTestId('confirm').click();
  await expect(page.getByTestId('all-halls-result')).toContainText('Reset: I-site Namba');
  expect((await liveView(server, 'namba')).source).toBe('schedule');

  // Reset all halls; cancelling first changes nothing.
  await namba.getByTestId('btn-next').click();
  await expect(namba.getByTestId('phase')).toHaveText('On now');
  // The schedule shows "On now" too: wait for the chair's start itself before taking the revision.
  await expect.poll(async () => (await liveView(server, 'namba')).source).toBe('chair');
  const revision = (await liveView(server, 'namba')).revision;
  await page.getByTestId('reset-all').click();
  await page.getByTestId('confirm-reset').getByRole('button', { name: 'Cancel' }).click();
  expect((await liveView(server, 'namba')).revision).toBe(revision);
  await page.getByTestId('reset-all').click();
  await page.getByTestId('confirm-reset').getByTestId('confirm').click();
  await expect(page.getByTestId('all-halls-result')).toContainText('Reset: I-site Namba, Conference Hall');
  await expect(namba).toContainText('following the printed schedule');
  display.close();
});

test('screens: every connected display with page, hall and last contact; identify and reload one', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const screens: LecternClientSocket[] = [];
  for (const hello of [
    { page: 'signage', hallId: 'namba', name: 'stage left' },
    { page: 'timer', hallId: 'namba', name: 'lectern' },
    { page: 'lobby', name: 'foyer' },
  ] as const) {
    const socket = await connect(server.url);
    socket.emit('display:hello', hello);
    screens.push(socket);
  }
  const [stageLeft, , foyer] = screens;
  await page.goto(consoleUrl(server.url, 'screens'));
  const row = (name: string) => page.locator(`[data-testid^="screen-"][data-name="${name}"]`);
  await expect(row('stage left')).toContainText('I-site Namba');
  await expect(row('stage left')).toContainText('Signage');
  await expect(row('stage left')).toContainText('127.0.0.1');
  await expect(row('lectern')).toContainText('Speaker timer');
  await expect(row('foyer')).toContainText('Lobby');
  await expect(row('foyer')).toContainText(/\d+ s ago/);
  await expect(page.getByTestId('tab-screens')).toContainText('3');

  const identified = new Promise<{ text: string; durationMs: number }>((resolve) => stageLeft!.once('display:identify', resolve));
  await row('stage left').getByTestId('identify').click();
  expect(await identified).toEqual({ text: 'I-site Namba', durationMs: 10_000 });
  const lobbyIdentified = new Promise<{ text: string }>((resolve) => foyer!.once('display:identify', resolve));
  await row('foyer').getByTestId('identify').click();
  expect((await lobbyIdentified).text).toBe('Lobby');
  const reloaded = new Promise<void>((resolve) => foyer!.once('display:reload', () => resolve()));
  await row('foyer').getByTestId('reload').click();
  await reloaded;

  // A screen that goes away leaves the list.
  foyer!.close();
  await expect(row('foyer')).toHaveCount(0);
  await expect(page.getByTestId('tab-screens')).toContainText('2');
  screens.forEach((s) => s.close());
});

test('program: shift, edit times and title, swap, add and remove, with validation errors shown', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const program = async () => (await api<Program>(server.url, '/api/v1/program')).body;
  const item = (p: Program, id: string) => p.items.find((i) => i.id === id);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(consoleUrl(server.url, 'program'));
  await expect(page.getByTestId('program-revision')).toHaveText('Program revision 1');

  // Shift the rest of the day from the second talk by 10 minutes.
  const challenges = page.getByTestId('item-namba-2025-10-02-1020');
  await challenges.getByTestId('shift').click();
  await page.getByTestId('editor-namba-2025-10-02-1020').getByTestId('shift-minutes').fill('10');
  await page.getByTestId('editor-namba-2025-10-02-1020').getByTestId('apply').click();
  await expect(page.getByTestId('program-done')).toContainText('Revision 2');
  await expect(page.getByTestId('program-revision')).toHaveText('Program revision 2');
  await expect(challenges).toContainText('10:30–11:00');
  await expect(page.getByTestId('item-namba-2025-10-02-1800')).toContainText('18:10–20:10');

  // An edit that would overlap the next item is refused, and says why.
  await challenges.getByTestId('edit').click();
  const editor = page.getByTestId('editor-namba-2025-10-02-1020');
  await editor.getByTestId('edit-end').fill('11:10');
  await editor.getByTestId('save').click();
  await expect(page.getByTestId('program-error')).toContainText('overlaps');
  await expect(page.getByTestId('program-error')).toContainText('Challenges toward reproducibility');
  expect((await program()).revision).toBe(2);

  // Times and title.
  await editor.getByTestId('edit-end').fill('10:55');
  await editor.getByTestId('edit-title').fill('Reproducibility in solid-state batteries');
  await editor.getByTestId('save').click();
  await expect(page.getByTestId('program-done')).toContainText('Revision 3');
  await expect(challenges).toContainText('10:30–10:55');
  await expect(challenges.getByTestId('item-title')).toHaveText('Reproducibility in solid-state batteries');

  // Swap two talks (a speaker is late).
  const high = page.getByTestId('item-namba-2025-10-02-1315');
  await high.getByTestId('swap').click();
  await page.getByTestId('editor-namba-2025-10-02-1315').getByTestId('swap-with').selectOption('namba-2025-10-02-1345');
  await page.getByTestId('editor-namba-2025-10-02-1315').getByTestId('apply').click();
  await expect(page.getByTestId('program-done')).toContainText('swapped');
  let p = await program();
  expect(item(p, 'namba-2025-10-02-1345')!.start).toBeLessThan(item(p, 'namba-2025-10-02-1315')!.start);

  // Add an item after the networking event, then remove it.
  await page.getByTestId('add-kind').selectOption('other');
  await page.getByTestId('add-title').fill('Photo session');
  await page.getByTestId('add-start').fill('20:10');
  await page.getByTestId('add-end').fill('20:30');
  await page.getByTestId('add-send').click();
  await expect(page.getByTestId('program-done')).toContainText('"Photo session" added at 20:10');
  p = await program();
  const added = p.items.find((i) => i.title === 'Photo session')!;
  expect(added).toMatchObject({ hallId: 'namba', kind: 'other' });
  const addedRow = page.getByTestId(`item-${added.id}`);
  await addedRow.getByTestId('remove').click();
  await page.getByTestId(`editor-${added.id}`).getByTestId('apply').click();
  await expect(addedRow).toHaveCount(0);
  expect((await program()).items.some((i) => i.id === added.id)).toBe(false);

  // Every change is a stored revision.
  const revisions = (await api(server.url, '/api/v1/program/revisions')).body as { revision: number }[];
  expect(revisions.map((r) => r.revision)).toEqual([6, 5, 4, 3, 2, 1]);
});

test('an item added to a hall with no items goes on the server’s day (the rehearsal clock), not the browser’s', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const withAnnex = { ...demoProgram(), halls: [...demoProgram().halls, { id: 'annex', name: 'Annex' }] };
  expect((await api(server.url, '/api/v1/program', { body: withAnnex })).status).toBe(200);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(consoleUrl(server.url, 'program'));
  await page.getByTestId('program-hall-annex').click();
  await page.getByTestId('add-kind').selectOption('other');
  await page.getByTestId('add-title').fill('Press briefing');
  await page.getByTestId('add-start').fill('12:00');
  await page.getByTestId('add-end').fill('12:30');
  await page.getByTestId('add-send').click();
  await expect(page.getByTestId('program-done')).toContainText('"Press briefing" added at 12:00');
  const added = (await api<Program>(server.url, '/api/v1/program')).body.items.find((i) => i.title === 'Press briefing')!;
  expect(added).toMatchObject({ hallId: 'annex', start: tokyo('2025-10-02T12:00'), end: tokyo('2025-10-02T12:30') });
});

test('timeline: each hall’s command log (who, what, when, rehearsal), live, and the export link', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const chair = await mintChair(server, 'namba', 'Chair, I-site Namba');
  await command(server.url, 'namba', { type: 'next' }, chair.token);
  await command(server.url, 'namba', { type: 'message', text: 'Welcome', targets: ['signage'] });
  await page.goto(consoleUrl(server.url, 'timeline'));
  const rows = page.locator('[data-testid^="log-"][data-type]');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Message: “Welcome”');
  await expect(rows.nth(0)).toContainText('Director');
  await expect(rows.nth(0)).toContainText('rehearsal');
  await expect(rows.nth(1)).toContainText('Start next');
  await expect(rows.nth(1).getByTestId('log-who')).toHaveText('Chair, I-site Namba');
  await expect(rows.nth(1)).toContainText('Thu 2 Oct 09:4');

  // A new command appears at the top without a reload; another hall has its own log.
  await command(server.url, 'namba', { type: 'hold' }, chair.token);
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Hold');
  await page.getByTestId('timeline-hall-nakamozu').click();
  await expect(page.getByTestId('timeline-panel')).toContainText('No command for this hall yet');

  // The planned-vs-actual export is fetched with the director token (the token never goes in a URL).
  const requested = page.waitForRequest('**/api/v1/export/actual-times.csv');
  await page.getByTestId('export').click();
  const request = await requested;
  expect(request.headers().authorization).toBe(`Bearer ${DIRECTOR_TOKEN}`);
  expect(request.url()).not.toContain('token');
});

test('the console needs the director token: a chair link or none is told so, a pasted token opens it', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const chair = await mintChair(server, 'namba');
  await page.goto(`${server.url}/control/director#token=${chair.token}`);
  await expect(page.getByTestId('access-title')).toHaveText('This is a chair link, not the director’s');
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${server.url}/control/director`);
  await expect(page.getByTestId('access-title')).toHaveText('The director console needs the director token');
  await page.getByTestId('paste-token').fill(DIRECTOR_TOKEN);
  await page.getByTestId('paste-send').click();
  await expect(page.getByTestId('director-console')).toBeVisible();
  await expect(page.getByTestId('hall-namba')).toBeVisible();
});

test('on a phone every console tab fits the screen: hall cards stack, wide tables scroll inside their box', async ({
  browser,
  server,
  pageErrors,
}) => {
  await command(server.url, 'namba', { type: 'next' });
  const screen = await connect(server.url);
  screen.emit('display:hello', { page: 'signage', hallId: 'namba', name: 'stage left' });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  watchErrors(context, pageErrors);
  const page = await context.newPage();
  await page.goto(consoleUrl(server.url));
  await expect(page.getByTestId('hall-namba').getByTestId('now-title')).toHaveText(FOUNDATION);
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await width()).toBeLessThanOrEqual(390);
  for (const tab of ['screens', 'program', 'access', 'timeline']) {
    await page.getByTestId(`tab-${tab}`).click();
    if (tab === 'access') await page.getByTestId('mint-namba').click();
    if (tab === 'screens') await expect(page.getByText('stage left')).toBeVisible();
    if (tab === 'access') await expect(page.getByTestId('chair-link-namba')).toBeVisible();
    await page.waitForTimeout(200);
    expect(await width(), tab).toBeLessThanOrEqual(390);
  }
  screen.close();
  await context.close();
});
