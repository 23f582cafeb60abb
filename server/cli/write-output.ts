import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a command's output to `--out` (whole or not at all: a temporary file renamed into place) or to
 * stdout when no file is given.
 */
export async function writeOutput(text: string, out: string | undefined): Promise<void> {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, out);
}
