import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright's own browser download does not work here (nor is it needed). */
export const CHROMIUM = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  // The numbered e2e specs, and the browser specs of the security suite (tests/security/*.spec.ts).
  testDir: '..',
  testMatch: /(e2e|security)\/\d+-.*\.spec\.ts$/,
  outputDir: '../.artifacts/e2e',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
