import type OBSWebSocket from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../support/http.js';
import { createScenes, eventually, programScene, startObs, type TestObs } from '../support/obs.js';
import {
  ALL_SCENES,
  ITEMS,
  SCENES,
  SPEAKER_INPUT,
  TITLE_INPUT,
  hallConfig,
  obsStatus,
  obsStatusUntil,
  writeObsConfig,
  writeProgram,
} from '../support/obs-fixtures.js';
import { readiness, startNode, startRedis, type TestRedis } from '../support/redis.js';
import type { TestServer } from '../support/server.js';

// Two nodes on one real redis-server, both given --obs for hall namba's real headless OBS: the node holding the
// OBS lease drives it; kill -9 of that node, and the other takes the OBS over within 10 s.
const CLOCK = '2025-10-02T08:50:00+09:00';

let redis: TestRedis;
let obs: TestObs;
let observer: OBSWebSocket;
const nodes: TestServer[] = [];

beforeAll(async () => {
  redis = await startRedis();
  obs = await startObs();
  observer = await obs.client();
  await createScenes(observer, ALL_SCENES, [TITLE_INPUT, SPEAKER_INPUT]);
  await observer.call('SetCurrentProgramScene', { sceneName: SCENES.talk });
  const config = writeObsConfig({ halls: { namba: hallConfig(obs.url, { passwordEnv: 'TEST_OBS_NAMBA_PASSWORD' }) } });
  const env = { TEST_OBS_NAMBA_PASSWORD: obs.password };
  nodes.push(await startNode(redis, { args: ['--clock', CLOCK, '--program', writeProgram(), '--obs', config], env }));
  nodes.push(await startNode(redis, { args: ['--obs', config], env }));
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  await obs?.stop();
  await redis?.stop();
});

describe('the OBS lease with a real OBS', () => {
  it('kill the node driving OBS: another node takes it over within 10 s and drives it', async () => {
    // One node drives: its status is connected and OBS shows the idle scene; the other's is not connected.
    const statuses = await eventually(
      () => Promise.all(nodes.map((node) => obsStatus(node.url, 'namba'))),
      (list) => list.filter((s) => s.lease?.held).length === 1 && list.some((s) => s.scene.actual === SCENES.idle),
      30_000,
      'one node driving OBS',
    );
    const index = statuses.findIndex((s) => s.lease?.held);
    const driver = nodes[index]!;
    const other = nodes[1 - index]!;
    expect(statuses[index]!.connection.state).toBe('connected');
    expect(statuses[1 - index]!.connection.state).not.toBe('connected');
    expect(statuses[1 - index]!.lease?.holder).toBe((await readiness(driver)).node);
    expect(await programScene(observer)).toBe(SCENES.idle);

    await driver.stop('SIGKILL');
    const killedAt = Date.now();
    const taken = await obsStatusUntil(other.url, 'namba', (s) => !!s.lease?.held && s.connection.state === 'connected', 15_000);
    const tookMs = Date.now() - killedAt;
    expect(taken.lease?.holder).toBe((await readiness(other)).node);
    expect(tookMs).toBeLessThan(10_000);

    // The new holder drives OBS: a chair's command on it switches the scene.
    const answer = await command(other.url, 'namba', { type: 'goto', itemId: ITEMS.ong });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    await eventually(
      () => programScene(observer),
      (scene) => scene === SCENES.talk,
      10_000,
      'program scene Talk after the takeover',
    );
    console.log(`OBS lease taken over ${tookMs} ms after kill -9 of the driving node`);
  });
});
