import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandLogPage, HallSnapshot, LecternClientSocket, LiveView, LoggedCommand, Program } from '../../shared/index.js';
import { tokyo } from '../support/demo.js';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../support/server.js';
import { connect, nextSnapshot } from '../support/socket.js';

let server: TestServer;
let chairToken: string;
const sockets: LecternClientSocket[] = [];
async function client(token?: string) {
  const socket = await connect(server.url, token);
  sockets.push(socket);
  return socket;
}
const live = async (hallId: string) => (await api<LiveView>(server.url, `/api/v1/halls/${hallId}/live`)).body;
const program = async () => (await api<Program>(server.url, '/api/v1/program')).body;
const item = (p: Program, id: string) => p.items.find((i) => i.id === id)!;

beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00'] });
  const minted = await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba', label: 'Chair Namba tablet' } });
  chairToken = minted.body.token;
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.stop();
});

describe('who am I', () => {
  it('tells a chair token its hall, the director its role, and refuses a bad token', async () => {
    expect((await api(server.url, '/api/v1/auth/me', { token: chairToken })).body).toEqual({
      role: 'chair',
      hallId: 'namba',
      label: 'Chair Namba tablet',
    });
    expect((await api(server.url, '/api/v1/auth/me')).body).toEqual({ role: 'director', label: 'Director' });
    expect((await api(server.url, '/api/v1/auth/me', { token: 'lct_c_nope' })).status).toBe(401);
    expect((await api(server.url, '/api/v1/auth/me', { token: null })).status).toBe(401);
  });
});

