import { api, command } from '../support/http.js';
import type { TestServer } from '../support/server.js';
import { JAPANESE_PROGRAM } from './display-helpers.js';
import { mintChair } from './control-helpers.js';
import { expect, test } from './fixtures.js';
import { BEHIND_OVERLAY, LANDSCAPE, PHONE, PORTRAIT, shoot } from './screenshot-helpers.js';

/**
 * Screenshots of the audience questions' views (the live page's form, the moderator's page, the chair's list, the
 * question on air on the timer, the overlay and the signage) at phone, tablet and 1080p sizes, in English and
 * Japanese. Each is also checked for anything spilling out of its box.
 */
const TABLET = { width: 1024, height: 768 };
const LAPTOP = { width: 1366, height: 900 };

/** Asks as a viewer; answers the question's id. */
async function ask(server: TestServer, hallId: string, text: string, name?: string, device = 'shots-device-0001') {
  const response = await fetch(`${server.url}/api/v1/halls/${hallId}/questions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lectern-device': device },
    body: JSON.stringify({ text, ...(name ? { name } : {}) }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function approve(server: TestServer, hallId: string, id: string, starred = false) {
  const answer = await api(server.url, `/api/v1/halls/${hallId}/questions/${id}`, {
    method: 'PATCH',
    body: { status: 'approved', ...(starred ? { starred } : {}) },
  });
  expect(answer.status).toBe(200);
}

async function shootAll(
  page: Parameters<typeof shoot>[0],
  server: TestServer,
  hallId: string,
  lang: 'en' | 'ja',
  questions: { id: string }[],
) {
  const u = server.url;
  const chair = await mintChair(server, hallId);
  const moderator = await api<{ url: string }>(u, '/api/v1/tokens', { body: { hallId, role: 'moderator' } });
  expect(moderator.status).toBe(201);
  await shoot(page, `questions-live-phone-${lang}`, `${u}/live/${hallId}`, PHONE, 1, {
    scrollTo: 'ask-question',
    locale: `${lang}-JP`,
  });
  await shoot(page, `questions-moderator-laptop-${lang}`, moderator.body.url, LAPTOP, 1, { scrolls: true });
  await shoot(page, `questions-moderator-phone-${lang}`, moderator.body.url, PHONE, 1, { scrolls: true });
  // In Q&A with the first question on air.
  await command(u, hallId, { type: 'qa' });
  await command(u, hallId, { type: 'showQuestion', questionId: questions[0]!.id });
  await shoot(page, `questions-chair-tablet-${lang}`, chair.url, TABLET, 1, { check: false, scrollTo: 'chair-questions' });
  await shoot(page, `questions-timer-landscape-${lang}`, `${u}/display/timer/${hallId}`, LANDSCAPE);
  await shoot(page, `questions-timer-portrait-${lang}`, `${u}/display/timer/${hallId}`, PORTRAIT);
  await shoot(page, `questions-overlay-${lang}`, `${u}/display/overlay/${hallId}?key=${BEHIND_OVERLAY}`, LANDSCAPE);
  await shoot(page, `questions-signage-${lang}`, `${u}/display/hall/${hallId}`, LANDSCAPE);
  await shoot(page, `questions-live-desktop-${lang}`, `${u}/live/${hallId}`, LAPTOP, 1, { locale: `${lang}-JP` });
}

test.describe('screenshots: audience questions (English)', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:52:00+09:00'] } });

  test('live page, moderator, chair, timer, overlay, signage', async ({ page, server, pageErrors }) => {
    test.setTimeout(180_000);
    void pageErrors;
    await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
    const long = await ask(
      server,
      'namba',
      'How transferable is the foundation potential to sulfide electrolytes with grain boundaries, and what training data would it need for interfaces with lithium metal?',
      'Aiko Tanaka',
    );
    const short = await ask(server, 'namba', 'Is the model open source?', undefined, 'shots-device-0002');
    await ask(server, 'namba', 'Will the slides be online?', 'Ben', 'shots-device-0003');
    await approve(server, 'namba', long, true);
    await approve(server, 'namba', short);
    await shootAll(page, server, 'namba', 'en', [{ id: long }, { id: short }]);
  });
});

test.describe('screenshots: audience questions (Japanese)', () => {
  test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:52:00+09:00', '--program', JAPANESE_PROGRAM] } });

  test('live page, moderator, chair, timer, overlay, signage in Japanese', async ({ page, server, pageErrors }) => {
    test.setTimeout(180_000);
    void pageErrors;
    await command(server.url, 'hall-a', { type: 'goto', itemId: 'a-0940' });
    const first = await ask(
      server,
      'hall-a',
      '粒界を含む硫化物系固体電解質にも、このポテンシャルはそのまま適用できますか？学習データはどの程度必要でしょうか。',
      '田中 愛子',
    );
    const second = await ask(server, 'hall-a', 'モデルは公開されていますか？', undefined, 'shots-device-0002');
    await ask(server, 'hall-a', 'スライドは後で公開されますか？', '佐藤', 'shots-device-0003');
    await approve(server, 'hall-a', first, true);
    await approve(server, 'hall-a', second);
    await shootAll(page, server, 'hall-a', 'ja', [{ id: first }, { id: second }]);
  });
});
