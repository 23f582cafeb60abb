#!/usr/bin/env node
// `npm test`: checks (or installs) what the suite needs, then typecheck, lint, build, unit + integration, e2e.
// In CI (CI=true) a missing dependency fails the run; it is never skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['unit + integration', 'npx', ['vitest', 'run']],
  ['e2e (Chromium)', 'npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts']],
];

/** Debian packages the suite uses, by the file that shows each is there. */
const needs = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/obs', 'obs-studio'],
  ['/usr/bin/xvfb-run', 'xvfb'],
  ['/usr/bin/xauth', 'xauth'],
  ['/usr/bin/ffmpeg', 'ffmpeg'],
  ['/usr/bin/redis-server', 'redis-server'],
  ['/usr/sbin/nginx', 'nginx'],
];

function run(label, command, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${label} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds} s)`);
}

const missing = needs.filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg);
if (missing.length > 0) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && process.env.CI !== 'true';
  if (!canInstall) {
    console.error(
      `✖ missing Debian packages: ${missing.join(' ')}\n  install them: sudo apt-get install -y --no-install-recommends ${missing.join(' ')} obs-plugins libgl1-mesa-dri`,
    );
    process.exit(1);
  }
  run(
    'install Debian packages',
    'apt-get',
    ['install', '-y', '--no-install-recommends', ...missing, 'obs-plugins', 'libgl1-mesa-dri'],
    {
      DEBIAN_FRONTEND: 'noninteractive',
    },
  );
}

const only = process.argv[2];
for (const [label, command, args] of steps) {
  if (only && !label.startsWith(only)) continue;
  run(label, command, args);
}
console.log('\nAll tests passed.');
