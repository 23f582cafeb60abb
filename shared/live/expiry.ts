import { dayOfItem, programDays } from '../program/items.js';
import type { Item } from '../program/schema.js';
import type { HallState } from './state.js';

/** How long before a program day's first item last day's chair state stops showing (ms). */
export const EXPIRY_LEAD_MS = 60 * 60 * 1000;

/**
 * True when a chair-run state belongs to an earlier program day: from an hour before the next day's first
 * item, the hall follows its printed schedule again, so last night's state never shows the next morning.
 */
export function isExpired(items: readonly Item[], state: HallState, now: number): boolean {
  if (state.phase === 'idle') return false;
  const referenceId = state.itemId ?? [...state.history].reverse().find((p) => p.itemId !== null)?.itemId ?? null;
  if (referenceId === null) return now - state.updatedAt >= 6 * EXPIRY_LEAD_MS;
  const day = dayOfItem(items, referenceId);
  if (!day) return false;
  const days = programDays(items);
  const nextDay = days[days.indexOf(days.find((d) => d[0] === day[0])!) + 1];
  return nextDay !== undefined && now >= nextDay[0]!.start - EXPIRY_LEAD_MS;
}
