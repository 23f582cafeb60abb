import type { RequestHandler } from 'express';
import type { Store } from '../store/store.js';

/** What `/readyz` answers: ready to take commands, or why not. */
export type Readiness = { ready: true; store: string } | { ready: false; store: string; reason: string };

/**
 * `GET /readyz`: 200 when the store answers (a load balancer may send chairs here), else 503 with the reason.
 * `/healthz` says only that the process is alive.
 */
export function readyzHandler(store: Store): RequestHandler {
  return async (_req, res) => {
    try {
      await store.getMeta('readiness-probe');
      const body: Readiness = { ready: true, store: store.description };
      res.json(body);
    } catch (error) {
      const body: Readiness = { ready: false, store: store.description, reason: (error as Error).message };
      res.status(503).set('retry-after', '1').json(body);
    }
  };
}
