import type { MultiHallResult } from '../../shared/index.js';
import type { Translate } from '../../web/i18n/index.js';

/** Which halls a multi-hall action (reset, message everywhere) did not reach and why, and where it was done. */
export function failedHalls(body: MultiHallResult, hallName: (hallId: string) => string, t: Translate): string {
  const failed = body.halls.filter((h) => !h.ok);
  const done = body.halls.filter((h) => h.ok).map((h) => hallName(h.hallId));
  const why = failed.map((h) => `${hallName(h.hallId)}: ${h.message ?? h.error ?? t('console.allHalls.failed')}`).join('; ');
  return done.length
    ? t('console.allHalls.notDoneElseDone', { why, halls: done.join(', ') })
    : t('console.allHalls.notDone', { why });
}
