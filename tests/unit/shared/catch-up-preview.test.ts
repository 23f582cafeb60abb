import { describe, expect, it } from 'vitest';
import { applyCommand, previewCatchUp, type HallState, type Program } from '../../../shared/index.js';
import { MINUTE, demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();
const P1 = 'namba-2025-10-02-0940';
const P3 = 'namba-2025-10-02-1105';

function started(on: Program, itemId: string, local: string): HallState {
  const outcome = applyCommand(on, idle('namba'), { type: 'goto', itemId }, tokyo(local));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.state;
}

describe('previewCatchUp', () => {
  it('answers each plan, in order, with what it absorbs and the new start of the target', () => {
    const late = started(program, P1, '2025-10-02T09:52');
    const before = JSON.stringify(late);
    const preview = previewCatchUp(program, late, { untilItemId: P3 }, tokyo('2025-10-02T09:55'));
    expect(preview.map((p) => p.plan)).toEqual(['breaks', 'talks', 'both']);
    const summary = preview.map((p) => (p.ok ? [p.absorbedMs / MINUTE, p.remainingLateMs / MINUTE] : p.code));
    expect(summary).toEqual([
      [10, 2],
      [5, 7],
      [12, 0],
    ]);
    const both = preview[2]!;
    if (!both.ok) throw new Error(both.message);
    expect(both.projected.find((p) => p.itemId === P3)!.projectedStart).toBe(tokyo('2025-10-02T11:05'));
    expect(JSON.stringify(late)).toBe(before);
  });

  it('only the plan asked for, with its limits', () => {
    const late = started(program, P1, '2025-10-02T09:52');
    const preview = previewCatchUp(
      program,
      late,
      { untilItemId: P3, plan: 'talks', maxTrimMinutes: 8 },
      tokyo('2025-10-02T09:55'),
    );
    expect(preview).toHaveLength(1);
    expect(preview[0]).toMatchObject({ plan: 'talks', ok: true, absorbedMs: 8 * MINUTE, remainingLateMs: 4 * MINUTE });
  });

  it('a delay larger than the room to absorb it: each plan absorbs what it can, the rest stays late', () => {
    const veryLate = started(program, P1, '2025-10-02T10:20');
    const preview = previewCatchUp(program, veryLate, { untilItemId: P3 }, tokyo('2025-10-02T10:21'));
    for (const p of preview) {
      if (!p.ok) throw new Error(`${p.plan}: ${p.message}`);
      expect(p.absorbedMs + p.remainingLateMs, p.plan).toBe(40 * MINUTE);
      expect(p.remainingLateMs, p.plan).toBeGreaterThan(0);
    }
    const both = preview.find((p) => p.plan === 'both')!;
    expect(both).toMatchObject({ absorbedMs: 15 * MINUTE, remainingLateMs: 25 * MINUTE });
  });

  it('day boundaries: an item of the next program day is refused by every plan, naming why', () => {
    const twoDays = {
      ...program,
      items: program.items.map((item) => (item.hallId === 'nakamozu' ? { ...item, hallId: 'namba' } : item)),
    };
    const day2 = program.items.find((item) => item.hallId === 'nakamozu' && item.kind === 'talk')!;
    const lastTalk = started(twoDays, 'namba-2025-10-02-1615', '2025-10-02T16:25');
    const preview = previewCatchUp(twoDays, lastTalk, { untilItemId: day2.id }, tokyo('2025-10-02T16:30'));
    expect(preview).toHaveLength(3);
    for (const p of preview) {
      expect(p).toMatchObject({ ok: false, code: 'not_applicable' });
      if (!p.ok) expect(p.message).toMatch(/later program day/);
    }
  });

  it('an item on time, or unknown: each plan says so', () => {
    const onTime = started(program, P1, '2025-10-02T09:40');
    expect(previewCatchUp(program, onTime, { untilItemId: P3 }, tokyo('2025-10-02T09:45'))).toEqual(
      ['breaks', 'talks', 'both'].map((plan) => expect.objectContaining({ plan, ok: false, code: 'not_applicable' })),
    );
    expect(previewCatchUp(program, onTime, { untilItemId: 'nope', plan: 'both' }, tokyo('2025-10-02T09:45'))[0]).toMatchObject({
      ok: false,
      code: 'unknown_item',
    });
  });
});
