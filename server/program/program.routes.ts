import express, { Router } from 'express';
import { answeredNotModified } from '../http/etag.js';
import { z } from 'zod';
import { hallItems, type ProgramUploadAnswer } from '../../shared/index.js';
import { principalOf, requireDirector, requireToken } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import { sendError, sendInvalid } from '../http/errors.js';
import type { LiveService } from '../live/live.service.js';
import { IMPORT_FORMATS, decodeProgramBytes, importProgram } from './import/index.js';
import { ProgramError } from './program-file.js';

/** Largest program file an upload may carry. */
export const PROGRAM_UPLOAD_LIMIT = '10mb';

/** Content types a program file may be sent as. */
const UPLOAD_TYPES = [
  'text/*',
  'application/json',
  'application/xml',
  'application/octet-stream',
  'application/*+xml',
  'application/csv',
];

const flag = z
  .enum(['', '1', '0', 'true', 'false', 'yes', 'no'])
  .optional()
  .transform((value) => value === '' || value === '1' || value === 'true' || value === 'yes');

/** The query of `POST /api/v1/program`. */
export const UploadQuerySchema = z.object({
  format: z.enum(['auto', ...IMPORT_FORMATS]).default('auto'),
  zone: z.string().min(1).max(100).optional(),
  fillBreaks: flag,
  hallMap: z.string().max(5000).optional(),
  title: z.string().trim().min(1).max(300).optional(),
});

/** The program as screens and tools read it, and its replacement by an uploaded file (director). */
export function programRoutes(live: LiveService, auth: AuthService): Router {
  const router = Router();
  router.get('/api/v1/program', (req, res) => {
    const program = live.getProgram();
    if (answeredNotModified(req, res, `"program-${live.programTag()}"`)) return;
    res.json(program);
  });

  router.post(
    '/api/v1/program',
    requireToken(auth),
    requireDirector,
    express.raw({ type: UPLOAD_TYPES, limit: PROGRAM_UPLOAD_LIMIT }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body)) {
        return sendError(
          res,
          415,
          'unsupported_media_type',
          'send the program file as the request body with Content-Type text/*, application/json, application/xml or application/octet-stream',
        );
      }
      const query = UploadQuerySchema.safeParse(req.query);
      if (!query.success) return sendInvalid(res, 'import parameters', query.error);
      let result;
      try {
        result = importProgram(decodeProgramBytes(req.body), {
          format: query.data.format,
          fillBreaks: query.data.fillBreaks,
          ...(query.data.zone ? { zone: query.data.zone } : {}),
          ...(query.data.hallMap ? { hallMap: query.data.hallMap } : {}),
          ...(query.data.title ? { title: query.data.title } : {}),
        });
      } catch (error) {
        if (!(error instanceof ProgramError)) throw error;
        const first = error.problems[0];
        const summary = error.message.split('\n')[0];
        return sendError(res, 400, 'invalid', `${summary}${first ? `: ${first.path}: ${first.message}` : ''}`, error.problems);
      }
      const replacement = await live.replaceProgram(result.program, principalOf(res).actor);
      const program = result.program;
      const answer: ProgramUploadAnswer = {
        revision: replacement.revision,
        format: result.format,
        zone: result.zone,
        zoneSource: result.zoneSource,
        itemCount: program.items.length,
        halls: program.halls.map((hall) => ({ id: hall.id, name: hall.name, itemCount: hallItems(program, hall.id).length })),
        vanished: replacement.vanished,
        removedHalls: replacement.removedHalls,
        warnings: result.warnings,
      };
      res.json(answer);
    },
  );
  return router;
}
