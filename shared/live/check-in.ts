import type { Item } from '../program/schema.js';
import type { Command } from './commands.js';
import type { RejectionCode } from './reducer.js';
import type { HallState } from './state.js';

/** What a command handler in its own file answers: the changed fields of the state, or why not. */
export type StepResult = { ok: true; state: HallState } | { ok: false; code: RejectionCode; message: string };

/**
 * `checkIn`: records (or, with `present: false`, takes back) that an item's speaker is in the hall. The item must
 * be one of the hall's and have a speaker. Not a move: the position and its history are kept, so `previous`
 * never undoes a check-in.
 */
export function checkIn(
  items: readonly Item[],
  state: HallState,
  command: Extract<Command, { type: 'checkIn' }>,
  now: number,
): StepResult {
  const item = items.find((i) => i.id === command.itemId);
  if (!item) return { ok: false, code: 'unknown_item', message: `no item "${command.itemId}" in hall ${state.hallId}` };
  if (item.speakers.length === 0) {
    return { ok: false, code: 'not_applicable', message: `"${item.title}" has no speaker to check in` };
  }
  return {
    ok: true,
    state: { ...state, checkIns: { ...state.checkIns, [item.id]: { present: command.present, at: now } } },
  };
}
