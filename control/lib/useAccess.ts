import { onBeforeUnmount, ref, type Ref } from 'vue';
import type { WhoAmI } from '../../shared/index.js';

/** What a control page knows about its token. */
export type Access =
  { kind: 'checking' } | { kind: 'missing' } | { kind: 'invalid' } | { kind: 'unreachable' } | { kind: 'ok'; who: WhoAmI };

const RETRY_MS = 3000;

/**
 * Checks the page's token with the server (`GET /api/v1/auth/me`): missing, invalid (revoked, mistyped),
 * unreachable (tries again every few seconds), or who it is.
 */
export function useAccess(token: string | undefined): { access: Ref<Access>; recheck(): void } {
  const access = ref<Access>(token ? { kind: 'checking' } : { kind: 'missing' });
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function check(): Promise<void> {
    if (!token) return;
    try {
      const response = await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
      if (response.status === 401) {
        access.value = { kind: 'invalid' };
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      access.value = { kind: 'ok', who: (await response.json()) as WhoAmI };
    } catch {
      access.value = { kind: 'unreachable' };
      clearTimeout(timer);
      timer = setTimeout(() => void check(), RETRY_MS);
    }
  }

  void check();
  onBeforeUnmount(() => clearTimeout(timer));
  return {
    access,
    recheck: () => void check(),
  };
}
