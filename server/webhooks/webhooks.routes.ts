import { Router } from 'express';
import type { WebhookStatusList } from '../../shared/index.js';
import { requireDirector, requireToken } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import type { WebhookService } from './webhooks.service.js';

/** `GET /api/v1/webhooks`: each receiver's delivery state over every process, for directors (it names where Lectern reports to). */
export function webhooksRoutes(webhooks: WebhookService, auth: AuthService): Router {
  const router = Router();
  router.get('/api/v1/webhooks', requireToken(auth), requireDirector, async (_req, res) => {
    const body: WebhookStatusList = { receivers: await webhooks.statusEverywhere() };
    res.json(body);
  });
  return router;
}
