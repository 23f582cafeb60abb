import { describe, expect, it } from 'vitest';
import { CommandEnvelopeSchema, describeZodError } from '../../../shared/index.js';

describe('describeZodError', () => {
  it('names each problem once, also for a command that is not an object at all', () => {
    const parsed = CommandEnvelopeSchema.safeParse([]);
    expect(parsed.success).toBe(false);
    expect(describeZodError(parsed.error!)).toEqual([
      { path: '(root)', message: 'Invalid input: expected object, received array' },
    ]);
  });

  it('keeps different problems apart, each with its path', () => {
    const parsed = CommandEnvelopeSchema.safeParse({ type: 'extend', minutes: 0, expectRevision: -1 });
    expect(describeZodError(parsed.error!).map((p) => p.path)).toEqual(['expectRevision', 'minutes']);
  });
});
