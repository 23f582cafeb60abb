import type { Page } from '@playwright/test';
import type { Program } from '../../shared/index.js';
import { expect, test } from '../e2e/fixtures.js';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN } from '../support/server.js';

// docs/guarantees.md, "User text is text": hostile program text and banners render as typed on every page,
// display and control: no dialog opens, no injected element exists, the text is visible as it was written.

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

// Short enough that no page shortens them with an ellipsis.
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const RTL = '\u202Eevil';
const TITLE = `${IMG} Talk`;
const SPEAKER = `${RTL} <b>Ong</b>`;
const BANNER = `${SCRIPT} ${RTL}`;

async function plantHostileText(base: string): Promise<void> {
  const program = (await api<Program>(base, '/api/v1/program', { token: null })).body;
  const item = program.items.find((i) => i.id === 'namba-2025-10-02-0940')!;
  item.title = TITLE;
  item.speakers = [{ name: SPEAKER, affiliation: IMG }];
  const hall = program.halls.find((h) => h.id === 'namba')!;
  hall.name = `Namba ${SCRIPT}`;
  const { revision: _revision, ...file } = program as Program & { revision: number };
  const upload = await fetch(`${base}/api/v1/program?format=json`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DIRECTOR_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(file),
  });
  expect(upload.status, await upload.text()).toBe(200);
  expect((await command(base, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' })).status).toBe(200);
  expect((await command(base, 'namba', { type: 'message', text: BANNER })).status).toBe(200);
}

const PAGES: { path: string; shows: string[] }[] = [
  { path: '/display/hall/namba', shows: [TITLE, SPEAKER, BANNER] },
  { path: '/display/lobby', shows: [TITLE, SPEAKER, BANNER] },
  { path: '/display/timer/namba', shows: [BANNER] },
  { path: '/display/overlay/namba', shows: [TITLE] },
  { path: '/live/namba', shows: [TITLE, BANNER] },
  { path: '/live', shows: [TITLE] },
  { path: '/control/hall/namba', shows: [TITLE] },
  { path: '/control/director', shows: [TITLE] },
];

/** Whitespace as the page lays it out: runs collapse to one space. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

async function expectInert(page: Page, dialogs: string[]) {
  expect(dialogs, 'dialogs').toEqual([]);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('b', { hasText: 'Ong' }).count()).toBe(0);
  const inlineScripts = await page.locator('script:not([src])').evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''));
  expect(inlineScripts.filter((s) => s.includes('alert('))).toEqual([]);
}

for (const { path, shows } of PAGES) {
  test(`${path}: hostile program text and banners render as text`, async ({ page, server, pageErrors }) => {
    await plantHostileText(server.url);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const control = path.startsWith('/control');
    await page.goto(`${server.url}${path}${control ? `#token=${DIRECTOR_TOKEN}` : ''}`);
    for (const text of shows) {
      await expect.poll(async () => squash(await page.locator('body').innerText()), { timeout: 10_000 }).toContain(squash(text));
    }
    await page.waitForTimeout(300);
    await expectInert(page, dialogs);
    expect(pageErrors).toEqual([]);
  });
}
