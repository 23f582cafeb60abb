import { describe, expect, it } from 'vitest';
import {
  ProgramEditSchema,
  applyProgramEdit,
  findItem,
  hallItems,
  type Program,
  type ProgramEdit,
} from '../../../shared/index.js';
import { MINUTE, demoProgram, tokyo } from '../../support/demo.js';

const program = demoProgram();
const P1 = 'namba-2025-10-02-0940';
const P2 = 'namba-2025-10-02-1020';
const BREAK1 = 'namba-2025-10-02-1050';
const LAST = 'namba-2025-10-02-1800';

function applied(edit: ProgramEdit, on: Program = program): Program {
  const outcome = applyProgramEdit(on, edit);
  if (!outcome.ok) throw new Error(`edit rejected: ${outcome.message}`);
  return outcome.program;
}

function item(on: Program, id: string) {
  const found = findItem(on, id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

describe('shift', () => {
  it('moves the item and the rest of its hall day, nothing before it and no other hall', () => {
    const after = applied({ type: 'shift', itemId: P2, minutes: 10 });
    expect(item(after, P1).start).toBe(tokyo('2025-10-02T09:40'));
    expect(item(after, P2).start).toBe(tokyo('2025-10-02T10:30'));
    expect(item(after, P2).end).toBe(tokyo('2025-10-02T11:00'));
    expect(item(after, LAST).end).toBe(tokyo('2025-10-02T20:10'));
    expect(hallItems(after, 'nakamozu')).toEqual(hallItems(program, 'nakamozu'));
    expect(after.items).toHaveLength(program.items.length);
  });

  it('earlier into the item before fails, naming the overlap', () => {
    const outcome = applyProgramEdit(program, { type: 'shift', itemId: P2, minutes: -5 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBe('invalid');
    expect(outcome.message).toMatch(/overlaps "Foundation Potentials/);
  });

  it('says what it did, and leaves the input program untouched', () => {
    const before = JSON.stringify(program);
    const outcome = applyProgramEdit(program, { type: 'shift', itemId: BREAK1, minutes: 5 });
    expect(outcome.ok && outcome.summary).toMatch(/from "Break" on moved \+5 min/);
    expect(JSON.stringify(program)).toBe(before);
  });
});

describe('editItem', () => {
  it('changes the title only', () => {
    const after = applied({ type: 'editItem', itemId: P1, title: 'New title' });
    expect(item(after, P1)).toMatchObject({ title: 'New title', start: item(program, P1).start, end: item(program, P1).end });
  });

  it('changes times (ISO with offset or epoch ms)', () => {
    const after = applied({
      type: 'editItem',
      itemId: P2,
      start: tokyo('2025-10-02T10:25'),
      end: Date.parse('2025-10-02T10:50:00+09:00'),
    });
    expect(item(after, P2)).toMatchObject({ start: tokyo('2025-10-02T10:25'), end: tokyo('2025-10-02T10:50') });
  });

  it('an end before the start, or an overlap, is refused', () => {
    const backwards = applyProgramEdit(program, { type: 'editItem', itemId: P2, end: tokyo('2025-10-02T10:00') });
    expect(backwards).toMatchObject({ ok: false, error: 'invalid', problems: [{ path: 'end' }] });
    const overlap = applyProgramEdit(program, { type: 'editItem', itemId: P2, end: tokyo('2025-10-02T10:55') });
    expect(overlap.ok).toBe(false);
    if (!overlap.ok) expect(overlap.message).toMatch(/"Break" overlaps "Challenges toward reproducibility/);
  });

  it('an unknown item is named', () => {
    expect(applyProgramEdit(program, { type: 'editItem', itemId: 'nope', title: 'x' })).toMatchObject({
      ok: false,
      error: 'unknown_item',
    });
  });
});

describe('swap', () => {
  it('two talks exchange their time slots', () => {
    const after = applied({ type: 'swap', itemId: P1, otherItemId: P2 });
    expect(item(after, P2)).toMatchObject({ start: tokyo('2025-10-02T09:40'), end: tokyo('2025-10-02T10:20') });
    expect(item(after, P1)).toMatchObject({ start: tokyo('2025-10-02T10:20'), end: tokyo('2025-10-02T10:50') });
    expect(
      hallItems(after, 'namba')
        .map((i) => i.id)
        .slice(2, 4),
    ).toEqual([P2, P1]);
  });

  it('refuses items of different halls and an item with itself', () => {
    expect(applyProgramEdit(program, { type: 'swap', itemId: P1, otherItemId: 'nakamozu-2025-10-03-1400' })).toMatchObject({
      ok: false,
      error: 'invalid',
    });
    expect(applyProgramEdit(program, { type: 'swap', itemId: P1, otherItemId: P1 })).toMatchObject({
      ok: false,
      error: 'invalid',
    });
    expect(applyProgramEdit(program, { type: 'swap', itemId: P1, otherItemId: 'nope' })).toMatchObject({
      ok: false,
      error: 'unknown_item',
    });
  });
});

describe('addItem and removeItem', () => {
  it('adds an item into a free slot with an id from hall and start', () => {
    const edit = ProgramEditSchema.parse({
      type: 'addItem',
      item: { hallId: 'namba', title: 'Sponsor pitch', start: '2025-10-02T20:00:00+09:00', end: '2025-10-02T20:15:00+09:00' },
    });
    const after = applied(edit);
    expect(item(after, 'namba-2025-10-02-2000')).toMatchObject({ title: 'Sponsor pitch', kind: 'talk', speakers: [] });
    // The same slot again gets a fresh id, but overlaps: refused.
    const again = applyProgramEdit(after, edit);
    expect(again.ok).toBe(false);
  });

  it('an added item that overlaps is refused, naming both', () => {
    const outcome = applyProgramEdit(program, {
      type: 'addItem',
      item: {
        hallId: 'namba',
        kind: 'talk',
        title: 'Intruder',
        start: tokyo('2025-10-02T10:00'),
        end: tokyo('2025-10-02T10:10'),
      },
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems.map((p) => p.message).join(' ')).toMatch(/Intruder/);
  });

  it('an unknown hall is refused', () => {
    const outcome = applyProgramEdit(program, {
      type: 'addItem',
      item: { hallId: 'attic', kind: 'talk', title: 'X', start: tokyo('2025-10-02T10:00'), end: tokyo('2025-10-02T10:10') },
    });
    expect(outcome).toMatchObject({ ok: false, problems: [{ path: 'item.hallId' }] });
  });

  it('removes an item; its slot is free afterwards', () => {
    const after = applied({ type: 'removeItem', itemId: BREAK1 });
    expect(findItem(after, BREAK1)).toBeUndefined();
    expect(after.items).toHaveLength(program.items.length - 1);
    const longer = applied({ type: 'editItem', itemId: P2, end: tokyo('2025-10-02T11:00') }, after);
    expect(item(longer, P2).end - item(longer, P2).start).toBe(40 * MINUTE);
  });
});

describe('ProgramEditSchema', () => {
  it('names what is wrong in an edit', () => {
    const bad = ProgramEditSchema.safeParse({ type: 'shift', itemId: P1, minutes: 0 });
    expect(bad.success).toBe(false);
    expect(ProgramEditSchema.safeParse({ type: 'editItem', itemId: P1 }).success).toBe(false);
    expect(ProgramEditSchema.safeParse({ type: 'teleport' }).success).toBe(false);
  });
});
