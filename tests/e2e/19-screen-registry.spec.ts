import type { Page, WebSocketRoute } from '@playwright/test';
import { LANDSCAPE, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] }, viewport: LANDSCAPE });

/** Passes the page's socket through, recording what it sends; answers the route to inject server events. */
async function tapSocket(page: Page): Promise<{ sent: string[]; socket: Promise<WebSocketRoute> }> {
  const sent: string[] = [];
  let opened!: (route: WebSocketRoute) => void;
  const socket = new Promise<WebSocketRoute>((resolve) => (opened = resolve));
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      sent.push(String(message));
      server.send(message);
    });
    server.onMessage((message) => ws.send(message));
    opened(ws);
  });
  return { sent, socket };
}

const screens = [
  { path: '/display/hall/namba?name=stage-left', hello: { page: 'signage', hallId: 'namba', name: 'stage-left' } },
  { path: '/display/lobby?name=foyer', hello: { page: 'lobby', name: 'foyer' } },
  { path: '/display/timer/namba?name=lectern', hello: { page: 'timer', hallId: 'namba', name: 'lectern' } },
  { path: '/display/overlay/namba?name=obs', hello: { page: 'overlay', hallId: 'namba', name: 'obs' } },
  { path: '/live/namba', hello: { page: 'live', hallId: 'namba' } },
];

for (const screen of screens) {
  test(`${screen.hello.page} introduces itself and flashes its hall's name when the director identifies it`, async ({ page, server, pageErrors }) => {
    void pageErrors;
    const tap = await tapSocket(page);
    await page.goto(`${server.url}${screen.path}`);
    await screenReady(page);
    await expect.poll(() => tap.sent.find((m) => m.startsWith('42["display:hello"'))).toBeTruthy();
    const hello = JSON.parse(tap.sent.find((m) => m.startsWith('42["display:hello"'))!.slice(2))[1];
    expect(hello).toEqual(screen.hello);

    const ws = await tap.socket;
    ws.send(`42${JSON.stringify(['display:identify', { text: 'I-site Namba', durationMs: 1500 }])}`);
    const flash = page.getByTestId('identify');
    await expect(flash).toHaveText('I-site Namba');
    const box = (await flash.boundingBox())!;
    expect(box.width * box.height).toBeGreaterThanOrEqual(page.viewportSize()!.width * page.viewportSize()!.height * 0.99);
    await expect(flash).toHaveCount(0, { timeout: 3000 });
  });
}
