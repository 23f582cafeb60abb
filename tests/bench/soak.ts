import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { LiveView } from '../../shared/index.js';
import { api } from '../support/http.js';
import { ROOT, startServer, tempDir } from '../support/server.js';

// The soak (docs/soak.md): an eight-hour conference day (Thu 2 Oct 2025, 08:30–16:30 in Osaka) on the rehearsal
// clock run fast (`--clock-rate`), 500 screens in a child process dropping and re-joining now and then, and a chair
// per hall working the program. The server's heap (after a full GC), live handles and open sockets are sampled
// every 2 s; the curve is printed and written to docs/soak.json. Bounded: SOAK_MINUTES real minutes (default 4).
// Run: npm run soak (builds the server first).

const MINUTES = Number(process.env.SOAK_MINUTES ?? 4);
const SCREENS = Number(process.env.SOAK_SCREENS ?? 500);
const DAY_START = '2025-10-02T08:30:00+09:00';
const DAY_HOURS = 8;
const RATE = Math.round((DAY_HOURS * 60) / MINUTES);
/** Mean real time between one screen's drops: each screen re-joins a few times in the run. */
const MEAN_DROP_MS = Math.max(10_000, (MINUTES * 60_000) / 4);
const ZONE = 'Asia/Tokyo';

interface ProbeSample {
  at: number;
  heapUsedMb: number;
  rssMb: number;
  handles: number;
  fds: number;
  sockets: number;
}
interface ScreenCounts {
  connected: number;
  connects: number;
  drops: number;
  changes: number;
  errors: number;
}
interface Sample extends ProbeSample {
  realS: number;
  serverTime: string;
  screens: number;
  screenDrops: number;
  commands: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  const num = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** One chair working its hall: starts each item when it is due, now and then a message, an extension or a hold. */
async function chair(
  url: string,
  hallId: string,
  token: string,
  until: () => boolean,
  counts: { sent: number; refused: number },
) {
  const send = async (body: Record<string, unknown>) => {
    counts.sent++;
    const { status } = await api(url, `/api/v1/halls/${hallId}/commands`, { body, token });
    if (status !== 200) counts.refused++;
  };
  while (!until()) {
    const view = (await api<LiveView>(url, `/api/v1/halls/${hallId}/live`, { token: null })).body;
    const due =
      view.next !== null &&
      view.next.start <= view.serverTime + 2 * 60_000 &&
      (view.phase === 'idle' || (view.countdown !== null && view.countdown.endsAt <= view.serverTime));
    const roll = Math.random();
    if (view.phase === 'hold') await send({ type: 'release' });
    else if (due) await send({ type: 'next', expectRevision: view.revision });
    else if (roll < 0.08) await send({ type: 'message', text: `Room note ${counts.sent}`, targets: ['signage'] });
    else if (roll < 0.11) await send({ type: 'clearMessage' });
    else if (roll < 0.14 && view.countdown) await send({ type: 'extend', minutes: 1 });
    else if (roll < 0.16 && view.countdown) await send({ type: 'hold' });
    await sleep(500);
  }
}

async function main(): Promise<void> {
  const probeFile = join(tempDir('lectern-soak-'), 'probe.jsonl');
  const server = await startServer({
    args: ['--clock', DAY_START, '--clock-rate', String(RATE)],
    env: {
      NODE_OPTIONS: `--expose-gc --import=${join(ROOT, 'tests/bench/soak-probe.mjs')}`,
      LECTERN_SOAK_PROBE: probeFile,
    },
  });
  const mint = async (hallId: string) =>
    (await api(server.url, '/api/v1/tokens', { body: { hallId, label: `Soak chair ${hallId}` } })).body.token as string;
  const tokens = { namba: await mint('namba'), nakamozu: await mint('nakamozu') };

  const screens = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tests/bench/soak-screens.ts'), server.url, String(SCREENS), String(MEAN_DROP_MS)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let screenCounts: ScreenCounts = { connected: 0, connects: 0, drops: 0, changes: 0, errors: 0 };
  let partial = '';
  screens.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) screenCounts = JSON.parse(line) as ScreenCounts;
  });

  const started = Date.now();
  const dayEnd = DateTime.fromISO(DAY_START).plus({ hours: DAY_HOURS }).toMillis();
  let serverNow = 0;
  const over = () => serverNow >= dayEnd || Date.now() - started > (MINUTES + 1) * 60_000;
  const commands = { sent: 0, refused: 0 };
  const chairs = Promise.all(Object.entries(tokens).map(([hallId, token]) => chair(server.url, hallId, token, over, commands)));

  const samples: Sample[] = [];
  const readProbe = (): ProbeSample | undefined => {
    if (!existsSync(probeFile)) return undefined;
    const lines = readFileSync(probeFile, 'utf8').trim().split('\n');
    return lines.length ? (JSON.parse(lines.at(-1)!) as ProbeSample) : undefined;
  };
  const sample = async () => {
    serverNow = (await api(server.url, '/healthz', { token: null })).body.serverTime as number;
    const probe = readProbe();
    if (!probe) return;
    samples.push({
      ...probe,
      heapUsedMb: round(probe.heapUsedMb, 2),
      rssMb: round(probe.rssMb),
      realS: round((Date.now() - started) / 1000),
      serverTime: DateTime.fromMillis(serverNow, { zone: ZONE }).toFormat('HH:mm'),
      screens: screenCounts.connected,
      screenDrops: screenCounts.drops,
      commands: commands.sent,
    });
  };
  while (!over()) {
    await sleep(2000);
    await sample();
  }
  await chairs;
  screens.kill('SIGTERM');
  await new Promise((resolve) => screens.once('exit', resolve));
  await sleep(6000);
  const afterScreens = readProbe();
  const log = (await api<{ entries: unknown[] }>(server.url, '/api/v1/halls/namba/log?limit=1000')).body.entries.length;
  await server.stop();

  // The first fifth is warm-up (500 screens joining, the JIT); flat means the rest does not climb.
  const steady = samples.slice(Math.floor(samples.length / 5));
  const hours = steady.map((s) => (s.realS * RATE) / 3600);
  const firstTenth = steady.slice(0, Math.max(1, Math.floor(steady.length / 10)));
  const lastTenth = steady.slice(-Math.max(1, Math.floor(steady.length / 10)));
  const summary = {
    'real minutes': round((Date.now() - started) / 60_000),
    'clock rate': RATE,
    'server time': `${samples[0]?.serverTime} → ${samples.at(-1)?.serverTime}`,
    screens: SCREENS,
    'screen connects': screenCounts.connects,
    'screen drops': screenCounts.drops,
    'hall:changed received by screens': screenCounts.changes,
    'chair commands sent': commands.sent,
    'chair commands refused': commands.refused,
    'namba log entries': log,
    'heap MB, start of steady part → end': `${round(mean(firstTenth.map((s) => s.heapUsedMb)), 2)} → ${round(mean(lastTenth.map((s) => s.heapUsedMb)), 2)}`,
    'heap slope (MB per conference hour)': round(
      slope(
        hours,
        steady.map((s) => s.heapUsedMb),
      ),
      3,
    ),
    'rss MB, start → end': `${round(mean(firstTenth.map((s) => s.rssMb)))} → ${round(mean(lastTenth.map((s) => s.rssMb)))}`,
    'handles, start → end': `${round(mean(firstTenth.map((s) => s.handles)))} → ${round(mean(lastTenth.map((s) => s.handles)))}`,
    'sockets, start → end': `${round(mean(firstTenth.map((s) => s.sockets)))} → ${round(mean(lastTenth.map((s) => s.sockets)))}`,
    'after the screens left (6 s)': afterScreens
      ? `heap ${round(afterScreens.heapUsedMb, 2)} MB, ${afterScreens.handles} handles, ${afterScreens.sockets} sockets`
      : 'no sample',
  };

  console.log('\nreal s  server  heap MB  rss MB  handles  sockets  screens  drops  commands');
  const every = Math.max(1, Math.floor(samples.length / 30));
  for (const s of samples.filter((_, i) => i % every === 0 || i === samples.length - 1)) {
    console.log(
      `${String(s.realS).padStart(6)}  ${s.serverTime}  ${s.heapUsedMb.toFixed(2).padStart(7)}  ${s.rssMb.toFixed(0).padStart(6)}  ${String(s.handles).padStart(7)}  ${String(s.sockets).padStart(7)}  ${String(s.screens).padStart(7)}  ${String(s.screenDrops).padStart(5)}  ${String(s.commands).padStart(8)}  ${'#'.repeat(Math.round(s.heapUsedMb))}`,
    );
  }
  console.table(summary);
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${round(totalmem() / 2 ** 30)} GB, shared; Node ${process.version}`,
    settings: { minutes: MINUTES, screens: SCREENS, rate: RATE, meanDropMs: MEAN_DROP_MS, day: `${DAY_START} + ${DAY_HOURS} h` },
    summary,
    samples,
  };
  writeFileSync(join(ROOT, 'docs/soak.json'), `${JSON.stringify(result, null, 1)}\n`);
  console.log('written: docs/soak.json');
}

await main();
