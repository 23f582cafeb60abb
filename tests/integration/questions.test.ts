import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket, LiveView, LoggedCommand, Question, QuestionsChanged } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

// Day 1 in Osaka, during the first talk in namba ("Foundation Potentials…", 09:40). The question window is 2 s so a
// rate-limit recovery takes no long sleep; the generic per-address throttle is lifted so only the question
// limits answer 429.
const CLOCK = '2025-10-02T09:45:00+09:00';
const ARGS = ['--clock', CLOCK, '--question-window', '2', '--address-rate', '1000', '--address-burst', '1000'];
const TALK = 'namba-2025-10-02-0940';

let server: TestServer;
let moderator: string;
let chairNamba: string;
let chairNakamozu: string;
const sockets: LecternClientSocket[] = [];

/** A request as a viewer's phone sends it: no token, its device id in the header. */
async function viewer<T = any>(path: string, device: string | null, body?: unknown, method?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(device ? { 'x-lectern-device': device } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

const ask = (device: string | null, body: unknown, hallId = 'namba') => viewer(`/api/v1/halls/${hallId}/questions`, device, body);
const patch = (id: string, body: unknown, token: string) =>
  api<Question>(server.url, `/api/v1/halls/namba/questions/${id}`, { method: 'PATCH', body, token });

async function mint(hallId: string, role?: string): Promise<string> {
  const minted = await api(server.url, '/api/v1/tokens', { body: { hallId, ...(role ? { role } : {}) } });
  expect(minted.status).toBe(201);
  return minted.body.token as string;
}

beforeAll(async () => {
  server = await startServer({ args: ARGS });
  moderator = await mint('namba', 'moderator');
  chairNamba = await mint('namba');
  chairNakamozu = await mint('nakamozu');
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.stop();
});

describe('viewers ask', () => {
  it('201 pending for a new question; the text is stored verbatim, bidi override removed, the talk on now by default', async () => {
    const hostile = '<img src=x onerror=alert(1)> \u202Eevil\u202C & &amp; 質問';
    const asked = await ask('device-hostile-1', { text: hostile, name: '  Aiko <b>  ' });
    expect(asked.status).toBe(201);
    expect(asked.body).toEqual({ id: expect.stringMatching(/^q_/), status: 'pending' });
    const list = await api(server.url, '/api/v1/halls/namba/questions', { token: moderator });
    const stored = list.body.questions.find((q: Question) => q.id === asked.body.id) as Question;
    expect(stored.text).toBe('<img src=x onerror=alert(1)> evil & &amp; 質問');
    expect(stored.name).toBe('Aiko <b>');
    expect(stored.itemId).toBe(TALK);
  });

  it('400 naming the field: empty, over 280 characters (10 KB), a name too long; nothing stored', async () => {
    const before = (await api(server.url, '/api/v1/halls/namba/questions', { token: moderator })).body.questions.length;
    const empty = await ask('device-bad-1', { text: ' \u202E ' });
    expect(empty.status).toBe(400);
    expect(empty.body.problems[0].path).toBe('text');
    const huge = await ask('device-bad-1', { text: 'x'.repeat(10_240) });
    expect(huge.status).toBe(400);
    expect(huge.body).toMatchObject({ error: 'invalid', problems: [{ path: 'text' }] });
    // 280 emoji are 280 characters: accepted.
    expect((await ask('device-bad-2', { text: '🎤'.repeat(280) })).status).toBe(201);
    expect((await ask('device-bad-1', { text: 'ok', name: 'n'.repeat(61) })).body.problems[0].path).toBe('name');
    expect((await ask('device-bad-1', { text: 'ok', itemId: 'nakamozu-2025-10-02-0940' })).body.problems[0].path).toBe('itemId');
    expect((await ask('bad device!', { text: 'ok' })).body.problems[0].path).toBe('x-lectern-device');
    const after = (await api(server.url, '/api/v1/halls/namba/questions', { token: moderator })).body.questions.length;
    expect(after).toBe(before + 1);
  });

  it('the same text from one device merges into the first question', async () => {
    const first = await ask('device-merge-1', { text: 'Which dataset?' });
    const again = await ask('device-merge-1', { text: '  Which dataset?  ' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: first.body.id, status: 'pending', merged: true });
    expect((await ask('device-merge-2', { text: 'Which dataset?' })).body.id).not.toBe(first.body.id);
  });

  it('403 questions_closed when the hall does not take questions', async () => {
    const closed = await api(server.url, '/api/v1/halls/nakamozu/questions/settings', {
      method: 'PATCH',
      body: { mode: 'closed' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ hallId: 'nakamozu', open: false, mode: 'closed' });
    const refused = await ask('device-closed-1', { text: 'anyone there?' }, 'nakamozu');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('questions_closed');
    expect((await viewer('/api/v1/halls/nakamozu/questions/settings', null)).body).toEqual({
      hallId: 'nakamozu',
      open: false,
      mode: 'closed',
      showOnSignage: true,
    });
  });

  it('429 rate_limited with Retry-After past 3 a window per device, and again after the window', async () => {
    for (let i = 0; i < 3; i++) expect((await ask('device-rate-1', { text: `rate ${i}` })).status).toBe(201);
    const limited = await ask('device-rate-1', { text: 'rate 3' });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another device behind the same address still asks.
    expect((await ask('device-rate-2', { text: 'rate other' })).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await ask('device-rate-1', { text: 'rate 4' })).status).toBe(201);
  });

  it('without a device id, the address counts at the device rate', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    for (let i = 0; i < 3; i++) expect((await ask(null, { text: `anon ${i}` })).status).toBe(201);
    expect((await ask(null, { text: 'anon 3' })).status).toBe(429);
  });
});

describe('moderation', () => {
  let id: string;
  beforeAll(async () => {
    id = (await ask('device-mod-1', { text: 'What about the cost?', name: 'Ken' })).body.id;
  });

  it('the public list answers approved questions only, without the moderation fields', async () => {
    const before = await viewer('/api/v1/halls/namba/questions', null);
    expect(before.body.scope).toBe('public');
    expect(before.body.questions.some((q: { id: string }) => q.id === id)).toBe(false);
    expect((await patch(id, { status: 'approved', starred: true }, moderator)).body).toMatchObject({
      status: 'approved',
      starred: true,
    });
    const after = await viewer(`/api/v1/halls/namba/questions?itemId=${TALK}`, null);
    expect(after.body.questions[0]).toEqual({ id, itemId: TALK, text: 'What about the cost?', name: 'Ken', votes: 0 });
  });

  it('403 for a token of another hall; the hall chair reads and marks answered only', async () => {
    const other = await api(server.url, '/api/v1/halls/namba/questions', { token: chairNakamozu });
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('forbidden');
    expect((await patch(id, { status: 'answered' }, chairNakamozu)).status).toBe(403);
    const own = await api(server.url, '/api/v1/halls/namba/questions', { token: chairNamba });
    expect(own.body.scope).toBe('full');
    expect((await patch(id, { status: 'rejected' }, chairNamba)).status).toBe(403);
    expect((await patch(id, { starred: false }, chairNamba)).status).toBe(403);
    expect((await api(server.url, '/api/v1/halls/namba/questions', { token: 'lct_c_nonsense' })).status).toBe(401);
  });

  it('votes count once per device; a device reads its own questions status', async () => {
    const vote = (device: string) => viewer(`/api/v1/halls/namba/questions/${id}/vote`, device, {});
    expect((await vote('device-voter-1')).body).toEqual({ id, votes: 1, counted: true });
    expect((await vote('device-voter-1')).body).toEqual({ id, votes: 1, counted: false });
    expect((await vote('device-voter-2')).body).toEqual({ id, votes: 2, counted: true });
    expect((await viewer(`/api/v1/halls/namba/questions/${id}/vote`, null, {})).status).toBe(400);
    const mine = await viewer('/api/v1/halls/namba/questions/mine', 'device-mod-1');
    expect(mine.body.questions).toEqual([expect.objectContaining({ id, status: 'listed', text: 'What about the cost?' })]);
  });

  it('the moderator orders; the socket gets questions:changed and moderates too', async () => {
    const socket = await connect(server.url, moderator);
    sockets.push(socket);
    const watched = await socket.emitWithAck('questions:watch', { hallId: 'namba' });
    expect(watched.ok).toBe(true);
    const refusedWatch = await (await connect(server.url, chairNakamozu)).emitWithAck('questions:watch', { hallId: 'namba' });
    expect(refusedWatch).toMatchObject({ ok: false, error: 'forbidden' });
    const changed = new Promise<QuestionsChanged>((resolve) => socket.once('questions:changed', resolve));
    const second = (await ask('device-mod-2', { text: 'And the speed?' })).body.id as string;
    expect((await changed).questions[0]).toMatchObject({ id: second, status: 'pending' });
    const updated = await socket.emitWithAck('questions:update', { hallId: 'namba', questionId: second, status: 'approved' });
    expect(updated).toMatchObject({ ok: true, question: { id: second, status: 'approved' } });
    const order = await api(server.url, '/api/v1/halls/namba/questions/order', {
      method: 'PUT',
      body: { questionIds: [second, id] },
      token: moderator,
    });
    expect(order.status).toBe(200);
    const listed = await viewer(`/api/v1/halls/namba/questions?itemId=${TALK}`, null);
    expect(listed.body.questions.map((q: { id: string }) => q.id).slice(0, 2)).toEqual([second, id]);
    const bad = await socket.emitWithAck('questions:update', {
      hallId: 'namba',
      questionId: second,
      status: 'maybe' as 'approved',
    });
    expect(bad).toMatchObject({ ok: false, error: 'invalid' });
  });
});

describe('on air', () => {
  it('showQuestion puts an approved question in the live view; a stale revision is refused; rejected goes off by a logged hideQuestion', async () => {
    const started = await command(server.url, 'namba', { type: 'goto', itemId: TALK }, chairNamba);
    expect(started.status).toBe(200);
    const pending = (await ask('device-air-1', { text: 'Pending one' })).body.id as string;
    const refused = await command(server.url, 'namba', { type: 'showQuestion', questionId: pending }, chairNamba);
    expect(refused.status).toBe(404);
    expect(refused.body.error).toBe('unknown_question');
    const onAir = (await ask('device-air-1', { text: 'On air one', name: 'Mio' })).body.id as string;
    await patch(onAir, { status: 'approved' }, moderator);
    const revision = (started.body as LiveView).revision;
    const shown = await command(
      server.url,
      'namba',
      { type: 'showQuestion', questionId: onAir, expectRevision: revision },
      chairNamba,
    );
    expect(shown.status).toBe(200);
    expect(shown.body.question).toEqual({ id: onAir, text: 'On air one', name: 'Mio' });
    const stale = await command(server.url, 'namba', { type: 'hideQuestion', expectRevision: revision }, moderator);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('stale_revision');
    // A moderator may take questions on and off air, but not run the hall.
    expect((await command(server.url, 'namba', { type: 'next' }, moderator)).status).toBe(403);

    expect((await patch(onAir, { status: 'rejected' }, moderator)).status).toBe(200);
    const live = await api<LiveView>(server.url, '/api/v1/halls/namba/live', { token: null });
    expect(live.body.question).toBeNull();
    const log = await api<{ entries: LoggedCommand[] }>(server.url, '/api/v1/halls/namba/log?last=1');
    expect(log.body.entries[0]).toMatchObject({
      command: { type: 'hideQuestion', questionId: onAir },
      revision: live.body.revision,
    });
  });

  it('a question on air goes off when the item changes', async () => {
    const id = (await ask('device-air-2', { text: 'Until next' })).body.id as string;
    await patch(id, { status: 'approved' }, moderator);
    expect((await command(server.url, 'namba', { type: 'showQuestion', questionId: id }, chairNamba)).body.question.id).toBe(id);
    expect((await command(server.url, 'namba', { type: 'qa' }, chairNamba)).body.question.id).toBe(id);
    expect((await command(server.url, 'namba', { type: 'next' }, chairNamba)).body.question).toBeNull();
    await command(server.url, 'namba', { type: 'goto', itemId: TALK }, chairNamba);
  });
});

describe('export and restart', () => {
  it('exports a talk as CSV and JSON for the director only', async () => {
    const csv = await fetch(`${server.url}/api/v1/halls/namba/questions/export.csv?itemId=${TALK}`, {
      headers: { authorization: `Bearer ${DIRECTOR_TOKEN}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename=".*questions.*\.csv"/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads the Japanese right
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('hall_id,item_id,talk,question_id,status,starred,votes,name,text,asked_at');
    expect(text).toContain('What about the cost?');
    expect(text).toContain('<img src=x onerror=alert(1)> evil & &amp; 質問');
    const json = await api(server.url, `/api/v1/halls/namba/questions/export.json?itemId=${TALK}`);
    expect(json.body).toMatchObject({ hallId: 'namba', itemId: TALK, timeZone: 'Asia/Tokyo' });
    expect(json.body.questions.every((q: Record<string, unknown>) => q.itemId === TALK && !('deviceHash' in q))).toBe(true);
    expect((await api(server.url, '/api/v1/halls/namba/questions/export.json', { token: moderator })).status).toBe(403);
  });

  it('a restart keeps the queue, the votes, the settings and the question on air', async () => {
    const id = (await ask('device-restart-1', { text: 'Still here after a restart?' })).body.id as string;
    await patch(id, { status: 'approved' }, moderator);
    await command(server.url, 'namba', { type: 'showQuestion', questionId: id }, chairNamba);
    const before = (await api(server.url, '/api/v1/halls/namba/questions')).body.questions;
    await server.stop('SIGKILL');
    server = await startServer({ dataDir: server.dataDir, args: ARGS });
    const after = (await api(server.url, '/api/v1/halls/namba/questions')).body.questions;
    expect(after).toEqual(before);
    expect((await api<LiveView>(server.url, '/api/v1/halls/namba/live', { token: null })).body.question?.id).toBe(id);
    expect((await viewer('/api/v1/halls/nakamozu/questions/settings', null)).body.mode).toBe('closed');
    expect((await viewer(`/api/v1/halls/namba/questions/${id}/vote`, 'device-voter-9', {})).body.votes).toBe(1);
    expect((await viewer(`/api/v1/halls/namba/questions/${id}/vote`, 'device-voter-9', {})).body.counted).toBe(false);
  });
});
