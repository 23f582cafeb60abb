import { command } from '../support/http.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

test('the built display and control pages are served and follow a command', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/display/hall/namba`);
  await expect(page.getByTestId('now-title')).toHaveText('Foundation Potentials for Massive-Scale Design of Solid Electrolytes');
  const { status } = await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1020' });
  expect(status).toBe(200);
  await expect(page.getByTestId('now-title')).toHaveText(/Challenges toward reproducibility/, { timeout: 1000 });
});
