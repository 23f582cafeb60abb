import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult, DisplayInfo, DisplaysDelta, LecternClientSocket, LiveView, Program } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { startNode, startRedis, type TestRedis } from '../support/redis.js';
import { DIRECTOR_TOKEN, type TestServer } from '../support/server.js';
import { connect, nextSnapshot } from '../support/socket.js';

// Two Lectern nodes on one real redis-server: what one node commits, the other knows and shows.
const CLOCK = '2025-10-02T09:35:00+09:00';

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
const sockets: LecternClientSocket[] = [];
async function client(server: TestServer, token?: string) {
  const socket = await connect(server.url, token);
  sockets.push(socket);
  return socket;
}
async function live(server: TestServer, hallId: string) {
  return (await api<LiveView>(server.url, `/api/v1/halls/${hallId}/live`, { token: null })).body;
}

beforeAll(async () => {
  redis = await startRedis();
  a = await startNode(redis, { args: ['--clock', CLOCK] });
  // B takes the rehearsal clock from Redis.
  b = await startNode(redis);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

describe('two nodes on one Redis', () => {
  it('both are ready and share the rehearsal clock', async () => {
    for (const node of [a, b]) {
      const ready = await api(node.url, '/readyz', { token: null });
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ ready: true, store: `redis:${redis.url}` });
    }
    const [ha, hb] = await Promise.all([a, b].map((n) => api(n.url, '/healthz', { token: null })));
    expect(Math.abs(ha!.body.clockOffsetMs - hb!.body.clockOffsetMs)).toBeLessThan(2000);
  });

  it('a display on B sees a command sent to A, and B answers the new state', async () => {
    const display = await client(b);
    const watched = await display.emitWithAck('hall:watch', { hallId: 'namba' });
    expect(watched.ok).toBe(true);
    const start = watched.ok ? watched.snapshot.revision : -1;
    const seen = nextSnapshot(display, (s) => s.revision === start + 1);
    const sent = await command(a.url, 'namba', { type: 'next' });
    expect(sent.status).toBe(200);
    expect((await seen).now?.id).toBe(sent.body.now.id);
    await expect.poll(async () => (await live(b, 'namba')).revision).toBe(start + 1);
  });

  it("the director's list of screens on A holds those B holds (every node is asked)", async () => {
    const screen = await client(b);
    expect(await screen.emitWithAck('display:hello', { page: 'lobby', name: 'lobby on B' })).toEqual({ ok: true });
    const listed = await api<DisplayInfo[]>(a.url, '/api/v1/displays');
    expect(listed.status).toBe(200);
    expect(listed.body.filter((d) => d.name === 'lobby on B')).toHaveLength(1);
  });

  it('the director on A identifies and reloads a screen held by B (found through its room)', async () => {
    const director = await client(a, DIRECTOR_TOKEN);
    const listed = new Promise<string>((resolve) => {
      const onDelta = (delta: DisplaysDelta) => {
        const screen = delta.upserted.find((d) => d.name === 'screen on B');
        if (screen) resolve(screen.id);
      };
      director.on('displays:delta', onDelta);
    });
    const screen = await client(b);
    expect(await screen.emitWithAck('display:hello', { page: 'signage', hallId: 'namba', name: 'screen on B' })).toEqual({
      ok: true,
    });
    const id = await listed;
    const flashed = new Promise<{ text: string }>((resolve) => screen.once('display:identify', resolve));
    const identified = await api(a.url, `/api/v1/displays/${id}/identify`, { body: {} });
    expect(identified.status).toBe(200);
    expect(identified.body).toMatchObject({ id, durationMs: 10_000 });
    expect((await flashed).text).toBe(identified.body.text);
    const reloaded = new Promise<void>((resolve) => screen.once('display:reload', () => resolve()));
    expect((await api(a.url, `/api/v1/displays/${id}/reload`, { method: 'POST', body: {} })).status).toBe(204);
    await reloaded;
    expect((await api(a.url, '/api/v1/displays/dnone/identify', { body: {} })).status).toBe(404);
  });

  it('concurrent next with the same expectRevision on A and B advances once', async () => {
    const before = (await live(a, 'namba')).revision;
    const [ra, rb] = await Promise.all([
      command(a.url, 'namba', { type: 'next', expectRevision: before }),
      command(b.url, 'namba', { type: 'next', expectRevision: before }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.body).toMatchObject({ error: 'stale_revision', revision: before + 1 });
    expect((await live(a, 'namba')).revision).toBe(before + 1);
    expect((await live(b, 'namba')).revision).toBe(before + 1);
    const log = await api<{ revision: number }[]>(a.url, '/api/v1/halls/namba/log');
    const revisions = (Array.isArray(log.body) ? log.body : (log.body as { entries: { revision: number }[] }).entries).map(
      (entry) => entry.revision,
    );
    expect(revisions.filter((r) => r === before + 1)).toHaveLength(1);
  });

  it('a commandId retried on the other node applies once', async () => {
    const before = (await live(a, 'nakamozu')).revision;
    const body = { type: 'next', commandId: 'retry-across-nodes-1' };
    const first = await command(a.url, 'nakamozu', body);
    const retried = await command(b.url, 'nakamozu', body);
    expect(first.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(retried.body.revision).toBe(before + 1);
    // At the same moment on both nodes: still once.
    const both = { type: 'next', commandId: 'retry-across-nodes-2' };
    await Promise.all([command(a.url, 'nakamozu', both), command(b.url, 'nakamozu', both)]);
    expect((await live(a, 'nakamozu')).revision).toBe(before + 2);
    expect((await live(b, 'nakamozu')).revision).toBe(before + 2);
  });

  it('a chair token revoked on A stops on B at once, also on its open socket', async () => {
    const minted = await api<{ id: string; token: string }>(a.url, '/api/v1/tokens', {
      body: { hallId: 'namba', label: 'Namba chair' },
    });
    expect(minted.status).toBe(201);
    const panel = await client(b, minted.body.token);
    const ok = (await panel.emitWithAck('hall:command', { hallId: 'namba', type: 'extend', minutes: 1 })) as CommandResult;
    expect(ok.ok).toBe(true);
    const dropped = new Promise<string>((resolve) => panel.once('disconnect', resolve));
    expect((await api(a.url, `/api/v1/tokens/${minted.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await dropped).toBe('io server disconnect');
    expect((await command(b.url, 'namba', { type: 'extend', minutes: 1 }, minted.body.token)).status).toBe(401);
    await expect(connect(b.url, minted.body.token)).rejects.toThrow(/unauthorized/);
  });

  it('a program uploaded on A reaches B and B’s screens', async () => {
    const program = (await api<Program>(a.url, '/api/v1/program', { token: null })).body;
    const watcher = await client(b);
    const changed = new Promise<{ revision: number }>((resolve) => watcher.on('program:changed', resolve));
    const { revision: _revision, ...rest } = program;
    const edited = { ...rest, event: { ...program.event, title: 'Renamed on node A' } };
    const uploaded = await api(a.url, '/api/v1/program', { rawBody: JSON.stringify(edited) });
    expect(uploaded.status).toBe(200);
    expect((await changed).revision).toBe(uploaded.body.revision);
    await expect
      .poll(async () => (await api<Program>(b.url, '/api/v1/program', { token: null })).body.event.title)
      .toBe('Renamed on node A');
  });
});
