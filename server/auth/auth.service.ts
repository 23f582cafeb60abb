import type { HallRole, Role } from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { Store, TokenRecord } from '../store/store.js';
import { generateToken, generateTokenId, hashToken } from './tokens.js';

/** Who is acting: a director (every hall), a chair or a moderator (one hall each). */
export type Principal =
  | { role: 'director'; actor: string; label: string }
  | { role: HallRole; hallId: string; actor: string; tokenId: string; label: string };

/** How the director token is named in logs and timelines. */
export const DIRECTOR_LABEL = 'Director';

const DIRECTOR_HASH_KEY = 'directorTokenHash';

/** Resolves bearer tokens to principals and mints chair tokens. */
export class AuthService {
  private directorHash = '';
  private readonly revokeListeners = new Set<(tokenId: string) => void>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Sets up the director token: `fromEnv` when given, else the stored one, else a new one.
   * Answers the token in the clear only when it was just generated (to print it once).
   */
  async initDirectorToken(fromEnv: string | undefined): Promise<{ generated?: string }> {
    if (fromEnv) {
      this.directorHash = hashToken(fromEnv);
      await this.store.setMeta(DIRECTOR_HASH_KEY, this.directorHash);
      return {};
    }
    const stored = await this.store.getMeta(DIRECTOR_HASH_KEY);
    if (stored) {
      this.directorHash = stored;
      return {};
    }
    const token = generateToken('director');
    this.directorHash = hashToken(token);
    await this.store.setMeta(DIRECTOR_HASH_KEY, this.directorHash);
    return { generated: token };
  }

  /**
   * Forgets a director token this start generated but could not show (the start failed before printing it),
   * so the next start generates and prints a new one instead of locking the director out.
   */
  async forgetGeneratedDirectorToken(): Promise<void> {
    this.directorHash = '';
    await this.store.deleteMeta(DIRECTOR_HASH_KEY);
  }

  /** Replaces the director token with a new one and answers it (the old one stops working). */
  async rotateDirectorToken(): Promise<string> {
    const token = generateToken('director');
    this.directorHash = hashToken(token);
    await this.store.setMeta(DIRECTOR_HASH_KEY, this.directorHash);
    return token;
  }

  /** The principal of a token, or undefined for a missing, unknown or revoked token. */
  async authenticate(token: string | undefined): Promise<Principal | undefined> {
    if (!token || token.length > 200) return undefined;
    const hash = hashToken(token);
    if (hash === this.directorHash) return { role: 'director', actor: 'director', label: DIRECTOR_LABEL };
    const record = await this.store.findTokenByHash(hash);
    if (!record || record.revokedAt !== null) return undefined;
    if (record.role === 'director') return { role: 'director', actor: `director:${record.id}`, label: record.label };
    const role: HallRole = record.role === 'moderator' ? 'moderator' : 'chair';
    return { role, hallId: record.hallId ?? '', actor: `${role}:${record.id}`, tokenId: record.id, label: record.label };
  }

  /** Mints a chair (or moderator) token for one hall; the token is answered once and stored hashed. */
  async mintChairToken(hallId: string, label: string, role: HallRole = 'chair'): Promise<{ record: TokenRecord; token: string }> {
    const token = generateToken(role);
    const record: TokenRecord = {
      id: generateTokenId(),
      hash: hashToken(token),
      role,
      hallId,
      label,
      createdAt: this.clock.now(),
      revokedAt: null,
    };
    await this.store.saveToken(record);
    return { record, token };
  }

  /** A function naming actors ("director", "chair:<id>", "moderator:<id>") for a person, from the current token records. */
  async actorLabels(): Promise<(actor: string) => string> {
    const labels = new Map((await this.store.listTokens()).map((t) => [t.id, t.label]));
    return (actor) => {
      if (actor === 'director') return DIRECTOR_LABEL;
      const id = actor.replace(/^(chair|moderator|director):/, '');
      return labels.get(id) ?? actor;
    };
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.store.listTokens();
  }

  /** Revokes a token; listeners hear of it once it is saved (the socket app drops the token's sockets). */
  async revoke(id: string): Promise<boolean> {
    const revoked = await this.store.revokeToken(id, this.clock.now());
    if (revoked) for (const listener of this.revokeListeners) listener(id);
    return revoked;
  }

  /** Calls `listener` with the id of each token revoked from now on. */
  onRevoked(listener: (tokenId: string) => void): void {
    this.revokeListeners.add(listener);
  }
}

export type { Role };
