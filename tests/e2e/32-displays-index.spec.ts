import { CCC_PROGRAM, screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2014-12-28T12:10:00+01:00', '--program', CCC_PROGRAM] } });

test('the screens index lists every screen of every hall for the crew, with what each hall is doing', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  await page.goto(`${server.url}/display`);
  await screenReady(page);
  const halls = page.getByTestId('index-hall');
  await expect(halls).toHaveCount(4);
  const saal1 = halls.filter({ hasText: 'Saal 1' });
  await expect(saal1).toContainText('Now: Switches Get Stitches');
  for (const path of [
    '/display/hall/saal-1',
    '/display/hall/saal-1?orientation=portrait',
    '/display/timer/saal-1',
    '/display/overlay/saal-1',
    '/display/overlay/saal-1?key=green',
    '/live/saal-1',
  ]) {
    await expect(saal1.locator(`a[href="${path}"]`)).toHaveCount(1);
    await expect(saal1).toContainText(`${server.url}${path}`);
  }
  await expect(page.locator('a[href="/display/lobby"]')).toHaveCount(1);
  await page.locator('a[href="/display/timer/saal-1"]').click();
  await expect(page.locator('.timer')).toHaveAttribute('data-tone', 'calm');
});
