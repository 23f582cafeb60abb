import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** systemd-analyze verify on `unit` (with drop-ins in `<file>.d/`): the lines about it, and the exit status. */
function verify(file: string): { aboutUnit: string[]; status: number | null; stderr: string } {
  const run = spawnSync(SYSTEMD_ANALYZE!, ['verify', file], {
    encoding: 'utf8',
    // Drop-ins are looked up in the unit path: the test's folder first, then the defaults (the trailing colon).
    env: { ...process.env, SYSTEMD_UNIT_PATH: `${dirname(file)}:` },
  });
  const aboutUnit = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.includes('lectern.service'));
  return { aboutUnit, status: run.status, stderr: run.stderr };
}

/** The unit as this machine can verify it: where node is not at ExecStart's path, this machine's node. */
function unitForThisMachine(dir: string, text = unit): string {
  const file = join(dir, 'lectern.service');
  writeFileSync(file, existsSync(execStart[0]!) ? text : text.replaceAll(`${execStart[0]} `, `${process.execPath} `));
  return file;
}

describe('the systemd unit', () => {
  it('passes systemd-analyze verify, without a warning about it', (context) => {
    if (!SYSTEMD_ANALYZE) context.skip('systemd-analyze is not installed (Debian: the systemd package)');
    // verify checks that ExecStart's program exists.
    const { aboutUnit, status, stderr } = verify(unitForThisMachine(tempDir('lectern-unit-')));
    expect(aboutUnit).toEqual([]);
    expect(status, stderr).toBe(0);
  });

  it("the operator guide's rehearsal drop-in is the unit's ExecStart with --clock and --clock-rate, and verifies", (context) => {
    const guide = readFileSync(join(ROOT, 'docs/operator-guide.md'), 'utf8');
    const dropIn = /```ini\n(\[Service\]\nExecStart=\n[\s\S]*?)```/.exec(guide)?.[1];
    expect(dropIn, 'an ini block with the drop-in in docs/operator-guide.md').toBeDefined();
    const rehearsal = /^ExecStart=(.+)$/m.exec(dropIn!.replace('ExecStart=\n', ''))![1]!;
    expect(rehearsal).toMatch(/ --clock 2025-10-02T09:25 --clock-rate 60$/);
    expect(rehearsal.replace(/ --clock \S+ --clock-rate \S+$/, '')).toBe(setting('ExecStart'));
    if (!SYSTEMD_ANALYZE) context.skip('systemd-analyze is not installed (Debian: the systemd package)');
    const dir = tempDir('lectern-unit-');
    const file = unitForThisMachine(dir);
    mkdirSync(join(dir, 'lectern.service.d'));
    writeFileSync(
      join(dir, 'lectern.service.d', 'override.conf'),
      existsSync(execStart[0]!) ? dropIn! : dropIn!.replaceAll(`${execStart[0]} `, `${process.execPath} `),
    );
    const { aboutUnit, status, stderr } = verify(file);
    expect(aboutUnit).toEqual([]);
    expect(status, stderr).toBe(0);
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
