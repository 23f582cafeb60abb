import { performance } from 'node:perf_hooks';
import type { LecternClientSocket } from '../../shared/index.js';
import { DIRECTOR_TOKEN, startServer } from '../support/server.js';
import { connect } from '../support/socket.js';
import { percentile } from './percentile.js';

/** One benchmark's numbers, by name. */
export type BenchNumbers = Record<string, number | string>;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The server under load, on loopback: how long a command takes from send to durable acknowledgement, and how long
 * until every watching screen has the change. Bounded: a fixed number of commands, then it stops.
 */
export async function benchServerCommands(options = { watchers: 100, commands: 300 }): Promise<BenchNumbers> {
  const startedAt = performance.now();
  const server = await startServer({
    // Measures the server, not its flood protection: limits far above what the loop sends.
    args: ['--clock', '2025-10-02T09:30:00+09:00', '--token-rate', '1000000', '--socket-rate', '1000000'],
  });
  const startupMs = performance.now() - startedAt;
  const sockets: LecternClientSocket[] = [];
  try {
    const chair = await connect(server.url, DIRECTOR_TOKEN);
    sockets.push(chair);
    for (let i = 0; i < options.watchers; i++) {
      const watcher = await connect(server.url);
      await watcher.emitWithAck('hall:watch', { hallId: 'namba' });
      sockets.push(watcher);
    }
    const watchers = sockets.slice(1);
    const ackMs: number[] = [];
    const fanOutMs: number[] = [];
    const loopStarted = performance.now();
    for (let i = 0; i < options.commands; i++) {
      const sent = performance.now();
      let pending = watchers.length;
      const allSeen = new Promise<void>((resolve) => {
        for (const watcher of watchers) {
          watcher.once('hall:changed', () => {
            pending -= 1;
            if (pending === 0) resolve();
          });
        }
      });
      const type = i % 2 === 0 ? 'hold' : 'release';
      const result = await chair.emitWithAck('hall:command', { hallId: 'namba', type });
      ackMs.push(performance.now() - sent);
      if (!result.ok) throw new Error(`command failed: ${result.message}`);
      await allSeen;
      fanOutMs.push(performance.now() - sent);
    }
    const loopSeconds = (performance.now() - loopStarted) / 1000;
    ackMs.sort((a, b) => a - b);
    fanOutMs.sort((a, b) => a - b);
    return {
      'server start to listening (ms)': round(startupMs),
      watchers: options.watchers,
      commands: options.commands,
      'command ack p50 (ms)': round(percentile(ackMs, 50)),
      'command ack p95 (ms)': round(percentile(ackMs, 95)),
      'command ack p99 (ms)': round(percentile(ackMs, 99)),
      [`all ${options.watchers} screens updated p50 (ms)`]: round(percentile(fanOutMs, 50)),
      [`all ${options.watchers} screens updated p95 (ms)`]: round(percentile(fanOutMs, 95)),
      'sequential commands per second': round(options.commands / loopSeconds),
    };
  } finally {
    sockets.forEach((s) => s.close());
    await server.stop();
  }
}

// Run alone: npx tsx tests/bench/server-commands.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchServerCommands());
}
