import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectedTime } from '../../shared/index.js';
import { tokyo } from '../support/demo.js';
import { api } from '../support/http.js';
import { startServer, type TestServer } from '../support/server.js';

const P1 = 'namba-2025-10-02-0940';
const P3 = 'namba-2025-10-02-1105';
let server: TestServer;
const projected = async () => {
  const answer = await api<ProjectedTime[]>(server.url, '/api/v1/halls/namba/projected', { token: null });
  expect(answer.status).toBe(200);
  return answer.body;
};

beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:52:00+09:00'] });
});
afterAll(async () => {
  await server.stop();
});

describe('GET /api/v1/halls/:hallId/projected (real server)', () => {
  it('is public, and answers the rest of the day as planned while nothing runs late', async () => {
    const rest = await projected();
    expect(rest.length).toBeGreaterThan(5);
    for (const row of rest)
      expect(Object.keys(row).sort()).toEqual(['itemId', 'plannedEnd', 'plannedStart', 'projectedEnd', 'projectedStart']);
  });

  it('carries the running delay, and a catch-up brings the target back to its planned start', async () => {
    const started = await api(server.url, '/api/v1/halls/namba/commands', { body: { type: 'goto', itemId: P1 } });
    expect(started.status).toBe(200);
    const late = (await projected()).find((p) => p.itemId === P3)!;
    expect(late.plannedStart).toBe(tokyo('2025-10-02T11:05'));
    expect(late.projectedStart - late.plannedStart).toBeGreaterThanOrEqual(12 * 60_000);
    const caught = await api(server.url, '/api/v1/halls/namba/commands', { body: { type: 'catchUp', untilItemId: P3 } });
    expect(caught.status).toBe(200);
    expect(caught.body.catchUp).toMatchObject({ untilItemId: P3, remainingLateMs: 0 });
    expect((await projected()).find((p) => p.itemId === P3)!.projectedStart).toBe(tokyo('2025-10-02T11:05'));
  });

  it('names an unknown hall', async () => {
    const answer = await api(server.url, '/api/v1/halls/nowhere/projected', { token: null });
    expect(answer.status).toBe(404);
  });
});
