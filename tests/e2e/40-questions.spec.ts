import { command } from '../support/http.js';
import { DIRECTOR_TOKEN } from '../support/server.js';
import { screenReady } from './display-helpers.js';
import { clickAndConfirm, liveView, mintChair, openPanel, watchErrors } from './control-helpers.js';
import { expect, test } from './fixtures.js';

// Day 1, Namba: "Foundation Potentials…" runs 09:40–10:20, so the hall takes questions (automatic mode).
test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });
test.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };
/** Markup, an emoji and Japanese: all shown verbatim, as text. */
const QUESTION = '<b>Does</b> the potential hold at 400 K? 🔋 高温でも';

test('a viewer asks on a phone → the director approves in the console → the chair puts it on air during Q&A → timer and overlay show it → answered, it leaves', async ({
  browser,
  page,
  server,
  pageErrors,
}) => {
  // The viewer, on a phone of their own (own storage: own device id).
  const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  watchErrors(phone, pageErrors);
  const viewer = await phone.newPage();
  await viewer.goto(`${server.url}/live/namba`);
  await screenReady(viewer);
  const ask = viewer.getByTestId('ask-question');
  await expect(ask).toBeVisible();
  await viewer.getByTestId('ask-text').fill(QUESTION);
  await expect(viewer.getByTestId('ask-count')).toContainText(String([...QUESTION].length));
  await viewer.getByTestId('ask-name').fill('Aiko');
  await viewer.getByTestId('ask-send').click();
  await expect(viewer.getByTestId('ask-notice')).toBeVisible();
  const mine = viewer.getByTestId('my-questions');
  await expect(mine.locator('li')).toHaveCount(1);
  await expect(mine.locator('.text')).toHaveText(QUESTION);
  await expect(mine.locator('li')).toHaveAttribute('data-status', 'received');
  // Nothing pending is public.
  await expect(viewer.getByTestId('listed-questions').locator('li')).toHaveCount(0);

  // The director approves it in the console's Questions tab.
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}/control/director?tab=questions&hall=namba#token=${DIRECTOR_TOKEN}`);
  const queue = page.getByTestId('questions-panel');
  const waiting = queue.getByTestId('pending').getByTestId('question');
  await expect(waiting).toHaveCount(1);
  await expect(waiting.getByTestId('question-text')).toHaveText(QUESTION);
  await expect(waiting.locator('b')).toHaveCount(0);
  await waiting.getByTestId('approve').click();
  await expect(queue.getByTestId('approved').getByTestId('question')).toHaveCount(1);

  // The chair opens the panel: in the talk, no questions; in Q&A, the approved one, large.
  const chair = await mintChair(server, 'namba');
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  watchErrors(tablet, pageErrors);
  const panel = await tablet.newPage();
  await openPanel(panel, chair.url);
  await expect(panel.getByTestId('chair-questions')).toHaveCount(0);
  await clickAndConfirm(panel, 'btn-next');
  await expect(panel.getByTestId('chair-questions')).toHaveCount(0);
  await clickAndConfirm(panel, 'btn-qa');
  const chairList = panel.getByTestId('chair-questions');
  await expect(chairList.getByTestId('question')).toHaveCount(1);
  await expect(chairList.getByTestId('question-text')).toHaveText(QUESTION);
  const [timerContext, overlayContext] = [
    await browser.newContext({ viewport: { width: 1920, height: 1080 } }),
    await browser.newContext({ viewport: { width: 1920, height: 1080 } }),
  ];
  watchErrors(timerContext, pageErrors);
  watchErrors(overlayContext, pageErrors);
  const timer = await timerContext.newPage();
  const overlay = await overlayContext.newPage();
  await timer.goto(`${server.url}/display/timer/namba`);
  await overlay.goto(`${server.url}/display/overlay/namba`);
  await screenReady(timer);
  await screenReady(overlay);
  await expect(timer.getByTestId('question-on-air')).toHaveCount(0);
  await expect(overlay.getByTestId('question-on-air')).toHaveCount(0);

  await clickAndConfirm(panel, 'chair-on-air');
  await expect(chairList.getByTestId('on-air-badge')).toBeVisible();
  for (const screen of [timer, overlay]) {
    const card = screen.getByTestId('question-on-air');
    await expect(card).toBeVisible();
    await expect(card.getByTestId('question-text')).toHaveText(QUESTION);
    await expect(card.getByTestId('question-caption')).toContainText('Aiko');
    await expect(card.locator('b')).toHaveCount(0);
  }
  expect((await liveView(server, 'namba')).question).toMatchObject({ text: QUESTION, name: 'Aiko' });
  // The overlay's card sits inside title-safe (90 % of the frame).
  const box = (await overlay.getByTestId('question-on-air').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(96);
  expect(box.y).toBeGreaterThanOrEqual(54);
  expect(box.x + box.width).toBeLessThanOrEqual(1920 - 96);
  expect(box.y + box.height).toBeLessThanOrEqual(1080 - 54);

  // The viewer sees it on the list (the hall changed: the page reads its questions again).
  await expect(mine.locator('li')).toHaveAttribute('data-status', 'listed');
  await expect(viewer.getByTestId('listed-questions').locator('li')).toHaveCount(1);

  // Answered: it leaves the chair's list, the timer and the overlay; the viewer's device says answered.
  await clickAndConfirm(panel, 'chair-answered');
  await expect(chairList.getByTestId('question')).toHaveCount(0);
  await expect(chairList.getByTestId('chair-no-questions')).toBeVisible();
  await expect(timer.getByTestId('question-on-air')).toHaveCount(0);
  await expect(overlay.getByTestId('question-on-air')).toHaveCount(0);
  expect((await liveView(server, 'namba')).question).toBeNull();
  await viewer.reload();
  await expect(viewer.getByTestId('my-questions').locator('li')).toHaveAttribute('data-status', 'answered');
  await expect(page.getByTestId('questions-panel').getByTestId('approved').getByTestId('question')).toHaveCount(0);

  await Promise.all([phone.close(), tablet.close(), timerContext.close(), overlayContext.close()]);
});

