import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatchUpPreview, ProjectedTime } from '../../shared/index.js';
import { tokyo } from '../support/demo.js';
import { api, command } from '../support/http.js';
import { startServer, type TestServer } from '../support/server.js';

const P1 = 'namba-2025-10-02-0940';
const P3 = 'namba-2025-10-02-1105';
const PREVIEW = '/api/v1/halls/namba/catch-up/preview';
let server: TestServer;
let chair: string;
let otherChair: string;
let moderator: string;
const projected = async () => (await api<ProjectedTime[]>(server.url, '/api/v1/halls/namba/projected', { token: null })).body;

beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:52:00+09:00'] });
  chair = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba' } })).body.token;
  otherChair = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'nakamozu' } })).body.token;
  moderator = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba', role: 'moderator' } })).body.token;
  expect((await command(server.url, 'namba', { type: 'goto', itemId: P1 })).status).toBe(200);
});
afterAll(async () => {
  await server.stop();
});

describe('POST /api/v1/halls/:hallId/catch-up/preview (real server)', () => {
  it("answers each plan for the hall's chair, and changes nothing", async () => {
    const before = await api(server.url, '/api/v1/halls/namba/live', { token: null });
    const projectedBefore = await projected();
    const answer = await api<CatchUpPreview[]>(server.url, PREVIEW, { body: { untilItemId: P3 }, token: chair });
    expect(answer.status).toBe(200);
    expect(answer.body.map((p) => p.plan)).toEqual(['breaks', 'talks', 'both']);
    const both = answer.body.find((p) => p.plan === 'both')!;
    expect(both).toMatchObject({ ok: true, remainingLateMs: 0 });
    if (!both.ok) return;
    expect(both.absorbedMs).toBeGreaterThanOrEqual(12 * 60_000);
    expect(both.changes.length).toBeGreaterThan(0);
    expect(both.projected.find((p) => p.itemId === P3)!.projectedStart).toBe(tokyo('2025-10-02T11:05'));
    const after = await api(server.url, '/api/v1/halls/namba/live', { token: null });
    expect(after.body.revision).toBe(before.body.revision);
    expect(after.body.catchUp).toBeNull();
    expect(await projected()).toEqual(projectedBefore);
  });

  it('only the plan asked for; a plan that cannot says why', async () => {
    const talks = await api<CatchUpPreview[]>(server.url, PREVIEW, { body: { untilItemId: P3, plan: 'talks' }, token: chair });
    expect(talks.body).toHaveLength(1);
    expect(talks.body[0]).toMatchObject({ plan: 'talks', ok: true });
    const begun = await api<CatchUpPreview[]>(server.url, PREVIEW, { body: { untilItemId: P1 } });
    expect(begun.status).toBe(200);
    for (const p of begun.body) expect(p).toMatchObject({ ok: false, code: 'not_applicable' });
  });

  it('validates with the catchUp command’s schema, naming the field', async () => {
    const bad = await api(server.url, PREVIEW, { body: { untilItemId: P3, plan: 'everything', maxTrimMinutes: 500 } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['maxTrimMinutes', 'plan']);
    const none = await api(server.url, PREVIEW, { body: {} });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/untilItemId/);
  });

  it("refuses another hall's chair, a moderator and no token; names an unknown hall", async () => {
    const other = await api(server.url, PREVIEW, { body: { untilItemId: P3 }, token: otherChair });
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/nakamozu/);
    expect((await api(server.url, PREVIEW, { body: { untilItemId: P3 }, token: moderator })).status).toBe(403);
    expect((await api(server.url, PREVIEW, { body: { untilItemId: P3 }, token: null })).status).toBe(401);
    expect((await api(server.url, '/api/v1/halls/nowhere/catch-up/preview', { body: { untilItemId: P3 } })).status).toBe(404);
  });

  it('the plan previewed is what the catchUp command applies', async () => {
    const [preview] = (
      await api<CatchUpPreview[]>(server.url, PREVIEW, { body: { untilItemId: P3, plan: 'breaks' }, token: chair })
    ).body;
    if (!preview?.ok) throw new Error('breaks plan refused');
    const applied = await command(server.url, 'namba', { type: 'catchUp', untilItemId: P3, plan: 'breaks' }, chair);
    expect(applied.status).toBe(200);
    expect(applied.body.catchUp).toMatchObject({ absorbedMs: preview.absorbedMs, remainingLateMs: preview.remainingLateMs });
    expect(await projected()).toEqual(preview.projected);
  });
});
