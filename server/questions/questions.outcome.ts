import type { InputProblem } from '../../shared/index.js';
import type { ErrorCode } from '../http/errors.js';

/** Why a question operation changed nothing: the code each transport maps (`statusOf`; the socket's ack). */
export interface Refusal {
  ok: false;
  error: ErrorCode;
  message: string;
  problems?: InputProblem[];
  /** For `rate_limited`: how long to wait (ms). */
  retryAfterMs?: number;
}

/** What a question operation answers: its value, or a refusal. */
export type Outcome<T> = { ok: true; value: T } | Refusal;

/** A refusal. */
export function refused(error: ErrorCode, message: string, problems?: InputProblem[]): Refusal {
  return problems ? { ok: false, error, message, problems } : { ok: false, error, message };
}
