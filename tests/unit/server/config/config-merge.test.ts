import { describe, expect, it } from 'vitest';
import { CONFIG_FLAG_PATHS } from '../../../../server/config/config.load.js';
import { resolveFilePaths } from '../../../../server/config/config.file.js';
import { serveOptionsOf } from '../../../../server/config/config.serve.js';
import { envSettings, flagSettings, mergeConfig, setIn, type ConfigFileLayer } from '../../../../server/config/config.merge.js';

const scenes = { talk: 'Talk', qa: 'QA', break: 'Break', hold: 'Hold', idle: 'Soon', ended: 'End' };

/** A file layer whose key `port` is on line 1 and every other key on line 7. */
function file(raw: unknown): ConfigFileLayer {
  return { raw, file: 'venue.yaml', lineOf: (path) => (path[0] === 'port' ? 1 : 7) };
}

function effective(raw: unknown, env: Record<string, string>, flags: Record<string, string> = {}) {
  const fromEnv = envSettings(env);
  expect(fromEnv.problems).toEqual([]);
  return mergeConfig(raw === undefined ? undefined : file(raw), [...fromEnv.settings, ...flagSettings(flags, CONFIG_FLAG_PATHS)]);
}

describe('the environment rule', () => {
  it('LECTERN_ + the key path in UPPER_SNAKE, __ between levels; values read as JSON, else text', () => {
    const { settings, problems } = envSettings({
      LECTERN_LIMITS__TOKEN__RATE: '30',
      LECTERN_LIMITS__MAX_FRAME_BYTES: '200000',
      LECTERN_PUBLIC_URL: 'https://lectern.example.org',
      LECTERN_WORKERS: 'auto',
      LECTERN_WEBHOOKS: '[{"url":"https://h.example.org/x","events":["message"],"secretEnv":"HOOK_SECRET"}]',
      LECTERN_OBS__HALLS__HALL_B__PASSWORD_ENV: 'OBS_B',
      PATH: '/usr/bin',
    });
    expect(problems).toEqual([]);
    expect(Object.fromEntries(settings.map((s) => [s.path.join('/'), s.value]))).toEqual({
      'limits/token/rate': 30,
      'limits/maxFrameBytes': 200000,
      publicUrl: 'https://lectern.example.org',
      workers: 'auto',
      webhooks: [{ url: 'https://h.example.org/x', events: ['message'], secretEnv: 'HOOK_SECRET' }],
      'obs/halls/hall-b/passwordEnv': 'OBS_B',
    });
    expect(settings.find((s) => s.path[0] === 'publicUrl')!.source).toBe('LECTERN_PUBLIC_URL');
  });

  it('the variables that came before keep working: LECTERN_PORT, LECTERN_REDIS_URL, the limit aliases', () => {
    const merged = effective(undefined, {
      LECTERN_PORT: '9090',
      LECTERN_HOST: '127.0.0.1',
      LECTERN_DATA: '/var/lib/lectern',
      LECTERN_REDIS_URL: 'redis://10.0.0.5:6379',
      LECTERN_TOKEN_RATE: '25',
      LECTERN_QUESTION_WINDOW: '30',
    });
    expect(merged.ok && merged.config).toMatchObject({
      port: 9090,
      host: '127.0.0.1',
      data: '/var/lib/lectern',
      redisUrl: 'redis://10.0.0.5:6379',
      limits: { token: { rate: 25, burst: 40 }, questions: { windowSeconds: 30 } },
    });
  });

  it('a key that takes text takes the value as written (a data folder named 2025)', () => {
    const merged = effective(undefined, { LECTERN_DATA: '2025', LECTERN_HOST: '10' });
    expect(merged.ok && merged.config).toMatchObject({ data: '2025', host: '10' });
  });

  it('the rule’s name wins over an alias for the same key', () => {
    const merged = effective(undefined, { LECTERN_TOKEN_RATE: '25', LECTERN_LIMITS__TOKEN__RATE: '35' });
    expect(merged.ok && merged.config.limits.token.rate).toBe(35);
  });

  it('a variable with __ that names no key is a problem naming it; other LECTERN_ variables are someone else’s', () => {
    const { settings, problems } = envSettings({
      LECTERN_LIMITS__TOKEN__RAT: '30',
      LECTERN_DIRECTOR_TOKEN: 'lct_d_x',
      LECTERN_OBS_NAMBA_PASSWORD: 'hunter2',
      LECTERN_WORKER_INDEX: '1',
    });
    expect(settings).toEqual([]);
    expect(problems.map((p) => p.path)).toEqual(['LECTERN_LIMITS__TOKEN__RAT']);
  });

  it('a bad value names its variable', () => {
    const merged = effective(undefined, { LECTERN_PORT: 'lots', LECTERN_LIMITS__QUESTIONS__PER_DEVICE: '0' });
    expect(merged.ok).toBe(false);
    if (merged.ok) return;
    expect(merged.problems.map((p) => p.path)).toEqual([
      'port (LECTERN_PORT)',
      'limits.questions.perDevice (LECTERN_LIMITS__QUESTIONS__PER_DEVICE)',
    ]);
  });

  it('a secret set through a variable is refused as in the file, and not shown', () => {
    const merged = effective(undefined, {
      LECTERN_OBS: JSON.stringify({
        halls: { namba: { url: 'ws://10.0.0.21:4455', password: 'hunter2', scenes, privacyScene: 'S' } },
      }),
    });
    expect(merged.ok).toBe(false);
    if (merged.ok) return;
    expect(merged.problems.map((p) => p.path)).toEqual(['obs.halls.namba.password (LECTERN_OBS)']);
    expect(JSON.stringify(merged.problems)).not.toContain('hunter2');
  });
});

