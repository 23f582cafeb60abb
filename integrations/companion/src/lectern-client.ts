import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ChairCommand, CommandResult, LiveView, ObsHallStatus, WatchResult } from './lectern-types.js';

/** Where to reach Lectern and as whom. */
export interface LecternClientConfig {
  /** Lectern's origin, e.g. http://192.168.1.10:3000 */
  url: string;
  /** A chair token for `hallId`, or the director token. */
  token: string;
  hallId: string;
}

/** The link's state, for Companion's instance status. */
export type LinkStatus =
  | { state: 'connecting' }
  | { state: 'ok'; role: 'chair' | 'director' }
  | { state: 'disconnected'; reason: string }
  /** Lectern refused the configuration (bad token, another hall's chair token, unknown hall): no retry helps. */
  | { state: 'refused'; reason: string };

/** What the client tells its owner. */
export interface LecternClientEvents {
  view(view: LiveView): void;
  status(status: LinkStatus): void;
  obs(status: ObsHallStatus): void;
  program(info: { timeZone: string }): void;
}

/** How many clock:ping samples a (re)connect takes; the one with the smallest round trip wins. */
const CLOCK_SAMPLES = 5;

/**
 * A socket.io link to one hall of a Lectern server: checks the token's role and hall (`GET /api/v1/auth/me`),
 * watches the hall (`hall:watch`, then every `hall:changed`), keeps a clock offset to server time from
 * `clock:ping`, and sends chair commands with a `commandId` and the `expectRevision` of the last view.
 * socket.io reconnects by itself; each reconnect watches again and resyncs the clock.
 */
export class LecternClient {
  private socket: Socket | null = null;
  private lastView: LiveView | null = null;
  /** Server time minus local time (ms). */
  private offsetMs = 0;
  private bestRoundTrip = Infinity;
  private refused = false;

  constructor(
    private readonly config: LecternClientConfig,
    private readonly on: LecternClientEvents,
    /** Local clock (epoch ms); injected for tests. */
    private readonly localNow: () => number = Date.now,
  ) {}

  /** The last view the server sent (null before the first). */
  get view(): LiveView | null {
    return this.lastView;
  }

  /** Server time now (epoch ms), from the local clock and the synced offset. */
  serverNow(): number {
    return this.localNow() + this.offsetMs;
  }

  /** Checks the token, then connects; a refused configuration reports `refused` and stays down. */
  async start(): Promise<void> {
    this.on.status({ state: 'connecting' });
    const base = this.config.url.replace(/\/+$/, '');
    let who: { role?: string; hallId?: string };
    try {
      const response = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${this.config.token}` } });
      if (response.status === 401) return this.refuse('Lectern refused the token (unknown or revoked)');
      if (!response.ok) return this.refuse(`Lectern answered ${response.status} to /api/v1/auth/me`);
      who = (await response.json()) as { role?: string; hallId?: string };
    } catch (error) {
      // Server not up yet: connect anyway, socket.io retries; the role is checked again by the server on each command.
      who = {};
      this.on.status({ state: 'disconnected', reason: `cannot reach ${base}: ${(error as Error).message}` });
    }
    if (who.role === 'chair' && who.hallId !== this.config.hallId) {
      return this.refuse(`this chair token is for hall "${who.hallId}", not "${this.config.hallId}"`);
    }
    await this.loadTimeZone(base);
    this.connect(base, who.role === 'director' ? 'director' : 'chair');
  }

  private async loadTimeZone(base: string): Promise<void> {
    try {
      const response = await fetch(`${base}/api/v1/program`);
      if (!response.ok) return;
      const program = (await response.json()) as { timeZone?: string; event?: { timeZone?: string } };
      const timeZone = program.timeZone ?? program.event?.timeZone;
      if (timeZone) this.on.program({ timeZone });
    } catch {
      // The zone only formats next_start; the machine's zone stands in until the next reconnect.
    }
  }

  private refuse(reason: string): void {
    this.refused = true;
    this.on.status({ state: 'refused', reason });
  }

  private connect(base: string, role: 'chair' | 'director'): void {
    const socket = io(base, { auth: { token: this.config.token }, reconnectionDelayMax: 5000, transports: ['websocket'] });
    this.socket = socket;
    socket.on('connect', () => {
      this.bestRoundTrip = Infinity;
      void this.syncClock();
      socket.emit('hall:watch', { hallId: this.config.hallId }, (result: WatchResult) => {
        if (!result.ok) {
          this.refuse(`hall "${this.config.hallId}": ${result.message}`);
          socket.close();
          return;
        }
        this.accept(result.snapshot);
        this.on.status({ state: 'ok', role });
      });
    });
    socket.on('connect_error', (error: Error) => {
      if (error.message === 'unauthorized') {
        this.refuse('Lectern refused the token (unknown or revoked)');
        socket.close();
      } else this.on.status({ state: 'disconnected', reason: error.message });
    });
    socket.on('disconnect', (reason: string) => {
      if (this.refused) return;
      this.on.status({ state: 'disconnected', reason });
      // A server-side disconnect (token revoked) is not retried by socket.io; try once more, the check refuses it.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('hall:changed', (snapshot: LiveView) => {
      if (snapshot.hallId === this.config.hallId) this.accept(snapshot);
    });
    socket.on('obs:changed', (status: ObsHallStatus) => {
      if (status.hallId === this.config.hallId) this.on.obs(status);
    });
    socket.on('program:changed', () => void this.loadTimeZone(base));
  }

  /** Keeps the newest view only (a late answer never overwrites a newer change). */
  private accept(view: LiveView): void {
    if (this.lastView && view.revision < this.lastView.revision && view.serverTime < this.lastView.serverTime) return;
    this.lastView = view;
    this.on.view(view);
  }

  private async syncClock(): Promise<void> {
    const socket = this.socket;
    for (let i = 0; i < CLOCK_SAMPLES && socket?.connected; i++) {
      const t0 = this.localNow();
      const pong = await new Promise<{ t0: number; serverTime: number } | null>((resolve) => {
        socket
          .timeout(3000)
          .emit('clock:ping', t0, (error: Error | null, answer: { t0: number; serverTime: number }) =>
            resolve(error ? null : answer),
          );
      });
      if (!pong) return;
      const t1 = this.localNow();
      if (t1 - t0 < this.bestRoundTrip) {
        this.bestRoundTrip = t1 - t0;
        this.offsetMs = pong.serverTime - (t0 + t1) / 2;
      }
    }
  }

  /**
   * Sends a chair command built on the last view's revision, with a fresh `commandId`. A stale revision
   * (someone else acted first) is answered `conflict` with the current view; the client takes that view and
   * does not resend (a button press means "on what I saw").
   */
  async send(command: ChairCommand): Promise<CommandResult> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: 'offline', message: 'not connected to Lectern' };
    const envelope = {
      hallId: this.config.hallId,
      ...command,
      commandId: randomUUID(),
      ...(this.lastView ? { expectRevision: this.lastView.revision } : {}),
    };
    const result = await new Promise<CommandResult>((resolve) => {
      socket
        .timeout(10_000)
        .emit('hall:command', envelope, (error: Error | null, answer: CommandResult) =>
          resolve(error ? { ok: false, error: 'timeout', message: 'Lectern did not answer in 10 s' } : answer),
        );
    });
    if (result.view) this.accept(result.view);
    return result;
  }

  /** Closes the link for good. */
  stop(): void {
    this.refused = true;
    this.socket?.close();
    this.socket = null;
  }
}
