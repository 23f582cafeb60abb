import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/http.js';
import { freePort } from '../support/net.js';
import { startNode, startRedis, type TestRedis } from '../support/redis.js';
import type { TestServer } from '../support/server.js';

// A node started while its Redis is not there yet: it waits, says why on /readyz, and starts once Redis answers.

let redis: TestRedis;
let node: TestServer | undefined;

/** `/readyz` on a port, or undefined while nothing answers there (the waiting server hands over to the real one). */
async function readyz(port: number): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  return api(`http://127.0.0.1:${port}`, '/readyz', { token: null }).catch(() => undefined);
}

beforeAll(async () => {
  redis = await startRedis();
  // Its port and data stay; the process goes until the test starts it again.
  await redis.stop();
});
afterAll(async () => {
  await node?.stop();
  await redis?.stop();
});

describe('a node on Redis started while Redis is unreachable', () => {
  it('answers /readyz 503 naming Redis, then 200 once redis-server is started on that port', async () => {
    const port = await freePort();
    const started = startNode(redis, { port });
    started.catch(() => undefined);
    await expect.poll(async () => (await readyz(port))?.status, { timeout: 15_000 }).toBe(503);
    const waiting = (await readyz(port))!;
    expect(waiting.body).toMatchObject({ ready: false });
    expect(String(waiting.body.reason)).toContain(`Redis at ${redis.url} is unreachable`);
    // Everything else says the store is away; /healthz says the process is alive.
    const commandAnswer = await api(`http://127.0.0.1:${port}`, '/api/v1/halls/namba/commands', { body: { type: 'next' } });
    expect(commandAnswer.status).toBe(503);
    expect(commandAnswer.body.error).toBe('store_unavailable');
    expect((await api(`http://127.0.0.1:${port}`, '/healthz', { token: null })).status).toBe(200);

    await redis.restart();
    node = await started;
    expect(node.port).toBe(port);
    await expect.poll(async () => (await readyz(port))?.status, { timeout: 10_000 }).toBe(200);
    expect((await readyz(port))!.body).toMatchObject({ ready: true, store: `redis:${redis.url}` });
    expect(node.output()).toContain('waiting for Redis');
    expect(node.output()).toContain('Redis is reachable: starting');
  });
});
