import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { describeZodError, type InputProblem } from '../../shared/index.js';
import { WebhooksSchema, type Webhook } from '../config/webhooks.schema.js';

/** A `--webhooks` file that cannot be used; `problems` name each by path ("[0].url") and line. */
export class WebhooksFileError extends Error {
  override name = 'WebhooksFileError';
  constructor(
    readonly file: string,
    readonly problems: InputProblem[],
  ) {
    super(`webhooks ${file}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

/**
 * Reads `lectern serve --webhooks FILE`: a YAML (or JSON) list of webhooks, checked by the config file's own
 * WebhooksSchema. A `secretFile` is read relative to the file.
 */
export async function readWebhooksFile(file: string): Promise<Webhook[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new WebhooksFileError(file, [
      { path: '(file)', message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new WebhooksFileError(
      file,
      doc.errors.map((e) => ({ path: `line ${e.linePos?.[0].line ?? '?'}`, message: e.message.split('\n')[0]! })),
    );
  }
  const parsed = WebhooksSchema.safeParse(doc.toJS() ?? []);
  if (!parsed.success) {
    const problems = describeZodError(parsed.error).map((p) => {
      const path = [...p.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const line = node?.range ? lines.linePos(node.range[0]).line : undefined;
      return line ? { path: `${p.path} (line ${line})`, message: p.message } : p;
    });
    throw new WebhooksFileError(file, problems);
  }
  const base = dirname(file);
  return parsed.data.map((hook) => (hook.secretFile ? { ...hook, secretFile: resolve(base, hook.secretFile) } : hook));
}
