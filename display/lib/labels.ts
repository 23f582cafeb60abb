import type { ItemKind } from '../../shared/index.js';
import type { Translate } from '../../web/i18n/index.js';

/** The label over the item on now: "Now" for a talk, "Now · Registration" for other kinds, "Q&A" in Q&A. */
export function nowLabel(t: Translate, kind: ItemKind, qa: boolean): string {
  if (qa) return t('screen.qa');
  return kind === 'talk' ? t('screen.now') : t('screen.nowKind', { now: t('screen.now'), kind: t(`screen.kind.${kind}`) });
}

/** "Day 2 opens Friday 13:30"; `days` is the event's length (a one-day event has no day number). */
export function opensText(t: Translate, day: number, days: number, when: string): string {
  return days > 1 ? t('screen.opensDay', { day, when }) : t('screen.opens', { when });
}

/** Which zones the page's times are in: the event's, and the viewer's own when it differs (null when not). */
export function zoneNote(t: Translate, eventCity: string, ownCity: string | null): string {
  return ownCity ? t('screen.zoneNoteOwn', { eventCity, ownCity }) : t('screen.zoneNote', { eventCity });
}
