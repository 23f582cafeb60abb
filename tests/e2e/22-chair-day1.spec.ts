import type { CommandLogPage } from '../../shared/index.js';
import { demoProgram } from '../support/demo.js';
import { api } from '../support/http.js';
import { clickAndConfirm, liveView, mintChair, openPanel, pressAndConfirm } from './control-helpers.js';
import { expect, test } from './fixtures.js';

// Day 1 of the demo event, a few minutes before registration opens, on the rehearsal clock.
test.use({ serverOptions: { args: ['--clock', '2025-10-02T08:55:00+09:00'] } });
test.setTimeout(180_000);

const day1 = demoProgram().items.filter((item) => item.hallId === 'namba');
const title = (index: number) => day1[index]!.title;

test('a chair who has never seen Lectern runs Day 1 from the panel alone', async ({ context, page, server, pageErrors }) => {
  void pageErrors;
  const chair = await mintChair(server, 'namba', 'Chair, I-site Namba');
  const signage = await context.newPage();
  await signage.goto(`${server.url}/display/hall/namba`);
  // The control page is the one in front (a background tab gets its animation frames throttled).
  await page.bringToFront();
  await openPanel(page, chair.url);

  /** The big button says what it will start; pressing it starts exactly that, on the panel and the hall screen. */
  async function startNext(index: number, how: 'click' | 'Space' | 'PageDown' | 'ArrowRight' = 'click') {
    await expect(page.getByTestId('btn-next')).toContainText(title(index));
    if (how === 'click') await clickAndConfirm(page, 'btn-next');
    else await pressAndConfirm(page, how);
    await expect(page.getByTestId('now-title')).toHaveText(title(index));
    await expect(signage.getByTestId('now-title')).toHaveText(title(index));
  }

  // Registration, opening, the first talk and its questions.
  await expect(page.getByTestId('btn-next')).toContainText('Start');
  await startNext(0);
  await startNext(1, 'Space');
  await startNext(2, 'PageDown');
  await expect(page.getByTestId('now-speaker')).toContainText('Shyue Ping Ong');
  await expect(page.getByTestId('remaining')).toBeVisible();
  await clickAndConfirm(page, 'btn-qa');
  await expect(page.getByTestId('phase')).toHaveText('Q&A');

  // Second talk; Q&A by key; then the program's coffee break from the Break button.
  await startNext(3, 'ArrowRight');
  await pressAndConfirm(page, 'q');
  await expect(page.getByTestId('btn-break')).toContainText('15 min');
  await clickAndConfirm(page, 'btn-break');
  await expect(page.getByTestId('now-title')).toHaveText(title(4));
  await expect(page.getByTestId('phase')).toHaveText('Break');

  // The speaker after the break needs five more minutes.
  await startNext(5);
  await clickAndConfirm(page, 'btn-extend5');
  await startNext(6);

  // Lunch is the program's next break: the Break button starts it with its own length.
  await expect(page.getByTestId('btn-break')).toContainText('60 min');
  await pressAndConfirm(page, 'b');
  await expect(page.getByTestId('now-title')).toHaveText(title(7));

  // After lunch: the projector fails, the chair holds the hall, then releases it.
  await startNext(8);
  await clickAndConfirm(page, 'btn-hold');
  await expect(page.getByTestId('phase')).toHaveText('On hold');
  await pressAndConfirm(page, 'h');
  await expect(page.getByTestId('phase')).toHaveText('On now');

  // A double press by mistake, undone with Back.
  await startNext(9);
  await startNext(10, 'Space');
  await pressAndConfirm(page, 'ArrowLeft');
  await expect(page.getByTestId('now-title')).toHaveText(title(9));
  await startNext(10);

  // Afternoon break, the last talks, closing, the move, the networking event.
  await startNext(11, 'Space');
  await expect(page.getByTestId('phase')).toHaveText('Break');
  for (const index of [12, 13, 14, 15, 16, 17]) await startNext(index, 'PageDown');

  // The last item of the day: the big button ends the day.
  await expect(page.getByTestId('btn-next')).toContainText('End the day');
  await clickAndConfirm(page, 'btn-next');
  await expect(page.getByTestId('phase')).toHaveText('Day ended');
  expect((await liveView(server, 'namba')).phase).toBe('ended');

  // Everything was done from the panel, by the chair, and logged as rehearsal.
  const log = (await api<CommandLogPage>(server.url, '/api/v1/halls/namba/log?limit=1000')).body.entries;
  expect(log.every((e) => e.role === 'chair' && e.actorLabel === 'Chair, I-site Namba' && e.rehearsal)).toBe(true);
  // 16 items started with next (the other two, both breaks, with Break), one again after Back, and the end.
  expect(log.filter((e) => e.command.type === 'next').length).toBe(16 + 1 + 1);
  expect(log.filter((e) => e.command.type === 'break').length).toBe(2);
  expect(day1).toHaveLength(18);
});
