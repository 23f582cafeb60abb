import { z } from 'zod';
import { ObsConfigFileSchema } from '../obs/obs.config.js';
import { WebhooksSchema } from './webhooks.schema.js';

const bucket = (rate: number, burst: number) =>
  z
    .strictObject({
      /** Requests (or events) a second, sustained. */
      rate: z.number().int().min(1).default(rate),
      /** … at once (at least the rate). */
      burst: z.number().int().min(1).default(burst),
    })
    .refine((b) => b.burst >= b.rate, { message: 'burst must be at least rate', path: ['burst'] })
    .default({ rate, burst });

/** Flood protection (docs/config.md, "Limits"); the same defaults as the flags. */
const LimitsSchema = z
  .strictObject({
    token: bucket(20, 40),
    address: bucket(5, 20),
    socket: bucket(50, 100),
    maxFrameBytes: z.number().int().min(1000).default(100_000),
    questions: z
      .strictObject({
        perDevice: z.number().int().min(1).default(3),
        perAddress: z.number().int().min(1).default(30),
        windowSeconds: z.number().int().min(1).default(60),
      })
      .default({ perDevice: 3, perAddress: 30, windowSeconds: 60 }),
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
  /** Editor hint (docs/config.schema.json); ignored. */
  $schema: z.string().optional(),
  /** A program file to load at start (as `--program`). */
  program: z.string().min(1).optional(),
  /** Folder of the SQLite store (created). */
  data: z.string().min(1).default('./data'),
  /** Port to listen on (0: any free port). */
  port: z.number().int().min(0).max(65535).default(8080),
  /** Address to listen on. */
  host: z.string().min(1).default('0.0.0.0'),
  /** Origin for the links Lectern prints and answers. */
  publicUrl: z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, 'an http(s) URL, e.g. https://lectern.example.org')
    .optional(),
  /** One node of many on this Redis instead of the SQLite in `data`. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/\S+/, 'a redis:// URL')
    .optional(),
  /** Processes sharing the port: 1-64 or "auto". */
  workers: z.union([z.number().int().min(1).max(64), z.literal('auto')]).default(1),
  /** The halls' OBS (the `--obs FILE` content, docs/obs.md). */
  obs: ObsConfigFileSchema.optional(),
  limits: LimitsSchema,
  /** Where to send events (docs/config.md, "Webhooks"). */
  webhooks: WebhooksSchema,
});
export type LecternConfig = z.infer<typeof LecternConfigSchema>;

/** Keys that would hold a secret: refused in the file, which names only where a secret is. */
const SECRET_KEYS = new Set(['password', 'secret', 'token', 'directortoken', 'metricstoken']);

export interface ConfigProblem {
  path: string;
  message: string;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('') || '(file)';
}

/** Every literal secret in a raw config, by key path. */
function literalSecrets(raw: unknown, path: PropertyKey[] = []): ConfigProblem[] {
  if (Array.isArray(raw)) return raw.flatMap((v, i) => literalSecrets(v, [...path, i]));
  if (typeof raw !== 'object' || raw === null) return [];
  return Object.entries(raw).flatMap(([key, value]) =>
    SECRET_KEYS.has(key.toLowerCase())
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
      if (issue.code === 'unrecognized_keys' && issue.keys.every((k) => SECRET_KEYS.has(k.toLowerCase()))) continue;
      const path = pathText(issue.path);
      const message = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.join(', ')}` : issue.message;
      problems.push({ path, message });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: (parsed as { data: LecternConfig }).data };
}
