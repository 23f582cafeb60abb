/** Every key Lectern keeps in Redis, under one prefix so a Redis can be shared with other applications. */
export interface RedisKeys {
  meta: string;
  /** Hash revision → program JSON `{ program, savedAt, actor }`. */
  programs: string;
  /** String: the current program revision. */
  programRevision: string;
  /** Set of hall ids with a stored state. */
  halls: string;
  /** Hash `{ revision, state }` of one hall. */
  hall(hallId: string): string;
  /** Stream of a hall's command log; entry ids are `<seq>-0`. */
  log(hallId: string): string;
  /** Hash commandId → seq of a hall. */
  commandIds(hallId: string): string;
  /** Counter: the log's global sequence. */
  seq: string;
  /** Hash token id → token JSON. */
  tokens: string;
  /** Hash token hash → token id. */
  tokenHashes: string;
  /** The pub/sub channel on which nodes tell each other what they wrote. */
  changes: string;
  /** A hall's OBS lease. */
  obsLease(hallId: string): string;
  /** Counter: fencing tokens for the OBS leases. */
  obsFence: string;
}

/** The keys under `prefix` (default `lectern:`). */
export function redisKeys(prefix = 'lectern:'): RedisKeys {
  return {
    meta: `${prefix}meta`,
    programs: `${prefix}programs`,
    programRevision: `${prefix}program:revision`,
    halls: `${prefix}halls`,
    hall: (hallId) => `${prefix}hall:${hallId}`,
    log: (hallId) => `${prefix}log:${hallId}`,
    commandIds: (hallId) => `${prefix}command-ids:${hallId}`,
    seq: `${prefix}seq`,
    tokens: `${prefix}tokens`,
    tokenHashes: `${prefix}token-hashes`,
    changes: `${prefix}changes`,
    obsLease: (hallId) => `${prefix}obs:lease:${hallId}`,
    obsFence: `${prefix}obs:fence`,
  };
}
