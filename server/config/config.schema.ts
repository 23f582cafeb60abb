import { z } from 'zod';
import { ObsConfigFileSchema } from '../obs/obs.config.js';
import { WebhooksSchema } from './webhooks.schema.js';
import { MetricsConfigSchema } from '../observability/metrics.config.js';
import { DEFAULT_SCREEN_CONFIG, HallsSectionSchema, ScreensSectionSchema } from '../../shared/screens.js';

const bucket = (rate: number, burst: number, what: string) =>
  z
    .strictObject({
      rate: z.number().int().min(1).default(rate).describe(`${what} a second, sustained`),
      // Without a burst, a rate above the default burst raises it (as `--token-rate 50` alone always did).
      burst: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe(`${what} at once (at least the rate); default ${burst}, or the rate when that is higher`),
    })
    .transform((b) => ({ rate: b.rate, burst: b.burst ?? Math.max(burst, b.rate) }))
    .refine((b) => b.burst >= b.rate, { message: 'burst must be at least rate', path: ['burst'] })
    .default({ rate, burst });

/** Flood protection (docs/config.md, "Limits"); the same defaults as the flags. */
const LimitsSchema = z
  .strictObject({
    token: bucket(20, 40, 'Commands and other writes per token (chair or director)').describe(
      'Writes per token, HTTP and its sockets together',
    ),
    address: bucket(5, 20, 'Write requests per client address without a valid token').describe(
      'Tokenless writes per client address',
    ),
    socket: bucket(50, 100, 'Events per socket connection').describe('Events per socket connection'),
    maxFrameBytes: z
      .number()
      .int()
      .min(1000)
      .default(100_000)
      .describe('Largest socket.io message a client may send, in bytes; a larger one drops that socket'),
    questions: z
      .strictObject({
        perDevice: z.number().int().min(1).default(3).describe('Audience questions per device in a window'),
        perAddress: z.number().int().min(1).default(30).describe('Audience questions per client address in a window'),
        windowSeconds: z.number().int().min(1).default(60).describe('The window of both, in seconds'),
      })
      .default({ perDevice: 3, perAddress: 30, windowSeconds: 60 })
      .describe('Audience questions (POST …/questions), on top of the address throttle'),
  })
  .default({
    token: { rate: 20, burst: 40 },
    address: { rate: 5, burst: 20 },
    socket: { rate: 50, burst: 100 },
    maxFrameBytes: 100_000,
    questions: { perDevice: 3, perAddress: 30, windowSeconds: 60 },
  });

/** The `lectern serve --config FILE` file (JSON or YAML), and the effective config `lectern config print` writes. */
export const LecternConfigSchema = z.strictObject({
  $schema: z.string().optional().describe('Editor hint (a path or URL of docs/config.schema.json); ignored'),
  program: z.string().min(1).optional().describe('A program file to load at start, as --program (relative to the config file)'),
  data: z
    .string()
    .min(1)
    .default('./data')
    .describe('Folder of the SQLite store, created if missing (relative to the config file; the default to the working folder)'),
  port: z.number().int().min(0).max(65535).default(8080).describe('Port to listen on (0: any free port)'),
  host: z.string().min(1).default('0.0.0.0').describe('Address to listen on; 0.0.0.0 lets screens on the venue LAN reach it'),
  publicUrl: z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, 'an http(s) URL, e.g. https://lectern.example.org')
    .optional()
    .describe('Origin for the links Lectern prints and answers, e.g. https://lectern.example.org'),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/\S+/, 'a redis:// URL')
    .optional()
    .describe('One node of many: keep the state in this Redis (redis://HOST:PORT) instead of the SQLite in data'),
  workers: z
    .union([z.number().int().min(1).max(64), z.literal('auto')])
    .default(1)
    .describe('Processes sharing the port: 1-64, or "auto" (one per core)'),
  obs: ObsConfigFileSchema.optional().describe("The halls' OBS, as the --obs file (docs/obs.md); --obs replaces this section"),
  limits: LimitsSchema.describe('Flood protection (docs/config.md, "Limits")'),
  webhooks: WebhooksSchema.describe('Where to send events (a list of webhooks)'),
  screens: ScreensSectionSchema.default({
    theme: DEFAULT_SCREEN_CONFIG.theme,
    languages: DEFAULT_SCREEN_CONFIG.languages,
    timer: DEFAULT_SCREEN_CONFIG.timer,
    overlay: DEFAULT_SCREEN_CONFIG.overlay,
  }).describe('What the screens show: theme, default language, timer thresholds, overlay (served to every screen: no secrets)'),
  halls: HallsSectionSchema,
  metrics: MetricsConfigSchema.describe('The /metrics endpoint: where its bearer token is'),
});
export type LecternConfig = z.infer<typeof LecternConfigSchema>;

/** Keys that would hold a secret: refused in the file, which names only where a secret is. */
const SECRET_KEYS = new Set(['password', 'secret', 'token', 'directortoken', 'metricstoken']);

export interface ConfigProblem {
  path: string;
  message: string;
  /** Where the value came from when not the file: a variable or a flag (`--port`), as `path` names it too. */
  source?: string;
  /** A flag's text as given (for its usage error). */
  text?: string;
}

/** A key path as text: `limits.token.rate`, `webhooks[0].url`. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('') || '(file)';
}

/** Every literal secret in a raw config, by key path. */
function literalSecrets(raw: unknown, path: PropertyKey[] = []): ConfigProblem[] {
  if (Array.isArray(raw)) return raw.flatMap((v, i) => literalSecrets(v, [...path, i]));
  if (typeof raw !== 'object' || raw === null) return [];
  return Object.entries(raw).flatMap(([key, value]) =>
    // `limits.token` is a section, not a secret: only a written value is one.
    SECRET_KEYS.has(key.toLowerCase()) && (typeof value !== 'object' || value === null)
      ? [
          {
            path: pathText([...path, key]),
            message:
              'a secret is never written in the config file: name where it is (passwordEnv or passwordFile, secretEnv or secretFile, or the environment)',
          },
        ]
      : literalSecrets(value, [...path, key]),
  );
}

/** Validates a raw config (file, env and flags merged): the config, or every problem by key path. */
export function checkConfig(raw: unknown): { ok: true; config: LecternConfig } | { ok: false; problems: ConfigProblem[] } {
  const secrets = literalSecrets(raw);
  const parsed = LecternConfigSchema.safeParse(raw);
  const problems = [...secrets];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A literal secret is already named above; its "unrecognized key" would say it twice.
      const named = new Set(secrets.map((p) => p.path));
      if (issue.code === 'unrecognized_keys' && issue.keys.every((k) => named.has(pathText([...issue.path, k])))) continue;
      const path = pathText(issue.path);
      const message = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.join(', ')}` : issue.message;
      problems.push({ path, message });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: (parsed as { data: LecternConfig }).data };
}
