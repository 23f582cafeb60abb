// A fan-out scenario runs its servers in rounds (floor, Lectern, Lectern --workers auto; again; again), so that a
// slow minute of this shared machine lands on one round of every server rather than on one server. A target's
// figure is the middle of its rounds, each round's p99 divided by the floor's p99 of the same round.

/** What a round's entry needs: its target's label, the round (absent in runs from before rounds: 0), a p99. */
export interface RoundEntry {
  target: string;
  round?: number;
  p99?: number;
  failed?: string;
}

/** One target over the rounds of a run. */
export interface AcrossRounds<R> {
  /** The entry of the round that gave the middle ratio (of an even count, the lower middle). */
  result: R;
  /** Each measured round's p99 ÷ that round's floor p99, in round order (rounds where either failed are left out). */
  ratios: number[];
  /** The middle of `ratios`. */
  ratio: number;
}

const measured = <R extends RoundEntry>(e: R | undefined): e is R =>
  e !== undefined && e.failed === undefined && typeof e.p99 === 'number';

/**
 * `label` over the rounds of `entries`, against `floorLabel` in the same rounds; undefined when no round has both
 * measured. For the floor itself every ratio is 1 and the result is the round with the middle p99.
 */
export function acrossRounds<R extends RoundEntry>(
  entries: R[],
  label: string,
  floorLabel = 'floor',
): AcrossRounds<R> | undefined {
  const pairs: { result: R; ratio: number; p99: number }[] = [];
  for (const result of entries) {
    if (result.target !== label || !measured(result)) continue;
    const floor = entries.find((e) => e.target === floorLabel && (e.round ?? 0) === (result.round ?? 0));
    if (!measured(floor)) continue;
    pairs.push({ result, ratio: result.p99! / floor.p99!, p99: result.p99! });
  }
  if (pairs.length === 0) return undefined;
  const ratios = pairs.map((p) => round2(p.ratio));
  const key = label === floorLabel ? (p: { p99: number }) => p.p99 : (p: { ratio: number }) => p.ratio;
  const middle = [...pairs].sort((a, b) => key(a) - key(b))[(pairs.length - 1) >> 1]!;
  return { result: middle.result, ratios, ratio: round2(middle.ratio) };
}

/** How many rounds `entries` has (1 for runs from before rounds). */
export function roundCount(entries: RoundEntry[]): number {
  return Math.max(1, ...entries.map((e) => (e.round ?? 0) + 1));
}

const round2 = (n: number) => Math.round(n * 100) / 100;
