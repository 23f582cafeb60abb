// `npm run bench [-- --only name[,name] | --quick | --list | name ...]`: runs the benchmarks against the BUILT
// project (it builds nothing: run `npm run build` first), writes docs/benchmarks.json and docs/benchmarks.md.
// Every benchmark is bounded (its `timeoutMs`); one that fails or times out is recorded as failed, with the
// reason, and the run goes on. A partial run keeps the other benchmarks' last results.
//   --only fanout-1k     every benchmark whose name is or starts with "fanout-1k" (comma-separated, repeatable)
//   --quick              the `quick` ones: 1,000 screens on one hall, the 1k storm, durable commands, server
//   --list               prints the names and bounds, runs nothing
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../support/server.js';
import type { Bench, BenchReport } from './bench.js';
import { benches } from './benches.js';
import { fanoutMarkdown, type StoredRun } from './fanout/fanout-report.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { only: { type: 'string', multiple: true }, quick: { type: 'boolean' }, list: { type: 'boolean' } },
});
if (values.list) {
  for (const b of benches) console.log(`${b.name.padEnd(18)} ≤ ${Math.round(b.timeoutMs / 1000)} s${b.quick ? '  (quick)' : ''}`);
  process.exit(0);
}
const wanted = [...(values.only ?? []).flatMap((o) => o.split(',')), ...positionals].filter(Boolean);
const matches = (b: Bench) => wanted.some((w) => b.name === w || b.name.startsWith(w));
const selected = benches.filter((b) => (wanted.length === 0 || matches(b)) && (!values.quick || b.quick));
const partial = wanted.length > 0 || values.quick === true;
if (selected.length === 0) {
  console.error(`no such benchmark: ${wanted.join(' ')} (there are: ${benches.map((b) => b.name).join(', ')})`);
  process.exit(2);
}
if (!existsSync(join(ROOT, 'dist/server/cli.js')) || !existsSync(join(ROOT, 'dist/web/display/index.html'))) {
  console.error('the benchmarks measure the built project: run `npm run build` first');
  process.exit(2);
}

const cores = cpus().length;
const machine = {
  cores,
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  ramGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  /** 1-minute load average when the run started: the machine is shared. */
  loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
};
const machineLine = `${machine.cores} × ${machine.cpu}, ${machine.ramGiB} GiB, Node ${machine.node}`;

/** Runs one benchmark within its bound: a failure or a timeout is an answer, never a crash of the run. */
async function runBounded(bench: Bench): Promise<{ run: StoredRun; report?: BenchReport }> {
  const ranAt = new Date().toISOString();
  const started = Date.now();
  const controller = new AbortController();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const running = bench.run(controller.signal);
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), bench.timeoutMs)));
  try {
    const first = await Promise.race([running, timedOut]);
    if (first === 'timeout') {
      controller.abort(new Error(`over ${Math.round(bench.timeoutMs / 1000)} s`));
      // The bench stops its servers and load processes on abort; give it a bounded moment to do so.
      const settled = await Promise.race([
        running.then(
          (report) => report,
          () => undefined,
        ),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000)),
      ]);
      return {
        run: {
          ok: false,
          ranAt,
          seconds: seconds(),
          reason: `timed out after ${Math.round(bench.timeoutMs / 1000)} s`,
          data: settled?.data,
        },
      };
    }
    return { run: { ok: !hasFailedTarget(first.data), ranAt, seconds: seconds(), data: first.data }, report: first };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
    return { run: { ok: false, ranAt, seconds: seconds(), reason } };
  } finally {
    clearTimeout(timer);
  }
}

function hasFailedTarget(data: unknown): boolean {
  const targets = (data as { targets?: unknown[] } | undefined)?.targets;
  return Array.isArray(targets) && targets.some((t) => typeof (t as { failed?: unknown }).failed === 'string');
}

