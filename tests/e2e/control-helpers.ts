import type { BrowserContext, Page } from '@playwright/test';
import type { LiveView } from '../../shared/index.js';
import { api } from '../support/http.js';
import type { TestServer } from '../support/server.js';
import { expect } from './fixtures.js';

/** Mints a chair token for a hall; answers the token and its panel link. */
export async function mintChair(
  server: TestServer,
  hallId: string,
  label?: string,
): Promise<{ id: string; token: string; url: string }> {
  const minted = await api(server.url, '/api/v1/tokens', { body: { hallId, ...(label ? { label } : {}) } });
  expect(minted.status).toBe(201);
  return minted.body;
}

/** A hall's live view over HTTP. */
export async function liveView(server: TestServer, hallId: string): Promise<LiveView> {
  return (await api<LiveView>(server.url, `/api/v1/halls/${hallId}/live`)).body;
}

/** Page errors of a context the fixture does not watch (one made with browser.newContext) go to the same list. */
export function watchErrors(context: BrowserContext, errors: string[]): void {
  const watch = (page: Page) => page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  context.pages().forEach(watch);
  context.on('page', watch);
}

/** Opens a chair panel link and waits until it shows the hall with the server clock. */
export async function openPanel(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('chair-panel')).toBeVisible();
  await expect(page.getByTestId('now-card')).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveAttribute('class', /on/);
}

/** The revision a panel shows. */
export async function panelRevision(page: Page): Promise<number> {
  return Number(await page.getByTestId('chair-panel').getAttribute('data-revision'));
}

/** Presses a key on the page (as a clicker or keyboard would) and waits for the press to be confirmed. */
export async function pressAndConfirm(page: Page, key: string): Promise<void> {
  const before = await panelRevision(page);
  await page.keyboard.press(key);
  await expect(page.getByTestId('status')).toHaveAttribute('data-fate', 'done');
  await expect.poll(() => panelRevision(page)).toBeGreaterThan(before);
}

/** Clicks a panel button and waits for the server's confirmation. */
export async function clickAndConfirm(page: Page, testid: string): Promise<void> {
  const before = await panelRevision(page);
  await page.getByTestId(testid).click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-fate', 'done');
  await expect.poll(() => panelRevision(page)).toBeGreaterThan(before);
}
