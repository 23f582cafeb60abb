import { randomBytes } from 'node:crypto';
import type { DisplayHello, DisplayInfo, LecternServerSocket } from '../../shared/index.js';
import type { Clock } from '../clock.js';

/** A burst of connects and disconnects (a venue's screens coming up) is sent as one list after this (ms). */
const PUBLISH_DEBOUNCE_MS = 100;
/** Last-contact updates alone are sent at most this often (ms): clock pings must not flood the consoles. */
const SEEN_PUBLISH_MS = 5_000;

interface Entry {
  info: DisplayInfo;
  socket: LecternServerSocket;
}

/** The address a socket came from; behind a proxy on this machine, the client's (as express's `trust proxy`). */
export function socketAddress(socket: LecternServerSocket): string {
  const raw = socket.handshake.address ?? '';
  const direct = raw.replace(/^::ffff:/, '');
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  const isLoopback = direct === '127.0.0.1' || direct === '::1';
  if (isLoopback && typeof forwarded === 'string' && forwarded.trim()) {
    return forwarded.split(',').pop()!.trim();
  }
  return direct;
}

/** A short browser description from a User-Agent ("Chrome 131 on Linux"). */
export function shortUserAgent(ua: string | undefined): string {
  if (!ua) return '';
  const browser = /(Edg|OBS|Firefox|Chrome|Chromium|Safari)\/(\d+)/.exec(ua);
  const os = /(Windows|Mac OS X|Android|iPhone|iPad|Linux|CrOS)/.exec(ua);
  const name = browser ? `${browser[1] === 'Edg' ? 'Edge' : browser[1]} ${browser[2]}` : ua.slice(0, 40);
  return os ? `${name} on ${os[1] === 'Mac OS X' ? 'macOS' : os[1]}` : name;
}

/**
 * Every connected screen that said `display:hello`: its page, hall, name, address and last contact, so a crew
 * can find the one that shows the wrong thing. Tells `publish` when the list changes.
 */
export class DisplayRegistry {
  private readonly entries = new Map<string, Entry>();
  /** socket id → display id */
  private readonly bySocket = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly publish: (displays: DisplayInfo[]) => void,
  ) {}

  /** A screen introduced itself (again, on a reconnect it is a new connection). */
  hello(socket: LecternServerSocket, hello: DisplayHello): DisplayInfo {
    const now = this.clock.now();
    const existing = this.bySocket.get(socket.id);
    const id = existing ?? `d${randomBytes(5).toString('hex')}`;
    const info: DisplayInfo = {
      id,
      page: hello.page,
      ...(hello.hallId ? { hallId: hello.hallId } : {}),
      ...(hello.name ? { name: hello.name } : {}),
      address: socketAddress(socket),
      userAgent: shortUserAgent(socket.handshake.headers['user-agent']),
      connectedAt: existing ? this.entries.get(existing)!.info.connectedAt : now,
      lastSeenAt: now,
    };
    this.entries.set(id, { info, socket });
    this.bySocket.set(socket.id, id);
    this.changed(PUBLISH_DEBOUNCE_MS);
    return info;
  }

  /** Any event from a socket: a registered screen's last contact moves on. */
  seen(socketId: string): void {
    const id = this.bySocket.get(socketId);
    const entry = id ? this.entries.get(id) : undefined;
    if (!entry) return;
    entry.info = { ...entry.info, lastSeenAt: this.clock.now() };
    this.changed(SEEN_PUBLISH_MS);
  }

  /** A socket disconnected. */
  gone(socketId: string): void {
    const id = this.bySocket.get(socketId);
    if (!id) return;
    this.bySocket.delete(socketId);
    this.entries.delete(id);
    this.changed(PUBLISH_DEBOUNCE_MS);
  }

  /** Every registered screen, oldest connection first. */
  list(): DisplayInfo[] {
    return [...this.entries.values()]
      .map((e) => e.info)
      .sort((a, b) => a.connectedAt - b.connectedAt || a.id.localeCompare(b.id));
  }

  get(id: string): DisplayInfo | undefined {
    return this.entries.get(id)?.info;
  }

  /** Asks a screen to show `text` big for `durationMs`; false when no such screen is connected. */
  identify(id: string, text: string, durationMs: number): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    entry.socket.emit('display:identify', { text, durationMs });
    return true;
  }

  /** Asks a screen to reload itself; false when no such screen is connected. */
  reload(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    entry.socket.emit('display:reload');
    return true;
  }

  /** Stops the pending publication (server shutdown). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Publishes the list within `withinMs`, coalescing with a publication already due sooner. */
  private changed(withinMs: number): void {
    const due = Date.now() + withinMs;
    if (this.timer && this.timerDue <= due) return;
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      this.publish(this.list());
    }, withinMs);
    this.timer.unref?.();
  }
}
