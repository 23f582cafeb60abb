import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import type OBSWebSocket from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket, ObsHallStatus } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { createScenes, eventually, freePort, programScene, sleep, startObs, type TestObs } from '../support/obs.js';
import {
  ALL_SCENES,
  ITEMS,
  JAPANESE_TITLE,
  PRIVACY_SCENE,
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
import { DIRECTOR_TOKEN, startServer, tempDir, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

// Before the first item of Day 1 in hall namba: the hall is idle ("starting soon").
const CLOCK = '2025-10-02T08:50:00+09:00';

let obs: TestObs;
let observer: OBSWebSocket;
let server: TestServer;
const sockets: LecternClientSocket[] = [];
const servers: TestServer[] = [];

async function textOf(inputName: string): Promise<string> {
  const { inputSettings } = await observer.call('GetInputSettings', { inputName });
  return String(inputSettings.text ?? '');
}

function sceneIs(name: string, timeoutMs = 10_000) {
  return eventually(
    () => programScene(observer),
    (scene) => scene === name,
    timeoutMs,
    `program scene "${name}"`,
  );
}

async function chair(type: string, body: Record<string, unknown> = {}) {
  const answer = await command(server.url, 'namba', { type, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

beforeAll(async () => {
  obs = await startObs();
  observer = await obs.client();
  await createScenes(observer, ALL_SCENES, [TITLE_INPUT, SPEAKER_INPUT]);
  await observer.call('SetCurrentProgramScene', { sceneName: SCENES.talk });
  const config = writeObsConfig({ halls: { namba: hallConfig(obs.url, { passwordEnv: 'TEST_OBS_NAMBA_PASSWORD' }) } });
  server = await startServer({
    args: ['--clock', CLOCK, '--program', writeProgram(), '--obs', config],
    env: { TEST_OBS_NAMBA_PASSWORD: obs.password },
  });
  servers.push(server);
});

afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  for (const s of servers) await s.stop();
  await obs?.stop();
});

describe('Lectern drives a real OBS 29', () => {
  it('connects, reports OBS and obs-websocket versions (no chapter markers in 5.1), and sets the idle scene', async () => {
    await sceneIs(SCENES.idle);
    const status = await obsStatusUntil(
      server.url,
      'namba',
      (s) => s.connection.state === 'connected' && s.scene.actual === SCENES.idle,
    );
    expect(status.obs).toEqual({ version: '29.0.2', webSocketVersion: '5.1.0', chapterMarkers: false });
    expect(status).toMatchObject({ mode: 'auto', url: obs.url, scene: { desired: SCENES.idle, missing: [] } });
    const list = await api(server.url, '/api/v1/obs');
    expect(list.body.halls.map((h: ObsHallStatus) => [h.hallId, h.connection.state])).toEqual([
      ['namba', 'connected'],
      ['nakamozu', 'unconfigured'],
    ]);
    expect(JSON.stringify(list.body)).not.toContain(obs.password);
  });

  it("a chair's next, qa, break, hold and release switch the program scene; an item's obsScene wins", async () => {
    await chair('goto', { itemId: ITEMS.opening });
    await sceneIs(WIDE_SCENE);
    await chair('next');
    await sceneIs(SCENES.talk);
    await chair('qa');
    await sceneIs(SCENES.qa);
    await chair('break', { minutes: 5 });
    await sceneIs(SCENES.break);
    await chair('hold');
    await sceneIs(SCENES.hold);
    await chair('release');
    await sceneIs(SCENES.break);
    // OBS reports the switches (when each transition ends): Lectern knows them for its own.
    await sleep(1500);
    expect(await obsStatus(server.url, 'namba')).toMatchObject({
      mode: 'auto',
      scene: { desired: SCENES.break, actual: SCENES.break },
    });
  });

  it("fast changes (transitions cut short, events of some never sent) never pass for an operator's hand", async () => {
    await chair('goto', { itemId: ITEMS.ong });
    await sceneIs(SCENES.talk);
    for (const type of ['hold', 'release', 'qa', 'hold', 'release', 'break', 'release', 'back', 'next']) {
      await command(server.url, 'namba', type === 'break' ? { type, minutes: 5 } : { type });
    }
    await Promise.all(['hold', 'release', 'hold', 'release'].map((type) => command(server.url, 'namba', { type })));
    const status = await obsStatusUntil(server.url, 'namba', (s) => !!s.scene.desired && s.scene.actual === s.scene.desired);
    await sleep(2000);
    expect(await obsStatus(server.url, 'namba')).toMatchObject({ mode: 'auto', scene: { actual: status.scene.desired } });
    expect(await programScene(observer)).toBe(status.scene.desired);
  });

  it('writes the title and speaker to the text inputs, Japanese included', async () => {
    await chair('goto', { itemId: ITEMS.ohno });
    await eventually(
      () => textOf(TITLE_INPUT),
      (text) => text === JAPANESE_TITLE,
      10_000,
      'title input',
    );
    expect(await textOf(SPEAKER_INPUT)).toMatch(/^Saneyuki Ohno/);
    const status = await obsStatus(server.url, 'namba');
    expect(status.text?.title).toBe(JAPANESE_TITLE);
  });

  it('an onsite-only item (Registration) puts the stream on the starting-soon scene; its text names the coming item', async () => {
    await chair('goto', { itemId: ITEMS.ohno });
    await eventually(
      () => textOf(TITLE_INPUT),
      (text) => text === JAPANESE_TITLE,
      10_000,
      'the talk on the stream',
    );
    await chair('goto', { itemId: ITEMS.registration });
    await sceneIs(SCENES.idle);
    // Never "Registration (Onsite)" on the stream: the inputs carry what the online audience gets next.
    await eventually(
      () => textOf(TITLE_INPUT),
      (text) => text === 'Opening',
      10_000,
      'the coming Opening',
    );
    expect(await textOf(SPEAKER_INPUT)).not.toMatch(/registration/i);
    expect((await obsStatus(server.url, 'namba')).scene.reason).toContain('onsite only');
  });

  it('a do-not-stream item switches to the privacy scene, and the next item back', async () => {
    await chair('goto', { itemId: ITEMS.tsuchiya });
    await sceneIs(PRIVACY_SCENE);
    const status = await obsStatus(server.url, 'namba');
    expect(status.scene.reason).toContain('do not stream');
    await chair('next');
    await sceneIs(SCENES.break);
  });

  it('an operator switching by hand puts the hall in manual mode; back to auto reconciles at once', async () => {
    const director = await connect(server.url, DIRECTOR_TOKEN);
    const display = await connect(server.url);
    sockets.push(director, display);
    const directorSaw: ObsHallStatus[] = [];
    const displaySaw: ObsHallStatus[] = [];
    director.on('obs:changed', (s) => directorSaw.push(s));
    display.on('obs:changed', (s) => displaySaw.push(s));

    await chair('goto', { itemId: ITEMS.jung });
    await sceneIs(PRIVACY_SCENE);
    await chair('goto', { itemId: ITEMS.ong });
    await sceneIs(SCENES.talk);
    await observer.call('SetCurrentProgramScene', { sceneName: SCENES.hold });
    const manual = await obsStatusUntil(server.url, 'namba', (s) => s.mode === 'manual');
    expect(manual.manual?.reason).toContain(`"${SCENES.hold}"`);
    expect(manual.scene).toMatchObject({ desired: SCENES.talk, actual: SCENES.hold });

    // In manual mode a chair's command changes nothing in OBS.
    await chair('qa');
    await obsStatusUntil(server.url, 'namba', (s) => s.scene.desired === SCENES.qa);
    await sleep(1500);
    expect(await programScene(observer)).toBe(SCENES.hold);

    const answer = await api(server.url, '/api/v1/obs/namba/mode', { body: { mode: 'auto' } });
    expect(answer.status).toBe(200);
    expect(answer.body.mode).toBe('auto');
    await sceneIs(SCENES.qa);
    await eventually(
      () => directorSaw,
      (list) => list.some((s) => s.mode === 'manual') && list.at(-1)?.mode === 'auto',
      5000,
      'obs:changed',
    );
    expect(displaySaw).toEqual([]);
  });

  it('OBS frozen (port open, nothing answered): shown down without a command, chairs go on; thawed: reconciled', async () => {
    await chair('goto', { itemId: ITEMS.ong });
    await sceneIs(SCENES.talk);
    obs.freeze();
    try {
      // No command needed: the status reads are the heartbeat, and an unanswered one ends the session.
      const down = await obsStatusUntil(
        server.url,
        'namba',
        (s) => s.connection.state === 'disconnected',
        30_000,
        'a frozen OBS shown down',
      );
      expect(down.connection.error).toMatch(/stopped answering/);
      const started = Date.now();
      await chair('hold');
      await chair('release');
      await chair('qa');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      obs.thaw();
    }
    await obsStatusUntil(
      server.url,
      'namba',
      (s) => s.connection.state === 'connected' && s.scene.actual === SCENES.qa,
      40_000,
      'reconnected after the thaw',
    );
    await sceneIs(SCENES.qa);
    expect((await obsStatus(server.url, 'namba')).mode).toBe('auto');
  });

  it('in manual mode a do-not-stream item still gets the privacy scene when it comes on, once', async () => {
    await chair('goto', { itemId: ITEMS.ong });
    await sceneIs(SCENES.talk);
    await observer.call('SetCurrentProgramScene', { sceneName: SCENES.break });
    await obsStatusUntil(server.url, 'namba', (s) => s.mode === 'manual');

    await chair('goto', { itemId: ITEMS.tsuchiya });
    await sceneIs(PRIVACY_SCENE);
    // The operator keeps the hall: still manual, and a switch away by hand is not fought.
    await sleep(1500);
    expect(await obsStatus(server.url, 'namba')).toMatchObject({ mode: 'manual', scene: { actual: PRIVACY_SCENE } });
    await observer.call('SetCurrentProgramScene', { sceneName: SCENES.hold });
    await obsStatusUntil(server.url, 'namba', (s) => s.scene.actual === SCENES.hold);
    await sleep(2500);
    expect(await programScene(observer)).toBe(SCENES.hold);

    await api(server.url, '/api/v1/obs/namba/mode', { body: { mode: 'auto' } });
    await sceneIs(PRIVACY_SCENE);
  });

  it('validates the mode request and needs the director token', async () => {
    expect((await api(server.url, '/api/v1/obs/namba/mode', { body: { mode: 'sometimes' } })).body.problems[0].path).toBe('mode');
    expect((await api(server.url, '/api/v1/obs/nakamozu/mode', { body: { mode: 'auto' } })).status).toBe(404);
    expect((await api(server.url, '/api/v1/obs', { token: null })).status).toBe(401);
    const minted = await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba' } });
    expect((await api(server.url, '/api/v1/obs', { token: minted.body.token })).status).toBe(403);
  });

  it('OBS killed: commands still succeed and the status says so; OBS back: reconnected and reconciled', async () => {
    await obs.kill();
    await obsStatusUntil(server.url, 'namba', (s) => s.connection.state === 'disconnected' && s.connection.nextRetryAt !== null);
    // Not a speed check: a command that waited for OBS would hang for the adapter's timeouts.
    const started = Date.now();
    await chair('goto', { itemId: ITEMS.ong });
    expect(Date.now() - started).toBeLessThan(5000);
    await chair('next');
    const down = await obsStatus(server.url, 'namba');
    expect(down.scene).toMatchObject({ desired: SCENES.talk, actual: null });
    expect(down.connection.error).toMatch(/OBS/);

    await obs.restart();
    observer = await obs.client();
    // OBS kept its scenes if it saved them before the kill; an operator recreates any that are missing.
    await createScenes(observer, ALL_SCENES, [TITLE_INPUT, SPEAKER_INPUT]);
    await sceneIs(SCENES.talk, 30_000);
    const up = await obsStatusUntil(
      server.url,
      'namba',
      (s) => s.connection.state === 'connected' && s.scene.actual === SCENES.talk,
      15_000,
    );
    expect(up.mode).toBe('auto');
    await eventually(
      () => textOf(TITLE_INPUT),
      (text) => text === JAPANESE_TITLE,
      10_000,
      'title after restart',
    );
  });
});

describe('OBS that refuses or is not there', () => {
  it('a wrong password is reported and not retried until a director asks (the secrets file fixed); an unreachable OBS is retried with backoff; commands go on', async () => {
    const dir = tempDir('lectern-obs-secrets-');
    writeFileSync(join(dir, 'namba.password'), 'not-the-password\n');
    const closedPort = await freePort();
    const config = writeObsConfig(
      {
        halls: {
          namba: hallConfig(obs.url, { passwordFile: 'namba.password' }),
          nakamozu: hallConfig(`ws://127.0.0.1:${closedPort}`, { passwordEnv: 'TEST_OBS_NAKAMOZU_PASSWORD' }),
        },
      },
      dir,
    );
    const other = await startServer({
      args: ['--clock', CLOCK, '--obs', config],
      env: { TEST_OBS_NAKAMOZU_PASSWORD: 'unused-secret' },
    });
    servers.push(other);
    const refused = await obsStatusUntil(other.url, 'namba', (s) => s.connection.state === 'failed');
    expect(refused.connection.error).toContain('4009');
    expect(refused.connection.nextRetryAt).toBeNull();
    const away = await obsStatusUntil(other.url, 'nakamozu', (s) => s.connection.retries >= 2);
    expect(away.connection).toMatchObject({ state: 'disconnected' });
    expect(away.connection.nextRetryAt).toBeGreaterThan(0);

    expect((await command(other.url, 'namba', { type: 'next' })).status).toBe(200);
    expect((await command(other.url, 'nakamozu', { type: 'next' })).status).toBe(200);
    await sleep(3000);
    const later = await obsStatus(other.url, 'namba');
    expect(later.connection).toMatchObject({
      state: 'failed',
      retries: refused.connection.retries,
      since: refused.connection.since,
    });
    expect(other.output().match(/gave up/g)).toHaveLength(1);
    const everything = other.output() + JSON.stringify((await api(other.url, '/api/v1/obs')).body);
    expect(everything).not.toContain('not-the-password');
    expect(everything).not.toContain('unused-secret');

    // The operator fixes the secrets file and presses "Try again now": Lectern reads it again and connects.
    writeFileSync(join(dir, 'namba.password'), `${obs.password}\n`);
    const chair = await api<{ token: string }>(other.url, '/api/v1/tokens', { body: { hallId: 'namba' } });
    const asChair = await api(other.url, '/api/v1/obs/namba/reconnect', { body: {}, token: chair.body.token });
    expect(asChair.status).toBe(403);
    expect((await api(other.url, '/api/v1/obs/nowhere/reconnect', { body: {} })).status).toBe(404);
    const retried = await api<ObsHallStatus>(other.url, '/api/v1/obs/namba/reconnect', { body: {} });
    expect(retried.status).toBe(200);
    expect(retried.body.connection).toMatchObject({ state: 'connected', error: null });
    // Connected, it reconciles at once: the hall's scene (a talk after `next`) is on OBS's program.
    await eventually(
      async () => (await observer.call('GetCurrentProgramScene')).currentProgramSceneName,
      (scene) => scene === SCENES.talk,
      10_000,
      'scene after try again',
    );
    const afterRetry = other.output() + JSON.stringify((await api(other.url, '/api/v1/obs')).body);
    expect(afterRetry).not.toContain(obs.password);
  });

  it('an OBS host that accepts the connection and never answers: commands go on, the status says so, it is retried', async () => {
    const sockets = new Set<Socket>();
    const blackhole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const { port } = blackhole.address() as AddressInfo;
    try {
      const config = writeObsConfig({
        halls: { namba: hallConfig(`ws://127.0.0.1:${port}`, { passwordEnv: 'TEST_OBS_NAMBA_PASSWORD' }) },
      });
      const other = await startServer({ args: ['--clock', CLOCK, '--obs', config], env: { TEST_OBS_NAMBA_PASSWORD: 'unused' } });
      servers.push(other);
      await eventually(
        () => sockets.size,
        (n) => n > 0,
        5000,
        'a connection to the blackhole',
      );
      const started = Date.now();
      // The Opening, not the first item (Registration is onsite-only: its scene is the onsite one in every phase).
      const commands = [{ type: 'goto', itemId: ITEMS.opening }, { type: 'qa' }, { type: 'hold' }, { type: 'release' }];
      for (const body of commands) {
        expect((await command(other.url, 'namba', body)).status).toBe(200);
      }
      expect(Date.now() - started).toBeLessThan(5000);
      const down = await obsStatusUntil(other.url, 'namba', (s) => s.connection.state === 'disconnected', 20_000);
      expect(down.connection.error).toMatch(/did not complete the handshake/);
      expect(down.connection.nextRetryAt).toBeGreaterThan(0);
      expect(down.scene.desired).toBe(SCENES.qa);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      blackhole.close();
    }
  });

  it('a config file with mistakes stops the start with each path named', async () => {
    const config = writeObsConfig({
      halls: { namba: { url: 'http://obs.local', scenes: { talk: 'Talk' }, privacyScene: 'P', extra: 1 } },
    });
    await expect(startServer({ args: ['--obs', config] })).rejects.toThrow(/halls\.namba\.url[\s\S]*halls\.namba\.scenes\.qa/);
  });
});
