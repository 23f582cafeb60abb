import { describe, expect, it } from 'vitest';
import { applyCommand, restOfDay } from '../../../shared/index.js';
import { defaultCatchUpTarget } from '../../../control/lib/useCatchUpPreview.js';
import { demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();

describe('defaultCatchUpTarget (the catch-up sheet)', () => {
  it('is the first item after the next break', () => {
    const started = applyCommand(
      program,
      idle('namba'),
      { type: 'goto', itemId: 'namba-2025-10-02-0940' },
      tokyo('2025-10-02T09:52'),
    );
    if (!started.ok) throw new Error(started.message);
    const coming = restOfDay(program, started.state, tokyo('2025-10-02T09:55'));
    expect(defaultCatchUpTarget(coming)).toBe('namba-2025-10-02-1105');
  });

  it('never the next item itself (nothing lies before it to shorten); the day’s last item when no break comes', () => {
    const coming = restOfDay(program, idle('namba'), tokyo('2025-10-02T16:20'));
    expect(coming[0]!.item.id).toBe('namba-2025-10-02-1655');
    expect(defaultCatchUpTarget(coming)).toBe(coming.at(-1)!.item.id);
    expect(defaultCatchUpTarget(coming.slice(0, 1))).toBeNull();
  });
});
