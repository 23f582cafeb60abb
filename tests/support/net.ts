import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (one helper for the OBS and the fault tests). */
export { freePort } from './obs.js';

/** A TCP proxy on 127.0.0.1 the test controls: `drop()` cuts every connection through it, as a venue network does. */
export interface FlakyProxy {
  /** e.g. http://127.0.0.1:41235 */
  url: string;
  /** Connections cut so far. */
  drops: number;
  /** Cuts every open connection at once (both sides see a reset). */
  drop(): void;
  close(): Promise<void>;
}

/** Starts a proxy to `targetPort` on 127.0.0.1. */
export async function startFlakyProxy(targetPort: number): Promise<FlakyProxy> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const proxy: FlakyProxy = {
    url: `http://127.0.0.1:${port}`,
    drops: 0,
    drop() {
      proxy.drops++;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    close() {
      proxy.drop();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
