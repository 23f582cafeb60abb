import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LecternClientSocket } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { freePort } from '../support/net.js';
import { startServer, tempDir } from '../support/server.js';
import { connect } from '../support/socket.js';

// docs/guarantees.md, "Tokens are secrets": what the server prints over a whole session. The one token it may
// print is a generated director token, in the block of its first start; no chair token, ever, and nothing on
// a later start.

describe('tokens never reach the server output', () => {
  it('a generated director token is printed in one block at first start only; chair tokens never', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, env: { LECTERN_DIRECTOR_TOKEN: '' }, terminal: true });
    const sockets: LecternClientSocket[] = [];
    let chairToken: string | undefined;
    let director: string | undefined;
    try {
      // The start banner is printed after "listening on".
      for (let i = 0; i < 100 && !first.output().includes('Screens (no token needed)'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const printed = /A director token was generated[^\n]*\n\s+(\S+)/.exec(first.output());
      expect(printed, first.output()).not.toBeNull();
      director = printed![1]!;
      expect((await api(first.url, '/api/v1/auth/me', { token: director })).body).toMatchObject({ role: 'director' });

      // A session's worth of work with both tokens: mint, command, sockets, a refused command, a revocation.
      const minted = await api(first.url, '/api/v1/tokens', { body: { hallId: 'namba' }, token: director });
      chairToken = minted.body.token;
      expect((await command(first.url, 'namba', { type: 'next' }, chairToken)).status).toBe(200);
      expect((await command(first.url, 'nakamozu', { type: 'next' }, chairToken)).status).toBe(403);
      sockets.push(await connect(first.url, chairToken), await connect(first.url, director));
      await sockets[0]!.timeout(3000).emitWithAck('hall:command', { hallId: 'namba', type: 'nope' } as never);
      await api(first.url, `/api/v1/tokens/${minted.body.id}`, { method: 'DELETE', token: director });
      await expect(connect(first.url, chairToken)).rejects.toThrow();
      await command(first.url, 'namba', { type: 'next' }, chairToken);
      await command(first.url, 'namba', { type: 'next' }, `${director}x`);
    } finally {
      sockets.forEach((s) => s.close());
      await first.stop();
    }
    if (!director || !chairToken) throw new Error('the session did not get its tokens');
    const output = first.output();
    expect(output.includes(chairToken)).toBe(false);
    // Every occurrence of the director token lies in the generated-token block (the token and its links).
    const block = output.slice(output.indexOf('A director token was generated'), output.indexOf('Screens (no token needed)'));
    const outside = output.replace(block, '');
    expect(outside.includes(director) || outside.includes(encodeURIComponent(director))).toBe(false);

    const again = await startServer({ dataDir, env: { LECTERN_DIRECTOR_TOKEN: '' }, terminal: true });
    try {
      for (let i = 0; i < 100 && !again.output().includes('Screens (no token needed)'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(again.output()).toContain('Screens (no token needed)');
      expect((await api(again.url, '/api/v1/auth/me', { token: director })).status).toBe(200);
    } finally {
      await again.stop();
    }
    expect(again.output()).not.toMatch(/director token was generated/);
    expect(again.output().includes(director) || again.output().includes(chairToken)).toBe(false);
  });
});

describe('the JSON log of a whole run (stdout not a terminal)', () => {
  it('logs each accepted command once with hall, actor, type, revision and latency, and holds no token or password', async () => {
    const dir = tempDir();
    const obsPassword = 'obs-password-that-must-stay-secret-42';
    const obsFile = join(dir, 'obs.json');
    // An OBS nobody listens on: the link is refused and retried, and its changes are logged.
    writeFileSync(
      obsFile,
      JSON.stringify({
        halls: {
          namba: {
            url: `ws://127.0.0.1:${await freePort()}`,
            passwordEnv: 'TEST_OBS_PASSWORD',
            scenes: { talk: 'Talk', qa: 'QA', break: 'Break', hold: 'Hold', idle: 'Idle', ended: 'Ended' },
            privacyScene: 'Privacy',
          },
        },
      }),
    );
    const metricsToken = 'metrics-token-that-must-stay-secret-42';
    const server = await startServer({
      env: { LECTERN_DIRECTOR_TOKEN: '', TEST_OBS_PASSWORD: obsPassword, LECTERN_METRICS_TOKEN: metricsToken },
      args: ['--obs', obsFile],
    });
    let director: string | undefined;
    let chairToken: string | undefined;
    let otherChair: string | undefined;
    try {
      const file = join(server.dataDir, 'director-token');
      // Written just after the "listening" line.
      await expect.poll(() => existsSync(file)).toBe(true);
      director = readFileSync(file, 'utf8').trim();
      const minted = await api(server.url, '/api/v1/tokens', {
        body: { hallId: 'namba', label: 'Chair Namba' },
        token: director,
      });
      chairToken = minted.body.token;
      const other = await api(server.url, '/api/v1/tokens', { body: { hallId: 'nakamozu' }, token: director });
      otherChair = other.body.token;
      expect((await command(server.url, 'namba', { type: 'next', commandId: 'press-0001' }, chairToken)).status).toBe(200);
      // A chair on another hall is refused (and its token is in the refusal's log line, if anywhere).
      expect((await command(server.url, 'namba', { type: 'next' }, otherChair)).status).toBe(403);
      // The same press again (a retry): answered, not applied or logged twice.
      expect((await command(server.url, 'namba', { type: 'next', commandId: 'press-0001' }, chairToken)).status).toBe(200);
      expect((await command(server.url, 'nakamozu', { type: 'hold' }, director)).status).toBe(200);
      expect((await command(server.url, 'namba', { type: 'next' }, `${chairToken}x`)).status).toBe(401);
      const socket = await connect(server.url, chairToken);
      await socket.timeout(3000).emitWithAck('hall:command', { hallId: 'namba', type: 'qa' });
      socket.close();
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).status).toBe(200);
      await api(server.url, `/api/v1/tokens/${minted.body.id}`, { method: 'DELETE', token: director });
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await server.stop();
    }
    if (!director || !chairToken || !otherChair) throw new Error('the run did not get its tokens');
    const output = server.output();
    const lines = output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const commands = lines.filter((line) => typeof line.type === 'string' && typeof line.latencyMs === 'number');
    expect(commands.map((line) => [line.hall, line.actor, line.type, line.revision])).toEqual([
      ['namba', 'Chair Namba', 'next', 1],
      ['nakamozu', 'Director', 'hold', 1],
      ['namba', 'Chair Namba', 'qa', 2],
    ]);
    expect(
      lines.some((line) => line.hall === 'namba' && typeof line.state === 'string' && /OBS link/.test(String(line.msg))),
    ).toBe(true);
    for (const secret of [director, chairToken, otherChair, obsPassword, metricsToken]) {
      expect(secret.length).toBeGreaterThan(20);
      expect(output.includes(secret) || output.includes(encodeURIComponent(secret))).toBe(false);
    }
    expect(output).not.toMatch(/lct_[cd]_[A-Za-z0-9_-]{8}/);
  });
});
