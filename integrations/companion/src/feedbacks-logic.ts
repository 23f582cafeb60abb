import type { Phase } from './lectern-types.js';
import { remainingMs, type VariableInput } from './variables.js';

/** Background colours (Companion's 0xRRGGBB) for each phase, the same a chair sees on the panel. */
export const PHASE_COLOURS: Record<Phase, number> = {
  idle: 0x404040,
  talk: 0x007a33,
  qa: 0x0059b3,
  break: 0xb36b00,
  hold: 0x8a2be2,
  ended: 0x202020,
};

/** True when the hall's timed phase has run past its end at server time `serverNow`. */
export function isOverTime(input: VariableInput): boolean {
  if (!input.view || input.view.phase === 'hold') return false;
  const left = remainingMs(input.view, input.serverNow);
  return left !== null && left < 0;
}

/** True when the remaining time is at or below `seconds` but not over (the "wrap up" warning). */
export function isWithin(input: VariableInput, seconds: number): boolean {
  if (!input.view || input.view.phase === 'hold') return false;
  const left = remainingMs(input.view, input.serverNow);
  return left !== null && left >= 0 && left <= seconds * 1000;
}

/** True while the hall is on hold. */
export function isOnHold(input: VariableInput): boolean {
  return input.view?.phase === 'hold';
}

/** True when the hall is in `phase`. */
export function isPhase(input: VariableInput, phase: Phase): boolean {
  return input.view?.phase === phase;
}

/**
 * OBS down: true when the director socket reports the hall's OBS link not connected. With a chair token
 * the status is unknown (the server sends `obs:changed` to directors only), and this is false.
 */
export function isObsDown(input: VariableInput): boolean {
  if (!input.obs) return false;
  return input.obs.connection.state !== 'connected' && input.obs.connection.state !== 'unconfigured';
}
