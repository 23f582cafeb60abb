import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObsStatusList } from '../../shared/index.js';
import { api } from '../support/http.js';
import { freePort } from '../support/net.js';
import { hallConfig, writeObsConfig } from '../support/obs-fixtures.js';
import { readiness, startNode, startRedis, type TestRedis } from '../support/redis.js';
import type { TestServer } from '../support/server.js';

// Two nodes on one real redis-server, both given --obs for the same hall: the OBS lease lets exactly one drive it.
// No OBS listens here (tests/integration/obs-lease.test.ts does it with a real one): the lease is what is tested.

let redis: TestRedis;
let config: string;
const nodes: TestServer[] = [];
const env = { TEST_OBS_NAMBA_PASSWORD: 'unused' };

async function holders(list: readonly TestServer[]): Promise<(string | null)[]> {
  return Promise.all(list.map(async (node) => (await readiness(node)).obsLeases?.namba?.holder ?? null));
}

beforeAll(async () => {
  redis = await startRedis();
  config = writeObsConfig({
    halls: { namba: hallConfig(`ws://127.0.0.1:${await freePort()}`, { passwordEnv: 'TEST_OBS_NAMBA_PASSWORD' }) },
  });
  for (let i = 0; i < 2; i++) nodes.push(await startNode(redis, { args: ['--obs', config], env }));
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  await redis?.stop();
});

describe('the OBS lease between two nodes with --obs', () => {
  it('exactly one node holds it, both say which, and neither warns', async () => {
    await expect.poll(async () => new Set(await holders(nodes)).size, { timeout: 5000 }).toBe(1);
    const [holder] = await holders(nodes);
    expect(holder).not.toBeNull();
    const ids = await Promise.all(nodes.map(async (node) => (await readiness(node)).node));
    expect(ids).toContain(holder);
    for (const node of nodes) {
      const ready = await readiness(node);
      expect(ready.obsLeases?.namba).toEqual({ node: ready.node, holder, held: ready.node === holder });
      // The console's OBS view says it too.
      const obs = await api<ObsStatusList>(node.url, '/api/v1/obs');
      const namba = obs.body.halls.find((hall) => hall.hallId === 'namba');
      expect(namba?.lease).toEqual(ready.obsLeases?.namba);
      if (ready.node !== holder) {
        expect(namba?.connection.error).toContain(`node ${holder} drives this OBS`);
        const mode = await api(node.url, '/api/v1/obs/namba/mode', { body: { mode: 'manual' } });
        expect(mode.status).toBe(409);
        expect(mode.body).toMatchObject({ error: 'obs_elsewhere' });
      }
      expect(node.output()).not.toContain('give --obs to one node only');
    }
    // Renewed: still the same holder a few rounds later.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await holders(nodes)).toEqual([holder, holder]);
  });

  it('kill -9 of the holder: the other node takes the lease over within 10 s', async () => {
    const ids = await Promise.all(nodes.map(async (node) => (await readiness(node)).node));
    const [holder] = await holders(nodes);
    const index = ids.indexOf(holder!);
    const dead = nodes[index]!;
    const other = nodes[1 - index]!;
    await dead.stop('SIGKILL');
    const killedAt = Date.now();
    await expect.poll(async () => (await readiness(other)).obsLeases?.namba?.held, { timeout: 12_000, interval: 100 }).toBe(true);
    const tookMs = Date.now() - killedAt;
    expect(tookMs).toBeLessThan(10_000);
    expect(other.output()).toContain('holds the OBS lease and drives OBS');
    // A node that comes back waits: the lease stays where it is.
    nodes[index] = await startNode(redis, { args: ['--obs', config], env });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await holders(nodes)).toEqual([ids[1 - index], ids[1 - index]]);
  });

  it('Redis away: a mode change is refused on both nodes and changes nothing; back, it works', async () => {
    await expect.poll(async () => new Set(await holders(nodes)).size, { timeout: 12_000 }).toBe(1);
    const driver = async () => {
      const [holderId] = await holders(nodes);
      const ids = await Promise.all(nodes.map(async (node) => (await readiness(node)).node));
      return nodes[ids.indexOf(holderId!)]!;
    };
    const holder = await driver();
    const modeOn = async (node: TestServer) =>
      (await api<ObsStatusList>(node.url, '/api/v1/obs')).body.halls.find((hall) => hall.hallId === 'namba')?.mode;
    const before = await modeOn(holder);
    const wanted = before === 'manual' ? 'auto' : 'manual';
    await redis.kill();
    try {
      // The holder cannot store the mode: 503. Once a renewal of its lease has failed it has stopped driving
      // (never two nodes on one OBS), and then it sends the operator elsewhere like the other node. Either way
      // nothing changes (hall-obs.test.ts has the store's refusal without the race).
      const refused = await api(holder.url, '/api/v1/obs/namba/mode', { body: { mode: wanted } });
      expect([503, 409]).toContain(refused.status);
      expect(refused.body.error).toBe(refused.status === 503 ? 'store_unavailable' : 'obs_elsewhere');
      // The other node still knows who held the lease (until it would expire) and sends the operator there.
      const other = nodes.find((node) => node !== holder)!;
      const elsewhere = await api(other.url, '/api/v1/obs/namba/mode', { body: { mode: wanted } });
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body).toMatchObject({ error: 'obs_elsewhere' });
    } finally {
      await redis.restart();
    }
    // Back: whichever node drives the hall now has the mode that was stored before.
    await expect.poll(async () => new Set(await holders(nodes)).size, { timeout: 12_000 }).toBe(1);
    await expect.poll(async () => (await holders(nodes))[0], { timeout: 12_000 }).not.toBeNull();
    const now = await driver();
    expect(await modeOn(now)).toBe(before);
    await expect
      .poll(async () => (await api(now.url, '/api/v1/obs/namba/mode', { body: { mode: wanted } })).status, { timeout: 12_000 })
      .toBe(200);
    expect(await modeOn(now)).toBe(wanted);
  });
});
