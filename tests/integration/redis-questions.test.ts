import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket, LiveView, QuestionsChanged } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { startNode, startRedis, type TestRedis } from '../support/redis.js';
import { DIRECTOR_TOKEN, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

// Two nodes on one real redis-server share one question queue: asked on A, screened on B, voted on both (once
// per device), on air from B and seen on A; a moderator's socket on A hears what B changed.
// Day 1, during the first talk in namba, when the hall takes questions by default.
const CLOCK = '2025-10-02T09:45:00+09:00';

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
const sockets: LecternClientSocket[] = [];

beforeAll(async () => {
  redis = await startRedis();
  a = await startNode(redis, { args: ['--clock', CLOCK] });
  b = await startNode(redis);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

/** A viewer's phone: no token, its device id in the header. */
async function viewer(base: string, path: string, device: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-lectern-device': device },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('audience questions on two nodes on Redis', () => {
  it('one queue, one vote per device, one question on air, whichever node is asked', async () => {
    const watcher = await connect(a.url, DIRECTOR_TOKEN);
    sockets.push(watcher);
    expect(await watcher.emitWithAck('questions:watch', { hallId: 'namba' })).toMatchObject({ ok: true });

    const asked = await viewer(a.url, '/api/v1/halls/namba/questions', 'device-phone-0001', { text: 'Across nodes?' });
    expect(asked.status).toBe(201);
    const id = asked.body.id as string;
    const again = await viewer(b.url, '/api/v1/halls/namba/questions', 'device-phone-0001', { text: 'Across nodes?' });
    expect(again.body).toMatchObject({ id, merged: true });

    const full = await api(b.url, '/api/v1/halls/namba/questions');
    expect(full.body.questions).toEqual([expect.objectContaining({ id, status: 'pending', text: 'Across nodes?' })]);

    const heard = new Promise<QuestionsChanged>((resolve) =>
      watcher.on('questions:changed', (change) => change.questions[0]?.status === 'approved' && resolve(change)),
    );
    const approved = await api(b.url, `/api/v1/halls/namba/questions/${id}`, { method: 'PATCH', body: { status: 'approved' } });
    expect(approved.status).toBe(200);
    expect((await heard).questions[0]).toMatchObject({ id, status: 'approved' });

    const listed = await viewer(a.url, '/api/v1/halls/namba/questions', 'device-phone-0002');
    expect(listed.body.questions).toEqual([expect.objectContaining({ id, votes: 0 })]);
    const voted = await viewer(a.url, `/api/v1/halls/namba/questions/${id}/vote`, 'device-phone-0002', {});
    expect(voted.body).toMatchObject({ votes: 1, counted: true });
    const twice = await viewer(b.url, `/api/v1/halls/namba/questions/${id}/vote`, 'device-phone-0002', {});
    expect(twice.body).toMatchObject({ votes: 1, counted: false });

    const mine = await viewer(b.url, '/api/v1/halls/namba/questions/mine', 'device-phone-0001');
    expect(mine.body.questions).toEqual([expect.objectContaining({ id, status: 'listed' })]);

    expect((await command(a.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' })).status).toBe(200);
    expect((await command(b.url, 'namba', { type: 'showQuestion', questionId: id })).status).toBe(200);
    await expect
      .poll(async () => (await api<LiveView>(a.url, '/api/v1/halls/namba/live', { token: null })).body.question?.id)
      .toBe(id);
  });
});
