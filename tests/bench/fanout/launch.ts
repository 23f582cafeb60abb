import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode, startRedis } from '../../support/redis.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../../support/server.js';
import { processTree } from './procstat.js';

/**
 * A server the fan-out bench can measure. Adding a topology is one entry here and one case in `launch`.
 * `redis`: a redis-server (AOF, appendfsync always) and `nodes` Lecterns with `--redis`; screens are dealt over
 * the nodes, commands go to the first.
 */
export type Target = { kind: 'floor' } | { kind: 'lectern'; workers: number | 'auto' } | { kind: 'redis'; nodes: number };

/** A running target. */
export interface Launched {
  /** For the table: "floor", "lectern", "lectern --workers auto". */
  label: string;
  /** Where commands are sent (http://127.0.0.1:PORT). */
  httpBase: string;
  /** Where screens connect, spread round-robin (one per node). */
  wsBases: string[];
  /** The token commands and the director console use. */
  token: string;
  /** Every server process now (a primary and its workers), for memory and CPU. */
  pids(): number[];
  /** Nodes on Redis: each node's processes, node by node. */
  nodePids?(): number[][];
  /**
   * The longest event-loop delay of the server since the last call (ms; every worker's longest under `--workers`,
   * the first node's with nodes on Redis), or undefined if it could not be read.
   */
  loopMaxMs(): Promise<number | undefined>;
  stop(): Promise<void>;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** A target's name in the tables. */
export function targetLabel(target: Target): string {
  if (target.kind === 'floor') return 'floor';
  if (target.kind === 'redis') return `lectern --redis, ${target.nodes} node${target.nodes === 1 ? '' : 's'}`;
  return target.workers === 1 ? 'lectern' : `lectern --workers ${target.workers}`;
}

/** Starts a target on 127.0.0.1 with the bench's program (ignored by the floor) and waits until it listens. */
export async function launch(
  target: Target,
  files: { program: string; snapshot: string; clock: string },
  nodeArgs: string[] = [],
): Promise<Launched> {
  if (target.kind === 'floor') return launchFloor(files.snapshot, nodeArgs);
  if (target.kind === 'redis') return launchRedisNodes(target.nodes, files);
  const server = await startServer({
    nodeArgs,
    args: [...programArgs(files), ...UNLIMITED, ...(target.workers === 1 ? [] : ['--workers', String(target.workers)])],
  });
  const pid = server.process.pid!;
  return {
    label: targetLabel(target),
    httpBase: server.url,
    wsBases: [server.url.replace(/^http/, 'ws')],
    token: DIRECTOR_TOKEN,
    pids: () => processTree(pid),
    loopMaxMs: () => metricsLoopMax(server.url),
    stop: () =>
      boundedStop(
        () => server.stop(),
        () => server.stop('SIGKILL'),
      ),
  };
}

/** Measures the server, not its flood protection: limits far above what the bench sends. */
const UNLIMITED = ['--token-rate', '1000000', '--socket-rate', '1000000'];
const programArgs = (files: { program: string; clock: string }) => ['--program', files.program, '--clock', files.clock];

async function launchRedisNodes(count: number, files: { program: string; clock: string }): Promise<Launched> {
  const redis = await startRedis();
  const nodes: TestServer[] = [];
  const stopNodes = () =>
    Promise.all(
      nodes.map((node) =>
        boundedStop(
          () => node.stop(),
          () => node.stop('SIGKILL'),
        ),
      ),
    );
  try {
    // The first node imports the program and the clock into Redis; the others find them there.
    for (let i = 0; i < count; i++)
      nodes.push(await startNode(redis, { args: [...(i === 0 ? programArgs(files) : []), ...UNLIMITED] }));
  } catch (error) {
    await stopNodes();
    await redis.stop();
    throw error;
  }
  return {
    label: targetLabel({ kind: 'redis', nodes: count }),
    httpBase: nodes[0]!.url,
    wsBases: nodes.map((node) => node.url.replace(/^http/, 'ws')),
    token: DIRECTOR_TOKEN,
    // redis-server's own CPU and memory are not counted (the docs say so).
    pids: () => nodes.flatMap((node) => processTree(node.process.pid!)),
    nodePids: () => nodes.map((node) => processTree(node.process.pid!)),
    loopMaxMs: () => metricsLoopMax(nodes[0]!.url),
    async stop() {
      await stopNodes();
      await redis.stop();
    },
  };
}

/** prom-client's `nodejs_eventloop_lag_max_seconds` from a Lectern's /metrics (it resets at each scrape), in ms. */
async function metricsLoopMax(base: string): Promise<number | undefined> {
  const answer = await fetch(`${base}/metrics`).catch(() => undefined);
  if (!answer?.ok) return undefined;
  const line = /^nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? (\S+)$/m.exec(await answer.text());
  return line ? Number(line[1]) * 1000 : undefined;
}

/** Stops a target; one that is not gone in 10 s (a server stuck with thousands of sockets) is killed. */
async function boundedStop(stop: () => Promise<void>, kill: () => unknown): Promise<void> {
  const timer = setTimeout(() => void kill(), 10_000);
  try {
    await stop();
  } finally {
    clearTimeout(timer);
  }
}

async function launchFloor(snapshotFile: string, nodeArgs: string[]): Promise<Launched> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(HERE, 'floor-server.ts')], {
    env: { ...process.env, FLOOR_SNAPSHOT: snapshotFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`floor did not start: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return {
    label: 'floor',
    httpBase: url,
    wsBases: [url.replace(/^http/, 'ws')],
    token: DIRECTOR_TOKEN,
    pids: () => processTree(child.pid!),
    loopMaxMs: async () => {
      const answer = await fetch(`${url}/bench/loop`).catch(() => undefined);
      return answer?.ok ? ((await answer.json()) as { maxMs: number }).maxMs : undefined;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await boundedStop(
        () => exited,
        () => child.kill('SIGKILL'),
      );
      await exited;
    },
  };
}
