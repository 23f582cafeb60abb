import { command } from '../support/http.js';
import { createScenes, freePort, programScene, startObs, type TestObs } from '../support/obs.js';
import {
  ALL_SCENES,
  ITEMS,
  PRIVACY_SCENE,
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

test.beforeAll(async () => {
  obs = await startObs();
  const client = await obs.client();
  await createScenes(client, ALL_SCENES, [TITLE_INPUT, SPEAKER_INPUT]);
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

test('the OBS status shows each hall, follows changes live, and switches manual and back to auto', async ({
  page,
  pageErrors,
}) => {
  void pageErrors;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${server.url}/control/obs#token=${encodeURIComponent(DIRECTOR_TOKEN)}`);
  const namba = page.getByTestId('obs-hall-namba');
  const nakamozu = page.getByTestId('obs-hall-nakamozu');
  await expect(namba.getByTestId('obs-link')).toHaveText('Connected');
  await expect(namba.getByTestId('obs-mode')).toHaveText('AUTO');
  await expect(namba.getByTestId('obs-scene')).toHaveText(SCENES.idle);
  await expect(nakamozu.getByTestId('obs-link')).toHaveText('OBS down');
  await expect(nakamozu).toContainText('cannot reach OBS');
  // A hall whose OBS is down or refused can be tried again at once; a connected one has no such button.
  await expect(namba.getByTestId('obs-retry')).toHaveCount(0);
  await nakamozu.getByTestId('obs-retry').click();
  await expect(nakamozu.getByTestId('obs-retry')).toBeEnabled();
  await expect(nakamozu.getByTestId('obs-link')).toHaveText('OBS down');
  await expect(page.locator('.load-error')).toHaveCount(0);

  // A chair's command: the program scene follows, and the page with it (obs:changed, no reload).
  expect((await command(server.url, 'namba', { type: 'goto', itemId: ITEMS.ong })).status).toBe(200);
  await expect(namba.getByTestId('obs-scene')).toHaveText(SCENES.talk);
  await page.screenshot({ path: 'tests/.artifacts/e2e/obs-status-auto.png' });

  await namba.getByTestId('obs-manual').click();
  await expect(namba.getByTestId('obs-mode')).toHaveText('MANUAL');
  expect((await command(server.url, 'namba', { type: 'qa' })).status).toBe(200);
  await expect(namba.getByTestId('obs-scene')).toHaveText(`${SCENES.talk} Lectern wants ${SCENES.qa}`);
  await page.screenshot({ path: 'tests/.artifacts/e2e/obs-status-manual.png' });
  const observer = await obs.client();
  expect(await programScene(observer)).toBe(SCENES.talk);

  await namba.getByTestId('obs-auto').click();
  await expect(namba.getByTestId('obs-mode')).toHaveText('AUTO');
  await expect(namba.getByTestId('obs-scene')).toHaveText(SCENES.qa);
  expect(await programScene(observer)).toBe(SCENES.qa);

  // Recording, then a do-not-record item: the page shows the pause Lectern made.
  await observer.call('StartRecord');
  await expect(namba.getByTestId('obs-record')).toContainText('REC');
  expect((await command(server.url, 'namba', { type: 'goto', itemId: ITEMS.jung })).status).toBe(200);
  await expect(namba.getByTestId('obs-record')).toContainText('PAUSED · privacy');
  await expect(namba.getByTestId('obs-scene')).toHaveText(PRIVACY_SCENE);
  await page.screenshot({ path: 'tests/.artifacts/e2e/obs-status-privacy.png' });
  await observer.call('StopRecord');
  await expect(namba.getByTestId('obs-record')).toHaveText('Off');
});

test('without the director token the page says how to open it', async ({ page, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/control/obs`);
  await expect(page.getByText('Open this page with the director link')).toBeVisible();
});
