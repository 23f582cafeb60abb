import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedisStore } from '../store/redis/redis-store.js';

/** How often a node that cannot reach Redis at start tries again (ms). */
const RETRY_MS = 1000;

/**
 * Opens the Redis store, waiting for Redis as long as it takes. Meanwhile the port answers `/healthz` (alive),
 * `/readyz` 503 with the reason, and everything else 503 `store_unavailable`, so a load balancer sends nobody
 * here yet. Answers the store and the port to listen on (the one the waiting server had, when it ran).
 */
export async function openRedisStore(
  url: string,
  listen: { port: number; host: string },
  log: (message: string) => void,
): Promise<{ store: RedisStore; port: number }> {
  const store = new RedisStore(url);
  let waiting: Server | undefined;
  let reason = '';
  let port = listen.port;
  for (let attempt = 1; ; attempt++) {
    try {
      await store.connect();
      break;
    } catch (error) {
      reason = `Redis at ${store.description.slice(6)} is unreachable: ${(error as Error).message}`;
      if (!waiting) {
        waiting = await waitingServer(listen, () => reason);
        port = (waiting.address() as AddressInfo).port;
        log(`waiting for Redis (${reason}); /readyz answers 503 on http://${listen.host}:${port}/readyz`);
      } else if (attempt % 30 === 0) log(`still waiting for Redis (${reason})`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
  if (waiting) {
    const server = waiting;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    log('Redis is reachable: starting');
  }
  return { store, port };
}

function waitingServer(listen: { port: number; host: string }, reason: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ready: false }));
      return;
    }
    const body = path === '/readyz' ? { ready: false, reason: reason() } : { error: 'store_unavailable', message: reason() };
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve(server));
  });
}
