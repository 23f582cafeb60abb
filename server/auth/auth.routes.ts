import { Router, type Request } from 'express';
import { z } from 'zod';
import type { MintedToken, WhoAmI } from '../../shared/index.js';
import { sendError, sendInvalid } from '../http/errors.js';
import type { LiveService } from '../live/live.service.js';
import { principalOf, requireDirector, requireToken } from './auth.middleware.js';
import type { AuthService } from './auth.service.js';

export const MintSchema = z.object({
  hallId: z.string().min(1),
  label: z.string().trim().max(100).optional(),
  /** chair (the default) or moderator. */
  role: z.enum(['chair', 'moderator']).optional(),
});

/** The origin links should use: `--public-url`, else the origin the request came to. */
export function publicOrigin(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The chair panel link for a hall, its token in the fragment (never sent to a server, never in a Referer). */
export function chairPanelUrl(origin: string, hallId: string, token: string): string {
  return `${origin}/control/hall/${encodeURIComponent(hallId)}#token=${encodeURIComponent(token)}`;
}

/** The moderator's questions page for a hall, its token in the fragment. */
export function moderatorPageUrl(origin: string, hallId: string, token: string): string {
  return `${origin}/control/questions/${encodeURIComponent(hallId)}#token=${encodeURIComponent(token)}`;
}

/** Director-only token management: mint, list and revoke chair tokens. */
export function authRoutes(auth: AuthService, live: LiveService, publicUrl: string | undefined): Router {
  const router = Router();

  // Any token: who it is, so a control page can tell a chair opening the wrong hall's link.
  router.get('/api/v1/auth/me', requireToken(auth), (_req, res) => {
    const principal = principalOf(res);
    const body: WhoAmI =
      principal.role === 'director'
        ? { role: 'director', label: principal.label }
        : { role: principal.role, hallId: principal.hallId, label: principal.label };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.use('/api/v1/tokens', requireToken(auth), requireDirector);

  router.post('/api/v1/tokens', async (req, res) => {
    const parsed = MintSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendInvalid(res, 'token request', parsed.error);
    const hall = live.hall(parsed.data.hallId);
    if (!hall) return sendError(res, 404, 'not_found', `no hall "${parsed.data.hallId}"`);
    const role = parsed.data.role ?? 'chair';
    const label = parsed.data.label ?? `${role === 'moderator' ? 'Moderator' : 'Chair'}, ${hall.name}`;
    const { record, token } = await auth.mintChairToken(hall.id, label, role);
    const origin = publicOrigin(req, publicUrl);
    const body: MintedToken = {
      id: record.id,
      token,
      hallId: hall.id,
      role,
      url: role === 'moderator' ? moderatorPageUrl(origin, hall.id, token) : chairPanelUrl(origin, hall.id, token),
    };
    res.status(201).json(body);
  });

  router.get('/api/v1/tokens', async (_req, res) => {
    const tokens = await auth.listTokens();
    res.json(
      tokens.map((t) => ({
        id: t.id,
        role: t.role,
        hallId: t.hallId,
        label: t.label,
        createdAt: t.createdAt,
        revokedAt: t.revokedAt,
      })),
    );
  });

  router.delete('/api/v1/tokens/:id', async (req, res) => {
    const revoked = await auth.revoke(req.params.id);
    if (!revoked) return sendError(res, 404, 'not_found', `no active token "${req.params.id}"`);
    res.status(204).end();
  });

  return router;
}
