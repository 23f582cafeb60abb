import { childKey, configSchemaRoot, takesOnlyText, upperSnake, type SchemaNode } from './config.keys.js';
import { LIMIT_FLAGS } from '../limits/limits.config.js';
import { checkConfig, pathText, type ConfigProblem, type LecternConfig } from './config.schema.js';

/** A key path: `['limits', 'token', 'rate']`, `['webhooks', 0, 'url']`. */
export type KeyPath = (string | number)[];

/** One value set over the file: by an environment variable or a flag (or `--obs`: a whole section). */
export interface ConfigSetting {
  path: KeyPath;
  value: unknown;
  /** Who set it, as an error names it: `LECTERN_PORT`, `--port`, `--obs obs.json`. */
  source: string;
  /** A flag's text as given. */
  text?: string;
  /** The line of a key under `path` in the file the value came from (an `--obs` file), when known. */
  lineOf?: (path: KeyPath) => number | undefined;
}

/** The file's part: its raw content, its name, and the line of a key path. */
export interface ConfigFileLayer {
  raw: unknown;
  file: string;
  lineOf: (path: KeyPath) => number | undefined;
}

/**
 * The environment variables that predate the rule and differ from it (docs/config.md): the limit flags' own
 * names. Each stands for its key path; the rule's name wins when both are set.
 */
export const ENV_ALIASES: Record<string, KeyPath> = Object.fromEntries(
  Object.values(LIMIT_FLAGS).map((flag) => [flag.env, [...flag.path]]),
);

/** The schema node at a key path (undefined when the path names no key). */
function nodeAt(path: KeyPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = configSchemaRoot();
  for (const key of path) node = node && childKey(node, upperSnake(String(key)))?.node;
  return node;
}

/** A value as text from the environment or a flag: JSON when it parses as JSON, else the text; text keys take it as is. */
export function readValue(text: string, node: SchemaNode | undefined): unknown {
  if (node && takesOnlyText(node)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The settings the environment makes: `LECTERN_` + the key path in UPPER_SNAKE, `__` between levels
 * (`LECTERN_LIMITS__COMMANDS__RATE=30`), and the aliases. A name with `__` that names no key is a problem; a
 * name without one that names no top-level key is someone else's (LECTERN_DIRECTOR_TOKEN, an OBS password…).
 */
export function envSettings(env: Readonly<Record<string, string | undefined>>): {
  settings: ConfigSetting[];
  problems: ConfigProblem[];
} {
  const settings: ConfigSetting[] = [];
  const problems: ConfigProblem[] = [];
  const ruled = new Set<string>();
  for (const [name, text] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (text === undefined || !name.startsWith('LECTERN_') || name in ENV_ALIASES) continue;
    const segments = name.slice('LECTERN_'.length).split('__');
    let node: SchemaNode = configSchemaRoot();
    const path: KeyPath = [];
    let unknown = false;
    for (const segment of segments) {
      const child = childKey(node, segment);
      if (!child) {
        unknown = true;
        break;
      }
      path.push(child.key);
      node = child.node;
    }
    if (unknown) {
      if (segments.length > 1) {
        problems.push({
          path: name,
          message: `names no config key (the rule: LECTERN_ + the key path in UPPER_SNAKE, __ between levels; docs/config-reference.md)`,
        });
      }
      continue;
    }
    ruled.add(pathText(path));
    settings.push({ path, value: readValue(text, node), source: name });
  }
  for (const [name, path] of Object.entries(ENV_ALIASES)) {
    const text = env[name];
    if (text === undefined || ruled.has(pathText(path))) continue;
    settings.unshift({ path, value: readValue(text, nodeAt(path)), source: name });
  }
  return { settings, problems };
}

/** The settings flags make: each given flag's text at its key path (`flagPaths`: flag name → key path). */
export function flagSettings(
  values: Readonly<Record<string, string | boolean | undefined>>,
  flagPaths: Readonly<Record<string, KeyPath>>,
): ConfigSetting[] {
  return Object.entries(flagPaths).flatMap(([flag, path]) => {
    const text = values[flag];
    return typeof text === 'string' ? [{ path, value: readValue(text, nodeAt(path)), source: `--${flag}`, text }] : [];
  });
}

/** `raw` with `value` at `path`: objects (or lists, for an index) made on the way; `raw` itself is not changed. */
export function setIn(raw: unknown, path: KeyPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...KeyPath];
  if (typeof key === 'number') {
    const list = Array.isArray(raw) ? [...(raw as unknown[])] : [];
    list[key] = setIn(list[key], rest, value);
    return list;
  }
  const object = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  object[key] = setIn(object[key], rest, value);
  return object;
}

function startsWith(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** The key path as a `KeyPath` again (`webhooks[0].url` → `['webhooks', 0, 'url']`). */
export function keyPathOf(text: string): KeyPath {
  return [...text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** Names a problem's source: the setting that set its key (the last, deepest one), else the file's line. */
function withSource(problem: ConfigProblem, settings: ConfigSetting[], file: ConfigFileLayer | undefined): ConfigProblem {
  const setting = settings
    .map((s, order) => ({ s, order, text: pathText(s.path) }))
    .filter(({ text }) => startsWith(problem.path, text) || startsWith(text, problem.path))
    .sort((a, b) => b.text.length - a.text.length || b.order - a.order)[0]?.s;
  if (setting) {
    const below = keyPathOf(problem.path).slice(setting.path.length);
    const line = setting.lineOf?.(below);
    return {
      path: `${problem.path} (${setting.source}${line ? ` line ${line}` : ''})`,
      message: problem.message,
      source: setting.source,
      ...(setting.text !== undefined ? { text: setting.text } : {}),
    };
  }
  const line = problem.path === '(file)' ? undefined : file?.lineOf(keyPathOf(problem.path));
  return line ? { path: `${problem.path} (line ${line})`, message: problem.message } : problem;
}

/**
 * The effective config: the schema's defaults ← the file ← the environment's settings ← the flags' settings
 * (later wins), validated; or every problem by key path, each naming its variable, flag or line.
 */
export function mergeConfig(
  file: ConfigFileLayer | undefined,
  settings: ConfigSetting[],
): { ok: true; config: LecternConfig } | { ok: false; problems: ConfigProblem[] } {
  // A file that is not a mapping of keys is refused as it is, before any setting could hide that.
  if (file && (typeof file.raw !== 'object' || Array.isArray(file.raw))) return checkConfig(file.raw);
  let raw: unknown = file?.raw ?? {};
  for (const setting of settings) raw = setIn(raw, setting.path, setting.value);
  const checked = checkConfig(raw);
  if (checked.ok) return checked;
  return { ok: false, problems: checked.problems.map((problem) => withSource(problem, settings, file)) };
}
