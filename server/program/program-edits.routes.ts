import { Router } from 'express';
import { z } from 'zod';
import { ProgramEditSchema, applyProgramEdit, type ProgramEditResult } from '../../shared/index.js';
import { principalOf, requireDirector, requireToken } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import { sendError, sendInvalid } from '../http/errors.js';
import type { LiveService } from '../live/live.service.js';
import { StaleProgramError } from '../live/live.types.js';
import type { Store } from '../store/store.js';

/** An edit, plus the program revision it was made on (a different current revision refuses it). */
export const EditRequestSchema = z.object({ expectRevision: z.number().int().min(0).optional() }).and(ProgramEditSchema);

/** Director-only program changes from the console: each validated as a whole program and saved as a new revision. */
export function programEditRoutes(live: LiveService, store: Store, auth: AuthService): Router {
  const router = Router();

  router.post('/api/v1/program/edits', requireToken(auth), requireDirector, async (req, res) => {
    const parsed = EditRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendInvalid(res, 'program edit', parsed.error);
    const { expectRevision, ...edit } = parsed.data;
    const current = live.getProgram();
    const revision = live.getProgramRevision();
    if (expectRevision !== undefined && expectRevision !== revision) {
      return sendError(
        res,
        409,
        'stale_revision',
        `the program is at revision ${revision}, not ${expectRevision}: reload it and try again`,
      );
    }
    const outcome = applyProgramEdit(current, edit);
    if (!outcome.ok)
      return sendError(res, outcome.error === 'unknown_item' ? 404 : 400, outcome.error, outcome.message, outcome.problems);
    try {
      const replaced = await live.replaceProgram(outcome.program, principalOf(res).actor, revision);
      const body: ProgramEditResult = { revision: replaced.revision, summary: outcome.summary, vanished: replaced.vanished };
      res.json(body);
    } catch (error) {
      if (error instanceof StaleProgramError)
        return sendError(res, 409, 'stale_revision', `${error.message}: reload it and try again`);
      throw error;
    }
  });

  router.get('/api/v1/program/revisions', requireToken(auth), requireDirector, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await store.listProgramRevisions());
  });

  return router;
}
