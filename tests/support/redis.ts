import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { io } from 'socket.io-client';
import type { LecternClientSocket } from '../../shared/index.js';
import type { Readiness } from '../../server/http/readyz.js';
import { api } from './http.js';
import { freePort } from './net.js';
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
  // Removed at stop: a bench starts a redis-server for each of its runs.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    output: () => output,
    kill: () => kill('SIGKILL'),
    restart: launch,
    stop: async () => {
      process.off('exit', killOnExit);
      await kill('SIGTERM');
    },
  };
}

/** Starts a Lectern node on `redis` (with its own data folder, as a node on another machine has). */
export function startNode(redis: TestRedis, options: TestServerOptions = {}): Promise<TestServer> {
  return startServer({ ...options, args: ['--redis', redis.url, ...(options.args ?? [])] });
}

/** A screen in a fault test: the newest revision it was shown, and how often its socket dropped. */
export interface WatchingScreen {
  socket: LecternClientSocket;
  hallId: string;
  revision: number;
  drops: number;
}

/**
 * A screen on `url` (a node or the load balancer), as the pages connect: websocket only, reconnecting, re-watching
 * its hall on every connect, keeping the newest snapshot's revision (older ones are dropped, as the pages do).
 */
export function watchingScreen(url: string, hallId: string): WatchingScreen {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  }) as LecternClientSocket;
  const screen: WatchingScreen = { socket, hallId, revision: -1, drops: 0 };
  socket.on('connect', () => void socket.emit('hall:watch', { hallId }));
  socket.on('disconnect', () => screen.drops++);
  socket.on('hall:changed', (snapshot) => {
    if (snapshot.hallId === hallId && snapshot.revision > screen.revision) screen.revision = snapshot.revision;
  });
  return screen;
}

/** What a node's `/readyz` answers (its node id, the OBS leases it sees). */
export async function readiness(node: TestServer): Promise<Readiness> {
  return (await api<Readiness>(node.url, '/readyz', { token: null })).body;
}
