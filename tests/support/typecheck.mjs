#!/usr/bin/env node
// `npm run typecheck`: the three TypeScript projects (server and shared, the Vue pages, the Playwright suites)
// checked at once rather than one after another. They share few files, and each check is mostly one core's work,
// so on a 2-core machine this takes about the longest of them plus a little, not their sum.
import { spawn } from 'node:child_process';

const projects = [
  ['tsc', ['-p', 'tsconfig.node.json']],
  ['vue-tsc', ['-p', 'tsconfig.web.json']],
  ['tsc', ['-p', 'tsconfig.e2e.json']],
];

function check([command, args]) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ label: `${command} ${args.join(' ')}`, code: code ?? 1, output }));
  });
}

const results = await Promise.all(projects.map(check));
for (const { label, code, output } of results) {
  // Each project's errors together, under its name, so the output of the three does not interleave.
  if (output.trim()) console.log(`${label}:\n${output.trimEnd()}`);
  if (code !== 0) console.error(`✖ ${label} failed`);
}
process.exit(results.find((r) => r.code !== 0)?.code ?? 0);
