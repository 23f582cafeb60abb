// How the change steps of one run differ from each other. A run's p99 over 20 steps of 1,000 screens is set by
// its slowest one or two steps, so the spread between steps says how much of a p99 ratio is the machine's noise.

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

const middle = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Each step's latencies, sorted, in step order: `stepOf[key]` is the step of the change `key`. */
function bySteps(stepOf: Map<string, number>, latencies: Map<string, number[]>): number[][] {
  const steps = new Map<number, number[]>();
  for (const [key, values] of latencies) {
    const step = stepOf.get(key);
    if (step === undefined) continue;
    steps.set(step, [...(steps.get(step) ?? []), ...values]);
  }
  return [...steps.entries()].sort((a, b) => a[0] - b[0]).map(([, values]) => [...values].sort((a, b) => a - b));
}

/** Per step, in step order; `latencies[key]` are the screens' latencies for the change `key`. */
export function summariseSteps(stepOf: Map<string, number>, latencies: Map<string, number[]>): StepSummary[] {
  return bySteps(stepOf, latencies).map((sorted) => ({ p50: middle(sorted, 0.5), max: sorted.at(-1)! }));
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { low: sorted[0]!, median: middle(sorted, 0.5), high: sorted.at(-1)! };
}

export function stepSpread(stepOf: Map<string, number>, latencies: Map<string, number[]>): StepSpread | undefined {
  const steps = summariseSteps(stepOf, latencies);
  if (steps.length === 0) return undefined;
  const afterFirst = bySteps(stepOf, latencies)
    .slice(1)
    .flat()
    .sort((a, b) => a - b);
  return {
    steps: steps.length,
    p50: spread(steps.map((s) => s.p50)),
    max: spread(steps.map((s) => s.max)),
    first: steps[0]!,
    p99AfterFirst: afterFirst.length ? middle(afterFirst, 0.99) : NaN,
  };
}
