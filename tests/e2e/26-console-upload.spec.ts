import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Program } from '../../shared/index.js';
import { api } from '../support/http.js';
import { DIRECTOR_TOKEN, ROOT } from '../support/server.js';
import { expect, test } from './fixtures.js';

test.use({ serverOptions: { args: ['--clock', '2025-10-02T09:45:00+09:00'] } });

test('program upload from the console: a frab file replaces the program; a broken file is refused with its line', async ({
  page,
  server,
  pageErrors,
}) => {
  void pageErrors;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}/control/director?tab=program#token=${DIRECTOR_TOKEN}`);
  await expect(page.getByTestId('program-revision')).toHaveText('Program revision 1');

  // A broken file changes nothing and says where it breaks.
  await page.getByTestId('upload-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "event": {\n    "title": \n}'),
  });
  await page.getByTestId('upload-send').click();
  await expect(page.getByTestId('upload-error')).toContainText('Not imported');
  await expect(page.getByTestId('upload-error')).toContainText('line');
  await page.getByTestId('upload-error').screenshot({ path: join(ROOT, 'tests/.artifacts/screens/console-upload-error.png') });
  expect((await api<Program>(server.url, '/api/v1/program')).body.revision).toBe(1);

  // The 31C3 frab schedule: four halls, a new revision, and the console follows it.
  const frab = readFileSync(join(ROOT, 'tests/fixtures/frab-31c3-schedule.xml'));
  await page.getByTestId('upload-file').setInputFiles({ name: '31c3.xml', mimeType: 'application/xml', buffer: frab });
  await page.getByTestId('upload-send').click();
  await expect(page.getByTestId('upload-result')).toContainText('Program revision 2');
  await expect(page.getByTestId('upload-result')).toContainText('frab');
  await expect(page.getByTestId('upload-result')).toContainText('Saal 1');
  await expect(page.getByTestId('program-revision')).toHaveText('Program revision 2');
  // The panel moves to a hall of the new program, and lists the new revision.
  await expect(page.getByTestId('program-hall-saal-1')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('program-panel')).toContainText('Revision 2');
  await page.screenshot({ path: join(ROOT, 'tests/.artifacts/screens/console-upload.png') });
  const program = (await api<Program>(server.url, '/api/v1/program')).body;
  expect(program.halls.length).toBe(4);
  await page.getByTestId('tab-halls').click();
  await expect(page.locator('[data-testid^="hall-"][data-phase]')).toHaveCount(4);
});
