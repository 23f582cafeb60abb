import type { ApiError } from '../../shared/index.js';

/** An HTTP answer: the status and the parsed body (an ApiError when not ok). */
export type ApiAnswer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; body: ApiError };

/** Calls Lectern's HTTP API with the page's token; network failures become a 0 status with a message. */
export async function callApi<T>(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  raw?: { data: Blob | string; contentType: string },
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let payload: BodyInit | undefined;
  if (raw) {
    headers['content-type'] = raw.contentType;
    payload = raw.data;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, cache: 'no-store', ...(payload !== undefined ? { body: payload } : {}) });
  } catch (error) {
    return { ok: false, status: 0, body: { error: 'network', message: `Lectern did not answer: ${String(error)}` } };
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { error: 'invalid_response', message: text.slice(0, 300) };
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  const error = (parsed ?? { error: `http_${response.status}`, message: response.statusText }) as ApiError;
  return { ok: false, status: response.status, body: error };
}

/** A director API bound to one token. */
export interface DirectorApi {
  get<T>(path: string): Promise<ApiAnswer<T>>;
  post<T>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  del<T>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  upload<T>(path: string, data: Blob, contentType: string): Promise<ApiAnswer<T>>;
  /** Downloads a file the API serves (e.g. the CSV export) under `filename`. */
  download(path: string, filename: string): Promise<ApiAnswer<null>>;
}

export function directorApi(token: string): DirectorApi {
  return {
    get: (path) => callApi(token, 'GET', path),
    post: (path, body) => callApi(token, 'POST', path, body ?? {}),
    del: (path, body) => callApi(token, 'DELETE', path, body),
    upload: (path, data, contentType) => callApi(token, 'POST', path, undefined, { data, contentType }),
    async download(path, filename) {
      let response: Response;
      try {
        response = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
      } catch (error) {
        return { ok: false, status: 0, body: { error: 'network', message: String(error) } };
      }
      if (!response.ok) {
        const text = await response.text();
        let message = `HTTP ${response.status}`;
        try {
          message = (JSON.parse(text) as ApiError).message ?? message;
        } catch {
          // keep the status line
        }
        return { ok: false, status: response.status, body: { error: `http_${response.status}`, message } };
      }
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { ok: true, status: response.status, body: null };
    },
  };
}
