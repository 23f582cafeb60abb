import { spawn, type ChildProcess } from 'node:child_process';
import type OBSWebSocket from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObsRecording } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { createScenes, eventually, freePort, programScene, sleep, startObs, type TestObs } from '../support/obs.js';
import {
  ALL_SCENES,
  ITEMS,
  JAPANESE_TITLE,
  PRIVACY_SCENE,
  SPEAKER_INPUT,
  TITLE_INPUT,
  hallConfig,
  obsStatusUntil,
  writeObsConfig,
  writeProgram,
} from '../support/obs-fixtures.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../support/server.js';

const CLOCK = '2025-10-02T08:50:00+09:00';

let obs: TestObs;
let observer: OBSWebSocket;
let server: TestServer;
let ffmpeg: ChildProcess | undefined;

async function chair(type: string, body: Record<string, unknown> = {}) {
  const answer = await command(server.url, 'namba', { type, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

/** The recording's position now, as OBS reports it to another client (ms). */
async function recordPosition(): Promise<number> {
  return (await observer.call('GetRecordStatus')).outputDuration;
}

/** "HH:MM:SS" → seconds. */
function seconds(timecode: string): number {
  const [h, m, s] = timecode.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
}

beforeAll(async () => {
  obs = await startObs();
  observer = await obs.client();
  await createScenes(observer, ALL_SCENES, [TITLE_INPUT, SPEAKER_INPUT]);
  const config = writeObsConfig({
    halls: { namba: hallConfig(obs.url, { passwordEnv: 'TEST_OBS_PASSWORD' }) },
    chapters: { minSeconds: 1 },
  });
  server = await startServer({
    args: ['--clock', CLOCK, '--program', writeProgram(), '--obs', config],
    env: { TEST_OBS_PASSWORD: obs.password },
  });
  await obsStatusUntil(server.url, 'namba', (s) => s.connection.state === 'connected');
});

afterAll(async () => {
  if (ffmpeg && ffmpeg.exitCode === null) ffmpeg.kill('SIGKILL');
  await server?.stop();
  await obs?.stop();
});

describe('recording: VOD chapters and consent', () => {
  it('stores a chapter at each item start from the record timecode, pauses for do-not-record and do-not-stream items, exports the list', async () => {
    // The opening started before the recording: its chapter opens the file.
    await chair('goto', { itemId: ITEMS.opening });
    await sleep(500);
    await observer.call('StartRecord');
    const recording = await obsStatusUntil(server.url, 'namba', (s) => !!s.record?.active && !!s.record.recordingId);
    const expected: { title: string; ms: number }[] = [{ title: 'Opening — Masahiro Tatsumisago', ms: 0 }];

    await sleep(2000);
    await chair('next');
    expected.push({
      title: 'Foundation Potentials for Massive-Scale Design of Solid Electrolytes — Shyue Ping Ong',
      ms: await recordPosition(),
    });
    await sleep(2000);
    await chair('next');
    expected.push({ title: `${JAPANESE_TITLE} — Saneyuki Ohno`, ms: await recordPosition() });
    await sleep(2000);

    // Do not record: privacy scene, recording paused by Lectern, no chapter.
    await chair('goto', { itemId: ITEMS.jung });
    await eventually(
      () => observer.call('GetRecordStatus'),
      (s) => s.outputPaused,
      10_000,
      'recording paused',
    );
    // The adapter pauses first, then switches: wait for the scene rather than read it at once.
    await eventually(
      () => programScene(observer),
      (scene) => scene === PRIVACY_SCENE,
      10_000,
      'privacy scene',
    );
    const paused = await obsStatusUntil(server.url, 'namba', (s) => s.record?.paused === true);
    expect(paused.record).toMatchObject({
      active: true,
      paused: true,
      pausedByLectern: true,
      recordingId: recording.record!.recordingId,
    });
    const frozen = await recordPosition();
    await sleep(1500);
    expect(Math.abs((await recordPosition()) - frozen)).toBeLessThan(300);

    // Do not stream: OBS would record only the privacy slate, so the recording stays paused and no chapter.
    await chair('next');
    await obsStatusUntil(server.url, 'namba', (s) => s.scene.reason.includes('do not stream'));
    await sleep(1500);
    expect((await observer.call('GetRecordStatus')).outputPaused).toBe(true);
    expect(await programScene(observer)).toBe(PRIVACY_SCENE);

    // Lunch may be recorded: resumed, and it gets a chapter.
    await chair('next');
    await eventually(
      () => observer.call('GetRecordStatus'),
      (s) => !s.outputPaused,
      10_000,
      'recording resumed',
    );
    expected.push({ title: 'Lunch — Takashi Sumoto', ms: await recordPosition() });
    await sleep(2000);
    const { outputPath } = await observer.call('StopRecord');
    const stopped = await obsStatusUntil(server.url, 'namba', (s) => s.record?.active === false);
    expect(stopped.record?.recordingId).toBeNull();

    const json = await api<{ hallId: string; recordings: ObsRecording[] }>(server.url, '/api/v1/obs/namba/chapters?format=json');
    expect(json.status).toBe(200);
    const [stored] = json.body.recordings;
    expect(json.body.recordings).toHaveLength(1);
    expect(stored).toMatchObject({ id: recording.record!.recordingId, hallId: 'namba', outputPath });
    expect(stored!.stoppedAt).toBeGreaterThan(stored!.startedAt);
    expect(stored!.chapters.map((c) => c.itemId)).toEqual([ITEMS.opening, ITEMS.ong, ITEMS.ohno, ITEMS.lunch]);
    expect(stored!.chapters.every((c) => !c.estimated)).toBe(true);

    const text = await fetch(`${server.url}/api/v1/obs/namba/chapters`, {
      headers: { authorization: `Bearer ${DIRECTOR_TOKEN}` },
    });
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await text.text()).trimEnd().split('\n');
    expect(lines[0]).toBe('00:00:00 Opening — Masahiro Tatsumisago');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      const match = /^(\d\d:\d\d:\d\d) (.+)$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(match![2]).toBe(expected[i]!.title);
      expect(Math.abs(seconds(match![1]!) - expected[i]!.ms / 1000), `${line} vs ${expected[i]!.ms} ms`).toBeLessThanOrEqual(1);
    });
  });
});

