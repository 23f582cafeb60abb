import { table } from '../bench.js';
import type { ScenarioResult } from './run-scenario.js';
import { acrossRounds, roundCount } from './rounds.js';
import {
  CHANGES,
  GAP_MS,
  LOAD_PROCESSES,
  REDIS_TARGETS,
  ROUNDS,
  TARGETS,
  type FailedTarget,
  type FanoutData,
  type RoundResult,
} from './scenarios.js';
import { targetLabel } from './launch.js';

/** One scenario's last run as docs/benchmarks.json keeps it. */
export interface StoredRun {
  ok: boolean;
  /** ISO time the run started. */
  ranAt: string;
  seconds: number;
  /** Why the scenario failed or timed out (its targets' own failures are in `data`). */
  reason?: string;
  data?: unknown;
}

const isFailed = (r: unknown): r is FailedTarget => typeof (r as FailedTarget).failed === 'string';
const LABELS = TARGETS.map(targetLabel);
const REDIS_LABELS = REDIS_TARGETS.map(targetLabel);
/** The labels of a run's targets, in the order they ran. */
const labelsOf = (targets: unknown[]) => targets.map((t) => (t as { target: string }).target);

/** A target no round measured: the first round's failure, or '–' when it did not run. */
function failedCell(targets: RoundResult[], label: string): string {
  const r = targets.find((t) => t.target === label && isFailed(t)) as FailedTarget | undefined;
  return r ? `failed: ${r.failed}` : '–';
}

const ms = (r: ScenarioResult) => `${r.p50} / ${r.p99} / ${r.max}${r.missing ? ` (${r.missing} missed)` : ''}`;
const pct = (cpu: number, seconds: number, cores: number) => `${Math.round((100 * cpu) / Math.max(0.001, seconds * cores))} %`;

