import { Router } from 'express';
import type { LiveService } from '../live/live.service.js';

/** The program as screens and tools read it. */
export function programRoutes(live: LiveService): Router {
  const router = Router();
  router.get('/api/v1/program', (req, res) => {
    const program = live.getProgram();
    const etag = `"program-${program.revision}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.get('if-none-match') === etag) return res.status(304).end();
    res.json(program);
  });
  return router;
}
