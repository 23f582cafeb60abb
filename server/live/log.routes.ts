import { Router } from 'express';
import { z } from 'zod';
import type { CommandLogPage } from '../../shared/index.js';
import { requireDirector, requireToken } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import { sendError, sendInvalid } from '../http/errors.js';
import type { Store } from '../store/store.js';
import type { LiveService } from './live.service.js';
import { toLoggedCommand } from './live.types.js';

const count = z.coerce.number().int().min(1).max(1000);
export const LogQuerySchema = z.object({
  /** Only entries after this sequence number (paging on). */
  after: z.coerce.number().int().min(0).optional(),
  /** At most this many, oldest first. */
  limit: count.optional(),
  /** Only the newest this many (still oldest first): what a timeline shows first. */
  last: count.optional(),
});

/** Director-only: a hall's command log (who did what, when, and whether it was a rehearsal). */
export function logRoutes(live: LiveService, store: Store, auth: AuthService): Router {
  const router = Router();
  router.get('/api/v1/halls/:hallId/log', requireToken(auth), requireDirector, async (req, res) => {
    const hallId = String(req.params.hallId);
    const parsed = LogQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendInvalid(res, 'log query', parsed.error);
    const { after, limit, last } = parsed.data;
    const knownHall = live.hall(hallId) !== undefined;
    const entries = await store.listCommands(hallId, {
      ...(after !== undefined ? { afterSeq: after } : {}),
      limit: limit ?? 200,
      ...(last !== undefined ? { last } : {}),
    });
    // A hall that left the program keeps its log; an id that never had one is unknown.
    if (!knownHall && entries.length === 0) return sendError(res, 404, 'not_found', `no hall "${hallId}"`);
    const label = await auth.actorLabels();
    const body: CommandLogPage = {
      entries: entries.map((entry) => toLoggedCommand(entry, label(entry.actor))),
      lastSeq: entries.at(-1)?.seq ?? null,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });
  return router;
}
