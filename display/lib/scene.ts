import { hallItems, hallOpening, type HallOpening, type LiveView, type Program, type ViewItem } from '../../shared/index.js';
import type { Lang } from '../../web/i18n/index.js';

/**
 * What a hall screen shows, one focal element per scene: the item (talk, Q&A), the break countdown, the hold
 * slate, the next item's start, when the hall opens, or that the programme is over.
 */
export type HallScene =
  | { kind: 'item'; item: ViewItem; qa: boolean; endsAt: number | null }
  /** A break: a break item, or an ad-hoc break (no item). */
  | { kind: 'break'; item: ViewItem | null; endsAt: number | null }
  | { kind: 'hold'; item: ViewItem | null; remainingMs: number | null }
  /** A gap between two items of the day. */
  | { kind: 'upNext'; startsAt: number }
  /** Closed: the hall opens later (`dayOver` when its previous day ended more recently than it opens). */
  | { kind: 'opening'; opening: HallOpening; dayOver: boolean }
  /** Nothing comes any more. */
  | { kind: 'over' };

/** The scene of a hall at server time `now`, from its live view. Pure. */
export function hallScene(program: Program, view: LiveView, now: number): HallScene {
  switch (view.phase) {
    case 'talk':
    case 'qa':
      if (view.now) return { kind: 'item', item: view.now, qa: view.phase === 'qa', endsAt: view.countdown?.endsAt ?? null };
      break;
    case 'break':
      return { kind: 'break', item: view.now, endsAt: view.countdown?.endsAt ?? null };
    case 'hold':
      return { kind: 'hold', item: view.now, remainingMs: view.heldRemainingMs };
    default:
      break;
  }
  const opening = hallOpening(program, view);
  if (opening) return { kind: 'opening', opening, dayOver: ranToday(program, view.hallId, opening, now) };
  if (view.next) return { kind: 'upNext', startsAt: view.nextStartsAt ?? view.next.start };
  return { kind: 'over' };
}

/**
 * True when the hall's last program day is over and its next is not near yet: the previous item has ended and
 * less time has passed since than is left until the opening. A congress night that ran past midnight is "over"
 * at 02:00, and opening soon at 10:40 the same calendar morning.
 */
function ranToday(program: Program, hallId: string, opening: HallOpening, now: number): boolean {
  const items = hallItems(program, hallId);
  const index = items.findIndex((item) => item.id === opening.item.id);
  const before = index > 0 ? items[index - 1] : undefined;
  return !!before && before.end <= now && now - before.end < opening.start - now;
}

/** The item a hall card is about: the one on now, or the one up next (none in a break, a hold or a closed hall). */
export function heroItem(scene: HallScene, view: LiveView): ViewItem | null {
  if (scene.kind === 'item') return scene.item;
  return scene.kind === 'upNext' ? view.next : null;
}

/** What every hall card of a screen is given (the lobby's and the live page's). */
export interface HallCardProps {
  view: LiveView;
  scene: HallScene;
  /** Server time, epoch ms. */
  now: number;
  /** The program's IANA zone. */
  zone: string;
  /** The page's language. */
  lang: Lang;
}
