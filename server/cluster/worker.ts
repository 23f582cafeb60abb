import { createAdapter } from '@socket.io/cluster-adapter';
import { listenForConnections } from './worker-connections.js';
import { answerObsCalls, obsThroughWorkerOne } from './obs-relay.js';
import { metricsOfEveryWorker } from './cluster-metrics.js';
import type { Server } from 'socket.io';
import type { HallState } from '../../shared/index.js';
import type { ClusterHooks, WorkerParts } from './hooks.js';

/** The messages workers send each other (socket.io's `serverSideEmit`, carried by the cluster adapter). */
const HALL_COMMITTED = 'lectern:hall-committed';
const PROGRAM_SAVED = 'lectern:program-saved';
const TOKEN_REVOKED = 'lectern:token-revoked';

/** The response header naming the worker that answered (`--workers N`), for a crew chasing one process. */
export const WORKER_HEADER = 'x-lectern-worker';

/**
 * Keeps a worker's live engine in step with the others. The store decides (its compare-and-set on the hall's
 * revision), so this is about what a worker shows and drives, not about correctness of commands: a committed
 * hall state is told to the other workers BEFORE the broadcaster sends it (the cluster adapter keeps one
 * worker's messages in order), so a screen that watches on another worker meanwhile never gets an older snapshot
 * than the change it missed. Worker 1's OBS adapter follows every change this way.
 */
function wireWorker({ io, live, auth, log }: WorkerParts, index: number): void {
  const peers = io as unknown as Server;
  // Before express, so every answer carries it.
  peers.httpServer.prependListener('request', (_req, res) => res.setHeader(WORKER_HEADER, String(index)));
  // And the websocket upgrade (engine.io's handshake answers).
  peers.engine.on('headers', (headers: Record<string, string>) => (headers[WORKER_HEADER] = String(index)));
  live.onChange(({ snapshot, remote }) => {
    if (!remote) peers.serverSideEmit(HALL_COMMITTED, snapshot.state);
  });
  live.onProgramChange((revision, remote) => {
    if (!remote) peers.serverSideEmit(PROGRAM_SAVED, revision);
  });
  peers.on(HALL_COMMITTED, (state: HallState) => void live.adoptRemote(state));
  peers.on(PROGRAM_SAVED, () => {
    live
      .reloadFromStore()
      .catch((error: unknown) => log.error({ component: 'cluster', err: error }, 'reloading the program failed'));
  });
  // A revoked chair link is dropped on every worker, not only on the one that revoked it.
  auth.onRevoked((tokenId) => peers.serverSideEmit(TOKEN_REVOKED, tokenId));
  peers.on(TOKEN_REVOKED, (tokenId: string) => {
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.actor === `chair:${tokenId}`) socket.disconnect(true);
    }
  });
}

/** The hooks `startLectern` runs with in worker `index` of a `--workers N` cluster. */
export function workerHooks(index: number): ClusterHooks {
  return {
    index,
    adapter: createAdapter(),
    wire: (parts) => wireWorker(parts, index),
    obsApi(io, obs) {
      const peers = io as unknown as Server;
      answerObsCalls(peers, obs, index === 1);
      return index === 1 ? obs : obsThroughWorkerOne(peers);
    },
    metrics: metricsOfEveryWorker,
    listen: (io, port, host) => listenForConnections(io as unknown as Server, port, host),
  };
}
