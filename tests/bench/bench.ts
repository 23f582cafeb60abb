/** What one benchmark module reports. */
export interface BenchReport {
  /** Section title in docs/benchmarks.md. */
  title: string;
  /** The section's body (markdown: a sentence on method, then a table). */
  markdown: string;
  /** The numbers, for docs/benchmarks.json. */
  data: unknown;
}

/** A benchmark module: `npm run bench` runs every one listed in tests/bench/benches.ts. */
export interface Bench {
  /** Short name; `npm run bench -- <name>` runs only the named ones. */
  name: string;
  run(): Promise<BenchReport>;
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