describe('a recording restarted while Lectern was away', () => {
  it('is a new recording: its chapters are not mixed into the one before', async () => {
    await chair('goto', { itemId: ITEMS.ong });
    await observer.call('StartRecord');
    const first = await obsStatusUntil(server.url, 'namba', (s) => !!s.record?.recordingId);
    // Far enough in that the new recording is not there yet when Lectern is back.
    await sleep(8000);
    await chair('next');
    const chaptersOf = async (id: string) => {
      const json = await api<{ recordings: ObsRecording[] }>(server.url, '/api/v1/obs/namba/chapters?format=json');
      return json.body.recordings.find((r) => r.id === id)?.chapters ?? [];
    };
    await eventually(
      () => chaptersOf(first.record!.recordingId!),
      (chapters) => chapters.length === 2,
      10_000,
      'two chapters',
    );

    // Lectern goes down; meanwhile the operator splits the recording.
    const { dataDir } = server;
    await server.stop('SIGKILL');
    // A loaded machine's OBS has taken over 10 s to finish writing a recording, and once (a clean-clone run,
    // 2026-12-04) did not stop within 30 s of the request at all: the operator presses Stop again.
    let stopAskedAt = 0;
    await eventually(
      async () => {
        const status = await observer.call('GetRecordStatus');
        if (status.outputActive && Date.now() - stopAskedAt > 10_000) {
          stopAskedAt = Date.now();
          await observer.call('StopRecord').catch(() => undefined);
        }
        return status;
      },
      (s) => !s.outputActive,
      45_000,
      'recording stopped',
    );
    await observer.call('StartRecord');
    await sleep(1000);
    server = await startServer({
      dataDir,
      args: [
        '--clock',
        CLOCK,
        '--program',
        writeProgram(),
        '--obs',
        writeObsConfig({
          halls: { namba: hallConfig(obs.url, { passwordEnv: 'TEST_OBS_PASSWORD' }) },
          chapters: { minSeconds: 1 },
        }),
      ],
      env: { TEST_OBS_PASSWORD: obs.password },
    });
    const second = await obsStatusUntil(server.url, 'namba', (s) => !!s.record?.recordingId);
    expect(second.record!.recordingId).not.toBe(first.record!.recordingId);
    expect(await chaptersOf(first.record!.recordingId!)).toHaveLength(2);
    const json = await api<{ recordings: ObsRecording[] }>(server.url, '/api/v1/obs/namba/chapters?format=json');
    expect(json.body.recordings.find((r) => r.id === first.record!.recordingId)?.stoppedAt).not.toBeNull();
    await observer.call('StopRecord');
  });
});

