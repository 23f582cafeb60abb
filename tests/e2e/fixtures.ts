import { test as base, expect, type Page } from '@playwright/test';
import { startServer, type TestServer, type TestServerOptions } from '../support/server.js';

/** Server flags a spec wants (override with `test.use({ serverOptions: ... })`). */
interface Fixtures {
  serverOptions: TestServerOptions;
  server: TestServer;
  /** Page errors and console errors seen in this test; the test fails if any. */
  pageErrors: string[];
}

/**
 * Every e2e test gets its own real server (own data folder, ephemeral port), and fails on any page error
 * in any page it opened.
 */
export const test = base.extend<Fixtures>({
  serverOptions: [{}, { option: true }],
  server: async ({ serverOptions }, use) => {
    const server = await startServer(serverOptions);
    await use(server);
    await server.stop();
  },
  pageErrors: async ({ context }, use) => {
    const errors: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(errors);
    expect(errors, 'page errors').toEqual([]);
  },
});

export { expect };
