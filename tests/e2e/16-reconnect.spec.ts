import { command } from '../support/http.js';
import { startServer, type TestServer } from '../support/server.js';
import { LANDSCAPE, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] }, viewport: LANDSCAPE });

test('a screen that loses the server keeps ticking, marks it, and recovers from a restart without a reload', async ({
  page,
  server,
  pageErrors,
}) => {
  test.setTimeout(90_000);
  void pageErrors;
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  await page.goto(`${server.url}/display/timer/namba`);
  await screenReady(page);
  await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
  const digits = page.getByTestId('timer-digits');
  await expect(page.getByTestId('reconnecting')).toHaveCount(0);

  await server.stop('SIGKILL');
  // Discreet, and only after a few seconds.
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('reconnecting')).toHaveCount(0);
  await expect(page.getByTestId('reconnecting')).toBeVisible({ timeout: 8000 });
  // Still ticking from the last state.
  const shown = await digits.getAttribute('aria-label');
  await expect(digits).not.toHaveAttribute('aria-label', shown!, { timeout: 2500 });

  let restarted: TestServer | undefined;
  try {
    // The same port and data: the rehearsal clock and the hall's state come back with it.
    restarted = await startServer({ port: server.port, dataDir: server.dataDir });
    await expect(page.getByTestId('reconnecting')).toHaveCount(0, { timeout: 15_000 });
    expect((await command(restarted.url, 'namba', { type: 'qa' })).status).toBe(200);
    await expect(page.getByTestId('timer-label')).toHaveText('Q&A', { timeout: 3000 });
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  } finally {
    await restarted?.stop();
  }
});

test('signage and lobby resync by themselves after a restart', async ({ page, server, pageErrors }) => {
  test.setTimeout(90_000);
  void pageErrors;
  await page.goto(`${server.url}/display/hall/namba`);
  await screenReady(page);
  const lobby = await page.context().newPage();
  await lobby.setViewportSize(LANDSCAPE);
  await lobby.goto(`${server.url}/display/lobby`);
  await screenReady(lobby);
  await server.stop('SIGKILL');
  await expect(page.getByTestId('reconnecting')).toBeVisible({ timeout: 8000 });
  let restarted: TestServer | undefined;
  try {
    restarted = await startServer({ port: server.port, dataDir: server.dataDir });
    await expect(page.getByTestId('reconnecting')).toHaveCount(0, { timeout: 15_000 });
    await expect(lobby.getByTestId('reconnecting')).toHaveCount(0, { timeout: 15_000 });
    await command(restarted.url, 'namba', { type: 'message', text: 'Back on air', targets: ['signage', 'lobby'] });
    await expect(page.getByTestId('message')).toHaveText('Back on air', { timeout: 3000 });
    await expect(lobby.locator('[data-hall="namba"]').getByTestId('message')).toHaveText('Back on air', { timeout: 3000 });
  } finally {
    await restarted?.stop();
  }
});