describe('the consent pause, when OBS answers PauseRecord before it pauses', () => {
  it('every do-not-record item is paused by Lectern and resumed after it, also one tapped past at once', async () => {
    await chair('goto', { itemId: ITEMS.ong });
    await eventually(
      () => observer.call('GetRecordStatus'),
      (s) => !s.outputActive,
      10_000,
      'the last recording stopped',
    );
    await observer.call('StartRecord');
    // OBS pauses only a recording that is writing frames (headless under load, the first can take seconds).
    await eventually(
      () => observer.call('GetRecordStatus'),
      (s) => s.outputActive && s.outputDuration > 0,
      20_000,
      'recording writes frames',
    );
    await obsStatusUntil(server.url, 'namba', (s) => !!s.record?.recordingId);
    // OBS pauses on its UI thread after answering; about one request in five reads "not paused" right after.
    for (let round = 1; round <= 5; round++) {
      await chair('goto', { itemId: ITEMS.jung });
      await obsStatusUntil(server.url, 'namba', (s) => s.record?.pausedByLectern === true, 30_000, `round ${round}: paused`);
      await chair('goto', { itemId: ITEMS.ohno });
      await eventually(
        () => observer.call('GetRecordStatus'),
        (s) => s.outputActive && !s.outputPaused,
        10_000,
        `round ${round}: resumed`,
      );
      // Items are minutes apart in a hall; OBS also ignores a pause asked for before its last resume is applied
      // (on a loaded machine that takes OBS over a second). Two clean runs of 2026-12-07 saw round 5's pause never
      // taken with 1.5 s here (and the recording's time standing still): the next round waits until the resumed
      // recording has written frames for 3 s.
      const resumedAt = (await observer.call('GetRecordStatus')).outputDuration;
      await eventually(
        () => observer.call('GetRecordStatus'),
        (s) => s.outputDuration >= resumedAt + 3000,
        20_000,
        `round ${round}: the resumed recording writes frames`,
      );
    }
    // A chair who taps past a do-not-record item: OBS's pause may land after the chair has moved on.
    for (let round = 1; round <= 3; round++) {
      await chair('goto', { itemId: ITEMS.jung });
      await chair('goto', { itemId: ITEMS.ohno });
      await sleep(300);
      await eventually(
        () => observer.call('GetRecordStatus'),
        (s) => s.outputActive && !s.outputPaused,
        10_000,
        `quick round ${round}: recording`,
      );
      await sleep(2500);
      expect((await observer.call('GetRecordStatus')).outputPaused, `quick round ${round}: still recording`).toBe(false);
    }
    await observer.call('StopRecord');
  });
});

// Last: a stream whose RTMP listener was killed can leave OBS's outputs slow to stop for a while (a recording
// stopped after it took over 10 s once), so no recording test follows it on this OBS.
describe('stream status', () => {
  it('shows a stream to a local RTMP listener as active with its timecode, then reconnecting when the ingest drops', async () => {
    const port = await freePort();
    ffmpeg = spawn(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-listen', '1', '-i', `rtmp://127.0.0.1:${port}/live/test`, '-f', 'null', '-'],
      {
        stdio: 'ignore',
      },
    );
    await observer.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: `rtmp://127.0.0.1:${port}/live`, key: 'test' },
    });
    // ffmpeg takes a moment to listen (probing its port would use up its one connection).
    await sleep(1000);
    await observer.call('StartStream');
    const live = await obsStatusUntil(
      server.url,
      'namba',
      (s) => !!s.stream?.active && (s.stream.durationMs ?? 0) > 0,
      20_000,
      'stream active',
    );
    expect(live.stream).toMatchObject({ active: true, reconnecting: false });
    expect(live.stream!.timecode).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    expect(typeof live.stream!.congestion).toBe('number');

    ffmpeg.kill('SIGKILL');
    await obsStatusUntil(server.url, 'namba', (s) => s.stream?.reconnecting === true, 20_000, 'stream reconnecting');
    await observer.call('StopStream').catch(() => undefined);
    await obsStatusUntil(server.url, 'namba', (s) => s.stream?.active === false, 20_000, 'stream stopped');
  });
});
