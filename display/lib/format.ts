import { DateTime } from 'luxon';
import type { Lang } from '../../web/i18n/index.js';

/** A countdown as a screen shows it. */
export interface Remaining {
  /** "12:34", or "+1:05" when over time. Minutes are not folded into hours: a speaker reads "75:00". */
  text: string;
  overtime: boolean;
  /** Whole seconds shown (negative when over time). */
  seconds: number;
}

/**
 * Remaining time to a countdown's end. Rounds up while time remains (it reaches 0:00 at the end), and counts
 * whole seconds over time after it.
 */
export function formatRemaining(ms: number): Remaining {
  const seconds = ms > 0 ? Math.ceil(ms / 1000) : -Math.floor(-ms / 1000);
  const abs = Math.abs(seconds);
  const text = `${seconds < 0 ? '+' : ''}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return { text, overtime: seconds < 0, seconds };
}

/** Minutes and seconds apart, for layouts that stack them ("12" over "34"). */
export function remainingParts(ms: number): { sign: string; minutes: string; seconds: string } {
  const { seconds } = formatRemaining(ms);
  const abs = Math.abs(seconds);
  return { sign: seconds < 0 ? '+' : '', minutes: String(Math.floor(abs / 60)), seconds: String(abs % 60).padStart(2, '0') };
}

function at(instant: number, zone: string, lang: Lang): DateTime {
  return DateTime.fromMillis(instant, { zone }).setLocale(lang);
}

/** "13:30" in a zone (24-hour clock in both languages). */
export function formatTime(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
}

/** "Friday 13:30" / "10月3日(金) 13:30". */
export function formatWeekdayTime(instant: number, zone: string, lang: Lang): string {
  const time = at(instant, zone, lang);
  return lang === 'ja' ? time.toFormat('M月d日(ccc) H:mm') : time.toFormat('cccc HH:mm');
}

/** "Thu 2 Oct" / "10月2日(木)". */
export function formatDate(instant: number, zone: string, lang: Lang): string {
  const time = at(instant, zone, lang);
  return lang === 'ja' ? time.toFormat('M月d日(ccc)') : time.toFormat('ccc d LLL');
}

/** Whole minutes of a delay, as a screen says it (rounded; 0 under half a minute). */
export function minutesLate(delayMs: number): number {
  return Math.max(0, Math.round(delayMs / 60_000));
}

/** "Tokyo" from "Asia/Tokyo", "New York" from "America/New_York". */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** The viewer's own IANA zone (from the browser). */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True when two zones show the same wall-clock time at `instant`. */
export function sameWallClock(instant: number, zoneA: string, zoneB: string): boolean {
  return DateTime.fromMillis(instant, { zone: zoneA }).offset === DateTime.fromMillis(instant, { zone: zoneB }).offset;
}

/** "13:30" for a time later today (in the event's zone), "Friday 13:30" for another day. */
export function formatWhen(instant: number, now: number, zone: string, lang: Lang): string {
  const sameDay = DateTime.fromMillis(instant, { zone }).hasSame(DateTime.fromMillis(now, { zone }), 'day');
  return sameDay ? formatTime(instant, zone) : formatWeekdayTime(instant, zone, lang);
}