describe('defaults ← file ← environment ← flags', () => {
  const raw = {
    port: 7000,
    host: '127.0.0.1',
    limits: { token: { rate: 10 } },
    webhooks: [{ url: 'https://h.example.org/x', events: ['message'] }],
  };

  it('the file fills over the defaults', () => {
    const merged = effective(raw, {});
    expect(merged.ok && merged.config).toMatchObject({
      port: 7000,
      host: '127.0.0.1',
      data: './data',
      limits: { token: { rate: 10, burst: 40 } },
    });
  });

  it('the environment wins over the file, a flag over both', () => {
    const merged = effective(raw, { LECTERN_PORT: '7001', LECTERN_LIMITS__TOKEN__RATE: '12' }, { port: '7002' });
    expect(merged.ok && merged.config).toMatchObject({ port: 7002, host: '127.0.0.1', limits: { token: { rate: 12 } } });
  });

  it('a variable sets one key of a list entry from the file', () => {
    const merged = effective(raw, { LECTERN_WEBHOOKS__0__SECRET_ENV: 'HOOK_SECRET' });
    expect(merged.ok && merged.config.webhooks).toEqual([
      { url: 'https://h.example.org/x', events: ['message'], secretEnv: 'HOOK_SECRET' },
    ]);
  });

  it('a problem in the file names its key path and line; one from a flag names the flag', () => {
    const merged = effective({ port: 'lots', colour: 'red' }, {}, { host: '' });
    expect(merged.ok).toBe(false);
    if (merged.ok) return;
    expect(merged.problems.map((p) => p.path).sort()).toEqual(['(file)', 'host (--host)', 'port (line 1)']);
  });

  it('a setting does not change the file’s content it started from', () => {
    const before = { limits: { token: { rate: 10 } } };
    setIn(before, ['limits', 'token', 'rate'], 20);
    expect(before.limits.token.rate).toBe(10);
  });
});

describe("a file's relative paths", () => {
  it('are read from its folder: program, data, passwordFile, secretFile', () => {
    expect(
      resolveFilePaths(
        {
          program: 'program.json',
          data: '/var/lib/lectern',
          host: 'lectern.local',
          obs: { halls: { namba: { passwordFile: 'secrets/obs-namba' } } },
          webhooks: [{ secretFile: '../hook-secret' }],
        },
        '/etc/lectern',
      ),
    ).toEqual({
      program: '/etc/lectern/program.json',
      data: '/var/lib/lectern',
      host: 'lectern.local',
      obs: { halls: { namba: { passwordFile: '/etc/lectern/secrets/obs-namba' } } },
      webhooks: [{ secretFile: '/etc/hook-secret' }],
    });
  });

  it('an --obs file: its passwordFile from its own folder', () => {
    expect(resolveFilePaths({ halls: { namba: { passwordFile: 'pw' } } }, '/srv/obs', ['obs'])).toEqual({
      halls: { namba: { passwordFile: '/srv/obs/pw' } },
    });
  });
});

describe('the server options of a config', () => {
  it('carry the webhooks, the limits as the throttles take them, the obs section', () => {
    const hooks = [{ url: 'https://h.example.org/x', events: ['message'], secretEnv: 'HOOK_SECRET' }];
    const merged = effective(
      { webhooks: hooks, obs: { halls: { namba: { url: 'ws://10.0.0.21:4455', scenes, privacyScene: 'S' } } } },
      { LECTERN_LIMITS__TOKEN__RATE: '30' },
    );
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    const options = serveOptionsOf(merged.config);
    expect(options.webhooks).toEqual(hooks);
    expect(options.limits?.token).toEqual({ perSecond: 30, burst: 40 });
    expect(options.obs?.halls.namba?.url).toBe('ws://10.0.0.21:4455');
    expect(options.dataDir).toBe('./data');
  });
});
