import { DateTime } from 'luxon';
import { DAY_GAP_MS, type Item, type Program } from '../../../shared/index.js';

/** One conference day across all halls: its local date and its items in order. */
export interface ConferenceDay {
  /** Local date (YYYY-MM-DD, event zone) of the day's first item. */
  date: string;
  start: number;
  end: number;
  items: Item[];
}

/**
 * The program's days across all halls: runs of items with no gap of DAY_GAP_MS (6 h) between them, so a
 * congress night that runs to 04:00 stays with the day it began on. Runs on the same date are one day.
 */
export function conferenceDays(program: Program): ConferenceDay[] {
  const zone = program.event.timeZone;
  const days: ConferenceDay[] = [];
  let current: ConferenceDay | undefined;
  for (const item of [...program.items].sort((a, b) => a.start - b.start)) {
    const date = DateTime.fromMillis(item.start, { zone }).toISODate()!;
    if (current && (item.start - current.end < DAY_GAP_MS || current.date === date)) {
      current.items.push(item);
      current.end = Math.max(current.end, item.end);
      continue;
    }
    current = { date, start: item.start, end: item.end, items: [item] };
    days.push(current);
  }
  return days;
}
