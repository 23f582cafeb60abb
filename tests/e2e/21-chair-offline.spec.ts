import type { CommandLogPage } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { startServer } from '../support/server.js';
import { clickAndConfirm, liveView, mintChair, openPanel, panelRevision } from './control-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

const FOUNDATION = 'Foundation Potentials for Massive-Scale Design of Solid Electrolytes';

test('server stopped: a clear offline banner, a press is queued and confirmed when back, the panel resyncs by itself', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  const chair = await mintChair(server, 'namba');
  await openPanel(page, chair.url);
  await clickAndConfirm(page, 'btn-next');
  await expect(page.getByTestId('now-title')).toHaveText(FOUNDATION);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);

  await server.stop();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toContainText('Offline');
  await expect(page.getByTestId('connection')).toHaveText(/Offline/);

  // A press while offline is not sent behind the chair's back: it waits for a confirmation.
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('queued')).toContainText('Queued: Start next');
  await expect(page.getByTestId('queued-send')).toHaveCount(0);

  const again = await startServer({ dataDir: server.dataDir, port: server.port });
  try {
    await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId('queued')).toContainText('The connection is back');
    await expect(page.getByTestId('queued')).toContainText(FOUNDATION);

    // Meanwhile another device moved the hall on: the panel follows by itself.
    const current = await liveView(again, 'namba');
    expect((await command(again.url, 'namba', { type: 'next', expectRevision: current.revision })).status).toBe(200);
    await expect(page.getByTestId('now-title')).toHaveText(/^Challenges toward reproducibility/);
    await expect(page.getByTestId('queued')).toContainText('Challenges toward reproducibility');
    expect(await panelRevision(page)).toBe(current.revision + 1);

    // Confirmed against what it shows now: applied once, on the fresh state.
    await page.getByTestId('queued-send').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-fate', 'done');
    await expect(page.getByTestId('queued')).toHaveCount(0);
    await expect(page.getByTestId('now-title')).toHaveText('Break');
    expect((await liveView(again, 'namba')).revision).toBe(current.revision + 2);

    // And a queued press can be thrown away.
    await again.stop();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await page.getByTestId('btn-hold').click();
    await page.getByTestId('queued-discard').click();
    await expect(page.getByTestId('queued')).toHaveCount(0);
  } finally {
    await again.stop();
  }
});

test('an answer lost on the way is retried with the same command id and applied once', async ({ page, server, pageErrors }) => {
  void pageErrors;
  const chair = await mintChair(server, 'namba');
  let dropNextCommandAck = false;
  const sentIds: string[] = [];
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const upstream = ws.connectToServer();
    ws.onMessage((message) => {
      const text = String(message);
      if (text.includes('"hall:command"')) sentIds.push(/"commandId":"([^"]+)"/.exec(text)?.[1] ?? '');
      upstream.send(message);
    });
    upstream.onMessage((message) => {
      // A socket.io acknowledgement is "43<id>[...]"; drop the first one that answers a command.
      if (dropNextCommandAck && /^43\d+\[\{"ok":true,"view"/.test(String(message))) {
        dropNextCommandAck = false;
        return;
      }
      ws.send(message);
    });
  });
  await openPanel(page, chair.url);
  const start = (await liveView(server, 'namba')).revision;

  dropNextCommandAck = true;
  await page.getByTestId('btn-next').click();
  await expect(page.getByTestId('btn-next')).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('status')).toHaveAttribute('data-fate', 'done', { timeout: 15_000 });
  expect(dropNextCommandAck).toBe(false);

  // Sent twice with one id; applied once.
  expect(sentIds.length).toBe(2);
  expect(sentIds[0]).toBe(sentIds[1]);
  expect((await liveView(server, 'namba')).revision).toBe(start + 1);
  const log = (await api<CommandLogPage>(server.url, '/api/v1/halls/namba/log')).body;
  expect(log.entries.map((e) => e.command.type)).toEqual(['next']);
  await expect(page.getByTestId('now-title')).toHaveText(FOUNDATION);
});

test('on a phone scrolled down to the buttons: the offline banner stays in view, and the question comes into view when back', async ({
  browser,
  server,
  pageErrors,
}) => {
  const chair = await mintChair(server, 'namba');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  context.on('page', (p) => p.on('pageerror', (error) => pageErrors.push(error.message)));
  const page = await context.newPage();
  await openPanel(page, chair.url);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const inView = async (testid: string) => {
    const box = await page.getByTestId(testid).boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= 844;
  };

  await server.stop();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect.poll(() => inView('offline-banner')).toBe(true);
  await page.getByTestId('btn-next').tap();
  await expect(page.getByTestId('queued')).toContainText('Queued: Start.');

  const again = await startServer({ dataDir: server.dataDir, port: server.port });
  try {
    await expect(page.getByTestId('queued-send')).toBeAttached({ timeout: 15_000 });
    await expect.poll(() => inView('queued-send')).toBe(true);
    await page.getByTestId('queued-send').tap();
    await expect(page.getByTestId('status')).toHaveAttribute('data-fate', 'done');
    await expect(page.getByTestId('now-title')).toHaveText(FOUNDATION);
  } finally {
    await again.stop();
    await context.close();
  }
});
