import { plannedLengthMs } from '../program/items.js';
import type { Item } from '../program/schema.js';
import type { HallState } from './state.js';

/**
 * How long an item runs in this hall now (ms): the length the newest catch-up gave it, else its planned length.
 * The talk timer of an item started after a catch-up counts to this; the program keeps the planned times.
 */
export function itemLengthMs(state: Pick<HallState, 'catchUps'>, item: Item): number {
  return state.catchUps.at(-1)?.lengthsMs[item.id] ?? plannedLengthMs(item);
}
