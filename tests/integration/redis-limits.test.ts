import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, command } from '../support/http.js';
import { startNode, startRedis, type TestRedis } from '../support/redis.js';
import type { TestServer } from '../support/server.js';

// On Redis, the flood limits count across nodes: a token's commands count together wherever they land.
// Two commands a second, no burst: what A accepted, B refuses within the same second.
const LIMITS = ['--token-rate', '2', '--token-burst', '2'];

let redis: TestRedis;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  redis = await startRedis();
  a = await startNode(redis, { args: ['--clock', '2025-10-02T09:35:00+09:00', ...LIMITS] });
  b = await startNode(redis, { args: LIMITS });
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

describe('rate limits on Redis', () => {
  it('a token that used its rate on node A is refused on node B', async () => {
    const minted = await api<{ token: string }>(a.url, '/api/v1/tokens', { body: { hallId: 'namba', label: 'Namba chair' } });
    expect(minted.status).toBe(201);
    const token = minted.body.token;
    // Retried until two land in one second window on A (a slow machine may straddle a window edge).
    let statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const onA = await Promise.all([1, 2].map((i) => command(a.url, 'namba', { type: 'message', text: `a${i}` }, token)));
      const onB = await command(b.url, 'namba', { type: 'message', text: 'b' }, token);
      statuses = [...onA.map((r) => r.status), onB.status];
      if (onB.status === 429) expect(onB.body).toMatchObject({ error: 'rate_limited' });
      if (statuses[0] === 200 && statuses[1] === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    expect(statuses).toEqual([200, 200, 429]);
    // And it recovers: the next second, B takes it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await command(b.url, 'namba', { type: 'message', text: 'later' }, token)).status).toBe(200);
  });
});
