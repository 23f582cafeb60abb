/**
 * The token a control page acts with. It arrives in the URL fragment (`#token=...`, which browsers never
 * send to a server or in a Referer), is kept for this tab in sessionStorage, and the fragment is removed
 * from the address bar so it does not linger on screen.
 */
export function takeToken(storageKey = 'lectern.token'): string | undefined {
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
