import type { Program } from '../program/schema.js';
import { itemOnNow, restOfDay } from './selectors.js';
import type { HallState } from './state.js';

/** One item of the rest of a hall's day: its planned and its projected times (epoch ms). */
export interface ProjectedTime {
  itemId: string;
  /** Planned start and end, as the program prints them (a catch-up never changes them). */
  plannedStart: number;
  plannedEnd: number;
  /**
   * Expected start and end given the running delay and the catch-ups in force; for the item on now its actual
   * start and expected end. Never earlier than planned for a coming item.
   */
  projectedStart: number;
  projectedEnd: number;
}

/**
 * The rest of a hall's program day at `now`: the item on now (if any), then every coming item of the day, with
 * planned and projected times. What `GET /api/v1/halls/:hallId/projected` answers and the catch-up preview shows.
 */
export function projectedTimes(program: Program, state: HallState, now: number): ProjectedTime[] {
  const on = itemOnNow(program, state, now);
  const coming = restOfDay(program, state, now);
  return [...(on ? [on] : []), ...coming].map(({ item, start, end }) => ({
    itemId: item.id,
    plannedStart: item.start,
    plannedEnd: item.end,
    projectedStart: start,
    projectedEnd: end,
  }));
}
