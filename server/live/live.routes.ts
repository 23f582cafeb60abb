import { Router } from 'express';
import { z } from 'zod';
import { CatchUpRequestSchema, CommandEnvelopeSchema, HallIdSchema, hallItems, type HallSummary } from '../../shared/index.js';
import { principalOf, requireToken } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import { authorize } from '../auth/authorize.js';
import { sendError, sendInvalid, statusOf } from '../http/errors.js';
import { commandHall } from './command-hall.js';
import type { LiveService } from './live.service.js';

export const HallParamSchema = z.object({ hallId: HallIdSchema });

/** Halls, their live views, and commands (what a Stream Deck or Companion calls). */
export function liveRoutes(live: LiveService, auth: AuthService): Router {
  const router = Router();

  router.get('/api/v1/halls', (_req, res) => {
    const program = live.getProgram();
    const halls: (HallSummary & { live: ReturnType<LiveService['view']> })[] = program.halls.map((hall) => ({
      ...hall,
      itemCount: hallItems(program, hall.id).length,
      live: live.view(hall.id),
    }));
    res.json(halls);
  });

  router.get('/api/v1/halls/:hallId/live', (req, res) => {
    const hallId = String(req.params.hallId);
    if (!live.hall(hallId)) return sendError(res, 404, 'not_found', `no hall "${hallId}"`);
    res.json(live.view(hallId));
  });

  // Public, like the live view: the projected times every screen shows, for Companion and webhooks.
  router.get('/api/v1/halls/:hallId/projected', (req, res) => {
    const hallId = String(req.params.hallId);
    if (!live.hall(hallId)) return sendError(res, 404, 'not_found', `no hall "${hallId}"`);
    res.json(live.projected(hallId));
  });

  // The catch-up preview: each plan worked out on the hall's current state, nothing applied. It shows where the
  // hall runs late and what a chair could shorten, so it takes the same token as the `catchUp` command itself.
  router.post('/api/v1/halls/:hallId/catch-up/preview', requireToken(auth), (req, res) => {
    const param = HallParamSchema.safeParse({ hallId: req.params.hallId });
    if (!param.success) return sendInvalid(res, 'hall id', param.error);
    const { hallId } = param.data;
    if (!live.hall(hallId)) return sendError(res, 404, 'not_found', `no hall "${hallId}"`);
    const mayCatchUp = authorize(principalOf(res), hallId, 'catchUp');
    if (!mayCatchUp.ok) return sendError(res, statusOf(mayCatchUp.error), mayCatchUp.error, mayCatchUp.message);
    const parsed = CatchUpRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendInvalid(res, 'catch-up request', parsed.error);
    res.json(live.previewCatchUp(hallId, parsed.data));
  });

  router.post('/api/v1/halls/:hallId/commands', requireToken(auth), async (req, res) => {
    const param = HallParamSchema.safeParse({ hallId: req.params.hallId });
    if (!param.success) return sendInvalid(res, 'hall id', param.error);
    const { hallId } = param.data;
    const principal = principalOf(res);
    if (!live.hall(hallId)) return sendError(res, 404, 'not_found', `no hall "${hallId}"`);
    // A chair on another hall hears so before anything about its body.
    const mayCommand = authorize(principal, hallId);
    if (!mayCommand.ok) return sendError(res, statusOf(mayCommand.error), mayCommand.error, mayCommand.message);
    // express.json reads only JSON: a command sent as text/plain or form data arrives as no body at all.
    if (req.body === undefined) {
      return sendError(res, 400, 'invalid', 'send the command as a JSON body with Content-Type: application/json', [
        {
          path: '(body)',
          message: req.is('application/json')
            ? 'the body is empty'
            : `expected a JSON command, got ${req.get('content-type') ?? 'no Content-Type'}`,
        },
      ]);
    }
    const parsed = CommandEnvelopeSchema.safeParse(req.body);
    if (!parsed.success) return sendInvalid(res, 'command', parsed.error);
    const answer = await commandHall(live, principal, hallId, parsed.data, req.ip);
    if (answer.ok) return res.json(answer.view);
    // A stale revision answers the current live view itself, so the sender can retry on it. Its `message` stays
    // the hall's banner; why the command was refused is in `detail`.
    if (answer.error === 'stale_revision' && answer.view) {
      return res.status(statusOf(answer.error)).json({ ...answer.view, error: answer.error, detail: answer.message });
    }
    return sendError(res, statusOf(answer.error), answer.error, answer.message);
  });

  return router;
}
