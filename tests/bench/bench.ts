/** What one benchmark module reports. */
export interface BenchReport {
  /** Section title in docs/benchmarks.md. */
  title: string;
  /** The section's body (markdown: a sentence on method, then a table). */
  markdown: string;
  /** The numbers, for docs/benchmarks.json. */
  data: unknown;
}

/** A benchmark (a module, or one scenario of the fan-out bench): `npm run bench` runs those in tests/bench/benches.ts. */
export interface Bench {
  /** Short name; `npm run bench -- --only <name or prefix>` runs only the matching ones. */
  name: string;
  /** Part of `npm run bench -- --quick`. */
  quick?: boolean;
  /** A run that takes longer is stopped and recorded as failed (ms). */
  timeoutMs: number;
  /** Fan-out scenarios: their `data` goes to one shared section rendered from every scenario's last result. */
  group?: 'fanout';
  /**
   * Runs it. `signal` aborts when the bound is reached: the bench stops what it started (servers, load
   * processes) and rejects.
   */
  run(signal: AbortSignal): Promise<BenchReport>;
}

/** Formats bytes as KiB with one decimal. */
export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** A markdown table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
