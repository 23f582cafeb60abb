import { describe, expect, it } from 'vitest';
import { acrossRounds, roundCount } from '../../bench/fanout/rounds.js';

describe('a fan-out target over the rounds of a run', () => {
  const entries = [
    { target: 'floor', round: 0, p99: 100 },
    { target: 'lectern', round: 0, p99: 90 },
    { target: 'floor', round: 1, p99: 200 },
    { target: 'lectern', round: 1, p99: 100 },
    { target: 'floor', round: 2, p99: 80 },
    { target: 'lectern', round: 2, p99: 96 },
  ];

  it('divides each round by the floor of the same round and takes the middle ratio with its round', () => {
    const a = acrossRounds(entries, 'lectern');
    expect(a?.ratios).toEqual([0.9, 0.5, 1.2]);
    expect(a?.ratio).toBe(0.9);
    expect(a?.result).toBe(entries[1]); // the round that gave 0.9, not the round of the middle p99 (96)
  });

  it('gives the floor its round with the middle p99', () => {
    expect(acrossRounds(entries, 'floor')?.result).toBe(entries[0]);
  });

  it('leaves out a round where either side failed, and takes the lower middle of an even count', () => {
    const some = [
      ...entries.slice(0, 4),
      { target: 'floor', round: 2, failed: 'timed out' },
      { target: 'lectern', round: 2, p99: 96 },
      { target: 'lectern', round: 3, p99: 50 }, // no floor in round 3
    ];
    const a = acrossRounds(some, 'lectern');
    expect(a?.ratios).toEqual([0.9, 0.5]);
    expect(a?.ratio).toBe(0.5);
    expect(acrossRounds([{ target: 'lectern', failed: 'x' }], 'lectern')).toBeUndefined();
  });

  it('reads runs from before rounds as one round', () => {
    const old = [
      { target: 'floor', p99: 50 },
      { target: 'lectern', p99: 40 },
    ];
    expect(roundCount(old)).toBe(1);
    expect(acrossRounds(old, 'lectern')?.ratios).toEqual([0.8]);
    expect(roundCount(entries)).toBe(3);
  });
});
