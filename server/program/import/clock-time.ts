import { DateTime } from 'luxon';

/** A clock time of day as a program prints it: "9:00", "09:00", "9:00:00". */
export interface ClockTime {
  hour: number;
  minute: number;
}

/**
 * A clock time earlier than the one before it is read as past midnight only when that is less than this many
 * hours later; more is a mistake in the file (a typo, swapped columns), not a night session.
 */
export const PAST_MIDNIGHT_HOURS = 12;

const CLOCK = /^(\d{1,2})[:：](\d{2})(?::(\d{2}))?$/;

/** Reads "9:40" or "09:40" (24-hour); undefined when it is not a time of day. */
export function parseClock(text: string): ClockTime | undefined {
  const match = CLOCK.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return undefined;
  return { hour, minute };
}

/** Reads a calendar date written YYYY-MM-DD (or YYYY/MM/DD); undefined when it is not a real date. */
export function parseIsoDate(text: string): string | undefined {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const date = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
  return date.isValid ? date.toISODate()! : undefined;
}

/** The instant of a local date and clock time in a zone (epoch ms); `addDays` moves past midnight. */
export function localInstant(date: string, clock: ClockTime, zone: string, addDays = 0): number {
  return DateTime.fromISO(date, { zone })
    .plus({ days: addDays })
    .set({ hour: 0, minute: 0, second: 0, millisecond: 0 })
    .plus({ hours: clock.hour, minutes: clock.minute })
    .toMillis();
}

/** Reads an ISO 8601 date-time that carries its UTC offset (or Z): exactly that instant. */
export function parseOffsetDateTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) return undefined;
  const instant = DateTime.fromISO(trimmed, { setZone: true });
  return instant.isValid ? instant.toMillis() : undefined;
}

/** Reads a duration "01:30", "1:30:00" or a number of minutes "90"; ms, or undefined. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 60_000;
  const match = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (!match || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) return undefined;
  return ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3] ?? 0)) * 1000;
}

/** "HH:MM" of a duration in ms (hours may exceed 23). */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
