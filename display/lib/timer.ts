import type { LiveView } from '../../shared/index.js';
import type { TimerThresholds } from './query.js';

/** The colour state of the speaker timer, read in peripheral vision. */
export type TimerTone = 'calm' | 'warning' | 'danger' | 'overtime' | 'break' | 'hold' | 'idle';

export interface TimerReading {
  tone: TimerTone;
  /** Time left (ms, negative over time); null when nothing is timed. */
  remainingMs: number | null;
}

/** The speaker timer's reading at server time `now`. Pure. */
export function timerReading(view: LiveView | null, now: number, thresholds: TimerThresholds): TimerReading {
  if (!view) return { tone: 'idle', remainingMs: null };
  if (view.phase === 'hold') return { tone: 'hold', remainingMs: view.heldRemainingMs };
  if (!view.countdown) return { tone: 'idle', remainingMs: null };
  const remainingMs = view.countdown.endsAt - now;
  if (view.countdown.kind === 'break') return { tone: 'break', remainingMs };
  // Over time once the shown countdown has passed 0:00 by a whole second.
  if (remainingMs <= -1000) return { tone: 'overtime', remainingMs };
  if (remainingMs <= thresholds.dangerMs) return { tone: 'danger', remainingMs };
  if (remainingMs <= thresholds.warningMs) return { tone: 'warning', remainingMs };
  return { tone: 'calm', remainingMs };
}

/** Widths of Noto Sans JP Bold glyphs, in em: digits are tabular. */
const GLYPH_EM: Record<string, number> = { ':': 0.325, '+': 0.295 };
const DIGIT_EM = 0.59;
/** The timer's digits are drawn a little condensed (scaleX), so they can be taller. */
export const TIMER_CONDENSE = 0.88;

/** Width of a timer text in em (the sign is drawn at half size). */
export function timerTextEm(text: string): number {
  let em = 0;
  for (const char of text) em += GLYPH_EM[char] ?? DIGIT_EM;
  return em * TIMER_CONDENSE;
}

/** Font size (design px) for timer digits that fill `width` without passing `maxSize`. */
export function timerDigitSize(text: string, width: number, maxSize: number): number {
  const em = timerTextEm(text);
  return Math.floor(em > 0 ? Math.min(maxSize, width / em) : maxSize);
}
