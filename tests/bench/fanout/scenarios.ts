import type { Bench, BenchReport } from '../bench.js';
import { writeBenchFiles } from './bench-program.js';
import { durableCommandLatency, type DurableResult } from './durable.js';
import { launch, targetLabel, type Launched, type Target } from './launch.js';
import { LoadPool } from './load-pool.js';
import { runScenario, type ScenarioResult } from './run-scenario.js';

export const CHANGES = 20;
export const GAP_MS = 300;
export const LOAD_PROCESSES = 4;
/** Rounds of a fan-out scenario with change steps (tests/bench/fanout/rounds.ts); a storm runs once. */
export const ROUNDS = 3;

/** Every server the bench compares, in the order each scenario runs them (interleaved, floor first). */
export const TARGETS: Target[] = [{ kind: 'floor' }, { kind: 'lectern', workers: 1 }, { kind: 'lectern', workers: 'auto' }];

/** The nodes-on-Redis scenarios: the floor, one node and two nodes on one redis-server. */
export const REDIS_TARGETS: Target[] = [{ kind: 'floor' }, { kind: 'redis', nodes: 1 }, { kind: 'redis', nodes: 2 }];

/** Durable commands: SQLite beside one node on Redis. */
const DURABLE_REDIS_TARGETS: Target[] = [
  { kind: 'lectern', workers: 1 },
  { kind: 'redis', nodes: 1 },
];

/** A target that could not be measured in a scenario, and why. */
export interface FailedTarget {
  target: string;
  failed: string;
}

/** A fan-out entry: one target in one round (0-based; absent in runs from before rounds). */
export type RoundResult = (ScenarioResult | FailedTarget) & { round?: number };

/** What one fan-out scenario stores in docs/benchmarks.json. */
export type FanoutData =
  | {
      kind: 'fanout' | 'storm';
      /** 'redis': the targets are REDIS_TARGETS (absent: TARGETS). */
      topology?: 'redis';
      displays: number;
      halls: number;
      /** Every target of every round, in the order they ran. */
      targets: RoundResult[];
    }
  | { kind: 'durable'; targets: (DurableResult | FailedTarget)[] };

const TITLE = 'Fan-out, connect storm, memory, durable commands';
let files: ReturnType<typeof writeBenchFiles> | undefined;
const benchFiles = () => (files ??= writeBenchFiles());
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

/**
 * Runs `measure` against each target in turn, each with fresh load processes; a target that fails (or the
 * scenario's abort) is recorded with its reason and the next one runs. Servers and load processes are always
 * stopped before the next target starts.
 */
async function eachTarget<R>(
  targets: Target[],
  signal: AbortSignal,
  withPool: boolean,
  measure: (server: Launched, pool: LoadPool | undefined, index: number) => Promise<R>,
): Promise<(R | FailedTarget)[]> {
  const out: (R | FailedTarget)[] = [];
  for (const [index, target] of targets.entries()) {
    if (signal.aborted) {
      out.push({ target: targetLabel(target), failed: 'not run: the scenario timed out before it' });
      continue;
    }
    let server: Launched | undefined;
    let pool: LoadPool | undefined;
    const stopAll = () => Promise.all([server?.stop(), pool?.stop()]);
    const onAbort = () => void stopAll();
    signal.addEventListener('abort', onAbort);
    try {
      pool = withPool ? await LoadPool.start(LOAD_PROCESSES) : undefined;
      server = await launch(target, benchFiles());
      out.push(await measure(server, pool, index));
    } catch (error) {
      const why = signal.aborted ? `timed out (${reason(signal.reason)})` : reason(error);
      console.log(`  ${targetLabel(target)}: FAILED: ${why}`);
      out.push({ target: targetLabel(target), failed: why });
    } finally {
      signal.removeEventListener('abort', onAbort);
      await stopAll();
    }
  }
  return out;
}

const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

