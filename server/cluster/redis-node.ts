import { createAdapter } from '@socket.io/redis-adapter';
import type { LecternServer } from '../../shared/index.js';
import type { AuthService } from '../auth/auth.service.js';
import type { LiveService } from '../live/live.service.js';
import type { NodeReadiness } from '../http/readyz.js';
import type { ObsService } from '../obs/obs.service.js';
import { openQueuedRedis, RedisStore } from '../store/redis/redis-store.js';
import type { Store } from '../store/store.js';
import { ObsLeases } from './obs-lease.js';
import type { ReceivedStoreChange } from '../store/redis/store-change.js';

/** A node on Redis, attached: close it before the store. */
export interface RedisNode {
  close(): Promise<void>;
}

/**
 * Makes this process one node of many on one Redis: socket.io's Redis adapter carries every broadcast
 * (`io.to(room).emit`, `disconnectSockets`) to the other nodes' sockets, and the store's change channel keeps this
 * node's in-memory view (hall states, program, director token) in step with what the other nodes commit.
 */
export async function attachRedisNode(
  io: LecternServer,
  store: RedisStore,
  live: LiveService,
  auth: AuthService,
  log: (message: string) => void,
): Promise<RedisNode> {
  const pub = openQueuedRedis(store.url, 'lectern-adapter-pub');
  const sub = openQueuedRedis(store.url, 'lectern-adapter-sub');
  const changes = openQueuedRedis(store.url, 'lectern-changes');
  for (const client of [pub, sub, changes]) client.on('error', () => undefined);
  await Promise.all([pub.connect(), sub.connect(), changes.connect()]);
  io.adapter(createAdapter(pub, sub, { key: `${store.keys.changes}:socket.io` }));

  const onChange = async (change: ReceivedStoreChange) => {
    if (change.node === store.nodeId) return;
    if (change.kind === 'hall') await live.adoptRemote(change.state);
    else if (change.kind === 'program') {
      await live.reloadFromStore();
      // The saving node told every screen already; this node's screens hear it again once this node has it,
      // so a refetch that came here too early is made again.
      io.local.emit('program:changed', { revision: live.getProgramRevision() });
    } else if (change.kind === 'meta' && change.key === 'directorTokenHash') await auth.initDirectorToken(undefined);
  };
  changes.on('message', (_channel: string, message: string) => {
    let change: ReceivedStoreChange;
    try {
      change = JSON.parse(message) as ReceivedStoreChange;
    } catch {
      return;
    }
    onChange(change).catch((error: unknown) => log(`could not follow a change from another node: ${String(error)}`));
  });
  // Messages sent while this node was away from Redis are gone: once both connections are back, read everything
  // again (retried until the store answers).
  let down = false;
  let resyncing: Promise<void> | undefined;
  const resync = () => {
    resyncing ??= (async () => {
      for (;;) {
        try {
          await live.reloadFromStore();
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    })().finally(() => (resyncing = undefined));
  };
  for (const client of [changes, store.redis]) {
    client.on('close', () => {
      if (!down) log('lost Redis: commands answer 503 store_unavailable until it is back');
      down = true;
    });
    client.on('ready', () => {
      if (!down || changes.status !== 'ready' || store.redis.status !== 'ready') return;
      down = false;
      log('Redis is back');
      resync();
    });
  }
  await changes.subscribe(store.keys.changes);

  return {
    async close() {
      changes.disconnect();
      sub.disconnect();
      pub.disconnect();
    },
  };
}

/** The OBS leases of a node on Redis: each hall's OBS is driven by the one node that holds its lease. */
export function obsLeases(store: RedisStore, log: (message: string) => void): ObsLeases {
  return new ObsLeases({
    nodeId: store.nodeId,
    log,
    backend: {
      takeOrRenew: (hallId, holder, ttlMs) => store.takeObsLease(hallId, holder, ttlMs),
      release: (hallId, holder) => store.releaseObsLease(hallId, holder),
    },
  });
}

/** What `/readyz` tells of a node on Redis (nothing for other stores). */
export function nodeReadiness(store: Store, obs: ObsService): NodeReadiness {
  if (!(store instanceof RedisStore)) return {};
  const leases = obs.leases();
  return { node: store.nodeId, ...(leases ? { obsLeases: leases } : {}) };
}
