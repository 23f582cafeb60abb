import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  applyEnvelope,
  liveView,
  planCatchUp,
  projectedTimes,
  type Command,
  type HallState,
} from '../../../shared/index.js';
import { hallActualTimes } from '../../../server/program/export/actual-times.js';
import type { CommandLogEntry } from '../../../server/store/store.js';
import { MINUTE, demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();
const P1 = 'namba-2025-10-02-0940';
const P2 = 'namba-2025-10-02-1020';
const BREAK1 = 'namba-2025-10-02-1050';
const P3 = 'namba-2025-10-02-1105';
const LUNCH = 'namba-2025-10-02-1215';

function apply(state: HallState, command: Command, local: string): HallState {
  const outcome = applyCommand(program, state, command, tokyo(local));
  if (!outcome.ok) throw new Error(`${command.type} at ${local} rejected: ${outcome.message}`);
  return outcome.state;
}

/** P1 started at 09:52: the hall runs 12 minutes late; P3 (after the break) is projected at 11:17. */
const late = () => apply(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:52');
const NOW = '2025-10-02T09:55';
const startOf = (state: HallState, itemId: string) =>
  projectedTimes(program, state, tokyo(NOW)).find((p) => p.itemId === itemId)!;

describe('planCatchUp (the preview)', () => {
  it('breaks: shortens the coming break to 5 min and answers how late the item stays', () => {
    expect(startOf(late(), P3).projectedStart).toBe(tokyo('2025-10-02T11:17'));
    const plan = planCatchUp(program, late(), { untilItemId: P3, plan: 'breaks' }, tokyo(NOW));
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.changes).toEqual([{ itemId: BREAK1, plannedMs: 15 * MINUTE, fromMs: 15 * MINUTE, toMs: 5 * MINUTE }]);
    expect(plan.catchUp).toMatchObject({ lateMs: 12 * MINUTE, absorbedMs: 10 * MINUTE, remainingLateMs: 2 * MINUTE });
    expect(plan.projected.find((p) => p.itemId === P3)!.projectedStart).toBe(tokyo('2025-10-02T11:07'));
  });

  it('talks: trims each coming talk by at most maxTrimMinutes', () => {
    const plan = planCatchUp(program, late(), { untilItemId: P3, plan: 'talks' }, tokyo(NOW));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.changes).toEqual([{ itemId: P2, plannedMs: 30 * MINUTE, fromMs: 30 * MINUTE, toMs: 25 * MINUTE }]);
    expect(plan.catchUp.remainingLateMs).toBe(7 * MINUTE);
    const wider = planCatchUp(program, late(), { untilItemId: P3, plan: 'talks', maxTrimMinutes: 8 }, tokyo(NOW));
    if (!wider.ok) throw new Error(wider.message);
    expect(wider.changes[0]!.toMs).toBe(22 * MINUTE);
    expect(wider.catchUp.remainingLateMs).toBe(4 * MINUTE);
  });

  it('both (the default): breaks first, then talks, until the item starts on time', () => {
    const plan = planCatchUp(program, late(), { untilItemId: P3 }, tokyo(NOW));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.catchUp).toMatchObject({ plan: 'both', remainingLateMs: 0, absorbedMs: 12 * MINUTE });
    expect(plan.changes.map((c) => [c.itemId, c.toMs / MINUTE])).toEqual([
      [P2, 28],
      [BREAK1, 5],
    ]);
    expect(plan.projected.find((p) => p.itemId === P3)!.projectedStart).toBe(tokyo('2025-10-02T11:05'));
  });

  it('never leaves a break below 5 min (or minBreakMinutes)', () => {
    const plan = planCatchUp(program, late(), { untilItemId: P3, plan: 'breaks', minBreakMinutes: 10 }, tokyo(NOW));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.changes[0]!.toMs).toBe(10 * MINUTE);
    expect(plan.catchUp.remainingLateMs).toBe(7 * MINUTE);
  });

  it('a delay larger than the room: absorbs what it can and says how late the item stays', () => {
    const veryLate = apply(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T10:20');
    const plan = planCatchUp(program, veryLate, { untilItemId: P3 }, tokyo('2025-10-02T10:21'));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.catchUp.lateMs).toBe(40 * MINUTE);
    expect(plan.catchUp.absorbedMs).toBe(15 * MINUTE);
    expect(plan.catchUp.remainingLateMs).toBe(25 * MINUTE);
  });

  it('rejects an item on time, an item already begun, and an item on another program day', () => {
    const onTime = apply(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
    const cases: [HallState, string][] = [
      [onTime, P3],
      [late(), P1],
      [late(), 'nope'],
    ];
    for (const [state, untilItemId] of cases) {
      const plan = planCatchUp(program, state, { untilItemId }, tokyo(NOW));
      expect(plan.ok, untilItemId).toBe(false);
    }
  });
});

