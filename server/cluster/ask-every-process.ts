import type { Server } from 'socket.io';
import type { LecternServer } from '../../shared/index.js';

/**
 * With `--workers N` or nodes on Redis: answers `event` with this process's `own()`, and gives the function that
 * asks every other process for theirs (socket.io's `serverSideEmit` with an acknowledgement, over the cluster or
 * Redis adapter). A process that does not answer within the adapter's timeout (5 s) is left out: the others count.
 */
export function askEveryProcess<T>(io: LecternServer, event: string, own: () => T): () => Promise<T[]> {
  const peers = io as unknown as Server;
  peers.on(event, (ack: (answer: T) => void) => ack(own()));
  return () =>
    new Promise<T[]>((resolve) =>
      peers.serverSideEmit(event, (_error: Error | null, answers: T[] | undefined) => resolve(answers ?? [])),
    );
}
