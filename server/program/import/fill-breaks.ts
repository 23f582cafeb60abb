import { scheduleItemId } from '../../../shared/index.js';
import type { DraftItem } from './draft.js';

/** The shortest gap between two items of a hall that becomes a break (a shorter one is a changeover). */
export const FILL_BREAK_MIN_MS = 5 * 60_000;
/** The longest gap that becomes a break; a longer one is the hall closed (lunch elsewhere, the night). */
export const FILL_BREAK_MAX_MS = 3 * 60 * 60_000;

/**
 * Break items for the gaps between consecutive items of each hall that last from FILL_BREAK_MIN_MS to
 * FILL_BREAK_MAX_MS (both included). frab and pretalx have no break element; screens want the countdown.
 */
export function fillBreaks<T extends DraftItem & { hallId: string; id: string }>(
  items: readonly T[],
  zone: string,
): (DraftItem & { hallId: string; id: string })[] {
  const byHall = new Map<string, T[]>();
  for (const item of items) {
    const list = byHall.get(item.hallId);
    if (list) list.push(item);
    else byHall.set(item.hallId, [item]);
  }
  const breaks: (DraftItem & { hallId: string; id: string })[] = [];
  for (const [hallId, list] of byHall) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1]!;
      const gap = sorted[i]!.start - before.end;
      if (gap < FILL_BREAK_MIN_MS || gap > FILL_BREAK_MAX_MS) continue;
      breaks.push({
        id: scheduleItemId(hallId, before.end, zone),
        hallId,
        hallKey: before.hallKey,
        kind: 'break',
        title: 'Break',
        speakers: [],
        start: before.end,
        end: sorted[i]!.start,
        source: `${before.source} (break filled after it)`,
      });
    }
  }
  return breaks;
}
