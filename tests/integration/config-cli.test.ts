import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/server.js';

function lectern(...args: string[]) {
  return lecternWith({}, ...args);
}

function lecternWith(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/server/cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('lectern config check', () => {
  it('accepts a good YAML file: exit 0', () => {
    const file = join(tempDir(), 'lectern.yaml');
    writeFileSync(
      file,
      'port: 8080\nhost: 127.0.0.1\nwebhooks:\n  - url: https://hooks.example.org/x\n    events: [message]\n    secretEnv: HOOK_SECRET\n',
    );
    const run = lectern('config', 'check', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('accepts the example for the demo event (docs/deploy/lectern.example.yaml)', () => {
    const run = lectern('config', 'check', join(ROOT, 'docs/deploy/lectern.example.yaml'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('refuses a bad file: exit 1, every problem by key path and line', () => {
    const file = join(tempDir(), 'lectern.yaml');
    writeFileSync(
      file,
      'port: lots\nlimits:\n  token:\n    rate: 0\nwebhooks:\n  - url: https://hooks.example.org/x\n    events: [message]\n    secret: hunter2\n',
    );
    const run = lectern('config', 'check', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('port (line 1):');
    expect(run.stderr).toContain('limits.token.rate (line 4):');
    expect(run.stderr).toContain('webhooks[0].secret (line 8): a secret is never written in the config file');
    expect(run.stderr).not.toContain('hunter2');
  });

  it('lectern --help lists every command, config print among the usages', () => {
    const help = lectern('--help').stdout;
    for (const name of ['serve', 'import', 'export', 'backup', 'restore', 'config', 'help']) {
      expect(help).toMatch(new RegExp(`^  ${name}\\s{2,}\\S`, 'm'));
    }
    expect(help).toContain('lectern config print [--config FILE]');
    expect(help).toContain('--config FILE');
    expect(lectern('help', 'config').stdout).toContain('lectern config print');
  });
});

describe('lectern config print', () => {
  const venue = () => {
    const dir = tempDir();
    const file = join(dir, 'lectern.yaml');
    writeFileSync(
      file,
      `port: 7000
obs:
  halls:
    namba:
      url: ws://10.0.0.21:4455
      passwordEnv: TEST_OBS_NAMBA_PASSWORD
      scenes: { talk: Talk, qa: QA, break: Break, hold: Hold, idle: Soon, ended: End }
      privacyScene: Slate
webhooks:
  - url: https://hooks.example.org/x
    events: [message, overtime]
    secretFile: secrets/hook
`,
    );
    return { dir, file };
  };

  it('writes the effective config as JSON and nothing else; secrets only by their source', () => {
    const { dir, file } = venue();
    const run = lecternWith(
      { TEST_OBS_NAMBA_PASSWORD: 'hunter2', LECTERN_LIMITS__TOKEN__RATE: '30', LECTERN_DIRECTOR_TOKEN: 'lct_d_secret-director' },
      'config',
      'print',
      '--config',
      file,
      '--host',
      '127.0.0.1',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const config = JSON.parse(run.stdout);
    expect(config).toMatchObject({
      port: 7000,
      host: '127.0.0.1',
      data: join(process.cwd(), 'data'),
      limits: { token: { rate: 30, burst: 40 } },
      obs: { halls: { namba: { passwordEnv: 'TEST_OBS_NAMBA_PASSWORD' } } },
      webhooks: [{ url: 'https://hooks.example.org/x', secretFile: join(dir, 'secrets/hook') }],
    });
    expect(run.stdout).not.toContain('hunter2');
    expect(run.stdout).not.toContain('lct_d_secret-director');
  });

  it('its output is a config file lectern config check accepts, and prints the same again', () => {
    const { file } = venue();
    const printed = lecternWith({ LECTERN_WORKERS: '2' }, 'config', 'print', '--config', file, '--token-rate', '50');
    expect(printed.code).toBe(0);
    const copy = join(tempDir(), 'printed.json');
    writeFileSync(copy, printed.stdout);
    const checked = lectern('config', 'check', copy);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(lectern('config', 'print', '--config', copy).stdout).toBe(printed.stdout);
  });

  it('a bad value: exit 1 naming the variable, nothing on stdout', () => {
    const run = lecternWith({ LECTERN_PORT: 'lots' }, 'config', 'print');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('port (LECTERN_PORT)');
  });
});
