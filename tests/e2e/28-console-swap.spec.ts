import { DIRECTOR_TOKEN } from '../support/server.js';
import { liveView } from './control-helpers.js';
import { expect, test } from './fixtures.js';
import { screenshotPath } from './screenshot-helpers.js';

// Day 1, fourteen minutes before the second talk; its speaker has not checked in.
test.use({ serverOptions: { args: ['--clock', '2025-10-02T10:06:00+09:00'] } });

test('the console swaps a coming talk whose speaker is not here with a later one', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/control/director#token=${DIRECTOR_TOKEN}`);
  const card = page.getByTestId('hall-namba');
  const talks = card.getByTestId('coming-talk');
  await expect(talks).toHaveCount(3);
  await expect(talks.nth(0)).toContainText('Challenges toward reproducibility');
  await expect(talks.nth(1)).toContainText('Toward Practical High-Energy');

  await talks.nth(0).getByTestId('swap').click();
  const choice = talks.nth(0).getByTestId('swap-with');
  // Only later talks of the day are offered, the next one first.
  await expect(choice.locator('option').first()).toContainText('11:05 Toward Practical High-Energy');
  await talks.nth(0).screenshot({ path: screenshotPath('console-coming-talks-swap-en') });
  await talks.nth(0).getByTestId('swap-confirm').click();

  await expect(card.getByTestId('swap-result')).toContainText('swapped');
  await expect(talks.nth(0)).toContainText('Toward Practical High-Energy');
  await expect(talks.nth(1)).toContainText('Challenges toward reproducibility');
  // The server's program changed: the hall's next item is the other talk now.
  expect((await liveView(server, 'namba')).next?.title).toMatch(/^Toward Practical High-Energy/);
});
