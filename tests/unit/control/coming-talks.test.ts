import { describe, expect, it } from 'vitest';
import { restOfDay } from '../../../shared/index.js';
import { comingTalks } from '../../../control/lib/comingTalks.js';
import { demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();

describe('comingTalks (the console hall card)', () => {
  it('the next three talks (no breaks), with their check-in state; warning only under 15 min and not checked in', () => {
    const now = tokyo('2025-10-02T10:08');
    const coming = restOfDay(program, idle('namba'), now);
    const talks = comingTalks(coming, {}, now);
    expect(talks).toHaveLength(3);
    expect(talks.every((t) => t.item.kind === 'talk')).toBe(true);
    const [first, second] = talks;
    expect(first!.start - now).toBeLessThan(15 * 60_000);
    expect(first!.warn).toBe(first!.hasSpeaker);
    expect(second!.start - now).toBeGreaterThanOrEqual(15 * 60_000);
    expect(second!.warn).toBe(false);
    const checked = comingTalks(coming, { [first!.item.id]: { present: true, at: now } }, now);
    expect(checked[0]).toMatchObject({ checkedIn: true, warn: false });
  });
});
