// Nodes on Redis, each held to a share of a core by a CPU cgroup (tests/bench/fanout/cpu-limit.ts): how many
// screens one node and two nodes carry at the same p99. On this 2-core machine a second node adds no core of its
// own; the cgroups give each node its own CPU budget, as if each ran on a small machine of its own, and leave the
// rest to redis-server, the load processes and the bench. The floor runs under the same budget as one node.
import { table, type Bench, type BenchReport } from './bench.js';
import { writeBenchFiles } from './fanout/bench-program.js';
import { capacityAt } from './fanout/capacity.js';
import { cpuLimit, type CpuLimit } from './fanout/cpu-limit.js';
import { launch, type Launched, type Target } from './fanout/launch.js';
import { LoadPool } from './fanout/load-pool.js';
import { runScenario } from './fanout/run-scenario.js';
import { GAP_MS, LOAD_PROCESSES } from './fanout/scenarios.js';

/** Each node's (and the floor's) CPU budget, in cores. */
const CORES = 0.3;
/**
 * Change steps per run: three times the fan-out tables' 20, as a CPU budget makes the tail burstier (a change
 * that lands when a node's quota for the period is spent waits for the next period).
 */
const CHANGES = 60;
/** Screens on one node (the floor too); two nodes get twice as many at each step. */
const LADDER = [400, 600, 800, 1000, 1200];

interface Run {
  server: 'floor' | '1 node' | '2 nodes';
  displays: number;
  p50: number;
  p99: number;
  max: number;
  missing: number;
  /** Share of both cores the load processes took during the change steps. */
  loadShare: number;
}

async function measure(target: Target, displays: number, label: Run['server'], files: ReturnType<typeof writeBenchFiles>) {
  const pool = await LoadPool.start(LOAD_PROCESSES);
  let server: Launched | undefined;
  const limits: CpuLimit[] = [];
  try {
    server = await launch(target, files);
    for (const [i, pids] of (server.nodePids?.() ?? [server.pids()]).entries()) {
      const limit = cpuLimit(`${target.kind}${i + 1}`, CORES);
      if (typeof limit === 'string') throw new Error(limit);
      limits.push(limit);
      limit.add(pids);
    }
    const r = await runScenario(server, pool, { displays, halls: 1, changes: CHANGES, gapMs: GAP_MS });
    const run: Run = {
      server: label,
      displays,
      p50: r.p50,
      p99: r.p99,
      max: r.max,
      missing: r.missing,
      loadShare: Math.round((100 * r.loadCpuSeconds) / (2 * r.changeSeconds)),
    };
    console.log(
      `  ${label} × ${CORES} core, ${displays} screens: p50 ${r.p50} p99 ${r.p99} max ${r.max} ms, missing ${r.missing}`,
    );
    return run;
  } finally {
    await Promise.all([server?.stop(), pool.stop()]);
    for (const limit of limits) limit.remove();
  }
}

export const redisCapacityBench: Bench = {
  name: 'redis-capacity',
  timeoutMs: 20 * 60_000,
  async run(signal): Promise<BenchReport> {
    const probe = cpuLimit('probe', CORES);
    if (typeof probe === 'string') throw new Error(`needs root and a cpu cgroup: ${probe}`);
    probe.remove();
    const files = writeBenchFiles();
    const startedAt = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const runs: Run[] = [];
    // Interleaved step by step, so a noisy minute on the shared machine touches all three alike.
    for (const displays of LADDER) {
      for (const [target, n, label] of [
        [{ kind: 'floor' }, displays, 'floor'],
        [{ kind: 'redis', nodes: 1 }, displays, '1 node'],
        [{ kind: 'redis', nodes: 2 }, displays * 2, '2 nodes'],
      ] as const) {
        if (signal.aborted) throw new Error('timed out');
        runs.push(await measure(target, n, label, files));
      }
    }
    const curve = (server: Run['server']) => runs.filter((r) => r.server === server);
    const same = curve('1 node').map((one) => {
      const twice = curve('2 nodes').find((two) => two.displays === 2 * one.displays);
      const two = capacityAt(curve('2 nodes'), one.p99);
      return {
        displays: one.displays,
        p99: one.p99,
        twiceP99: twice?.p99 ?? null,
        twiceRatio: twice ? Math.round((100 * twice.p99) / one.p99) / 100 : null,
        twoNodes: two,
        ratio: two === null ? null : Math.round((100 * two) / one.displays) / 100,
      };
    });
    const markdown = [
      `One redis-server (AOF, \`appendfsync always\`) and one or two Lectern nodes with \`--redis\`, each node in its own CPU cgroup limited to ${CORES} of a core (CFS bandwidth: ${CORES * 100} ms of CPU per 100 ms), so that a second node brings its own CPU as a second machine would; redis-server, the ${LOAD_PROCESSES} load processes and the bench run outside the groups on what is left of the 2 cores. The floor runs under the same limit as one node. Screens on one hall, dealt over the nodes; commands to the first node; ${CHANGES} changes ${GAP_MS} ms apart; latency as in the fan-out tables. Two nodes get twice the screens of one at each step. Needs root (\`tests/bench/fanout/cpu-limit.ts\`). Run of ${startedAt} UTC.`,
      '',
      table(
        ['server', 'screens', 'p50 / p99 / max ms', 'missing', 'load processes’ CPU share'],
        runs.map((r) => [
          r.server,
          r.displays.toLocaleString('en'),
          `${r.p50} / ${r.p99} / ${r.max}`,
          r.missing,
          `${r.loadShare} %`,
        ]),
      ),
      '',
      'At the same p99: two nodes with twice the screens of one, and their p99 beside one node’s (≤ 1: two nodes carry at least twice the screens at that p99); and the screens two nodes carry at the p99 one node had (linear between the two steps around it; the curves are not smooth, so this is the rougher figure).',
      '',
      table(
        [
          'one node: screens',
          'its p99 ms',
          'two nodes, twice the screens: p99 ms',
          '÷ one node’s p99',
          'two nodes at one node’s p99: screens',
          '÷ one node’s screens',
        ],
        same.map((s) => [
          s.displays.toLocaleString('en'),
          s.p99,
          s.twiceP99 ?? '–',
          s.twiceRatio ?? '–',
          s.twoNodes?.toLocaleString('en') ?? 'fewer than the smallest step',
          s.ratio ?? '–',
        ]),
      ),
    ].join('\n');
    return {
      title: 'Nodes on Redis: capacity at the same p99 (each node on its own CPU budget)',
      markdown,
      data: { cores: CORES, runs, same },
    };
  },
};
