import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { type HallState, type ProgramRevisionInfo, type Role } from '../../../shared/index.js';
import { storedCommand, storedHallState, storedProgram } from '../stored-json.js';
import { StaleProgramError } from '../../live/live.types.js';
import {
  RevisionConflictError,
  StoreUnavailableError,
  type CommandLogEntry,
  type Store,
  type StoredProgram,
  type TokenRecord,
} from '../store.js';
import { redisKeys, type RedisKeys } from './redis-keys.js';
import { COMMIT_COMMAND, RELEASE_LEASE, REVOKE_TOKEN, SAVE_PROGRAM, TAKE_LEASE } from './redis-scripts.js';
import type { StoreChange } from './store-change.js';

/** How long one Redis command may take before the caller hears `store_unavailable` (ms). */
export const REDIS_COMMAND_TIMEOUT_MS = 2000;

type ScriptReply = [string, string?];

/**
 * A Redis connection for the store: no offline queue and a short timeout (a command while Redis is away fails at
 * once), reconnecting by itself.
 */
export function openRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    // A command while Redis is away fails at once (503) instead of waiting in a queue to apply later.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(100 * times, 1000),
    reconnectOnError: () => false,
  });
}

/**
 * A Redis connection for the socket.io adapter and the change channel: what it sends while Redis is away waits
 * for the reconnect (the adapter does not handle a refused publish), subscriptions are renewed on reconnect.
 */
export function openQueuedRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * times, 1000),
  });
}

function parseEntry(seq: number, json: string): CommandLogEntry {
  const raw = JSON.parse(json) as CommandLogEntry;
  return {
    ...raw,
    seq,
    command: storedCommand(raw.command),
    state: storedHallState(raw.state),
    role: raw.role as Role,
  };
}

function seqOf(streamId: string): number {
  return Number(streamId.split('-')[0]);
}

/**
 * The shared store of nodes on Redis (`lectern serve --redis`): program, hall states, command log (one stream per
 * hall), tokens and meta in Redis. A command commits by one Lua script that compares the hall's revision, appends
 * the log entry, stores the state, records the command id and tells the other nodes, atomically; it resolves
 * only once Redis has answered, which with `appendfsync always` is after the AOF was fsynced.
 */
export class RedisStore implements Store {
  readonly description: string;
  /**
   * This process's id: on the change channel (its own messages are ignored) and as the OBS lease's holder.
   * `<host>:<pid>:<random>`, so a person can tell which machine and process it is.
   */
  readonly nodeId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly keys: RedisKeys;
  readonly redis: Redis;

  constructor(
    readonly url: string,
    /** Every key of this store starts with it (the rate limiters' counters too). */
    readonly prefix = 'lectern:',
  ) {
    this.description = `redis:${url.replace(/\/\/[^@/]*@/, '//')}`;
    this.keys = redisKeys(prefix);
    this.redis = openRedis(url, 'lectern-store');
    // ioredis reports every failed reconnect; the node logs its own state instead.
    this.redis.on('error', () => undefined);
  }

