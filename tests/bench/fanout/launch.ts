import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIRECTOR_TOKEN, startServer } from '../../support/server.js';
import { processTree } from './procstat.js';

/**
 * A server the fan-out bench can measure. Adding a topology is one entry here and one case in `launch`
 * (two nodes on Redis: start redis-server and two Lecterns with `--redis`, answer both in `wsBases`).
 */
export type Target = { kind: 'floor' } | { kind: 'lectern'; workers: number | 'auto' };

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
  stop(): Promise<void>;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** A target's name in the tables. */
export function targetLabel(target: Target): string {
  if (target.kind === 'floor') return 'floor';
  return target.workers === 1 ? 'lectern' : `lectern --workers ${target.workers}`;
}

/** Starts a target on 127.0.0.1 with the bench's program (ignored by the floor) and waits until it listens. */
export async function launch(target: Target, files: { program: string; snapshot: string; clock: string }): Promise<Launched> {
  if (target.kind === 'floor') return launchFloor(files.snapshot);
  const server = await startServer({
    args: [
      '--program',
      files.program,
      '--clock',
      files.clock,
      // Measures the server, not its flood protection: limits far above what the bench sends.
      '--token-rate',
      '1000000',
      '--socket-rate',
      '1000000',
      ...(target.workers === 1 ? [] : ['--workers', String(target.workers)]),
    ],
  });
  const pid = server.process.pid!;
  return {
    label: targetLabel(target),
    httpBase: server.url,
    wsBases: [server.url.replace(/^http/, 'ws')],
    token: DIRECTOR_TOKEN,
    pids: () => processTree(pid),
    stop: () =>
      boundedStop(
        () => server.stop(),
        () => server.stop('SIGKILL'),
      ),
  };
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

async function launchFloor(snapshotFile: string): Promise<Launched> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'floor-server.ts')], {
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
