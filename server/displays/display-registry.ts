import { randomUUID } from 'node:crypto';
import type { DisplayHello, DisplayInfo, DisplaysDelta, LecternServer, LecternServerSocket } from '../../shared/index.js';
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
 * can find the one that shows the wrong thing. Tells `publish` what changed (never the whole list: with
 * thousands of screens, resending it after each burst would cost the square of the screens).
 */
export class DisplayRegistry {
  private readonly entries = new Map<string, Entry>();
  /** socket id → display id */
  private readonly bySocket = new Map<string, string>();
  /** Ids changed since the last publication (their entry now, or gone). */
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = Infinity;
  /** The other processes' screens (`--workers N`, nodes on Redis), set by app.ts (askEveryProcess). */
  private peers: (() => Promise<DisplayInfo[]>) | undefined;
  /** Emits to a room on every process (the socket.io server, whose adapter carries it to the other workers). */
  private rooms: LecternServer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly publish: (delta: DisplaysDelta) => void,
  ) {}

  /** Lets `listAll` include the screens other processes hold. */
  setPeers(peers: () => Promise<DisplayInfo[]>): void {
    this.peers = peers;
  }

  /**
   * Lets `identify` and `reload` reach a screen held by another process: each screen's socket joins its own room
   * (`display:<id>`), and the server's adapter carries an emit to that room to whichever worker holds it.
   */
  reachThrough(io: LecternServer): void {
    this.rooms = io;
  }

  /**
   * A connected screen, here or on another worker: its socket is the one in room `display:<id>`, and its info is
   * kept in that socket's data, so the adapter asks the other workers for one socket, not for their whole lists.
   */
  async find(id: string): Promise<DisplayInfo | undefined> {
    const local = this.entries.get(id)?.info;
    if (local || !this.rooms) return local;
    const sockets = await this.rooms
      .in(displayRoom(id))
      .fetchSockets()
      .catch(() => []);
    return sockets.find((socket) => socket.data.display?.id === id)?.data.display;
  }

  /** Every registered screen here and on the other workers, oldest connection first. */
  async listAll(): Promise<DisplayInfo[]> {
    if (!this.peers) return this.list();
    const others = await this.peers().catch(() => []);
    return [...this.list(), ...others].sort(byConnection);
  }

  /** A screen introduced itself (again, on a reconnect it is a new connection). */
  hello(socket: LecternServerSocket, hello: DisplayHello): DisplayInfo {
    const now = this.clock.now();
    const existing = this.bySocket.get(socket.id);
    const id = existing ?? newDisplayId();
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
    socket.data.display = info;
    this.bySocket.set(socket.id, id);
    void socket.join(displayRoom(id));
    this.changed(id, PUBLISH_DEBOUNCE_MS);
    return info;
  }

  /** Any event from a socket: a registered screen's last contact moves on. */
  seen(socketId: string): void {
    const id = this.bySocket.get(socketId);
    const entry = id ? this.entries.get(id) : undefined;
    if (!entry) return;
    entry.info = { ...entry.info, lastSeenAt: this.clock.now() };
    entry.socket.data.display = entry.info;
    this.changed(id!, SEEN_PUBLISH_MS);
  }

  /** A socket disconnected. */
  gone(socketId: string): void {
    const id = this.bySocket.get(socketId);
    if (!id) return;
    this.bySocket.delete(socketId);
    this.entries.delete(id);
    this.changed(id, PUBLISH_DEBOUNCE_MS);
  }

  /** Every registered screen, oldest connection first. */
  list(): DisplayInfo[] {
    return [...this.entries.values()].map((e) => e.info).sort(byConnection);
  }

  /** Asks a screen (here or on another worker: `find` it first) to show `text` big for `durationMs`. */
  identify(id: string, text: string, durationMs: number): void {
    const entry = this.entries.get(id);
    if (entry) entry.socket.emit('display:identify', { text, durationMs });
    else this.rooms?.to(displayRoom(id)).emit('display:identify', { text, durationMs });
  }

  /** Asks a screen (here or on another worker: `find` it first) to reload itself. */
  reload(id: string): void {
    const entry = this.entries.get(id);
    if (entry) entry.socket.emit('display:reload');
    else this.rooms?.to(displayRoom(id)).emit('display:reload');
  }

  /** Stops the pending publication (server shutdown). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Publishes what changed within `withinMs`, coalescing with a publication already due sooner. */
  private changed(id: string, withinMs: number): void {
    this.pending.add(id);
    const due = Date.now() + withinMs;
    if (this.timer && this.timerDue <= due) return;
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      this.publish(this.takeDelta());
    }, withinMs);
    this.timer.unref?.();
  }

  private takeDelta(): DisplaysDelta {
    const delta: DisplaysDelta = { upserted: [], removed: [] };
    for (const id of this.pending) {
      const entry = this.entries.get(id);
      if (entry) delta.upserted.push(entry.info);
      else delta.removed.push(id);
    }
    this.pending.clear();
    return delta;
  }
}

/**
 * "d" and 10 random hex digits. From randomUUID, which draws from a cached pool of entropy: randomBytes asks
 * OpenSSL once per call (with a getpid each), a cost every screen of a connect storm paid.
 */
function newDisplayId(): string {
  const uuid = randomUUID(); // xxxxxxxx-xxxx-4xxx-…: the first 12 hex digits are all random
  return `d${uuid.slice(0, 8)}${uuid.slice(9, 11)}`;
}

/** The room of one screen's socket. */
function displayRoom(id: string): string {
  return `display:${id}`;
}

function byConnection(a: DisplayInfo, b: DisplayInfo): number {
  return a.connectedAt - b.connectedAt || a.id.localeCompare(b.id);
}
