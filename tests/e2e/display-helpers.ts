import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from '../support/server.js';

/** Test programs made for the screens. */
export const STRESS_PROGRAM = join(ROOT, 'tests/fixtures/display-stress.program.json');
export const JAPANESE_PROGRAM = join(ROOT, 'tests/fixtures/display-ja.program.json');
export const CCC_PROGRAM = join(ROOT, 'tests/fixtures/31c3.program.json');

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };

/** The server's clock now (epoch ms). */
export async function serverTime(base: string): Promise<number> {
  const response = await fetch(`${base}/healthz`);
  return ((await response.json()) as { serverTime: number }).serverTime;
}

/** Waits until a display page shows a hall (or the lobby/live page has its program) and its fonts are in. */
export async function screenReady(page: Page): Promise<void> {
  await page.locator('[data-revision], .lobby, .live-page').first().waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Elements whose content spills out of their box (scroll size beyond client size), and whether the page itself
 * scrolls. Inline elements and CSS-ellipsis boxes (which cut visibly, by design) are not boxes that can spill.
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > innerWidth + 1 || root.scrollHeight > innerHeight + 1) {
      out.push(`page scrolls: ${root.scrollWidth}x${root.scrollHeight} in ${innerWidth}x${innerHeight}`);
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'contents' || style.textOverflow === 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}x${el.scrollHeight} > ${el.clientWidth}x${el.clientHeight}: ${(el.textContent ?? '').slice(0, 60)}`);
      }
    }
    return out;
  });
}

/** Text smaller than `minPx` CSS pixels (on a 1080p screen: nothing a hall must read under 28 px). */
export function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !(node.textContent ?? '').trim()) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < min - 0.5) out.push(`${size}px: ${(node.textContent ?? '').trim().slice(0, 50)}`);
    }
    return out;
  }, minPx);
}
