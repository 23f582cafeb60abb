import { StoreUnavailableError } from '../store.js';

/**
 * Runs one Redis call of a store beside the RedisStore (questions, OBS records): any failure (Redis away, a
 * timeout) becomes a StoreUnavailableError, answered 503 `store_unavailable`, naming what was not answered.
 */
export async function callRedis<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StoreUnavailableError(`Redis did not answer for ${what}: ${(error as Error).message}`);
  }
}
