import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../percentile.js';
import { benchHallIds } from './bench-program.js';
import { latenciesBySteps, slowestStep, stepSpread, type SentChange, type StepSpread } from './change-steps.js';
import type { Launched } from './launch.js';
import type { LoadPool } from './load-pool.js';
import { cpuSeconds, rssBytes } from './procstat.js';
import { epochNow, RawClient } from './raw-client.js';

/** One fan-out run's shape. */
export interface Scenario {
  displays: number;
  /** Screens are dealt over this many halls; each change step sends one command to every one of them. */
  halls: number;
  /** Change steps, `gapMs` apart (0: the connect storm only). */
  changes: number;
  gapMs: number;
}

/** What one run measured. Times in ms, bytes in bytes. */
export interface ScenarioResult {
  target: string;
  displays: number;
  halls: number;
  /** Command sent over HTTP → the screen received the `hall:changed`, over every screen and change. */
  p50: number;
  p99: number;
  max: number;
  /** Changes a screen should have received and did not (within 3 s of the last step). */
  missing: number;
  /** The connect storm: first connection opened → every screen has its first snapshot. */
  connectMs: number;
  failedConnects: number;
  /** Bytes each screen received up to its first snapshot (frames' payloads). */
  bytesPerScreen: number;
  /** Bytes a director console open during the storm received, per screen that connected. */
  directorBytesPerScreen: number;
  /** Server resident memory after the storm minus before it, per screen. */
  memoryPerScreen: number;
  /** CPU seconds used during the change steps: by the server processes and by the load processes. */
  serverCpuSeconds: number;
  loadCpuSeconds: number;
  /** Wall seconds of the change steps (the CPU figures' denominator). */
  changeSeconds: number;
  /** CPU seconds used during the connect storm (first connection → every screen ready), server and load. */
  stormServerCpuSeconds: number;
  stormLoadCpuSeconds: number;
  /** How the change steps differ from each other (absent in a storm-only run). */
  stepSpread?: StepSpread;
  /** The step with the highest p50, and how long its slowest command took to be answered over HTTP (ms). */
  slowestStep?: { step: number; p50: number; max: number; answerMs: number };
  /** Over every step: the commands' answer times over HTTP (ms). */
  answers?: { p50: number; max: number };
  /**
   * The longest pauses during the change steps (ms): the server's event loop (undefined if it could not be read),
   * any one load process's event loop and garbage collection. A late step that none of them explains happened
   * outside the processes (the kernel, the machine).
   */
  pauses?: { serverLoopMaxMs?: number; loadLoopMaxMs: number; loadGcMaxMs: number };
}

const round = (n: number) => Math.round(n * 10) / 10;

function roundSpread(s: StepSpread): StepSpread {
  const r = (x: StepSpread['p50']) => ({ low: round(x.low), median: round(x.median), high: round(x.high) });
  return {
    steps: s.steps,
    p50: r(s.p50),
    max: r(s.max),
    first: { p50: round(s.first.p50), max: round(s.first.max) },
    p99AfterFirst: round(s.p99AfterFirst),
  };
}

type BenchCommand = { type: 'message'; text: string } | { type: 'clearMessage' };

