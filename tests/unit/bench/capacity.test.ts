import { describe, expect, it } from 'vitest';
import { capacityAt } from '../../bench/fanout/capacity.js';

describe('the screens a server carries at a given p99 (redis-capacity bench)', () => {
  const curve = [
    { displays: 2000, p99: 139 },
    { displays: 1000, p99: 79 },
    { displays: 3000, p99: 200 },
  ];

  it('interpolates between the step at or under the p99 and the next one', () => {
    expect(capacityAt(curve, 109)).toBe(1500);
    expect(capacityAt(curve, 139)).toBe(2000);
  });

  it('says when even the smallest step is slower, and caps at the largest step', () => {
    expect(capacityAt(curve, 50)).toBeNull();
    expect(capacityAt(curve, 500)).toBe(3000);
  });
});
