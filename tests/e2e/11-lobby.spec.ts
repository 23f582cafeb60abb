import { api, command } from '../support/http.js';
import { CCC_PROGRAM, LANDSCAPE, PORTRAIT, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.describe('the lobby on Day 1 of the demo event', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] }, viewport: LANDSCAPE });

  test('every hall side by side; a hall with nothing today says when it opens next', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/lobby`);
    await screenReady(page);
    const halls = page.getByTestId('lobby-hall');
    await expect(halls).toHaveCount(2);
    const namba = page.locator('[data-hall="namba"]');
    const nakamozu = page.locator('[data-hall="nakamozu"]');
    await expect(namba.getByTestId('now-title')).toHaveText(
      'Foundation Potentials for Massive-Scale Design of Solid Electrolytes',
    );
    await expect(namba.getByTestId('next-title')).toHaveText(/^Challenges toward reproducibility/);
    await expect(nakamozu.getByTestId('opening')).toContainText('Day 2 opens Friday 13:30');
    const [a, b] = await Promise.all([namba.boundingBox(), nakamozu.boundingBox()]);
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width);
  });

  test('a command through the API changes the lobby within a second; messages only when they target it', async ({
    page,
    server,
    pageErrors,
  }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/lobby`);
    await screenReady(page);
    const namba = page.locator('[data-hall="namba"]');
    await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1105' });
    await expect(namba.getByTestId('now-title')).toHaveText(/^Toward Practical High-Energy/, { timeout: 1000 });
    await command(server.url, 'namba', { type: 'message', text: 'Stream only', targets: ['stream'] });
    await command(server.url, 'namba', { type: 'break', minutes: 15 });
    await expect(namba).toHaveAttribute('data-scene', 'break', { timeout: 1000 });
    await expect(namba.getByTestId('countdown')).toHaveText(/^(15:00|14:5\d)$/);
    await expect(page.getByTestId('message')).toHaveCount(0);
    await command(server.url, 'namba', { type: 'message', text: 'Lunch boxes at the back', targets: ['lobby'] });
    await expect(namba.getByTestId('message')).toHaveText('Lunch boxes at the back', { timeout: 1000 });
  });

  test('a message to every hall shows once across the lobby, not once per hall', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/lobby`);
    await screenReady(page);
    const { status } = await api(server.url, '/api/v1/message', {
      body: { text: 'Fire drill at 11:00: please follow the staff' },
    });
    expect(status).toBe(200);
    await expect(page.getByTestId('message')).toHaveCount(1, { timeout: 1000 });
    await expect(page.getByTestId('message')).toHaveText('Fire drill at 11:00: please follow the staff');
    await expect(page.locator('[data-hall] [data-testid="message"]')).toHaveCount(0);
    // One hall's own message is that hall's again.
    await command(server.url, 'nakamozu', { type: 'message', text: 'Doors open 13:30', targets: ['lobby'] });
    await expect(page.locator('[data-hall="nakamozu"]').getByTestId('message')).toHaveText('Doors open 13:30', { timeout: 1000 });
    await expect(page.locator('[data-hall="namba"]').getByTestId('message')).toHaveText(/^Fire drill/);
  });

  test('a portrait lobby stacks the halls', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.setViewportSize(PORTRAIT);
    await page.goto(`${server.url}/display/lobby`);
    await screenReady(page);
    const [a, b] = await Promise.all([
      page.locator('[data-hall="namba"]').boundingBox(),
      page.locator('[data-hall="nakamozu"]').boundingBox(),
    ]);
    expect(b!.y).toBeGreaterThan(a!.y + a!.height);
  });
});

test.describe('the lobby at the 31C3', () => {
  test.use({ serverOptions: { args: ['--clock', '2014-12-28T00:30:00+01:00', '--program', CCC_PROGRAM] }, viewport: LANDSCAPE });

  test('four halls; a hall done for the night says when it opens tomorrow', async ({ page, server, pageErrors }) => {
    void pageErrors;
    await page.goto(`${server.url}/display/lobby`);
    await screenReady(page);
    await expect(page.getByTestId('lobby-hall')).toHaveCount(4);
    await expect(page.locator('[data-hall="saal-1"]').getByTestId('now-title')).toHaveText('Citizenfour');
    await expect(page.locator('[data-hall="saal-6"]').getByTestId('opening')).toContainText('Day 2 opens Sunday 11:30');
  });
});
