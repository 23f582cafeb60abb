import type { Server } from 'socket.io';
import type { DisplayInfo, LecternServer } from '../../shared/index.js';
import type { DisplayRegistry } from './display-registry.js';

/** The question one process asks the others (socket.io's `serverSideEmit`, over the cluster or Redis adapter). */
const LIST_DISPLAYS = 'lectern:list-displays';

/**
 * With `--workers N` or nodes on Redis, a director's list of screens (on connect, and GET /api/v1/displays) holds
 * every process's screens, not only those of the process it reached; each process publishes its own deltas to
 * the directors. A process that does not answer within the adapter's timeout (5 s) is left out.
 */
export function shareDisplayLists(io: LecternServer, displays: DisplayRegistry): void {
  const peers = io as unknown as Server;
  peers.on(LIST_DISPLAYS, (ack: (list: DisplayInfo[]) => void) => ack(displays.list()));
  displays.setPeers(
    () =>
      new Promise<DisplayInfo[]>((resolve) =>
        peers.serverSideEmit(LIST_DISPLAYS, (_error: Error | null, lists: DisplayInfo[][] | undefined) =>
          resolve((lists ?? []).flat()),
        ),
      ),
  );
}
