import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/server.js';

// docs/deploy/lectern.service: what systemd thinks of it, and whether it asks Lectern for what Lectern has.
// The data folder's modes themselves (0700, the database 0600) are tested in tests/security/scopes.test.ts.
const UNIT = join(ROOT, 'docs/deploy/lectern.service');
const SYSTEMD_ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((path) => existsSync(path));
const unit = readFileSync(UNIT, 'utf8');

/** The value of `Key=` in the unit (the last one, as systemd reads it). */
function setting(key: string): string | undefined {
  const lines = unit.split('\n').filter((line) => line.startsWith(`${key}=`));
  return lines.at(-1)?.slice(key.length + 1);
}

const execStart = setting('ExecStart')!.split(/\s+/);

describe('the systemd unit', () => {
  it('passes systemd-analyze verify, without a warning about it', (context) => {
    if (!SYSTEMD_ANALYZE) context.skip('systemd-analyze is not installed (Debian: the systemd package)');
    const dir = tempDir('lectern-unit-');
    const file = join(dir, 'lectern.service');
    // verify checks that ExecStart's program exists: where node is not /usr/bin/node, this machine's node.
    if (existsSync(execStart[0]!)) copyFileSync(UNIT, file);
    else writeFileSync(file, unit.replace(`ExecStart=${execStart[0]}`, `ExecStart=${process.execPath}`));
    const run = spawnSync(SYSTEMD_ANALYZE!, ['verify', file], { encoding: 'utf8' });
    const aboutUnit = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.includes('lectern.service'));
    expect(aboutUnit).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
  });

  it('runs lectern serve with flags serve has', () => {
    expect(execStart[1]).toMatch(/\/dist\/server\/cli\.js$/);
    expect(execStart[2]).toBe('serve');
    const help = execFileSync(process.execPath, [join(ROOT, 'dist/server/cli.js'), 'serve', '--help'], { encoding: 'utf8' });
    for (const flag of execStart.slice(3).filter((word) => word.startsWith('--'))) {
      expect(help, flag).toContain(`${flag} `);
    }
    expect(execStart[execStart.indexOf('--host') + 1]).toBe('127.0.0.1'); // only nginx reaches it
    expect(execStart[execStart.indexOf('--public-url') + 1]).toMatch(/^https:\/\//);
  });

  it('keeps the data in the state directory systemd makes 0700, under umask 0077', () => {
    const data = execStart[execStart.indexOf('--data') + 1];
    expect(data).toBe(`/var/lib/${setting('StateDirectory')}`);
    expect(setting('StateDirectoryMode')).toBe('0700');
    expect(setting('UMask')).toBe('0077');
    expect(setting('ReadWritePaths')).toBe(data);
    // Secrets from a file, never on the command line (visible in ps).
    expect(setting('ExecStart')).not.toMatch(/token|password/i);
  });
});