test('the console mints a moderator link (QR code, revocable); it opens the hall’s questions page and only that hall’s', async ({
  browser,
  page,
  server,
  pageErrors,
}) => {
  await page.goto(`${server.url}/control/director?tab=access#token=${DIRECTOR_TOKEN}`);
  await page.getByTestId('mint-moderator-namba').click();
  const card = page.getByTestId('moderator-link-namba');
  await expect(card).toBeVisible();
  await expect(card.locator('canvas, svg, img').first()).toBeVisible();
  const url = (await card.getAttribute('data-link'))!;
  expect(url).toContain('/control/questions/namba#token=');

  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  watchErrors(laptop, pageErrors);
  const moderator = await laptop.newPage();
  await moderator.goto(url);
  await expect(moderator.getByTestId('moderator-page')).toBeVisible();
  await expect(moderator.getByTestId('question-settings')).toBeVisible();
  await expect(moderator.getByTestId('questions-open')).toHaveText('Open now');
  // A question arrives while the page is open: it appears live, and the moderator approves it.
  const asked = await fetch(`${server.url}/api/v1/halls/namba/questions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lectern-device': 'e2e-device-0001' },
    body: JSON.stringify({ text: 'What limits the ionic conductivity?' }),
  });
  expect(asked.status).toBe(201);
  const { id } = (await asked.json()) as { id: string };
  const row = moderator.locator(`[data-question="${id}"]`);
  await expect(row).toHaveAttribute('data-status', 'pending');
  await row.getByTestId('approve').click();
  await expect(row).toHaveAttribute('data-status', 'approved');
  // Off hall signage: on air, the timer shows it and the signage does not.
  await moderator.getByTestId('show-on-signage').uncheck();
  await expect(moderator.getByTestId('show-on-signage')).not.toBeChecked();
  await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
  expect((await command(server.url, 'namba', { type: 'showQuestion', questionId: id })).status).toBe(200);
  const screens = await page.context().newPage();
  await screens.goto(`${server.url}/display/timer/namba`);
  await expect(screens.getByTestId('question-on-air')).toBeVisible();
  await screens.goto(`${server.url}/display/hall/namba`);
  await screenReady(screens);
  await expect(screens.getByTestId('now-title')).toBeVisible();
  await screens.waitForTimeout(500);
  await expect(screens.getByTestId('question-on-air')).toHaveCount(0);
  await moderator.getByTestId('show-on-signage').check();
  await command(server.url, 'namba', { type: 'hideQuestion' });
  await command(server.url, 'namba', { type: 'showQuestion', questionId: id });
  await expect(screens.getByTestId('question-on-air')).toBeVisible();
  await screens.close();
  // Auto-approve with a held word: a question with the word waits for the moderator, with the word shown.
  await moderator.getByTestId('auto-approve').check();
  await moderator.getByTestId('held-words').fill('advert, 宣伝');
  await moderator.getByTestId('held-words-save').click();
  await expect(moderator.getByTestId('held-words')).toHaveValue('advert, 宣伝');
  // Another moderator saves other words while this one types: the edit stays, and the field says what was saved.
  await moderator.getByTestId('held-words').fill('advert, 宣伝, scam');
  const elsewhere = await fetch(`${server.url}/api/v1/halls/namba/questions/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DIRECTOR_TOKEN}` },
    body: JSON.stringify({ heldWords: ['advert', '宣伝', 'spam'] }),
  });
  expect(elsewhere.status).toBe(200);
  await expect(moderator.getByTestId('held-words-elsewhere')).toContainText('advert, 宣伝, spam');
  await expect(moderator.getByTestId('held-words')).toHaveValue('advert, 宣伝, scam');
  await moderator.screenshot({ path: test.info().outputPath('held-words-elsewhere.png') });
  await moderator.getByTestId('held-words-use-saved').click();
  await expect(moderator.getByTestId('held-words')).toHaveValue('advert, 宣伝, spam');
  await expect(moderator.getByTestId('held-words-elsewhere')).toHaveCount(0);
  await moderator.getByTestId('held-words').fill('advert, 宣伝');
  await moderator.getByTestId('held-words-save').click();
  await expect(moderator.getByTestId('held-words')).toHaveValue('advert, 宣伝');
  await expect(moderator.getByTestId('held-words-elsewhere')).toHaveCount(0);
  for (const [device, text] of [
    ['e2e-device-0002', 'Buy our ADVERT kit'],
    ['e2e-device-0003', 'Is the code public?'],
  ] as const) {
    const sent = await fetch(`${server.url}/api/v1/halls/namba/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lectern-device': device },
      body: JSON.stringify({ text }),
    });
    expect(sent.status).toBe(201);
  }
  const held = moderator.getByTestId('pending').getByTestId('question');
  await expect(held).toHaveCount(1);
  await expect(held.getByTestId('held')).toContainText('advert');
  await expect(moderator.getByTestId('approved').getByTestId('question')).toHaveCount(2);
  // Closing the hall: the viewer's form goes.
  await moderator.getByTestId('mode-closed').click();
  await expect(moderator.getByTestId('questions-open')).toHaveText('Closed now');
  const viewer = await page.context().newPage();
  await viewer.goto(`${server.url}/live/namba`);
  await screenReady(viewer);
  await expect(viewer.getByTestId('listed-questions').locator('li')).toHaveCount(2);
  await expect(viewer.getByTestId('ask-question')).toHaveCount(0);
  await viewer.close();

  // The same link on another hall's page is refused.
  const other = await laptop.newPage();
  await other.goto(url.replace('/questions/namba', '/questions/nakamozu'));
  await expect(other.getByTestId('moderator-page')).toHaveCount(0);
  await expect(other.getByRole('heading', { name: 'This link does not open the questions' })).toBeVisible();

  // Revoked in the console: the page says so.
  await page.reload();
  await page.locator('tr', { hasText: 'Moderator' }).getByTestId('revoke').click();
  await expect(page.locator('tr', { hasText: 'Moderator' })).toContainText('revoked');
  await moderator.reload();
  await expect(moderator.getByTestId('moderator-page')).toHaveCount(0);
  await laptop.close();
});
