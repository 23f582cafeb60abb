import type { CommandLogPage, LoggedCommand } from '../../shared/index.js';
import { api } from './http.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { freePort } from './obs.js';
import { startServer, tempDir, type TestServer, type TestServerOptions } from './server.js';

/** Debian's redis-server, as the multi-node tests run it. */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** A real redis-server on 127.0.0.1 the test controls. */
export interface TestRedis {
  /** e.g. redis://127.0.0.1:41236 */
  url: string;
  port: number;
  /** Its config file and data (the AOF) live here. */
  dir: string;
  /** Everything it printed. */
  output(): string;
  /** A crash: SIGKILL, resolves when the process is gone (the AOF stays). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data (replays the AOF); resolves when it answers PING. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function configFor(port: number, dir: string): string {
  return [
    `port ${port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    `dir ${dir}`,
    'save ""',
    // Acknowledged means durable: every write is fsynced to the AOF before Redis answers it.
    'appendonly yes',
    'appendfsync always',
    'daemonize no',
    'loglevel warning',
    `logfile ""`,
  ].join('\n');
}

/** Answers once Redis replies +PONG on `port`, or rejects after `timeoutMs`. */
async function waitForPong(port: number, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pong = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    if (pong) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${port}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts redis-server on a free loopback port with its own config and data (AOF, appendfsync always). */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = tempDir('lectern-redis-');
  const configFile = join(dir, 'redis.conf');
  writeFileSync(configFile, configFor(port, dir));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';
  const launch = async () => {
    const started = spawn(REDIS_SERVER, [configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForPong(port, 10_000, () => output);
  };
  const kill = async (signal: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  await launch();
  process.once('exit', () => child?.kill('SIGKILL'));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    output: () => output,
    kill: () => kill('SIGKILL'),
    restart: launch,
    stop: () => kill('SIGTERM'),
  };
}

/** Starts a Lectern node on `redis` (its own data folder, for the per-node OBS records). */
export function startNode(redis: TestRedis, options: TestServerOptions = {}): Promise<TestServer> {
  return startServer({ ...options, args: ['--redis', redis.url, ...(options.args ?? [])] });
}

/** A chair for a burst: the hall it runs and its token. */
export interface BurstChair {
  name: string;
  hallId: string;
  token: string;
}

/** What a burst of chairs' commands met. */
export interface BurstResult {
  /** Every command a node acknowledged (200), with the banner text that names it. */
  acknowledged: { hallId: string; text: string; revision: number }[];
  /** Answers by status other than 200 (each retry counted), e.g. { 503: 12, 502: 1 }. */
  refused: Record<string, number>;
  /** Bodies of the 503 answers, to check their error code. */
  unavailableErrors: Set<string>;
}

/**
 * Chairs sending `message` commands (a unique text each, with a commandId) over HTTP to `base()` as fast as the
 * answers come, `gapMs` apart. A command that is not acknowledged is sent again with the same commandId, as a
 * chair panel does, until it is or the burst has stopped. `stop()` waits for every chair's last command.
 */
export function startChairBurst(
  base: () => string,
  chairs: readonly BurstChair[],
  gapMs = 30,
): { result: BurstResult; stop(): Promise<BurstResult> } {
  const result: BurstResult = { acknowledged: [], refused: {}, unavailableErrors: new Set() };
  let running = true;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const loops = chairs.map(async (chair) => {
    for (let n = 1; running; n++) {
      const text = `${chair.name} #${n}`;
      const commandId = `${chair.name}-${n}`;
      // After stop, the command under way still gets a few tries, so one that was applied is found acknowledged.
      for (let tries = 0; running || tries < 20; tries++) {
        const answer = await fetch(`${base()}/api/v1/halls/${chair.hallId}/commands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` },
          body: JSON.stringify({ type: 'message', text, commandId }),
          signal: AbortSignal.timeout(5000),
        }).then(
          async (response) => ({
            status: response.status,
            body: (await response.json().catch(() => ({}))) as Record<string, unknown>,
          }),
          () => ({ status: 0, body: {} as Record<string, unknown> }),
        );
        if (answer.status === 200) {
          result.acknowledged.push({ hallId: chair.hallId, text, revision: Number(answer.body.revision) });
          break;
        }
        result.refused[answer.status] = (result.refused[answer.status] ?? 0) + 1;
        if (answer.status === 503) result.unavailableErrors.add(String(answer.body.error));
        await sleep(100);
      }
      await sleep(gapMs);
    }
  });
  return {
    result,
    async stop() {
      running = false;
      await Promise.all(loops);
      return result;
    },
  };
}

/** A hall's whole command log from a node (paged), as the director reads it. */
export async function fullLog(base: string, hallId: string): Promise<LoggedCommand[]> {
  const entries: LoggedCommand[] = [];
  let after = 0;
  for (;;) {
    const page = await api<CommandLogPage>(base, `/api/v1/halls/${hallId}/log?after=${after}&limit=200`);
    if (page.status !== 200) throw new Error(`log of ${hallId}: ${page.status} ${JSON.stringify(page.body)}`);
    entries.push(...page.body.entries);
    if (page.body.entries.length < 200 || page.body.lastSeq === null) return entries;
    after = page.body.lastSeq;
  }
}

/** Every acknowledged command of a burst that is not in its hall's log exactly once (empty: none lost or doubled). */
export async function missingOrDoubled(base: string, result: BurstResult): Promise<string[]> {
  const texts = new Map<string, number>();
  for (const hallId of new Set(result.acknowledged.map((a) => a.hallId))) {
    for (const entry of await fullLog(base, hallId)) {
      if (entry.command.type === 'message') texts.set(entry.command.text, (texts.get(entry.command.text) ?? 0) + 1);
    }
  }
  return result.acknowledged.filter((a) => texts.get(a.text) !== 1).map((a) => `${a.text} ×${texts.get(a.text) ?? 0}`);
}
