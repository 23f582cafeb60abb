import { describe, expect, it } from 'vitest';
import { latenciesBySteps, slowestStep, stepSpread, summariseSteps } from '../../bench/fanout/change-steps.js';

describe('the spread between a fan-out run’s change steps', () => {
  // Two halls, three steps; a change is `hall:revision`.
  const stepOf = new Map([
    ['a:2', 0],
    ['b:2', 0],
    ['a:3', 1],
    ['b:3', 1],
    ['a:4', 2],
    ['b:4', 2],
  ]);
  const latencies = new Map<string, number[]>([
    ['a:2', [80, 90]],
    ['b:2', [100, 70]],
    ['a:3', [10, 30]],
    ['b:3', [20]],
    ['a:4', [40, 50]],
    ['b:4', [45, 60]],
    ['a:9', [999]], // no step of this run: left out
  ]);
  // Commands sent at 1,000 ms; the load processes report when each screen received its change.
  const sent = new Map([...stepOf].map(([key, step]) => [key, { sentAt: 1000, step }]));
  const arrivals = new Map([...latencies].map(([key, values]) => [key, values.map((ms) => 1000 + ms)]));
  const bySteps = latenciesBySteps(sent, arrivals);

  it('summarises each step over all its halls, in step order', () => {
    expect(summariseSteps(bySteps)).toEqual([
      { p50: 90, max: 100 },
      { p50: 20, max: 30 },
      { p50: 50, max: 60 },
    ]);
  });

  it('gives the lowest, median and highest step, and the first one', () => {
    expect(stepSpread(bySteps)).toEqual({
      steps: 3,
      p50: { low: 20, median: 50, high: 90 },
      max: { low: 30, median: 60, high: 100 },
      first: { p50: 90, max: 100 },
      p99AfterFirst: 60,
    });
    expect(stepSpread(latenciesBySteps(sent, new Map()))).toBeUndefined();
  });

  it('names the step with the highest p50', () => {
    expect(slowestStep(bySteps)).toEqual({ step: 0, p50: 90, max: 100 });
    expect(slowestStep([[5], [40, 45, 50], [30]])).toEqual({ step: 1, p50: 45, max: 50 });
    expect(slowestStep([])).toBeUndefined();
  });
});

describe('docs/benchmarks.md’s change-steps table', () => {
  it('has a row per target whose run kept its steps, and none for older runs', async () => {
    const { fanoutMarkdown } = await import('../../bench/fanout/fanout-report.js');
    const result = (target: string, withSteps: boolean) => ({
      target,
      displays: 1000,
      halls: 1,
      p50: 15,
      p99: 60,
      max: 70,
      missing: 0,
      connectMs: 1200,
      failedConnects: 0,
      bytesPerScreen: 2650,
      directorBytesPerScreen: 149,
      memoryPerScreen: 14_000,
      serverCpuSeconds: 1,
      loadCpuSeconds: 1,
      changeSeconds: 9,
      stormServerCpuSeconds: 1,
      stormLoadCpuSeconds: 1,
      ...(withSteps
        ? {
            stepSpread: {
              steps: 20,
              p50: { low: 9, median: 31, high: 84 },
              max: { low: 35, median: 57, high: 124 },
              first: { p50: 84, max: 124 },
              p99AfterFirst: 52,
            },
          }
        : {}),
    });
    const markdown = fanoutMarkdown(
      [
        [
          'fanout-1k-1h',
          {
            ok: true,
            ranAt: '2026-12-07T07:10:00.000Z',
            seconds: 60,
            data: { kind: 'fanout', displays: 1000, halls: 1, targets: [result('floor', true), result('lectern', false)] },
          },
        ],
      ],
      2,
    );
    expect(markdown).toContain('| fanout-1k-1h | floor | 9 / 31 / 84 | 35 / 57 / 124 | 84 / 124 | 60 | 52 |');
    expect(markdown).not.toMatch(/\| fanout-1k-1h \| lectern \| 9 \//);
  });
});
