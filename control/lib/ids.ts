/**
 * A random id for a command (so a retry is recognised and never applied twice). Uses getRandomValues,
 * which, unlike randomUUID, also works on a plain-http venue LAN (not a secure context).
 */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
