// How the change steps of one run differ from each other. A run's p99 over 20 steps of 1,000 screens is set by
// its slowest one or two steps, so the spread between steps says how much of a p99 ratio is the machine's noise.

import { percentile } from '../percentile.js';

/** One change step: the latencies of every screen's arrival for it (ms). */
export interface StepSummary {
  p50: number;
  max: number;
}

/** Lowest / median / highest of one figure over the steps. */
export interface Spread {
  low: number;
  median: number;
  high: number;
}

export interface StepSpread {
  steps: number;
  p50: Spread;
  max: Spread;
  /** The first step, often a run's slowest. */
  first: StepSummary;
  /** The p99 over every screen and change but the first step's. */
  p99AfterFirst: number;
}

/** A change (`hall:revision`) the run sent: when its command went out, and in which step. */
export interface SentChange {
  sentAt: number;
  step: number;
}

/** Each step's latencies (arrival − sent, ms), sorted, in step order; arrivals of changes not sent are left out. */
export function latenciesBySteps(sent: Map<string, SentChange>, arrivals: Map<string, number[]>): number[][] {
  const steps: number[][] = [];
  for (const [key, times] of arrivals) {
    const change = sent.get(key);
    if (change) (steps[change.step] ??= []).push(...times.map((at) => at - change.sentAt));
  }
  return steps.filter(Boolean).map((values) => values.sort((a, b) => a - b));
}

export function summariseSteps(bySteps: number[][]): StepSummary[] {
  return bySteps.map((sorted) => ({ p50: percentile(sorted, 50), max: sorted.at(-1)! }));
}

/** The step with the highest p50 (the first of equals), counted from 0, with its p50 and max. */
export function slowestStep(bySteps: number[][]): ({ step: number } & StepSummary) | undefined {
  const steps = summariseSteps(bySteps);
  const step = steps.reduce((worst, s, i) => (s.p50 > steps[worst]!.p50 ? i : worst), 0);
  return steps[step] ? { step, ...steps[step] } : undefined;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { low: sorted[0]!, median: percentile(sorted, 50), high: sorted.at(-1)! };
}

export function stepSpread(bySteps: number[][]): StepSpread | undefined {
  const steps = summariseSteps(bySteps);
  if (steps.length === 0) return undefined;
  const afterFirst = bySteps
    .slice(1)
    .flat()
    .sort((a, b) => a - b);
  return {
    steps: steps.length,
    p50: spread(steps.map((s) => s.p50)),
    max: spread(steps.map((s) => s.max)),
    first: steps[0]!,
    p99AfterFirst: percentile(afterFirst, 99),
  };
}
