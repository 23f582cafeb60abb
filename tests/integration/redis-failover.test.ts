import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket, LiveView } from '../../shared/index.js';
import { api } from '../support/http.js';
import { startNginx, type TestNginx } from '../support/nginx.js';
import { missingOrDoubled, startChairBurst, type BurstChair } from '../support/burst.js';
import { startNode, startRedis, type TestRedis } from '../support/redis.js';
import type { TestServer } from '../support/server.js';

// Two nodes on Redis behind nginx: node A dies (kill -9) in the middle of a burst from three chairs.
const CLOCK = '2025-10-02T09:35:00+09:00';

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
let nginx: TestNginx;
const displays: { socket: LecternClientSocket; hallId: string; revision: number; drops: number }[] = [];

/** A screen through the load balancer, as the pages connect: websocket only, reconnecting, re-watching its hall. */
function display(hallId: string) {
  const socket = io(nginx.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  }) as LecternClientSocket;
  const screen = { socket, hallId, revision: -1, drops: 0 };
  socket.on('connect', () => void socket.emit('hall:watch', { hallId }));
  socket.on('disconnect', () => screen.drops++);
  // Anything older than what the screen shows is dropped, as the pages do.
  socket.on('hall:changed', (snapshot) => {
    if (snapshot.hallId === hallId && snapshot.revision > screen.revision) screen.revision = snapshot.revision;
  });
  displays.push(screen);
  return screen;
}

async function chairToken(hallId: string): Promise<string> {
  const minted = await api<{ token: string }>(nginx.url, '/api/v1/tokens', { body: { hallId, label: `Chair ${hallId}` } });
  return minted.body.token;
}

beforeAll(async () => {
  redis = await startRedis();
  a = await startNode(redis, { args: ['--clock', CLOCK] });
  b = await startNode(redis);
  nginx = await startNginx([a.port, b.port]);
});
afterAll(async () => {
  displays.forEach((d) => d.socket.close());
  await nginx?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

describe('a node killed during a burst, behind nginx', () => {
  it('keeps every acknowledged command; its screens reconnect to the other node and agree within 3 s', async () => {
    const chairs: BurstChair[] = [
      { name: 'namba-left', hallId: 'namba', token: await chairToken('namba') },
      { name: 'namba-right', hallId: 'namba', token: await chairToken('namba') },
      { name: 'nakamozu', hallId: 'nakamozu', token: await chairToken('nakamozu') },
    ];
    for (let i = 0; i < 8; i++) display(i % 2 === 0 ? 'namba' : 'nakamozu');
    await expect.poll(() => displays.every((d) => d.revision >= 0)).toBe(true);

    const burst = startChairBurst(() => nginx.url, chairs);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await a.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const result = await burst.stop();
    const stoppedAt = Date.now();

    expect(result.acknowledged.length).toBeGreaterThan(20);
    expect(await missingOrDoubled(b.url, result)).toEqual([]);
    // Some screens were on A and had to move.
    expect(displays.some((d) => d.drops > 0)).toBe(true);
    const final = new Map<string, number>();
    for (const hallId of ['namba', 'nakamozu']) {
      final.set(hallId, (await api<LiveView>(b.url, `/api/v1/halls/${hallId}/live`, { token: null })).body.revision);
    }
    await expect
      .poll(() => displays.every((d) => d.socket.connected && d.revision === final.get(d.hallId)), {
        timeout: 3000,
        interval: 50,
      })
      .toBe(true);
    expect(Date.now() - stoppedAt).toBeLessThan(3000 + 1000);
    // The acknowledged revisions are the log's: the last acknowledged one per hall is at most the final one.
    for (const [hallId, revision] of final) {
      const last = Math.max(...result.acknowledged.filter((x) => x.hallId === hallId).map((x) => x.revision));
      expect(last).toBeLessThanOrEqual(revision);
    }
  });
});
