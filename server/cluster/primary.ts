import { setupPrimary } from '@socket.io/cluster-adapter';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import cluster, { type Worker } from 'node:cluster';
import type { ServeOptions } from '../app.js';
import { logger } from '../observability/logger.js';
import { routePollingSessions } from './connection-router.js';
import { aggregateWorkerMetrics } from './cluster-metrics.js';

/** The environment a worker is forked with: its 1-based index and the port the workers share (0: worker 1 picks one). */
export const WORKER_INDEX_ENV = 'LECTERN_WORKER_INDEX';
export const CLUSTER_PORT_ENV = 'LECTERN_CLUSTER_PORT';

/** What a worker tells the primary once its server is ready for connections, with the port it listens on. */
export const READY_MESSAGE = 'lectern:worker-ready';

interface Ready {
  type: typeof READY_MESSAGE;
  port: number;
}

function forkWorker(index: number, port: number): Promise<{ worker: Worker; port: number }> {
  // Worker 1 prints the start banner (a generated director token, the screens' links); the others say nothing
  // but their errors.
  cluster.setupPrimary({ silent: index > 1, serialization: 'advanced' });
  const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index), [CLUSTER_PORT_ENV]: String(port) });
  worker.process.stdout?.resume();
  worker.process.stderr?.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`worker ${index} exited with ${code} before it was ready`));
    worker.once('exit', onExit);
    worker.on('message', (message: Ready) => {
      if (message?.type !== READY_MESSAGE) return;
      worker.off('exit', onExit);
      resolve({ worker, port: message.port });
    });
  });
}

/**
 * The primary of `lectern serve --workers N`. The workers share one listening socket and accept connections
 * themselves (node:cluster's SCHED_NONE); the primary passes on the connections of long-polling sessions that
 * reached the wrong worker (connection-router.ts), relays the workers' adapter messages (`@socket.io/cluster-adapter`), and
 * forks worker 1 first (it applies the start options: program, clock, director token; it alone drives OBS),
 * then the others. A worker that dies is forked again. The primary holds no state: every command is applied by
 * a worker, against the shared SQLite store.
 */
export async function runPrimary(options: ServeOptions, count: number): Promise<void> {
  // Before the first fork: the workers' `listen` shares one socket that each accepts on, instead of the primary
  // accepting every connection and sending it to a worker (one at a time per worker, each acknowledged).
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const workers = new Map<number, Worker>();
  routePollingSessions();
  setupPrimary();
  // The flood limits' counters live here, so a token's requests count together on every worker.
  new RateLimiterClusterMaster();
  // A scrape of /metrics reaches one worker, which asks here for every worker's metrics added up.
  aggregateWorkerMetrics();
  // Every worker listens on the given port; with 0, node:cluster gives them all the one port it picks for the
  // first (worker 1 says which).
  let port: number;
  let stopping = false;
  const keep = (index: number, worker: Worker) => {
    workers.set(index, worker);
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      logger().warn(`Worker ${index} stopped (${signal ?? code}); starting it again`);
      setTimeout(() => {
        forkWorker(index, options.port).then(
          (next) => keep(index, next.worker),
          (error: unknown) => logger().error(`Worker ${index} did not start again: ${String(error)}`),
        );
      }, 500);
    });
  };
  try {
    const first = await forkWorker(1, options.port);
    keep(1, first.worker);
    port = first.port;
    const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => forkWorker(i + 2, options.port)));
    rest.forEach(({ worker }, i) => keep(i + 2, worker));
  } catch (error) {
    stopping = true;
    for (const worker of cluster.workers ? Object.values(cluster.workers) : []) worker?.kill('SIGTERM');
    throw error;
  }
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  logger().info(
    `Lectern listening on http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}  (${count} workers)`,
  );

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info(`${signal}: stopping ${count} workers`);
    const exits = [...workers.values()].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    );
    setTimeout(() => process.exit(0), 7000).unref();
    void Promise.all(exits).then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
