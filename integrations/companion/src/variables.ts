import type { LiveView, ObsHallStatus } from './lectern-types.js';

/** Companion variable ids this module defines, with their names for the variable list. */
export const VARIABLES = [
  { variableId: 'phase', name: 'Hall phase (idle, talk, qa, break, hold, ended)' },
  { variableId: 'title', name: 'Title of the item on now' },
  { variableId: 'speaker', name: 'Speaker(s) of the item on now' },
  { variableId: 'remaining', name: 'Remaining time mm:ss (negative when over time)' },
  { variableId: 'remaining_seconds', name: 'Remaining time in seconds (negative when over time)' },
  { variableId: 'delay', name: 'How late the hall runs (mm:ss)' },
  { variableId: 'delay_minutes', name: 'How late the hall runs (whole minutes)' },
  { variableId: 'next_title', name: 'Title of the next item' },
  { variableId: 'next_start', name: 'Expected start of the next item (HH:mm, hall time zone)' },
  { variableId: 'message', name: 'The chair message on the screens' },
  { variableId: 'connection', name: 'Link to Lectern (ok, connecting, disconnected, refused)' },
  { variableId: 'obs', name: 'OBS link (connected, disconnected, unknown without a director token)' },
] as const;

export type VariableId = (typeof VARIABLES)[number]['variableId'];
export type VariableValues = Record<VariableId, string>;

/**
 * Remaining milliseconds of the hall's timed phase at server time `serverNow`: the countdown's end minus now,
 * the frozen remainder while on hold, null when nothing is timed (idle, ended).
 */
export function remainingMs(view: LiveView, serverNow: number): number | null {
  if (view.phase === 'hold') return view.heldRemainingMs;
  if (view.countdown === null) return null;
  return view.countdown.endsAt - serverNow;
}

/**
 * `mm:ss` of a duration in ms, rounded up to the second a countdown shows (so 59.2 s left reads 01:00, and it
 * reaches 00:00 exactly at zero); over time counts up with a minus sign (`-01:05`). Hours fold into minutes.
 */
export function formatMmSs(ms: number): string {
  const seconds = ms >= 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
  const sign = ms < 0 && seconds > 0 ? '-' : '';
  const mm = Math.floor(seconds / 60);
  const ss = seconds % 60;
  return `${sign}${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/** `HH:mm` of an epoch-ms instant in an IANA time zone (the program's). */
export function formatClock(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    new Date(epochMs),
  );
}

/** What the variables are derived from: the last view, server time now, the program's zone and the links. */
export interface VariableInput {
  view: LiveView | null;
  /** Server time now (epoch ms): local clock plus the clock:ping offset. */
  serverNow: number;
  /** The program's IANA zone, for `next_start`. */
  timeZone: string;
  connection: 'ok' | 'connecting' | 'disconnected' | 'refused';
  /** OBS status of the hall; null when this token cannot see it (a chair token). */
  obs: ObsHallStatus | null;
}

/** Every variable's value (pure): an empty string where there is nothing to show. */
export function variableValues(input: VariableInput): VariableValues {
  const { view } = input;
  const remaining = view ? remainingMs(view, input.serverNow) : null;
  const speakers = view?.now?.speakers ?? [];
  return {
    phase: view?.phase ?? '',
    title: view?.now?.title ?? '',
    speaker: speakers.map((s) => s.name).join(', '),
    remaining: remaining === null ? '' : formatMmSs(remaining),
    remaining_seconds: remaining === null ? '' : String(Math.ceil(remaining / 1000)),
    delay: view ? formatMmSs(view.delayMs) : '',
    delay_minutes: view ? String(Math.floor(view.delayMs / 60_000)) : '',
    next_title: view?.next?.title ?? '',
    next_start: view?.nextStartsAt != null ? formatClock(view.nextStartsAt, input.timeZone) : '',
    message: view?.message?.text ?? '',
    connection: input.connection,
    obs: input.obs ? input.obs.connection.state : 'unknown',
  };
}
