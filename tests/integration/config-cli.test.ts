import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/server.js';

function lectern(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/server/cli.js'), ...args], { encoding: 'utf8' });
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

  it('lectern --help lists the config command', () => {
    expect(lectern('--help').stdout).toMatch(/^\s+config\s/m);
  });
});
