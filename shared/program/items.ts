import { DateTime } from 'luxon';
import { BREAK_KINDS, type Item, type Program } from './schema.js';

/** Gap that separates two program days of one hall (a night), even when a day runs past midnight. */
export const DAY_GAP_MS = 6 * 60 * 60 * 1000;

/** Planned length of an item (ms). */
export function plannedLengthMs(item: Item): number {
  return item.end - item.start;
}

/** True for items during which the hall is on a break (break, meal). */
export function isBreakItem(item: Item): boolean {
  return BREAK_KINDS.includes(item.kind);
}

/** The items of one hall in the order they happen. `program.items` is kept sorted by start. */
export function hallItems(program: Program, hallId: string): Item[] {
  return program.items.filter((item) => item.hallId === hallId);
}

/** The item with this id, or undefined. */
export function findItem(program: Program, itemId: string): Item | undefined {
  return program.items.find((item) => item.id === itemId);
}

/** The item after `itemId` in its hall, or undefined when it is the hall's last. */
export function followingItem(items: readonly Item[], itemId: string): Item | undefined {
  const index = items.findIndex((item) => item.id === itemId);
  return index < 0 ? undefined : items[index + 1];
}

/** The item before `itemId` in its hall, or undefined when it is the hall's first. */
export function precedingItem(items: readonly Item[], itemId: string): Item | undefined {
  const index = items.findIndex((item) => item.id === itemId);
  return index <= 0 ? undefined : items[index - 1];
}

/** The item planned to be on at `now`, if any. */
export function scheduledItemAt(items: readonly Item[], now: number): Item | undefined {
  return items.find((item) => item.start <= now && now < item.end);
}

/** The first item planned to start after `now`. */
export function firstItemAfter(items: readonly Item[], now: number): Item | undefined {
  return items.find((item) => item.start > now);
}

/**
 * A hall's program split into days: runs of items with no gap of DAY_GAP_MS or more between them.
 * A day that runs past midnight (a congress night) stays one day.
 */
export function programDays(items: readonly Item[]): Item[][] {
  const days: Item[][] = [];
  let lastEnd = -Infinity;
  for (const item of items) {
    if (item.start - lastEnd >= DAY_GAP_MS || days.length === 0) days.push([]);
    days[days.length - 1]!.push(item);
    lastEnd = Math.max(lastEnd, item.end);
  }
  return days;
}

/** The program day that contains `itemId`, or undefined. */
export function dayOfItem(items: readonly Item[], itemId: string): Item[] | undefined {
  return programDays(items).find((day) => day.some((item) => item.id === itemId));
}

/** Calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISODate() ?? '';
}
