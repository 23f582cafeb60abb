// The Lua scripts of the Redis question store: each write is one script, so two nodes never interleave.

/**
 * A viewer's question. KEYS: asked hash, hall sorted set, question hash. ARGV: asked digest, id, createdAt, then
 * the question's field/value pairs. Answers `{'merged', earlier id}` when the digest is known, else
 * `{'added', id}`.
 */
export const SUBMIT_QUESTION = `
local earlier = redis.call('HGET', KEYS[1], ARGV[1])
if earlier then return {'merged', earlier} end
local fields = {}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[3], unpack(fields))
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return {'added', ARGV[2]}
`;

/**
 * Status and/or star. KEYS: question hash. ARGV: hallId, status ('' keeps it), starred ('1', '0', '' keeps it),
 * at. Answers the question's HGETALL, or nil when it is not a question of the hall.
 */
export const UPDATE_QUESTION = `
if redis.call('HGET', KEYS[1], 'hallId') ~= ARGV[1] then return nil end
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'status', ARGV[2]) end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'starred', ARGV[3]) end
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[4])
return redis.call('HGETALL', KEYS[1])
`;

/**
 * One device's vote. KEYS: question hash, its votes set. ARGV: hallId, device hash, at. Answers
 * `{1 or 0 (counted), HGETALL}`, or nil when it is not an approved question of the hall.
 */
export const VOTE_QUESTION = `
if redis.call('HGET', KEYS[1], 'hallId') ~= ARGV[1] then return nil end
if redis.call('HGET', KEYS[1], 'status') ~= 'approved' then return nil end
local counted = redis.call('SADD', KEYS[2], ARGV[2])
if counted == 1 then
  redis.call('HINCRBY', KEYS[1], 'votes', 1)
  redis.call('HSET', KEYS[1], 'updatedAt', ARGV[3])
end
return {counted, redis.call('HGETALL', KEYS[1])}
`;

/**
 * The moderator's order. KEYS: the hall's sorted set. ARGV: question key prefix, hallId, at, then the ordered ids.
 * Every id must be a question of the hall (else nil, nothing changed). The listed questions take positions 0, 1,
 * 2…; the other questions of the same talks lose theirs. Answers the ids of those talks' questions, oldest first.
 */
export const REORDER_QUESTIONS = `
local prefix, hall, at = ARGV[1], ARGV[2], ARGV[3]
local talks = {}
for i = 4, #ARGV do
  local key = prefix .. ARGV[i]
  if redis.call('HGET', key, 'hallId') ~= hall then return nil end
  talks[redis.call('HGET', key, 'itemId')] = true
end
local touched = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local key = prefix .. id
  if talks[redis.call('HGET', key, 'itemId')] then
    touched[#touched + 1] = id
    if redis.call('HEXISTS', key, 'position') == 1 then
      redis.call('HDEL', key, 'position')
      redis.call('HSET', key, 'updatedAt', at)
    end
  end
end
for i = 4, #ARGV do
  redis.call('HSET', prefix .. ARGV[i], 'position', i - 4, 'updatedAt', at)
end
return touched
`;
