/** A tiny path router: the page name and its parameters from `location.pathname`. */
export interface Route {
  page: string;
  params: Record<string, string>;
}

/** Matches `path` against patterns like `/display/hall/:hallId`; the first match wins. */
export function matchRoute(path: string, patterns: Record<string, string>): Route | undefined {
  const parts = path.replace(/\/+$/, '').split('/');
  for (const [page, pattern] of Object.entries(patterns)) {
    const wanted = pattern.split('/');
    if (wanted.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = wanted.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i] ?? '');
        return (parts[i] ?? '') !== '';
      }
      return segment === parts[i];
    });
    if (ok) return { page, params };
  }
  return undefined;
}
