import type { RequestHandler } from 'express';
import type { ObsLeaseStatus } from '../../shared/index.js';
import type { Store } from '../store/store.js';

/** What a node on Redis adds to `/readyz`: its id, and who holds each hall's OBS lease. */
export interface NodeReadiness {
  /** This node's id (`<host>:<pid>:<random>`), as the OBS leases name their holder. */
  node?: string;
  /** Hall id → its OBS lease, for the halls this node has `--obs` config for. */
  obsLeases?: Record<string, ObsLeaseStatus>;
}

/** What `/readyz` answers: ready to take commands, or why not. */
export type Readiness = ({ ready: true; store: string } | { ready: false; store: string; reason: string }) & NodeReadiness;

/**
 * `GET /readyz`: 200 when the store answers (a load balancer may send chairs here), else 503 with the reason.
 * `/healthz` says only that the process is alive.
 */
export function readyzHandler(store: Store, node: () => NodeReadiness = () => ({})): RequestHandler {
  return async (_req, res) => {
    try {
      await store.getMeta('readiness-probe');
      const body: Readiness = { ready: true, store: store.description, ...node() };
      res.json(body);
    } catch (error) {
      const body: Readiness = { ready: false, store: store.description, reason: (error as Error).message, ...node() };
      res.status(503).set('retry-after', '1').json(body);
    }
  };
}
