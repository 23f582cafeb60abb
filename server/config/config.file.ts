import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { checkConfig, type ConfigProblem, type LecternConfig } from './config.schema.js';

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

/** The key path "obs.halls.namba.url" / "webhooks[0].url" as the yaml package's path. */
function yamlPath(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** Reads a config file (YAML, or JSON, which is YAML too) and validates it; problems carry their line. */
export async function readConfigFile(file: string): Promise<LecternConfig> {
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
  const checked = checkConfig(doc.toJS() ?? {});
  if (checked.ok) return checked.config;
  const withLine = checked.problems.map((p) => {
    const node = doc.getIn(yamlPath(p.path), true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lines.linePos(node.range[0]).line : undefined;
    return line ? { path: `${p.path} (line ${line})`, message: p.message } : p;
  });
  throw new ConfigFileError(file, withLine);
}
