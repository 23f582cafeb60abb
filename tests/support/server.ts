import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this test runs in. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The director token every test server runs with. */
export const DIRECTOR_TOKEN = 'lct_d_test-director-token-0123456789abcdef';

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed. */
  output(): string;
  /** Stops it: SIGTERM (clean) or SIGKILL (a crash). Resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface TestServerOptions {
  /** Reuse a data folder (a restart); default: a new temporary one. */
  dataDir?: string;
  /** Extra `lectern serve` flags, e.g. ['--clock', '2025-10-02T09:00']. */
  args?: string[];
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  env?: Record<string, string>;
  /** A config (docs/config.md) to serve with: written to a temporary JSON file passed as `--config`. */
  config?: Record<string, unknown>;
  /**
   * Run it on a terminal (a pseudo-terminal from util-linux `script`): readable logs, and a generated director
   * token printed instead of written to DATA/director-token. `output()` is then without colours and CRs.
   */
  terminal?: boolean;
  /** Node flags before the script, e.g. ['--cpu-prof'] (a profile of the server: tests/bench/storm-profile.ts). */
  nodeArgs?: string[];
}

/** A shell word for `script -c`. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

const madeDirs: string[] = [];
// Temporary folders go when the test process does (a restart test reuses one after its server stopped).
process.once('exit', () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new empty temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'lectern-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/** A config written to a new temporary JSON file: its path. */
function configFile(config: Record<string, unknown>): string {
  const file = join(tempDir('lectern-config-'), 'lectern.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Starts the built server (`node dist/server/cli.js serve`) on 127.0.0.1 and an ephemeral port, and waits
 * until it says where it listens. Needs `npm run build` first (npm test does it).
 */
export async function startServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const serveArgs = [
    ...(options.nodeArgs ?? []),
    join(ROOT, 'dist/server/cli.js'),
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    '--data',
    dataDir,
    ...(options.config ? ['--config', configFile(options.config)] : []),
    ...(options.args ?? []),
  ];
  const [command, args]: [string, string[]] = options.terminal
    ? ['script', ['-qfec', [process.execPath, ...serveArgs].map(shellWord).join(' '), '/dev/null']]
    : [process.execPath, serveArgs];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      LECTERN_DIRECTOR_TOKEN: DIRECTOR_TOKEN,
      ...(options.terminal ? { NO_COLOR: '1' } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // eslint-disable-next-line no-control-regex
  const clean = (text: string) => (options.terminal ? text.replace(/\r/g, '').replace(/\x1b\[[0-9;]*m/g, '') : text);
  child.stdout!.on('data', (chunk: Buffer) => (output += clean(chunk.toString())));
  child.stderr!.on('data', (chunk: Buffer) => (output += clean(chunk.toString())));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    // A loaded machine (CI, or other work beside the suite) can take long to start several workers.
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
