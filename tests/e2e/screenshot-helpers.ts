import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from '../support/server.js';
import { overflowing, screenReady } from './display-helpers.js';
import { expect } from './fixtures.js';

/**
 * Screenshots of every page, both orientations, both languages. `LECTERN_SCREENSHOTS=update` writes them to
 * docs/screenshots/ (what the README shows); otherwise to tests/.artifacts/screenshots/, so a normal run never
 * touches the docs but still renders (and checks) every one.
 */
const OUT =
  process.env.LECTERN_SCREENSHOTS === 'update' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'tests/.artifacts/screenshots');
mkdirSync(OUT, { recursive: true });

/** Where a screenshot called `name` goes (for a spec that takes one of a page it already has open). */
export const screenshotPath = (name: string): string => join(OUT, `${name}.png`);

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };
/** Half resolution keeps the files small; the layout is the real 1080p one. */
export const SCALE = 0.5;
/** A stand-in for the camera picture behind the overlay. */
export const BEHIND_OVERLAY = encodeURIComponent('#3b4252');

/**
 * How to take one: `scrolls` (the page may scroll: a long page), `scrollTo` (a test id brought into view first),
 * `check: false` (only the picture, no spill check: the chair panel's cards clamp their titles by design), `locale`
 * (the browser's language: the public page follows it when the address has no ?lang=).
 */
export interface ShotOptions {
  scrolls?: boolean;
  check?: boolean;
  scrollTo?: string;
  locale?: string;
}

/** Opens `url` in a fresh tab of that size, checks nothing spills out of its box, and writes `name`.png. */
export async function shoot(
  page: Page,
  name: string,
  url: string,
  viewport: { width: number; height: number },
  scale = SCALE,
  options: ShotOptions = {},
): Promise<void> {
  const tab = await page
    .context()
    .browser()!
    .newPage({
      viewport,
      deviceScaleFactor: scale,
      timezoneId: 'Europe/Berlin',
      ...(options.locale ? { locale: options.locale } : {}),
    });
  try {
    await tab.goto(url);
    await screenReady(tab);
    await tab.waitForTimeout(400);
    // A web font that finished loading just now refits a title; the lists below it recount at the next frame
    // (ResizeObserver). Check the page as it is drawn then, not between the two.
    await tab.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    });
    const scrolls = options.scrolls ?? (url.includes('/live') || url.endsWith('/display'));
    if (options.check !== false) expect(await overflowing(tab, { scrolls }), name).toEqual([]);
    if (options.scrollTo) await tab.getByTestId(options.scrollTo).scrollIntoViewIfNeeded();
    await tab.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
  } finally {
    await tab.close();
  }
}
