import { describe, expect, it } from 'vitest';
import type { LecternClientSocket } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { startServer, tempDir } from '../support/server.js';
import { connect } from '../support/socket.js';

// docs/guarantees.md, "Tokens are secrets": what the server prints over a whole session. The one token it may
// print is a generated director token, in the block of its first start; no chair token, ever, and nothing on
// a later start.

describe('tokens never reach the server output', () => {
  it('a generated director token is printed in one block at first start only; chair tokens never', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, env: { LECTERN_DIRECTOR_TOKEN: '' } });
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

    const again = await startServer({ dataDir, env: { LECTERN_DIRECTOR_TOKEN: '' } });
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