/** The fan-out section of docs/benchmarks.md, from every fan-out scenario's last stored run. */
export function fanoutMarkdown(runs: [string, StoredRun][], cores: number): string {
  const fanout: string[][] = [];
  const redis: string[][] = [];
  const storm: string[][] = [];
  const durable: string[][] = [];
  const steps: string[][] = [];
  const failed: string[] = [];
  for (const [name, run] of runs) {
    const data = run.data as FanoutData | undefined;
    const when = run.ranAt.slice(0, 16).replace('T', ' ');
    if (!run.ok && !data) {
      failed.push(`- \`${name}\` (${when}): ${run.reason ?? 'failed'}`);
      continue;
    }
    if (!run.ok) failed.push(`- \`${name}\` (${when}): ${run.reason ?? 'a target failed (see the table)'}`);
    if (!data) continue;
    if (data.kind === 'durable') {
      for (const label of labelsOf(data.targets)) {
        const r = data.targets.find((t) => t.target === label);
        if (!r) continue;
        durable.push(
          isFailed(r)
            ? [label, `failed: ${r.failed}`, '–', '–', '–', when]
            : [label, String(r.commands), String(r.p50), String(r.p90), String(r.p99), when],
        );
      }
      continue;
    }
    const labels = data.kind === 'fanout' && data.topology === 'redis' ? REDIS_LABELS : LABELS;
    if (data.kind === 'fanout') {
      const over = (label: string) => acrossRounds(data.targets, label);
      // A target's cell: the middle round's p50 / p99 / max, the middle ratio, and every round's ratio.
      const serverCell = (label: string) => {
        const a = over(label);
        if (!a) return failedCell(data.targets, label);
        return `${ms(a.result as ScenarioResult)} (${a.ratio.toFixed(2)})${a.ratios.length > 1 ? ` [${a.ratios.map((x) => x.toFixed(2)).join(', ')}]` : ''}`;
      };
      const floorCell = () => {
        const a = over('floor');
        return a ? ms(a.result as ScenarioResult) : failedCell(data.targets, 'floor');
      };
      (data.topology === 'redis' ? redis : fanout).push([
        data.displays.toLocaleString('en'),
        String(data.halls),
        String(roundCount(data.targets)),
        floorCell(),
        serverCell(labels[1]!),
        serverCell(labels[2]!),
        labels
          .map((l) => {
            const r = over(l)?.result as ScenarioResult | undefined;
            return r ? pct(r.loadCpuSeconds, r.changeSeconds, cores) : '–';
          })
          .join(' / '),
        when,
      ]);
    }
    const rounds = roundCount(data.targets);
    const named = (r: RoundResult) => (rounds > 1 ? `${r.target}, round ${(r.round ?? 0) + 1}` : r.target);
    for (const r of data.targets) {
      if (isFailed(r) || !r.stepSpread) continue;
      const { p50, max, first, p99AfterFirst } = r.stepSpread;
      steps.push([
        name,
        named(r),
        `${p50.low} / ${p50.median} / ${p50.high}`,
        `${max.low} / ${max.median} / ${max.high}`,
        `${first.p50} / ${first.max}`,
        String(r.p99),
        String(p99AfterFirst ?? '–'),
        r.slowestStep ? `${r.slowestStep.step + 1}: ${r.slowestStep.p50} / ${r.slowestStep.answerMs}` : '–',
        r.pauses ? `${r.pauses.serverLoopMaxMs ?? '–'} / ${r.pauses.loadLoopMaxMs} / ${r.pauses.loadGcMaxMs}` : '–',
      ]);
    }
    for (const r of data.targets) {
      if (isFailed(r)) continue;
      const connectS = r.connectMs / 1000;
      storm.push([
        name,
        named(r),
        connectS.toFixed(2),
        String(r.failedConnects),
        String(r.bytesPerScreen),
        String(r.directorBytesPerScreen),
        (r.memoryPerScreen / 1000).toFixed(1),
        `${pct(r.stormServerCpuSeconds, connectS, cores)} / ${pct(r.stormLoadCpuSeconds, connectS, cores)}`,
      ]);
    }
  }
  return [
    `${LOAD_PROCESSES} load processes on the same machine hold the screens: raw websockets speaking socket.io's framing ` +
      '(EIO=4, websocket transport, JSON parser), each sending `hall:watch` and `display:hello` as a signage page does. ' +
      `Then ${CHANGES} change steps ${GAP_MS} ms apart; each step sends one \`message\` command over HTTP to every hall ` +
      'the screens are spread over. Latency: command sent → a screen received its `hall:changed`, over every screen and change ' +
      '(ms). The floor (tests/bench/fanout/floor-server.ts) is a bare express + socket.io server with the same routes, ' +
      'one `io.to(room).emit` per change and no fsync; each scenario runs floor, Lectern, Lectern `--workers auto` in turn ' +
      `(interleaved, in the same run, each with fresh load processes), ${ROUNDS} rounds of that since 2026-12-07 12:41 UTC ` +
      "(one before). The machine is shared with other work: compare a row's columns with each other, not rows of " +
      'different runs. Scenarios: `npm run bench -- --list`.',
    '',
    '### Fan-out (p50 / p99 / max ms)',
    '',
    "Each round's p99 is divided by the floor's p99 in the same round; in brackets the middle of those ratios, then " +
      "every round's. The p50 / p99 / max shown are the middle round's (for the floor, the round with the middle p99).",
    '',
    fanout.length
      ? table(
          [
            'displays',
            'halls',
            'rounds',
            'floor',
            'lectern',
            'lectern --workers auto',
            'load processes’ CPU share (floor / lectern / auto)',
            'run',
          ],
          fanout,
        )
      : 'No fan-out scenario run yet.',
    '',
    '### Nodes on Redis (p50 / p99 / max ms; ratios to the floor as above)',
    '',
    'One redis-server (AOF, `appendfsync always`) and one or two Lectern nodes with `--redis` on the same machine; ' +
      'screens are dealt over the nodes, commands go to the first node. On this 2-core machine the nodes, Redis ' +
      'and the load processes share two cores: a second node adds no core, so this measures the cost of the ' +
      "Redis adapter's hop, not capacity (docs/scale.md). redis-server's own CPU and memory are not counted.",
    '',
    redis.length
      ? table(
          ['displays', 'halls', 'rounds', 'floor', '1 node', '2 nodes', 'load processes’ CPU share (floor / 1 / 2)', 'run'],
          redis,
        )
      : 'No nodes-on-Redis scenario run yet (`npm run bench -- --only redis-fanout-1k-1h`).',
    '',
    '### Change steps, one by one (ms)',
    '',
    `Each change step's own p50 and max (its slowest screen), over the ${CHANGES} steps of a run: lowest / median / highest ` +
      'step, and the first step. Runs before 2026-12-07 11:48 UTC had no warm-up: their first step, often the slowest, ' +
      "carried each server's cold command path (its first frame 30-45 ms after the command, 5-15 ms in later steps); " +
      "since, six commands to every hall before the screens connect take it. A run's p99 is about its slowest step's tail, " +
      'so where the steps of one target spread wider than the targets differ, the ratio to the floor is mostly the ' +
      "machine's noise. Before 2026-12-07 13:59 UTC a load process parsed what it held in one go when quiet: from 5,000 " +
      'screens up that blocked it for up to 2.3 s in the steps, so those runs are not comparable. Since 13:51 that day ' +
      'each row also names its slowest step (by p50, counted from 1) with ' +
      'the longest time one of its commands took to be answered over HTTP, and the longest pause over the steps of the ' +
      "server's event loop (Lectern's `nodejs_eventloop_lag_max_seconds`, the floor's own monitor), of any one load " +
      "process's event loop, and of its garbage collections (ms). A slow step whose command was answered late waited " +
      'in the server; one that no pause covers waited outside the processes. Runs from before this table existed have ' +
      'no row here.',
    '',
    steps.length
      ? table(
          [
            'scenario',
            'server',
            'steps’ p50: low / median / high',
            'steps’ max: low / median / high',
            'first step p50 / max',
            'run p99',
            'p99 without the first step',
            'slowest step: which, its p50 / its command answered',
            'longest pause: server loop / load loop / load GC',
          ],
          steps,
        )
      : 'No run with per-step figures yet.',
    '',
    '### Connect storm, bytes, memory',
    '',
    'A director console (director token, no hall watched) is open during the storm; its bytes are everything it ' +
      "received while the screens connected and 1.5 s after, divided by the screens. Memory: the server processes' " +
      'resident memory 1.5 s after the storm minus before it, per screen (KB = 1000 bytes). CPU: share of all ' +
      `${cores} cores during the storm taken by the server processes / by the load processes.`,
    '',
    storm.length
      ? table(
          [
            'scenario',
            'server',
            'connect all (s)',
            'failed',
            'bytes per screen',
            'director bytes per new screen',
            'server memory per screen (KB)',
            'CPU: server / load',
          ],
          storm,
        )
      : 'No storm measured yet.',
    '',
    '### Durable command latency (sequential HTTP commands, ms)',
    '',
    'Lectern answers after its SQLite transaction (WAL, synchronous=FULL) commits; the floor writes a file without fsync.',
    '',
    durable.length ? table(['server', 'commands', 'p50', 'p90', 'p99', 'run'], durable) : 'Not run yet.',
    '',
    '### Failed or timed-out scenarios',
    '',
    failed.length ? failed.join('\n') : 'None in the runs above.',
  ].join('\n');
}
