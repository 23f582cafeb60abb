import { execFileSync } from 'node:child_process';
import { io } from 'socket.io-client';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult, DisplayInfo, LecternClientSocket, ObsStatusList, Program } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { burstUntilGone, expectEveryAckOnce, fullLog } from '../support/burst.js';
import { freePort } from '../support/net.js';
import { hallConfig, writeObsConfig } from '../support/obs-fixtures.js';
import { DIRECTOR_TOKEN, startServer, tempDir, type TestServer } from '../support/server.js';
import { nextSnapshot } from '../support/socket.js';

// `lectern serve --workers 2`: two processes share the port; the store's compare-and-set on the hall's revision
// decides every command, and the cluster adapter carries every broadcast to both workers' sockets.

interface WorkerSocket {
  socket: LecternClientSocket;
  /** The worker that holds it (the `x-lectern-worker` header of its websocket upgrade). */
  worker: string;
}

const opened: LecternClientSocket[] = [];

/** A real socket.io client (websocket transport), with the worker its connection landed on. */
async function connectWorker(url: string, token?: string): Promise<WorkerSocket> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token ? { auth: { token } } : {}),
  }) as LecternClientSocket;
  opened.push(socket);
  // The engine opens its websocket at once: its upgrade answer names the worker.
  const ws = (socket.io.engine as unknown as { transport: { ws: WebSocket } }).transport.ws;
  const worker = new Promise<string>((resolve) => ws.once('upgrade', (res) => resolve(String(res.headers['x-lectern-worker']))));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return { socket, worker: await worker };
}

/** Connects until it has a socket on each of the two workers. */
async function onBothWorkers(url: string, token?: string): Promise<[WorkerSocket, WorkerSocket]> {
  const byWorker = new Map<string, WorkerSocket>();
  for (let i = 0; i < 20 && byWorker.size < 2; i++) {
    const next = await connectWorker(url, token);
    if (!byWorker.has(next.worker)) byWorker.set(next.worker, next);
  }
  const [a, b] = [...byWorker.values()];
  if (!a || !b) throw new Error('every connection landed on one worker');
  return [a, b];
}

async function revisionOf(url: string, hallId: string): Promise<number> {
  return (await api(url, `/api/v1/halls/${hallId}/live`, { token: null })).body.revision as number;
}

afterAll(() => opened.forEach((s) => s.close()));

