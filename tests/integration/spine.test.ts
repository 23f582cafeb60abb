import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallSnapshot, LecternClientSocket, LiveView } from '../../shared/index.js';
import { tokyo } from '../support/demo.js';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN, ROOT, startServer, tempDir, type TestServer } from '../support/server.js';
import { connect, nextSnapshot } from '../support/socket.js';

// The server runs on a rehearsal clock in the middle of Day 1.
const CLOCK = '2025-10-02T09:35:00+09:00';

let server: TestServer;
const sockets: LecternClientSocket[] = [];
async function client(token?: string) {
  const socket = await connect(server.url, token);
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  server = await startServer({ args: ['--clock', CLOCK] });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.stop();
});

describe('HTTP reads', () => {
  it('GET /healthz answers with server time on the rehearsal clock', async () => {
    const { status, body } = await api(server.url, '/healthz', { token: null });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(Math.abs(body.serverTime - Date.parse(CLOCK))).toBeLessThan(60_000);
  });

  it('GET /api/v1/program answers the demo event', async () => {
    const { body } = await api(server.url, '/api/v1/program', { token: null });
    expect(body.event).toMatchObject({ timeZone: 'Asia/Tokyo' });
    expect(body.items).toHaveLength(27);
    expect(body.revision).toBe(1);
  });

  it('GET /api/v1/halls lists both halls with their live view', async () => {
    const { body } = await api(server.url, '/api/v1/halls', { token: null });
    expect(body.map((h: { id: string }) => h.id)).toEqual(['namba', 'nakamozu']);
    expect(body[0].live.now.title).toBe('Opening');
  });

  it('GET /api/v1/halls/:id/live: the view of an unattended hall from its schedule', async () => {
    const { status, body } = await api<LiveView>(server.url, '/api/v1/halls/nakamozu/live', { token: null });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      hallId: 'nakamozu',
      revision: 0,
      phase: 'idle',
      now: null,
      delayMs: 0,
      countdown: null,
      message: null,
    });
    expect(body.next?.title).toBe('Registration (Onsite)');
    expect(typeof body.serverTime).toBe('number');
    expect((await api(server.url, '/api/v1/halls/nowhere/live', { token: null })).status).toBe(404);
  });
});

