import { clickAndConfirm, liveView } from '../e2e/control-helpers.js';
import { expect, test } from '../e2e/fixtures.js';
import { DIRECTOR_TOKEN } from '../support/server.js';

// docs/guarantees.md, "Tokens are secrets": the console's "Open the chair panel" link shows no token on hover or
// in its href; the panel it opens works as the director, and no URL of the new tab carries the token either.

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

test('the console opens a working chair panel without the director token in any visible URL', async ({
  page,
  context,
  server,
}) => {
  await page.goto(`${server.url}/control/director?tab=halls#token=${DIRECTOR_TOKEN}`);
  const link = page.getByTestId('hall-namba').getByTestId('open-panel');
  await expect(link).toBeVisible();
  await link.hover();
  const href = (await link.getAttribute('href'))!;
  expect(href).toBe('/control/hall/namba');
  expect(await link.evaluate((a: HTMLAnchorElement) => a.href)).not.toContain(DIRECTOR_TOKEN);
  expect(href).not.toMatch(/token/i);

  const [panel] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(panel.getByTestId('chair-panel')).toBeVisible();
  await expect(panel.getByTestId('connection')).toHaveAttribute('class', /on/);
  expect(panel.url()).toBe(`${server.url}/control/hall/namba`);
  expect(await panel.evaluate(() => window.opener)).toBeNull();
  const before = (await liveView(server, 'namba')).revision;
  await clickAndConfirm(panel, 'btn-next');
  expect((await liveView(server, 'namba')).revision).toBeGreaterThan(before);
  // Every URL the new tab visited, and its history entry, is the bare panel address.
  expect(await panel.evaluate(() => location.href + document.referrer)).not.toContain(DIRECTOR_TOKEN);
  // The console tab keeps no copy under the panel's key.
  expect(await page.evaluate(() => sessionStorage.getItem('lectern.token'))).toBeNull();
});