// What the files hold from earlier runs (a partial run keeps it; a full run starts afresh).
const mdPath = join(ROOT, 'docs/benchmarks.md');
const jsonPath = join(ROOT, 'docs/benchmarks.json');
interface Stored {
  runs: Record<string, StoredRun>;
  /** Title and markdown of the sections other than the fan-out one, by benchmark name. */
  sections: Record<string, { title: string; markdown: string }>;
}
/** Section titles of the benchmarks whose earlier sections can be read back from docs/benchmarks.md. */
const TITLES: Record<string, string> = {
  server: 'Commands and broadcast (server)',
  import: 'Program import and export',
  'display-pages': 'Display pages: size and idle CPU',
};
const SOAK = [
  '## Soak: a conference day',
  '',
  'Flatness over a whole day (heap, handles, sockets of the server with 500 screens reconnecting and chairs working the',
  'program, on the rehearsal clock run fast) is measured by `npm run soak`, outside `npm run bench`: see',
  '[soak.md](soak.md) for the method, the committed curve and its reading. The command benchmark above runs with its',
  'flood limits raised (`--token-rate`, `--socket-rate`): it measures the server, not the throttle.',
  '',
].join('\n');
const stored: Stored = { runs: {}, sections: {} };
if (partial && existsSync(jsonPath)) {
  const old = JSON.parse(readFileSync(jsonPath, 'utf8')) as Partial<Stored>;
  Object.assign(stored.runs, old.runs ?? {});
  Object.assign(stored.sections, old.sections ?? {});
  // Files from before the runs were stored one by one: keep their sections, found by title.
  if (!old.sections && existsSync(mdPath)) {
    for (const section of readFileSync(mdPath, 'utf8')
      .split(/^(?=## )/m)
      .slice(1)) {
      const title = section.slice(3, section.indexOf('\n')).trim();
      const markdown = section.slice(section.indexOf('\n')).trim();
      const bench = benches.find((b) => b.group !== 'fanout' && TITLES[b.name] === title);
      if (bench) stored.sections[bench.name] = { title, markdown };
    }
  }
}

const FANOUT_TITLE = 'Fan-out, connect storm, memory, durable commands';
for (const bench of selected) {
  console.log(`▶ ${bench.name} (bounded at ${Math.round(bench.timeoutMs / 1000)} s)`);
  const { run, report } = await runBounded(bench);
  stored.runs[bench.name] = run;
  console.log(run.ok ? `  done in ${run.seconds} s` : `  FAILED after ${run.seconds} s: ${run.reason ?? 'a target failed'}`);
  if (bench.group !== 'fanout') {
    stored.sections[bench.name] = report
      ? { title: report.title, markdown: report.markdown }
      : { title: bench.name, markdown: `Failed on ${run.ranAt.slice(0, 10)}: ${run.reason ?? ''}` };
  }
  write(); // after each benchmark: a run stopped half-way still leaves what it measured
}

function write(): void {
  const order = benches.map((b) => b.name);
  const fanoutRuns = order
    .filter((name) => benches.find((b) => b.name === name)?.group === 'fanout' && stored.runs[name])
    .map((name) => [name, stored.runs[name]!] as [string, StoredRun]);
  const others = order.filter((name) => stored.sections[name]).map((name) => stored.sections[name]!);
  const markdown = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` on ${machineLine} (load average ${machine.loadAverageAtStart} at the start of the last run, ` +
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC). Numbers depend on the machine; compare runs on the same one. ` +
      'Each scenario row says when it ran; `npm run bench -- --only <name>` re-runs some and keeps the others.',
    '',
    ...(fanoutRuns.length ? [`## ${FANOUT_TITLE}`, '', fanoutMarkdown(fanoutRuns, cores), ''] : []),
    ...others.flatMap((s) => [`## ${s.title}`, '', s.markdown, '']),
    SOAK,
  ].join('\n');
  writeFileSync(mdPath, markdown);
  writeFileSync(jsonPath, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, ...stored }, null, 2)}\n`);
}
console.log('wrote docs/benchmarks.md and docs/benchmarks.json');
process.exit(0);
