import { logger } from '../observability/logger.js';
import type { ErrorRequestHandler, Response } from 'express';
import type { z } from 'zod';
import { describeZodError, type ApiError, type InputProblem } from '../../shared/index.js';
import type { LiveError } from '../live/live.types.js';
import { StoreUnavailableError } from '../store/store.js';

/** Every error code an answer can carry: the domain's (`LiveError`) and the transport's own. */
export type ErrorCode = LiveError | 'invalid' | 'unauthorized' | 'too_large' | 'rate_limited' | 'questions_closed' | 'internal';

/** The one map from an error code to its HTTP status. */
const STATUS_OF: Record<ErrorCode, number> = {
  invalid: 400,
  not_applicable: 400,
  unauthorized: 401,
  forbidden: 403,
  questions_closed: 403,
  not_found: 404,
  unknown_item: 404,
  unknown_question: 404,
  stale_revision: 409,
  too_large: 413,
  rate_limited: 429,
  store_failed: 500,
  internal: 500,
  store_unavailable: 503,
};

/** The HTTP status of an error code. */
export function statusOf(error: ErrorCode): number {
  return STATUS_OF[error];
}

/** Sends the standard error body. */
export function sendError(res: Response, status: number, error: string, message: string, problems?: InputProblem[]): void {
  const body: ApiError = problems ? { error, message, problems } : { error, message };
  res.status(status).json(body);
}

/** 400 for input that failed its schema, naming each problem's path. */
export function sendInvalid(res: Response, what: string, zodError: z.ZodError): void {
  const problems = describeZodError(zodError);
  const first = problems[0];
  sendError(res, 400, 'invalid', `invalid ${what}${first ? `: ${first.path}: ${first.message}` : ''}`, problems);
}

/** Turns body-parser failures (bad JSON, too large) and anything thrown into JSON errors; never a stack trace. */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const status = typeof err?.status === 'number' ? err.status : 500;
  if (err instanceof StoreUnavailableError) {
    sendError(res, 503, 'store_unavailable', err.message);
  } else if (err?.type === 'entity.parse.failed') {
    sendError(res, 400, 'invalid', `request body is not valid JSON: ${err.message}`);
  } else if (err?.type === 'entity.too.large') {
    sendError(res, 413, 'too_large', 'request body is too large');
  } else if (status >= 400 && status < 500) {
    sendError(res, status, 'invalid', String(err?.message ?? 'bad request'));
  } else {
    logger().error({ err }, 'request failed');
    sendError(res, 500, 'internal', 'the server could not handle this request');
  }
};
