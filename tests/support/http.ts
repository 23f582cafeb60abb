import { DIRECTOR_TOKEN } from './server.js';

/** A JSON request to a test server; answers the status and parsed body. */
export async function api<T = any>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; rawBody?: string } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const token = init.token === undefined ? DIRECTOR_TOKEN : init.token;
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined && init.rawBody === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body !== undefined || init.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(init.rawBody !== undefined ? { body: init.rawBody } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

/** Sends a command to a hall. */
export function command(base: string, hallId: string, body: Record<string, unknown>, token?: string | null) {
  return api(base, `/api/v1/halls/${hallId}/commands`, { body, token: token === undefined ? DIRECTOR_TOKEN : token });
}
