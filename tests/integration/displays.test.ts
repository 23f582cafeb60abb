import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDisplaysDelta, type DisplayInfo, type DisplaysDelta, type LecternClientSocket } from '../../shared/index.js';
import { api } from '../support/http.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

let server: TestServer;
let chairToken: string;
const sockets: LecternClientSocket[] = [];
async function client(token?: string) {
  const socket = await connect(server.url, token);
  sockets.push(socket);
  return socket;
}

/**
 * Resolves with the director's list of screens (the `displays:changed` it got at connect, then each
 * `displays:delta` applied) once it satisfies `match`.
 */
function nextDisplays(
  socket: LecternClientSocket,
  match: (list: DisplayInfo[]) => boolean,
  timeoutMs = 4000,
): Promise<DisplayInfo[]> {
  let list: DisplayInfo[] = [];
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('displays:changed', onList);
      socket.off('displays:delta', onDelta);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error('no matching list of screens in time'));
    }, timeoutMs);
    const check = () => {
      if (!match(list)) return;
      done();
      resolve(list);
    };
    const onList = (whole: DisplayInfo[]) => ((list = whole), check());
    const onDelta = (delta: DisplaysDelta) => ((list = applyDisplaysDelta(list, delta)), check());
    socket.on('displays:changed', onList);
    socket.on('displays:delta', onDelta);
  });
}

async function listed(): Promise<DisplayInfo[]> {
  const { status, body } = await api<DisplayInfo[]>(server.url, '/api/v1/displays');
  expect(status).toBe(200);
  return body;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00'] });
  chairToken = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba' } })).body.token;
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.stop();
});