async function sendCommand(
  target: Launched,
  hallId: string,
  command: BenchCommand,
): Promise<{ revision: number; sentAt: number; answerMs: number }> {
  const sentAt = epochNow();
  const response = await fetch(`${target.httpBase}/api/v1/halls/${hallId}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
    body: JSON.stringify(command),
  });
  const body = (await response.json()) as { revision?: number };
  if (!response.ok || typeof body.revision !== 'number') throw new Error(`command failed: ${response.status}`);
  return { revision: body.revision, sentAt, answerMs: epochNow() - sentAt };
}

/**
 * A few commands to every hall before any screen connects. A server's first commands run cold code (its HTTP
 * parser, body parsing, the command path): measured per change step, the first step's first screen got its frame
 * 30-45 ms after the command, beside 5-15 ms in every later step, for the floor and Lectern alike, and under
 * `--workers` for the first command each worker took. Six, so that both workers of a 2-core machine get some;
 * the last clears the message, so the screens' first snapshot is the one it would be without them.
 */
async function warmUp(target: Launched, hallIds: string[]): Promise<void> {
  for (let i = 0; i < 6; i++) {
    const command: BenchCommand = i < 5 ? { type: 'message', text: `warm-up ${i}` } : { type: 'clearMessage' };
    await Promise.all(hallIds.map((hallId) => sendCommand(target, hallId, command)));
    await sleep(50);
  }
}

/**
 * One run against a started target: a director console connects, the screens storm in, then `changes` steps
 * `gapMs` apart each send one command per hall over HTTP; every screen's arrival is matched to its command.
 */
export async function runScenario(target: Launched, pool: LoadPool, scenario: Scenario): Promise<ScenarioResult> {
  const hallIds = benchHallIds(scenario.halls);
  await warmUp(target, hallIds);
  const director = new RawClient({ wsBase: target.wsBases[0]!, token: target.token });
  await director.ready;
  await sleep(500);
  const memoryBefore = rssBytes(target.pids());
  const directorBefore = director.bytes;

  const screens = Array.from({ length: scenario.displays }, (_, i) => hallIds[i % hallIds.length]!);
  const stormServerCpu = cpuSeconds(target.pids());
  const stormLoadCpu = cpuSeconds(pool.pids());
  const startedAt = epochNow();
  const reports = await pool.connect(target.wsBases, screens);
  const connectMs = Math.max(...reports.map((r) => r.doneAt)) - startedAt;
  const stormServerCpuSeconds = cpuSeconds(target.pids()) - stormServerCpu;
  const stormLoadCpuSeconds = cpuSeconds(pool.pids()) - stormLoadCpu;
  // The director's screens list is published at most 100 ms after the last screen came: let it arrive.
  await sleep(1500);
  const memoryAfter = rssBytes(target.pids());
  const directorBytes = director.bytes - directorBefore;
  await pool.collect(); // nothing yet: clears, and resets the load processes' pause figures
  await target.loopMaxMs(); // resets the server's

  const sent = new Map<string, SentChange>();
  const answerMs: number[][] = [];
  const serverCpu = cpuSeconds(target.pids());
  const loadCpu = cpuSeconds(pool.pids());
  const changesStarted = epochNow();
  for (let step = 0; step < scenario.changes; step++) {
    const due = changesStarted + step * scenario.gapMs;
    await sleep(Math.max(0, due - epochNow()));
    const answers = await Promise.all(
      hallIds.map((hallId) => sendCommand(target, hallId, { type: 'message', text: `change ${step}` })),
    );
    answers.forEach((answer, i) => sent.set(`${hallIds[i]}:${answer.revision}`, { sentAt: answer.sentAt, step }));
    answerMs.push(answers.map((answer) => answer.answerMs));
  }
  if (scenario.changes > 0) await sleep(3000);
  const changeSeconds = (epochNow() - changesStarted) / 1000;
  const serverCpuSeconds = cpuSeconds(target.pids()) - serverCpu;
  const loadCpuSeconds = cpuSeconds(pool.pids()) - loadCpu;
  const serverLoopMaxMs = await target.loopMaxMs();
  const { arrivals, pauses } = await pool.collectWithPauses();
  director.close();
  await pool.closeScreens();

  const bySteps = latenciesBySteps(sent, arrivals);
  const latencies = bySteps.flat().sort((a, b) => a - b);
  const spread = stepSpread(bySteps);
  const slowest = slowestStep(bySteps);
  const allAnswers = answerMs.flat().sort((a, b) => a - b);
  const failedConnects = reports.reduce((sum, r) => sum + r.failed, 0);
  const connected = scenario.displays - failedConnects;
  return {
    target: target.label,
    displays: scenario.displays,
    halls: scenario.halls,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? NaN),
    missing: connected * scenario.changes - latencies.length,
    connectMs: Math.round(connectMs),
    failedConnects,
    bytesPerScreen: Math.round(reports.reduce((sum, r) => sum + r.bytes, 0) / Math.max(1, connected)),
    directorBytesPerScreen: round(directorBytes / Math.max(1, connected)),
    memoryPerScreen: Math.round((memoryAfter - memoryBefore) / Math.max(1, connected)),
    serverCpuSeconds: round(serverCpuSeconds),
    loadCpuSeconds: round(loadCpuSeconds),
    changeSeconds: round(changeSeconds),
    stormServerCpuSeconds: round(stormServerCpuSeconds),
    stormLoadCpuSeconds: round(stormLoadCpuSeconds),
    ...(spread ? { stepSpread: roundSpread(spread) } : {}),
    ...(slowest
      ? {
          slowestStep: {
            step: slowest.step,
            p50: round(slowest.p50),
            max: round(slowest.max),
            answerMs: round(Math.max(...(answerMs[slowest.step] ?? [NaN]))),
          },
        }
      : {}),
    ...(allAnswers.length ? { answers: { p50: round(percentile(allAnswers, 50)), max: round(allAnswers.at(-1)!) } } : {}),
    ...(scenario.changes > 0
      ? {
          pauses: {
            ...(serverLoopMaxMs === undefined ? {} : { serverLoopMaxMs: round(serverLoopMaxMs) }),
            loadLoopMaxMs: round(pauses.loopMaxMs),
            loadGcMaxMs: round(pauses.gcMaxMs),
          },
        }
      : {}),
  };
}
