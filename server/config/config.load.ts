import { UsageError } from '../cli/cli-command.js';
import { LIMIT_FLAGS } from '../limits/limits.config.js';
import { ConfigFileError, readConfigLayer } from './config.file.js';
import { envSettings, flagSettings, mergeConfig, type ConfigSetting, type KeyPath } from './config.merge.js';
import type { LecternConfig } from './config.schema.js';

/** The `lectern serve` (and `lectern config print`) flags that set a config key, by flag name. */
export const CONFIG_FLAG_PATHS: Record<string, KeyPath> = {
  port: ['port'],
  host: ['host'],
  data: ['data'],
  program: ['program'],
  'public-url': ['publicUrl'],
  redis: ['redisUrl'],
  workers: ['workers'],
  ...Object.fromEntries(Object.entries(LIMIT_FLAGS).map(([flag, { path }]) => [flag, [...path]])),
};

/** What the effective config is made of: the `--config` file, the flags given, the environment. */
export interface ConfigSources {
  configFile?: string | undefined;
  /** The parsed flags (`parseArgs` values), `obs` among them. */
  flags: Readonly<Record<string, string | boolean | undefined>>;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The effective config (docs/config.md): the schema's defaults ← the `--config` file ← `LECTERN_…` variables ←
 * flags. `--obs FILE` (else `LECTERN_OBS_CONFIG`) replaces the file's `obs` section. Problems: a ConfigFileError
 * naming every key path with its line, variable or flag.
 */
export async function loadEffectiveConfig(sources: ConfigSources): Promise<LecternConfig> {
  const file = sources.configFile ? await readConfigLayer(sources.configFile) : undefined;
  const fromEnv = envSettings(sources.env);
  const settings: ConfigSetting[] = [...fromEnv.settings, ...flagSettings(sources.flags, CONFIG_FLAG_PATHS)];
  const obsFlag = sources.flags.obs;
  const obsFile = typeof obsFlag === 'string' ? obsFlag : sources.env.LECTERN_OBS_CONFIG;
  if (obsFile) {
    const obs = await readConfigLayer(obsFile, ['obs']);
    settings.push({
      path: ['obs'],
      value: obs.raw,
      source: `${typeof obsFlag === 'string' ? '--obs' : 'LECTERN_OBS_CONFIG'} ${obsFile}`,
      lineOf: obs.lineOf,
    });
  }
  const label = sources.configFile ?? '(environment and flags)';
  const merged = mergeConfig(file, settings);
  const problems = [...fromEnv.problems, ...(merged.ok ? [] : merged.problems)];
  // Only flags wrong: a usage error (exit 2 with the usage), as a bad flag always was.
  const flagged = problems.filter((p) => p.text !== undefined);
  if (problems.length > 0 && flagged.length === problems.length) {
    throw new UsageError(
      flagged
        .map((p) => `${p.source}: ${JSON.stringify(p.text)}: ${p.message} (key ${p.path.replace(/ \(.*\)$/, '')})`)
        .join('\n'),
    );
  }
  if (problems.length > 0 || !merged.ok) throw new ConfigFileError(label, problems);
  return merged.config;
}
