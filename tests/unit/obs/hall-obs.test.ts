import { afterEach, describe, expect, it } from 'vitest';
import type { HallSnapshot, HallState, LiveView, ObsHallStatus, ViewItem } from '../../../shared/index.js';
import type { HallChangeListener } from '../../../server/live/live.types.js';
import type { HallObsConfig } from '../../../server/obs/obs.config.js';
import { ObsConnection } from '../../../server/obs/obs.connection.js';
import { HallObs } from '../../../server/obs/obs.hall.js';
import { ObsService, type LiveSource } from '../../../server/obs/obs.service.js';
import { SqliteObsStore, type ObsStore } from '../../../server/obs/obs.store.js';
import { StoreUnavailableError } from '../../../server/store/store.js';
import { tempDir } from '../../support/server.js';
import { FakeObs } from './fake-obs.js';

const NOW = Date.parse('2025-10-02T10:00:00+09:00');

const config: HallObsConfig = {
  hallId: 'namba',
  url: 'ws://fake:4455',
  password: 'secret',
  scenes: { talk: 'Talk', qa: 'Q&A', break: 'Break', hold: 'Hold', idle: 'Starting soon', ended: 'Ended' },
  privacyScene: 'Privacy',
  textInputs: { title: 'Title', speaker: 'Speaker' },
  pauseRecordingForDoNotRecord: true,
};

function item(id: string, extra: Partial<ViewItem> = {}): ViewItem {
  return {
    id,
    hallId: 'namba',
    kind: 'talk',
    title: `Talk ${id}`,
    speakers: [{ name: `Speaker ${id}`, affiliation: '' }],
    start: NOW,
    end: NOW + 1_800_000,
    audience: 'all',
    ...extra,
  };
}

