import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObsRecording } from '../../shared/index.js';
import { startFakeObs, type FakeObsServer } from '../support/fake-obs-server.js';
import { api, command } from '../support/http.js';
import { eventually } from '../support/obs.js';
import {
  ALL_SCENES,
  ITEMS,
  SCENES,
  SPEAKER_INPUT,
  TITLE_INPUT,
  WIDE_SCENE,
  hallConfig,
  obsStatus,
  obsStatusUntil,
  writeObsConfig,
  writeProgram,
} from '../support/obs-fixtures.js';
import { readiness, startNode, startRedis, type TestRedis } from '../support/redis.js';
import type { TestServer } from '../support/server.js';

// Two nodes on one real redis-server, both with --obs for hall namba, driving a fake OBS (a real obs-websocket 5
// server in this process, tests/support/fake-obs-server.ts). The operator sets the hall to manual on the node that
// drives it; that node dies (kill -9); the node that takes the lease goes on in manual, in the same recording.
const CLOCK = '2025-10-02T08:50:00+09:00';

let redis: TestRedis;
let obs: FakeObsServer;
const nodes: TestServer[] = [];

async function recordings(node: TestServer): Promise<ObsRecording[]> {
  const answer = await api<{ recordings: ObsRecording[] }>(node.url, '/api/v1/obs/namba/chapters?format=json');
  expect(answer.status).toBe(200);
  return answer.body.recordings;
}
const chapterItems = (list: ObsRecording[]) => list.map((recording) => recording.chapters.map((c) => c.itemId));
const sceneSwitches = (from = 0) =>
  obs.calls
    .slice(from)
    .filter((call) => call.type === 'SetCurrentProgramScene')
    .map((call) => (call.data as { sceneName: string }).sceneName);

beforeAll(async () => {
  redis = await startRedis();
  obs = await startFakeObs();
  obs.scenes = [...ALL_SCENES];
  obs.inputs = [TITLE_INPUT, SPEAKER_INPUT];
  obs.program = SCENES.talk;
  obs.startRecord();
  const config = writeObsConfig({ halls: { namba: hallConfig(obs.url, { passwordEnv: 'TEST_OBS_NAMBA_PASSWORD' }) } });
  const env = { TEST_OBS_NAMBA_PASSWORD: 'unused by the fake' };
  // A starts alone, so it is the one that takes the lease; B starts once A drives OBS.
  nodes.push(await startNode(redis, { args: ['--clock', CLOCK, '--program', writeProgram(), '--obs', config], env }));
  await obsStatusUntil(nodes[0]!.url, 'namba', (s) => !!s.lease?.held && s.connection.state === 'connected', 15_000);
  nodes.push(await startNode(redis, { args: ['--obs', config], env }));
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  await obs?.close();
  await redis?.stop();
});

describe('an OBS lease taken over on nodes on Redis', () => {
  it("the new holder keeps the operator's manual mode and adds to the same recording's chapters", async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    // A drives OBS in auto: the idle scene on connect, then two items, two switches, two chapters of one recording.
    expect((await command(a.url, 'namba', { type: 'goto', itemId: ITEMS.opening })).status).toBe(200);
    await eventually(
      () => recordings(a),
      (list) => chapterItems(list)[0]?.length === 1,
      10_000,
      'the first chapter on A',
    );
    expect((await command(a.url, 'namba', { type: 'goto', itemId: ITEMS.ong })).status).toBe(200);
    await eventually(
      () => recordings(a),
      (list) => chapterItems(list)[0]?.length === 2,
      10_000,
      'the second chapter on A',
    );
    expect(sceneSwitches()).toEqual([SCENES.idle, WIDE_SCENE, SCENES.talk]);

    // The stream operator takes OBS by hand: manual on A, then a wide shot in OBS that Lectern must leave alone.
    const manual = await api(a.url, '/api/v1/obs/namba/mode', { body: { mode: 'manual' } });
    expect(manual.status, JSON.stringify(manual.body)).toBe(200);
    expect(manual.body).toMatchObject({ mode: 'manual' });
    obs.switchByHand(WIDE_SCENE);
    // B, not driving, already reads the same records from Redis.
    expect(chapterItems(await recordings(b))).toEqual([[ITEMS.opening, ITEMS.ong]]);

    await a.stop('SIGKILL');
    await eventually(
      async () => obs.connectedClients,
      (n) => n === 0,
      5000,
      "A's OBS connection gone",
    );
    const afterKill = obs.calls.length;
    const taken = await obsStatusUntil(b.url, 'namba', (s) => !!s.lease?.held && s.connection.state === 'connected', 15_000);
    expect(taken.lease?.holder).toBe((await readiness(b)).node);
    expect(taken.mode).toBe('manual');
    expect(taken.manual).not.toBeNull();

    // The next item, commanded on B: a chapter in the same recording, and no scene switch.
    expect((await command(b.url, 'namba', { type: 'goto', itemId: ITEMS.ohno })).status).toBe(200);
    const list = await eventually(
      () => recordings(b),
      (l) => chapterItems(l)[0]?.length === 3,
      10_000,
      'the third chapter on B',
    );
    expect(list).toHaveLength(1);
    expect(chapterItems(list)).toEqual([[ITEMS.opening, ITEMS.ong, ITEMS.ohno]]);
    expect(list[0]!.stoppedAt).toBeNull();
    // B did talk to OBS (the title of the new item), but switched no scene: the operator's wide shot stays.
    expect(obs.calls.slice(afterKill).some((call) => call.type === 'SetInputSettings')).toBe(true);
    expect(sceneSwitches(afterKill)).toEqual([]);
    expect(obs.program).toBe(WIDE_SCENE);
    expect((await obsStatus(b.url, 'namba')).mode).toBe('manual');
  });
});
