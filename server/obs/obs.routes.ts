import { Router } from 'express';
import { z } from 'zod';
import { OBS_MODES } from '../../shared/index.js';
import { principalOf, requireDirector, requireToken } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import { sendError, sendInvalid } from '../http/errors.js';
import type { ObsApi } from './obs.api.js';

export const ModeBodySchema = z.object({ mode: z.enum(OBS_MODES) });
export const ChaptersQuerySchema = z.object({
  format: z.enum(['text', 'json']).default('text'),
  /** A recording id; default the newest. */
  recording: z.string().min(1).max(100).optional(),
});

/** The director's OBS endpoints: status of every hall, auto/manual mode, try again, VOD chapter lists. */
export function obsRoutes(obs: ObsApi, auth: AuthService): Router {
  const router = Router();
  router.use('/api/v1/obs', requireToken(auth), requireDirector);

  router.get('/api/v1/obs', async (_req, res) => {
    res.json(await obs.status());
  });

  // Nodes on Redis: only the lease holder drives a hall's OBS, so only it can change what that OBS does.
  router.post('/api/v1/obs/:hallId/:action', async (req, res, next) => {
    const elsewhere = await obs.drivenBy(String(req.params.hallId));
    if (!elsewhere) return next();
    const who = elsewhere.holder ? `node ${elsewhere.holder}` : 'no node yet (the lease is being taken)';
    sendError(res, 409, 'obs_elsewhere', `this node does not drive the OBS of hall "${req.params.hallId}": ${who} does`);
  });

  router.post('/api/v1/obs/:hallId/mode', async (req, res) => {
    const hallId = String(req.params.hallId);
    const parsed = ModeBodySchema.safeParse(req.body);
    if (!parsed.success) return sendInvalid(res, 'mode', parsed.error);
    const status = await obs.setMode(hallId, parsed.data.mode, principalOf(res).actor);
    if (!status) return sendError(res, 404, 'not_found', `no OBS is configured for hall "${hallId}"`);
    res.json(status);
  });

  router.post('/api/v1/obs/:hallId/reconnect', async (req, res) => {
    const hallId = String(req.params.hallId);
    const status = await obs.reconnect(hallId);
    if (!status) return sendError(res, 404, 'not_found', `no OBS is configured for hall "${hallId}"`);
    res.json(status);
  });

  router.get('/api/v1/obs/:hallId/chapters', async (req, res) => {
    const hallId = String(req.params.hallId);
    const parsed = ChaptersQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendInvalid(res, 'query', parsed.error);
    if (!(await obs.isConfigured(hallId))) return sendError(res, 404, 'not_found', `no OBS is configured for hall "${hallId}"`);
    const recordings = await obs.recordings(hallId);
    const { format, recording: wanted } = parsed.data;
    const selected = wanted ? recordings.filter((r) => r.id === wanted) : recordings;
    if (wanted && selected.length === 0) return sendError(res, 404, 'not_found', `no recording "${wanted}" in hall "${hallId}"`);
    if (format === 'json') return res.json({ hallId, recordings: selected });
    const newest = selected[0];
    if (!newest) return sendError(res, 404, 'no_recording', `OBS has not recorded hall "${hallId}" while Lectern watched`);
    res.type('text/plain; charset=utf-8').send(newest.text ? `${newest.text}\n` : '');
  });

  return router;
}