  /** Connects (once); rejects when Redis cannot be reached now. */
  async connect(): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect();
    else await this.ping();
  }

  /** Resolves when Redis answers PING; else throws StoreUnavailableError. */
  async ping(): Promise<void> {
    await this.call(() => this.redis.ping());
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RevisionConflictError || error instanceof StaleProgramError) throw error;
      throw new StoreUnavailableError(`Redis at ${this.description.slice(6)} did not answer: ${(error as Error).message}`);
    }
  }

  private message(change: StoreChange): string {
    return JSON.stringify({ ...change, node: this.nodeId });
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.call(() => this.redis.hget(this.keys.meta, key))) ?? undefined;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.call(() =>
      this.redis
        .multi()
        .hset(this.keys.meta, key, value)
        .publish(this.keys.changes, this.message({ kind: 'meta', key }))
        .exec(),
    );
  }

  async deleteMeta(key: string): Promise<void> {
    await this.call(() => this.redis.hdel(this.keys.meta, key));
  }

  async loadProgram(): Promise<StoredProgram | undefined> {
    const revision = Number(await this.call(() => this.redis.get(this.keys.programRevision)));
    if (!revision) return undefined;
    const json = await this.call(() => this.redis.hget(this.keys.programs, String(revision)));
    if (!json) return undefined;
    const record = JSON.parse(json) as { program: unknown };
    return { revision, program: storedProgram(record.program) };
  }

  async saveProgram(stored: StoredProgram, actor: string, states: readonly HallState[]): Promise<void> {
    const record = JSON.stringify({ program: stored.program, savedAt: Date.now(), actor });
    const keys = [this.keys.programs, this.keys.programRevision, this.keys.halls, this.keys.changes];
    const args: string[] = [String(stored.revision), record, this.message({ kind: 'program', revision: stored.revision })];
    for (const state of states) {
      keys.push(this.keys.hall(state.hallId));
      args.push(state.hallId, String(state.revision), JSON.stringify(state));
    }
    const reply = (await this.call(() => this.redis.eval(SAVE_PROGRAM, keys.length, ...keys, ...args))) as ScriptReply;
    if (reply[0] === 'stale') throw new StaleProgramError(stored.revision - 1, Number(reply[1]));
  }

  async loadHallStates(): Promise<HallState[]> {
    const ids = await this.call(() => this.redis.smembers(this.keys.halls));
    const states: HallState[] = [];
    for (const id of ids) {
      const state = await this.loadHallState(id);
      if (state) states.push(state);
    }
    return states;
  }

  /** One hall's stored state, if any. */
  async loadHallState(hallId: string): Promise<HallState | undefined> {
    const json = await this.call(() => this.redis.hget(this.keys.hall(hallId), 'state'));
    return json ? storedHallState(json) : undefined;
  }

  async commitCommand(entry: CommandLogEntry): Promise<CommandLogEntry> {
    const { hallId } = entry;
    const stateJson = JSON.stringify(entry.state);
    const keys = [
      this.keys.hall(hallId),
      this.keys.log(hallId),
      this.keys.commandIds(hallId),
      this.keys.seq,
      this.keys.halls,
      this.keys.changes,
    ];
    const args = [
      hallId,
      String(entry.revision - 1),
      String(entry.revision),
      stateJson,
      entry.commandId ?? '',
      JSON.stringify(entry),
      this.message({ kind: 'hall', hallId, state: entry.state }),
    ];
    const reply = (await this.call(() => this.redis.eval(COMMIT_COMMAND, keys.length, ...keys, ...args))) as ScriptReply;
    if (reply[0] === 'ok') return { ...entry, seq: Number(reply[1]) };
    const current = reply[1] ? storedHallState(reply[1]) : undefined;
    throw new RevisionConflictError(current);
  }

  async findCommand(hallId: string, commandId: string): Promise<CommandLogEntry | undefined> {
    const seq = await this.call(() => this.redis.hget(this.keys.commandIds(hallId), commandId));
    if (!seq) return undefined;
    const rows = await this.call(() => this.redis.xrange(this.keys.log(hallId), `${seq}-0`, `${seq}-0`));
    const row = rows[0];
    return row ? parseEntry(seqOf(row[0]), row[1][1]!) : undefined;
  }

  async listCommands(
    hallId: string,
    options: { afterSeq?: number; limit?: number; last?: number } = {},
  ): Promise<CommandLogEntry[]> {
    const from = `(${options.afterSeq ?? 0}-0`;
    const key = this.keys.log(hallId);
    const rows =
      options.last !== undefined
        ? (
            await this.call(() =>
              this.redis.xrevrange(key, '+', from, 'COUNT', Math.min(options.last!, options.limit ?? options.last!)),
            )
          ).reverse()
        : await this.call(() => this.redis.xrange(key, from, '+', 'COUNT', options.limit ?? 10_000));
    return rows.map(([id, fields]) => parseEntry(seqOf(id), fields[1]!));
  }

  async listProgramRevisions(): Promise<ProgramRevisionInfo[]> {
    const all = await this.call(() => this.redis.hgetall(this.keys.programs));
    return Object.entries(all)
      .map(([revision, json]) => {
        const record = JSON.parse(json) as { savedAt: number; actor: string };
        return { revision: Number(revision), savedAt: record.savedAt, actor: record.actor };
      })
      .sort((a, b) => b.revision - a.revision);
  }

  async saveToken(token: TokenRecord): Promise<void> {
    await this.call(() =>
      this.redis
        .multi()
        .hset(this.keys.tokens, token.id, JSON.stringify(token))
        .hset(this.keys.tokenHashes, token.hash, token.id)
        .exec(),
    );
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | undefined> {
    const id = await this.call(() => this.redis.hget(this.keys.tokenHashes, hash));
    if (!id) return undefined;
    const json = await this.call(() => this.redis.hget(this.keys.tokens, id));
    return json ? (JSON.parse(json) as TokenRecord) : undefined;
  }

  async listTokens(): Promise<TokenRecord[]> {
    const all = await this.call(() => this.redis.hvals(this.keys.tokens));
    return all.map((json) => JSON.parse(json) as TokenRecord).sort((a, b) => a.createdAt - b.createdAt);
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    const message = this.message({ kind: 'token', tokenId: id });
    const done = await this.call(() =>
      this.redis.eval(REVOKE_TOKEN, 2, this.keys.tokens, this.keys.changes, id, String(at), message),
    );
    return done === 1;
  }

  /** Takes a hall's OBS lease when free or renews this node's (see TAKE_LEASE); answers who holds it now. */
  async takeObsLease(hallId: string, holder: string, ttlMs: number): Promise<string> {
    return String(await this.call(() => this.redis.eval(TAKE_LEASE, 1, this.keys.obsLease(hallId), holder, String(ttlMs))));
  }

  /** Gives a hall's OBS lease up if `holder` still has it. */
  async releaseObsLease(hallId: string, holder: string): Promise<void> {
    await this.call(() => this.redis.eval(RELEASE_LEASE, 1, this.keys.obsLease(hallId), holder));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
