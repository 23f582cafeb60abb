import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveView } from '../../shared/index.js';
import { fullLog, missingOrDoubled, startChairBurst, type BurstChair } from '../support/burst.js';
import { api, command } from '../support/http.js';
import { startNode, startRedis, watchingScreen, type TestRedis, type WatchingScreen } from '../support/redis.js';
import type { TestServer } from '../support/server.js';

// Two nodes on one real redis-server (AOF, appendfsync always): Redis is killed (SIGKILL) in the middle of a
// burst from three chairs, stays away a while, and is started again on the same data.
const CLOCK = '2025-10-02T09:35:00+09:00';
const HALLS = ['namba', 'nakamozu'];

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
const screens: WatchingScreen[] = [];

function screen(node: TestServer, hallId: string) {
  const shown = watchingScreen(node.url, hallId);
  screens.push(shown);
  return shown;
}

async function chairToken(hallId: string): Promise<string> {
  return (await api<{ token: string }>(a.url, '/api/v1/tokens', { body: { hallId, label: `Chair ${hallId}` } })).body.token;
}

async function revisions(node: TestServer): Promise<number[]> {
  return Promise.all(
    HALLS.map(async (hallId) => (await api<LiveView>(node.url, `/api/v1/halls/${hallId}/live`, { token: null })).body.revision),
  );
}

beforeAll(async () => {
  redis = await startRedis();
  a = await startNode(redis, { args: ['--clock', CLOCK] });
  b = await startNode(redis);
});
afterAll(async () => {
  screens.forEach((s) => s.socket.close());
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

describe('Redis killed and restarted during a burst', () => {
  it('503 store_unavailable while it is down, changing nothing; nothing acknowledged lost; the nodes recover', async () => {
    const chairs: BurstChair[] = [
      { name: 'namba-left', hallId: 'namba', token: await chairToken('namba') },
      { name: 'namba-right', hallId: 'namba', token: await chairToken('namba') },
      { name: 'nakamozu', hallId: 'nakamozu', token: await chairToken('nakamozu') },
    ];
    for (let i = 0; i < 4; i++) screen(i % 2 ? b : a, HALLS[i % 2]!);
    await expect.poll(() => screens.every((s) => s.revision >= 0)).toBe(true);

    // The chairs' presses alternate between the two nodes.
    let turn = 0;
    const burst = startChairBurst(() => (turn++ % 2 ? b.url : a.url), chairs);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.kill();

    // Down: both nodes say why on /readyz, commands answer 503 store_unavailable, screens keep their last state.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const shownWhileDown = screens.map((s) => s.revision);
    for (const node of [a, b]) {
      const ready = await api(node.url, '/readyz', { token: null });
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toMatch(/Redis/);
      const refused = await command(node.url, 'namba', {
        type: 'message',
        text: `while down on ${node.port}`,
        commandId: `down-${node.port}`,
      });
      expect(refused.status).toBe(503);
      expect(refused.body.error).toBe('store_unavailable');
    }
    const downAcks = burst.result.acknowledged.length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Nothing was acknowledged while Redis was away (the press under way at the kill may have been, once).
    expect(burst.result.acknowledged.length - downAcks).toBeLessThanOrEqual(0);
    expect(screens.map((s) => s.revision)).toEqual(shownWhileDown);
    // They stayed connected to their nodes: Redis away does not cut a screen's socket.
    expect(screens.map((s) => s.drops)).toEqual([0, 0, 0, 0]);
    // The nodes still answer what they know (the screens' snapshot) from memory.
    expect((await api(a.url, '/api/v1/halls/namba/live', { token: null })).status).toBe(200);

    await redis.restart();
    const restartedAt = Date.now();
    // The nodes recover by themselves: ready again, and the burst is acknowledged again on both.
    for (const node of [a, b]) {
      await expect.poll(async () => (await api(node.url, '/readyz', { token: null })).status, { timeout: 10_000 }).toBe(200);
    }
    const before = burst.result.acknowledged.length;
    await expect.poll(() => burst.result.acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(before + 10);
    const recoveredMs = Date.now() - restartedAt;
    const result = await burst.stop();

    expect(result.unavailableErrors).toEqual(new Set(['store_unavailable']));
    expect(result.refused[503]).toBeGreaterThan(0);
    // Every acknowledged command is in the log once, as both nodes read it; the log has no gap.
    expect(await missingOrDoubled(a.url, result)).toEqual([]);
    expect(await missingOrDoubled(b.url, result)).toEqual([]);
    for (const hallId of HALLS) {
      const log = await fullLog(b.url, hallId);
      expect(log.map((e) => e.revision)).toEqual(log.map((_, i) => i + 1));
      // The commands refused while Redis was away changed nothing.
      expect(log.some((e) => e.command.type === 'message' && e.command.text.startsWith('while down'))).toBe(false);
    }
    // Both nodes and every screen agree on the revision again.
    const final = await revisions(a);
    await expect.poll(() => revisions(b)).toEqual(final);
    await expect.poll(() => screens.every((s) => s.revision === final[HALLS.indexOf(s.hallId)]), { timeout: 5000 }).toBe(true);
    console.log(
      `Redis restart: ${result.acknowledged.length} acknowledged, refused ${JSON.stringify(result.refused)}, recovered in ${recoveredMs} ms`,
    );
  });
});
