import type { ServeOptions } from '../app.js';
import { rateLimitsOf } from '../limits/limits.config.js';
import type { LecternConfig } from './config.schema.js';

/** The server's options from an effective config (the flags that are no config keys, `--dev`, `--clock`, are added by serve). */
export function serveOptionsOf(config: LecternConfig): Omit<ServeOptions, 'dev'> {
  return {
    port: config.port,
    host: config.host,
    dataDir: config.data,
    limits: rateLimitsOf(config.limits),
    webhooks: config.webhooks,
    screens: { ...config.screens, halls: config.halls },
    ...(config.program ? { programFile: config.program } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    ...(config.obs ? { obs: config.obs } : {}),
  };
}
