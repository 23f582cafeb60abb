import express, { type Express, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { projectRoot, webDistDir } from '../paths.js';

/** Which app serves a path: display pages (read-only), control pages, or neither. */
export function webAppFor(path: string): 'display' | 'control' | undefined {
  if (/^\/(display|live)(\/|$)/.test(path)) return 'display';
  if (/^\/control(\/|$)/.test(path)) return 'control';
  return undefined;
}

/**
 * Serves the Vue pages: built assets from dist/web, or through Vite's middleware with `dev`.
 * Answers a close function for the dev server.
 */
export async function mountWeb(app: Express, options: { dev: boolean; httpServer: HttpServer }): Promise<() => Promise<void>> {
  app.get('/', (_req, res) => res.redirect(302, '/display'));

  if (options.dev) {
    const { createServer } = await import('vite');
    const root = projectRoot();
    const vite = await createServer({
      root,
      configFile: join(root, 'vite.config.ts'),
      server: { middlewareMode: true, hmr: { server: options.httpServer } },
      appType: 'custom',
    });
    app.use(vite.middlewares);
    app.get(/^\/(display|live|control)(\/.*)?$/, async (req: Request, res: Response) => {
      const which = webAppFor(req.path)!;
      const html = await readFile(join(root, which, 'index.html'), 'utf8');
      res.type('html').send(await vite.transformIndexHtml(req.originalUrl, html));
    });
    return () => vite.close();
  }

  const dist = webDistDir();
  app.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  app.use(express.static(join(dist, 'public'), { index: false, maxAge: '1h' }));
  app.get(/^\/(display|live|control)(\/.*)?$/, (req: Request, res: Response) => {
    const file = join(dist, webAppFor(req.path)!, 'index.html');
    if (!existsSync(file)) {
      res.status(503).type('text').send('The Lectern pages are not built yet: run `npm run build` (npm install does it).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file);
  });
  return async () => {};
}
