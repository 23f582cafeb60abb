import { Router } from 'express';
import { z } from 'zod';
import { IDENTIFY_DURATION_MS, type DisplayInfo, type DisplayPage } from '../../shared/index.js';
import { requireDirector, requireToken } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import { sendError, sendInvalid } from '../http/errors.js';
import type { LiveService } from '../live/live.service.js';
import type { DisplayRegistry } from './display-registry.js';

const PAGE_NAMES: Record<DisplayPage, string> = {
  signage: 'Signage',
  lobby: 'Lobby',
  timer: 'Speaker timer',
  overlay: 'Stream overlay',
  live: 'Live page',
};

export const IdentifySchema = z.object({ durationMs: z.number().int().min(1000).max(60_000).optional() });

/** What a screen flashes when identified: the name of the hall it shows, else what page it is. */
export function identifyText(display: DisplayInfo, live: LiveService): string {
  const hall = display.hallId ? live.hall(display.hallId) : undefined;
  return hall?.name ?? PAGE_NAMES[display.page];
}

/** Director-only: list the connected screens, identify one (flash its hall name) or reload it. */
export function displaysRoutes(registry: DisplayRegistry, live: LiveService, auth: AuthService): Router {
  const router = Router();
  router.use('/api/v1/displays', requireToken(auth), requireDirector);

  router.get('/api/v1/displays', (_req, res, next) => {
    registry.listAll().then((list) => res.json(list), next);
  });

  router.post('/api/v1/displays/:id/identify', async (req, res) => {
    const parsed = IdentifySchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendInvalid(res, 'identify request', parsed.error);
    const display = await registry.find(String(req.params.id));
    if (!display) return sendError(res, 404, 'not_found', `no connected screen "${req.params.id}"`);
    const text = identifyText(display, live);
    const durationMs = parsed.data.durationMs ?? IDENTIFY_DURATION_MS;
    registry.identify(display.id, text, durationMs);
    res.json({ id: display.id, text, durationMs });
  });

  router.post('/api/v1/displays/:id/reload', async (req, res) => {
    const display = await registry.find(String(req.params.id));
    if (!display) return sendError(res, 404, 'not_found', `no connected screen "${req.params.id}"`);
    registry.reload(display.id);
    res.status(204).end();
  });

  return router;
}
