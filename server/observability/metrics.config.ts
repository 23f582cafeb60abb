import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** The config's `metrics` section: where the /metrics bearer token is, never the token itself. */
export const MetricsConfigSchema = z
  .strictObject({
    requireToken: z
      .boolean()
      .default(false)
      .describe(
        'Refuse to start unless /metrics has a bearer token (from tokenEnv or tokenFile); default: public unless one is set',
      ),
    tokenEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
      .default('LECTERN_METRICS_TOKEN')
      .describe('The environment variable holding the /metrics bearer token'),
    tokenFile: z
      .string()
      .min(1)
      .optional()
      .describe('A file holding the /metrics bearer token, in place of tokenEnv (relative to the config file)'),
  })
  .default({ requireToken: false, tokenEnv: 'LECTERN_METRICS_TOKEN' });
export type MetricsConfig = z.infer<typeof MetricsConfigSchema>;

/** /metrics has no token although `metrics.requireToken` asks for one. The message names where it looked. */
export class MetricsTokenMissing extends Error {
  override name = 'MetricsTokenMissing';
}

/**
 * The /metrics bearer token: the file `tokenFile` (trailing newline dropped), else the variable `tokenEnv`;
 * undefined for a public /metrics. With `requireToken` and no token, a MetricsTokenMissing.
 */
export async function metricsTokenOf(
  config: MetricsConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  const token = config.tokenFile ? (await readFile(config.tokenFile, 'utf8')).replace(/\r?\n$/, '') : env[config.tokenEnv];
  if (token) return token;
  if (config.requireToken) {
    const where = config.tokenFile ? `the file ${config.tokenFile} is empty` : `the variable ${config.tokenEnv} is not set`;
    throw new MetricsTokenMissing(`metrics.requireToken: /metrics needs a token, but ${where}`);
  }
  return undefined;
}
