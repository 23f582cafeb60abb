import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root (where package.json is), whether running from source (tsx) or from dist/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Lectern checkout (no package.json above the server)');
    dir = parent;
  }
  return dir;
}

/** Where `vite build` puts the display and control pages. */
export function webDistDir(): string {
  return join(projectRoot(), 'dist', 'web');
}
