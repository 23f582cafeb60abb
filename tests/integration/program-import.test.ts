import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket, LiveView, Program, ProgramUploadAnswer } from '../../shared/index.js';
import { importProgram } from '../../server/program/import/index.js';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN, ROOT, startServer, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8');
const SEED = fixture('osaka-assb-symposium-2025-program.txt');
const SEED_QUERY = `zone=Asia/Tokyo&hallMap=${encodeURIComponent('I-site Namba=namba,Conference Hall=nakamozu')}&title=${encodeURIComponent('All-Solid-State Battery Symposium 2025')}`;

let server: TestServer;
const sockets: LecternClientSocket[] = [];

/** Uploads a program file as the raw body. */
async function upload(body: string | Buffer, query = '', init: { token?: string | null; type?: string } = {}) {
  const token = init.token === undefined ? DIRECTOR_TOKEN : init.token;
  const response = await fetch(`${server.url}/api/v1/program${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': init.type ?? 'text/plain; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as ProgramUploadAnswer & {
      error?: string;
      message?: string;
      problems?: { path: string; message: string }[];
    },
  };
}

const program = async () => (await api<Program>(server.url, '/api/v1/program', { token: null })).body;

beforeAll(async () => {
  // In the middle of Day 1, on a rehearsal clock.
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00'] });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.stop();
});

describe('a bad upload is answered 400 with every problem named, and changes nothing', () => {
  const lines = SEED.split('\n');
  const seedWith = (lineNumber: number, text: string) => lines.map((line, i) => (i === lineNumber - 1 ? text : line)).join('\n');
  const democon = JSON.parse(fixture('pretalx-democon-schedule.json'));
  delete democon.schedule.conference.days[0].rooms['Gray Room'][1].duration;
  const cases: [string, string | Buffer, string, string, string][] = [
    [
      'a truncated frab file',
      fixture('frab-31c3-schedule.xml').slice(0, 30_000),
      'zone=Europe/Berlin',
      'application/xml',
      '^line \\d+$',
    ],
    [
      'a CSV with a wrong column',
      fixture('program-ja.csv').replace('start', 'strat'),
      'format=csv&zone=Asia/Tokyo',
      'text/csv',
      '^line 1$',
    ],
    ['an unknown zone', SEED, 'zone=Mars/Olympus', 'text/plain', '^zone$'],
    ['overlapping items in a hall', seedWith(11, '\tBreak (10:50-11:15)\t\t'), SEED_QUERY, 'text/plain', '^line 12$'],
    [
      'an event without a duration',
      JSON.stringify(democon),
      '',
      'application/json',
      '^schedule\\.conference\\.days\\[0\\]\\.rooms\\["Gray Room"\\]\\[1\\]\\.duration$',
    ],
    [
      'bad dates',
      'date,start,end,hall,title\n2025-13-02,09:00,10:00,Hall A,Keynote\n',
      'zone=Asia/Tokyo',
      'text/csv',
      '^line 2$',
    ],
    ['a bad hall map', SEED, 'zone=Asia/Tokyo&hallMap=Namba', 'text/plain', '^hallMap$'],
    ['a file that is not UTF-8', Buffer.from([0x82, 0xa0, 0x0a]), 'format=text', 'application/octet-stream', '^line 1$'],
  ];
  for (const [name, body, query, type, path] of cases) {
    it(name, async () => {
      const before = await program();
      const answer = await upload(body, query, { type });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid');
      expect(answer.body.problems?.[0]?.path).toMatch(new RegExp(path));
      expect(answer.body.message).toContain(answer.body.problems![0]!.path);
      expect(await program()).toEqual(before);
    });
  }

  it('bad parameters, no token, a chair token, a type that is not a file: nothing changes', async () => {
    const before = await program();
    expect((await upload(SEED, 'format=xls')).status).toBe(400);
    expect((await upload(SEED, SEED_QUERY, { token: null })).status).toBe(401);
    const chair = await api<{ token: string }>(server.url, '/api/v1/tokens', { body: { hallId: 'namba', label: 'Namba chair' } });
    expect(chair.status).toBe(201);
    expect((await upload(SEED, SEED_QUERY, { token: chair.body.token })).status).toBe(403);
    const image = await upload(SEED, SEED_QUERY, { type: 'image/png' });
    expect(image.status).toBe(415);
    expect(image.body.error).toBe('unsupported_media_type');
    expect(await program()).toEqual(before);
  });
});

describe('an upload while halls are live', () => {
  it('keeps a hall’s state where its item still exists, and tells screens the program changed', async () => {
    const started = await command(server.url, 'namba', { type: 'next' });
    expect(started.status).toBe(200);
    expect(started.body.now.id).toBe('namba-2025-10-02-0940');
    const before = await program();
    const watcher = await connect(server.url);
    sockets.push(watcher);
    const changed = new Promise<{ revision: number }>((resolve) => watcher.once('program:changed', resolve));

    const answer = await upload(SEED, SEED_QUERY);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      revision: before.revision! + 1,
      format: 'text',
      zone: 'Asia/Tokyo',
      zoneSource: 'flag',
      itemCount: 27,
      halls: [
        { id: 'namba', name: 'I-site Namba', itemCount: 18 },
        { id: 'nakamozu', name: 'Conference Hall', itemCount: 9 },
      ],
      vanished: [],
      removedHalls: [],
    });
    expect(answer.body.warnings).toContainEqual({ path: 'line 14', message: expect.stringContaining('Shimadzu Corporation') });
    expect((await changed).revision).toBe(answer.body.revision);
    const after = await program();
    expect(after.revision).toBe(answer.body.revision);
    expect(after.items.find((i) => i.id === 'namba-2025-10-02-0940')!.abstract).toContain('Foundation potentials');
    const live = (await api<LiveView>(server.url, '/api/v1/halls/namba/live', { token: null })).body;
    expect(live).toMatchObject({ phase: 'talk', source: 'chair', now: { id: 'namba-2025-10-02-0940' } });
  });

  it('reports the live item that vanished, and that hall goes back to idle', async () => {
    const moved = SEED.replace('9:40\t"Foundation', '9:42\t"Foundation');
    const answer = await upload(moved, SEED_QUERY);
    expect(answer.status).toBe(200);
    expect(answer.body.vanished).toEqual([{ hallId: 'namba', itemId: 'namba-2025-10-02-0940' }]);
    // Idle again: the hall follows its printed schedule (the moved talk is on by the clock).
    const live = (await api<LiveView>(server.url, '/api/v1/halls/namba/live', { token: null })).body;
    expect(live).toMatchObject({ source: 'schedule', itemStartedAt: null, now: { id: 'namba-2025-10-02-0942' } });
    const watcher = await connect(server.url);
    sockets.push(watcher);
    const watched = await watcher.emitWithAck('hall:watch', { hallId: 'namba' });
    expect(watched).toMatchObject({ ok: true, snapshot: { state: { phase: 'idle', itemId: null } } });
  });

  it('a different conference replaces the halls and says which went', async () => {
    const answer = await upload(fixture('frab-31c3-schedule.xml'), 'zone=Europe/Berlin&fillBreaks=1', {
      type: 'application/xml',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ format: 'frab', zoneSource: 'flag', removedHalls: ['namba', 'nakamozu'], vanished: [] });
    expect(answer.body.halls.map((h) => h.id)).toEqual(['saal-1', 'saal-2', 'saal-g', 'saal-6']);
    expect(answer.body.itemCount).toBeGreaterThan(138);
    const halls = (await api<{ id: string }[]>(server.url, '/api/v1/halls', { token: null })).body;
    expect(halls.map((h) => h.id)).toEqual(['saal-1', 'saal-2', 'saal-g', 'saal-6']);
  });

  it('a Japanese CSV as Excel writes it (BOM), its zone from the parameter', async () => {
    const answer = await upload(
      readFileSync(join(ROOT, 'tests/fixtures/program-ja-excel.csv')),
      `zone=Asia/Tokyo&title=${encodeURIComponent('電池討論会')}`,
      { type: 'text/csv' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.halls).toEqual([
      { id: 'hall-1', name: 'メインホール', itemCount: 9 },
      { id: 'hall-2', name: 'ポスター会場', itemCount: 1 },
    ]);
    expect((await program()).event).toEqual({ title: '電池討論会', timeZone: 'Asia/Tokyo', language: 'ja' });
  });
});

describe('exports over HTTP', () => {
  beforeAll(async () => {
    expect((await upload(SEED, SEED_QUERY)).status).toBe(200);
  });

  it('program.ics: public, one VEVENT per item, a hall filter, 404 for an unknown hall, ETag', async () => {
    const response = await fetch(`${server.url}/api/v1/export/program.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(27);
    expect(text).toContain('DTSTART;TZID=Asia/Tokyo:20251002T094000');
    const hall = await (await fetch(`${server.url}/api/v1/export/program.ics?hall=nakamozu`)).text();
    expect(hall.match(/BEGIN:VEVENT/g)).toHaveLength(9);
    expect((await fetch(`${server.url}/api/v1/export/program.ics?hall=nowhere`)).status).toBe(404);
    const again = await fetch(`${server.url}/api/v1/export/program.ics`, {
      headers: { 'if-none-match': response.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('frab.xml: public, and importing it gives the program back (what frab carries)', async () => {
    const response = await fetch(`${server.url}/api/v1/export/frab.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const current = await program();
    const back = importProgram(await response.text(), { hallMap: 'I-site Namba=namba,Conference Hall=nakamozu' }).program;
    const carried = (p: Program) =>
      p.items.map((i) => [i.hallId, i.kind, i.title, i.subtitle, i.start, i.end, i.speakers.map((s) => s.name)]);
    expect(carried(back)).toEqual(carried(current));
    expect(back.event).toEqual(current.event);
  });

  it('actual times need the director token; on a rehearsal clock nothing counts', async () => {
    expect((await fetch(`${server.url}/api/v1/export/actual-times.csv`)).status).toBe(401);
    const json = await api<{ halls: { items: { actualStart: number | null }[] }[] }>(
      server.url,
      '/api/v1/export/actual-times.json',
    );
    expect(json.status).toBe(200);
    expect(json.body.halls.flatMap((h) => h.items).every((row) => row.actualStart === null)).toBe(true);
    const csv = await fetch(`${server.url}/api/v1/export/actual-times.csv`, {
      headers: { authorization: `Bearer ${DIRECTOR_TOKEN}` },
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe(
      '\uFEFFhall,hall_name,item_id,title,kind,planned_start,planned_end,actual_start,actual_end,start_delay_min,planned_min,actual_min',
    );
  });
});
