import type { OBSRequestTypes, OBSResponseTypes } from 'obs-websocket-js';
import type { ObsConnectionState } from '../../shared/index.js';
import { OBS_EVENT_SUBSCRIPTIONS, type ObsErrorLike, type ObsEventName, type ObsEvents, type ObsSocket } from './obs.socket.js';

/** Close codes after which OBS will refuse Lectern again: wrong password, unsupported RPC, session kicked. */
export const FATAL_CLOSE_CODES: Readonly<Record<number, string>> = {
  4009: 'OBS refused the password (close code 4009): check passwordEnv / passwordFile and Tools → WebSocket Server Settings',
  4010: 'OBS does not speak obs-websocket RPC version 1 (close code 4010)',
  4011: 'OBS ended the session (close code 4011): someone kicked Lectern in Tools → WebSocket Server Settings',
};

/** Request status: OBS is not ready yet (still loading); the request may be retried. */
export const NOT_READY = 207;

/** Waits before reconnect attempts (ms): quick at first, then every 10 s. */
export const DEFAULT_BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 10_000];

export interface ObsConnectionOptions {
  url: string;
  password: string | undefined;
  /** Reads the password again before a director's retry (a fixed secrets file); else `password` is used. */
  rereadPassword?: () => Promise<string | undefined>;
  createSocket: () => ObsSocket;
  /** Server time for the status (ms). */
  now: () => number;
  backoffMs?: readonly number[];
  /** How long a request or a connect may take (ms). */
  timeoutMs?: number;
  /** Pause between retries of a 207 "not ready" answer (ms), and how many. */
  notReadyRetryMs?: number;
  notReadyRetries?: number;
  log?: (message: string) => void;
}

/** The link's state for the status. */
export interface ConnectionStatus {
  state: Exclude<ObsConnectionState, 'unconfigured'>;
  error: string | null;
  since: number;
  retries: number;
  nextRetryAt: number | null;
}

/** Raised by `call` when there is no session (OBS down, refused, or the link closed). */
export class ObsUnavailableError extends Error {
  override name = 'ObsUnavailableError';
}

/** A request (or handshake) OBS did not answer in time: OBS is frozen or the host does not answer. */
export class ObsTimeoutError extends Error {
  override name = 'ObsTimeoutError';
}

