import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type TestRedis } from './redis.js';

/**
 * A real redis-server for the file's tests and one client on it (for a store tested directly), started before
 * them and stopped after. Call at the top of a test file; read `client()` (or `url()`, for another client)
 * inside the tests.
 */
export function redisClientForFile(): { client: () => Redis; url: () => string } {
  let redis: TestRedis | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });
  return {
    url: () => {
      if (!redis) throw new Error('redis-server is not started yet (read url() inside a test)');
      return redis.url;
    },
    client: () => {
      if (!client) throw new Error('redis-server is not started yet (read client() inside a test)');
      return client;
    },
  };
}
