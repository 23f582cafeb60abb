import { decode, encode } from '@msgpack/msgpack';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ObsEventName, ObsEvents } from '../../server/obs/obs.socket.js';
import { FakeObs } from '../unit/obs/fake-obs.js';

/** obs-websocket 5 op codes (Hello, Identify, Identified, Event, Request, RequestResponse). */
const OP = { hello: 0, identify: 1, identified: 2, event: 5, request: 6, response: 7 } as const;

/**
 * The unit tests' pretend OBS (tests/unit/obs/fake-obs.ts) behind a real obs-websocket 5 server on a loopback
 * port (msgpack, as obs-websocket-js speaks in Node; no authentication), so Lectern server processes can drive it
 * without starting OBS Studio. Its recording's duration runs with the wall clock.
 */
export class FakeObsServer extends FakeObs {
  url = '';
  private readonly clients = new Set<WebSocket>();
  private recordingSince = 0;
  private server: WebSocketServer | undefined;

  async listen(): Promise<void> {
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) => protocols.values().next().value ?? false,
    });
    this.server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (ws) => this.serve(ws));
  }

  /** Clients connected (identified or not). */
  get connectedClients(): number {
    return this.clients.size;
  }

  private send(ws: WebSocket, op: number, d: unknown): void {
    ws.send(encode({ op, d }));
  }

  private serve(ws: WebSocket): void {
    this.connects++;
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    ws.on('message', (raw: Buffer) => {
      const { op, d } = decode(raw) as { op: number; d: Record<string, unknown> };
      if (op === OP.identify) this.send(ws, OP.identified, { negotiatedRpcVersion: 1 });
      if (op !== OP.request) return;
      const { requestId, requestType, requestData } = d as { requestId: string; requestType: string; requestData: unknown };
      let requestStatus: { result: boolean; code: number; comment?: string } = { result: true, code: 100 };
      let responseData: unknown;
      try {
        responseData = this.answer(requestType, requestData);
      } catch (error) {
        const failure = error as { code?: number; message: string };
        requestStatus = { result: false, code: failure.code ?? 500, comment: failure.message };
      }
      this.send(ws, OP.response, { requestType, requestId, requestStatus, ...(responseData ? { responseData } : {}) });
    });
    this.send(ws, OP.hello, { obsWebSocketVersion: this.webSocketVersion, rpcVersion: 1 });
  }

  override answer(type: string, data: any): unknown {
    if (this.record.active && !this.record.paused) this.record.durationMs = Date.now() - this.recordingSince;
    return super.answer(type, data);
  }

  override startRecord(): void {
    this.recordingSince = Date.now();
    super.startRecord();
  }

  override emit<E extends ObsEventName>(event: E, data: ObsEvents[E]): void {
    super.emit(event, data);
    for (const ws of this.clients) this.send(ws, OP.event, { eventType: event, eventIntent: 0, eventData: data });
  }

  /** An operator's hand on OBS: the program scene changes, and every client is told. */
  switchByHand(sceneName: string): void {
    this.program = sceneName;
    this.emit('CurrentProgramSceneChanged', { sceneName, sceneUuid: '' });
  }

  async close(): Promise<void> {
    for (const ws of this.clients) ws.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A fake OBS listening on a loopback port. */
export async function startFakeObs(): Promise<FakeObsServer> {
  const obs = new FakeObsServer();
  await obs.listen();
  return obs;
}
