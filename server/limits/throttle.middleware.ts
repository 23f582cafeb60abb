import type { RequestHandler } from 'express';
import type { AuthService } from '../auth/auth.service.js';
import { bearerToken } from '../auth/tokens.js';
import { sendError } from '../http/errors.js';
import { rateLimitedMessage, retryAfterSeconds, type Throttles } from './throttle.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Throttles every write request under /api before it does anything: a request with a valid token takes from that
 * token's bucket (so one token's flood never slows another, even from the same address); one without a valid
 * token (a public write endpoint, a wrong token) from its address's. Reads are not throttled: a venue's screens
 * share one address. Refused: 429 `rate_limited` with `Retry-After` (s) and `retryAfterMs`.
 */
export function throttleWrites(auth: AuthService, throttles: Throttles): RequestHandler {
  return async (req, res, next) => {
    if (READS.has(req.method)) return next();
    const principal = await auth.authenticate(bearerToken(req.get('authorization')));
    const taken = principal
      ? await throttles.token.take(principal.actor)
      : await throttles.address.take(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (taken.ok) return next();
    res.setHeader('Retry-After', String(retryAfterSeconds(taken.retryAfterMs)));
    sendError(
      res,
      429,
      'rate_limited',
      rateLimitedMessage(taken.retryAfterMs, principal ? 'commands from this token' : 'requests'),
    );
  };
}
