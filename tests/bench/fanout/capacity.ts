/** The screens a curve carries at `p99`: linear between the last step at or under it and the next one. */
export function capacityAt(curve: { displays: number; p99: number }[], p99: number): number | null {
  const sorted = [...curve].sort((a, b) => a.displays - b.displays);
  const over = sorted.findIndex((point) => point.p99 > p99);
  if (over === 0) return null; // even the smallest step is slower
  if (over === -1) return sorted.at(-1)!.displays; // at least the largest step
  const [below, above] = [sorted[over - 1]!, sorted[over]!];
  return Math.round(below.displays + ((p99 - below.p99) / (above.p99 - below.p99)) * (above.displays - below.displays));
}
