import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { table, type Bench } from '../bench.js';
import { writeBenchFiles } from './bench-program.js';
import { launch, targetLabel, type Target } from './launch.js';
import { LoadPool } from './load-pool.js';
import { percentile, runScenario, type ScenarioResult } from './run-scenario.js';

/** `LECTERN_BENCH_QUICK=1 npm run bench -- fanout`: 1,000 screens only, a minute or two. */
const QUICK = process.env.LECTERN_BENCH_QUICK === '1';
const SIZES = QUICK ? [1000] : [1000, 2000, 5000, 10_000];
const HALL_SPREADS = [1, 20];
const CHANGES = 20;
const GAP_MS = 300;
const LOAD_PROCESSES = 4;
const DURABLE_COMMANDS = QUICK ? 100 : 300;

/** Every server the bench compares, in the order each scenario runs them (interleaved, floor first). */
const TARGETS: Target[] = [{ kind: 'floor' }, { kind: 'lectern', workers: 1 }, { kind: 'lectern', workers: 'auto' }];

const round = (n: number) => Math.round(n * 100) / 100;

/** Sequential commands over HTTP, each awaited: the answer comes once the command is durable (Lectern). */
async function durableCommandLatency(target: Target, files: ReturnType<typeof writeBenchFiles>) {
  const server = await launch(target, files);
  try {
    const times: number[] = [];
    for (let i = 0; i < DURABLE_COMMANDS; i++) {
      const started = performance.now();
      const response = await fetch(`${server.httpBase}/api/v1/halls/hall01/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ type: 'message', text: `durable ${i}` }),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`command failed: ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return {
      target: server.label,
      commands: DURABLE_COMMANDS,
      p50: round(percentile(times, 50)),
      p99: round(percentile(times, 99)),
    };
  } finally {
    await server.stop();
  }
}

const ms = (r: ScenarioResult | undefined) => (r ? `${r.p50} / ${r.p99} / ${r.max}` : '–');
const ratio = (r: ScenarioResult | undefined, floor: ScenarioResult | undefined) =>
  r && floor ? (r.p99 / floor.p99).toFixed(2) : '–';

function fanoutTable(results: ScenarioResult[]): string {
  const rows: (string | number)[][] = [];
  for (const size of SIZES) {
    for (const halls of HALL_SPREADS) {
      const pick = (target: Target) =>
        results.find((r) => r.displays === size && r.halls === halls && r.target === targetLabel(target));
      const [floor, one, auto] = TARGETS.map(pick);
      const missing = [floor, one, auto].map((r) => r?.missing ?? '–').join(' / ');
      rows.push([size.toLocaleString('en'), halls, ms(floor), ms(one), ratio(one, floor), ms(auto), ratio(auto, floor), missing]);
    }
  }
  return table(
    [
      'displays',
      'halls',
      'floor p50 / p99 / max',
      'lectern p50 / p99 / max',
      'p99 ÷ floor',
      '--workers auto p50 / p99 / max',
      'p99 ÷ floor',
      'missed (floor / lectern / auto)',
    ],
    rows,
  );
}

function stormTable(results: ScenarioResult[]): string {
  return table(
    [
      'displays',
      'halls',
      'server',
      'connect all (s)',
      'failed',
      'bytes per screen',
      'director bytes per new screen',
      'server memory per screen (KB)',
      'CPU s during changes: server / load',
    ],
    results.map((r) => [
      r.displays.toLocaleString('en'),
      r.halls,
      r.target,
      (r.connectMs / 1000).toFixed(2),
      r.failedConnects,
      r.bytesPerScreen,
      r.directorBytesPerScreen,
      (r.memoryPerScreen / 1000).toFixed(1),
      `${r.serverCpuSeconds} / ${r.loadCpuSeconds} (of ${r.changeSeconds} s × ${cpus().length} cores)`,
    ]),
  );
}

/** Fan-out, connect storm, memory and durable command latency, each beside the bare socket.io floor. */
export const fanoutBench: Bench = {
  name: 'fanout',
  async run() {
    const files = writeBenchFiles();
    const pool = await LoadPool.start(LOAD_PROCESSES);
    const results: ScenarioResult[] = [];
    try {
      for (const displays of SIZES) {
        for (const halls of HALL_SPREADS) {
          for (const target of TARGETS) {
            const server = await launch(target, files);
            try {
              const result = await runScenario(server, pool, { displays, halls, changes: CHANGES, gapMs: GAP_MS });
              console.log(
                `  ${result.target}, ${displays} screens on ${halls} halls: p50 ${result.p50} p99 ${result.p99} max ${result.max} ms, connect ${result.connectMs} ms`,
              );
              results.push(result);
            } finally {
              await server.stop();
            }
          }
        }
      }
    } finally {
      pool.stop();
    }
    const durable = [];
    for (const target of TARGETS) durable.push(await durableCommandLatency(target, files));

    const markdown = [
      `${LOAD_PROCESSES} load processes on the same machine hold the screens: raw websockets speaking socket.io's framing ` +
        '(EIO=4, websocket transport, JSON parser), each sending `hall:watch` and `display:hello` as a signage page does. ' +
        `Then ${CHANGES} change steps ${GAP_MS} ms apart; each step sends one \`message\` command over HTTP to every hall ` +
        'the screens are spread over. Latency: command sent → a screen received its `hall:changed`, over every screen and change ' +
        '(ms). The floor (tests/bench/fanout/floor-server.ts) is a bare express + socket.io server with the same routes, ' +
        'one `io.to(room).emit` per change and no fsync; each scenario runs floor, Lectern, Lectern `--workers auto` in turn, ' +
        `in the same run.${QUICK ? ' Quick mode (LECTERN_BENCH_QUICK=1): 1,000 screens only.' : ''}`,
      '',
      '### Fan-out (p50 / p99 / max, ms)',
      '',
      fanoutTable(results),
      '',
      '### Connect storm, bytes, memory and CPU',
      '',
      'A director console (director token, no hall watched) is open during the storm; its bytes are everything it ' +
        "received while the screens connected and 1.5 s after, divided by the screens. Memory: the server processes' " +
        'resident memory after the storm minus before it, per screen. The load processes share the 2 cores with the server.',
      '',
      stormTable(results),
      '',
      '### Durable command latency (sequential HTTP commands, ms)',
      '',
      'Lectern answers after its SQLite transaction (WAL, synchronous=FULL) commits; the floor writes a file without fsync.',
      '',
      table(
        ['server', 'commands', 'p50', 'p99'],
        durable.map((d) => [d.target, d.commands, d.p50, d.p99]),
      ),
    ].join('\n');
    return { title: 'Fan-out, connect storm, memory, durable commands', markdown, data: { quick: QUICK, results, durable } };
  },
};