describe('lectern serve --workers 2', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The tests here ask until both workers answered (the kernel picks which one takes a connection), so the
    // director may send more than the default burst of 40 writes in a few seconds: the flood limit is another
    // describe's (below).
    server = await startServer({
      args: ['--workers', '2', '--clock', '2025-10-02T09:30:00+09:00', '--token-rate', '200', '--token-burst', '400'],
    });
  });
  afterAll(() => server?.stop());

  it('spreads screens over both workers, and every screen sees a command sent to either', async () => {
    // The workers accept from one shared socket, so which one takes a connection is the kernel's choice: one
    // after another, both get some (a burst at once may all go to the one that woke first).
    const screens: WorkerSocket[] = [];
    for (let i = 0; i < 12; i++) screens.push(await connectWorker(server.url));
    expect(new Set(screens.map((s) => s.worker)).size).toBe(2);
    for (const { socket } of screens) {
      const watched = await socket.emitWithAck('hall:watch', { hallId: 'namba' });
      expect(watched.ok).toBe(true);
    }
    const before = await revisionOf(server.url, 'namba');
    const seen = screens.map(({ socket }) => nextSnapshot(socket, (s) => s.revision === before + 1));
    const sent = await command(server.url, 'namba', { type: 'message', text: 'to every worker' });
    expect(sent.status).toBe(200);
    const snapshots = await Promise.all(seen);
    expect(snapshots.every((s) => s.state.message?.text === 'to every worker')).toBe(true);
  });

  it('keeps a long-polling screen on its worker: every poll and every sent packet reach the session', async () => {
    // Polling only: each request is its own connection (the workers close each after one answer), so without the
    // primary's routing by `sid` about half of them would land on the other worker ("Session ID unknown").
    const screens = Array.from({ length: 4 }, () =>
      io(server.url, { transports: ['polling'], reconnection: false, forceNew: true }),
    ) as LecternClientSocket[];
    opened.push(...screens);
    let dropped = 0;
    for (const socket of screens) socket.on('disconnect', () => dropped++);
    await Promise.all(screens.map((socket) => new Promise<void>((resolve) => socket.once('connect', () => resolve()))));
    for (let round = 0; round < 3; round++) {
      for (const socket of screens) expect((await socket.emitWithAck('hall:watch', { hallId: 'namba' })).ok).toBe(true);
      const before = await revisionOf(server.url, 'namba');
      const seen = screens.map((socket) => nextSnapshot(socket, (s) => s.revision === before + 1));
      expect((await command(server.url, 'namba', { type: 'message', text: `polling ${round}` })).status).toBe(200);
      const snapshots = await Promise.all(seen);
      expect(snapshots.every((s) => s.state.message?.text === `polling ${round}`)).toBe(true);
    }
    expect(dropped).toBe(0);
    expect(screens.every((socket) => socket.io.engine.transport.name === 'polling')).toBe(true);
  });

  it('completes the handshake of every one of 300 connections, one after another (the hand-over race)', async () => {
    // Without the primary's stopping to read before the hand-over (server/cluster/connection-router.ts) about 1 in
    // 25 of these opens its websocket and never connects.
    let stalled = 0;
    for (let i = 0; i < 300; i++) {
      const socket = io(server.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 3000,
        ...(i % 2 ? { auth: { token: DIRECTOR_TOKEN } } : {}),
      });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error) => resolve(error.message));
      });
      if (outcome !== 'connected') stalled++;
      socket.close();
    }
    expect(stalled).toBe(0);
  });

  it('advances once when two workers get `next` with the same expectRevision at once', async () => {
    const [a, b] = await onBothWorkers(server.url, DIRECTOR_TOKEN);
    for (let round = 0; round < 5; round++) {
      const expectRevision = await revisionOf(server.url, 'nakamozu');
      const answers: CommandResult[] = await Promise.all(
        [a, b].map(({ socket }) => socket.emitWithAck('hall:command', { hallId: 'nakamozu', type: 'next', expectRevision })),
      );
      expect(answers.filter((x) => x.ok)).toHaveLength(1);
      expect(answers.find((x) => !x.ok)).toMatchObject({ ok: false, error: 'stale_revision' });
      expect(await revisionOf(server.url, 'nakamozu')).toBe(expectRevision + 1);
    }
  });

  it('applies a commandId retried on the other worker once', async () => {
    const [a, b] = await onBothWorkers(server.url, DIRECTOR_TOKEN);
    const before = await revisionOf(server.url, 'namba');
    const payload = {
      hallId: 'namba',
      type: 'message',
      text: 'retried across workers',
      commandId: 'retry-across-workers-1',
    } as const;
    const first = await a.socket.emitWithAck('hall:command', payload);
    const retry = await b.socket.emitWithAck('hall:command', payload);
    // And both at once, with a fresh id.
    const twin = { ...payload, commandId: 'retry-across-workers-2' };
    const both = await Promise.all([a.socket.emitWithAck('hall:command', twin), b.socket.emitWithAck('hall:command', twin)]);
    expect([first, retry, ...both].every((x) => x.ok)).toBe(true);
    expect(await revisionOf(server.url, 'namba')).toBe(before + 2);
    const log = await fullLog(server.url, 'namba');
    const texts = log.map((e) => (e.command.type === 'message' ? e.command.text : ''));
    expect(texts.filter((t) => t === 'retried across workers')).toHaveLength(2);
  });

  it('a chair token revoked through one worker stops on both at once, also on their open sockets', async () => {
    const minted = await api<{ id: string; token: string }>(server.url, '/api/v1/tokens', {
      body: { hallId: 'namba', label: 'Namba chair' },
    });
    expect(minted.status).toBe(201);
    const panels = await onBothWorkers(server.url, minted.body.token);
    for (const { socket } of panels) {
      const ok = (await socket.emitWithAck('hall:command', {
        hallId: 'namba',
        type: 'message',
        text: 'chair here',
      })) as CommandResult;
      expect(ok).toMatchObject({ ok: true });
    }
    const dropped = panels.map(({ socket }) => new Promise<string>((resolve) => socket.once('disconnect', resolve)));
    expect((await api(server.url, `/api/v1/tokens/${minted.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await Promise.all(dropped)).toEqual(['io server disconnect', 'io server disconnect']);
    // HTTP requests spread over the workers: none of several is let through.
    for (let i = 0; i < 6; i++)
      expect((await command(server.url, 'namba', { type: 'message', text: 'revoked' }, minted.body.token)).status).toBe(401);
    await expect(connectWorker(server.url, minted.body.token)).rejects.toThrow(/unauthorized/);
  });

  it('the director lists, identifies and reloads a screen whichever worker holds it', async () => {
    const screens = await onBothWorkers(server.url);
    for (const [i, { socket }] of screens.entries())
      expect(await socket.emitWithAck('display:hello', { page: 'signage', hallId: 'namba', name: `screen ${i}` })).toEqual({
        ok: true,
      });
    const listed = async () => (await api<DisplayInfo[]>(server.url, '/api/v1/displays')).body;
    await expect.poll(async () => (await listed()).filter((d) => d.name?.startsWith('screen ')).length).toBe(2);
    const ids = await listed();
    // HTTP requests spread over the workers: each screen is asked until both its own worker and the other one
    // answered an identify and a reload (the other one finds the screen through its room, on the worker holding it).
    for (const [i, { socket, worker }] of screens.entries()) {
      const id = ids.find((d) => d.name === `screen ${i}`)!.id;
      const identifiedBy = new Set<string>();
      const reloadedBy = new Set<string>();
      for (let round = 0; round < 12 && (identifiedBy.size < 2 || reloadedBy.size < 2); round++) {
        const flashed = new Promise<{ text: string }>((resolve) => socket.once('display:identify', resolve));
        const identified = await api(server.url, `/api/v1/displays/${id}/identify`, { body: {} });
        expect(identified.status).toBe(200);
        expect(identified.body).toMatchObject({ id, text: expect.any(String) });
        expect((await flashed).text).toBe(identified.body.text);
        identifiedBy.add(identified.headers.get('x-lectern-worker')!);
        const reloaded = new Promise<void>((resolve) => socket.once('display:reload', () => resolve()));
        const reload = await api(server.url, `/api/v1/displays/${id}/reload`, { method: 'POST', body: {} });
        expect(reload.status).toBe(204);
        await reloaded;
        reloadedBy.add(reload.headers.get('x-lectern-worker')!);
        // The kernel picks the worker of each connection: one more request between rounds mixes them further.
        await api(server.url, '/healthz', { token: null });
      }
      const other = screens[1 - i]!.worker;
      expect(other).not.toBe(worker);
      expect([...identifiedBy].sort()).toEqual([worker, other].sort());
      expect([...reloadedBy].sort()).toEqual([worker, other].sort());
    }
    expect((await api(server.url, '/api/v1/displays/dnone/identify', { body: {} })).status).toBe(404);
  });

  it('a program uploaded through one worker reaches the screens of both', async () => {
    const program = (await api<Program>(server.url, '/api/v1/program', { token: null })).body;
    const screens = await onBothWorkers(server.url);
    const changed = screens.map(
      ({ socket }) => new Promise<{ revision: number }>((resolve) => socket.once('program:changed', resolve)),
    );
    const { revision: _revision, ...rest } = program;
    const edited = { ...rest, event: { ...program.event, title: 'Renamed on one worker' } };
    const uploaded = await api(server.url, '/api/v1/program', { rawBody: JSON.stringify(edited) });
    expect(uploaded.status).toBe(200);
    for (const seen of await Promise.all(changed)) expect(seen.revision).toBe(uploaded.body.revision);
    // Every worker answers the new program (requests spread over them).
    for (let i = 0; i < 6; i++)
      expect((await api<Program>(server.url, '/api/v1/program', { token: null })).body.event.title).toBe('Renamed on one worker');
  });
});

describe('kill -9 of the primary of --workers 2 during a burst', () => {
  let server: TestServer | undefined;
  afterAll(() => server?.stop());

  it('loses no acknowledged command and applies none twice', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    server = await startServer({ dataDir, port, args: ['--workers', '2'] });
    const url = server.url;
    const stop = { now: false };
    const chairs = [
      { hallId: 'namba', name: 'namba-a' },
      { hallId: 'namba', name: 'namba-b' },
      { hallId: 'nakamozu', name: 'nakamozu' },
    ];
    const bursts = chairs.map((chair) => burstUntilGone(url, chair, stop));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await server.stop('SIGKILL');
    const acks = (await Promise.all(bursts)).flat();
    stop.now = true;
    expect(acks.length).toBeGreaterThan(5);
    // The workers go with their primary: none is left holding the data folder.
    const alive = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(dataDir));
    for (let i = 0; i < 50 && alive().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive()).toEqual([]);

    server = await startServer({ dataDir, port, args: ['--workers', '2'] });
    await expectEveryAckOnce(url, acks, ['namba', 'nakamozu']);
  });
});

describe('lectern serve --workers 2 with a flood limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ args: ['--workers', '2', '--token-rate', '2', '--token-burst', '2'] });
  });
  afterAll(() => server?.stop());

  it('counts a token’s commands together on both workers', async () => {
    const minted = await api<{ token: string }>(server.url, '/api/v1/tokens', { body: { hallId: 'namba', label: 'chair' } });
    expect(minted.status).toBe(201);
    // Six one after another, each on its own connection, so both workers answer some: two a second in all, not
    // per worker. Retried where a second's window edge fell among them (a slow machine) or one worker took all.
    let statuses: number[] = [];
    let answeredBy = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      const answers = [];
      for (const i of [1, 2, 3, 4, 5, 6]) {
        answers.push(await command(server.url, 'namba', { type: 'message', text: `m${i}` }, minted.body.token));
      }
      statuses = answers.map((a) => a.status).sort();
      answeredBy = new Set(answers.map((a) => a.headers.get('x-lectern-worker') ?? ''));
      if (statuses.filter((s) => s === 200).length <= 2 && answeredBy.size === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    expect(answeredBy.size).toBe(2);
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429]);
  });
});

describe('lectern serve --workers 2 --obs', () => {
  // Worker 1 alone drives OBS (no OBS listens here: the hall's link stays down); the other worker asks it.
  let server: TestServer;
  beforeAll(async () => {
    const config = writeObsConfig({
      halls: { namba: hallConfig(`ws://127.0.0.1:${await freePort()}`, { passwordEnv: 'TEST_OBS_NAMBA_PASSWORD' }) },
    });
    server = await startServer({ args: ['--workers', '2', '--obs', config], env: { TEST_OBS_NAMBA_PASSWORD: 'unused' } });
  });
  afterAll(() => server?.stop());

  it('answers the OBS routes the same on either worker: worker 1 drives OBS, the other relays to it', async () => {
    const workers = new Set<string>();
    const modes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await api<ObsStatusList>(server.url, '/api/v1/obs');
      expect(answer.status).toBe(200);
      workers.add(String(answer.headers.get('x-lectern-worker')));
      // Worker 2 has no OBS of its own: without the relay its answer has no address for the hall.
      expect(answer.body.halls.find((h) => h.hallId === 'namba')?.url).toMatch(/^ws:\/\/127\.0\.0\.1:/);
    }
    expect(workers.size).toBe(2);
    // A change asked of either worker is made by worker 1 and seen from both.
    for (let i = 0; i < 4; i++) {
      const mode = i % 2 ? 'auto' : 'manual';
      const set = await api<{ mode: string }>(server.url, '/api/v1/obs/namba/mode', { body: { mode } });
      expect(set.status).toBe(200);
      expect(set.body.mode).toBe(mode);
      for (let j = 0; j < 2; j++)
        modes.push((await api<ObsStatusList>(server.url, '/api/v1/obs')).body.halls.find((h) => h.hallId === 'namba')!.mode);
    }
    expect(modes).toEqual(['manual', 'manual', 'auto', 'auto', 'manual', 'manual', 'auto', 'auto']);
    expect((await api(server.url, '/api/v1/obs/nakamozu/chapters')).status).toBe(404);
  });
});