describe('the directors room', () => {
  it('a director socket gets every hall change and log entry without watching; a chair or a screen gets neither', async () => {
    const director = await client(DIRECTOR_TOKEN);
    const chair = await client(chairToken);
    const screen = await client();
    let leaked = 0;
    for (const s of [chair, screen]) {
      s.on('hall:changed', () => leaked++);
      s.on('log:appended', () => leaked++);
    }
    const logged = new Promise<LoggedCommand>((resolve) => director.once('log:appended', resolve));
    const changed = nextSnapshot(director, (s) => s.hallId === 'nakamozu');
    expect((await command(server.url, 'nakamozu', { type: 'message', text: 'Doors open at 13:30' })).status).toBe(200);
    const snapshot: HallSnapshot = await changed;
    expect(snapshot.message?.text).toBe('Doors open at 13:30');
    expect(await logged).toMatchObject({
      hallId: 'nakamozu',
      command: { type: 'message', text: 'Doors open at 13:30' },
      actor: 'director',
      actorLabel: 'Director',
      role: 'director',
      rehearsal: true,
      revision: snapshot.revision,
    });

    const chairLogged = new Promise<LoggedCommand>((resolve) => director.once('log:appended', resolve));
    const ack = await chair.emitWithAck('hall:command', { hallId: 'namba', type: 'next', commandId: 'chair-next-000001' });
    expect(ack.ok).toBe(true);
    expect(await chairLogged).toMatchObject({
      hallId: 'namba',
      command: { type: 'next' },
      role: 'chair',
      actorLabel: 'Chair Namba tablet',
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(leaked).toBe(0);
  });
});

describe('command log', () => {
  it('answers who, what, when and the rehearsal flag, pages with after/limit and shows the newest with last', async () => {
    for (const minutes of [1, 2, 3]) expect((await command(server.url, 'namba', { type: 'extend', minutes })).status).toBe(200);
    const all = (await api<CommandLogPage>(server.url, '/api/v1/halls/namba/log')).body;
    expect(all.entries.length).toBeGreaterThanOrEqual(4);
    const first = all.entries[0]!;
    expect(first).toMatchObject({
      hallId: 'namba',
      command: { type: 'next' },
      actor: expect.stringMatching(/^chair:/),
      actorLabel: 'Chair Namba tablet',
      rehearsal: true,
    });
    expect(Math.abs(first.at - tokyo('2025-10-02T09:45'))).toBeLessThan(120_000);
    expect(all.entries.map((e) => e.seq)).toEqual([...all.entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(all.entries.every((e) => !('state' in e))).toBe(true);

    const page1 = (await api<CommandLogPage>(server.url, '/api/v1/halls/namba/log?limit=2')).body;
    expect(page1.entries.map((e) => e.seq)).toEqual(all.entries.slice(0, 2).map((e) => e.seq));
    const page2 = (await api<CommandLogPage>(server.url, `/api/v1/halls/namba/log?after=${page1.lastSeq}&limit=2`)).body;
    expect(page2.entries.map((e) => e.seq)).toEqual(all.entries.slice(2, 4).map((e) => e.seq));
    const newest = (await api<CommandLogPage>(server.url, '/api/v1/halls/namba/log?last=2')).body;
    expect(newest.entries.map((e) => e.command)).toEqual([
      { type: 'extend', minutes: 2 },
      { type: 'extend', minutes: 3 },
    ]);
    const none = (await api<CommandLogPage>(server.url, `/api/v1/halls/namba/log?after=${all.lastSeq}`)).body;
    expect(none).toEqual({ entries: [], lastSeq: null });
  });

  it('is for the director only, names a bad query, and 404s an unknown hall', async () => {
    expect((await api(server.url, '/api/v1/halls/namba/log', { token: chairToken })).status).toBe(403);
    expect((await api(server.url, '/api/v1/halls/namba/log', { token: null })).status).toBe(401);
    const bad = await api(server.url, '/api/v1/halls/namba/log?limit=lots');
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].path).toBe('limit');
    expect((await api(server.url, '/api/v1/halls/attic/log')).status).toBe(404);
  });
});

describe('message to every hall', () => {
  it('puts the message on every hall, each committed and logged, and clears it everywhere', async () => {
    const before = { namba: (await live('namba')).revision, nakamozu: (await live('nakamozu')).revision };
    const body = {
      text: 'Lunch extended by 15 minutes',
      targets: ['signage', 'lobby', 'stream', 'live'],
      commandId: 'all-message-0001',
    };
    const sent = await api(server.url, '/api/v1/message', { body });
    expect(sent.status).toBe(200);
    expect(sent.body.halls).toEqual([
      { hallId: 'namba', ok: true, revision: before.namba + 1 },
      { hallId: 'nakamozu', ok: true, revision: before.nakamozu + 1 },
    ]);
    for (const hallId of ['namba', 'nakamozu']) {
      expect((await live(hallId)).message).toMatchObject({
        text: 'Lunch extended by 15 minutes',
        targets: ['signage', 'lobby', 'stream', 'live'],
      });
      const log = (await api<CommandLogPage>(server.url, `/api/v1/halls/${hallId}/log?last=1`)).body;
      expect(log.entries[0]!.command).toMatchObject({ type: 'message', text: 'Lunch extended by 15 minutes' });
    }
    // The same request again (a retry) applies nothing twice.
    const again = await api(server.url, '/api/v1/message', { body });
    expect(again.body.halls.map((h: { revision: number }) => h.revision)).toEqual([before.namba + 1, before.nakamozu + 1]);

    const cleared = await api(server.url, '/api/v1/message', { method: 'DELETE' });
    expect(cleared.status).toBe(200);
    expect((await live('namba')).message).toBeNull();
    expect((await live('nakamozu')).message).toBeNull();
  });

  it('refuses an empty text, an unknown hall or a chair token, changing nothing', async () => {
    const before = (await live('namba')).revision;
    const empty = await api(server.url, '/api/v1/message', { body: { text: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.problems[0].path).toBe('text');
    expect((await api(server.url, '/api/v1/message', { body: { text: 'x', hallIds: ['namba', 'attic'] } })).status).toBe(404);
    expect((await api(server.url, '/api/v1/message', { body: { text: 'x' }, token: chairToken })).status).toBe(403);
    expect((await live('namba')).revision).toBe(before);
  });
});

describe('reset after a rehearsal', () => {
  it('resets the halls named, every hall, or the halls of one program day', async () => {
    await command(server.url, 'namba', { type: 'hold' });
    await command(server.url, 'nakamozu', { type: 'next' });
    const day2 = await api(server.url, '/api/v1/halls/reset', { body: { date: '2025-10-03' } });
    expect(day2.status).toBe(200);
    expect(day2.body.halls.map((h: { hallId: string }) => h.hallId)).toEqual(['nakamozu']);
    expect((await live('nakamozu')).source).toBe('schedule');
    expect((await live('namba')).phase).toBe('hold');

    const named = await api(server.url, '/api/v1/halls/reset', { body: { hallIds: ['namba'] } });
    expect(named.body.halls).toMatchObject([{ hallId: 'namba', ok: true }]);
    expect((await live('namba')).source).toBe('schedule');

    await command(server.url, 'namba', { type: 'next' });
    await command(server.url, 'nakamozu', { type: 'next' });
    const all = await api(server.url, '/api/v1/halls/reset', { body: {} });
    expect(all.body.halls.map((h: { hallId: string }) => h.hallId)).toEqual(['namba', 'nakamozu']);
    for (const hallId of ['namba', 'nakamozu']) {
      const log = (await api<CommandLogPage>(server.url, `/api/v1/halls/${hallId}/log?last=1`)).body;
      expect(log.entries[0]).toMatchObject({ command: { type: 'reset' }, rehearsal: true });
    }
  });

  it('refuses a chair, an unknown hall, a day without items, and a bad date', async () => {
    expect((await api(server.url, '/api/v1/halls/reset', { body: {}, token: chairToken })).status).toBe(403);
    expect((await api(server.url, '/api/v1/halls/reset', { body: { hallIds: ['attic'] } })).status).toBe(404);
    expect((await api(server.url, '/api/v1/halls/reset', { body: { date: '2025-12-24' } })).status).toBe(404);
    const bad = await api(server.url, '/api/v1/halls/reset', { body: { date: 'tomorrow' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].path).toBe('date');
  });
});

describe('program edits', () => {
  it('a shift is validated, saved as a new revision (the store keeps every one) and pushed to screens', async () => {
    const before = await program();
    const screen = await client();
    const pushed = new Promise<{ revision: number }>((resolve) => screen.once('program:changed', resolve));
    const edit = await api(server.url, '/api/v1/program/edits', {
      body: { type: 'shift', itemId: 'namba-2025-10-02-1020', minutes: 10, expectRevision: before.revision },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ revision: before.revision! + 1, vanished: [] });
    expect(edit.body.summary).toMatch(/moved \+10 min/);
    expect((await pushed).revision).toBe(before.revision! + 1);
    const after = await program();
    expect(after.revision).toBe(before.revision! + 1);
    expect(item(after, 'namba-2025-10-02-1020').start).toBe(tokyo('2025-10-02T10:30'));
    expect(item(after, 'namba-2025-10-02-0940').start).toBe(tokyo('2025-10-02T09:40'));

    const revisions = (await api(server.url, '/api/v1/program/revisions')).body;
    expect(revisions[0]).toMatchObject({ revision: after.revision, actor: 'director' });
    expect(revisions.map((r: { revision: number }) => r.revision)).toContain(before.revision);
    const db = new Database(join(server.dataDir, 'lectern.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT revision, json FROM program ORDER BY revision').all() as { revision: number; json: string }[];
    db.close();
    expect(rows.map((r) => r.revision)).toEqual(revisions.map((r: { revision: number }) => r.revision).reverse());
    const stored = JSON.parse(rows.find((r) => r.revision === before.revision)!.json) as Program;
    expect(item(stored, 'namba-2025-10-02-1020').start).toBe(tokyo('2025-10-02T10:20'));
  });

  it('edit times and title, swap, add and remove', async () => {
    const steps = [
      { type: 'editItem', itemId: 'namba-2025-10-02-1020', title: 'Reproducibility (updated)' },
      { type: 'swap', itemId: 'namba-2025-10-02-1315', otherItemId: 'namba-2025-10-02-1345' },
      {
        type: 'addItem',
        item: {
          hallId: 'nakamozu',
          kind: 'other',
          title: 'Photo session',
          start: '2025-10-03T19:15:00+09:00',
          end: '2025-10-03T19:30:00+09:00',
        },
      },
      {
        type: 'editItem',
        itemId: 'nakamozu-2025-10-03-1915',
        start: '2025-10-03T19:20:00+09:00',
        end: '2025-10-03T19:40:00+09:00',
      },
      { type: 'removeItem', itemId: 'nakamozu-2025-10-03-1500' },
    ];
    for (const step of steps) {
      const answer = await api(server.url, '/api/v1/program/edits', { body: step });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    const after = await program();
    expect(item(after, 'namba-2025-10-02-1020').title).toBe('Reproducibility (updated)');
    // (The shift before moved both by 10 minutes.)
    expect(item(after, 'namba-2025-10-02-1345').start).toBe(tokyo('2025-10-02T13:25'));
    expect(item(after, 'namba-2025-10-02-1315').start).toBe(tokyo('2025-10-02T13:55'));
    expect(item(after, 'nakamozu-2025-10-03-1915')).toMatchObject({
      title: 'Photo session',
      start: tokyo('2025-10-03T19:20'),
      end: tokyo('2025-10-03T19:40'),
    });
    expect(after.items.some((i) => i.id === 'nakamozu-2025-10-03-1500')).toBe(false);
  });

  it('an edit that breaks the program is refused with the problem named, and nothing changes', async () => {
    const before = await program();
    const overlap = await api(server.url, '/api/v1/program/edits', {
      body: { type: 'editItem', itemId: 'namba-2025-10-02-0940', end: '2025-10-02T10:45:00+09:00' },
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error).toBe('invalid');
    expect(overlap.body.message).toMatch(/overlaps "Foundation Potentials/);
    expect(overlap.body.problems.length).toBeGreaterThan(0);

    const invalid = await api(server.url, '/api/v1/program/edits', {
      body: { type: 'shift', itemId: 'namba-2025-10-02-0940', minutes: 'ten' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.problems.some((p: { path: string }) => p.path === 'minutes')).toBe(true);
    expect((await api(server.url, '/api/v1/program/edits', { body: { type: 'removeItem', itemId: 'nope' } })).status).toBe(404);
    expect(
      (
        await api(server.url, '/api/v1/program/edits', {
          body: { type: 'removeItem', itemId: 'namba-2025-10-02-0940' },
          token: chairToken,
        })
      ).status,
    ).toBe(403);
    const stale = await api(server.url, '/api/v1/program/edits', {
      body: { type: 'removeItem', itemId: 'namba-2025-10-02-0940', expectRevision: before.revision! - 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('stale_revision');
    expect((await program()).revision).toBe(before.revision);
    expect((await program()).items).toHaveLength(before.items.length);
  });

  it('removing the item a hall is on sends the hall back to idle and says so', async () => {
    const started = await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-1105' });
    expect(started.status).toBe(200);
    const removed = await api(server.url, '/api/v1/program/edits', {
      body: { type: 'removeItem', itemId: 'namba-2025-10-02-1105' },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.vanished).toEqual([{ hallId: 'namba', itemId: 'namba-2025-10-02-1105' }]);
    expect((await live('namba')).source).toBe('schedule');
  });
});
