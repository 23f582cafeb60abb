import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { bearerToken } from '../auth/tokens.js';
import { sendError } from '../http/errors.js';
import type { LecternMetrics } from './metrics.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in Prometheus' text format. Public (nothing in it is secret) unless a metrics token is set
 * (`LECTERN_METRICS_TOKEN`): then it needs `Authorization: Bearer <that token>`.
 */
export function metricsRoutes(
  metrics: LecternMetrics,
  token: string | undefined,
  /** Under `--workers N`: every worker's metrics added up (server/cluster/cluster-metrics.ts). */
  text: () => Promise<string> = () => metrics.registry.metrics(),
): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token !== undefined) {
      const given = bearerToken(req.headers.authorization);
      if (!given || !sameSecret(given, token)) {
        sendError(res, 401, 'unauthorized', 'the metrics need the metrics token (Authorization: Bearer …)');
        return;
      }
    }
    res.set('Content-Type', metrics.registry.contentType);
    res.send(await text());
  });
  return router;
}
