import type { Redis } from 'ioredis';

/** How long a claimed overtime event is remembered (a day: longer than any countdown run). */
const CLAIM_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Nodes on Redis all look for overtime; each event is sent by the node whose `SET NX` of the event's key wins,
 * so it goes out once while any node runs (and still when the one that would have sent it is gone).
 */
export function claimOvertimeIn(redis: Redis, prefix: string): (hallId: string, key: string) => Promise<boolean> {
  return async (hallId, key) => {
    const answer = await redis.set(`${prefix}webhook:overtime:${hallId}:${key}`, '1', 'PX', CLAIM_TTL_MS, 'NX');
    return answer === 'OK';
  };
}
