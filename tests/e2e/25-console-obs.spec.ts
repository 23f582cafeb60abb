import { command } from '../support/http.js';
import { createScenes, freePort, startObs, type TestObs } from '../support/obs.js';
import {
  ALL_SCENES,
  ITEMS,
  SCENES,
  SPEAKER_INPUT,
  TITLE_INPUT,
  hallConfig,
  writeObsConfig,
  writeProgram,
} from '../support/obs-fixtures.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../support/server.js';
import { expect, test } from './fixtures.js';

let obs: TestObs;
let server: TestServer;

// A real OBS for one hall; the other hall's OBS address answers nothing.
test.beforeAll(async () => {
  obs = await startObs();
  await createScenes(await obs.client(), ALL_SCENES, [TITLE_INPUT, SPEAKER_INPUT]);
  const config = writeObsConfig({
    halls: {
      namba: hallConfig(obs.url, { passwordEnv: 'TEST_OBS_PASSWORD' }),
      nakamozu: hallConfig(`ws://127.0.0.1:${await freePort()}`, { passwordEnv: 'TEST_OBS_PASSWORD' }),
    },
  });
  server = await startServer({
    args: ['--clock', '2025-10-02T08:50:00+09:00', '--program', writeProgram(), '--obs', config],
    env: { TEST_OBS_PASSWORD: obs.password },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await obs?.stop();
});

test('each hall card shows its OBS live: link, program scene, and a hall whose OBS is down', async ({ page, pageErrors }) => {
  void pageErrors;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}/control/director#token=${DIRECTOR_TOKEN}`);
  const namba = page.getByTestId('hall-namba').getByTestId('obs-status');
  const nakamozu = page.getByTestId('hall-nakamozu').getByTestId('obs-status');
  await expect(namba).toHaveAttribute('data-state', 'connected');
  await expect(namba.getByTestId('obs-scene')).toHaveText(SCENES.idle);
  await expect(nakamozu.getByTestId('obs-link')).toHaveText('OBS down');

  // A command moves the scene; the card follows without a reload. The switch is a real OBS's, which on a loaded
  // 2-core CI machine once took longer than the default 5 s (the OBS integration tests allow 10 s too).
  expect((await command(server.url, 'namba', { type: 'goto', itemId: ITEMS.ong })).status).toBe(200);
  await expect(namba.getByTestId('obs-scene')).toHaveText(SCENES.talk, { timeout: 10_000 });
  await page.screenshot({ path: 'tests/.artifacts/screens/console-halls-obs.png' });

  // The OBS tab has the details and the auto/manual switch (the OBS page's component, on the console's socket).
  await page.getByTestId('tab-obs').click();
  await expect(page.getByTestId('obs-hall-namba').getByTestId('obs-link')).toHaveText('Connected');
  await page.getByTestId('obs-hall-namba').getByTestId('obs-manual').click();
  await page.getByTestId('tab-halls').click();
  await expect(namba).toContainText('MANUAL');
});

test('the OBS views draw their text in the bundled Noto Sans JP, as the rest of the console does', async ({
  page,
  pageErrors,
}) => {
  void pageErrors;
  for (const url of [
    `${server.url}/control/director?tab=obs#token=${encodeURIComponent(DIRECTOR_TOKEN)}`,
    `${server.url}/control/obs#token=${encodeURIComponent(DIRECTOR_TOKEN)}`,
  ]) {
    await page.goto(url);
    await expect(page.getByTestId('obs-hall-namba').getByTestId('obs-link')).toHaveText('Connected');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    for (const selector of ['[data-testid="obs-hall-namba"] h3', '[data-testid="obs-hall-namba"] [data-testid="obs-link"]']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      expect(nodeId, selector).toBeGreaterThan(0);
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      expect(fonts.length, selector).toBeGreaterThan(0);
      for (const font of fonts)
        expect([font.familyName, font.isCustomFont], `${selector} on ${url}`).toEqual([
          expect.stringMatching(/^Noto Sans JP/),
          true,
        ]);
    }
    await cdp.detach();
  }
});