function view(phase: LiveView['phase'], now: ViewItem | null, itemStartedAt: number | null = NOW): LiveView {
  return {
    hallId: 'namba',
    revision: 1,
    phase,
    now,
    next: null,
    question: null,
    nextStartsAt: null,
    delayMs: 0,
    countdown: null,
    heldRemainingMs: null,
    message: null,
    source: 'chair',
    itemStartedAt,
    catchUp: null,
    serverTime: NOW,
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const running: HallObs[] = [];
afterEach(async () => {
  for (const hall of running.splice(0)) await hall.close();
});

function setup(
  fake: FakeObs,
  options: {
    backoffMs?: number[];
    notReadyRetryMs?: number;
    dataDir?: string;
    store?: ObsStore;
    itemScenes?: string[];
    streamLanguage?: string;
  } = {},
) {
  const store = options.store ?? new SqliteObsStore(options.dataDir ?? tempDir('lectern-obs-unit-'));
  const statuses: ObsHallStatus[] = [];
  const logs: string[] = [];
  let now = NOW;
  const connection = new ObsConnection({
    url: config.url,
    password: config.password,
    createSocket: fake.socket,
    now: () => now,
    backoffMs: options.backoffMs ?? [10, 20, 40],
    notReadyRetryMs: options.notReadyRetryMs ?? 5,
    timeoutMs: 1000,
    log: (m) => logs.push(m),
  });
  const hall = new HallObs({
    config: options.streamLanguage ? { ...config, streamLanguage: options.streamLanguage } : config,
    connection,
    store,
    now: () => now,
    onStatus: (s) => statuses.push(s),
    log: (m) => logs.push(m),
    itemScenes: () => options.itemScenes ?? [],
  });
  running.push(hall);
  return { hall, store, statuses, logs, connection, advance: (ms: number) => (now += ms) };
}

/** A hall on a fake OBS, synced, running talk "a", with a recording Lectern has seen start. */
async function recordingHall(fake: FakeObs, options: Parameters<typeof setup>[1] = {}) {
  const parts = setup(fake, options);
  parts.hall.update(view('talk', item('a')));
  await parts.hall.start();
  await until(() => parts.hall.status().obs !== null, 'synced');
  fake.startRecord();
  await until(() => !!parts.hall.status().record?.recordingId, 'recording');
  return parts;
}

describe('HallObs with a fake OBS', () => {
  it("writes the text inputs in the hall's stream language (halls.<id>.streamLanguage)", async () => {
    const fake = new FakeObs();
    const { hall } = setup(fake, { streamLanguage: 'ja' });
    const talk = item('a', {
      titles: { ja: '講演 a' },
      speakers: [{ name: 'Speaker a', names: { ja: '講演者 a' }, affiliation: 'Univ.', affiliations: { ja: '大学' } }],
    });
    hall.update(view('talk', talk));
    await hall.start();
    await until(() => fake.inputText.get('Title') === '講演 a', 'title in Japanese');
    expect(fake.inputText.get('Speaker')).toBe('講演者 a (大学)');
  });

  it('with obs-websocket ≥ 5.5 it also marks each chapter in the recording (CreateRecordChapter)', async () => {
    const fake = new FakeObs();
    fake.webSocketVersion = '5.5.2';
    const { hall, store, advance } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => fake.program === 'Talk' && hall.status().obs !== null, 'synced');
    expect(hall.status().obs?.chapterMarkers).toBe(true);
    fake.startRecord();
    await until(() => !!hall.status().record?.recordingId, 'recording seen');
    await until(() => fake.calledWith('CreateRecordChapter').length === 1, 'first marker');
    advance(60_000);
    fake.record.durationMs = 60_000;
    hall.update(view('talk', item('b'), NOW + 60_000));
    await until(() => fake.calledWith('CreateRecordChapter').length === 2, 'second marker');
    expect(fake.calledWith('CreateRecordChapter')).toEqual([
      { chapterName: 'Talk a — Speaker a' },
      { chapterName: 'Talk b — Speaker b' },
    ]);
    const chapters = await store.listChapters(hall.status().record!.recordingId!);
    expect(chapters.map((c) => [c.itemId, c.offsetMs])).toEqual([
      ['a', 0],
      ['b', 60_000],
    ]);
  });

  it('a recording that refuses chapter markers (not Hybrid MP4) is not asked again, and is no error', async () => {
    const fake = new FakeObs();
    fake.webSocketVersion = '5.5.2';
    fake.failures.set('CreateRecordChapter', [{ code: 500, message: 'The current recording does not support chapters.' }]);
    const { hall, store, advance, logs } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().obs?.chapterMarkers === true, 'synced');
    fake.startRecord();
    await until(() => fake.calledWith('CreateRecordChapter').length === 1, 'first marker asked');
    advance(60_000);
    fake.record.durationMs = 60_000;
    hall.update(view('talk', item('b'), NOW + 60_000));
    const id = hall.status().record!.recordingId!;
    await until(async () => (await store.listChapters(id)).length === 2, 'both chapters stored');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.calledWith('CreateRecordChapter')).toHaveLength(1);
    expect(hall.status().lastError).toBeNull();
    expect(logs.filter((line) => line.includes('marks no chapters'))).toHaveLength(1);
  });

  it('with obs-websocket 5.1 it never sends CreateRecordChapter, and stores the chapters all the same', async () => {
    const fake = new FakeObs();
    const { hall, store, advance } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().obs !== null, 'synced');
    expect(hall.status().obs?.chapterMarkers).toBe(false);
    fake.startRecord();
    await until(() => !!hall.status().record?.recordingId, 'recording seen');
    advance(30_000);
    fake.record.durationMs = 30_000;
    hall.update(view('talk', item('b'), NOW + 30_000));
    const id = hall.status().record!.recordingId!;
    await until(async () => (await store.listChapters(id)).length === 2, 'chapters');
    expect(fake.calledWith('CreateRecordChapter')).toEqual([]);
  });

  it('retries a request OBS answers with 207 (not ready) until it is ready', async () => {
    const fake = new FakeObs();
    fake.program = 'Hold';
    fake.failures.set('GetVersion', [
      { code: 207, message: 'OBS is not ready to perform the request.' },
      { code: 207, message: 'OBS is not ready to perform the request.' },
    ]);
    const { hall } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => fake.program === 'Talk', 'scene set after OBS got ready');
    expect(fake.calledWith('GetVersion')).toHaveLength(3);
  });

  it('when OBS is still loading after every 207 retry, it tries again later rather than waiting for a change', async () => {
    const fake = new FakeObs();
    fake.program = 'Hold';
    const notReady = { code: 207, message: 'OBS is not ready to perform the request.' };
    // The connection's 20 retries and one more: the first reconcile gives up.
    fake.failures.set(
      'GetVersion',
      Array.from({ length: 21 }, () => notReady),
    );
    const { hall } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => fake.calledWith('GetVersion').length === 21, 'every 207 retry used');
    await until(() => hall.status().lastError !== null, 'the problem shown');
    expect(hall.status().lastError).toContain('207');
    // Nothing changes in the hall; Lectern still puts OBS right once it is ready.
    await until(() => fake.program === 'Talk', 'scene set after OBS got ready', 5000);
    expect(hall.status().lastError).toBeNull();
  });

  it('never retries after close code 4009 (wrong password), and reports it', async () => {
    const fake = new FakeObs();
    fake.refuse = { code: 4009, message: 'Authentication failed.' };
    const { hall, logs } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().connection.state === 'failed', 'failed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.connects).toBe(1);
    expect(hall.status().connection).toMatchObject({ state: 'failed', nextRetryAt: null });
    expect(hall.status().connection.error).toContain('4009');
    expect(logs.filter((line) => line.includes('gave up'))).toHaveLength(1);
  });

  it('nor after 4011 (session invalidated) on a live session', async () => {
    const fake = new FakeObs();
    const { hall } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().connection.state === 'connected', 'connected');
    fake.crash(4011);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.connects).toBe(1);
    expect(hall.status().connection.state).toBe('failed');
    expect(hall.status().connection.error).toContain('4011');
  });

  it('retries an unreachable OBS with growing waits, and reconciles once it answers', async () => {
    const fake = new FakeObs();
    fake.refuse = { code: -1, message: 'connect ECONNREFUSED' };
    fake.program = 'Hold';
    const { hall, statuses } = setup(fake, { backoffMs: [10, 20, 40, 80] });
    hall.update(view('qa', item('a')));
    await hall.start();
    await until(() => fake.connects >= 4, 'retries');
    const waits = statuses
      .map((s) => s.connection)
      .filter((c) => c.nextRetryAt !== null)
      .map((c) => c.retries);
    expect(waits.slice(0, 3)).toEqual([1, 2, 3]);
    fake.refuse = undefined;
    await until(() => fake.program === 'Q&A', 'reconciled after OBS came back');
    expect(hall.status().connection).toMatchObject({ state: 'connected', retries: 0, error: null });
  });

  it("goes manual when an operator switches by hand, not on its own switches' late events; auto reconciles", async () => {
    const fake = new FakeObs();
    const { hall } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().scene.actual === 'Talk', 'synced');
    // Two quick switches: OBS cuts the first transition short and reports only the second, late.
    fake.sceneEvents = false;
    hall.update(view('qa', item('a')));
    await until(() => fake.program === 'Q&A', 'qa');
    hall.update(view('break', null));
    await until(() => fake.program === 'Break', 'break');
    fake.emit('CurrentProgramSceneChanged', { sceneName: 'Q&A', sceneUuid: '' });
    fake.emit('CurrentProgramSceneChanged', { sceneName: 'Break', sceneUuid: '' });
    expect(hall.status()).toMatchObject({ mode: 'auto', scene: { actual: 'Break' } });
    // An operator's switch.
    fake.program = 'Hold';
    fake.emit('CurrentProgramSceneChanged', { sceneName: 'Hold', sceneUuid: '' });
    expect(hall.status()).toMatchObject({ mode: 'manual', scene: { desired: 'Break', actual: 'Hold' } });
    hall.update(view('talk', item('b')));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.program).toBe('Hold');
    await hall.setMode('auto', 'test');
    await until(() => fake.program === 'Talk', 'reconciled');
  });

  it('a scene collection change cut off by a lost connection does not keep manual mode from working after it', async () => {
    const fake = new FakeObs();
    const { hall } = setup(fake);
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().scene.actual === 'Talk', 'synced');
    fake.emit('CurrentSceneCollectionChanging', { sceneCollectionName: 'Other' });
    fake.crash();
    await until(() => fake.connects === 2 && hall.status().connection.state === 'connected', 'reconnected');
    await until(() => hall.status().scene.actual === 'Talk', 'synced again');
    fake.program = 'Hold';
    fake.emit('CurrentProgramSceneChanged', { sceneName: 'Hold', sceneUuid: '' });
    expect(hall.status().mode).toBe('manual');
  });

  it('a recording that cannot pause is retried, and the problem is logged once, not every round', async () => {
    const fake = new FakeObs();
    const { hall, logs } = await recordingHall(fake);
    const refusal = { code: 500, message: 'the recording shares the stream encoder' };
    fake.failures.set('PauseRecord', [refusal, refusal, refusal]);
    hall.update(view('talk', item('secret', { doNotRecord: true })));
    await until(() => fake.calledWith('PauseRecord').length >= 2, 'tried again', 6000);
    expect(hall.status().lastError).toContain('pausing the recording');
    expect(logs.filter((line) => line.startsWith('pausing the recording'))).toHaveLength(1);
  });

  it("a pause OBS makes a moment after answering (its UI thread) is still Lectern's, and is resumed after the item", async () => {
    for (const pauseDelayMs of [150, 1000]) {
      const fake = new FakeObs();
      fake.pauseDelayMs = pauseDelayMs;
      const { hall } = setup(fake);
      hall.update(view('talk', item('a')));
      await hall.start();
      await until(() => hall.status().obs !== null, 'synced');
      fake.startRecord();
      await until(() => !!hall.status().record?.recordingId, 'recording');
      hall.update(view('talk', item('secret', { doNotRecord: true })));
      // Later than Lectern waits: it says OBS did not pause, then finds the pause it asked for on its next try.
      await until(() => hall.status().record?.pausedByLectern === true, `paused by Lectern (${pauseDelayMs} ms)`, 6000);
      hall.update(view('talk', item('b')));
      await until(() => !fake.record.paused, `resumed (${pauseDelayMs} ms)`);
      expect(fake.calledWith('PauseRecord')).toHaveLength(1);
      await hall.close();
    }
  });

  it('a pause OBS makes only after the do-not-record item already ended is resumed', async () => {
    const fake = new FakeObs();
    fake.pauseDelayMs = 700;
    const { hall } = await recordingHall(fake);
    hall.update(view('talk', item('secret', { doNotRecord: true })));
    await until(() => fake.calledWith('PauseRecord').length === 1, 'pause asked');
    // The chair moves on before OBS has paused.
    hall.update(view('talk', item('b')));
    await until(() => fake.calledWith('ResumeRecord').length === 1, 'the late pause resumed', 3000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.record.paused).toBe(false);
    expect(fake.calledWith('ResumeRecord')).toHaveLength(1);
  });

  it('a resume OBS answers but does not carry out is asked again, so the recording goes on', async () => {
    const fake = new FakeObs();
    const { hall } = await recordingHall(fake);
    hall.update(view('talk', item('secret', { doNotRecord: true })));
    await until(() => hall.status().record?.pausedByLectern === true, 'paused by Lectern');
    fake.ignoredResumes = 1;
    hall.update(view('talk', item('b')));
    await until(() => !fake.record.paused, 'resumed on the second request', 5000);
    expect(fake.calledWith('ResumeRecord')).toHaveLength(2);
  });

  it('pauses the recording for a do-not-record item and resumes it after, but never resumes a pause it did not make', async () => {
    const fake = new FakeObs();
    const { hall } = await recordingHall(fake);
    hall.update(view('talk', item('secret', { doNotRecord: true })));
    await until(() => fake.record.paused && fake.program === 'Privacy', 'paused on privacy');
    expect(hall.status().record?.pausedByLectern).toBe(true);
    hall.update(view('talk', item('b')));
    await until(() => !fake.record.paused && fake.program === 'Talk', 'resumed');
    // The operator pauses by hand: the next item does not resume it.
    fake.record.paused = true;
    fake.emit('RecordStateChanged', {
      outputActive: true,
      outputState: 'OBS_WEBSOCKET_OUTPUT_PAUSED',
      outputPath: null as unknown as string,
    });
    hall.update(view('talk', item('c')));
    await until(() => hall.status().text?.title === 'Talk c', 'next item handled');
    expect(fake.calledWith('ResumeRecord')).toHaveLength(1);
    expect(fake.record.paused).toBe(true);
  });

  it('names a scene an item of the hall asks for that OBS lacks, before that item comes on', async () => {
    const fake = new FakeObs();
    const { hall } = setup(fake, { itemScenes: ['Wide shot', 'Talk'] });
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().obs !== null, 'synced');
    expect(hall.status().scene.missing).toEqual(['Wide shot']);
  });

  it('a new program naming a scene OBS lacks: resync lists it without waiting for a reconnect', async () => {
    const fake = new FakeObs();
    const itemScenes: string[] = [];
    const { hall } = setup(fake, { itemScenes });
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().obs !== null, 'synced');
    expect(hall.status().scene.missing).toEqual([]);
    itemScenes.push('Balcony cam');
    hall.resync();
    await until(() => hall.status().scene.missing.includes('Balcony cam'), 'the new program read');
  });

  it('reports a scene OBS does not have, and does not ask for it again until something changes', async () => {
    const fake = new FakeObs();
    fake.scenes = fake.scenes.filter((scene) => scene !== 'Q&A');
    const { hall } = setup(fake);
    hall.update(view('qa', item('a')));
    await hall.start();
    await until(() => hall.status().scene.error !== null, 'error');
    expect(hall.status().scene).toMatchObject({ error: 'OBS has no scene "Q&A"', missing: ['Q&A'] });
    const attempts = fake.calledWith('SetCurrentProgramScene').length;
    hall.update(view('qa', item('a')));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.calledWith('SetCurrentProgramScene')).toHaveLength(attempts);
    fake.scenes.push('Q&A');
    fake.emit('SceneCreated', { sceneName: 'Q&A', sceneUuid: '', isGroup: false });
    await until(() => fake.program === 'Q&A', 'switched once the scene exists');
    expect(hall.status().scene).toMatchObject({ error: null, missing: [] });
  });

  it('after a Lectern restart it goes on with the same recording and its chapters, and keeps the mode', async () => {
    const fake = new FakeObs();
    const dataDir = tempDir('lectern-obs-unit-');
    const first = setup(fake, { dataDir });
    first.hall.update(view('talk', item('a')));
    await first.hall.start();
    await until(() => first.hall.status().obs !== null, 'synced');
    fake.startRecord();
    await until(() => !!first.hall.status().record?.recordingId, 'recording');
    const id = first.hall.status().record!.recordingId!;
    await until(async () => (await first.store.listChapters(id)).length === 1, 'first chapter');
    await first.hall.setMode('manual', 'test');
    await first.hall.close();
    running.splice(running.indexOf(first.hall), 1);

    fake.record.durationMs = 120_000;
    const second = setup(fake, { dataDir });
    second.advance(120_000);
    second.hall.update(view('talk', item('a')));
    await second.hall.start();
    await until(() => second.hall.status().record?.recordingId === id, 'same recording');
    expect(second.hall.status().mode).toBe('manual');
    second.hall.update(view('talk', item('b'), NOW + 120_000));
    await until(async () => (await second.store.listChapters(id)).length === 2, 'second chapter');
    expect((await second.store.listChapters(id)).map((c) => [c.itemId, c.offsetMs])).toEqual([
      ['a', 0],
      ['b', 120_000],
    ]);
  });

  it('a stored mode the store cannot read yet (Redis away) is read again before OBS is connected', async () => {
    const fake = new FakeObs();
    fake.program = 'Hold';
    const sqlite = new SqliteObsStore(tempDir('lectern-obs-unit-'));
    await sqlite.setMode('namba', { mode: 'manual', since: NOW, reason: 'set by director' });
    let refusals = 1;
    const store: ObsStore = Object.assign(Object.create(sqlite) as SqliteObsStore, {
      getMode: async (hallId: string) => {
        if (refusals-- > 0) throw new StoreUnavailableError('Redis did not answer for the OBS records: timeout');
        return sqlite.getMode(hallId);
      },
    });
    const { hall, logs } = setup(fake, { store });
    hall.update(view('talk', item('a')));
    const starting = hall.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.connects).toBe(0);
    await starting;
    await until(() => hall.status().obs !== null, 'synced');
    expect(hall.status()).toMatchObject({ mode: 'manual', scene: { desired: 'Talk', actual: 'Hold' } });
    expect(fake.calledWith('SetCurrentProgramScene')).toEqual([]);
    expect(logs.filter((line) => line.startsWith('reading the stored OBS mode'))).toHaveLength(1);
  });

  it("an operator's mode change the store refuses (Redis away) changes nothing: not even the hall's mode in memory", async () => {
    const fake = new FakeObs();
    const sqlite = new SqliteObsStore(tempDir('lectern-obs-unit-'));
    let refuse = false;
    const store: ObsStore = Object.assign(Object.create(sqlite) as SqliteObsStore, {
      setMode: async (hallId: string, mode: Parameters<ObsStore['setMode']>[1]) => {
        if (refuse) throw new StoreUnavailableError('Redis did not answer for the OBS records: timeout');
        return sqlite.setMode(hallId, mode);
      },
    });
    const { hall } = setup(fake, { store });
    hall.update(view('talk', item('a')));
    await hall.start();
    await until(() => hall.status().obs !== null, 'synced');
    expect(hall.status().mode).toBe('auto');
    refuse = true;
    await expect(hall.setMode('manual', 'set by director')).rejects.toThrow(StoreUnavailableError);
    expect(hall.status()).toMatchObject({ mode: 'auto', manual: null });
    expect(await sqlite.getMode('namba')).toBeUndefined();
    refuse = false;
    await hall.setMode('manual', 'set by director');
    expect(hall.status()).toMatchObject({ mode: 'manual', manual: { reason: 'set by director' } });
  });
});

