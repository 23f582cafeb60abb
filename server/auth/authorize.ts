import { DIRECTOR_ONLY_COMMANDS, type CommandType } from '../../shared/index.js';
import type { Principal } from './auth.service.js';

/** Whether a principal may act on a hall: yes, or `forbidden` with the reason a chair sees. */
export type Authorization = { ok: true } | { ok: false; error: 'forbidden'; message: string };

/** Why a chair may not send a director-only command. */
const DIRECTOR_ONLY_REASON: Partial<Record<CommandType, string>> = { reset: 'only a director can reset a hall' };

/**
 * The one rule of who may command a hall, asked by every transport (the HTTP command route, the socket's
 * `hall:command`, the all-halls routes) before a command reaches the live engine. A director may do anything;
 * a chair only its own hall, and no director-only command. Without `commandType`, answers whether the
 * principal may command the hall at all (the HTTP route asks that before it reads the body).
 */
export function authorize(principal: Principal, hallId: string, commandType?: CommandType): Authorization {
  if (principal.role === 'director') return { ok: true };
  if (principal.hallId !== hallId) {
    return { ok: false, error: 'forbidden', message: `this chair token is for hall ${principal.hallId}, not ${hallId}` };
  }
  if (commandType && DIRECTOR_ONLY_COMMANDS.includes(commandType)) {
    const message = DIRECTOR_ONLY_REASON[commandType] ?? `only a director can send "${commandType}"`;
    return { ok: false, error: 'forbidden', message };
  }
  return { ok: true };
}
