import { onBeforeUnmount, ref, type Ref } from 'vue';
import type { WhoAmI } from '../../shared/index.js';
import { apiClient } from '../../web/api.js';

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
    const answer = await apiClient(token).call('GET /api/v1/auth/me');
    if (answer.ok) {
      access.value = { kind: 'ok', who: answer.body };
    } else if (answer.status === 401) {
      access.value = { kind: 'invalid' };
    } else {
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
