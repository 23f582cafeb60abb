/** Screen options a venue crew sets in the URL. */

export type Orientation = 'landscape' | 'portrait';

const MINUTE = 60_000;

/** `?orientation=portrait|landscape`, else undefined (choose by the window's aspect ratio). */
export function orientationParam(params: URLSearchParams): Orientation | undefined {
  const value = params.get('orientation');
  return value === 'portrait' || value === 'landscape' ? value : undefined;
}

/** Portrait when the window is taller than wide. */
export function orientationOf(width: number, height: number): Orientation {
  return height > width ? 'portrait' : 'landscape';
}

/** `?name=foyer-left`: what the crew calls this screen (shown in the director console), at most 60 characters. */
export function screenName(params: URLSearchParams): string | undefined {
  const name = params.get('name')?.trim();
  return name ? name.slice(0, 60) : undefined;
}

/** A duration in minutes ("5", "0.5") or minutes:seconds ("4:30"), in ms; undefined when unreadable. */
export function parseMinutes(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const clock = /^(\d+):([0-5]\d)$/.exec(text.trim());
  if (clock) return (Number(clock[1]) * 60 + Number(clock[2])) * 1000;
  const minutes = Number(text);
  return Number.isFinite(minutes) && minutes >= 0 && minutes <= 600 ? Math.round(minutes * MINUTE) : undefined;
}

/** When the speaker timer turns to warning and to danger (ms before the end). */
export interface TimerThresholds {
  warningMs: number;
  dangerMs: number;
}

/** Today's thresholds: 5 and 1 minutes. */
export const DEFAULT_TIMER_THRESHOLDS: TimerThresholds = { warningMs: 5 * MINUTE, dangerMs: 1 * MINUTE };

/**
 * `?warning=5&danger=1` (minutes, or m:ss); else `defaults` (the config's `screens.timer`), else 5 and 1 minutes.
 * Danger is never above warning.
 */
export function timerThresholds(params: URLSearchParams, defaults = DEFAULT_TIMER_THRESHOLDS): TimerThresholds {
  const warningMs = parseMinutes(params.get('warning')) ?? defaults.warningMs;
  const dangerMs = parseMinutes(params.get('danger')) ?? defaults.dangerMs;
  return { warningMs, dangerMs: Math.min(dangerMs, warningMs) };
}

/** How long the overlay's lower third stays after a talk starts (ms). */
export const DEFAULT_LOWER_THIRD_MS = 12_000;

/** `?lowerThird=seconds` (0: never shown); else `defaultMs` (the config's), else 12 s. */
export function lowerThirdMs(params: URLSearchParams, defaultMs = DEFAULT_LOWER_THIRD_MS): number {
  const raw = params.get('lowerThird');
  const seconds = raw === null || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= 3600 ? Math.round(seconds * 1000) : defaultMs;
}

/** Chroma-key colours for the usual names: broadcast green and blue, not CSS's dark `green`. */
const KEY_COLOURS: Record<string, string> = { green: '#00b140', blue: '#0047bb' };

/**
 * `?key=green` (or any CSS colour) for an overlay in a setup without alpha: the background colour to key out.
 * Undefined for none (transparent) or a value that is not a colour, or that reads the page's own CSS
 * (`var(--accent)`, `env()`, `attr()`): a key colour is a colour, not a way into the theme.
 */
export function keyColour(
  params: URLSearchParams,
  isColour: (value: string) => boolean,
  /** The config's `screens.overlay.key`, when the URL has no `?key=`. */
  fallback?: string,
): string | undefined {
  const raw = (params.get('key') ?? fallback)?.trim();
  if (!raw || /\b(?:var|env|attr)\s*\(/i.test(raw)) return undefined;
  const colour = KEY_COLOURS[raw.toLowerCase()] ?? raw;
  return isColour(colour) ? colour : undefined;
}
