import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { ServeOptions } from '../app.js';
import { CLUSTER_PORT_ENV, READY_MESSAGE, runPrimary, WORKER_INDEX_ENV } from './primary.js';
import { clusterBackend } from '../limits/throttle.js';
import { workerHooks } from './worker.js';

/** How many processes `--workers` asks for: a count from 1 to 64, or `auto` (the machine's cores); undefined: 1. */
export function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return 1;
  if (text === 'auto') return availableParallelism();
  if (!/^\d+$/.test(text)) return undefined;
  const count = Number(text);
  return count >= 1 && count <= 64 ? count : undefined;
}

/**
 * `lectern serve --workers N` (N > 1). In the primary: runs it, and answers `undefined` (it starts no Lectern
 * itself). In a worker: answers the options its `startLectern` runs with. Workers after the first start without
 * the program file, the clock and OBS: worker 1 applied the first two to the store, which they read.
 */
export async function clusterRole(options: ServeOptions, count: number): Promise<ServeOptions | undefined> {
  if (cluster.isPrimary) {
    await runPrimary(options, count);
    return undefined;
  }
  const index = Number(process.env[WORKER_INDEX_ENV]);
  const port = Number(process.env[CLUSTER_PORT_ENV]);
  const { programFile: _program, clock: _clock, obsConfigFile: _obs, obs: _obsSection, ...rest } = options;
  const base = index === 1 ? options : rest;
  return { ...base, port, cluster: workerHooks(index), limiterBackend: base.limiterBackend ?? clusterBackend };
}

/** Tells the primary this worker is ready, and the port it listens on (a no-op in a single process). */
export function announceWorkerReady(port: number): void {
  if (cluster.isWorker) process.send?.({ type: READY_MESSAGE, port });
}
