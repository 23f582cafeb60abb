import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, type TestServer } from '../support/server.js';

// docs/guarantees.md, "Pages and files": every page and asset (control pages included) carries the security
// headers and the CSP; no path, however encoded, reaches a file outside dist/web.

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const PAGES = [
  '/display',
  '/display/hall/namba',
  '/display/lobby',
  '/display/timer/namba',
  '/display/overlay/namba',
  '/live',
  '/live/namba',
  '/control/hall/namba',
  '/control/director',
  '/control/obs',
];
const assets = readdirSync(join(ROOT, 'dist/web/assets')).map((name) => `/assets/${name}`);

function expectHardened(path: string, response: Response) {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp, path).toContain("default-src 'self'");
  expect(csp, path).toContain("script-src 'self'");
  expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp, path).toContain("object-src 'none'");
  expect(csp, path).toContain("base-uri 'none'");
  expect(csp, path).toContain('frame-ancestors');
  expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
  expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
}

describe('security headers', () => {
  it('every page, display and control, carries them and the CSP', async () => {
    for (const path of PAGES) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/text\/html/);
      expectHardened(path, response);
    }
  });

  it('every built asset carries them too', async () => {
    expect(assets.length).toBeGreaterThan(3);
    for (const path of assets) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(200);
      expectHardened(path, response);
      await response.arrayBuffer();
    }
  });

  it('API answers and errors carry them', async () => {
    for (const path of ['/healthz', '/api/v1/program', '/api/v1/nope', '/api/v1/tokens']) {
      const response = await fetch(server.url + path);
      expectHardened(path, response);
      await response.arrayBuffer();
    }
  });
});

describe('path traversal', () => {
  const packageJson = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const secrets = [packageJson.slice(0, 60), 'root:x:0:0', 'CREATE TABLE', 'SQLite format'];
  const targets = ['package.json', 'etc/passwd', 'dist/server/cli.js'];
  const climbs = [
    '..%2f',
    '..%2F',
    '%2e%2e/',
    '%2e%2e%2f',
    '%2E%2E%2F',
    '..%5c',
    '..%5C',
    '%2e%2e%5c',
    '..%252f',
    '%252e%252e%252f',
    '..%c0%af',
    '.%2e/',
    '..\\',
  ];
  const prefixes = ['/', '/assets/', '/display/', '/control/', '/api/v1/export/', '/live/'];
  const paths = prefixes.flatMap((prefix) =>
    climbs.flatMap((climb) => targets.map((target) => `${prefix}${climb.repeat(6)}${target}`)),
  );

  it(`${paths.length} encoded climbs out of dist/web: never a file from outside`, async () => {
    for (const path of paths) {
      const response = await fetch(server.url + path, { redirect: 'manual' });
      const body = await response.text();
      for (const secret of secrets) expect(body.includes(secret), `${path} served ${secret}`).toBe(false);
      if (path.startsWith('/display/') || path.startsWith('/control/') || path.startsWith('/live/')) {
        // A page route answers its page (index.html from dist/web) or refuses; nothing else.
        if (response.status === 200) expect(body, path).toMatch(/^<!doctype html>/i);
        else expect([400, 404], path).toContain(response.status);
      } else {
        expect([400, 404], `${path} answered ${response.status}`).toContain(response.status);
      }
    }
  });

  it('the data folder is not served', async () => {
    for (const path of ['/lectern.sqlite', '/data/lectern.sqlite', `/assets/${'..%2f'.repeat(3)}data/lectern.sqlite`]) {
      const response = await fetch(server.url + path);
      expect([400, 404], path).toContain(response.status);
      await response.arrayBuffer();
    }
  });
});
