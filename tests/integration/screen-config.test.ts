import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScreenConfigSchema } from '../../shared/screens.js';
import { startServer, tempDir, type TestServer } from '../support/server.js';

const METRICS_TOKEN = 'metrics-from-config-0123456789';
const CONFIG = `# a venue's config
screens:
  theme:
    colours:
      accent: "#00a0e9"
      timer-warning: "rgb(255, 120, 0)"
    logo: https://cdn.example.org/logo.svg
  languages:
    default: ja+en
  timer:
    warningSeconds: 120
    dangerSeconds: 30
  overlay:
    lowerThirdSeconds: 8
halls:
  namba:
    streamLanguage: ja
metrics:
  requireToken: true
  tokenEnv: PROM_SCRAPE_TOKEN
`;

let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  writeFileSync(join(dir, 'lectern.yaml'), CONFIG);
  server = await startServer({ args: ['--config', join(dir, 'lectern.yaml')], env: { PROM_SCRAPE_TOKEN: METRICS_TOKEN } });
});
afterAll(async () => {
  await server.stop();
});

describe('a config file with screens, halls and metrics, on the real server', () => {
  it('serves the screen config publicly, without secrets', async () => {
    const response = await fetch(`${server.url}/api/v1/screens/config`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const served = ScreenConfigSchema.parse(JSON.parse(text));
    expect(served).toEqual({
      theme: { colours: { accent: '#00a0e9', 'timer-warning': 'rgb(255, 120, 0)' }, logo: 'https://cdn.example.org/logo.svg' },
      languages: { default: 'ja+en' },
      timer: { warningSeconds: 120, dangerSeconds: 30 },
      overlay: { lowerThirdSeconds: 8 },
      halls: { namba: { streamLanguage: 'ja' } },
    });
    expect(text).not.toContain(METRICS_TOKEN);
    expect(text).not.toContain('PROM_SCRAPE_TOKEN');
  });

  it('serves the theme as a stylesheet that every screen links in its head', async () => {
    const response = await fetch(`${server.url}/api/v1/screens/theme.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await response.text()).toBe('html:root {\n  --accent: #00a0e9;\n  --timer-warning: rgb(255, 120, 0);\n}\n');
    const html = await (await fetch(`${server.url}/display/hall/namba`)).text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.indexOf('href="/api/v1/screens/theme.css"')).toBeGreaterThan(-1);
    expect(head.indexOf('href="/api/v1/screens/theme.css"')).toBeLessThan(head.indexOf('<script'));
  });

  it("lets the pages load the remote logo (its origin only, in the CSP's img-src)", async () => {
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/img-src 'self' data: https:\/\/cdn\.example\.org(;|$)/);
  });

  it('/metrics needs the token from the variable the config names', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.status).toBe(200);
  });

  it('refuses to start when metrics.requireToken is set and the token is missing', async () => {
    await expect(startServer({ args: ['--config', join(dir, 'lectern.yaml')] })).rejects.toThrow(
      /metrics\.requireToken: \/metrics needs a token, but the variable PROM_SCRAPE_TOKEN is not set/,
    );
  });
});
