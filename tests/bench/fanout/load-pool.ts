import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadPauses, LoadReply, LoadRequest } from './load-protocol.js';

const LOAD_PROCESS = fileURLToPath(new URL('./load-process.ts', import.meta.url));

/** The load generators: a few child processes that hold the light screens between them. */
export class LoadPool {
  private constructor(private readonly children: ChildProcess[]) {}

  /** Forks `count` load processes and waits until each is up. */
  static async start(count: number): Promise<LoadPool> {
    const children = Array.from({ length: count }, () =>
      fork(LOAD_PROCESS, [], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    const pool = new LoadPool(children);
    await Promise.all(children.map((child) => pool.next(child, 'started')));
    return pool;
  }

  /** The load processes' ids (for their CPU time). */
  pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  /** Opens one screen per entry of `halls`, dealt out over the processes; answers each process's report. */
  async connect(wsBases: string[], halls: string[], concurrency = 64) {
    const shares = this.children.map((_, i) => halls.filter((_, n) => n % this.children.length === i));
    return Promise.all(
      this.children.map((child, i) => this.ask(child, { type: 'connect', wsBases, halls: shares[i]!, concurrency }, 'connected')),
    );
  }

  /** Every arrival gathered since the last call, merged over the processes. */
  async collect(): Promise<Map<string, number[]>> {
    return (await this.collectWithPauses()).arrivals;
  }

  /** As `collect`, with the longest pauses of any one load process since the last call. */
  async collectWithPauses(): Promise<{ arrivals: Map<string, number[]>; pauses: LoadPauses }> {
    const merged = new Map<string, number[]>();
    const pauses: LoadPauses = { loopMaxMs: 0, gcMaxMs: 0 };
    for (const reply of await Promise.all(this.children.map((c) => this.ask(c, { type: 'collect' }, 'arrivals')))) {
      for (const [key, times] of Object.entries(reply.arrivals)) merged.set(key, [...(merged.get(key) ?? []), ...times]);
      pauses.loopMaxMs = Math.max(pauses.loopMaxMs, reply.pauses.loopMaxMs);
      pauses.gcMaxMs = Math.max(pauses.gcMaxMs, reply.pauses.gcMaxMs);
    }
    return { arrivals: merged, pauses };
  }

  /** Closes every screen (the processes stay for the next run). */
  async closeScreens(): Promise<void> {
    await Promise.all(this.children.map((c) => this.ask(c, { type: 'close' }, 'closed')));
  }

  /** Ends every load process and waits until each is gone (SIGKILL after 3 s). */
  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(timer);
      }),
    );
  }

  private ask<T extends LoadReply['type']>(child: ChildProcess, request: LoadRequest, answer: T) {
    const reply = this.next(child, answer);
    child.send(request);
    return reply;
  }

  private next<T extends LoadReply['type']>(child: ChildProcess, type: T, timeoutMs = 120_000) {
    return new Promise<Extract<LoadReply, { type: T }>>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        child.off('message', listener);
        child.off('exit', exited);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`load process: no "${type}" in ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (message: LoadReply) => {
        if (message.type !== type) return;
        done();
        resolve(message as Extract<LoadReply, { type: T }>);
      };
      const exited = (code: number | null, signal: string | null) => {
        done();
        reject(new Error(`load process exited (${signal ?? code}) before "${type}"`));
      };
      child.on('message', listener);
      child.once('exit', exited);
    });
  }
}
