import type { MultiHallResult } from '../../shared/index.js';

/** Which halls a multi-hall action (reset, message everywhere) did not reach and why, and where it was done. */
export function failedHalls(body: MultiHallResult, hallName: (hallId: string) => string): string {
  const failed = body.halls.filter((h) => !h.ok);
  const done = body.halls.filter((h) => h.ok).map((h) => hallName(h.hallId));
  const why = failed.map((h) => `${hallName(h.hallId)}: ${h.message ?? h.error ?? 'failed'}`).join('; ');
  return `Not done in ${why}.${done.length ? ` Done in ${done.join(', ')}.` : ''}`;
}
