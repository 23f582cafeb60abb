/** Where a control page keeps its token for the tab (the director console keeps its own under another key). */
export const PANEL_TOKEN_KEY = 'lectern.token';

/**
 * The token a control page acts with. It arrives in the URL fragment (`#token=...`, which browsers never
 * send to a server or in a Referer), is kept for this tab in sessionStorage, and the fragment is removed
 * from the address bar so it does not linger on screen.
 */
export function takeToken(storageKey = PANEL_TOKEN_KEY): string | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(storageKey, fromUrl);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromUrl;
  }
  return sessionStorage.getItem(storageKey) ?? undefined;
}

/**
 * Opens a chair panel in a new tab with `token`, without the token in any URL: the link's href is the bare panel
 * address (nothing to read on hover, in the address bar or the history), and the token reaches the new tab through
 * its sessionStorage, which a tab opened with `window.open` (not `noopener`) gets as a copy of this tab's. The
 * key is removed here at once; the new tab keeps its copy for itself only, and loses its link to this tab.
 */
export function openWithToken(href: string, token: string): void {
  const before = sessionStorage.getItem(PANEL_TOKEN_KEY);
  sessionStorage.setItem(PANEL_TOKEN_KEY, token);
  const opened = window.open(href, '_blank');
  if (before === null) sessionStorage.removeItem(PANEL_TOKEN_KEY);
  else sessionStorage.setItem(PANEL_TOKEN_KEY, before);
  if (opened) opened.opener = null;
}
