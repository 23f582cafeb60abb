import { createHash, randomBytes } from 'node:crypto';

const PREFIX = { director: 'lct_d', chair: 'lct_c', moderator: 'lct_m' } as const;

/** A new bearer token: a prefix saying what it is, then 32 random bytes. */
export function generateToken(kind: keyof typeof PREFIX): string {
  return `${PREFIX[kind]}_${randomBytes(32).toString('base64url')}`;
}

/** A short random id for a token record (safe to show and log). */
export function generateTokenId(): string {
  return randomBytes(6).toString('hex');
}

/** The stored form of a token: its sha256, hex. Tokens are never stored in the clear. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
