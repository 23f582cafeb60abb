import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProgram } from '../support/demo.js';
import { api, command } from '../support/http.js';
import { ROOT, startServer, tempDir, type TestServer } from '../support/server.js';

// `lectern serve --config FILE` on the real built CLI: the file's values take effect (a program path read from the
// file's folder, a nested limit), a LECTERN_ variable wins over the file, a flag over both, a bad file stops the start.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A folder with a program (its own title) and a YAML config naming it by a relative path. */
function venue(extra = ''): string {
  const dir = tempDir('lectern-config-');
  const program = demoProgram();
  writeFileSync(
    join(dir, 'program.json'),
    JSON.stringify({ ...program, event: { ...program.event, title: 'Config File Symposium' } }),
  );
  const file = join(dir, 'lectern.yaml');
  writeFileSync(
    file,
    `# the demo event, from a config file
program: ./program.json
publicUrl: https://file.example.org
limits:
  token:
    rate: 1
    burst: 1
${extra}`,
  );
  return file;
}

/** The origin the start banner's links use (the banner follows the "listening" line). */
async function linkOrigin(running: TestServer): Promise<string | undefined> {
  for (let i = 0; i < 50; i++) {
    const origin = /Public live page: (https?:\/\/[^/\s]+)\/live/.exec(running.output())?.[1];
    if (origin) return origin;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

describe('lectern serve --config', () => {
  it('takes the file: its program (relative to its folder), its public URL, its nested limits', async () => {
    server = await startServer({ args: ['--config', venue()] });
    const program = await api<{ event: { title: string } }>(server.url, '/api/v1/program');
    expect(JSON.stringify(program.body)).toContain('Config File Symposium');
    expect(await linkOrigin(server)).toBe('https://file.example.org');
    // limits.token: one command a second for the director's token, so the second at once is refused.
    const first = await command(server.url, 'namba', { type: 'next' });
    const second = await command(server.url, 'namba', { type: 'next' });
    expect(first.status).not.toBe(429);
    expect(second.status).toBe(429);
  });

  it('a LECTERN_ variable wins over the file', async () => {
    server = await startServer({
      args: ['--config', venue()],
      env: {
        LECTERN_PUBLIC_URL: 'https://env.example.org',
        LECTERN_LIMITS__TOKEN__RATE: '50',
        LECTERN_LIMITS__TOKEN__BURST: '50',
      },
    });
    expect(await linkOrigin(server)).toBe('https://env.example.org');
    const answers = await Promise.all([1, 2, 3].map(() => command(server!.url, 'namba', { type: 'next' })));
    expect(answers.map((a) => a.status)).not.toContain(429);
  });

  it('a flag wins over the variable and the file', async () => {
    server = await startServer({
      args: ['--config', venue(), '--public-url', 'https://flag.example.org'],
      env: { LECTERN_PUBLIC_URL: 'https://env.example.org' },
    });
    expect(await linkOrigin(server)).toBe('https://flag.example.org');
  });

  it('a bad file stops the start: exit 1, every problem by key path and line; a bad variable by its name', () => {
    const file = venue('webhooks:\n  - url: https://hooks.example.org/x\n    events: [sometimes]\n');
    writeFileSync(file, `port: lots\n${readFileSync(file, 'utf8')}`);
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/server/cli.js'), 'serve', '--config', file, '--data', tempDir()], {
      encoding: 'utf8',
      env: { ...process.env, LECTERN_LIMITS__SOCKET__RATE: 'fast' },
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('port (line 1):');
    expect(run.stderr).toContain('webhooks[0].events[0] (line 11):');
    expect(run.stderr).toContain('limits.socket.rate (LECTERN_LIMITS__SOCKET__RATE):');
    expect(run.stdout).not.toContain('listening');
  });
});
