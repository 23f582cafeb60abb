import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { checkConfig, type ConfigProblem, type LecternConfig } from './config.schema.js';
import { keyPathOf, type ConfigFileLayer, type KeyPath } from './config.merge.js';

/** A config file's problems, each by key path, and its line when the file tells it. */
export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`config ${file}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

/**
 * Reads a YAML (or JSON, which is YAML too) file: its content and the line of each key path. Unreadable or not
 * YAML: a ConfigFileError naming the line.
 */
export async function readConfigDocument(file: string): Promise<ConfigFileLayer> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigFileError(file, [
      { path: '(file)', message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new ConfigFileError(
      file,
      doc.errors.map((e) => ({ path: `line ${e.linePos?.[0].line ?? '?'}`, message: e.message.split('\n')[0]! })),
    );
  }
  const lineOf = (path: KeyPath) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : undefined;
  };
  return { raw: doc.toJS() ?? {}, file, lineOf };
}

/** The keys that name a file or folder, `*` for any hall or list entry: relative to the file that says them. */
const PATH_KEYS: KeyPath[] = [
  ['program'],
  ['data'],
  ['obs', 'halls', '*', 'passwordFile'],
  ['webhooks', '*', 'secretFile'],
  ['metrics', 'tokenFile'],
];

/** `raw` with every relative path under `pattern` made absolute from `baseDir` (a copy; non-strings left alone). */
function resolveAt(raw: unknown, pattern: KeyPath, baseDir: string): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const [key, ...rest] = pattern;
  if (key === undefined) return raw;
  if (Array.isArray(raw)) return key === '*' ? raw.map((entry) => resolveAt(entry, rest, baseDir)) : raw;
  const object = { ...(raw as Record<string, unknown>) };
  for (const name of key === '*' ? Object.keys(object) : [String(key)]) {
    if (!(name in object)) continue;
    const value = object[name];
    if (rest.length > 0) object[name] = resolveAt(value, rest, baseDir);
    else if (typeof value === 'string' && value !== '' && !isAbsolute(value)) object[name] = resolve(baseDir, value);
  }
  return object;
}

/**
 * A file's config with its relative paths (program, data, passwordFile, secretFile) resolved from its folder.
 * `under` is where the file's content sits in the config: `['obs']` for an `--obs` file.
 */
export function resolveFilePaths(raw: unknown, baseDir: string, under: KeyPath = []): unknown {
  const patterns = PATH_KEYS.filter((p) => under.every((key, i) => p[i] === key)).map((p) => p.slice(under.length));
  return patterns.reduce((value, pattern) => resolveAt(value, pattern, baseDir), raw);
}

/** Reads a config file for `lectern serve --config`: its content, paths resolved from its folder. */
export async function readConfigLayer(file: string, under: KeyPath = []): Promise<ConfigFileLayer> {
  const layer = await readConfigDocument(file);
  return { ...layer, raw: resolveFilePaths(layer.raw, dirname(resolve(file)), under) };
}

/** Reads a config file (YAML, or JSON) and validates it alone; problems carry their line. */
export async function readConfigFile(file: string): Promise<LecternConfig> {
  const { raw, lineOf } = await readConfigDocument(file);
  const checked = checkConfig(raw);
  if (checked.ok) return checked.config;
  const withLine = checked.problems.map((p) => {
    const line = lineOf(keyPathOf(p.path));
    return line ? { path: `${p.path} (line ${line})`, message: p.message } : p;
  });
  throw new ConfigFileError(file, withLine);
}