/** The code of an OBS error (request status or close code), if it has one. */
export function obsErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The message of an OBS error, for a person. */
export function obsErrorMessage(error: unknown): string {
  const message =
    error instanceof Error || typeof (error as ObsErrorLike)?.message === 'string'
      ? (error as ObsErrorLike).message
      : String(error);
  const code = obsErrorCode(error);
  return code !== undefined && code > 0 ? `${message || 'error'} (${code})` : message || 'unknown error';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Session {
  socket: ObsSocket;
  /** Rejects when the session closes, so no request waits forever for an answer that cannot come. */
  closed: Promise<never>;
  end(reason: string): void;
}

/**
 * One hall's link to OBS: connects, reconnects with backoff after a loss (obs-websocket-js has none), never
 * after a fatal close code, and makes requests that cannot hang (timeout, session loss) and that retry a 207.
 */
export class ObsConnection {
  private session: Session | undefined;
  private status: ConnectionStatus;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly stateListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly readyListeners = new Set<(hello: { obsWebSocketVersion: string }) => void>();
  private readonly eventListeners = new Map<ObsEventName, Set<(data: never) => void>>();

  private password: string | undefined;
  private attempting: Promise<void> | undefined;

  constructor(private readonly options: ObsConnectionOptions) {
    this.password = options.password;
    this.status = { state: 'connecting', error: null, since: options.now(), retries: 0, nextRetryAt: null };
  }

  get connected(): boolean {
    return this.session !== undefined;
  }

  getStatus(): ConnectionStatus {
    return { ...this.status };
  }

  /** Told of every state change. */
  onState(listener: (status: ConnectionStatus) => void): void {
    this.stateListeners.add(listener);
  }

  /** Told after every successful connect (the first and each reconnect). */
  onReady(listener: (hello: { obsWebSocketVersion: string }) => void): void {
    this.readyListeners.add(listener);
  }

  /** Listens to an OBS event on every session. */
  on<E extends ObsEventName>(event: E, listener: (data: ObsEvents[E]) => void): void {
    const set = this.eventListeners.get(event) ?? new Set();
    set.add(listener as (data: never) => void);
    this.eventListeners.set(event, set);
  }

  start(): void {
    void this.attempt();
  }

  /**
   * A director's "try again": connects now, also after OBS refused Lectern for good (a password fixed in the
   * secrets file, a session kicked by mistake). Does nothing while connected. Resolves when the attempt is over.
   */
  async retryNow(): Promise<void> {
    if (this.stopped || this.session) return;
    if (this.attempting) return this.attempting;
    clearTimeout(this.retryTimer);
    if (this.options.rereadPassword) this.password = (await this.options.rereadPassword()) ?? this.password;
    this.setStatus({ state: 'connecting', error: null, retries: 0, nextRetryAt: null });
    await this.attempt();
  }

  /** Closes the link for good. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    session.end('Lectern is stopping');
    await this.bounded(session.socket.disconnect()).catch(() => undefined);
  }

  /**
   * A request to OBS: rejects when not connected, when the session closes, or with OBS's error. A request OBS
   * does not answer in time ends the session (a frozen OBS keeps its TCP connection open but is down all the
   * same): the link shows it and reconnects.
   */
  async call<T extends keyof OBSRequestTypes>(requestType: T, requestData?: OBSRequestTypes[T]): Promise<OBSResponseTypes[T]> {
    const retries = this.options.notReadyRetries ?? 20;
    for (let attempt = 0; ; attempt++) {
      const session = this.session;
      if (!session) throw new ObsUnavailableError('OBS is not connected');
      try {
        return await Promise.race([
          this.bounded(session.socket.call(requestType, requestData), `${requestType} got no answer`),
          session.closed,
        ]);
      } catch (error) {
        if (error instanceof ObsTimeoutError) throw this.abandon(session, error);
        if (obsErrorCode(error) !== NOT_READY || attempt >= retries) throw error;
        await sleep(this.options.notReadyRetryMs ?? 500);
      }
    }
  }

  private bounded<T>(promise: Promise<T>, what = 'OBS did not answer'): Promise<T> {
    const timeoutMs = this.options.timeoutMs ?? 8000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ObsTimeoutError(`${what} within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Gives up a session that stopped answering; answers the error for the caller. */
  private abandon(session: Session, error: ObsTimeoutError): ObsUnavailableError {
    if (this.session === session) {
      this.session = undefined;
      session.end(`OBS stopped answering: ${error.message}`);
      void this.bounded(session.socket.disconnect()).catch(() => undefined);
      this.lost({ message: `OBS stopped answering (${error.message})` });
    }
    return new ObsUnavailableError(`OBS stopped answering: ${error.message}`);
  }

  private setStatus(change: Partial<ConnectionStatus>): void {
    const next = { ...this.status, ...change };
    if (change.state && change.state !== this.status.state) next.since = this.options.now();
    this.status = next;
    for (const listener of this.stateListeners) listener(this.getStatus());
  }

  /** One connect attempt at a time: a retry asked while one runs waits for it. */
  private attempt(): Promise<void> {
    this.attempting ??= this.connectOnce().finally(() => (this.attempting = undefined));
    return this.attempting;
  }

  private async connectOnce(): Promise<void> {
    if (this.stopped) return;
    const socket = this.options.createSocket();
    for (const [event, listeners] of this.eventListeners) {
      socket.on(event, (data) => {
        if (this.session?.socket !== socket) return;
        for (const listener of listeners) listener(data as never);
      });
    }
    let rejectClosed: (error: Error) => void = () => undefined;
    const closed = new Promise<never>((_, reject) => (rejectClosed = reject));
    closed.catch(() => undefined);
    socket.onClosed((error) => {
      if (this.session?.socket !== socket) return;
      this.session = undefined;
      rejectClosed(new ObsUnavailableError(`the connection to OBS closed: ${obsErrorMessage(error)}`));
      this.lost(error);
    });
    try {
      const hello = await this.bounded(
        socket.connect(this.options.url, this.password, { rpcVersion: 1, eventSubscriptions: OBS_EVENT_SUBSCRIPTIONS }),
        'OBS did not complete the handshake',
      );
      if (this.stopped) {
        await this.bounded(socket.disconnect()).catch(() => undefined);
        return;
      }
      this.session = { socket, closed, end: (reason) => rejectClosed(new ObsUnavailableError(reason)) };
      this.setStatus({ state: 'connected', error: null, retries: 0, nextRetryAt: null });
      for (const listener of this.readyListeners) listener(hello);
    } catch (error) {
      await this.bounded(socket.disconnect()).catch(() => undefined);
      this.lost(error as ObsErrorLike);
    }
  }

  /** After a failed attempt or a lost session: retry later, unless OBS refused Lectern for good. */
  private lost(error: ObsErrorLike): void {
    if (this.stopped) return;
    const code = obsErrorCode(error);
    const fatal = code === undefined ? undefined : FATAL_CLOSE_CODES[code];
    if (fatal) {
      if (this.status.state !== 'failed') this.options.log?.(`gave up: ${fatal}`);
      this.setStatus({ state: 'failed', error: fatal, nextRetryAt: null });
      return;
    }
    const wasConnected = this.status.state === 'connected';
    const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
    const retries = wasConnected ? 0 : this.status.retries + 1;
    const base = backoff[Math.min(retries, backoff.length - 1)] ?? 1000;
    const delay = Math.round(base * (0.85 + Math.random() * 0.3));
    const message = error.message ? obsErrorMessage(error) : 'connection closed';
    if (wasConnected) this.options.log?.(`lost OBS (${message}); reconnecting`);
    this.setStatus({
      state: 'disconnected',
      error: wasConnected ? `lost the connection to OBS: ${message}` : `cannot reach OBS: ${message}`,
      retries,
      nextRetryAt: this.options.now() + delay,
    });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
    this.retryTimer.unref?.();
  }
}
