import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgramSchema, type ProgramUploadAnswer } from '../../shared/index.js';
import type { ActualTimesReport } from '../../server/program/export/actual-times.js';
import { importProgram } from '../../server/program/import/index.js';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN, ROOT, startServer, tempDir, type TestServer } from '../support/server.js';

const SEED_PATH = join(ROOT, 'tests/fixtures/osaka-assb-symposium-2025-program.txt');
const HALL_MAP = 'I-site Namba=namba,Conference Hall=nakamozu';

/** Runs the built CLI (`node dist/server/cli.js …`), as `lectern` runs after npm install. */
function lectern(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/server/cli.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lectern import', () => {
  it('prints the normalised program and tells on stderr which zone it used and why', () => {
    const run = lectern(['import', SEED_PATH, '--zone', 'Asia/Tokyo', '--hall-map', HALL_MAP]);
    expect(run.code).toBe(0);
    const printed = ProgramSchema.parse(JSON.parse(run.stdout));
    expect(printed).toEqual(importProgram(readFileSync(SEED_PATH, 'utf8'), { zone: 'Asia/Tokyo', hallMap: HALL_MAP }).program);
    expect(run.stderr).toContain('Imported 27 items in 2 halls');
    expect(run.stderr).toContain('Zone: Asia/Tokyo (given with --zone');
    expect(run.stderr).toContain('line 14: affiliation "Shimadzu Cor" is cut off');
  });

  it('the file’s own zone, else the machine’s, each said', () => {
    expect(lectern(['import', join(ROOT, 'tests/fixtures/pretalx-democon-schedule.json')]).stderr).toContain(
      'Zone: UTC (named in the file)',
    );
    const machine = lectern(['import', join(ROOT, 'tests/fixtures/frab-31c3-schedule.xml')], { TZ: 'Europe/Berlin' });
    expect(machine.code).toBe(0);
    expect(machine.stderr).toContain("Zone: Europe/Berlin (this machine's zone");
    expect(JSON.parse(machine.stdout).items).toHaveLength(138);
  });

  it('--out writes the file; a bad file exits 1 naming the line and writes nothing', () => {
    const dir = tempDir();
    const out = join(dir, 'program.json');
    const ok = lectern([
      'import',
      join(ROOT, 'tests/fixtures/program-ja.csv'),
      '--zone',
      'Asia/Tokyo',
      '--title',
      '電池討論会',
      '--fill-breaks',
      '--out',
      out,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).event.title).toBe('電池討論会');
    const badFile = join(dir, 'program.txt');
    writeFileSync(badFile, readFileSync(SEED_PATH, 'utf8').replace('10:20\t"Challenges', 'ten past ten\t"Challenges'));
    const badOut = join(dir, 'bad.json');
    const bad = lectern(['import', badFile, '--zone', 'Asia/Tokyo', '--out', badOut]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 10: "ten past ten" in the time column is not a time of day');
    expect(existsSync(badOut)).toBe(false);
  });

  it('a wrong flag exits 2 with the usage; --help documents import and export', () => {
    const wrong = lectern(['import', SEED_PATH, '--format', 'xls']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--format: "xls" is not one of auto, frab, pretalx, csv, text, json');
    const help = lectern(['--help']);
    expect(help.stdout).toContain('lectern import FILE [--format auto|frab|pretalx|csv|text|json]');
    expect(help.stdout).toContain('lectern export ics|frab|actual-times');
  });

  it('works from a checkout as npm run lectern -- import …', () => {
    const run = spawnSync('npm', ['run', '--silent', 'lectern', '--', 'import', SEED_PATH, '--zone', 'Asia/Tokyo'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).items).toHaveLength(27);
  });
});

describe('actual times on the real clock, over HTTP and from lectern export', () => {
  let server: TestServer;
  const base = Math.floor(Date.now() / 60_000) * 60_000;
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true });
  const csv = [
    'id,start,end,hall,kind,title,speakers',
    `welcome,${iso(base - 10 * 60_000)},${iso(base + 20 * 60_000)},Main Hall,ceremony,Welcome,Ada Lovelace (Analytical Engines)`,
    `keynote,${iso(base + 20 * 60_000)},${iso(base + 50 * 60_000)},Main Hall,talk,Keynote,Grace Hopper (US Navy)`,
  ].join('\n');
  const times: number[] = [];

  beforeAll(async () => {
    server = await startServer();
    const response = await fetch(`${server.url}/api/v1/program?zone=UTC&title=Now`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${DIRECTOR_TOKEN}` },
      body: csv,
    });
    expect(((await response.json()) as ProgramUploadAnswer).halls).toEqual([
      { id: 'main-hall', name: 'Main Hall', itemCount: 2 },
    ]);
    for (let i = 0; i < 2; i++) {
      const before = Date.now();
      expect((await command(server.url, 'main-hall', { type: 'next' })).status).toBe(200);
      times.push(before, Date.now());
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('GET /api/v1/export/actual-times.json: planned vs actual for each item', async () => {
    const { status, body } = await api<ActualTimesReport>(server.url, '/api/v1/export/actual-times.json');
    expect(status).toBe(200);
    const [welcome, keynote] = body.halls[0]!.items;
    expect(welcome).toMatchObject({ itemId: 'welcome', plannedStart: base - 10 * 60_000, plannedEnd: base + 20 * 60_000 });
    expect(welcome!.actualStart).toBeGreaterThanOrEqual(times[0]!);
    expect(welcome!.actualStart).toBeLessThanOrEqual(times[1]!);
    expect(welcome!.actualEnd).toBe(keynote!.actualStart);
    expect(keynote!.actualStart).toBeGreaterThanOrEqual(times[2]!);
    expect(keynote!.actualStart).toBeLessThanOrEqual(times[3]!);
    expect(keynote!.actualEnd).toBeNull();
    expect(welcome!.startDelayMs).toBe(welcome!.actualStart! - welcome!.plannedStart!);
  });

  it('lectern export reads the same from the data folder while the server runs', async () => {
    const http = (await api<ActualTimesReport>(server.url, '/api/v1/export/actual-times.json')).body;
    const run = lectern(['export', 'actual-times', '--data', server.dataDir, '--format', 'json']);
    expect(run.code).toBe(0);
    const cli = JSON.parse(run.stdout) as ActualTimesReport;
    expect(cli.halls).toEqual(http.halls);
    const csvRun = lectern(['export', 'actual-times', '--data', server.dataDir, '--hall', 'main-hall']);
    expect(csvRun.stdout.split('\r\n').filter(Boolean)).toHaveLength(3);
    const ics = lectern(['export', 'ics', '--data', server.dataDir]);
    expect(ics.stdout.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    const out = join(tempDir(), 'schedule.xml');
    expect(lectern(['export', 'frab', '--data', server.dataDir, '--out', out]).code).toBe(0);
    expect(importProgram(readFileSync(out, 'utf8')).program.items.map((i) => i.title)).toEqual(['Welcome', 'Keynote']);
    const missing = lectern(['export', 'ics', '--data', join(tempDir(), 'nothing-here')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no Lectern data in');
  });
});
