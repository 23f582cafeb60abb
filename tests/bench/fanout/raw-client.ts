import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** Epoch ms with sub-ms precision, comparable between processes on one machine. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** What a light client does once its namespace connect is answered. */
export interface RawClientOptions {
  /** ws://127.0.0.1:PORT */
  wsBase: string;
  /** The hall it watches (a screen), or none (a director console). */
  hallId?: string;
  /** Handshake token (a director console). */
  token?: string;
  /**
   * Called with the arrival time and top-level `revision` of each `hall:changed` after the first, from
   * `reportChanges()`: a change is only stamped when it arrives, and parsed later (a load process calls it once
   * its screens are quiet, and when the bench collects).
   */
  onChange?: (revision: number, atMs: number) => void;
  /** Told of each change stamped (with its arrival time), so a load process can parse them once it is quiet. */
  onStamp?: (atMs: number) => void;
}

/**
 * A screen as light as it gets: one raw websocket that speaks socket.io's framing (engine.io v4, websocket
 * transport, JSON parser) and sends what a real signage page sends on connect: `hall:watch` with an ack and
 * `display:hello`. It answers pings, counts the bytes it receives and resolves `ready` at its first snapshot.
 */
export class RawClient {
  /** Bytes of every frame received (payload bytes). */
  bytes = 0;
  /** Under `--workers N`, the worker holding this screen (its upgrade's `x-lectern-worker`). */
  worker: string | undefined;
  /** Resolves when the first snapshot arrived (a screen) or the namespace connect was answered (a console). */
  readonly ready: Promise<void>;
  private readonly ws: WebSocket;
  private snapshots = 0;
  /** Changes received and stamped, not parsed yet. */
  private arrived: { frame: Buffer; at: number }[] = [];
  private readonly onChange: RawClientOptions['onChange'];
  private readonly onStamp: RawClientOptions['onStamp'];

  constructor(options: RawClientOptions) {
    let resolveReady!: () => void;
    let rejectReady!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    this.onChange = options.onChange;
    this.onStamp = options.onStamp;
    this.ws = new WebSocket(`${options.wsBase}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    this.ws.once('upgrade', (response) => {
      const worker = response.headers['x-lectern-worker'];
      if (typeof worker === 'string') this.worker = worker;
    });
    this.ws.on('error', (error) => rejectReady(error));
    this.ws.on('close', () => rejectReady(new Error('closed before ready')));
    this.ws.on('message', (data: Buffer) => {
      this.bytes += data.length;
      // A change is only stamped here: what it costs a screen process to take it in delays the next screens'
      // arrivals on this shared machine, and parsing it can wait until the screens are quiet (reportChanges).
      if (this.snapshots > 0 && data.subarray(0, CHANGE_PREFIX.length).equals(CHANGE_PREFIX)) {
        if (this.onChange) this.stamp(data);
        return;
      }
      const text = data.toString();
      const type = text[0];
      if (type === '2') return this.ws.send('3'); // engine.io ping → pong
      if (type === '0') {
        // engine.io open: connect to the default namespace, with the token if any.
        return this.ws.send(options.token ? `40${JSON.stringify({ token: options.token })}` : '40');
      }
      if (type !== '4') return;
      const packet = text[1];
      if (packet === '0') {
        if (!options.hallId) return resolveReady();
        this.ws.send(`421${JSON.stringify(['hall:watch', { hallId: options.hallId }])}`);
        this.ws.send(`42${JSON.stringify(['display:hello', { page: 'signage', hallId: options.hallId }])}`);
        return;
      }
      if (packet === '4') return rejectReady(new Error(`connect refused: ${text}`));
      if (packet === '2' && text.startsWith('42["hall:changed"')) {
        this.snapshots += 1;
        if (this.snapshots === 1) return resolveReady();
        if (this.onChange) this.stamp(data);
      }
    });
  }

  private stamp(frame: Buffer): void {
    const at = epochNow();
    this.arrived.push({ frame, at });
    this.onStamp?.(at);
  }

  /** Parses the changes received since the last call and tells `onChange` of each. */
  reportChanges(): void {
    if (this.arrived.length === 0) return;
    for (const { frame, at } of this.arrived) this.onChange?.(topLevelRevision(frame.toString()), at);
    this.arrived = [];
  }

  close(): void {
    this.ws.removeAllListeners('close');
    this.ws.terminate();
  }
}

const CHANGE_PREFIX = Buffer.from('42["hall:changed"');

/** The snapshot's top-level `revision` (the frame is `42["hall:changed",{...}]`). */
function topLevelRevision(frame: string): number {
  const [, snapshot] = JSON.parse(frame.slice(2)) as [string, { revision: number }];
  return snapshot.revision;
}
