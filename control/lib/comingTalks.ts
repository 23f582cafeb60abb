import type { CheckIn, ProjectedItem } from '../../shared/index.js';

/** How soon before its projected start a talk whose speaker has not checked in is shown in warning colour. */
export const CHECK_IN_WARNING_MS = 15 * 60_000;

/** One coming talk as the console's hall card lists it. */
export interface ComingTalk {
  item: ProjectedItem['item'];
  /** Projected start (epoch ms). */
  start: number;
  hasSpeaker: boolean;
  checkedIn: boolean;
  /** Its speaker is not checked in and it starts in less than 15 minutes. */
  warn: boolean;
}

/** The next `limit` talks of the hall's day (coming items of kind talk), each with its speaker's check-in state. */
export function comingTalks(
  coming: readonly ProjectedItem[],
  checkIns: Readonly<Record<string, CheckIn>>,
  now: number,
  limit = 3,
): ComingTalk[] {
  return coming
    .filter((p) => p.item.kind === 'talk')
    .slice(0, limit)
    .map(({ item, start }) => {
      const hasSpeaker = item.speakers.length > 0;
      const checkedIn = checkIns[item.id]?.present ?? false;
      return { item, start, hasSpeaker, checkedIn, warn: hasSpeaker && !checkedIn && start - now < CHECK_IN_WARNING_MS };
    });
}