function fanoutScenario(displays: number, halls: number, changes: number, quick: boolean, redis = false): Bench {
  const kind = changes > 0 ? 'fanout' : 'storm';
  const base = kind === 'fanout' ? `fanout-${k(displays)}-${halls}h` : `storm-${k(displays)}`;
  const name = redis ? `redis-${base}` : base;
  const rounds = kind === 'fanout' ? ROUNDS : 1;
  return {
    name,
    quick,
    group: 'fanout',
    // Per target and round: start, the storm (≈ 1 ms a screen here, 10× slack), the change steps, the waits.
    timeoutMs: rounds * 3 * (45_000 + displays * 10 + changes * GAP_MS),
    async run(signal): Promise<BenchReport> {
      const list = redis ? REDIS_TARGETS : TARGETS;
      const order = Array.from({ length: rounds }, () => list).flat();
      const roundOf = (index: number) => Math.floor(index / list.length);
      const results = await eachTarget(order, signal, true, async (server, pool, index) => {
        const result = await runScenario(server, pool!, { displays, halls, changes, gapMs: GAP_MS });
        console.log(
          `  ${rounds > 1 ? `round ${roundOf(index) + 1}: ` : ''}${result.target}, ${displays} screens on ${halls} halls: p50 ${result.p50} p99 ${result.p99} max ${result.max} ms, ` +
            `connect ${result.connectMs} ms, ${result.failedConnects} failed, ${(result.memoryPerScreen / 1000).toFixed(1)} KB/screen` +
            (result.stepSpread
              ? `; steps' p50 ${result.stepSpread.p50.low}–${result.stepSpread.p50.high}, max ${result.stepSpread.max.low}–${result.stepSpread.max.high} ms`
              : ''),
        );
        return result;
      });
      // eachTarget answers one entry per target of `order`, in order: the round is its place.
      const targets: RoundResult[] = results.map((r, i) => ({ ...r, round: roundOf(i) }));
      const data: FanoutData = { kind, ...(redis ? { topology: 'redis' as const } : {}), displays, halls, targets };
      return { title: TITLE, markdown: '', data };
    },
  };
}

function durableScenario(commands: number, name: string, quick: boolean, targetList = TARGETS): Bench {
  return {
    name,
    quick,
    group: 'fanout',
    timeoutMs: 3 * (30_000 + commands * 100),
    async run(signal): Promise<BenchReport> {
      const targets = await eachTarget(targetList, signal, false, async (server) => {
        const result = await durableCommandLatency(server, commands);
        console.log(`  ${result.target}: durable command p50 ${result.p50} p99 ${result.p99} ms`);
        return result;
      });
      return { title: TITLE, markdown: '', data: { kind: 'durable', targets } satisfies FanoutData };
    },
  };
}

/** The fan-out scenarios, smallest first; `--quick` runs the 1k ones and the durable commands. */
export const fanoutScenarios: Bench[] = [
  fanoutScenario(1000, 1, CHANGES, true),
  fanoutScenario(1000, 20, CHANGES, false),
  fanoutScenario(2000, 1, CHANGES, false),
  fanoutScenario(2000, 20, CHANGES, false),
  fanoutScenario(5000, 1, CHANGES, false),
  fanoutScenario(5000, 20, CHANGES, false),
  fanoutScenario(10_000, 1, CHANGES, false),
  fanoutScenario(10_000, 20, CHANGES, false),
  fanoutScenario(1000, 1, 0, true),
  fanoutScenario(2000, 1, 0, false),
  fanoutScenario(5000, 1, 0, false),
  fanoutScenario(10_000, 1, 0, false),
  durableScenario(300, 'durable', true),
  // Nodes on Redis (one redis-server; on 2 cores the nodes, Redis and the load processes share them).
  fanoutScenario(1000, 1, CHANGES, false, true),
  fanoutScenario(2000, 1, CHANGES, false, true),
  durableScenario(300, 'redis-durable', false, DURABLE_REDIS_TARGETS),
];
