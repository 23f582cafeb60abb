import { isDeviceId } from '../../shared/index.js';

/** Where the public page keeps its device id (localStorage: it outlives the tab, as a viewer's phone does). */
const DEVICE_KEY = 'lectern.device';

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * This device's id for audience questions: a random id made once and kept in localStorage, sent as the
 * `x-lectern-device` header (the server counts rates, votes and "my questions" by it). Nothing else about the
 * viewer is kept. Without storage (private mode), an id for this page load.
 */
export function deviceId(): string {
  try {
    const kept = localStorage.getItem(DEVICE_KEY);
    if (kept && isDeviceId(kept)) return kept;
    const made = randomId();
    localStorage.setItem(DEVICE_KEY, made);
    return made;
  } catch {
    return randomId();
  }
}
