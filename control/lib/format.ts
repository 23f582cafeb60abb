import { DateTime } from 'luxon';
import type { Lang } from '../../web/i18n/index.js';

/** A wall-clock time in the event's zone: "10:42". */
export function clockTime(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
}

/** A wall-clock time with seconds: "10:42:07". */
export function clockTimeSeconds(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm:ss');
}

/** A day and time in the event's zone: "Thu 2 Oct 10:42". */
export function dayTime(instant: number, zone: string, lang: Lang = 'en'): string {
  const day = DateTime.fromMillis(instant, { zone }).setLocale(lang);
  return day.toFormat(lang === 'ja' ? 'M月d日（ccc）HH:mm' : 'ccc d LLL HH:mm');
}

/** A duration as m:ss or h:mm:ss, without sign (1:05, 12:00, 1:02:03). */
export function duration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** How long ago, rounded down to its largest unit: 4 s, 3 min, 2 h (each page words it in its language). */
export function ago(ms: number): { n: number; unit: 's' | 'min' | 'h' } {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return { n: s, unit: 's' };
  if (s < 3600) return { n: Math.floor(s / 60), unit: 'min' };
  return { n: Math.floor(s / 3600), unit: 'h' };
}

/** Whole minutes of a delay, rounded to the nearest minute. */
export function delayMinutes(ms: number): number {
  return Math.round(ms / 60_000);
}

/** The calm → warning → danger → overtime scale of a countdown's remaining time. */
export type Urgency = 'calm' | 'warning' | 'danger' | 'over';

/** Warning from 5 minutes left, danger from 1 minute, then overtime. */
export function urgency(remainingMs: number): Urgency {
  if (remainingMs < 0) return 'over';
  if (remainingMs <= 60_000) return 'danger';
  if (remainingMs <= 5 * 60_000) return 'warning';
  return 'calm';
}

/** A day in the event's zone: "Thu 2 Oct". */
export function dayName(instant: number, zone: string, lang: Lang = 'en'): string {
  const day = DateTime.fromMillis(instant, { zone }).setLocale(lang);
  return day.toFormat(lang === 'ja' ? 'M月d日（ccc）' : 'ccc d LLL');
}
