import { Router, type Request, type Response } from 'express';
import { answeredNotModified } from '../http/etag.js';
import { slugify } from '../../shared/index.js';
import { requireDirector, requireToken } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Clock } from '../clock.js';
import { sendError } from '../http/errors.js';
import type { LiveService } from '../live/live.service.js';
import type { Store } from '../store/store.js';
import { VERSION } from '../version.js';
import { actualTimesCsv, actualTimesReport } from './export/actual-times.js';
import { exportFrabXml } from './export/frab-xml.js';
import { exportIcs } from './export/ics.js';

/** The `?hall=` filter, or an answered 404 for a hall that does not exist (then undefined is `false`). */
function hallFilter(live: LiveService, value: unknown, res: Response): string | undefined | false {
  if (value === undefined) return undefined;
  const hallId = String(value);
  if (live.hall(hallId)) return hallId;
  sendError(res, 404, 'not_found', `no hall "${hallId}"`);
  return false;
}

/** Exports of the program (ICS, frab XML: public) and of the actual times from the command log (director). */
export function exportRoutes(live: LiveService, auth: AuthService, store: Store, clock: Clock): Router {
  const router = Router();
  const fileName = () => slugify(live.getProgram().event.title);

  router.get('/api/v1/export/program.ics', (req, res) => {
    const hallId = hallFilter(live, req.query.hall, res);
    if (hallId === false) return;
    const program = live.getProgram();
    if (answeredNotModified(req, res, `"ics-${live.programTag()}-${hallId ?? 'all'}"`)) return;
    res.type('text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="${fileName()}${hallId ? `-${hallId}` : ''}.ics"`);
    res.send(exportIcs(program, { now: clock.now(), version: VERSION, ...(hallId ? { hallId } : {}) }));
  });

  router.get('/api/v1/export/frab.xml', (req, res) => {
    const program = live.getProgram();
    if (answeredNotModified(req, res, `"frab-${live.programTag()}"`)) return;
    res.type('application/xml; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="${fileName()}-schedule.xml"`);
    res.send(exportFrabXml(program));
  });

  const actualTimes = (kind: 'csv' | 'json') =>
    async function answer(req: Request, res: Response) {
      const hallId = hallFilter(live, req.query.hall, res);
      if (hallId === false) return;
      const report = await actualTimesReport(store, live.getProgram(), clock.now(), hallId);
      res.setHeader('Cache-Control', 'no-store');
      if (kind === 'json') return res.json(report);
      res.type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName()}-actual-times.csv"`);
      res.send(actualTimesCsv(report));
    };
  router.get('/api/v1/export/actual-times.csv', requireToken(auth), requireDirector, actualTimes('csv'));
  router.get('/api/v1/export/actual-times.json', requireToken(auth), requireDirector, actualTimes('json'));
  return router;
}
