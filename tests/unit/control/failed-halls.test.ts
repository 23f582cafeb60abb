import { describe, expect, it } from 'vitest';
import { failedHalls } from '../../../control/lib/failedHalls.js';

const names: Record<string, string> = { namba: 'I-site Namba', nakamozu: 'Conference Hall' };

describe('the console names the halls a multi-hall action missed', () => {
  it('says which halls failed and why, and where it was done', () => {
    const text = failedHalls(
      {
        halls: [
          { hallId: 'namba', ok: true, revision: 4 },
          { hallId: 'nakamozu', ok: false, revision: 2, error: 'store_failed', message: 'the command was not saved: disk full' },
        ],
      },
      (id) => names[id] ?? id,
    );
    expect(text).toBe('Not done in Conference Hall: the command was not saved: disk full. Done in I-site Namba.');
  });

  it('falls back to the error code when no message came', () => {
    expect(failedHalls({ halls: [{ hallId: 'x', ok: false, revision: 0, error: 'forbidden' }] }, (id) => id)).toBe(
      'Not done in x: forbidden.',
    );
  });
});
