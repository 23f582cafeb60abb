import { DIRECTOR_ONLY_COMMANDS, MODERATOR_COMMANDS, type CommandType } from '../../shared/index.js';
import type { Principal } from './auth.service.js';

/** Whether a principal may act on a hall: yes, or `forbidden` with the reason a chair sees. */
export type Authorization = { ok: true } | { ok: false; error: 'forbidden'; message: string };

/** A chair's or moderator's token used on a hall it is not for. */
function otherHall(principal: Extract<Principal, { hallId: string }>, hallId: string): Authorization {
  return {
    ok: false,
    error: 'forbidden',
    message: `this ${principal.role} token is for hall ${principal.hallId}, not ${hallId}`,
  };
}

/** Why a chair may not send a director-only command. */
const DIRECTOR_ONLY_REASON: Partial<Record<CommandType, string>> = { reset: 'only a director can reset a hall' };

/**
 * The one rule of who may command a hall, asked by every transport (the HTTP command route, the socket's
 * `hall:command`, the all-halls routes) before a command reaches the live engine. A director may do anything;
 * a chair only its own hall, and no director-only command; a moderator only its own hall's question commands. Without `commandType`, answers whether the
 * principal may command the hall at all (the HTTP route asks that before it reads the body).
 */
export function authorize(principal: Principal, hallId: string, commandType?: CommandType): Authorization {
  if (principal.role === 'director') return { ok: true };
  if (principal.hallId !== hallId) return otherHall(principal, hallId);
  // A moderator puts questions on air and takes them off; the rest of the hall is the chair's.
  if (principal.role === 'moderator' && commandType && !MODERATOR_COMMANDS.includes(commandType)) {
    return { ok: false, error: 'forbidden', message: `a moderator token cannot send "${commandType}"` };
  }
  if (commandType && DIRECTOR_ONLY_COMMANDS.includes(commandType)) {
    const message = DIRECTOR_ONLY_REASON[commandType] ?? `only a director can send "${commandType}"`;
    return { ok: false, error: 'forbidden', message };
  }
  return { ok: true };
}

/**
 * What a principal does with a hall's audience questions. read: every question (not only the approved);
 * answer: mark one answered; moderate: approve, reject, star, reorder, change the settings; export: the
 * speakers' copy after the event.
 */
export type QuestionAction = 'read' | 'answer' | 'moderate' | 'export';

/** Which roles of the hall itself may do each (a director may do all). */
const QUESTION_ROLES: Record<QuestionAction, readonly Principal['role'][]> = {
  read: ['moderator', 'chair'],
  answer: ['moderator', 'chair'],
  moderate: ['moderator'],
  export: [],
};

/**
 * The one rule of who may do what with a hall's questions, asked by the HTTP routes and the socket handlers
 * alike: a director everything; a token of another hall nothing; the hall's moderator all but the export; the
 * hall's chair read and mark answered.
 */
export function authorizeQuestions(principal: Principal, hallId: string, action: QuestionAction): Authorization {
  if (principal.role === 'director') return { ok: true };
  if (principal.hallId !== hallId) return otherHall(principal, hallId);
  if (!QUESTION_ROLES[action].includes(principal.role)) {
    return { ok: false, error: 'forbidden', message: `a ${principal.role} token cannot ${action} questions` };
  }
  return { ok: true };
}
