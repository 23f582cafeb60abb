import { DEVICE_HEADER, routeUrl, type ApiError, type RouteCall, type RouteKey, type RouteResponse } from '../shared/index.js';

/** An HTTP answer: the status and the parsed body (an ApiError when not ok; status 0 when Lectern did not answer). */
export type ApiAnswer<T> =
  | { ok: true; status: number; body: T }
  /** `retryAfterSeconds`: the `Retry-After` header of a 429 or 503, when the server sent one. */
  | { ok: false; status: number; body: ApiError; retryAfterSeconds?: number };

/** The arguments of a call: none when the route takes nothing, else its parameters, query and body. */
type CallArgs<K extends RouteKey> = object extends RouteCall<K> ? [call?: RouteCall<K>] : [call: RouteCall<K>];

/** Lectern's HTTP API for one page, typed by the route map in `shared/routes.ts`. */
export interface ApiClient {
  /** Calls a route; network failures and non-JSON answers become an `ok: false` answer, never a throw. */
  call<K extends RouteKey>(route: K, ...args: CallArgs<K>): Promise<ApiAnswer<RouteResponse<K>>>;
  /** Fetches a route that answers a file (e.g. the CSV export) and saves it under `filename`. */
  download<K extends RouteKey>(route: K, filename: string, ...args: CallArgs<K>): Promise<ApiAnswer<null>>;
}

interface AnyCall {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  upload?: { data: Blob | string; contentType: string };
}

const networkError = (error: unknown): ApiAnswer<never> => ({
  ok: false,
  status: 0,
  body: { error: 'network', message: `Lectern did not answer: ${String(error)}` },
});

/** Parses an error answer: the server's ApiError, else the status line. */
async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Partial<ApiError>;
    if (typeof parsed.error === 'string' && typeof parsed.message === 'string') return parsed as ApiError;
  } catch {
    // not JSON: the status line below
  }
  return { error: `http_${response.status}`, message: text.slice(0, 300) || response.statusText || `HTTP ${response.status}` };
}

/**
 * The API client of a page: the bearer token (a chair's or the director's; none for a screen) goes on every
 * request, and nothing is cached (the program is revalidated by its ETag). With `device` (the public page's
 * random device id), it goes as the `x-lectern-device` header on every request.
 */
export function apiClient(token?: string, options: { device?: string } = {}): ApiClient {
  const auth: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(options.device ? { [DEVICE_HEADER]: options.device } : {}),
  };

  function request(route: RouteKey, call: AnyCall = {}): Promise<Response> {
    const method = route.slice(0, route.indexOf(' '));
    const headers = { ...auth };
    let body: BodyInit | undefined;
    if (call.upload) {
      headers['content-type'] = call.upload.contentType;
      body = call.upload.data;
    } else if (call.body !== undefined || method === 'POST') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.body ?? {});
    }
    const cache: RequestCache = route === 'GET /api/v1/program' ? 'no-cache' : 'no-store';
    return fetch(routeUrl(route, call.params, call.query), { method, headers, cache, ...(body !== undefined ? { body } : {}) });
  }

  /** The server's answer when it is a success; else the failure as callers get it (network, or the ApiError). */
  async function answered(route: RouteKey, call: AnyCall | undefined): Promise<Response | ApiAnswer<never>> {
    let response: Response;
    try {
      response = await request(route, call);
    } catch (error) {
      return networkError(error);
    }
    if (response.ok) return response;
    const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
    return {
      ok: false,
      status: response.status,
      body: await errorOf(response),
      ...(retryAfter > 0 ? { retryAfterSeconds: Math.ceil(retryAfter) } : {}),
    };
  }

  return {
    async call(route, ...args) {
      const response = await answered(route, args[0] as AnyCall | undefined);
      if (!(response instanceof Response)) return response;
      const text = await response.text();
      try {
        return { ok: true, status: response.status, body: (text ? JSON.parse(text) : undefined) as RouteResponse<typeof route> };
      } catch {
        return { ok: false, status: response.status, body: { error: 'invalid_response', message: text.slice(0, 300) } };
      }
    },
    async download(route, filename, ...args) {
      const response = await answered(route, args[0] as AnyCall | undefined);
      if (!(response instanceof Response)) return response;
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
