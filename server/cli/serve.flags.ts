import { LIMIT_OPTIONS } from '../limits/limits.config.js';

/** The flags of `lectern serve` (and of `lectern config print`, which takes the same to show what serve would run). */
export const SERVE_FLAGS = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  program: { type: 'string' },
  clock: { type: 'string' },
  'clock-rate': { type: 'string' },
  'public-url': { type: 'string' },
  obs: { type: 'string' },
  redis: { type: 'string' },
  webhooks: { type: 'string' },
  dev: { type: 'boolean', default: false },
  ...LIMIT_OPTIONS,
  workers: { type: 'string' },
} as const;
