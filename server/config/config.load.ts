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

/**
 * Flags (and their variables) that name a file holding one whole section, which replaces the `--config` file's:
 * `--obs FILE` (the OBS file Lectern took before it had a config file) and `--webhooks FILE` (a list of webhooks).
 */
const SECTION_FILES: { flag: string; env: string; path: KeyPath }[] = [
  { flag: 'obs', env: 'LECTERN_OBS_CONFIG', path: ['obs'] },
  { flag: 'webhooks', env: 'LECTERN_WEBHOOKS_FILE', path: ['webhooks'] },
];

/** What the effective config is made of: the `--config` file, the flags given, the environment. */
export interface ConfigSources {
  configFile?: string | undefined;
  /** The parsed flags (`parseArgs` values), `obs` and `webhooks` among them. */
  flags: Readonly<Record<string, string | boolean | undefined>>;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The effective config (docs/config.md): the schema's defaults ← the `--config` file ← `LECTERN_…` variables ←
 * flags. `--obs FILE` (else `LECTERN_OBS_CONFIG`) replaces the file's `obs` section, `--webhooks FILE` (else
 * `LECTERN_WEBHOOKS_FILE`) its `webhooks`. Problems: a ConfigFileError
 * naming every key path with its line, variable or flag.
 */
export async function loadEffectiveConfig(sources: ConfigSources): Promise<LecternConfig> {
  const file = sources.configFile ? await readConfigLayer(sources.configFile) : undefined;
  const fromEnv = envSettings(sources.env);
  const settings: ConfigSetting[] = [...fromEnv.settings, ...flagSettings(sources.flags, CONFIG_FLAG_PATHS)];
  for (const section of SECTION_FILES) {
    const flag = sources.flags[section.flag];
    const file = typeof flag === 'string' ? flag : sources.env[section.env];
    if (!file) continue;
    const layer = await readConfigLayer(file, section.path);
    settings.push({
      path: section.path,
      value: layer.raw,
      source: `${typeof flag === 'string' ? `--${section.flag}` : section.env} ${file}`,
      lineOf: layer.lineOf,
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
