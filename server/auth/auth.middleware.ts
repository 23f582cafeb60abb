import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../http/errors.js';
import type { AuthService, Principal } from './auth.service.js';
import { bearerToken } from './tokens.js';

/** The principal the request authenticated as (set by `requireToken`). */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** 401 unless the request carries a known, unrevoked bearer token. */
export function requireToken(auth: AuthService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const principal = await auth.authenticate(bearerToken(req.get('authorization')));
    if (!principal) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, 'unauthorized', 'a valid token is required: Authorization: Bearer <token>');
    }
    res.locals.principal = principal;
    next();
  };
}

/** 403 unless the authenticated principal is a director. */
export function requireDirector(req: Request, res: Response, next: NextFunction): void {
  void req;
  if (principalOf(res).role !== 'director') return sendError(res, 403, 'forbidden', 'this needs the director token');
  next();
}
