/**
 * The Lua scripts of the OBS records in Redis (server/store/redis/redis-obs-store.ts). Two nodes can write the same
 * hall's records around a lease hand-over; each write here is one atomic step, so neither can undo the other's.
 */

/**
 * Stores a new recording. KEYS: recording hash, the hall's recordings (sorted set), the recording counter.
 * ARGV: id, startedAt, then the hash's field/value pairs. The counter orders recordings that began in the same ms.
 */
export const ADD_RECORDING = `
local seq = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], 'seq', seq, unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return seq
`;

/**
 * Marks a recording stopped, once: a recording already stopped keeps its first stop. KEYS: recording hash.
 * ARGV: stoppedAt, outputPath ('' keeps the one stored). Answers 1 when it was stopped now.
 */
export const STOP_RECORDING = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'stoppedAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'stoppedAt', ARGV[1])
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'outputPath', ARGV[2]) end
return 1
`;
