import { DateTime } from 'luxon';

/** The instant of a local date and time in the event's zone ("2025-10-02", "10:20"), or null if it is not one. */
export function instantOf(date: string, time: string, zone: string): number | null {
  const instant = DateTime.fromISO(`${date}T${time}`, { zone });
  return instant.isValid ? instant.toMillis() : null;
}

/**
 * The planned times of an item from local "HH:mm" fields on its day; an end at or before the start is on the
 * next day (a congress night past midnight).
 */
export function slotOf(date: string, start: string, end: string, zone: string): { start: number; end: number } | null {
  const from = instantOf(date, start, zone);
  let to = instantOf(date, end, zone);
  if (from === null || to === null) return null;
  if (to <= from) to = DateTime.fromMillis(to, { zone }).plus({ days: 1 }).toMillis();
  return { start: from, end: to };
}

/** "HH:mm" of an instant in the event's zone, for a time field. */
export function timeField(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
}
