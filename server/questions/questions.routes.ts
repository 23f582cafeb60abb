import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { DEVICE_HEADER, HallIdSchema, ItemIdSchema, slugify } from '../../shared/index.js';
import { principalOf, requireToken } from '../auth/auth.middleware.js';
import type { AuthService, Principal } from '../auth/auth.service.js';
import { bearerToken } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { sendError, statusOf } from '../http/errors.js';
import type { LiveService } from '../live/live.service.js';
import { retryAfterSeconds } from '../limits/throttle.js';
import { questionExport, questionExportCsv } from './questions.export.js';
import type { Outcome } from './questions.outcome.js';
import type { QuestionsService } from './questions.service.js';

const BASE = '/api/v1/halls/:hallId/questions';

/** The query of the list and the exports: `?itemId=` keeps one talk's questions. */
export const QuestionsQuerySchema = z.object({ itemId: ItemIdSchema.optional() });

/** Answers an outcome: its value as JSON (with `status`), or the error body (429 with Retry-After). */
function reply<T>(res: Response, outcome: Outcome<T>, status = 200): void {
  if (outcome.ok) {
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).json(outcome.value);
    return;
  }
  if (outcome.retryAfterMs !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds(outcome.retryAfterMs)));
  sendError(res, statusOf(outcome.error), outcome.error, outcome.message, outcome.problems);
}

/**
 * The principal of a request that may carry a token: none without an Authorization header (a viewer); a bad
 * token is answered 401 (then false), never read as a viewer.
 */
async function optionalPrincipal(auth: AuthService, req: Request, res: Response): Promise<Principal | undefined | false> {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  const principal = await auth.authenticate(bearerToken(header));
  if (principal) return principal;
  res.setHeader('WWW-Authenticate', 'Bearer');
  sendError(res, 401, 'unauthorized', 'unknown or revoked token (leave Authorization out to read as a viewer)');
  return false;
}

/** The hall id of the path, or an answered 400. */
function hallOf(req: Request, res: Response): string | undefined {
  const parsed = HallIdSchema.safeParse(req.params.hallId);
  if (parsed.success) return parsed.data;
  sendError(res, 400, 'invalid', 'invalid hall id', [{ path: 'hallId', message: parsed.error.issues[0]?.message ?? 'invalid' }]);
  return undefined;
}

/** The `?itemId=` filter: undefined for none, false when it was answered 400. */
function itemFilter(req: Request, res: Response): string | undefined | false {
  if (req.query.itemId === undefined) return undefined;
  const parsed = QuestionsQuerySchema.shape.itemId.safeParse(req.query.itemId);
  if (parsed.success) return parsed.data;
  sendError(res, 400, 'invalid', 'invalid itemId', [{ path: 'itemId', message: parsed.error.issues[0]?.message ?? 'invalid' }]);
  return false;
}

/**
 * Audience questions over HTTP (docs/api.md, "Audience questions"): the viewers' endpoints need no token (the
 * device header and the rate limits stand guard); the moderation ones a moderator, chair or director token.
 * Fixed paths (`mine`, `order`, `settings`, `export.*`) come before `:id`.
 */
export function questionsRoutes(questions: QuestionsService, live: LiveService, auth: AuthService, clock: Clock): Router {
  const router = Router();
  const device = (req: Request) => req.get(DEVICE_HEADER);

  router.post(BASE, async (req, res) => {
    const hallId = hallOf(req, res);
    if (!hallId) return;
    const outcome = await questions.submit(hallId, req.body, {
      device: device(req),
      address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
    reply(res, outcome, outcome.ok && !outcome.value.merged ? 201 : 200);
  });

  router.get(BASE, async (req, res) => {
    const hallId = hallOf(req, res);
    const itemId = hallId && itemFilter(req, res);
    const principal = itemId !== false && hallId && (await optionalPrincipal(auth, req, res));
    if (!hallId || itemId === false || principal === false) return;
    reply(res, await questions.list(hallId, principal || undefined, itemId));
  });

  router.get(`${BASE}/mine`, async (req, res) => {
    const hallId = hallOf(req, res);
    if (!hallId) return;
    const outcome = await questions.mine(hallId, device(req));
    reply(res, outcome.ok ? { ok: true, value: { questions: outcome.value } } : outcome);
  });

  router.get(`${BASE}/settings`, async (req, res) => {
    const hallId = hallOf(req, res);
    const principal = hallId && (await optionalPrincipal(auth, req, res));
    if (!hallId || principal === false) return;
    reply(res, await questions.readSettings(hallId, principal || undefined));
  });

  router.patch(`${BASE}/settings`, requireToken(auth), async (req, res) => {
    const hallId = hallOf(req, res);
    if (hallId) reply(res, await questions.changeSettings(hallId, req.body, principalOf(res)));
  });

  router.put(`${BASE}/order`, requireToken(auth), async (req, res) => {
    const hallId = hallOf(req, res);
    if (hallId) reply(res, await questions.reorder(hallId, req.body, principalOf(res)));
  });

  for (const kind of ['csv', 'json'] as const) {
    router.get(`${BASE}/export.${kind}`, requireToken(auth), async (req, res) => {
      const hallId = hallOf(req, res);
      const itemId = hallId && itemFilter(req, res);
      if (!hallId || itemId === false) return;
      const outcome = await questions.forExport(hallId, principalOf(res), itemId);
      if (!outcome.ok) return reply(res, outcome);
      const report = questionExport(live.getProgram(), hallId, itemId ?? null, outcome.value, clock.now());
      const name = `${slugify(live.getProgram().event.title)}-questions-${slugify(itemId ?? hallId)}`;
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${name}.${kind}"`);
      if (kind === 'json') return res.json(report);
      res.type('text/csv; charset=utf-8');
      res.send(questionExportCsv(report));
    });
  }

  router.post(`${BASE}/:id/vote`, async (req, res) => {
    const hallId = hallOf(req, res);
    if (hallId) reply(res, await questions.vote(hallId, String(req.params.id), device(req)));
  });

  router.patch(`${BASE}/:id`, requireToken(auth), async (req, res) => {
    const hallId = hallOf(req, res);
    if (hallId) reply(res, await questions.update(hallId, String(req.params.id), req.body, principalOf(res)));
  });

  return router;
}
