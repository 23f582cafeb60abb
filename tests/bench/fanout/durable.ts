import { performance } from 'node:perf_hooks';
import type { Launched } from './launch.js';
import { percentile } from '../percentile.js';

/** Durable command latency of one target (ms). */
export interface DurableResult {
  target: string;
  commands: number;
  p50: number;
  p90: number;
  p99: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Sequential `message` commands over HTTP (keep-alive, as a chair's browser), each awaited: Lectern answers once
 * the command is durable (its SQLite transaction committed); the floor after a write without fsync.
 */
export async function durableCommandLatency(server: Launched, commands: number): Promise<DurableResult> {
  const times: number[] = [];
  for (let i = 0; i < commands; i++) {
    const started = performance.now();
    const response = await fetch(`${server.httpBase}/api/v1/halls/hall01/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ type: 'message', text: `durable ${i}` }),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`command failed: ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    target: server.label,
    commands,
    p50: round(percentile(times, 50)),
    p90: round(percentile(times, 90)),
    p99: round(percentile(times, 99)),
  };
}
