// The broadcast path alone: one socket.io server in this process, N light screens in the load processes, and the
// same snapshot sent to them all, alternately by socket.io's own `io.to(room).emit` (the naive path, what the
// floor does) and by Lectern's `writeToRooms` (server/broadcast/frame-writer.ts). Measures the server's time per
// change (from the call until its queued callbacks ran) and each screen's arrival, for both, in the same run.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setImmediate as immediate } from 'node:timers/promises';
import { Server } from 'socket.io';
import { writeToRooms } from '../../server/broadcast/frame-writer.js';
import { table, type Bench, type BenchReport } from './bench.js';
import { writeBenchFiles } from './fanout/bench-program.js';
import { answerScreens } from './fanout/floor-handlers.js';
import { LoadPool } from './fanout/load-pool.js';
import { percentile } from './percentile.js';
import { epochNow } from './fanout/raw-client.js';

const SIZES = [1000, 5000];
const ROUNDS = 40;
const GAP_MS = 300;
const ROOM = 'hall:hall01';

type Path = 'socket.io emit' | 'writeToRooms';

interface PathResult {
  displays: number;
  path: Path;
  /** Median server ms per change, and per screen in µs. */
  serverMs: number;
  usPerScreen: number;
  /** Median server CPU ms per change. */
  cpuMs: number;
  p50: number;
  p99: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measure(displays: number, pool: LoadPool, template: Record<string, unknown>): Promise<PathResult[]> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  let current: Record<string, unknown> = { ...template, hallId: 'hall01', revision: 0 };
  answerScreens(io, () => current);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const wsBase = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    const reports = await pool.connect(
      [wsBase],
      Array.from({ length: displays }, () => 'hall01'),
    );
    const failed = reports.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) throw new Error(`${failed} of ${displays} screens did not connect`);
    await pool.collect();
    const sent = new Map<number, { path: Path; at: number }>();
    const server = new Map<Path, { ms: number[]; cpu: number[] }>([
      ['socket.io emit', { ms: [], cpu: [] }],
      ['writeToRooms', { ms: [], cpu: [] }],
    ]);
    for (let r = 0; r < ROUNDS; r++) {
      const path: Path = r % 2 === 0 ? 'socket.io emit' : 'writeToRooms';
      current = { ...current, revision: r + 1, updatedAt: Date.now() };
      sent.set(r + 1, { path, at: epochNow() });
      const cpu = process.cpuUsage();
      const started = performance.now();
      if (path === 'socket.io emit') io.to(ROOM).emit('hall:changed', current);
      else writeToRooms(io.of('/'), [ROOM], 'hall:changed', current);
      await immediate();
      const used = process.cpuUsage(cpu);
      server.get(path)!.ms.push(performance.now() - started);
      server.get(path)!.cpu.push((used.user + used.system) / 1000);
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const latencies = new Map<Path, number[]>([
      ['socket.io emit', []],
      ['writeToRooms', []],
    ]);
    for (const [key, times] of await pool.collect()) {
      const sending = sent.get(Number(key.split(':')[1]));
      if (sending) latencies.get(sending.path)!.push(...times.map((at) => at - sending.at));
    }
    await pool.closeScreens();
    return [...server].map(([path, { ms, cpu }]) => {
      const arrived = latencies.get(path)!.sort((a, b) => a - b);
      return {
        displays,
        path,
        serverMs: round(median(ms)),
        usPerScreen: round((median(ms) * 1000) / displays, 1),
        cpuMs: round(median(cpu)),
        p50: round(percentile(arrived, 50), 1),
        p99: round(percentile(arrived, 99), 1),
      };
    });
  } finally {
    io.close();
  }
}

export const broadcastPathBench: Bench = {
  name: 'broadcast-path',
  quick: true,
  timeoutMs: 240_000,
  async run(): Promise<BenchReport> {
    const template = JSON.parse(readFileSync(writeBenchFiles().snapshot, 'utf8')) as Record<string, unknown>;
    const pool = await LoadPool.start(4);
    const results: PathResult[] = [];
    try {
      for (const displays of SIZES) results.push(...(await measure(displays, pool, template)));
    } finally {
      await pool.stop();
    }
    const rows = results.map((r) => {
      const naive = results.find((n) => n.displays === r.displays && n.path === 'socket.io emit')!;
      return [
        r.displays.toLocaleString('en'),
        r.path,
        r.serverMs,
        r.usPerScreen,
        r.cpuMs,
        `${r.p50} / ${r.p99}`,
        r.path === 'writeToRooms' ? round(r.serverMs / naive.serverMs) : '',
      ];
    });
    return {
      title: 'The broadcast path (server)',
      markdown: [
        `One socket.io server in the bench process, the screens in 4 load processes (raw websockets, socket.io framing), one room; the demo hall's snapshot (${JSON.stringify(template).length} bytes) sent ${ROUNDS} times ${GAP_MS} ms apart, alternately by socket.io's \`io.to(room).emit\` and by Lectern's \`writeToRooms\` (server/broadcast/frame-writer.ts: the same bytes, written straight to each websocket). Server ms: from the call until its queued callbacks ran (median over the rounds of each path); arrival: send → screen received (ms).`,
        '',
        table(
          ['screens', 'path', 'server ms per change', 'µs per screen', 'server CPU ms', 'arrival p50 / p99', '÷ socket.io'],
          rows,
        ),
      ].join('\n'),
      data: results,
    };
  },
};
