import { gzipSync } from 'node:zlib';
import { screenReady } from './display-helpers.js';
import { expect, test } from './fixtures.js';

// The screens' JavaScript before vue-i18n (issue 10): a screen must not load more than this. Exact sizes go to
// docs/benchmarks.md; this only holds the line, so a change that puts zod or all of Vue back on every screen fails.
const DISPLAY_JS_LIMIT = 329 * 1024;
const DISPLAY_JS_GZIP_LIMIT = 105 * 1024;

test('a screen loads no more JavaScript than before vue-i18n, and none of zod', async ({ page, server, pageErrors }) => {
  void pageErrors;
  const scripts = new Map<string, Buffer>();
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.set(response.url(), await response.body());
  });
  await page.goto(`${server.url}/display/hall/namba`);
  await screenReady(page);
  await expect.poll(() => scripts.size).toBeGreaterThan(0);

  const all = Buffer.concat([...scripts.values()]);
  test.info().annotations.push({
    type: 'display JS',
    description: `${(all.length / 1024).toFixed(1)} KiB, ${(gzipSync(all).length / 1024).toFixed(1)} KiB gzip in ${scripts.size} files`,
  });
  expect(all.length).toBeLessThanOrEqual(DISPLAY_JS_LIMIT);
  expect(gzipSync(all).length).toBeLessThanOrEqual(DISPLAY_JS_GZIP_LIMIT);
  // zod's error class names survive minification: none of them on a screen (pages trust the typed route map).
  expect(all.toString('utf8')).not.toContain('ZodError');
});
