import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { InputProblem } from '../../shared/index.js';
import type { Webhook, WebhookEvent } from '../config/webhooks.schema.js';

/** A configured webhook ready to send to: its secret read (never logged), the URL it is shown by. */
export interface WebhookReceiver {
  url: string;
  /** The URL without its query string or user info (where a secret may hide): what the console and logs show. */
  shownUrl: string;
  events: ReadonlySet<WebhookEvent>;
  /** The HMAC secret; none: deliveries carry no signature. */
  secret?: string;
}

/** A webhook whose secret cannot be read; `problems` name each (never the secret). */
export class WebhookSecretError extends Error {
  override name = 'WebhookSecretError';
  constructor(readonly problems: InputProblem[]) {
    super(`webhooks:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

/** The URL as shown: origin and path only. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}

/**
 * Reads each webhook's secret at start (from its environment variable, or its file, relative to the working
 * folder, trailing newline dropped). A secret named but missing stops the start: unsigned deliveries a receiver
 * would refuse are worse than a clear error.
 */
export async function resolveReceivers(webhooks: readonly Webhook[], env: NodeJS.ProcessEnv): Promise<WebhookReceiver[]> {
  const problems: InputProblem[] = [];
  const receivers: WebhookReceiver[] = [];
  for (const [index, hook] of webhooks.entries()) {
    let secret: string | undefined;
    if (hook.secretEnv) {
      secret = env[hook.secretEnv];
      if (!secret) problems.push({ path: `[${index}].secretEnv`, message: `environment variable ${hook.secretEnv} is not set` });
    } else if (hook.secretFile) {
      const path = resolve(hook.secretFile);
      try {
        secret = (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
        if (!secret) problems.push({ path: `[${index}].secretFile`, message: `${path} is empty` });
      } catch (error) {
        problems.push({
          path: `[${index}].secretFile`,
          message: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        });
      }
    }
    receivers.push({ url: hook.url, shownUrl: shownUrl(hook.url), events: new Set(hook.events), ...(secret ? { secret } : {}) });
  }
  if (problems.length > 0) throw new WebhookSecretError(problems);
  return receivers;
}
