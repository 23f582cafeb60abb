/**
 * The Lua scripts that make each write one atomic step in Redis. Redis runs a script alone, so the compare and
 * the writes after it can never interleave with another node's.
 */

/**
 * Commits a command. KEYS: hall, log, commandIds, seq, halls, changes channel.
 * ARGV: hallId, previous revision, new revision, state JSON, command id ('' for none), entry JSON, change message.
 * Answers `{'ok', seq}`, `{'duplicate', state}` (the command id was applied already) or `{'stale', state}`
 * (the hall is not at the previous revision).
 */
export const COMMIT_COMMAND = `
local current = redis.call('HGET', KEYS[1], 'revision')
local currentState = redis.call('HGET', KEYS[1], 'state')
if ARGV[5] ~= '' and redis.call('HEXISTS', KEYS[3], ARGV[5]) == 1 then
  return {'duplicate', currentState or ''}
end
if tonumber(current or '0') ~= tonumber(ARGV[2]) then
  return {'stale', currentState or ''}
end
local seq = redis.call('INCR', KEYS[4])
redis.call('XADD', KEYS[2], seq .. '-0', 'entry', ARGV[6])
redis.call('HSET', KEYS[1], 'revision', ARGV[3], 'state', ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[3], ARGV[5], seq) end
redis.call('SADD', KEYS[5], ARGV[1])
redis.call('PUBLISH', KEYS[6], ARGV[7])
return {'ok', tostring(seq)}
`;

/**
 * Saves a program revision with the hall states it changes. KEYS: programs, programRevision, halls, changes,
 * then one hall key per state. ARGV: revision, program record JSON, change message, then per state: hallId,
 * revision, state JSON. Answers `{'ok'}` or `{'stale', current program revision}` when the program or a hall
 * moved on since the replacement was computed.
 */
export const SAVE_PROGRAM = `
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
if current ~= tonumber(ARGV[1]) - 1 then return {'stale', tostring(current)} end
for i = 5, #KEYS do
  local base = 4 + (i - 5) * 3
  local hallRevision = tonumber(redis.call('HGET', KEYS[i], 'revision') or '0')
  if hallRevision >= tonumber(ARGV[base + 1]) then return {'stale', tostring(current)} end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1])
for i = 5, #KEYS do
  local base = 4 + (i - 5) * 3
  redis.call('HSET', KEYS[i], 'revision', ARGV[base + 1], 'state', ARGV[base + 2])
  redis.call('SADD', KEYS[3], ARGV[base])
end
redis.call('PUBLISH', KEYS[4], ARGV[3])
return {'ok'}
`;

/** Revokes a token once. KEYS: tokens, changes. ARGV: id, at, change message. Answers 1 when it was revoked now. */
export const REVOKE_TOKEN = `
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return 0 end
local token = cjson.decode(json)
if token.revokedAt ~= nil and token.revokedAt ~= cjson.null then return 0 end
token.revokedAt = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(token))
redis.call('PUBLISH', KEYS[2], ARGV[3])
return 1
`;

/** Takes or renews a lease. KEYS: lease. ARGV: holder, ttl ms. Answers 1 when the caller holds it now. */
export const TAKE_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** Releases a lease if the caller still holds it. KEYS: lease. ARGV: holder. */
export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