describe('display registry', () => {
  it('a screen that says hello is listed with page, hall, name, address and times; gone when it disconnects', async () => {
    const director = await client(DIRECTOR_TOKEN);
    const signage = await client();
    const seen = nextDisplays(director, (list) => list.some((d) => d.name === 'stage left'));
    signage.emit('display:hello', { page: 'signage', hallId: 'namba', name: 'stage left' });
    const pushed = await seen;
    const mine = pushed.find((d) => d.name === 'stage left')!;
    expect(mine).toMatchObject({ page: 'signage', hallId: 'namba', name: 'stage left', address: '127.0.0.1' });
    expect(mine.connectedAt).toBe(mine.lastSeenAt);
    expect(Math.abs(mine.connectedAt - Date.parse('2025-10-02T09:45:00+09:00'))).toBeLessThan(60_000);
    expect((await listed()).map((d) => d.id)).toContain(mine.id);

    const gone = nextDisplays(director, (list) => !list.some((d) => d.id === mine.id));
    signage.close();
    await gone;
    expect((await listed()).map((d) => d.id)).not.toContain(mine.id);
  });

  it('a director socket gets the current list as it connects', async () => {
    const lobby = await client();
    lobby.emit('display:hello', { page: 'lobby', name: 'foyer' });
    await waitFor(async () => ((await listed()).some((d) => d.name === 'foyer') ? true : undefined));
    const director = io(DIRECTOR_TOKEN);
    const first = await new Promise<DisplayInfo[]>((resolve) => director.once('displays:changed', resolve));
    expect(first.some((d) => d.name === 'foyer' && d.page === 'lobby' && d.hallId === undefined)).toBe(true);
  });

  it('any event, a clock ping included, moves last contact on', async () => {
    const timer = await client();
    timer.emit('display:hello', { page: 'timer', hallId: 'namba', name: 'lectern timer' });
    const before = await waitFor(async () => (await listed()).find((d) => d.name === 'lectern timer'));
    await new Promise((r) => setTimeout(r, 300));
    await timer.emitWithAck('clock:ping', Date.now());
    const after = (await listed()).find((d) => d.id === before.id)!;
    expect(after.lastSeenAt).toBeGreaterThanOrEqual(before.lastSeenAt + 250);
    expect(after.connectedAt).toBe(before.connectedAt);
  });

  it('a blank name or hall counts as none', async () => {
    const blank = await client();
    blank.emit('display:hello', { page: 'live', hallId: '', name: '  ' });
    const listedBlank = await waitFor(async () => (await listed()).find((d) => d.page === 'live' && d.name === undefined));
    expect(listedBlank.hallId).toBeUndefined();
    blank.close();
    await waitFor(async () => ((await listed()).some((d) => d.id === listedBlank.id) ? undefined : true));
  });

  it('a hello that does not parse changes nothing', async () => {
    const before = (await listed()).length;
    const odd = await client();
    for (const junk of [
      { page: 'kitchen' },
      { page: 'signage', hallId: 42 },
      'signage',
      null,
      { page: 'lobby', name: 'x'.repeat(500) },
    ]) {
      odd.emit('display:hello', junk as never);
    }
    await odd.emitWithAck('clock:ping', 1);
    await new Promise((r) => setTimeout(r, 200));
    expect((await listed()).length).toBe(before);
  });

  it('a hello sent with an acknowledgement is answered: listed, or the field that is wrong', async () => {
    const screen = await client();
    const bad = await screen.timeout(2000).emitWithAck('display:hello', { page: 'signage', hallId: 42 } as never);
    expect(bad).toMatchObject({ ok: false, error: 'invalid', problems: [expect.objectContaining({ path: 'hallId' })] });
    const good = await screen.timeout(2000).emitWithAck('display:hello', { page: 'signage', hallId: 'namba', name: 'acked' });
    expect(good).toEqual({ ok: true });
    expect((await listed()).some((d) => d.name === 'acked')).toBe(true);
  });

  it('identify flashes the hall name (or the page) on that screen only; reload reloads it', async () => {
    const hall = await client();
    const lobby = await client();
    const other = await client();
    hall.emit('display:hello', { page: 'overlay', hallId: 'namba', name: 'obs overlay' });
    lobby.emit('display:hello', { page: 'lobby', name: 'entrance' });
    other.emit('display:hello', { page: 'signage', hallId: 'nakamozu', name: 'not me' });
    const list = await waitFor(async () => {
      const all = await listed();
      return all.some((d) => d.name === 'obs overlay') &&
        all.some((d) => d.name === 'entrance') &&
        all.some((d) => d.name === 'not me')
        ? all
        : undefined;
    });
    const overlayId = list.find((d) => d.name === 'obs overlay')!.id;
    const lobbyId = list.find((d) => d.name === 'entrance')!.id;

    let otherGot = 0;
    other.on('display:identify', () => otherGot++);
    other.on('display:reload', () => otherGot++);
    const flashed = new Promise<{ text: string; durationMs: number }>((resolve) => hall.once('display:identify', resolve));
    const answer = await api(server.url, `/api/v1/displays/${overlayId}/identify`, { body: {} });
    expect(answer.status).toBe(200);
    expect(await flashed).toEqual({ text: 'I-site Namba', durationMs: 10_000 });

    const lobbyFlash = new Promise<{ text: string; durationMs: number }>((resolve) => lobby.once('display:identify', resolve));
    await api(server.url, `/api/v1/displays/${lobbyId}/identify`, { body: { durationMs: 3000 } });
    expect(await lobbyFlash).toEqual({ text: 'Lobby', durationMs: 3000 });

    const reloaded = new Promise<void>((resolve) => hall.once('display:reload', () => resolve()));
    expect((await api(server.url, `/api/v1/displays/${overlayId}/reload`, { method: 'POST' })).status).toBe(204);
    await reloaded;
    await new Promise((r) => setTimeout(r, 100));
    expect(otherGot).toBe(0);

    expect((await api(server.url, '/api/v1/displays/dnope/identify', { body: {} })).status).toBe(404);
    expect((await api(server.url, '/api/v1/displays/dnope/reload', { method: 'POST' })).status).toBe(404);
    expect((await api(server.url, `/api/v1/displays/${overlayId}/identify`, { body: { durationMs: 'long' } })).status).toBe(400);
  });

  it('only a director may list, identify or reload, or get the list on a socket', async () => {
    expect((await api(server.url, '/api/v1/displays', { token: null })).status).toBe(401);
    expect((await api(server.url, '/api/v1/displays', { token: chairToken })).status).toBe(403);
    const id = (await listed())[0]!.id;
    expect((await api(server.url, `/api/v1/displays/${id}/reload`, { method: 'POST', token: chairToken })).status).toBe(403);
    expect((await api(server.url, `/api/v1/displays/${id}/identify`, { body: {}, token: null })).status).toBe(401);

    const chair = await client(chairToken);
    const anonymous = await client();
    let leaked = 0;
    chair.on('displays:changed', () => leaked++);
    anonymous.on('displays:changed', () => leaked++);
    chair.on('displays:delta', () => leaked++);
    anonymous.on('displays:delta', () => leaked++);
    const director = await client(DIRECTOR_TOKEN);
    const seen = nextDisplays(director, (list) => list.some((d) => d.name === 'late screen'));
    (await client()).emit('display:hello', { page: 'live', name: 'late screen' });
    await seen;
    await new Promise((r) => setTimeout(r, 150));
    expect(leaked).toBe(0);
  });
});

/** A director socket that listens before it connects (so it sees the first list). */
function io(token: string): LecternClientSocket {
  // socket.io-client connects on creation; the first event arrives after this tick.
  const socket = ioClient(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token },
  }) as LecternClientSocket;
  sockets.push(socket);
  return socket;
}
