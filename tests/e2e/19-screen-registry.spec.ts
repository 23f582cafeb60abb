import { api } from '../support/http.js';
import { LANDSCAPE, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] }, viewport: LANDSCAPE });

const screens = [
  {
    path: '/display/hall/namba?name=stage-left',
    hello: { page: 'signage', hallId: 'namba', name: 'stage-left' },
    text: 'I-site Namba',
  },
  { path: '/display/lobby?name=foyer', hello: { page: 'lobby', name: 'foyer' } },
  { path: '/display/timer/namba?name=lectern', hello: { page: 'timer', hallId: 'namba', name: 'lectern' }, text: 'I-site Namba' },
  { path: '/display/overlay/namba?name=obs', hello: { page: 'overlay', hallId: 'namba', name: 'obs' }, text: 'I-site Namba' },
  { path: '/live/namba?name=viewer', hello: { page: 'live', hallId: 'namba', name: 'viewer' }, text: 'I-site Namba' },
];

interface Listed {
  id: string;
  page: string;
  hallId?: string;
  name?: string;
}

for (const screen of screens) {
  test(`${screen.hello.page} introduces itself to the director, and flashes its name full screen when identified`, async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}${screen.path}`);
    await screenReady(page);
    let listed: Listed | undefined;
    await expect
      .poll(async () => {
        listed = (await api<Listed[]>(server.url, '/api/v1/displays')).body.find((d) => d.name === screen.hello.name);
        return listed && { page: listed.page, hallId: listed.hallId, name: listed.name };
      })
      .toEqual({ hallId: undefined, ...screen.hello });

    const identify = await api<{ text: string }>(server.url, `/api/v1/displays/${listed!.id}/identify`, {
      body: { durationMs: 1500 },
    });
    expect(identify.status).toBe(200);
    const flash = page.getByTestId('identify');
    await expect(flash).toHaveText(screen.text ?? identify.body.text);
    const box = (await flash.boundingBox())!;
    expect(box.width * box.height).toBeGreaterThanOrEqual(LANDSCAPE.width * LANDSCAPE.height * 0.99);
    await expect(flash).toHaveCount(0, { timeout: 3000 });
  });
}
