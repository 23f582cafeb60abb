import { api } from '../support/http.js';

/** What a hostile input must leave alone: every hall's revision, the program revision, the tokens. */
export interface ObservedState {
  programRevision: number;
  halls: Record<string, number>;
  tokens: number;
}

/** Reads the state a refused input may not change (and proves the server still answers). */
export async function observe(url: string): Promise<ObservedState> {
  const health = await api(url, '/healthz', { token: null });
  if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
  const halls = (await api<{ id: string; live: { revision: number } }[]>(url, '/api/v1/halls', { token: null })).body;
  const tokens = (await api<unknown[]>(url, '/api/v1/tokens')).body;
  return {
    programRevision: health.body.programRevision,
    halls: Object.fromEntries(halls.map((h) => [h.id, h.live.revision])),
    tokens: tokens.length,
  };
}

/** A clear error: an `error` code and a `message` (or `problems`) for a person. */
export function isClearError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { error, message, problems } = body as { error?: unknown; message?: unknown; problems?: unknown };
  return typeof error === 'string' && error.length > 0 && (typeof message === 'string' || Array.isArray(problems));
}

/** Limits far above what a fuzz run sends: so that only validation stands between a payload and a hall. */
export const UNTHROTTLED = ['--token-rate', '1000000', '--socket-rate', '1000000', '--address-rate', '1000000'];
