import { createHash } from 'node:crypto';
import { Router, type Response } from 'express';
import { z } from 'zod';
import {
  CommandIdSchema,
  HallIdSchema,
  MessageTargetsSchema,
  MessageTextSchema,
  localDate,
  type Command,
  type MultiHallResult,
} from '../../shared/index.js';
import { principalOf, requireDirector, requireToken } from '../auth/auth.middleware.js';
import type { AuthService, Principal } from '../auth/auth.service.js';
import { sendError, sendInvalid } from '../http/errors.js';
import { commandHall } from './command-hall.js';
import type { LiveService } from './live.service.js';

const commandId = CommandIdSchema.optional();
const hallIds = z.array(HallIdSchema).min(1).max(200).optional();

export const ResetSchema = z.object({
  /** The halls to reset; default every hall (with `date`: every hall with an item that day). */
  hallIds,
  /** A program day (YYYY-MM-DD in the event's zone): the halls that have items on it. */
  date: z.iso.date().optional(),
  commandId,
});

export const MessageSchema = z.object({
  text: MessageTextSchema,
  targets: MessageTargetsSchema.optional(),
  hallIds,
  commandId,
});

export const ClearSchema = z.object({ hallIds, commandId });

/** The id of one hall's share of a multi-hall command. */
function hallCommandId(commandId: string, hallId: string): string {
  return `all-${createHash('sha256').update(`${commandId}\n${hallId}`).digest('base64url').slice(0, 32)}`;
}

/** Sends one command to each hall in turn (each committed on its own) and answers every hall's fate. */
async function toEachHall(
  live: LiveService,
  principal: Principal,
  halls: string[],
  command: Command,
  commandId: string | undefined,
  res: Response,
) {
  const body: MultiHallResult = { halls: [] };
  for (const hallId of halls) {
    // Each hall's command gets its own id from the request's, so a retried request applies nothing twice.
    const envelope = { ...command, ...(commandId ? { commandId: hallCommandId(commandId, hallId) } : {}) };
    const answer = await commandHall(live, principal, hallId, envelope, res.req.ip);
    body.halls.push(
      answer.ok
        ? { hallId, ok: true, revision: answer.view.revision }
        : { hallId, ok: false, revision: live.state(hallId).revision, error: answer.error, message: answer.message },
    );
  }
  res.status(body.halls.every((h) => h.ok) ? 200 : 500).json(body);
}

/** The halls a request names, or a 404 naming the first unknown one. */
function knownHalls(live: LiveService, res: Response, wanted: string[] | undefined): string[] | undefined {
  const all = live.getProgram().halls.map((h) => h.id);
  if (!wanted) return all;
  const unknown = wanted.find((id) => !all.includes(id));
  if (unknown) {
    sendError(res, 404, 'not_found', `no hall "${unknown}"`);
    return undefined;
  }
  return [...new Set(wanted)];
}

/** Director-only actions on several halls at once: reset after a rehearsal, a message everywhere. */
export function allHallsRoutes(live: LiveService, auth: AuthService): Router {
  const router = Router();
  const director = [requireToken(auth), requireDirector];

  router.post('/api/v1/halls/reset', ...director, async (req, res) => {
    const parsed = ResetSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendInvalid(res, 'reset request', parsed.error);
    let halls = knownHalls(live, res, parsed.data.hallIds);
    if (!halls) return;
    const { date } = parsed.data;
    if (date) {
      const program = live.getProgram();
      const zone = program.event.timeZone;
      halls = halls.filter((hallId) =>
        program.items.some((item) => item.hallId === hallId && localDate(item.start, zone) === date),
      );
      if (halls.length === 0) return sendError(res, 404, 'not_found', `no hall has items on ${date}`);
    }
    await toEachHall(live, principalOf(res), halls, { type: 'reset' }, parsed.data.commandId, res);
  });

  router.post('/api/v1/message', ...director, async (req, res) => {
    const parsed = MessageSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendInvalid(res, 'message', parsed.error);
    const halls = knownHalls(live, res, parsed.data.hallIds);
    if (!halls) return;
    const { text, targets } = parsed.data;
    await toEachHall(
      live,
      principalOf(res),
      halls,
      { type: 'message', text, ...(targets ? { targets } : {}) },
      parsed.data.commandId,
      res,
    );
  });

  router.delete('/api/v1/message', ...director, async (req, res) => {
    const parsed = ClearSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendInvalid(res, 'clear request', parsed.error);
    const halls = knownHalls(live, res, parsed.data.hallIds);
    if (!halls) return;
    await toEachHall(live, principalOf(res), halls, { type: 'clearMessage' }, parsed.data.commandId, res);
  });

  return router;
}