describe('watch, command, broadcast', () => {
  it('hall:watch answers the snapshot by ack and by hall:changed, also without an ack', async () => {
    const a = await client();
    const pushed = nextSnapshot(a, (s) => s.hallId === 'namba');
    const ack = await a.emitWithAck('hall:watch', { hallId: 'namba' });
    expect(ack.ok).toBe(true);
    expect((await pushed).revision).toBe(0);

    const b = await client();
    const pushedB = nextSnapshot(b, (s) => s.hallId === 'namba');
    b.emit('hall:watch', { hallId: 'namba' });
    const snapshot = await pushedB;
    expect(snapshot).toMatchObject({ hallId: 'namba', programRevision: 1, state: { hallId: 'namba' } });
  });

  it('a command over HTTP is acknowledged with the new view and broadcast to every watcher', async () => {
    const a = await client();
    const b = await client();
    await a.emitWithAck('hall:watch', { hallId: 'namba' });
    await b.emitWithAck('hall:watch', { hallId: 'namba' });
    const current = (await api<LiveView>(server.url, '/api/v1/halls/namba/live')).body;
    const seenA = nextSnapshot(a, (s) => s.revision === current.revision + 1);
    const seenB = nextSnapshot(b, (s) => s.revision === current.revision + 1);
    const { status, body } = await command(server.url, 'namba', { type: 'next', expectRevision: current.revision });
    expect(status).toBe(200);
    expect(body).toMatchObject({ hallId: 'namba', revision: current.revision + 1, phase: 'talk', source: 'chair' });
    const [snapA, snapB] = await Promise.all([seenA, seenB]);
    expect(snapA.now?.id).toBe(body.now.id);
    expect(snapB.now?.id).toBe(body.now.id);
  });

  it('a long-polling screen and one that is upgrading get the change too (through socket.io, not the direct write)', async () => {
    const polling = io(server.url, { transports: ['polling'], reconnection: false, forceNew: true }) as LecternClientSocket;
    const upgrading = io(server.url, {
      transports: ['polling', 'websocket'],
      reconnection: false,
      forceNew: true,
    }) as LecternClientSocket;
    sockets.push(polling, upgrading);
    for (const socket of [polling, upgrading]) {
      if (!socket.connected) await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      expect((await socket.emitWithAck('hall:watch', { hallId: 'namba' })).ok).toBe(true);
    }
    const current = (await api<LiveView>(server.url, '/api/v1/halls/namba/live')).body;
    const seen = [polling, upgrading].map((s) => nextSnapshot(s, (snap) => snap.revision === current.revision + 1));
    const { status } = await command(server.url, 'namba', { type: 'message', text: 'to every transport' });
    expect(status).toBe(200);
    for (const snapshot of await Promise.all(seen)) expect(snapshot.state.message?.text).toBe('to every transport');
    expect(polling.io.engine.transport.name).toBe('polling');
  });

  it('a stale revision gets 409 with the current live view and changes nothing', async () => {
    await command(server.url, 'namba', { type: 'message', text: 'Coffee in the foyer', targets: ['signage'] });
    const before = (await api<LiveView>(server.url, '/api/v1/halls/namba/live')).body;
    const { status, body } = await command(server.url, 'namba', { type: 'next', expectRevision: before.revision - 1 });
    expect(status).toBe(409);
    expect(body).toMatchObject({ error: 'stale_revision', hallId: 'namba', revision: before.revision });
    expect(body.detail).toMatch(/revision/);
    // The view's own message (the hall's banner) is not replaced by the error text.
    expect(body.message).toEqual(before.message);
    expect(body.message.text).toBe('Coffee in the foyer');
    expect(body.now?.id).toBe(before.now?.id);
    expect((await api<LiveView>(server.url, '/api/v1/halls/namba/live')).body.revision).toBe(before.revision);
  });

  it('two nexts on the same revision advance once', async () => {
    const before = (await api<LiveView>(server.url, '/api/v1/halls/nakamozu/live')).body;
    const results = await Promise.all([
      command(server.url, 'nakamozu', { type: 'next', expectRevision: before.revision }),
      command(server.url, 'nakamozu', { type: 'next', expectRevision: before.revision }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await api<LiveView>(server.url, '/api/v1/halls/nakamozu/live')).body.revision).toBe(before.revision + 1);
  });

  it('a retried command id is answered again without being applied twice', async () => {
    const before = (await api<LiveView>(server.url, '/api/v1/halls/nakamozu/live')).body;
    const body = { type: 'extend', minutes: 1, commandId: 'retry-test-0001' };
    const first = await command(server.url, 'nakamozu', body);
    const again = await command(server.url, 'nakamozu', body);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(before.revision + 1);
  });
});

describe('tokens and rights', () => {
  it('401 without a token or with an unknown one', async () => {
    expect((await command(server.url, 'namba', { type: 'next' }, null)).status).toBe(401);
    expect((await command(server.url, 'namba', { type: 'next' }, 'lct_c_nonsense')).status).toBe(401);
  });

  it('400 names what is wrong; 404 for an unknown hall or item', async () => {
    const invalid = await command(server.url, 'namba', { type: 'extend', minutes: 'five' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.problems[0].path).toBe('minutes');
    expect((await command(server.url, 'namba', { type: 'teleport' })).status).toBe(400);
    expect((await api(server.url, '/api/v1/halls/namba/commands', { rawBody: '{"type":' })).status).toBe(400);
    const asText = await fetch(`${server.url}/api/v1/halls/namba/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DIRECTOR_TOKEN}`, 'content-type': 'text/plain' },
      body: '{"type":"next"}',
    });
    expect(asText.status).toBe(400);
    expect(((await asText.json()) as { message: string }).message).toContain('Content-Type: application/json');
    expect((await command(server.url, 'nowhere', { type: 'next' })).status).toBe(404);
    expect((await command(server.url, 'namba', { type: 'goto', itemId: 'no-such-item' })).status).toBe(404);
  });

  it('a director mints a chair token: it runs its hall, not another, and cannot reset', async () => {
    const minted = await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba' } });
    expect(minted.status).toBe(201);
    expect(minted.body.url).toBe(`${server.url}/control/hall/namba#token=${minted.body.token}`);
    const chair = minted.body.token as string;
    expect((await command(server.url, 'namba', { type: 'message', text: 'Welcome' }, chair)).status).toBe(200);
    expect((await command(server.url, 'nakamozu', { type: 'message', text: 'Hi' }, chair)).status).toBe(403);
    expect((await command(server.url, 'namba', { type: 'reset' }, chair)).status).toBe(403);
    expect((await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba' }, token: chair })).status).toBe(403);
    expect((await api(server.url, '/api/v1/tokens', { body: { hallId: 'nowhere' } })).status).toBe(404);

    // Over the socket, the same rights.
    const socket = await client(chair);
    const own = await socket.emitWithAck('hall:command', { hallId: 'namba', type: 'clearMessage' });
    expect(own.ok).toBe(true);
    const other = await socket.emitWithAck('hall:command', { hallId: 'nakamozu', type: 'hold' });
    expect(other).toMatchObject({ ok: false, error: 'forbidden' });

    // Revoked: stops at once, even on a socket connected before: the server drops it, and it cannot come back.
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    expect((await api(server.url, `/api/v1/tokens/${minted.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await dropped).toBe('io server disconnect');
    expect((await command(server.url, 'namba', { type: 'clearMessage' }, chair)).status).toBe(401);
    await expect(client(chair)).rejects.toThrow(/unauthorized/);
  });

  it('a display (no token) can watch but not command', async () => {
    const display = await client();
    const result = await display.emitWithAck('hall:command', { hallId: 'namba', type: 'next' });
    expect(result).toMatchObject({ ok: false, error: 'unauthorized' });
  });

  it('a socket with an unknown token is refused at connect', async () => {
    await expect(connect(server.url, 'lct_c_unknown')).rejects.toThrow(/unauthorized/);
  });
});

describe('robustness', () => {
  it('malformed or unexpected events never crash the server', async () => {
    const socket = await client();
    const junk: unknown[] = [
      undefined,
      null,
      42,
      'namba',
      [],
      { hallId: 42 },
      { hallId: 'x'.repeat(5000) },
      { __proto__: { hallId: 'namba' } },
    ];
    for (const payload of junk) {
      // Junk on purpose: the server must survive what the typed contract would never let a page send.
      socket.emit('hall:watch', payload as never);
      socket.emit('hall:watch', payload as never, 'not a function' as never);
      socket.emit('hall:command', payload as never);
      socket.emit('clock:ping', payload as never);
      (socket as any).emit('no:such:event', payload);
    }
    const bad = await socket.emitWithAck('hall:watch', { hallId: 42 } as never);
    expect(bad).toMatchObject({ ok: false, error: 'invalid' });
    const missing = await socket.emitWithAck('hall:watch', { hallId: 'nowhere' });
    expect(missing).toMatchObject({ ok: false, error: 'not_found' });
    const unknown = await (socket as any).timeout(2000).emitWithAck('no:such:event', { hallId: 'namba' });
    expect(unknown).toMatchObject({ ok: false, error: 'unknown_event' });
    expect((await api(server.url, '/healthz')).status).toBe(200);
  });

  it('clock:ping answers by ack, or by clock:pong without one', async () => {
    const socket = await client();
    const pong = await socket.emitWithAck('clock:ping', 123);
    expect(pong.t0).toBe(123);
    expect(Math.abs(pong.serverTime - Date.parse(CLOCK))).toBeLessThan(60_000);
    const pushed = new Promise<{ t0: number }>((resolve) => socket.once('clock:pong', resolve));
    socket.emit('clock:ping', 456);
    expect((await pushed).t0).toBe(456);
  });
});

describe('durability', () => {
  it('after kill -9, a restart resumes every hall exactly, timers and rehearsal clock included', async () => {
    const own = await startServer({ args: ['--clock', '2025-10-02T10:00:00+09:00'] });
    try {
      let revision = 0;
      const steps = [
        { type: 'next' },
        { type: 'extend', minutes: 3 },
        { type: 'message', text: 'Please take your seats', targets: ['signage', 'lobby'] },
        { type: 'hold' },
        { type: 'release' },
        { type: 'qa' },
      ];
      for (const step of steps) {
        const { status, body } = await command(own.url, 'namba', { ...step, expectRevision: revision });
        expect(status).toBe(200);
        revision = body.revision;
      }
      const socket = await connect(own.url, DIRECTOR_TOKEN);
      const last = await socket.emitWithAck('hall:command', { hallId: 'nakamozu', type: 'hold' });
      expect(last.ok).toBe(true);
      socket.close();
      const before = (await api<LiveView>(own.url, '/api/v1/halls/namba/live')).body;
      await own.stop('SIGKILL');

      const again = await startServer({ dataDir: own.dataDir });
      try {
        const after = (await api<LiveView>(again.url, '/api/v1/halls/namba/live')).body;
        expect(after.revision).toBe(before.revision);
        expect(after.phase).toBe('qa');
        expect(after.countdown).toEqual(before.countdown);
        expect(after.message).toEqual(before.message);
        expect(after.now?.id).toBe(before.now?.id);
        // The rehearsal clock resumed: still the morning of Day 1, not today.
        expect(Math.abs(after.serverTime - tokyo('2025-10-02T10:00'))).toBeLessThan(120_000);
        expect((await api<LiveView>(again.url, '/api/v1/halls/nakamozu/live')).body.phase).toBe('hold');
      } finally {
        await again.stop();
      }
      // Every accepted command is in the log, marked as rehearsal.
      const db = new Database(join(own.dataDir, 'lectern.sqlite'), { readonly: true });
      const rows = db.prepare('SELECT hall_id, type, rehearsal, actor FROM command_log ORDER BY seq').all() as {
        type: string;
        rehearsal: number;
        actor: string;
      }[];
      db.close();
      expect(rows.map((r) => r.type)).toEqual([...steps.map((s) => s.type), 'hold']);
      expect(rows.every((r) => r.rehearsal === 1 && r.actor === 'director')).toBe(true);
    } finally {
      await own.stop();
    }
  });

  it('a command acknowledged just before kill -9 is there after the restart', async () => {
    const own = await startServer();
    try {
      const socket = await connect(own.url, DIRECTOR_TOKEN);
      let acked: HallSnapshot | LiveView | undefined;
      for (let i = 0; i < 20; i++) {
        const result = await socket.emitWithAck('hall:command', { hallId: 'namba', type: 'message', text: `message ${i}` });
        if (result.ok) acked = result.view;
      }
      own.process.kill('SIGKILL');
      await new Promise((resolve) => own.process.once('exit', resolve));
      socket.close();
      const again = await startServer({ dataDir: own.dataDir });
      try {
        const after = (await api<LiveView>(again.url, '/api/v1/halls/namba/live')).body;
        expect(after.revision).toBe(acked!.revision);
        expect(after.message?.text).toBe('message 19');
      } finally {
        await again.stop();
      }
    } finally {
      await own.stop();
    }
  });
});

describe('a hall that a new program removes and a later one brings back', () => {
  it('starts idle on a new revision, and a restart after kill -9 shows it the same', async () => {
    const own = await startServer({ args: ['--clock', '2025-10-02T10:00:00+09:00'] });
    try {
      const demo = (await api(own.url, '/api/v1/program', { token: null })).body;
      const started = await command(own.url, 'namba', { type: 'next' });
      expect(started.body).toMatchObject({ revision: 1, phase: 'talk', source: 'chair' });
      const upload = (body: string, type: string) =>
        fetch(`${own.url}/api/v1/program`, {
          method: 'POST',
          headers: { authorization: `Bearer ${DIRECTOR_TOKEN}`, 'content-type': type },
          body,
        });
      const frab = readFileSync(join(ROOT, 'tests/fixtures/frab-31c3-schedule.xml'), 'utf8');
      expect((await upload(frab, 'application/xml')).status).toBe(200);
      expect((await upload(JSON.stringify(demo), 'application/json')).status).toBe(200);

      const back = (await api<LiveView>(own.url, '/api/v1/halls/namba/live')).body;
      expect(back).toMatchObject({ revision: 2, source: 'schedule', itemStartedAt: null });
      await own.stop('SIGKILL');
      const again = await startServer({ dataDir: own.dataDir });
      try {
        const after = (await api<LiveView>(again.url, '/api/v1/halls/namba/live')).body;
        expect(after).toMatchObject({ revision: back.revision, source: back.source, itemStartedAt: null });
      } finally {
        await again.stop();
      }
    } finally {
      await own.stop();
    }
  });
});

describe('lectern serve --program', () => {
  it('takes any importable format (here the 31C3 frab file)', async () => {
    const own = await startServer({
      args: ['--program', join(ROOT, 'tests/fixtures/frab-31c3-schedule.xml')],
      env: { TZ: 'UTC' },
    });
    try {
      const { body } = await api(own.url, '/api/v1/program', { token: null });
      expect(body.halls.map((h: { id: string }) => h.id)).toEqual(['saal-1', 'saal-2', 'saal-g', 'saal-6']);
      expect(body.items).toHaveLength(138);
      // The file names no zone: the start says which one the screens will show times in, and how to pick another.
      expect(own.output()).toContain("(frab): zone UTC (this machine's zone");
      expect(own.output()).toContain('--zone IANA --out program.json');
      expect(own.output()).toMatch(/schedule\.day\[0\]\.room\[0\]\.event\[0\]\.date: the file's times carry \+01:00/);
    } finally {
      await own.stop();
    }
  });

  it('a broken program file stops the start, naming the line', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "event": { "title": "X", "timeZone": "Asia/Tokyo" },\n  "halls": [\n');
    await expect(startServer({ args: ['--program', file] })).rejects.toThrow(/line \d+/);
  });
});
