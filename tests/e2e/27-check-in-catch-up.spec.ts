import { DIRECTOR_TOKEN } from '../support/server.js';
import { mintChair, openPanel, watchErrors } from './control-helpers.js';
import { screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';
import { screenshotPath } from './screenshot-helpers.js';

// Day 1, fourteen minutes before the second talk, nobody has pressed Start yet.
test.use({ serverOptions: { args: ['--clock', '2025-10-02T10:06:00+09:00'] } });
test.setTimeout(120_000);

const P2 = 'namba-2025-10-02-1020';
const P3 = 'namba-2025-10-02-1105';
const P3_TITLE = /Toward Practical High-Energy/;
const TABLET = { width: 1024, height: 768 };

test('check-in and a catch-up from the chair panel, seen on the console and on hall signage', async ({
  browser,
  page,
  server,
  pageErrors,
}) => {
  const chair = await mintChair(server, 'namba', 'Chair, I-site Namba');
  // The console and a portrait hall screen (it lists the rest of the day with its times) in the fixture's page
  // context; the chair on a tablet of its own.
  await page.goto(`${server.url}/control/director#token=${DIRECTOR_TOKEN}`);
  const hallCard = page.getByTestId('hall-namba');
  const consoleTalk = (itemId: string) => hallCard.locator(`[data-testid="coming-talk"][data-item-id="${itemId}"]`);
  await expect(hallCard.getByTestId('coming-talk')).toHaveCount(3);
  // The next talk starts in 14 minutes and its speaker has not checked in: warning colour.
  await expect(consoleTalk(P2)).toHaveAttribute('data-warn', 'true');
  await expect(consoleTalk(P3)).toHaveAttribute('data-warn', 'false');
  await hallCard.screenshot({ path: screenshotPath('console-coming-talks-en') });

  const signage = await page.context().newPage();
  await signage.setViewportSize({ width: 1080, height: 1920 });
  await signage.goto(`${server.url}/display/hall/namba`);
  await screenReady(signage);
  const signageP3 = signage.getByTestId('later').locator('.row', { hasText: P3_TITLE });
  await expect(signageP3).toContainText('11:05');

  const tablet = await browser.newContext({ viewport: TABLET, hasTouch: true, timezoneId: 'Europe/Berlin' });
  watchErrors(tablet, pageErrors);
  const panel = await tablet.newPage();
  await openPanel(panel, chair.url);

  // One tap on the next card checks its speaker in; the console shows it, no longer in warning colour.
  const nextCheckIn = panel.getByTestId('next-check-in');
  await expect(nextCheckIn).toHaveAttribute('data-checked-in', 'false');
  await nextCheckIn.tap();
  await expect(nextCheckIn).toHaveAttribute('data-checked-in', 'true');
  await expect(nextCheckIn).toContainText('Checked in');
  await panel.screenshot({ path: screenshotPath('chair-next-checked-in-tablet-en') });
  await expect(consoleTalk(P2)).toHaveAttribute('data-checked-in', 'true');
  await expect(consoleTalk(P2)).toHaveAttribute('data-warn', 'false');

  // The list of the hall's coming talks: check in the talk after the break, and take it back again.
  await panel.getByTestId('open-check-in').tap();
  const sheet = panel.getByTestId('check-in-sheet');
  await expect(sheet.getByTestId(`check-in-row-${P2}`).getByTestId('check-in-toggle')).toHaveAttribute('data-checked-in', 'true');
  const p3Toggle = sheet.getByTestId(`check-in-row-${P3}`).getByTestId('check-in-toggle');
  await p3Toggle.tap();
  await expect(p3Toggle).toHaveAttribute('data-checked-in', 'true');
  await expect(consoleTalk(P3)).toHaveAttribute('data-checked-in', 'true');
  await panel.screenshot({ path: screenshotPath('chair-check-in-tablet-en') });
  await p3Toggle.tap();
  await expect(p3Toggle).toHaveAttribute('data-checked-in', 'false');
  await expect(consoleTalk(P3)).toHaveAttribute('data-checked-in', 'false');
  await panel.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  // The first talk starts 26 minutes late: the rest of the day slips, on signage too.
  await panel.getByTestId('btn-next').tap();
  await expect(panel.getByTestId('status')).toHaveAttribute('data-fate', 'done');
  await expect(signageP3).not.toContainText('11:05');

  // The catch-up sheet: the target defaults to the talk after the break; three plans previewed.
  await panel.getByTestId('open-catch-up').tap();
  const catchUp = panel.getByTestId('catch-up-sheet');
  await expect(catchUp.getByTestId('catch-up-target')).toHaveValue(P3);
  await expect(catchUp.getByTestId('catch-up-expected')).toContainText('min late');
  for (const plan of ['breaks', 'talks', 'both']) {
    await expect(catchUp.getByTestId(`catch-up-plan-${plan}`)).toContainText('absorbs');
  }
  await expect(catchUp.getByTestId('catch-up-plan-breaks')).toContainText('absorbs 10 min');
  await expect(catchUp.getByTestId('catch-up-plan-talks')).toContainText('absorbs 5 min');
  await expect(catchUp.getByTestId('catch-up-plan-both')).toContainText('absorbs 15 min');
  await panel.screenshot({ path: screenshotPath('chair-catch-up-tablet-en') });
  const newStart = (await catchUp.getByTestId('catch-up-plan-both').getByTestId('plan-start').innerText()).match(/\d\d:\d\d/)![0];

  // Apply "both": the hall screen shows the talk after the break at its new time.
  await catchUp.getByTestId('catch-up-apply-both').tap();
  await expect(catchUp).toHaveCount(0);
  await expect(panel.getByTestId('status')).toHaveAttribute('data-fate', 'done');
  await expect(panel.getByTestId('catch-up-in-force')).toContainText('15 min absorbed');
  await expect(signageP3).toContainText(newStart);

  // Undo: the earlier times come back.
  await panel.getByTestId('undo-catch-up').tap();
  await expect(panel.getByTestId('catch-up-in-force')).toHaveCount(0);
  await expect(signageP3).not.toContainText(newStart);

  // The director can catch the hall up from the console too: the same sheet, the same plans.
  await hallCard.getByTestId('console-catch-up').click();
  await expect(page.getByTestId('catch-up-sheet').getByTestId('catch-up-plan-both')).toContainText('absorbs 15 min');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('catch-up-sheet')).toHaveCount(0);

  // The same sheets in Japanese fit the tablet too.
  const ja = await tablet.newPage();
  await openPanel(ja, chair.url.replace('#', '?lang=ja#'));
  await ja.getByTestId('open-catch-up').tap();
  await expect(ja.getByTestId('catch-up-plan-both')).toContainText('吸収');
  await ja.screenshot({ path: screenshotPath('chair-catch-up-tablet-ja') });
  await ja.keyboard.press('Escape');
  await ja.getByTestId('open-check-in').tap();
  await expect(ja.getByTestId('check-in-sheet')).toContainText('受付済み');
  await ja.screenshot({ path: screenshotPath('chair-check-in-tablet-ja') });
  await tablet.close();
});