describe('day boundaries', () => {
  /** The demo with the second day's items moved into namba: one hall, two program days. */
  const twoDays = {
    ...program,
    items: program.items.map((item) => (item.hallId === 'nakamozu' ? { ...item, hallId: 'namba' } : item)),
  };
  const DAY2 = program.items.find((item) => item.hallId === 'nakamozu' && item.kind === 'talk')!;
  const CLOSING = 'namba-2025-10-02-1655';
  const lastTalk = () => {
    const outcome = applyCommand(
      twoDays,
      idle('namba'),
      { type: 'goto', itemId: 'namba-2025-10-02-1615' },
      tokyo('2025-10-02T16:25'),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.state;
  };

  it('a delay ends with its day: an item of the next day is refused, naming why', () => {
    const plan = planCatchUp(twoDays, lastTalk(), { untilItemId: DAY2.id }, tokyo('2025-10-02T16:30'));
    expect(plan).toMatchObject({ ok: false, code: 'not_applicable' });
    if (!plan.ok) expect(plan.message).toMatch(/later program day/);
  });

  it('the projection stops at the day’s end; with no room left the refusal says how late the item stays', () => {
    const rest = projectedTimes(twoDays, lastTalk(), tokyo('2025-10-02T16:30'));
    expect(rest.some((p) => p.itemId === DAY2.id)).toBe(false);
    expect(rest.find((p) => p.itemId === CLOSING)!.projectedStart).toBe(tokyo('2025-10-02T17:05'));
    // Only coming items are shortened (the running talk keeps its timer; `extend` changes that), and the
    // closing is a ceremony, not a talk: nothing before "Move venue" can give.
    const plan = planCatchUp(twoDays, lastTalk(), { untilItemId: 'namba-2025-10-02-1705' }, tokyo('2025-10-02T16:30'));
    expect(plan).toMatchObject({ ok: false, code: 'not_applicable' });
    if (!plan.ok) expect(plan.message).toMatch(/stays 10 min late/);
  });
});

describe('catchUp and undoCatchUp (commands)', () => {
  it('applies the plan: screens show the new times, the planned times stay', () => {
    const state = apply(late(), { type: 'catchUp', untilItemId: P3 }, NOW);
    expect(state.revision).toBe(2);
    expect(state.catchUps).toHaveLength(1);
    const p3 = startOf(state, P3);
    expect(p3).toMatchObject({ plannedStart: tokyo('2025-10-02T11:05'), projectedStart: tokyo('2025-10-02T11:05') });
    expect(liveView(program, state, tokyo(NOW)).catchUp).toMatchObject({ untilItemId: P3, remainingLateMs: 0 });
  });

  it('the talk timer of a shortened item counts to its new length', () => {
    let state = apply(late(), { type: 'catchUp', untilItemId: P3 }, NOW);
    state = apply(state, { type: 'next' }, '2025-10-02T10:32');
    expect(state.itemId).toBe(P2);
    expect(state.phasePlannedMs).toBeLessThan(30 * MINUTE);
    state = apply(state, { type: 'next' }, '2025-10-02T11:00');
    expect(state).toMatchObject({ itemId: BREAK1, phase: 'break', phasePlannedMs: 5 * MINUTE });
  });

  it('undoCatchUp takes it back; previous stays an undo of position', () => {
    let state = apply(late(), { type: 'next' }, '2025-10-02T10:32');
    state = apply(state, { type: 'catchUp', untilItemId: LUNCH }, '2025-10-02T10:33');
    expect(state.catchUps).toHaveLength(1);
    const back = apply(state, { type: 'previous' }, '2025-10-02T10:34');
    expect(back.itemId).toBe(P1);
    expect(back.catchUps).toHaveLength(1);
    const undone = apply(state, { type: 'undoCatchUp' }, '2025-10-02T10:34');
    expect(undone.catchUps).toHaveLength(0);
    expect(undone.itemId).toBe(P2);
    expect(startOf(undone, P3).projectedStart).toBeGreaterThan(tokyo('2025-10-02T11:05'));
    const nothing = applyCommand(program, undone, { type: 'undoCatchUp' }, tokyo('2025-10-02T10:35'));
    expect(nothing.ok).toBe(false);
  });

  it('a stale revision is rejected and nothing changes', () => {
    const state = late();
    const outcome = applyCommand(program, state, { type: 'catchUp', untilItemId: P3 }, tokyo(NOW));
    if (!outcome.ok) throw new Error(outcome.message);
    const again = applyEnvelope(
      program,
      outcome.state,
      { type: 'undoCatchUp', expectRevision: state.revision },
      tokyo('2025-10-02T09:56'),
    );
    expect(again).toMatchObject({ ok: false, code: 'stale_revision' });
    if (!again.ok) expect(again.state).toBe(outcome.state);
  });

  it('the actual-times export still records against the original plan', () => {
    const log: CommandLogEntry[] = [];
    let state = idle('namba');
    const steps: [Command, string][] = [
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:52'],
      [{ type: 'catchUp', untilItemId: P3 }, '2025-10-02T09:55'],
      [{ type: 'next' }, '2025-10-02T10:32'],
      [{ type: 'next' }, '2025-10-02T11:00'],
      [{ type: 'next' }, '2025-10-02T11:05'],
    ];
    for (const [command, local] of steps) {
      state = apply(state, command, local);
      const at = tokyo(local);
      log.push({
        hallId: 'namba',
        revision: state.revision,
        commandId: null,
        command,
        actor: 'director',
        role: 'director',
        at,
        wallAt: at,
        rehearsal: false,
        state,
      });
    }
    const rows = hallActualTimes(program, 'namba', log).items;
    const p2 = rows.find((r) => r.itemId === P2)!;
    expect(p2).toMatchObject({ plannedStart: tokyo('2025-10-02T10:20'), plannedEnd: tokyo('2025-10-02T10:50') });
    expect(p2).toMatchObject({ actualStart: tokyo('2025-10-02T10:32'), actualEnd: tokyo('2025-10-02T11:00') });
    const brk = rows.find((r) => r.itemId === BREAK1)!;
    expect(brk).toMatchObject({ plannedEnd: tokyo('2025-10-02T11:05'), actualLengthMs: 5 * MINUTE });
    expect(rows.find((r) => r.itemId === P3)).toMatchObject({ startDelayMs: 0 });
  });
});
