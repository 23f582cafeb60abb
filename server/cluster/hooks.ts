import type { Registry } from 'prom-client';
import type { ObsApi } from '../obs/obs.api.js';
import type { Logger } from '../observability/logger.js';
import type { ServerOptions } from 'socket.io';
import type { LecternServer } from '../../shared/index.js';
import type { AuthService } from '../auth/auth.service.js';
import type { LiveService } from '../live/live.service.js';

/** What a worker of `lectern serve --workers N` hands the app wiring it shares with the other workers. */
export interface WorkerParts {
  io: LecternServer;
  live: LiveService;
  auth: AuthService;
  /** The server's log (pino). */
  log: Logger;
}

/**
 * How `startLectern` runs as one worker of several (server/cluster/): socket.io's adapter that carries every
 * broadcast to the other workers, the wiring that keeps this worker's live engine in step with theirs, and how
 * it gets its connections (from the primary) instead of listening.
 */
export interface ClusterHooks {
  /** 1-based; worker 1 applies the start options (program, clock) and alone drives OBS. */
  index: number;
  /** socket.io's adapter for the worker's server. */
  adapter: NonNullable<ServerOptions['adapter']>;
  /** Called once the live engine and the socket server exist, before the broadcaster subscribes. */
  wire(parts: WorkerParts): void;
  /** What the OBS routes ask: the OBS itself on worker 1, a relay to worker 1 on the others. */
  obsApi(io: LecternServer, obs: ObsApi): ObsApi;
  /** `GET /metrics` of every worker added up (asked of the primary), given this worker's registry. */
  metrics(registry: Registry): () => Promise<string>;
  /** Listens on the port the workers share (and takes the connections the primary passes on): answers the port. */
  listen(io: LecternServer, port: number, host: string): Promise<number>;
}