describe('ObsService', () => {
  it('a new program (a change no command made) makes each hall read OBS again; a command does not', async () => {
    const fake = new FakeObs();
    let items: ViewItem[] = [];
    let listener: HallChangeListener | undefined;
    const live = {
      onChange: (l: HallChangeListener) => {
        listener = l;
        return () => undefined;
      },
      view: () => view('talk', item('a')),
      hall: () => ({ id: 'namba', name: 'Namba' }),
      getProgram: () => ({ halls: [{ id: 'namba', name: 'Namba' }], items }),
    } as unknown as LiveSource;
    const service = new ObsService({
      config: { halls: [config], chapterMinSeconds: 10 },
      live,
      store: new SqliteObsStore(tempDir('lectern-obs-service-')),
      now: () => NOW,
      createSocket: fake.socket,
      log: () => undefined,
      tickMs: 60_000,
    });
    try {
      await service.start();
      await until(() => service.hallStatus('namba').obs !== null, 'synced');
      const change = (cause?: { type: string; actor: string }) =>
        listener!({
          snapshot: { ...view('talk', item('a')), revision: 2 } as unknown as HallSnapshot,
          previous: {} as HallState,
          ...(cause ? { cause } : {}),
        });
      items = [item('b', { obsScene: 'Balcony cam' })];
      change({ type: 'extend', actor: 'director' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(service.hallStatus('namba').scene.missing).toEqual([]);
      change();
      await until(() => service.hallStatus('namba').scene.missing.includes('Balcony cam'), 'the new program read');
    } finally {
      await service.close();
    }
  });
});
