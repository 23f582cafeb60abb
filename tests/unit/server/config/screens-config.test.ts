import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../../../server/config/config.schema.js';
import { serveOptionsOf } from '../../../../server/config/config.serve.js';
import { logoOrigins, withStreamLanguages } from '../../../../server/displays/screen-config.routes.js';
import { metricsTokenOf } from '../../../../server/observability/metrics.config.js';
import { DEFAULT_SCREEN_CONFIG, THEME_COLOURS } from '../../../../shared/screens.js';

const problemsOf = (raw: unknown) => {
  const checked = checkConfig(raw);
  return checked.ok ? [] : checked.problems;
};
const pathsOf = (raw: unknown) => problemsOf(raw).map((p) => p.path);

describe('the config: screens, halls and metrics', () => {
  it("defaults to today's behaviour", () => {
    const checked = checkConfig({});
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.config.screens).toEqual({
      theme: { colours: {} },
      languages: {},
      timer: { warningSeconds: 300, dangerSeconds: 60 },
      overlay: { lowerThirdSeconds: 12 },
    });
    expect(checked.config.halls).toEqual({});
    expect(checked.config.metrics).toEqual({ requireToken: false, tokenEnv: 'LECTERN_METRICS_TOKEN' });
    expect(serveOptionsOf(checked.config).screens).toEqual(DEFAULT_SCREEN_CONFIG);
  });

  it('takes a theme, languages, timer, overlay, stream languages and a metrics token variable', () => {
    const checked = checkConfig({
      screens: {
        theme: {
          colours: {
            accent: '#00a0e9',
            bg: 'rgb(10, 20, 30)',
            'timer-warning': 'hsl(40 100% 50%)',
            'overlay-panel': 'rgba(0,0,0,0.8)',
          },
          logo: '/assets/logo.svg',
          fontFamily: '"Inter", sans-serif',
        },
        languages: { default: 'ja+en' },
        timer: { warningSeconds: 120, dangerSeconds: 30 },
        overlay: { lowerThirdSeconds: 8, key: 'green' },
      },
      halls: { namba: { streamLanguage: 'en' } },
      metrics: { requireToken: true, tokenEnv: 'PROM_TOKEN' },
    });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(serveOptionsOf(checked.config).screens).toMatchObject({
      theme: { colours: { accent: '#00a0e9' }, logo: '/assets/logo.svg' },
      languages: { default: 'ja+en' },
      timer: { warningSeconds: 120, dangerSeconds: 30 },
      halls: { namba: { streamLanguage: 'en' } },
    });
  });

  it('names bad values by key path', () => {
    const problems = problemsOf({
      screens: {
        theme: { colours: { accent: 'red; background: url(x)', bg: '#12345' }, logo: 'javascript:alert(1)', fontFamily: 'x; }' },
        languages: { default: 'Japanese' },
        timer: { warningSeconds: 30, dangerSeconds: 60 },
        overlay: { lowerThirdSeconds: -1, key: 'var(--accent)' },
      },
      halls: { namba: { streamLanguage: 'EN!' } },
      metrics: { tokenEnv: 'not a name' },
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'screens.theme.colours.accent',
        'screens.theme.colours.bg',
        'screens.theme.logo',
        'screens.theme.fontFamily',
        'screens.languages.default',
        'screens.timer.dangerSeconds',
        'screens.overlay.lowerThirdSeconds',
        'screens.overlay.key',
        'halls.namba.streamLanguage',
        'metrics.tokenEnv',
      ]),
    );
    expect(problems.find((p) => p.path === 'screens.timer.dangerSeconds')?.message).toMatch(/at most warningSeconds/);
  });

  it('refuses a colour name the theme does not define, and unknown keys', () => {
    expect(pathsOf({ screens: { theme: { colours: { 'not-a-colour': '#fff' } } } })).toEqual(['screens.theme.colours']);
    expect(pathsOf({ screens: { timer: { warning: 5 } } })).toEqual(['screens.timer']);
    expect(pathsOf({ halls: { namba: { language: 'en' } } })).toEqual(['halls.namba']);
  });

  it('refuses a literal metrics token, naming its key', () => {
    const problems = problemsOf({ metrics: { token: 'abc' } });
    expect(problems).toEqual([
      expect.objectContaining({ path: 'metrics.token', message: expect.stringMatching(/never written/) }),
    ]);
  });

  it('lists exactly the colours theme.css defines', () => {
    const css = readFileSync(new URL('../../../../display/theme/theme.css', import.meta.url), 'utf8');
    const root = /:root\s*{([^}]*)}/.exec(css)![1]!;
    const defined = [...root.matchAll(/--([a-z-]+):\s*(#|rgba?\()/g)].map((m) => m[1]);
    expect([...THEME_COLOURS].sort()).toEqual(defined.sort());
  });
});

describe('the /metrics token from the config', () => {
  it('reads the variable tokenEnv names, or the file tokenFile', async () => {
    expect(await metricsTokenOf({ requireToken: false, tokenEnv: 'PROM' }, { PROM: 'p-token' })).toBe('p-token');
    expect(await metricsTokenOf({ requireToken: false, tokenEnv: 'PROM' }, {})).toBeUndefined();
    const file = join(mkdtempSync(join(tmpdir(), 'lectern-metrics-')), 'token');
    writeFileSync(file, 'f-token\n');
    expect(await metricsTokenOf({ requireToken: true, tokenEnv: 'PROM', tokenFile: file }, { PROM: 'p' })).toBe('f-token');
  });

  it('refuses to start without one when requireToken is set, saying where it looked', async () => {
    await expect(metricsTokenOf({ requireToken: true, tokenEnv: 'PROM' }, {})).rejects.toThrow(
      /metrics.requireToken: .*PROM is not set/,
    );
  });
});

describe('the screen config on the server', () => {
  it("gives each OBS hall its stream language, and the CSP a remote logo's origin", () => {
    const screens = { ...DEFAULT_SCREEN_CONFIG, halls: { namba: { streamLanguage: 'en' } } };
    const hall = { hallId: 'namba' } as never;
    const other = { hallId: 'umeda' } as never;
    const obs = withStreamLanguages({ halls: [hall, other], chapterMinSeconds: 10 }, screens);
    expect(obs?.halls.map((h) => h.streamLanguage)).toEqual(['en', undefined]);
    expect(logoOrigins({ ...screens, theme: { colours: {}, logo: 'https://cdn.example.org/a/logo.svg' } })).toEqual([
      'https://cdn.example.org',
    ]);
    expect(logoOrigins({ ...screens, theme: { colours: {}, logo: '/logo.svg' } })).toEqual([]);
  });
});
